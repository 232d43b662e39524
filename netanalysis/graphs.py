"""Frozen-graph conversions, cached once per graph, and the one backend choice.

Every measure in :mod:`netanalysis` works on the same few views of a
networkx graph: the nodes in graph order with the edges as index arrays,
the edge weights, a sparse adjacency matrix, and the same graph in
python-igraph. This module builds them once per *frozen* graph
(``StakeholderNetwork.to_graph()`` returns one) and keeps them in a cache
that holds the graph weakly, so one analysis converts once and the cache
can never go stale (a frozen graph cannot gain or lose nodes or edges).
Graphs that may still change get a fresh conversion on every call.

It is also the one place that decides between python-igraph's C code and
the numpy/scipy path (:func:`resolve_backend`), and the one place that seeds
igraph's process-wide random generator (:func:`seeded_igraph`).

Self-loops are left out of the index arrays and the matrices (stakeholder
networks have none; :func:`self_loops` lists them for the few measures that
count them).
"""

from __future__ import annotations

import contextlib
import random
import threading
import weakref
from collections.abc import Iterator

import networkx as nx
import numpy as np
from scipy import sparse

try:  # igraph is optional: every step has a numpy path
    import igraph
except ImportError:  # pragma: no cover - exercised on installs without igraph
    igraph = None

try:  # NetworKit is optional too: without it, large betweenness uses uniform pivots
    import networkit
except ImportError:  # pragma: no cover - exercised on installs without NetworKit
    networkit = None

__all__ = [
    "HAS_IGRAPH",
    "HAS_NETWORKIT",
    "BACKENDS",
    "resolve_backend",
    "check_graph",
    "cannot_change",
    "is_cached",
    "clear_cache",
    "edge_index",
    "node_index",
    "self_loops",
    "edge_arrays",
    "adjacency",
    "igraph_graph",
    "networkit_graph",
    "seeded_igraph",
    "seeded_networkit",
    "python_random",
]

#: Whether python-igraph can be imported here.
HAS_IGRAPH: bool = igraph is not None

#: Whether NetworKit can be imported here (the KADABRA betweenness estimate).
HAS_NETWORKIT: bool = networkit is not None

#: Accepted values of every function's ``backend``.
BACKENDS: tuple[str, ...] = ("auto", "igraph", "numpy")

# igraph draws its random numbers from one process-wide generator; seeding
# it for a call must not interleave with another thread's call.
_IGRAPH_RNG_LOCK = threading.Lock()
# NetworKit's seed and thread count are process-wide as well.
_NETWORKIT_LOCK = threading.Lock()

_CONVERSIONS: "weakref.WeakKeyDictionary[nx.Graph, dict]" = weakref.WeakKeyDictionary()


# -- conversions ----------------------------------------------------------------


def resolve_backend(backend: str) -> str:
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, not {backend!r}")
    if backend == "igraph" and not HAS_IGRAPH:
        raise ImportError("backend='igraph' needs python-igraph (pip install igraph)")
    if backend == "auto":
        return "igraph" if HAS_IGRAPH else "numpy"
    return backend


def check_graph(G) -> None:
    if G.is_directed():
        raise nx.NetworkXNotImplemented("defined here for undirected stakeholder graphs")
    if G.is_multigraph():
        raise nx.NetworkXNotImplemented("merge parallel relations first (StakeholderNetwork.to_graph does)")


def cannot_change(G) -> bool:
    # A subgraph view is frozen itself but follows its parent graph (`_graph`),
    # so it is only unchangeable when every graph it reads from is frozen.
    while G is not None:
        if not nx.is_frozen(G):
            return False
        G = getattr(G, "_graph", None)
    return True


def _cache(G) -> dict:
    """Per-graph store of conversions; a fresh dict for graphs that may still change."""
    if not cannot_change(G):
        return {}
    try:
        return _CONVERSIONS.setdefault(G, {})
    except TypeError:  # a graph class that cannot be weakly referenced
        return {}


def edge_index(G) -> tuple[list, np.ndarray, np.ndarray]:
    """Nodes in graph order and the edges as index arrays, each edge once, in
    ``G.edges()`` order, without self-loops."""
    store = _cache(G)
    if "edges" not in store:
        nodes = list(G)
        index = {node: i for i, node in enumerate(nodes)}
        rows: list[int] = []
        cols: list[int] = []
        loops: list[int] = []
        # Walking the adjacency dicts directly is several times faster than
        # the EdgeView; j > i keeps each edge once, where G.edges() yields it.
        for i, neighbours in enumerate(G._adj.values()):
            for neighbour in neighbours:
                j = index[neighbour]
                if j > i:
                    rows.append(i)
                    cols.append(j)
                elif j == i:
                    loops.append(i)
        store["edges"] = (nodes, np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))
        store["index"] = index
        store["loops"] = np.asarray(loops, dtype=np.int64)
    return store["edges"]


def _kept(G, key: str):
    """What :func:`edge_index` keeps besides the edges, or None for a graph
    that may change (whose edge index would be rebuilt just for this)."""
    if not cannot_change(G):
        return None
    edge_index(G)
    return _cache(G).get(key)


def node_index(G) -> dict:
    """``{node: position}`` in the order of :func:`edge_index`."""
    index = _kept(G, "index")
    return index if index is not None else {node: i for i, node in enumerate(G)}


def self_loops(G) -> np.ndarray:
    """Positions of the nodes with a self-loop, which the index arrays leave out."""
    loops = _kept(G, "loops")
    if loops is None:
        loops = np.asarray([i for i, (node, around) in enumerate(G._adj.items()) if node in around], dtype=np.int64)
    return loops


def edge_arrays(G, weight: str | None) -> tuple[list, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`edge_index` plus each edge's weight (networkx's rule: a missing
    attribute counts 1; ``weight=None`` gives ones)."""
    nodes, rows, cols = edge_index(G)
    store = _cache(G)
    key = ("weights", weight)
    if key not in store:
        if weight is None:
            store[key] = np.ones(len(rows))
        else:
            adjacency = G._adj
            store[key] = np.fromiter(
                (float(adjacency[nodes[i]][nodes[j]].get(weight, 1)) for i, j in zip(rows.tolist(), cols.tolist())),
                dtype=np.float64,
                count=len(rows),
            )
    return nodes, rows, cols, store[key]


def adjacency(G, weight: str | None = None) -> tuple[list, sparse.csr_array]:
    """Nodes and the symmetric adjacency matrix (weights or ones), CSR with sorted indices."""
    store = _cache(G)
    key = ("csr", weight)
    if key not in store:
        nodes, rows, cols, values = edge_arrays(G, weight)
        n = len(nodes)
        matrix = sparse.coo_array(
            (np.concatenate([values, values]), (np.concatenate([rows, cols]), np.concatenate([cols, rows]))),
            shape=(n, n),
        ).tocsr()
        matrix.sum_duplicates()
        matrix.sort_indices()
        store[key] = (nodes, matrix)
    return store[key]


def igraph_graph(G, weight: str | None = None):
    """The same graph in igraph, vertex i = the i-th node of ``G``, edge e =
    the e-th of :func:`edge_index`; weights in the edge attribute ``"weight"``.

    One igraph graph per networkx graph; a weighted call gets a shallow copy
    carrying that attribute, so different weights never mix.
    """
    store = _cache(G)
    if "igraph" not in store:
        nodes, rows, cols = edge_index(G)
        graph = igraph.Graph(n=len(nodes), directed=False)
        # add_edges reads the numpy array directly; a list of [u, v] lists
        # took 0.4 s at 100,000 stakeholders (a quarter of a million small
        # lists, and the garbage collector walking the graph they join).
        graph.add_edges(np.column_stack([rows, cols]))
        store["igraph"] = graph
    nodes = edge_index(G)[0]
    if weight is None:
        return nodes, store["igraph"]
    key = ("igraph", weight)
    if key not in store:
        graph = store["igraph"].copy()
        graph.es["weight"] = edge_arrays(G, weight)[3].tolist()
        store[key] = graph
    return nodes, store[key]


def networkit_graph(G):
    """The same graph in NetworKit (unweighted), node i = the i-th node of ``G``.

    Built from :func:`edge_index`'s arrays in one call (``Graph.addEdges``),
    kept like the other conversions: 0.05 s at 10,000 stakeholders.
    """
    store = _cache(G)
    if "networkit" not in store:
        nodes, rows, cols = edge_index(G)
        graph = networkit.Graph(len(nodes), weighted=False, directed=False)
        if len(rows):
            graph.addEdges((rows, cols))
        store["networkit"] = graph
    return edge_index(G)[0], store["networkit"]


# -- random generators -----------------------------------------------------------


def python_random(seed) -> random.Random:
    # networkx's @py_random_state: None is the global generator, an int seeds a new one.
    if seed is None:
        return random._inst  # type: ignore[attr-defined]
    if isinstance(seed, random.Random):
        return seed
    return random.Random(seed)


def is_cached(G) -> bool:
    """Whether conversions of ``G`` are being kept (a frozen graph seen before)."""
    return G in _CONVERSIONS


def clear_cache() -> None:
    """Forget every kept conversion (the benchmark times conversions with it)."""
    _CONVERSIONS.clear()


@contextlib.contextmanager
def seeded_igraph(seed) -> Iterator[None]:
    """Seed igraph's process-wide random generator for one call.

    igraph draws from one generator per process, so two threads seeding it
    must not interleave: the block runs under a lock, with ``random.Random(seed)``
    as igraph's generator, and Python's ``random`` module is put back after.

    Examples
    --------
    >>> with seeded_igraph(42):
    ...     pass
    """
    with _IGRAPH_RNG_LOCK:
        igraph.set_random_number_generator(random.Random(seed))
        try:
            yield
        finally:
            igraph.set_random_number_generator(random)


@contextlib.contextmanager
def seeded_networkit(seed, threads: int | None = None) -> Iterator[None]:
    """Seed NetworKit's per-thread generators (and optionally set its thread
    count) for one call, under a lock: both are process-wide settings.

    Examples
    --------
    >>> with seeded_networkit(42):
    ...     pass
    """
    with _NETWORKIT_LOCK:
        before = networkit.getMaxNumberOfThreads()
        if threads is not None:
            networkit.setNumberOfThreads(int(threads))
        networkit.engineering.setSeed(0 if seed is None else int(seed), True)
        try:
            yield
        finally:
            networkit.setNumberOfThreads(before)
