"""The network map as a standalone, offline HTML page, returned as a string.

The map is what people look at first, on a laptop or a beamer, often inside
a municipal network without internet access, and its labels come from
residents and workshop participants. So the page

* embeds vis-network inline (read from the pinned pyvis package) and loads
  nothing from elsewhere; a Content-Security-Policy forbids any other source;
* never turns user text into HTML: node data goes in as JSON with ``<``,
  ``>`` and ``&`` escaped, and hover cards are built in the browser with
  ``textContent``. pyvis's template is not used, because it inserts
  ``heading`` raw and switches every tooltip to ``innerHTML`` as soon as one
  title contains "href";
* uses positions computed in Python (:mod:`netanalysis.layout`) with physics
  off, so a rerun shows the same picture and a large map is there at once.

The page shell (vis-network inline, the CSP, legend and buttons) is
:mod:`netanalysis.map_page`; the same map as a table for screen readers is
:mod:`netanalysis.map_words`; colours and shapes come from
:mod:`netanalysis.style`. :func:`map_highlights` is the one rule for what the
map marks. Graphs larger than :data:`COMMUNITY_THRESHOLD` are best shown
with :func:`netanalysis.overview.community_overview_html` (one node per
community), with a drill-down through :func:`network_html` on one
community's subgraph.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from .i18n import Messages, format_decimal, normalise_language, shorten
from .layout import (COMMUNITY_THRESHOLD, complete_positions, layout_positions, node_key, separate_on_screen,
                     spread_for_labels)
from .map_page import check_height, map_page
from .schema import STAKEHOLDER_TYPES, relation_type_label, type_label
from .style import COMMUNITY_COLOURS, COMMUNITY_OTHER, HIGHLIGHT_COLOURS, TYPE_STYLE, darker, style_key

__all__ = [
    "COMMUNITY_THRESHOLD",
    "FRESH_SECONDS",
    "HAIRLINES_ABOVE",
    "MESSAGES",
    "MAP_BROKERS",
    "MAP_SUGGESTIONS",
    "map_highlights",
    "map_label",
    "network_html",
]

MESSAGES = Messages(
    {
        "map_summary": {
            "nl": "Netwerkkaart met {nodes} betrokkenen en {edges} relaties",
            "en": "Network map with {nodes} stakeholders and {edges} relations",
        },
        "name": {"nl": "Naam", "en": "Name"},
        "type": {"nl": "Type", "en": "Type"},
        "organisation": {"nl": "Organisatie", "en": "Organisation"},
        "area": {"nl": "Wijk", "en": "Area"},
        "themes": {"nl": "Thema's", "en": "Themes"},
        "role": {"nl": "Rol", "en": "Role"},
        "degree": {"nl": "Verbindingen", "en": "Connections"},
        "size_value": {"nl": "Waarde (grootte)", "en": "Value (size)"},
        "highlight": {"nl": "Opvallend", "en": "Notable"},
        "broker": {"nl": "makelaar", "en": "broker"},
        "cut_point": {"nl": "snijpunt (zonder deze betrokkene valt het netwerk uiteen)",
                      "en": "cut point (without this stakeholder the network falls apart)"},
        "isolated": {"nl": "geïsoleerd initiatief", "en": "isolated initiative"},
        "legend_broker": {"nl": "makelaar of snijpunt (dikke rand)", "en": "broker or cut point (thick border)"},
        "legend_isolated": {"nl": "geïsoleerd initiatief (oranje stippelrand)",
                            "en": "isolated initiative (orange dashed border)"},
        "legend_bridge": {"nl": "brug (enige verbinding tussen twee delen; dikke oranje lijn)",
                          "en": "bridge (only tie between two parts; thick orange line)"},
        "legend_fresh": {"nl": "net toegevoegd (lichtblauwe gloed)", "en": "just added (light blue glow)"},
        "legend_suggestion": {"nl": "voorgestelde verbinding (gestippeld)", "en": "suggested connection (dashed)"},
        "relation": {"nl": "Relatie", "en": "Relation"},
        "strength": {"nl": "Sterkte", "en": "Strength"},
        "since": {"nl": "Sinds", "en": "Since"},
        "bridge": {"nl": "brug", "en": "bridge"},
        "suggestion": {"nl": "Voorgestelde verbinding", "en": "Suggested connection"},
        "strength_word": {"nl": "sterkte", "en": "strength"},
        "colour_community": {"nl": "kleur = gemeenschap, vorm = type", "en": "colour = community, shape = type"},
    }
)


# -- what the map marks ----------------------------------------------------------------

#: Brokers the map marks: 4 % of the ranked stakeholders, at least
#: MAP_BROKERS[0] and at most MAP_BROKERS[1]. A black border only stands out
#: on a few nodes; ten is also the length of the report's broker table, so
#: from 250 stakeholders on the map marks exactly the people the table lists.
MAP_BROKERS = (3, 10)
#: Suggested connections the map draws: the ten the report lists.
MAP_SUGGESTIONS = 10
#: How long the newest entries of a live map pulse (``fresh``): long enough
#: to be seen from the back of the room, short enough to be over before
#: the next entry arrives in a quiet moment.
FRESH_SECONDS = 12

#: Above this many stakeholders every tie is one screen pixel wide and its
#: strength is its shade (light grey for 1 to dark grey for 5) instead of
#: its width: a browser without a graphics card draws thousands of
#: one-pixel lines in one go, and wider ones one by one (benchmarks/README.md,
#: "The map in Chromium").
HAIRLINES_ABOVE = 1000
_HAIRLINE_SHADES = ("#D2D2D2", "#BEBEBE", "#AAAAAA", "#969696", "#828282")
#: Added to a fresh entry's rank: its name is placed before any other.
_FRESH_RANK = 1e12


def map_highlights(
    brokers: pd.DataFrame | None = None,
    suggestions: pd.DataFrame | Iterable[Mapping[str, Any]] | None = None,
    isolated_initiatives: Iterable[Mapping[str, Any]] | None = None,
) -> dict[str, list]:
    """What the map marks, decided once for the dashboard and the report.

    Parameters
    ----------
    brokers : pandas.DataFrame, optional
        The ranked broker table (:func:`netanalysis.brokers.broker_table`),
        indexed by stakeholder id, with an ``is_cut_point`` column.
    suggestions : pandas.DataFrame or iterable of mappings, optional
        Ranked missing connections with ``source``, ``target`` and ``reason``
        (:func:`netanalysis.suggest.suggest_connections`).
    isolated_initiatives : iterable of mappings, optional
        Rows with an ``id`` (``gap_summary(G)["isolated_initiatives"]``).

    Returns
    -------
    dict
        ``brokers``: the first ``n // 25`` of the ``n`` ranked brokers,
        at least 3 and at most 10 (:data:`MAP_BROKERS`); ``cut_points``: the
        stakeholders the broker table flags as cut points; ``isolated``:
        every isolated initiative; ``suggestions``: the first 10
        (:data:`MAP_SUGGESTIONS`) as ``(source, target, reason)``. Pass them
        to :func:`network_html` as ``highlight`` and ``suggestions``.

    Examples
    --------
    >>> table = pd.DataFrame({"is_cut_point": [True, False, False, False]}, index=list("abcd"))
    >>> marks = map_highlights(table, isolated_initiatives=[{"id": "e"}])
    >>> marks["brokers"], marks["cut_points"], marks["isolated"], marks["suggestions"]
    (['a', 'b', 'c'], ['a'], ['e'], [])
    """
    marks: dict[str, list] = {"brokers": [], "cut_points": [], "isolated": [], "suggestions": []}
    if brokers is not None and len(brokers):
        low, high = MAP_BROKERS
        marks["brokers"] = list(brokers.index[: max(low, min(high, len(brokers) // 25))])
        if "is_cut_point" in brokers.columns:
            marks["cut_points"] = list(brokers.index[brokers["is_cut_point"].fillna(False).astype(bool)])
    if suggestions is not None:
        rows = suggestions.head(MAP_SUGGESTIONS).to_dict("records") if isinstance(suggestions, pd.DataFrame) \
            else list(suggestions)[:MAP_SUGGESTIONS]
        marks["suggestions"] = [(row["source"], row["target"], row.get("reason")) for row in rows]
    marks["isolated"] = [row["id"] for row in isolated_initiatives or ()]
    return marks


# -- node and edge data ----------------------------------------------------------------

_LABEL_LIMIT = 40
_CARD_LIMIT = 300


def _text(value: Any) -> str | None:
    """Readable text of an attribute, or None when it is missing."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple, set, frozenset)):
        words = [str(v) for v in value if v is not None and str(v).strip()]
        return ", ".join(words) if words else None
    text = str(value).strip()
    return text or None


def map_label(G: nx.Graph, node: Hashable) -> str:
    """The name the map shows for ``node``: its name (its id when it has
    none), cut to 40 characters.

    >>> G = nx.Graph(); G.add_node("a", name=" Anouk "); G.add_node("b")
    >>> map_label(G, "a"), map_label(G, "b")
    ('Anouk', 'b')
    """
    return shorten(_text(G.nodes[node].get("name")) or str(node), _LABEL_LIMIT)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _sizes(G: nx.Graph, size_by: Mapping[Hashable, Any] | None, low: float, high: float) -> dict[Hashable, float]:
    if size_by is None or len(size_by) == 0:
        middle = (low + high) / 2 * 0.7
        return dict.fromkeys(G, middle)
    values = {node: _number(size_by.get(node)) for node in G}
    known = [v for v in values.values() if v is not None]
    if not known or max(known) == min(known):
        return {node: (low + high) / 2 * 0.7 for node in G}
    smallest, largest = min(known), max(known)
    # Area, not radius, should grow with the value: the eye compares areas.
    return {
        node: low if value is None else low + (high - low) * math.sqrt((value - smallest) / (largest - smallest))
        for node, value in values.items()
    }


def _node_card(G: nx.Graph, node: Hashable, data: Mapping[str, Any], lang: str, notes: list[str],
               size_value: float | None) -> dict[str, Any]:
    rows = [(MESSAGES.text("type", lang), type_label(style_key(data.get("type")), lang))]
    for key in ("organisation", "area", "themes", "role"):
        text = _text(data.get(key))
        if text:
            rows.append((MESSAGES.text(key, lang), shorten(text, _CARD_LIMIT)))
    rows.append((MESSAGES.text("degree", lang), str(G.degree(node))))
    if size_value is not None:
        rows.append((MESSAGES.text("size_value", lang), format_decimal(size_value, lang, 3, significant=True)))
    if notes:
        rows.append((MESSAGES.text("highlight", lang), "; ".join(notes)))
    name = _text(data.get("name")) or str(node)
    # Plain text on purpose: the page sets it with textContent, so escaping
    # here would show "Bakker &amp; Zn" instead of "Bakker & Zn".
    return {"title": shorten(name, _CARD_LIMIT), "rows": [[term, value] for term, value in rows]}


def _edge_card(G: nx.Graph, u: Hashable, v: Hashable, data: Mapping[str, Any], lang: str, *,
               bridge: bool) -> dict[str, Any]:
    """The hover card of a tie: "A — B: samenwerking, sterkte 4", plain text."""
    types = data.get("types") or []
    label = ", ".join(relation_type_label(t, lang) for t in types) or MESSAGES.text("relation", lang)
    strength = _number(data.get("strength", data.get("weight")))
    if strength is not None:
        label += f", {MESSAGES.text('strength_word', lang)} {format_decimal(strength, lang, 3, significant=True)}"
    ends = " — ".join(map_label(G, n) for n in (u, v))
    rows = []
    since = _text(data.get("since"))
    if since:
        rows.append((MESSAGES.text("since", lang), shorten(since, 40)))
    if bridge:
        rows.append((MESSAGES.text("highlight", lang), MESSAGES.text("bridge", lang)))
    return {"title": f"{ends}: {label}", "rows": [[t, v] for t, v in rows]}


def _community_colours(membership: Mapping[Hashable, Hashable], G: nx.Graph) -> dict[Hashable, str]:
    """A colour per node by its community: the largest communities (in ``G``)
    get the distinct colours of :data:`COMMUNITY_COLOURS`, the rest grey."""
    sizes: dict[Hashable, int] = {}
    for node in G:
        if node in membership:
            sizes[membership[node]] = sizes.get(membership[node], 0) + 1
    order = sorted(sizes, key=lambda c: (-sizes[c], node_key(c)))
    colour = {c: COMMUNITY_COLOURS[i] for i, c in enumerate(order[: len(COMMUNITY_COLOURS)])}
    return {node: colour.get(membership.get(node), COMMUNITY_OTHER) for node in G if node in membership}


def _edge_key(u: Hashable, v: Hashable) -> frozenset:
    return frozenset((u, v))


def network_html(
    G: nx.Graph,
    *,
    lang: str = "nl",
    size_by: Mapping[Hashable, Any] | None = None,
    highlight: Mapping[str, Any] | None = None,
    suggestions: Iterable[tuple[Hashable, Hashable, str]] | None = None,
    positions: Mapping[Hashable, tuple[float, float]] | None = None,
    presentation: bool = False,
    height_px: int = 650,
    colour_by: Mapping[Hashable, Hashable] | None = None,
    fit_to: Iterable[Hashable] | None = None,
    tools: bool = True,
    fresh: Iterable[Hashable] | None = None,
) -> str:
    """The network map as a complete, standalone, offline HTML page.

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry the stakeholder attributes of
        :meth:`StakeholderNetwork.to_graph` (``name``, ``type``,
        ``organisation``, ``themes``, ``area``, ``role``); edges ``strength``
        (or ``weight``), ``types`` and ``since``. Missing attributes are
        fine.
    lang : {"nl", "en"}
        Language of the legend and hover cards.
    size_by : mapping, optional
        ``{node: value}`` (e.g. betweenness). Node area grows with the
        value, between 8 and 24 px across on screen when the map is fitted
        to its frame (12-36 px in presentation mode), whatever the
        network's size; nodes without a finite value get the smallest size.
        ``None``: one size for all. The value also decides whose names are
        shown first (by degree without it).
    highlight : mapping, optional
        Keys (all optional): ``"brokers"``, ``"cut_points"`` and
        ``"isolated"`` (sets of nodes), ``"bridges"`` (pairs ``(u, v)``, in
        either order) and ``"focus"`` (a node, selected and fitted into
        view with its neighbours).
        Brokers and cut points get a thick black border, isolated
        stakeholders an orange (vermillion) dashed border, bridges a thicker
        orange line; the legend names these colours as it shows them.
        Nodes and pairs not in ``G`` are ignored.
    suggestions : iterable of (u, v, label), optional
        Suggested connections, drawn as dashed grey lines; the label (a
        reason) shows when hovering the line. Pairs with a node not in ``G``
        are skipped.
    positions : mapping, optional
        ``{node: (x, y)}``, e.g. from a cached :func:`layout_positions` of
        the whole network, so a filtered view keeps everyone in place.
        Nodes without a position are put next to their neighbours. Computed
        with :func:`layout_positions` when omitted. Physics is always off:
        the map appears at once and stays where it is.
    presentation : bool
        For a beamer: larger labels and nodes, thicker lines, a
        high-contrast label outline, a compact legend, no buttons.
    height_px : int
        The least height of the map in pixels (100-10000); it fills its
        frame (or the window) when that is taller.
    colour_by : mapping, optional
        ``{node: community}``: nodes are coloured by community (the twelve
        largest apart, :data:`~netanalysis.style.COMMUNITY_COLOURS`) and
        keep their type's shape. ``None``: coloured by type.
    fit_to : iterable of nodes, optional
        The view is fitted to these nodes (e.g. a person and their
        contacts); to the whole map when omitted. With ``focus`` and no
        ``fit_to``, the focus and its neighbours.
    tools : bool
        Buttons on the map: fit, save as PNG, save as SVG.
    fresh : iterable of nodes, optional
        The newest entries, e.g. who joined a live workshop map since its
        last refresh: for :data:`FRESH_SECONDS` after the page is drawn they
        pulse with a sky-blue halo, and their names are shown first. The
        map fits itself to everyone each time it is drawn, so a growing map
        stays whole on the beamer.

    Returns
    -------
    str
        The HTML page. It references no external resource, and user text
        never reaches an HTML sink: node data is embedded as JSON with
        ``<``, ``>`` and ``&`` escaped, and hover cards are built with
        ``textContent``. An empty graph gives a page with a short message.

    Notes
    -----
    Names are placed by the page, in screen space after fitting: the most
    important stakeholder first, and a name only where its box does not
    overlap one already placed; zooming in places more. Every node's name
    is on its hover card. Labels are cut to 40 characters and card values
    to 300; the full text stays in the data tables.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", name="<b>Anouk</b>", type="civil_servant")
    >>> page = network_html(G)
    >>> page.startswith("<!DOCTYPE html>") and "<b>Anouk" not in page
    True
    """
    lang = normalise_language(lang)
    height_px = check_height(height_px)
    if G.number_of_nodes() == 0:
        return map_page(None, lang=lang, presentation=presentation, height_px=height_px)
    highlight = dict(highlight or {})
    brokers = set(highlight.get("brokers") or ()) & set(G)
    cut_points = set(highlight.get("cut_points") or ()) & set(G)
    isolated = set(highlight.get("isolated") or ()) & set(G)
    bridges = {_edge_key(u, v) for u, v in (highlight.get("bridges") or ()) if G.has_edge(u, v)}
    focus = highlight.get("focus")
    if focus is not None and focus not in G:
        focus = None
    fresh = set(fresh or ()) & set(G)

    layout = complete_positions(G, positions) if positions is not None else layout_positions(G)
    # Sizes are screen pixels once the map is fitted to its frame (the page
    # rescales them to the fitted zoom), so the smallest stakeholder stays
    # visible at every network size: a radius of 4 px is an 8 px mark.
    low, high = (6.0, 18.0) if presentation else (4.0, 12.0)
    sizes = _sizes(G, size_by, low, high)
    font_low, font_high = (20.0, 28.0) if presentation else (12.0, 16.0)
    # A small map is drawn at zoom 1 at most (canvas units are pixels), so
    # its few names need room between the stakeholders themselves.
    label_lengths = sorted(len(map_label(G, n)) for n in G)
    layout = spread_for_labels(layout, font_high,
                               label_chars=label_lengths[len(label_lengths) // 2])
    hairlines = G.number_of_nodes() > HAIRLINES_ABOVE
    # A large map's plain stakeholders have no rim: outlining 2,000 shapes
    # took a third of every redraw without a graphics card. Marked ones keep theirs.
    border = 0.0 if hairlines else 1.5 if presentation else 1.0
    thick_border = 4.0 if presentation else 3.0
    # No node may cover another once fitted (the dense middle of a map,
    # where large initiatives and organisations meet): sized discs, borders
    # included, pushed apart for a frame as small as Kaart's on a laptop.
    marked = set(highlight.get("brokers") or ()) | set(highlight.get("cut_points") or ()) | set(
        highlight.get("isolated") or ())
    layout = separate_on_screen(layout, {n: sizes[n] + (thick_border if n in marked else border) / 2 for n in G})
    degree = dict(G.degree())
    size_values = {n: _number(size_by.get(n)) for n in G} if size_by is not None else {}
    community_colours = _community_colours(colour_by, G) if colour_by is not None else None

    ids: dict[Hashable, str] = {}
    nodes = []
    for index, (node, data) in enumerate(sorted(G.nodes(data=True), key=lambda item: node_key(item[0]))):
        # vis needs unique, JSON-able ids: node keys may be any hashable.
        vis_id = f"n{index}"
        ids[node] = vis_id
        style = TYPE_STYLE[style_key(data.get("type"))]
        fill = community_colours.get(node, COMMUNITY_OTHER) if community_colours is not None else style.colour
        notes = []
        if node in brokers:
            notes.append(MESSAGES.text("broker", lang))
        if node in cut_points:
            notes.append(MESSAGES.text("cut_point", lang))
        if node in isolated:
            notes.append(MESSAGES.text("isolated", lang))
        stroke, width, dashes = darker(fill), border, False
        if node in brokers or node in cut_points:
            stroke, width = HIGHLIGHT_COLOURS["broker"], thick_border
        if node in isolated:
            stroke, width, dashes = HIGHLIGHT_COLOURS["isolated"], thick_border, True
        x, y = layout[node]
        name = _text(data.get("name")) or str(node)
        weight = (sizes[node] - low) / (high - low)
        value = size_values.get(node)
        nodes.append(
            {
                "id": vis_id,
                "sid": str(node),
                "label": shorten(name, _LABEL_LIMIT),
                "x": x,
                "y": y,
                "shape": style.shape,
                "size": round(sizes[node], 1),
                "px": round(sizes[node], 1),
                # Larger nodes matter more: their names are larger too, and
                # placed first where names would overlap.
                "fontPx": round(font_low + (font_high - font_low) * weight, 1),
                # The newest entries are named first, whatever their size.
                "rank": (_FRESH_RANK if node in fresh else 0.0)
                + ((value if value is not None else -1.0) if size_by is not None else float(degree[node])),
                "fresh": node in fresh,
                "borderWidth": width,
                "shapeProperties": {"borderDashes": [6, 4] if dashes else False},
                "color": {
                    "background": fill,
                    "border": stroke,
                    "highlight": {"background": fill, "border": "#000000"},
                    "hover": {"background": fill, "border": "#000000"},
                },
                "card": _node_card(G, node, data, lang, notes, value),
            }
        )

    edge_scale = 1.8 if presentation else 1.0
    # Light lines: the stakeholders are what the eye should find first.
    edge_colour = "#9A9A9A" if presentation else HIGHLIGHT_COLOURS["edge"]
    edges = []
    for u, v, data in G.edges(data=True):
        strength = _number(data.get("strength", data.get("weight"))) or 3.0
        is_bridge = _edge_key(u, v) in bridges
        grade = (min(max(strength, 1.0), 5.0) - 1.0) / 4.0
        if hairlines:
            width, colour = 1.0, _HAIRLINE_SHADES[round(grade * (len(_HAIRLINE_SHADES) - 1))]
        else:
            width, colour = (0.6 + 1.4 * grade) * edge_scale, edge_colour
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": ids[u],
                "to": ids[v],
                "width": round(width + (2.5 if is_bridge else 0.0), 2),
                "color": {"color": HIGHLIGHT_COLOURS["bridge"] if is_bridge else colour, "highlight": "#000000",
                          "hover": "#000000", "inherit": False},
                "card": _edge_card(G, u, v, data, lang, bridge=is_bridge),
            }
        )
    suggested = 0
    for item in suggestions or ():
        u, v, reason = item
        if u not in ids or v not in ids or u == v:
            continue
        suggested += 1
        reason_text = shorten(_text(reason) or "", _CARD_LIMIT)
        names = f"{_text(G.nodes[u].get('name')) or u} — {_text(G.nodes[v].get('name')) or v}"
        edges.append(
            {
                "id": f"s{suggested}",
                "from": ids[u],
                "to": ids[v],
                "dashes": [8, 6],
                "width": round(2.0 * edge_scale, 2),
                "color": {"color": HIGHLIGHT_COLOURS["suggestion"], "highlight": "#000000", "hover": "#000000",
                          "inherit": False},
                "suggestion": True,
                "card": {
                    "title": MESSAGES.text("suggestion", lang),
                    "rows": [[shorten(names, _CARD_LIMIT), reason_text]],
                },
            }
        )

    max_label = 34 if presentation else 24
    options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "edges": {"smooth": False},
        "nodes": {
            "font": {
                "size": font_low,
                "face": "system-ui, Arial, sans-serif",
                "color": "#000000" if presentation else "#1a1a1a",
                "strokeWidth": 5 if presentation else 3,
                "strokeColor": "#ffffff",
            },
            # The page picks which names to show (most important first, none
            # overlapping); vis only caps their size when zoomed far in.
            "scaling": {"label": {"drawThreshold": 5, "maxVisible": max_label}},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
        },
    }
    focus_id = ids.get(focus) if focus is not None else None
    fit = [ids[n] for n in fit_to if n in ids] if fit_to is not None else []
    if focus_id is not None and not fit:
        # A stakeholder picked on the map: fitted with their contacts.
        fit = [focus_id] + [ids[n] for n in G[focus]]
    payload = {"nodes": nodes, "edges": edges, "options": options, "focus": focus_id,
               "view": {"fit": fit, "maxLabelPx": max_label, "labelBudget": 120 if presentation else 250,
                        "fileName": "netwerkkaart" if lang == "nl" else "network-map",
                        "fresh": {"colour": HIGHLIGHT_COLOURS["fresh"], "seconds": FRESH_SECONDS} if fresh else None}}

    present_types = [t for t in STAKEHOLDER_TYPES if any(style_key(d.get("type")) == t for _, d in G.nodes(data=True))]
    extras = []
    if community_colours is not None:
        extras.append({"shape": "dot", "fill": COMMUNITY_COLOURS[0], "stroke": "#333333", "width": 1,
                       "dashed": False, "label": MESSAGES.text("colour_community", lang)})
    if brokers or cut_points:
        extras.append({"shape": "dot", "fill": "#ffffff", "stroke": HIGHLIGHT_COLOURS["broker"], "width": 3,
                       "dashed": False, "label": MESSAGES.text("legend_broker", lang)})
    if isolated:
        extras.append({"shape": "dot", "fill": "#ffffff", "stroke": HIGHLIGHT_COLOURS["isolated"], "width": 2.5,
                       "dashed": True, "label": MESSAGES.text("legend_isolated", lang)})
    if bridges:
        extras.append({"shape": "line", "stroke": HIGHLIGHT_COLOURS["bridge"], "width": 4, "dashed": False,
                       "label": MESSAGES.text("legend_bridge", lang)})
    if suggested:
        extras.append({"shape": "line", "stroke": HIGHLIGHT_COLOURS["suggestion"], "width": 3, "dashed": True,
                       "label": MESSAGES.text("legend_suggestion", lang)})
    if fresh:
        extras.append({"shape": "dot", "fill": "#ffffff", "stroke": HIGHLIGHT_COLOURS["fresh"], "width": 3,
                       "dashed": False, "label": MESSAGES.text("legend_fresh", lang)})
    summary = MESSAGES.text("map_summary", lang, nodes=G.number_of_nodes(), edges=G.number_of_edges())
    return map_page(payload, lang=lang, title=summary, legend_types=present_types, legend_extras=extras,
                    presentation=presentation, height_px=height_px, tools=tools)
