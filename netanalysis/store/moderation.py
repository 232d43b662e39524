"""What the room sees of a workshop: moderation, merged duplicates and the
names phones may offer (issue 16).

* **Moderation** (optional per workshop): when on, only submissions the
  facilitator approved reach the merged network, i.e. the beamer, the
  phones' choices and a saved version. An approval holds for the payload
  it saw (its SHA-256): a participant who edits an approved entry waits
  for approval again.
* **Duplicates**: the facilitator merges one stakeholder into another
  ("J. de Vries" into "Jan de Vries"); the merge is applied every time the
  network is merged (:func:`netanalysis.submissions.merge_workshop`) and
  can be undone.
* **Choosable names**: phones get only participants who chose to be
  visible by name plus stakeholders the facilitator made choosable
  (:func:`netanalysis.submissions.room_choices`); never the seed network.

Every change bumps the workshop's revision, so the facilitator's screen
redraws within one refresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from ..access import Actor
from ..submissions import MergedWorkshop, merge_workshop, room_choices
from ..workshop import MESSAGES, Submission, WorkshopError
from .schema import now_utc, submission_approvals, submissions, workshop_aliases, workshop_choosable, workshop_moderation

__all__ = ["ModerationStore", "UnknownStakeholder", "payload_hash"]


class UnknownStakeholder(WorkshopError, LookupError):
    """A merge or choice names a stakeholder that is not in the workshop's network."""

    def __init__(self, stakeholder_id: str):
        super().__init__("unknown_stakeholder", stakeholder_id=stakeholder_id)


def payload_hash(payload_text: str) -> str:
    """The SHA-256 of a stored payload's JSON text: what an approval is for."""
    return hashlib.sha256(payload_text.encode("utf-8")).hexdigest()


class ModerationStore:
    """The moderation part of :class:`netanalysis.store.Store` (the workshops
    part supplies ``_workshop_row``, ``_require_key``, ``_touch``,
    ``_submission`` and the versions part ``_load``)."""

    # -- reading ----------------------------------------------------------------------

    @staticmethod
    def _moderated(conn: Connection, workshop_id: int) -> bool:
        return bool(conn.execute(
            select(workshop_moderation.c.enabled).where(workshop_moderation.c.workshop_id == workshop_id)
        ).scalar())

    def moderation_enabled(self, code: str) -> bool:
        """Whether workshop ``code`` shows only approved submissions."""
        with self._read() as conn:
            return self._moderated(conn, self._workshop_row(conn, code)["id"])

    def _submissions_with_approval(self, conn: Connection, workshop: Any) -> list[tuple[Submission, bool]]:
        """Every current submission, oldest first, and whether its present payload is approved."""
        rows = conn.execute(
            select(submissions, submission_approvals.c.payload_hash.label("approved_hash"))
            .outerjoin(submission_approvals, submission_approvals.c.submission_pk == submissions.c.id)
            .where(submissions.c.workshop_id == workshop["id"], submissions.c.withdrawn_at.is_(None))
            .order_by(submissions.c.created_at, submissions.c.id)
        ).mappings().all()
        return [(self._submission(row, workshop["code"]), row["approved_hash"] == payload_hash(row["payload"]))
                for row in rows]

    @staticmethod
    def _aliases(conn: Connection, workshop_id: int) -> dict[str, str]:
        return dict(conn.execute(
            select(workshop_aliases.c.stakeholder_id, workshop_aliases.c.into_id)
            .where(workshop_aliases.c.workshop_id == workshop_id)
        ).all())

    @staticmethod
    def _chosen(conn: Connection, workshop_id: int) -> list[str]:
        return list(conn.execute(
            select(workshop_choosable.c.stakeholder_id)
            .where(workshop_choosable.c.workshop_id == workshop_id)
            .order_by(workshop_choosable.c.stakeholder_id)
        ).scalars())

    def merged_workshop(self, code: str, *, lang: str | None = None, apply_merges: bool = True) -> MergedWorkshop:
        """The seed network plus the submissions the room may see, merged,
        with the facilitator's merges applied unless ``apply_merges`` is
        False (see :func:`~netanalysis.submissions.merge_workshop`). Under
        moderation only approved submissions count."""
        with self._read() as conn:
            workshop = self._workshop_row(conn, code)
            seed = None if workshop["seed_version_id"] is None else self._load(conn, workshop["seed_version_id"])
            moderated = self._moderated(conn, workshop["id"])
            current = [s for s, approved in self._submissions_with_approval(conn, workshop) if approved or not moderated]
            aliases = self._aliases(conn, workshop["id"]) if apply_merges else {}
        return merge_workshop(seed, current, name=workshop["title"], aliases=aliases,
                              participant_label=MESSAGES.text("participant_label", lang, n="{n}"))

    def workshop_merges(self, code: str, *, lang: str | None = None) -> list[dict[str, str]]:
        """The facilitator's merges with the names they join: ``id``,
        ``name``, ``into_id``, ``into_name`` (merges whose stakeholders are
        not in the network now, e.g. after a withdrawal, are left out)."""
        aliases = self.workshop_aliases(code)
        if not aliases:
            return []
        names = self.merged_workshop(code, lang=lang, apply_merges=False).network.names()
        return [{"id": old, "name": names[old], "into_id": new, "into_name": names[new]}
                for old, new in aliases.items() if old in names and new in names]

    def room_choices(self, code: str, *, lang: str | None = None) -> list[dict[str, Any]]:
        """The stakeholders a participant's phone may offer by name: those who
        chose to be visible, plus those the facilitator made choosable. No key
        needed: this is exactly what every participant may see."""
        with self._read() as conn:
            chosen = self._chosen(conn, self._workshop_row(conn, code)["id"])
        return room_choices(self.merged_workshop(code, lang=lang), chosen)

    def workshop_aliases(self, code: str) -> dict[str, str]:
        """The facilitator's merges of workshop ``code``: stakeholder id → the id it became."""
        with self._read() as conn:
            return self._aliases(conn, self._workshop_row(conn, code)["id"])

    def choosable_ids(self, code: str) -> list[str]:
        """The stakeholders the facilitator made choosable on phones."""
        with self._read() as conn:
            return self._chosen(conn, self._workshop_row(conn, code)["id"])

    def pending_submissions(self, code: str, key: str, *, actor: Actor | None = None) -> list[Submission]:
        """Current submissions whose present content is not approved, oldest
        first (facilitator only; raises ``WrongKey`` or ``AccessDenied``)."""
        self._require_key(code, key, actor)
        with self._read() as conn:
            workshop = self._workshop_row(conn, code)
            return [s for s, approved in self._submissions_with_approval(conn, workshop) if not approved]

    def my_pending(self, code: str, participant_token: str) -> set[str]:
        """The ids of a participant's own submissions that wait for approval
        (empty when the workshop is not moderated)."""
        from ..workshop import participant_fingerprint

        participant = participant_fingerprint(participant_token)
        with self._read() as conn:
            workshop = self._workshop_row(conn, code)
            if not self._moderated(conn, workshop["id"]):
                return set()
            return {s.submission_id for s, approved in self._submissions_with_approval(conn, workshop)
                    if not approved and s.participant == participant}

    @staticmethod
    def forget_in_room(conn: Connection, ids: Iterable[str], names: Iterable[str], workshop_ids) -> int:
        """Remove merges and choosable names that point at a forgotten person
        (inside the caller's transaction): their seed ids and the ids derived
        from their names, of any type. Returns the rows removed.

        ``workshop_ids`` is a selectable of the workshops in scope (the team's).
        """
        from ..schema import STAKEHOLDER_TYPES
        from ..submissions import derived_id, name_key

        gone = set(ids) | {derived_id(name_key(name, kind)) for name in names for kind in STAKEHOLDER_TYPES}
        if not gone:
            return 0
        removed = conn.execute(delete(workshop_aliases).where(
            workshop_aliases.c.workshop_id.in_(workshop_ids),
            workshop_aliases.c.stakeholder_id.in_(gone) | workshop_aliases.c.into_id.in_(gone),
        )).rowcount
        removed += conn.execute(delete(workshop_choosable).where(
            workshop_choosable.c.workshop_id.in_(workshop_ids), workshop_choosable.c.stakeholder_id.in_(gone),
        )).rowcount
        return removed

    # -- the facilitator's changes ------------------------------------------------------

    def set_moderation(self, code: str, key: str, enabled: bool, *, actor: Actor | None = None) -> None:
        """Switch moderation on or off. Submissions already in stay approved
        only if the facilitator approved them; switching it on hides the rest
        from the beamer until they are approved."""
        self._require_key(code, key, actor)
        now = now_utc()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            conn.execute(
                self._insert(workshop_moderation).values(workshop_id=workshop["id"], enabled=bool(enabled), changed_at=now)
                .on_conflict_do_update(index_elements=["workshop_id"], set_={"enabled": bool(enabled), "changed_at": now})
            )
            self._touch(conn, workshop["id"], now)

    def approve_submissions(self, code: str, key: str, submission_ids: Iterable[str], *, actor: Actor | None = None) -> int:
        """Approve these submissions as they are now; returns how many were
        approved (unknown or withdrawn ids are skipped)."""
        self._require_key(code, key, actor)
        wanted = {str(s) for s in submission_ids}
        now = now_utc()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            rows = conn.execute(
                select(submissions.c.id, submissions.c.payload).where(
                    submissions.c.workshop_id == workshop["id"], submissions.c.withdrawn_at.is_(None),
                    submissions.c.submission_id.in_(wanted),
                )
            ).all()
            for row in rows:
                digest = payload_hash(row.payload)
                conn.execute(
                    self._insert(submission_approvals).values(submission_pk=row.id, payload_hash=digest, approved_at=now)
                    .on_conflict_do_update(index_elements=["submission_pk"], set_={"payload_hash": digest, "approved_at": now})
                )
            if rows:
                self._touch(conn, workshop["id"], now)
        return len(rows)

    def merge_stakeholders(self, code: str, key: str, stakeholder_id: str, into_id: str, *, actor: Actor | None = None) -> None:
        """Merge ``stakeholder_id`` into ``into_id``: one stakeholder with the
        name of ``into_id``, all ties moved.

        Raises
        ------
        UnknownStakeholder
            Either id is not in the workshop's current network, or they are the same.
        WrongKey, WorkshopNotFound, AccessDenied
        """
        self._require_key(code, key, actor)
        stakeholder_id, into_id = str(stakeholder_id), str(into_id)
        present = set(self.merged_workshop(code).network.ids)
        for wanted in (stakeholder_id, into_id):
            if wanted not in present or stakeholder_id == into_id:
                raise UnknownStakeholder(wanted)
        now = now_utc()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            conn.execute(
                self._insert(workshop_aliases)
                .values(workshop_id=workshop["id"], stakeholder_id=stakeholder_id, into_id=into_id, created_at=now)
                .on_conflict_do_update(index_elements=["workshop_id", "stakeholder_id"], set_={"into_id": into_id, "created_at": now})
            )
            self._touch(conn, workshop["id"], now)

    def unmerge_stakeholder(self, code: str, key: str, stakeholder_id: str, *, actor: Actor | None = None) -> None:
        """Undo a merge: ``stakeholder_id`` is a stakeholder of its own again."""
        self._require_key(code, key, actor)
        now = now_utc()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            removed = conn.execute(delete(workshop_aliases).where(
                workshop_aliases.c.workshop_id == workshop["id"], workshop_aliases.c.stakeholder_id == str(stakeholder_id)
            )).rowcount
            if removed:
                self._touch(conn, workshop["id"], now)

    def set_choosable(self, code: str, key: str, stakeholder_ids: Iterable[str], *, actor: Actor | None = None) -> None:
        """Make exactly these stakeholders choosable on phones (besides the
        participants who chose to be visible by name).

        Raises
        ------
        UnknownStakeholder
            An id is not in the workshop's current network.
        """
        self._require_key(code, key, actor)
        wanted = list(dict.fromkeys(str(i) for i in stakeholder_ids))
        present = set(self.merged_workshop(code).network.ids)
        for stakeholder_id in wanted:
            if stakeholder_id not in present:
                raise UnknownStakeholder(stakeholder_id)
        now = now_utc()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            conn.execute(delete(workshop_choosable).where(workshop_choosable.c.workshop_id == workshop["id"]))
            if wanted:
                conn.execute(workshop_choosable.insert(), [
                    {"workshop_id": workshop["id"], "stakeholder_id": i, "added_at": now} for i in wanted
                ])
            self._touch(conn, workshop["id"], now)
