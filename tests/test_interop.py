"""Real network files from other tools (../shared/interop/files, provenance in SOURCES.md).

Every file is a case: it loads with the right names, types and strengths,
or is refused with a located message that says why. The expected counts
come from the files themselves (SOURCES.md) and, for Zachary's karate club
and the prison network, from a second, independent copy of the same network.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import networkx as nx
import pytest

from netanalysis import io as nio

FILES = Path(__file__).resolve().parents[1].parent / "shared" / "interop" / "files"

pytestmark = pytest.mark.skipif(not FILES.is_dir(), reason="shared/interop/files is not beside the checkout")


def load(*names):
    return nio.load([FILES / n for n in names] if len(names) > 1 else FILES / names[0])


def codes(result):
    return [p.code for p in result.problems]


def edge_set(net, shift=0):
    return {frozenset((int(r["source"]) + shift, int(r["target"]) + shift)) for r in net.relations.to_dict("records")}


# (files, stakeholders, relations, layout) for every case that loads
LOADS = [
    (("autorite_concurrence_fr_edgelist_only.csv",), 1254, 6679, "edge_list"),
    (("ccsi_netzero_master_excel.xlsx",), 40, 46, "by_name"),
    (("cytoscape3_manual_export_grnsight.graphml",), 4, 3, "graph"),
    (("gephi093_lesmiserables.gexf",), 77, 254, "graph"),
    (("gephilite_directed_typed_weight05.gexf",), 61, 88, "graph"),
    (("gephilite_gexf13_edge_dates.gexf",), 8, 16, "graph"),
    (("gephilite_sample_airlines.graphml",), 235, 1297, "graph"),
    (("gexf11_dynamic_spells_wb.gexf",), 87, 218, "graph"),
    (("gexf13_spec_dynamic_spells.gexf",), 4, 4, "graph"),
    (("kumu_paypal_mafia.xlsx",), 34, 47, "kumu"),
    (("networkx321_spotify.gexf",), 189, 400, "graph"),
    (("pajek_karate_igraph_wien08.net",), 34, 77, "graph"),
    (("ucinet_dl_edgelist1_igraph.dl",), 5, 5, "graph"),
    (("ucinet_dl_prison_fullmatrix.dat",), 67, 142, "graph"),
    (("yed3161_state_diagram_grnsight.graphml",), 25, 34, "graph"),
    (("yed317_groupnodes.graphml",), 6, 4, "graph"),
    (("yedlive_yfileshtml26_selfloop.graphml",), 4, 2, "graph"),
    (("ccsi_netzero_gephi_nodes.csv", "ccsi_netzero_gephi_edges.csv"), 40, 46, "gephi"),
    (("gephi_datalab_prison_nodes.csv", "gephi_datalab_prison_edges.csv"), 67, 142, "gephi"),
]
# (file, error code, reason key or None)
REFUSED = [
    ("graphml_hyperedges_grnsight.graphml", "hyperedges", None),
    ("kumu_euro_crisis_damaged.xlsx", "unreadable_file", "damaged_zip"),
]


def test_every_file_is_a_case():
    covered = {n for files, *_ in LOADS for n in files} | {name for name, *_ in REFUSED}
    assert covered == {p.name for p in FILES.iterdir() if p.suffix != ".md"}
    assert len(LOADS) + len(REFUSED) == 21 and len(LOADS) >= 19


@pytest.mark.parametrize(("files", "stakeholders", "relations", "layout"), LOADS, ids=lambda v: v[0] if isinstance(v, tuple) else None)
def test_file_loads(files, stakeholders, relations, layout):
    result = load(*files)
    assert result.ok, [p.located("en") for p in result.errors]
    assert (len(result.network), len(result.network.relations), result.layout) == (stakeholders, relations, layout)
    strengths = result.network.relations["strength"]
    assert strengths.between(1, 5).all()
    for problem in result.problems:  # every message renders in both languages, located where it has a place
        assert problem.message("nl") and problem.message("en") and problem.file


@pytest.mark.parametrize(("name", "code", "reason"), REFUSED)
def test_file_is_refused_with_a_reason(name, code, reason):
    result = load(name)
    assert result.network is None and codes(result) == [code]
    problem = result.problems[0]
    assert problem.params.get("reason_key") == reason and problem.file == name
    for lang in ("nl", "en"):
        assert "Error" not in problem.message(lang) and len(problem.message(lang)) > 60


def test_no_library_warning_reaches_the_user():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for files, *_ in LOADS:
            load(*files)
    assert [str(w.message) for w in caught] == []


# -- what each file means --------------------------------------------------------


def karate_as_in_the_file() -> nx.Graph:
    """Zachary's club as this file has it: the tie 9-31 is written as a second 9-33 (SOURCES.md)."""
    G = nx.karate_club_graph()
    G.remove_edge(8, 30)
    return nx.relabel_nodes(G, lambda n: str(n + 1))


def test_pajek_karate_is_zacharys_karate_club():
    result = load("pajek_karate_igraph_wien08.net")
    assert edge_set(result.network) == {frozenset(map(int, e)) for e in karate_as_in_the_file().edges()}
    assert not result.network.has_strengths
    [merged] = [p for p in result.problems if p.code == "relations_merged"]
    assert (merged.file, merged.row, merged.params["count"]) == ("pajek_karate_igraph_wien08.net#edges", 44, 1)


def test_ucinet_matrix_and_gephi_tables_are_the_same_prison_network():
    matrix = load("ucinet_dl_prison_fullmatrix.dat").network
    gephi = load("gephi_datalab_prison_nodes.csv", "gephi_datalab_prison_edges.csv")
    assert edge_set(matrix, shift=-1) == edge_set(gephi.network)
    assert "direction_column" in codes(gephi)  # Gephi's Type=Undirected is no relation type
    assert set(gephi.network.relations["type"]) == {"collaboration"}


def test_gephi_weights_are_rescaled_and_gexfs_default_weight_is_one():
    result = load("gephi093_lesmiserables.gexf")
    raw = result.raw_weights
    assert len(raw) == 254 and raw["weight"].min() == 1 and raw["weight"].max() == 31
    # weight 1 (left out of the file) is the weakest tie, 31 the strongest, linear between
    assert raw.loc[raw["weight"] == 1, "strength"].eq(1).all() and raw.loc[raw["weight"] == 31, "strength"].eq(5).all()
    assert raw.loc[raw["weight"] == 16, "strength"].eq(3).all()
    names = result.network.names()
    assert names["11"] == "Valjean" and "weights_rescaled" in codes(result)
    [rescaled] = [p for p in result.problems if p.code == "weights_rescaled"]
    assert rescaled.column == "weight" and "1 tot 31" in rescaled.message("nl")


def test_equal_weights_carry_no_ranking():
    result = load("gephilite_directed_typed_weight05.gexf")
    assert set(result.network.relations["strength"]) == {3.0} and set(result.raw_weights["weight"]) == {0.5}
    assert result.network.names()["mathieu_jacomy"] == "Mathieu Jacomy"
    assert result.network.stakeholder("mathieu_jacomy")["type"] == "resident"  # "person"


def test_gexf13_weights_as_attribute_and_edge_dates():
    net = load("gephilite_gexf13_edge_dates.gexf").network
    ties = {frozenset((r["source"], r["target"])): r for r in net.relations.to_dict("records")}
    assert ties[frozenset(("alice", "bob"))]["strength"] == 2 and ties[frozenset(("alice", "bob"))]["since"] == "2022-01-15"
    assert ties[frozenset(("emiko", "hassan"))]["since"] is None  # the undated edge


@pytest.mark.parametrize("name", ["gexf11_dynamic_spells_wb.gexf", "gexf13_spec_dynamic_spells.gexf"])
def test_dynamic_gexf_is_flattened_with_a_warning(name):
    result = load(name)
    assert codes(result).count("time_flattened") == 1
    assert result.network.relations["since"].notna().any()


def test_names_attribute_and_yed_labels():
    cytoscape = load("cytoscape3_manual_export_grnsight.graphml")
    assert cytoscape.network.names()["122"] == "Gene4_name" and "self_loops_dropped" in codes(cytoscape)
    live = load("yedlive_yfileshtml26_selfloop.graphml").network.names()
    assert live["n1"] == "Star" and live["n2"] == "őð中"
    assert live["n3"] == "regular bold italic newline"  # yFiles 3 label markup removed
    classic = load("yed3161_state_diagram_grnsight.graphml").network.names()
    assert classic["n0"] == "Start"


def test_yed_groups_become_organisations():
    result = load("yed317_groupnodes.graphml")
    people = result.network.stakeholders.set_index("id")
    assert "groups_as_organisation" in codes(result)
    assert people["organisation"].notna().sum() >= 3


def test_kumu_workbook_ties_by_label():
    result = load("kumu_paypal_mafia.xlsx")
    net = result.network
    assert net.stakeholder("PayPal")["type"] == "business" and net.stakeholder("Peter Thiel")["type"] == "resident"
    assert {"PayPal", "Peter Thiel"} in [{r["source"], r["target"]} for r in net.relations.to_dict("records")]
    personal = [p for p in result.problems if p.code == "personal_columns"]
    assert personal and all("Email" in p.params["columns"] for p in personal)


def test_hand_made_workbook_ties_by_name():
    net = load("ccsi_netzero_master_excel.xlsx").network
    unep = next(i for i, n in net.names().items() if n == "UNEP FI")
    pri = next(i for i, n in net.names().items() if n == "UN Principles for Responsible Investment")
    tie = [r for r in net.relations.to_dict("records") if {r["source"], r["target"]} == {unep, pri}]
    assert tie and tie[0]["since"] == "2006"


def test_bare_edge_list_derives_stakeholders_with_one_warning():
    result = load("autorite_concurrence_fr_edgelist_only.csv")
    assert codes(result).count("derived_stakeholders") == 1
    assert set(result.network.stakeholders["type"]) == {"other"}
    assert len(result.warnings) <= 5
    assert result.raw_weights["weight"].min() >= 1 and result.raw_weights["strength"].max() == 5


def test_airlines_repeats_are_one_warning_not_a_thousand():
    result = load("gephilite_sample_airlines.graphml")
    assert codes(result).count("relations_merged") == 1 and len(result.problems) < 6
    [merged] = [p for p in result.problems if p.code == "relations_merged"]
    assert merged.params["count"] == 2101 - 1297 and merged.row is not None


def test_measures_agree_with_networkx_on_a_loaded_file():
    net = load("pajek_karate_igraph_wien08.net").network
    G = net.to_graph()
    expected = nx.betweenness_centrality(karate_as_in_the_file())
    got = nx.betweenness_centrality(G)
    assert all(math.isclose(got[n], expected[n], abs_tol=1e-12) for n in expected)
