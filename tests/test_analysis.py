"""The full analysis and the ``analyse`` command agree with networkx and the
published values on the reference networks, to 6 decimals."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest

from netanalysis import io
from netanalysis.analysis import STEPS, analyse
from netanalysis.network import StakeholderNetwork

REQUIRED = {"id", "degree", "betweenness", "closeness", "eigenvector", "pagerank", "constraint",
            "effective_size", "community", "coordinator", "itinerant", "gatekeeper", "representative", "liaison"}


def as_network(G: nx.Graph, name: str) -> StakeholderNetwork:
    """A reference graph as stakeholder tables, without strengths (unrated ties)."""
    people = [{"id": str(n), "name": str(n), "type": "organisation"} for n in G]
    ties = [{"source": str(u), "target": str(v)} for u, v in G.edges()]
    return StakeholderNetwork.from_tables(people, ties, name=name, has_strengths=False)


def run_analyse(source, out) -> subprocess.CompletedProcess:
    """``python -m netanalysis analyse SOURCE --out OUT``, as a user types it."""
    return subprocess.run([sys.executable, "-m", "netanalysis", "analyse", str(source), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def florentine_json(tmp_path_factory):
    """``python -m netanalysis analyse`` run on Padgett's Florentine families."""
    folder = tmp_path_factory.mktemp("florentine")
    source = folder / "florentine.json"
    io.save(as_network(nx.florentine_families_graph(), "Florentine families"), source)
    out = folder / "analyse.json"
    run = run_analyse(source, out)
    assert run.returncode == 0, run.stderr
    assert "exact" in run.stdout
    return json.loads(out.read_text(encoding="utf-8")), run


def test_cli_json_has_every_section_and_column(florentine_json):
    body, run = florentine_json
    assert set(body) >= {"stakeholders", "gaps", "suggestions", "method", "single_points"}
    assert body["method"]["betweenness"] == "exact"
    assert REQUIRED <= set(body["stakeholders"][0])
    assert len(body["stakeholders"]) == 15
    # Staged progress on stderr, in Dutch by default.
    assert run.stderr.splitlines() == ["[1/4] gaten…", "[2/4] ontbrekende verbindingen…", "[3/4] centraliteit…", "[4/4] makelaars…"]


def test_cli_agrees_with_networkx_and_padgett_to_six_decimals(florentine_json):
    body, _ = florentine_json
    G = nx.florentine_families_graph()
    rows = {row["id"]: row for row in body["stakeholders"]}
    # Published: Medici betweenness 0.522 (n = 15, Pucci left out).
    assert rows["Medici"]["betweenness"] == pytest.approx(0.521978, abs=1e-6)
    expected = {
        "betweenness": nx.betweenness_centrality(G),
        "closeness": nx.closeness_centrality(G),
        "eigenvector": nx.eigenvector_centrality_numpy(G),
        "pagerank": nx.pagerank(G),
        "constraint": nx.constraint(G),
        "effective_size": nx.effective_size(G, nodes=list(G)),
    }
    for measure, values in expected.items():
        for node, value in values.items():
            assert rows[node][measure] == pytest.approx(value, abs=1e-6), (measure, node)
    assert {row["id"]: row["degree"] for row in body["stakeholders"]} == dict(G.degree())


def test_cli_csv_is_the_stakeholder_table(tmp_path):
    source = tmp_path / "kite.json"
    io.save(as_network(nx.krackhardt_kite_graph(), "kite"), source)
    out = tmp_path / "kite.csv"
    run = run_analyse(source, out)
    assert run.returncode == 0, run.stderr
    table = pd.read_csv(out, dtype={"id": str})
    heather = table.set_index("id").loc["7"]
    assert heather["betweenness"] == pytest.approx(14 / 36, abs=1e-6)
    assert table.set_index("id")["betweenness"].idxmax() == "7"


def test_cli_refuses_a_bad_output_name_and_bad_input(tmp_path):
    source = tmp_path / "kite.json"
    io.save(as_network(nx.krackhardt_kite_graph(), "kite"), source)
    bad = run_analyse(source, tmp_path / "x.txt")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    run = run_analyse(broken, tmp_path / "y.json")
    assert run.returncode == 1 and "Traceback" not in run.stderr + run.stdout


def test_analyse_reports_progress_for_every_step():
    seen = []
    result = analyse(as_network(nx.karate_club_graph(), "karate"), progress=lambda step, i, n: seen.append((step, i, n)))
    assert seen == [(step, i, len(STEPS)) for i, step in enumerate(STEPS)]
    assert set(result["timings"]) == set(STEPS)
    table = result["stakeholders"]
    assert table["betweenness"].idxmax() == "0"
    assert table.loc["0", "betweenness"] == pytest.approx(0.437635, abs=1e-6)
    assert table.loc["33", "betweenness"] == pytest.approx(0.304075, abs=1e-6)


def test_analyse_of_a_large_network_quotes_the_measured_agreement_and_warns_where_it_was_poor(
        tmp_path, monkeypatch, capsys):
    """Above the exact limit ``analyse`` says how KADABRA ranked against exact
    values at the nearest measured size, and where that was under 18 of 20
    that the order of the top is uncertain (as the Makelaars page and the
    report do)."""
    from netanalysis import sampling
    from netanalysis.cli import main
    from netanalysis.synthetic import synthetic_municipality

    source = tmp_path / "groot.json"
    io.save(synthetic_municipality(sampling.EXACT_BETWEENNESS_LIMIT + 500, seed=3), source)
    assert main(["--lang", "nl", "analyse", str(source), "--out", str(tmp_path / "a.json")]) == 0
    told = capsys.readouterr().out
    assert "gemeten bij 10.000 betrokkenen: 19 van de exacte top 20 in deze top 20" in told
    assert "onzeker" not in told
    monkeypatch.setattr(sampling, "KADABRA_MEASURED_TOP20", {100_000: 13})
    assert main(["--lang", "nl", "analyse", str(source), "--out", str(tmp_path / "b.json")]) == 0
    told = capsys.readouterr().out
    assert "gemeten bij 100.000 betrokkenen: 13 van de exacte top 20" in told
    assert "de volgorde van de sterkste makelaars onzeker" in told


def test_analyse_above_the_exact_limit_estimates_betweenness_beside_the_other_steps(monkeypatch):
    """The KADABRA estimate runs on a thread of its own while gaps and
    suggestions are computed, and gives the values betweenness() gives."""
    import threading

    from netanalysis import gaps, paths, sampling
    from netanalysis.synthetic import synthetic_municipality

    network = synthetic_municipality(sampling.EXACT_BETWEENNESS_LIMIT + 200, seed=5)
    seen = {}
    real_betweenness, real_gap_summary = paths.betweenness, gaps.gap_summary

    def watched_betweenness(G, **kwargs):
        seen["betweenness_thread"] = threading.current_thread().name
        return real_betweenness(G, **kwargs)

    def watched_gap_summary(G, **kwargs):
        seen["gaps_thread"] = threading.current_thread().name
        return real_gap_summary(G, **kwargs)

    monkeypatch.setattr(paths, "betweenness", watched_betweenness)
    monkeypatch.setattr(gaps, "gap_summary", watched_gap_summary)
    result = analyse(network)
    assert seen["betweenness_thread"].startswith("kadabra")
    assert seen["gaps_thread"] == threading.main_thread().name
    expected = real_betweenness(network.to_graph(), seed=42)
    table = result["stakeholders"]
    assert result["method"]["betweenness"] == "kadabra"
    assert table["betweenness"].to_dict() == pytest.approx(expected, abs=0)
