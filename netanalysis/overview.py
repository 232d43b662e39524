"""The community overview: a map with one node per community.

Above :data:`~netanalysis.layout.COMMUNITY_THRESHOLD` stakeholders a
node-by-node map is slow to draw and impossible to read. The overview draws
each community (e.g. Louvain's, :mod:`netanalysis.gaps`) as one node in the
colour of its most common stakeholder type, sized by its members, and the
ties between communities as lines; a drill-down draws one community with
:func:`netanalysis.maps.network_html` on its subgraph. The page is the
map's own (:func:`netanalysis.map_page.map_page`): offline, escaped, physics off.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from .i18n import Messages, normalise_language, shorten
from .layout import layout_positions, node_key
from .map_page import map_page
from .schema import STAKEHOLDER_TYPES, type_label
from .style import HIGHLIGHT_COLOURS, TYPE_STYLE, style_key

__all__ = ["MESSAGES", "community_graph", "community_overview_html"]

MESSAGES = Messages(
    {
        "community": {"nl": "Gemeenschap {label} ({members} betrokkenen)",
                      "en": "Community {label} ({members} stakeholders)"},
        "community_one": {"nl": "Gemeenschap {label} (1 betrokkene)", "en": "Community {label} (1 stakeholder)"},
        "members": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "composition": {"nl": "Samenstelling", "en": "Composition"},
        "ties": {"nl": "Relaties tussen gemeenschappen", "en": "Relations between communities"},
        "relation": {"nl": "Relatie", "en": "Relation"},
        "internal_ties": {"nl": "Relaties binnen de gemeenschap", "en": "Relations within the community"},
        "community_overview": {
            "nl": "Overzicht van {count} gemeenschappen",
            "en": "Overview of {count} communities",
        },
    }
)


def _membership_map(G: nx.Graph, membership: Mapping[Hashable, Hashable] | Iterable[Collection[Hashable]]
                    ) -> dict[Hashable, Hashable]:
    if isinstance(membership, Mapping):
        return {node: membership[node] for node in G if node in membership}
    result: dict[Hashable, Hashable] = {}
    for number, members in enumerate(membership, start=1):
        for node in members:
            if node in G:
                result[node] = number
    return result


def community_graph(G: nx.Graph, membership: Mapping[Hashable, Hashable] | Iterable[Collection[Hashable]]
                    ) -> nx.Graph:
    """The graph of communities: one node per community, edges weighted by ties.

    Parameters
    ----------
    G : networkx.Graph
    membership : mapping or iterable of collections
        ``{node: community}`` (e.g. from :mod:`netanalysis.gaps`), or a list
        of node sets as returned by ``nx.community.louvain_communities``
        (numbered from 1 in that order). Nodes of ``G`` in no community
        are left out.

    Returns
    -------
    networkx.Graph
        Nodes are the community labels with attributes ``members`` (count),
        ``types`` (``{type: count}``) and ``internal`` (ties inside); edges
        have ``weight`` = the number of ties between the two communities.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> C = community_graph(G, [{0, 1, 2}, {3, 4, 5}])
    >>> sorted(C.nodes(data="members")), C.edges[1, 2]["weight"]
    ([(1, 3), (2, 3)], 1)
    """
    member_of = _membership_map(G, membership)
    C = nx.Graph()
    for node, community in member_of.items():
        if community not in C:
            C.add_node(community, members=0, types=Counter(), internal=0)
        C.nodes[community]["members"] += 1
        C.nodes[community]["types"][style_key(G.nodes[node].get("type"))] += 1
    for u, v in G.edges():
        if u not in member_of or v not in member_of:
            continue
        cu, cv = member_of[u], member_of[v]
        if cu == cv:
            C.nodes[cu]["internal"] += 1
        elif C.has_edge(cu, cv):
            C.edges[cu, cv]["weight"] += 1
        else:
            C.add_edge(cu, cv, weight=1)
    for _, data in C.nodes(data=True):
        data["types"] = dict(data["types"])
    return C


def _community_label(community: Hashable, labels: Mapping[Hashable, Any] | None) -> str:
    if labels is not None and community in labels:
        return str(labels[community])
    if isinstance(community, (int, np.integer)) and not isinstance(community, bool) and community >= 0:
        return str(int(community) + 1)
    return str(community)


def community_overview_html(
    G: nx.Graph,
    membership: Mapping[Hashable, Hashable] | Iterable[Collection[Hashable]],
    *,
    lang: str = "nl",
    labels: Mapping[Hashable, Any] | None = None,
    presentation: bool = False,
    height_px: int = 650,
) -> str:
    """A map with one node per community, for networks too large to draw node by node.

    Each community is drawn in the colour and shape of its most common
    stakeholder type, sized by its number of members and labelled like
    "Gemeenschap 3 (412 betrokkenen)"; lines are as thick as the number of
    ties between two communities (logarithmically, so one giant tie bundle
    does not hide the rest). Drill down with :func:`network_html` on
    ``G.subgraph(members)``.

    Parameters
    ----------
    G : networkx.Graph
    membership : mapping or iterable of collections
        See :func:`community_graph`.
    labels : mapping, optional
        ``{community: label}`` shown as "Gemeenschap {label}". Without it a
        whole-number community shows as that number plus one, because
        :func:`netanalysis.communities.communities` numbers from 0 and the pages
        count from 1; any other community key shows as its text.
    lang, presentation, height_px
        As in :func:`netanalysis.maps.network_html`.

    Returns
    -------
    str
        A standalone offline HTML page (see :func:`netanalysis.maps.network_html`).
    """
    lang = normalise_language(lang)
    C = community_graph(G, membership)
    if C.number_of_nodes() == 0:
        return map_page(None, lang=lang, presentation=presentation, height_px=height_px)
    layout = layout_positions(C)
    # A community of thousands needs more room than an edge length.
    layout = {c: (x * 3.0, y * 3.0) for c, (x, y) in layout.items()}
    largest = max(members for _, members in C.nodes(data="members"))
    low, high = (24.0, 90.0) if presentation else (16.0, 70.0)
    font_size = 26 if presentation else 15
    ids: dict[Hashable, str] = {}
    nodes = []
    for index, (community, data) in enumerate(sorted(C.nodes(data=True), key=lambda item: node_key(item[0]))):
        vis_id = f"c{index}"
        ids[community] = vis_id
        types = data["types"]
        dominant = max(types, key=lambda t: (types[t], -STAKEHOLDER_TYPES.index(t)))
        style = TYPE_STYLE[dominant]
        label = MESSAGES.text("community" if data["members"] != 1 else "community_one", lang,
                              label=_community_label(community, labels), members=data["members"])
        composition = ", ".join(
            f"{type_label(t, lang)} {types[t]}" for t in STAKEHOLDER_TYPES if types.get(t)
        )
        x, y = layout[community]
        nodes.append(
            {
                "id": vis_id,
                "label": shorten(label, 80),
                "x": x,
                "y": y,
                "shape": style.shape,
                "size": round((low + (high - low) * math.sqrt(data["members"] / largest)) / 2, 1),
                "borderWidth": 2 if presentation else 1,
                "color": {"background": style.colour, "border": "#333333",
                          "highlight": {"background": style.colour, "border": "#000000"},
                          "hover": {"background": style.colour, "border": "#000000"}},
                "card": {
                    "title": label,
                    "rows": [
                        [MESSAGES.text("members", lang), str(data["members"])],
                        [MESSAGES.text("composition", lang), composition],
                        [MESSAGES.text("internal_ties", lang), str(data["internal"])],
                    ],
                },
            }
        )
    edges = []
    edge_scale = 1.8 if presentation else 1.0
    for u, v, weight in C.edges(data="weight"):
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": ids[u],
                "to": ids[v],
                "width": round((1.0 + 1.5 * math.log10(weight)) * edge_scale, 2),
                "color": {"color": HIGHLIGHT_COLOURS["edge"], "highlight": "#000000", "hover": "#000000",
                          "inherit": False},
                "card": {"title": MESSAGES.text("ties", lang),
                         "rows": [[MESSAGES.text("relation", lang), str(weight)]]},
            }
        )
    options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "edges": {"smooth": False},
        "nodes": {"font": {"size": font_size, "face": "system-ui, Arial, sans-serif", "color": "#000000",
                           "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": {"enabled": True, "bindToWindow": False}},
    }
    payload = {"nodes": nodes, "edges": edges, "options": options, "focus": None, "focusScale": 1.0}
    present_types = [t for t in STAKEHOLDER_TYPES if any(t in types for _, types in C.nodes(data="types"))]
    summary = MESSAGES.text("community_overview", lang, count=C.number_of_nodes())
    return map_page(payload, lang=lang, title=summary, legend_types=present_types,
                    presentation=presentation, height_px=height_px)
