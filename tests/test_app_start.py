"""The app as the README starts it: with the background worker for exact
values on (the test suite turns it off everywhere else, see conftest)."""

from __future__ import annotations

import threading
from pathlib import Path

from streamlit.testing.v1 import AppTest

from netanalysis.store import ENV_DATABASE_URL

ROOT = Path(__file__).resolve().parents[1]


def test_the_app_starts_with_the_exact_job_worker_on(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_DATABASE_URL, f"sqlite:///{tmp_path / 'start.db'}")
    monkeypatch.setenv("NETWERKKAART_EXACT_JOBS", "on")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "nl"
    at.run()
    try:
        assert not at.exception, [e.message for e in at.exception]
        workers = [t for t in threading.enumerate() if t.name == "netwerkkaart-exact-jobs"]
        assert workers and workers[0].is_alive()
    finally:
        for worker in [t for t in threading.enumerate() if t.name == "netwerkkaart-exact-jobs"]:
            worker.stop()
