"""Working copies (concepts): one per user and team, saved on every change, with undo and redo.

A concept is the network someone is working on before they save it as a
version: their upload, their edits, the suggestions they accepted or
dismissed. It lives here, not in the browser session, so a reload, a new tab
or a server restart brings it back exactly.

Every change is one transaction that rewrites the concept's state and adds
one step (an edit of :mod:`netanalysis.edits`, with its description);
undo applies the inverse of the newest applied step, redo applies the next
one again. At most :data:`MAX_STEPS` steps are kept.

Concurrent tabs of one user: every write names the revision its tab last
saw (compare-and-set). An edit made on an older revision is merged by
content (:func:`netanalysis.edits.merge`: last write wins per field) and
the result says what was overwritten; undo and redo from an out-of-date tab
are refused with :class:`StaleDraft`, because the step they would undo may
not be the one that tab shows.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from .. import edits
from ..access import Actor
from ..network import StakeholderNetwork
from .schema import draft_steps, drafts, now_utc, version_decisions

__all__ = ["MAX_STEPS", "StaleDraft", "Draft", "DraftChange", "DraftStore"]

#: Undo steps kept per concept (the issue asks for at least 50).
MAX_STEPS = 100


class StaleDraft(RuntimeError):
    """The concept changed in another tab since this one read it.

    Attributes
    ----------
    revision : int or None
        The concept's current revision.
    """

    def __init__(self, revision: int | None):
        super().__init__(f"the concept is at revision {revision}")
        self.revision = revision


@dataclass(frozen=True)
class Draft:
    """A user's concept as stored.

    ``undo`` and ``redo`` hold the descriptions (see
    :func:`netanalysis.edits.describe`) of the steps that can be undone,
    newest first, and redone, next first.
    """

    network: StakeholderNetwork
    decisions: tuple[Mapping[str, str], ...]
    revision: int
    source: str
    saved: bool
    saved_version_id: int | None
    fingerprint: str
    updated_at: datetime
    undo: tuple[Mapping[str, Any], ...] = ()
    redo: tuple[Mapping[str, Any], ...] = ()

    @property
    def state(self) -> dict[str, Any]:
        return edits.state_of(self.network, self.decisions)


@dataclass(frozen=True)
class DraftChange:
    """The concept after a write, and what a merge overwrote (empty unless
    the writing tab was out of date)."""

    draft: Draft
    merged: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class DraftStore:
    """The concepts part of :class:`netanalysis.store.Store` (it supplies
    ``engine``, ``_read``, ``_acting`` and ``_team_id``)."""

    def _draft_scope(self, actor: Actor | None, team: str | None) -> tuple[Actor, str]:
        # A concept is personal: any member of the team keeps one, and only
        # their own (the subject is always the acting user's).
        actor = self._acting(actor)
        return actor, actor.team_for("view", team)

    def _draft_row(self, conn: Connection, team: str, subject: str, *, lock: bool = False):
        query = select(drafts).where(drafts.c.team_id == self._team_id(conn, team), drafts.c.subject == subject)
        if lock:
            query = query.with_for_update()
        return conn.execute(query).mappings().first()

    def _draft(self, conn: Connection, row: Mapping) -> Draft:
        state = json.loads(row["state"])
        steps = conn.execute(
            select(draft_steps.c.number, draft_steps.c.description)
            .where(draft_steps.c.draft_id == row["id"]).order_by(draft_steps.c.number)
        ).all()
        return Draft(
            network=edits.network_of(state),
            decisions=tuple(state.get("decisions", [])),
            revision=row["revision"],
            source=row["source"],
            saved=row["saved_fingerprint"] == row["fingerprint"],
            saved_version_id=row["saved_version_id"],
            fingerprint=row["fingerprint"],
            updated_at=row["updated_at"],
            undo=tuple(json.loads(d) for n, d in reversed(steps) if n <= row["step"]),
            redo=tuple(json.loads(d) for n, d in steps if n > row["step"]),
        )

    def get_draft(self, *, team: str | None = None, actor: Actor | None = None) -> Draft | None:
        """The acting user's concept in ``team``, or ``None`` if they have none.

        Raises
        ------
        AccessDenied
            ``actor`` is not a member of ``team``.
        """
        actor, team = self._draft_scope(actor, team)
        with self._read() as conn:
            row = self._draft_row(conn, team, actor.subject)
            return None if row is None else self._draft(conn, row)

    def draft_revision(self, *, team: str | None = None, actor: Actor | None = None) -> int | None:
        """The concept's revision (one small query, for a page to see whether another tab wrote)."""
        actor, team = self._draft_scope(actor, team)
        with self._read() as conn:
            return conn.execute(
                select(drafts.c.revision).where(drafts.c.team_id == self._team_id(conn, team),
                                                drafts.c.subject == actor.subject)
            ).scalar()

    def change_draft(
        self,
        edit: Mapping[str, Any],
        *,
        description: Mapping[str, Any],
        expected_revision: int | None,
        initial: Mapping[str, Any] | None = None,
        source: str | None = None,
        saved_version: tuple[int, str] | None = None,
        forget_history: bool = False,
        team: str | None = None,
        actor: Actor | None = None,
    ) -> DraftChange:
        """Apply ``edit`` to the acting user's concept and keep it as an undo step.

        Parameters
        ----------
        edit : dict
            From :func:`netanalysis.edits.diff`, made on the state of revision
            ``expected_revision`` (``None``: the user had no concept yet).
        description : dict
            From :func:`netanalysis.edits.describe`.
        initial : dict, optional
            The state to start from when the user has no concept (what their
            tab showed, e.g. the demo network).
        source : str, optional
            A new label of where the concept came from (a file, a version).
        saved_version : (int, str), optional
            The id and fingerprint (:func:`~netanalysis.edits.state_fingerprint`)
            of the version the result equals (after opening a version).
        forget_history : bool
            Drop every undo step, also this one (after forgetting a person,
            whose data the steps would still hold).

        Returns
        -------
        DraftChange
            ``merged`` is true when the tab was out of date and the edit was
            merged by content; ``notes`` lists what it overwrote.
        """
        actor, team = self._draft_scope(actor, team)
        now = now_utc()
        with self.engine.begin() as conn:
            row = self._draft_row(conn, team, actor.subject, lock=True)
            notes: list[str] = []
            merged = False
            if row is None:
                base = dict(initial) if initial is not None else edits.state_of(StakeholderNetwork.empty())
                row_id = conn.execute(
                    drafts.insert().values(
                        team_id=self._team_id(conn, team), subject=actor.subject, state=_dump(base),
                        fingerprint=edits.state_fingerprint(base), source=source or "", revision=0, step=0,
                        created_at=now, updated_at=now,
                    ).returning(drafts.c.id)
                ).scalar_one()
                row = conn.execute(select(drafts).where(drafts.c.id == row_id)).mappings().one()
                # A tab that saw no concept made its edit on ``initial``: revision 0.
                merged = expected_revision is not None
                expected_revision = 0 if expected_revision is None else expected_revision
            current = json.loads(row["state"])
            if expected_revision == row["revision"] and not merged:
                try:
                    result = edits.apply(current, edit)
                except edits.EditConflict:
                    result, notes = edits.merge(current, edit)
                    merged = True
            else:
                result, notes = edits.merge(current, edit)
                merged = True
            applied = edits.diff(current, result) if merged else edit
            network = edits.network_of(result)  # validates: never store a state that cannot load
            fingerprint = edits.state_fingerprint(result, network)
            values: dict[str, Any] = dict(state=_dump(result), fingerprint=fingerprint, updated_at=now,
                                          revision=row["revision"] + 1)
            if source is not None:
                values["source"] = source
            if saved_version is not None:
                values["saved_version_id"], values["saved_fingerprint"] = saved_version
            step = row["step"]
            conn.execute(delete(draft_steps).where(draft_steps.c.draft_id == row["id"], draft_steps.c.number > step))
            if forget_history:
                conn.execute(delete(draft_steps).where(draft_steps.c.draft_id == row["id"]))
                values["step"] = 0
            elif not edits.is_empty(applied):
                step += 1
                conn.execute(draft_steps.insert().values(
                    draft_id=row["id"], number=step, edit=_dump(applied), description=_dump(description), created_at=now,
                ))
                conn.execute(delete(draft_steps).where(draft_steps.c.draft_id == row["id"],
                                                       draft_steps.c.number <= step - MAX_STEPS))
                values["step"] = step
            conn.execute(update(drafts).where(drafts.c.id == row["id"]).values(**values))
            fresh = conn.execute(select(drafts).where(drafts.c.id == row["id"])).mappings().one()
            return DraftChange(self._draft(conn, fresh), merged=merged, notes=tuple(notes))

    def _move(self, direction: int, expected_revision: int | None, team: str | None, actor: Actor | None) -> Draft:
        actor, team = self._draft_scope(actor, team)
        with self.engine.begin() as conn:
            row = self._draft_row(conn, team, actor.subject, lock=True)
            if row is None or row["revision"] != expected_revision:
                raise StaleDraft(None if row is None else row["revision"])
            number = row["step"] if direction < 0 else row["step"] + 1
            stored = conn.execute(
                select(draft_steps.c.edit).where(draft_steps.c.draft_id == row["id"], draft_steps.c.number == number)
            ).scalar()
            if stored is None:
                return self._draft(conn, row)
            edit = json.loads(stored)
            state = edits.apply(json.loads(row["state"]), edits.invert(edit) if direction < 0 else edit)
            conn.execute(update(drafts).where(drafts.c.id == row["id"]).values(
                state=_dump(state), fingerprint=edits.state_fingerprint(state), revision=row["revision"] + 1,
                step=number - 1 if direction < 0 else number, updated_at=now_utc(),
            ))
            return self._draft(conn, conn.execute(select(drafts).where(drafts.c.id == row["id"])).mappings().one())

    def undo_draft(self, *, expected_revision: int | None, team: str | None = None, actor: Actor | None = None) -> Draft:
        """Undo the newest applied step (nothing happens when there is none).

        Raises
        ------
        StaleDraft
            The concept is no longer at ``expected_revision``.
        """
        return self._move(-1, expected_revision, team, actor)

    def redo_draft(self, *, expected_revision: int | None, team: str | None = None, actor: Actor | None = None) -> Draft:
        """Apply the next undone step again (see :meth:`undo_draft`)."""
        return self._move(+1, expected_revision, team, actor)

    def save_draft_as_version(
        self, *, name: str | None = None, note: str = "", author: str = "", team: str | None = None,
        actor: Actor | None = None,
    ) -> int:
        """Save the acting user's concept, with its decisions, as the newest version
        of network ``name`` (default the concept's name); the concept is then "saved".

        Raises
        ------
        AccessDenied
            Not analist or more in ``team``.
        LookupError
            The user has no concept.
        """
        actor, team = self._draft_scope(actor, team)
        actor.require("save", team)
        from .schema import clean_label

        with self.engine.begin() as conn:
            row = self._draft_row(conn, team, actor.subject, lock=True)
            if row is None:
                raise LookupError("no concept to save")
            state = json.loads(row["state"])
            network = edits.network_of(state)
            label = clean_label(name or network.name or "Netwerk", "name")
            version_id = self._save(conn, network, name=label, note=note, author=author or actor.name,
                                    restored_from=None, now=now_utc(), team_id=row["team_id"],
                                    decisions=state.get("decisions", []))
            conn.execute(update(drafts).where(drafts.c.id == row["id"]).values(
                saved_fingerprint=row["fingerprint"], saved_version_id=version_id, revision=row["revision"] + 1,
            ))
            self._audit(conn, actor, "save", team, "version", version_id, label)
            return version_id

    # -- decisions kept with versions ------------------------------------------------------

    @staticmethod
    def _save_decisions(conn: Connection, version_id: int, decisions: Iterable[Mapping[str, str]]) -> None:
        rows = [{"version_id": version_id, "position": i, "source": d["source"], "target": d["target"],
                 "decision": d["decision"]} for i, d in enumerate(decisions)]
        if rows:
            conn.execute(version_decisions.insert(), rows)

    @staticmethod
    def _load_decisions(conn: Connection, version_id: int) -> list[dict[str, str]]:
        rows = conn.execute(
            select(version_decisions.c.source, version_decisions.c.target, version_decisions.c.decision)
            .where(version_decisions.c.version_id == int(version_id)).order_by(version_decisions.c.position)
        ).mappings().all()
        return [dict(r) for r in rows]

    def version_decisions(self, version_id: int, *, actor: Actor | None = None) -> list[dict[str, str]]:
        """The suggestions accepted or dismissed in version ``version_id``
        (``{"source", "target", "decision"}``; lezer or more in its team)."""
        actor = self._acting(actor)
        with self._read() as conn:
            self._version_row(conn, version_id, actor)
            return self._load_decisions(conn, version_id)

    def draft_sizes(self, *, team: str | None = None, actor: Actor | None = None) -> dict[str, int]:
        """Bytes the concept takes: its state and all its steps (for measuring)."""
        actor, team = self._draft_scope(actor, team)
        with self._read() as conn:
            row = self._draft_row(conn, team, actor.subject)
            if row is None:
                return {"state": 0, "steps": 0, "count": 0}
            steps = conn.execute(
                select(func.coalesce(func.sum(func.length(draft_steps.c.edit)), 0), func.count())
                .where(draft_steps.c.draft_id == row["id"])
            ).one()
            return {"state": len(row["state"]), "steps": int(steps[0]), "count": int(steps[1])}


class ParticipantDraftStore:
    """What a workshop participant typed but did not send yet (the workshops
    part of :class:`netanalysis.store.Store` supplies ``_workshop_row``).

    Kept per participant token (as its SHA-256, like submissions) while the
    workshop is open, so a reload or a server restart loses nothing; a closed
    workshop has none (they are removed when it closes).
    """

    #: A generous bound on the stored text: the form itself limits ties and fields.
    MAX_PARTICIPANT_DRAFT = 64_000

    def keep_participant_draft(self, code: str, participant_token: str, draft: Mapping[str, Any]) -> None:
        """Store (or replace) the participant's unsent entry.

        Raises
        ------
        WorkshopNotFound, WorkshopClosed, InvalidSubmission
        """
        from ..workshop import InvalidSubmission, WorkshopClosed, participant_fingerprint
        from .schema import participant_drafts

        participant = participant_fingerprint(participant_token)
        body = _dump(dict(draft))
        if len(body) > self.MAX_PARTICIPANT_DRAFT:
            raise InvalidSubmission("too_long")
        now = now_utc()
        with self.engine.begin() as conn:
            row = self._workshop_row(conn, code)
            if row["status"] != "open":
                raise WorkshopClosed(row["code"])
            conn.execute(
                self._insert(participant_drafts).values(workshop_id=row["id"], participant=participant, draft=body,
                                                        updated_at=now)
                .on_conflict_do_update(index_elements=["workshop_id", "participant"], set_={"draft": body, "updated_at": now})
            )

    def participant_draft(self, code: str, participant_token: str) -> dict[str, Any] | None:
        """The participant's unsent entry, or ``None`` (none kept, or the workshop is closed)."""
        from ..workshop import WorkshopError, participant_fingerprint
        from .schema import participant_drafts

        try:
            participant = participant_fingerprint(participant_token)
            with self._read() as conn:
                row = self._workshop_row(conn, code)
                if row["status"] != "open":
                    return None
                body = conn.execute(
                    select(participant_drafts.c.draft).where(participant_drafts.c.workshop_id == row["id"],
                                                             participant_drafts.c.participant == participant)
                ).scalar()
        except WorkshopError:
            return None
        return None if body is None else json.loads(body)

    def forget_participant_drafts(self, conn: Connection, workshop_id: int) -> None:
        """Remove every unsent entry of a workshop (inside the caller's transaction)."""
        from .schema import participant_drafts

        conn.execute(delete(participant_drafts).where(participant_drafts.c.workshop_id == workshop_id))
