"""Burt's structural holes: constraint, effective size, efficiency, hierarchy.

One public function, :func:`structural_holes`, gives all four measures of
every stakeholder in one table. They share the proportional ties
:math:`p_{ij}` and one blocked sparse two-step product, so each is computed
once; time and memory grow with the number of two-step paths, a block of
rows at a time, not with :math:`n^2` or with the square of a hub's contacts.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse

from .graphs import adjacency

__all__ = ["HOLE_COLUMNS", "structural_holes"]

#: Columns of :func:`structural_holes`.
HOLE_COLUMNS = ("constraint", "effective_size", "efficiency", "hierarchy")

# Intermediate entries per block of the sparse two-step products (about
# 200 MB): bounds memory when a few hubs have thousands of contacts, whose
# two-step paths grow with the square of their degree.
_PRODUCT_ENTRIES = 8_000_000


def structural_holes(G, *, weight: str | None = "weight") -> pd.DataFrame:
    r"""Burt's structural-hole measures of every stakeholder.

    With :math:`z_{ij}` the strength of the tie from :math:`i` to
    :math:`j` (1 when ``weight`` is None or the edge lacks it), the
    proportional tie is :math:`p_{ij} = (z_{ij} + z_{ji}) / \sum_q (z_{iq} +
    z_{qi})` and :math:`m_{jq}` is :math:`j`'s tie to :math:`q` divided by
    :math:`j`'s strongest tie [1]_. For the :math:`N_i` contacts
    :math:`j` of :math:`i`:

    * local constraint :math:`c_{ij} = (p_{ij} + \sum_{q \ne i,j} p_{iq}
      p_{qj})^2` and ``constraint`` :math:`C_i = \sum_j c_{ij}` (low: the
      contacts are not tied to each other, so :math:`i` spans holes);
    * ``effective_size`` :math:`\sum_j (1 - \sum_{q \ne i,j} p_{iq}
      m_{jq})`: the contacts that are not redundant [1]_ [2]_;
    * ``efficiency``: effective size divided by :math:`N_i`;
    * ``hierarchy``: how much of the constraint comes from one contact, the
      Coleman-Theil disorder index [1]_ (p. 71)

      .. math::

         H_i = \frac{\sum_j r_{ij} \ln r_{ij}}{N_i \ln N_i},
         \qquad r_{ij} = \frac{c_{ij}}{C_i / N_i},

      0 when every contact constrains equally, 1 when one contact
      carries all of it.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        A directed tie counts towards both ends' contacts (mutual weight).
    weight : str or None
        Edge attribute holding the strength; ``None`` gives the unweighted
        measures.

    Returns
    -------
    pandas.DataFrame
        Indexed by stakeholder id (``"id"``), with :data:`HOLE_COLUMNS`.
        Isolates get NaN in every column; ``hierarchy`` is NaN with a single
        contact too (:math:`N \ln N = 0`: nothing to be unequal about).

    Notes
    -----
    Equal to networkx's ``constraint`` and ``effective_size`` called with
    ``nodes=list(G)`` (networkx 3.6 gives wrong weighted effective sizes
    without ``nodes=``, and builds a dense :math:`n \times n` array for
    them: out of memory at 100,000 stakeholders). The indirect term of
    the constraint is the product :math:`P^2` read only on the ties, and the
    redundancy of the effective size the row sums of :math:`P \circ (BM)`
    with :math:`B` the tie pattern, each one sparse product computed a block
    of rows at a time, so memory and time grow with the number of two-step
    paths, not with :math:`n^2` or with the square of a hub's contacts. Self-loops
    are ignored; a tie of strength 0 still makes a contact, as in networkx.
    A directed graph, or one with parallel relations, is first read as one
    undirected tie per pair with the summed strength of all its relations,
    which gives the same shares :math:`p_{ij}` and :math:`m_{jq}`.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Cambridge, MA: Harvard University Press.
    .. [2] Borgatti, S. P. (1997). Structural holes: Unpacking Burt's
       redundancy measures. Connections, 20(1), 35-38.
    .. [3] Burt, R. S. (2004). Structural holes and good ideas. American
       Journal of Sociology, 110(2), 349-399.

    Examples
    --------
    >>> holes = structural_holes(nx.star_graph(3))
    >>> holes.loc[0].to_dict()
    {'constraint': 0.3333333333333333, 'effective_size': 3.0, 'efficiency': 1.0, 'hierarchy': 0.0}
    >>> holes.loc[1, "constraint"]
    np.float64(1.0)
    """
    nodes = list(G)
    index = pd.Index(nodes, name="id")
    if not nodes:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in HOLE_COLUMNS}, index=index)
    ties, tie_weight = _one_tie_per_pair(G, weight)
    pattern, shares, contacts = _shares(ties, tie_weight)
    local = _local_constraints(pattern, shares)
    with np.errstate(invalid="ignore"):
        constraint = np.where(contacts > 0, np.asarray(local.sum(axis=1)).ravel(), np.nan)
    effective_size = _effective_sizes(ties, tie_weight, pattern, shares, contacts)
    with np.errstate(divide="ignore", invalid="ignore"):
        efficiency = effective_size / contacts
    hierarchy = _hierarchy(local, constraint, contacts)
    return pd.DataFrame(
        {"constraint": constraint, "effective_size": effective_size, "efficiency": efficiency, "hierarchy": hierarchy},
        index=index,
    )


# The edge attribute of the pair-wise strengths built by _one_tie_per_pair.
_PAIR_STRENGTH = "pair_strength"


def _one_tie_per_pair(G, weight: str | None) -> tuple[nx.Graph, str | None]:
    """``G`` with each pair's relations merged into one undirected tie, and the
    attribute holding its strength.

    The sparse path takes undirected simple graphs; Burt's shares only
    need :math:`z_{ij} + z_{ji}` per pair, so the sum over both directions
    and over parallel relations gives the same measures. An undirected
    simple graph is returned as it is, keeping its cached conversions.
    """
    if not G.is_directed() and not G.is_multigraph():
        return G, weight
    merged = nx.Graph()
    merged.add_nodes_from(G)
    relations = G.edges(data=weight, default=1) if weight is not None else ((u, v, 1) for u, v in G.edges())
    for u, v, strength in relations:
        if u == v:
            continue
        if merged.has_edge(u, v):
            merged[u][v][_PAIR_STRENGTH] += strength
        else:
            merged.add_edge(u, v, **{_PAIR_STRENGTH: strength})
    return merged, _PAIR_STRENGTH


def _local_constraints(pattern: sparse.csr_array, shares: sparse.csr_array) -> sparse.csr_array:
    r"""Burt's local constraints :math:`c_{ij} = (p_{ij} + \sum_{q \ne i,j}
    p_{iq} p_{qj})^2` as a sparse matrix with entries on the ties only.

    Kept as a matrix, not summed, because the hierarchy needs each
    :math:`c_{ij}`; the constraint is its row sums.
    """
    # No self-loops, so q = i and q = j add nothing to sum_q p_iq p_qj.
    indirect = _masked_product(shares, shares, pattern)
    return (shares + indirect).power(2).tocsr()


def _effective_sizes(G, weight: str | None, pattern, shares, contacts) -> np.ndarray:
    r"""Burt's effective size :math:`\sum_j (1 - \sum_{q \ne i,j} p_{iq}
    m_{jq})` of every node, NaN for an isolate.

    :math:`m_{jq}` is :math:`j`'s tie to :math:`q` over :math:`j`'s strongest
    tie; the redundancy is the row sum of :math:`P \circ (BM)`, with
    :math:`B` the tie pattern: one sparse product read only on the ties.
    Unweighted this is Borgatti's :math:`n - 2t/n`. networkx 3.6 gives other
    values for weighted graphs without ``nodes=``; this follows its
    per-node definition.
    """
    if not len(contacts):
        return np.zeros(0)
    _, matrix = adjacency(G, weight)
    strongest = matrix.max(axis=1).toarray().ravel()
    inverse = np.zeros_like(strongest)
    inverse[strongest != 0] = 1.0 / strongest[strongest != 0]
    relative = (sparse.dia_array((inverse[None, :], 0), shape=matrix.shape) @ matrix).tocsr()
    redundancy = np.asarray(shares.multiply(_masked_product(pattern, relative, pattern)).sum(axis=1)).ravel()
    values = contacts - redundancy
    values[contacts == 0] = math.nan
    return values


def _hierarchy(local, constraint, contacts) -> np.ndarray:
    counts = np.diff(local.indptr)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.repeat(constraint / contacts, counts)
        ratio = local.data / mean
        terms = ratio * np.log(ratio)
    rows = np.repeat(np.arange(len(counts)), counts)
    sums = np.bincount(rows, weights=np.nan_to_num(terms), minlength=len(counts))
    with np.errstate(divide="ignore", invalid="ignore"):
        result = sums / (contacts * np.log(contacts))
    return np.where(contacts > 1, result, np.nan)


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


def _shares(G, weight: str | None) -> tuple[sparse.csr_array, sparse.csr_array, np.ndarray]:
    """The tie pattern (ones), p_ij = w_ij / sum_k w_ik, and each node's number of contacts."""
    _, matrix = adjacency(G, weight)
    pattern = matrix.copy()
    pattern.data = np.ones_like(pattern.data)
    totals = np.asarray(matrix.sum(axis=1)).ravel()
    inverse = np.zeros_like(totals)
    inverse[totals != 0] = 1.0 / totals[totals != 0]
    shares = (sparse.dia_array((inverse[None, :], 0), shape=matrix.shape) @ matrix).tocsr()
    contacts = np.diff(pattern.indptr).astype(np.float64)
    return pattern, shares, contacts

