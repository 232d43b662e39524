"""Who may do what: teams (werkruimtes), roles and the acting user.

Every version, workshop and export belongs to a team. A user holds one role
per team; the roles are ordered, each including the rights of the ones
before it:

=============  ===========================================================
role           may
=============  ===========================================================
lezer          see the team's versions and open them
analist        save and restore versions, export, make reports
facilitator    run workshops from the team's versions
beheerder      manage members, forget a person, read the audit log
=============  ===========================================================

The store checks these rules on every operation (:meth:`Actor.require`),
so a page that forgets to hide a button still cannot act for a user who
lacks the role. In *local* mode (no sign-in configured) there is one
person, :data:`LOCAL_USER`, who is beheerder of the one team
:data:`LOCAL_TEAM`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .i18n import Messages

__all__ = [
    "ROLES",
    "PERMISSIONS",
    "LOCAL_TEAM",
    "LOCAL_USER",
    "MESSAGES",
    "Actor",
    "AccessDenied",
    "role_label",
    "roles_from_groups",
    "strongest",
]

#: The roles, weakest first: each includes the rights of the ones before it.
ROLES: tuple[str, ...] = ("lezer", "analist", "facilitator", "beheerder")

#: The weakest role that grants each permission.
PERMISSIONS: Mapping[str, str] = MappingProxyType({
    "view": "lezer",
    "save": "analist",
    "restore": "analist",
    "export": "analist",
    "workshop": "facilitator",
    "members": "beheerder",
    "erase": "beheerder",
    "audit": "beheerder",
})

#: The one team of local mode; existing data goes here when a database is upgraded.
LOCAL_TEAM = "lokaal"

MESSAGES = Messages({
    "not_signed_in": {"nl": "Meld je eerst aan.", "en": "Please sign in first."},
    "denied": {
        "nl": "Geen toegang: {action} in werkruimte ‘{team}’ vraagt de rol {role}.",
        "en": "Not allowed: {action} in workspace ‘{team}’ needs the role {role}.",
    },
    "choose_team": {
        "nl": "Kies een werkruimte: je bent lid van meer dan één.",
        "en": "Choose a workspace: you are a member of more than one.",
    },
    "no_team": {
        "nl": "Je bent nog geen lid van een werkruimte waarin je dit mag; vraag een beheerder om je toe te voegen.",
        "en": "You are not yet a member of a workspace where you may do this; ask an administrator to add you.",
    },
    "unknown_team": {"nl": "Werkruimte ‘{team}’ bestaat niet.", "en": "Workspace ‘{team}’ does not exist."},
    "unknown_role": {
        "nl": "Onbekende rol ‘{role}’: kies lezer, analist, facilitator of beheerder.",
        "en": "Unknown role ‘{role}’: choose lezer, analist, facilitator or beheerder.",
    },
    "last_admin": {
        "nl": "Werkruimte ‘{team}’ houdt minstens één beheerder.",
        "en": "Workspace ‘{team}’ keeps at least one administrator.",
    },
    "action_view": {"nl": "bekijken", "en": "viewing"},
    "action_save": {"nl": "een versie opslaan", "en": "saving a version"},
    "action_restore": {"nl": "een versie terugzetten", "en": "restoring a version"},
    "action_export": {"nl": "exporteren", "en": "exporting"},
    "action_workshop": {"nl": "een workshop leiden", "en": "running a workshop"},
    "action_members": {"nl": "leden beheren", "en": "managing members"},
    "action_erase": {"nl": "een persoon vergeten", "en": "forgetting a person"},
    "action_audit": {"nl": "het logboek lezen", "en": "reading the audit log"},
    "role_lezer": {"nl": "lezer", "en": "reader"},
    "role_analist": {"nl": "analist", "en": "analyst"},
    "role_facilitator": {"nl": "facilitator", "en": "facilitator"},
    "role_beheerder": {"nl": "beheerder", "en": "administrator"},
})


def role_label(role: str, lang: str | None = None) -> str:
    """A role in words.

    >>> role_label("beheerder", "en"), role_label("analist")
    ('administrator', 'analist')
    """
    return MESSAGES.text(f"role_{role}", lang)


def strongest(roles: Iterable[str]) -> str | None:
    """The strongest of ``roles`` (``None`` if there is none).

    >>> strongest(["lezer", "facilitator", "analist"])
    'facilitator'
    """
    known = [ROLES.index(r) for r in roles if r in ROLES]
    return ROLES[max(known)] if known else None


class AccessDenied(PermissionError):
    """The acting user may not do this; carries a message in Dutch and English.

    ``str(error)`` is the Dutch message; :meth:`text` gives either language.
    """

    def __init__(self, key: str, **fields: Any):
        self.key = key
        self.fields = fields
        super().__init__(self.text("nl"))

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang``."""
        fields = dict(self.fields)
        if "action" in fields:
            fields["action"] = MESSAGES.text(f"action_{fields['action']}", lang)
        if "role" in fields:
            fields["role"] = role_label(fields["role"], lang)
        return MESSAGES.text(self.key, lang, **fields)


@dataclass(frozen=True)
class Actor:
    """The person acting: who they are and their role in each team.

    Parameters
    ----------
    subject : str
        The identity provider's stable id (OpenID Connect ``sub``), or
        ``"local"`` in local mode.
    name : str
        For the audit log and the member list.
    roles : mapping
        Team slug to role (one of :data:`ROLES`).

    Examples
    --------
    >>> anouk = Actor("a1", "Anouk", {"noord": "analist"})
    >>> anouk.may("save", "noord"), anouk.may("save", "zuid"), anouk.may("erase", "noord")
    (True, False, False)
    >>> anouk.teams("view")
    ['noord']
    """

    subject: str
    name: str
    roles: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        unknown = [r for r in self.roles.values() if r not in ROLES]
        if unknown:
            raise ValueError(MESSAGES.text("unknown_role", "en", role=unknown[0]))
        object.__setattr__(self, "roles", MappingProxyType(dict(self.roles)))

    def __hash__(self) -> int:
        return hash((self.subject, self.name, tuple(sorted(self.roles.items()))))

    def role(self, team: str) -> str | None:
        """The role in ``team``, or ``None`` for a non-member."""
        return self.roles.get(team)

    def may(self, permission: str, team: str) -> bool:
        """Whether the role in ``team`` grants ``permission`` (a key of :data:`PERMISSIONS`)."""
        role = self.roles.get(team)
        return role is not None and ROLES.index(role) >= ROLES.index(PERMISSIONS[permission])

    def teams(self, permission: str = "view") -> list[str]:
        """The teams where ``permission`` is granted, sorted."""
        return sorted(t for t in self.roles if self.may(permission, t))

    def require(self, permission: str, team: str) -> None:
        """Raise :class:`AccessDenied` unless ``permission`` is granted in ``team``."""
        if not self.may(permission, team):
            raise AccessDenied("denied", action=permission, team=team, role=PERMISSIONS[permission])

    def team_for(self, permission: str, team: str | None = None) -> str:
        """``team`` if given (checked), else the only team granting ``permission``.

        Raises
        ------
        AccessDenied
            Not allowed in ``team``, in no team, or in several while none was chosen.
        """
        if team is not None:
            self.require(permission, team)
            return team
        allowed = self.teams(permission)
        if not allowed and len(self.roles) == 1:
            self.require(permission, next(iter(self.roles)))  # says which role is needed
        if not allowed:
            raise AccessDenied("no_team")
        if len(allowed) > 1:
            raise AccessDenied("choose_team")
        return allowed[0]


#: The one person of local mode.
LOCAL_USER = Actor("local", "Lokale gebruiker", {LOCAL_TEAM: "beheerder"})


def roles_from_groups(groups: Iterable[str], mapping: Mapping[str, str]) -> dict[str, str]:
    """Team roles from the identity provider's group claim.

    Parameters
    ----------
    groups : iterable of str
        The ``groups`` claim of the signed-in user.
    mapping : mapping
        Group name (or id, as Entra ID sends object ids) to ``"team:role"``.

    Returns
    -------
    dict
        Team slug to the strongest role any of the groups grants.

    Examples
    --------
    >>> roles_from_groups(["gg-noord", "gg-noord-beheer", "ander"],
    ...                   {"gg-noord": "noord:lezer", "gg-noord-beheer": "noord:beheerder", "gg-zuid": "zuid:analist"})
    {'noord': 'beheerder'}
    """
    found: dict[str, list[str]] = {}
    for group in groups:
        target = mapping.get(str(group))
        if not target or ":" not in target:
            continue
        team, role = (part.strip() for part in target.split(":", 1))
        if role not in ROLES:
            raise ValueError(MESSAGES.text("unknown_role", "en", role=role))
        found.setdefault(team, []).append(role)
    return {team: strongest(roles) for team, roles in sorted(found.items())}
