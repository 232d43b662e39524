"""Centrality measures against the classic networks and networkx itself.

Where the expected values come from is stated in each test; "networkx" means
networkx 3.6.1's own function on the same graph, which is the standard tool
the brief asks us to agree with.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis.centrality import CENTRALITY_COLUMNS, centrality_table, degree, eigenvector, pagerank, weighted_degree
from netanalysis.paths import betweenness, closeness
from netanalysis.sampling import BETWEENNESS_PIVOTS, EXACT_BETWEENNESS_LIMIT, betweenness_plan
from backends import assert_equal
from reference_graphs import florentine_families, karate_club, krackhardt_kite, storage_variants


def _assert_close(actual: dict, expected: dict, tol: float = 1e-6) -> None:
    assert set(actual) == set(expected)
    for node, value in expected.items():
        assert actual[node] == pytest.approx(value, abs=tol), node


# -- the classic networks ------------------------------------------------------


def test_florentine_families_match_literature_and_networkx():
    """Padgett's Florentine marriages, 15 families (Breiger & Pattison 1986
    coding as in networkx). Medici betweenness 0.521978 = 47.5 / 91 (47.5
    paths through the Medici out of C(14, 2) = 91 pairs of other families);
    the same value is pinned in networkx's test_betweenness_centrality.py.
    Medici degree 6 and closeness 14/25 = 0.56 (distance sum 25 to the 14
    others) are counted from the graph by hand. Every column must equal
    networkx's function to 1e-6."""
    G = florentine_families()
    table = centrality_table(G)
    assert len(table) == 15
    assert table.loc["Medici", "betweenness"] == pytest.approx(0.521978, abs=1e-6)
    assert table.loc["Medici", "degree"] == 6
    assert table.loc["Medici", "closeness"] == pytest.approx(14 / 25, abs=1e-12)
    assert table["betweenness"].idxmax() == "Medici"
    _assert_close(table["betweenness"].to_dict(), nx.betweenness_centrality(G))
    _assert_close(table["closeness"].to_dict(), nx.closeness_centrality(G))
    _assert_close(table["degree"].to_dict(), dict(G.degree()))
    _assert_close(table["eigenvector"].to_dict(), nx.eigenvector_centrality_numpy(G))
    _assert_close(table["pagerank"].to_dict(), nx.pagerank(G))


def test_krackhardt_kite():
    """Krackhardt (1990): Heather (7) lies on the most shortest paths,
    14 of the C(9, 2) = 36 pairs of others, 0.388889; Diane (3) has the most
    ties (6); Fernando (5) and Garth (6) are closest to everyone, distance
    sum 14 to the 9 others, closeness 9/14 = 0.642857."""
    table = centrality_table(krackhardt_kite())
    assert table["betweenness"].idxmax() == 7
    assert table.loc[7, "betweenness"] == pytest.approx(14 / 36, abs=1e-12)
    assert table["degree"].idxmax() == 3
    assert table.loc[3, "degree"] == 6
    top_closeness = table["closeness"].nlargest(2)
    assert set(top_closeness.index) == {5, 6}
    assert top_closeness.tolist() == pytest.approx([9 / 14, 9 / 14], abs=1e-12)


def test_karate_club_unweighted():
    """Zachary's karate club, unweighted: the instructor (0) and the
    president (33) are the top brokers, 0.437635 and 0.304075 (UCINET's
    231.07 and 160.55 divided by C(33, 2) = 528; networkx gives the same)."""
    table = centrality_table(karate_club(), weight=None)
    top = table["betweenness"].nlargest(2)
    assert top.index.tolist() == [0, 33]
    assert top.tolist() == pytest.approx([0.437635, 0.304075], abs=1e-6)


def test_karate_club_weighted_strength_measures_match_networkx():
    """With the interaction counts as strengths, weighted degree, eigenvector
    and PageRank must equal networkx's weighted functions, and betweenness
    must stay the unweighted (hop-count) value 0.437635 for the instructor."""
    G = karate_club(weighted=True)
    table = centrality_table(G)
    _assert_close(table["weighted_degree"].to_dict(), dict(G.degree(weight="weight")))
    _assert_close(table["eigenvector"].to_dict(), nx.eigenvector_centrality_numpy(G, weight="weight"))
    _assert_close(table["pagerank"].to_dict(), nx.pagerank(G, weight="weight"))
    assert table.loc[0, "betweenness"] == pytest.approx(0.437635, abs=1e-6)
    assert table.loc[0, "weighted_degree"] == 42  # sum of node 0's 16 interaction counts in networkx's data


def test_eigenvector_on_a_large_component_uses_sparse_solver_and_matches_networkx():
    """A 400-node connected graph is above the dense-solver limit, so this
    exercises the ARPACK path; networkx is the reference."""
    G = nx.barabasi_albert_graph(400, 2, seed=7)
    _assert_close(eigenvector(G, weight=None), nx.eigenvector_centrality_numpy(G))


def test_eigenvector_per_component_scaling():
    """Triangle (0, 1, 2) + path (3, 4, 5) + isolate 6. Hand values:
    the triangle's unit eigenvector is 1/sqrt(3) per node; the path's is
    (1/2, 1/sqrt(2), 1/2) (eigenvalue sqrt(2)); each piece is scaled by
    sqrt(3/6) (six stakeholders in pieces of two or more); the isolate gets
    0. The whole vector has unit length."""
    G = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5)])
    G.add_node(6)
    scale = math.sqrt(3 / 6)
    expected = {
        0: scale / math.sqrt(3), 1: scale / math.sqrt(3), 2: scale / math.sqrt(3),
        3: scale / 2, 4: scale / math.sqrt(2), 5: scale / 2, 6: 0.0,
    }
    values = eigenvector(G)
    _assert_close(values, expected, tol=1e-12)
    assert sum(x * x for x in values.values()) == pytest.approx(1.0)


def test_closeness_on_disconnected_graph_uses_wasserman_faust_correction():
    """Path of 3 plus a separate pair, n = 5. Hand values with the
    correction r/s * r/(n-1): path middle 2/2 * 2/4 = 0.5, path ends
    2/3 * 2/4 = 1/3, pair members 1/1 * 1/4 = 0.25; networkx agrees."""
    G = nx.Graph([("a", "b"), ("b", "c"), ("d", "e")])
    values = closeness(G)
    _assert_close(values, {"a": 1 / 3, "b": 0.5, "c": 1 / 3, "d": 0.25, "e": 0.25}, tol=1e-12)
    _assert_close(values, nx.closeness_centrality(G), tol=1e-12)


def test_closeness_blocks_give_the_same_answer(monkeypatch):
    """Distances are computed a block of sources at a time; with a block of
    one row the answer must not change (reference: networkx)."""
    import netanalysis.paths as paths

    monkeypatch.setattr(paths, "_DISTANCE_CELLS", 1)
    G = florentine_families()
    _assert_close(closeness(G), nx.closeness_centrality(G), tol=1e-12)


# -- sampling -----------------------------------------------------------------


def test_large_network_table_reports_the_estimate():
    """A network above the exact limit (a 400-stakeholder municipality plus
    stakeholders without relations, so it stays cheap) is estimated by
    KADABRA, within its guarantee of the exact values, and the table's
    attrs, which the Makelaars page and the CLI print, say how."""
    from netanalysis import sampling
    from netanalysis.synthetic import synthetic_municipality

    G = nx.Graph(synthetic_municipality(400, seed=3).to_graph())
    G.add_nodes_from(f"los-{i}" for i in range(EXACT_BETWEENNESS_LIMIT + 1 - len(G)))
    assert len(G) == EXACT_BETWEENNESS_LIMIT + 1
    table = centrality_table(G)
    assert table.attrs["betweenness_method"] == sampling.betweenness_method(len(G)) == "kadabra"
    assert table.attrs["betweenness_k"] == 0
    assert table.attrs["betweenness_error"] == sampling.KADABRA_ERROR
    assert table.attrs["betweenness_confidence"] == pytest.approx(1 - sampling.KADABRA_DELTA)
    exact = betweenness(G, exact_limit=len(G))
    errors = [abs(table.at[v, "betweenness"] - exact[v]) for v in G]
    assert 0 < max(errors) <= sampling.KADABRA_ERROR
    # Seeded and deterministic: the same graph gives the same estimate.
    assert table["betweenness"].to_dict() == betweenness(G)
    # Without NetworKit (or asked for), the plan's uniform pivots as before.
    assert betweenness(G, estimator="pivots") == betweenness(G, k=BETWEENNESS_PIVOTS)
    assert betweenness_plan(len(G)) == ("sampled", BETWEENNESS_PIVOTS)


def test_exact_values_from_elsewhere_replace_the_path_columns():
    """A saved version's exact values (the background job) go into the table
    as they are, and the table is labelled exact."""
    G = florentine_families()
    between = {v: float(i) for i, v in enumerate(G)}
    close = {v: 1.0 / (i + 1) for i, v in enumerate(G)}
    table = centrality_table(G, exact_paths=(between, close))
    assert table["betweenness"].to_dict() == between and table["closeness"].to_dict() == close
    assert table.attrs["betweenness_method"] == "exact" and table.attrs["betweenness_k"] == len(G)
    with pytest.raises(ValueError, match="every stakeholder"):
        centrality_table(G, exact_paths=({}, close))


def test_sampled_ranking_keeps_the_top_brokers():
    """What a broker list needs from the scheduled sample, on the first
    sampled size of a seeded synthetic municipality (exact limit + 50).
    Measured (ten pivot seeds): Spearman 0.989-0.990 over all stakeholders
    with the scheduled 2,000 pivots, 0.984-0.985 with 1,500, 0.973-0.977
    with 1,000 and 0.93 with the former 250; the exact top ten always in
    the estimated top 20, nobody in it ranked below 28. The thresholds
    fail for 1,500 pivots or fewer."""
    from scipy.stats import spearmanr

    from netanalysis.synthetic import synthetic_municipality

    G = synthetic_municipality(EXACT_BETWEENNESS_LIMIT + 50, seed=7).to_graph()
    assert betweenness_plan(len(G)) == ("sampled", BETWEENNESS_PIVOTS)
    exact = pd.Series(betweenness(G, exact_limit=len(G)))
    estimate = pd.Series(betweenness(G))
    exact_rank = exact.rank(ascending=False, method="first")
    estimated_top = estimate.nlargest(20).index
    assert set(exact.nlargest(10).index) <= set(estimated_top)
    assert exact_rank[estimated_top].max() <= 40
    assert spearmanr(estimate[exact.index], exact).statistic >= 0.985


def test_sampled_betweenness_is_networkx_k_pivots_and_reported():
    """Above exact_limit the values are networkx's seeded k-pivot estimate
    and the table says so."""
    G = nx.connected_watts_strogatz_graph(120, 4, 0.2, seed=3)
    table = centrality_table(G, exact_limit=50, k=30, seed=5)
    assert table.attrs == {"betweenness_method": "sampled", "betweenness_k": 30,
                           "closeness_method": "exact", "closeness_k": 120}
    _assert_close(table["betweenness"].to_dict(), nx.betweenness_centrality(G, k=30, seed=5), tol=1e-12)
    assert centrality_table(G).attrs == {"betweenness_method": "exact", "betweenness_k": 120,
                                         "closeness_method": "exact", "closeness_k": 120}


def test_sampled_betweenness_error_within_hoeffding_bound():
    """Hoeffding (Brandes & Pich 2007): with k pivots the error of a
    normalised value exceeds eps with probability at most 2 exp(-2 k eps^2).
    For k = 100 and eps = 0.15 that is 2e-2 per node; a wrong extrapolation
    factor (e.g. forgetting n/k) misses by far more than eps."""
    G = nx.powerlaw_cluster_graph(300, 3, 0.2, seed=11)
    exact = nx.betweenness_centrality(G)
    estimate = betweenness(G, exact_limit=0, k=100, seed=1)
    worst = max(abs(estimate[v] - exact[v]) for v in G)
    assert worst < 0.15
    assert max(exact, key=exact.get) in sorted(estimate, key=estimate.get, reverse=True)[:5]


# -- edge cases ------------------------------------------------------------------


def test_empty_graph():
    table = centrality_table(nx.Graph())
    assert table.empty
    assert list(table.columns) == list(CENTRALITY_COLUMNS)
    assert table.index.name == "id"
    assert table.attrs == {"betweenness_method": "exact", "betweenness_k": 0,
                           "closeness_method": "exact", "closeness_k": 0}


def test_single_stakeholder_and_isolates():
    """An isolate has degree 0, betweenness 0, closeness 0 (networkx's
    convention), eigenvector 0; alone it holds all PageRank."""
    table = centrality_table(nx.empty_graph(["x"]))
    assert table.loc["x"].to_dict() == {
        "degree": 0, "weighted_degree": 0.0, "betweenness": 0.0,
        "closeness": 0.0, "eigenvector": 0.0, "pagerank": 1.0,
    }
    G = nx.Graph([("a", "b")])
    G.add_node("z")
    table = centrality_table(G)
    assert table.loc["z", ["degree", "betweenness", "closeness", "eigenvector"]].tolist() == [0, 0, 0, 0]


def test_weight_none_is_plain_degree_and_missing_weights_count_one():
    G = nx.Graph([("a", "b", {"weight": 5}), ("a", "c")])
    assert centrality_table(G)["weighted_degree"].to_dict() == {"a": 6.0, "b": 5.0, "c": 1.0}
    assert centrality_table(G, weight=None)["weighted_degree"].to_dict() == {"a": 2.0, "b": 1.0, "c": 1.0}


def test_directed_graphs_are_refused():
    with pytest.raises(nx.NetworkXNotImplemented):
        centrality_table(nx.DiGraph([(0, 1)]))


def test_stakeholder_network_graph(small_network):
    """The frozen graph from StakeholderNetwork works and is not changed.
    Hand count (n = 7, so C(6, 2) = 15 pairs of others): A1 is the only
    way from A2 to B1, O1, C1 and I1 (4 pairs); O1 the only way from A2, A1,
    B1 and I1 to C1 (4); B1 the only way from I1 to A1, A2, O1 and C1 (4):
    each 4/15. The isolate I2 and the leaves lie on no path."""
    G = small_network.to_graph()
    table = centrality_table(G)
    assert table.index.tolist() == list(G)
    brokers = table.loc[["A1", "O1", "B1"], "betweenness"]
    assert brokers.tolist() == pytest.approx([4 / 15] * 3, abs=1e-12)
    assert table.loc[["A2", "C1", "I1", "I2"], "betweenness"].tolist() == [0.0] * 4
    _assert_close(table["betweenness"].to_dict(), nx.betweenness_centrality(G))


# -- properties -----------------------------------------------------------------


@st.composite
def graphs(draw, max_nodes: int = 12):
    n = draw(st.integers(min_value=0, max_value=max_nodes))
    pairs = [(u, v) for u in range(n) for v in range(u + 1, n)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True) if pairs else st.just([]))
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for u, v in chosen:
        G.add_edge(u, v, weight=draw(st.integers(min_value=1, max_value=5)))
    return G


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_relabelling_relabels_and_changes_nothing_else(G):
    mapping = {v: f"s{v * 7 % 13}-{v}" for v in G}
    original = centrality_table(G)
    relabelled = centrality_table(nx.relabel_nodes(G, mapping))
    expected = original.rename(index=mapping)
    pd.testing.assert_frame_equal(relabelled, expected, check_exact=False, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_betweenness_in_unit_interval_and_graph_untouched(G):
    before = G.copy()
    table = centrality_table(G)
    assert nx.utils.graphs_equal(G, before)
    assert all(G.nodes[v] == before.nodes[v] for v in G)
    assert ((table["betweenness"] >= 0) & (table["betweenness"] <= 1 + 1e-12)).all()
    assert ((table["closeness"] >= 0) & (table["closeness"] <= 1 + 1e-12)).all()
    assert not table.isna().any().any()
    if len(G):
        assert table["pagerank"].sum() == pytest.approx(1.0)


def test_large_networks_estimate_closeness_and_say_so():
    """Above sampling.EXACT_CLOSENESS_LIMIT closeness is estimated from seeded
    pivots (Eppstein & Wang 2004); the table reports it, like betweenness."""
    from netanalysis import sampling
    from netanalysis.synthetic import synthetic_municipality

    G = synthetic_municipality(sampling.EXACT_CLOSENESS_LIMIT + 200, seed=2).to_graph()
    table = centrality_table(G)
    assert table.attrs["closeness_method"] == "sampled"
    assert table.attrs["closeness_k"] == sampling.CLOSENESS_PIVOTS
    exact = closeness(G, exact_limit=len(G))
    errors = sorted(abs(table.loc[v, "closeness"] - exact[v]) / exact[v] for v in G if exact[v] > 0)
    assert errors[len(errors) // 2] < 0.02, "median relative error of the estimate"


# -- degree from the cached adjacency matrix ---------------------------------------


def _degree_cases() -> dict:
    """Graphs that take every path through degree and weighted_degree: a
    frozen stakeholder graph (cached conversions), the same graph unfrozen
    and with integer ids (converted per call), and a graph with an
    isolate, a self-loop and a relation without a weight."""
    from netanalysis.synthetic import synthetic_municipality

    frozen = synthetic_municipality(300, seed=4).to_graph()
    odd = nx.Graph([("a", "b", {"weight": 2.0}), ("b", "c", {"weight": 5}), ("c", "a")])
    odd.add_edge("b", "b", weight=3.0)
    odd.add_node("z")
    return {
        **storage_variants(frozen),
        "isolate, self-loop, missing weight": odd,
        "frozen, self-loop": nx.freeze(odd.copy()),
    }


@pytest.mark.parametrize("case", sorted(_degree_cases()))
def test_degree_and_weighted_degree_equal_networkx(case):
    """networkx's DegreeView is the definition (a self-loop counts twice,
    a missing weight 1); whole-number strengths sum exactly in any order,
    so the values are equal, not approximately equal."""
    G = _degree_cases()[case]
    found = degree(G)
    assert list(found) == list(G) and found == dict(G.degree())
    assert all(type(value) is int for value in found.values())
    for weight in ("weight", None):
        strength = weighted_degree(G, weight=weight)
        assert list(strength) == list(G)
        assert strength == {v: float(d) for v, d in G.degree(weight=weight)}
        assert all(type(value) is float for value in strength.values())


def test_weighted_degree_with_fractional_strengths():
    """Fractions sum in another order than networkx's, so only to rounding."""
    G = nx.gnm_random_graph(60, 200, seed=5)
    for u, v, data in G.edges(data=True):
        data["weight"] = (u * 7 + v * 3) % 11 / 10 + 0.05
    expected = dict(G.degree(weight="weight"))
    assert weighted_degree(G) == pytest.approx(expected, rel=1e-12)
    assert weighted_degree(nx.freeze(G)) == pytest.approx(expected, rel=1e-12)


def test_degree_follows_a_changing_graph():
    """A graph that is not frozen may change between calls, so nothing of
    it may be kept."""
    G = nx.Graph([("a", "b", {"weight": 2})])
    assert degree(G) == {"a": 1, "b": 1} and weighted_degree(G) == {"a": 2.0, "b": 2.0}
    G.add_edge("b", "c", weight=4)
    G.add_edge("c", "c")
    assert degree(G) == {"a": 1, "b": 2, "c": 3}
    assert weighted_degree(G) == {"a": 2.0, "b": 6.0, "c": 6.0}


# -- PageRank on the reference graphs -----------------------------------------------


@pytest.mark.parametrize("weight", [None, "weight"])
def test_pagerank_equals_networkx(graph, weight):
    assert_equal(pagerank(graph, weight=weight), nx.pagerank(graph, weight=weight), 1e-12)
