"""The database, shared by every session of this server."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from netanalysis.access import LOCAL_USER
from netanalysis.store import Store

__all__ = ["store", "start_exact_jobs", "storage_faults", "FAULT_MESSAGE"]

FAULT_MESSAGE = {
    "nl": "De database is nu niet bereikbaar of niet leesbaar. Er is niets half opgeslagen. "
          "Probeer het over een minuut opnieuw; blijft dit zo, meld het dan aan de beheerder.",
    "en": "The database cannot be reached or read right now. Nothing was half saved. "
          "Try again in a minute; if this persists, tell the administrator.",
}
_log = logging.getLogger("netwerkkaart.storage")


@st.cache_resource(show_spinner=False)
def _store(url: str | None, organisation: bool, rate_limits: tuple) -> Store:
    # In organisation mode the store has no default user: a call that
    # forgets to pass the signed-in user is refused instead of acting as admin.
    return Store(url, default_actor=None if organisation else LOCAL_USER, rate_limits=dict(rate_limits))


def store() -> Store:
    """The app's store: SQLite under ``data/`` by default, or the database in
    ``NETWERKKAART_DATABASE_URL``. One engine (and pool) per server process."""
    from netanalysis.store import default_database_url
    from ui.auth import organisation_mode
    from ui.room import rate_limits

    return _store(default_database_url(), organisation_mode(), tuple(sorted(rate_limits().items())))


@st.cache_resource(show_spinner=False)
def _exact_runner(url: str, organisation: bool):
    from netanalysis.exact_jobs import ExactJobRunner

    # The same store (and pool) the pages use: store() is keyed on the same settings.
    runner = ExactJobRunner(store(), url)
    runner.start()
    return runner


def start_exact_jobs() -> None:
    """Start this server's background worker for the exact values of large
    saved versions (once per process; it polls the store and starts each job
    in a low-priority process of its own, see :mod:`netanalysis.exact_jobs`).
    ``NETWERKKAART_EXACT_JOBS=off`` leaves it to ``python -m netanalysis exact``
    elsewhere (e.g. a scheduler on a separate machine)."""
    import os

    from netanalysis.store import default_database_url
    from ui.auth import organisation_mode

    if os.environ.get("NETWERKKAART_EXACT_JOBS", "on").lower() in ("off", "0", "no"):
        return
    _exact_runner(default_database_url(), organisation_mode())


@contextmanager
def storage_faults() -> Iterator[None]:
    """Show a storage fault (database down, corrupt or read-only file, full disk)
    as a message in the user's language and stop the run, instead of
    Streamlit's English error box with links to the internet. The next run
    tries again, so the app recovers once the fault is gone."""
    try:
        yield
    except (SQLAlchemyError, sqlite3.Error, OSError) as error:
        _log.error("storage fault: %s: %s", type(error).__name__, error)
        lang = st.session_state.get("lang", "nl")
        st.error(FAULT_MESSAGE.get(lang, FAULT_MESSAGE["nl"]))
        st.stop()
