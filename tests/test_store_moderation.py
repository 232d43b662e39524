"""The stored side of what the room sees (issue 16), on SQLite and PostgreSQL:
moderation, merged duplicates and the names a phone may offer."""

from __future__ import annotations

import pytest

from netanalysis.demo import build_demo
from netanalysis.store import Store, UnknownStakeholder, WrongKey
from netanalysis.workshop import InvalidSubmission, new_participant_token


@pytest.fixture
def store(database_url):
    made = Store(database_url, rate_limit=None)
    yield made
    made.dispose()


def person(name, shown_as="name", ties=(), kind="resident"):
    return {"me": {"name": name, "type": kind, "consent": True, "shown_as": shown_as}, "ties": list(ties)}


def names(store, code):
    return set(store.workshop_network(code).stakeholders["name"])


def test_a_request_without_consent_stores_nothing(store):
    workshop, key = store.create_workshop("Avond")
    crafted = {"me": {"name": "Zonder Toestemming", "type": "resident", "shown_as": "name"}}
    with pytest.raises(InvalidSubmission) as caught:
        store.submit(workshop.code, new_participant_token(), crafted, submission_id="s-1")
    assert caught.value.key == "no_consent"
    assert store.list_submissions(workshop.code, key) == []
    token = new_participant_token()
    store.submit(workshop.code, token, person("Met Toestemming"), submission_id="s-2")
    with pytest.raises(InvalidSubmission):
        store.update_submission(workshop.code, token, "s-2", {**crafted, "me": {**crafted["me"], "consent": False}})
    assert names(store, workshop.code) == {"Met Toestemming"}


def test_phones_never_get_the_seed_or_hidden_participants(store):
    demo = build_demo()
    version = store.save_network(demo, name="Voorbeeldstad")
    workshop, key = store.create_workshop("Wijkavond", seed_version_id=version)
    residents = demo.stakeholders[demo.stakeholders["type"] == "resident"]
    assert len(residents) == 120
    store.submit(workshop.code, new_participant_token(),
                 person("Zichtbare Zoë", ties=[{"stakeholder_id": residents["id"].iloc[0]},
                                              {"name": "Genoemde Gijs", "type": "resident"}]), submission_id="a")
    store.submit(workshop.code, new_participant_token(), person("Verborgen Vera", "participant"), submission_id="b")
    choices = store.room_choices(workshop.code)
    assert [c["name"] for c in choices] == ["Zichtbare Zoë"]
    # The facilitator's map has everyone, the hidden participant under a neutral label.
    on_map = names(store, workshop.code)
    assert len(on_map) == 250 + 3 and "Deelnemer 1" in on_map and "Verborgen Vera" not in on_map
    assert "Participant 1" in set(store.workshop_network(workshop.code, lang="en").stakeholders["name"])
    # The facilitator makes an organisation of the seed choosable; a hidden participant cannot be made so.
    organisation = demo.stakeholders[demo.stakeholders["type"] == "organisation"].iloc[0]
    hidden = next(i for i, n in store.workshop_network(workshop.code).names().items() if n == "Deelnemer 1")
    store.set_choosable(workshop.code, key, [organisation["id"], hidden])
    assert {c["name"] for c in store.room_choices(workshop.code)} == {"Zichtbare Zoë", organisation["name"]}
    assert store.choosable_ids(workshop.code) == sorted([organisation["id"], hidden])
    with pytest.raises(UnknownStakeholder):
        store.set_choosable(workshop.code, key, ["not-there"])
    with pytest.raises(WrongKey):
        store.set_choosable(workshop.code, "wrong", [])
    store.set_choosable(workshop.code, key, [])
    assert [c["name"] for c in store.room_choices(workshop.code)] == ["Zichtbare Zoë"]


def test_moderation_shows_only_approved_entries_and_an_edit_waits_again(store):
    workshop, key = store.create_workshop("Avond")
    code = workshop.code
    early = new_participant_token()
    store.submit(code, early, person("Eerste Els"), submission_id="e")
    assert not store.moderation_enabled(code)
    revision = store.workshop_stats(code)["revision"]
    store.set_moderation(code, key, True)
    assert store.moderation_enabled(code)
    assert store.workshop_stats(code)["revision"] > revision, "the beamer redraws"
    assert names(store, code) == set(), "switching moderation on hides what was not approved"
    late = new_participant_token()
    store.submit(code, late, person("Late Lotte", ties=[{"name": "Piet", "type": "business"}]), submission_id="l")
    assert names(store, code) == set() and store.room_choices(code) == []
    assert [s.submission_id for s in store.pending_submissions(code, key)] == ["e", "l"]
    assert store.my_pending(code, late) == {"l"}
    assert store.approve_submissions(code, key, ["l", "unknown"]) == 1
    assert names(store, code) == {"Late Lotte", "Piet"}
    assert [c["name"] for c in store.room_choices(code)] == ["Late Lotte"]
    assert [s.submission_id for s in store.pending_submissions(code, key)] == ["e"]
    assert store.my_pending(code, late) == set()
    # An edit of an approved entry waits for approval again.
    store.update_submission(code, late, "l", person("Late Lotte", ties=[{"name": "Scheldwoord", "type": "business"}]))
    assert names(store, code) == set()
    store.approve_submissions(code, key, ["l"])
    assert names(store, code) == {"Late Lotte", "Scheldwoord"}
    # Rejecting is removing.
    store.remove_submission(code, key, "e")
    assert store.pending_submissions(code, key) == []
    store.set_moderation(code, key, False)
    assert names(store, code) == {"Late Lotte", "Scheldwoord"}
    with pytest.raises(WrongKey):
        store.approve_submissions(code, "wrong", ["l"])
    with pytest.raises(WrongKey):
        store.pending_submissions(code, "wrong")


def test_duplicates_are_merged_under_the_chosen_name_and_can_be_split_again(store):
    workshop, key = store.create_workshop("Avond")
    code = workshop.code
    store.submit(code, new_participant_token(), person("Jan de Vries"), submission_id="j")
    store.submit(code, new_participant_token(),
                 person("Bea", ties=[{"name": "J. de Vries", "type": "resident", "strength": 4}]), submission_id="b")
    network = store.workshop_network(code)
    ids = {name: i for i, name in network.names().items()}
    assert len(network) == 3
    store.merge_stakeholders(code, key, ids["J. de Vries"], ids["Jan de Vries"])
    merged = store.workshop_network(code)
    assert set(merged.stakeholders["name"]) == {"Jan de Vries", "Bea"}
    [tie] = merged.relations.itertuples(index=False)
    assert {tie.source, tie.target} == {ids["Bea"], ids["Jan de Vries"]} and tie.strength == 4
    assert store.workshop_aliases(code) == {ids["J. de Vries"]: ids["Jan de Vries"]}
    assert store.workshop_merges(code) == [{"id": ids["J. de Vries"], "name": "J. de Vries",
                                            "into_id": ids["Jan de Vries"], "into_name": "Jan de Vries"}]
    # The merge holds for a saved version too.
    version = store.save_workshop_as_version(code, key, name="Avond")
    assert set(store.load_version(version).stakeholders["name"]) == {"Jan de Vries", "Bea"}
    with pytest.raises(UnknownStakeholder):
        store.merge_stakeholders(code, key, ids["Bea"], ids["Bea"])
    with pytest.raises(UnknownStakeholder):
        store.merge_stakeholders(code, key, ids["J. de Vries"], ids["Bea"]), "merged away: no longer on the map"
    store.unmerge_stakeholder(code, key, ids["J. de Vries"])
    assert len(store.workshop_network(code)) == 3


def test_forgetting_a_person_reaches_approvals_merges_and_choices(store):
    workshop, key = store.create_workshop("Avond")
    code = workshop.code
    store.submit(code, new_participant_token(), person("Jan", ties=[{"name": "J.", "type": "resident"}]), submission_id="j")
    store.submit(code, new_participant_token(), person("Bea", ties=[{"name": "J.", "type": "resident"}]), submission_id="b")
    store.set_moderation(code, key, True)
    store.approve_submissions(code, key, ["j", "b"])
    ids = {name: i for i, name in store.workshop_network(code).names().items()}
    store.merge_stakeholders(code, key, ids["J."], ids["Jan"])
    store.set_choosable(code, key, [ids["Jan"]])
    report = store.forget_person("Jan")
    assert report["submissions"][0]["action"] == "deleted"
    assert store.workshop_aliases(code) == {} and store.choosable_ids(code) == []
    assert store.pending_submissions(code, key) == []
    assert names(store, code) == {"Bea", "J."}


def test_a_withdrawn_or_removed_entry_keeps_no_names(store):
    workshop, key = store.create_workshop("Avond")
    token = new_participant_token()
    store.submit(workshop.code, token, person("Ingetrokken Ida", ties=[{"name": "Genoemde Nel", "type": "resident"}]),
                 submission_id="i")
    store.submit(workshop.code, new_participant_token(), person("Verwijderde Vic"), submission_id="v")
    store.withdraw_submission(workshop.code, token, "i")
    store.remove_submission(workshop.code, key, "v")
    from sqlalchemy import text

    with store.engine.connect() as conn:
        stored = " ".join(conn.execute(text("SELECT payload FROM submissions")).scalars())
        listed = conn.execute(text("SELECT count(*) FROM submission_names")).scalar_one()
    assert "Ida" not in stored and "Nel" not in stored and "Vic" not in stored
    assert listed == 0
    everything = store.list_submissions(workshop.code, key, include_withdrawn=True)
    assert [(s.withdrawn, s.payload["ties"]) for s in everything] == [(True, []), (True, [])]
