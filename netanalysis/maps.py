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
* uses positions computed in Python with a seeded layout and physics off, so
  a rerun shows the same picture and a large map is still at once.

Graphs larger than :data:`COMMUNITY_THRESHOLD` are best shown with
:func:`community_overview_html` (one node per community), with a drill-down
through :func:`network_html` on one community's subgraph.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import json
import math
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping
from pathlib import Path
from string import Template
from types import MappingProxyType
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from . import graphs
from .i18n import Messages, normalise_language
from .schema import OTHER, STAKEHOLDER_TYPES, relation_type_label, type_label

__all__ = [
    "TypeStyle",
    "TYPE_STYLE",
    "HIGHLIGHT_COLOURS",
    "COMMUNITY_THRESHOLD",
    "MESSAGES",
    "layout_positions",
    "network_html",
    "community_graph",
    "community_overview_html",
    "json_for_html",
]


class TypeStyle(NamedTuple):
    """How one stakeholder type is drawn: a fill colour and a vis-network shape."""

    colour: str
    shape: str


#: Colour and shape per stakeholder type. Colours come from the Okabe-Ito
#: palette, which stays distinguishable with the common colour-vision
#: deficiencies; the shape repeats the type, so the map reads in greyscale
#: and on a washed-out beamer too.
TYPE_STYLE: Mapping[str, TypeStyle] = MappingProxyType(
    {
        "civil_servant": TypeStyle("#0072B2", "diamond"),
        "resident": TypeStyle("#E69F00", "dot"),
        "business": TypeStyle("#009E73", "square"),
        "organisation": TypeStyle("#CC79A7", "triangle"),
        "initiative": TypeStyle("#56B4E9", "star"),
        OTHER: TypeStyle("#999999", "dot"),
    }
)

#: Colours of the highlights: black borders for brokers and cut points, and
#: Okabe-Ito vermillion (no type uses it) for bridges and isolated initiatives.
HIGHLIGHT_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "broker": "#000000",
        "isolated": "#D55E00",
        "bridge": "#D55E00",
        "suggestion": "#6E6E6E",
        "edge": "#A0A0A0",
    }
)

#: Above this many stakeholders a node-by-node map is slow to draw and
#: impossible to read: show :func:`community_overview_html` instead.
COMMUNITY_THRESHOLD = 2500

MESSAGES = Messages(
    {
        "page_title": {"nl": "Netwerkkaart", "en": "Network map"},
        "map_summary": {
            "nl": "Netwerkkaart met {nodes} betrokkenen en {edges} relaties",
            "en": "Network map with {nodes} stakeholders and {edges} relations",
        },
        "empty": {
            "nl": "Er is nog niets om te tonen: dit netwerk heeft nog geen betrokkenen. "
            "Voeg betrokkenen en relaties toe, of kies een ander filter.",
            "en": "Nothing to show yet: this network has no stakeholders. "
            "Add stakeholders and relations, or choose another filter.",
        },
        "legend": {"nl": "Legenda", "en": "Legend"},
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
        "legend_isolated": {"nl": "geïsoleerd initiatief (rode stippelrand)",
                            "en": "isolated initiative (red dashed border)"},
        "legend_bridge": {"nl": "brug (enige verbinding tussen twee delen)",
                          "en": "bridge (only tie between two parts)"},
        "legend_suggestion": {"nl": "voorgestelde verbinding (gestippeld)", "en": "suggested connection (dashed)"},
        "relation": {"nl": "Relatie", "en": "Relation"},
        "strength": {"nl": "Sterkte", "en": "Strength"},
        "since": {"nl": "Sinds", "en": "Since"},
        "bridge": {"nl": "brug", "en": "bridge"},
        "suggestion": {"nl": "Voorgestelde verbinding", "en": "Suggested connection"},
        "community": {"nl": "Gemeenschap {label} ({members} betrokkenen)",
                      "en": "Community {label} ({members} stakeholders)"},
        "community_one": {"nl": "Gemeenschap {label} (1 betrokkene)", "en": "Community {label} (1 stakeholder)"},
        "members": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "composition": {"nl": "Samenstelling", "en": "Composition"},
        "ties": {"nl": "Relaties tussen gemeenschappen", "en": "Relations between communities"},
        "internal_ties": {"nl": "Relaties binnen de gemeenschap", "en": "Relations within the community"},
        "community_overview": {
            "nl": "Overzicht van {count} gemeenschappen",
            "en": "Overview of {count} communities",
        },
    }
)

# -- layout -------------------------------------------------------------------

#: Canvas units between linked stakeholders: with node sizes of 10-40 px
#: this leaves room for labels at the zoom level vis picks to fit the map.
_SPACING = 90.0
#: Components up to this size get igraph's exact layout, all pairs
#: repelling (in C, 0.4 s at 2,000 nodes); larger ones its grid variant
#: (0.05 s). The map draws node by node only up to this size, so whatever it
#: shows gets the better picture; igraph's own "auto" switches at 1,000.
_IGRAPH_EXACT_LIMIT = COMMUNITY_THRESHOLD
#: Median distance to the nearest other stakeholder, in ideal edge lengths,
#: that grid-variant layouts are scaled to: the exact layout gives 0.51 on
#: the synthetic municipality of 2,500 stakeholders, 0.46 at 5,000 and 0.41
#: at 10,000 (the numpy fallback 0.38 there).
_NEIGHBOUR_DISTANCE = 0.45
#: numpy fallback: components up to this size are laid out with exact
#: all-pairs repulsion; beyond it near pairs are exact and far ones
#: approximated per grid cell.
_EXACT_LIMIT = 700
#: No two stakeholders closer than this (canvas units): the largest node
#: (40 px across) may touch a neighbour, but not cover it.
_MIN_DISTANCE = 24.0


def layout_positions(G: nx.Graph, *, seed: int = 42, iterations: int = 60) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node, deterministic for a given graph and seed.

    Each connected component is laid out on its own with the force-directed
    method of Fruchterman and Reingold [1]_, then the components are packed
    in rows, largest first, with isolated stakeholders in a grid at the end.
    The layout runs in igraph's C implementation [2]_ when python-igraph is
    installed (it is a runtime dependency): exact, all pairs repelling, in
    components of up to :data:`COMMUNITY_THRESHOLD` stakeholders, and
    igraph's grid variant in larger ones, so 100,000 stakeholders take
    seconds. Without igraph a numpy implementation runs instead, in which
    hubs also repel with their degree and far repulsion is approximated per
    grid cell in the spirit of Barnes-Hut [3]_; it gives the same kind of
    picture at the same scale, not the same coordinates, and is about fifty
    times slower on large networks.

    Parameters
    ----------
    G : networkx.Graph
        Edge attribute ``weight`` (1-5), when present, pulls strong ties
        closer. Directions and parallel ties are ignored (the strongest of
        a pair's ties counts).
    seed : int
        Seed of the random start positions. Node order does not matter:
        nodes are sorted by their text form first, so a network read from a
        reordered file gets the same picture.
    iterations : int
        Force-directed iterations per component.

    Returns
    -------
    dict
        ``{node: (x, y)}`` in canvas units (pixels at zoom 1), rounded to
        0.1; ``y`` grows downwards as on screen.

    Notes
    -----
    With distances :math:`d` in ideal edge lengths, a tie pulls with
    :math:`w d^2` and every pair of stakeholders pushes with :math:`1/d`.
    The pull is :math:`w = 0.4 + 0.2 s` for tie strength :math:`s`
    clipped to 1-5 (a missing, zero or non-numeric weight counts as 1), so
    two stakeholders joined by a tie of strength 5 settle at
    :math:`(1.4 / 0.6)^{-1/3} \\approx 0.75` times the distance of a tie of
    strength 1. One ideal edge length is 90 canvas units.

    igraph's grid variant repels only pairs less than two edge lengths
    apart, with no long-range push, so a large component comes out far
    denser than the exact method draws it (10,000 stakeholders in about
    10 x 10 edge lengths); it is scaled up until the median distance to the
    nearest other stakeholder is about what the exact method gives (0.45
    edge lengths). In every component, stakeholders closer than 24 canvas
    units are then pushed apart, so no node hides another.

    Start positions come from ``numpy.random.default_rng(seed)`` in sorted
    node order. igraph also adds a tiny random jitter per step from its
    process-wide random generator; that generator is seeded from the same
    numpy generator under a lock (``graphs.seeded_igraph``) and restored afterwards,
    so concurrent sessions get the same picture.

    References
    ----------
    .. [1] Fruchterman, T. M. J., & Reingold, E. M. (1991). Graph drawing by
       force-directed placement. Software: Practice and Experience, 21(11),
       1129-1164. doi:10.1002/spe.4380211102
    .. [2] Csárdi, G., & Nepusz, T. (2006). The igraph software package for
       complex network research. InterJournal, Complex Systems, 1695.
    .. [3] Barnes, J., & Hut, P. (1986). A hierarchical O(N log N)
       force-calculation algorithm. Nature, 324, 446-449. doi:10.1038/324446a0

    Examples
    --------
    >>> G = nx.path_graph(["a", "b", "c"])
    >>> layout_positions(G) == layout_positions(G)
    True
    >>> sorted(layout_positions(G))
    ['a', 'b', 'c']
    """
    if G.number_of_nodes() == 0:
        return {}
    nodes, first, second, strength = _sorted_ties(G)
    component_layout = _igraph_component_layout if graphs.HAS_IGRAPH else _numpy_component_layout
    rng = np.random.default_rng(seed)
    blocks: list[tuple[list[Hashable], np.ndarray]] = []
    singletons: list[Hashable] = []
    for members, ties in _components(len(nodes), first, second, strength):
        if len(members) == 1:
            singletons.append(nodes[members[0]])
        elif len(members) == 2:
            blocks.append(([nodes[i] for i in members], np.array([[0.0, 0.0], [_SPACING, 0.0]])))
        else:
            blocks.append(([nodes[i] for i in members], component_layout(len(members), *ties, rng, iterations)))
    if singletons:
        blocks.append((singletons, _grid(len(singletons))))
    return _pack(blocks)


def _node_key(node: Hashable) -> tuple[str, str]:
    return (type(node).__name__, str(node))


def _sorted_ties(G: nx.Graph) -> tuple[list[Hashable], np.ndarray, np.ndarray, np.ndarray]:
    """Nodes sorted by :func:`_node_key`, and each tie once as index arrays
    ``first < second`` into that list, sorted, with its strength.

    Everything downstream sees the graph in this order only: igraph sums
    forces in vertex and edge order, so a layout computed in the graph's
    own order (as ``graphs.igraph_graph`` keeps it) would differ in the last
    bits for a reordered file, and those bits grow over the iterations.
    """
    if G.is_directed() or G.is_multigraph():
        G = _strongest_ties(G)
    try:
        graph_nodes, rows, cols, weights = graphs.edge_arrays(G, "weight")
    except (TypeError, ValueError):  # a weight that is not a number counts 1
        graph_nodes, rows, cols = graphs.edge_index(G)
        adjacency = G._adj
        weights = np.array(
            [_number(adjacency[graph_nodes[i]][graph_nodes[j]].get("weight")) or 1.0
             for i, j in zip(rows.tolist(), cols.tolist())],
            dtype=np.float64,
        )
    nodes = sorted(graph_nodes, key=_node_key)
    position = {node: i for i, node in enumerate(nodes)}
    rank = np.fromiter((position[node] for node in graph_nodes), dtype=np.int64, count=len(nodes))
    first = np.minimum(rank[rows], rank[cols])
    second = np.maximum(rank[rows], rank[cols])
    strength = np.where(np.isfinite(weights) & (weights != 0.0), weights, 1.0)
    order = np.lexsort((second, first))
    return nodes, first[order], second[order], strength[order]


def _strongest_ties(G: nx.Graph) -> nx.Graph:
    """An undirected simple graph of ``G``'s ties; of several ties between a
    pair (both directions, parallel relations) the strongest counts."""
    simple = nx.Graph()
    simple.add_nodes_from(G)
    for u, v, weight in G.edges(data="weight"):
        if u == v:
            continue
        weight = _number(weight) or 1.0
        if not simple.has_edge(u, v) or simple[u][v]["weight"] < weight:
            simple.add_edge(u, v, weight=weight)
    return simple


def _components(n: int, first: np.ndarray, second: np.ndarray, strength: np.ndarray):
    """Yield ``(members, (first, second, strength))`` per connected component,
    largest first (equal sizes by their first node), with ties in the
    members' local numbering. Members keep the sorted node order."""
    adjacency = sp.coo_array((np.ones(len(first)), (first, second)), shape=(n, n))
    count, label = csgraph.connected_components(adjacency, directed=False)
    sizes = np.bincount(label, minlength=count)
    member_order = np.argsort(label, kind="stable")
    member_start = np.concatenate([[0], np.cumsum(sizes)])
    order = sorted(range(count), key=lambda c: (-sizes[c], member_order[member_start[c]]))
    local = np.empty(n, dtype=np.int64)
    local[member_order] = np.arange(n) - member_start[label[member_order]]
    tie_label = label[first]
    tie_order = np.argsort(tie_label, kind="stable")
    tie_start = np.concatenate([[0], np.cumsum(np.bincount(tie_label, minlength=count))])
    for c in order:
        members = member_order[member_start[c]:member_start[c + 1]]
        ties = tie_order[tie_start[c]:tie_start[c + 1]]
        yield members, (local[first[ties]], local[second[ties]], strength[ties])


def _pull(strength: np.ndarray) -> np.ndarray:
    # Strength 1-5 maps to 0.6-1.4: strong ties sit closer without
    # collapsing onto each other.
    return 0.4 + 0.2 * np.clip(strength, 1.0, 5.0)


def _igraph_component_layout(n: int, first: np.ndarray, second: np.ndarray, strength: np.ndarray,
                             rng: np.random.Generator, iterations: int) -> np.ndarray:
    """A connected component's layout by igraph, in canvas units."""
    graph = graphs.igraph.Graph(n=n, edges=np.column_stack([first, second]).tolist())
    # igraph's own random start: a square of side sqrt(n), one node per
    # unit of area, which its grid variant also covers with cells.
    start = (rng.random((n, 2)) - 0.5) * math.sqrt(n)
    jitter_seed = int(rng.integers(2**63))
    grid = n > _IGRAPH_EXACT_LIMIT
    with graphs.seeded_igraph(jitter_seed):
        # GraphBase's method returns the bare coordinate lists; Graph's
        # wraps them in a Layout object, half a second at 100,000 nodes.
        coordinates = graphs.igraph.GraphBase.layout_fruchterman_reingold(
            graph, weights=_pull(strength).tolist(), niter=iterations, seed=start.tolist(), grid=grid
        )
    positions = np.array(coordinates, dtype=np.float64)
    positions -= positions.mean(axis=0)
    if grid:
        nearest, _ = cKDTree(positions).query(positions, k=2)
        median = float(np.median(nearest[:, 1]))
        if median > 0.0:
            positions *= _NEIGHBOUR_DISTANCE / median
    return _separate(positions * _SPACING, _MIN_DISTANCE)


def _numpy_component_layout(n: int, first: np.ndarray, second: np.ndarray, strength: np.ndarray,
                            rng: np.random.Generator, iterations: int) -> np.ndarray:
    """A connected component's layout without igraph, in canvas units."""
    adjacency = sp.coo_matrix(
        (np.concatenate([strength, strength]), (np.concatenate([first, second]), np.concatenate([second, first]))),
        shape=(n, n),
    ).tocsr()
    adjacency.sum_duplicates()
    start = rng.random((n, 2))
    positions = _fruchterman_reingold(adjacency, start, iterations)
    positions -= positions.mean(axis=0)
    # The ideal distance in the unit square is 1/sqrt(n).
    return _separate(positions * (_SPACING * math.sqrt(n)), _MIN_DISTANCE)


def _separate(positions: np.ndarray, minimum: float, rounds: int = 8) -> np.ndarray:
    """Push apart nodes closer than ``minimum``, so no node hides another.

    The force layout leaves a few stakeholders on top of each other in
    dense parts of large networks; a few rounds of pairwise pushes (half the
    overlap each way) fix that without changing the picture.
    """
    positions = positions.copy()
    n = len(positions)
    for _ in range(rounds):
        pairs = cKDTree(positions).query_pairs(minimum, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = positions[i] - positions[j]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        # Coinciding nodes get a fixed direction by pair index: deterministic.
        coincide = distance < 1e-9
        angle = np.arange(len(pairs))[coincide] * 2.399963
        delta[coincide] = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        distance[coincide] = 1.0
        push = delta * ((minimum - np.minimum(distance, minimum)) / (2.0 * distance))[:, None]
        for axis in (0, 1):
            positions[:, axis] += np.bincount(i, push[:, axis], n) - np.bincount(j, push[:, axis], n)
    return positions


def _fruchterman_reingold(adjacency: sp.csr_matrix, start: np.ndarray, iterations: int) -> np.ndarray:
    n = adjacency.shape[0]
    positions = start.astype(np.float64)
    k = 1.0 / math.sqrt(n)
    coo = adjacency.tocoo()
    pull = _pull(coo.data)
    # Hubs repel with their degree, as in ForceAtlas2: plain
    # Fruchterman-Reingold crowds the neighbours of a well-connected civil
    # servant into an unreadable knot in the middle.
    degree = np.bincount(coo.row, minlength=n).astype(np.float64)
    mass = (degree + 1.0) / (degree + 1.0).mean()
    temperature = 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        if n <= _EXACT_LIMIT:
            displacement = _exact_repulsion(positions, mass, k)
        else:
            displacement = _approximate_repulsion(positions, mass, k)
        delta = positions[coo.row] - positions[coo.col]
        distance = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-9)
        force = delta * (distance * pull / k)[:, None]
        displacement[:, 0] -= np.bincount(coo.row, force[:, 0], n)
        displacement[:, 1] -= np.bincount(coo.row, force[:, 1], n)
        length = np.maximum(np.hypot(displacement[:, 0], displacement[:, 1]), 1e-9)
        positions += displacement * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return positions


def _exact_repulsion(positions: np.ndarray, mass: np.ndarray, k: float) -> np.ndarray:
    delta = positions[:, None, :] - positions[None, :, :]
    squared = np.maximum(np.einsum("ijk,ijk->ij", delta, delta), 1e-6)
    return np.einsum("ijk,ij->ik", delta, (k * k) * np.outer(mass, mass) / squared)


def _approximate_repulsion(positions: np.ndarray, mass: np.ndarray, k: float) -> np.ndarray:
    n = len(positions)
    displacement = np.zeros_like(positions)
    # Near field: exact repulsion between every pair within `radius`.
    radius = 3.0 * k
    pairs = cKDTree(positions).query_pairs(radius, output_type="ndarray")
    if len(pairs):
        i, j = pairs[:, 0], pairs[:, 1]
        delta = positions[i] - positions[j]
        squared = np.maximum((delta * delta).sum(axis=1), 1e-6)
        force = delta * ((k * k) * mass[i] * mass[j] / squared)[:, None]
        for axis in (0, 1):
            displacement[:, axis] += np.bincount(i, force[:, axis], n) - np.bincount(j, force[:, axis], n)
    # Far field: every grid cell acts as its mass at its centre of mass;
    # cells whose centre lies within `radius` were counted in the near field.
    low = positions.min(axis=0)
    extent = np.maximum(positions.max(axis=0) - low, 1e-9)
    # At most 16 x 16 cells: far away, a coarse grid is as good as a fine
    # one, and the cost of this step grows with nodes times cells.
    cells_per_side = max(1, min(16, int(math.sqrt(n / 8))))
    cell = np.minimum((positions - low) / extent * cells_per_side, cells_per_side - 1).astype(np.int64)
    cell_id = cell[:, 0] * cells_per_side + cell[:, 1]
    cell_mass = np.bincount(cell_id, mass, minlength=cells_per_side**2)
    occupied = cell_mass > 0
    centre = np.stack(
        [np.bincount(cell_id, positions[:, axis] * mass, cells_per_side**2) for axis in (0, 1)], axis=1
    )[occupied] / cell_mass[occupied, None]
    cell_mass = cell_mass[occupied]
    # sum_c w_ic (p_i - c_c) = p_i * sum_c w_ic - (W @ c)_i, without the
    # n x cells x 2 array of differences.
    squared = (
        (positions * positions).sum(axis=1)[:, None]
        - 2.0 * positions @ centre.T
        + (centre * centre).sum(axis=1)[None, :]
    )
    near = squared <= radius * radius
    np.maximum(squared, 1e-12, out=squared)
    weight = np.outer(mass, cell_mass * (k * k))
    weight /= squared
    weight[near] = 0.0
    displacement += positions * weight.sum(axis=1)[:, None] - weight @ centre
    return displacement


def _grid(count: int) -> np.ndarray:
    side = math.ceil(math.sqrt(count))
    return np.array([[(i % side) * _SPACING, (i // side) * _SPACING] for i in range(count)], dtype=float)


def _pack(blocks: list[tuple[list[Hashable], np.ndarray]]) -> dict[Hashable, tuple[float, float]]:
    """Place component layouts in rows (shelf packing), largest first."""
    gap = _SPACING
    sized = []
    for nodes, coords in blocks:
        coords = coords - coords.min(axis=0)
        sized.append((nodes, coords, coords.max(axis=0)))
    total_area = sum((w + gap) * (h + gap) for _, _, (w, h) in sized)
    row_width = max(math.sqrt(total_area) * 1.2, max(w for _, _, (w, _h) in sized))
    positions: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes, coords, (w, h) in sized:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for node, (px, py) in zip(nodes, coords):
            positions[node] = (round(float(px + x), 1), round(float(py + y), 1))
        x += w + gap
        row_height = max(row_height, h)
    return positions


# -- page building --------------------------------------------------------------


def json_for_html(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026``, so
    a label like ``</script><script>alert(1)</script>`` cannot end the
    script element, and U+2028/U+2029 are escaped for old JavaScript parsers.
    NaN is not JSON: callers pass ``None`` instead.

    >>> json_for_html({"name": "</script>"})
    '{"name": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


@functools.lru_cache(maxsize=1)
def _vis_network_js() -> str:
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


# Every source is inline; nothing may be fetched, framed, or posted anywhere.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)

_PAGE = Template(
    """<!DOCTYPE html>
<html lang="$lang">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="$csp">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>
html, body { margin: 0; padding: 0; background: #ffffff; color: #111111;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
#nk-wrap { position: relative; }
#nk-map { width: 100%; height: ${height}px; }
#nk-legend { position: absolute; top: 8px; left: 8px; z-index: 2; max-width: 45%;
  background: rgba(255,255,255,0.92); border: 1px solid #cccccc; border-radius: 4px;
  padding: 6px 10px; font-size: ${legend_font}px; line-height: 1.5; }
#nk-legend h2 { font-size: 1em; margin: 0 0 2px 0; display: inline; }
#nk-legend summary { cursor: pointer; }
#nk-legend ul { list-style: none; margin: 0; padding: 0; }
#nk-legend li { white-space: nowrap; }
#nk-legend svg { vertical-align: middle; margin-right: 6px; }
.nk-empty { padding: 2em; font-size: ${legend_font}px; max-width: 40em; }
div.vis-tooltip { position: absolute; visibility: hidden; z-index: 5; pointer-events: none;
  max-width: 28em; white-space: normal; overflow-wrap: anywhere; background: #ffffff;
  color: #111111; border: 1px solid #555555; border-radius: 4px; padding: 6px 8px;
  box-shadow: 2px 2px 8px rgba(0,0,0,0.25); font-size: ${card_font}px; }
div.vis-tooltip dl { margin: 0; }
div.vis-tooltip dt { font-weight: 600; margin-top: 2px; }
div.vis-tooltip dd { margin: 0 0 0 0.8em; }
div.vis-tooltip .nk-card-title { font-weight: 700; font-size: 1.1em; margin-bottom: 4px; }
</style>
</head>
<body>
$body
</body>
</html>
"""
)

_MAP_BODY = Template(
    """<div id="nk-wrap">
$legend
<div id="nk-map" role="img" aria-label="$summary"></div>
</div>
<script>$vis</script>
<script type="application/json" id="nk-data">$data</script>
<script>
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nk-data").textContent);
  // Hover cards are built as elements with textContent: user text is
  // never parsed as HTML, whatever it contains.
  function card(parts) {
    var box = document.createElement("div");
    var title = document.createElement("div");
    title.className = "nk-card-title";
    title.textContent = parts.title;
    box.appendChild(title);
    var list = document.createElement("dl");
    parts.rows.forEach(function (row) {
      var term = document.createElement("dt");
      term.textContent = row[0];
      var value = document.createElement("dd");
      value.textContent = row[1];
      list.appendChild(term);
      list.appendChild(value);
    });
    box.appendChild(list);
    return box;
  }
  function withCards(items) {
    return items.map(function (item) {
      if (item.card) { item.title = card(item.card); }
      delete item.card;
      return item;
    });
  }
  var nodes = new vis.DataSet(withCards(data.nodes));
  var edges = new vis.DataSet(withCards(data.edges));
  var network = new vis.Network(document.getElementById("nk-map"),
                                {nodes: nodes, edges: edges}, data.options);
  // Read by the browser tests and handy in the console; holds no user
  // text that the page does not already show.
  window.netwerkkaart = {network: network, nodes: nodes, edges: edges};
  if (data.focus !== null && nodes.get(data.focus)) {
    network.selectNodes([data.focus]);
    network.once("afterDrawing", function () {
      network.focus(data.focus, {scale: data.focusScale, animation: false});
    });
  }
})();
</script>"""
)


def _page(body: str, *, lang: str, title: str, height_px: int, presentation: bool) -> str:
    return _PAGE.substitute(
        lang=lang,
        csp=_CSP,
        title=html.escape(title),
        height=int(height_px),
        legend_font=20 if presentation else 13,
        card_font=18 if presentation else 13,
        body=body,
    )


def _check_height(height_px: int) -> int:
    if isinstance(height_px, bool) or not isinstance(height_px, (int, np.integer)) or not 100 <= height_px <= 10_000:
        raise ValueError(f"height_px must be a whole number of pixels between 100 and 10000, not {height_px!r}")
    return int(height_px)


def _empty_page(lang: str, height_px: int, presentation: bool) -> str:
    body = f'<div class="nk-empty" role="status"><p>{html.escape(MESSAGES.text("empty", lang))}</p></div>'
    return _page(body, lang=lang, title=MESSAGES.text("page_title", lang), height_px=height_px,
                 presentation=presentation)


# -- legend -----------------------------------------------------------------------

_LEGEND_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
    "square": '<rect x="2" y="2" width="12" height="12" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
    "triangle": '<polygon points="8,1 15,14 1,14" fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dash}/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" fill="{fill}" '
    'stroke="{stroke}" stroke-width="{width}"{dash}/>',
}


def _legend_symbol(shape: str, fill: str, *, stroke: str = "#333333", width: float = 1, dashed: bool = False) -> str:
    dash = ' stroke-dasharray="3,2"' if dashed else ""
    inner = _LEGEND_SHAPES[shape].format(fill=fill, stroke=stroke, width=width, dash=dash)
    return f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{inner}</svg>'


def _legend_line(colour: str, *, dashed: bool = False, width: int = 3) -> str:
    dash = ' stroke-dasharray="4,3"' if dashed else ""
    return (f'<svg width="22" height="16" viewBox="0 0 22 16" aria-hidden="true"><line x1="1" y1="8" x2="21" y2="8" '
            f'stroke="{colour}" stroke-width="{width}"{dash}/></svg>')


def _spread_for_labels(layout: Mapping[Hashable, tuple[float, float]], font_size: float,
                       *, label_chars: int = 12, limit: int = 400) -> dict[Hashable, tuple[float, float]]:
    """Scale a small layout so that neighbouring labels do not overlap.

    Labels are drawn in the same units as positions, so on a map of a few
    stakeholders (a workshop that has just begun) two names 24 units apart
    print on top of each other whatever the zoom. Scaling every position by
    one factor keeps the picture and makes the median nearest-neighbour
    distance at least the width of a typical label (``label_chars``
    characters of about 0.6 font size each, plus a margin). Maps above
    ``limit`` nodes are left as they are: their labels only show when zoomed in.
    """
    points = list(layout.items())
    if len(points) < 2 or len(points) > limit:
        return dict(layout)
    nearest = []
    for index, (_, (x, y)) in enumerate(points):
        nearest.append(min(math.hypot(x - u, y - v) for j, (_, (u, v)) in enumerate(points) if j != index))
    nearest.sort()
    median = nearest[len(nearest) // 2]
    wanted = (0.6 * label_chars + 2) * font_size
    if median <= 0 or median >= wanted:
        return dict(layout)
    factor = wanted / median
    return {node: (x * factor, y * factor) for node, (x, y) in points}


def _legend(lang: str, types: Iterable[str], extras: list[tuple[str, str]]) -> str:
    items = []
    for key in types:
        style = TYPE_STYLE[key]
        items.append(f"<li>{_legend_symbol(style.shape, style.colour)}{html.escape(type_label(key, lang))}</li>")
    for symbol, label in extras:
        items.append(f"<li>{symbol}{html.escape(label)}</li>")
    # A <details> element: open by default, and one click folds it away when
    # it covers part of the map (a beamer shows less room than a laptop).
    return (f'<aside id="nk-legend" aria-label="{html.escape(MESSAGES.text("legend", lang))}"><details open>'
            f'<summary><h2>{html.escape(MESSAGES.text("legend", lang))}</h2></summary>'
            f'<ul>{"".join(items)}</ul></details></aside>')


# -- node and edge data ----------------------------------------------------------------

_LABEL_LIMIT = 40
_CARD_LIMIT = 300


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


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


def _type_key(data: Mapping[str, Any]) -> str:
    key = data.get("type")
    return key if key in TYPE_STYLE else OTHER


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


def _darker(colour: str, factor: float = 0.6) -> str:
    """A darker shade of ``#rrggbb``: the node outline, so a small node keeps its colour."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in channels)


def _format_number(value: float, lang: str) -> str:
    text = f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return text.replace(".", ",") if lang == "nl" and "," not in text else text


def _missing_positions(G: nx.Graph, positions: Mapping[Hashable, Any], seed: int) -> dict[Hashable, tuple[float, float]]:
    """Complete `positions`: a node without one goes next to its placed neighbours,
    or, with none placed, into a row below the map."""
    placed = {n: (float(positions[n][0]), float(positions[n][1])) for n in G if n in positions}
    missing = sorted((n for n in G if n not in placed), key=_node_key)
    if not missing:
        return placed
    rng = np.random.default_rng(seed)
    bottom = max((y for _, y in placed.values()), default=0.0) + 2 * _SPACING
    left = min((x for x, _ in placed.values()), default=0.0)
    orphan = 0
    for node in missing:
        anchors = [placed[m] for m in G[node] if m in placed]
        if anchors:
            angle = rng.uniform(0, 2 * math.pi)
            x = sum(a[0] for a in anchors) / len(anchors) + _SPACING * 0.6 * math.cos(angle)
            y = sum(a[1] for a in anchors) / len(anchors) + _SPACING * 0.6 * math.sin(angle)
        else:
            x, y = left + orphan * _SPACING, bottom
            orphan += 1
        placed[node] = (round(x, 1), round(y, 1))
    return placed


def _node_card(G: nx.Graph, node: Hashable, data: Mapping[str, Any], lang: str, notes: list[str],
               size_value: float | None) -> dict[str, Any]:
    rows = [(MESSAGES.text("type", lang), type_label(_type_key(data), lang))]
    for key in ("organisation", "area", "themes", "role"):
        text = _text(data.get(key))
        if text:
            rows.append((MESSAGES.text(key, lang), _short(text, _CARD_LIMIT)))
    rows.append((MESSAGES.text("degree", lang), str(G.degree(node))))
    if size_value is not None:
        rows.append((MESSAGES.text("size_value", lang), _format_number(size_value, lang)))
    if notes:
        rows.append((MESSAGES.text("highlight", lang), "; ".join(notes)))
    name = _text(data.get("name")) or str(node)
    # Plain text on purpose: the page sets it with textContent, so escaping
    # here would show "Bakker &amp; Zn" instead of "Bakker & Zn".
    return {"title": _short(name, _CARD_LIMIT), "rows": [[term, value] for term, value in rows]}


def _edge_card(data: Mapping[str, Any], lang: str, *, bridge: bool) -> dict[str, Any]:
    types = data.get("types") or []
    label = ", ".join(relation_type_label(t, lang) for t in types) or MESSAGES.text("relation", lang)
    rows = []
    strength = _number(data.get("strength", data.get("weight")))
    if strength is not None:
        rows.append((MESSAGES.text("strength", lang), _format_number(strength, lang)))
    since = _text(data.get("since"))
    if since:
        rows.append((MESSAGES.text("since", lang), _short(since, 40)))
    if bridge:
        rows.append((MESSAGES.text("highlight", lang), MESSAGES.text("bridge", lang)))
    return {"title": label, "rows": [[t, v] for t, v in rows]}


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
        value, between 10 and 40 px across (16-60 px in presentation mode);
        nodes without a finite value get the smallest size. ``None``: one
        size for all.
    highlight : mapping, optional
        Keys (all optional): ``"brokers"``, ``"cut_points"`` and
        ``"isolated"`` (sets of nodes), ``"bridges"`` (pairs ``(u, v)``, in
        either order) and ``"focus"`` (a node, selected and centred).
        Brokers and cut points get a thick black border, isolated
        stakeholders a red dashed border, bridges a red, thicker line.
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
        high-contrast label outline.
    height_px : int
        Height of the map in pixels (100-10000).

    Returns
    -------
    str
        The HTML page. It references no external resource, and user text
        never reaches an HTML sink: node data is embedded as JSON with
        ``<``, ``>`` and ``&`` escaped, and hover cards are built with
        ``textContent``. An empty graph gives a page with a short message.

    Notes
    -----
    Labels on the map are cut to 40 characters and card values to 300; the
    full text stays in the data tables.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", name="<b>Anouk</b>", type="civil_servant")
    >>> page = network_html(G)
    >>> page.startswith("<!DOCTYPE html>") and "<b>Anouk" not in page
    True
    """
    lang = normalise_language(lang)
    height_px = _check_height(height_px)
    if G.number_of_nodes() == 0:
        return _empty_page(lang, height_px, presentation)
    highlight = dict(highlight or {})
    brokers = set(highlight.get("brokers") or ()) & set(G)
    cut_points = set(highlight.get("cut_points") or ()) & set(G)
    isolated = set(highlight.get("isolated") or ()) & set(G)
    bridges = {_edge_key(u, v) for u, v in (highlight.get("bridges") or ()) if G.has_edge(u, v)}
    focus = highlight.get("focus")
    if focus is not None and focus not in G:
        focus = None

    layout = _missing_positions(G, positions, seed=42) if positions is not None else layout_positions(G)
    low, high = (16.0, 60.0) if presentation else (10.0, 40.0)
    sizes = _sizes(G, size_by, low, high)
    font_size = 26 if presentation else 14
    label_lengths = sorted(len(_short(_text(d.get("name")) or str(n), _LABEL_LIMIT)) for n, d in G.nodes(data=True))
    layout = _spread_for_labels(layout, font_size, label_chars=label_lengths[len(label_lengths) // 2])
    border = 1.5 if presentation else 1
    thick_border = 6 if presentation else 4

    ids: dict[Hashable, str] = {}
    nodes = []
    for index, (node, data) in enumerate(sorted(G.nodes(data=True), key=lambda item: _node_key(item[0]))):
        # vis needs unique, JSON-able ids: node keys may be any hashable.
        vis_id = f"n{index}"
        ids[node] = vis_id
        style = TYPE_STYLE[_type_key(data)]
        notes = []
        if node in brokers:
            notes.append(MESSAGES.text("broker", lang))
        if node in cut_points:
            notes.append(MESSAGES.text("cut_point", lang))
        if node in isolated:
            notes.append(MESSAGES.text("isolated", lang))
        stroke, width, dashes = _darker(style.colour), border, False
        if node in brokers or node in cut_points:
            stroke, width = HIGHLIGHT_COLOURS["broker"], thick_border
        if node in isolated:
            stroke, width, dashes = HIGHLIGHT_COLOURS["isolated"], thick_border, True
        x, y = layout[node]
        name = _text(data.get("name")) or str(node)
        nodes.append(
            {
                "id": vis_id,
                "label": _short(name, _LABEL_LIMIT),
                "x": x,
                "y": y,
                "shape": style.shape,
                "size": round(sizes[node] / 2, 1),
                # Larger nodes matter more: their names stay readable when
                # the whole map is in view.
                "font": {"size": round(font_size * (0.8 + 0.8 * (sizes[node] - low) / (high - low)))},
                "borderWidth": width,
                "borderWidthSelected": width + 2,
                "shapeProperties": {"borderDashes": [6, 4] if dashes else False},
                "color": {
                    "background": style.colour,
                    "border": stroke,
                    "highlight": {"background": style.colour, "border": "#000000"},
                    "hover": {"background": style.colour, "border": "#000000"},
                },
                "card": _node_card(G, node, data, lang, notes,
                                   _number(size_by.get(node)) if size_by is not None else None),
            }
        )

    edge_scale = 1.8 if presentation else 1.0
    edge_colour = "#707070" if presentation else HIGHLIGHT_COLOURS["edge"]
    edges = []
    for u, v, data in G.edges(data=True):
        strength = _number(data.get("strength", data.get("weight"))) or 3.0
        is_bridge = _edge_key(u, v) in bridges
        width = (1.0 + 0.75 * (min(max(strength, 1.0), 5.0) - 1.0)) * edge_scale
        edges.append(
            {
                "id": f"e{len(edges)}",
                "from": ids[u],
                "to": ids[v],
                "width": round(width + (2.5 if is_bridge else 0.0), 2),
                "color": {"color": HIGHLIGHT_COLOURS["bridge"] if is_bridge else edge_colour, "highlight": "#000000",
                          "hover": "#000000", "inherit": False},
                "card": _edge_card(data, lang, bridge=is_bridge),
            }
        )
    suggested = 0
    for item in suggestions or ():
        u, v, reason = item
        if u not in ids or v not in ids or u == v:
            continue
        suggested += 1
        reason_text = _short(_text(reason) or "", _CARD_LIMIT)
        names = f"{_text(G.nodes[u].get('name')) or u} – {_text(G.nodes[v].get('name')) or v}"
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
                    "rows": [[_short(names, _CARD_LIMIT), reason_text]],
                },
            }
        )

    large = G.number_of_nodes() > 1000
    options = {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 42},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1},
        "nodes": {
            "font": {
                "size": font_size,
                "face": "system-ui, Arial, sans-serif",
                "color": "#000000" if presentation else "#1a1a1a",
                "strokeWidth": 5 if presentation else 3,
                "strokeColor": "#ffffff",
                "bold": {"size": font_size},
            },
            # Below this on-screen size labels are skipped: a zoomed-out
            # map of hundreds of names is unreadable and slow.
            "scaling": {"label": {"drawThreshold": 9 if presentation else 6}},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
        },
    }
    payload = {"nodes": nodes, "edges": edges, "options": options,
               "focus": ids.get(focus) if focus is not None else None,
               "focusScale": 1.6 if presentation else 1.2}

    present_types = [t for t in STAKEHOLDER_TYPES if any(_type_key(d) == t for _, d in G.nodes(data=True))]
    extras = []
    if brokers or cut_points:
        extras.append((_legend_symbol("dot", "#ffffff", stroke=HIGHLIGHT_COLOURS["broker"], width=3),
                       MESSAGES.text("legend_broker", lang)))
    if isolated:
        extras.append((_legend_symbol("dot", "#ffffff", stroke=HIGHLIGHT_COLOURS["isolated"], width=2.5, dashed=True),
                       MESSAGES.text("legend_isolated", lang)))
    if bridges:
        extras.append((_legend_line(HIGHLIGHT_COLOURS["bridge"], width=4), MESSAGES.text("legend_bridge", lang)))
    if suggested:
        extras.append((_legend_line(HIGHLIGHT_COLOURS["suggestion"], dashed=True),
                       MESSAGES.text("legend_suggestion", lang)))
    summary = MESSAGES.text("map_summary", lang, nodes=G.number_of_nodes(), edges=G.number_of_edges())
    body = _MAP_BODY.substitute(
        legend=_legend(lang, present_types, extras),
        summary=html.escape(summary),
        vis=_vis_network_js(),
        data=json_for_html(payload),
    )
    return _page(body, lang=lang, title=summary, height_px=height_px, presentation=presentation)


# -- communities ------------------------------------------------------------------


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
        C.nodes[community]["types"][_type_key(G.nodes[node])] += 1
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
        :func:`netanalysis.gaps.communities` numbers from 0 and the pages
        count from 1; any other community key shows as its text.
    lang, presentation, height_px
        As in :func:`network_html`.

    Returns
    -------
    str
        A standalone offline HTML page (see :func:`network_html`).
    """
    lang = normalise_language(lang)
    height_px = _check_height(height_px)
    C = community_graph(G, membership)
    if C.number_of_nodes() == 0:
        return _empty_page(lang, height_px, presentation)
    layout = layout_positions(C)
    # A community of thousands needs more room than an edge length.
    layout = {c: (x * 3.0, y * 3.0) for c, (x, y) in layout.items()}
    largest = max(members for _, members in C.nodes(data="members"))
    low, high = (24.0, 90.0) if presentation else (16.0, 70.0)
    font_size = 26 if presentation else 15
    ids: dict[Hashable, str] = {}
    nodes = []
    for index, (community, data) in enumerate(sorted(C.nodes(data=True), key=lambda item: _node_key(item[0]))):
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
                "label": _short(label, 80),
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
    body = _MAP_BODY.substitute(
        legend=_legend(lang, present_types, []),
        summary=html.escape(summary),
        vis=_vis_network_js(),
        data=json_for_html(payload),
    )
    return _page(body, lang=lang, title=summary, height_px=height_px, presentation=presentation)
