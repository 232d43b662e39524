"""Fast versions of the analysis steps that networkx makes slow on large networks.

Each function here has the signature and the results of its plain
counterpart in :mod:`netanalysis.metrics`, :mod:`netanalysis.brokers` or
:mod:`netanalysis.gaps` (or of the networkx function named in its
docstring), so it can replace it without changing a page:

* :func:`betweenness`: the same exact or pivot-sampled values as
  ``nx.betweenness_centrality`` (the same seeded pivots, so equal to 1e-9);
  :func:`betweenness_plan` says which, and how many pivots, for a size;
* :func:`closeness`: equal to ``nx.closeness_centrality`` up to
  ``exact_limit`` stakeholders, estimated from seeded pivots above it
  (Eppstein and Wang), with a documented error bound;
* :func:`pagerank`: networkx's own power iteration on a cached matrix;
* :func:`constraint` and :func:`effective_size`: Burt's measures with
  sparse matrix products, equal to ``nx.constraint`` and
  ``nx.effective_size(G, nodes=list(G))`` but linear in the two-step paths
  instead of quadratic in the stakeholders (networkx's own matrix path for
  ``effective_size`` builds a dense n x n array and runs out of memory at
  100,000 stakeholders);
* :func:`cut_points` and :func:`bridges`: equal sets to networkx's;
* :func:`communities`: Louvain communities in the format of
  :func:`netanalysis.gaps.communities`;
* :func:`routes_through`: the stakeholders every route to the municipality
  runs through (what :func:`netanalysis.gaps.isolated_initiatives` reports
  as ``via``), from igraph's biconnected components;
* :func:`block_cut_pieces`: what each cut point and bridge cuts off
  (formerly ``brokers._block_cut_pieces``), from the same components;
* :func:`group_tie_counts`: ties within and between groups counted with
  numpy (behind ``gaps.mixing_matrix`` and the E-I counts).

Every function takes ``backend``: ``"igraph"`` uses python-igraph's C code,
``"numpy"`` uses only numpy, scipy and networkx, and ``"auto"`` (the
default) uses igraph when it can be imported. Both backends give the same
results, except Louvain, whose partition depends on the implementation's
visiting order (see :func:`communities`).

Conversions of a graph to index arrays, a sparse matrix or an igraph graph
are cached for frozen graphs (``StakeholderNetwork.to_graph()`` returns
one), so the steps of one analysis convert once. A frozen graph cannot
change, so the cache cannot go stale; it holds the graph weakly.

Self-loops are ignored everywhere: stakeholder networks have none
(``StakeholderNetwork.from_tables`` refuses them).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from . import graphs
from .graphs import HAS_IGRAPH, BACKENDS
from .graphs import igraph as _igraph
from .graphs import resolve_backend as _resolve_backend
from .graphs import check_graph as _check_graph
from .graphs import edge_index as _edge_index
from .graphs import node_index as _node_index
from .graphs import self_loops as _self_loops
from .graphs import edge_arrays as _edge_arrays
from .graphs import adjacency as _adjacency
from .graphs import igraph_graph as _igraph_graph
from .graphs import python_random as _random

__all__ = [
    "HAS_IGRAPH",
    "BACKENDS",
    "EXACT_BETWEENNESS_LIMIT",
    "BETWEENNESS_PIVOTS",
    "BETWEENNESS_PIVOT_BUDGET",
    "BETWEENNESS_MIN_PIVOTS",
    "EXACT_CLOSENESS_LIMIT",
    "CLOSENESS_PIVOTS",
    "hoeffding_error",
    "betweenness_plan",
    "betweenness_pivots",
    "betweenness",
    "closeness_plan",
    "closeness",
    "pagerank",
    "constraint",
    "effective_size",
    "cut_points",
    "bridges",
    "routes_through",
    "block_cut_pieces",
    "group_tie_counts",
    "communities",
]


# Betweenness schedule (see betweenness_plan), measured on
# synthetic_municipality(n, seed=7) against exact values, 10 pivot seeds each:
# the share of the exact top 20 found in the estimated top 20 depends on the
# pivots per stakeholder, k/n, because a broker's paths mostly start in its
# own neighbourhood. k = 250: 11/20 at 5,000, 6 at 10,000, 5 at 20,000;
# k = 2,000: 17, 16 and 16, with 9 or 10 of the exact top ten, Spearman
# 0.97-0.99. At 100,000 two disjoint draws of 500 or 750 pivots share at
# most 3 of their top 20: no affordable k orders the top there. A pivot
# costs one breadth-first search, more than linear in n (igraph: 0.3 ms at
# 5,000, 0.7 ms at 10,000, 1.7 ms at 20,000, about 10 ms at 50,000, 26 ms
# at 100,000). Tables: benchmarks/README.md, "Sampled measures".

#: Largest graph whose betweenness is exact: 1.6 s in igraph at 5,000
#: stakeholders, about as long as 2,000 pivots take at 10,000.
EXACT_BETWEENNESS_LIMIT = 5000

#: Most pivots (sampled sources) above the exact limit: 1.5 s at 10,000
#: stakeholders, 4 s at 25,000.
BETWEENNESS_PIVOTS = 2000

#: Pivots x stakeholders allowed: above 25,000 stakeholders the pivots drop
#: to ``BETWEENNESS_PIVOT_BUDGET // n`` so the time stays bounded (1,000
#: pivots and 10 s at 50,000; 500 and 13 s at 100,000, where the analysis
#: must finish within 120 s). With a fixed k the time would grow as fast as
#: the cost of one search.
BETWEENNESS_PIVOT_BUDGET = 50_000_000

#: Fewest pivots, reached at 200,000 stakeholders: Hoeffding's bound per
#: stakeholder is 0.086 at 250 (:func:`hoeffding_error`).
BETWEENNESS_MIN_PIVOTS = 250

#: Largest graph whose closeness is exact. Exact closeness costs one
#: breadth-first search per stakeholder, like exact betweenness, but in C
#: (igraph or scipy) 5,000 stakeholders take about a second.
EXACT_CLOSENESS_LIMIT = 5000

#: Pivots (breadth-first searches) per large component for sampled
#: closeness: :func:`hoeffding_error` gives 0.061 of the largest distance at
#: 95% confidence per stakeholder; observed errors are about ten times smaller.
CLOSENESS_PIVOTS = 500

# Sources per block in the numpy betweenness: bounds its memory to about
# 3 arrays of n x 64 float64 (150 MB at 100,000 stakeholders).
_SOURCE_BLOCK = 64

# Distance rows computed at once by the numpy closeness (about 32 MB).
_DISTANCE_CELLS = 4_000_000

# Intermediate entries per block of the sparse two-step products in Burt's
# measures (about 200 MB): bounds memory when a few hubs have thousands of
# contacts, whose two-step paths grow with the square of their degree.
_PRODUCT_ENTRIES = 8_000_000

# -- sampling bounds ------------------------------------------------------------------


def hoeffding_error(k: int, *, confidence: float = 0.95, events: int = 1) -> float:
    r"""The error ``eps`` that a mean of ``k`` samples in [0, 1] exceeds with
    probability at most ``1 - confidence``, for each of ``events`` means at once.

    Hoeffding's inequality [1]_ gives :math:`P(|\hat\mu - \mu| \ge
    \varepsilon) \le 2 e^{-2k\varepsilon^2}`; a union bound over ``events``
    means (e.g. every stakeholder) divides the failure probability among
    them, so

    .. math::

       \varepsilon = \sqrt{\ln(2 \cdot events / (1 - confidence)) / (2k)}.

    Sampling without replacement, as the pivots here are drawn, is at
    least as concentrated [1]_.

    Parameters
    ----------
    k : int
        Number of samples (pivots).
    confidence : float
        Probability that every one of the ``events`` means is within ``eps``.
    events : int
        Number of means bounded together.

    Returns
    -------
    float

    References
    ----------
    .. [1] Hoeffding, W. (1963). Probability inequalities for sums of bounded
       random variables. Journal of the American Statistical Association,
       58(301), 13-30.

    Examples
    --------
    >>> [round(hoeffding_error(k), 3) for k in (250, 500, 2000)]
    [0.086, 0.061, 0.03]
    """
    if k < 1 or not 0 < confidence < 1 or events < 1:
        raise ValueError("need k >= 1, 0 < confidence < 1 and events >= 1")
    return math.sqrt(math.log(2 * events / (1 - confidence)) / (2 * k))


# -- betweenness ------------------------------------------------------------------------


def betweenness_plan(n: int, *, exact_limit: int = EXACT_BETWEENNESS_LIMIT, k: int | None = None) -> tuple[str, int]:
    r"""How :func:`betweenness` treats a graph of ``n`` stakeholders.

    Exact up to ``exact_limit`` stakeholders; above it, ``k`` pivots, by
    default

    .. math::

       k(n) = \max\bigl(k_{\min},\ \min(k_{\max},\ \lfloor B / n \rfloor)\bigr)

    with :math:`k_{\max}` = :data:`BETWEENNESS_PIVOTS` (2,000),
    :math:`B` = :data:`BETWEENNESS_PIVOT_BUDGET` (50 million) and
    :math:`k_{\min}` = :data:`BETWEENNESS_MIN_PIVOTS` (250): 2,000 pivots
    up to 25,000 stakeholders, then fewer so that the time stays bounded
    (1,000 at 50,000, 500 at 100,000, 250 from 200,000). Sampling at least
    every node is exact.

    Parameters
    ----------
    n : int
        Number of stakeholders (nodes).
    exact_limit : int
        Graphs with at most this many nodes are computed exactly.
    k : int or None
        Pivots above ``exact_limit``; ``None`` follows the schedule above.

    Returns
    -------
    (method, sources) : tuple of (str, int)
        ``method`` is ``"exact"`` or ``"sampled"``; ``sources`` is the
        number of source nodes whose shortest paths are counted: ``n`` when
        exact. Interfaces label the values from this, so the label is the
        computation.

    Notes
    -----
    The schedule is measured, not derived: on seeded synthetic
    municipalities the sampled top-20 brokers agree with the exact top 20
    by the share of pivots per stakeholder (see the module's constants).
    Hoeffding's inequality [1]_ as used by Brandes and Pich [2]_ bounds
    each stakeholder's error by ``hoeffding_error(k)`` with probability
    0.95: 0.030 for 2,000 pivots, 0.061 for 500; this guards the values,
    not the order of close ones.

    References
    ----------
    .. [1] Hoeffding, W. (1963). Probability inequalities for sums of bounded
       random variables. Journal of the American Statistical Association,
       58(301), 13-30.
    .. [2] Brandes, U., & Pich, C. (2007). Centrality estimation in large
       networks. International Journal of Bifurcation and Chaos, 17(7),
       2303-2318. doi:10.1142/S0218127407018403

    Examples
    --------
    >>> betweenness_plan(5000), betweenness_plan(5001)
    (('exact', 5000), ('sampled', 2000))
    >>> betweenness_plan(100_000), betweenness_plan(1_000_000)
    (('sampled', 500), ('sampled', 250))
    >>> betweenness_plan(300, exact_limit=100), betweenness_plan(300, exact_limit=100, k=30)
    (('exact', 300), ('sampled', 30))
    """
    if k is None:
        k = max(BETWEENNESS_MIN_PIVOTS, min(BETWEENNESS_PIVOTS, BETWEENNESS_PIVOT_BUDGET // max(n, 1)))
    # k >= 2: a single pivot cannot rescale its own dependency (networkx
    # gives NaN for it).
    if exact_limit < 0 or k < 2:
        raise ValueError("exact_limit must be >= 0 and k >= 2")
    if n <= exact_limit or k >= n:
        return "exact", n
    return "sampled", k


def betweenness_pivots(G, *, exact_limit: int = EXACT_BETWEENNESS_LIMIT, k: int | None = None, seed: int | None = 42) -> list | None:
    """The source nodes :func:`betweenness` samples, or ``None`` when it is exact.

    As many as :func:`betweenness_plan` gives for ``len(G)``, drawn as
    networkx draws them (``random.Random(seed).sample(list(G), k)``), so
    ``nx.betweenness_centrality(G, k=k, seed=seed)`` uses the same pivots.

    Examples
    --------
    >>> betweenness_pivots(nx.path_graph(5)) is None
    True
    >>> betweenness_pivots(nx.path_graph(5), exact_limit=2, k=2)
    [0, 4]
    """
    method, k = betweenness_plan(len(G), exact_limit=exact_limit, k=k)
    if method == "exact":
        return None
    return _random(seed).sample(list(G), k)


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


def betweenness(
    G,
    *,
    exact_limit: int = EXACT_BETWEENNESS_LIMIT,
    k: int | None = None,
    seed: int | None = 42,
    backend: str = "auto",
) -> dict:
    r"""Freeman's betweenness, normalised, exact or from ``k`` seeded pivots:
    a drop-in for :func:`netanalysis.metrics.betweenness`.

    Parameters
    ----------
    G : networkx.Graph
    exact_limit : int
        Graphs with at most this many nodes are computed exactly.
    k : int or None
        Larger graphs are estimated from the dependencies of ``k`` source
        nodes, drawn as networkx draws them (see :func:`betweenness_pivots`);
        ``None``: as many as :func:`betweenness_plan` schedules for the size.
    seed : int or None
        Seed of the draw.
    backend : {"auto", "igraph", "numpy"}

    Returns
    -------
    dict
        ``{node: float}``, equal (to rounding, 1e-12) to
        ``nx.betweenness_centrality(G, normalized=True, weight=None)`` when
        exact, and to the same call with ``k=k, seed=seed`` when sampled;
        paths count hops.

    Notes
    -----
    Brandes' algorithm [1]_ from every source, or from the pivots only, with
    networkx's rescaling: sum the dependencies of the sources and divide by
    :math:`k(n-2)` (:math:`(k-1)(n-2)` for a pivot, which cannot count
    itself). The estimator is that of Brandes and Pich [2]_; its error is
    bounded by Hoeffding's inequality as in Eppstein and Wang [3]_: each
    value is a mean of ``k`` terms in [0, 1] (up to the factor
    :math:`n/(n-1)`), so with probability 0.95 every stakeholder's error is
    below ``hoeffding_error(k, events=n)``, 0.057 for the 2,000 pivots of
    10,000 stakeholders and 0.12 for the 500 of 100,000, and each single
    stakeholder's below ``hoeffding_error(k)``, 0.030 and 0.061. Stakeholder
    networks' largest values are far smaller (about 0.005 at 10,000), so
    the bound does not settle the order of the top brokers; the schedule of
    :func:`betweenness_plan` was measured for that.

    With igraph the searches run in C (``Graph.betweenness`` with
    ``sources=``, which halves undirected counts); without it, in blocks of
    64 sources as sparse matrix products (``_brandes_dependencies``).

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness
       centrality. Journal of Mathematical Sociology, 25(2), 163-177.
    .. [2] Brandes, U., & Pich, C. (2007). Centrality estimation in large
       networks. International Journal of Bifurcation and Chaos, 17(7),
       2303-2318. doi:10.1142/S0218127407018403
    .. [3] Eppstein, D., & Wang, J. (2004). Fast approximation of
       centrality. Journal of Graph Algorithms and Applications, 8(1),
       39-45.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    >>> betweenness(nx.path_graph(3), backend="numpy")
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    _check_graph(G)
    chosen = _resolve_backend(backend)
    pivots = betweenness_pivots(G, exact_limit=exact_limit, k=k, seed=seed)
    nodes = list(G)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    index = {node: i for i, node in enumerate(nodes)}
    sources = np.arange(n) if pivots is None else np.array([index[p] for p in pivots], dtype=np.int64)
    if chosen == "igraph":
        _, graph = _igraph_graph(G)
        if pivots is None:
            halved = graph.betweenness(directed=False)
        else:
            halved = graph.betweenness(directed=False, sources=sources.tolist())
        # igraph counts each unordered pair once; networkx sums the
        # dependencies of every source, which counts it from both ends.
        raw = 2.0 * np.asarray(halved, dtype=np.float64)
    else:
        _, adjacency = _adjacency(G, None)
        raw = _brandes_dependencies(adjacency, sources)
    if pivots is None:
        values = raw / ((n - 1) * (n - 2))
    else:
        scale = np.full(n, 1.0 / (len(sources) * (n - 2)))
        scale[sources] = 1.0 / ((len(sources) - 1) * (n - 2))
        values = raw * scale
    return dict(zip(nodes, values.tolist()))


# -- closeness ----------------------------------------------------------------------


def closeness_plan(n: int, *, exact_limit: int = EXACT_CLOSENESS_LIMIT, k: int = CLOSENESS_PIVOTS) -> tuple[str, int]:
    """How :func:`closeness` treats a graph of ``n`` nodes: ``("exact", n)``
    or ``("sampled", k)`` (pivots per component larger than ``k``).

    Examples
    --------
    >>> closeness_plan(1000), closeness_plan(100_000)
    (('exact', 1000), ('sampled', 500))
    """
    if exact_limit < 0 or k < 1:
        raise ValueError("exact_limit must be >= 0 and k >= 1")
    if n <= exact_limit or k >= n:
        return "exact", n
    return "sampled", k


def _distance_sums(G, sources: np.ndarray, chosen: str) -> np.ndarray:
    """Matrix of hop distances from ``sources`` summed over the sources, per node
    (unreachable pairs count 0), computed a block of sources at a time."""
    nodes, adjacency = _adjacency(G, None)
    n = len(nodes)
    total = np.zeros(n)
    block = max(1, _DISTANCE_CELLS // max(n, 1))
    for start in range(0, len(sources), block):
        part = sources[start : start + block]
        if chosen == "igraph":
            _, graph = _igraph_graph(G)
            distances = np.array(graph.distances(source=part.tolist()), dtype=np.float64)
        else:
            distances = csgraph.shortest_path(adjacency, directed=False, unweighted=True, indices=part)
        distances[~np.isfinite(distances)] = 0.0
        total += distances.sum(axis=0)
    return total


def closeness(
    G,
    *,
    exact_limit: int = EXACT_CLOSENESS_LIMIT,
    k: int = CLOSENESS_PIVOTS,
    seed: int | None = 42,
    backend: str = "auto",
) -> dict:
    r"""Closeness with Wasserman and Faust's correction, exact or estimated
    from seeded pivots: a drop-in for :func:`netanalysis.metrics.closeness`.

    For a node that reaches :math:`r` others at total distance :math:`s`
    (hops) in a graph of :math:`n` nodes, :math:`C = (r/s)(r/(n-1))`, and 0
    for an isolate, as ``nx.closeness_centrality``.

    Parameters
    ----------
    G : networkx.Graph
    exact_limit : int
        Graphs with at most this many nodes are computed exactly.
    k : int
        Above ``exact_limit``, components with more than ``k`` nodes are
        estimated from ``k`` pivots each; smaller components stay exact.
    seed : int or None
        Seed of the pivot draw.
    backend : {"auto", "igraph", "numpy"}

    Returns
    -------
    dict
        ``{node: float}``; see :func:`closeness_plan` for whether it is exact.

    Notes
    -----
    The estimate follows Eppstein and Wang [2]_: for a node :math:`u` in a
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
    distances, a block of sources at a time.

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). Social Network Analysis:
       Methods and Applications. Cambridge University Press.
    .. [2] Eppstein, D., & Wang, J. (2004). Fast approximation of
       centrality. Journal of Graph Algorithms and Applications, 8(1),
       39-45.

    Examples
    --------
    >>> closeness(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    _check_graph(G)
    chosen = _resolve_backend(backend)
    method, _ = closeness_plan(len(G), exact_limit=exact_limit, k=k)
    nodes, adjacency = _adjacency(G, None)
    n = len(nodes)
    if n < 2:
        return dict.fromkeys(nodes, 0.0)
    _, labels = csgraph.connected_components(adjacency, directed=False)
    sizes = np.bincount(labels)
    reach = (sizes[labels] - 1).astype(np.float64)
    if method == "exact" and chosen == "igraph":
        _, graph = _igraph_graph(G)
        within = np.asarray(graph.closeness(), dtype=np.float64)  # r / s, NaN for isolates
        values = np.where(reach > 0, np.nan_to_num(within) * reach / (n - 1), 0.0)
        return dict(zip(nodes, values.tolist()))
    if method == "exact":
        # Distances are symmetric: the column sums over every source are
        # each node's own total.
        totals = _distance_sums(G, np.arange(n), chosen)
    else:
        totals = np.zeros(n)
        rng = _random(seed)
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


# -- pagerank ------------------------------------------------------------------------


def pagerank(G, *, weight: str | None = "weight", alpha: float = 0.85, max_iter: int = 100, tol: float = 1.0e-6) -> dict:
    """PageRank by networkx's own power iteration on a cached sparse matrix:
    a drop-in for :func:`netanalysis.metrics.pagerank`.

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None
        Edge attribute with the strength; a missing attribute counts 1.
    alpha, max_iter, tol
        As in ``nx.pagerank``.

    Returns
    -------
    dict
        ``{node: float}``, equal (to 1e-12) to ``nx.pagerank(G, alpha=alpha,
        weight=weight)``; empty for an empty graph.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        As networkx, after ``max_iter`` iterations.

    Notes
    -----
    networkx spends most of its time converting the graph to a matrix; here
    that conversion is shared with the other measures of the same frozen
    graph. The iteration is networkx's ``_pagerank_scipy`` without
    personalisation [1]_.

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
    nodes, matrix = _adjacency(G, weight)
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


# -- Burt's structural holes -----------------------------------------------------------


def _masked_product(left: sparse.csr_array, right: sparse.csr_array, mask: sparse.csr_array) -> sparse.csr_array:
    """``(left @ right)`` kept only where ``mask`` has an entry.

    Computed a block of rows at a time, each block holding at most about
    :data:`_PRODUCT_ENTRIES` intermediate entries (row i of the product has
    at most sum over its entries' columns q of right's row length), so a few
    large hubs cannot fill memory at once.
    """
    right_lengths = np.diff(right.indptr)
    work = np.add.reduceat(np.append(right_lengths[left.indices], 0), left.indptr[:-1]) if left.nnz else np.zeros(left.shape[0])
    work = np.where(np.diff(left.indptr) > 0, work, 0)
    boundaries = [0]
    running = 0
    for row, amount in enumerate(work.tolist()):
        if running and running + amount > _PRODUCT_ENTRIES:
            boundaries.append(row)
            running = 0
        running += amount
    boundaries.append(left.shape[0])
    parts = []
    for start, stop in zip(boundaries[:-1], boundaries[1:]):
        if stop > start:
            product = (left[start:stop] @ right).tocsr()
            parts.append(product.multiply(mask[start:stop]).tocsr())
    if not parts:
        return sparse.csr_array(left.shape)
    return sparse.vstack(parts, format="csr")


def _shares(G, weight: str | None) -> tuple[list, sparse.csr_array, sparse.csr_array, np.ndarray]:
    """Nodes, the tie pattern (ones), p_ij = w_ij / sum_k w_ik, and each node's number of contacts."""
    nodes, matrix = _adjacency(G, weight)
    pattern = matrix.copy()
    pattern.data = np.ones_like(pattern.data)
    totals = np.asarray(matrix.sum(axis=1)).ravel()
    inverse = np.zeros_like(totals)
    inverse[totals != 0] = 1.0 / totals[totals != 0]
    shares = (sparse.dia_array((inverse[None, :], 0), shape=matrix.shape) @ matrix).tocsr()
    contacts = np.diff(pattern.indptr).astype(np.float64)
    return nodes, pattern, shares, contacts


def constraint(G, *, weight: str | None = None) -> dict:
    r"""Burt's constraint of every node: a drop-in for ``nx.constraint(G, weight=weight)``.

    .. math::

       c_i = \sum_{j \in N(i)} \Big(p_{ij} + \sum_{q \ne i, j} p_{iq} p_{qj}\Big)^2,

    with :math:`p_{ij}` the share of :math:`i`'s tie strength that goes to
    :math:`j` (mutual weights, so in an undirected graph the edge weight
    over the node's total). NaN for an isolate.

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None
        Edge attribute holding the tie strength; ``None`` counts every tie 1.

    Returns
    -------
    dict
        ``{node: float}``, equal to ``nx.constraint(G, weight=weight)`` to 1e-12.

    Notes
    -----
    The indirect term is the matrix product :math:`P^2` read only on the
    ties, computed a block of rows at a time, so time and memory grow with
    the number of two-step paths, not with :math:`n^2`.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Cambridge: Harvard University Press.
    .. [2] Burt, R. S. (2004). Structural holes and good ideas. American
       Journal of Sociology, 110(2), 349-399.

    Examples
    --------
    >>> {v: round(c, 3) for v, c in constraint(nx.star_graph(2)).items()}
    {0: 0.5, 1: 1.0, 2: 1.0}
    """
    _check_graph(G)
    nodes, pattern, shares, contacts = _shares(G, weight)
    if not nodes:
        return {}
    indirect = _masked_product(shares, shares, pattern)
    local = (shares + indirect).power(2)
    values = np.asarray(local.sum(axis=1)).ravel()
    values[contacts == 0] = math.nan
    return dict(zip(nodes, values.tolist()))


def effective_size(G, *, weight: str | None = None) -> dict:
    r"""Burt's effective size of every node: a drop-in for
    ``nx.effective_size(G, nodes=list(G), weight=weight)``.

    .. math::

       e_i = \sum_{j \in N(i)} \Big(1 - \sum_{q \ne i, j} p_{iq} m_{jq}\Big),

    with :math:`p_{iq}` the share of :math:`i`'s tie strength that goes to
    :math:`q` and :math:`m_{jq}` the strength of :math:`j`'s tie to
    :math:`q` over :math:`j`'s strongest tie. Unweighted this is Borgatti's
    :math:`n - 2t/n` [2]_. NaN for an isolate.

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None
        Edge attribute holding the tie strength; ``None`` counts every tie 1.

    Returns
    -------
    dict
        ``{node: float}``.

    Notes
    -----
    The redundancy :math:`\sum_j \sum_q p_{iq} m_{jq}` is the row sum of
    :math:`P \circ (BM)`, with :math:`B` the tie pattern, so one sparse
    product read only on the ties. networkx 3.6 computes
    ``effective_size(G)`` without ``nodes`` through a dense n x n matrix
    (out of memory at 100,000 nodes), and with weights that path gives
    different values from its own per-node definition; this function
    follows the per-node definition.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Cambridge: Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: Unpacking Burt's
       redundancy measures. Connections, 20(1), 35-38.

    Examples
    --------
    >>> effective_size(nx.star_graph(3))[0], effective_size(nx.complete_graph(3))[0]
    (3.0, 1.0)
    """
    _check_graph(G)
    nodes, pattern, shares, contacts = _shares(G, weight)
    if not nodes:
        return {}
    _, matrix = _adjacency(G, weight)
    strongest = matrix.max(axis=1).toarray().ravel()
    inverse = np.zeros_like(strongest)
    inverse[strongest != 0] = 1.0 / strongest[strongest != 0]
    relative = (sparse.dia_array((inverse[None, :], 0), shape=matrix.shape) @ matrix).tocsr()
    redundancy = np.asarray(shares.multiply(_masked_product(pattern, relative, pattern)).sum(axis=1)).ravel()
    values = contacts - redundancy
    values[contacts == 0] = math.nan
    return dict(zip(nodes, values.tolist()))


# -- cut points and bridges ------------------------------------------------------------


def cut_points(G, *, backend: str = "auto") -> list:
    """Articulation points: nodes whose removal splits their component.

    Returns
    -------
    list
        The same set as ``nx.articulation_points(G)``, in graph order.

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient
       algorithms for graph manipulation. Communications of the ACM, 16(6),
       372-378.

    Examples
    --------
    >>> cut_points(nx.path_graph(["a", "b", "c"]))
    ['b']
    """
    _check_graph(G)
    if _resolve_backend(backend) == "igraph":
        nodes, graph = _igraph_graph(G)
        return [nodes[i] for i in sorted(graph.articulation_points())]
    found = set(nx.articulation_points(G))
    return [node for node in G if node in found]


def bridges(G, *, backend: str = "auto") -> list[tuple[Hashable, Hashable]]:
    """Bridges: ties whose removal splits their component.

    Returns
    -------
    list of (u, v)
        The same ties as ``nx.bridges(G)``, each as it appears in
        ``G.edges()`` and in that order.

    References
    ----------
    .. [1] Tarjan, R. E. (1974). A note on finding the bridges of a graph.
       Information Processing Letters, 2(6), 160-161.

    Examples
    --------
    >>> bridges(nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]))
    [('c', 'd')]
    """
    _check_graph(G)
    if _resolve_backend(backend) == "igraph":
        nodes, rows, cols, _ = _edge_arrays(G, None)
        _, graph = _igraph_graph(G)
        # igraph's edge ids follow the order its edge list was given in.
        return [(nodes[rows[e]], nodes[cols[e]]) for e in sorted(graph.bridges())]
    found = {frozenset(edge) for edge in nx.bridges(G)}
    return [(u, v) for u, v in G.edges() if frozenset((u, v)) in found]


# -- routes to the municipality and ties between groups ------------------------------------


def routes_through(G, sources, targets, *, backend: str = "auto") -> dict:
    """For every target, the nodes that every route from it to any source runs through.

    What :func:`netanalysis.gaps.isolated_initiatives` reports as ``via``
    (sources are the civil servants, targets the initiatives): join every
    source to one extra node ``M``; a node ``x`` lies on every route from
    ``t`` to any source exactly when ``x`` is a cut vertex on the path from
    ``t`` to ``M`` in the block-cut tree of the biconnected components
    [1]_ [2]_.

    Parameters
    ----------
    G : networkx.Graph
    sources : iterable of nodes
    targets : iterable of nodes
    backend : {"auto", "igraph", "numpy"}
        Where the biconnected components come from: igraph's C code, or
        networkx on an integer copy of the graph.

    Returns
    -------
    dict
        ``{target: [node, ...]}``, nearest to the target first, the target
        itself never included; ``[]`` for a target no source reaches.

    Notes
    -----
    The whole graph is searched, also the pieces no source reaches: they
    are components of their own once ``M`` is added, so they change no
    other piece's tree, and the graph's cached conversions are reused
    instead of a subgraph being converted. The tree is walked with scipy's
    breadth-first search from ``M``.

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient
       algorithms for graph manipulation. Communications of the ACM, 16(6),
       372-378.
    .. [2] Harary, F. (1969). Graph Theory, chapter 3 (block-cutpoint
       trees). Reading, MA: Addison-Wesley.

    Examples
    --------
    >>> G = nx.Graph([("cs", "x"), ("x", "i1"), ("cs", "i2"), ("i2", "y"), ("y", "cs")])
    >>> routes_through(G, ["cs"], ["i1", "i2"])
    {'i1': ['x', 'cs'], 'i2': ['cs']}
    """
    _check_graph(G)
    chosen = _resolve_backend(backend)
    nodes, rows, cols = _edge_index(G)
    index = _node_index(G)
    targets = list(targets)
    source_ids = np.unique(np.fromiter((index[s] for s in sources), dtype=np.int64))
    if not len(source_ids):
        return {t: [] for t in targets}
    hub = len(nodes)
    first = np.concatenate([rows, np.full(len(source_ids), hub, dtype=np.int64)])
    second = np.concatenate([cols, source_ids])
    if chosen == "igraph":
        graph = _igraph_graph(G)[1].copy()
        graph.add_vertices(1)
        graph.add_edges(np.column_stack([np.full(len(source_ids), hub), source_ids]))
        # The raw call returns each block as the edges of a spanning tree;
        # Graph.biconnected_components would turn them into Python sets.
        trees, cut_list = _igraph.GraphBase.biconnected_components(graph, True)
        sizes = np.fromiter(map(len, trees), dtype=np.int64, count=len(trees))
        edges = np.fromiter(itertools.chain.from_iterable(trees), dtype=np.int64, count=int(sizes.sum()))
        block = np.repeat(np.arange(len(trees), dtype=np.int64), sizes)
        block = np.concatenate([block, block])
        member = np.concatenate([first[edges], second[edges]])
    else:
        H = nx.Graph()
        H.add_nodes_from(range(hub + 1))
        H.add_edges_from(zip(first.tolist(), second.tolist()))
        found = [list(members) for members in nx.biconnected_components(H)]
        sizes = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        block = np.repeat(np.arange(len(found), dtype=np.int64), sizes)
        member = np.fromiter(itertools.chain.from_iterable(found), dtype=np.int64, count=int(sizes.sum()))
        cut_list = list(nx.articulation_points(H))
    blocks = len(sizes)
    is_cut = np.zeros(hub + 1, dtype=bool)
    is_cut[np.asarray(cut_list, dtype=np.int64)] = True
    # Tree nodes: block b is b, cut vertex v is blocks + v; an edge joins a
    # block to each cut vertex in it. A vertex that is no cut vertex lies in
    # exactly one block (none when it has no relations).
    inside = is_cut[member]
    tree = sparse.coo_array(
        (np.ones(int(inside.sum())), (block[inside], blocks + member[inside])), shape=(blocks + hub + 1,) * 2
    ).tocsr()
    tree_node = np.full(hub + 1, -1, dtype=np.int64)
    tree_node[member[~inside]] = block[~inside]
    tree_node[is_cut] = blocks + np.flatnonzero(is_cut)
    _, parent = csgraph.breadth_first_order(tree, int(tree_node[hub]), directed=False, return_predecessors=True)
    parent = parent.tolist()
    top = blocks + hub
    result = {}
    for target in targets:
        start = int(tree_node[index[target]])
        chain = []
        if start >= 0 and parent[start] >= 0:  # reached from M (the root has no parent)
            step = parent[start]
            while step >= 0:
                if step >= blocks and step != top:
                    chain.append(nodes[step - blocks])
                step = parent[step]
        result[target] = chain
    return result


def _blocks(G, chosen: str) -> list[list[int]]:
    """Biconnected components of ``G`` as lists of node indices (isolates in none)."""
    nodes, rows, cols = _edge_index(G)
    if chosen == "igraph":
        return [list(block) for block in _igraph_graph(G)[1].biconnected_components()]
    H = nx.Graph()
    H.add_nodes_from(range(len(nodes)))
    H.add_edges_from(zip(rows.tolist(), cols.tolist()))
    return [list(block) for block in nx.biconnected_components(H)]


def block_cut_pieces(G, *, backend: str = "auto") -> tuple[dict, dict]:
    """Sizes of the pieces each cut point and each bridge leaves behind.

    What :func:`~netanalysis.brokers.cut_point_sizes` and
    :func:`~netanalysis.brokers.bridge_sizes` build on: the block-cut
    tree of every component [1]_, with subtree sizes counted bottom-up, from
    igraph's biconnected components (or networkx's on an integer copy).

    Returns
    -------
    (cut_pieces, bridge_sides)
        ``{cut point: [piece sizes]}`` (the sizes of the pieces its removal
        leaves, in no particular order) and ``{(u, v): (side of u, side of
        v)}`` for every bridge (orientation as found; read it through
        ``bridge_sizes``).

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient
       algorithms for graph manipulation. Communications of the ACM, 16(6),
       372-378.

    Examples
    --------
    >>> pieces, sides = block_cut_pieces(nx.path_graph(["a", "b", "c", "d"]))
    >>> {v: sorted(p) for v, p in sorted(pieces.items())}
    {'b': [1, 2], 'c': [1, 2]}
    >>> sorted(tuple(sorted(zip(pair, side))) for pair, side in sides.items())
    [(('a', 1), ('b', 3)), (('b', 2), ('c', 2)), (('c', 3), ('d', 1))]
    """
    _check_graph(G)
    chosen = _resolve_backend(backend)
    nodes, adjacency = _adjacency(G, None)
    blocks = _blocks(G, chosen)
    _, labels = csgraph.connected_components(adjacency, directed=False) if len(nodes) else (0, np.zeros(0, int))
    component_size = np.bincount(labels)[labels] if len(nodes) else np.zeros(0, int)
    owners: dict[int, list[int]] = {}
    for number, members in enumerate(blocks):
        for v in members:
            owners.setdefault(v, []).append(number)
    cuts = {v for v, numbers in owners.items() if len(numbers) > 1}
    cuts_in_block = [[v for v in members if v in cuts] for members in blocks]
    # Tree nodes: block b as b >= 0, cut vertex v as -(v + 1).
    own_size = [len(members) - len(inside) for members, inside in zip(blocks, cuts_in_block)]
    parent: dict[int, int | None] = {}
    order: list[int] = []
    roots = [-(v + 1) for v in sorted(cuts)] + [b for b, inside in enumerate(cuts_in_block) if not inside]
    for root in roots:
        if root in parent:
            continue
        parent[root] = None
        stack = [root]
        while stack:
            current = stack.pop()
            order.append(current)
            following = (-(v + 1) for v in cuts_in_block[current]) if current >= 0 else owners[-current - 1]
            for nxt in following:
                if nxt not in parent:
                    parent[nxt] = current
                    stack.append(nxt)
    subtree: dict[int, int] = {}
    children: dict[int, list[int]] = {}
    for tree_node in reversed(order):
        subtree[tree_node] = subtree.get(tree_node, 0) + (own_size[tree_node] if tree_node >= 0 else 1)
        above = parent[tree_node]
        if above is not None:
            subtree[above] = subtree.get(above, 0) + subtree[tree_node]
            children.setdefault(above, []).append(tree_node)
    cut_pieces = {}
    for v in cuts:
        tree_node = -(v + 1)
        pieces = [subtree[child] for child in children.get(tree_node, [])]
        if parent[tree_node] is not None:
            pieces.append(int(component_size[v]) - subtree[tree_node])
        cut_pieces[nodes[v]] = pieces
    bridge_sides = {}
    for number, members in enumerate(blocks):
        if len(members) != 2:
            continue
        u, v = members
        above = parent[number]
        if above is None:  # a pair on its own
            sides = {u: 1, v: 1}
        else:
            top = -above - 1
            low = v if top == u else u
            sides = {low: subtree[number], top: int(component_size[u]) - subtree[number]}
        bridge_sides[(nodes[u], nodes[v])] = (sides[u], sides[v])
    return cut_pieces, bridge_sides


def group_tie_counts(G, groups, order) -> np.ndarray:
    """Ties within and between groups, counted from the edge arrays.

    The counting behind :func:`netanalysis.gaps.mixing_matrix` and the E-I
    index, without a Python loop over the edges.

    Parameters
    ----------
    G : networkx.Graph
    groups : mapping
        ``{node: group}`` for every node of ``G``.
    order : sequence
        The groups, in the order of the matrix's rows and columns.

    Returns
    -------
    numpy.ndarray
        Symmetric ``len(order) x len(order)`` int64 matrix: the diagonal
        holds the ties inside a group (each once), ``[a, b]`` the ties
        between groups ``order[a]`` and ``order[b]``. Self-loops are not
        counted.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> group_tie_counts(G, {"a": "N", "b": "N", "c": "Z", "d": "Z"}, ["N", "Z"]).tolist()
    [[1, 1], [1, 1]]
    """
    nodes, rows, cols = _edge_index(G)
    position = {group: i for i, group in enumerate(order)}
    code = np.fromiter((position[groups[v]] for v in nodes), dtype=np.int64, count=len(nodes))
    size = len(order)
    counts = np.bincount(code[rows] * size + code[cols], minlength=size * size).reshape(size, size)
    return counts + counts.T - np.diag(np.diag(counts))


# -- communities ------------------------------------------------------------------------


def _name_key(G, node: Hashable) -> tuple[str, str]:
    # As netanalysis.gaps orders communities: by name, then id.
    name = G.nodes[node].get("name")
    return (str(name) if name not in (None, "") else str(node), str(node))


def communities(
    G,
    *,
    resolution: float = 1.0,
    seed: int = 42,
    weight: str | None = "weight",
    backend: str = "auto",
) -> dict:
    """Louvain communities, seeded, in the format of :func:`netanalysis.gaps.communities`.

    Parameters
    ----------
    G : networkx.Graph
    resolution : float
        Louvain's resolution.
    seed : int
        Seed of the visiting order; equal seeds give equal results.
    weight : str or None
        Edge attribute used as tie weight; ``None`` counts every tie 1.
    backend : {"auto", "igraph", "numpy"}
        ``"igraph"`` runs igraph's ``community_multilevel`` (C); ``"numpy"``
        runs ``nx.community.louvain_communities``, exactly as
        :func:`netanalysis.gaps.communities` does.

    Returns
    -------
    dict
        ``membership`` ``{node: community}``, numbered by size (largest 0,
        equal sizes by their first member's name) and ``modularity`` of
        that partition with the same weight and resolution (NaN without
        ties), equal to ``nx.community.modularity``.

    Notes
    -----
    Both backends implement Louvain [1]_, but visit nodes in different
    random orders, so on the same graph they can end in different local
    optima of modularity [2]_. On the reference networks and the synthetic
    municipalities of the tests igraph's partition has a modularity within
    0.02 of networkx's, and both recover planted communities. igraph draws
    from a process-wide random generator; it is seeded for the call under a
    lock and restored to Python's ``random`` module afterwards.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E.
       (2008). Fast unfolding of communities in large networks. Journal of
       Statistical Mechanics: Theory and Experiment, 2008(10), P10008.
    .. [2] Newman, M. E. J. (2006). Modularity and community structure in
       networks. PNAS, 103(23), 8577-8582.

    Examples
    --------
    >>> result = communities(nx.barbell_graph(4, 0))
    >>> sorted(result["membership"].items())
    [(0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (5, 1), (6, 1), (7, 1)]
    >>> round(result["modularity"], 4)
    0.4231
    """
    chosen = _resolve_backend(backend)
    if len(G) == 0:
        return {"membership": {}, "modularity": math.nan}
    if chosen == "numpy" or G.is_directed() or G.is_multigraph():
        found = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
        groups = [list(group) for group in found]
    else:
        nodes, graph = _igraph_graph(G, weight)
        with graphs.seeded_igraph(seed):
            clustering = graph.community_multilevel(weights="weight" if weight is not None else None, resolution=resolution)
        groups = [[nodes[i] for i in members] for members in clustering]
    ordered = sorted(groups, key=lambda group: (-len(group), min(_name_key(G, v) for v in group)))
    membership = {node: number for number, group in enumerate(ordered) for node in group}
    if G.number_of_edges() == 0:
        modularity = math.nan
    elif chosen == "igraph" and not (G.is_directed() or G.is_multigraph()):
        nodes, graph = _igraph_graph(G, weight)
        modularity = float(
            graph.modularity([membership[v] for v in nodes], weights="weight" if weight is not None else None, resolution=resolution)
        )
    else:
        modularity = float(nx.community.modularity(G, ordered, weight=weight, resolution=resolution))
    return {"membership": membership, "modularity": modularity}

