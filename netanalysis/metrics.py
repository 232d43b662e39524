"""Centrality of every stakeholder: who is central, and in what sense.

:func:`centrality_table` gathers six measures in one table; each measure is
also a function of its own. Shortest-path measures (betweenness, closeness)
count hops: a relation's strength says how close two people are, not how
long the way between them is, so it is never used as a distance. Strength
does count where volume matters: weighted degree, eigenvector and PageRank.

Betweenness is exact up to :data:`EXACT_BETWEENNESS_LIMIT` stakeholders and
estimated from seeded source nodes ("pivots") above it, as many as
:func:`betweenness_plan` schedules for the size (2,000 up to 25,000
stakeholders, fewer above); the table says which (``df.attrs``), so the
interface can tell the user.

Every function takes an undirected graph, never changes it, and handles
the empty graph and a single stakeholder.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csgraph
from scipy.sparse.linalg import eigsh

from . import fast
from .fast import (
    BETWEENNESS_MIN_PIVOTS,
    BETWEENNESS_PIVOT_BUDGET,
    BETWEENNESS_PIVOTS,
    EXACT_BETWEENNESS_LIMIT,
    betweenness_plan,
)

__all__ = [
    "EXACT_BETWEENNESS_LIMIT",
    "BETWEENNESS_PIVOTS",
    "BETWEENNESS_PIVOT_BUDGET",
    "BETWEENNESS_MIN_PIVOTS",
    "CENTRALITY_COLUMNS",
    "centrality_table",
    "degree",
    "weighted_degree",
    "betweenness",
    "betweenness_plan",
    "closeness",
    "eigenvector",
    "pagerank",
]

#: Columns of :func:`centrality_table`, in order.
CENTRALITY_COLUMNS = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank")

# Distance rows computed at once by :func:`closeness`: bounds its memory to
# about 32 MB of float64 whatever the graph's size.
_DISTANCE_CELLS = 4_000_000

# Components up to this size get a dense eigen-decomposition; ARPACK needs
# at least three nodes and is slower than LAPACK on small matrices.
_DENSE_EIGEN_LIMIT = 200


def _check_graph(G) -> None:
    if G.is_directed():
        raise nx.NetworkXNotImplemented("centrality is defined here for undirected stakeholder graphs")
    if G.is_multigraph():
        raise nx.NetworkXNotImplemented("merge parallel relations first (StakeholderNetwork.to_graph does)")


def degree(G) -> dict:
    """The number of relations of every stakeholder.

    Parameters
    ----------
    G : networkx.Graph

    Returns
    -------
    dict
        ``{node: int}``, equal to ``dict(G.degree())`` (a self-loop counts
        twice, as in networkx).

    Notes
    -----
    Counted from the rows of the graph's adjacency matrix, which
    :mod:`netanalysis.fast` keeps for a frozen graph and the other measures
    reuse, instead of by walking every stakeholder's neighbours.

    References
    ----------
    .. [1] Freeman, L. C. (1978). Centrality in social networks: Conceptual
       clarification. Social Networks, 1(3), 215-239.

    Examples
    --------
    >>> degree(nx.star_graph(3))
    {0: 3, 1: 1, 2: 1, 3: 1}
    """
    _check_graph(G)
    nodes, adjacency = fast._adjacency(G, None)
    counts = np.diff(adjacency.indptr)
    counts[fast._self_loops(G)] += 2  # the matrix leaves self-loops out
    return dict(zip(nodes, counts.tolist()))


def weighted_degree(G, *, weight: str | None = "weight") -> dict:
    """The sum of the strengths of every stakeholder's relations ("strength"
    in Barrat et al. [1]_, node strength in Opsahl et al. [2]_).

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None
        Edge attribute holding the strength; an edge without it counts 1,
        and ``None`` counts every edge 1 (the plain degree).

    Returns
    -------
    dict
        ``{node: float}``, equal to ``G.degree(weight=weight)`` as floats
        (a self-loop counts twice, as in networkx).

    Notes
    -----
    Summed over the rows of the graph's weighted adjacency matrix, which
    :mod:`netanalysis.fast` keeps for a frozen graph and eigenvector and
    PageRank reuse. The sum runs in the matrix's column order, networkx's in
    the order the relations were added: for whole-number strengths (the
    1-5 scale) and halves the results are identical; for other fractions
    they can differ in the last bit of a float.

    References
    ----------
    .. [1] Barrat, A., Barthélemy, M., Pastor-Satorras, R., & Vespignani, A.
       (2004). The architecture of complex weighted networks. PNAS, 101(11),
       3747-3752.
    .. [2] Opsahl, T., Agneessens, F., & Skvoretz, J. (2010). Node centrality
       in weighted networks: Generalizing degree and shortest paths. Social
       Networks, 32(3), 245-251.

    Examples
    --------
    >>> G = nx.Graph([("a", "b", {"weight": 4}), ("a", "c", {"weight": 2})])
    >>> weighted_degree(G)
    {'a': 6.0, 'b': 4.0, 'c': 2.0}
    """
    _check_graph(G)
    nodes, adjacency = fast._adjacency(G, weight)
    values = adjacency.sum(axis=1)
    loops = fast._self_loops(G)
    if len(loops):
        adj = G._adj
        values[loops] += [2 * float(adj[nodes[i]][nodes[i]].get(weight, 1) if weight is not None else 1) for i in loops.tolist()]
    return dict(zip(nodes, values.tolist()))


def betweenness(G, *, exact_limit: int = EXACT_BETWEENNESS_LIMIT, k: int | None = None, seed: int | None = 42) -> dict:
    r"""Freeman's betweenness of every stakeholder, normalised to [0, 1].

    The share of shortest paths between pairs of other stakeholders that
    run through a stakeholder, summed over all pairs and divided by the
    number of pairs, :math:`(n-1)(n-2)/2` (networkx's default
    normalisation). Paths count hops; strengths are ignored.

    Parameters
    ----------
    G : networkx.Graph
    exact_limit : int
        Graphs with at most this many stakeholders are computed exactly
        with Brandes' algorithm [2]_.
    k : int or None
        Larger graphs are estimated from ``k`` source nodes drawn without
        replacement (networkx's ``k``), their dependencies extrapolated to
        all sources [3]_; ``None`` (the default) takes as many as
        :func:`betweenness_plan` schedules for the graph's size.
    seed : int or None
        Seed of the draw, so the same graph gives the same estimate.

    Returns
    -------
    dict
        ``{node: float}``; use :func:`betweenness_plan` to learn whether the
        values are exact.

    Notes
    -----
    The estimate is unbiased [3]_. Each sampled source ``s`` adds its
    dependency :math:`\delta_s(v) \in [0, n-2]`, so the normalised estimate
    is (up to the factor :math:`n/(n-1)`) the mean of ``k`` values in [0, 1]
    and Hoeffding's inequality [4]_, as used by Brandes and Pich [3]_ after
    Eppstein and Wang [5]_, bounds its error for every graph:

    .. math::

       P(|\hat b(v) - b(v)| \ge \varepsilon) \le 2 e^{-2 k \varepsilon^2}.

    For the scheduled 2,000 pivots this is at most 0.030 with 95%
    probability (0.061 for the 500 pivots of 100,000 stakeholders). It
    guards the values, not the ranking a broker list needs: in stakeholder
    networks the largest values are themselves small (about 0.005 among
    10,000), so brokers with close values can swap places. Measured on
    ``synthetic_municipality(n, seed=7)`` with ten pivot seeds, 2,000
    pivots put 16 of the exact top 20 in the estimated top 20 at 10,000
    and 20,000 stakeholders (250 pivots: 6 and 5), and 9 or 10 of the exact
    top ten. Sampling without replacement is at least as accurate as this
    bound [4]_.

    References
    ----------
    .. [1] Freeman, L. C. (1977). A set of measures of centrality based on
       betweenness. Sociometry, 40(1), 35-41.
    .. [2] Brandes, U. (2001). A faster algorithm for betweenness
       centrality. Journal of Mathematical Sociology, 25(2), 163-177.
    .. [3] Brandes, U., & Pich, C. (2007). Centrality estimation in large
       networks. International Journal of Bifurcation and Chaos, 17(7),
       2303-2318. doi:10.1142/S0218127407018403
    .. [4] Hoeffding, W. (1963). Probability inequalities for sums of
       bounded random variables. Journal of the American Statistical
       Association, 58(301), 13-30.
    .. [5] Eppstein, D., & Wang, J. (2004). Fast approximation of
       centrality. Journal of Graph Algorithms and Applications, 8(1),
       39-45.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    _check_graph(G)
    # The same values as nx.betweenness_centrality (same seeded pivots),
    # computed in igraph's C code when installed: 40x faster at 1,000.
    return fast.betweenness(G, exact_limit=exact_limit, k=k, seed=seed)


def closeness(G, *, exact_limit: int | None = None, k: int | None = None, seed: int | None = 42) -> dict:
    r"""Closeness of every stakeholder, with Wasserman and Faust's correction
    for graphs in several pieces (networkx's default).

    For a stakeholder that reaches :math:`r` others at total distance
    :math:`s` (hops) in a graph of :math:`n`:

    .. math::

       C(u) = \frac{r}{s} \cdot \frac{r}{n - 1},

    and 0 for an isolate. The second factor scales down stakeholders in
    small pieces, so values are comparable across pieces [2]_.

    Parameters
    ----------
    G : networkx.Graph

    exact_limit, k, seed
        Exact up to ``exact_limit`` stakeholders (default
        :data:`netanalysis.fast.EXACT_CLOSENESS_LIMIT`), above that estimated
        from ``k`` seeded pivots per piece (Eppstein & Wang); see
        :func:`netanalysis.fast.closeness` for the error bound.

    Returns
    -------
    dict
        ``{node: float}``, equal to ``nx.closeness_centrality(G)`` when exact.

    Notes
    -----
    Computed by :func:`netanalysis.fast.closeness` (igraph when installed,
    scipy breadth-first searches otherwise); the cost of the exact form is
    O(nm) like networkx's.

    References
    ----------
    .. [1] Freeman, L. C. (1978). Centrality in social networks: Conceptual
       clarification. Social Networks, 1(3), 215-239.
    .. [2] Wasserman, S., & Faust, K. (1994). Social Network Analysis:
       Methods and Applications. Cambridge University Press.

    Examples
    --------
    >>> closeness(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    _check_graph(G)
    from . import fast

    limits = {name: value for name, value in (("exact_limit", exact_limit), ("k", k)) if value is not None}
    return fast.closeness(G, seed=seed, **limits)


def _leading_eigenvector(matrix) -> np.ndarray:
    """The Perron vector (unit length, positive) of a connected component's
    symmetric, non-negative adjacency matrix."""
    size = matrix.shape[0]
    if size <= _DENSE_EIGEN_LIMIT:
        _, vectors = np.linalg.eigh(matrix.toarray())
        vector = vectors[:, -1]
    else:
        _, vectors = eigsh(matrix.astype(float), k=1, which="LA", tol=0, v0=np.ones(size))
        vector = vectors[:, 0]
    vector = vector / (np.sign(vector.sum()) * np.linalg.norm(vector))
    # The Perron vector of a connected graph is strictly positive; clipping
    # removes rounding noise of order 1e-17 that would print as -0.0.
    return np.clip(vector, 0.0, None)


def eigenvector(G, *, weight: str | None = "weight") -> dict:
    r"""Eigenvector centrality, defined on graphs in several pieces too.

    A stakeholder is central when tied (strongly) to central stakeholders:
    the entries of the leading eigenvector of the adjacency matrix [1]_.

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None
        Edge attribute holding the strength (an edge without it counts 1);
        ``None`` treats every relation alike.

    Returns
    -------
    dict
        ``{node: float}`` in [0, 1].

    Notes
    -----
    On a connected graph the result equals networkx's
    ``eigenvector_centrality_numpy(G, weight=weight)``: the unit-length
    leading eigenvector. On a disconnected graph networkx's single vector
    concentrates on the piece with the largest eigenvalue and gives every
    other piece zero (or fails to converge when two pieces tie), so here
    each connected piece :math:`c` of :math:`n_c` stakeholders gets its own
    unit-length leading eigenvector, multiplied by :math:`\sqrt{n_c / N}`,
    where :math:`N` counts the stakeholders in pieces of two or more.
    The whole vector then still has unit length, and every piece carries a
    share of it proportional to its size: a pair of stakeholders on their
    own does not outrank the centre of the main network. Isolates get 0
    and do not change anyone else's value.

    References
    ----------
    .. [1] Bonacich, P. (1987). Power and centrality: A family of measures.
       American Journal of Sociology, 92(5), 1170-1182.
    .. [2] Newman, M. E. J. (2010). Networks: An Introduction, section 7.2.
       Oxford University Press.

    Examples
    --------
    >>> G = nx.Graph([(0, 1), (2, 3)])
    >>> G.add_node(4)
    >>> {v: round(x, 6) for v, x in eigenvector(G).items()}
    {0: 0.5, 1: 0.5, 2: 0.5, 3: 0.5, 4: 0.0}
    """
    _check_graph(G)
    nodes = list(G)
    n = len(nodes)
    values = np.zeros(n)
    if G.number_of_edges():
        adjacency = nx.to_scipy_sparse_array(G, nodelist=nodes, weight=weight, format="csr", dtype=float)
        adjacency.setdiag(0)  # a self-loop is not a tie to someone else
        adjacency.eliminate_zeros()
        _, labels = csgraph.connected_components(adjacency, directed=False)
        order = np.argsort(labels, kind="stable")
        boundaries = np.flatnonzero(np.diff(labels[order])) + 1
        pieces = [members for members in np.split(order, boundaries) if len(members) > 1]
        connected = sum(len(members) for members in pieces)
        for members in pieces:
            piece = adjacency[members][:, members]
            values[members] = _leading_eigenvector(piece) * math.sqrt(len(members) / connected)
    return dict(zip(nodes, values.tolist()))


def pagerank(G, *, weight: str | None = "weight", alpha: float = 0.85) -> dict:
    """PageRank of every stakeholder [1]_ (networkx's, damping 0.85).

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None
        Edge attribute holding the strength; ``None`` treats every relation
        alike.
    alpha : float
        Damping factor.

    Returns
    -------
    dict
        ``{node: float}``, summing to 1 (empty for an empty graph).

    References
    ----------
    .. [1] Brin, S., & Page, L. (1998). The anatomy of a large-scale
       hypertextual Web search engine. Computer Networks and ISDN Systems,
       30(1-7), 107-117.

    Examples
    --------
    >>> {v: round(x, 4) for v, x in pagerank(nx.path_graph(3)).items()}
    {0: 0.2568, 1: 0.4865, 2: 0.2568}
    """
    _check_graph(G)
    # networkx's own power iteration, on the matrix shared with the other measures.
    return fast.pagerank(G, alpha=alpha, weight=weight)


def centrality_table(
    G,
    *,
    weight: str | None = "weight",
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    k: int | None = None,
    seed: int | None = 42,
) -> pd.DataFrame:
    """Every centrality of every stakeholder in one table.

    Parameters
    ----------
    G : networkx.Graph
        Undirected stakeholder graph (e.g. ``StakeholderNetwork.to_graph()``).
    weight : str or None
        Edge attribute holding the strength, used by ``weighted_degree``,
        ``eigenvector`` and ``pagerank``; betweenness and closeness always
        count hops.
    exact_limit, k, seed
        See :func:`betweenness`: exact up to ``exact_limit`` stakeholders,
        ``k`` seeded pivots above (``None``: :func:`betweenness_plan`'s
        schedule).

    Returns
    -------
    pandas.DataFrame
        Indexed by stakeholder id (index name ``"id"``, in graph order),
        with the columns of :data:`CENTRALITY_COLUMNS`: ``degree`` (int),
        ``weighted_degree``, ``betweenness``, ``closeness``,
        ``eigenvector``, ``pagerank`` (floats). ``df.attrs`` holds
        ``betweenness_method`` (``"exact"`` or ``"sampled"``) and
        ``betweenness_k`` (source nodes used; the number of stakeholders
        when exact), and likewise ``closeness_method`` and ``closeness_k``.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph.

    See Also
    --------
    degree, weighted_degree, betweenness, closeness, eigenvector, pagerank

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). Social Network Analysis:
       Methods and Applications, chapter 5. Cambridge University Press.
    .. [2] Freeman, L. C. (1978). Centrality in social networks: Conceptual
       clarification. Social Networks, 1(3), 215-239.

    Examples
    --------
    >>> table = centrality_table(nx.path_graph(["a", "b", "c"]))
    >>> table.index.name, list(table.columns[:4])
    ('id', ['degree', 'weighted_degree', 'betweenness', 'closeness'])
    >>> table.loc["b", ["degree", "betweenness", "closeness"]].to_dict()
    {'degree': 2.0, 'betweenness': 1.0, 'closeness': 1.0}
    >>> table.attrs
    {'betweenness_method': 'exact', 'betweenness_k': 3, 'closeness_method': 'exact', 'closeness_k': 3}
    """
    _check_graph(G)
    nodes = list(G)
    method, sources = betweenness_plan(len(nodes), exact_limit=exact_limit, k=k)
    columns = {
        "degree": degree(G),
        "weighted_degree": weighted_degree(G, weight=weight),
        "betweenness": betweenness(G, exact_limit=exact_limit, k=k, seed=seed),
        "closeness": closeness(G, seed=seed),
        "eigenvector": eigenvector(G, weight=weight),
        "pagerank": pagerank(G, weight=weight),
    }
    index = pd.Index(nodes, name="id")
    table = pd.DataFrame(
        {name: pd.Series([values[v] for v in nodes], index=index, dtype=("int64" if name == "degree" else "float64"))
         for name, values in columns.items()},
        index=index,
    )
    from . import fast

    closeness_method, closeness_k = fast.closeness_plan(len(nodes))
    table.attrs = {"betweenness_method": method, "betweenness_k": sources,
                   "closeness_method": closeness_method, "closeness_k": closeness_k}
    return table
