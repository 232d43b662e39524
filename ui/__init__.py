"""Streamlit-only helpers shared by the pages.

Pages stay thin: they read the active network and the language from here,
call the cached analysis wrappers, and render. Everything in this package
may import streamlit; :mod:`netanalysis` never does.

Session state keys (plain keys, never widget keys, so values survive pages
that do not render the widget):

``lang``
    "nl" or "en".
``network``
    The active :class:`~netanalysis.network.StakeholderNetwork`.
``network_source``
    Where it came from, for display ("demo", a file name, a version).

Both mirror the user's concept in the store (:mod:`ui.draft`), which
outlives the session.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from netanalysis.i18n import DEFAULT_LANGUAGE, normalise_language
from netanalysis.network import StakeholderNetwork

from .text import UI

__all__ = [
    "ROOT",
    "lang",
    "t",
    "set_language",
    "active_network",
    "set_active_network",
    "demo_network",
    "require_network",
    "show_unexpected",
    "escape_markdown",
    "use_app_navigation",
]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def lang() -> str:
    """The interface language of this session."""
    return normalise_language(st.session_state.get("lang", DEFAULT_LANGUAGE))


def set_language(code: str) -> None:
    st.session_state["lang"] = normalise_language(code)


def t(key: str, /, **fields) -> str:
    """An interface string in the session's language."""
    return UI.text(key, lang(), **fields)


@st.cache_resource(show_spinner=False)
def demo_network() -> StakeholderNetwork:
    """The demo municipality, read once per server from ``data/``.

    Shared by every session: a StakeholderNetwork is never changed in place
    (every edit returns a new one), so sharing it is safe.
    """
    from netanalysis import io

    result = io.load([DATA / "stakeholders.csv", DATA / "relations.csv"])
    if result.network is None:
        # The committed demo files are tested; if they are broken on disk,
        # regenerate in memory rather than showing an empty app.
        from netanalysis import demo

        return demo.build_demo()
    return result.network.renamed("Gemeente Voorbeeldstad")


def active_network() -> StakeholderNetwork:
    """The user's concept (see :mod:`ui.draft`); the demo when they have none."""
    if "network" not in st.session_state:
        from . import draft

        draft.sync()
    if "network" not in st.session_state:
        st.session_state["network"] = demo_network()
        st.session_state["network_source"] = "demo"
    return st.session_state["network"]


def set_active_network(network: StakeholderNetwork, source: str, **options) -> bool:
    """Make ``network`` the active network (every page follows), saved as the
    user's concept: one undo step that replaces what was there (see
    :func:`ui.draft.replace` for ``options``). Returns whether it was saved."""
    from . import draft

    return draft.replace(network, source, **options)


def require_network(*, need_relations: bool = True) -> StakeholderNetwork | None:
    """The active network, or ``None`` after showing a helpful message when it
    is too small for the page."""
    network = active_network()
    if len(network) == 0:
        st.info(t("empty_network"))
        return None
    if need_relations and len(network.relations) == 0:
        st.info(t("no_relations"))
        return None
    return network


def show_unexpected(error: BaseException) -> None:
    """Report an unforeseen error in plain language, never as a traceback."""
    st.error(t("unexpected_error", kind=type(error).__name__))


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


def escape_markdown(text: object) -> str:
    """User text made inert for ``st.markdown``: no links, images, HTML or
    formatting (an image link in a name would otherwise be fetched from the
    internet by every viewer's browser)."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def use_app_navigation() -> None:
    """Make a deep link run through ``app.py``'s navigation.

    A ``pages/`` folder next to ``app.py`` starts Streamlit in its legacy
    multipage mode: until ``st.navigation`` has been called once in the
    process, a deep link (a workshop QR code, ``/meedoen?code=...``) runs the
    page on its own, without ``app.py``'s language switch, sidebar and page
    names. Every page calls this first. In legacy mode it runs ``app.py`` in
    place, whose ``st.navigation`` switches the process to the new mode and
    runs the requested page within the same script run (so a click is not
    lost to a rerun), and then stops the legacy run.
    """
    import runpy

    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        runpy.run_path(str(ROOT / "app.py"), run_name="__main__")
        st.stop()
