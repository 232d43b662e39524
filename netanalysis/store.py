"""Persistence through SQLAlchemy Core: networks, versions, workshops, submissions.

One :class:`Store` per process (share it, e.g. with ``st.cache_resource``):
it owns an engine and its connection pool and is safe to use from many
threads. Every write is one short transaction.

* **SQLite** (the default, ``data/netwerkkaart.db``) serves one app server:
  WAL journal, ``synchronous=FULL`` (durable across power loss), a 30 s busy timeout and ``BEGIN
  IMMEDIATE`` for every writing transaction, so concurrent writers queue
  instead of failing; reads use deferred transactions and never wait.
* **PostgreSQL** (``NETWERKKAART_DATABASE_URL=postgresql+psycopg://...``)
  serves several app servers. Writes to one workshop are serialised by a
  row lock on the workshop, which makes the closed check, the rate limit
  and idempotency exact across servers.

Nothing is overwritten: saving a network adds a version; withdrawing a
submission marks it withdrawn. A person's data can be found for an AVG
*forget* through the indexed ``name_folded`` columns of
``version_stakeholders`` and ``submission_names`` (see :func:`fold_name`).
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
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
    delete,
    event,
    func,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from .network import StakeholderNetwork
from .workshop import (
    LIMITS,
    MESSAGES,
    InvalidSubmission,
    Limits,
    NotYourSubmission,
    RateLimited,
    Submission,
    SubmissionNotFound,
    Workshop,
    WorkshopClosed,
    WorkshopError,
    WorkshopNotFound,
    WrongKey,
    hash_key,
    merge_submissions,
    name_key,
    new_code,
    new_facilitator_key,
    normalise_code,
    participant_fingerprint,
    validate_payload,
    validate_submission_id,
    verify_key_hash,
)
from .workshop import submission_names as names_in_payload

__all__ = [
    "Store",
    "VersionInfo",
    "VersionNotFound",
    "ENV_DATABASE_URL",
    "SCHEMA_VERSION",
    "default_database_url",
    "fold_name",
    "metadata",
    # re-exported from netanalysis.workshop so callers need one import
    "Workshop",
    "Submission",
    "WorkshopError",
    "InvalidSubmission",
    "WorkshopClosed",
    "WorkshopNotFound",
    "RateLimited",
    "WrongKey",
    "NotYourSubmission",
    "SubmissionNotFound",
]

ENV_DATABASE_URL = "NETWERKKAART_DATABASE_URL"
#: Bump when the tables change, and add a migration step in ``Store._migrate``.
SCHEMA_VERSION = 1
_MAX_NAME = 200
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

networks = Table(
    "networks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(_MAX_NAME), nullable=False, unique=True),
    Column("created_at", UTCDateTime, nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("network_id", ForeignKey("networks.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("note", Text, nullable=False),
    Column("author", String(_MAX_NAME), nullable=False),
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
    Column("title", String(_MAX_NAME), nullable=False),
    Column("key_hash", String(200), nullable=False),
    Column("seed_version_id", ForeignKey("versions.id", ondelete="SET NULL")),
    Column("status", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime),
    Column("last_change", UTCDateTime, nullable=False),
    # Bumped by every change: a poller compares one integer, and a cache of
    # the merged network can be keyed on it.
    Column("revision", Integer, nullable=False),
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


class VersionNotFound(LookupError):
    """No saved version has this id."""


@dataclass(frozen=True)
class VersionInfo:
    """One saved version of a network (without its tables)."""

    id: int
    network: str
    number: int
    note: str
    author: str
    fingerprint: str
    stakeholders: int
    relations: int
    restored_from: int | None
    created_at: datetime


def fold_name(name: str) -> str:
    """The searchable form of a person's name (case-insensitive, single spaces).

    >>> fold_name("  Zoë   de JONG ")
    'zoë de jong'
    """
    return name_key(name, "")[0]


def default_database_url() -> str:
    """``NETWERKKAART_DATABASE_URL`` if set, else the SQLite file ``data/netwerkkaart.db``
    next to the package (the folder is created if needed)."""
    url = os.environ.get(ENV_DATABASE_URL)
    if url:
        return url
    data_dir = Path(__file__).resolve().parent.parent / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'netwerkkaart.db'}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _clean_label(value: str, what: str) -> str:
    label = " ".join(str(value or "").replace("\x00", "").split())
    if not label or len(label) > _MAX_NAME:
        raise ValueError(f"{what} must be 1-{_MAX_NAME} characters")
    return label


def _none_if_nan(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    return isinstance(value, list) and any(_has_nul(v) for v in value)


def _strip_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    return [_strip_nul(v) for v in value] if isinstance(value, list) else value


def _without_nul(net: StakeholderNetwork) -> StakeholderNetwork:
    # PostgreSQL text cannot hold NUL characters; dropping them on both
    # backends keeps SQLite and PostgreSQL storing the same thing.
    people = net.stakeholders.to_dict("records")
    ties = net.relations.to_dict("records")
    if not any(_has_nul(v) for row in people + ties for v in row.values()):
        return net
    return StakeholderNetwork.from_tables(
        [{k: _strip_nul(v) for k, v in row.items()} for row in people],
        [{k: _strip_nul(v) for k, v in row.items()} for row in ties],
        name=net.name,
        has_strengths=net.has_strengths,
    )


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


class Store:
    """Networks with versions, and workshops with their submissions, in one database.

    Parameters
    ----------
    url : str, optional
        A SQLAlchemy URL: ``sqlite:///path.db`` or
        ``postgresql+psycopg://user:pw@host/db``. Default
        :func:`default_database_url`.
    rate_limit : int or None
        Most submissions (new or updated) one participant may make per
        ``rate_window`` seconds; ``None`` switches the limit off.
    rate_window : float
        Seconds.
    limits : Limits
        Field limits of a submission payload.
    pool_size : int
        Connections kept per process (PostgreSQL; twice as many may be
        opened under load). Keep ``(pool_size * 2) * app servers`` below the
        server's ``max_connections``.

    Examples
    --------
    >>> store = Store("sqlite://")
    >>> net = StakeholderNetwork.from_tables([{"id": "a", "name": "Anouk", "type": "resident"}])
    >>> first = store.save_network(net, name="Voorbeeldstad")
    >>> store.load_version(first).fingerprint() == net.fingerprint()
    True
    >>> store.dispose()
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        rate_limit: int | None = 12,
        rate_window: float = 60.0,
        limits: Limits = LIMITS,
        pool_size: int = 5,
    ):
        self.url = make_url(url or default_database_url())
        self.rate_limit = rate_limit
        self.rate_window = timedelta(seconds=rate_window)
        self.limits = limits
        backend = self.url.get_backend_name()
        if backend == "sqlite":
            memory = self.url.database in (None, "", ":memory:")
            options: dict[str, Any] = {"connect_args": {"timeout": 30, "check_same_thread": False}}
            if memory:
                # One shared connection, so every thread sees the same
                # in-memory database; for examples and tests, not for load.
                options["poolclass"] = StaticPool
            else:
                Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
                options.update(pool_size=pool_size, max_overflow=2 * pool_size, pool_timeout=60)
            self.engine = create_engine(self.url, **options)
            _configure_sqlite(self.engine)
        elif backend == "postgresql":
            if self.url.drivername == "postgresql":
                # A plain postgresql:// URL means psycopg2 to SQLAlchemy; we ship psycopg 3.
                self.url = self.url.set(drivername="postgresql+psycopg")
            self.engine = create_engine(
                self.url,
                pool_size=pool_size,
                max_overflow=pool_size,
                pool_timeout=60,
                pool_pre_ping=True,
                pool_recycle=1800,
            )
        else:
            raise ValueError(f"unsupported database {backend!r}: use sqlite or postgresql")
        self.dialect = backend
        self._reader = self.engine.execution_options(netwerkkaart_read_only=True)
        self._create_schema()

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    def dispose(self) -> None:
        """Close every pooled connection (the store can still be used afterwards)."""
        self.engine.dispose()

    # -- plumbing -------------------------------------------------------------

    def _insert(self, table: Table):
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert
        else:
            from sqlalchemy.dialects.sqlite import insert
        return insert(table)

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with self._reader.begin() as conn:
            yield conn

    def _create_schema(self) -> None:
        with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                # Several app servers may start at once; CREATE TABLE is not
                # safe against a concurrent CREATE TABLE of the same name.
                conn.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": _SCHEMA_LOCK_ID})
            metadata.create_all(conn)
            current = conn.execute(select(func.max(schema_version.c.version))).scalar()
            if current is None:
                conn.execute(schema_version.insert().values(version=SCHEMA_VERSION, applied_at=_now()))
            elif current > SCHEMA_VERSION:
                raise RuntimeError(
                    f"the database has schema version {current}, newer than this code ({SCHEMA_VERSION})"
                )
            else:
                self._migrate(conn, current)

    def _migrate(self, conn: Connection, current: int) -> None:
        # Version 1 is the first schema; later versions add steps here, each
        # followed by inserting its row into schema_version.
        del conn, current

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        with self._read() as conn:
            return int(conn.execute(select(func.max(schema_version.c.version))).scalar_one())

    # -- networks and versions ------------------------------------------------

    def save_network(
        self,
        net: StakeholderNetwork,
        *,
        name: str,
        note: str = "",
        author: str = "",
        restored_from: int | None = None,
    ) -> int:
        """Save ``net`` as the newest version of the network ``name``.

        Every save adds a version; nothing is overwritten. NUL characters
        are dropped from text (PostgreSQL cannot store them), so only in
        that case the stored fingerprint differs from ``net.fingerprint()``.

        Parameters
        ----------
        net : StakeholderNetwork
        name : str
            The network's name (1-200 characters); created on first save.
        note, author : str
            Free text shown in the version list.
        restored_from : int, optional
            Set by :meth:`restore_version`.

        Returns
        -------
        int
            The new version's id.
        """
        name = _clean_label(name, "name")
        now = _now()
        with self.engine.begin() as conn:
            return self._save(conn, net, name=name, note=note, author=author, restored_from=restored_from, now=now)

    def _save(self, conn, net, *, name, note, author, restored_from, now) -> int:
        net = _without_nul(net)
        conn.execute(
            self._insert(networks).values(name=name, created_at=now).on_conflict_do_nothing(index_elements=["name"])
        )
        # FOR UPDATE serialises concurrent saves of one network on
        # PostgreSQL so two saves cannot both take number N+1 (SQLite's
        # BEGIN IMMEDIATE already serialises them; it ignores FOR UPDATE).
        network_id = conn.execute(
            select(networks.c.id).where(networks.c.name == name).with_for_update()
        ).scalar_one()
        number = conn.execute(
            select(func.coalesce(func.max(versions.c.number), 0)).where(versions.c.network_id == network_id)
        ).scalar_one() + 1
        version_id = conn.execute(
            versions.insert()
            .values(
                network_id=network_id,
                number=number,
                note=str(note or "").replace("\x00", ""),
                author=str(author or "").replace("\x00", "")[:_MAX_NAME],
                fingerprint=net.fingerprint(),
                has_strengths=bool(net.has_strengths),
                stakeholder_count=len(net.stakeholders),
                relation_count=len(net.relations),
                restored_from=restored_from,
                created_at=now,
            )
            .returning(versions.c.id)
        ).scalar_one()
        people = [
            {
                "version_id": version_id,
                "position": position,
                "stakeholder_id": row["id"],
                "name": row["name"],
                "name_folded": fold_name(row["name"]),
                "type": row["type"],
                "organisation": _none_if_nan(row["organisation"]),
                "themes": json.dumps(list(row["themes"]), ensure_ascii=False),
                "area": _none_if_nan(row["area"]),
                "role": _none_if_nan(row["role"]),
                "influence": _none_if_nan(row["influence"]),
                "interest": _none_if_nan(row["interest"]),
                "notes": _none_if_nan(row["notes"]),
            }
            for position, row in enumerate(net.stakeholders.to_dict("records"))
        ]
        ties = [
            {
                "version_id": version_id,
                "position": position,
                "source": row["source"],
                "target": row["target"],
                "type": row["type"],
                "strength": float(row["strength"]),
                "since": _none_if_nan(row["since"]),
                "notes": _none_if_nan(row["notes"]),
            }
            for position, row in enumerate(net.relations.to_dict("records"))
        ]
        if people:
            conn.execute(version_stakeholders.insert(), people)
        if ties:
            conn.execute(version_relations.insert(), ties)
        return int(version_id)

    def _version_row(self, conn: Connection, version_id: int):
        row = conn.execute(
            select(versions, networks.c.name.label("network"))
            .join(networks, networks.c.id == versions.c.network_id)
            .where(versions.c.id == int(version_id))
        ).mappings().first()
        if row is None:
            raise VersionNotFound(version_id)
        return row

    @staticmethod
    def _info(row: Mapping) -> VersionInfo:
        return VersionInfo(
            id=row["id"],
            network=row["network"],
            number=row["number"],
            note=row["note"],
            author=row["author"],
            fingerprint=row["fingerprint"],
            stakeholders=row["stakeholder_count"],
            relations=row["relation_count"],
            restored_from=row["restored_from"],
            created_at=row["created_at"],
        )

    def _load(self, conn: Connection, version_id: int) -> StakeholderNetwork:
        row = self._version_row(conn, version_id)
        people = conn.execute(
            select(version_stakeholders)
            .where(version_stakeholders.c.version_id == row["id"])
            .order_by(version_stakeholders.c.position)
        ).mappings().all()
        ties = conn.execute(
            select(version_relations)
            .where(version_relations.c.version_id == row["id"])
            .order_by(version_relations.c.position)
        ).mappings().all()
        stakeholders = [
            {**{k: p[k] for k in ("name", "type", "organisation", "area", "role", "influence", "interest", "notes")},
             "id": p["stakeholder_id"], "themes": json.loads(p["themes"])}
            for p in people
        ]
        relations = [
            {k: t[k] for k in ("source", "target", "type", "strength", "since", "notes")} for t in ties
        ]
        return StakeholderNetwork.from_tables(
            stakeholders, relations, name=row["network"], has_strengths=bool(row["has_strengths"])
        )

    def load_version(self, version_id: int) -> StakeholderNetwork:
        """The network as saved in version ``version_id``.

        Raises
        ------
        VersionNotFound
        """
        with self._read() as conn:
            return self._load(conn, version_id)

    def version_info(self, version_id: int) -> VersionInfo:
        """Facts about one version (see :class:`VersionInfo`).

        Raises
        ------
        VersionNotFound
        """
        with self._read() as conn:
            return self._info(self._version_row(conn, version_id))

    def list_networks(self) -> list[dict[str, Any]]:
        """Every saved network, by name: ``{"name", "versions", "latest_version_id", "updated_at"}``."""
        query = (
            select(
                networks.c.name,
                func.count(versions.c.id).label("versions"),
                func.max(versions.c.id).label("latest_version_id"),
                func.max(versions.c.created_at).label("updated_at"),
            )
            .join(versions, versions.c.network_id == networks.c.id)
            .group_by(networks.c.id, networks.c.name)
            .order_by(networks.c.name)
        )
        with self._read() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def list_versions(self, network_name: str) -> list[VersionInfo]:
        """The versions of a network, newest first (empty if there is no such network)."""
        query = (
            select(versions, networks.c.name.label("network"))
            .join(networks, networks.c.id == versions.c.network_id)
            .where(networks.c.name == " ".join(str(network_name).replace("\x00", "").split()))
            .order_by(versions.c.number.desc())
        )
        with self._read() as conn:
            return [self._info(row) for row in conn.execute(query).mappings()]

    def latest(self, network_name: str) -> StakeholderNetwork | None:
        """The newest version of a network, or ``None`` if it was never saved."""
        found = self.list_versions(network_name)
        return self.load_version(found[0].id) if found else None

    def restore_version(self, version_id: int, *, author: str = "", lang: str | None = None) -> int:
        """Save a copy of an old version as the newest version of its network.

        The copy's note says where it came from ("Hersteld uit versie N"),
        and ``restored_from`` holds the old version's id.

        Returns
        -------
        int
            The new version's id.
        """
        with self.engine.begin() as conn:
            row = self._version_row(conn, version_id)
            net = self._load(conn, version_id)
            note = MESSAGES.text("restored_from", lang, number=row["number"])
            return self._save(
                conn, net, name=row["network"], note=note, author=author, restored_from=row["id"], now=_now()
            )

    # -- workshops ------------------------------------------------------------

    @staticmethod
    def _workshop(row: Mapping) -> Workshop:
        return Workshop(
            code=row["code"],
            title=row["title"],
            status=row["status"],
            created_at=row["created_at"],
            closed_at=row["closed_at"],
            seed_version_id=row["seed_version_id"],
        )

    def create_workshop(self, title: str, *, seed_version_id: int | None = None) -> tuple[Workshop, str]:
        """Open a new workshop.

        Parameters
        ----------
        title : str
        seed_version_id : int, optional
            A saved version the workshop starts from.

        Returns
        -------
        (Workshop, str)
            The workshop and its facilitator key. The key is shown once:
            only a salted hash is stored, so it cannot be recovered.

        Raises
        ------
        VersionNotFound
            If ``seed_version_id`` does not exist.
        """
        title = _clean_label(title, "title")
        key = new_facilitator_key()
        key_hash = hash_key(key)
        if seed_version_id is not None:
            self.version_info(seed_version_id)
        for _attempt in range(10):
            now = _now()
            values = dict(
                code=new_code(), title=title, key_hash=key_hash, seed_version_id=seed_version_id,
                status="open", created_at=now, closed_at=None, last_change=now, revision=0,
            )
            with self.engine.begin() as conn:
                inserted = conn.execute(
                    self._insert(workshops).values(**values)
                    .on_conflict_do_nothing(index_elements=["code"])
                    .returning(workshops.c.id)
                ).first()
            if inserted is not None:
                return self._workshop(values), key
        raise RuntimeError("could not find a free workshop code")  # 10 clashes in 8.5e11 codes

    def _workshop_row(self, conn: Connection, code: str, *, lock: bool = False):
        query = select(workshops).where(workshops.c.code == normalise_code(code))
        if lock:
            query = query.with_for_update()
        row = conn.execute(query).mappings().first()
        if row is None:
            raise WorkshopNotFound(normalise_code(code))
        return row

    def get_workshop(self, code: str) -> Workshop:
        """The workshop with this join code (case and dashes do not matter).

        Raises
        ------
        WorkshopNotFound
        """
        with self._read() as conn:
            return self._workshop(self._workshop_row(conn, code))

    def verify_key(self, code: str, key: str | None) -> bool:
        """Whether ``key`` is the facilitator key of workshop ``code`` (False if there is no such workshop)."""
        try:
            with self._read() as conn:
                stored = self._workshop_row(conn, code)["key_hash"]
        except WorkshopNotFound:
            return False
        return verify_key_hash(key, stored)

    def _require_key(self, code: str, key: str | None) -> None:
        # Hashing takes tens of milliseconds: do it before the write
        # transaction, which would otherwise hold SQLite's write lock meanwhile.
        with self._read() as conn:
            stored = self._workshop_row(conn, code)["key_hash"]
        if not verify_key_hash(key, stored):
            raise WrongKey()

    @staticmethod
    def _touch(conn: Connection, workshop_id: int, now: datetime, **values: Any) -> None:
        conn.execute(
            update(workshops)
            .where(workshops.c.id == workshop_id)
            .values(last_change=now, revision=workshops.c.revision + 1, **values)
        )

    def _set_status(self, code: str, key: str, status: str) -> Workshop:
        self._require_key(code, key)
        now = _now()
        with self.engine.begin() as conn:
            row = self._workshop_row(conn, code, lock=True)
            if row["status"] != status:
                self._touch(conn, row["id"], now, status=status, closed_at=now if status == "closed" else None)
            return self._workshop(self._workshop_row(conn, code))

    def close_workshop(self, code: str, key: str) -> Workshop:
        """Stop accepting submissions. Raises :class:`WrongKey` or :class:`WorkshopNotFound`."""
        return self._set_status(code, key, "closed")

    def reopen_workshop(self, code: str, key: str) -> Workshop:
        """Accept submissions again. Raises :class:`WrongKey` or :class:`WorkshopNotFound`."""
        return self._set_status(code, key, "open")

    # -- submissions ------------------------------------------------------------

    @staticmethod
    def _submission(row: Mapping, code: str) -> Submission:
        return Submission(
            submission_id=row["submission_id"],
            workshop_code=code,
            participant=row["participant"],
            payload=json.loads(row["payload"]),
            created_at=row["created_at"],
            updated_at=row["updated_at"],
            withdrawn=row["withdrawn_at"] is not None,
        )

    def _check_rate(self, conn: Connection, workshop_id: int, participant: str, now: datetime) -> None:
        if self.rate_limit is None:
            return
        recent = conn.execute(
            select(func.count())
            .select_from(submissions)
            .where(
                submissions.c.workshop_id == workshop_id,
                submissions.c.participant == participant,
                submissions.c.updated_at >= now - self.rate_window,
            )
        ).scalar_one()
        if recent >= self.rate_limit:
            raise RateLimited()

    def _write_names(self, conn: Connection, submission_pk: int, payload: Mapping) -> None:
        conn.execute(delete(submission_names).where(submission_names.c.submission_pk == submission_pk))
        conn.execute(
            submission_names.insert(),
            [
                {"submission_pk": submission_pk, "position": i, "role": role, "name": name, "name_folded": fold_name(name)}
                for i, (role, name) in enumerate(names_in_payload(payload))
            ],
        )

    def _own_submission(self, conn: Connection, workshop_id: int, submission_id: str, participant: str | None):
        row = conn.execute(
            select(submissions).where(
                submissions.c.workshop_id == workshop_id, submissions.c.submission_id == str(submission_id)
            )
        ).mappings().first()
        if row is None or row["withdrawn_at"] is not None:
            raise SubmissionNotFound()
        if participant is not None and row["participant"] != participant:
            raise NotYourSubmission()
        return row

    def submit(self, code: str, participant_token: str, payload: Mapping, *, submission_id: str) -> Submission:
        """Store one participant's submission in one transaction.

        Parameters
        ----------
        code : str
            The workshop's join code.
        participant_token : str
            The random token kept in the participant's browser session
            (see :func:`~netanalysis.workshop.new_participant_token`).
        payload : mapping
            See :func:`~netanalysis.workshop.validate_payload`.
        submission_id : str
            Made by the client when the form is shown (e.g. a UUID). Sending
            the same id again returns the stored submission and stores
            nothing (a double tap, a retried request), even after closing.

        Returns
        -------
        Submission

        Raises
        ------
        InvalidSubmission
            A field fails validation, or ``submission_id`` belongs to another participant.
        WorkshopNotFound, WorkshopClosed, RateLimited
        """
        participant = participant_fingerprint(participant_token)
        submission_id = validate_submission_id(submission_id, limits=self.limits)
        clean = validate_payload(payload, limits=self.limits)
        now = _now()
        with self.engine.begin() as conn:
            # The row lock makes everything below exact when several app
            # servers write to one workshop at once.
            workshop = self._workshop_row(conn, code, lock=True)
            existing = conn.execute(
                select(submissions).where(
                    submissions.c.workshop_id == workshop["id"], submissions.c.submission_id == submission_id
                )
            ).mappings().first()
            if existing is not None:
                if existing["participant"] != participant:
                    raise InvalidSubmission("submission_id_taken")
                return self._submission(existing, workshop["code"])
            if workshop["status"] != "open":
                raise WorkshopClosed()
            self._check_rate(conn, workshop["id"], participant, now)
            values = dict(
                workshop_id=workshop["id"], submission_id=submission_id, participant=participant,
                payload=json.dumps(clean, ensure_ascii=False), tie_count=len(clean["ties"]),
                created_at=now, updated_at=now, withdrawn_at=None, withdrawn_by=None,
            )
            submission_pk = conn.execute(
                self._insert(submissions).values(**values)
                .on_conflict_do_nothing(index_elements=["workshop_id", "submission_id"])
                .returning(submissions.c.id)
            ).scalar()
            if submission_pk is None:  # unreachable while the lock above holds; kept as the last line of defence
                row = conn.execute(
                    select(submissions).where(
                        submissions.c.workshop_id == workshop["id"], submissions.c.submission_id == submission_id
                    )
                ).mappings().one()
                return self._submission(row, workshop["code"])
            self._write_names(conn, submission_pk, clean)
            self._touch(conn, workshop["id"], now)
            return self._submission(values, workshop["code"])

    def update_submission(
        self, code: str, participant_token: str, submission_id: str, payload: Mapping
    ) -> Submission:
        """Replace the payload of one's own submission (while the workshop is open).

        Raises
        ------
        InvalidSubmission, WorkshopNotFound, WorkshopClosed, RateLimited
        SubmissionNotFound
            No such submission, or it was withdrawn.
        NotYourSubmission
            The submission belongs to another participant.
        """
        participant = participant_fingerprint(participant_token)
        clean = validate_payload(payload, limits=self.limits)
        now = _now()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            row = self._own_submission(conn, workshop["id"], submission_id, participant)
            if workshop["status"] != "open":
                raise WorkshopClosed()
            self._check_rate(conn, workshop["id"], participant, now)
            conn.execute(
                update(submissions)
                .where(submissions.c.id == row["id"])
                .values(payload=json.dumps(clean, ensure_ascii=False), tie_count=len(clean["ties"]), updated_at=now)
            )
            self._write_names(conn, row["id"], clean)
            self._touch(conn, workshop["id"], now)
            return self._submission(
                {**row, "payload": json.dumps(clean), "updated_at": now}, workshop["code"]
            )

    def withdraw_submission(self, code: str, participant_token: str, submission_id: str) -> None:
        """Withdraw one's own submission; allowed even after the workshop closed.

        The row stays (marked withdrawn) so a late retry of the original
        request cannot bring it back; it no longer counts anywhere.

        Raises
        ------
        WorkshopNotFound, SubmissionNotFound, NotYourSubmission
        """
        participant = participant_fingerprint(participant_token)
        self._withdraw(code, submission_id, participant=participant, by="participant")

    def remove_submission(self, code: str, key: str, submission_id: str) -> None:
        """The facilitator removes anyone's submission.

        Raises
        ------
        WrongKey, WorkshopNotFound, SubmissionNotFound
        """
        self._require_key(code, key)
        self._withdraw(code, submission_id, participant=None, by="facilitator")

    def _withdraw(self, code: str, submission_id: str, *, participant: str | None, by: str) -> None:
        now = _now()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            row = self._own_submission(conn, workshop["id"], submission_id, participant)
            conn.execute(
                update(submissions).where(submissions.c.id == row["id"]).values(withdrawn_at=now, withdrawn_by=by)
            )
            self._touch(conn, workshop["id"], now)

    def my_submissions(self, code: str, participant_token: str) -> list[Submission]:
        """A participant's own current submissions, oldest first."""
        participant = participant_fingerprint(participant_token)
        with self._read() as conn:
            workshop = self._workshop_row(conn, code)
            rows = conn.execute(
                select(submissions)
                .where(
                    submissions.c.workshop_id == workshop["id"],
                    submissions.c.participant == participant,
                    submissions.c.withdrawn_at.is_(None),
                )
                .order_by(submissions.c.created_at, submissions.c.id)
            ).mappings().all()
        return [self._submission(row, workshop["code"]) for row in rows]

    def list_submissions(self, code: str, key: str, *, include_withdrawn: bool = False) -> list[Submission]:
        """Every submission of a workshop, oldest first (facilitator only; raises :class:`WrongKey`)."""
        self._require_key(code, key)
        with self._read() as conn:
            return self._current_submissions(conn, self._workshop_row(conn, code), include_withdrawn)

    def _current_submissions(self, conn, workshop: Mapping, include_withdrawn: bool = False) -> list[Submission]:
        query = select(submissions).where(submissions.c.workshop_id == workshop["id"])
        if not include_withdrawn:
            query = query.where(submissions.c.withdrawn_at.is_(None))
        rows = conn.execute(query.order_by(submissions.c.created_at, submissions.c.id)).mappings().all()
        return [self._submission(row, workshop["code"]) for row in rows]

    # -- the live view ---------------------------------------------------------

    def workshop_network(self, code: str) -> StakeholderNetwork:
        """The seed network plus every current submission, merged
        (see :func:`~netanalysis.workshop.merge_submissions`).

        Cache it on ``workshop_stats(code)["revision"]``: the revision
        changes with every submission, update, withdrawal and status change.
        """
        with self._read() as conn:
            workshop = self._workshop_row(conn, code)
            seed = None
            if workshop["seed_version_id"] is not None:
                seed = self._load(conn, workshop["seed_version_id"])
            current = self._current_submissions(conn, workshop)
        return merge_submissions(seed, current, name=workshop["title"])

    def workshop_stats(self, code: str) -> dict[str, Any]:
        """Counts for the facilitator's screen, from two small queries.

        Returns
        -------
        dict
            ``code``, ``title``, ``status``, ``participants`` (distinct
            participants with a current submission), ``submissions``
            (current), ``relations`` (ties named in current submissions,
            before merging duplicates), ``submissions_last_minute``,
            ``last_change`` (UTC datetime) and ``revision`` (int).
        """
        now = _now()
        current = submissions.c.withdrawn_at.is_(None)
        with self._read() as conn:
            workshop = self._workshop_row(conn, code)
            counts = conn.execute(
                select(
                    func.count(func.distinct(submissions.c.participant)).filter(current),
                    func.count().filter(current),
                    func.coalesce(func.sum(submissions.c.tie_count).filter(current), 0),
                    func.count().filter(current, submissions.c.created_at >= now - timedelta(minutes=1)),
                ).where(submissions.c.workshop_id == workshop["id"])
            ).one()
        return {
            "code": workshop["code"],
            "title": workshop["title"],
            "status": workshop["status"],
            "participants": int(counts[0]),
            "submissions": int(counts[1]),
            "relations": int(counts[2]),
            "submissions_last_minute": int(counts[3]),
            "last_change": workshop["last_change"],
            "revision": int(workshop["revision"]),
        }

    def last_change(self, code: str) -> datetime:
        """When anything in the workshop last changed (one indexed row read)."""
        with self._read() as conn:
            changed = conn.execute(
                select(workshops.c.last_change).where(workshops.c.code == normalise_code(code))
            ).scalar_one_or_none()
        if changed is None:
            raise WorkshopNotFound(normalise_code(code))
        return changed

    def save_workshop_as_version(
        self, code: str, key: str, *, name: str, note: str | None = None, author: str = "", lang: str | None = None
    ) -> int:
        """Save the merged workshop network as a new version of network ``name``.

        Raises
        ------
        WrongKey, WorkshopNotFound
        """
        self._require_key(code, key)
        workshop = self.get_workshop(code)
        net = self.workshop_network(code)
        if note is None:
            note = MESSAGES.text("workshop_note", lang, title=workshop.title, code=workshop.code)
        return self.save_network(net, name=name, note=note, author=author)

