"""Burt's structural holes (netanalysis.holes): constraint, effective size,
efficiency and hierarchy.

Known values: Borgatti (1997) / networkx's test_structuralholes.py (values
from UCINET and igraph, checked by hand there), the Florentine families by
hand, hierarchy by Burt's (1992, p. 71) formula; every measure equals
networkx 3.6's per-node functions on the reference networks, on random
graphs (properties) and on the graphs of tests/backends.py.
"""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings

import netanalysis.holes as holes_module
from netanalysis.holes import HOLE_COLUMNS, structural_holes
from backends import assert_equal, pieces
from reference_graphs import borgatti_holes, florentine_families, karate_club, krackhardt_kite
from strategies import grouped_graphs


def test_borgatti_example_unweighted():
    """Borgatti (1997) / networkx's test_structuralholes.py (values from
    UCINET and igraph, checked by hand there): constraint G 0.400, A 0.595,
    C 1.000; effective size G 4.67, A 2.50, C 1. Efficiency is effective
    size over degree: G 4.667/6 = 0.778, A 2.5/4 = 0.625."""
    holes = structural_holes(borgatti_holes(), weight=None)
    assert holes.loc["G", "constraint"] == pytest.approx(0.400, abs=1e-3)
    assert holes.loc["A", "constraint"] == pytest.approx(0.595, abs=1e-3)
    assert holes.loc["C", "constraint"] == pytest.approx(1.0, abs=1e-3)
    assert holes.loc["G", "effective_size"] == pytest.approx(4.67, abs=1e-2)
    assert holes.loc["A", "effective_size"] == pytest.approx(2.50, abs=1e-2)
    assert holes.loc["C", "effective_size"] == pytest.approx(1.0, abs=1e-2)
    assert holes.loc["G", "efficiency"] == pytest.approx(4.666667 / 6, abs=1e-6)
    assert holes.loc["A", "efficiency"] == pytest.approx(0.625, abs=1e-9)


def test_borgatti_example_weighted():
    """Same source, with networkx's test weights: constraint G 0.299,
    A 0.795, C 1; effective size G 5.47, A 2.47, C 1. Also equal to
    networkx's functions called with nodes=list(G) (the PITFALL: without
    nodes= networkx 3.6 gets weighted effective size wrong)."""
    G = borgatti_holes(weighted=True)
    holes = structural_holes(G)
    assert holes.loc["G", "constraint"] == pytest.approx(0.299, abs=1e-3)
    assert holes.loc["A", "constraint"] == pytest.approx(0.795, abs=1e-3)
    assert holes.loc["G", "effective_size"] == pytest.approx(5.47, abs=1e-2)
    assert holes.loc["A", "effective_size"] == pytest.approx(2.47, abs=1e-2)
    assert holes.loc["C", "effective_size"] == pytest.approx(1.0, abs=1e-2)
    constraint = nx.constraint(G, nodes=list(G), weight="weight")
    effective = nx.effective_size(G, nodes=list(G), weight="weight")
    for node in G:
        assert holes.loc[node, "constraint"] == pytest.approx(constraint[node], abs=1e-9)
        assert holes.loc[node, "effective_size"] == pytest.approx(effective[node], abs=1e-9)


def test_directed_graph_matches_networkx_mutual_weights():
    """networkx's directed example D (0->1, 0->2, 1->0, 2->1, weights
    2, 2, 1, 1): weighted constraint 0.840, 1.143, 1.378 and effective size
    1.567, 1.083, 1 (test_structuralholes.py)."""
    D = nx.DiGraph()
    D.add_weighted_edges_from([(0, 1, 2), (0, 2, 2), (1, 0, 1), (2, 1, 1)])
    holes = structural_holes(D)
    assert holes["constraint"].tolist() == pytest.approx([0.840, 1.143, 1.378], abs=1e-3)
    assert holes["effective_size"].tolist() == pytest.approx([1.567, 1.083, 1.0], abs=1e-3)


def test_hierarchy_by_hand():
    """Ego v with contacts a, b, c; a-b tied, c not. Unweighted, p_v* = 1/3,
    p_ab = p_ba = 1/2:
    c_va = (1/3 + 1/3 * 1/2)^2 = 1/4 = c_vb, c_vc = (1/3)^2 = 1/9,
    C = 11/18, C/N = 11/54, r_a = r_b = 27/22, r_c = 6/11,
    H = (2 * 27/22 ln 27/22 + 6/11 ln 6/11) / (3 ln 3) = 0.052205."""
    G = nx.Graph([("v", "a"), ("v", "b"), ("v", "c"), ("a", "b")])
    holes = structural_holes(G)
    expected = (2 * 27 / 22 * math.log(27 / 22) + 6 / 11 * math.log(6 / 11)) / (3 * math.log(3))
    assert expected == pytest.approx(0.052205, abs=1e-6)
    assert holes.loc["v", "hierarchy"] == pytest.approx(expected, abs=1e-12)
    assert holes.loc["v", "constraint"] == pytest.approx(11 / 18, abs=1e-12)
    # Burt's definition: equal local constraints give 0 (a star), one
    # contact leaves nothing to be unequal about (NaN).
    star = structural_holes(nx.star_graph(4))
    assert star.loc[0, "hierarchy"] == pytest.approx(0.0, abs=1e-12)
    assert math.isnan(star.loc[1, "hierarchy"])


def test_hierarchy_of_one_dominant_contact_approaches_one():
    """Burt: hierarchy is 1 when one contact carries all the constraint.
    Ego with contacts a (strength 1000) and b (strength 1): p = 1000/1001
    and 1/1001, c = p^2, so r_a -> 2 and r_b -> 0 and
    H -> (2 ln 2) / (2 ln 2) = 1."""
    G = nx.Graph()
    G.add_edge("v", "a", weight=1000)
    G.add_edge("v", "b", weight=1)
    assert structural_holes(G).loc["v", "hierarchy"] == pytest.approx(1.0, abs=1e-2)


def test_isolates_are_nan_and_weight_none_is_unweighted():
    G = borgatti_holes(weighted=True)
    G.add_node("loner")
    holes = structural_holes(G)
    assert holes.loc["loner"].isna().all()
    unweighted = borgatti_holes()
    unweighted.add_node("loner")
    pd.testing.assert_frame_equal(structural_holes(G, weight=None), structural_holes(unweighted))


def test_structural_holes_empty_graph():
    holes = structural_holes(nx.Graph())
    assert holes.empty and list(holes.columns) == list(HOLE_COLUMNS)


REFERENCE_NETWORKS = {
    "florentine": florentine_families,
    "kite": krackhardt_kite,
    "karate": karate_club,
    "karate-weighted": lambda: karate_club(weighted=True),
    "borgatti-weighted": lambda: borgatti_holes(weighted=True),
}


@pytest.mark.parametrize("weight", [None, "weight"])
@pytest.mark.parametrize("name", sorted(REFERENCE_NETWORKS))
def test_structural_holes_of_the_reference_networks_equal_networkx(name, weight):
    """Padgett's Florentine families, Krackhardt's kite and Zachary's karate
    club (with and without its interaction counts): constraint and effective
    size equal networkx 3.6's per-node functions to 1e-12, and hierarchy
    equals Burt's formula over networkx's local constraints."""
    G = REFERENCE_NETWORKS[name]()
    holes = structural_holes(G, weight=weight)
    constraint = nx.constraint(G, nodes=list(G), weight=weight)
    effective = nx.effective_size(G, nodes=list(G), weight=weight)
    for v in G:
        assert holes.loc[v, "constraint"] == pytest.approx(constraint[v], abs=1e-12)
        assert holes.loc[v, "effective_size"] == pytest.approx(effective[v], abs=1e-12)
        assert holes.loc[v, "hierarchy"] == pytest.approx(hierarchy_by_definition(G, v, weight), abs=1e-12, nan_ok=True)
    if name == "florentine":
        # By hand: Medici gives each of 6 contacts 1/6; only Ridolfi and
        # Tornabuoni (3 contacts each) are tied, so c = (1/6 + 1/6 * 1/3)^2
        # = 4/81 for those two and 1/36 for the other four: 17/81, the
        # lowest of the families.
        assert holes.loc["Medici", "constraint"] == pytest.approx(17 / 81, abs=1e-12)
        assert holes["constraint"].idxmin() == "Medici"


def hierarchy_by_definition(G, v, weight) -> float:
    """Burt's (1992, p. 71) Coleman-Theil index, word for word, from
    networkx's local constraints c_vj: sum_j r ln r / (N ln N), r = c_vj / (C/N)."""
    contacts = set(nx.all_neighbors(G, v)) - {v}
    if len(contacts) < 2:
        return math.nan
    local = [nx.local_constraint(G, v, j, weight=weight) for j in contacts]
    mean = sum(local) / len(contacts)
    return sum(c / mean * math.log(c / mean) for c in local) / (len(contacts) * math.log(len(contacts)))


def test_parallel_relations_add_up_to_one_tie():
    """Two relations between a and b (strengths 2 and 3) weigh as one tie
    of strength 5, as a spreadsheet with both rows means; without weights
    they count as two. Compared with networkx on the merged simple graph."""
    M = nx.MultiGraph()
    M.add_edges_from([("a", "b", {"weight": 2}), ("a", "b", {"weight": 3}), ("b", "c", {"weight": 1}),
                      ("a", "c", {"weight": 4}), ("c", "d", {"weight": 2})])
    for weight, strengths in (("weight", {("a", "b"): 5}), (None, {("a", "b"): 2})):
        merged = nx.Graph()
        merged.add_edges_from([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")], weight=1)
        if weight:
            nx.set_edge_attributes(merged, {("b", "c"): 1, ("a", "c"): 4, ("c", "d"): 2}, "weight")
        nx.set_edge_attributes(merged, strengths, "weight")
        holes = structural_holes(M, weight=weight)
        constraint = nx.constraint(merged, weight="weight")
        effective = nx.effective_size(merged, nodes=list(merged), weight="weight")
        for v in merged:
            assert holes.loc[v, "constraint"] == pytest.approx(constraint[v], abs=1e-12)
            assert holes.loc[v, "effective_size"] == pytest.approx(effective[v], abs=1e-12)


def test_structural_holes_of_a_hub_stay_within_the_product_block(monkeypatch):
    """A hub with 3,000 contacts has 9 million two-step paths through it: a
    plain sparse product P @ P holds them all at once (over 100 MB). The
    product runs a block of rows at a time (holes._PRODUCT_ENTRIES, here
    lowered to 100,000 entries, about 1 MB), so the step's peak stays far
    below that. Values by hand: the hub gives each leaf 1/3000; leaves 1
    and 2 are also tied to each other."""
    import tracemalloc

    G = nx.star_graph(3000)
    G.add_edge(1, 2)
    monkeypatch.setattr(holes_module, "_PRODUCT_ENTRIES", 100_000)
    tracemalloc.start()
    try:
        holes = structural_holes(G)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 30e6
    assert holes.loc[0, "constraint"] == pytest.approx(2998 / 3000**2 + 2 * (1 / 3000 + 1 / 6000) ** 2, rel=1e-12)
    assert holes.loc[1, "constraint"] == pytest.approx((1 / 2 + 1 / 4) ** 2 + (1 / 2 + 1 / 6000) ** 2, rel=1e-12)
    assert holes.loc[0, "effective_size"] == pytest.approx(3000 - 2 / 3000)
    assert holes.loc[3, "constraint"] == 1.0 and math.isnan(holes.loc[3, "hierarchy"])


@settings(max_examples=60, deadline=None)
@given(grouped_graphs(directed=False, max_nodes=10))
def test_structural_holes_equal_networkx(G):
    """Property: constraint and effective size equal networkx's (called
    with nodes=list(G)), weighted and unweighted; efficiency is effective
    size over degree."""
    for weight in (None, "weight"):
        holes = structural_holes(G, weight=weight)
        constraint = nx.constraint(G, nodes=list(G), weight=weight)
        effective = nx.effective_size(G, nodes=list(G), weight=weight)
        for v in G:
            assert holes.loc[v, "constraint"] == pytest.approx(constraint[v], abs=1e-9, nan_ok=True)
            assert holes.loc[v, "effective_size"] == pytest.approx(effective[v], abs=1e-9, nan_ok=True)
            if G.degree(v):
                assert holes.loc[v, "efficiency"] == pytest.approx(effective[v] / G.degree(v), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(grouped_graphs(directed=True, max_nodes=8))
def test_structural_holes_of_directed_graphs_equal_networkx(G):
    """Property: a directed graph's measures equal networkx's, which reads
    each pair's ties in both directions (mutual weights); hierarchy equals
    the definition over networkx's local constraints. networkx 3.6 returns
    NaN for a node without outgoing ties (it checks ``G[v]``, the
    successors), so such a node is compared on the reversed graph, whose
    mutual weights are the same."""
    for weight in (None, "weight"):
        holes = structural_holes(G, weight=weight)
        reverse = G.reverse()
        constraint = nx.constraint(G, nodes=list(G), weight=weight)
        constraint_reversed = nx.constraint(reverse, nodes=list(G), weight=weight)
        effective = nx.effective_size(G, nodes=list(G), weight=weight)
        effective_reversed = nx.effective_size(reverse, nodes=list(G), weight=weight)
        for v in G:
            if not G.out_degree(v):
                constraint[v], effective[v] = constraint_reversed[v], effective_reversed[v]
            assert holes.loc[v, "constraint"] == pytest.approx(constraint[v], abs=1e-9, nan_ok=True)
            assert holes.loc[v, "effective_size"] == pytest.approx(effective[v], abs=1e-9, nan_ok=True)
            assert holes.loc[v, "hierarchy"] == pytest.approx(hierarchy_by_definition(G, v, weight), abs=1e-9, nan_ok=True)


# -- the graphs of both backends -----------------------------------------------------


from reference_graphs import florentine_families


def _constraint(G, weight=None) -> dict:
    return structural_holes(G, weight=weight)["constraint"].to_dict()


def _effective_size(G, weight=None) -> dict:
    return structural_holes(G, weight=weight)["effective_size"].to_dict()


@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint_equals_networkx(graph, weight):
    assert_equal(_constraint(graph, weight=weight), nx.constraint(graph, nodes=list(graph), weight=weight))


@pytest.mark.parametrize("weight", [None, "weight"])
def test_effective_size_equals_networkx_per_node_definition(graph, weight):
    expected = nx.effective_size(graph, nodes=list(graph), weight=weight)
    assert_equal(_effective_size(graph, weight=weight), expected)


def test_isolates_have_no_structural_hole_measures():
    G = pieces()
    assert math.isnan(_constraint(G)["loes"]) and math.isnan(_effective_size(G)["mark"])
    assert _effective_size(G)["anna"] == pytest.approx(1.0)  # two contacts tied to each other


def test_structural_holes_stay_sparse_on_a_large_graph():
    # networkx's matrix path for effective_size builds a dense n x n array:
    # 320 GB for this ring. Here it is two sparse products.
    G = nx.cycle_graph(200_000)
    assert set(_effective_size(G).values()) == {2.0}  # two contacts, not tied
    assert set(_constraint(G).values()) == {0.5}


def test_structural_holes_of_a_hub_with_many_contacts():
    # 3,000 leaves give 9 million two-step paths: more than one block.
    G = nx.star_graph(3000)
    G.add_edge(1, 2)
    found = _constraint(G)
    # By hand: the hub gives each leaf 1/3000 of its ties; leaves 1 and 2
    # are also tied to each other, half of each one's ties.
    assert found[0] == pytest.approx(2998 / 3000**2 + 2 * (1 / 3000 + 1 / 6000) ** 2, rel=1e-12)
    assert found[1] == pytest.approx((1 / 2 + 1 / 4) ** 2 + (1 / 2 + 1 / 6000) ** 2, rel=1e-12)
    assert found[3] == 1.0
    assert _effective_size(G)[0] == pytest.approx(3000 - 2 / 3000)
