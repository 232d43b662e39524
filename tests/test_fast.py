"""The fast drop-ins of netanalysis.fast give networkx's results.

Expected values are networkx 3.6's own functions on the same graphs: exact
measures must agree to 1e-9, sampled ones must equal networkx's sampled
estimate (same seeded pivots) and lie within the Hoeffding bound that the
docstrings state. Graphs: the reference networks of tests/reference_graphs.py
(Florentine families, Krackhardt kite, Zachary's karate club unweighted),
seeded synthetic municipalities of 300 stakeholders, and a graph in several
pieces with isolates and string ids. Both backends (igraph and
numpy/scipy) are checked against the same values.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest

from netanalysis import fast, gaps, graphs
from netanalysis.synthetic import synthetic_municipality
from tests.reference_graphs import florentine_families, karate_club, krackhardt_kite

BACKENDS = [
    "numpy",
    pytest.param("igraph", marks=pytest.mark.skipif(not fast.HAS_IGRAPH, reason="python-igraph not installed")),
]


def _unweighted_karate() -> nx.Graph:
    G = karate_club()
    for _, _, data in G.edges(data=True):
        data.pop("weight", None)
    return G


def _pieces() -> nx.Graph:
    """Three pieces and two isolates, string ids, weights 1-5."""
    G = nx.Graph()
    G.add_weighted_edges_from(
        [("anna", "bram", 3), ("bram", "cor", 1), ("cor", "anna", 5), ("cor", "dirk", 2), ("dirk", "eva", 4),
         ("fleur", "gijs", 2), ("gijs", "hans", 5), ("hans", "fleur", 1), ("hans", "ilse", 3),
         ("joop", "kees", 4)]
    )
    G.add_nodes_from(["loes", "mark"])
    return G


REFERENCE = {
    "florentine": florentine_families,
    "kite": krackhardt_kite,
    "karate": _unweighted_karate,
    "pieces": _pieces,
    **{f"synthetic-{seed}": (lambda seed=seed: synthetic_municipality(300, seed=seed).to_graph()) for seed in (1, 2, 3)},
}


@pytest.fixture(params=sorted(REFERENCE))
def graph(request) -> nx.Graph:
    return REFERENCE[request.param]()


def _assert_equal(found: dict, expected: dict, tolerance: float = 1e-9) -> None:
    assert set(found) == set(expected)
    for node, value in expected.items():
        if math.isnan(value):
            assert math.isnan(found[node]), node
        else:
            assert found[node] == pytest.approx(value, abs=tolerance), node


# -- betweenness ------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_exact_betweenness_equals_networkx(graph, backend):
    expected = nx.betweenness_centrality(graph, normalized=True, weight=None)
    _assert_equal(fast.betweenness(graph, backend=backend), expected)


def test_medici_betweenness_is_the_published_value():
    # Padgett's Florentine families without Pucci: Medici 0.522 (networkx's
    # test_betweenness_centrality.py, n = 15).
    assert fast.betweenness(florentine_families())["Medici"] == pytest.approx(0.5219, abs=1e-4)


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampled_betweenness_equals_networkx_with_the_same_seed(graph, backend):
    k = max(2, len(graph) // 3)
    expected = nx.betweenness_centrality(graph, k=k, normalized=True, weight=None, seed=11)
    found = fast.betweenness(graph, exact_limit=0, k=k, seed=11, backend=backend)
    _assert_equal(found, expected)


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampled_betweenness_is_within_the_hoeffding_bound(backend):
    G = synthetic_municipality(300, seed=4).to_graph()
    exact = nx.betweenness_centrality(G, weight=None)
    k = 60
    estimate = fast.betweenness(G, exact_limit=0, k=k, seed=5, backend=backend)
    n = len(G)
    # Each value is n/(n-1) times a mean of k terms in [0, 1]; union bound over all nodes.
    bound = fast.hoeffding_error(k, events=n) * n / (n - 1)
    errors = [abs(estimate[v] - exact[v]) for v in G]
    assert max(errors) <= bound
    assert max(errors) > 0  # it really sampled


def test_betweenness_pivots_are_networkx_draw():
    G = synthetic_municipality(300, seed=1).to_graph()
    import random

    assert fast.betweenness_pivots(G, exact_limit=100, k=20, seed=3) == random.Random(3).sample(list(G), 20)
    assert fast.betweenness_pivots(G, exact_limit=300, k=20) is None
    with pytest.raises(ValueError):
        fast.betweenness_pivots(G, k=1)


@pytest.mark.parametrize("n", [fast.EXACT_BETWEENNESS_LIMIT + 1, 30_000])
def test_scheduled_pivots_are_the_ones_networkx_draws_for_the_planned_k(n, monkeypatch):
    """Above the exact limit the default call samples as many pivots as
    betweenness_plan says, and exactly the ones networkx's
    ``betweenness_centrality(G, k=k, seed=42)`` searches from. Running
    networkx's searches for 2,000 pivots takes 10 s or more, so its
    shortest-path step is replaced by a recorder of the sources; with the
    values per pivot set equal to networkx's (the tests above), this is
    equality with networkx at the scheduled k."""
    import networkx.algorithms.centrality.betweenness as nx_betweenness

    G = nx.Graph(synthetic_municipality(300, seed=1).to_graph())
    G.add_nodes_from(f"los-{i}" for i in range(n - len(G)))
    method, k = fast.betweenness_plan(n)
    assert method == "sampled"
    searched = []

    def record(graph, source):
        searched.append(source)
        return [source], {source: []}, {source: 1.0}, {source: 0}

    monkeypatch.setattr(nx_betweenness, "_single_source_shortest_path_basic", record)
    nx.betweenness_centrality(G, k=k, seed=42)
    assert len(searched) == k
    assert fast.betweenness_pivots(G) == searched


# -- closeness --------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_exact_closeness_equals_networkx(graph, backend):
    _assert_equal(fast.closeness(graph, backend=backend), nx.closeness_centrality(graph))


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampling_every_node_of_each_component_is_exact(graph, backend):
    # With k at least the largest component every piece is counted whole.
    found = fast.closeness(graph, exact_limit=0, k=len(graph), backend=backend)
    _assert_equal(found, nx.closeness_centrality(graph))


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampled_closeness_is_within_the_documented_bound(backend):
    G = synthetic_municipality(300, seed=2).to_graph()
    n = len(G)
    k = 50
    estimate = fast.closeness(G, exact_limit=0, k=k, seed=9, backend=backend)
    exact = nx.closeness_centrality(G)
    epsilon = fast.hoeffding_error(k, events=n)
    checked = differing = 0
    for component in nx.connected_components(G):
        size = len(component)
        if size <= k:
            for v in component:
                assert estimate[v] == pytest.approx(exact[v], abs=1e-12)
            continue
        sub = G.subgraph(component)
        eccentricity = nx.eccentricity(sub)
        for v in component:
            reach = size - 1
            total = sum(nx.single_source_shortest_path_length(sub, v).values())
            estimated_total = reach * reach / ((n - 1) * estimate[v])
            # The docstring's bound is on the mean distance over the component.
            assert abs(estimated_total - total) / size <= epsilon * eccentricity[v]
            checked += 1
            differing += not math.isclose(estimate[v], exact[v], rel_tol=1e-12)
    assert checked > 200 and differing > 0


def test_closeness_plan():
    assert fast.closeness_plan(5000) == ("exact", 5000)
    assert fast.closeness_plan(5001) == ("sampled", fast.CLOSENESS_PIVOTS)
    assert fast.closeness_plan(10, exact_limit=0, k=10) == ("exact", 10)


# -- pagerank ---------------------------------------------------------------------


@pytest.mark.parametrize("weight", [None, "weight"])
def test_pagerank_equals_networkx(graph, weight):
    _assert_equal(fast.pagerank(graph, weight=weight), nx.pagerank(graph, weight=weight), 1e-12)


# -- structural holes ---------------------------------------------------------------


@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint_equals_networkx(graph, weight):
    _assert_equal(fast.constraint(graph, weight=weight), nx.constraint(graph, nodes=list(graph), weight=weight))


@pytest.mark.parametrize("weight", [None, "weight"])
def test_effective_size_equals_networkx_per_node_definition(graph, weight):
    expected = nx.effective_size(graph, nodes=list(graph), weight=weight)
    _assert_equal(fast.effective_size(graph, weight=weight), expected)


def test_isolates_have_no_structural_hole_measures():
    G = _pieces()
    assert math.isnan(fast.constraint(G)["loes"]) and math.isnan(fast.effective_size(G)["mark"])
    assert fast.effective_size(G)["anna"] == pytest.approx(1.0)  # two contacts tied to each other


def test_structural_holes_stay_sparse_on_a_large_graph():
    # networkx's matrix path for effective_size builds a dense n x n array:
    # 320 GB for this ring. Here it is two sparse products.
    G = nx.cycle_graph(200_000)
    assert set(fast.effective_size(G).values()) == {2.0}  # two contacts, not tied
    assert set(fast.constraint(G).values()) == {0.5}


def test_structural_holes_of_a_hub_with_many_contacts():
    # 3,000 leaves give 9 million two-step paths: more than one block.
    G = nx.star_graph(3000)
    G.add_edge(1, 2)
    found = fast.constraint(G)
    # By hand: the hub gives each leaf 1/3000 of its ties; leaves 1 and 2
    # are also tied to each other, half of each one's ties.
    assert found[0] == pytest.approx(2998 / 3000**2 + 2 * (1 / 3000 + 1 / 6000) ** 2, rel=1e-12)
    assert found[1] == pytest.approx((1 / 2 + 1 / 4) ** 2 + (1 / 2 + 1 / 6000) ** 2, rel=1e-12)
    assert found[3] == 1.0
    assert fast.effective_size(G)[0] == pytest.approx(3000 - 2 / 3000)


# -- cut points and bridges -------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_cut_points_and_bridges_equal_networkx(graph, backend):
    assert set(fast.cut_points(graph, backend=backend)) == set(nx.articulation_points(graph))
    assert {frozenset(e) for e in fast.bridges(graph, backend=backend)} == {frozenset(e) for e in nx.bridges(graph)}
    assert all(graph.has_edge(u, v) for u, v in fast.bridges(graph, backend=backend))


# -- communities ------------------------------------------------------------------------


def test_numpy_communities_are_networkx_louvain(graph):
    found = fast.communities(graph, seed=3, backend="numpy")
    groups = {}
    for node, community in found["membership"].items():
        groups.setdefault(community, set()).add(node)
    expected = nx.community.louvain_communities(graph, weight="weight", seed=3)
    assert {frozenset(g) for g in groups.values()} == {frozenset(c) for c in expected}
    assert found["modularity"] == pytest.approx(nx.community.modularity(graph, expected, weight="weight"), abs=1e-12)


def test_gaps_communities_use_the_fast_path(graph):
    assert gaps.communities(graph, seed=3) == fast.communities(graph, seed=3)


@pytest.mark.parametrize("backend", BACKENDS)
def test_communities_are_numbered_by_size_and_modularity_is_networkx(graph, backend):
    result = fast.communities(graph, seed=1, backend=backend)
    membership = result["membership"]
    assert set(membership) == set(graph)
    groups: dict[int, list] = {}
    for node, number in membership.items():
        groups.setdefault(number, []).append(node)
    assert sorted(groups) == list(range(len(groups)))
    sizes = [len(groups[i]) for i in range(len(groups))]
    assert sizes == sorted(sizes, reverse=True)
    partition = [groups[i] for i in range(len(groups))]
    assert result["modularity"] == pytest.approx(nx.community.modularity(graph, partition, weight="weight"), abs=1e-9)


@pytest.mark.skipif(not fast.HAS_IGRAPH, reason="python-igraph not installed")
def test_igraph_louvain_is_as_good_as_networkx(graph):
    ours = fast.communities(graph, seed=42, weight=None, backend="igraph")["modularity"]
    reference = nx.community.modularity(graph, nx.community.louvain_communities(graph, weight=None, seed=42), weight=None)
    assert ours >= reference - 0.02


@pytest.mark.skipif(not fast.HAS_IGRAPH, reason="python-igraph not installed")
def test_igraph_louvain_is_seeded_and_finds_planted_groups():
    G = nx.barbell_graph(5, 0)
    G = nx.relabel_nodes(G, {i: f"n{i}" for i in G})
    first = fast.communities(G, seed=7, backend="igraph")
    assert first == fast.communities(G, seed=7, backend="igraph")
    assert {frozenset(v for v, c in first["membership"].items() if c == number) for number in (0, 1)} == {
        frozenset(f"n{i}" for i in range(5)),
        frozenset(f"n{i}" for i in range(5, 10)),
    }
    # Equal sizes: the group holding the first name alphabetically is number 0.
    assert first["membership"]["n0"] == 0


def test_communities_of_graphs_without_ties():
    assert fast.communities(nx.Graph())["membership"] == {}
    lonely = fast.communities(nx.empty_graph(["b", "a"]))
    assert lonely["membership"] == {"a": 0, "b": 1} and math.isnan(lonely["modularity"])


# -- conversions, small graphs, errors ---------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_small_graphs(backend):
    assert fast.betweenness(nx.Graph(), backend=backend) == {}
    assert fast.closeness(nx.empty_graph(["x"]), backend=backend) == {"x": 0.0}
    assert fast.betweenness(nx.path_graph(["x", "y"]), backend=backend) == {"x": 0.0, "y": 0.0}
    assert fast.closeness(nx.path_graph(["x", "y"]), backend=backend) == {"x": 1.0, "y": 1.0}
    assert fast.pagerank(nx.Graph()) == {} and fast.constraint(nx.Graph()) == {}


def test_frozen_graphs_share_conversions_and_changed_graphs_are_reconverted():
    frozen = nx.freeze(nx.path_graph(["a", "b", "c"]))
    fast.betweenness(frozen)
    assert graphs.is_cached(frozen)
    G = nx.path_graph(["a", "b", "c"])
    assert fast.betweenness(G)["b"] == 1.0
    G.add_edge("a", "c")  # a triangle: nobody is between the others any more
    assert fast.betweenness(G)["b"] == 0.0
    assert not graphs.is_cached(G)


def test_a_view_of_a_changing_graph_is_not_cached():
    parent = nx.path_graph(["a", "b", "c", "d"])
    view = parent.subgraph(["a", "b", "c"])  # frozen, but follows parent
    assert fast.betweenness(view)["b"] == 1.0
    parent.add_edge("a", "c")
    assert fast.betweenness(view)["b"] == 0.0
    assert not graphs.is_cached(view)
    frozen_view = nx.freeze(nx.path_graph(["a", "b", "c"])).subgraph(["a", "b"])
    fast.closeness(frozen_view)
    assert graphs.is_cached(frozen_view)


def test_unknown_backend_and_directed_graphs_are_refused():
    with pytest.raises(ValueError, match="backend"):
        fast.betweenness(nx.path_graph(3), backend="networkit")
    with pytest.raises(nx.NetworkXNotImplemented):
        fast.closeness(nx.DiGraph([(0, 1)]))
    with pytest.raises(nx.NetworkXNotImplemented):
        fast.constraint(nx.MultiGraph([(0, 1)]))


def test_hoeffding_error():
    assert fast.hoeffding_error(250) == pytest.approx(math.sqrt(math.log(40) / 500))
    assert fast.hoeffding_error(250, events=100) > fast.hoeffding_error(250)
    with pytest.raises(ValueError):
        fast.hoeffding_error(0)


# -- routes to the municipality, ties between groups --------------------------------------


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
    servants = gaps._civil_servants(G)
    initiatives = [v for v in G if G.nodes[v]["type"] == "initiative"]
    expected = _routes_by_removal(G, servants, initiatives)
    assert fast.routes_through(G, servants, initiatives, backend=backend) == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_routes_through_unreachable_and_without_sources(backend):
    G = _pieces()
    # ilse reaches the only source through hans, and every route ends at
    # fleur herself (a civil servant can be the single door); anna and loes
    # are in other pieces.
    assert fast.routes_through(G, ["fleur"], ["ilse", "gijs", "anna", "loes"], backend=backend) == {
        "ilse": ["hans", "fleur"], "gijs": ["fleur"], "anna": [], "loes": []
    }
    assert fast.routes_through(G, ["fleur", "gijs"], ["ilse"], backend=backend) == {"ilse": ["hans"]}
    assert fast.routes_through(G, [], ["anna"], backend=backend) == {"anna": []}


def test_group_tie_counts_add_up_to_the_ties():
    G = _pieces()
    groups = {v: v[0] < "h" for v in G}  # names before 'h' and after
    counts = fast.group_tie_counts(G, groups, [True, False])
    assert (counts == counts.T).all()
    assert counts[0, 0] + counts[1, 1] + counts[0, 1] == G.number_of_edges()
    assert counts[0, 1] == 2  # gijs-hans and hans-fleur


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
    assert _pieces_and_sides(fast.block_cut_pieces(graph, backend=backend)) == _pieces_by_removal(graph)


@pytest.mark.parametrize("backend", BACKENDS)
def test_block_cut_pieces_by_hand(backend):
    # Two triangles joined through node 3 (brokers.cut_point_sizes' example)
    # plus a pair on its own.
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (2, 3), (3, 4), (4, 5), (5, 6), (4, 6), (7, 8)])
    pieces, sides = _pieces_and_sides(fast.block_cut_pieces(G, backend=backend))
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
    assert fast.routes_through(G, servants, initiatives, backend=backend) == expected


@pytest.mark.parametrize("backend", BACKENDS)
def test_routes_through_sources_in_several_pieces_of_a_frozen_graph(backend):
    # Sources in two pieces make the extra node M a cut vertex (the root of
    # the tree); the third piece has no source, the isolate no relation.
    G = _pieces()
    G.add_edge("mark", "mark")  # a self-loop changes no route
    G = nx.freeze(G)
    targets = ["anna", "dirk", "eva", "ilse", "gijs", "joop", "loes", "mark"]
    expected = _routes_by_removal(G, ["cor", "fleur"], targets)
    assert expected["eva"] == ["dirk", "cor"] and expected["ilse"] == ["hans", "fleur"] and expected["joop"] == []
    assert fast.routes_through(G, ["cor", "fleur"], targets, backend=backend) == expected


@pytest.mark.skipif(not fast.HAS_IGRAPH, reason="python-igraph not installed")
def test_igraph_edges_are_the_edge_index_in_order():
    G = synthetic_municipality(300, seed=1).to_graph()
    nodes, rows, cols = fast._edge_index(G)
    assert fast._igraph_graph(G)[1].get_edgelist() == list(zip(rows.tolist(), cols.tolist()))


def test_node_index_and_self_loops_kept_for_frozen_graphs_only():
    G = nx.Graph([("a", "b"), ("b", "b"), ("c", "c")])
    G.add_node("d")
    frozen = nx.freeze(G.copy())
    for H in (G, frozen):
        assert fast._node_index(H) == {"a": 0, "b": 1, "c": 2, "d": 3}
        assert fast._self_loops(H).tolist() == [1, 2]
    assert fast._node_index(frozen) is fast._node_index(frozen)
    G.remove_edge("b", "b")
    assert fast._self_loops(G).tolist() == [2]
