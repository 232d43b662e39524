"""Brokers: brokerage roles, single points of contact, descriptions and the
ranked broker table (structural holes: test_holes.py; cut points:
test_cuts.py).

Each test says where its expected values come from: a published example,
networkx 3.6.1's own function, or a hand count written out in the docstring.
Brute-force reference implementations below are deliberately naive (they
follow the definitions word for word) and are used only in tests.
"""

from __future__ import annotations

import math
from collections import Counter
from unittest import mock

import networkx as nx
import pandas as pd
import pytest
from hypothesis import given, settings

from netanalysis.brokers import (
    BROKER_COLUMNS,
    ROLES,
    SINGLE_CONTACT_COLUMNS,
    broker_table,
    brokerage_roles,
    describe_broker,
    single_points_of_contact,
)
from netanalysis.centrality import centrality_table
from netanalysis.cuts import bridges, cut_point_sizes, cut_points
from netanalysis.holes import structural_holes
from strategies import grouped_graphs
from reference_graphs import krackhardt_kite, storage_variants


def typed_graph(edges, types, **attributes) -> nx.Graph:
    G = nx.Graph(edges)
    G.add_nodes_from(types)
    nx.set_node_attributes(G, types, "type")
    for name, values in attributes.items():
        nx.set_node_attributes(G, values, name)
    return G


# -- structural holes -------------------------------------------------------------


# -- brokerage roles ------------------------------------------------------------------


def _directed_path(groups: tuple, extra_edges=()) -> nx.DiGraph:
    D = nx.DiGraph([("a", "v"), ("v", "b"), *extra_edges])
    nx.set_node_attributes(D, dict(zip("avb", groups)), "type")
    return D


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        (("X", "X", "X"), "coordinator"),
        (("X", "Y", "X"), "itinerant"),
        (("X", "Y", "Y"), "gatekeeper"),
        (("X", "X", "Y"), "representative"),
        (("X", "Y", "Z"), "liaison"),
    ],
)
def test_each_role_on_a_directed_two_path(groups, role):
    """Gould & Fernandez (1989) table 1: for a -> v -> b the role of v by
    the groups of (a, v, b). One open two-path: exactly one count."""
    counts = brokerage_roles(_directed_path(groups)).loc["v"]
    assert counts[role] == 1
    assert counts["total"] == 1
    assert counts.drop([role, "total"]).sum() == 0


def test_closed_two_path_is_no_brokerage_but_reverse_tie_is():
    """With a tie a -> b, v brokers nothing; with only b -> a, the path
    a -> v -> b is still open (Gould & Fernandez's directed definition,
    as in sna::brokerage)."""
    assert brokerage_roles(_directed_path(("X", "Y", "Z"), [("a", "b")])).loc["v", "total"] == 0
    assert brokerage_roles(_directed_path(("X", "Y", "Z"), [("b", "a")])).loc["v", "liaison"] == 1


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (("X", "X", "X"), {"coordinator": 2}),
        (("X", "Y", "X"), {"itinerant": 2}),
        (("X", "Y", "Y"), {"gatekeeper": 1, "representative": 1}),
        (("X", "X", "Y"), {"gatekeeper": 1, "representative": 1}),
        (("X", "Y", "Z"), {"liaison": 2}),
    ],
)
def test_undirected_ties_count_both_directions(groups, expected):
    """Undirected a - v - b is a -> v -> b and b -> v -> a: symmetric roles
    count 2, a pair with one end in v's group is once gatekeeper and once
    representative (hand count)."""
    G = nx.Graph([("a", "v"), ("v", "b")])
    nx.set_node_attributes(G, dict(zip("avb", groups)), "type")
    counts = brokerage_roles(G).loc["v"].to_dict()
    assert counts == {**dict.fromkeys(ROLES, 0), **expected, "total": 2}


def test_star_of_stakeholder_types_by_hand():
    """Civil servant v with contacts r1, r2 (residents), c2 (civil servant)
    and k (business), no ties among them: 6 open pairs, 12 ordered paths.
    (r1, r2): itinerant 2; (r, c2) twice: gatekeeper 2, representative 2;
    (r, k) twice: liaison 4; (c2, k): gatekeeper 1, representative 1.
    Adding r1 - k closes one liaison pair: liaison 2, total 10."""
    types = {"v": "civil_servant", "r1": "resident", "r2": "resident", "c2": "civil_servant", "k": "business"}
    G = typed_graph([("v", x) for x in ("r1", "r2", "c2", "k")], types)
    assert brokerage_roles(G).loc["v"].to_dict() == {
        "coordinator": 0, "itinerant": 2, "gatekeeper": 3, "representative": 3, "liaison": 4, "total": 12,
    }
    G.add_edge("r1", "k")
    assert brokerage_roles(G).loc["v", "liaison"] == 2
    assert brokerage_roles(G).loc["v", "total"] == 10


def test_groups_from_another_attribute_and_missing_groups():
    """group="area": v in Noord between a (Noord) and b (Zuid) is
    gatekeeper 1 + representative 1. A contact without an area takes no
    part; a broker without an area gets zeros (documented rule)."""
    G = nx.Graph([("a", "v"), ("v", "b"), ("v", "u")])
    nx.set_node_attributes(G, {"a": "Noord", "v": "Noord", "b": "Zuid", "u": None}, "area")
    counts = brokerage_roles(G, group="area").loc["v"].to_dict()
    assert counts == {**dict.fromkeys(ROLES, 0), "gatekeeper": 1, "representative": 1, "total": 2}
    G.nodes["v"]["area"] = float("nan")
    assert brokerage_roles(G, group="area").loc["v", "total"] == 0
    G.nodes["v"]["area"] = pd.NA
    assert brokerage_roles(G, group="area").loc["v", "total"] == 0
    G.nodes["v"]["area"] = "  "
    assert brokerage_roles(G, group="area").loc["v", "total"] == 0
    assert brokerage_roles(G, group="no_such_attribute")["total"].sum() == 0


def brute_force_roles(G, group):
    """Gould-Fernandez by the definition: every ordered (a, v, b)."""
    directed = G if G.is_directed() else G.to_directed()
    groups = {v: G.nodes[v].get(group) for v in G}
    counts = {v: dict.fromkeys(ROLES, 0) for v in G}
    for v in G:
        for a, b in ((a, b) for a in directed.pred[v] for b in directed.succ[v]):
            if a == b or v in (a, b) or directed.has_edge(a, b):
                continue
            ga, gv, gb = groups[a], groups[v], groups[b]
            if ga is None or gv is None or gb is None:
                continue
            if ga == gv == gb:
                role = "coordinator"
            elif ga == gb:
                role = "itinerant"
            elif gv == gb:
                role = "gatekeeper"
            elif ga == gv:
                role = "representative"
            else:
                role = "liaison"
            counts[v][role] += 1
    return counts


@settings(max_examples=120, deadline=None)
@given(grouped_graphs())
def test_role_counts_equal_brute_force_and_sum_to_open_two_paths(G):
    """Property: per role, the fast count equals the definition; the roles
    of v add up to the open two-paths through v whose three nodes have a
    group; undirected graphs have gatekeeper == representative."""
    before = G.copy()
    table = brokerage_roles(G)
    assert nx.utils.graphs_equal(G, before)
    reference = brute_force_roles(G, "type")
    for v in G:
        assert table.loc[v, list(ROLES)].to_dict() == reference[v]
        assert table.loc[v, "total"] == sum(reference[v].values())
    if not G.is_directed():
        assert (table["gatekeeper"] == table["representative"]).all()


@pytest.mark.parametrize("group", ["type", "organisation", "area", "themes"])
def test_undirected_role_counts_equal_the_general_count_on_a_municipality(group):
    """Undirected graphs take the sparse-matrix path; reading every tie as
    two arcs takes the general loop. On a 300-stakeholder municipality with
    many organisations, missing areas and list-valued themes they agree."""
    from netanalysis.synthetic import synthetic_municipality

    G = synthetic_municipality(300, seed=7).to_graph()
    fast_counts = brokerage_roles(G, group=group)
    general = brokerage_roles(G.to_directed(), group=group)
    pd.testing.assert_frame_equal(fast_counts, general)
    assert fast_counts["total"].sum() > 0


# -- cut points and bridges ---------------------------------------------------------------


# -- single points of contact ------------------------------------------------------------


@pytest.fixture
def contact_graph() -> nx.Graph:
    """Government A1 - A2 - A3. I1 hangs on A1 with resident R1 behind it;
    I2 knows A1 and A2; the cluster {I3, R2, O1} only touches A3; I4 knows
    no one. A separate component: A9 - B9 - I9, A9 the only civil servant.
    By hand: I1, R1 depend on A1 (2); I3, R2, O1 on A3 (3); B9, I9 on A9
    (2); I2 and I4 on no one."""
    types = {
        "A1": "civil_servant", "A2": "civil_servant", "A3": "civil_servant", "A9": "civil_servant",
        "I1": "initiative", "I2": "initiative", "I3": "initiative", "I4": "initiative", "I9": "initiative",
        "R1": "resident", "R2": "resident", "O1": "organisation", "B9": "business",
    }
    edges = [
        ("A1", "A2"), ("A2", "A3"), ("A1", "I1"), ("I1", "R1"), ("I2", "A1"), ("I2", "A2"),
        ("A3", "R2"), ("A3", "O1"), ("R2", "I3"), ("O1", "R2"), ("A9", "B9"), ("B9", "I9"),
    ]
    names = {v: f"Naam {v}" for v in types}
    return typed_graph(edges, types, name=names)


def test_single_points_of_contact_by_hand(contact_graph):
    table = single_points_of_contact(contact_graph)
    assert list(table.columns) == list(SINGLE_CONTACT_COLUMNS)
    found = {(row.id, row.civil_servant, row.cut_off) for row in table.itertuples()}
    assert found == {
        ("I1", "A1", 2), ("R1", "A1", 2),
        ("I3", "A3", 3), ("R2", "A3", 3), ("O1", "A3", 3),
        ("B9", "A9", 2), ("I9", "A9", 2),
    }
    assert table["cut_off"].iloc[0] == 3  # largest dependency first
    assert table.loc[table["id"] == "I1", "civil_servant_name"].item() == "Naam A1"


def test_single_points_of_contact_without_government():
    G = typed_graph([("a", "b")], {"a": "resident", "b": "initiative"})
    table = single_points_of_contact(G)
    assert table.empty and list(table.columns) == list(SINGLE_CONTACT_COLUMNS)
    assert single_points_of_contact(nx.Graph()).empty


def brute_force_single_contacts(G):
    servants = {v for v in G if G.nodes[v].get("type") == "civil_servant"}
    found = set()
    for c in servants:
        rest = G.subgraph(v for v in G if v != c)
        for x in G:
            if x in servants or not nx.has_path(G, x, c):
                continue
            if not (nx.node_connected_component(rest, x) & servants):
                found.add((x, c))
    return found


@settings(max_examples=120, deadline=None)
@given(grouped_graphs(directed=False, max_nodes=12))
def test_single_points_of_contact_equal_the_definition(G):
    """Property: removing the civil servant disconnects the stakeholder
    from every other civil servant (the brief's definition, checked by
    removing each civil servant in turn)."""
    table = single_points_of_contact(G)
    assert {(row.id, row.civil_servant) for row in table.itertuples()} == brute_force_single_contacts(G)


def _single_contacts_by_removal(G):
    """brute_force_single_contacts, one component search per removed civil
    servant instead of one per stakeholder and civil servant."""
    servants = {v for v in G if G.nodes[v].get("type") == "civil_servant"}
    found = set()
    for c in servants:
        reach = nx.node_connected_component(G, c)
        rest = G.subgraph(v for v in reach if v != c)
        for piece in nx.connected_components(rest):
            if not piece & servants:
                found |= {(x, c) for x in piece}
    return found


def _contact_cases() -> dict:
    """A frozen stakeholder graph (the cached edge arrays), the same graph
    unfrozen and with integer ids, and the hand-made contact graph frozen
    with an isolated resident added."""
    from netanalysis.synthetic import synthetic_municipality

    frozen = synthetic_municipality(300, seed=5).to_graph()
    types = {"A1": "civil_servant", "A2": "civil_servant", "I1": "initiative", "R1": "resident", "R9": "resident"}
    # R1 (depending on A2) comes before I1 (on A1) but A1 before A2: the
    # civil servant's place decides.
    small = typed_graph([("A1", "A2"), ("A2", "R1"), ("A1", "I1")], types)
    return {
        **storage_variants(frozen),
        "frozen, isolated resident": nx.freeze(small),
    }


@pytest.mark.parametrize("case", sorted(_contact_cases()))
def test_single_points_of_contact_on_every_kind_of_graph(case):
    """The definition (removing each civil servant in turn), the cut_off
    counts, and the order: largest cut_off first, then civil servant and
    stakeholder in graph order."""
    G = _contact_cases()[case]
    table = single_points_of_contact(G)
    expected = _single_contacts_by_removal(G)
    if case == "frozen, isolated resident":
        assert table["id"].tolist() == ["I1", "R1"]
    assert expected, "each case has dependants"
    assert {(row.id, row.civil_servant) for row in table.itertuples()} == expected
    per_servant = Counter(c for _, c in expected)
    assert table["cut_off"].tolist() == [per_servant[c] for c in table["civil_servant"]]
    position = {v: i for i, v in enumerate(G)}
    keys = [(-row.cut_off, position[row.civil_servant], position[row.id]) for row in table.itertuples()]
    assert keys == sorted(keys)
    assert table["name"].tolist() == [G.nodes[v].get("name", v) for v in table["id"]]
    assert table["civil_servant_name"].tolist() == [G.nodes[c].get("name", c) for c in table["civil_servant"]]
    assert table["cut_off"].dtype == "int64" and table.index.equals(pd.RangeIndex(len(table)))


def test_single_points_of_contact_with_government_only_or_no_dependants():
    only = typed_graph([("A1", "A2")], {"A1": "civil_servant", "A2": "civil_servant"})
    shared = typed_graph([("A1", "R1"), ("R1", "A2")], {"A1": "civil_servant", "A2": "civil_servant", "R1": "resident"})
    for G in (only, nx.freeze(shared)):
        table = single_points_of_contact(G)
        assert table.empty and list(table.columns) == list(SINGLE_CONTACT_COLUMNS)
        assert table["cut_off"].dtype == "int64"


def test_single_points_of_contact_follow_a_changing_graph():
    """Nothing is kept of a graph that is not frozen."""
    G = typed_graph([("A1", "R1")], {"A1": "civil_servant", "A2": "civil_servant", "R1": "resident"})
    assert single_points_of_contact(G)["id"].tolist() == ["R1"]
    G.add_edge("R1", "A2")
    assert single_points_of_contact(G).empty


# -- descriptions ------------------------------------------------------------------


def _ego(contacts: dict, attributes: dict | None = None, ego_type: str = "civil_servant") -> nx.Graph:
    G = nx.star_graph(["x", *contacts])
    nx.set_node_attributes(G, {"x": ego_type, **contacts}, "type")
    for name, values in (attributes or {}).items():
        nx.set_node_attributes(G, values, name)
    return G


def test_describe_residents_and_departments():
    """The brief's example sentence, in both languages."""
    G = _ego(
        {"r1": "resident", "r2": "resident", "a1": "civil_servant", "a2": "civil_servant", "a3": "civil_servant"},
        {"area": {"r1": "Noord", "r2": "Noord"}, "organisation": {"a1": "Wonen", "a2": "Groen", "a3": "Jeugd"}},
    )
    assert describe_broker(G, "x") == "verbindt bewoners uit Noord met drie afdelingen"
    assert describe_broker(G, "x", lang="en") == "connects residents of Noord with three departments"


def test_describe_plurals_singulars_and_areas():
    G = _ego(
        {"b1": "business", "b2": "business", "i1": "initiative", "a1": "civil_servant"},
        {"area": {"b1": "Zuid", "b2": "Oost", "i1": "West"}, "organisation": {"a1": "Economie"}},
        ego_type="organisation",
    )
    assert describe_broker(G, "x") == (
        "verbindt ondernemers uit Oost en Zuid en een initiatief uit West met een ambtenaar van Economie"
    )
    assert describe_broker(G, "x", lang="en") == (
        "connects businesses of Oost and Zuid and an initiative of West with a civil servant of Economie"
    )


def test_describe_many_areas_society_only_and_government_only():
    residents = {f"r{i}": "resident" for i in range(4)}
    organisations = {"o1": "organisation", "o2": "organisation"}
    areas = {"r0": "Noord", "r1": "Zuid", "r2": "Oost", "r3": "West", "o1": "Haven", "o2": "Haven"}
    G = _ego({**residents, **organisations}, {"area": areas}, ego_type="initiative")
    assert describe_broker(G, "x") == "verbindt bewoners uit vier wijken met organisaties uit Haven"
    assert describe_broker(G, "x", lang="en") == "connects residents from four areas with organisations of Haven"
    servants = {f"a{i}": "civil_servant" for i in range(12)}
    departments = {f"a{i}": f"Afdeling {i % 11}" for i in range(12)}
    G = _ego(servants, {"organisation": departments})
    assert describe_broker(G, "x") == "verbindt 11 afdelingen"
    G = _ego({"a1": "civil_servant", "a2": "civil_servant"})
    assert describe_broker(G, "x") == "verbindt twee ambtenaren"
    assert describe_broker(G, "x", lang="en") == "connects two civil servants"


def test_describe_merges_kinds_from_the_same_area_and_handles_isolates():
    G = _ego({"r1": "resident", "k1": "business", "k2": "business"}, {"area": {"r1": "Noord", "k1": "Noord", "k2": "Noord"}})
    assert describe_broker(G, "x") == "verbindt ondernemers en een bewoner uit Noord"
    G.add_node("alone", type="resident")
    assert describe_broker(G, "alone") == "heeft geen verbindingen"
    assert describe_broker(G, "alone", lang="en") == "has no connections"
    with pytest.raises(nx.NodeNotFound):
        describe_broker(G, "nobody")


# -- the broker table ---------------------------------------------------------------


def test_broker_table_on_the_kite():
    """Krackhardt's kite: Heather (7) has the highest betweenness (14/36),
    so she ranks first with score 1; Fernando and Garth (5, 6) tie on
    betweenness 0.231 and come next. Heather and Ike (8) are the only cut
    points (Jane hangs on Ike, Ike and Jane on Heather)."""
    G = krackhardt_kite()
    table = broker_table(G)
    assert list(table.columns) == list(BROKER_COLUMNS)
    assert table.index.name == "id"
    assert table.index[0] == 7
    assert table.loc[7, "broker_score"] == 1.0
    assert set(table.index[1:3]) == {5, 6}
    assert table["rank"].tolist() == list(range(1, 11))
    assert set(table.index[table["is_cut_point"]]) == {7, 8}
    assert table.loc[7, "cut_off"] == 2 and table.loc[8, "cut_off"] == 1
    assert table.loc[7, "name"] == "Heather"
    assert table.attrs["betweenness_method"] == "exact"


def test_broker_table_ties_broken_by_constraint():
    """Star: the centre scores 1, the leaves 0 and keep graph order (equal
    constraint 1 and effective size 1). A 4-cycle l-m1-r-m2 where m1's
    ties have strengths 1 and 5 and m2's 1 and 1: m1 and m2 each carry
    half of the l-r paths (equal betweenness, 0.5 / C(3, 2) = 1/6), and
    hand-computed constraint is m2: 2 * (1/2)^2 = 0.5, m1: (1/6)^2 + (5/6)^2
    = 26/36, so m2 (more holes) ranks first."""
    table = broker_table(nx.star_graph(["c", "x", "y", "z"]))
    assert table.index.tolist() == ["c", "x", "y", "z"]
    assert table["broker_score"].tolist() == [1.0, 0.0, 0.0, 0.0]
    G = nx.Graph()
    G.add_edge("l", "m1", weight=1)
    G.add_edge("m1", "r", weight=5)
    G.add_edge("l", "m2", weight=1)
    G.add_edge("m2", "r", weight=1)
    table = broker_table(G)
    assert table.loc["m1", "betweenness"] == table.loc["m2", "betweenness"]
    assert table.loc["m2", "constraint"] == pytest.approx(0.5)
    assert table.loc["m1", "constraint"] == pytest.approx(26 / 36)
    assert table.index.get_loc("m2") < table.index.get_loc("m1")


def test_broker_table_reuses_centrality_and_checks_it(contact_graph):
    centrality = centrality_table(contact_graph)
    with mock.patch("netanalysis.brokers.centrality_table", side_effect=AssertionError("recomputed")):
        table = broker_table(contact_graph, centrality=centrality)
    assert table["betweenness"].to_dict() == centrality["betweenness"].to_dict()
    with pytest.raises(ValueError):
        broker_table(contact_graph, centrality=centrality.drop(index="A1"))


def test_broker_table_passes_group_and_language(contact_graph):
    """group="area": with every stakeholder in one wijk, every open
    two-path is a coordinator path; the descriptions follow lang."""
    G = contact_graph.copy()
    nx.set_node_attributes(G, "Noord", "area")
    table = broker_table(G, group="area", lang="en")
    assert (table["brokerage_total"] == table["coordinator"]).all()
    assert table["brokerage_total"].sum() > 0
    assert table.loc["A9", "description"] == "connects a business of Noord"
    by_type = broker_table(contact_graph)
    assert by_type.loc["A9", "description"] == "verbindt een ondernemer"
    assert by_type.loc["A9", "brokerage_total"] == 0  # A9 has a single contact


def test_broker_table_empty_and_single():
    empty = broker_table(nx.Graph())
    assert empty.empty and list(empty.columns) == list(BROKER_COLUMNS)
    single = broker_table(nx.empty_graph(["solo"]))
    assert single.loc["solo", "rank"] == 1
    assert single.loc["solo", "broker_score"] == 0.0
    assert math.isnan(single.loc["solo", "constraint"])
    assert single.loc["solo", "description"] == "heeft geen verbindingen"


@settings(max_examples=30, deadline=None)
@given(grouped_graphs(directed=False, max_nodes=10))
def test_broker_table_relabelling_and_untouched(G):
    """Property: renaming stakeholders renames the rows and changes no
    value (ties in ranking are broken by graph order, which relabelling
    keeps); the graph is not changed."""
    before = G.copy()
    original = broker_table(G)
    assert nx.utils.graphs_equal(G, before)
    assert all(G.nodes[v] == before.nodes[v] for v in G)
    mapping = {v: f"id-{v * 5 % 11}-{v}" for v in G}
    relabelled = broker_table(nx.relabel_nodes(G, mapping))
    expected = original.rename(index=mapping)
    pd.testing.assert_frame_equal(relabelled, expected, check_exact=False, atol=1e-9, check_index_type=False)
    holes = structural_holes(nx.relabel_nodes(G, mapping))
    pd.testing.assert_frame_equal(
        holes, structural_holes(G).rename(index=mapping), check_exact=False, atol=1e-9, check_index_type=False
    )
    assert ((original["broker_score"] >= 0) & (original["broker_score"] <= 1)).all()


# -- the demo municipality ---------------------------------------------------------------


@pytest.fixture(scope="module")
def demo():
    demo_module = pytest.importorskip("netanalysis.demo")
    return demo_module.build_demo().to_graph(), demo_module.ground_truth()


def test_demo_verbinders_are_the_top_brokers(demo):
    """The demo plants three verbinders (ground_truth()["verbinders"]);
    with the betweenness-first rule they must be the top rows."""
    G, truth = demo
    table = broker_table(G)
    planted = truth["verbinders"]
    assert set(table.index[: len(planted)]) == set(planted)


def test_demo_single_contacts_are_found(demo):
    """Every planted single contact (initiative, civil servant) is found."""
    G, truth = demo
    table = single_points_of_contact(G)
    found = {(row.id, row.civil_servant) for row in table.itertuples()}
    for planted in truth["single_contact"]:
        assert (planted["initiative"], planted["civil_servant"]) in found


@settings(max_examples=40, deadline=None)
@given(grouped_graphs(directed=False, max_nodes=10))
def test_every_function_leaves_the_graph_alone_and_follows_relabelling(G):
    """Property: no function changes G (nodes, edges and all attributes),
    and renaming stakeholders renames them in every result."""
    before = G.copy()
    mapping = {v: f"s{v}" for v in G}
    H = nx.relabel_nodes(G, mapping)
    single = single_points_of_contact(G)
    renamed = single_points_of_contact(H)
    assert renamed["id"].tolist() == [mapping[v] for v in single["id"]]
    assert renamed["civil_servant"].tolist() == [mapping[v] for v in single["civil_servant"]]
    assert renamed["cut_off"].tolist() == single["cut_off"].tolist()
    assert cut_points(H) == [mapping[v] for v in cut_points(G)]
    assert cut_point_sizes(H) == {mapping[v]: size for v, size in cut_point_sizes(G).items()}
    assert bridges(H) == [(mapping[u], mapping[v]) for u, v in bridges(G)]
    roles = brokerage_roles(G)
    pd.testing.assert_frame_equal(brokerage_roles(H), roles.rename(index=mapping), check_index_type=False)
    for v in G:
        assert describe_broker(H, mapping[v]) == describe_broker(G, v)
    assert nx.utils.graphs_equal(G, before)
    assert all(G.nodes[v] == before.nodes[v] for v in G)
    assert all(G.edges[e] == before.edges[e] for e in G.edges)
