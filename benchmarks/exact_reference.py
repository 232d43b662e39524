"""Compute an exact betweenness reference fixture for the ranking benchmark.

    python -m benchmarks.exact_reference --n 100000 --threads 2

Exact Brandes betweenness from every source, in networkx's normalisation,
of ``synthetic_municipality(n, seed=7)``. The top 50 with ids and values is
written to ``benchmarks/fixtures/betweenness_top_<n>.json``, which
``python -m benchmarks.run`` compares the analysis' top 20 with.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

import igraph
import networkit
import networkx as nx
import numpy as np

from netanalysis import graphs
from netanalysis.synthetic import synthetic_municipality

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TOP = 50


def _igraph_part(args: tuple[int, int, int]) -> tuple[np.ndarray, float]:
    """igraph's betweenness from every ``parts``-th source, starting at ``part``."""
    n, part, parts = args
    G = nx.freeze(synthetic_municipality(n, seed=7).to_graph())
    _nodes, graph = graphs.igraph_graph(G)
    cpu = time.process_time()
    # With sources=, igraph halves an undirected graph's counts, so the parts
    # add up to the whole graph's betweenness.
    values = np.asarray(graph.betweenness(directed=False, sources=range(part, n, parts)), dtype=np.float64)
    return values, time.process_time() - cpu


def exact_top(n: int, threads: int, engine: str = "igraph") -> dict:
    """The exact top :data:`TOP` brokers of ``synthetic_municipality(n, seed=7)``.

    ``engine`` "igraph" splits the sources over ``threads`` processes (igraph's
    Brandes was about twice as fast per CPU second as NetworKit's here);
    "networkit" runs NetworKit's parallel ``Betweenness``. Both are exact
    whatever the split: only the order of summing differs.
    """
    G = nx.freeze(synthetic_municipality(n, seed=7).to_graph())
    nodes, rows, _cols = graphs.edge_index(G)
    started = time.perf_counter()
    if engine == "igraph":
        with multiprocessing.get_context("spawn").Pool(threads) as pool:
            parts = pool.map(_igraph_part, [(n, part, threads) for part in range(threads)])
        raw = sum(values for values, _cpu in parts)
        cpu = sum(seconds for _values, seconds in parts)
        version = f"igraph {igraph.__version__} Graph.betweenness(directed=False, sources=) in {threads} process(es)"
        # igraph counts each unordered pair once; networkx divides by (n-1)(n-2)/2.
        values = raw * 2.0 / ((n - 1) * (n - 2))
    else:
        _nodes, graph = graphs.networkit_graph(G)
        networkit.setNumberOfThreads(threads)
        cpu = time.process_time()
        exact = networkit.centrality.Betweenness(graph, normalized=False)
        exact.run()
        cpu = time.process_time() - cpu
        version = f"NetworKit {networkit.__version__} centrality.Betweenness on {threads} thread(s)"
        # NetworKit counts every unordered pair twice on an undirected graph.
        values = np.asarray(exact.scores(), dtype=np.float64) / ((n - 1) * (n - 2))
    wall = time.perf_counter() - started
    order = np.argsort(-values, kind="stable")[:TOP]
    return {
        "network": f"synthetic_municipality({n}, seed=7).to_graph()",
        "stakeholders": n,
        "relations": int(len(rows)),
        "measure": "betweenness, normalised as networkx (unordered pairs / ((n-1)(n-2)/2)), hops",
        "method": (f"exact: {version} (Brandes' algorithm, every source), in networkx's normalisation; "
                   "the same as netanalysis.paths.betweenness(G, exact_limit=n)"),
        "computed": (f"{datetime.now(timezone.utc):%Y-%m-%d}, {wall:.0f} s wall, {cpu:.0f} CPU s, "
                     f"load average {os.getloadavg()[0]:.1f} at the end, {os.cpu_count()}-core "
                     f"{platform.processor() or platform.machine()}"),
        "top": [{"id": nodes[i], "betweenness": float(values[i])} for i in order],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.exact_reference", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="stakeholders")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engine", choices=("igraph", "networkit"), default="igraph")
    parser.add_argument("--out", type=Path, help="file to write (default benchmarks/fixtures/betweenness_top_<n>.json)")
    args = parser.parse_args(argv)
    fixture = exact_top(args.n, args.threads, args.engine)
    out = args.out or FIXTURES / f"betweenness_top_{args.n}.json"
    out.write_text(json.dumps(fixture, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {fixture['computed']}")


if __name__ == "__main__":
    main()
