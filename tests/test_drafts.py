"""Concepts in the store (issue #13): saved on every change, back after a
restart, undo and redo, decisions kept with versions, concurrent tabs.
Every test runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import create_engine, text

from netanalysis import edits
from netanalysis.access import LOCAL_TEAM, AccessDenied, Actor
from netanalysis.demo import build_demo
from netanalysis.network import StakeholderNetwork
from netanalysis.store import MAX_STEPS, SCHEMA_VERSION, StaleDraft, Store
from netanalysis.store.schema import metadata

ANNA = Actor("anna", "Anna Analist", {"noord": "analist"})
LISA = Actor("lisa", "Lisa Lezer", {"noord": "lezer"})
ZARA = Actor("zara", "Zara Analist", {"zuid": "analist"})
ADMIN = Actor("admin", "Beheer", {"noord": "beheerder", "zuid": "beheerder"})


@pytest.fixture
def store(database_url):
    made = Store(database_url, rate_limit=None, default_actor=None)
    for slug in ("noord", "zuid"):
        made.create_team(slug, actor=ADMIN)
    yield made
    made.dispose()


def _people(*names):
    return [{"id": n[0].lower(), "name": n, "type": "resident"} for n in names]


BASE = StakeholderNetwork.from_tables(_people("Fatima", "Wim", "Jan"), [{"source": "f", "target": "j"}], name="Wijk")


def _change(store, tab, new_state, *, actor=ANNA, **options):
    """What a tab does: diff against what it shows, write with its revision."""
    edit = edits.diff(tab["state"], new_state)
    result = store.change_draft(edit, description=edits.describe(tab["state"], edit),
                                expected_revision=tab["revision"], initial=tab["state"], actor=actor, **options)
    tab.update(state=result.draft.state, revision=result.draft.revision)
    return result


def _tab(store, actor=ANNA):
    draft = store.get_draft(actor=actor)
    if draft is None:
        return {"state": edits.state_of(BASE), "revision": None}
    return {"state": draft.state, "revision": draft.revision}


def _with_relation(state, a, b):
    return {**state, "relations": state["relations"] + [{"source": a, "target": b, "type": "collaboration",
                                                         "strength": 3.0, "since": None, "notes": None}]}


def test_a_concept_survives_a_restart_exactly(store, database_url):
    assert store.get_draft(actor=ANNA) is None
    tab = _tab(store)
    first = _change(store, tab, _with_relation(tab["state"], "f", "w"))
    assert not first.merged and first.notes == ()  # the first edit is no conflict with anyone
    expected = edits.network_of(tab["state"]).fingerprint()
    store.dispose()
    again = Store(database_url, default_actor=None)  # a server restart
    draft = again.get_draft(actor=ANNA)
    assert draft.network.fingerprint() == expected and len(draft.network.relations) == 2
    assert draft.network.name == "Wijk" and not draft.saved
    assert [edits.describe_text(d, "nl") for d in draft.undo] == ["Relatie Fatima – Wim toegevoegd"]
    again.dispose()


def test_a_concept_is_personal_and_needs_membership(store):
    tab = _tab(store)
    _change(store, tab, _with_relation(tab["state"], "f", "w"))
    assert store.get_draft(actor=LISA) is None  # another member of the team has their own
    with pytest.raises(AccessDenied):
        store.get_draft(team="noord", actor=ZARA)
    with pytest.raises(AccessDenied):
        store.change_draft({"tables": {}}, description={}, expected_revision=None, team="noord", actor=ZARA)
    with pytest.raises(AccessDenied):
        store.get_draft(actor=None)
    with pytest.raises(AccessDenied):  # a lezer keeps a concept but may not save it as a version
        lisa_tab = _tab(store, LISA)
        _change(store, lisa_tab, _with_relation(lisa_tab["state"], "w", "j"), actor=LISA)
        store.save_draft_as_version(actor=LISA)


def test_sixty_steps_undo_and_redo_at_least_fifty(store, database_url):
    people = _people(*[f"P{i:02d}" for i in range(61)])
    for i, p in enumerate(people):
        p["id"] = f"p{i}"
    start = StakeholderNetwork.from_tables(people, name="Lang")
    tab = {"state": edits.state_of(start), "revision": None}
    fingerprints = [edits.state_fingerprint(tab["state"])]
    for i in range(60):
        _change(store, tab, _with_relation(tab["state"], f"p{i}", f"p{i + 1}"))
        fingerprints.append(edits.state_fingerprint(tab["state"]))
    store.dispose()
    store = Store(database_url, default_actor=None)
    draft = store.get_draft(actor=ANNA)
    assert len(draft.undo) == 60 and len(draft.redo) == 0
    for back in range(1, 55):
        draft = store.undo_draft(expected_revision=draft.revision, actor=ANNA)
        assert draft.fingerprint == fingerprints[60 - back]
    assert len(draft.redo) == 54
    assert edits.describe_text(draft.redo[0], "nl") == "Relatie P06 – P07 toegevoegd"
    for forward in range(3):
        draft = store.redo_draft(expected_revision=draft.revision, actor=ANNA)
    assert draft.fingerprint == fingerprints[9]
    # A new edit after undo drops the steps that could be redone.
    tab = {"state": draft.state, "revision": draft.revision}
    _change(store, tab, _with_relation(tab["state"], "p0", "p60"))
    draft = store.get_draft(actor=ANNA)
    assert len(draft.redo) == 0 and len(draft.undo) == 10
    sizes = store.draft_sizes(actor=ANNA)
    assert sizes["count"] == 10 and sizes["steps"] < 10 * 400
    store.dispose()


def test_steps_are_capped(store):
    tab = {"state": edits.state_of(BASE), "revision": None}
    for i in range(MAX_STEPS + 5):
        _change(store, tab, {**tab["state"], "name": f"Wijk {i}"})
    draft = store.get_draft(actor=ANNA)
    assert len(draft.undo) == MAX_STEPS >= 50


def test_an_accepted_suggestion_is_a_small_step_on_the_demo(store):
    demo = build_demo()
    tab = {"state": edits.state_of(demo), "revision": None}
    a, b = demo.ids[0], demo.ids[-1]
    grown = edits.with_decision(_with_relation(tab["state"], a, b), a, b, "accepted")
    _change(store, tab, grown)
    sizes = store.draft_sizes(actor=ANNA)
    assert sizes["count"] == 1 and sizes["steps"] < 1000 < 100 * 1000 < sizes["state"]
    draft = store.get_draft(actor=ANNA)
    assert len(draft.network.relations) == len(demo.relations) + 1
    assert draft.decisions == ({"source": min(a, b), "target": max(a, b), "decision": "accepted"},)


def test_decisions_are_kept_in_versions_and_restores(store):
    tab = _tab(store)
    _change(store, tab, edits.with_decision(tab["state"], "w", "j", "dismissed"))
    assert not store.get_draft(actor=ANNA).saved
    version = store.save_draft_as_version(note="eerste", actor=ANNA)
    draft = store.get_draft(actor=ANNA)
    assert draft.saved and draft.saved_version_id == version
    assert store.version_decisions(version, actor=ANNA) == [{"source": "j", "target": "w", "decision": "dismissed"}]
    assert store.version_info(version, actor=ANNA).network == "Wijk"
    restored = store.restore_version(version, actor=ANNA)
    assert store.version_decisions(restored, actor=LISA) == store.version_decisions(version, actor=ANNA)
    with pytest.raises(AccessDenied):
        store.version_decisions(version, actor=ZARA)
    _change(store, tab, _with_relation(tab["state"], "w", "j"))
    assert not store.get_draft(actor=ANNA).saved


def test_a_stale_tab_is_merged_per_field_and_told_what_it_overwrote(store):
    first = _tab(store)
    _change(store, first, _with_relation(first["state"], "f", "w"))
    second = dict(first)  # a second tab that read the same revision

    def changed(state, **fields):
        state = json.loads(json.dumps(state))
        state["stakeholders"][2].update(fields)
        return state

    _change(store, first, changed(first["state"], area="Noord", role="voorzitter"))
    result = _change(store, second, changed(second["state"], area="Zuid", notes="belt terug"))
    assert result.merged and result.notes == ("Jan: area",)
    jan = result.draft.network.stakeholder("j")
    assert (jan["area"], jan["role"], jan["notes"]) == ("Zuid", "voorzitter", "belt terug")
    # Undo from a tab that has not seen the newest revision is refused, not guessed.
    with pytest.raises(StaleDraft):
        store.undo_draft(expected_revision=first["revision"], actor=ANNA)
    draft = store.undo_draft(expected_revision=second["revision"], actor=ANNA)
    assert draft.network.stakeholder("j")["area"] == "Noord"


def test_concurrent_tabs_lose_no_relation(store):
    """Eight tabs of one user, all starting from the same revision, each add
    five relations as fast as they can: every one of the 40 is kept."""
    people = _people(*[f"Q{i:02d}" for i in range(41)])
    for i, p in enumerate(people):
        p["id"] = f"q{i}"
    start = edits.state_of(StakeholderNetwork.from_tables(people))
    _change(store, {"state": start, "revision": None}, start)
    revision = store.draft_revision(actor=ANNA)
    errors = []

    def tab(number):
        mine = {"state": start, "revision": revision}
        try:
            for k in range(5):
                i = number * 5 + k
                _change(store, mine, _with_relation(mine["state"], "q0", f"q{i + 1}"))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=tab, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    draft = store.get_draft(actor=ANNA)
    assert sorted(draft.network.relations["target"]) == sorted(f"q{i}" for i in range(1, 41))
    assert draft.revision == revision + 40


def test_a_version_2_database_is_upgraded_to_keep_concepts(database_url):
    engine = create_engine(database_url.replace("postgresql+psycopg", "postgresql+psycopg"))
    new = ("drafts", "draft_steps", "version_decisions", "participant_drafts", "workshop_moderation",
           "submission_approvals", "workshop_aliases", "workshop_choosable")
    old = [t for name, t in metadata.tables.items() if name not in new]
    with engine.begin() as conn:
        metadata.create_all(conn, tables=old)
        conn.execute(text("INSERT INTO schema_version VALUES (2, '2025-06-01 00:00:00')"))
        conn.execute(text("INSERT INTO teams (id, slug, name, created_at) VALUES (1, :t, 'Lokaal', '2025-06-01')"),
                     {"t": LOCAL_TEAM})
    engine.dispose()
    store = Store(database_url)
    assert store.schema_version() == SCHEMA_VERSION == 6
    tab = _tab(store, None)
    _change(store, tab, _with_relation(tab["state"], "f", "w"), actor=None)
    assert len(store.get_draft().network.relations) == 2
    store.dispose()


def test_forgetting_a_person_reaches_concepts_and_their_undo_history(store, database_url):
    # Fatima is in Anna's concept only (never saved as a version): erasure
    # must still find her there, drop her ties and the undo steps that could
    # bring her back, and leave her name in no table of the database.
    tab = _tab(store)
    _change(store, tab, _with_relation(tab["state"], "f", "w"))
    assert store.get_draft(actor=ANNA).undo  # an undo step that names her
    report = store.forget_person("Fatima", team="noord", actor=ADMIN)
    assert report["ids"] == ["f"] and report["drafts"] == 1
    draft = store.get_draft(actor=ANNA)
    assert [p["id"] for p in draft.state["stakeholders"]] == ["w", "j"]
    assert draft.state["relations"] == [] and not draft.undo and not draft.redo
    engine = create_engine(database_url)
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            for row in conn.execute(table.select()):
                assert "Fatima" not in json.dumps([str(v) for v in row]), table.name
    engine.dispose()
