"""The database, shared by every session of this server."""

from __future__ import annotations

import streamlit as st

from netanalysis.access import LOCAL_USER
from netanalysis.store import Store

__all__ = ["store"]


@st.cache_resource(show_spinner=False)
def _store(url: str | None, organisation: bool) -> Store:
    # In organisation mode the store has no default user: a call that
    # forgets to pass the signed-in user is refused instead of acting as admin.
    return Store(url, default_actor=None if organisation else LOCAL_USER)


def store() -> Store:
    """The app's store: SQLite under ``data/`` by default, or the database in
    ``NETWERKKAART_DATABASE_URL``. One engine (and pool) per server process."""
    from netanalysis.store import default_database_url
    from ui.auth import organisation_mode

    return _store(default_database_url(), organisation_mode())
