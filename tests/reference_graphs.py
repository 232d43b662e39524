"""Classic networks from the social-network literature, for known-value tests.

Every builder returns a new graph, so a test may change its copy freely.
Each one says where the graph comes from; the expected values belong in the
tests that use them, next to their own sources.

References
----------
.. [1] Padgett, J. F., & Ansell, C. K. (1993). Robust action and the rise of
   the Medici, 1400-1434. American Journal of Sociology, 98(6), 1259-1319.
.. [2] Breiger, R. L., & Pattison, P. E. (1986). Cumulated social roles: The
   duality of persons and their algebras. Social Networks, 8(3), 215-256.
.. [3] Krackhardt, D. (1990). Assessing the political landscape: Structure,
   cognition, and power in organizations. Administrative Science Quarterly,
   35(2), 342-369.
.. [4] Zachary, W. W. (1977). An information flow model for conflict and
   fission in small groups. Journal of Anthropological Research, 33(4),
   452-473.
.. [5] Borgatti, S. P. (1997). Structural holes: Unpacking Burt's redundancy
   measures. Connections, 20(1), 35-38.
"""

from __future__ import annotations

import networkx as nx

__all__ = [
    "KITE_NAMES",
    "BORGATTI_WEIGHTS",
    "florentine_families",
    "krackhardt_kite",
    "karate_club",
    "borgatti_holes",
    "barbell",
]

#: Krackhardt's names for the kite's nodes, in networkx's numbering
#: (networkx ``krackhardt_kite_graph`` docstring and [3]_).
KITE_NAMES = {
    0: "Andre",
    1: "Beverley",
    2: "Carol",
    3: "Diane",
    4: "Ed",
    5: "Fernando",
    6: "Garth",
    7: "Heather",
    8: "Ike",
    9: "Jane",
}

#: Edge weights of Borgatti's example as networkx's own tests use them
#: (networkx/algorithms/tests/test_structuralholes.py, networkx 3.6).
BORGATTI_WEIGHTS = {
    ("A", "B"): 2,
    ("A", "F"): 3,
    ("A", "G"): 5,
    ("A", "E"): 2,
    ("E", "G"): 8,
    ("F", "G"): 3,
    ("B", "G"): 4,
    ("B", "D"): 1,
    ("D", "G"): 3,
    ("G", "C"): 10,
}


def florentine_families() -> nx.Graph:
    """Padgett's Florentine marriage network [1]_ as coded by Breiger and
    Pattison [2]_: 15 families, 20 ties (Pucci, an isolate, is left out)."""
    return nx.Graph(nx.florentine_families_graph())


def krackhardt_kite() -> nx.Graph:
    """Krackhardt's kite [3]_: ten nodes, numbered as in networkx, with the
    names of :data:`KITE_NAMES` as the ``name`` attribute."""
    G = nx.Graph(nx.krackhardt_kite_graph())
    nx.set_node_attributes(G, KITE_NAMES, "name")
    return G


def karate_club(*, weighted: bool = False) -> nx.Graph:
    """Zachary's karate club [4]_: 34 members, 78 ties.

    networkx's copy carries interaction counts as ``weight``; the classic
    published centralities are unweighted, so by default the weights are
    removed. ``weighted=True`` keeps them.
    """
    G = nx.Graph(nx.karate_club_graph())
    if not weighted:
        for _, _, data in G.edges(data=True):
            data.pop("weight", None)
    return G


def borgatti_holes(*, weighted: bool = False) -> nx.Graph:
    """Borgatti's ego network of G [5]_, the example networkx tests its
    structural-hole measures on: nodes A-G, ten ties, G at the centre.

    ``weighted=True`` adds :data:`BORGATTI_WEIGHTS` as ``weight``.
    """
    G = nx.Graph()
    G.add_edges_from(BORGATTI_WEIGHTS)
    if weighted:
        nx.set_edge_attributes(G, BORGATTI_WEIGHTS, "weight")
    return G


def barbell(clique: int = 4, path: int = 1) -> nx.Graph:
    """Two complete graphs of ``clique`` nodes joined by a path of ``path``
    nodes (networkx's ``barbell_graph``): the textbook case of cut points
    and bridges."""
    return nx.Graph(nx.barbell_graph(clique, path))


def storage_variants(frozen: nx.Graph) -> dict[str, nx.Graph]:
    """One graph three ways: frozen, unfrozen, and with integer ids.

    The conversions in ``netanalysis.graphs`` are cached per frozen graph and
    index nodes by position, so each variant must give the same answer.
    """
    return {
        "frozen": frozen,
        "unfrozen": nx.Graph(frozen),
        "integer ids": nx.relabel_nodes(frozen, {v: i for i, v in enumerate(frozen)}),
    }
