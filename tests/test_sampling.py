"""The sampling plans of netanalysis.sampling: the schedule of pivots, networkx's
draw, and Hoeffding's bound (Hoeffding 1963; Brandes & Pich 2007)."""
from __future__ import annotations

import math

import networkx as nx
import pytest

from hypothesis import given
from hypothesis import strategies as st

from netanalysis import sampling
from netanalysis.sampling import (
    BETWEENNESS_MIN_PIVOTS,
    BETWEENNESS_PIVOT_BUDGET,
    BETWEENNESS_PIVOTS,
    EXACT_BETWEENNESS_LIMIT,
    betweenness_plan,
)
from netanalysis.synthetic import synthetic_municipality


def test_betweenness_pivots_are_networkx_draw():
    G = synthetic_municipality(300, seed=1).to_graph()
    import random

    assert sampling.betweenness_pivots(G, exact_limit=100, k=20, seed=3) == random.Random(3).sample(list(G), 20)
    assert sampling.betweenness_pivots(G, exact_limit=300, k=20) is None
    with pytest.raises(ValueError):
        sampling.betweenness_pivots(G, k=1)


@pytest.mark.parametrize("n", [sampling.EXACT_BETWEENNESS_LIMIT + 1, 30_000])
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
    method, k = sampling.betweenness_plan(n)
    assert method == "sampled"
    searched = []

    def record(graph, source):
        searched.append(source)
        return [source], {source: []}, {source: 1.0}, {source: 0}

    monkeypatch.setattr(nx_betweenness, "_single_source_shortest_path_basic", record)
    nx.betweenness_centrality(G, k=k, seed=42)
    assert len(searched) == k
    assert sampling.betweenness_pivots(G) == searched


def test_closeness_plan():
    assert sampling.closeness_plan(5000) == ("exact", 5000)
    assert sampling.closeness_plan(5001) == ("sampled", sampling.CLOSENESS_PIVOTS)
    assert sampling.closeness_plan(10, exact_limit=0, k=10) == ("exact", 10)


def test_hoeffding_error():
    assert sampling.hoeffding_error(250) == pytest.approx(math.sqrt(math.log(40) / 500))
    assert sampling.hoeffding_error(250, events=100) > sampling.hoeffding_error(250)
    with pytest.raises(ValueError):
        sampling.hoeffding_error(0)


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, ("exact", 0)),
        (EXACT_BETWEENNESS_LIMIT, ("exact", EXACT_BETWEENNESS_LIMIT)),
        (EXACT_BETWEENNESS_LIMIT + 1, ("sampled", BETWEENNESS_PIVOTS)),
        (25_000, ("sampled", 2000)),  # the last size with the most pivots
        (25_001, ("sampled", 1999)),  # 50,000,000 // 25,001
        (50_000, ("sampled", 1000)),
        (100_000, ("sampled", 500)),
        (200_000, ("sampled", 250)),
        (1_000_000, ("sampled", BETWEENNESS_MIN_PIVOTS)),  # the floor, not 50
    ],
)
def test_betweenness_plan_schedule(n, expected):
    """The schedule of sampling.betweenness_plan's docstring, at its boundaries:
    exact up to the limit, 2,000 pivots up to 25,000 stakeholders, then
    50 million / n pivots, never fewer than 250."""
    assert betweenness_plan(n) == expected


def test_betweenness_plan_options():
    """An explicit k replaces the schedule; sampling every node is exact."""
    assert betweenness_plan(10, exact_limit=10, k=3) == ("exact", 10)
    assert betweenness_plan(11, exact_limit=10, k=3) == ("sampled", 3)
    assert betweenness_plan(11, exact_limit=10, k=11) == ("exact", 11)
    # Below the most pivots a lowered limit still gives exact values.
    assert betweenness_plan(BETWEENNESS_PIVOTS, exact_limit=0) == ("exact", BETWEENNESS_PIVOTS)
    assert betweenness_plan(BETWEENNESS_PIVOTS + 1, exact_limit=0) == ("sampled", BETWEENNESS_PIVOTS)
    with pytest.raises(ValueError):
        betweenness_plan(5, k=1)
    with pytest.raises(ValueError):
        betweenness_plan(5, exact_limit=-1)


@given(st.integers(EXACT_BETWEENNESS_LIMIT + 1, 10**8), st.integers(1, 10**6))
def test_betweenness_pivots_bound_the_work_and_fall_with_size(n, more):
    """Above the exact limit the pivots stay within [250, 2,000], their
    product with n (the breadth-first searches' node visits) stays within
    the budget unless at the floor, and a larger network never gets more
    pivots."""
    method, k = betweenness_plan(n)
    assert method == "sampled"
    assert BETWEENNESS_MIN_PIVOTS <= k <= BETWEENNESS_PIVOTS
    assert k * n <= BETWEENNESS_PIVOT_BUDGET or k == BETWEENNESS_MIN_PIVOTS
    assert betweenness_plan(n + more)[1] <= k
