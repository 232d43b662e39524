"""A workshop in a real room (issue 16), in the store on SQLite and PostgreSQL:
limits that hold across fresh sessions and app servers, the key traded for a
pass, workshops owned by a signed-in facilitator, and 100 participants
writing at once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from netanalysis.access import Actor
from netanalysis.addresses import client_address, parse_networks, unreachable_reason
from netanalysis.ratelimits import RATE_LIMITS, RateLimit, parse_rate_limits, sliding_count
from netanalysis.room import room_progress
from netanalysis.store import PASS_PREFIX, Store
from netanalysis.store.schema import audit_log, facilitator_passes, rate_counters
from netanalysis.workshop import (
    RateLimited,
    WorkshopNotFound,
    WrongKey,
    new_participant_token,
)

NOORD_FACILITATOR = Actor("fac-noord", "Fleur Facilitator", {"noord": "facilitator"})
NOORD_COLLEAGUE = Actor("fac-noord-2", "Gijs Collega", {"noord": "facilitator"})
NOORD_READER = Actor("lezer-noord", "Lotte Lezer", {"noord": "lezer"})
ZUID_FACILITATOR = Actor("fac-zuid", "Zeno Zuid", {"zuid": "facilitator"})


def person(name: str = "Anouk", ties: int = 1) -> dict:
    return {"me": {"name": name, "type": "resident", "consent": True, "shown_as": "name"},
            "ties": [{"name": f"{name} contact {i}", "type": "organisation"} for i in range(ties)]}


@pytest.fixture
def store(database_url):
    store = Store(database_url)
    yield store
    store.dispose()


def limited(url: str, **limits: tuple[int, int]) -> Store:
    """A store with some limits changed (count, seconds) and the per-session limit off."""
    rules = dict(RATE_LIMITS)
    rules.update({scope: RateLimit(*value) for scope, value in limits.items()})
    return Store(url, rate_limit=None, rate_limits=rules)


# -- addresses and limits without a database -------------------------------------------------


@pytest.mark.parametrize("url, reason", [
    ("http://localhost:8501/workshop_leiden", "localhost"),
    ("http://LOCALHOST.:8501", "localhost"),
    ("http://app.localhost", "localhost"),
    ("http://127.0.0.1:8501", "loopback"),
    ("http://127.8.9.10", "loopback"),
    ("http://[::1]:8501", "loopback"),
    ("http://[::ffff:127.0.0.1]:8501", "loopback"),
    ("http://0.0.0.0:8501", "unspecified"),
    ("http://169.254.3.4:8501", "link_local"),
    ("http://[fe80::1]:8501", "link_local"),
    ("ftp://kaart.example.nl", "scheme"),
    ("", "missing"),
    ("http://", "missing"),
    ("http://192.168.1.20:8501", None),
    ("https://netwerkkaart.gemeente.nl/app", None),
    ("http://[2001:db8::5]:8501", None),
])
def test_links_phones_cannot_reach_are_recognised(url, reason):
    assert unreachable_reason(url) == reason


def test_the_forwarded_address_counts_only_through_a_trusted_proxy():
    proxies = parse_networks("127.0.0.1, 10.0.0.0/8")
    # No trusted proxy: the header is anyone's to forge.
    assert client_address("198.51.100.4", "203.0.113.7") == "198.51.100.4"
    assert client_address("198.51.100.4", "203.0.113.7", proxies) == "198.51.100.4"
    # Through the proxy: the right-most address the proxies did not add themselves.
    assert client_address(None, "203.0.113.7", proxies) == "203.0.113.7"
    assert client_address("10.1.2.3", "6.6.6.6, 203.0.113.7, 10.9.9.9", proxies) == "203.0.113.7"
    assert client_address("10.1.2.3", "garbage, 203.0.113.7", proxies) == "203.0.113.7"
    assert client_address("10.1.2.3", "203.0.113.7:5555", proxies) == "203.0.113.7"
    assert client_address("10.1.2.3", "[2001:db8::1]:443", proxies) == "2001:db8::1"
    assert client_address("10.1.2.3", None, proxies) == "10.1.2.3"
    with pytest.raises(ValueError, match="'10.0.0.0/33'"):
        parse_networks("127.0.0.1, 10.0.0.0/33")


def test_rate_limit_settings_are_read_and_refused_with_the_place_of_the_mistake():
    limits = parse_rate_limits("submit_address=400/600, join_workshop = off")
    assert limits["submit_address"] == RateLimit(400, 600)
    assert "join_workshop" not in limits and limits["key_workshop"] == RATE_LIMITS["key_workshop"]
    with pytest.raises(ValueError, match="'submit_adres'"):
        parse_rate_limits("submit_adres=1/1")
    with pytest.raises(ValueError, match="'key_workshop=ten'"):
        parse_rate_limits("key_workshop=ten")
    with pytest.raises(ValueError):
        RateLimit(0, 60)
    # The sliding window: nothing is allowed twice around a window boundary.
    assert sliding_count(10, 0, 600.0, RateLimit(10, 600)) == 10.0


def test_room_progress_counts_types_and_names_who_named_nobody():
    from datetime import datetime, timezone

    from netanalysis.workshop import Submission

    now = datetime.now(timezone.utc)
    entries = [Submission(f"s{i}", "ABCD2345", f"p{i}", payload, now, now)
               for i, payload in enumerate([person("Anouk", 0), person("Bram", 2),
                                            {"me": {"name": "Carla", "type": "civil_servant", "consent": True, "shown_as": "name"}, "ties": []}])]
    progress = room_progress(entries, typing=1)
    assert progress.per_type == {"civil_servant": 1, "resident": 2}
    assert progress.without_ties == ["Anouk", "Carla"]
    assert (progress.entries, progress.typing) == (3, 1)


# -- limits in the store ----------------------------------------------------------------------


def test_fresh_participants_from_one_address_meet_the_address_limit(database_url):
    store = limited(database_url, submit_address=(5, 600))
    workshop, _ = store.create_workshop("Buurtavond")
    accepted = refused = 0
    for i in range(8):  # eight fresh sessions: a new token each time
        try:
            store.submit(workshop.code, new_participant_token(), person(f"Nep {i}"), submission_id=f"s{i}",
                         client="203.0.113.7")
            accepted += 1
        except RateLimited as error:
            refused += 1
            assert "netwerkadres" in str(error) and "10 minuten" in str(error)
            assert "network address" in error.text("en")
    assert (accepted, refused) == (5, 3)
    # Another address in the same room is not affected, and nothing refused was stored.
    store.submit(workshop.code, new_participant_token(), person("Echt"), submission_id="real", client="203.0.113.8")
    assert store.workshop_stats(workshop.code)["submissions"] == 6
    # Updates count too: an update is a write like any other.
    token = new_participant_token()
    other = limited(database_url, submit_address=(1, 600))
    other.submit(workshop.code, token, person("Eens"), submission_id="u1", client="198.51.100.1")
    with pytest.raises(RateLimited):
        other.update_submission(workshop.code, token, "u1", person("Twee"), client="198.51.100.1")
    other.dispose()
    store.dispose()


def test_the_workshop_limit_holds_across_two_app_servers(database_url):
    first = limited(database_url, submit_workshop=(6, 600))
    second = limited(database_url, submit_workshop=(6, 600))
    workshop, _ = first.create_workshop("Twee servers")
    results = []
    for i in range(10):
        server = (first, second)[i % 2]
        try:
            server.submit(workshop.code, new_participant_token(), person(f"P{i}"), submission_id=f"s{i}",
                          client=f"198.51.100.{i}")
            results.append("ok")
        except RateLimited as error:
            results.append(error.key)
    assert results.count("ok") == 6
    assert set(results) == {"ok", "too_many_in_workshop"}
    assert first.workshop_stats(workshop.code)["submissions"] == 6
    first.dispose()
    second.dispose()


def test_joins_are_limited_per_address_and_unknown_codes_more_strictly(database_url):
    store = limited(database_url, join_address=(4, 600), join_unknown_address=(2, 600))
    workshop, _ = store.create_workshop("Inloop")
    for _ in range(2):
        with pytest.raises(WorkshopNotFound):
            store.join_workshop("ZZZZ-ZZZZ", client="203.0.113.50")
    with pytest.raises(RateLimited) as refused:
        store.join_workshop("ZZZZ-ZZZY", client="203.0.113.50")
    assert refused.value.key == "too_many_unknown_codes"
    # Two joins counted for that address so far: each unknown code is a join too, the refused one is not.
    for _ in range(2):
        assert store.join_workshop(workshop.code, client="203.0.113.50").title == "Inloop"
    with pytest.raises(RateLimited) as refused:
        store.join_workshop(workshop.code, client="203.0.113.50")
    assert refused.value.key == "too_many_joins"
    assert store.join_workshop(workshop.code, client="203.0.113.51").code == workshop.code
    store.dispose()


def test_workshop_creation_is_limited_per_user(database_url):
    store = limited(database_url, create_user=(3, 3600))
    for i in range(3):
        store.create_workshop(f"Avond {i}")
    with pytest.raises(RateLimited) as refused:
        store.create_workshop("Nog een")
    assert refused.value.key == "too_many_workshops"
    assert "workshops" in refused.value.text("en")
    store.dispose()


def test_old_counters_are_cleaned_when_a_new_window_starts(database_url):
    store = limited(database_url, join_address=(100, 60))
    store.create_workshop("Oud")
    with store.engine.begin() as conn:
        conn.execute(rate_counters.insert().values(scope="join_address", subject="192.0.2.1", window_start=0, count=9))
    try:
        store.join_workshop("ZZZZZZZZ", client="192.0.2.2")
    except WorkshopNotFound:
        pass
    with store.engine.connect() as conn:
        starts = conn.execute(select(rate_counters.c.window_start).where(rate_counters.c.scope == "join_address")).scalars().all()
    assert 0 not in starts and len(starts) == 1
    store.dispose()


# -- the key, passes and owners ---------------------------------------------------------------


def test_the_key_is_traded_for_a_pass_that_can_be_revoked(store):
    workshop, key = store.create_workshop("Wijkavond")
    credential = store.open_facilitator_pass(workshop.code, key, client="192.0.2.10")
    assert credential.startswith(PASS_PREFIX) and key not in credential
    assert store.may_manage(workshop.code, credential) and store.may_manage(workshop.code, key)
    store.close_workshop(workshop.code, credential)
    assert store.list_submissions(workshop.code, credential) == []
    # Only a hash of the pass is stored.
    with store.engine.connect() as conn:
        stored = conn.execute(select(facilitator_passes.c.pass_hash)).scalars().all()
    assert len(stored) == 1 and credential not in stored[0]
    # A pass opens only its own workshop.
    other, _ = store.create_workshop("Andere avond")
    assert not store.may_manage(other.code, credential)
    store.revoke_facilitator_pass(credential)
    assert not store.may_manage(workshop.code, credential)
    with pytest.raises(WrongKey):
        store.reopen_workshop(workshop.code, credential)
    assert not store.may_manage(workshop.code, PASS_PREFIX + "made-up")


def test_an_expired_pass_opens_nothing(store):
    from datetime import timedelta

    from sqlalchemy import update

    from netanalysis.store.schema import now_utc

    workshop, key = store.create_workshop("Wijkavond")
    credential = store.open_facilitator_pass(workshop.code, key)
    with store.engine.begin() as conn:
        conn.execute(update(facilitator_passes).values(expires_at=now_utc() - timedelta(seconds=1)))
    assert not store.may_manage(workshop.code, credential)


def test_wrong_keys_are_limited_per_workshop_and_address_and_logged(database_url):
    store = limited(database_url, key_workshop=(3, 600), key_address=(5, 600))
    workshop, key = store.create_workshop("Wijkavond")
    for attempt in range(3):
        with pytest.raises(WrongKey):
            store.open_facilitator_pass(workshop.code, f"geraden-{attempt}", client="203.0.113.66")
    # The limit is met before the slow hash runs, even for the right key.
    started = time.perf_counter()
    with pytest.raises(RateLimited) as refused:
        store.open_facilitator_pass(workshop.code, key, client="192.0.2.1")
    assert time.perf_counter() - started < 0.5
    assert refused.value.key == "too_many_key_attempts"
    assert "logboek" in str(refused.value)
    # A pass made before keeps working: the facilitator is not locked out.
    # Another workshop: the address limit (5) still counts the three wrong keys.
    second, second_key = store.create_workshop("Tweede avond")
    for attempt in range(2):
        with pytest.raises(WrongKey):
            store.open_facilitator_pass(second.code, f"nog-{attempt}", client="203.0.113.66")
    with pytest.raises(RateLimited):
        store.open_facilitator_pass(second.code, second_key, client="203.0.113.66")
    assert store.open_facilitator_pass(second.code, second_key, client="192.0.2.2").startswith(PASS_PREFIX)
    with store.engine.connect() as conn:
        log = conn.execute(
            select(audit_log.c.action, audit_log.c.object_id, audit_log.c.detail)
            .where(audit_log.c.action.in_(["key_wrong", "key_limited"])).order_by(audit_log.c.id)
        ).all()
    assert [a for a, _, _ in log] == ["key_wrong"] * 3 + ["key_limited"] + ["key_wrong"] * 2 + ["key_limited"]
    assert log[0][1] == workshop.code and log[0][2] == "203.0.113.66"
    store.dispose()


def test_a_signed_in_owners_team_manages_the_workshop_without_a_key(store):
    store.create_team("noord")
    store.create_team("zuid")
    workshop, key = store.create_workshop("Avond Noord", team="noord", actor=NOORD_FACILITATOR, with_key=False)
    assert key is None and workshop.owner == NOORD_FACILITATOR.subject
    store.submit(workshop.code, new_participant_token(), person("Carla"), submission_id="c1")
    # The owner and the team's other facilitators: no key needed.
    assert [s.payload["me"]["name"] for s in store.list_submissions(workshop.code, None, actor=NOORD_FACILITATOR)] == ["Carla"]
    store.close_workshop(workshop.code, None, actor=NOORD_COLLEAGUE)
    assert store.may_manage(workshop.code, None, actor=NOORD_COLLEAGUE)
    # Not a reader of the team, not another team, and not the local user (whoever reaches the server).
    assert not store.may_manage(workshop.code, None, actor=NOORD_READER)
    assert not store.may_manage(workshop.code, None, actor=ZUID_FACILITATOR)
    assert not store.may_manage(workshop.code, None)
    # No key exists that could open it.
    assert not store.verify_key(workshop.code, "none")
    listed = store.list_workshops(team="noord", actor=NOORD_COLLEAGUE)
    assert [(w["code"], w["mine"]) for w in listed] == [(workshop.code, False)]
    assert store.list_workshops(actor=ZUID_FACILITATOR) == []
    assert store.list_workshops() == []  # the local user has none of these
    with pytest.raises(ValueError):
        store.create_workshop("Zonder sleutel", with_key=False)  # the local user could never manage it


def test_the_room_panel_counts_entries_and_participants_still_typing(store):
    workshop, key = store.create_workshop("Avond")
    credential = store.open_facilitator_pass(workshop.code, key)
    store.submit(workshop.code, new_participant_token(), person("Anouk", 0), submission_id="a")
    store.submit(workshop.code, new_participant_token(), person("Bram", 2), submission_id="b")
    typing = new_participant_token()
    store.keep_participant_draft(workshop.code, typing, {"ties": [{"name": "Iemand"}], "submission_id": "t", "editing": None})
    idle = new_participant_token()
    store.keep_participant_draft(workshop.code, idle, {"ties": [], "submission_id": "i", "editing": None})
    progress = store.room_progress(workshop.code, credential)
    assert (progress.entries, progress.per_type, progress.without_ties, progress.typing) == (
        2, {"resident": 2}, ["Anouk"], 1)
    with pytest.raises(WrongKey):
        store.room_progress(workshop.code, "wrong")


# -- a room of 100 ------------------------------------------------------------------------------


def _hundred_writers(url: str, servers: int = 2) -> dict:
    """100 participants, each on their own thread, half on each of two stores
    (two app servers), all released at once; each sends one submission and
    retries it once (a double tap)."""
    stores = [Store(url, pool_size=10) for _ in range(servers)]
    workshop, _ = stores[0].create_workshop("Zaal van 100")
    barrier = threading.Barrier(100)
    durations = []

    def participant(i: int) -> str:
        store = stores[i % servers]
        token = new_participant_token()
        barrier.wait()
        started = time.perf_counter()
        first = store.submit(workshop.code, token, person(f"Deelnemer {i:03d}", 2), submission_id=f"s{i}",
                             client=f"10.0.{i // 50}.{i % 50 + 1}")
        again = store.submit(workshop.code, token, person(f"Deelnemer {i:03d}", 2), submission_id=f"s{i}",
                             client=f"10.0.{i // 50}.{i % 50 + 1}")
        durations.append(time.perf_counter() - started)
        assert first.submission_id == again.submission_id
        return first.submission_id

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=100) as pool:
        ids = list(pool.map(participant, range(100)))
    wall = time.perf_counter() - started
    stats = stores[0].workshop_stats(workshop.code)
    names = sorted(stores[1].workshop_network(workshop.code).stakeholders["name"])
    for store in stores:
        store.dispose()
    durations.sort()
    return {"ids": ids, "stats": stats, "names": names, "wall": wall,
            "median": durations[49], "p95": durations[94], "max": durations[-1]}


def test_a_room_of_100_writers_on_two_servers_stores_each_entry_once(database_url, capsys):
    result = _hundred_writers(database_url)
    assert len(set(result["ids"])) == 100
    assert result["stats"]["submissions"] == 100 and result["stats"]["participants"] == 100
    assert result["stats"]["relations"] == 200
    assert len(result["names"]) == 300, "100 participants and 200 people they named, each once on the map"
    assert len([n for n in result["names"] if "contact" not in n]) == 100
    with capsys.disabled():
        print(f"\n100 writers ({database_url.split(':')[0]}): wall {result['wall']:.2f} s, per participant "
              f"median {result['median']:.2f} s, p95 {result['p95']:.2f} s, max {result['max']:.2f} s")
