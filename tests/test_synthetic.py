"""The synthetic municipality used by the benchmarks: seeded, sized, structured."""

from __future__ import annotations

from collections import Counter

import networkx as nx

from netanalysis.synthetic import TYPE_SHARES, synthetic_municipality


def test_same_seed_same_network_other_seed_other_network():
    assert synthetic_municipality(800, seed=3).fingerprint() == synthetic_municipality(800, seed=3).fingerprint()
    assert synthetic_municipality(800, seed=3).fingerprint() != synthetic_municipality(800, seed=4).fingerprint()


def test_size_types_and_ties_per_stakeholder():
    net = synthetic_municipality(3000, seed=5)
    assert len(net) == 3000
    assert abs(len(net.relations) / 3000 - 2.5) < 0.05
    shares = Counter(net.stakeholders["type"])
    for kind, share in TYPE_SHARES.items():
        assert abs(shares[kind] / 3000 - share) < 0.03


def test_communities_are_dense_inside():
    G = synthetic_municipality(3000, seed=5).to_graph()
    communities = nx.community.louvain_communities(G, seed=1, weight=None)
    assert nx.community.modularity(G, communities, weight=None) > 0.5
