"""Edits as data (netanalysis.edits): diff, apply, invert, merge, describe."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis import edits
from netanalysis.network import StakeholderNetwork

PEOPLE = [
    {"id": "f", "name": "Fatima el Amrani", "type": "resident"},
    {"id": "w", "name": "Wijkcentrum De Zuidpoort", "type": "organisation"},
    {"id": "j", "name": "Jan de Vries", "type": "civil_servant", "themes": "groen;jeugd"},
]


def _state(relations=(), people=PEOPLE, decisions=()):
    return edits.state_of(StakeholderNetwork.from_tables(people, relations, name="Wijk"), decisions)


def test_one_added_relation_is_one_small_step_described_by_name():
    before = _state([{"source": "f", "target": "j"}])
    after = _state([{"source": "f", "target": "j"}, {"source": "f", "target": "w", "strength": 4}])
    edit = edits.diff(before, after)
    assert list(edit["tables"]) == ["relations"]
    assert edits.apply(before, edit) == after
    assert edits.apply(after, edits.invert(edit)) == before
    description = edits.describe(before, edit)
    assert edits.describe_text(description, "nl") == "Relatie Fatima el Amrani – Wijkcentrum De Zuidpoort toegevoegd"
    assert edits.describe_text(description, "en") == "Relation Fatima el Amrani – Wijkcentrum De Zuidpoort added"
    assert edits.edit_size(edit) < 300


def test_descriptions_of_changed_removed_and_many_rows():
    base = _state([{"source": "f", "target": "j"}])
    changed = edits.state_of(edits.network_of(base).with_stakeholders([]), [])
    changed["stakeholders"][2] = {**changed["stakeholders"][2], "area": "Zuid"}
    assert edits.describe_text(edits.describe(base, edits.diff(base, changed)), "nl") == "Betrokkene Jan de Vries gewijzigd"
    fewer = {**base, "relations": []}
    assert edits.describe_text(edits.describe(base, edits.diff(base, fewer)), "nl") == "Relatie Fatima el Amrani – Jan de Vries verwijderd"
    emptied = _state([], people=[])
    text = edits.describe_text(edits.describe(base, edits.diff(base, emptied)), "nl")
    assert text == "Tabellen gewijzigd: 3 betrokkene(n) en 1 relatie(s)"
    accepted = edits.describe(base, {}, "suggestion_accepted", a="A", b="B")
    assert edits.describe_text(accepted, "en") == "Suggestion accepted: relation A – B added"


def test_decisions_are_part_of_the_state_and_its_fingerprint():
    base = _state()
    dismissed = edits.with_decision(base, "w", "f", "dismissed")
    assert dismissed["decisions"] == [{"source": "f", "target": "w", "decision": "dismissed"}]
    assert edits.state_fingerprint(dismissed) != edits.state_fingerprint(base)
    assert edits.apply(base, edits.diff(base, dismissed)) == dismissed
    assert edits.with_decision(dismissed, "f", "w", None)["decisions"] == []
    assert edits.decided_pairs(dismissed["decisions"], "dismissed") == {frozenset(("f", "w"))}
    with pytest.raises(ValueError):
        edits.with_decision(base, "f", "w", "maybe")


def test_apply_refuses_an_edit_made_on_another_state():
    base = _state([{"source": "f", "target": "j"}])
    edit = edits.diff(base, {**base, "relations": []})
    other = _state([{"source": "f", "target": "w"}])
    with pytest.raises(edits.EditConflict):
        edits.apply(other, edit)


def test_merge_keeps_both_tabs_fields_and_the_later_value_of_a_field_both_changed():
    base = _state()

    def changed(**fields):
        state = json.loads(json.dumps(base))
        state["stakeholders"][0].update(fields)
        return state

    theirs = changed(area="Noord", role="voorzitter")
    mine = edits.diff(base, changed(area="Zuid", notes="belt terug"))
    merged, notes = edits.merge(theirs, mine)
    fatima = merged["stakeholders"][0]
    assert (fatima["area"], fatima["role"], fatima["notes"]) == ("Zuid", "voorzitter", "belt terug")
    assert notes == ["Fatima el Amrani: area"]


def test_merge_adds_what_the_other_tab_lacks_and_reports_relations_it_cannot_keep():
    base = _state([{"source": "f", "target": "j"}])
    theirs = _state([], people=PEOPLE[:2])  # Jan and his relation removed in the other tab
    mine = edits.diff(base, _state([{"source": "f", "target": "j"}, {"source": "f", "target": "w"}]))
    merged, notes = edits.merge(theirs, mine)
    assert [(r["source"], r["target"]) for r in merged["relations"]] == [("f", "w")]
    assert notes == []
    mine = edits.diff(base, _state([{"source": "f", "target": "j", "strength": 5}]))
    merged, notes = edits.merge(theirs, mine)
    assert merged["relations"] == [] and notes == ["Fatima el Amrani – j"]


rows = st.lists(st.sampled_from(["f", "w", "j"]), min_size=0, max_size=6)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["f", "w", "j"]), st.sampled_from(["f", "w", "j"]),
                          st.integers(1, 5)), max_size=8),
       st.lists(st.tuples(st.sampled_from(["f", "w", "j"]), st.sampled_from(["f", "w", "j"]),
                          st.integers(1, 5)), max_size=8))
def test_apply_and_invert_are_exact_for_any_two_states(first, second):
    def state(ties):
        return _state([{"source": a, "target": b, "strength": s} for a, b, s in ties if a != b])

    before, after = state(first), state(second)
    edit = edits.diff(before, after)
    assert edits.apply(before, edit) == after
    assert edits.apply(after, edits.invert(edit)) == before
    assert edits.is_empty(edit) == (before == after)


def test_a_whole_replacement_of_a_large_state_is_not_aligned_row_by_row():
    many = [{"id": str(i), "name": f"P{i}", "type": "resident"} for i in range(5000)]
    before = edits.state_of(StakeholderNetwork.from_tables(many))
    after = edits.state_of(StakeholderNetwork.from_tables([{**p, "name": p["name"] + "x"} for p in many]))
    edit = edits.diff(before, after)
    assert len(edit["tables"]["stakeholders"]["removed"]) == 5000
    assert edits.apply(after, edits.invert(edit)) == before
