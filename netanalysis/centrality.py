"""Centrality of every stakeholder: who is central, and in what sense.

:func:`centrality_table` gathers six measures in one table; each measure is
also a function of its own. Shortest-path measures (betweenness, closeness)
count hops: a relation's strength says how close two people are, not how
long the way between them is, so it is never used as a distance. Strength
does count where volume matters: weighted degree, eigenvector and PageRank.

Betweenness and closeness (:mod:`netanalysis.paths`) are exact up to 5,000
stakeholders and estimated from seeded source nodes ("pivots") above, as
:mod:`netanalysis.sampling` schedules for the size; the table says which
(``df.attrs``), so the interface can tell the user. The graph's matrices
come from :mod:`netanalysis.graphs`, which keeps them for a frozen graph so
the measures of one analysis convert once.

Every function takes an undirected graph, never changes it, and handles
the empty graph and a single stakeholder.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from concurrent.futures import Future

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse import csgraph
from scipy.sparse.linalg import eigsh

from . import graphs
from .paths import betweenness_alongside, closeness
from .sampling import (
    EXACT_BETWEENNESS_LIMIT,
    KADABRA_DELTA,
    KADABRA_ERROR,
    betweenness_method,
    betweenness_plan,
    closeness_plan,
)

__all__ = [
    "CENTRALITY_COLUMNS",
    "centrality_table",
    "degree",
    "weighted_degree",
    "eigenvector",
    "pagerank",
]

#: Columns of :func:`centrality_table`, in order.
CENTRALITY_COLUMNS = ("degree", "weighted_degree", "betweenness", "closeness", "eigenvector", "pagerank")

# Components up to this size get a dense eigen-decomposition; ARPACK needs
# at least three nodes and is slower than LAPACK on small matrices.
_DENSE_EIGEN_LIMIT = 200


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
    :mod:`netanalysis.graphs` keeps for a frozen graph and the other measures
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
    graphs.check_graph(G)
    nodes, adjacency = graphs.adjacency(G, None)
    counts = np.diff(adjacency.indptr)
    counts[graphs.self_loops(G)] += 2  # the matrix leaves self-loops out
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
    :mod:`netanalysis.graphs` keeps for a frozen graph and eigenvector and
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
    graphs.check_graph(G)
    nodes, adjacency = graphs.adjacency(G, weight)
    values = adjacency.sum(axis=1)
    loops = graphs.self_loops(G)
    if len(loops):
        adj = G._adj
        values[loops] += [2 * float(adj[nodes[i]][nodes[i]].get(weight, 1) if weight is not None else 1) for i in loops.tolist()]
    return dict(zip(nodes, values.tolist()))


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
    graphs.check_graph(G)
    nodes = list(G)
    n = len(nodes)
    values = np.zeros(n)
    if G.number_of_edges():
        # The shared matrix of graphs.adjacency (no self-loops: a self-loop
        # is not a tie to someone else), not a conversion of its own, which
        # walked every relation in Python again.
        _, adjacency = graphs.adjacency(G, weight)
        if (adjacency.data == 0).any():  # a strength of 0 is no tie; never change the shared matrix
            adjacency = adjacency.copy()
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


def pagerank(G, *, weight: str | None = "weight", alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict:
    """PageRank of every stakeholder [1]_ (networkx's, damping 0.85).

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None
        Edge attribute holding the strength (a missing attribute counts 1);
        ``None`` treats every relation alike.
    alpha, max_iter, tol
        Damping factor and stopping rule, as in ``nx.pagerank``.

    Returns
    -------
    dict
        ``{node: float}``, summing to 1, equal (to 1e-12) to
        ``nx.pagerank(G, alpha=alpha, weight=weight)``; empty for an empty
        graph.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        As networkx, after ``max_iter`` iterations.

    Notes
    -----
    networkx spends most of its time converting the graph to a matrix; here
    that conversion is shared with the other measures of the same frozen
    graph. The iteration is networkx's ``_pagerank_scipy`` without
    personalisation.

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
    graphs.check_graph(G)
    nodes, matrix = graphs.adjacency(G, weight)
    n = len(nodes)
    if n == 0:
        return {}
    out_weight = np.asarray(matrix.sum(axis=1)).ravel()
    inverse = np.zeros(n)
    inverse[out_weight != 0] = 1.0 / out_weight[out_weight != 0]
    transition = (sparse.dia_array((inverse[None, :], 0), shape=matrix.shape).tocsr() @ matrix).tocsr()
    x = np.repeat(1.0 / n, n)
    uniform = np.repeat(1.0 / n, n)
    dangling = np.where(out_weight == 0)[0]
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ transition + sum(x[dangling]) * uniform) + (1 - alpha) * uniform
        if np.absolute(x - last).sum() < n * tol:
            return dict(zip(nodes, map(float, x)))
    raise nx.PowerIterationFailedConvergence(max_iter)


def centrality_table(
    G,
    *,
    weight: str | None = "weight",
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    k: int | None = None,
    seed: int | None = 42,
    exact_paths: tuple[dict, dict] | None = None,
    betweenness_values: Mapping | Future | None = None,
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
        See :func:`~netanalysis.paths.betweenness`: exact up to ``exact_limit`` stakeholders,
        ``k`` seeded pivots above (``None``: :func:`~netanalysis.sampling.betweenness_plan`'s
        schedule).
    exact_paths : (betweenness, closeness) or None
        Exact values computed elsewhere (a saved version's background job,
        :func:`netanalysis.paths.exact_path_measures`), used instead of
        computing the two columns; the table is then labelled exact.
    betweenness_values : mapping, Future or None
        :func:`~netanalysis.paths.betweenness` of ``G`` with the same
        ``seed``, computed elsewhere, or a Future of it
        (:func:`~netanalysis.paths.betweenness_alongside`, which
        :func:`netanalysis.analysis.analyse` starts before its other steps).
        ``None`` (default): computed here, a KADABRA estimate on its own
        thread while the other columns are computed.

    Returns
    -------
    pandas.DataFrame
        Indexed by stakeholder id (index name ``"id"``, in graph order),
        with the columns of :data:`CENTRALITY_COLUMNS`: ``degree`` (int),
        ``weighted_degree``, ``betweenness``, ``closeness``,
        ``eigenvector``, ``pagerank`` (floats). ``df.attrs`` holds
        ``betweenness_method`` (``"exact"``, ``"kadabra"`` or ``"sampled"``,
        :func:`~netanalysis.sampling.betweenness_method`) and
        ``betweenness_k`` (source nodes used: the number of stakeholders
        when exact, the pivots when sampled, 0 for KADABRA, which samples
        pairs), and likewise ``closeness_method`` and ``closeness_k``. With
        KADABRA also ``betweenness_error`` and ``betweenness_confidence``:
        every value is within the error of the exact one with that
        probability.

    Raises
    ------
    networkx.NetworkXNotImplemented
        For a directed graph or a multigraph.

    See Also
    --------
    degree, weighted_degree, netanalysis.paths.betweenness, netanalysis.paths.closeness, eigenvector, pagerank

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
    graphs.check_graph(G)
    nodes = list(G)
    if exact_paths is not None and not all(v in exact_paths[0] and v in exact_paths[1] for v in nodes):
        raise ValueError("exact_paths must hold a value for every stakeholder of G")
    if exact_paths is None:
        method = betweenness_method(len(nodes), exact_limit=exact_limit, k=k)
        sources = 0 if method == "kadabra" else betweenness_plan(len(nodes), exact_limit=exact_limit, k=k)[1]
        closeness_method, closeness_k = closeness_plan(len(nodes))
        between = betweenness_values
        if between is None:
            between = betweenness_alongside(G, exact_limit=exact_limit, k=k, seed=seed)
        close = closeness(G, seed=seed)
    else:
        method, sources, closeness_method, closeness_k = "exact", len(nodes), "exact", len(nodes)
        between, close = exact_paths
    # The other columns first: a KADABRA estimate is still running beside them.
    degrees, weighted = degree(G), weighted_degree(G, weight=weight)
    eigen, rank = eigenvector(G, weight=weight), pagerank(G, weight=weight)
    columns = {
        "degree": degrees,
        "weighted_degree": weighted,
        "betweenness": between.result() if isinstance(between, Future) else between,
        "closeness": close,
        "eigenvector": eigen,
        "pagerank": rank,
    }
    index = pd.Index(nodes, name="id")
    table = pd.DataFrame(
        {name: pd.Series([values[v] for v in nodes], index=index, dtype=("int64" if name == "degree" else "float64"))
         for name, values in columns.items()},
        index=index,
    )
    table.attrs = {"betweenness_method": method, "betweenness_k": sources,
                   "closeness_method": closeness_method, "closeness_k": closeness_k}
    if method == "kadabra":
        table.attrs.update(betweenness_error=KADABRA_ERROR, betweenness_confidence=1 - KADABRA_DELTA)
    return table
