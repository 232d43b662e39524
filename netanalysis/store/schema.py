"""The store's tables, its engine and connection settings, and schema migrations.

* **SQLite** (the default, ``data/netwerkkaart.db``) serves one app server:
  WAL journal, ``synchronous=FULL`` (durable across power loss), a 30 s busy timeout and ``BEGIN
  IMMEDIATE`` for every writing transaction, so concurrent writers queue
  instead of failing; reads use deferred transactions and never wait.
* **PostgreSQL** (``NETWERKKAART_DATABASE_URL=postgresql+psycopg://...``)
  serves several app servers.

Every SQL table of Netwerkkaart is declared here, and only the modules of
this package issue statements against them.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    inspect,
    event,
    func,
    select,
    text,
)
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import StaticPool

from ..access import LOCAL_TEAM


__all__ = [
    "ENV_DATABASE_URL",
    "SCHEMA_VERSION",
    "MAX_NAME",
    "CONNECT_TIMEOUT",
    "STATEMENT_TIMEOUT",
    "UTCDateTime",
    "metadata",
    "schema_version",
    "teams",
    "users",
    "memberships",
    "audit_log",
    "networks",
    "versions",
    "version_stakeholders",
    "version_relations",
    "workshops",
    "submissions",
    "submission_names",
    "drafts",
    "draft_steps",
    "version_decisions",
    "participant_drafts",
    "rate_counters",
    "facilitator_passes",
    "workshop_moderation",
    "submission_approvals",
    "workshop_aliases",
    "workshop_choosable",
    "exact_jobs",
    "exact_values",
    "default_database_url",
    "now_utc",
    "clean_label",
    "make_engine",
    "create_schema",
    "team_id",
]

ENV_DATABASE_URL = "NETWERKKAART_DATABASE_URL"
#: Bump when the tables change, and add a migration step in :func:`create_schema`.
SCHEMA_VERSION = 6
MAX_NAME = 200
#: PostgreSQL: seconds to wait for a connection, and for one statement.
CONNECT_TIMEOUT = 5
STATEMENT_TIMEOUT = 10
# Any constant will do: it only has to be the same in every app server.
_SCHEMA_LOCK_ID = 0x4E574B5354


class UTCDateTime(TypeDecorator):
    """Timestamps stored as naive UTC and returned timezone-aware.

    SQLite has no time zones; storing naive UTC everywhere keeps SQLite and
    PostgreSQL identical and comparisons in SQL correct.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

teams = Table(
    "teams",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(64), nullable=False, unique=True),
    Column("name", String(MAX_NAME), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("subject", String(MAX_NAME), primary_key=True),  # the identity provider's "sub"
    Column("name", String(MAX_NAME), nullable=False),
    Column("last_seen", UTCDateTime, nullable=False),
)

memberships = Table(
    "memberships",
    metadata,
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("subject", String(MAX_NAME), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
)

# Append-only: the code inserts and never updates or deletes, except that
# forgetting a person replaces their name in old entries (AVG article 17).
audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("subject", String(MAX_NAME), nullable=False),
    Column("actor_name", String(MAX_NAME), nullable=False),
    # The slug, not a foreign key: the log outlives a removed team.
    Column("team", String(64)),
    Column("action", String(32), nullable=False),
    Column("object_kind", String(16)),
    Column("object_id", String(64)),
    Column("detail", Text),
    Index("ix_audit_team_at", "team", "at"),
)

networks = Table(
    "networks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", ForeignKey("teams.id"), nullable=False),
    Column("name", String(MAX_NAME), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("team_id", "name"),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("network_id", ForeignKey("networks.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("note", Text, nullable=False),
    Column("author", String(MAX_NAME), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("has_strengths", Boolean, nullable=False),
    Column("stakeholder_count", Integer, nullable=False),
    Column("relation_count", Integer, nullable=False),
    Column("restored_from", ForeignKey("versions.id", ondelete="SET NULL")),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("network_id", "number"),
)

version_stakeholders = Table(
    "version_stakeholders",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("stakeholder_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("name_folded", Text, nullable=False, index=True),
    Column("type", String(40), nullable=False),
    Column("organisation", Text),
    Column("themes", Text, nullable=False),  # a JSON list
    Column("area", Text),
    Column("role", Text),
    Column("influence", Float),
    Column("interest", Float),
    Column("notes", Text),
)

version_relations = Table(
    "version_relations",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("type", String(40), nullable=False),
    Column("strength", Float, nullable=False),
    Column("since", Text),
    Column("notes", Text),
)

workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("title", String(MAX_NAME), nullable=False),
    Column("key_hash", String(200), nullable=False),
    Column("seed_version_id", ForeignKey("versions.id", ondelete="SET NULL")),
    Column("team_id", ForeignKey("teams.id"), nullable=False),
    Column("status", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime),
    Column("last_change", UTCDateTime, nullable=False),
    # Bumped by every change: a poller compares one integer, and a cache of
    # the merged network can be keyed on it.
    Column("revision", Integer, nullable=False),
    # Version 4: the signed-in user who opened it (organisation mode); such a
    # workshop is managed by its team's facilitators without a key.
    Column("owner", String(MAX_NAME)),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    Column("submission_id", String(64), nullable=False),
    Column("participant", String(64), nullable=False),  # SHA-256 of the participant token
    Column("payload", Text, nullable=False),  # the normalised payload as JSON
    Column("tie_count", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("withdrawn_at", UTCDateTime),
    Column("withdrawn_by", String(16)),  # "participant" or "facilitator"
    # A double tap or a retried request carries the same submission_id: the
    # constraint makes storing it twice impossible, whatever the code does.
    UniqueConstraint("workshop_id", "submission_id"),
    Index("ix_submissions_participant", "workshop_id", "participant", "updated_at"),
    Index("ix_submissions_created", "workshop_id", "created_at"),
)

submission_names = Table(
    "submission_names",
    metadata,
    Column("submission_pk", ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("role", String(8), nullable=False),  # "self" or "named"
    Column("name", Text, nullable=False),
    Column("name_folded", Text, nullable=False, index=True),
)

# -- version 3: working copies, undo steps, decisions, participants' unsent entries ---------

# One working copy (concept) per user and team: the whole state as JSON,
# rewritten by every change; the steps below make undo and redo.
drafts = Table(
    "drafts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), nullable=False),
    Column("subject", String(MAX_NAME), nullable=False),
    Column("state", Text, nullable=False),  # see netanalysis.edits: tables and decisions as JSON
    Column("fingerprint", String(64), nullable=False),
    Column("source", Text, nullable=False),
    # The fingerprint of the version this concept was last saved as or opened
    # from: equal fingerprints mean "saved".
    Column("saved_fingerprint", String(64)),
    Column("saved_version_id", ForeignKey("versions.id", ondelete="SET NULL")),
    # Compare-and-set: a tab writes only when it saw the current revision.
    Column("revision", Integer, nullable=False),
    # Steps 1..step are applied; higher ones can be redone.
    Column("step", Integer, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    UniqueConstraint("team_id", "subject"),
)

draft_steps = Table(
    "draft_steps",
    metadata,
    Column("draft_id", ForeignKey("drafts.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("edit", Text, nullable=False),  # netanalysis.edits.diff as JSON
    Column("description", Text, nullable=False),  # netanalysis.edits.describe as JSON
    Column("created_at", UTCDateTime, nullable=False),
)

# Accepted and dismissed introductions, kept with the version they were saved in.
version_decisions = Table(
    "version_decisions",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("decision", String(16), nullable=False),
)

# What a participant typed but did not send yet, kept until the workshop
# closes so a reload or a server restart loses nothing.
participant_drafts = Table(
    "participant_drafts",
    metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("participant", String(64), primary_key=True),  # SHA-256 of the participant token
    Column("draft", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)


# -- version 4: limits that hold across app servers, facilitator passes -------------------------

# One row per limit, subject and time window: a counter raised by an upsert,
# so every app server on the database sees the same count.
rate_counters = Table(
    "rate_counters",
    metadata,
    Column("scope", String(32), primary_key=True),  # e.g. "submit_address"
    Column("subject", String(128), primary_key=True),  # e.g. "<workshop code>|<client address>"
    Column("window_start", Integer, primary_key=True, autoincrement=False),  # seconds since the epoch
    Column("count", Integer, nullable=False),
    Index("ix_rate_counters_window", "window_start"),
)

# What a facilitator's browser keeps instead of the key: a random pass,
# stored as its SHA-256, that expires and can be revoked.
facilitator_passes = Table(
    "facilitator_passes",
    metadata,
    Column("pass_hash", String(64), primary_key=True),
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)


# -- version 5: moderation, merged duplicates, names the facilitator made choosable ---------
# Separate tables rather than new columns: a migration only has to create them,
# and deleting a workshop's rows (or the workshop) cascades.

# A workshop with a row here and enabled=True shows only approved submissions.
workshop_moderation = Table(
    "workshop_moderation",
    metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("enabled", Boolean, nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
)

# Approval of one submission as it was then: an edit changes the payload's
# hash, so the changed entry waits for approval again.
submission_approvals = Table(
    "submission_approvals",
    metadata,
    Column("submission_pk", ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True),
    Column("payload_hash", String(64), nullable=False),
    Column("approved_at", UTCDateTime, nullable=False),
)

# Duplicates merged by the facilitator: stakeholder_id becomes into_id (whose name stays).
workshop_aliases = Table(
    "workshop_aliases",
    metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("stakeholder_id", String(MAX_NAME), primary_key=True),
    Column("into_id", String(MAX_NAME), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# Stakeholders the facilitator made choosable on participants' phones.
workshop_choosable = Table(
    "workshop_choosable",
    metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("stakeholder_id", String(MAX_NAME), primary_key=True),
    Column("added_at", UTCDateTime, nullable=False),
)


# Exact betweenness and closeness of a large saved version, computed once in
# the background (netanalysis.exact_jobs). The job row is the claim: a
# worker takes it with a conditional UPDATE, so several app servers never
# compute the same version twice; a claim whose heartbeat stops is taken over.
exact_jobs = Table(
    "exact_jobs",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True, autoincrement=False),
    Column("status", String(10), nullable=False),  # queued, running, done, failed
    Column("worker", String(MAX_NAME)),
    Column("requested_at", UTCDateTime, nullable=False),
    Column("claimed_at", UTCDateTime),
    Column("heartbeat_at", UTCDateTime),
    Column("finished_at", UTCDateTime),
    Column("done_steps", Integer, nullable=False),
    Column("total_steps", Integer, nullable=False),
    Column("seconds", Float),
    Column("error", Text),
    Index("ix_exact_jobs_status", "status"),
)

# One row per stakeholder of a version, by its position in version_stakeholders.
exact_values = Table(
    "exact_values",
    metadata,
    Column("version_id", ForeignKey("versions.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("betweenness", Float, nullable=False),
    Column("closeness", Float, nullable=False),
)


def default_database_url() -> str:
    """``NETWERKKAART_DATABASE_URL`` if set, else the SQLite file ``data/netwerkkaart.db``
    in the repository (the folder is created if needed)."""
    url = os.environ.get(ENV_DATABASE_URL)
    if url:
        return url
    data_dir = Path(__file__).resolve().parents[2] / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'netwerkkaart.db'}"


def now_utc() -> datetime:
    """The current time, timezone-aware (UTC)."""
    return datetime.now(timezone.utc)


def clean_label(value: str, what: str) -> str:
    """``value`` on one line without NUL characters; raises ``ValueError`` if
    that is empty or longer than :data:`MAX_NAME`."""
    label = " ".join(str(value or "").replace("\x00", "").split())
    if not label or len(label) > MAX_NAME:
        raise ValueError(f"{what} must be 1-{MAX_NAME} characters")
    return label


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


def team_id(conn: Connection, slug: str, *, create: bool = False, name: str | None = None) -> int | None:
    """The id of team ``slug``; with ``create``, the team is made if missing
    (call it inside a writing transaction)."""
    found = conn.execute(select(teams.c.id).where(teams.c.slug == slug)).scalar()
    if found is None and create:
        found = conn.execute(
            teams.insert().values(slug=slug, name=name or slug.capitalize(), created_at=now_utc()).returning(teams.c.id)
        ).scalar_one()
    return found


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
