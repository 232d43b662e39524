"""The store's tables: every SQL table of Netwerkkaart, declared once.

The engine, connection settings and migrations are in
:mod:`netanalysis.store.engine`. Every SQL table of Netwerkkaart is declared here, and only the modules of
this package issue statements against them.
"""

from __future__ import annotations

from datetime import datetime, timezone

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
    select,
)
from sqlalchemy.engine import Connection



__all__ = [
    "SCHEMA_VERSION",
    "MAX_NAME",
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
    "now_utc",
    "clean_label",
    "team_id",
]

#: Bump when the tables change, and add a migration step in
#: :func:`netanalysis.store.engine.create_schema`.
SCHEMA_VERSION = 6
MAX_NAME = 200



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


def team_id(conn: Connection, slug: str, *, create: bool = False, name: str | None = None) -> int | None:
    """The id of team ``slug``; with ``create``, the team is made if missing
    (call it inside a writing transaction)."""
    found = conn.execute(select(teams.c.id).where(teams.c.slug == slug)).scalar()
    if found is None and create:
        found = conn.execute(
            teams.insert().values(slug=slug, name=name or slug.capitalize(), created_at=now_utc()).returning(teams.c.id)
        ).scalar_one()
    return found


