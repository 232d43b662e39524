"""Hypothesis strategies shared by the property tests."""

from __future__ import annotations

import networkx as nx
from hypothesis import strategies as st

__all__ = ["TYPES", "grouped_graphs"]

TYPES = ("civil_servant", "resident", "business", "organisation", "initiative")


@st.composite
def grouped_graphs(draw, directed: bool | None = None, max_nodes: int = 9):
    directed = draw(st.booleans()) if directed is None else directed
    n = draw(st.integers(min_value=0, max_value=max_nodes))
    pairs = [(u, v) for u in range(n) for v in range(n) if u != v and (directed or u < v)]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=30) if pairs else st.just([]))
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    for u, v in chosen:
        G.add_edge(u, v, weight=draw(st.integers(min_value=1, max_value=5)))
    for v in G:
        G.nodes[v]["type"] = draw(st.sampled_from([*TYPES, None]))
        G.nodes[v]["name"] = f"n{v}"
    return G
