"""Change over time: compare_networks on constructed before/after networks
whose differences are known by construction, and headline_series over a
store's versions.

The expected lists below are written out by hand from the drawings in the
fixtures' docstrings, not computed with the code under test.
"""

from __future__ import annotations

import math

import pytest

from netanalysis.compare import HEADLINE_FIGURES, compare_networks, headline_figures, headline_series
from netanalysis.network import StakeholderNetwork
from netanalysis.store import Store

PEOPLE = [
    {"id": "A", "name": "Anouk", "type": "civil_servant"},
    {"id": "B", "name": "Bram", "type": "civil_servant"},
    {"id": "R1", "name": "Rita", "type": "resident"},
    {"id": "C", "name": "Cafetaria Centrum", "type": "business"},
    {"id": "O", "name": "Stichting Oost", "type": "organisation"},
    {"id": "I1", "name": "Repair Café", "type": "initiative"},
    {"id": "I2", "name": "Moestuin", "type": "initiative"},
]


@pytest.fixture
def before() -> StakeholderNetwork:
    """::

        A -- B          A -- R1 -- C -- O
        A -- I2 -- B    I1 (no ties: isolated)
    """
    return StakeholderNetwork.from_tables(
        PEOPLE,
        [
            {"source": "A", "target": "B", "type": "collaboration", "strength": 3},
            {"source": "A", "target": "I2", "type": "collaboration"},
            {"source": "B", "target": "I2", "type": "collaboration"},
            {"source": "A", "target": "R1", "type": "informal", "strength": 2},
            {"source": "R1", "target": "C", "type": "information"},
            {"source": "O", "target": "C", "type": "funding"},
        ],
        name="Testdorp",
    )


@pytest.fixture
def after(before: StakeholderNetwork) -> StakeholderNetwork:
    """``before`` with: C removed (and its two ties), D added and tied to O,
    I1 tied to A and B (no longer isolated), the B-I2 tie gone (I2 now
    depends on A alone: newly isolated), a second relation type on A-B,
    the A-B collaboration listed again as B-A (not a change), and A-R1's
    strength changed (not a change)."""
    people = [p for p in PEOPLE if p["id"] != "C"] + [{"id": "D", "name": "Drukkerij Dijk", "type": "business"}]
    return StakeholderNetwork.from_tables(
        people,
        [
            {"source": "B", "target": "A", "type": "collaboration", "strength": 3},
            {"source": "A", "target": "B", "type": "information"},
            {"source": "A", "target": "I2", "type": "collaboration"},
            {"source": "A", "target": "R1", "type": "informal", "strength": 5},
            {"source": "I1", "target": "A", "type": "collaboration"},
            {"source": "B", "target": "I1", "type": "information"},
            {"source": "D", "target": "O", "type": "informal"},
        ],
        name="Testdorp",
    )


def _relations(frame):
    return [tuple(row) for row in frame[["source", "target", "type"]].itertuples(index=False)]


def test_stakeholders_added_and_removed_by_id(before, after):
    diff = compare_networks(before, after, lang="en")
    assert diff.stakeholders_added.to_dict("records") == [{"id": "D", "name": "Drukkerij Dijk", "type": "business"}]
    assert diff.stakeholders_removed.to_dict("records") == [{"id": "C", "name": "Cafetaria Centrum", "type": "business"}]


def test_relations_compared_as_undirected_pairs_with_type(before, after):
    diff = compare_networks(before, after, lang="en")
    # Sorted by the first stakeholder's name, then the second's; the smaller id first in each pair.
    assert _relations(diff.relations_added) == [
        ("A", "B", "information"),
        ("A", "I1", "collaboration"),
        ("B", "I1", "information"),
        ("D", "O", "informal"),
    ]
    assert _relations(diff.relations_removed) == [
        ("B", "I2", "collaboration"),
        ("C", "R1", "information"),
        ("C", "O", "funding"),
    ]
    assert diff.relations_removed["source_name"].tolist() == ["Bram", "Cafetaria Centrum", "Cafetaria Centrum"]
    assert diff.relations_removed["target_name"].tolist() == ["Moestuin", "Rita", "Stichting Oost"]
    assert diff.counts == {
        "stakeholders_added": 1, "stakeholders_removed": 1, "relations_added": 4, "relations_removed": 3,
        "no_longer_isolated": 1, "newly_isolated": 1,
    }
    assert not diff.unchanged


def test_isolated_initiatives_that_changed(before, after):
    diff = compare_networks(before, after, lang="en")
    assert diff.no_longer_isolated[["id", "name", "reason_code"]].to_dict("records") == [
        {"id": "I1", "name": "Repair Café", "reason_code": "no_path"}
    ]
    assert diff.newly_isolated[["id", "name", "reason_code"]].to_dict("records") == [
        {"id": "I2", "name": "Moestuin", "reason_code": "single_person"}
    ]
    assert "Anouk" in diff.newly_isolated.loc[0, "reason"]


def test_headline_side_by_side(before, after):
    diff = compare_networks(before, after, lang="nl")
    headline = diff.headline
    assert list(headline.index) == list(HEADLINE_FIGURES)
    assert headline.loc["stakeholders", ["before", "after", "change"]].tolist() == [7, 7, 0]
    assert headline.loc["relations", ["before", "after", "change"]].tolist() == [6, 7, 1]
    # before: {A,B,I2,R1,C,O} and {I1}; after: {A,B,I1,I2,R1} and {D,O}
    assert headline.loc["components", ["before", "after"]].tolist() == [2, 2]
    # before: I1 (no path); after: I2 (only through A)
    assert headline.loc["isolated_initiatives", ["before", "after"]].tolist() == [1, 1]
    # density of the merged graph: 6 ties of 21 pairs before; A-B merges to one tie after, so 6 of 21 again
    assert headline.loc["density", "before"] == pytest.approx(6 / 21)
    assert headline.loc["density", "after"] == pytest.approx(6 / 21)
    assert headline.loc["isolated_initiatives", "label"] == "Geïsoleerde initiatieven"


def test_identical_networks_have_no_changes(before):
    diff = compare_networks(before, before)
    assert diff.unchanged
    assert all(count == 0 for count in diff.counts.values())
    assert (diff.headline["change"].fillna(0) == 0).all()
    assert set(diff.brokers["status"]) <= {"same"}


def _path(ids, extra=()):
    people = [{"id": i, "name": i, "type": "resident"} for i in ids]
    ties = [{"source": a, "target": b} for a, b in zip(ids, ids[1:])] + [{"source": a, "target": b} for a, b in extra]
    return StakeholderNetwork.from_tables(people, ties)


def test_brokers_rise_fall_enter_and_leave():
    # Path a-b-c-d-e: c is the top broker, b and d share second place (b first by name).
    before = _path(list("abcde"))
    # Closing the path into a cycle makes every betweenness equal: ranks follow names.
    after = _path(list("abcde"), extra=[("a", "e")])
    table = compare_networks(before, after, top=3).brokers
    rows = {r["id"]: (r["rank_before"], r["rank_after"], r["status"]) for r in table.to_dict("records")}
    assert rows == {
        "a": (4, 1, "new"),
        "b": (2, 2, "same"),
        "c": (1, 3, "fell"),
        "d": (3, 4, "left"),
    }
    assert table["id"].tolist() == ["a", "b", "c", "d"]
    assert table.set_index("id").loc["c", "movement"] == -2


def test_a_removed_broker_is_reported_as_removed():
    before = _path(list("abcde"))
    after = before.without_stakeholders(["c"])
    table = compare_networks(before, after, top=3, lang="en").brokers
    rows = {r["id"]: (r["status"], r["status_label"]) for r in table.to_dict("records")}
    assert rows == {
        "c": ("removed", "no longer in the network"),
        "b": ("left", "left the top"),
        "d": ("left", "left the top"),
    }
    assert math.isnan(table.set_index("id").loc["c", "betweenness_after"])


def test_headline_series_has_one_row_per_version_oldest_first(before, after):
    store = Store("sqlite://")
    try:
        store.save_network(before, name="Testdorp", note="voor")
        store.save_network(after, name="Testdorp", note="na")
        store.save_network(after, name="Andere gemeente")
        series = headline_series(store, "Testdorp")
    finally:
        store.dispose()
    assert series["number"].tolist() == [1, 2]
    assert series["note"].tolist() == ["voor", "na"]
    assert series["relations"].tolist() == [6, 7]
    expected = headline_figures(after)
    for figure in HEADLINE_FIGURES:
        assert series.iloc[1][figure] == pytest.approx(expected[figure], nan_ok=True)


def test_headline_series_of_an_unknown_network_is_empty():
    store = Store("sqlite://")
    try:
        series = headline_series(store, "Nergens")
    finally:
        store.dispose()
    assert series.empty
    assert set(HEADLINE_FIGURES) <= set(series.columns)
