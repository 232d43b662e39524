"""The store's engine: where the database is, how connections behave, and
bringing an older database up to the current schema.

* **SQLite** (the default, ``data/netwerkkaart.db``) serves one app server:
  WAL journal, ``synchronous=FULL`` (durable across power loss), a 30 s busy timeout and ``BEGIN
  IMMEDIATE`` for every writing transaction, so concurrent writers queue
  instead of failing; reads use deferred transactions and never wait.
* **PostgreSQL** (``NETWERKKAART_DATABASE_URL=postgresql+psycopg://...``)
  serves several app servers.

The tables themselves are declared in :mod:`netanalysis.store.schema`.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, create_engine, event, func, inspect, select, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import StaticPool

from ..access import LOCAL_TEAM
from .schema import (
    SCHEMA_VERSION,
    metadata,
    networks,
    now_utc,
    schema_version,
    team_id,
    teams,
)

__all__ = [
    "ENV_DATABASE_URL",
    "CONNECT_TIMEOUT",
    "STATEMENT_TIMEOUT",
    "default_database_url",
    "make_engine",
    "create_schema",
]

ENV_DATABASE_URL = "NETWERKKAART_DATABASE_URL"
#: PostgreSQL: seconds to wait for a connection, and for one statement.
CONNECT_TIMEOUT = 5
STATEMENT_TIMEOUT = 10
# Any constant will do: it only has to be the same in every app server.
_SCHEMA_LOCK_ID = 0x4E574B5354


def default_database_url() -> str:
    """``NETWERKKAART_DATABASE_URL`` if set, else the SQLite file ``data/netwerkkaart.db``
    in the repository (the folder is created if needed)."""
    url = os.environ.get(ENV_DATABASE_URL)
    if url:
        return url
    data_dir = Path(__file__).resolve().parents[2] / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'netwerkkaart.db'}"


def _use_wal(cursor, *, patience: float = 30.0) -> None:
    """Switch a SQLite database to WAL (once; the mode is stored in the file).

    Switching needs an exclusive lock and SQLite reports "database is locked"
    at once, without its busy handler, when several app servers open a new
    database at the same moment: so wait and retry, within ``patience``.
    """
    deadline = time.monotonic() + patience
    delay = 0.01
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's begin event (below) issue BEGIN, instead of the
        # sqlite3 module's implicit deferred BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=30000")
        _use_wal(cursor)
        # FULL, not NORMAL: in WAL mode NORMAL survives a killed process but
        # may lose the last commits on a power cut, and a participant who saw
        # "saved" must never lose their entry. Workshop writes are few.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A deferred BEGIN that later writes cannot wait for the lock and
        # fails at once; IMMEDIATE takes the write lock up front, so writers
        # queue on the busy timeout (PITFALLS.md: 1,000 of 1,000 kept).
        # Readers stay deferred: in WAL mode they never block anyone.
        read_only = connection.get_execution_options().get("netwerkkaart_read_only", False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")



def _create_private_file(path: Path) -> None:
    """Create the SQLite file readable and writable by its owner only (it holds
    personal data); SQLite gives its -wal and -shm files the same mode."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def make_engine(url: URL, *, pool_size: int) -> tuple[Engine, URL]:
    """An engine for ``url`` with the settings above, and the URL it uses
    (a plain ``postgresql://`` URL is switched to psycopg 3).

    Raises
    ------
    ValueError
        For a database other than SQLite or PostgreSQL.
    """
    backend = url.get_backend_name()
    if backend == "sqlite":
        memory = url.database in (None, "", ":memory:")
        options: dict[str, Any] = {"connect_args": {"timeout": 30, "check_same_thread": False}}
        if memory:
            # One shared connection, so every thread sees the same
            # in-memory database; for examples and tests, not for load.
            options["poolclass"] = StaticPool
        else:
            _create_private_file(Path(url.database))
            options.update(pool_size=pool_size, max_overflow=2 * pool_size, pool_timeout=60)
        engine = create_engine(url, **options)
        _configure_sqlite(engine)
        return engine, url
    if backend == "postgresql":
        if url.drivername == "postgresql":
            # A plain postgresql:// URL means psycopg2 to SQLAlchemy; we ship psycopg 3.
            url = url.set(drivername="postgresql+psycopg")
        engine = create_engine(
            url,
            pool_size=pool_size,
            max_overflow=pool_size,
            # Waiting for a free connection is a queue under load (fifty phones
            # sending at once on a loaded 2-core machine waited over 10 s), not a
            # hung server: connect_timeout and statement_timeout cover those.
            pool_timeout=60,
            pool_pre_ping=True,
            pool_recycle=1800,
            # An unreachable server fails within seconds instead of a two-minute
            # spinner, and no statement runs away with a connection.
            connect_args={"connect_timeout": CONNECT_TIMEOUT,
                          "options": f"-c statement_timeout={STATEMENT_TIMEOUT * 1000}"},
        )
        return engine, url
    raise ValueError(f"unsupported database {backend!r}: use sqlite or postgresql")


def create_schema(engine: Engine) -> None:
    """Create missing tables, bring an older schema up to :data:`SCHEMA_VERSION`,
    and make sure the local team exists.

    Raises
    ------
    RuntimeError
        If the database was made by newer code.
    """
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        if sqlite:
            # A migration rebuilds tables; with foreign keys on, dropping the
            # old table would cascade-delete every version. The pragma only
            # works outside a transaction, so set it on the driver connection.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with conn.begin():
                if not sqlite:
                    # Several app servers may start at once; CREATE TABLE is not
                    # safe against a concurrent CREATE TABLE of the same name.
                    conn.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _SCHEMA_LOCK_ID})
                current = _recorded_version(conn)
                metadata.create_all(conn)
                if current is None:
                    conn.execute(schema_version.insert().values(version=SCHEMA_VERSION, applied_at=now_utc()))
                elif current > SCHEMA_VERSION:
                    raise RuntimeError(
                        f"the database has schema version {current}, newer than this code ({SCHEMA_VERSION})"
                    )
                else:
                    _migrate(conn, current)
                team_id(conn, LOCAL_TEAM, create=True)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("the schema migration left rows without their parent; nothing was changed")
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")


def _recorded_version(conn: Connection) -> int | None:
    if not inspect(conn).has_table("schema_version"):
        return None
    return conn.execute(select(func.max(schema_version.c.version))).scalar()


def _migrate(conn: Connection, current: int) -> None:
    """Bring schema ``current`` up to :data:`SCHEMA_VERSION`, one step at a time."""
    if current < 2:
        _add_teams(conn)
        conn.execute(schema_version.insert().values(version=2, applied_at=now_utc()))
    if current < 3:
        # Version 3 only adds tables (drafts, draft_steps, version_decisions,
        # participant_drafts), which create_all has just made.
        conn.execute(schema_version.insert().values(version=3, applied_at=now_utc()))
    if current < 4:
        # Version 4 adds rate_counters and facilitator_passes (made by
        # create_all) and the owner of a workshop.
        if "owner" not in {column["name"] for column in inspect(conn).get_columns("workshops")}:
            conn.exec_driver_sql("ALTER TABLE workshops ADD COLUMN owner VARCHAR(200)")
        conn.execute(schema_version.insert().values(version=4, applied_at=now_utc()))
    if current < 5:
        # Version 5 only adds tables (workshop_moderation, submission_approvals,
        # workshop_aliases, workshop_choosable), which create_all has just made.
        conn.execute(schema_version.insert().values(version=5, applied_at=now_utc()))
    if current < 6:
        # Version 6 only adds tables (exact_jobs, exact_values), which
        # create_all has just made.
        conn.execute(schema_version.insert().values(version=6, applied_at=now_utc()))


def _add_teams(conn: Connection) -> None:
    """Version 2: networks and workshops belong to a team; existing ones go to the local team.

    A network name becomes unique per team instead of overall, which SQLite
    can only do by rebuilding the table.
    """
    local = team_id(conn, LOCAL_TEAM, create=True)
    if conn.dialect.name == "sqlite":
        shadow = MetaData()
        teams.to_metadata(shadow)
        networks.to_metadata(shadow, name="networks_v2").create(conn)
        conn.execute(
            text("INSERT INTO networks_v2 (id, team_id, name, created_at) SELECT id, :team, name, created_at FROM networks"),
            {"team": local},
        )
        conn.exec_driver_sql("DROP TABLE networks")
        conn.exec_driver_sql("ALTER TABLE networks_v2 RENAME TO networks")
        conn.exec_driver_sql(
            f"ALTER TABLE workshops ADD COLUMN team_id INTEGER NOT NULL DEFAULT {int(local)} REFERENCES teams (id)"
        )
        return
    for table in ("networks", "workshops"):
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN team_id INTEGER REFERENCES teams (id)")
        conn.execute(text(f"UPDATE {table} SET team_id = :team"), {"team": local})
        conn.exec_driver_sql(f"ALTER TABLE {table} ALTER COLUMN team_id SET NOT NULL")
    conn.exec_driver_sql("ALTER TABLE networks DROP CONSTRAINT networks_name_key")
    conn.exec_driver_sql("ALTER TABLE networks ADD CONSTRAINT networks_team_id_name_key UNIQUE (team_id, name)")
