"""Tests of netanalysis.workshop and netanalysis.submissions: the workshop logic that needs no database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netanalysis.network import StakeholderNetwork
from netanalysis.submissions import (
    LIMITS,
    derived_id,
    merge_submissions,
    name_key,
    submission_names,
    validate_payload,
    validate_submission_id,
)
from netanalysis.workshop import (
    CODE_ALPHABET,
    CODE_LENGTH,
    InvalidSubmission,
    Submission,
    WorkshopClosed,
    hash_key,
    new_code,
    new_facilitator_key,
    new_participant_token,
    normalise_code,
    participant_fingerprint,
    verify_key_hash,
)

T0 = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)


def me(name="Anouk de Vries", kind="civil_servant", **extra):
    return {"name": name, "type": kind, "consent": True, "shown_as": "name", **extra}


def submission(participant, payload, *, minute=0, sid=None, withdrawn=False, updated_minute=None):
    created = T0 + timedelta(minutes=minute)
    updated = T0 + timedelta(minutes=updated_minute if updated_minute is not None else minute)
    return Submission(
        submission_id=sid or f"{participant}-{minute}",
        workshop_code="ABCDEFGH",
        participant=participant,
        payload=validate_payload(payload),
        created_at=created,
        updated_at=updated,
        withdrawn=withdrawn,
    )


# -- codes and keys -------------------------------------------------------------


def test_code_alphabet_has_no_ambiguous_characters():
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert set(CODE_ALPHABET) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def test_codes_are_long_random_and_from_the_alphabet():
    codes = [new_code() for _ in range(300)]
    assert CODE_LENGTH >= 8
    assert all(len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert len(set(codes)) == len(codes)
    # every character of the alphabet turns up somewhere in 2,400 draws
    assert set("".join(codes)) == set(CODE_ALPHABET)


def test_typed_code_is_normalised():
    assert normalise_code(" abcd-efgh\n") == "ABCDEFGH"


def test_facilitator_key_has_at_least_128_bits():
    key = new_facilitator_key()
    # token_urlsafe: 6 bits per character
    assert len(key) * 6 >= 128
    assert new_facilitator_key() != key


def test_key_hash_is_salted_and_verifies_only_the_key():
    key = new_facilitator_key()
    first, second = hash_key(key), hash_key(key)
    assert first != second, "the same key must hash differently with a fresh salt"
    assert key not in first
    assert verify_key_hash(key, first) and verify_key_hash(key, second)
    assert not verify_key_hash(key[:-1], first)
    assert not verify_key_hash(key + "x", first)
    assert not verify_key_hash("", first)
    assert not verify_key_hash(None, first)
    assert not verify_key_hash(key, "scrypt$garbage")
    assert not verify_key_hash(key, "md5$1$2$3$00$00")


def test_participant_fingerprint_is_stable_and_hides_the_token():
    token = new_participant_token()
    assert participant_fingerprint(token) == participant_fingerprint(token)
    assert token not in participant_fingerprint(token)
    assert participant_fingerprint(token) != participant_fingerprint(new_participant_token())
    with pytest.raises(InvalidSubmission):
        participant_fingerprint("short")
    with pytest.raises(InvalidSubmission):
        participant_fingerprint(None)


# -- validation ---------------------------------------------------------------


def test_payload_is_normalised():
    clean = validate_payload(
        {
            "me": {"name": "  Zoë\u202e  de\tJong ", "type": "Bewoner", "themes": "groen; jeugd;groen",
                   "area": " Noord ", "organisation": "", "email": "zoe@example.org",
                   "consent": True, "shown_as": " Deelnemer "},
            "ties": [
                {"stakeholder_id": "s12", "relation_type": "Subsidie", "strength": "5"},
                {"name": "buurtmoestuin", "type": "initiatief", "strength": 2.0},
                {"name": "Wijkteam", "type": "organisatie"},
            ],
            "extra": "dropped",
        }
    )
    assert clean == {
        "me": {"name": "Zoë de Jong", "type": "resident", "organisation": None,
               "themes": ["groen", "jeugd"], "area": "Noord", "consent": True, "shown_as": "participant"},
        "ties": [
            {"stakeholder_id": "s12", "relation_type": "funding", "strength": 5},
            {"name": "buurtmoestuin", "type": "initiative", "relation_type": "collaboration", "strength": 2},
            {"name": "Wijkteam", "type": "organisation", "relation_type": "collaboration", "strength": 3},
        ],
    }


@pytest.mark.parametrize(
    "payload, key",
    [
        (None, "not_a_dict"),
        ({"ties": []}, "not_a_dict"),
        ({"me": me(name="   ")}, "missing"),
        ({"me": me(name="x" * (LIMITS.name + 1))}, "too_long"),
        ({"me": me(area="x" * (LIMITS.area + 1))}, "too_long"),
        ({"me": me(themes=[f"t{i}" for i in range(LIMITS.themes + 1)])}, "too_many"),
        ({"me": me(kind="ruimtevaarder")}, "unknown_type"),
        ({"me": me(kind="")}, "missing"),
        ({"me": me(), "ties": [{"name": "Bea", "type": "resident"}] * (LIMITS.ties + 1)}, "too_many"),
        ({"me": me(), "ties": [{"stakeholder_id": "s1", "strength": 0}]}, "bad_strength"),
        ({"me": me(), "ties": [{"stakeholder_id": "s1", "strength": 6}]}, "bad_strength"),
        ({"me": me(), "ties": [{"stakeholder_id": "s1", "strength": 2.5}]}, "bad_strength"),
        ({"me": me(), "ties": [{"stakeholder_id": "s1", "strength": True}]}, "bad_strength"),
        ({"me": me(), "ties": [{"stakeholder_id": "s1", "strength": "veel"}]}, "bad_strength"),
        ({"me": me(), "ties": [{"stakeholder_id": "s1", "relation_type": "vijandschap"}]}, "unknown_relation_type"),
        ({"me": me(), "ties": [{"strength": 3}]}, "tie_needs_target"),
        ({"me": me(), "ties": [{"name": "ANOUK  de vries", "type": "ambtenaar"}]}, "tie_to_self"),
        ({"me": me(), "ties": "everyone"}, "not_a_dict"),
        ({"me": me(name=["a list"])}, "not_a_dict"),
        ({"me": {"name": "Anouk", "type": "resident", "shown_as": "name"}}, "no_consent"),
        ({"me": me(consent=False)}, "no_consent"),
        ({"me": me(consent="ja")}, "no_consent"),
        ({"me": me(consent=1)}, "no_consent"),
        ({"me": me(consent=None)}, "no_consent"),
        ({"me": {"name": "Anouk", "type": "resident", "consent": True}}, "bad_shown_as"),
        ({"me": me(shown_as="iedereen")}, "bad_shown_as"),
        ({"me": me(shown_as=True)}, "bad_shown_as"),
    ],
)
def test_invalid_payloads_are_refused_with_a_reason(payload, key):
    with pytest.raises(InvalidSubmission) as caught:
        validate_payload(payload)
    assert caught.value.key == key


def test_invalid_submission_speaks_dutch_and_english():
    with pytest.raises(InvalidSubmission) as caught:
        validate_payload({"me": me(name="x" * 101)})
    error = caught.value
    assert str(error) == "De naam is te lang (hoogstens 100 tekens)."
    assert error.text("en") == "The name is too long (at most 100 characters)."
    assert isinstance(error, ValueError)
    assert WorkshopClosed().text("en").startswith("This workshop is closed")


def test_custom_limits_apply():
    from netanalysis.submissions import Limits

    with pytest.raises(InvalidSubmission):
        validate_payload({"me": me(), "ties": [{"name": "Bea", "type": "resident"}] * 3}, limits=Limits(ties=2))


@pytest.mark.parametrize("bad", ["", "x" * 65, "with space", "semi;colon", None, 12])
def test_submission_ids_are_checked(bad):
    with pytest.raises(InvalidSubmission):
        validate_submission_id(bad)


def test_submission_names_lists_everyone_named():
    payload = validate_payload({"me": me(), "ties": [{"name": "Bea", "type": "resident"}, {"stakeholder_id": "s1"}]})
    assert submission_names(payload) == [("self", "Anouk de Vries"), ("named", "Bea")]


# -- merging ------------------------------------------------------------------


@pytest.fixture
def seed():
    return StakeholderNetwork.from_tables(
        [
            {"id": "s1", "name": "Anouk de Vries", "type": "civil_servant", "area": "Centrum", "themes": ["wonen"]},
            {"id": "s2", "name": "Buurthuis De Ster", "type": "organisation"},
        ],
        [{"source": "s1", "target": "s2", "type": "collaboration", "strength": 2}],
        name="Seed",
    )


def test_merge_without_seed_builds_people_and_ties():
    net = merge_submissions(
        None,
        [
            submission("p1", {"me": me("Bea Jansen", "resident"),
                              "ties": [{"name": "Moestuin", "type": "initiative", "strength": 4}]}),
            submission("p2", {"me": me("Cor", "business"),
                              "ties": [{"name": "moestuin", "type": "initiative", "strength": 2}]}, minute=1),
        ],
        name="Workshop",
    )
    assert net.name == "Workshop"
    names = net.names()
    assert sorted(names.values()) == ["Bea Jansen", "Cor", "Moestuin"], "'moestuin' is the same initiative"
    garden = derived_id(name_key("Moestuin", "initiative"))
    assert names[garden] == "Moestuin", "the first spelling is kept"
    assert all(i.startswith("w-") for i in net.ids)
    assert len(net.relations) == 2
    assert set(net.relations["target"]) | set(net.relations["source"]) >= {garden}


def test_participant_already_in_seed_becomes_that_stakeholder(seed):
    net = merge_submissions(
        seed,
        [submission("p1", {"me": me("anouk de vries", "ambtenaar", area="Noord", organisation="Gemeente",
                                    themes=["groen"]),
                           "ties": [{"stakeholder_id": "s2", "strength": 5, "relation_type": "informal"}]})],
    )
    assert len(net) == 2
    anouk = net.stakeholder("s1")
    assert anouk["area"] == "Centrum", "the seed's value wins"
    assert anouk["organisation"] == "Gemeente", "an empty seed field is filled in"
    assert anouk["themes"] == ["wonen", "groen"]
    assert sorted(net.relations["type"]) == ["collaboration", "informal"]


def test_relation_already_in_seed_is_not_added_twice(seed):
    net = merge_submissions(
        seed, [submission("p1", {"me": me(), "ties": [{"stakeholder_id": "s2", "strength": 5}]})]
    )
    assert len(net.relations) == 1
    assert net.relations["strength"].tolist() == [2.0]


def test_mutual_naming_is_one_tie_with_the_strongest_rating():
    net = merge_submissions(
        None,
        [
            submission("p1", {"me": me("Bea", "resident"), "ties": [{"name": "Cor", "type": "business", "strength": 2}]}),
            submission("p2", {"me": me("Cor", "business"), "ties": [{"name": "bea", "type": "resident", "strength": 4}]},
                       minute=1),
        ],
    )
    assert len(net) == 2
    assert net.relations["strength"].tolist() == [4.0]


def test_latest_self_description_wins_and_ties_follow():
    net = merge_submissions(
        None,
        [
            submission("p1", {"me": me("Bae", "resident"), "ties": [{"name": "Cor", "type": "business"}]}),
            submission("p1", {"me": me("Bea", "resident"), "ties": []}, minute=2),
        ],
    )
    assert sorted(net.names().values()) == ["Bea", "Cor"]
    bea = derived_id(name_key("Bea", "resident"))
    assert set(net.relations[["source", "target"]].iloc[0]) == {bea, derived_id(name_key("Cor", "business"))}


def test_withdrawn_submissions_and_dangling_ties_are_left_out(seed):
    net = merge_submissions(
        seed,
        [
            submission("p1", {"me": me("Bea", "resident"), "ties": [{"stakeholder_id": "gone"}]}),
            submission("p2", {"me": me("Cor", "business"), "ties": [{"stakeholder_id": "s2"}]}, withdrawn=True),
        ],
    )
    assert sorted(net.names().values()) == ["Anouk de Vries", "Bea", "Buurthuis De Ster"]
    assert len(net.relations) == 1


def test_same_name_different_type_are_different_people():
    net = merge_submissions(
        None,
        [submission("p1", {"me": me("Bea", "resident"),
                           "ties": [{"name": "De Ster", "type": "organisation"}, {"name": "De Ster", "type": "business"}]})],
    )
    assert len(net) == 3


def test_derived_id_clash_with_seed_gets_a_longer_id():
    clash = derived_id(name_key("Bea", "resident"))
    seed = StakeholderNetwork.from_tables([{"id": clash, "name": "Someone else", "type": "business"}])
    net = merge_submissions(seed, [submission("p1", {"me": me("Bea", "resident")})])
    assert len(net) == 2
    assert net.stakeholder(clash)["name"] == "Someone else"
    assert any(i.startswith(clash) and i != clash for i in net.ids)


PEOPLE = ["Bea", "Cor", "Dirk", "Els", "Fatima", "Gijs"]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["p1", "p2", "p3", "p4"]),
            st.sampled_from(PEOPLE),
            st.lists(st.tuples(st.sampled_from(PEOPLE), st.integers(1, 5)), max_size=4),
        ),
        min_size=1,
        max_size=8,
    ),
    st.randoms(use_true_random=False),
)
def test_merge_does_not_depend_on_the_order_submissions_arrive_in(entries, rng):
    subs = []
    for minute, (participant, name, ties) in enumerate(entries):
        payload = {"me": me(name, "resident"),
                   "ties": [{"name": other.upper(), "type": "resident", "strength": s} for other, s in ties if other != name]}
        subs.append(submission(participant, payload, minute=minute))
    shuffled = list(subs)
    rng.shuffle(shuffled)
    first, second = merge_submissions(None, subs), merge_submissions(None, shuffled)
    assert first.fingerprint() == second.fingerprint()
