"""What the tests of both backends (igraph and numpy/scipy) share.

The graphs every exact measure is compared with networkx on: the reference
networks of :mod:`reference_graphs` (Florentine families, Krackhardt kite,
Zachary's karate club unweighted), seeded synthetic municipalities of 300
stakeholders, and a graph in several pieces with isolates and string ids.
``tests/conftest.py`` offers them as the ``graph`` fixture.
"""

from __future__ import annotations

import math

import networkx as nx
import pytest

from netanalysis import graphs
from netanalysis.synthetic import synthetic_municipality
from reference_graphs import florentine_families, karate_club, krackhardt_kite

__all__ = ["BACKENDS", "REFERENCE", "pieces", "assert_equal"]

BACKENDS = [
    "numpy",
    pytest.param("igraph", marks=pytest.mark.skipif(not graphs.HAS_IGRAPH, reason="python-igraph not installed")),
]


def _unweighted_karate() -> nx.Graph:
    G = karate_club()
    for _, _, data in G.edges(data=True):
        data.pop("weight", None)
    return G


def pieces() -> nx.Graph:
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
    "pieces": pieces,
    **{f"synthetic-{seed}": (lambda seed=seed: synthetic_municipality(300, seed=seed).to_graph()) for seed in (1, 2, 3)},
}


def assert_equal(found: dict, expected: dict, tolerance: float = 1e-9) -> None:
    """Equal keys, and values within ``tolerance`` (NaN where networkx gives NaN)."""
    assert set(found) == set(expected)
    for node, value in expected.items():
        if math.isnan(value):
            assert math.isnan(found[node]), node
        else:
            assert found[node] == pytest.approx(value, abs=tolerance), node
