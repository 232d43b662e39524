"""The community overview: a map with one bubble per community.

Above :data:`~netanalysis.layout.COMMUNITY_THRESHOLD` stakeholders a
node-by-node map is slow to draw and impossible to read. The overview draws
each community (e.g. Louvain's, :mod:`netanalysis.communities`) as one
bubble, its area growing with its members, labelled with what it is made of
("Gemeenschap 3 · 412 betrokkenen · bewoner 62%, ondernemer 20% · zorg,
groen") and coloured so that neighbouring communities differ; lines are as
thick as the number of ties between two communities. Communities of fewer
than :data:`SMALL_COMMUNITY` stakeholders (mostly people without any tie)
share one bubble. A click on a bubble tells the app which communities to
draw node by node (:func:`overview_members`); the page is the map's own
(:func:`netanalysis.map_page.map_page`): offline, escaped, physics off.

Measured in Chromium (``python -m benchmarks.map_browser``, 2 loaded
cores): the overview of 10,000 stakeholders (75 bubbles) is drawn 0.8 s
after navigation and of 50,000 (150 bubbles) 1.4 s, redrawing in 2-12 ms;
vis-network node by node took 17 s at 10,000. See ``benchmarks/README.md``
for why this overview and not a WebGL renderer.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from .attributes import node_themes, theme_key
from .communities import communities as communities_of
from .i18n import Messages, format_count, normalise_language, shorten
from .layout import COMMUNITY_THRESHOLD, node_key
from .map_page import map_page
from .schema import STAKEHOLDER_TYPES, type_label
from .style import COMMUNITY_COLOURS, HIGHLIGHT_COLOURS, darker, style_key

__all__ = [
    "MESSAGES",
    "REST",
    "SMALL_COMMUNITY",
    "TIES_PER_COMMUNITY",
    "bubble_positions",
    "community_colours",
    "community_graph",
    "community_overview_html",
    "community_summary",
    "overview_membership",
    "overview_members",
]

MESSAGES = Messages(
    {
        "community": {"nl": "Gemeenschap {label}", "en": "Community {label}"},
        "subgroup": {"nl": "Deelgroep {label}", "en": "Subgroup {label}"},
        "members": {"nl": "{count} betrokkenen", "en": "{count} stakeholders"},
        "members_one": {"nl": "1 betrokkene", "en": "1 stakeholder"},
        "rest": {"nl": "Kleine groepjes en losse betrokkenen", "en": "Small groups and loose stakeholders"},
        "stakeholders": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "composition": {"nl": "Samenstelling", "en": "Composition"},
        "themes": {"nl": "Meest genoemde thema's", "en": "Most mentioned themes"},
        "internal_ties": {"nl": "Relaties binnen de gemeenschap", "en": "Relations within the community"},
        "external_ties": {"nl": "Relaties met andere gemeenschappen", "en": "Relations with other communities"},
        "ties": {"nl": "Relaties tussen gemeenschappen", "en": "Relations between communities"},
        "relations": {"nl": "Aantal relaties", "en": "Number of relations"},
        "click": {"nl": "Klik op de bol om deze betrokkenen op de kaart te zien.",
                  "en": "Click the bubble to see these stakeholders on the map."},
        "zoom_in": {"nl": "Inzoomen", "en": "Zoom in"},
        "legend_bubble": {"nl": "bol = gemeenschap (groter = meer betrokkenen); klik om in te zoomen",
                          "en": "bubble = community (larger = more stakeholders); click to zoom in"},
        "legend_bubble_subgroup": {"nl": "bol = deelgroep (groter = meer betrokkenen); klik om in te zoomen",
                                   "en": "bubble = subgroup (larger = more stakeholders); click to zoom in"},
        "legend_line": {"nl": "lijn = de sterkste banden tussen gemeenschappen (dikker = meer relaties)",
                        "en": "line = the strongest ties between communities (thicker = more relations)"},
        "community_overview": {
            "nl": "Overzicht van {count} gemeenschappen met {members} betrokkenen",
            "en": "Overview of {count} communities with {members} stakeholders",
        },
        "subgroup_overview": {
            "nl": "Overzicht van {count} deelgroepen met {members} betrokkenen",
            "en": "Overview of {count} subgroups with {members} stakeholders",
        },
    }
)

#: Communities with fewer members than this share one bubble, :data:`REST`:
#: in a large network they are mostly stakeholders without any tie, and
#: hundreds of one-person bubbles would hide the communities that matter.
SMALL_COMMUNITY = 3
#: The key of the bubble of all small communities.
REST = "rest"


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
        ``types`` (``{type: count}``), ``themes`` (``{theme: count}``, by
        the first spelling met) and ``internal`` (ties inside); edges have
        ``weight`` = the number of ties between the two communities.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> C = community_graph(G, [{0, 1, 2}, {3, 4, 5}])
    >>> sorted(C.nodes(data="members")), C.edges[1, 2]["weight"]
    ([(1, 3), (2, 3)], 1)
    """
    member_of = _membership_map(G, membership)
    C = nx.Graph()
    spelling: dict[str, str] = {}
    for node, community in member_of.items():
        if community not in C:
            C.add_node(community, members=0, types=Counter(), themes=Counter(), internal=0)
        data = C.nodes[community]
        data["members"] += 1
        data["types"][style_key(G.nodes[node].get("type"))] += 1
        for theme in node_themes(G, node):
            data["themes"][spelling.setdefault(theme_key(theme), theme.strip())] += 1
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
        data["themes"] = dict(data["themes"])
    return C


def _lump_small(C: nx.Graph, minimum: int) -> tuple[nx.Graph, set]:
    """``C`` with every community below ``minimum`` members merged into :data:`REST`."""
    small = {c for c, members in C.nodes(data="members") if members < minimum}
    if len(small) < 2:
        return C, set()
    merged = nx.Graph()
    rest = {"members": 0, "types": Counter(), "themes": Counter(), "internal": 0}
    for community, data in C.nodes(data=True):
        if community in small:
            rest["members"] += data["members"]
            rest["types"].update(data["types"])
            rest["themes"].update(data["themes"])
            rest["internal"] += data["internal"]
        else:
            merged.add_node(community, **data)
    merged.add_node(REST, **{k: dict(v) if isinstance(v, Counter) else v for k, v in rest.items()})
    for u, v, weight in C.edges(data="weight"):
        a, b = (REST if u in small else u), (REST if v in small else v)
        if a == b:
            merged.nodes[a]["internal"] += weight
        elif merged.has_edge(a, b):
            merged.edges[a, b]["weight"] += weight
        else:
            merged.add_edge(a, b, weight=weight)
    return merged, small


#: Lines drawn per bubble: its strongest ties to other communities. In a
#: municipality almost every community has a tie or two with almost every
#: other; drawing all of them (1,852 lines between 135 communities at
#: 10,000 stakeholders) hides the pattern, the strongest show it.
TIES_PER_COMMUNITY = 3


def _strongest_ties(C: nx.Graph, per_community: int) -> list[tuple[Hashable, Hashable, int]]:
    """The ties among each community's ``per_community`` strongest, each once."""
    kept: set[frozenset] = set()
    for community in C:
        ranked = sorted(C[community], key=lambda other: (-C.edges[community, other]["weight"], node_key(other)))
        kept.update(frozenset((community, other)) for other in ranked[:per_community])
    return [(u, v, w) for u, v, w in C.edges(data="weight") if frozenset((u, v)) in kept]


def overview_members(membership: Mapping[Hashable, Hashable], bubble: str,
                     minimum: int = SMALL_COMMUNITY) -> list[Hashable]:
    """The communities behind a clicked bubble: the one whose key reads
    ``bubble``, or, for :data:`REST`, every community below ``minimum``
    members (when there are several, as the overview lumps them).

    >>> overview_members({"a": 0, "b": 0, "c": 0, "d": 1, "e": 2}, "rest")
    [1, 2]
    >>> overview_members({"a": 0, "b": 1}, "1")
    [1]
    """
    sizes = Counter(membership.values())
    if bubble == REST:
        small = [c for c, size in sizes.items() if size < minimum]
        if len(small) >= 2:
            return sorted(small, key=node_key)
    return [c for c in sorted(sizes, key=node_key) if str(c) == bubble]


def overview_membership(G: nx.Graph, membership: Mapping[Hashable, Hashable], *, limit: int = COMMUNITY_THRESHOLD,
                        resolution: float = 1.0, seed: int = 42) -> tuple[dict[Hashable, Hashable], bool]:
    """The communities an overview of ``G`` shows, and whether they are subgroups.

    ``membership`` (the whole network's communities) as long as it gives
    ``G`` at least two bubbles. A view that is one community, or the bubble
    of small groups, larger than ``limit`` (what is drawn node by node)
    would otherwise be drawn as a single bubble and could not be explored;
    it is split into subgroups instead: Louvain's communities of ``G``
    itself [1]_ (:func:`netanalysis.communities.communities`), or, when
    those too would be a single bubble (stakeholders without ties among
    them), consecutive parts of at most ``limit`` stakeholders ordered by
    type and name. Every part of a split is smaller than ``G``, so clicking
    down always ends in a view drawn node by node.

    Parameters
    ----------
    G : networkx.Graph
        The stakeholders shown.
    membership : mapping
        ``{node: community}`` of the whole network.
    limit : int
        Most stakeholders drawn node by node
        (:data:`~netanalysis.layout.COMMUNITY_THRESHOLD`).
    resolution, seed
        Louvain's, as in :func:`netanalysis.communities.communities`.

    Returns
    -------
    (membership, subgroups) : tuple of (dict, bool)
        ``{node: community}`` for every node of ``G`` in a community, and
        ``True`` when these are subgroups of ``G`` rather than the whole
        network's communities.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E.
       (2008). Fast unfolding of communities in large networks. Journal of
       Statistical Mechanics: Theory and Experiment, 2008(10), P10008.

    Examples
    --------
    >>> G = nx.disjoint_union(nx.complete_graph(4), nx.complete_graph(4))
    >>> shown, sub = overview_membership(G, {n: 0 for n in G}, limit=5)
    >>> sub, sorted(Counter(shown.values()).values())
    (True, [4, 4])
    >>> overview_membership(nx.empty_graph(7), {n: 0 for n in range(7)}, limit=3)[0]
    {0: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2}
    """
    own = {node: membership[node] for node in G if node in membership}
    if len(G) <= limit or _bubbles(own) >= 2:
        return own, False
    found = communities_of(G, resolution=resolution, seed=seed)["membership"]
    if _bubbles(found) >= 2:
        return found, True
    ordered = sorted(G, key=lambda node: (style_key(G.nodes[node].get("type")), node_key(G.nodes[node].get("name") or node),
                                          node_key(node)))
    parts = math.ceil(len(ordered) / limit)
    size = math.ceil(len(ordered) / parts)
    return {node: index // size for index, node in enumerate(ordered)}, True


def _bubbles(membership: Mapping[Hashable, Hashable]) -> int:
    """How many bubbles :func:`community_overview_html` draws for ``membership``."""
    sizes = Counter(membership.values())
    small = sum(1 for size in sizes.values() if size < SMALL_COMMUNITY)
    return len(sizes) - small + (1 if small >= 2 else small)


def _community_label(community: Hashable, labels: Mapping[Hashable, Any] | None) -> str:
    if labels is not None and community in labels:
        return str(labels[community])
    if isinstance(community, (int, np.integer)) and not isinstance(community, bool) and community >= 0:
        return str(int(community) + 1)
    return str(community)


def community_summary(data: Mapping[str, Any], lang: str = "nl", *, types: int = 2, themes: int = 2,
                      least_share: float = 0.15) -> list[str]:
    """What a community is made of, in short lines for its bubble.

    Parameters
    ----------
    data : mapping
        A node's attributes in :func:`community_graph`.
    lang : {"nl", "en"}
    types, themes : int
        At most this many stakeholder types (each with its share) and
        themes (the most mentioned).
    least_share : float
        A type is named only from this share of the members on, the first
        always.

    Returns
    -------
    list of str
        The number of members, the main types with their share, and (when
        any member has a theme) the main themes.

    Examples
    --------
    >>> community_summary({"members": 10, "types": {"resident": 7, "business": 2, "initiative": 1},
    ...                    "themes": {"zorg": 4, "groen": 2, "wonen": 1}})
    ['10 betrokkenen', 'bewoner 70%, ondernemer 20%', 'zorg, groen']
    """
    lang = normalise_language(lang)
    members = int(data["members"])
    lines = [MESSAGES.text("members_one", lang) if members == 1
             else MESSAGES.text("members", lang, count=format_count(members, lang))]
    counts = data.get("types") or {}
    ranked = sorted(counts, key=lambda t: (-counts[t], STAKEHOLDER_TYPES.index(t) if t in STAKEHOLDER_TYPES else 99))
    shares = [f"{type_label(t, lang)} {round(100 * counts[t] / members)}%" for i, t in enumerate(ranked[:types])
              if i == 0 or counts[t] / members >= least_share]
    if shares:
        lines.append(", ".join(shares))
    mentioned = data.get("themes") or {}
    top = sorted(mentioned, key=lambda t: (-mentioned[t], t.casefold()))[:themes]
    if top:
        lines.append(shorten(", ".join(top), 40))
    return lines


def community_colours(C: nx.Graph) -> dict[Hashable, str]:
    """A colour per community such that tied communities differ where they can.

    Largest first, each community takes a colour of
    :data:`~netanalysis.style.COMMUNITY_COLOURS` that no tied community has
    taken (greedy colouring [1]_), the least used such colour, so the twelve
    largest communities all differ; when all twelve are taken around it, the
    one it shares the fewest ties with.

    References
    ----------
    .. [1] Welsh, D. J. A., & Powell, M. B. (1967). An upper bound for the
       chromatic number of a graph and its application to timetabling
       problems. The Computer Journal, 10(1), 85-86. doi:10.1093/comjnl/10.1.85

    Examples
    --------
    >>> C = nx.Graph([(1, 2), (2, 3)]); nx.set_node_attributes(C, 5, "members")
    >>> colours = community_colours(C)
    >>> colours[1] != colours[2] != colours[3]
    True
    """
    order = sorted(C, key=lambda c: (-C.nodes[c].get("members", 0), node_key(c)))
    colour: dict[Hashable, str] = {}
    used: Counter = Counter()
    for community in order:
        taken: Counter = Counter()
        for other in C[community]:
            if other in colour:
                taken[colour[other]] += C.edges[community, other].get("weight", 1)
        # Free of tied communities first, then the least used: the twelve
        # largest all differ, and the rest spread over the palette.
        choice = min(range(len(COMMUNITY_COLOURS)),
                     key=lambda i: (taken[COMMUNITY_COLOURS[i]], used[COMMUNITY_COLOURS[i]], i))
        colour[community] = COMMUNITY_COLOURS[choice]
        used[colour[community]] += 1
    return colour


def bubble_positions(C: nx.Graph, radius: Mapping[Hashable, float], *, seed: int = 42, gap: float = 0.25,
                     rounds: int = 300) -> dict[Hashable, tuple[float, float]]:
    """Centres for bubbles of the given radii: tied communities near each
    other, no two bubbles overlapping, packed round the middle.

    A force-directed start [1]_ (ties weighted by the logarithm of their
    count) is scaled so the bubbles would fill about half a disc, then
    rounds of pairwise pushes (each pair apart by its overlap) alternate
    with a pull towards the middle; the last rounds only push, until no two
    bubbles are closer than the sum of their radii plus ``gap`` times the
    smaller radius.

    References
    ----------
    .. [1] Fruchterman, T. M. J., & Reingold, E. M. (1991). Graph drawing by
       force-directed placement. Software: Practice and Experience, 21(11),
       1129-1164. doi:10.1002/spe.4380211102

    Examples
    --------
    >>> C = nx.path_graph(4)
    >>> where = bubble_positions(C, {0: 10.0, 1: 20.0, 2: 10.0, 3: 5.0})
    >>> d = math.dist(where[0], where[1]); bool(d >= 30.0)
    True
    """
    nodes = sorted(C, key=node_key)
    if not nodes:
        return {}
    r = np.array([float(radius[c]) for c in nodes])
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    H = nx.Graph()
    H.add_nodes_from(range(len(nodes)))
    index = {c: i for i, c in enumerate(nodes)}
    H.add_edges_from((index[u], index[v], {"w": 1.0 + math.log(w)}) for u, v, w in C.edges(data="weight", default=1))
    start = nx.spring_layout(H, weight="w", seed=seed, iterations=100)
    pos = np.array([start[i] for i in range(len(nodes))], dtype=float)
    pos -= pos.mean(axis=0)
    reach = np.abs(pos).max() or 1.0
    pos *= math.sqrt((r**2).sum() / 0.5) / reach
    need = r[:, None] + r[None, :] + gap * np.minimum(r[:, None], r[None, :])
    np.fill_diagonal(need, 0.0)
    for step in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        overlap = need - distance
        np.fill_diagonal(overlap, 0.0)
        hit = overlap > 0
        if not hit.any() and step >= rounds // 2:
            break
        # Coinciding centres get a fixed direction by index: deterministic.
        same = (distance < 1e-9) & hit
        if same.any():
            i, j = np.nonzero(same)
            angle = (i + 1) * 2.399963 - j
            delta[i, j] = np.stack([np.cos(angle), np.sin(angle)], axis=1)
            distance[i, j] = 1.0
        push = np.where(hit, overlap / (2.0 * np.maximum(distance, 1e-9)), 0.0)
        pos += (delta * push[..., None]).sum(axis=1)
        if step < rounds // 2:
            pos *= 0.97  # the pull towards the middle keeps the pack tight
    return {c: (round(float(pos[i, 0]), 1), round(float(pos[i, 1]), 1)) for i, c in enumerate(nodes)}


def community_overview_html(
    G: nx.Graph,
    membership: Mapping[Hashable, Hashable] | Iterable[Collection[Hashable]],
    *,
    lang: str = "nl",
    labels: Mapping[Hashable, Any] | None = None,
    presentation: bool = False,
    height_px: int = 650,
    subgroups: bool = False,
) -> str:
    """A map with one bubble per community, for networks too large to draw node by node.

    Each community is a bubble whose area grows with its members, in a
    colour its tied communities do not have (:func:`community_colours`),
    labelled with its number and :func:`community_summary`; the largest
    communities are labelled first and no two labels overlap. Lines are as
    thick as the number of ties between two communities (logarithmically,
    so one giant tie bundle does not hide the rest). Communities below
    :data:`SMALL_COMMUNITY` members share one bubble (:data:`REST`).
    A click on a bubble posts its key (``str(community)`` or ``"rest"``)
    to the app around the map; :func:`overview_members` turns it into the
    communities to draw node by node with
    :func:`netanalysis.maps.network_html`.

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
    subgroups : bool
        The bubbles are parts of one community (:func:`overview_membership`):
        named "Deelgroep" instead of "Gemeenschap", so that they are not
        mistaken for the whole network's communities.

    Returns
    -------
    str
        A standalone offline HTML page (see :func:`netanalysis.maps.network_html`).
    """
    lang = normalise_language(lang)
    unit = "subgroup" if subgroups else "community"
    C, _ = _lump_small(community_graph(G, membership), SMALL_COMMUNITY)
    if C.number_of_nodes() == 0:
        return map_page(None, lang=lang, presentation=presentation, height_px=height_px)
    largest = max(members for _, members in C.nodes(data="members"))
    # Canvas units: bubbles are areas and grow as the view zooms in; the
    # largest is as wide as about a fifth of a fitted map of 150 bubbles.
    radius = {c: 12.0 + 88.0 * math.sqrt(members / largest) for c, members in C.nodes(data="members")}
    layout = bubble_positions(C, radius)
    colours = community_colours(C)
    font_low, font_high = (18.0, 24.0) if presentation else (12.0, 15.0)
    click = MESSAGES.text("click", lang)
    nodes = []
    ids: dict[Hashable, str] = {}
    external = Counter()
    for u, v, weight in C.edges(data="weight"):
        external[u] += weight
        external[v] += weight
    for index, (community, data) in enumerate(sorted(C.nodes(data=True), key=lambda item: node_key(item[0]))):
        vis_id = f"c{index}"
        ids[community] = vis_id
        name = MESSAGES.text("rest", lang) if community == REST else \
            MESSAGES.text(unit, lang, label=_community_label(community, labels))
        summary = community_summary(data, lang)
        types = data["types"]
        composition = ", ".join(f"{type_label(t, lang)} {types[t]}" for t in STAKEHOLDER_TYPES if types.get(t))
        themes = data["themes"]
        top_themes = ", ".join(sorted(themes, key=lambda t: (-themes[t], t.casefold()))[:5])
        rows = [[MESSAGES.text("stakeholders", lang), format_count(data["members"], lang)],
                [MESSAGES.text("composition", lang), composition]]
        if top_themes:
            rows.append([MESSAGES.text("themes", lang), shorten(top_themes, 300)])
        rows += [[MESSAGES.text("internal_ties", lang), format_count(data["internal"], lang)],
                 [MESSAGES.text("external_ties", lang), format_count(external[community], lang)],
                 [MESSAGES.text("zoom_in", lang), click]]
        fill = "#DDDDDD" if community == REST else colours[community]
        weight = math.sqrt(data["members"] / largest)
        x, y = layout[community]
        nodes.append(
            {
                "id": vis_id,
                "sid": str(community),
                "label": shorten(name, 60) + "\n" + "\n".join(summary),
                "x": x,
                "y": y,
                "shape": "dot",
                "size": round(radius[community], 1),
                "fontPx": round(font_low + (font_high - font_low) * weight, 1),
                "rank": float(data["members"]) if community != REST else -1.0,
                "borderWidth": 2 if presentation else 1,
                "color": {"background": fill, "border": darker(fill),
                          "highlight": {"background": fill, "border": "#000000"},
                          "hover": {"background": fill, "border": "#000000"}},
                "card": {"title": shorten(name, 80), "rows": rows},
            }
        )
    edges = []
    edge_scale = 1.8 if presentation else 1.0
    for u, v, weight in _strongest_ties(C, TIES_PER_COMMUNITY):
        ends = " — ".join(MESSAGES.text("rest", lang) if c == REST else
                          MESSAGES.text(unit, lang, label=_community_label(c, labels)) for c in (u, v))
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": ids[u],
                "to": ids[v],
                "width": round((1.0 + 1.5 * math.log10(weight)) * edge_scale, 2),
                "color": {"color": HIGHLIGHT_COLOURS["edge"], "highlight": "#000000", "hover": "#000000",
                          "inherit": False},
                "card": {"title": ends, "rows": [[MESSAGES.text("relations", lang), format_count(weight, lang)]]},
            }
        )
    options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "edges": {"smooth": False},
        "nodes": {"font": {"size": font_low, "face": "system-ui, Arial, sans-serif", "color": "#000000",
                           "strokeWidth": 4, "strokeColor": "#ffffff", "multi": False}},
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": {"enabled": True, "bindToWindow": False}},
    }
    payload = {"nodes": nodes, "edges": edges, "options": options, "focus": None,
               "view": {"fit": [], "canvasSizes": True, "maxLabelPx": 30, "labelBudget": 200,
                        "fileName": "gemeenschappen" if lang == "nl" else "communities"}}
    extras = [
        {"shape": "dot", "fill": COMMUNITY_COLOURS[0], "stroke": darker(COMMUNITY_COLOURS[0]), "width": 1,
         "dashed": False, "label": MESSAGES.text("legend_bubble_subgroup" if subgroups else "legend_bubble", lang)},
        {"shape": "line", "stroke": HIGHLIGHT_COLOURS["edge"], "width": 3, "dashed": False,
         "label": MESSAGES.text("legend_line", lang)},
    ]
    summary = MESSAGES.text("subgroup_overview" if subgroups else "community_overview", lang, count=format_count(C.number_of_nodes(), lang),
                            members=format_count(sum(m for _, m in C.nodes(data="members")), lang))
    return map_page(payload, lang=lang, title=summary, legend_extras=extras, presentation=presentation,
                    height_px=height_px)
