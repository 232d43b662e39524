"""Who may manage a workshop: the key, a facilitator pass, or a signed-in owner's team.

* **Organisation mode**: a workshop opened by a signed-in user has an
  ``owner``; the facilitators of its team manage it without any key.
* **Local mode**: the facilitator key, shown once when the workshop opens.
  Typing it gives a *facilitator pass* (:meth:`FacilitatorStore.open_facilitator_pass`):
  random, stored only as its SHA-256, expiring after :data:`PASS_DAYS` and
  revoked on "Workshop verlaten". The browser keeps the pass, never the key,
  so nothing on the page or in a cookie reveals the key.

Wrong keys are counted per workshop and per client address in the store
(:mod:`netanalysis.store.limits`): once a limit is reached, further attempts
are refused before the (deliberately slow) scrypt check runs, and both the
wrong keys and the refusals go to the audit log. Correct keys and passes are
not counted: a facilitator is never locked out by their own use.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from ..access import LOCAL_USER, AccessDenied, Actor
from ..ratelimits import sliding_count, window_start
from ..room import RoomProgress, room_progress
from ..workshop import RateLimited, WorkshopError, WrongKey, normalise_code, verify_key_hash
from .limits import LIMIT_MESSAGES, limit_subject
from .schema import facilitator_passes, now_utc, participant_drafts, rate_counters, teams, users, workshops

__all__ = ["FacilitatorStore", "PASS_PREFIX", "PASS_DAYS"]

#: Passes start with this, so a pass is never mistaken for a key (keys are 43 URL-safe characters).
PASS_PREFIX = "fp_"
PASS_DAYS = 14
#: Who tried a key when no user is known (organisation mode, before sign-in), for the audit log.
ANONYMOUS = Actor("anonymous", "anoniem", {})


def _pass_hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


class FacilitatorStore:
    """The facilitator part of :class:`netanalysis.store.Store` (it supplies
    ``engine``, ``_read``, ``_acting``, ``_audit``, ``_workshop_row``,
    ``_spend`` and ``rate_limits``)."""

    @staticmethod
    def _signed_in_owner_team(actor: Actor, row) -> bool:
        # The local user is whoever reaches the server: never keyless.
        return row["owner"] is not None and actor.subject != LOCAL_USER.subject

    def _limit_reached(self, conn: Connection, scope: str, *subject: object) -> bool:
        limit = self.rate_limits.get(scope)
        if limit is None or any(part is None for part in subject):
            return False
        key = limit_subject(*subject)
        moment = now_utc().timestamp()
        start = window_start(moment, limit)
        counts = dict(conn.execute(
            select(rate_counters.c.window_start, rate_counters.c.count).where(
                rate_counters.c.scope == scope, rate_counters.c.subject == key,
                rate_counters.c.window_start.in_([start, start - limit.seconds]),
            )
        ).all())
        return sliding_count(counts.get(start - limit.seconds, 0), counts.get(start, 0), moment, limit) >= limit.count

    def _check_key(self, row, key: str | None, actor: Actor, client: str | None) -> None:
        """Accept a pass or the key of workshop ``row``; count and log wrong keys."""
        code = row["code"]
        if isinstance(key, str) and key.startswith(PASS_PREFIX):
            with self._read() as conn:
                found = conn.execute(
                    select(facilitator_passes.c.expires_at).where(
                        facilitator_passes.c.pass_hash == _pass_hash(key),
                        facilitator_passes.c.workshop_id == row["id"],
                    )
                ).scalar()
            if found is None or found < now_utc():
                raise WrongKey()
            return
        with self._read() as conn:
            reached = [scope for scope, subject in (("key_workshop", (code,)), ("key_address", (client,)))
                       if self._limit_reached(conn, scope, *subject)]
        if reached:
            with self.engine.begin() as conn:
                self._audit(conn, actor, "key_limited", row["team"], "workshop", code, client)
            raise RateLimited(LIMIT_MESSAGES[reached[0]], minutes=self.rate_limits[reached[0]].minutes)
        # Hashing takes tens of milliseconds: outside any write transaction,
        # which would hold SQLite's write lock meanwhile.
        if verify_key_hash(key, row["key_hash"]):
            return
        with self.engine.begin() as conn:
            for scope, subject in (("key_workshop", (code,)), ("key_address", (client,))):
                try:
                    self._spend(conn, scope, *subject)
                except RateLimited:
                    pass  # this attempt is refused anyway; the next one meets the limit first
            self._audit(conn, actor, "key_wrong", row["team"], "workshop", code, client)
        raise WrongKey()

    def _require_key(self, code: str, key: str | None, actor: Actor | None, *,
                     client: str | None = None) -> tuple[Actor, str]:
        """Check that ``actor`` runs workshops in the workshop's team and holds
        its key or a pass (unless a signed-in owner's team manages it);
        return the actor and the team.

        Raises
        ------
        WorkshopNotFound, AccessDenied, WrongKey, RateLimited
        """
        actor = self._acting(actor)
        with self._read() as conn:
            row = self._workshop_row(conn, code)
        actor.require("workshop", row["team"])
        if not self._signed_in_owner_team(actor, row):
            self._check_key(row, key, actor, client)
        return actor, row["team"]

    def verify_key(self, code: str, key: str | None, *, client: str | None = None) -> bool:
        """Whether ``key`` (or a pass) opens workshop ``code`` (False if there is
        no such workshop); wrong keys count against the limits as in
        :meth:`open_facilitator_pass`, and a refused attempt is ``False``."""
        try:
            with self._read() as conn:
                row = self._workshop_row(conn, code)
            self._check_key(row, key, self.default_actor or ANONYMOUS, client)
        except WorkshopError:
            return False
        return True

    def open_facilitator_pass(self, code: str, key: str, *, client: str | None = None,
                              actor: Actor | None = None) -> str:
        """Trade the facilitator key for a pass to keep in the browser instead of it.

        Parameters
        ----------
        code, key : str
        client : str, optional
            The network address the key was typed from: wrong keys are
            limited per address too, and it is written in the audit log.
        actor : Actor, optional

        Returns
        -------
        str
            The pass: use it wherever a method asks for ``key``. It expires
            after :data:`PASS_DAYS` days or on :meth:`revoke_facilitator_pass`.

        Raises
        ------
        WrongKey
            A wrong key (logged as ``key_wrong``).
        RateLimited
            Too many wrong keys for this workshop or from this address
            (scopes ``key_workshop``, ``key_address``; logged as ``key_limited``).
        WorkshopNotFound, AccessDenied
        """
        actor, team = self._require_key(code, key, actor, client=client)
        value = PASS_PREFIX + secrets.token_urlsafe(24)
        now = now_utc()
        with self.engine.begin() as conn:
            row = self._workshop_row(conn, code)
            conn.execute(delete(facilitator_passes).where(facilitator_passes.c.expires_at < now))
            conn.execute(facilitator_passes.insert().values(
                pass_hash=_pass_hash(value), workshop_id=row["id"], created_at=now,
                expires_at=now + timedelta(days=PASS_DAYS),
            ))
        return value

    def revoke_facilitator_pass(self, value: str | None) -> None:
        """Make a pass useless (leaving the workshop; nothing happens for anything else)."""
        if isinstance(value, str) and value.startswith(PASS_PREFIX):
            with self.engine.begin() as conn:
                conn.execute(delete(facilitator_passes).where(facilitator_passes.c.pass_hash == _pass_hash(value)))

    def may_manage(self, code: str, key: str | None, *, actor: Actor | None = None) -> bool:
        """Whether ``actor`` with ``key`` (a pass, the key or ``None``) may manage
        workshop ``code``; never raises for a wrong key, a missing workshop or a role."""
        try:
            self._require_key(code, key, actor)
        except (WorkshopError, AccessDenied):
            return False
        return True

    def list_workshops(self, *, team: str | None = None, actor: Actor | None = None) -> list[dict[str, Any]]:
        """The workshops of ``team`` that ``actor`` manages without a key (opened by a
        signed-in user), newest first: ``{"code", "title", "status", "owner", "owner_name",
        "created_at", "mine"}``. Empty for the local user."""
        actor = self._acting(actor)
        if actor.subject == LOCAL_USER.subject:
            return []
        team = actor.team_for("workshop", team)
        query = (
            select(workshops.c.code, workshops.c.title, workshops.c.status, workshops.c.owner,
                   users.c.name.label("owner_name"), workshops.c.created_at)
            .join(teams, teams.c.id == workshops.c.team_id)
            .outerjoin(users, users.c.subject == workshops.c.owner)
            .where(teams.c.slug == team, workshops.c.owner.is_not(None))
            .order_by(workshops.c.created_at.desc(), workshops.c.id.desc())
        )
        with self._read() as conn:
            rows = conn.execute(query).mappings().all()
        return [{**row, "code": normalise_code(row["code"]), "mine": row["owner"] == actor.subject} for row in rows]

    def room_progress(self, code: str, key: str | None, *, actor: Actor | None = None) -> RoomProgress:
        """Counts per type, entries naming nobody yet, and participants still typing
        (an unsent entry with contacts and nothing sent) for the facilitator's side
        panel (see :func:`netanalysis.room.room_progress`).

        Raises
        ------
        WrongKey, WorkshopNotFound, AccessDenied
        """
        self._require_key(code, key, actor)
        with self._read() as conn:
            row = self._workshop_row(conn, code)
            current = self._current_submissions(conn, row)
            drafts = conn.execute(
                select(participant_drafts.c.participant, participant_drafts.c.draft)
                .where(participant_drafts.c.workshop_id == row["id"])
            ).all()
        sent = {s.participant for s in current}
        typing = 0
        for participant, body in drafts:
            try:
                ties = json.loads(body).get("ties")
            except (ValueError, AttributeError):
                ties = None
            typing += participant not in sent and bool(ties)
        return room_progress(current, typing=typing)
