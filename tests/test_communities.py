"""Communities and ties between groups (netanalysis.communities): Louvain,
profiles, mixing, tie density, the E-I index and group tie counts.

Known values: networkx's modularity and Louvain, Zachary's karate club
factions, Krackhardt and Stern's E-I index counted by hand on two
triangles; the vectorised counts equal counting each tie, and both
backends are compared on the graphs of tests/backends.py.
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx
import pytest

from netanalysis import communities, graphs
from backends import BACKENDS, pieces


@pytest.fixture
def two_triangles() -> nx.Graph:
    """Two triangles a1-a2-a3 (area A) and b1-b2-b3 (area B), joined by two
    ties a1-b1 and a2-b2: 6 ties inside the areas, 2 between."""
    G = nx.Graph()
    G.add_edges_from([("a1", "a2"), ("a2", "a3"), ("a1", "a3"), ("b1", "b2"), ("b2", "b3"), ("b1", "b3")])
    G.add_edges_from([("a1", "b1"), ("a2", "b2")])
    nx.set_node_attributes(G, {n: n[0].upper() for n in G}, "area")
    return G


def test_communities_of_two_cliques_match_networkx_modularity():
    G = nx.barbell_graph(5, 0)  # two K5 joined by the single tie 4-5
    result = communities.communities(G, weight=None)
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
    membership = communities.communities(G)["membership"]
    assert [membership[n] for n in (0, 10, 20)] == [0, 1, 2]


def test_communities_of_an_empty_graph():
    result = communities.communities(nx.Graph())
    assert result["membership"] == {}
    assert math.isnan(result["modularity"])


def test_karate_club_factions_are_recovered():
    """Zachary (1977): the club split into Mr. Hi's and the Officer's
    factions. Louvain (seed 42, unweighted, since networkx's copy now
    carries interaction counts) should put at least 85% of the members in
    a community whose majority is their own faction."""
    G = nx.karate_club_graph()
    membership = communities.communities(G, weight=None, seed=42)["membership"]
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
    profiles = communities.community_profiles(G, {n: 0 for n in G}, lang="nl")
    row = profiles.iloc[0]
    assert (row["size"], row["resident"], row["initiative"], row["civil_servant"], row["business"]) == (4, 2, 1, 1, 0)
    assert row["top_themes"] == ["groen", "jeugd"]  # groen 3x, jeugd 2x
    assert row["top_areas"] == ["Noord", "Zuid"]
    assert row["top_organisations"] == ["Wijkteam"]
    # residents 2 of 4 lead; initiatives and civil servants 1 of 4 reach the
    # quarter threshold, the tie broken by the interface order (civil servant first).
    assert row["summary"] == "vooral bewoners en ambtenaren uit Noord rond groen en jeugd"
    english = communities.community_profiles(G, {n: 0 for n in G}, lang="en").iloc[0]["summary"]
    assert english == "mostly residents and civil servants from Noord around groen and jeugd"


def test_mixing_matrix_counts_ties_by_hand(two_triangles):
    matrix = communities.mixing_matrix(two_triangles, "area")
    assert matrix.loc["A", "A"] == 3 and matrix.loc["B", "B"] == 3
    assert matrix.loc["A", "B"] == matrix.loc["B", "A"] == 2
    # Every tie counted once: diagonal plus upper triangle is the number of ties.
    assert matrix.loc["A", "A"] + matrix.loc["B", "B"] + matrix.loc["A", "B"] == two_triangles.number_of_edges()


def test_tie_density_by_hand(two_triangles):
    density = communities.tie_density(two_triangles, "area")
    assert density.loc["A", "A"] == pytest.approx(3 / 3)  # 3 ties of 3*2/2 pairs
    assert density.loc["A", "B"] == pytest.approx(2 / 9)  # 2 ties of 3*3 pairs


def test_mixing_by_type_and_missing_values():
    G = nx.Graph([("c", "r"), ("r", "x"), ("c", "c2")])
    nx.set_node_attributes(G, {"c": "civil_servant", "c2": "civil_servant", "r": "resident"}, "type")
    nx.set_node_attributes(G, {"c": "Noord", "r": "Noord"}, "area")
    by_type = communities.mixing_matrix(G, "type")
    assert list(by_type.index) == ["civil_servant", "resident", "other"]  # interface order
    assert by_type.loc["civil_servant", "civil_servant"] == 1
    assert by_type.loc["resident", "other"] == 1
    by_area = communities.mixing_matrix(G, "area")
    assert by_area.loc["Noord", communities.MISSING_GROUP] == 2  # r-x and c-c2
    density = communities.tie_density(G, "type")
    assert math.isnan(density.loc["other", "other"])  # one member: no pair possible


def test_mixing_refuses_lists_and_community_without_membership(two_triangles):
    nx.set_node_attributes(two_triangles, {n: ["groen"] for n in two_triangles}, "themes")
    with pytest.raises(TypeError):
        communities.mixing_matrix(two_triangles, "themes")
    with pytest.raises(ValueError):
        communities.mixing_matrix(two_triangles, "community")


def test_ei_index_two_groups_by_hand(two_triangles):
    overall = communities.ei_index_overall(two_triangles, "area")
    # E = 2, I = 6: (2 - 6) / 8 = -0.5.
    assert (overall["external"], overall["internal"]) == (2, 6)
    assert overall["ei"] == pytest.approx(-0.5)
    # Random mixing: 6 pairs inside groups, 9 between, of 15: (9 - 6) / 15.
    assert overall["expected_ei"] == pytest.approx(0.2)
    per_group = communities.ei_index(two_triangles, "area").set_index("group")
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
    return communities.communities(G)["membership"] if attribute == "community" else None


@pytest.mark.parametrize("attribute", ["type", "area", "organisation", "community"])
@pytest.mark.parametrize("seed", [1, 2])
def test_mixing_and_ei_equal_counting_each_tie(seed, attribute):
    """Synthetic municipalities of 300 stakeholders: every cell of the mixing
    matrix, and every group's internal and external ties, equal a count over
    the edge list (the counting is vectorised, see communities.group_tie_counts)."""
    from netanalysis.synthetic import synthetic_municipality

    G = synthetic_municipality(300, seed=seed).to_graph()
    membership = _community_or_none(G, attribute)
    groups = communities._group_of(G, attribute, membership)
    expected = ties_by_group(G, groups)
    matrix = communities.mixing_matrix(G, attribute, membership=membership)
    assert len(matrix) > 1 and matrix.to_numpy().dtype == "int64"
    assert {(a, b): int(matrix.loc[a, b]) for a in matrix.index for b in matrix.columns if matrix.loc[a, b]} == dict(expected)
    per_group = communities.ei_index(G, attribute, membership=membership).set_index("group")
    for group, row in per_group.iterrows():
        assert row["internal"] == expected[group, group]
        assert row["external"] == sum(count for (a, b), count in expected.items() if a == group and b != group)
    overall = communities.ei_index_overall(G, attribute, membership=membership)
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
        matrix = communities.mixing_matrix(G, "area")
        assert (matrix.loc["A", "B"], matrix.loc["B", "A"], matrix.loc["A", "A"]) == (between, between, inside)
        overall = communities.ei_index_overall(G, "area")
        assert (overall["external"], overall["internal"]) == (between, inside)
        assert communities.ei_index(G, "area").set_index("group").loc["A", "external"] == between


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
        overall = communities.ei_index_overall(G, "organisation")
        per_group = communities.ei_index(G, "organisation").set_index("group")
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
    overall = communities.ei_index_overall(G, "club")
    assert (overall["external"], overall["internal"]) == (11, 67)
    assert overall["ei"] == pytest.approx((11 - 67) / 78)
    per_group = communities.ei_index(G, "club").set_index("group")
    assert per_group.loc["Mr. Hi", "ei"] == pytest.approx((11 - 35) / 46)
    assert per_group.loc["Officer", "ei"] == pytest.approx((11 - 32) / 43)


def test_mixing_folds_all_but_the_largest_groups_into_one():
    # Path 0-1-...-9; organisation A for 0-3, then one organisation each (E..J).
    G = nx.path_graph(10)
    nx.set_node_attributes(G, {n: "A" if n <= 3 else "ABCDEFGHIJ"[n] for n in G}, "organisation")
    counts = communities.mixing_matrix(G, "organisation", max_groups=3)
    # Kept: A (4 people) and E (first by name among the groups of one); F-J together.
    assert list(counts.index) == ["A", "E", communities.OTHER_GROUPS]
    assert counts.loc["A", "A"] == 3 and counts.loc["A", "E"] == 1 and counts.loc["E", communities.OTHER_GROUPS] == 1
    assert counts.loc[communities.OTHER_GROUPS, communities.OTHER_GROUPS] == 4  # 5-6, 6-7, 7-8, 8-9
    values = counts.to_numpy()
    assert (values.sum() + values.trace()) / 2 == G.number_of_edges()  # folding loses no tie
    density = communities.tie_density(G, "organisation", max_groups=3)
    assert density.loc[communities.OTHER_GROUPS, communities.OTHER_GROUPS] == pytest.approx(4 / 10)  # 4 of the 5*4/2 pairs
    assert density.loc["E", communities.OTHER_GROUPS] == pytest.approx(1 / 5)
    # Few enough groups: nothing folded; communities fold into REST_COMMUNITY.
    assert list(communities.mixing_matrix(G, "organisation", max_groups=7).index) == list("AEFGHIJ")
    membership = {n: n // 2 for n in G}  # five communities of two
    folded = communities.mixing_matrix(G, "community", membership=membership, max_groups=2)
    assert list(folded.index) == [0, communities.REST_COMMUNITY]
    assert folded.loc[0, communities.REST_COMMUNITY] == 1 and folded.loc[communities.REST_COMMUNITY, communities.REST_COMMUNITY] == 7
    with pytest.raises(ValueError):
        communities.mixing_matrix(G, "organisation", max_groups=1)


# -- both backends ---------------------------------------------------------------


def test_group_tie_counts_add_up_to_the_ties():
    G = pieces()
    groups = {v: v[0] < "h" for v in G}  # names before 'h' and after
    counts = communities.group_tie_counts(G, groups, [True, False])
    assert (counts == counts.T).all()
    assert counts[0, 0] + counts[1, 1] + counts[0, 1] == G.number_of_edges()
    assert counts[0, 1] == 2  # gijs-hans and hans-fleur


def test_numpy_communities_are_networkx_louvain(graph):
    found = communities.communities(graph, seed=3, backend="numpy")
    groups = {}
    for node, community in found["membership"].items():
        groups.setdefault(community, set()).add(node)
    expected = nx.community.louvain_communities(graph, weight="weight", seed=3)
    assert {frozenset(g) for g in groups.values()} == {frozenset(c) for c in expected}
    assert found["modularity"] == pytest.approx(nx.community.modularity(graph, expected, weight="weight"), abs=1e-12)


@pytest.mark.parametrize("backend", BACKENDS)
def test_communities_are_numbered_by_size_and_modularity_is_networkx(graph, backend):
    result = communities.communities(graph, seed=1, backend=backend)
    membership = result["membership"]
    assert set(membership) == set(graph)
    groups: dict[int, list] = {}
    for node, number in membership.items():
        groups.setdefault(number, []).append(node)
    assert sorted(groups) == list(range(len(groups)))
    sizes = [len(groups[i]) for i in range(len(groups))]
    assert sizes == sorted(sizes, reverse=True)
    partition = [groups[i] for i in range(len(groups))]
    assert result["modularity"] == pytest.approx(nx.community.modularity(graph, partition, weight="weight"), abs=1e-9)


@pytest.mark.skipif(not graphs.HAS_IGRAPH, reason="python-igraph not installed")
def test_igraph_louvain_is_as_good_as_networkx(graph):
    ours = communities.communities(graph, seed=42, weight=None, backend="igraph")["modularity"]
    reference = nx.community.modularity(graph, nx.community.louvain_communities(graph, weight=None, seed=42), weight=None)
    assert ours >= reference - 0.02


@pytest.mark.skipif(not graphs.HAS_IGRAPH, reason="python-igraph not installed")
def test_igraph_louvain_is_seeded_and_finds_planted_groups():
    G = nx.barbell_graph(5, 0)
    G = nx.relabel_nodes(G, {i: f"n{i}" for i in G})
    first = communities.communities(G, seed=7, backend="igraph")
    assert first == communities.communities(G, seed=7, backend="igraph")
    assert {frozenset(v for v, c in first["membership"].items() if c == number) for number in (0, 1)} == {
        frozenset(f"n{i}" for i in range(5)),
        frozenset(f"n{i}" for i in range(5, 10)),
    }
    # Equal sizes: the group holding the first name alphabetically is number 0.
    assert first["membership"]["n0"] == 0


def test_communities_of_graphs_without_ties():
    assert communities.communities(nx.Graph())["membership"] == {}
    lonely = communities.communities(nx.empty_graph(["b", "a"]))
    assert lonely["membership"] == {"a": 0, "b": 1} and math.isnan(lonely["modularity"])
