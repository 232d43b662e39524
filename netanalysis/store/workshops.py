"""Workshops and their submissions, and the live view of a workshop.

Writes to one workshop are serialised by a row lock on the workshop
(PostgreSQL; SQLite's ``BEGIN IMMEDIATE`` serialises every write), which
makes the closed check, the rate limit and idempotency exact across app
servers. Withdrawing a submission marks it withdrawn: a late retry of the
original request cannot bring it back.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from ..access import LOCAL_USER, PERMISSIONS, AccessDenied, Actor
from ..network import StakeholderNetwork
from ..privacy import fold_name
from ..submissions import validate_payload, validate_submission_id
from ..submissions import submission_names as names_in_payload
from ..workshop import (
    MESSAGES,
    InvalidSubmission,
    NotYourSubmission,
    RateLimited,
    Submission,
    SubmissionNotFound,
    Workshop,
    WorkshopClosed,
    WorkshopNotFound,
    hash_key,
    new_code,
    new_facilitator_key,
    normalise_code,
    participant_fingerprint,
    NO_KEY,
)
from .schema import clean_label, now_utc, submission_names, submissions, teams, workshops

__all__ = ["WorkshopStore", "write_submission_names"]


def write_submission_names(conn: Connection, submission_pk: int, payload: Mapping) -> None:
    """Replace the searchable names of one submission by those in ``payload``."""
    conn.execute(delete(submission_names).where(submission_names.c.submission_pk == submission_pk))
    conn.execute(
        submission_names.insert(),
        [
            {"submission_pk": submission_pk, "position": i, "role": role, "name": name, "name_folded": fold_name(name)}
            for i, (role, name) in enumerate(names_in_payload(payload))
        ],
    )


class WorkshopStore:
    """The workshops half of :class:`netanalysis.store.Store` (it supplies
    ``engine``, ``_read``, ``_insert``, ``rate_limit``, ``rate_window``,
    ``limits`` and the versions methods)."""

    @staticmethod
    def _workshop(row: Mapping) -> Workshop:
        return Workshop(
            code=row["code"],
            title=row["title"],
            status=row["status"],
            created_at=row["created_at"],
            closed_at=row["closed_at"],
            seed_version_id=row["seed_version_id"],
            owner=row.get("owner"),
        )

    def create_workshop(
        self, title: str, *, seed_version_id: int | None = None, team: str | None = None, actor: Actor | None = None,
        with_key: bool = True,
    ) -> tuple[Workshop, str | None]:
        """Open a new workshop of ``team``.

        Parameters
        ----------
        title : str
        seed_version_id : int, optional
            A saved version the workshop starts from; it must belong to the
            same team.
        team : str, optional
            Default: the seed version's team, else the only team where
            ``actor`` may run workshops.
        actor : Actor, optional
            Facilitator or beheerder of the team; default the local user.
            A signed-in actor becomes the workshop's owner: then the team's
            facilitators manage it without a key.
        with_key : bool
            Make a facilitator key (local mode). Without one (organisation
            mode) only the team's signed-in facilitators can manage it.

        Returns
        -------
        (Workshop, str or None)
            The workshop and its facilitator key. The key is shown once:
            only a salted hash is stored, so it cannot be recovered.

        Raises
        ------
        VersionNotFound
            If ``seed_version_id`` does not exist.
        AccessDenied
            ``actor`` may not run workshops in the team, or the seed version
            belongs to another team.
        RateLimited
            ``actor`` opened too many workshops recently (scope ``create_user``).
        ValueError
            ``with_key=False`` for the local user, who could then never manage it.
        """
        actor = self._acting(actor)
        title = clean_label(title, "title")
        if seed_version_id is not None:
            seed_team = self.version_info(seed_version_id, actor=actor).team
            team = seed_team if team is None else team
            if team != seed_team:
                raise AccessDenied("denied", action="workshop", team=seed_team, role=PERMISSIONS["workshop"])
        team = actor.team_for("workshop", team)
        owner = None if actor.subject == LOCAL_USER.subject else actor.subject
        if not with_key and owner is None:
            raise ValueError("a workshop without a key needs a signed-in owner")
        self.spend("create_user", actor.subject)
        key = new_facilitator_key() if with_key else None
        key_hash = hash_key(key) if key else NO_KEY
        for _attempt in range(10):
            now = now_utc()
            values = dict(
                code=new_code(), title=title, key_hash=key_hash, seed_version_id=seed_version_id,
                status="open", created_at=now, closed_at=None, last_change=now, revision=0, owner=owner,
            )
            with self.engine.begin() as conn:
                inserted = conn.execute(
                    self._insert(workshops).values(**values, team_id=self._team_id(conn, team))
                    .on_conflict_do_nothing(index_elements=["code"])
                    .returning(workshops.c.id)
                ).first()
                if inserted is not None:
                    self._audit(conn, actor, "workshop_create", team, "workshop", values["code"], title)
            if inserted is not None:
                return self._workshop(values), key
        raise RuntimeError("could not find a free workshop code")  # 10 clashes in 8.5e11 codes

    def _workshop_row(self, conn: Connection, code: str, *, lock: bool = False):
        query = (
            select(workshops, teams.c.slug.label("team"))
            .join(teams, teams.c.id == workshops.c.team_id)
            .where(workshops.c.code == normalise_code(code))
        )
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

    @staticmethod
    def _touch(conn: Connection, workshop_id: int, now: datetime, **values: Any) -> None:
        conn.execute(
            update(workshops)
            .where(workshops.c.id == workshop_id)
            .values(last_change=now, revision=workshops.c.revision + 1, **values)
        )

    def _set_status(self, code: str, key: str, status: str, actor: Actor | None) -> Workshop:
        actor, team = self._require_key(code, key, actor)
        now = now_utc()
        with self.engine.begin() as conn:
            row = self._workshop_row(conn, code, lock=True)
            if row["status"] != status:
                self._touch(conn, row["id"], now, status=status, closed_at=now if status == "closed" else None)
                if status == "closed":  # unsent entries are kept only while the workshop is open
                    self.forget_participant_drafts(conn, row["id"])
                action = "workshop_close" if status == "closed" else "workshop_reopen"
                self._audit(conn, actor, action, team, "workshop", row["code"], row["title"])
            return self._workshop(self._workshop_row(conn, code))

    def close_workshop(self, code: str, key: str, *, actor: Actor | None = None) -> Workshop:
        """Stop accepting submissions.

        Raises :class:`WrongKey`, :class:`WorkshopNotFound` or
        :class:`~netanalysis.access.AccessDenied` (not a facilitator of the workshop's team).
        """
        return self._set_status(code, key, "closed", actor)

    def reopen_workshop(self, code: str, key: str, *, actor: Actor | None = None) -> Workshop:
        """Accept submissions again (raises as :meth:`close_workshop`)."""
        return self._set_status(code, key, "open", actor)

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

    def join_workshop(self, code: str, *, client: str | None = None) -> Workshop:
        """A participant opens workshop ``code``: counted per client address
        and per workshop (unknown codes apart, more strictly).

        Raises
        ------
        WorkshopNotFound
        RateLimited
            Scopes ``join_address``, ``join_unknown_address``, ``join_workshop``.
        """
        with self.engine.begin() as conn:
            self._spend(conn, "join_address", client)
            row = conn.execute(select(workshops.c.id).where(workshops.c.code == normalise_code(code))).first()
            if row is None:
                self._spend(conn, "join_unknown_address", client)
            else:
                self._spend(conn, "join_workshop", normalise_code(code))
        # Outside the transaction, so an unknown code still counts.
        return self.get_workshop(code)

    def _spend_submission(self, conn: Connection, code: str, client: str | None) -> None:
        self._spend(conn, "submit_workshop", code)
        self._spend(conn, "submit_address", code, client)

    def submit(self, code: str, participant_token: str, payload: Mapping, *, submission_id: str,
               client: str | None = None) -> Submission:
        """Store one participant's submission in one transaction.

        Parameters
        ----------
        code : str
            The workshop's join code.
        participant_token : str
            The random token kept in the participant's browser session
            (see :func:`~netanalysis.workshop.new_participant_token`).
        payload : mapping
            See :func:`~netanalysis.submissions.validate_payload`.
        submission_id : str
            Made by the client when the form is shown (e.g. a UUID). Sending
            the same id again returns the stored submission and stores
            nothing (a double tap, a retried request), even after closing.
        client : str, optional
            The participant's network address, for the per-address limit
            (see :mod:`netanalysis.addresses`); ``None`` counts only per workshop.

        Returns
        -------
        Submission

        Raises
        ------
        InvalidSubmission
            A field fails validation, or ``submission_id`` belongs to another participant.
        WorkshopNotFound, WorkshopClosed
        RateLimited
            Per participant (``rate_limit``), per workshop and per client address.
        """
        participant = participant_fingerprint(participant_token)
        submission_id = validate_submission_id(submission_id, limits=self.limits)
        clean = validate_payload(payload, limits=self.limits)
        now = now_utc()
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
            self._spend_submission(conn, workshop["code"], client)
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
            write_submission_names(conn, submission_pk, clean)
            self._touch(conn, workshop["id"], now)
            return self._submission(values, workshop["code"])

    def update_submission(
        self, code: str, participant_token: str, submission_id: str, payload: Mapping, *, client: str | None = None,
    ) -> Submission:
        """Replace the payload of one's own submission (while the workshop is open);
        counted against the limits like a new one.

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
        now = now_utc()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            row = self._own_submission(conn, workshop["id"], submission_id, participant)
            if workshop["status"] != "open":
                raise WorkshopClosed()
            self._check_rate(conn, workshop["id"], participant, now)
            self._spend_submission(conn, workshop["code"], client)
            conn.execute(
                update(submissions)
                .where(submissions.c.id == row["id"])
                .values(payload=json.dumps(clean, ensure_ascii=False), tie_count=len(clean["ties"]), updated_at=now)
            )
            write_submission_names(conn, row["id"], clean)
            self._touch(conn, workshop["id"], now)
            return self._submission(
                {**row, "payload": json.dumps(clean), "updated_at": now}, workshop["code"]
            )

    def withdraw_submission(self, code: str, participant_token: str, submission_id: str) -> None:
        """Withdraw one's own submission; allowed even after the workshop closed.

        The row stays (marked withdrawn) so a late retry of the original
        request cannot bring it back; its content (names, ties) is emptied at
        once, and it no longer counts anywhere.

        Raises
        ------
        WorkshopNotFound, SubmissionNotFound, NotYourSubmission
        """
        participant = participant_fingerprint(participant_token)
        self._withdraw(code, submission_id, participant=participant, by="participant")

    def remove_submission(self, code: str, key: str, submission_id: str, *, actor: Actor | None = None) -> None:
        """The facilitator removes anyone's submission.

        Raises
        ------
        WrongKey, WorkshopNotFound, SubmissionNotFound, AccessDenied
        """
        actor, team = self._require_key(code, key, actor)
        self._withdraw(code, submission_id, participant=None, by="facilitator")
        self.record("submission_remove", team=team, kind="workshop", object_id=normalise_code(code), actor=actor)

    def _withdraw(self, code: str, submission_id: str, *, participant: str | None, by: str) -> None:
        now = now_utc()
        with self.engine.begin() as conn:
            workshop = self._workshop_row(conn, code, lock=True)
            row = self._own_submission(conn, workshop["id"], submission_id, participant)
            # The row stays (a late retry must not bring the entry back), its
            # content does not: what was withdrawn or removed is not kept.
            emptied = {"me": {"name": "", "type": json.loads(row["payload"])["me"]["type"]}, "ties": []}
            conn.execute(
                update(submissions).where(submissions.c.id == row["id"]).values(
                    withdrawn_at=now, withdrawn_by=by, payload=json.dumps(emptied), tie_count=0)
            )
            conn.execute(delete(submission_names).where(submission_names.c.submission_pk == row["id"]))
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

    def list_submissions(
        self, code: str, key: str, *, include_withdrawn: bool = False, actor: Actor | None = None
    ) -> list[Submission]:
        """Every submission of a workshop, oldest first (facilitator only;
        raises :class:`WrongKey` or :class:`~netanalysis.access.AccessDenied`)."""
        self._require_key(code, key, actor)
        with self._read() as conn:
            return self._current_submissions(conn, self._workshop_row(conn, code), include_withdrawn)

    def _current_submissions(self, conn, workshop: Mapping, include_withdrawn: bool = False) -> list[Submission]:
        query = select(submissions).where(submissions.c.workshop_id == workshop["id"])
        if not include_withdrawn:
            query = query.where(submissions.c.withdrawn_at.is_(None))
        rows = conn.execute(query.order_by(submissions.c.created_at, submissions.c.id)).mappings().all()
        return [self._submission(row, workshop["code"]) for row in rows]

    # -- the live view ---------------------------------------------------------

    def workshop_network(self, code: str, *, lang: str | None = None) -> StakeholderNetwork:
        """The seed network plus every current submission the room may see,
        merged (see :meth:`~netanalysis.store.moderation.ModerationStore.merged_workshop`:
        under moderation only approved ones; the facilitator's merges applied;
        participants who chose so as "Deelnemer n" in ``lang``).

        Cache it on ``workshop_stats(code)["revision"]``: the revision
        changes with every submission, update, withdrawal, status change,
        approval and merge.
        """
        return self.merged_workshop(code, lang=lang).network

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
        now = now_utc()
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
            "team": workshop["team"],
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
        self, code: str, key: str, *, name: str, note: str | None = None, author: str = "", lang: str | None = None,
        actor: Actor | None = None,
    ) -> int:
        """Save the merged workshop network as a new version of network ``name``
        of the workshop's team (the actor needs facilitator there).

        Raises
        ------
        WrongKey, WorkshopNotFound, AccessDenied
        """
        actor, team = self._require_key(code, key, actor)
        workshop = self.get_workshop(code)
        net = self.workshop_network(code)
        if note is None:
            note = MESSAGES.text("workshop_note", lang, title=workshop.title, code=workshop.code)
        return self.save_network(net, name=name, note=note, author=author, team=team, actor=actor)
