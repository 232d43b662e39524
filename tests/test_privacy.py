"""Privacy: pseudonymised networks and exports keep no resident's name, and
forgetting a person leaves no trace in the database (checked with SQL over
every text column of every table, and in the bytes of the SQLite files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import String, Text, select

from netanalysis import io
from netanalysis.network import StakeholderNetwork
from netanalysis.privacy import REDACTED, forget_in_network, forget_stakeholder, new_salt, pseudonymise
from netanalysis.store import Store, fold_name, metadata
from netanalysis.workshop import new_participant_token


# -- pseudonymise ---------------------------------------------------------------


def _resident_names(network: StakeholderNetwork) -> list[str]:
    return network.stakeholders.loc[network.stakeholders["type"] == "resident", "name"].tolist()


def test_pseudonyms_are_stable_for_a_salt_and_differ_between_salts(small_network):
    first = pseudonymise(small_network, salt="s1")
    again = pseudonymise(small_network, salt="s1")
    other = pseudonymise(small_network, salt="s2")
    assert first.fingerprint() == again.fingerprint()
    alias = first.stakeholder("B1")["name"]
    assert alias.startswith("Bewoner ") and len(alias.split()[1]) == 4
    assert alias != other.stakeholder("B1")["name"]
    assert pseudonymise(small_network, salt="s1", lang="en").stakeholder("B1")["name"].startswith("Resident ")


def test_pseudonymise_keeps_ids_structure_and_other_types(small_network):
    safe = pseudonymise(small_network, salt=new_salt())
    assert safe.ids == small_network.ids
    assert safe.relations[["source", "target", "type", "strength"]].equals(
        small_network.relations[["source", "target", "type", "strength"]]
    )
    changed = {sid for sid in safe.ids if safe.stakeholder(sid)["name"] != small_network.stakeholder(sid)["name"]}
    assert changed == {"B1"}
    # The relation B1-I1 carried the note "trekker": notes on a resident's ties go.
    notes = dict(zip(zip(safe.relations["source"], safe.relations["target"]), safe.relations["notes"]))
    assert notes[("B1", "I1")] is None


def test_pseudonymise_types_is_respected(small_network):
    safe = pseudonymise(small_network, salt="s", types=("resident", "civil_servant"))
    assert {sid for sid in safe.ids if safe.stakeholder(sid)["name"] != small_network.stakeholder(sid)["name"]} == {"A1", "A2", "B1"}


def test_replace_ids_gives_pseudonymised_stakeholders_new_ids_and_keeps_the_structure(small_network):
    safe = pseudonymise(small_network, salt="s", replace_ids=True)
    new_id = safe.ids[small_network.ids.index("B1")]
    assert new_id.startswith("p-") and len(new_id) == 14
    assert [i for i in safe.ids if i != new_id] == [i for i in small_network.ids if i != "B1"]
    renamed = {"B1": new_id}
    before = sorted((renamed.get(s, s), renamed.get(t, t)) for s, t in zip(small_network.relations["source"], small_network.relations["target"]))
    after = sorted(zip(safe.relations["source"], safe.relations["target"]))
    assert before == after
    assert pseudonymise(small_network, salt="s", replace_ids=True).ids == safe.ids


def test_empty_salt_is_refused(small_network):
    with pytest.raises(ValueError):
        pseudonymise(small_network, salt="")


def test_a_resident_named_in_someone_elses_notes_is_replaced_there_too():
    net = StakeholderNetwork.from_tables(
        [
            {"id": "r", "name": "Zoë de Jong", "type": "resident"},
            {"id": "o", "name": "Buurthuis", "type": "organisation", "notes": "Contact: ZOË DE JONG (di/do)"},
            {"id": "i", "name": "Moestuin", "type": "initiative", "role": "opgezet door zoë de jong"},
        ],
        [{"source": "o", "target": "i", "notes": "via Zoë de Jong"}],
    )
    safe = pseudonymise(net, salt="s")
    alias = safe.stakeholder("r")["name"]
    assert safe.stakeholder("o")["notes"] == f"Contact: {alias} (di/do)"
    assert safe.stakeholder("i")["role"] == f"opgezet door {alias}"
    assert safe.relations.loc[0, "notes"] == f"via {alias}"


def test_demo_exports_keep_no_resident_name_and_pseudonyms_are_distinct(repo_root):
    demo = io.load([repo_root / "data" / "stakeholders.csv", repo_root / "data" / "relations.csv"]).network
    names = _resident_names(demo)
    assert len(names) > 30, "the demo should have enough residents to make this test meaningful"
    safe = pseudonymise(demo, salt="demo-salt")
    people_csv, ties_csv = io.to_csv_pair(safe)
    exported = (people_csv + ties_csv).decode("utf-8-sig").casefold() + io.to_json(safe).decode("utf-8").casefold()
    leaked = [name for name in names if name.casefold() in exported]
    assert leaked == []
    aliases = _resident_names(safe)
    assert len(set(aliases)) == len(aliases) == len(names)


# -- forgetting ---------------------------------------------------------------

ZOE = "Zoë de Jong"
SPELLINGS = ("Zoë de Jong", "zoë de jong", "ZOË DE JONG", "Zoë  de Jong")


def _network(version: int) -> StakeholderNetwork:
    people = [
        {"id": "Z", "name": ZOE if version == 1 else "ZOË DE JONG", "type": "resident", "notes": "belt liever dan mailt"},
        {"id": "A", "name": "Anouk", "type": "civil_servant", "notes": f"kent {ZOE} goed"},
        {"id": "I", "name": "Moestuin", "type": "initiative", "role": "trekker: zoë de jong"},
        {"id": "O", "name": "Buurthuis", "type": "organisation"},
    ]
    ties = [
        {"source": "Z", "target": "I", "type": "collaboration"},
        {"source": "A", "target": "Z", "type": "informal", "notes": "koffie"},
        {"source": "A", "target": "O", "type": "funding", "notes": f"op voorstel van {ZOE}"},
        {"source": "O", "target": "I", "type": "information"},
    ]
    if version == 2:
        ties.append({"source": "Z", "target": "O", "type": "informal"})
    return StakeholderNetwork.from_tables(people, ties, name="Testdorp")


def _text_rows(store: Store, needle: str) -> list[tuple[str, str, str]]:
    """Every (table, column, value) whose text contains ``needle``, found with SQL LIKE."""
    hits = []
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            for column in table.columns:
                if isinstance(column.type, (String, Text)):
                    for value in conn.execute(select(column).where(column.like(f"%{needle}%"))).scalars():
                        hits.append((table.name, column.name, value))
    return hits


def _all_text(store: Store) -> str:
    """Every text cell of every table, casefolded, for a Unicode-aware check (SQLite's LIKE folds ASCII only)."""
    cells = []
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text))]
            if columns:
                for row in conn.execute(select(*columns)):
                    cells += [str(v) for v in row if v is not None]
    return "\n".join(cells).casefold()




def _fill(store: Store) -> dict:
    """Two versions naming Zoë, a workshop seeded with version 2 where she
    submitted herself, Bram named her by name and Carla tied to her id."""
    v1 = store.save_network(_network(1), name="Testdorp", note=f"eerste kaart, met {ZOE}", author="Anouk")
    v2 = store.save_network(_network(2), name="Testdorp", note="tweede kaart", author=ZOE)
    other = store.save_network(
        StakeholderNetwork.from_tables([{"id": "X", "name": "Xander", "type": "resident"}]), name="Elders"
    )
    workshop, _key = store.create_workshop(f"Wijkavond met {ZOE}", seed_version_id=v2)
    store.submit(workshop.code, new_participant_token(),
                 {"me": {"name": "zoë de jong", "type": "resident", "area": "Noord", "consent": True, "shown_as": "name"},
                  "ties": [{"stakeholder_id": "I", "relation_type": "collaboration"}]}, submission_id="zoe-1")
    store.submit(workshop.code, new_participant_token(),
                 {"me": {"name": "Bram", "type": "civil_servant", "consent": True, "shown_as": "name"},
                  "ties": [{"name": "Zoë de Jong", "type": "resident"}, {"stakeholder_id": "O"}]}, submission_id="bram-1")
    store.submit(workshop.code, new_participant_token(),
                 {"me": {"name": "Carla", "type": "business", "consent": True, "shown_as": "name", "organisation": f"Bakkerij (eigenaar {ZOE}s buurvrouw)"},
                  "ties": [{"stakeholder_id": "Z"}, {"stakeholder_id": "A"}]}, submission_id="carla-1")
    return {"v1": v1, "v2": v2, "other": other, "code": workshop.code}


@pytest.fixture
def filled_store(database_url):
    """See :func:`_fill`; on SQLite and on PostgreSQL."""
    store = Store(database_url, rate_limit=None)
    yield store, _fill(store)
    store.dispose()


@pytest.fixture
def sqlite_file_store(tmp_path: Path):
    """As ``filled_store``, always SQLite, with the path of the database file."""
    store = Store(f"sqlite:///{tmp_path / 'test.db'}", rate_limit=None)
    yield store, {**_fill(store), "path": tmp_path / "test.db"}
    store.dispose()


def _file_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_the_fixture_really_holds_the_name_before_forgetting(filled_store, sqlite_file_store):
    store, ids = filled_store
    assert _text_rows(store, ZOE)
    assert "zoë de jong" in _all_text(store)
    assert ZOE.encode("utf-8") in _file_bytes(sqlite_file_store[1]["path"])


def test_forget_by_name_reports_what_it_removed(filled_store):
    store, ids = filled_store
    report = forget_stakeholder(store, "  ZOË de jong ")
    assert report["ids"] == ["Z"]
    assert set(report["names"]) >= {"Zoë de Jong", "ZOË DE JONG"}
    assert [(v["version_id"], v["number"], v["network"], v["stakeholders"], v["relations"]) for v in report["versions"]] == [
        (ids["v1"], 1, "Testdorp", 1, 2),
        (ids["v2"], 2, "Testdorp", 1, 3),
    ]
    by_id = {s["submission_id"]: (s["action"], s["ties"]) for s in report["submissions"]}
    assert by_id == {"zoe-1": ("deleted", 1), "bram-1": ("edited", 1), "carla-1": ("edited", 1)}
    # notes of Anouk (x2), Moestuin's role (x2), the A-O relation note (x2), version 1's note,
    # version 2's author, the workshop title: nine cells (Carla's payload is counted under submissions).
    assert report["text_fields"] == 9


def test_forget_leaves_no_trace_in_any_text_column(filled_store):
    store, ids = filled_store
    forget_stakeholder(store, ZOE)
    for spelling in SPELLINGS:
        assert _text_rows(store, spelling) == [], spelling
    assert _text_rows(store, fold_name(ZOE)) == []
    assert "zoë de jong" not in _all_text(store)
    assert "zoë" not in _all_text(store)


def test_forget_leaves_no_trace_in_the_sqlite_files(sqlite_file_store):
    store, ids = sqlite_file_store
    forget_stakeholder(store, ZOE)
    store.dispose()
    raw = _file_bytes(ids["path"])
    for spelling in ("Zoë de Jong", "zoë de jong", "ZOË DE JONG"):
        assert spelling.encode("utf-8") not in raw, spelling


def test_everything_else_survives_forgetting(filled_store):
    store, ids = filled_store
    forget_stakeholder(store, ZOE)
    for version_id in (ids["v1"], ids["v2"]):
        net = store.load_version(version_id)
        assert sorted(net.ids) == ["A", "I", "O"]
        info = store.version_info(version_id)
        assert (info.stakeholders, info.relations, info.fingerprint) == (3, 2, net.fingerprint())
        assert net.stakeholder("A")["notes"] == f"kent {REDACTED} goed"
    assert store.load_version(ids["other"]).ids == ["X"]
    merged = store.workshop_network(ids["code"])
    names = set(merged.stakeholders["name"])
    assert {"Bram", "Carla", "Anouk", "Moestuin", "Buurthuis"} <= names
    assert not any("zoë" in n.casefold() for n in names)
    stats = store.workshop_stats(ids["code"])
    assert stats["submissions"] == 2


def test_forget_by_id(filled_store):
    store, ids = filled_store
    report = forget_stakeholder(store, "Z")
    assert report["ids"] == ["Z"]
    assert "zoë de jong" not in _all_text(store)


def test_dry_run_reports_the_same_and_changes_nothing(filled_store):
    store, ids = filled_store
    before = _all_text(store)
    preview = forget_stakeholder(store, ZOE, dry_run=True)
    assert _all_text(store) == before
    done = forget_stakeholder(store, ZOE)
    assert done.pop("files_clean") is True and preview.pop("files_clean") is None  # a dry run purges nothing
    assert done == preview


def test_forgetting_an_unknown_person_changes_nothing(filled_store):
    store, ids = filled_store
    before = _all_text(store)
    report = forget_stakeholder(store, "Niemand Bekend")
    assert (report["ids"], report["versions"], report["submissions"], report["text_fields"]) == ([], [], [], 0)
    assert _all_text(store) == before


def test_forget_in_network_is_pure_and_reports_counts():
    net = _network(2)
    smaller, removed = forget_in_network(net, "zoë DE jong")
    assert net.ids == ["Z", "A", "I", "O"], "the input network is unchanged"
    assert smaller.ids == ["A", "I", "O"]
    assert removed == {"ids": ["Z"], "names": ["ZOË DE JONG"], "stakeholders": 1, "relations": 3, "text_fields": 3}
    text = json.dumps(json.loads(io.to_json(smaller)), ensure_ascii=False).casefold()
    assert "zoë" not in text
