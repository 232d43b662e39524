"""Exact betweenness and closeness of saved versions, computed in the background.

The store part runs on SQLite and on PostgreSQL (tests/pg.py): queueing,
one claim per job among racing workers, taking over an abandoned claim,
results stored with the version and reused for equal content, and reset
when a person is forgotten. The end-to-end test saves a network above the
exact limit, runs the job, and reads the Makelaars page: the exact values,
labelled as such.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from datetime import timedelta

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from netanalysis import paths
from netanalysis.exact_jobs import ExactJobRunner, run_exact_job
from netanalysis.network import StakeholderNetwork
from netanalysis.sampling import EXACT_BETWEENNESS_LIMIT
from netanalysis.store import Store
from reference_graphs import karate_club


def _karate_network() -> StakeholderNetwork:
    G = karate_club()
    people = [{"id": f"k{v}", "name": f"Lid {v}", "type": "resident"} for v in G]
    ties = [{"source": f"k{u}", "target": f"k{v}", "type": "knows"} for u, v in G.edges()]
    return StakeholderNetwork.from_tables(people, ties, name="Karate")


@pytest.fixture
def store(database_url):
    store = Store(database_url)
    yield store
    store.dispose()


def test_a_small_version_needs_no_job_and_a_requested_one_is_exact(store):
    """Zachary's karate club: betweenness of the instructor (k0) 0.4376 and
    of the president (k33) 0.3041, closeness 0.5690 and 0.5500."""
    net = _karate_network()
    version = store.save_network(net, name="Karate")
    assert store.exact_job(version) is None  # 34 stakeholders: exact on every page anyway
    assert store.request_exact(version).status == "queued"
    assert store.request_exact(version).status == "queued"  # asking twice queues once
    assert store.has_queued_exact_job()
    assert store.exact_centrality(net.fingerprint()) is None

    assert run_exact_job(store, "worker-a") == version
    job = store.exact_job(version)
    assert (job.status, job.done_steps, job.total_steps, job.share_done) == ("done", 68, 68, 1.0)
    found = store.exact_centrality(net.fingerprint())
    assert found.version_id == version and (found.network, found.number) == ("Karate", 1)
    assert found.betweenness["k0"] == pytest.approx(0.4376, abs=1e-4)
    assert found.betweenness["k33"] == pytest.approx(0.3041, abs=1e-4)
    assert found.closeness["k0"] == pytest.approx(0.5690, abs=1e-4)
    assert found.closeness["k33"] == pytest.approx(0.5500, abs=1e-4)
    G = karate_club()
    expected = nx.betweenness_centrality(G)
    assert all(found.betweenness[f"k{v}"] == pytest.approx(expected[v], abs=1e-12) for v in G)
    assert store.exact_values(version).betweenness == found.betweenness
    assert not store.has_queued_exact_job() and run_exact_job(store, "worker-a") is None


def test_only_one_of_racing_workers_claims_a_job(store):
    version = store.save_network(_karate_network(), name="Karate")
    store.request_exact(version)
    claims, start = [], threading.Barrier(6)

    def claim(name):
        start.wait()
        claims.append((name, store.claim_exact_job(name)))

    threads = [threading.Thread(target=claim, args=(f"w{i}",)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [name for name, claimed in claims if claimed == version]
    assert len(winners) == 1
    assert [claimed for _, claimed in claims].count(None) == 5
    [winner] = winners
    loser = next(name for name, _ in claims if name != winner)
    assert store.report_exact_progress(version, winner, 10, 68)
    assert not store.report_exact_progress(version, loser, 10, 68)
    assert not store.finish_exact_job(version, loser, {}, {}, 1.0)


def test_an_abandoned_claim_is_taken_over_and_the_old_worker_stops(store):
    version = store.save_network(_karate_network(), name="Karate")
    store.request_exact(version)
    assert store.claim_exact_job("gone") == version
    assert store.claim_exact_job("next") is None  # its heartbeat is fresh
    assert store.claim_exact_job("next", stale_after=timedelta(0)) == version
    assert not store.report_exact_progress(version, "gone", 5, 68)
    G = _karate_network().to_graph()
    between, close = paths.exact_path_measures(G)
    assert store.finish_exact_job(version, "next", between, close, 0.1)
    assert store.exact_job(version).status == "done"


def test_a_restored_copy_reuses_the_values_and_erasure_resets_them(store):
    net = _karate_network()
    first = store.save_network(net, name="Karate")
    store.request_exact(first)
    run_exact_job(store, "w")
    copy = store.restore_version(first)
    store.request_exact(copy)
    assert run_exact_job(store, "w") == copy
    job = store.exact_job(copy)
    assert job.status == "done" and job.seconds == 0.0  # copied, not computed again
    assert store.exact_values(copy).betweenness == store.exact_values(first).betweenness

    store.forget_person("k0")
    for version in (first, copy):
        assert store.exact_job(version).status == "queued"
        assert store.exact_values(version) is None
    run_exact_job(store, "w")
    run_exact_job(store, "w")
    remaining = store.load_version(first)
    found = store.exact_values(first)
    assert set(found.betweenness) == set(remaining.ids) and "k0" not in found.betweenness
    expected = nx.betweenness_centrality(remaining.to_graph())
    assert all(found.betweenness[v] == pytest.approx(expected[v], abs=1e-12) for v in remaining.ids)


def test_a_failed_job_is_recorded_and_can_be_asked_again(store):
    version = store.save_network(_karate_network(), name="Karate")
    store.request_exact(version)
    assert store.claim_exact_job("w") == version
    store.fail_exact_job(version, "w", "MemoryError: out of memory")
    job = store.exact_job(version)
    assert job.status == "failed" and job.error.startswith("MemoryError")
    assert store.request_exact(version).status == "queued"


def test_the_command_runs_waiting_jobs_in_its_own_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    store = Store(url)
    version = store.save_network(_karate_network(), name="Karate")
    store.request_exact(version)
    completed = subprocess.run(
        [sys.executable, "-m", "netanalysis", "--lang", "en", "exact", "--once"],
        env={**__import__("os").environ, "NETWERKKAART_DATABASE_URL": url}, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    assert "1 job(s) handled" in completed.stdout
    assert store.exact_job(version).status == "done"
    store.dispose()


def test_the_runner_thread_starts_the_worker_process(tmp_path):
    url = f"sqlite:///{tmp_path / 'jobs.db'}"
    store = Store(url)
    version = store.save_network(_karate_network(), name="Karate")
    store.request_exact(version)
    runner = ExactJobRunner(store, url, poll=0.2)
    runner.start()
    try:
        for _ in range(600):
            if store.exact_job(version).status == "done":
                break
            threading.Event().wait(0.5)
    finally:
        runner.stop()
        runner.join(timeout=60)
    assert store.exact_job(version).status == "done"
    store.dispose()


def test_saving_a_large_version_leads_to_exact_values_on_the_brokers_page(tmp_path, monkeypatch):
    """End to end: a network above the exact limit is saved as a version,
    which queues the job; the Makelaars page shows the estimate with its
    guarantee and says the exact values are waiting; the job runs; the page
    then shows the exact values, labelled as exact for that version."""
    from streamlit.testing.v1 import AppTest

    from netanalysis.synthetic import synthetic_municipality
    from test_pages import ROOT, texts

    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("NETWERKKAART_DATABASE_URL", url)
    network = synthetic_municipality(EXACT_BETWEENNESS_LIMIT + 100, seed=7)
    assert len(network) > EXACT_BETWEENNESS_LIMIT
    store = Store(url)
    version = store.save_network(network, name="Regio")
    assert store.exact_job(version).status == "queued"

    def brokers_page():
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.session_state["lang"] = "nl"
        at.session_state["network"] = network
        at.session_state["network_source"] = "test"
        at.run()
        at.switch_page("pages/makelaars.py").run()
        assert not at.exception, [e.message for e in at.exception]
        return at

    before = brokers_page()
    shown = texts(before)
    assert "geschat met een steekproef van kortste paden (KADABRA)" in shown
    assert "staat in de wachtrij" in shown

    assert run_exact_job(store, "test-worker") == version
    after = brokers_page()
    shown = texts(after)
    assert "Tussenpositie en nabijheid zijn exact: op de achtergrond berekend voor versie 1 van Regio." in shown
    assert "KADABRA" not in shown
    # The table is the broker table of the exact values: the same people in
    # the same order, and one column holding their exact betweenness.
    from netanalysis import brokers, centrality

    G = network.to_graph()
    exact = paths.exact_path_measures(G)
    expected = brokers.broker_table(G, lang="nl", centrality=centrality.centrality_table(G, exact_paths=exact))
    shown_table = after.dataframe[0].value
    top = len(shown_table)
    assert top >= 5 and list(shown_table.iloc[:, 0]) == list(expected["name"].head(top))
    exact_betweenness = [exact[0][v] for v in expected.index[:top]]
    assert any(
        pd.api.types.is_numeric_dtype(shown_table[c]) and np.allclose(shown_table[c].to_numpy(float), exact_betweenness)
        for c in shown_table.columns
    )
    store.dispose()
