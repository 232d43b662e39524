"""Networks and their versions: save, load, list, restore.

Nothing is overwritten: saving a network adds a version, and restoring an
old version saves a copy of it as the newest.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ..access import Actor
from ..network import StakeholderNetwork
from ..privacy import fold_name
from ..workshop import MESSAGES
from .schema import (
    MAX_NAME,
    clean_label,
    networks,
    now_utc,
    teams,
    version_relations,
    version_stakeholders,
    versions,
)

__all__ = ["VersionNotFound", "VersionInfo", "VersionStore"]


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
    team: str = ""


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


class VersionStore:
    """The versions part of :class:`netanalysis.store.Store` (it supplies
    ``engine``, ``_read``, ``_insert`` and the teams methods)."""

    def save_network(
        self,
        net: StakeholderNetwork,
        *,
        name: str,
        note: str = "",
        author: str = "",
        restored_from: int | None = None,
        team: str | None = None,
        actor: Actor | None = None,
        decisions: Iterable[Mapping[str, str]] = (),
    ) -> int:
        """Save ``net`` as the newest version of the network ``name`` of ``team``.

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
        team : str, optional
            The team's slug; default the only team where ``actor`` may save.
        actor : Actor, optional
            Who saves (analist or more in ``team``); default the store's
            local user.
        decisions : iterable of dict
            Suggested introductions accepted or dismissed
            (``{"source", "target", "decision"}``), kept with the version.

        Returns
        -------
        int
            The new version's id.

        Raises
        ------
        AccessDenied
        """
        actor = self._acting(actor)
        team = actor.team_for("save", team)
        name = clean_label(name, "name")
        now = now_utc()
        with self.engine.begin() as conn:
            version_id = self._save(conn, net, name=name, note=note, author=author, restored_from=restored_from,
                                    now=now, team_id=self._team_id(conn, team), decisions=decisions)
            self._audit(conn, actor, "save", team, "version", version_id, name)
            return version_id

    def _save(self, conn, net, *, name, note, author, restored_from, now, team_id, decisions=()) -> int:
        net = _without_nul(net)
        conn.execute(
            self._insert(networks).values(team_id=team_id, name=name, created_at=now)
            .on_conflict_do_nothing(index_elements=["team_id", "name"])
        )
        # FOR UPDATE serialises concurrent saves of one network on
        # PostgreSQL so two saves cannot both take number N+1 (SQLite's
        # BEGIN IMMEDIATE already serialises them; it ignores FOR UPDATE).
        network_id = conn.execute(
            select(networks.c.id).where(networks.c.team_id == team_id, networks.c.name == name).with_for_update()
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
                author=str(author or "").replace("\x00", "")[:MAX_NAME],
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
        self._save_decisions(conn, version_id, decisions)
        self._queue_exact(conn, version_id, len(people), now)
        return int(version_id)

    def _version_row(self, conn: Connection, version_id: int, actor: Actor | None = None, permission: str = "view"):
        """The version's row with its network's name, team slug and team id;
        with ``actor``, checks ``permission`` in that team."""
        row = conn.execute(
            select(versions, networks.c.name.label("network"), networks.c.team_id, teams.c.slug.label("team"))
            .join(networks, networks.c.id == versions.c.network_id)
            .join(teams, teams.c.id == networks.c.team_id)
            .where(versions.c.id == int(version_id))
        ).mappings().first()
        if row is None:
            raise VersionNotFound(version_id)
        if actor is not None:
            actor.require(permission, row["team"])
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
            team=row["team"],
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

    def load_version(self, version_id: int, *, actor: Actor | None = None) -> StakeholderNetwork:
        """The network as saved in version ``version_id`` (lezer or more in its team).

        Raises
        ------
        VersionNotFound, AccessDenied
        """
        actor = self._acting(actor)
        with self._read() as conn:
            self._version_row(conn, version_id, actor)
            return self._load(conn, version_id)

    def open_version(self, version_id: int, *, actor: Actor | None = None) -> StakeholderNetwork:
        """As :meth:`load_version`, and the audit log records that ``actor`` opened it."""
        net = self.load_version(version_id, actor=actor)
        info = self.version_info(version_id, actor=actor)
        self.record("open", team=info.team, kind="version", object_id=version_id,
                    detail=f"{info.network} v{info.number}", actor=actor)
        return net

    def version_info(self, version_id: int, *, actor: Actor | None = None) -> VersionInfo:
        """Facts about one version (see :class:`VersionInfo`).

        Raises
        ------
        VersionNotFound, AccessDenied
        """
        actor = self._acting(actor)
        with self._read() as conn:
            return self._info(self._version_row(conn, version_id, actor))

    def list_networks(self, *, team: str | None = None, actor: Actor | None = None) -> list[dict[str, Any]]:
        """The saved networks of the teams ``actor`` may see (or of ``team`` only), by name:
        ``{"name", "team", "versions", "latest_version_id", "updated_at"}``."""
        actor = self._acting(actor)
        allowed = actor.teams("view") if team is None else [actor.team_for("view", team)]
        query = (
            select(
                networks.c.name,
                teams.c.slug.label("team"),
                func.count(versions.c.id).label("versions"),
                func.max(versions.c.id).label("latest_version_id"),
                func.max(versions.c.created_at).label("updated_at"),
            )
            .join(versions, versions.c.network_id == networks.c.id)
            .join(teams, teams.c.id == networks.c.team_id)
            .where(teams.c.slug.in_(allowed))
            .group_by(networks.c.id, networks.c.name, teams.c.slug)
            .order_by(networks.c.name, teams.c.slug)
        )
        with self._read() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def list_versions(self, network_name: str, *, team: str | None = None, actor: Actor | None = None) -> list[VersionInfo]:
        """The versions of a network of ``team``, newest first (empty if there is no such network).

        Raises
        ------
        AccessDenied
            ``actor`` may not see ``team``, or has several teams and gave none.
        """
        actor = self._acting(actor)
        team = actor.team_for("view", team)
        query = (
            select(versions, networks.c.name.label("network"), teams.c.slug.label("team"))
            .join(networks, networks.c.id == versions.c.network_id)
            .join(teams, teams.c.id == networks.c.team_id)
            .where(
                networks.c.name == " ".join(str(network_name).replace("\x00", "").split()),
                teams.c.slug == team,
            )
            .order_by(versions.c.number.desc())
        )
        with self._read() as conn:
            return [self._info(row) for row in conn.execute(query).mappings()]

    def latest(self, network_name: str, *, team: str | None = None, actor: Actor | None = None) -> StakeholderNetwork | None:
        """The newest version of a network, or ``None`` if it was never saved."""
        found = self.list_versions(network_name, team=team, actor=actor)
        return self.load_version(found[0].id, actor=actor) if found else None

    def restore_version(self, version_id: int, *, author: str = "", lang: str | None = None,
                        actor: Actor | None = None) -> int:
        """Save a copy of an old version as the newest version of its network.

        The copy's note says where it came from ("Hersteld uit versie N"),
        and ``restored_from`` holds the old version's id.

        Returns
        -------
        int
            The new version's id.

        Raises
        ------
        VersionNotFound, AccessDenied
            ``actor`` is not analist or more in the version's team.
        """
        actor = self._acting(actor)
        with self.engine.begin() as conn:
            row = self._version_row(conn, version_id, actor, "restore")
            net = self._load(conn, version_id)
            note = MESSAGES.text("restored_from", lang, number=row["number"])
            new_id = self._save(
                conn, net, name=row["network"], note=note, author=author, restored_from=row["id"], now=now_utc(),
                team_id=row["team_id"], decisions=self._load_decisions(conn, version_id),
            )
            self._audit(conn, actor, "restore", row["team"], "version", new_id,
                        f"{row['network']} v{row['number']}")
            return new_id

