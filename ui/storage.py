"""The database, shared by every session of this server."""

from __future__ import annotations

import streamlit as st

from netanalysis.store import Store

__all__ = ["store"]


@st.cache_resource(show_spinner=False)
def _store(url: str | None) -> Store:
    return Store(url)


def store() -> Store:
    """The app's store: SQLite under ``data/`` by default, or the database in
    ``NETWERKKAART_DATABASE_URL``. One engine (and pool) per server process."""
    from netanalysis.store import default_database_url

    return _store(default_database_url())
