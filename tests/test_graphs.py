"""The conversions netanalysis.graphs keeps: cached for frozen graphs only, never stale."""
from __future__ import annotations


import networkx as nx
import pytest

from netanalysis import graphs, paths
from netanalysis.synthetic import synthetic_municipality


def test_frozen_graphs_share_conversions_and_changed_graphs_are_reconverted():
    frozen = nx.freeze(nx.path_graph(["a", "b", "c"]))
    paths.betweenness(frozen)
    assert graphs.is_cached(frozen)
    G = nx.path_graph(["a", "b", "c"])
    assert paths.betweenness(G)["b"] == 1.0
    G.add_edge("a", "c")  # a triangle: nobody is between the others any more
    assert paths.betweenness(G)["b"] == 0.0
    assert not graphs.is_cached(G)


def test_a_view_of_a_changing_graph_is_not_cached():
    parent = nx.path_graph(["a", "b", "c", "d"])
    view = parent.subgraph(["a", "b", "c"])  # frozen, but follows parent
    assert paths.betweenness(view)["b"] == 1.0
    parent.add_edge("a", "c")
    assert paths.betweenness(view)["b"] == 0.0
    assert not graphs.is_cached(view)
    frozen_view = nx.freeze(nx.path_graph(["a", "b", "c"])).subgraph(["a", "b"])
    paths.closeness(frozen_view)
    assert graphs.is_cached(frozen_view)


@pytest.mark.skipif(not graphs.HAS_IGRAPH, reason="python-igraph not installed")
def test_igraph_edges_are_the_edge_index_in_order():
    G = synthetic_municipality(300, seed=1).to_graph()
    nodes, rows, cols = graphs.edge_index(G)
    assert graphs.igraph_graph(G)[1].get_edgelist() == list(zip(rows.tolist(), cols.tolist()))


def test_node_index_and_self_loops_kept_for_frozen_graphs_only():
    G = nx.Graph([("a", "b"), ("b", "b"), ("c", "c")])
    G.add_node("d")
    frozen = nx.freeze(G.copy())
    for H in (G, frozen):
        assert graphs.node_index(H) == {"a": 0, "b": 1, "c": 2, "d": 3}
        assert graphs.self_loops(H).tolist() == [1, 2]
    assert graphs.node_index(frozen) is graphs.node_index(frozen)
    G.remove_edge("b", "b")
    assert graphs.self_loops(G).tolist() == [2]
