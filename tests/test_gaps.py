"""Tests of netanalysis.gaps: communities, group mixing, E-I index, components,
isolated initiatives, uncovered themes and the JSON summary.

Expected values are counted by hand on small drawn graphs (the drawing is in
each fixture's docstring), or come from published data sets: Zachary's
karate club (Zachary 1977, as shipped with networkx, faction in the node
attribute ``club``).
"""

from __future__ import annotations

import json
import math
from collections import Counter

import networkx as nx
import pandas as pd
import pytest

from netanalysis import gaps
from reference_graphs import storage_variants


@pytest.fixture
def two_triangles() -> nx.Graph:
    """Two triangles a1-a2-a3 (area A) and b1-b2-b3 (area B), joined by two
    ties a1-b1 and a2-b2: 6 ties inside the areas, 2 between."""
    G = nx.Graph()
    G.add_edges_from([("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3")])
    G.add_edges_from([("a1", "b1"), ("a2", "b2")])
    nx.set_node_attributes(G, {n: n[0].upper() for n in G}, "area")
    return G


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


def test_communities_of_two_cliques_match_networkx_modularity():
    G = nx.barbell_graph(5, 0)  # two K5 joined by the single tie 4-5
    result = gaps.communities(G, weight=None)
    assert set(Counter(result["membership"].values()).values()) == {5}
    assert result["membership"][0] == result["membership"][4] != result["membership"][5]
    # By hand: m = 21, each clique has 10 inner ties and degree sum 21, so
    # Q = 2 * (10/21 - (21/42)^2) = 0.452381.
    assert result["modularity"] == pytest.approx(2 * (10 / 21 - 0.25))
    expected = nx.community.modularity(G, [set(range(5)), set(range(5, 10))], weight=None)
    assert result["modularity"] == pytest.approx(expected)


def test_communities_are_numbered_by_size_and_isolates_stand_alone():
    G = nx.complete_graph(4)
    G.add_edges_from([(10, 11)])
    G.add_node(20)
    membership = gaps.communities(G)["membership"]
    assert [membership[n] for n in (0, 10, 20)] == [0, 1, 2]


def test_communities_of_an_empty_graph():
    result = gaps.communities(nx.Graph())
    assert result["membership"] == {}
    assert math.isnan(result["modularity"])


def test_karate_club_factions_are_recovered():
    """Zachary (1977): the club split into Mr. Hi's and the Officer's
    factions. Louvain (seed 42, unweighted, since networkx's copy now
    carries interaction counts) should put at least 85% of the members in
    a community whose majority is their own faction."""
    G = nx.karate_club_graph()
    membership = gaps.communities(G, weight=None, seed=42)["membership"]
    club = nx.get_node_attributes(G, "club")
    majority = {
        c: Counter(club[n] for n in G if membership[n] == c).most_common(1)[0][0] for c in set(membership.values())
    }
    matched = sum(club[n] == majority[membership[n]] for n in G)
    assert matched / len(G) >= 0.85
    # Both factions must survive the merge, or 50% would be matched trivially.
    assert set(majority.values()) == {"Mr. Hi", "Officer"}


def test_community_profiles_summarise_in_both_languages():
    G = nx.Graph()
    for node, kind, area, themes in [
        ("r1", "resident", "Noord", ["groen"]),
        ("r2", "resident", "Noord", ["groen", "jeugd"]),
        ("i1", "initiative", "Noord", ["groen"]),
        ("c1", "civil_servant", "Zuid", ["jeugd"]),
    ]:
        G.add_node(node, type=kind, area=area, themes=themes, organisation="Wijkteam" if kind == "civil_servant" else None)
    G.add_edges_from([("r1", "r2"), ("r2", "i1"), ("i1", "c1")])
    profiles = gaps.community_profiles(G, {n: 0 for n in G}, lang="nl")
    row = profiles.iloc[0]
    assert (row["size"], row["resident"], row["initiative"], row["civil_servant"], row["business"]) == (4, 2, 1, 1, 0)
    assert row["top_themes"] == ["groen", "jeugd"]  # groen 3x, jeugd 2x
    assert row["top_areas"] == ["Noord", "Zuid"]
    assert row["top_organisations"] == ["Wijkteam"]
    # residents 2 of 4 lead; initiatives and civil servants 1 of 4 reach the
    # quarter threshold, the tie broken by the interface order (civil servant first).
    assert row["summary"] == "vooral bewoners en ambtenaren uit Noord rond groen en jeugd"
    english = gaps.community_profiles(G, {n: 0 for n in G}, lang="en").iloc[0]["summary"]
    assert english == "mostly residents and civil servants from Noord around groen and jeugd"


# -- mixing ---------------------------------------------------------------------


def test_mixing_matrix_counts_ties_by_hand(two_triangles):
    matrix = gaps.mixing_matrix(two_triangles, "area")
    assert matrix.loc["A", "A"] == 3 and matrix.loc["B", "B"] == 3
    assert matrix.loc["A", "B"] == matrix.loc["B", "A"] == 2
    # Every tie counted once: diagonal plus upper triangle is the number of ties.
    assert matrix.loc["A", "A"] + matrix.loc["B", "B"] + matrix.loc["A", "B"] == two_triangles.number_of_edges()


def test_tie_density_by_hand(two_triangles):
    density = gaps.tie_density(two_triangles, "area")
    assert density.loc["A", "A"] == pytest.approx(3 / 3)  # 3 ties of 3*2/2 pairs
    assert density.loc["A", "B"] == pytest.approx(2 / 9)  # 2 ties of 3*3 pairs


def test_mixing_by_type_and_missing_values():
    G = nx.Graph([("c", "r"), ("r", "x"), ("c", "c2")])
    nx.set_node_attributes(G, {"c": "civil_servant", "c2": "civil_servant", "r": "resident"}, "type")
    nx.set_node_attributes(G, {"c": "Noord", "r": "Noord"}, "area")
    by_type = gaps.mixing_matrix(G, "type")
    assert list(by_type.index) == ["civil_servant", "resident", "other"]  # interface order
    assert by_type.loc["civil_servant", "civil_servant"] == 1
    assert by_type.loc["resident", "other"] == 1
    by_area = gaps.mixing_matrix(G, "area")
    assert by_area.loc["Noord", gaps.MISSING_GROUP] == 2  # r-x and c-c2
    density = gaps.tie_density(G, "type")
    assert math.isnan(density.loc["other", "other"])  # one member: no pair possible


def test_mixing_refuses_lists_and_community_without_membership(two_triangles):
    nx.set_node_attributes(two_triangles, {n: ["groen"] for n in two_triangles}, "themes")
    with pytest.raises(TypeError):
        gaps.mixing_matrix(two_triangles, "themes")
    with pytest.raises(ValueError):
        gaps.mixing_matrix(two_triangles, "community")


def test_ei_index_two_groups_by_hand(two_triangles):
    overall = gaps.ei_index_overall(two_triangles, "area")
    # E = 2, I = 6: (2 - 6) / 8 = -0.5.
    assert (overall["external"], overall["internal"]) == (2, 6)
    assert overall["ei"] == pytest.approx(-0.5)
    # Random mixing: 6 pairs inside groups, 9 between, of 15: (9 - 6) / 15.
    assert overall["expected_ei"] == pytest.approx(0.2)
    per_group = gaps.ei_index(two_triangles, "area").set_index("group")
    # Group A: I = 3, E = 2: (2 - 3) / 5; expected (3*3 - 3) / (9 + 3) = 0.5.
    assert per_group.loc["A", "ei"] == pytest.approx(-0.2)
    assert per_group.loc["A", "expected_ei"] == pytest.approx(0.5)


def ties_by_group(G: nx.Graph, groups: dict) -> Counter:
    """The mixing count word for word: walk every tie of G.edges() once and
    count it in its two groups' cell (once on the diagonal)."""
    counts: Counter = Counter()
    for u, v in G.edges():
        counts[groups[u], groups[v]] += 1
        if groups[u] != groups[v]:
            counts[groups[v], groups[u]] += 1
    return counts


def _community_or_none(G: nx.Graph, attribute: str):
    return gaps.communities(G)["membership"] if attribute == "community" else None


@pytest.mark.parametrize("attribute", ["type", "area", "organisation", "community"])
@pytest.mark.parametrize("seed", [1, 2])
def test_mixing_and_ei_equal_counting_each_tie(seed, attribute):
    """Synthetic municipalities of 300 stakeholders: every cell of the mixing
    matrix, and every group's internal and external ties, equal a count over
    the edge list (the counting is vectorised, see fast.group_tie_counts)."""
    from netanalysis.synthetic import synthetic_municipality

    G = synthetic_municipality(300, seed=seed).to_graph()
    membership = _community_or_none(G, attribute)
    groups = gaps._group_of(G, attribute, membership)
    expected = ties_by_group(G, groups)
    matrix = gaps.mixing_matrix(G, attribute, membership=membership)
    assert len(matrix) > 1 and matrix.to_numpy().dtype == "int64"
    assert {(a, b): int(matrix.loc[a, b]) for a in matrix.index for b in matrix.columns if matrix.loc[a, b]} == dict(expected)
    per_group = gaps.ei_index(G, attribute, membership=membership).set_index("group")
    for group, row in per_group.iterrows():
        assert row["internal"] == expected[group, group]
        assert row["external"] == sum(count for (a, b), count in expected.items() if a == group and b != group)
    overall = gaps.ei_index_overall(G, attribute, membership=membership)
    assert overall["internal"] == sum(count for (a, b), count in expected.items() if a == b)
    assert overall["internal"] + overall["external"] == G.number_of_edges()


def test_mixing_counts_arcs_and_parallel_ties_but_no_self_loops():
    """By hand: a directed pair a->b, b->a counts twice between A and B, two
    parallel ties a-b twice; a self-loop a-a ties no two members and is not
    counted (in an undirected, a directed and a multigraph)."""
    groups = {"a": "A", "a2": "A", "b": "B"}
    directed = nx.DiGraph([("a", "b"), ("b", "a"), ("a", "a2"), ("a", "a")])
    parallel = nx.MultiGraph([("a", "b"), ("a", "b"), ("a", "a2"), ("a", "a")])
    looped = nx.Graph([("a", "b"), ("a", "a2"), ("a", "a")])
    for G, between, inside in ((directed, 2, 1), (parallel, 2, 1), (looped, 1, 1)):
        nx.set_node_attributes(G, groups, "area")
        matrix = gaps.mixing_matrix(G, "area")
        assert (matrix.loc["A", "B"], matrix.loc["B", "A"], matrix.loc["A", "A"]) == (between, between, inside)
        overall = gaps.ei_index_overall(G, "area")
        assert (overall["external"], overall["internal"]) == (between, inside)
        assert gaps.ei_index(G, "area").set_index("group").loc["A", "external"] == between


def test_ei_index_of_many_groups_stays_linear_in_memory():
    """A grouping can have a group per stakeholder (the organisations of a
    large network): the E-I counts are per group, so 5,000 groups on a path
    never hold the 5,000 x 5,000 group-by-group matrix (200 MB). By hand:
    every tie joins two different groups, so I = 0, E = 4,999 and E-I = 1;
    the ends of the path have one external tie, the others two."""
    import tracemalloc

    G = nx.path_graph(5000)
    nx.set_node_attributes(G, {v: f"org-{v}" for v in G}, "organisation")
    tracemalloc.start()
    try:
        overall = gaps.ei_index_overall(G, "organisation")
        per_group = gaps.ei_index(G, "organisation").set_index("group")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40e6
    assert (overall["internal"], overall["external"], overall["ei"]) == (0, 4999, 1.0)
    assert per_group.loc["org-0", "external"] == 1 and per_group.loc["org-7", "external"] == 2
    assert (per_group["internal"] == 0).all() and (per_group["ei"] == 1.0).all()


def test_ei_index_of_the_karate_factions():
    """The 11 ties between the factions, read off the edge list of Zachary
    (1977) as in networkx: 0-31, 1-30, 2-9, 2-27, 2-28, 2-32, 8-30, 8-32,
    8-33, 13-33, 19-33; the other 67 of the 78 ties lie within a faction
    (35 among Mr. Hi's 17 members, 32 among the Officer's 17)."""
    G = nx.karate_club_graph()
    overall = gaps.ei_index_overall(G, "club")
    assert (overall["external"], overall["internal"]) == (11, 67)
    assert overall["ei"] == pytest.approx((11 - 67) / 78)
    per_group = gaps.ei_index(G, "club").set_index("group")
    assert per_group.loc["Mr. Hi", "ei"] == pytest.approx((11 - 35) / 46)
    assert per_group.loc["Officer", "ei"] == pytest.approx((11 - 32) / 43)


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
    assert summary["density_by_community"]["groups"] == [0, 1, gaps.REST_COMMUNITY]
    capped = gaps.gap_summary(G, max_groups=1)
    assert capped["density_by_community"]["groups"] == [0, gaps.REST_COMMUNITY]
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
    one = gaps.communities(reach_graph)
    two = gaps.communities(renamed)
    assert {mapping[n]: c for n, c in one["membership"].items()} == two["membership"]
    assert one["modularity"] == pytest.approx(two["modularity"])


def test_functions_leave_the_graph_unchanged(reach_graph):
    before = reach_graph.copy()
    gaps.gap_summary(reach_graph)
    assert nx.utils.graphs_equal(before, reach_graph)


def test_frozen_stakeholder_graph_works(small_network):
    G = small_network.to_graph()
    assert nx.is_frozen(G)
    assert gaps.communities(G)["membership"].keys() == set(G)


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
    density = gaps.tie_density(G, "community", membership=membership)
    counts = gaps.mixing_matrix(G, "community", membership=membership)
    first, second = 0, 1
    assert counts.loc[first, second] <= 2
    for silo in (first, second):
        # A silo: dense inside, at least ten times sparser to the other silo.
        assert density.loc[first, second] * 10 < density.loc[silo, silo]
    ei = gaps.ei_index(G, "community", membership=membership).set_index("group")
    assert (ei.loc[[first, second], "ei"] < 0).all()
    assert (ei.loc[[first, second], "ei"] < ei.loc[[first, second], "expected_ei"]).all()


def test_mixing_folds_all_but_the_largest_groups_into_one():
    # Path 0-1-...-9; organisation A for 0-3, then one organisation each (E..J).
    G = nx.path_graph(10)
    nx.set_node_attributes(G, {n: "A" if n <= 3 else "ABCDEFGHIJ"[n] for n in G}, "organisation")
    counts = gaps.mixing_matrix(G, "organisation", max_groups=3)
    # Kept: A (4 people) and E (first by name among the groups of one); F-J together.
    assert list(counts.index) == ["A", "E", gaps.OTHER_GROUPS]
    assert counts.loc["A", "A"] == 3 and counts.loc["A", "E"] == 1 and counts.loc["E", gaps.OTHER_GROUPS] == 1
    assert counts.loc[gaps.OTHER_GROUPS, gaps.OTHER_GROUPS] == 4  # 5-6, 6-7, 7-8, 8-9
    values = counts.to_numpy()
    assert (values.sum() + values.trace()) / 2 == G.number_of_edges()  # folding loses no tie
    density = gaps.tie_density(G, "organisation", max_groups=3)
    assert density.loc[gaps.OTHER_GROUPS, gaps.OTHER_GROUPS] == pytest.approx(4 / 10)  # 4 of the 5*4/2 pairs
    assert density.loc["E", gaps.OTHER_GROUPS] == pytest.approx(1 / 5)
    # Few enough groups: nothing folded; communities fold into REST_COMMUNITY.
    assert list(gaps.mixing_matrix(G, "organisation", max_groups=7).index) == list("AEFGHIJ")
    membership = {n: n // 2 for n in G}  # five communities of two
    folded = gaps.mixing_matrix(G, "community", membership=membership, max_groups=2)
    assert list(folded.index) == [0, gaps.REST_COMMUNITY]
    assert folded.loc[0, gaps.REST_COMMUNITY] == 1 and folded.loc[gaps.REST_COMMUNITY, gaps.REST_COMMUNITY] == 7
    with pytest.raises(ValueError):
        gaps.mixing_matrix(G, "organisation", max_groups=1)
