"""Tests of netanalysis.gaps: communities, group mixing, E-I index, components,
isolated initiatives, uncovered themes and the JSON summary.

Expected values are counted by hand on small drawn graphs (the drawing is in
each fixture's docstring), or come from published data sets: Zachary's
karate club (Zachary 1977, as shipped with networkx, faction in the node
attribute ``club``).
"""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest

from netanalysis import communities, gaps
from reference_graphs import storage_variants


@pytest.fixture
def reach_graph() -> nx.Graph:
    """One initiative for every reason, plus one that is fine::

        c1 - c2 - c3 - c1           civil servants (a triangle)
        ok - c1, ok - c2            well connected: not listed
        r1 - c1, r1 - c2, single - r1        single_person via r1 (2 steps)
        direct - c3                 single_person via c3 itself (1 step)
        c3 - r2 - r3 - far          long_path (3 steps), via r3, r2 and c3 (its only door)
        lost - r4                   no_path (a component without civil servants)
        alone                       no_path (an isolate)
    """
    G = nx.Graph()
    G.add_edges_from([("c1", "c2"), ("c2", "c3"), ("c3", "c1"), ("ok", "c1"), ("ok", "c2")])
    G.add_edges_from([("r1", "c1"), ("r1", "c2"), ("single", "r1"), ("direct", "c3")])
    G.add_edges_from([("c3", "r2"), ("r2", "r3"), ("r3", "far"), ("lost", "r4")])
    G.add_node("alone")
    types = {n: "resident" for n in G}
    types.update({c: "civil_servant" for c in ("c1", "c2", "c3")})
    types.update({i: "initiative" for i in ("ok", "single", "direct", "far", "lost", "alone")})
    nx.set_node_attributes(G, types, "type")
    nx.set_node_attributes(G, {n: f"Naam {n}" for n in G}, "name")
    return G


# -- communities ---------------------------------------------------------------


# -- mixing ---------------------------------------------------------------------


# -- components and reach -------------------------------------------------------


def test_component_summary_and_isolates(reach_graph):
    summary = gaps.component_summary(reach_graph)
    assert summary["size"].tolist() == [10, 2, 1]
    assert summary["has_civil_servant"].tolist() == [True, False, False]
    assert summary.loc[0, "civil_servants"] == 3
    assert summary.loc[1, "members"] == ["lost", "r4"]
    assert gaps.isolates(reach_graph) == ["alone"]


def test_isolated_initiatives_one_of_each_reason(reach_graph):
    found = gaps.isolated_initiatives(reach_graph, lang="nl").set_index("id")
    assert sorted(found.index) == ["alone", "direct", "far", "lost", "single"]  # "ok" has two doors
    assert found.loc["alone", "reason_code"] == found.loc["lost", "reason_code"] == "no_path"
    assert found.loc["alone", "reason"] == "Geen enkele route naar de gemeente"
    assert pd.isna(found.loc["lost", "distance"])
    assert found.loc["far", "reason_code"] == "long_path"
    assert found.loc["far", "distance"] == 3
    assert found.loc["far", "via_all"] == ["r3", "r2", "c3"]
    assert found.loc["far", "reason"] == "De dichtstbijzijnde ambtenaar is drie stappen ver, en elke route loopt via Naam r3"
    assert found.loc["single", "reason_code"] == "single_person"
    assert (found.loc["single", "via"], found.loc["single", "via_name"], found.loc["single", "distance"]) == ("r1", "Naam r1", 2)
    assert found.loc["direct", "reason_code"] == "single_person"
    assert found.loc["direct", "via"] == "c3"
    english = gaps.isolated_initiatives(reach_graph, lang="en").set_index("id")
    assert english.loc["single", "reason"] == "Every route to the municipality runs through one person: Naam r1"
    # Most severe first.
    assert gaps.isolated_initiatives(reach_graph)["reason_code"].tolist() == [
        "no_path", "no_path", "long_path", "single_person", "single_person"
    ]


def test_isolated_initiatives_long_path_threshold(reach_graph):
    found = gaps.isolated_initiatives(reach_graph, long_path=4).set_index("id")
    # At 3 steps "far" is no longer long, but r3 is still its only way in.
    assert found.loc["far", "reason_code"] == "single_person"
    assert found.loc["far", "via"] == "r3"


def test_isolated_initiatives_a_second_route_removes_the_single_person(reach_graph):
    G = reach_graph.copy()
    G.add_edge("single", "c3")
    found = gaps.isolated_initiatives(G)
    assert "single" not in set(found["id"])


def test_isolated_initiatives_without_civil_servants():
    G = nx.Graph([("i", "r")])
    nx.set_node_attributes(G, {"i": "initiative", "r": "resident"}, "type")
    found = gaps.isolated_initiatives(G)
    assert found["reason_code"].tolist() == ["no_path"]


def test_isolated_initiatives_matches_brute_force_on_random_graphs():
    """Cross-check of the block-cut-tree shortcut against its definition:
    v is a single person for t when removing v leaves t with no civil
    servant (other than v) in reach."""
    for seed in range(30):
        G = nx.gnm_random_graph(18, 22, seed=seed)
        types = {n: ("civil_servant" if n % 6 == 0 else "initiative" if n % 3 == 1 else "resident") for n in G}
        nx.set_node_attributes(G, types, "type")
        civil = [n for n in G if types[n] == "civil_servant"]
        found = gaps.isolated_initiatives(G, long_path=99).set_index("id")
        for t in (n for n in G if types[n] == "initiative"):
            reach = nx.node_connected_component(G, t)
            if not any(c in reach for c in civil):
                assert found.loc[t, "reason_code"] == "no_path"
                continue
            blockers = []
            for v in G:
                if v == t:
                    continue
                H = G.subgraph(n for n in G if n != v)
                if not any(c in nx.node_connected_component(H, t) for c in civil if c != v):
                    blockers.append(v)
            if blockers:
                assert set(found.loc[t, "via_all"]) == set(blockers), (seed, t)
                nearest = min(blockers, key=lambda v: nx.shortest_path_length(G, t, v))
                assert found.loc[t, "via"] == nearest
            else:
                assert t not in found.index


def _isolation_by_definition(G, long_path=3):
    """Each initiative's reason, steps and via_all from the definitions:
    steps to the nearest civil servant by breadth-first search from each,
    and x on every route when removing x leaves the initiative no civil
    servant (other than x) in reach; nearest first."""
    servants = [v for v in G if G.nodes[v].get("type") == "civil_servant"]
    steps = {}
    for c in servants:
        for v, d in nx.single_source_shortest_path_length(G, c).items():
            steps[v] = min(d, steps.get(v, d))

    def reached(H):
        seen = set()
        for c in servants:
            if c in H and c not in seen:
                seen |= nx.node_connected_component(H, c)
        return seen

    without = {x: reached(nx.restricted_view(G, [x], [])) for x in G}
    found = {}
    for t in (v for v in G if G.nodes[v].get("type") == "initiative"):
        if t not in steps:
            found[t] = ("no_path", None, [])
            continue
        via = [x for x in G if x != t and t not in without[x]]
        via.sort(key=nx.single_source_shortest_path_length(G, t).__getitem__)
        if steps[t] >= long_path:
            found[t] = ("long_path", steps[t], via)
        elif via:
            found[t] = ("single_person", steps[t], via)
    return found


def _isolation_cases() -> dict:
    """A frozen stakeholder graph (its cached conversions) with an
    initiative that has no relations, the same graph unfrozen and with
    integer ids, and one with a second piece that has a civil servant of
    its own."""
    from netanalysis.synthetic import synthetic_municipality

    base = nx.Graph(synthetic_municipality(300, seed=6).to_graph())
    base.add_node("zz-alone", type="initiative", name="Alleen")
    frozen = nx.freeze(base)
    two = nx.disjoint_union(base, nx.path_graph(5))
    nx.set_node_attributes(two, {301: "civil_servant", 303: "initiative", 305: "initiative"}, "type")
    return {
        **storage_variants(frozen),
        "frozen, two pieces with civil servants": nx.freeze(two),
    }


@pytest.mark.parametrize("case", sorted(_isolation_cases()))
def test_isolated_initiatives_equal_the_definition_on_every_kind_of_graph(case):
    G = _isolation_cases()[case]
    found = gaps.isolated_initiatives(G)
    expected = _isolation_by_definition(G)
    assert {"no_path", "long_path", "single_person"} <= {code for code, _, _ in expected.values()}
    assert {row.id: (row.reason_code, None if pd.isna(row.distance) else row.distance, row.via_all)
            for row in found.itertuples()} == expected
    assert found["via"].tolist() == [chain[0] if chain else None for chain in found["via_all"]]


def test_isolated_initiatives_follow_a_changing_graph():
    """Nothing is kept of a graph that is not frozen."""
    G = nx.Graph([("c", "r"), ("r", "i")])
    nx.set_node_attributes(G, {"c": "civil_servant", "r": "resident", "i": "initiative"}, "type")
    assert gaps.isolated_initiatives(G)["via"].tolist() == ["r"]
    G.add_edge("c", "i")  # c is now the one door
    assert gaps.isolated_initiatives(G)["via_all"].tolist() == [["c"]]
    G.add_node("c2", type="civil_servant")
    G.add_edge("c2", "i")  # a second door
    assert gaps.isolated_initiatives(G).empty


def test_isolated_initiatives_refuse_parallel_relations():
    G = nx.MultiGraph([("c", "i"), ("c", "i")])
    nx.set_node_attributes(G, {"c": "civil_servant", "i": "initiative"}, "type")
    with pytest.raises(nx.NetworkXNotImplemented):
        gaps.isolated_initiatives(G)


def test_directed_graphs_are_refused():
    with pytest.raises(nx.NetworkXNotImplemented):
        gaps.isolated_initiatives(nx.DiGraph([("a", "b")]))
    with pytest.raises(nx.NetworkXNotImplemented):
        gaps.gap_summary(nx.DiGraph([("a", "b")]))


def test_themes_as_one_string_are_split():
    """GraphML and GEXF carry a list attribute as text."""
    G = nx.Graph()
    G.add_node("c", type="civil_servant", themes="jeugd")
    G.add_node("i", type="initiative", themes="jeugd;groen")
    assert gaps.uncovered_themes(G)["theme"].tolist() == ["groen"]


def test_uncovered_themes():
    G = nx.Graph()
    G.add_node("c", type="civil_servant", themes=["Jeugd"])
    G.add_node("i1", type="initiative", themes=["jeugd", "groen"], name="Moestuin")
    G.add_node("i2", type="initiative", themes=["groen", "cultuur"], name="Atelier")
    G.add_node("r", type="resident", themes=["sport"])
    found = gaps.uncovered_themes(G)
    assert found["theme"].tolist() == ["groen", "cultuur"]  # jeugd is covered (case-insensitive); sport has no initiative
    assert found.loc[0, "initiatives"] == ["i2", "i1"]  # by name: Atelier, Moestuin
    assert found["count"].tolist() == [2, 1]


# -- summary and invariants ------------------------------------------------------


def test_gap_summary_is_json_ready(reach_graph):
    summary = gaps.gap_summary(reach_graph, lang="en")
    text = json.dumps(summary, allow_nan=False)  # raises on NaN or numpy types
    assert json.loads(text) == summary
    head = summary["headline"]
    assert head["isolated_initiatives"] == {"no_path": 2, "long_path": 1, "single_person": 2}
    assert (head["stakeholders"], head["components"], head["isolates"]) == (13, 3, 1)
    assert head["components_without_civil_servant"] == 2
    assert len(summary["isolated_initiatives"]) == 5


def test_gap_summary_lumps_small_communities_in_the_density_matrix():
    G = nx.barbell_graph(4, 0)  # two communities of four
    G.add_nodes_from(["x", "y", "z"])  # three isolates: three communities of one
    summary = gaps.gap_summary(G)
    assert summary["headline"]["communities"] == 5
    # The lumped rest comes last, after the communities it is not.
    assert summary["density_by_community"]["groups"] == [0, 1, communities.REST_COMMUNITY]
    capped = gaps.gap_summary(G, max_groups=1)
    assert capped["density_by_community"]["groups"] == [0, communities.REST_COMMUNITY]
    # The rest holds community 1 (4 members, 6 ties) and the isolates: 6 ties of 7*6/2 pairs.
    assert capped["density_by_community"]["values"][1][1] == pytest.approx(6 / 21)


def test_gap_summary_of_an_empty_graph():
    summary = gaps.gap_summary(nx.Graph())
    json.dumps(summary, allow_nan=False)
    assert summary["headline"]["stakeholders"] == 0
    assert summary["headline"]["modularity"] is None


def test_gap_summary_of_a_stakeholder_network(small_network):
    G = small_network.to_graph()
    summary = gaps.gap_summary(G)
    json.dumps(summary, allow_nan=False)
    # I2 (Repair Café Zuid) has no tie; I1 reaches the municipality only through B1.
    lonely = {row["id"]: row for row in summary["isolated_initiatives"]}
    assert lonely["I2"]["reason_code"] == "no_path"
    assert (lonely["I1"]["reason_code"], lonely["I1"]["via"]) == ("single_person", "B1")


def test_renumbering_changes_nothing(reach_graph):
    mapping = {n: f"id-{i:03d}" for i, n in enumerate(reach_graph)}
    renamed = nx.relabel_nodes(reach_graph, mapping)
    before = gaps.isolated_initiatives(reach_graph)
    after = gaps.isolated_initiatives(renamed)
    assert [mapping[n] for n in before["id"]] == after["id"].tolist()
    assert [mapping[n] if n is not None else None for n in before["via"]] == after["via"].tolist()
    assert before["reason"].tolist() == after["reason"].tolist()
    one = communities.communities(reach_graph)
    two = communities.communities(renamed)
    assert {mapping[n]: c for n, c in one["membership"].items()} == two["membership"]
    assert one["modularity"] == pytest.approx(two["modularity"])


def test_functions_leave_the_graph_unchanged(reach_graph):
    before = reach_graph.copy()
    gaps.gap_summary(reach_graph)
    assert nx.utils.graphs_equal(before, reach_graph)


def test_frozen_stakeholder_graph_works(small_network):
    G = small_network.to_graph()
    assert nx.is_frozen(G)
    assert communities.communities(G)["membership"].keys() == set(G)


# -- the demo municipality --------------------------------------------------------


@pytest.fixture(scope="module")
def demo():
    demo_module = pytest.importorskip("netanalysis.demo")
    return demo_module.build_demo().to_graph(), demo_module.ground_truth()


def test_demo_isolated_initiatives_are_found(demo):
    G, truth = demo
    found = gaps.isolated_initiatives(G).set_index("id")
    for initiative in truth["isolated_initiatives"]:
        assert found.loc[initiative, "reason_code"] == "no_path", initiative


def test_demo_single_contacts_are_found(demo):
    G, truth = demo
    found = gaps.isolated_initiatives(G).set_index("id")
    for planted in truth["single_contact"]:
        row = found.loc[planted["initiative"]]
        assert row["reason_code"] == "single_person"
        assert row["via"] == planted["civil_servant"]


def test_demo_silos_show_in_the_densities(demo):
    G, truth = demo
    membership = {n: len(truth["silos"]) for n in G}
    for index, silo in enumerate(truth["silos"]):
        membership.update({n: index for n in silo["members"]})
    density = communities.tie_density(G, "community", membership=membership)
    counts = communities.mixing_matrix(G, "community", membership=membership)
    first, second = 0, 1
    assert counts.loc[first, second] <= 2
    for silo in (first, second):
        # A silo: dense inside, at least ten times sparser to the other silo.
        assert density.loc[first, second] * 10 < density.loc[silo, silo]
    ei = communities.ei_index(G, "community", membership=membership).set_index("group")
    assert (ei.loc[[first, second], "ei"] < 0).all()
    assert (ei.loc[[first, second], "ei"] < ei.loc[[first, second], "expected_ei"]).all()


