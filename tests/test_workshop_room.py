"""What the room sees of a workshop (issue 16): consent and visibility in the
payload, participants shown as "deelnemer", duplicates merged by the
facilitator, and the names a phone may offer. No database (see
tests/test_store_moderation.py for the stored side)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from netanalysis.network import StakeholderNetwork
from netanalysis.submissions import merge_workshop, room_choices, validate_payload
from netanalysis.workshop import InvalidSubmission, Submission

T0 = datetime(2026, 11, 23, 19, 0, tzinfo=timezone.utc)


def sent(participant, name, shown_as="name", ties=(), *, kind="resident", minute=0, **extra):
    payload = validate_payload({"me": {"name": name, "type": kind, "consent": True, "shown_as": shown_as, **extra},
                                "ties": list(ties)})
    at = T0 + timedelta(minutes=minute)
    return Submission(f"{participant}-{minute}", "ABCDEFGH", participant, payload, at, at)


@pytest.fixture
def seed():
    return StakeholderNetwork.from_tables(
        [
            {"id": "r1", "name": "Wim Bewoner", "type": "resident"},
            {"id": "r2", "name": "Ria Bewoonster", "type": "resident"},
            {"id": "o1", "name": "Wijkteam Noord", "type": "organisation"},
        ],
        [{"source": "r1", "target": "o1", "type": "collaboration", "strength": 2},
         {"source": "r2", "target": "o1", "type": "informal", "strength": 4}],
        name="Seed",
    )


@pytest.mark.parametrize("consent", [False, "true", 1, None, [True]])
def test_only_a_literal_true_counts_as_consent(consent):
    with pytest.raises(InvalidSubmission) as caught:
        validate_payload({"me": {"name": "Bea", "type": "resident", "consent": consent, "shown_as": "name"}})
    assert caught.value.key == "no_consent"
    assert "toestemming" in caught.value.text("nl") and "consent" in caught.value.text("en")


@pytest.mark.parametrize("word, canonical", [("name", "name"), ("Naam", "name"), ("participant", "participant"),
                                             (" deelnemer ", "participant")])
def test_visibility_is_normalised(word, canonical):
    clean = validate_payload({"me": {"name": "Bea", "type": "resident", "consent": True, "shown_as": word}})
    assert clean["me"]["shown_as"] == canonical and clean["me"]["consent"] is True


def test_a_hidden_participant_s_name_is_nowhere_in_the_network():
    merged = merge_workshop(None, [
        sent("p1", "Bea Zichtbaar", ties=[{"name": "Cor", "type": "resident"}]),
        sent("p2", "Dirk Verborgen", "participant", ties=[{"name": "Bea Zichtbaar", "type": "resident"}],
             minute=1, organisation="Bakkerij"),
        sent("p3", "Eva Verborgen", "participant", minute=2),
    ], participant_label="Deelnemer {n}")
    net = merged.network
    names = sorted(net.stakeholders["name"])
    assert names == ["Bea Zichtbaar", "Cor", "Deelnemer 1", "Deelnemer 2"]
    text = net.stakeholders.to_json() + net.relations.to_json()
    assert "Verborgen" not in text and "verborgen" not in text.casefold()
    dirk = merged.participant_nodes["p2"]
    assert net.names()[dirk] == "Deelnemer 1" and dirk in merged.hidden
    assert net.stakeholders.set_index("id").loc[dirk, "organisation"] == "Bakkerij"
    # Dirk's tie to Bea is there, under the neutral label.
    assert {tuple(sorted(pair)) for pair in net.relations[["source", "target"]].itertuples(index=False)} >= {
        tuple(sorted((dirk, merged.participant_nodes["p1"])))}


def test_a_hidden_participant_is_not_matched_by_name_to_someone_named_by_others():
    merged = merge_workshop(None, [
        sent("p1", "Bea", ties=[{"name": "Dirk", "type": "resident"}]),
        sent("p2", "Dirk", "participant", minute=1),
    ])
    assert sorted(merged.network.stakeholders["name"]) == ["Bea", "Deelnemer 1", "Dirk"]


def test_changing_to_participant_later_hides_the_name_from_then_on():
    merged = merge_workshop(None, [sent("p1", "Bea", minute=0), sent("p1", "Bea", "participant", minute=5)])
    assert list(merged.network.stakeholders["name"]) == ["Deelnemer 1"]


def test_phones_get_visible_participants_and_chosen_names_only(seed):
    merged = merge_workshop(seed, [
        sent("p1", "Bea Zichtbaar", ties=[{"stakeholder_id": "r1"}, {"name": "Genoemde Gerrit", "type": "resident"}]),
        sent("p2", "Dirk Verborgen", "participant", minute=1),
    ])
    assert [p["name"] for p in room_choices(merged)] == ["Bea Zichtbaar"]
    hidden = merged.participant_nodes["p2"]
    chosen = room_choices(merged, ["o1", hidden, "does-not-exist"])
    assert [p["name"] for p in chosen] == ["Bea Zichtbaar", "Wijkteam Noord"], "a hidden participant is never choosable"
    assert {p["id"] for p in chosen} == {merged.participant_nodes["p1"], "o1"}


def test_a_participant_who_is_in_the_seed_is_choosable_by_their_own_choice(seed):
    merged = merge_workshop(seed, [sent("p1", "wim bewoner")])
    assert [p["id"] for p in room_choices(merged)] == ["r1"]
    assert "r2" not in {p["id"] for p in room_choices(merged)}


def test_merging_duplicates_makes_one_stakeholder_with_the_chosen_name(seed):
    submissions = [
        sent("p1", "Jan de Vries", ties=[{"stakeholder_id": "o1", "strength": 2}], area="Noord"),
        sent("p2", "Bea", ties=[{"name": "J. de Vries", "type": "resident", "strength": 5},
                                {"name": "Jan de Vries", "type": "resident", "strength": 1}], minute=1),
        sent("p3", "Cor", ties=[{"name": "J. de Vries", "type": "resident", "strength": 3},
                                {"stakeholder_id": "o1", "strength": 4}], minute=2),
    ]
    before = merge_workshop(seed, submissions).network
    jan = merge_workshop(seed, submissions).participant_nodes["p1"]
    short = next(i for i, n in before.names().items() if n == "J. de Vries")
    merged = merge_workshop(seed, submissions, aliases={short: jan})
    net = merged.network
    assert "J. de Vries" not in set(net.stakeholders["name"])
    assert len(net) == len(before) - 1
    assert net.names()[jan] == "Jan de Vries"
    ties = {tuple(sorted((r.source, r.target))): r.strength for r in net.relations.itertuples(index=False)}
    bea, cor = merged.participant_nodes["p2"], merged.participant_nodes["p3"]
    assert ties[tuple(sorted((bea, jan)))] == 5, "the two ties of Bea become one, the strongest kept"
    assert ties[tuple(sorted((cor, jan)))] == 3, "Cor's tie to J. moved to Jan"
    # Seed relations untouched, the network still valid.
    assert ties[("o1", "r1")] == 2


def test_merging_into_a_seed_person_and_undoing_chains(seed):
    submissions = [sent("p1", "Bea", ties=[{"name": "W. Bewoner", "type": "resident", "strength": 4}])]
    short = next(i for i, n in merge_workshop(seed, submissions).network.names().items() if n == "W. Bewoner")
    merged = merge_workshop(seed, submissions, aliases={short: "r1", "r1": short, "x": "r1"})
    assert short in merged.network.ids and "r1" in merged.network.ids, "a loop of aliases is ignored"
    merged = merge_workshop(seed, submissions, aliases={short: "r1"})
    assert short not in merged.network.ids
    assert len(merged.network.relations) == 3
    # Merging two people who are tied to each other drops that tie instead of making a self-tie.
    bea = merged.participant_nodes["p1"]
    merged = merge_workshop(seed, submissions, aliases={bea: short})
    assert len(merged.network.relations) == 2
    assert all(r.source != r.target for r in merged.network.relations.itertuples(index=False))
