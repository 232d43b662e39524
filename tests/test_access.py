"""Teams, roles and the audit log, enforced by the store itself (issue #18).

Every test calls the store directly as the user it is about, on SQLite and
on PostgreSQL: a page that forgets to hide a button must still be refused.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, text

from netanalysis.access import LOCAL_TEAM, LOCAL_USER, AccessDenied, Actor, roles_from_groups
from netanalysis.network import StakeholderNetwork
from netanalysis.store import SCHEMA_VERSION, Store, VersionNotFound
from netanalysis.store.schema import UTCDateTime, metadata
from netanalysis.workshop import new_participant_token

ADMIN = Actor("admin", "Beheer Gemeente", {"noord": "beheerder", "zuid": "beheerder"})
NOORD_LEZER = Actor("lisa", "Lisa Lezer", {"noord": "lezer"})
NOORD_ANALIST = Actor("anna", "Anna Analist", {"noord": "analist"})
NOORD_FACILITATOR = Actor("fay", "Fay Facilitator", {"noord": "facilitator"})
NOORD_BEHEERDER = Actor("bert", "Bert Beheerder", {"noord": "beheerder"})
ZUID_ANALIST = Actor("zara", "Zara Analist", {"zuid": "analist"})
ZUID_BEHEERDER = Actor("zeno", "Zeno Beheerder", {"zuid": "beheerder"})


def _net(*people: str) -> StakeholderNetwork:
    return StakeholderNetwork.from_tables(
        [{"id": p[0], "name": p, "type": "resident"} for p in people],
        [{"source": people[0][0], "target": p[0]} for p in people[1:]],
    )


@pytest.fixture
def teams_store(database_url):
    """An organisation-mode store (no default actor) with teams Noord and Zuid,
    each holding a confidential version that names Zoë de Jong."""
    store = Store(database_url, rate_limit=None, default_actor=None)
    for slug in ("noord", "zuid"):
        store.create_team(slug, f"Team {slug.capitalize()}", actor=ADMIN)
    ids = {
        "noord": store.save_network(_net("Zoë de Jong", "Anouk"), name="Wijkkaart", note="noord", actor=NOORD_ANALIST),
        "zuid": store.save_network(_net("Zoë de Jong", "Bram"), name="Wijkkaart",
                                   note="schuldhulp (vertrouwelijk)", actor=ZUID_ANALIST),
    }
    yield store, ids
    store.dispose()


def test_an_organisation_store_refuses_anyone_not_signed_in(teams_store):
    store, ids = teams_store
    for attempt in (
        lambda: store.list_networks(),
        lambda: store.load_version(ids["noord"]),
        lambda: store.save_network(_net("X"), name="x"),
        lambda: store.forget_person("Zoë de Jong"),
        lambda: store.create_workshop("Avond"),
    ):
        with pytest.raises(AccessDenied) as refused:
            attempt()
        assert refused.value.key == "not_signed_in"
        assert refused.value.text("en") == "Please sign in first."


def test_a_member_of_noord_cannot_see_open_restore_or_erase_anything_of_zuid(teams_store):
    store, ids = teams_store
    for noord in (NOORD_LEZER, NOORD_ANALIST, NOORD_BEHEERDER):
        assert [(n["name"], n["team"]) for n in store.list_networks(actor=noord)] == [("Wijkkaart", "noord")]
        with pytest.raises(AccessDenied):
            store.load_version(ids["zuid"], actor=noord)
        with pytest.raises(AccessDenied):
            store.open_version(ids["zuid"], actor=noord)
        with pytest.raises(AccessDenied):
            store.version_info(ids["zuid"], actor=noord)
        with pytest.raises(AccessDenied):
            store.list_versions("Wijkkaart", team="zuid", actor=noord)
        with pytest.raises(AccessDenied):
            store.restore_version(ids["zuid"], actor=noord)
        with pytest.raises(AccessDenied):
            store.forget_person("Zoë de Jong", team="zuid", actor=noord)
        with pytest.raises(AccessDenied):
            store.create_workshop("Avond", seed_version_id=ids["zuid"], actor=noord)
        with pytest.raises(AccessDenied):
            store.record("export", team="zuid", actor=noord)
        with pytest.raises(AccessDenied):
            store.audit_entries(team="zuid", actor=noord)
    # Zuid's data is untouched and its own people still see it.
    assert store.load_version(ids["zuid"], actor=ZUID_ANALIST).ids == ["Z", "B"]
    assert [v.note for v in store.list_versions("Wijkkaart", actor=ZUID_ANALIST)] == ["schuldhulp (vertrouwelijk)"]


def test_roles_are_ordered_and_each_refusal_says_which_role_is_needed(teams_store):
    store, ids = teams_store
    with pytest.raises(AccessDenied) as refused:
        store.save_network(_net("X"), name="Nieuw", actor=NOORD_LEZER)
    assert str(refused.value) == "Geen toegang: een versie opslaan in werkruimte ‘noord’ vraagt de rol analist."
    assert refused.value.text("en") == "Not allowed: saving a version in workspace ‘noord’ needs the role analyst."
    with pytest.raises(AccessDenied):
        store.restore_version(ids["noord"], actor=NOORD_LEZER)
    with pytest.raises(AccessDenied):
        store.create_workshop("Avond", seed_version_id=ids["noord"], actor=NOORD_ANALIST)
    with pytest.raises(AccessDenied):
        store.forget_person("Zoë de Jong", actor=NOORD_FACILITATOR)
    with pytest.raises(AccessDenied):
        store.set_member("noord", "lisa", "beheerder", actor=NOORD_FACILITATOR)
    # ...and what the role allows works.
    assert store.load_version(ids["noord"], actor=NOORD_LEZER).ids == ["Z", "A"]
    restored = store.restore_version(ids["noord"], actor=NOORD_ANALIST)
    assert store.version_info(restored, actor=NOORD_LEZER).restored_from == ids["noord"]
    workshop, _key = store.create_workshop("Avond", seed_version_id=ids["noord"], actor=NOORD_FACILITATOR)
    assert store.workshop_stats(workshop.code)["team"] == "noord"


def test_a_user_in_two_teams_must_say_which_team(teams_store):
    store, _ids = teams_store
    both = Actor("ben", "Ben", {"noord": "analist", "zuid": "analist"})
    with pytest.raises(AccessDenied) as refused:
        store.save_network(_net("X"), name="Wijkkaart", actor=both)
    assert refused.value.key == "choose_team"
    store.save_network(_net("X"), name="Wijkkaart", team="zuid", actor=both)
    assert [v.number for v in store.list_versions("Wijkkaart", team="zuid", actor=both)] == [2, 1]
    assert [v.number for v in store.list_versions("Wijkkaart", team="noord", actor=both)] == [1]


def test_workshop_management_needs_the_key_and_the_team(teams_store):
    store, ids = teams_store
    workshop, key = store.create_workshop("Avond Noord", seed_version_id=ids["noord"], actor=NOORD_FACILITATOR)
    store.submit(workshop.code, new_participant_token(), {"me": {"name": "Carla", "type": "business", "consent": True, "shown_as": "name"}, "ties": []},
                 submission_id="c1")  # participants need no account, only the code
    zuid_facilitator = Actor("zoe", "Zoe", {"zuid": "facilitator"})
    for attempt in (
        lambda: store.list_submissions(workshop.code, key, actor=zuid_facilitator),
        lambda: store.close_workshop(workshop.code, key, actor=zuid_facilitator),
        lambda: store.remove_submission(workshop.code, key, "c1", actor=zuid_facilitator),
        lambda: store.save_workshop_as_version(workshop.code, key, name="Buit", actor=zuid_facilitator),
    ):
        with pytest.raises(AccessDenied):
            attempt()
    assert len(store.list_submissions(workshop.code, key, actor=NOORD_FACILITATOR)) == 1
    version = store.save_workshop_as_version(workshop.code, key, name="Uit de avond", actor=NOORD_FACILITATOR)
    assert store.version_info(version, actor=NOORD_LEZER).team == "noord"
    assert store.close_workshop(workshop.code, key, actor=NOORD_FACILITATOR).status == "closed"


def test_forgetting_in_noord_leaves_zuid_alone(teams_store):
    store, ids = teams_store
    report = store.forget_person("zoë de jong", actor=NOORD_BEHEERDER)
    assert [v["version_id"] for v in report["versions"]] == [ids["noord"]]
    assert store.load_version(ids["noord"], actor=NOORD_LEZER).ids == ["A"]
    assert store.load_version(ids["zuid"], actor=ZUID_ANALIST).ids == ["Z", "B"]


def test_every_action_leaves_an_audit_entry_and_erasure_names_no_one(teams_store):
    store, ids = teams_store
    store.open_version(ids["noord"], actor=NOORD_LEZER)
    store.record("export", kind="version", object_id=ids["noord"], detail="csv", actor=NOORD_ANALIST)
    store.restore_version(ids["noord"], actor=NOORD_ANALIST)
    workshop, key = store.create_workshop("Avond met Zoë de Jong", seed_version_id=ids["noord"], actor=NOORD_FACILITATOR)
    store.close_workshop(workshop.code, key, actor=NOORD_FACILITATOR)
    store.forget_person("Zoë de Jong", actor=NOORD_BEHEERDER)
    entries = store.audit_entries(actor=NOORD_BEHEERDER)
    assert [(e["action"], e["subject"]) for e in reversed(entries)] == [
        ("team_create", "admin"), ("save", "anna"), ("open", "lisa"), ("export", "anna"), ("restore", "anna"),
        ("workshop_create", "fay"), ("workshop_close", "fay"), ("erase", "bert"),
    ]
    assert {e["team"] for e in entries} == {"noord"}
    text = " ".join(str(v) for e in entries for v in e.values()).casefold()
    assert "zoë" not in text and "jong" not in text
    erase = entries[0]
    assert erase["object_kind"] == "person" and erase["object_id"] is None
    # Zuid's log holds Zuid's own entries only; a lezer may not read a log at all.
    assert [e["action"] for e in store.audit_entries(actor=ZUID_BEHEERDER)] == ["save", "team_create"]
    with pytest.raises(AccessDenied):
        store.audit_entries(actor=NOORD_LEZER)
    assert [e["action"] for e in store.audit_entries(action="open", actor=ADMIN)] == ["open"]


def test_members_kept_in_the_store_and_from_the_identity_provider_combine(teams_store):
    store, _ids = teams_store
    store.set_member("noord", "lisa", "analist", name="Lisa Lezer", actor=NOORD_BEHEERDER)
    lisa = store.sign_in("lisa", "Lisa de Vries", roles_from_groups(["gg-zuid"], {"gg-zuid": "zuid:lezer"}))
    assert dict(lisa.roles) == {"noord": "analist", "zuid": "lezer"}
    assert [(m["subject"], m["name"], m["role"]) for m in store.list_members("noord", actor=NOORD_BEHEERDER)] == [
        ("lisa", "Lisa de Vries", "analist")
    ]
    with pytest.raises(AccessDenied):
        store.list_members("zuid", actor=NOORD_BEHEERDER)
    store.set_member("noord", "bert", "beheerder", actor=NOORD_BEHEERDER)
    with pytest.raises(AccessDenied) as refused:
        store.remove_member("noord", "bert", actor=NOORD_BEHEERDER)
    assert refused.value.key == "last_admin"
    store.remove_member("noord", "lisa", actor=NOORD_BEHEERDER)
    assert dict(store.sign_in("lisa", "Lisa de Vries").roles) == {}
    assert [t["slug"] for t in store.list_teams(actor=NOORD_BEHEERDER)] == ["noord"]


def test_local_mode_is_one_user_who_administers_the_local_team(database_url):
    store = Store(database_url)
    version = store.save_network(_net("Anouk"), name="Thuis")
    assert store.version_info(version).team == LOCAL_TEAM
    assert store.audit_entries()[0]["subject"] == LOCAL_USER.subject
    with pytest.raises(AccessDenied):
        store.load_version(version, actor=NOORD_ANALIST)
    store.dispose()


def _version_1_tables(meta: MetaData) -> None:
    """The tables of schema version 1 that version 2 changed (the rest are unchanged)."""
    Table("schema_version", meta, Column("version", Integer, primary_key=True, autoincrement=False),
          Column("applied_at", UTCDateTime, nullable=False))
    Table("networks", meta, Column("id", Integer, primary_key=True),
          Column("name", String(200), nullable=False, unique=True), Column("created_at", UTCDateTime, nullable=False))
    for name in ("versions", "version_stakeholders", "version_relations", "submissions", "submission_names"):
        metadata.tables[name].to_metadata(meta)
    Table("workshops", meta, *[c._copy() for c in metadata.tables["workshops"].columns if c.name != "team_id"])


def test_a_version_1_database_is_upgraded_with_its_data_in_the_local_team(database_url):
    old = MetaData()
    _version_1_tables(old)
    engine = create_engine(database_url)
    with engine.begin() as conn:
        old.create_all(conn)
        conn.execute(text("INSERT INTO schema_version VALUES (1, '2025-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO networks (id, name, created_at) VALUES (7, 'Oud', '2025-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO versions (id, network_id, number, note, author, fingerprint, has_strengths, stakeholder_count,"
            " relation_count, created_at) VALUES (3, 7, 1, 'eerste', 'An', 'f', false, 1, 0, '2025-01-01 00:00:00')"
        ))
        conn.execute(text(
            "INSERT INTO version_stakeholders (version_id, position, stakeholder_id, name, name_folded, type, themes)"
            " VALUES (3, 0, 'a', 'Anouk', 'anouk', 'resident', '[]')"
        ))
        conn.execute(text(
            "INSERT INTO workshops (id, code, title, key_hash, seed_version_id, status, created_at, last_change, revision)"
            " VALUES (1, 'ABCDEFGH', 'Oude avond', 'x', 3, 'open', '2025-01-01 00:00:00', '2025-01-01 00:00:00', 0)"
        ))
    engine.dispose()
    store = Store(database_url)
    assert store.schema_version() == SCHEMA_VERSION == 6
    [listed] = store.list_networks()
    assert (listed["name"], listed["team"], listed["versions"]) == ("Oud", LOCAL_TEAM, 1)
    assert store.load_version(3).ids == ["a"]
    assert store.workshop_stats("ABCD-EFGH")["team"] == LOCAL_TEAM
    # The upgraded table takes the new per-team uniqueness: another team may use the name.
    store.create_team("noord")
    store.save_network(_net("Xander"), name="Oud", actor=Actor("n", "N", {"noord": "analist"}))
    assert store.save_network(_net("Anouk"), name="Oud") != 3
    assert [v.number for v in store.list_versions("Oud")] == [2, 1]
    with pytest.raises(VersionNotFound):
        store.load_version(999)
    store.dispose()
    Store(database_url).dispose()  # opening again changes nothing


def test_the_command_line_manages_teams_and_prints_the_audit_log(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "NETWERKKAART_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "netanalysis", *args], capture_output=True, text=True, env=env,
                              timeout=60, check=False)

    assert run("team", "create", "noord", "Team Noord").returncode == 0
    assert run("team", "member", "noord", "alice", "beheerder", "--name", "Alice").returncode == 0
    store = Store(env["NETWERKKAART_DATABASE_URL"])
    alice = store.sign_in("alice", "Alice")
    store.save_network(_net("Anouk"), name="Kaart", actor=alice)
    store.dispose()
    printed = run("audit", "--team", "noord")
    lines = printed.stdout.splitlines()
    assert printed.returncode == 0 and lines[0].startswith("tijd (UTC)\twerkruimte")
    assert [line.split("\t")[3] for line in lines[1:]] == ["save", "sign_in", "member_set", "team_create"]
    assert "Alice <alice>" in lines[1]
    assert run("audit", "--action", "erase").stdout.splitlines()[1:] == []
    assert run("audit", "--since", "gisteren").returncode == 2
