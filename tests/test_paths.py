"""Betweenness and closeness of netanalysis.paths give networkx's results.

Expected values are networkx 3.6's own functions on the same graphs (see
tests/backends.py): exact measures must agree to 1e-9, sampled ones must
equal networkx's sampled estimate (same seeded pivots) and lie within the
Hoeffding bound that the docstrings state. Both backends (igraph and
numpy/scipy) are checked against the same values.
"""
from __future__ import annotations

import math

import networkx as nx
import pytest

from netanalysis import centrality, holes, paths, sampling
from netanalysis.synthetic import synthetic_municipality
from backends import BACKENDS, assert_equal
from reference_graphs import florentine_families


def _constraint(G, weight=None) -> dict:
    return holes.structural_holes(G, weight=weight)["constraint"].to_dict()


@pytest.mark.parametrize("backend", BACKENDS)
def test_exact_betweenness_equals_networkx(graph, backend):
    expected = nx.betweenness_centrality(graph, normalized=True, weight=None)
    assert_equal(paths.betweenness(graph, backend=backend), expected)


def test_medici_betweenness_is_the_published_value():
    # Padgett's Florentine families without Pucci: Medici 0.522 (networkx's
    # test_betweenness_centrality.py, n = 15).
    assert paths.betweenness(florentine_families())["Medici"] == pytest.approx(0.5219, abs=1e-4)


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampled_betweenness_equals_networkx_with_the_same_seed(graph, backend):
    k = max(2, len(graph) // 3)
    expected = nx.betweenness_centrality(graph, k=k, normalized=True, weight=None, seed=11)
    found = paths.betweenness(graph, exact_limit=0, k=k, seed=11, backend=backend)
    assert_equal(found, expected)


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampled_betweenness_is_within_the_hoeffding_bound(backend):
    G = synthetic_municipality(300, seed=4).to_graph()
    exact = nx.betweenness_centrality(G, weight=None)
    k = 60
    estimate = paths.betweenness(G, exact_limit=0, k=k, seed=5, backend=backend)
    n = len(G)
    # Each value is n/(n-1) times a mean of k terms in [0, 1]; union bound over all nodes.
    bound = sampling.hoeffding_error(k, events=n) * n / (n - 1)
    errors = [abs(estimate[v] - exact[v]) for v in G]
    assert max(errors) <= bound
    assert max(errors) > 0  # it really sampled


@pytest.mark.parametrize("backend", BACKENDS)
def test_exact_closeness_equals_networkx(graph, backend):
    assert_equal(paths.closeness(graph, backend=backend), nx.closeness_centrality(graph))


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampling_every_node_of_each_component_is_exact(graph, backend):
    # With k at least the largest component every piece is counted whole.
    found = paths.closeness(graph, exact_limit=0, k=len(graph), backend=backend)
    assert_equal(found, nx.closeness_centrality(graph))


@pytest.mark.parametrize("backend", BACKENDS)
def test_sampled_closeness_is_within_the_documented_bound(backend):
    G = synthetic_municipality(300, seed=2).to_graph()
    n = len(G)
    k = 50
    estimate = paths.closeness(G, exact_limit=0, k=k, seed=9, backend=backend)
    exact = nx.closeness_centrality(G)
    epsilon = sampling.hoeffding_error(k, events=n)
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


@pytest.mark.parametrize("backend", BACKENDS)
def test_small_graphs(backend):
    assert paths.betweenness(nx.Graph(), backend=backend) == {}
    assert paths.closeness(nx.empty_graph(["x"]), backend=backend) == {"x": 0.0}
    assert paths.betweenness(nx.path_graph(["x", "y"]), backend=backend) == {"x": 0.0, "y": 0.0}
    assert paths.closeness(nx.path_graph(["x", "y"]), backend=backend) == {"x": 1.0, "y": 1.0}
    assert centrality.pagerank(nx.Graph()) == {} and _constraint(nx.Graph()) == {}


def test_unknown_backend_and_directed_graphs_are_refused():
    with pytest.raises(ValueError, match="backend"):
        paths.betweenness(nx.path_graph(3), backend="networkit")
    with pytest.raises(nx.NetworkXNotImplemented):
        paths.closeness(nx.DiGraph([(0, 1)]))
    with pytest.raises(nx.NetworkXNotImplemented):
        paths.betweenness(nx.MultiGraph([(0, 1)]))
