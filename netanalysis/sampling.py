"""Exact or sampled: how the path-based measures choose, and how good an estimate is.

Betweenness and closeness cost one breadth-first search per stakeholder.
Up to :data:`EXACT_BETWEENNESS_LIMIT` (and :data:`EXACT_CLOSENESS_LIMIT`)
stakeholders they are exact; above, betweenness is estimated by KADABRA
with the guarantee :data:`KADABRA_ERROR` when NetworKit is installed
(:func:`betweenness_method`), and otherwise, like closeness, from seeded
source nodes ("pivots"), as many as :func:`betweenness_plan` and
:func:`closeness_plan` schedule for the size. :func:`hoeffding_error`
bounds the error of such an estimate; :func:`betweenness_pivots` draws the
pivots exactly as networkx does, so the estimate equals networkx's with
the same seed. The measures themselves live in
:mod:`netanalysis.centrality`; interfaces label values from the plans
(``centrality_table(...).attrs``), so the label is the computation.
"""

from __future__ import annotations

import math

from .graphs import python_random

__all__ = [
    "EXACT_BETWEENNESS_LIMIT",
    "BETWEENNESS_PIVOTS",
    "BETWEENNESS_PIVOT_BUDGET",
    "BETWEENNESS_MIN_PIVOTS",
    "KADABRA_ERROR",
    "KADABRA_DELTA",
    "ESTIMATORS",
    "KADABRA_THREADS",
    "KADABRA_MEASURED_TOP20",
    "KADABRA_TRUSTED_TOP20",
    "kadabra_measured_agreement",
    "betweenness_method",
    "kadabra_error",
    "EXACT_CLOSENESS_LIMIT",
    "CLOSENESS_PIVOTS",
    "hoeffding_error",
    "betweenness_plan",
    "betweenness_pivots",
    "closeness_plan",
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

#: Additive error KADABRA guarantees for every stakeholder's betweenness
#: at once, in networkx's normalisation (NetworKit's own scale is twice
#: this; see :func:`kadabra_error`). Chosen by measurement against exact
#: values (benchmarks/README.md, "Ranking quality").
KADABRA_ERROR = 0.001

#: Probability that the guarantee fails: it holds with 1 - delta = 90%.
KADABRA_DELTA = 0.1

#: Threads KADABRA runs on, always: NetworKit's deterministic mode gives the
#: same values for the same seed and thread count, but not across thread
#: counts, so the count is fixed for the same data to give the same brokers
#: on every machine.
KADABRA_THREADS = 1

#: Measured agreement shown beside the guarantee, per network size: how many
#: of the exact top 20 brokers KADABRA with :data:`KADABRA_ERROR` put in its
#: top 20 on ``synthetic_municipality(n, seed=7)`` (fixtures in
#: benchmarks/fixtures/). 10,000: 19 for each of the seeds 42, 1 and 2, in
#: 6-7 CPU seconds; ranks 20 and 21 differ by 8e-6 there. 50,000: 16 for
#: seed 42 (17 for seeds 1 and 2, the exact top ten always in), in 21-34 s;
#: ranks 20 and 21 differ by 0.3%. 100,000: 13 (seed
#: 42; 14 on two threads), in 129 CPU seconds, of which about 95 are a fixed
#: cost (NetworKit's diameter bound); the values of ranks 15-25 lie within
#: 8% of each other, so separating them needs about 1% relative precision,
#: some 10 million sampled paths (about 35 CPU minutes), near the cost of
#: the exact values (benchmarks/README.md, "Ranking quality").
KADABRA_MEASURED_TOP20: dict[int, int] = {10_000: 19, 50_000: 16, 100_000: 13}

#: Below this measured agreement the page says the order of the top is
#: uncertain and points to the exact values.
KADABRA_TRUSTED_TOP20 = 18

#: Accepted values of ``estimator``: ``"auto"`` is KADABRA when NetworKit is
#: installed (:data:`netanalysis.graphs.HAS_NETWORKIT`), else uniform pivots.
ESTIMATORS: tuple[str, ...] = ("auto", "kadabra", "pivots")

#: Largest graph whose closeness is exact. Exact closeness costs one
#: breadth-first search per stakeholder, like exact betweenness, but in C
#: (igraph or scipy) 5,000 stakeholders take about a second.
EXACT_CLOSENESS_LIMIT = 5000

#: Pivots (breadth-first searches) per large component for sampled
#: closeness: :func:`hoeffding_error` gives 0.061 of the largest distance at
#: 95% confidence per stakeholder; observed errors are about ten times smaller.
CLOSENESS_PIVOTS = 500

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


# -- plans ------------------------------------------------------------------------------


def betweenness_plan(n: int, *, exact_limit: int = EXACT_BETWEENNESS_LIMIT, k: int | None = None) -> tuple[str, int]:
    r"""How :func:`netanalysis.centrality.betweenness` treats a graph of ``n`` stakeholders.

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


def betweenness_method(n: int, *, exact_limit: int = EXACT_BETWEENNESS_LIMIT, k: int | None = None,
                       estimator: str = "auto") -> str:
    """Which computation :func:`netanalysis.paths.betweenness` runs on ``n`` stakeholders.

    Returns
    -------
    str
        ``"exact"`` (Brandes, every source), ``"kadabra"`` (the adaptive
        sampling of Borassi and Natale, with an error guarantee for every
        stakeholder at once; NetworKit) or ``"sampled"`` (uniform pivots,
        :func:`betweenness_plan`: the estimator without NetworKit, or when
        ``k`` is given).

    Examples
    --------
    >>> betweenness_method(5000), betweenness_method(5001, estimator="kadabra")
    ('exact', 'kadabra')
    >>> betweenness_method(5001, k=500), betweenness_method(5001, estimator="pivots")
    ('sampled', 'sampled')
    """
    from .graphs import HAS_NETWORKIT

    if estimator not in ESTIMATORS:
        raise ValueError(f"estimator must be one of {ESTIMATORS}, not {estimator!r}")
    if estimator == "kadabra" and not HAS_NETWORKIT:
        raise ImportError("estimator='kadabra' needs NetworKit (pip install networkit)")
    method, _ = betweenness_plan(n, exact_limit=exact_limit, k=k)
    if method == "exact":
        return "exact"
    if k is None and (estimator == "kadabra" or (estimator == "auto" and HAS_NETWORKIT)):
        return "kadabra"
    return "sampled"


def kadabra_error(n: int, error: float = KADABRA_ERROR) -> float:
    r"""The additive error to ask NetworKit's KADABRA for, so that the values
    in networkx's normalisation are within ``error``.

    NetworKit divides the dependencies of ordered pairs by the number of
    unordered pairs, :math:`n(n-1)/2`; networkx divides the unordered pairs
    by :math:`(n-1)(n-2)/2`, so networkx's value is NetworKit's times
    :math:`n / (2(n-2))`.

    Examples
    --------
    >>> round(kadabra_error(100_000, 0.0005), 8)
    0.00099998
    """
    return error * 2 * (n - 2) / n


def kadabra_measured_agreement(n: int) -> tuple[int, int]:
    """The measurement nearest to a network of ``n`` stakeholders (by ratio of
    sizes): the measured size and how many of the exact top 20 KADABRA found.

    Examples
    --------
    >>> kadabra_measured_agreement(12_000), kadabra_measured_agreement(80_000)
    ((10000, 19), (100000, 13))
    """
    measured = min(KADABRA_MEASURED_TOP20, key=lambda size: abs(math.log(max(n, 1) / size)))
    return measured, KADABRA_MEASURED_TOP20[measured]


def betweenness_pivots(G, *, exact_limit: int = EXACT_BETWEENNESS_LIMIT, k: int | None = None, seed: int | None = 42) -> list | None:
    """The source nodes :func:`netanalysis.centrality.betweenness` samples, or ``None`` when it is exact.

    As many as :func:`betweenness_plan` gives for ``len(G)``, drawn as
    networkx draws them (``random.Random(seed).sample(list(G), k)``), so
    ``nx.betweenness_centrality(G, k=k, seed=seed)`` uses the same pivots.

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness_pivots(nx.path_graph(5)) is None
    True
    >>> betweenness_pivots(nx.path_graph(5), exact_limit=2, k=2)
    [0, 4]
    """
    method, k = betweenness_plan(len(G), exact_limit=exact_limit, k=k)
    if method == "exact":
        return None
    return python_random(seed).sample(list(G), k)


def closeness_plan(n: int, *, exact_limit: int = EXACT_CLOSENESS_LIMIT, k: int = CLOSENESS_PIVOTS) -> tuple[str, int]:
    """How :func:`netanalysis.centrality.closeness` treats a graph of ``n`` nodes: ``("exact", n)``
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
