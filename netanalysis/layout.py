"""Where every stakeholder sits on the map: seeded, stable positions.

:func:`layout_positions` lays out each connected component with a
force-directed method and packs the components in rows; the map
(:mod:`netanalysis.maps`) draws them with physics off, so a rerun shows the
same picture and a large map is there at once. :func:`complete_positions`
places stakeholders missing from a cached layout (a filtered view keeps
everyone else in place), and :func:`spread_for_labels` gives the names on a
small map room to be read.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph
from scipy.spatial import cKDTree

from . import graphs

__all__ = [
    "COMMUNITY_THRESHOLD",
    "layout_positions",
    "node_key",
    "complete_positions",
    "spread_for_labels",
    "separate_on_screen",
]

#: Above this many stakeholders a node-by-node map is slow to draw and
#: impossible to read: the map shows one node per community instead
#: (:func:`netanalysis.overview.community_overview_html`).
COMMUNITY_THRESHOLD = 2500

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


def node_key(node: Hashable) -> tuple[str, str]:
    """Sort key of a node that works for any mix of id types: the layout and
    the map's drawing order follow it, so a reordered file gives the same map.

    >>> sorted([2, "b", 1, "a"], key=node_key)
    [1, 2, 'a', 'b']
    """
    return (type(node).__name__, str(node))


def _weight(value: Any) -> float:
    """A tie's strength as a number; a missing, zero, non-finite or
    non-numeric weight counts as 1."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 1.0
    return number if math.isfinite(number) and number != 0.0 else 1.0


def _sorted_ties(G: nx.Graph) -> tuple[list[Hashable], np.ndarray, np.ndarray, np.ndarray]:
    """Nodes sorted by :func:`node_key`, and each tie once as index arrays
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
            [_weight(adjacency[graph_nodes[i]][graph_nodes[j]].get("weight"))
             for i, j in zip(rows.tolist(), cols.tolist())],
            dtype=np.float64,
        )
    nodes = sorted(graph_nodes, key=node_key)
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
        weight = _weight(weight)
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
    # add_edges reads the numpy array directly, as graphs.igraph_graph does:
    # 250,000 two-item lists set off full garbage collections over the whole
    # networkx graph (0.43 s against 0.07 s at 100,000 stakeholders).
    graph = graphs.igraph.Graph(n=n, directed=False)
    graph.add_edges(np.column_stack([first, second]))
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
        # The median over an evenly spread sample of about 10,000 is the
        # same to within about one per cent, at a fraction of the queries.
        sample = positions[::max(1, n // 10_000)]
        nearest, _ = cKDTree(positions).query(sample, k=2)
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
        # An unbalanced tree is built in half the time and answers this
        # query as fast: eight rounds at 100,000 stakeholders, 0.28 s -> 0.2 s.
        tree = cKDTree(positions, balanced_tree=False, compact_nodes=False)
        pairs = tree.query_pairs(minimum, output_type="ndarray")
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
    index = np.arange(count)
    return np.column_stack([index % side, index // side]).astype(float) * _SPACING


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
        placed = np.round(coords + np.array([x, y]), 1)
        positions.update(zip(nodes, zip(placed[:, 0].tolist(), placed[:, 1].tolist())))
        x += w + gap
        row_height = max(row_height, h)
    return positions



def spread_for_labels(layout: Mapping[Hashable, tuple[float, float]], font_size: float,
                       *, label_chars: int = 12, limit: int = 400) -> dict[Hashable, tuple[float, float]]:
    """Scale a small layout so that neighbouring labels do not overlap.

    Labels are drawn in the same units as positions, so on a map of a few
    stakeholders (a workshop that has just begun) two names 24 units apart
    print on top of each other whatever the zoom. Scaling every position by
    one factor keeps the picture and makes the median nearest-neighbour
    distance at least the width of a typical label (``label_chars``
    characters of about 0.6 font size each, plus a margin). Maps above
    ``limit`` nodes are left as they are: their labels only show when zoomed in.

    >>> x, y = spread_for_labels({"a": (0.0, 0.0), "b": (24.0, 0.0)}, 14)["b"]
    >>> round(x, 1), y
    (128.8, 0.0)
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


def separate_on_screen(layout: Mapping[Hashable, tuple[float, float]], radius_px: Mapping[Hashable, float], *,
                       frame: tuple[float, float] = (900.0, 560.0), gap_px: float = 1.5,
                       rounds: int = 60) -> dict[Hashable, tuple[float, float]]:
    """Move nodes apart until none covers another once the map is fitted to ``frame``.

    The map draws nodes with radii in screen pixels after fitting
    (:func:`netanalysis.maps.network_html`), so whether two overlap depends
    on the zoom that fits the whole layout into its frame: ``min(width /
    extent_x, height / extent_y)``. Each round estimates that zoom and pushes
    every overlapping pair apart by its overlap (half each way), until the
    discs of radius ``radius_px`` plus ``gap_px`` are apart or ``rounds``
    are done. Pairs that were apart stay where they are, so the picture
    keeps its shape; only the crowded middle opens up.

    Parameters
    ----------
    layout : mapping
        ``{node: (x, y)}`` in canvas units.
    radius_px : mapping
        ``{node: radius}`` in screen pixels at the fitted zoom.
    frame : (float, float)
        The smallest frame the map is expected in (pixels); in a larger one
        there is more room.
    gap_px, rounds
        Clearance between two discs, and the most rounds.

    >>> moved = separate_on_screen({"a": (0.0, 0.0), "b": (1.0, 0.0), "c": (1000.0, 0.0)},
    ...                            {"a": 10, "b": 10, "c": 10}, frame=(1000, 600))
    >>> scale = (1000 - 2 * 16) / (moved["c"][0] - min(moved["a"][0], moved["b"][0]))
    >>> bool(abs(moved["b"][0] - moved["a"][0]) * scale >= 20)
    True
    """
    nodes = sorted(layout, key=node_key)
    if len(nodes) < 2:
        return {n: (float(layout[n][0]), float(layout[n][1])) for n in nodes}
    positions = np.array([layout[n] for n in nodes], dtype=float)
    radius = np.array([float(radius_px[n]) for n in nodes])
    n = len(nodes)
    margin = radius.max() + 6.0
    for step in range(rounds):
        extent = np.maximum(positions.max(axis=0) - positions.min(axis=0), 1e-6)
        scale = min((frame[0] - 2 * margin) / extent[0], (frame[1] - 2 * margin) / extent[1], 1.0)
        reach = (2 * radius.max() + gap_px) / scale
        pairs = cKDTree(positions).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        need = (radius[i] + radius[j] + gap_px) / scale
        delta = positions[i] - positions[j]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        close = distance < need
        if not close.any():
            break
        i, j, need, delta, distance = i[close], j[close], need[close], delta[close], distance[close]
        # Coinciding nodes get a fixed direction by pair index: deterministic.
        coincide = distance < 1e-9
        angle = np.arange(len(i))[coincide] * 2.399963
        delta[coincide] = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        distance[coincide] = 1.0
        # A little more than the overlap: the pushes make the map wider,
        # which lowers the fitted zoom and shrinks every gap a little.
        push = delta * ((need - distance) * 0.55 / distance)[:, None]
        for axis in (0, 1):
            positions[:, axis] += np.bincount(i, push[:, axis], n) - np.bincount(j, push[:, axis], n)
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(nodes, positions)}


def complete_positions(G: nx.Graph, positions: Mapping[Hashable, Any], *, seed: int = 42
                       ) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node of ``G``, keeping those in ``positions``.

    A node without a position goes next to its placed neighbours (at a
    seeded random angle, 0.6 edge lengths from their centre), or, with none
    placed, into a row below the map. Used with a cached layout of the whole
    network, so a filtered view or a newly added stakeholder moves nobody.

    >>> G = nx.path_graph(["a", "b", "c"])
    >>> complete_positions(G, {"a": (0, 0), "b": (90, 0)})["a"]
    (0.0, 0.0)
    >>> sorted(complete_positions(G, {}))
    ['a', 'b', 'c']
    """
    placed = {n: (float(positions[n][0]), float(positions[n][1])) for n in G if n in positions}
    missing = sorted((n for n in G if n not in placed), key=node_key)
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

