"""The map in the app: a two-way Streamlit component (``st.components.v2``).

The map page (:mod:`netanalysis.maps`) runs in a sandboxed iframe built by
``bridge.js``; a click on a stakeholder comes back to Python as the
stakeholder's id. The component is inline JavaScript shipped in this folder:
no build step, nothing fetched from the internet.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

__all__ = ["map_frame"]

_BRIDGE = (Path(__file__).parent / "bridge.js").read_text(encoding="utf-8")
_COMPONENT = st.components.v2.component("netwerkkaart_map", js=_BRIDGE, isolate_styles=False)


def _ignore() -> None:
    """Trigger values are read from the result; the callback only registers the event."""


def map_frame(html: str, *, height: str, title: str, key: str) -> str | None:
    """Show a map page and return the id of the stakeholder clicked in this
    rerun, or ``None``.

    Parameters
    ----------
    html : str
        A page from :func:`netanalysis.maps.network_html` or
        :func:`netanalysis.overview.community_overview_html`.
    height : str
        CSS height of the frame, e.g. ``"560px"`` or
        ``"calc(100vh - 220px)"``: the map fits itself to it.
    title : str
        The frame's accessible name.
    key : str
        Streamlit key: one per map on a page.
    """
    result = _COMPONENT(key=key, data={"html": html, "height": height, "title": title},
                        on_clicked_change=_ignore, height="content")
    return result.clicked
