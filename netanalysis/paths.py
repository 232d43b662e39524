"""Betweenness and closeness: the centralities measured on shortest paths.

Both count hops (a relation's strength is never a distance) and cost one
breadth-first search per stakeholder, so both are exact up to 5,000
stakeholders and estimated above, as :mod:`netanalysis.sampling` decides:
betweenness by KADABRA (NetworKit) with an error guarantee, or from seeded
pivots without NetworKit; closeness from seeded pivots. The searches run in
igraph's C code when it is installed, as sparse matrix products in numpy
and scipy otherwise (``backend``), with the same results (to 1e-12). They
are two of the six columns of :func:`netanalysis.centrality.centrality_table`.
:func:`exact_path_measures` computes both exactly in blocks, for the
background job that keeps exact values with large saved versions.
"""

from __future__ import annotations

import concurrent.futures

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from . import graphs
from .sampling import (
    CLOSENESS_PIVOTS,
    EXACT_BETWEENNESS_LIMIT,
    EXACT_CLOSENESS_LIMIT,
    KADABRA_DELTA,
    KADABRA_ERROR,
    KADABRA_THREADS,
    betweenness_method,
    betweenness_pivots,
    closeness_plan,
    kadabra_error,
)

__all__ = ["betweenness", "betweenness_alongside", "closeness", "exact_path_measures"]

# Sources per block in the numpy betweenness: bounds its memory to about
# 3 arrays of n x 64 float64 (150 MB at 100,000 stakeholders).
_SOURCE_BLOCK = 64

# Node visits per block of exact_path_measures: about 250 searches (a few
# seconds) at 100,000 stakeholders, so progress is reported often.
_EXACT_BLOCK_VISITS = 25_000_000

# Distance rows computed at once by the numpy closeness: bounds its memory
# to about 32 MB of float64 whatever the graph's size.
_DISTANCE_CELLS = 4_000_000


def betweenness(
    G,
    *,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    k: int | None = None,
    seed: int | None = 42,
    backend: str = "auto",
    estimator: str = "auto",
    error: float = KADABRA_ERROR,
) -> dict:
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
        Larger graphs are estimated by KADABRA [6]_ when NetworKit is
        installed and ``k`` is ``None`` (``estimator``); otherwise from
        ``k`` source nodes drawn without replacement as networkx draws them
        (:func:`~netanalysis.sampling.betweenness_pivots`), their
        dependencies extrapolated to all sources [3]_; ``None`` (the
        default) takes as many as
        :func:`~netanalysis.sampling.betweenness_plan` schedules for the size.
    seed : int or None
        Seed of the draw, so the same graph gives the same estimate.
    backend : {"auto", "igraph", "numpy"}
        See :func:`netanalysis.graphs.resolve_backend` (exact and pivots).
    estimator : {"auto", "kadabra", "pivots"}
        The estimate above ``exact_limit``
        (:func:`~netanalysis.sampling.betweenness_method`).
    error : float
        KADABRA's guaranteed additive error for every stakeholder at once,
        with probability ``1 - KADABRA_DELTA`` (90%), in this function's
        normalisation.

    Returns
    -------
    dict
        ``{node: float}``, equal (to rounding, 1e-12) to
        ``nx.betweenness_centrality(G, normalized=True, weight=None)`` when
        exact, and to the same call with ``k=k, seed=seed`` when sampled
        with pivots; :func:`~netanalysis.sampling.betweenness_method` says which.

    Notes
    -----
    Brandes' algorithm from every source, or from the pivots only, with
    networkx's rescaling: sum the dependencies of the sources and divide by
    :math:`k(n-2)` (:math:`(k-1)(n-2)` for a pivot, which cannot count
    itself). The estimate is unbiased [3]_. Each sampled source ``s`` adds
    its dependency :math:`\delta_s(v) \in [0, n-2]`, so the normalised
    estimate is (up to the factor :math:`n/(n-1)`) the mean of ``k`` values
    in [0, 1] and Hoeffding's inequality [4]_, as used by Brandes and Pich
    [3]_ after Eppstein and Wang [5]_, bounds its error for every graph:

    .. math::

       P(|\hat b(v) - b(v)| \ge \varepsilon) \le 2 e^{-2 k \varepsilon^2}.

    For the scheduled 2,000 pivots this is at most 0.030 with 95%
    probability (0.061 for the 500 pivots of 100,000 stakeholders), and
    for every stakeholder at once ``hoeffding_error(k, events=n)``, 0.057
    and 0.12. It guards the values, not the ranking a broker list needs: in
    stakeholder networks the largest values are themselves small (about
    0.005 among 10,000), so brokers with close values can swap places.
    Measured on ``synthetic_municipality(n, seed=7)`` with ten pivot seeds,
    2,000 pivots put 16 of the exact top 20 in the estimated top 20 at
    10,000 and 20,000 stakeholders (250 pivots: 6 and 5), and 9 or 10 of
    the exact top ten. Sampling without replacement is at least as
    accurate as this bound [4]_.

    KADABRA [6]_ [7]_ samples shortest paths between random pairs (by a
    balanced bidirectional search, far cheaper than a full search) and
    stops adaptively once every stakeholder's value is within ``error`` of
    the exact one with probability 0.9: the guarantee of Riondato and
    Upfal's pair sampling [8]_, reached with fewer samples. Per search it
    is much more accurate for the few large values a broker list needs
    than pivots, whose error is spread over everybody. NetworKit runs it
    in C++ on ``KADABRA_THREADS`` thread (one) in its deterministic mode:
    the same graph and seed give the same values (NetworKit 11.2's values
    do depend on the thread count, which is therefore fixed).

    With igraph the searches run in C (``Graph.betweenness`` with
    ``sources=``, which halves undirected counts: 40x faster than networkx
    at 1,000 stakeholders); without it, in blocks of 64 sources as sparse
    matrix products (``_brandes_dependencies``).

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
    .. [6] Borassi, M., & Natale, E. (2019). KADABRA is an ADaptive
       Algorithm for Betweenness via Random Approximation. ACM Journal of
       Experimental Algorithmics, 24, 1.2:1-1.2:35. doi:10.1145/3284359
       (ESA 2016).
    .. [7] van der Grinten, A., Angriman, E., & Meyerhenke, H. (2019).
       Parallel adaptive sampling with almost no synchronization. Euro-Par
       2019, LNCS 11725, 434-447. doi:10.1007/978-3-030-29400-7_31
    .. [8] Riondato, M., & Upfal, E. (2018). ABRA: Approximating
       betweenness centrality in static and dynamic graphs with Rademacher
       averages. ACM Transactions on Knowledge Discovery from Data, 12(5),
       61:1-61:38. doi:10.1145/3208351

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    >>> betweenness(nx.path_graph(3), backend="numpy")
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    graphs.check_graph(G)
    chosen = graphs.resolve_backend(backend)
    if betweenness_method(len(G), exact_limit=exact_limit, k=k, estimator=estimator) == "kadabra":
        return _kadabra(G, error=error, seed=seed)
    pivots = betweenness_pivots(G, exact_limit=exact_limit, k=k, seed=seed)
    nodes = list(G)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    sources = np.arange(n) if pivots is None else np.array([index[p] for p in pivots], dtype=np.int64)
    if chosen == "igraph":
        _, graph = graphs.igraph_graph(G)
        if pivots is None:
            halved = graph.betweenness(directed=False)
        else:
            halved = graph.betweenness(directed=False, sources=sources.tolist())
        # igraph counts each unordered pair once; networkx sums the
        # dependencies of every source, which counts it from both ends.
        raw = 2.0 * np.asarray(halved, dtype=np.float64)
    else:
        _, adjacency = graphs.adjacency(G, None)
        raw = _brandes_dependencies(adjacency, sources)
    if pivots is None:
        values = raw / ((n - 1) * (n - 2))
    else:
        scale = np.full(n, 1.0 / (len(sources) * (n - 2)))
        scale[sources] = 1.0 / ((len(sources) - 1) * (n - 2))
        values = raw * scale
    return dict(zip(nodes, values.tolist()))


def betweenness_alongside(
    G,
    *,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    k: int | None = None,
    seed: int | None = 42,
) -> concurrent.futures.Future:
    """:func:`betweenness` as a Future: on a thread of its own when it is
    KADABRA's estimate, so the caller computes other measures meanwhile;
    otherwise computed here, in the caller's thread, and returned done.

    KADABRA runs in NetworKit's C++ without holding Python's lock, so on a
    machine with a second core the rest of an analysis runs beside it (at
    100,000 stakeholders its 40-80 s dominate). The values are the same as
    :func:`betweenness` gives: one NetworKit thread, deterministic. The
    NetworKit graph is built here first, in the caller's thread, so the
    two threads never convert the same graph at once. Exact values and
    pivots hold Python's lock (igraph, numpy loops), so a thread would
    gain nothing for them.

    Parameters
    ----------
    G : networkx.Graph
    exact_limit, k, seed
        As in :func:`betweenness`.

    Returns
    -------
    concurrent.futures.Future
        Its ``result()`` is :func:`betweenness`'s dict.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness_alongside(nx.path_graph(3)).result()
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    graphs.check_graph(G)
    if betweenness_method(len(G), exact_limit=exact_limit, k=k) != "kadabra":
        done: concurrent.futures.Future = concurrent.futures.Future()
        done.set_result(betweenness(G, exact_limit=exact_limit, k=k, seed=seed))
        return done
    graphs.networkit_graph(G)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="kadabra")
    try:
        return pool.submit(betweenness, G, exact_limit=exact_limit, k=k, seed=seed)
    finally:
        # The thread ends when the estimate is done; nothing else is queued.
        pool.shutdown(wait=False)


def _kadabra(G, *, error: float, seed: int | None) -> dict:
    """KADABRA's estimate in networkx's normalisation (see :func:`betweenness`)."""
    import networkit

    nodes, graph = graphs.networkit_graph(G)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    with graphs.seeded_networkit(seed, threads=KADABRA_THREADS):
        estimate = networkit.centrality.KadabraBetweenness(
            graph, err=kadabra_error(n, error), delta=KADABRA_DELTA, deterministic=True,
        )
        estimate.run()
        values = np.asarray(estimate.scores(), dtype=np.float64) * (n / (2.0 * (n - 2)))
    return dict(zip(nodes, values.tolist()))


def _brandes_dependencies(adjacency: sparse.csr_array, sources: np.ndarray) -> np.ndarray:
    r"""Sum over ``sources`` of Brandes' dependencies :math:`\delta_s(v)`, hop counts.

    The breadth-first searches of a block of sources run together as sparse
    matrix products, one per level, as in the algebraic formulation of
    Brandes' algorithm [1]_: path counts flow forward level by level, and
    dependencies flow back.

    References
    ----------
    .. [1] Buluç, A., & Gilbert, J. R. (2011). The Combinatorial BLAS:
       design, implementation, and applications. International Journal of
       High Performance Computing Applications, 25(4), 496-509.
    """
    n = adjacency.shape[0]
    total = np.zeros(n)
    for start in range(0, len(sources), _SOURCE_BLOCK):
        block = sources[start : start + _SOURCE_BLOCK]
        columns = np.arange(len(block))
        depth = np.full((n, len(block)), -1, dtype=np.int32)
        paths = np.zeros((n, len(block)))
        depth[block, columns] = 0
        paths[block, columns] = 1.0
        frontier = paths.copy()
        level = 0
        while True:
            arriving = adjacency @ frontier
            arriving[depth >= 0] = 0.0
            new = arriving > 0
            if not new.any():
                break
            level += 1
            depth[new] = level
            paths[new] = arriving[new]
            frontier = arriving
        dependency = np.zeros_like(paths)
        for d in range(level, 0, -1):
            at_d = depth == d
            # (1 + delta(w)) / sigma(w) for w at depth d, pulled back to each
            # predecessor v at depth d-1 and multiplied by sigma(v).
            share = np.where(at_d, (1.0 + dependency) / np.where(at_d, paths, 1.0), 0.0)
            pulled = adjacency @ share
            dependency += np.where(depth == d - 1, paths * pulled, 0.0)
        dependency[block, columns] = 0.0
        total += dependency.sum(axis=1)
    return total


def closeness(
    G,
    *,
    exact_limit: int = EXACT_CLOSENESS_LIMIT,
    k: int = CLOSENESS_PIVOTS,
    seed: int | None = 42,
    backend: str = "auto",
) -> dict:
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
    exact_limit : int
        Graphs with at most this many stakeholders are computed exactly.
    k : int
        Above ``exact_limit``, components with more than ``k`` stakeholders
        are estimated from ``k`` seeded pivots each; smaller components
        stay exact (:func:`~netanalysis.sampling.closeness_plan`).
    seed : int or None
        Seed of the pivot draw.
    backend : {"auto", "igraph", "numpy"}

    Returns
    -------
    dict
        ``{node: float}``, equal to ``nx.closeness_centrality(G)`` when exact.

    Notes
    -----
    The estimate follows Eppstein and Wang [3]_: for a node :math:`u` in a
    component of :math:`n_c` nodes, :math:`s` is estimated as
    :math:`(n_c/k)\sum_p d(u, p)` over the component's pivots :math:`p`,
    an unbiased estimate; :math:`r = n_c - 1` is exact. The mean distance
    :math:`s/n_c` is a mean of ``k`` distances in :math:`[0, e(u)]`, with
    :math:`e(u)` the eccentricity of :math:`u`, so by Hoeffding's inequality
    its error is below :math:`e(u)` times ``hoeffding_error(k)`` (0.061 for
    ``k = 500``) with probability 0.95 for each node, and below
    ``hoeffding_error(k, events=n)`` times :math:`e(u)` for every node at
    once. Closeness is :math:`r^2/((n-1)s)`, so its relative error is about
    that of the mean distance. Observed errors are far smaller, because
    distances cluster around their mean (see the tests).

    Exact values come from igraph's ``Graph.closeness`` (reachable nodes
    only, then multiplied by :math:`r/(n-1)`) or from scipy's breadth-first
    distances, a block of sources at a time; either costs O(nm) like
    networkx's.

    References
    ----------
    .. [1] Freeman, L. C. (1978). Centrality in social networks: Conceptual
       clarification. Social Networks, 1(3), 215-239.
    .. [2] Wasserman, S., & Faust, K. (1994). Social Network Analysis:
       Methods and Applications. Cambridge University Press.
    .. [3] Eppstein, D., & Wang, J. (2004). Fast approximation of
       centrality. Journal of Graph Algorithms and Applications, 8(1),
       39-45.

    Examples
    --------
    >>> import networkx as nx
    >>> closeness(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    graphs.check_graph(G)
    chosen = graphs.resolve_backend(backend)
    method, _ = closeness_plan(len(G), exact_limit=exact_limit, k=k)
    nodes, adjacency = graphs.adjacency(G, None)
    n = len(nodes)
    if n < 2:
        return dict.fromkeys(nodes, 0.0)
    _, labels = csgraph.connected_components(adjacency, directed=False)
    sizes = np.bincount(labels)
    reach = (sizes[labels] - 1).astype(np.float64)
    if method == "exact" and chosen == "igraph":
        _, graph = graphs.igraph_graph(G)
        within = np.asarray(graph.closeness(), dtype=np.float64)  # r / s, NaN for isolates
        values = np.where(reach > 0, np.nan_to_num(within) * reach / (n - 1), 0.0)
        return dict(zip(nodes, values.tolist()))
    if method == "exact":
        # Distances are symmetric: the column sums over every source are
        # each node's own total.
        totals = _distance_sums(G, np.arange(n), chosen)
    else:
        totals = np.zeros(n)
        rng = graphs.python_random(seed)
        order = np.argsort(labels, kind="stable")
        boundaries = np.flatnonzero(np.diff(labels[order])) + 1
        exact_members = []
        for members in np.split(order, boundaries):
            if len(members) < 2:
                continue
            if len(members) <= k:
                exact_members.append(members)
                continue
            pivots = np.array(sorted(rng.sample(members.tolist(), k)), dtype=np.int64)
            sums = _distance_sums(G, pivots, chosen)
            totals[members] = sums[members] * (len(members) / k)
        if exact_members:
            small = np.concatenate(exact_members)
            totals[small] = _totals_within(adjacency, small)
    with np.errstate(divide="ignore", invalid="ignore"):
        values = np.where(totals > 0, (reach / totals) * (reach / (n - 1)), 0.0)
    return dict(zip(nodes, values.tolist()))


def _distance_sums(G, sources: np.ndarray, chosen: str) -> np.ndarray:
    """Matrix of hop distances from ``sources`` summed over the sources, per node
    (unreachable pairs count 0), computed a block of sources at a time."""
    nodes, adjacency = graphs.adjacency(G, None)
    n = len(nodes)
    total = np.zeros(n)
    block = max(1, _DISTANCE_CELLS // max(n, 1))
    for start in range(0, len(sources), block):
        part = sources[start : start + block]
        if chosen == "igraph":
            _, graph = graphs.igraph_graph(G)
            distances = np.array(graph.distances(source=part.tolist()), dtype=np.float64)
        else:
            distances = csgraph.shortest_path(adjacency, directed=False, unweighted=True, indices=part)
        distances[~np.isfinite(distances)] = 0.0
        total += distances.sum(axis=0)
    return total



def _totals_within(adjacency: sparse.csr_array, members: np.ndarray) -> np.ndarray:
    """Total hop distance from each of ``members`` to everyone it reaches,
    when ``members`` are whole components: searched on their own submatrix,
    so many small pieces cost rows of their own size, not of the whole graph."""
    sub = adjacency[members][:, members]
    totals = np.zeros(len(members))
    block = max(1, _DISTANCE_CELLS // len(members))
    for start in range(0, len(members), block):
        sources = np.arange(start, min(len(members), start + block))
        distances = csgraph.shortest_path(sub, directed=False, unweighted=True, indices=sources)
        distances[~np.isfinite(distances)] = 0.0
        totals[sources] = distances.sum(axis=1)
    return totals


def exact_path_measures(G, *, progress=None, backend: str = "auto") -> tuple[dict, dict] | None:
    r"""Exact betweenness and closeness of every stakeholder, a block of
    breadth-first searches at a time, for a background job.

    The same values as ``betweenness(G, exact_limit=len(G))`` and
    ``closeness(G, exact_limit=len(G))`` (to rounding), computed in blocks
    of sources so that a caller sees progress and can stop: Brandes'
    dependencies [1]_ and the distance sums are both sums over sources.
    At 100,000 stakeholders this is one to two CPU-hours; the dashboard
    runs it for saved versions (:mod:`netanalysis.exact_jobs`).

    Parameters
    ----------
    G : networkx.Graph
    progress : callable, optional
        ``progress(done, total)`` after every block (``total`` is twice the
        number of stakeholders: the betweenness sources, then the closeness
        sources); returning ``False`` stops the computation.
    backend : {"auto", "igraph", "numpy"}

    Returns
    -------
    (betweenness, closeness) : tuple of dict, or None
        ``None`` when ``progress`` asked to stop.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness
       centrality. Journal of Mathematical Sociology, 25(2), 163-177.

    Examples
    --------
    >>> import networkx as nx
    >>> between, close = exact_path_measures(nx.path_graph(3))
    >>> between, close
    ({0: 0.0, 1: 1.0, 2: 0.0}, {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666})
    """
    graphs.check_graph(G)
    chosen = graphs.resolve_backend(backend)
    nodes, adjacency = graphs.adjacency(G, None)
    n = len(nodes)
    if n < 3:
        return betweenness(G, exact_limit=n), closeness(G, exact_limit=n)
    block = max(16, _EXACT_BLOCK_VISITS // n)
    raw = np.zeros(n)
    for start in range(0, n, block):
        sources = np.arange(start, min(n, start + block))
        if chosen == "igraph":
            _, graph = graphs.igraph_graph(G)
            raw += 2.0 * np.asarray(graph.betweenness(directed=False, sources=sources.tolist()), dtype=np.float64)
        else:
            raw += _brandes_dependencies(adjacency, sources)
        if progress is not None and progress(int(sources[-1]) + 1, 2 * n) is False:
            return None
    between = raw / ((n - 1) * (n - 2))
    _, labels = csgraph.connected_components(adjacency, directed=False)
    reach = (np.bincount(labels)[labels] - 1).astype(np.float64)
    totals = np.zeros(n)
    for start in range(0, n, block):
        sources = np.arange(start, min(n, start + block))
        totals += _distance_sums(G, sources, chosen)
        if progress is not None and progress(n + int(sources[-1]) + 1, 2 * n) is False:
            return None
    with np.errstate(divide="ignore", invalid="ignore"):
        close = np.where(totals > 0, (reach / totals) * (reach / (n - 1)), 0.0)
    return dict(zip(nodes, between.tolist())), dict(zip(nodes, close.tolist()))
