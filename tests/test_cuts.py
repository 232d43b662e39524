"""Cut points, bridges, block-cut pieces and routes-through (netanalysis.cuts).

Known values by hand on barbells and paths; every answer equals the
definition (remove each stakeholder or relation and look) on random graphs
and on the graphs of tests/backends.py, and networkx's articulation points
and bridges, on both backends.
"""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings

from netanalysis import attributes, cuts
from netanalysis.cuts import bridge_sizes, bridges, cut_point_sizes, cut_points
from backends import BACKENDS, pieces
from reference_graphs import barbell
from strategies import grouped_graphs


def test_barbell_cut_points_and_bridges():
    """barbell_graph(4, 1): cliques {0..3} and {5..8} joined through 4
    (n = 9). Cut points 3, 4, 5 (as nx.articulation_points). Removing 4
    leaves 4 + 4: cut off 4; removing 3 leaves {0, 1, 2} and {4..8}: cut off
    3; same for 5. Bridges 3-4 and 4-5 each split 4 from 5: cut off 4."""
    G = barbell(4, 1)
    assert set(cut_points(G)) == set(nx.articulation_points(G)) == {3, 4, 5}
    assert cut_point_sizes(G) == {4: 4, 3: 3, 5: 3}
    assert cut_points(G)[0] == 4
    assert {frozenset(e) for e in bridges(G)} == {frozenset(e) for e in nx.bridges(G)}
    assert sorted(bridge_sizes(G).values()) == [4, 4]


def test_leaves_are_reported_and_can_be_filtered():
    """A path 0-1-2-3 plus a triangle on 3: every cut point and bridge is
    reported; min_cut_off=2 keeps only those cutting off a group. Removing
    1 cuts off only 0; removing 2 cuts off {0, 1}; removing 3 cuts off
    {4, 5} or {0, 1, 2} -> the smaller set loses the main piece: 2."""
    G = nx.Graph([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 3)])
    assert cut_point_sizes(G) == {2: 2, 3: 2, 1: 1}
    assert cut_points(G, min_cut_off=2) == [2, 3]
    assert bridge_sizes(G) == {(2, 3): 3, (1, 2): 2, (0, 1): 1}
    assert bridges(G, min_cut_off=2) == [(2, 3), (1, 2)]


def brute_force_cut_off(G, node):
    rest = G.subgraph(x for x in G if x != node)
    pieces = [len(c) for c in nx.connected_components(rest) if c & set(G[node])]
    return sum(pieces) - max(pieces) if len(pieces) > 1 else 0


@settings(max_examples=120, deadline=None)
@given(grouped_graphs(directed=False, max_nodes=12))
def test_cut_points_and_bridges_agree_with_removal(G):
    """Property: the block-cut tree answers equal removing each node/edge
    and looking (the naive definition)."""
    sizes = cut_point_sizes(G)
    assert set(sizes) == set(nx.articulation_points(G))
    for node, size in sizes.items():
        assert size == brute_force_cut_off(G, node)
    edge_sizes = bridge_sizes(G)
    assert {frozenset(e) for e in edge_sizes} == {frozenset(e) for e in nx.bridges(G)}
    for (u, v), size in edge_sizes.items():
        H = G.copy()
        H.remove_edge(u, v)
        assert size == min(len(nx.node_connected_component(H, u)), len(nx.node_connected_component(H, v)))


# -- the graphs of both backends -----------------------------------------------------




@pytest.mark.parametrize("backend", BACKENDS)
def test_cut_points_and_bridges_equal_networkx(graph, backend):
    assert set(cuts.cut_points(graph, backend=backend)) == set(nx.articulation_points(graph))
    assert {frozenset(e) for e in cuts.bridges(graph, backend=backend)} == {frozenset(e) for e in nx.bridges(graph)}
    assert all(graph.has_edge(u, v) for u, v in cuts.bridges(graph, backend=backend))


def _typed(graph: nx.Graph) -> nx.Graph:
    """The graph with stakeholder types: synthetic ones keep theirs, the
    others get every third node a civil servant and every third+1 an initiative."""
    if all("type" in data for _, data in graph.nodes(data=True)):
        return graph
    G = graph.copy()
    for i, node in enumerate(G):
        G.nodes[node]["type"] = ("civil_servant", "initiative", "resident")[i % 3]
    return G


def _routes_by_removal(G: nx.Graph, sources, targets) -> dict:
    """The definition, one removal at a time: ``x`` lies on every route from
    ``t`` to any source when ``t`` reaches a source and, with ``x`` removed,
    reaches none (a source itself counts when it is ``t``'s only door).
    Every such ``x`` lies on every route, so their distances from ``t``
    differ and order them nearest first."""
    sources = set(sources)

    def reached(H):
        seen: set = set()
        for source in sources & set(H):
            if source not in seen:
                seen |= nx.node_connected_component(H, source)
        return seen

    before = reached(G)
    chains = {t: [] for t in targets}
    for x in G:
        after = reached(nx.restricted_view(G, [x], []))
        for t in targets:
            if t != x and t in before and t not in after:
                chains[t].append(x)
    for t, chain in chains.items():
        distance = nx.single_source_shortest_path_length(G, t)
        chain.sort(key=distance.__getitem__)
    return chains


@pytest.mark.parametrize("backend", BACKENDS)
def test_routes_through_equals_removing_each_stakeholder(graph, backend):
    G = _typed(graph)
    servants = attributes.civil_servants(G)
    initiatives = [v for v in G if G.nodes[v]["type"] == "initiative"]
    expected = _routes_by_removal(G, servants, initiatives)
    assert cuts.routes_through(G, servants, initiatives, backend=backend) == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_routes_through_unreachable_and_without_sources(backend):
    G = pieces()
    # ilse reaches the only source through hans, and every route ends at
    # fleur herself (a civil servant can be the single door); anna and loes
    # are in other pieces.
    assert cuts.routes_through(G, ["fleur"], ["ilse", "gijs", "anna", "loes"], backend=backend) == {
        "ilse": ["hans", "fleur"], "gijs": ["fleur"], "anna": [], "loes": []
    }
    assert cuts.routes_through(G, ["fleur", "gijs"], ["ilse"], backend=backend) == {"ilse": ["hans"]}
    assert cuts.routes_through(G, [], ["anna"], backend=backend) == {"anna": []}


def _pieces_and_sides(result):
    pieces, sides = result
    return {v: sorted(p) for v, p in pieces.items()}, {frozenset(pair): dict(zip(pair, side)) for pair, side in sides.items()}


def _pieces_by_removal(G):
    """The definition, one removal at a time: the sizes of the pieces each cut
    point leaves of its component, and the two sides of each bridge."""
    pieces = {}
    for v in nx.articulation_points(G):
        H = G.subgraph(nx.node_connected_component(G, v)).copy()
        H.remove_node(v)
        pieces[v] = sorted(len(c) for c in nx.connected_components(H))
    sides = {}
    for u, w in nx.bridges(G):
        H = G.subgraph(nx.node_connected_component(G, u)).copy()
        H.remove_edge(u, w)
        sides[frozenset((u, w))] = {u: len(nx.node_connected_component(H, u)), w: len(nx.node_connected_component(H, w))}
    return pieces, sides


@pytest.mark.parametrize("backend", BACKENDS)
def test_block_cut_pieces_equal_removing_each_cut_point_and_bridge(graph, backend):
    assert _pieces_and_sides(cuts.block_cut_pieces(graph, backend=backend)) == _pieces_by_removal(graph)


@pytest.mark.parametrize("backend", BACKENDS)
def test_block_cut_pieces_by_hand(backend):
    # Two triangles joined through node 3 (cut_point_sizes' example)
    # plus a pair on its own.
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (4, 6), (7, 8)])
    pieces, sides = _pieces_and_sides(cuts.block_cut_pieces(G, backend=backend))
    assert pieces == {2: [2, 4], 3: [3, 3], 4: [2, 4]}
    assert sides == {frozenset((2, 3)): {2: 3, 3: 4}, frozenset((3, 4)): {3: 4, 4: 3}, frozenset((7, 8)): {7: 1, 8: 1}}


@pytest.mark.parametrize("backend", BACKENDS)
def test_routes_through_long_chains_equal_removing_each_stakeholder(backend):
    # The reference networks have chains of one stakeholder at most; a
    # random tree has long ones, so the order (nearest first) is tested too.
    G = nx.random_labeled_tree(80, seed=3)
    for node in G:
        G.nodes[node]["type"] = "civil_servant" if node % 9 == 0 else "initiative"
    servants = [v for v in G if G.nodes[v]["type"] == "civil_servant"]
    initiatives = [v for v in G if G.nodes[v]["type"] == "initiative"]
    expected = _routes_by_removal(G, servants, initiatives)
    assert max(len(chain) for chain in expected.values()) >= 3
    assert cuts.routes_through(G, servants, initiatives, backend=backend) == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_routes_through_sources_in_several_pieces_of_a_frozen_graph(backend):
    # Sources in two pieces make the extra node M a cut vertex (the root of
    # the tree); the third piece has no source, the isolate no relation.
    G = pieces()
    G.add_edge("mark", "mark")  # a self-loop changes no route
    G = nx.freeze(G)
    targets = ["anna", "dirk", "eva", "ilse", "gijs", "joop", "loes", "mark"]
    expected = _routes_by_removal(G, ["cor", "fleur"], targets)
    assert expected["eva"] == ["dirk", "cor"] and expected["ilse"] == ["hans", "fleur"] and expected["joop"] == []
    assert cuts.routes_through(G, ["cor", "fleur"], targets, backend=backend) == expected
