"""Where the network hangs by a thread: cut points, bridges, and the
stakeholders every route to the municipality runs through.

* :func:`cut_points` and :func:`cut_point_sizes`: stakeholders whose loss
  splits their part of the network, and how many each one cuts off;
* :func:`bridges` and :func:`bridge_sizes`: the same for relations;
* :func:`block_cut_pieces`: the sizes of the pieces each cut point and
  bridge leaves behind, the block-cut tree both read from;
* :func:`routes_through`: for every target, the stakeholders every route
  from it to a set of sources runs through (what
  :func:`netanalysis.gaps.isolated_initiatives` reports as ``via``).

Everything is read from the biconnected components (Hopcroft and Tarjan),
computed by igraph's C code when it is installed, by networkx on an
integer copy of the graph otherwise (``backend``); both give the same
results.
"""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
from networkx.utils import not_implemented_for
from scipy import sparse
from scipy.sparse import csgraph

from .graphs import adjacency, check_graph, edge_index, igraph, igraph_graph, node_index, resolve_backend

__all__ = ["cut_point_sizes", "bridge_sizes", "cut_points", "bridges", "block_cut_pieces", "routes_through"]


def cut_point_sizes(G, *, backend: str = "auto") -> dict:
    """How many stakeholders each cut point cuts off.

    A cut point (articulation point) is a stakeholder whose removal splits
    its part of the network [1]_. Its ``cut_off`` is the number of
    stakeholders that would lose their connection to the largest remaining
    piece: the size of its component minus one minus the largest piece.
    A stakeholder holding on to a single contact (a leaf) makes that contact
    a cut point with ``cut_off`` 1; ``cut_off`` of 2 or more means a group
    depends on the cut point.

    Returns
    -------
    dict
        ``{cut point: cut_off}``, largest first, ties in graph order.

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient
       algorithms for graph manipulation. Communications of the ACM, 16(6),
       372-378.

    Examples
    --------
    Two triangles joined through node 3: removing 3 cuts off one triangle
    (3 stakeholders), removing 2 or 4 cuts off two.

    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (4, 6)])
    >>> cut_point_sizes(G)
    {3: 3, 2: 2, 4: 2}
    """
    pieces, _ = block_cut_pieces(G, backend=backend)
    sizes = {node: sum(p) - max(p) for node, p in pieces.items()}
    position = {node: i for i, node in enumerate(G)}
    return dict(sorted(sizes.items(), key=lambda item: (-item[1], position[item[0]])))


@not_implemented_for("directed")
def bridge_sizes(G, *, backend: str = "auto") -> dict:
    """How many stakeholders each bridge cuts off.

    A bridge is a relation whose removal splits its part of the network
    [1]_; its ``cut_off`` is the size of the smaller side. Every relation
    to a leaf is a bridge with ``cut_off`` 1; 2 or more means a group hangs
    on that one relation.

    Returns
    -------
    dict
        ``{(u, v): cut_off}``, largest first, ``u`` before ``v`` in graph
        order, ties in graph order.

    References
    ----------
    .. [1] Tarjan, R. E. (1974). A note on finding the bridges of a graph.
       Information Processing Letters, 2(6), 160-161.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (4, 6), (6, 7)])
    >>> bridge_sizes(G)
    {(3, 4): 4, (2, 3): 3, (6, 7): 1}
    """
    _, sides = block_cut_pieces(G, backend=backend)
    position = {node: i for i, node in enumerate(G)}
    ordered = {}
    for (u, v), (side_u, side_v) in sides.items():
        if position[u] > position[v]:
            u, v = v, u
        ordered[(u, v)] = min(side_u, side_v)
    return dict(sorted(ordered.items(), key=lambda item: (-item[1], position[item[0][0]], position[item[0][1]])))


def cut_points(G, *, min_cut_off: int = 1, backend: str = "auto") -> list:
    """The stakeholders whose removal splits the network (articulation
    points), those that cut off the most first.

    Parameters
    ----------
    G : networkx.Graph
    min_cut_off : int
        Report only cut points that cut off at least this many stakeholders
        (see :func:`cut_point_sizes`). The default 1 reports all of them;
        2 leaves out those that only hold a single leaf.
    backend : {"auto", "igraph", "numpy"}
        Where the biconnected components come from (see the module).

    Returns
    -------
    list
        Stakeholder ids.

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient
       algorithms for graph manipulation. Communications of the ACM, 16(6),
       372-378.

    Examples
    --------
    >>> G = nx.path_graph(4)
    >>> cut_points(G), cut_points(G, min_cut_off=2)
    ([1, 2], [])
    """
    return [node for node, size in cut_point_sizes(G, backend=backend).items() if size >= min_cut_off]


def bridges(G, *, min_cut_off: int = 1, backend: str = "auto") -> list[tuple]:
    """The relations whose removal splits the network, those that cut off
    the most first.

    Parameters
    ----------
    G : networkx.Graph
    min_cut_off : int
        Report only bridges whose smaller side has at least this many
        stakeholders (see :func:`bridge_sizes`); 2 leaves out ties to leaves.
    backend : {"auto", "igraph", "numpy"}

    Returns
    -------
    list of tuple
        ``(u, v)`` pairs, ``u`` first in graph order.

    References
    ----------
    .. [1] Tarjan, R. E. (1974). A note on finding the bridges of a graph.
       Information Processing Letters, 2(6), 160-161.

    Examples
    --------
    >>> bridges(nx.path_graph(4))
    [(1, 2), (0, 1), (2, 3)]
    >>> bridges(nx.path_graph(4), min_cut_off=2)
    [(1, 2)]
    """
    return [pair for pair, size in bridge_sizes(G, backend=backend).items() if size >= min_cut_off]


# -- the block-cut tree ---------------------------------------------------------------


def routes_through(G, sources, targets, *, backend: str = "auto") -> dict:
    """For every target, the nodes that every route from it to any source runs through.

    What :func:`netanalysis.gaps.isolated_initiatives` reports as ``via``
    (sources are the civil servants, targets the initiatives): join every
    source to one extra node ``M``; a node ``x`` lies on every route from
    ``t`` to any source exactly when ``x`` is a cut vertex on the path from
    ``t`` to ``M`` in the block-cut tree of the biconnected components
    [1]_ [2]_.

    Parameters
    ----------
    G : networkx.Graph
    sources : iterable of nodes
    targets : iterable of nodes
    backend : {"auto", "igraph", "numpy"}
        Where the biconnected components come from: igraph's C code, or
        networkx on an integer copy of the graph.

    Returns
    -------
    dict
        ``{target: [node, ...]}``, nearest to the target first, the target
        itself never included; ``[]`` for a target no source reaches.

    Notes
    -----
    The whole graph is searched, also the pieces no source reaches: they
    are components of their own once ``M`` is added, so they change no
    other piece's tree, and the graph's cached conversions are reused
    instead of a subgraph being converted. The tree is walked with scipy's
    breadth-first search from ``M``.

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient
       algorithms for graph manipulation. Communications of the ACM, 16(6),
       372-378.
    .. [2] Harary, F. (1969). Graph Theory, chapter 3 (block-cutpoint
       trees). Reading, MA: Addison-Wesley.

    Examples
    --------
    >>> G = nx.Graph([("cs", "x"), ("x", "i1"), ("cs", "i2"), ("i2", "y"), ("y", "cs")])
    >>> routes_through(G, ["cs"], ["i1", "i2"])
    {'i1': ['x', 'cs'], 'i2': ['cs']}
    """
    check_graph(G)
    chosen = resolve_backend(backend)
    nodes, rows, cols = edge_index(G)
    index = node_index(G)
    targets = list(targets)
    source_ids = np.unique(np.fromiter((index[s] for s in sources), dtype=np.int64))
    if not len(source_ids):
        return {t: [] for t in targets}
    hub = len(nodes)
    first = np.concatenate([rows, np.full(len(source_ids), hub, dtype=np.int64)])
    second = np.concatenate([cols, source_ids])
    if chosen == "igraph":
        graph = igraph_graph(G)[1].copy()
        graph.add_vertices(1)
        graph.add_edges(np.column_stack([np.full(len(source_ids), hub), source_ids]))
        # The raw call returns each block as the edges of a spanning tree;
        # Graph.biconnected_components would turn them into Python sets.
        trees, cut_list = igraph.GraphBase.biconnected_components(graph, True)
        sizes = np.fromiter(map(len, trees), dtype=np.int64, count=len(trees))
        edges = np.fromiter(itertools.chain.from_iterable(trees), dtype=np.int64, count=int(sizes.sum()))
        block = np.repeat(np.arange(len(trees), dtype=np.int64), sizes)
        block = np.concatenate([block, block])
        member = np.concatenate([first[edges], second[edges]])
    else:
        H = nx.Graph()
        H.add_nodes_from(range(hub + 1))
        H.add_edges_from(zip(first.tolist(), second.tolist()))
        found = [list(members) for members in nx.biconnected_components(H)]
        sizes = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        block = np.repeat(np.arange(len(found), dtype=np.int64), sizes)
        member = np.fromiter(itertools.chain.from_iterable(found), dtype=np.int64, count=int(sizes.sum()))
        cut_list = list(nx.articulation_points(H))
    blocks = len(sizes)
    is_cut = np.zeros(hub + 1, dtype=bool)
    is_cut[np.asarray(cut_list, dtype=np.int64)] = True
    # Tree nodes: block b is b, cut vertex v is blocks + v; an edge joins a
    # block to each cut vertex in it. A vertex that is no cut vertex lies in
    # exactly one block (none when it has no relations).
    inside = is_cut[member]
    tree = sparse.coo_array(
        (np.ones(int(inside.sum())), (block[inside], blocks + member[inside])), shape=(blocks + hub + 1,) * 2
    ).tocsr()
    tree_node = np.full(hub + 1, -1, dtype=np.int64)
    tree_node[member[~inside]] = block[~inside]
    tree_node[is_cut] = blocks + np.flatnonzero(is_cut)
    _, parent = csgraph.breadth_first_order(tree, int(tree_node[hub]), directed=False, return_predecessors=True)
    parent = parent.tolist()
    top = blocks + hub
    result = {}
    for target in targets:
        start = int(tree_node[index[target]])
        chain = []
        if start >= 0 and parent[start] >= 0:  # reached from M (the root has no parent)
            step = parent[start]
            while step >= 0:
                if step >= blocks and step != top:
                    chain.append(nodes[step - blocks])
                step = parent[step]
        result[target] = chain
    return result


def _blocks(G, chosen: str) -> list[list[int]]:
    """Biconnected components of ``G`` as lists of node indices (isolates in none)."""
    nodes, rows, cols = edge_index(G)
    if chosen == "igraph":
        return [list(block) for block in igraph_graph(G)[1].biconnected_components()]
    H = nx.Graph()
    H.add_nodes_from(range(len(nodes)))
    H.add_edges_from(zip(rows.tolist(), cols.tolist()))
    return [list(block) for block in nx.biconnected_components(H)]


def block_cut_pieces(G, *, backend: str = "auto") -> tuple[dict, dict]:
    """Sizes of the pieces each cut point and each bridge leaves behind.

    What :func:`cut_point_sizes` and
    :func:`bridge_sizes` build on: the block-cut
    tree of every component [1]_, with subtree sizes counted bottom-up, from
    igraph's biconnected components (or networkx's on an integer copy).

    Returns
    -------
    (cut_pieces, bridge_sides)
        ``{cut point: [piece sizes]}`` (the sizes of the pieces its removal
        leaves, in no particular order) and ``{(u, v): (side of u, side of
        v)}`` for every bridge (orientation as found; read it through
        ``bridge_sizes``).

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient
       algorithms for graph manipulation. Communications of the ACM, 16(6),
       372-378.

    Examples
    --------
    >>> pieces, sides = block_cut_pieces(nx.path_graph(["a", "b", "c", "d"]))
    >>> {v: sorted(p) for v, p in sorted(pieces.items())}
    {'b': [1, 2], 'c': [1, 2]}
    >>> sorted(tuple(sorted(zip(pair, side))) for pair, side in sides.items())
    [(('a', 1), ('b', 3)), (('b', 2), ('c', 2)), (('c', 3), ('d', 1))]
    """
    check_graph(G)
    chosen = resolve_backend(backend)
    nodes, matrix = adjacency(G, None)
    blocks = _blocks(G, chosen)
    _, labels = csgraph.connected_components(matrix, directed=False) if len(nodes) else (0, np.zeros(0, int))
    component_size = np.bincount(labels)[labels] if len(nodes) else np.zeros(0, int)
    owners: dict[int, list[int]] = {}
    for number, members in enumerate(blocks):
        for v in members:
            owners.setdefault(v, []).append(number)
    cuts = {v for v, numbers in owners.items() if len(numbers) > 1}
    cuts_in_block = [[v for v in members if v in cuts] for members in blocks]
    # Tree nodes: block b as b >= 0, cut vertex v as -(v + 1).
    own_size = [len(members) - len(inside) for members, inside in zip(blocks, cuts_in_block)]
    parent: dict[int, int | None] = {}
    order: list[int] = []
    roots = [-(v + 1) for v in sorted(cuts)] + [b for b, inside in enumerate(cuts_in_block) if not inside]
    for root in roots:
        if root in parent:
            continue
        parent[root] = None
        stack = [root]
        while stack:
            current = stack.pop()
            order.append(current)
            following = (-(v + 1) for v in cuts_in_block[current]) if current >= 0 else owners[-current - 1]
            for nxt in following:
                if nxt not in parent:
                    parent[nxt] = current
                    stack.append(nxt)
    subtree: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    for tree_node in reversed(order):
        subtree[tree_node] = subtree.get(tree_node, 0) + (own_size[tree_node] if tree_node >= 0 else 1)
        above = parent[tree_node]
        if above is not None:
            subtree[above] = subtree.get(above, 0) + subtree[tree_node]
            children.setdefault(above, []).append(tree_node)
    cut_pieces = {}
    for v in cuts:
        tree_node = -(v + 1)
        pieces = [subtree[child] for child in children.get(tree_node, [])]
        if parent[tree_node] is not None:
            pieces.append(int(component_size[v]) - subtree[tree_node])
        cut_pieces[nodes[v]] = pieces
    bridge_sides = {}
    for number, members in enumerate(blocks):
        if len(members) != 2:
            continue
        u, v = members
        above = parent[number]
        if above is None:  # a pair on its own
            sides = {u: 1, v: 1}
        else:
            top = -above - 1
            low = v if top == u else u
            sides = {low: subtree[number], top: int(component_size[u]) - subtree[number]}
        bridge_sides[(nodes[u], nodes[v])] = (sides[u], sides[v])
    return cut_pieces, bridge_sides
