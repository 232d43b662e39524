"""AppTest of sign-in gating and the Beheer page (issue #18), each against its
own temporary SQLite database."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netanalysis.network import StakeholderNetwork
from netanalysis.store import ENV_DATABASE_URL, Store
from ui.auth import ENV_MODE

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv(ENV_DATABASE_URL, url)
    monkeypatch.delenv(ENV_MODE, raising=False)
    return url


def _texts(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in (at.title, at.markdown, at.caption, at.error, at.info, at.button)
                     for e in kind if hasattr(e, "value")) + "\n".join(b.label for b in at.button)


def test_an_anonymous_visitor_in_organisation_mode_sees_only_the_sign_in_page(database, monkeypatch):
    monkeypatch.setenv(ENV_MODE, "organisation")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "netwerkkaart", "client_secret": "geheim",
                          "server_metadata_url": "http://localhost:1/.well-known/openid-configuration"}
    at.run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Aanmelden"]
    assert [b.label for b in at.button] == ["Aanmelden"]
    assert "Versies" not in _texts(at) and "Netwerkkaart bevat persoonsgegevens" in _texts(at)


def test_organisation_mode_without_an_auth_section_says_what_is_missing(database, monkeypatch):
    monkeypatch.setenv(ENV_MODE, "organisation")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert "geen `[auth]`-sectie" in at.error[0].value


def test_local_mode_needs_no_sign_in_and_shows_the_administration_page(database):
    store = Store(database)
    store.save_network(StakeholderNetwork.from_tables([{"id": "a", "name": "Anouk"}]), name="Thuis")
    store.dispose()
    at = AppTest.from_file(str(ROOT / "pages" / "beheer.py"), default_timeout=TIMEOUT)
    at.session_state["lang"] = "nl"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Beheer"
    at.text_input(key="admin_subject").input("alice")
    at.text_input(key="admin_name").input("Alice de Vries")
    at.selectbox(key="admin_role").set_value("analist")
    at = at.button(key="FormSubmitter:admin_member_form-Rol toekennen").click().run()
    assert not at.exception
    members = at.dataframe[0].value
    assert members.values.tolist()[0][:3] == ["alice", "Alice de Vries", "analist"]
    audit = at.dataframe[-1].value
    assert list(audit["Actie"]) == ["rol toegekend", "opgeslagen"]


def test_a_corrupt_database_gives_a_dutch_message_and_the_app_recovers(tmp_path, monkeypatch):
    broken = tmp_path / "kapot.db"
    broken.write_bytes(b"dit is geen SQLite-bestand " * 200)
    monkeypatch.setenv(ENV_DATABASE_URL, f"sqlite:///{broken}")
    monkeypatch.delenv(ENV_MODE, raising=False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    at.switch_page("pages/versies.py").run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        "De database is nu niet bereikbaar of niet leesbaar. Er is niets half opgeslagen. "
        "Probeer het over een minuut opnieuw; blijft dit zo, meld het dan aan de beheerder."
    ]
    broken.unlink()  # the administrator restores the file (here: a fresh one)
    at.run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Versies en verloop"
