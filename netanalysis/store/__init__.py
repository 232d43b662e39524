"""Persistence through SQLAlchemy Core: networks, versions, workshops, submissions.

One :class:`Store` per process (share it, e.g. with ``st.cache_resource``):
it owns an engine and its connection pool and is safe to use from many
threads. Every write is one short transaction. The package owns every SQL
statement of Netwerkkaart:

* :mod:`~netanalysis.store.schema`: the tables;
* :mod:`~netanalysis.store.engine`: the engine, its SQLite/PostgreSQL
  settings and the migrations;
* :mod:`~netanalysis.store.versions`: networks and their versions;
* :mod:`~netanalysis.store.drafts`: each user's working copy (concept), undo and redo;
* :mod:`~netanalysis.store.workshops`: workshops, submissions, the live view;
* :mod:`~netanalysis.store.facilitators`: who manages a workshop (owner, key, passes);
* :mod:`~netanalysis.store.limits`: rate limits that hold across app servers;
* :mod:`~netanalysis.store.moderation`: what the room sees: approvals,
  merged duplicates, names phones may offer;
* :mod:`~netanalysis.store.erasure`: forgetting a person (AVG article 17);
* :mod:`~netanalysis.store.exact`: exact betweenness and closeness of large versions, computed once;
* :mod:`~netanalysis.store.teams`: teams, members, signing in, the audit log.

Every operation acts for an :class:`~netanalysis.access.Actor` and checks
its role in the team that owns the object; see :mod:`netanalysis.access`.

Nothing is overwritten: saving a network adds a version; withdrawing a
submission marks it withdrawn. A person's data can be found for an AVG
*forget* through the indexed ``name_folded`` columns of
``version_stakeholders`` and ``submission_names`` (see :func:`fold_name`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Table, func, select
from sqlalchemy.engine import Connection, make_url

from ..access import LOCAL_USER, AccessDenied, Actor
from ..network import StakeholderNetwork  # noqa: F401  (used by the doctest)
from ..privacy import fold_name
from ..ratelimits import RATE_LIMITS, RateLimit
from ..submissions import LIMITS, Limits
from ..workshop import (
    InvalidSubmission,
    NotYourSubmission,
    RateLimited,
    Submission,
    SubmissionNotFound,
    Workshop,
    WorkshopClosed,
    WorkshopError,
    WorkshopNotFound,
    WrongKey,
)
from .drafts import MAX_STEPS, Draft, DraftChange, DraftStore, ParticipantDraftStore, StaleDraft
from .erasure import ErasureStore
from .facilitators import PASS_DAYS, PASS_PREFIX, FacilitatorStore
from .limits import LimitStore
from .moderation import ModerationStore, UnknownStakeholder
from .exact import ExactCentrality, ExactJob, ExactStore
from .engine import ENV_DATABASE_URL, create_schema, default_database_url, make_engine
from .schema import SCHEMA_VERSION, metadata, schema_version
from .teams import AUDIT_ACTIONS, TeamStore
from .versions import VersionInfo, VersionNotFound, VersionStore
from .workshops import WorkshopStore

__all__ = [
    "Store",
    "VersionInfo",
    "VersionNotFound",
    "ExactJob",
    "ExactCentrality",
    "Draft",
    "DraftChange",
    "StaleDraft",
    "MAX_STEPS",
    "PASS_DAYS",
    "PASS_PREFIX",
    "RATE_LIMITS",
    "RateLimit",
    "AccessDenied",
    "AUDIT_ACTIONS",
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
    "UnknownStakeholder",
]


class Store(TeamStore, LimitStore, FacilitatorStore, VersionStore, DraftStore, ParticipantDraftStore, WorkshopStore,
            ModerationStore, ErasureStore, ExactStore):
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
    rate_limits : mapping of str to RateLimit
        The limits per workshop, client address and user kept in the
        database (see :mod:`netanalysis.ratelimits`); a scope left out is
        not limited.
    limits : Limits
        Field limits of a submission payload.
    pool_size : int
        Connections kept per process (PostgreSQL; twice as many may be
        opened under load). Keep ``(pool_size * 2) * app servers`` below the
        server's ``max_connections``.
    default_actor : Actor or None
        Who acts when an operation is given no ``actor``: the local user
        (beheerder of the local team) by default, which is local mode. In
        organisation mode pass ``None``: then every operation without an
        actor is refused, so a page that forgets to pass the signed-in user
        fails closed.

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
        rate_limits: Mapping[str, RateLimit] = RATE_LIMITS,
        limits: Limits = LIMITS,
        pool_size: int = 5,
        default_actor: Actor | None = LOCAL_USER,
    ):
        self.rate_limit = rate_limit
        self.rate_window = timedelta(seconds=rate_window)
        self.rate_limits = dict(rate_limits)
        self.limits = limits
        self.default_actor = default_actor
        self.engine, self.url = make_engine(make_url(url or default_database_url()), pool_size=pool_size)
        self.dialect = self.url.get_backend_name()
        self._reader = self.engine.execution_options(netwerkkaart_read_only=True)
        create_schema(self.engine)

    def __repr__(self) -> str:
        return f"Store({self.url.render_as_string(hide_password=True)!r})"

    def dispose(self) -> None:
        """Close every pooled connection (the store can still be used afterwards)."""
        self.engine.dispose()

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

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        with self._read() as conn:
            return int(conn.execute(select(func.max(schema_version.c.version))).scalar_one())
