"""Exact betweenness and closeness of large saved versions, kept with the version.

Above :data:`netanalysis.sampling.EXACT_BETWEENNESS_LIMIT` stakeholders the
dashboard estimates betweenness; saving such a network as a version queues
a job that computes the exact values once, in the background
(:mod:`netanalysis.exact_jobs` runs it). The job's row is the claim: a
worker takes a queued job with one conditional ``UPDATE``, so two app
servers (or two workers of one) never compute the same version, and a claim
whose heartbeat stopped (a server died) is taken over. Results are never
recomputed for the same version, and a version with the same content
(the same fingerprint, e.g. a restored copy) reuses them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from ..access import Actor
from ..network import StakeholderNetwork
from ..sampling import EXACT_BETWEENNESS_LIMIT
from .schema import exact_jobs, exact_values, networks, now_utc, teams, version_stakeholders, versions

__all__ = ["EXACT_JOB_STALE_AFTER", "ExactJob", "ExactCentrality", "ExactStore"]

#: A running job whose worker has not reported for this long is taken over
#: by the next worker (its server stopped). Workers report after every
#: block of searches, every few seconds.
EXACT_JOB_STALE_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class ExactJob:
    """The state of one version's exact computation."""

    version_id: int
    status: str  # "queued", "running", "done" or "failed"
    done_steps: int
    total_steps: int
    requested_at: datetime
    finished_at: datetime | None
    seconds: float | None
    error: str | None

    @property
    def share_done(self) -> float:
        """Progress in [0, 1]."""
        return self.done_steps / self.total_steps if self.total_steps else 0.0


@dataclass(frozen=True)
class ExactCentrality:
    """Exact betweenness and closeness of a saved version, by stakeholder id."""

    version_id: int
    network: str
    number: int
    finished_at: datetime
    betweenness: dict
    closeness: dict


def _job(row) -> ExactJob:
    return ExactJob(
        version_id=row["version_id"], status=row["status"], done_steps=row["done_steps"],
        total_steps=row["total_steps"], requested_at=row["requested_at"], finished_at=row["finished_at"],
        seconds=row["seconds"], error=row["error"],
    )


class ExactStore:
    """The exact-values part of :class:`netanalysis.store.Store` (it supplies
    ``engine``, ``_read``, ``_insert``, ``_acting`` and ``_version_row``)."""

    @staticmethod
    def _queue_exact(conn: Connection, version_id: int, stakeholders: int, now: datetime) -> None:
        """Queue the exact job of a version just saved, if it is large enough to need one."""
        if stakeholders > EXACT_BETWEENNESS_LIMIT:
            conn.execute(exact_jobs.insert().values(
                version_id=version_id, status="queued", requested_at=now, done_steps=0, total_steps=0,
            ))

    def request_exact(self, version_id: int, *, actor: Actor | None = None) -> ExactJob:
        """Queue the exact computation of ``version_id`` (any size) unless it
        is queued, running or done already; returns the job (analist or more).

        Raises
        ------
        VersionNotFound, AccessDenied
        """
        actor = self._acting(actor)
        with self.engine.begin() as conn:
            self._version_row(conn, version_id, actor, "save")
            conn.execute(
                self._insert(exact_jobs)
                .values(version_id=int(version_id), status="queued", requested_at=now_utc(), done_steps=0, total_steps=0)
                .on_conflict_do_nothing(index_elements=["version_id"])
            )
            # A failed job is tried again on request.
            conn.execute(
                update(exact_jobs).where(exact_jobs.c.version_id == int(version_id), exact_jobs.c.status == "failed")
                .values(status="queued", error=None, worker=None)
            )
            return _job(conn.execute(select(exact_jobs).where(exact_jobs.c.version_id == int(version_id))).mappings().one())

    def exact_job(self, version_id: int, *, actor: Actor | None = None) -> ExactJob | None:
        """The exact job of ``version_id``, or ``None`` (lezer or more).

        Raises
        ------
        VersionNotFound, AccessDenied
        """
        actor = self._acting(actor)
        with self._read() as conn:
            self._version_row(conn, version_id, actor)
            row = conn.execute(select(exact_jobs).where(exact_jobs.c.version_id == int(version_id))).mappings().first()
            return None if row is None else _job(row)

    @staticmethod
    def _versions_with(fingerprint: str, actor: Actor):
        """Versions with content ``fingerprint`` in the teams ``actor`` may view, newest first."""
        return (
            select(versions.c.id, versions.c.number, networks.c.name.label("network"))
            .join(networks, networks.c.id == versions.c.network_id)
            .join(teams, teams.c.id == networks.c.team_id)
            .where(versions.c.fingerprint == fingerprint, teams.c.slug.in_(actor.teams("view")))
            .order_by(versions.c.id.desc())
        )

    def exact_job_for(self, fingerprint: str, *, actor: Actor | None = None) -> ExactJob | None:
        """The most advanced exact job of a saved version with this content
        (done before running before queued), or ``None`` if there is none."""
        actor = self._acting(actor)
        with self._read() as conn:
            found = self._versions_with(fingerprint, actor).subquery()
            rows = conn.execute(select(exact_jobs).join(found, found.c.id == exact_jobs.c.version_id)).mappings().all()
        order = {"done": 0, "running": 1, "queued": 2, "failed": 3}
        rows = sorted(rows, key=lambda r: (order.get(r["status"], 4), -r["version_id"]))
        return _job(rows[0]) if rows else None

    def exact_centrality(self, fingerprint: str, *, actor: Actor | None = None) -> ExactCentrality | None:
        """Exact betweenness and closeness of a saved version whose content
        is ``fingerprint`` (a network equal to it has the same values), in a
        team ``actor`` may view; ``None`` until a job has finished."""
        actor = self._acting(actor)
        with self._read() as conn:
            found = self._versions_with(fingerprint, actor).subquery()
            version_id = conn.execute(
                select(found.c.id).join(exact_jobs, exact_jobs.c.version_id == found.c.id)
                .where(exact_jobs.c.status == "done").order_by(found.c.id.desc())
            ).scalar()
            return None if version_id is None else self._exact_values(conn, version_id)

    def exact_values(self, version_id: int, *, actor: Actor | None = None) -> ExactCentrality | None:
        """Exact betweenness and closeness of version ``version_id``, or ``None``
        until its job has finished (lezer or more).

        Raises
        ------
        VersionNotFound, AccessDenied
        """
        actor = self._acting(actor)
        with self._read() as conn:
            self._version_row(conn, version_id, actor)
            return self._exact_values(conn, int(version_id))

    @staticmethod
    def _exact_values(conn: Connection, version_id: int) -> ExactCentrality | None:
        row = conn.execute(
            select(versions.c.number, networks.c.name.label("network"), exact_jobs.c.finished_at)
            .join(networks, networks.c.id == versions.c.network_id)
            .join(exact_jobs, exact_jobs.c.version_id == versions.c.id)
            .where(versions.c.id == version_id, exact_jobs.c.status == "done")
        ).mappings().first()
        if row is None:
            return None
        values = conn.execute(
            select(version_stakeholders.c.stakeholder_id, exact_values.c.betweenness, exact_values.c.closeness)
            .join(exact_values, (exact_values.c.version_id == version_stakeholders.c.version_id)
                  & (exact_values.c.position == version_stakeholders.c.position))
            .where(version_stakeholders.c.version_id == version_id)
        ).all()
        return ExactCentrality(
            version_id=version_id, network=row["network"], number=row["number"], finished_at=row["finished_at"],
            betweenness={v[0]: v[1] for v in values}, closeness={v[0]: v[2] for v in values},
        )

    # -- the worker's side (no actor: the job runs for whoever saved the version) --

    def has_queued_exact_job(self, *, stale_after: timedelta = EXACT_JOB_STALE_AFTER) -> bool:
        """Whether a job waits for a worker (a cheap poll for the app servers)."""
        with self._read() as conn:
            return conn.execute(self._claimable(stale_after).limit(1)).first() is not None

    @staticmethod
    def _claimable(stale_after: timedelta):
        abandoned = (exact_jobs.c.status == "running") & (exact_jobs.c.heartbeat_at < now_utc() - stale_after)
        return select(exact_jobs.c.version_id).where((exact_jobs.c.status == "queued") | abandoned)

    def claim_exact_job(self, worker: str, *, stale_after: timedelta = EXACT_JOB_STALE_AFTER) -> int | None:
        """Take the oldest queued (or abandoned) job for ``worker``; its version id, or ``None``.

        The ``UPDATE`` re-checks the status, so of two workers racing for
        one job exactly one changes the row (PostgreSQL re-evaluates the
        condition after the other's commit; SQLite serialises writers).
        """
        for _ in range(5):
            with self._read() as conn:
                candidate = conn.execute(
                    self._claimable(stale_after).order_by(exact_jobs.c.requested_at, exact_jobs.c.version_id).limit(1)
                ).scalar()
            if candidate is None:
                return None
            now = now_utc()
            with self.engine.begin() as conn:
                total = conn.execute(select(versions.c.stakeholder_count).where(versions.c.id == candidate)).scalar()
                claimed = conn.execute(
                    update(exact_jobs)
                    .where(exact_jobs.c.version_id == candidate,
                           (exact_jobs.c.status == "queued")
                           | ((exact_jobs.c.status == "running") & (exact_jobs.c.heartbeat_at < now - stale_after)))
                    .values(status="running", worker=worker[:200], claimed_at=now, heartbeat_at=now,
                            done_steps=0, total_steps=2 * int(total or 0))
                ).rowcount
            if claimed == 1:
                return int(candidate)
        return None

    def exact_job_network(self, version_id: int) -> StakeholderNetwork:
        """The saved network a claimed job computes on (for the worker only)."""
        with self._read() as conn:
            return self._load(conn, version_id)

    def report_exact_progress(self, version_id: int, worker: str, done: int, total: int) -> bool:
        """Record progress and refresh the claim; ``False`` if ``worker`` no
        longer holds the job (taken over, or the version was deleted): stop."""
        with self.engine.begin() as conn:
            return conn.execute(
                update(exact_jobs)
                .where(exact_jobs.c.version_id == int(version_id), exact_jobs.c.worker == worker[:200],
                       exact_jobs.c.status == "running")
                .values(done_steps=int(done), total_steps=int(total), heartbeat_at=now_utc())
            ).rowcount == 1

    def reuse_exact_values(self, version_id: int, worker: str) -> bool:
        """Finish the job of ``version_id`` with the values of a done version
        of the same content, if there is one (never computed twice)."""
        with self.engine.begin() as conn:
            fingerprint = conn.execute(select(versions.c.fingerprint).where(versions.c.id == int(version_id))).scalar()
            twin = conn.execute(
                select(exact_jobs.c.version_id).join(versions, versions.c.id == exact_jobs.c.version_id)
                .where(versions.c.fingerprint == fingerprint, exact_jobs.c.status == "done",
                       exact_jobs.c.version_id != int(version_id))
                .limit(1)
            ).scalar()
            if twin is None:
                return False
            rows = conn.execute(
                select(exact_values.c.position, exact_values.c.betweenness, exact_values.c.closeness)
                .where(exact_values.c.version_id == twin)
            ).mappings().all()
            copied = [{**r, "version_id": int(version_id)} for r in rows]
            return self._finish(conn, version_id, worker, lambda _: copied, 0.0)

    def finish_exact_job(self, version_id: int, worker: str, betweenness: Mapping[str, float],
                         closeness: Mapping[str, float], seconds: float) -> bool:
        """Store the exact values (``{stakeholder id: value}``) and mark the job
        done, in one transaction; ``False`` if ``worker`` lost the claim."""
        def rows(conn: Connection) -> list[dict]:
            people = conn.execute(
                select(version_stakeholders.c.position, version_stakeholders.c.stakeholder_id)
                .where(version_stakeholders.c.version_id == int(version_id))
            ).all()
            return [
                {"version_id": int(version_id), "position": position,
                 "betweenness": float(betweenness[stakeholder]), "closeness": float(closeness[stakeholder])}
                for position, stakeholder in people
            ]

        with self.engine.begin() as conn:
            return self._finish(conn, version_id, worker, rows, seconds)

    @staticmethod
    def _finish(conn: Connection, version_id: int, worker: str, rows, seconds: float) -> bool:
        """Mark the job done if ``worker`` holds it, then store ``rows(conn)``."""
        held = conn.execute(
            update(exact_jobs)
            .where(exact_jobs.c.version_id == int(version_id), exact_jobs.c.worker == worker[:200],
                   exact_jobs.c.status == "running")
            .values(status="done", finished_at=now_utc(), seconds=float(seconds), heartbeat_at=now_utc(),
                    done_steps=exact_jobs.c.total_steps)
        ).rowcount == 1
        if held:
            conn.execute(exact_values.delete().where(exact_values.c.version_id == int(version_id)))
            values = rows(conn)
            if values:
                conn.execute(exact_values.insert(), values)
        return held

    def fail_exact_job(self, version_id: int, worker: str, error: str) -> None:
        """Mark the job failed (shown on the pages; :meth:`request_exact` retries it)."""
        with self.engine.begin() as conn:
            conn.execute(
                update(exact_jobs)
                .where(exact_jobs.c.version_id == int(version_id), exact_jobs.c.worker == worker[:200])
                .values(status="failed", finished_at=now_utc(), error=str(error)[:2000])
            )
