"""The map's page shell: a standalone, offline HTML page around vis-network.

Both the node-by-node map (:func:`netanalysis.maps.network_html`) and the
community overview (:func:`netanalysis.overview.community_overview_html`)
fill in this one page (``templates/map.html.j2``, rendered by
:mod:`netanalysis.templating`): vis-network inline, a Content-Security-Policy
that forbids every other source, the legend strip, the fit and export
buttons, and the friendly page for an empty network.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from markupsafe import Markup

from .i18n import Messages, normalise_language
from .schema import type_label
from .style import TYPE_STYLE
from .templating import render

__all__ = ["CSP", "MESSAGES", "check_height", "map_page", "vis_network_js"]

MESSAGES = Messages(
    {
        "page_title": {"nl": "Netwerkkaart", "en": "Network map"},
        "empty": {
            "nl": "Er is nog niets om te tonen: dit netwerk heeft nog geen betrokkenen. "
            "Voeg betrokkenen en relaties toe, of kies een ander filter.",
            "en": "Nothing to show yet: this network has no stakeholders. "
            "Add stakeholders and relations, or choose another filter.",
        },
        "legend": {"nl": "Legenda", "en": "Legend"},
        "tools": {"nl": "Kaart bewaren of passend maken", "en": "Save or fit the map"},
        "fit": {"nl": "Passend", "en": "Fit"},
        "fit_help": {"nl": "Toon de hele kaart", "en": "Show the whole map"},
        "png_help": {"nl": "Bewaar wat je ziet als PNG-afbeelding", "en": "Save the current view as a PNG image"},
        "svg_help": {"nl": "Bewaar wat je ziet als SVG-afbeelding (schaalbaar)",
                     "en": "Save the current view as an SVG image (scalable)"},
    }
)


@functools.lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network 9.1.2 as shipped in the pinned pyvis package.

    Located without importing pyvis (whose import pulls in IPython and
    Jinja). The licence header is kept, as Apache-2.0/MIT require; its URLs
    are text in a comment and load nothing.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or spec.origin is None:
        raise RuntimeError("pyvis is not installed: it ships the vis-network script the map embeds")
    path = Path(spec.origin).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    script = path.read_text(encoding="utf-8")
    if "</script" in script.lower() or "<!--" in script:
        raise RuntimeError(f"{path} contains a sequence that would end an inline script")
    return script


#: The page's Content-Security-Policy: every source is inline; nothing may be
#: fetched, framed, or posted anywhere.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


def map_page(payload: Mapping[str, Any] | None, *, lang: str = "nl", title: str | None = None,
             legend_types: Iterable[str] = (), legend_extras: Iterable[Mapping[str, Any]] = (),
             presentation: bool = False, height_px: int = 650, tools: bool = True) -> str:
    """A standalone, offline page that draws ``payload`` with vis-network.

    The one page both :func:`network_html` and
    :func:`netanalysis.overview.community_overview_html` fill in
    (``templates/map.html.j2``).

    Parameters
    ----------
    payload : mapping or None
        ``{"nodes", "edges", "options", "focus", "view"}`` for
        vis-network (``view``: ``fit``, the node ids to fit the view to, all
        when empty; ``maxLabelPx``; ``labelBudget``; ``fileName`` of
        exports), with a ``card`` (``{"title", "rows"}``, plain text) per
        node and edge for its hover card. ``None`` gives the friendly page
        saying there is nothing to show yet.
    lang : {"nl", "en"}
    title : str, optional
        The page title, also read out as the map's label.
    legend_types : iterable of str
        Stakeholder types in the legend, each with its colour and shape.
    legend_extras : iterable of mapping
        Further legend entries, ``{"shape", "fill", "stroke", "width",
        "dashed", "label"}``; shape ``"line"`` draws a tie.
    presentation, height_px
        As in :func:`network_html`.
    tools : bool
        Buttons on the map to fit it and to save the view as PNG or SVG
        (left out in presentation mode: a beamer shows the map only).
    """
    lang = normalise_language(lang)
    height_px = check_height(height_px)
    page = {"lang": lang, "csp": Markup(CSP), "height": height_px,  # CSP is ours: kept readable
            "legend_font": 18 if presentation else 13, "card_font": 18 if presentation else 13,
            "beamer": presentation}
    if payload is None:
        return render("map.html.j2", title=MESSAGES.text("page_title", lang), empty=MESSAGES.text("empty", lang), **page)
    entries = [
        {"shape": TYPE_STYLE[key].shape, "fill": TYPE_STYLE[key].colour, "stroke": "#333333", "width": 1,
         "dashed": False, "label": type_label(key, lang)}
        for key in legend_types
    ]
    title = title or MESSAGES.text("page_title", lang)
    toolbar = None
    if tools and not presentation:
        toolbar = {key: MESSAGES.text(message, lang) for key, message in
                   (("label", "tools"), ("fit", "fit"), ("fit_help", "fit_help"), ("png_help", "png_help"),
                    ("svg_help", "svg_help"))}
    return render(
        "map.html.j2", title=title, empty=None, summary=title, payload=payload, tools=toolbar,
        legend={"title": MESSAGES.text("legend", lang), "entries": entries + list(legend_extras)},
        # Trusted markup: vis_network_js checks it cannot end the script.
        vis=Markup(vis_network_js()), **page,
    )


def check_height(height_px: int) -> int:
    """``height_px`` as a whole number of pixels, or a clear ValueError."""
    if isinstance(height_px, bool) or not isinstance(height_px, (int, np.integer)) or not 100 <= height_px <= 10_000:
        raise ValueError(f"height_px must be a whole number of pixels between 100 and 10000, not {height_px!r}")
    return int(height_px)
