"""The benchmark command runs end to end and reports every target.

No timing is asserted (speed lives in the benchmark itself): this only keeps
``python -m benchmarks.run`` working, on a network small enough for CI.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_command_prints_the_table_and_writes_the_json(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--sizes", "1000", "--repeat", "1", "--no-browser", "--out", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert "| **full analysis** (steps one after another) |" in completed.stdout
    assert "| **analyse() as run** (betweenness estimate beside the other steps) |" in completed.stdout
    assert "full analysis of 1,000 <= 1 s" in completed.stdout and "1,000: analysis <= 3x igraph" in completed.stdout
    [written] = tmp_path.glob("benchmark-*.json")
    result = json.loads(written.read_text())
    size = result["sizes"][0]
    assert size["stakeholders"] == 1000 and size["betweenness_method"] == "exact"
    steps = size["summary"]["steps"]
    for name in ("betweenness", "closeness", "suggestions", "broker_table", "gap_summary", "layout_positions"):
        assert isinstance(steps[name]["ours"], float), name
    analysis = size["summary"]["analysis"]
    assert analysis["ratio_ours"] == analysis["ours_s"] / analysis["igraph_s"]
    assert isinstance(analysis["analyse_s"], float)
    [time_target] = [v for v in result["targets"] if v["target"] == "full analysis of 1,000 <= 1 s"]
    assert time_target["value"] == analysis["analyse_s"]
    assert {v["target"] for v in result["targets"]} >= {"full analysis of 1,000 <= 1 s", "1,000: analysis <= 3x igraph"}
    assert result["machine"]["cores"] >= 1 and "load_average_start" in result["machine"]


def test_exact_reference_matches_networkx_with_either_engine(tmp_path):
    """The fixture command's values are networkx's exact betweenness, whatever the split of sources."""
    import networkx as nx

    from netanalysis.synthetic import synthetic_municipality

    expected = nx.betweenness_centrality(synthetic_municipality(300, seed=7).to_graph())
    for engine, threads in (("igraph", 2), ("networkit", 1)):
        out = tmp_path / f"{engine}.json"
        completed = subprocess.run(
            [sys.executable, "-m", "benchmarks.exact_reference", "--n", "300", "--threads", str(threads),
             "--engine", engine, "--out", str(out)],
            cwd=ROOT, capture_output=True, text=True, timeout=300,
        )
        assert completed.returncode == 0, completed.stderr
        fixture = json.loads(out.read_text())
        assert fixture["stakeholders"] == 300 and len(fixture["top"]) == 50
        top = sorted(expected, key=lambda node: -expected[node])[:50]
        assert [row["id"] for row in fixture["top"]][:10] == top[:10]
        for row in fixture["top"]:
            assert abs(row["betweenness"] - expected[row["id"]]) < 1e-12
