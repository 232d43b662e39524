"""The demo municipality: deterministic, committed as generated, and with the
planted structure really in the graph.

Every ground-truth claim is checked here with networkx directly, not with
our own analysis modules, so the demo can serve as a known answer for them.
The claims are checked for the default seed and two others: the structure is
planted by construction, not found by luck in one draw.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import subprocess
import sys

import networkx as nx
import pandas as pd
import pytest

from netanalysis.demo import AREAS, DEFAULT_SEED, DEMO_NAME, THEMES, build_demo, ground_truth, write_demo
from netanalysis.network import StakeholderNetwork
from netanalysis.schema import RELATION_COLUMNS, STAKEHOLDER_COLUMNS

FIVE_TYPES = ("civil_servant", "resident", "business", "organisation", "initiative")
SEEDS = (DEFAULT_SEED, 1, 2)


@pytest.fixture(scope="module", params=SEEDS, ids=lambda s: f"seed{s}")
def planted(request):
    """(graph, ground truth) for one seed."""
    return build_demo(request.param).to_graph(), ground_truth(request.param)


@pytest.fixture(scope="module")
def demo() -> StakeholderNetwork:
    return build_demo()


def _read(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _civil_servants(G) -> set[str]:
    return {n for n, t in G.nodes(data="type") if t == "civil_servant"}


# -- determinism and the committed files ------------------------------------------


def test_two_builds_are_identical(demo):
    assert build_demo().fingerprint() == demo.fingerprint()
    assert build_demo(DEFAULT_SEED + 1).fingerprint() != demo.fingerprint()


def test_generator_neither_uses_nor_changes_the_global_random_state():
    random.seed(1)
    first = build_demo().fingerprint()
    random.seed(2)
    state = random.getstate()
    second = build_demo().fingerprint()
    assert first == second
    assert random.getstate() == state


def test_output_does_not_depend_on_hash_randomisation(repo_root, demo):
    # Set and dict order of strings changes with PYTHONHASHSEED; a draw that
    # depended on it would give another town on another machine.
    code = "from netanalysis.demo import build_demo; print(build_demo().fingerprint())"
    for hash_seed in ("0", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run([sys.executable, "-c", code], cwd=repo_root, env=env, capture_output=True,
                             text=True, check=True)
        assert out.stdout.strip() == demo.fingerprint()


def test_committed_files_equal_a_fresh_generation(repo_root, tmp_path):
    write_demo(tmp_path)
    for name in ("stakeholders.csv", "relations.csv", "ground_truth.json"):
        assert (repo_root / "data" / name).read_bytes() == (tmp_path / name).read_bytes(), name
    for name in ("stakeholders.csv", "relations.csv"):
        pd.testing.assert_frame_equal(_read(repo_root / "data" / name), _read(tmp_path / name))


def test_committed_csv_rebuilds_the_demo_network(repo_root, demo):
    def rows(name):
        frame = _read(repo_root / "data" / name)
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in frame.to_dict("records")]

    rebuilt = StakeholderNetwork.from_tables(rows("stakeholders.csv"), rows("relations.csv"), name=DEMO_NAME)
    assert rebuilt.fingerprint() == demo.fingerprint()


def test_committed_csv_loads_through_the_importer_without_problems(repo_root, demo):
    from netanalysis import io

    result = io.load([repo_root / "data" / "stakeholders.csv", repo_root / "data" / "relations.csv"])
    assert result.ok and not result.problems
    assert result.network.fingerprint() == demo.fingerprint()


def test_committed_ground_truth_equals_the_function(repo_root):
    committed = json.loads((repo_root / "data" / "ground_truth.json").read_text(encoding="utf-8"))
    assert committed == ground_truth()


def test_csv_format(repo_root):
    stakeholders = (repo_root / "data" / "stakeholders.csv").read_bytes()
    relations = (repo_root / "data" / "relations.csv").read_bytes()
    assert stakeholders.startswith(b"\xef\xbb\xbf") and relations.startswith(b"\xef\xbb\xbf")
    assert list(_read(repo_root / "data" / "stakeholders.csv").columns) == list(STAKEHOLDER_COLUMNS)
    assert list(_read(repo_root / "data" / "relations.csv").columns) == list(RELATION_COLUMNS)
    people = _read(repo_root / "data" / "stakeholders.csv")
    ties = _read(repo_root / "data" / "relations.csv")
    for column in ("influence", "interest"):
        assert set(people[column]) <= {"", "1", "2", "3", "4", "5"}
    assert set(ties["strength"]) <= {"1", "2", "3", "4", "5"}
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in ties["since"] if d)
    assert (ties["since"] == "").any(), "some relations have no date, as in real registers"
    assert people["themes"].str.contains(";").any()


def test_command_line_writes_the_files(repo_root, tmp_path):
    subprocess.run([sys.executable, "-m", "netanalysis.demo", str(tmp_path)], cwd=repo_root, check=True,
                   capture_output=True)
    assert (tmp_path / "relations.csv").read_bytes() == (repo_root / "data" / "relations.csv").read_bytes()


# -- shape of the municipality ----------------------------------------------------------


def test_size_and_types(demo):
    counts = demo.stakeholders["type"].value_counts()
    assert 230 <= len(demo) <= 270
    assert set(counts.index) == set(FIVE_TYPES)
    assert all(counts[t] >= 20 for t in FIVE_TYPES)


def test_areas_and_themes(demo):
    areas = set(demo.stakeholders["area"].dropna())
    themes = {t for ts in demo.stakeholders["themes"] for t in ts}
    assert 4 <= len(areas) <= 6 and areas == set(AREAS)
    assert 8 <= len(themes) <= 10 and themes == set(THEMES)


def test_names_are_unique_and_carry_dutch_characters(demo):
    names = demo.stakeholders["name"]
    assert names.is_unique
    text = " ".join(names)
    for character in ("ë", "é", "ĳ"):
        assert character in text


def test_scores_for_the_stakeholder_grid(demo):
    people = demo.stakeholders
    for kind in ("civil_servant", "organisation", "business"):
        rows = people[people["type"] == kind]
        assert rows["influence"].notna().mean() >= 0.75, kind
        assert rows["interest"].notna().mean() >= 0.75, kind
    assert people["influence"].dropna().between(1, 5).all()


def test_network_looks_like_a_town(demo):
    G = demo.to_graph()
    average_degree = 2 * G.number_of_edges() / len(G)
    assert 4 <= average_degree <= 6
    largest = max(nx.connected_components(G), key=len)
    assert len(largest) >= 0.9 * len(G)
    lonely_residents = [n for n in G if G.nodes[n]["type"] == "resident" and G.degree(n) == 1]
    assert len(lonely_residents) >= 5
    assert len(demo.relations) > G.number_of_edges(), "some pairs have more than one relation"
    assert set(demo.relations["type"]) == {"collaboration", "information", "funding", "formal", "informal"}


def test_ground_truth_keys_and_types(planted):
    G, truth = planted
    assert set(truth) == {"verbinders", "silos", "isolated_initiatives", "single_contact", "should_meet"}
    assert all(G.nodes[v]["type"] == "civil_servant" for v in truth["verbinders"])
    assert all(G.nodes[i]["type"] == "initiative" for i in truth["isolated_initiatives"])
    for item in truth["single_contact"]:
        assert G.nodes[item["initiative"]]["type"] == "initiative"
        assert G.nodes[item["civil_servant"]]["type"] == "civil_servant"
    assert all(isinstance(s["label"], str) and s["label"] for s in truth["silos"])


# -- the planted structure, checked with networkx -------------------------------------


def test_verbinders_top_betweenness_with_margin(planted):
    G, truth = planted
    verbinders = set(truth["verbinders"])
    assert 3 <= len(verbinders) <= 4
    betweenness = nx.betweenness_centrality(G, normalized=True)
    ranked = sorted(G, key=betweenness.get, reverse=True)
    assert set(ranked[: len(verbinders)]) == verbinders
    weakest_verbinder = min(betweenness[v] for v in verbinders)
    best_other = betweenness[ranked[len(verbinders)]]
    assert best_other <= 0.8 * weakest_verbinder


def test_verbinders_lowest_constraint_among_civil_servants(planted):
    G, truth = planted
    civil = [n for n in _civil_servants(G) if G.degree(n) > 0]
    constraint = nx.constraint(G, nodes=civil)
    ranked = sorted(civil, key=constraint.get)
    assert set(ranked[: len(truth["verbinders"])]) == set(truth["verbinders"])


def test_isolated_initiatives_reach_no_civil_servant(planted):
    G, truth = planted
    assert 3 <= len(truth["isolated_initiatives"]) <= 5
    civil = _civil_servants(G)
    for initiative in truth["isolated_initiatives"]:
        assert not nx.node_connected_component(G, initiative) & civil, initiative
    assert any(G.degree(i) == 0 for i in truth["isolated_initiatives"]), "one is a true isolate"
    assert any(G.degree(i) > 0 for i in truth["isolated_initiatives"]), "some have people around them"


def test_single_contact_is_the_only_route_to_the_municipality(planted):
    G, truth = planted
    assert len(truth["single_contact"]) >= 2
    civil = _civil_servants(G)
    cut_points = set(nx.articulation_points(G))
    for item in truth["single_contact"]:
        initiative, contact = item["initiative"], item["civil_servant"]
        others = civil - {contact}
        assert nx.node_connected_component(G, initiative) & others, "reachable while the contact stays"
        assert contact in cut_points
        without_contact = nx.restricted_view(G, [contact], [])
        assert not nx.node_connected_component(without_contact, initiative) & others


def _far_apart_pairs_alike(G) -> set[frozenset]:
    """Pairs in the same area sharing two or more themes, three or more steps apart."""
    near = {n: set(nx.single_source_shortest_path_length(G, n, cutoff=2)) for n in G}
    pairs = set()
    for u, v in itertools.combinations(G, 2):
        a, b = G.nodes[u], G.nodes[v]
        if a["area"] and a["area"] == b["area"] and len(set(a["themes"]) & set(b["themes"])) >= 2 \
                and v not in near[u]:
            pairs.add(frozenset((u, v)))
    return pairs


def test_should_meet_pairs(planted):
    G, truth = planted
    assert 3 <= len(truth["should_meet"]) <= 5
    for u, v in truth["should_meet"]:
        assert G.nodes[u]["area"] == G.nodes[v]["area"]
        assert len(set(G.nodes[u]["themes"]) & set(G.nodes[v]["themes"])) >= 2
        assert not nx.has_path(G, u, v) or nx.shortest_path_length(G, u, v) >= 3
    # They stand out: no other pair is alike and as far apart.
    assert _far_apart_pairs_alike(G) == {frozenset(p) for p in truth["should_meet"]}


def test_silos_dense_inside_barely_touching(planted):
    G, truth = planted
    assert len(truth["silos"]) == 2
    first, second = (set(s["members"]) for s in truth["silos"])
    assert not first & second
    between = sum(1 for u in first for v in G[u] if v in second)
    assert 1 <= between <= 2
    overall = nx.density(G)
    for members in (first, second):
        assert len(members) >= 8
        inside = nx.density(G.subgraph(members))
        assert inside >= 0.3 and inside >= 10 * overall


def test_data_dictionary_documents_the_ground_truth(repo_root, demo):
    readme = (repo_root / "data" / "README.md").read_text(encoding="utf-8")
    truth = ground_truth()
    ids = list(truth["verbinders"]) + list(truth["isolated_initiatives"])
    ids += [v for item in truth["single_contact"] for v in item.values()]
    ids += [v for pair in truth["should_meet"] for v in pair]
    for identifier in ids:
        assert f"`{identifier}`" in readme, identifier
    for silo in truth["silos"]:
        assert silo["label"] in readme
    for column in (*STAKEHOLDER_COLUMNS, *RELATION_COLUMNS):
        assert f"| `{column}` |" in readme, column
    assert f"{len(demo.relations)} relations" in readme
    assert str(DEFAULT_SEED) in readme
