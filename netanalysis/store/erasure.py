"""Forgetting a person in the database (the right to erasure, AVG article 17).

The rules of what counts as the person and how their name is scrubbed from
free text are pure functions in :mod:`netanalysis.privacy`; this module
applies them to the stored versions and workshop submissions, in one
transaction, and makes sure the deleted bytes leave the SQLite file.
"""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import String, Text, delete, select, update
from sqlalchemy.engine import Connection

from ..access import Actor
from ..privacy import REDACTED, fold_name, replace_names, scrub_json
from ..edits import state_fingerprint
from .schema import (
    audit_log,
    draft_steps,
    drafts,
    exact_jobs,
    exact_values,
    metadata,
    participant_drafts,
    version_decisions,
    networks,
    submission_names,
    submissions,
    version_relations,
    version_stakeholders,
    versions,
    workshops,
)
from .workshops import write_submission_names

__all__ = ["ErasureStore"]


class ErasureStore:
    """The erasure part of :class:`netanalysis.store.Store` (it supplies
    ``engine``, ``dialect`` and ``_load``)."""

    def forget_person(
        self, name_or_id: str, *, dry_run: bool = False, team: str | None = None, actor: Actor | None = None,
    ) -> dict[str, Any]:
        """Remove a person from every stored version and workshop submission of a team.

        Parameters
        ----------
        name_or_id : str
            A stakeholder id, or a name (matched ignoring case and spacing, as
            :func:`netanalysis.privacy.fold_name` does). Every stakeholder with
            that id or name in any version is removed, together with the names
            those stakeholders carry in other versions.
        dry_run : bool
            Only report what would be removed; change nothing.
        team : str, optional
            The team whose data is searched; default the only team where
            ``actor`` is beheerder. Other teams' data is not touched.
        actor : Actor, optional
            A beheerder of ``team``; default the local user.

        Returns
        -------
        dict
            ``ids`` and ``names`` found; ``versions``: one entry per changed
            version (``version_id``, ``network``, ``number``, ``stakeholders``,
            ``relations`` removed); ``submissions``: one entry per changed
            submission (``workshop``, ``submission_id``, ``action`` "deleted"
            when the person made it, "edited" when they were named in it,
            ``ties`` removed); ``text_fields``: free-text cells elsewhere in
            the team's data where the name was replaced by
            :data:`~netanalysis.privacy.REDACTED`; ``audit_entries``: entries
            of the audit log where the same happened.

        Raises
        ------
        AccessDenied

        Notes
        -----
        Everything happens in one transaction. A version's stakeholder and
        relation counts and fingerprint are updated to its new content. A
        submission the person made is deleted outright (a withdrawn one would
        keep its payload). On SQLite the deleted bytes are overwritten
        (``secure_delete``) and the write-ahead log is checkpointed and
        truncated, so the name is gone from the files on disk as well; on
        PostgreSQL dead rows stay on disk until the next ``VACUUM``.

        The audit log records the erasure (when anyone was found) with the
        counts, never the name.
        """
        actor = self._acting(actor)
        team = actor.team_for("erase", team)
        query = str(name_or_id).strip()
        report: dict[str, Any] = {
            "query": query, "ids": [], "names": [], "versions": [], "submissions": [], "drafts": 0, "text_fields": 0, "audit_entries": 0,
        }
        if not query:
            return report
        sqlite = self.dialect == "sqlite"
        with self.engine.connect() as conn:
            transaction = conn.begin()
            try:
                if sqlite:
                    # Overwrite deleted content with zeros instead of leaving it in free pages.
                    conn.exec_driver_sql("PRAGMA secure_delete=ON")
                scope = _TeamScope(self._team_id(conn, team), team)
                self._forget(conn, query, report, scope)
                if report["names"] and not dry_run:
                    detail = (f"versions={len(report['versions'])} submissions={len(report['submissions'])} "
                              f"text_fields={report['text_fields']}")
                    self._audit(conn, actor, "erase", team, "person", None, detail)
            except BaseException:
                transaction.rollback()
                raise
            # A dry run does all the work and throws it away, so its report is exact.
            if dry_run:
                transaction.rollback()
            else:
                transaction.commit()
        report["files_clean"] = None
        if not dry_run and report["names"]:
            report["files_clean"] = self.purge_deleted_data()
        return report

    def purge_deleted_data(self, *, patience: float = 10.0) -> bool:
        """Remove deleted rows from the database files, after :meth:`forget_person`.

        * SQLite: the deleted bytes are already zeroed (``secure_delete``),
          but the old pages stay in the main file until a checkpoint copies
          the new ones back; a connection in the middle of a long read
          blocks that. Retries for ``patience`` seconds.
        * PostgreSQL: ``VACUUM (FULL, ANALYZE)`` of the tables holding
          network and workshop data and the audit log, which rewrites them
          without the dead rows and refreshes the statistics
          (``pg_stats.most_common_vals`` can otherwise keep a name). It
          locks each table for the moment of its rewrite.

        Returns
        -------
        bool
            True when the files no longer hold the deleted data (SQLite: the
            checkpoint completed); False when a reader kept it, so the caller
            can say so and try again later. What stays in PostgreSQL's
            write-ahead log and in backups is not reached (see the README).
        """
        if self.dialect == "sqlite":
            return self._checkpoint(patience)
        with self.engine.connect() as conn:
            # VACUUM cannot run inside a transaction block.
            raw = conn.connection.driver_connection
            previous = raw.autocommit
            raw.autocommit = True
            try:
                raw.execute("SET statement_timeout = 0")  # a rewrite may take longer than a query
                for table in _ERASED_TABLES:
                    raw.execute(f"VACUUM (FULL, ANALYZE) {table.name}")
            finally:
                raw.execute("RESET statement_timeout")
                raw.autocommit = previous
        return True

    def _checkpoint(self, patience: float) -> bool:
        with self.engine.connect() as conn:
            # A checkpoint cannot run inside a transaction, and SQLAlchemy
            # would begin one (the store's begin hook issues BEGIN IMMEDIATE),
            # so use the driver's connection, which is in autocommit mode.
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA busy_timeout=1000")
            try:
                deadline = time.monotonic() + patience
                while True:
                    busy, _log, _copied = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                    if busy == 0:
                        return True
                    if time.monotonic() > deadline:
                        return False
                    time.sleep(0.2)
            finally:
                raw.execute("PRAGMA busy_timeout=30000")

    def _forget(self, conn: Connection, query: str, report: dict[str, Any], scope: _TeamScope) -> None:
        folded = fold_name(query)
        in_team = scope.rows[version_stakeholders.name]
        found = conn.execute(
            select(version_stakeholders.c.stakeholder_id, version_stakeholders.c.name).where(
                in_team, (version_stakeholders.c.stakeholder_id == query) | (version_stakeholders.c.name_folded == folded)
            )
        ).all()
        ids = {row.stakeholder_id for row in found}
        names = {row.name for row in found}
        if ids:
            # The same ids may carry other spellings of the name in other versions.
            names |= set(conn.execute(
                select(version_stakeholders.c.name).where(in_team, version_stakeholders.c.stakeholder_id.in_(ids))
            ).scalars())
        names |= set(conn.execute(
            select(submission_names.c.name).where(scope.rows[submission_names.name], submission_names.c.name_folded == folded)
        ).scalars())
        # A person may be only in someone's concept (never saved as a version).
        for (state_text,) in conn.execute(select(drafts.c.state).where(scope.rows[drafts.name])):
            for person in json.loads(state_text).get("stakeholders", []):
                if str(person.get("id")) == query or fold_name(str(person.get("name") or "")) == folded:
                    ids.add(str(person.get("id")))
                    names.add(str(person.get("name") or person.get("id")))
        report["ids"], report["names"] = sorted(ids), sorted(names)
        if not names:
            return
        folded_names = {fold_name(n) for n in names}

        hit_versions = conn.execute(
            select(versions.c.id, versions.c.number, networks.c.name.label("network"))
            .join(networks, networks.c.id == versions.c.network_id)
            .where(scope.rows[versions.name], versions.c.id.in_(
                select(version_stakeholders.c.version_id).where(version_stakeholders.c.stakeholder_id.in_(ids))
            ))
            .order_by(versions.c.id)
        ).all() if ids else []
        for version in hit_versions:
            removed_ties = conn.execute(
                delete(version_relations).where(
                    version_relations.c.version_id == version.id,
                    version_relations.c.source.in_(ids) | version_relations.c.target.in_(ids),
                )
            ).rowcount
            removed_people = conn.execute(
                delete(version_stakeholders).where(
                    version_stakeholders.c.version_id == version.id, version_stakeholders.c.stakeholder_id.in_(ids)
                )
            ).rowcount
            report["versions"].append(
                {"version_id": version.id, "network": version.network, "number": version.number,
                 "stakeholders": removed_people, "relations": removed_ties}
            )

        replacements = {n: REDACTED for n in names}
        rows = conn.execute(
            select(submissions.c.id, submissions.c.submission_id, submissions.c.payload, workshops.c.code)
            .join(workshops, workshops.c.id == submissions.c.workshop_id)
            .where(scope.rows[submissions.name])
            .order_by(submissions.c.id)
        ).all()
        for row in rows:
            payload = json.loads(row.payload)
            ties = payload.get("ties", [])
            if fold_name(payload["me"]["name"]) in folded_names:
                # Deleted, not withdrawn: a withdrawn row keeps its payload.
                conn.execute(delete(submissions).where(submissions.c.id == row.id))
                report["submissions"].append(
                    {"workshop": row.code, "submission_id": row.submission_id, "action": "deleted", "ties": len(ties)}
                )
                continue
            kept = [
                tie for tie in ties
                if tie.get("stakeholder_id") not in ids and not ("name" in tie and fold_name(tie["name"]) in folded_names)
            ]
            cleaned = scrub_json({**payload, "ties": kept}, replacements)
            if cleaned == payload:
                continue
            conn.execute(
                update(submissions).where(submissions.c.id == row.id)
                .values(payload=json.dumps(cleaned, ensure_ascii=False), tie_count=len(kept))
            )
            write_submission_names(conn, row.id, cleaned)
            report["submissions"].append(
                {"workshop": row.code, "submission_id": row.submission_id, "action": "edited", "ties": len(ties) - len(kept)}
            )

        report["drafts"] = self._forget_in_concepts(conn, ids, folded_names, replacements, scope)
        self.forget_in_room(conn, ids, names, select(workshops.c.id).where(scope.rows[workshops.name]))

        report["text_fields"] = _scrub_free_text(conn, replacements, scope, skip_tables={audit_log.name})
        report["audit_entries"] = _scrub_free_text(conn, replacements, scope, only_tables={audit_log.name})
        for version in hit_versions:
            self._refresh_version(conn, version.id)

    def _forget_in_concepts(
        self, conn: Connection, ids: set[str], folded_names: set[str], replacements: dict[str, str], scope: _TeamScope,
    ) -> int:
        """Remove the person from every concept of the team, its undo history,
        the decisions kept with versions and participants' unsent ties.

        A concept's undo steps could bring the person back, so a concept that
        held them loses its history (the concept itself is kept, without them).
        Returns the number of concepts changed.
        """
        changed = 0
        for row in conn.execute(select(drafts.c.id, drafts.c.state).where(scope.rows[drafts.name])).all():
            state = json.loads(row.state)
            kept = {
                "stakeholders": [p for p in state.get("stakeholders", []) if str(p.get("id")) not in ids],
                "relations": [r for r in state.get("relations", [])
                              if str(r.get("source")) not in ids and str(r.get("target")) not in ids],
                "decisions": [d for d in state.get("decisions", [])
                              if str(d.get("source")) not in ids and str(d.get("target")) not in ids],
            }
            cleaned = scrub_json({**state, **kept}, replacements)
            if cleaned == state:
                continue
            conn.execute(delete(draft_steps).where(draft_steps.c.draft_id == row.id))
            conn.execute(
                update(drafts).where(drafts.c.id == row.id).values(
                    state=json.dumps(cleaned, ensure_ascii=False), fingerprint=state_fingerprint(cleaned),
                    revision=drafts.c.revision + 1,
                )
            )
            changed += 1
        if ids:
            conn.execute(delete(version_decisions).where(
                scope.rows[version_decisions.name],
                version_decisions.c.source.in_(ids) | version_decisions.c.target.in_(ids),
            ))
        for row in conn.execute(
            select(participant_drafts.c.workshop_id, participant_drafts.c.participant, participant_drafts.c.draft)
            .where(scope.rows[participant_drafts.name])
        ).all():
            draft = json.loads(row.draft)
            ties = draft.get("ties", []) if isinstance(draft, dict) else []
            kept_ties = [
                tie for tie in ties
                if str(tie.get("stakeholder_id")) not in ids and not ("name" in tie and fold_name(str(tie["name"])) in folded_names)
            ]
            cleaned = scrub_json({**draft, "ties": kept_ties} if isinstance(draft, dict) else draft, replacements)
            if cleaned != draft:
                conn.execute(
                    update(participant_drafts).where(
                        participant_drafts.c.workshop_id == row.workshop_id, participant_drafts.c.participant == row.participant,
                    ).values(draft=json.dumps(cleaned, ensure_ascii=False))
                )
        return changed

    def _refresh_version(self, conn: Connection, version_id: int) -> None:
        """Make a version's counts and fingerprint describe its remaining content."""
        net = self._load(conn, version_id)
        conn.execute(
            update(versions).where(versions.c.id == version_id).values(
                stakeholder_count=len(net.stakeholders), relation_count=len(net.relations), fingerprint=net.fingerprint()
            )
        )
        # Exact values described the network with the person in it: computed
        # again for what remains (a running worker loses its claim).
        conn.execute(delete(exact_values).where(exact_values.c.version_id == version_id))
        conn.execute(
            update(exact_jobs).where(exact_jobs.c.version_id == version_id)
            .values(status="queued", worker=None, done_steps=0, finished_at=None, seconds=None, error=None)
        )


def _text_columns(table) -> list:
    return [c for c in table.columns if isinstance(c.type, (String, Text)) and not c.primary_key]


# Where a forgotten person's data can be: rewritten by PostgreSQL's VACUUM FULL.
_ERASED_TABLES = (networks, versions, version_stakeholders, version_relations, version_decisions, workshops, submissions,
                  submission_names, drafts, draft_steps, participant_drafts, audit_log)


class _TeamScope:
    """For each table holding a team's data, the condition that selects that team's rows."""

    def __init__(self, team_id: int, slug: str):
        team_networks = select(networks.c.id).where(networks.c.team_id == team_id)
        team_versions = select(versions.c.id).where(versions.c.network_id.in_(team_networks))
        team_workshops = select(workshops.c.id).where(workshops.c.team_id == team_id)
        team_submissions = select(submissions.c.id).where(submissions.c.workshop_id.in_(team_workshops))
        self.rows = {
            networks.name: networks.c.team_id == team_id,
            versions.name: versions.c.network_id.in_(team_networks),
            version_stakeholders.name: version_stakeholders.c.version_id.in_(team_versions),
            version_relations.name: version_relations.c.version_id.in_(team_versions),
            workshops.name: workshops.c.team_id == team_id,
            submissions.name: submissions.c.workshop_id.in_(team_workshops),
            submission_names.name: submission_names.c.submission_pk.in_(team_submissions),
            audit_log.name: audit_log.c.team == slug,
            # Concepts and what hangs off them: rewritten structurally, not as free text.
            drafts.name: drafts.c.team_id == team_id,
            version_decisions.name: version_decisions.c.version_id.in_(team_versions),
            participant_drafts.name: participant_drafts.c.workshop_id.in_(team_workshops),
        }


def _scrub_free_text(
    conn: Connection, replacements: dict[str, str], scope: _TeamScope, *,
    skip_tables: set[str] = frozenset(), only_tables: set[str] | None = None,
) -> int:
    """Replace the names in every text column of the team's rows; return the cells changed.

    Tables without team data (teams, users, memberships) are left alone.

    Read in Python rather than with SQL ``LIKE``: SQLite's LIKE folds only
    ASCII letters, so "Zoë" and "ZOË" would not match there.
    """
    if not replacements:
        return 0
    changed = 0
    # Rewritten structurally above (a name inside JSON must stay valid JSON).
    skip = {(submissions.name, "payload"), (drafts.name, "state"), (participant_drafts.name, "draft")}
    for table in metadata.sorted_tables:
        if table.name not in scope.rows or table.name in skip_tables or (only_tables and table.name not in only_tables):
            continue
        columns = [c for c in _text_columns(table) if (table.name, c.name) not in skip]
        keys = list(table.primary_key.columns)
        if not columns or not keys:
            continue
        for row in conn.execute(select(*keys, *columns).where(scope.rows[table.name])).mappings():
            values = {}
            for column in columns:
                old = row[column.name]
                new = replace_names(old, replacements, whole_words=False)
                if column.name == "name_folded" and isinstance(old, str):
                    new = replace_names(old, {fold_name(k): v for k, v in replacements.items()}, whole_words=False)
                if new != old:
                    values[column.name] = new
            if values:
                changed += len(values)
                conn.execute(update(table).where(*(k == row[k.name] for k in keys)).values(**values))
    return changed
