"""Erasure is complete on disk (issue #18 item 9): after forgetting a person
the name is in no table file of either database, nor in PostgreSQL's
statistics; a SQLite reader that blocks the checkpoint is reported, not
ignored. Each test first proves the name *is* in the files, so it can fail."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from netanalysis.network import StakeholderNetwork
from netanalysis.store import Store

NAME = "Zoë Wachtmeester"


def _net() -> StakeholderNetwork:
    people = [{"id": "z", "name": NAME, "type": "resident", "notes": f"{NAME} belde"}]
    people += [{"id": f"p{i}", "name": f"Buur {i}", "type": "resident", "notes": f"kent {NAME}"} for i in range(30)]
    return StakeholderNetwork.from_tables(people, [{"source": "z", "target": f"p{i}"} for i in range(30)])


def _sqlite_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_a_reader_blocking_the_sqlite_checkpoint_is_reported_and_the_purge_can_be_repeated(tmp_path):
    path = tmp_path / "netwerkkaart.db"
    store = Store(f"sqlite:///{path}")
    store.save_network(_net(), name="Wijk")
    store._checkpoint(5)  # the name now sits in the main file
    assert NAME.encode() in path.read_bytes()
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM version_stakeholders").fetchone()  # holds its snapshot
    started = time.monotonic()
    report = store.forget_person(NAME)
    assert time.monotonic() - started < 20
    assert report["names"] == [NAME] and report["files_clean"] is False
    assert NAME.encode() in path.read_bytes(), "the blocked checkpoint left the old pages in the main file"
    reader.execute("COMMIT")
    reader.close()
    assert store.purge_deleted_data() is True
    store.dispose()
    assert NAME.encode() not in _sqlite_bytes(path)


@pytest.mark.postgres
def test_postgresql_keeps_the_name_in_no_table_file_and_no_statistics(postgres_server_url):
    from netanalysis.store import metadata

    engine = create_engine(postgres_server_url, isolation_level="AUTOCOMMIT")
    metadata.drop_all(engine)
    store = Store(postgres_server_url)
    store.save_network(_net(), name="Wijk")
    with engine.connect() as conn:
        if not conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar():
            pytest.skip("reading the table files needs a superuser (the tests' own server has one)")
        conn.execute(text("ANALYZE"))
        conn.execute(text("CHECKPOINT"))
        data_dir = Path(conn.execute(text("SHOW data_directory")).scalar())

        def files() -> bytes:
            conn.execute(text("CHECKPOINT"))
            paths = [conn.execute(text("SELECT pg_relation_filepath(:t)"), {"t": t}).scalar() for t in metadata.tables]
            return b"".join((data_dir / p).read_bytes() for p in paths if p and (data_dir / p).exists())

        def in_statistics() -> bool:
            return bool(conn.execute(
                text("SELECT count(*) FROM pg_stats WHERE schemaname = 'public' AND most_common_vals::text LIKE :n"),
                {"n": "%Wachtmeester%"},
            ).scalar())

        assert NAME.encode() in files() and in_statistics()
        report = store.forget_person(NAME)
        assert report["files_clean"] is True and report["versions"]
        assert NAME.encode() not in files()
        assert not in_statistics()
    store.dispose()
    engine.dispose()
