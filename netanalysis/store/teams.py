"""Teams, members, signing in, and the audit log.

Every operation of the store acts for an :class:`~netanalysis.access.Actor`
and checks its role in the team that owns the object (see
:mod:`netanalysis.access`); a store made for local mode acts for
:data:`~netanalysis.access.LOCAL_USER` when no actor is given, a store made
for organisation mode refuses.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Connection

from ..access import ROLES, AccessDenied, Actor, strongest
from .schema import audit_log, clean_label, memberships, now_utc, team_id, teams, users

__all__ = ["TeamStore", "AUDIT_ACTIONS"]

#: What the audit log records.
AUDIT_ACTIONS = (
    "sign_in", "open", "export", "save", "restore", "erase",
    "workshop_create", "workshop_close", "workshop_reopen", "submission_remove", "key_wrong", "key_limited",
    "team_create", "member_set", "member_remove",
)


class TeamStore:
    """The teams part of :class:`netanalysis.store.Store` (it supplies
    ``engine``, ``_read``, ``_insert`` and ``default_actor``)."""

    default_actor: Actor | None

    # -- the acting user ------------------------------------------------------

    def _acting(self, actor: Actor | None) -> Actor:
        actor = actor if actor is not None else self.default_actor
        if actor is None:
            raise AccessDenied("not_signed_in")
        return actor

    @staticmethod
    def _team_id(conn: Connection, slug: str) -> int:
        found = team_id(conn, slug)
        if found is None:
            raise AccessDenied("unknown_team", team=slug)
        return found

    @staticmethod
    def _audit(
        conn: Connection, actor: Actor, action: str, team: str | None,
        kind: str | None = None, object_id: Any = None, detail: str | None = None,
    ) -> None:
        conn.execute(audit_log.insert().values(
            at=now_utc(), subject=actor.subject, actor_name=actor.name, team=team, action=action,
            object_kind=kind, object_id=None if object_id is None else str(object_id), detail=detail,
        ))

    def record(self, action: str, *, team: str | None = None, kind: str | None = None, object_id: Any = None,
               detail: str | None = None, actor: Actor | None = None) -> None:
        """Add one entry to the audit log, checking that ``actor`` may do ``action``
        (``export`` needs analist in ``team``).

        Raises
        ------
        AccessDenied
        """
        actor = self._acting(actor)
        if action not in AUDIT_ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        if action == "export":
            team = actor.team_for("export", team)
        with self.engine.begin() as conn:
            self._audit(conn, actor, action, team, kind, object_id, detail)

    # -- signing in --------------------------------------------------------------

    def sign_in(self, subject: str, name: str, claimed_roles: Mapping[str, str] | None = None) -> Actor:
        """The actor for a signed-in user: the roles given by the identity
        provider's groups (``claimed_roles``, see
        :func:`~netanalysis.access.roles_from_groups`) together with the
        memberships kept in the store, the strongest role per team.

        Teams named in ``claimed_roles`` are created if missing. The user's
        name and last visit are kept for the member list; the audit log
        records the sign-in once per call.
        """
        subject = clean_label(subject, "subject")
        name = clean_label(name or subject, "name")
        claimed = dict(claimed_roles or {})
        with self.engine.begin() as conn:
            values = dict(subject=subject, name=name, last_seen=now_utc())
            conn.execute(
                self._insert(users).values(**values)
                .on_conflict_do_update(index_elements=["subject"], set_={"name": name, "last_seen": values["last_seen"]})
            )
            for slug in claimed:
                team_id(conn, slug, create=True)
            stored = conn.execute(
                select(teams.c.slug, memberships.c.role)
                .join(memberships, memberships.c.team_id == teams.c.id)
                .where(memberships.c.subject == subject)
            ).all()
            roles: dict[str, list[str]] = {slug: [role] for slug, role in claimed.items()}
            for slug, role in stored:
                roles.setdefault(slug, []).append(role)
            actor = Actor(subject, name, {slug: strongest(found) for slug, found in roles.items()})
            self._audit(conn, actor, "sign_in", None, "user", subject)
        return actor

    # -- teams and members -------------------------------------------------------

    def create_team(self, slug: str, name: str | None = None, *, actor: Actor | None = None) -> None:
        """Make a team (a workspace). Needs beheerder in some team (the
        command line acts as the local user). Does nothing if it exists."""
        actor = self._acting(actor)
        if not actor.teams("members"):
            raise AccessDenied("no_team")
        slug = clean_label(slug, "team").lower()
        with self.engine.begin() as conn:
            if team_id(conn, slug) is None:
                team_id(conn, slug, create=True, name=clean_label(name or slug.capitalize(), "name"))
                self._audit(conn, actor, "team_create", slug, "team", slug)

    def team_slugs(self) -> list[str]:
        """Every team's slug, sorted: for the operator's command line (it shows no data)."""
        with self._read() as conn:
            return list(conn.execute(select(teams.c.slug).order_by(teams.c.slug)).scalars())

    def list_teams(self, *, actor: Actor | None = None) -> list[dict[str, Any]]:
        """The teams ``actor`` is a member of: ``{"slug", "name", "role", "members"}``."""
        actor = self._acting(actor)
        query = (
            select(teams.c.slug, teams.c.name, func.count(memberships.c.subject).label("members"))
            .outerjoin(memberships, memberships.c.team_id == teams.c.id)
            .where(teams.c.slug.in_(list(actor.roles)))
            .group_by(teams.c.id, teams.c.slug, teams.c.name)
            .order_by(teams.c.slug)
        )
        with self._read() as conn:
            return [{**row, "role": actor.role(row["slug"])} for row in conn.execute(query).mappings()]

    def list_members(self, team: str, *, actor: Actor | None = None) -> list[dict[str, Any]]:
        """The members of ``team`` kept in the store (beheerder only):
        ``{"subject", "name", "role", "last_seen"}``, by name."""
        actor = self._acting(actor)
        actor.require("members", team)
        with self._read() as conn:
            rows = conn.execute(
                select(memberships.c.subject, users.c.name, memberships.c.role, users.c.last_seen)
                .outerjoin(users, users.c.subject == memberships.c.subject)
                .where(memberships.c.team_id == self._team_id(conn, team))
                .order_by(users.c.name, memberships.c.subject)
            ).mappings().all()
        return [dict(row) for row in rows]

    def set_member(self, team: str, subject: str, role: str, *, name: str | None = None,
                   actor: Actor | None = None) -> None:
        """Give ``subject`` the role ``role`` in ``team`` (beheerder only).

        ``name`` fills the member list until the person first signs in.
        """
        actor = self._acting(actor)
        actor.require("members", team)
        if role not in ROLES:
            raise AccessDenied("unknown_role", role=role)
        subject = clean_label(subject, "subject")
        with self.engine.begin() as conn:
            tid = self._team_id(conn, team)
            self._keep_an_admin(conn, tid, team, subject, role)
            now = now_utc()
            conn.execute(
                self._insert(memberships).values(team_id=tid, subject=subject, role=role, added_at=now)
                .on_conflict_do_update(index_elements=["team_id", "subject"], set_={"role": role})
            )
            if name:
                conn.execute(
                    self._insert(users).values(subject=subject, name=clean_label(name, "name"), last_seen=now)
                    .on_conflict_do_nothing(index_elements=["subject"])
                )
            self._audit(conn, actor, "member_set", team, "user", subject, role)

    def remove_member(self, team: str, subject: str, *, actor: Actor | None = None) -> None:
        """Take ``subject`` out of ``team`` (beheerder only; the last beheerder stays)."""
        actor = self._acting(actor)
        actor.require("members", team)
        with self.engine.begin() as conn:
            tid = self._team_id(conn, team)
            self._keep_an_admin(conn, tid, team, subject, None)
            conn.execute(delete(memberships).where(memberships.c.team_id == tid, memberships.c.subject == subject))
            self._audit(conn, actor, "member_remove", team, "user", subject)

    @staticmethod
    def _keep_an_admin(conn: Connection, tid: int, team: str, subject: str, new_role: str | None) -> None:
        admins = set(conn.execute(
            select(memberships.c.subject).where(memberships.c.team_id == tid, memberships.c.role == "beheerder")
        ).scalars())
        if admins == {subject} and new_role != "beheerder":
            raise AccessDenied("last_admin", team=team)

    # -- the audit log -----------------------------------------------------------

    def audit_entries(
        self, *, team: str | None = None, action: str | None = None, subject: str | None = None,
        since: datetime | None = None, limit: int = 1000, actor: Actor | None = None,
    ) -> list[dict[str, Any]]:
        """Audit entries of the teams where ``actor`` is beheerder, newest first.

        Parameters
        ----------
        team, action, subject : str, optional
            Only entries of this team, action (see :data:`AUDIT_ACTIONS`) or user.
        since : datetime, optional
            Only entries at or after this moment.
        limit : int

        Returns
        -------
        list of dict
            ``id``, ``at``, ``subject``, ``actor_name``, ``team``, ``action``,
            ``object_kind``, ``object_id``, ``detail``. Sign-ins (no team) are
            listed for a beheerder when they are the user's own or of a member
            of one of their teams.
        """
        actor = self._acting(actor)
        allowed = actor.teams("audit") if team is None else [actor.team_for("audit", team)]
        if not allowed:
            raise AccessDenied("no_team")
        with self._read() as conn:
            team_members = select(memberships.c.subject).join(teams, teams.c.id == memberships.c.team_id).where(
                teams.c.slug.in_(allowed)
            )
            query = select(audit_log).where(
                audit_log.c.team.in_(allowed)
                | (audit_log.c.team.is_(None) & audit_log.c.subject.in_(team_members))
                | (audit_log.c.team.is_(None) & (audit_log.c.subject == actor.subject))
            )
            if action:
                query = query.where(audit_log.c.action == action)
            if subject:
                query = query.where(audit_log.c.subject == subject)
            if since is not None:
                query = query.where(audit_log.c.at >= since)
            rows = conn.execute(query.order_by(audit_log.c.id.desc()).limit(int(limit))).mappings().all()
        return [dict(row) for row in rows]

    def rename_team(self, team: str, name: str, *, actor: Actor | None = None) -> None:
        """Give ``team`` a new display name (beheerder only)."""
        actor = self._acting(actor)
        actor.require("members", team)
        with self.engine.begin() as conn:
            conn.execute(update(teams).where(teams.c.slug == team).values(name=clean_label(name, "name")))
