"""Tests of netanalysis.suggest: missing connections, their scores, reasons and introducers.

Scores are worked out by hand from the formulas in the module docstring on
small drawn graphs; the invariants (never an existing tie, a self-pair or a
pair twice; introducers adjacent to both; thematic pairs three or more steps
apart) are checked with Hypothesis on random stakeholder graphs.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis import candidates, suggest


def _stakeholder(G: nx.Graph, node: str, kind: str = "resident", *, themes=(), area=None, organisation=None, name=None):
    G.add_node(node, name=name or f"Naam {node}", type=kind, themes=list(themes), area=area, organisation=organisation)


def _structural_rows(G: nx.Graph, max_hub_degree: int) -> list[dict]:
    """The structural candidates before selection, as dicts."""
    vectors = candidates.vectors(G, candidates.profiles(G))
    found = candidates.structural(G, vectors, max_hub_degree=max_hub_degree)
    return [found.row(i, vectors.nodes) for i in range(len(found))]


def _pairs(frame) -> list[frozenset]:
    return [frozenset((u, v)) for u, v in zip(frame["source"], frame["target"])]


# -- structural ----------------------------------------------------------------------


def test_structural_on_a_path_by_hand():
    G = nx.Graph([("a", "b"), ("b", "c")])
    result = suggest.suggest_connections(G, lang="en")
    assert len(result) == 1
    row = result.iloc[0]
    assert (row["source"], row["target"], row["kind"], row["introducer"]) == ("a", "c", "structural", "b")
    # One shared contact b of degree 2: Adamic-Adar 1/ln 2, resource allocation 1/2;
    # N(a) = N(c) = {b}: Jaccard 1. No themes or areas: fit 0.
    assert row["adamic_adar"] == pytest.approx(1 / math.log(2))
    assert row["resource_allocation"] == pytest.approx(0.5)
    assert row["jaccard"] == pytest.approx(1.0)
    evidence = (1 + 1 - math.exp(-1 / math.log(2))) / 2
    assert row["score"] == pytest.approx(evidence * 0.5, abs=1e-6)  # 0.440927
    assert row["distance"] == 2 and row["common_contacts"] == 1
    assert row["reason"] == "Both know b, but not each other"  # no name attribute: the id stands in


def test_structural_reason_with_shared_work_and_the_strongest_introducer():
    G = nx.Graph()
    _stakeholder(G, "a", "initiative", themes=["groen"], area="Zuid")
    _stakeholder(G, "c", "organisation", themes=["groen", "jeugd"], area="Zuid")
    _stakeholder(G, "x")
    _stakeholder(G, "y")
    G.add_edge("a", "x", weight=1)
    G.add_edge("x", "c", weight=5)
    G.add_edge("a", "y", weight=4)
    G.add_edge("y", "c", weight=4)
    row = suggest.suggest_connections(G, kinds=["structural"], lang="nl").set_index(["source", "target"]).loc[("a", "c")]
    # y's weaker tie (4) beats x's weaker tie (1).
    assert row["introducer"] == "y"
    assert row["common_contacts"] == 2
    assert row["reason"] == (
        "Hebben twee gezamenlijke contacten, onder wie Naam y, maar nog geen directe band; "
        "beiden werken aan groen in Zuid"
    )
    # Fit: 1 of min(1, 2) themes shared and 1 of 3: (1 + 1/3) / 2 = 2/3; same area:
    # 0.7 * 2/3 + 0.3 = 0.766667. N(a) = N(c) = {x, y}: Jaccard 1; Adamic-Adar 2 / ln 2.
    evidence = (1 + 1 - math.exp(-2 / math.log(2))) / 2
    assert row["score"] == pytest.approx(evidence * (0.5 + 0.5 * (0.7 * 2 / 3 + 0.3)), abs=1e-6)


def test_structural_candidates_grow_with_two_paths_not_with_all_pairs():
    """On a path of 1,000 stakeholders there are 998 pairs two steps apart and
    about 498,000 non-adjacent pairs; only the former may be scored."""
    G = nx.path_graph(1000)
    found = _structural_rows(G, 50)
    assert len(found) == 998
    assert all(abs(row["source"] - row["target"]) == 2 for row in found)


def test_hubs_above_the_cap_give_no_candidates():
    G = nx.star_graph(60)  # centre 0 with 60 contacts
    assert suggest.suggest_connections(G, kinds=["structural"], max_hub_degree=50).empty
    assert len(suggest.suggest_connections(G, kinds=["structural"], max_hub_degree=60, limit=None, max_per_stakeholder=None)) == 60 * 59 // 2


# -- thematic ---------------------------------------------------------------------------


@pytest.fixture
def far_apart() -> nx.Graph:
    """An initiative and an organisation on loneliness in Zuid, three steps apart::

        i - p - q - o        (i: initiative, o: organisation, p and q residents)
        z                    (organisation on loneliness in Zuid, not connected)
    """
    G = nx.Graph()
    _stakeholder(G, "i", "initiative", themes=["eenzaamheid"], area="Zuid", name="Eettafel")
    _stakeholder(G, "o", "organisation", themes=["eenzaamheid"], area="Zuid", name="Welzijn Zuid")
    _stakeholder(G, "p", name="Piet")
    _stakeholder(G, "q", name="Qi")
    _stakeholder(G, "z", "organisation", themes=["eenzaamheid", "zorg"], area="Zuid", name="Zorgpunt")
    G.add_edges_from([("i", "p"), ("p", "q"), ("q", "o")])
    return G


def test_thematic_three_steps_apart(far_apart):
    result = suggest.suggest_connections(far_apart, kinds=["thematic"], lang="nl").set_index(["source", "target"])
    row = result.loc[("i", "o")]  # ordered by name: Eettafel, Welzijn Zuid
    assert row["kind"] == "thematic"
    assert row["reason"] == "Beiden werken aan eenzaamheid in Zuid, maar zitten nu drie stappen van elkaar"
    assert row["distance"] == 3
    assert row["introducer"] in {"p", "q"}  # the middle of i-p-q-o
    assert row["shared_themes"] == ["eenzaamheid"] and row["area"] == "Zuid"
    # fit 0.7 * (1 + 1/3) / 2 + 0.3 = 0.766667; connected: (0.5 + 0.5 * 0.6); an initiative: preference 1.
    assert row["score"] == pytest.approx((0.7 * 2 / 3 + 0.3) * 0.8, abs=1e-6)
    english = suggest.suggest_connections(far_apart, kinds=["thematic"], lang="en").set_index(["source", "target"])
    assert english.loc[("i", "o"), "reason"] == "Both work on eenzaamheid in Zuid but are three steps apart"


def test_thematic_disconnected_pairs_have_no_introducer(far_apart):
    result = suggest.suggest_connections(far_apart, kinds=["thematic"], lang="en").set_index(["source", "target"])
    row = result.loc[("i", "z")]
    assert row["introducer"] is None and row["introducer_name"] is None
    assert row["reason"] == "Both work on eenzaamheid in Zuid but are not connected at all"
    assert row["score"] == pytest.approx(0.7 * 2 / 3 + 0.3, abs=1e-6)  # gap 1: the full fit
    assert row["score"] > result.loc[("i", "o"), "score"]  # disconnected outranks three steps


def test_thematic_prefers_initiatives_and_organisations():
    G = nx.Graph()
    _stakeholder(G, "r1", themes=["groen"])
    _stakeholder(G, "r2", themes=["groen"])
    _stakeholder(G, "i1", "initiative", themes=["groen"])
    result = suggest.suggest_connections(G, kinds=["thematic"], limit=None).set_index(["source", "target"])
    fit = 0.7 * 2 / 3  # no areas
    assert result.loc[("i1", "r1"), "score"] == pytest.approx(fit, abs=1e-6)
    assert result.loc[("r1", "r2"), "score"] == pytest.approx(fit * 0.75, abs=1e-6)


def test_two_shared_themes_outrank_one():
    G = nx.Graph()
    _stakeholder(G, "a", "initiative", themes=["jeugd", "armoede"], area="Noord")
    _stakeholder(G, "b", "organisation", themes=["jeugd", "armoede"], area="Noord")
    _stakeholder(G, "c", "initiative", themes=["zorg"], area="Noord")
    _stakeholder(G, "d", "organisation", themes=["zorg"], area="Noord")
    result = suggest.suggest_connections(G, kinds=["thematic"]).set_index(["source", "target"])
    assert result.loc[("a", "b"), "score"] > result.loc[("c", "d"), "score"]


# -- access -------------------------------------------------------------------------------


@pytest.fixture
def municipality() -> nx.Graph:
    """Two civil servants and an initiative with no civil servant among its contacts::

        green (groen, Zuid, dept Groen) - youth (jeugd, Noord, dept Jeugd)
        youth - r - tuin                 (tuin: initiative on groen in Noord)
    """
    G = nx.Graph()
    _stakeholder(G, "green", "civil_servant", themes=["groen"], area="Zuid", organisation="Groen", name="Gerda")
    _stakeholder(G, "youth", "civil_servant", themes=["jeugd"], area="Noord", organisation="Jeugd", name="Youssef")
    _stakeholder(G, "r", name="Rik")
    _stakeholder(G, "tuin", "initiative", themes=["groen"], area="Noord", name="Buurttuin")
    G.add_edges_from([("green", "youth"), ("youth", "r"), ("r", "tuin")])
    return G


def test_access_picks_the_best_fitting_civil_servant(municipality):
    result = suggest.suggest_connections(municipality, kinds=["access"], lang="nl")
    assert len(result) == 1
    row = result.iloc[0]
    assert (row["source"], row["target"], row["kind"]) == ("tuin", "green", "access")
    # Gerda: theme (1 + 1/3) / 2 = 2/3 * 0.6 + department on groen 0.15 = 0.55;
    # Youssef: same area only, 0.25. Score 0.5 + 0.5 * 0.55.
    assert row["score"] == pytest.approx(0.775, abs=1e-6)
    assert row["reason"] == "Buurttuin heeft nog geen direct contact met een ambtenaar; Gerda werkt aan groen"
    # The shortest path tuin-r-youth-green: the person in its middle is r.
    assert (row["introducer"], row["distance"]) == ("r", 3)


def test_access_only_for_initiatives_without_a_civil_servant(municipality):
    G = municipality.copy()
    G.add_edge("tuin", "youth")
    assert suggest.suggest_connections(G, kinds=["access"]).empty


def test_access_prefers_a_department_that_covers_more_of_the_initiative():
    """Both Bea and Ali work on wonen, one of the initiative's two themes:
    0.6 * (1 + 1/3) / 2 = 0.4 each. Ali's department Sociaal (with Cas on
    armoede) covers both themes (+0.15), Bea's department Bouw only wonen
    (+0.075). Bea is the nearest civil servant, which would decide a tie,
    so only the department can make Ali win; Ali and Cas tie at 0.55 and
    Ali is the nearer of the two."""
    G = nx.Graph()
    _stakeholder(G, "bea", "civil_servant", themes=["wonen"], organisation="Bouw", name="Bea")
    _stakeholder(G, "ali", "civil_servant", themes=["wonen"], organisation="Sociaal", name="Ali")
    _stakeholder(G, "cas", "civil_servant", themes=["armoede"], organisation="Sociaal", name="Cas")
    _stakeholder(G, "r", name="Rik")
    _stakeholder(G, "coop", "initiative", themes=["wonen", "armoede"], name="Wooncoop")
    G.add_edges_from([("coop", "r"), ("r", "bea"), ("bea", "ali"), ("ali", "cas")])
    row = suggest.suggest_connections(G, kinds=["access"]).iloc[0]
    assert row["target"] == "ali"
    assert row["score"] == pytest.approx(0.5 + 0.5 * 0.55, abs=1e-6)


def test_access_falls_back_to_the_nearest_civil_servant():
    G = nx.Graph()
    _stakeholder(G, "far", "civil_servant", name="Fem")
    _stakeholder(G, "near", "civil_servant", name="Nina")
    _stakeholder(G, "r", name="Rik")
    _stakeholder(G, "club", "initiative", name="Klusclub")
    G.add_edges_from([("club", "r"), ("r", "near"), ("near", "x"), ("x", "far")])
    row = suggest.suggest_connections(G, kinds=["access"], lang="en").iloc[0]
    assert row["target"] == "near"
    assert row["score"] == 0.5
    assert row["reason"] == "Klusclub has no direct contact with a civil servant yet; Nina is the nearest civil servant"


def test_a_pair_found_twice_keeps_its_best_kind(municipality):
    G = municipality.copy()
    G.add_edge("r", "green")  # tuin-r-green: a structural pair and an access pair at once
    result = suggest.suggest_connections(G, limit=None)
    rows = result[[frozenset(p) == frozenset(("tuin", "green")) for p in zip(result["source"], result["target"])]]
    assert len(rows) == 1
    assert rows.iloc[0]["kind"] == "access"  # 0.775 beats the structural score


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        suggest.suggest_connections(nx.Graph(), kinds=["psychic"])


def test_empty_graph_gives_an_empty_table():
    result = suggest.suggest_connections(nx.Graph())
    assert result.empty and list(result.columns) == list(suggest.SUGGESTION_COLUMNS)


def test_one_stakeholder_does_not_fill_the_list():
    G = nx.Graph()
    _stakeholder(G, "lonely", "initiative", themes=["cultuur"], area="Centrum")
    for k in range(6):
        _stakeholder(G, f"o{k}", "organisation", themes=["cultuur"], area="Centrum")
    G.add_edges_from((f"o{k}", "hub") for k in range(6))
    spread = suggest.suggest_connections(G, kinds=["thematic"], limit=None)
    assert sum("lonely" in p for p in _pairs(spread)) == 3
    everything = suggest.suggest_connections(G, kinds=["thematic"], limit=None, max_per_stakeholder=None)
    assert sum("lonely" in p for p in _pairs(everything)) == 6


# -- ego views ------------------------------------------------------------------------------


def test_suggestions_for_pairs_own_contacts_with_shared_work():
    G = nx.Graph()
    _stakeholder(G, "me", "civil_servant")
    _stakeholder(G, "a", "initiative", themes=["groen"], area="Oost")
    _stakeholder(G, "b", "organisation", themes=["groen"], area="Oost")
    _stakeholder(G, "c", themes=["sport"], area="Oost")
    _stakeholder(G, "d", themes=["jeugd"])
    _stakeholder(G, "e", themes=["groen"])
    G.add_edges_from(("me", n) for n in "abcde")
    G.add_edge("a", "e")  # already know each other
    ego = suggest.suggestions_for(G, "me", lang="nl")
    assert set(_pairs(ego)) == {frozenset("ab"), frozenset("ac"), frozenset("bc"), frozenset("be")}
    assert (ego["introducer"] == "me").all()
    top = ego.iloc[0]
    assert frozenset((top["source"], top["target"])) == frozenset("ab")
    assert top["reason"] == "Je kent ze allebei; ze werken allebei aan groen in Oost"
    with pytest.raises(nx.NodeNotFound):
        suggest.suggestions_for(G, "nobody")


def test_missing_initiatives_for(far_apart):
    G = far_apart.copy()
    _stakeholder(G, "ambt", "civil_servant", themes=["eenzaamheid"], area="Zuid", name="Anouk")
    _stakeholder(G, "known", "initiative", themes=["eenzaamheid"], area="Zuid", name="Al bekend")
    _stakeholder(G, "other", "initiative", themes=["sport"], area="Zuid", name="Sportclub")
    G.add_edges_from([("ambt", "q"), ("ambt", "known")])
    found = suggest.missing_initiatives_for(G, "ambt", lang="nl").set_index("id")
    assert list(found.index) == ["i"]  # known is a contact; other shares no theme; o and z are organisations
    assert found.loc["i", "distance"] == 3  # ambt-q-p-i
    assert found.loc["i", "reason"] == "Werkt ook aan eenzaamheid in Zuid; nu drie stappen verwijderd"
    # The initiative's own wijk, shared or not (Mijn netwerk shows it).
    assert found.loc["i", "initiative_area"] == G.nodes["i"].get("area") == "Zuid"


# -- invariants on random stakeholder graphs --------------------------------------------------

THEMES = ("groen", "jeugd", "zorg", "wonen")
AREAS = (None, "Noord", "Zuid")
TYPES = ("civil_servant", "resident", "business", "organisation", "initiative")


@st.composite
def stakeholder_graphs(draw):
    n = draw(st.integers(min_value=0, max_value=14))
    G = nx.Graph()
    for k in range(n):
        G.add_node(
            f"s{k}",
            name=f"Persoon {k:02d}",
            type=draw(st.sampled_from(TYPES)),
            themes=draw(st.lists(st.sampled_from(THEMES), max_size=3, unique=True)),
            area=draw(st.sampled_from(AREAS)),
            organisation=draw(st.sampled_from((None, "Afdeling A", "Afdeling B"))),
        )
    pairs = [(f"s{i}", f"s{j}") for i in range(n) for j in range(i + 1, n)]
    if pairs:
        G.add_edges_from(draw(st.lists(st.sampled_from(pairs), max_size=2 * n, unique=True)))
    return G


@settings(max_examples=60, deadline=None)
@given(stakeholder_graphs())
def test_suggestions_respect_their_invariants(G):
    before = G.copy()
    result = suggest.suggest_connections(G, limit=None, max_per_stakeholder=None)
    assert nx.utils.graphs_equal(before, G)
    pairs = _pairs(result)
    assert len(pairs) == len(set(pairs)), "a pair suggested twice"
    for row in result.to_dict("records"):
        u, v = row["source"], row["target"]
        assert u != v
        assert not G.has_edge(u, v)
        assert 0 <= row["score"] <= 1
        if row["kind"] == "structural":
            assert G.has_edge(u, row["introducer"]) and G.has_edge(row["introducer"], v)
        if row["kind"] == "thematic":
            if nx.has_path(G, u, v):
                assert nx.shortest_path_length(G, u, v) >= 3
                assert row["distance"] == nx.shortest_path_length(G, u, v)
            else:
                assert row["introducer"] is None
        if row["kind"] == "access":
            assert G.nodes[u]["type"] == "initiative" and G.nodes[v]["type"] == "civil_servant"
            assert not any(G.nodes[n]["type"] == "civil_servant" for n in G[u])
    # Every initiative without a civil servant contact gets a door, if there is any civil servant.
    if any(G.nodes[n]["type"] == "civil_servant" for n in G):
        doors = {row["source"] for row in result.to_dict("records") if row["kind"] == "access"}
        needing = {
            n for n in G
            if G.nodes[n]["type"] == "initiative" and not any(G.nodes[m]["type"] == "civil_servant" for m in G[n])
        }
        # A door may be listed under a stronger kind of the same pair, but it is listed.
        for initiative in needing - doors:
            assert any(initiative in p and any(G.nodes[x]["type"] == "civil_servant" for x in p) for p in pairs)


@settings(max_examples=40, deadline=None)
@given(stakeholder_graphs(), st.integers(min_value=0, max_value=13))
def test_ego_views_respect_their_invariants(G, pick):
    if len(G) == 0:
        return
    node = sorted(G)[pick % len(G)]
    before = G.copy()
    pairs = suggest.suggestions_for(G, node, limit=None)
    assert len(set(_pairs(pairs))) == len(pairs)
    for row in pairs.to_dict("records"):
        u, v = row["source"], row["target"]
        assert u != v and node not in (u, v)
        assert G.has_edge(node, u) and G.has_edge(node, v) and not G.has_edge(u, v)
        assert row["introducer"] == node
        assert row["shared_themes"] or row["area"] is not None
    missing = suggest.missing_initiatives_for(G, node, limit=None)
    for row in missing.to_dict("records"):
        assert row["id"] != node and not G.has_edge(node, row["id"])
        assert G.nodes[row["id"]]["type"] == "initiative" and row["shared_themes"]
        if nx.has_path(G, node, row["id"]):
            assert row["distance"] == nx.shortest_path_length(G, node, row["id"])
        else:
            assert pd.isna(row["distance"]) and row["introducer"] is None
    assert nx.utils.graphs_equal(before, G)


@settings(max_examples=40, deadline=None)
@given(stakeholder_graphs(), st.sampled_from([2, 3, 50]))
def test_structural_indices_match_networkx(G, max_hub_degree):
    """The indices are accumulated over two-paths, hubs above the cap added
    afterwards; networkx's own functions are the reference."""
    found = _structural_rows(G, max_hub_degree)
    pairs = [(row["source"], row["target"]) for row in found]
    expected = {
        "adamic_adar": {(u, v): s for u, v, s in nx.adamic_adar_index(G, pairs)},
        "resource_allocation": {(u, v): s for u, v, s in nx.resource_allocation_index(G, pairs)},
        "jaccard": {(u, v): s for u, v, s in nx.jaccard_coefficient(G, pairs)},
    }
    for row in found:
        for column, reference in expected.items():
            assert row[column] == pytest.approx(reference[row["source"], row["target"]])
        assert row["common_contacts"] == len(list(nx.common_neighbors(G, row["source"], row["target"])))
    two_steps = {frozenset((u, v)) for u in G for v, d in nx.single_source_shortest_path_length(G, u, cutoff=2).items() if d == 2}
    proposed = {frozenset(p) for p in pairs}
    if max_hub_degree == 50:  # no stakeholder in these graphs has more contacts: every two-step pair
        assert proposed == two_steps
    else:
        assert proposed <= two_steps


@settings(max_examples=30, deadline=None)
@given(stakeholder_graphs())
def test_renumbering_changes_no_suggestion(G):
    mapping = {n: f"id-{(7 * i) % 101:03d}" for i, n in enumerate(G)}
    renamed = nx.relabel_nodes(G, mapping)
    before = suggest.suggest_connections(G, limit=None)
    after = suggest.suggest_connections(renamed, limit=None)
    assert [(mapping[u], mapping[v]) for u, v in zip(before["source"], before["target"])] == list(
        zip(after["source"], after["target"])
    )
    assert before["score"].tolist() == after["score"].tolist()
    assert before["reason"].tolist() == after["reason"].tolist()


# -- the demo municipality ----------------------------------------------------------------------


def test_demo_should_meet_pairs_are_in_the_top_twenty():
    demo = pytest.importorskip("netanalysis.demo")
    G = demo.build_demo().to_graph()
    top = set(_pairs(suggest.suggest_connections(G, limit=20)))
    for a, b in demo.ground_truth()["should_meet"]:
        assert frozenset((a, b)) in top, (a, b)


@given(stakeholder_graphs())
def test_pairwise_fit_in_bulk_equals_the_fit_of_each_pair(G):
    # Thousands of pairs are scored as arrays; the reasons use the per-pair
    # functions. Both must give the same fit to the last bit, or a pair could
    # rank differently from what its reason says.
    profiles = candidates.profiles(G)
    vectors = candidates.vectors(G, profiles)
    n = len(vectors.nodes)
    u, v = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(n)))
    bulk = candidates.fit_values(vectors, u, v)
    overlap, same_area = candidates.theme_overlaps(vectors, u, v)
    for i, j, fit, share, area in zip(u.tolist(), v.tolist(), bulk.tolist(), overlap.tolist(), same_area.tolist()):
        a, b = profiles[vectors.nodes[i]], profiles[vectors.nodes[j]]
        assert fit == candidates.fit_value(a, b)
        assert share == candidates.theme_overlap(a, b)
        assert area == candidates.same_area(a, b)


def test_the_best_suggestions_do_not_depend_on_how_ties_are_sorted():
    # The ranking sorts one integer key per candidate when it fits in 62 bits
    # and falls back to np.lexsort otherwise; both orders must agree.
    rng = np.random.default_rng(3)
    major = rng.integers(0, 50, size=2000)
    minor = rng.integers(0, 1000, size=2000)
    packed = suggest._argsort_by(major, minor, bits=10)
    fallback = suggest._argsort_by(major << 52, minor, bits=10)  # 58 + 10 bits: too wide to pack
    assert np.array_equal(major[packed], major[fallback]) and np.array_equal(minor[packed], minor[fallback])
    assert np.array_equal(packed, np.lexsort((minor, major)))


def test_the_top_ten_names_nobody_more_than_twice_and_every_row_has_a_next_step():
    from netanalysis.demo import build_demo

    G = build_demo().to_graph()
    table = suggest.suggest_connections(G, limit=50)
    top = table.head(10)
    named = pd.concat([top["source"], top["target"]]).value_counts()
    assert named.max() <= 2
    assert table["next_step"].map(bool).all()
    # Without an introducer the step is something to do, not a name.
    lonely = table[table["introducer"].isna()]
    assert len(lonely) and lonely["next_step"].str.startswith(("Nodig beiden uit", "Vraag ")).all()
    # The plain ranking (no spreading) puts one person in more of the top ten.
    plain = suggest.suggest_connections(G, limit=50, top_cap=None).head(10)
    assert pd.concat([plain["source"], plain["target"]]).value_counts().max() > 2


def test_equal_scores_put_the_least_connected_pair_first():
    from netanalysis.demo import build_demo

    G = build_demo().to_graph()
    table = suggest.suggest_connections(G, limit=None, top_cap=None, max_per_stakeholder=None)
    fewest = [min(G.degree(s), G.degree(t)) for s, t in zip(table["source"], table["target"])]
    table = table.assign(fewest=fewest)
    for (score, kind), group in table.groupby(["score", "kind"], sort=False):
        assert group["fewest"].is_monotonic_increasing
