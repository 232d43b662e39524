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

from netanalysis import centrality, graphs, holes, paths, sampling
from netanalysis.synthetic import synthetic_municipality
from backends import BACKENDS, assert_equal
from reference_graphs import florentine_families, karate_club, krackhardt_kite


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
def test_exact_path_measures_in_blocks_equal_networkx(graph, backend):
    """The background job's computation gives networkx's exact values, and
    reports progress up to twice the stakeholders (betweenness, then closeness)."""
    seen = []
    between, close = paths.exact_path_measures(graph, backend=backend, progress=lambda done, total: seen.append((done, total)))
    assert_equal(between, nx.betweenness_centrality(graph, normalized=True, weight=None))
    assert_equal(close, nx.closeness_centrality(graph))
    if len(graph) >= 3:
        assert seen[-1] == (2 * len(graph), 2 * len(graph))
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_exact_path_measures_stop_when_asked():
    assert paths.exact_path_measures(florentine_families(), progress=lambda done, total: False) is None


kadabra = pytest.mark.skipif(not graphs.HAS_NETWORKIT, reason="NetworKit not installed")


@kadabra
@pytest.mark.parametrize("make", [florentine_families, krackhardt_kite, karate_club], ids=lambda f: f.__name__)
def test_kadabra_is_within_its_guarantee_on_the_reference_graphs(make):
    """KADABRA in networkx's normalisation: Medici 0.522 (Florentine
    families), the kite's Heather 0.389, karate's instructor 0.438, each
    within the guaranteed error; the same seed gives the same values."""
    G = nx.freeze(make())
    exact = nx.betweenness_centrality(G, normalized=True, weight=None)
    estimate = paths.betweenness(G, exact_limit=0, estimator="kadabra", error=0.005)
    assert max(abs(estimate[v] - exact[v]) for v in G) <= 0.005
    assert max(estimate, key=estimate.get) == max(exact, key=exact.get)
    assert estimate == paths.betweenness(G, exact_limit=0, estimator="kadabra", error=0.005)


@kadabra
def test_kadabra_ranks_the_top_brokers_of_a_municipality():
    """On 2,000 stakeholders KADABRA with the library's error finds at least 18
    of the exact top 20 (it found 20 when this test was written)."""
    G = synthetic_municipality(2000, seed=7).to_graph()
    exact = paths.betweenness(G)
    estimate = paths.betweenness(G, exact_limit=0, estimator="kadabra")
    top = lambda values: set(sorted(values, key=values.get, reverse=True)[:20])  # noqa: E731
    assert len(top(exact) & top(estimate)) >= 18
    assert max(abs(estimate[v] - exact[v]) for v in G) <= sampling.KADABRA_ERROR


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
