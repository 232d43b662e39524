"""Who is using the app: local mode or a signed-in user of the organisation.

*Local mode* (the default, no configuration): one person on their own
machine, :data:`~netanalysis.access.LOCAL_USER`, beheerder of the local team.
*Organisation mode*: ``.streamlit/secrets.toml`` has an ``[auth]`` section
(OpenID Connect, see the README) or ``NETWERKKAART_MODE=organisation``; every
page except the participant's join page needs sign-in through ``st.login``,
and the user's teams come from the store's memberships and the identity
provider's group claim, mapped in ``[netwerkkaart.groups]``.

Pages pass :func:`current_user` to every store call: the store checks the
roles, this module only decides who is asking.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from netanalysis.access import LOCAL_USER, AccessDenied, Actor, role_label, roles_from_groups
from netanalysis.i18n import Messages

from .text import UI

__all__ = [
    "ENV_MODE",
    "MESSAGES",
    "organisation_mode",
    "signed_in",
    "current_user",
    "current_team",
    "show_denied",
    "can",
    "audited",
    "sign_in_page",
    "user_sidebar",
    "text",
]

#: ``local`` or ``organisation``; without it, organisation mode is chosen by an ``[auth]`` section in secrets.
ENV_MODE = "NETWERKKAART_MODE"

MESSAGES = Messages({
    "sign_in_title": {"nl": "Aanmelden", "en": "Sign in"},
    "sign_in_intro": {
        "nl": "Netwerkkaart bevat persoonsgegevens. Meld je aan met je account van de organisatie.",
        "en": "Netwerkkaart holds personal data. Sign in with your organisation account.",
    },
    "sign_in_button": {"nl": "Aanmelden", "en": "Sign in"},
    "participant_hint": {
        "nl": "Doe je mee aan een workshop? Open de link of QR-code van de begeleider; daarvoor hoef je niet aan te melden.",
        "en": "Taking part in a workshop? Open the facilitator's link or QR code; that needs no sign-in.",
    },
    "sign_out": {"nl": "Afmelden", "en": "Sign out"},
    "signed_in_as": {"nl": "Aangemeld als **{name}**", "en": "Signed in as **{name}**"},
    "local_user": {"nl": "Lokaal gebruik (één gebruiker op deze computer)", "en": "Local use (one user on this computer)"},
    "team": {"nl": "Werkruimte", "en": "Workspace"},
    "team_role": {"nl": "{team} ({role})", "en": "{team} ({role})"},
    "no_teams": {
        "nl": "Je bent nog geen lid van een werkruimte. Vraag een beheerder om je toe te voegen.",
        "en": "You are not a member of any workspace yet. Ask an administrator to add you.",
    },
    "not_configured": {
        "nl": "Organisatiemodus staat aan, maar `.streamlit/secrets.toml` heeft geen `[auth]`-sectie. Zie de README.",
        "en": "Organisation mode is on, but `.streamlit/secrets.toml` has no `[auth]` section. See the README.",
    },
    "page_sign_in": {"nl": "Aanmelden", "en": "Sign in"},
    "page_admin": {"nl": "Beheer", "en": "Administration"},
    "files_not_clean": {
        "nl": "De gegevens zijn verwijderd, maar een andere verbinding las nog, waardoor oude kopieën nog in het "
              "databasebestand staan. Klik over enkele minuten op ‘Bestand opschonen’.",
        "en": "The data was deleted, but another connection was still reading, so old copies remain in the database "
              "file. Click ‘Clean the file’ in a few minutes.",
    },
    "forget_type": {"nl": "Typ ter bevestiging: {query}", "en": "Type to confirm: {query}"},
    "purge_again": {"nl": "Bestand opschonen", "en": "Clean the file"},
})


def text(key: str, /, **fields) -> str:
    """A string of this module in the session's language."""
    return MESSAGES.text(key, st.session_state.get("lang"), **fields)


def _secrets_section(name: str) -> Mapping[str, Any]:
    try:
        return st.secrets.get(name, {}) or {}
    except Exception:  # no secrets file at all: Streamlit raises rather than returning nothing
        return {}


def organisation_mode() -> bool:
    """Whether sign-in is required (see the module docstring)."""
    mode = os.environ.get(ENV_MODE, "").strip().lower()
    if mode in ("local", "organisation"):
        return mode == "organisation"
    return bool(_secrets_section("auth"))


def signed_in() -> bool:
    """True in local mode; in organisation mode, whether ``st.user`` holds a signed-in user."""
    return not organisation_mode() or bool(getattr(st.user, "is_logged_in", False))


def current_user() -> Actor:
    """The acting user for store calls.

    In organisation mode the first call of a session records the sign-in
    (store memberships plus the group claim) and keeps the actor in the
    session; signing in as someone else starts a new session.

    Raises
    ------
    AccessDenied
        Organisation mode without a signed-in user.
    """
    if not organisation_mode():
        return LOCAL_USER
    if not signed_in():
        raise AccessDenied("not_signed_in")
    subject = str(st.user.get("sub") or "")
    cached = st.session_state.get("_actor")
    if cached is None or cached.subject != subject:
        from ui.storage import store

        config = _secrets_section("netwerkkaart")
        claim = config.get("groups_claim", "groups")
        groups = st.user.get(claim) or []
        groups = [groups] if isinstance(groups, str) else list(groups)
        name = st.user.get("name") or st.user.get("preferred_username") or st.user.get("email") or subject
        cached = store().sign_in(subject, str(name), roles_from_groups(groups, config.get("groups", {})))
        st.session_state["_actor"] = cached
    return cached


def current_team(permission: str = "view") -> str | None:
    """The workspace the user works in: chosen in the sidebar when they have several
    (see :func:`user_sidebar`), else their only one; ``None`` without any."""
    actor = current_user()
    teams = actor.teams(permission) or actor.teams("view")
    if not teams:
        return None
    chosen = st.session_state.get("team")
    return chosen if chosen in teams else teams[0]


def can(permission: str) -> bool:
    """Whether the current user has ``permission`` in the current workspace."""
    team = current_team(permission)
    return team is not None and current_user().may(permission, team)


def audited(make: Callable[[], Any], label: str | None, *, kind: str = "file") -> Callable[[], Any]:
    """``make`` for a download button, recording the export in the audit log
    when the file is made (who, workspace, what); refused without the
    ``export`` permission. The user and workspace are taken now: the file is
    made later, outside this script run."""
    from ui.storage import store

    user, team, db = current_user(), current_team("export"), store()

    def made() -> Any:
        db.record("export", team=team, kind=kind, detail=label, actor=user)
        return make()

    return made


def show_denied(error: AccessDenied) -> None:
    """A refusal from the store, in the user's language."""
    st.error(error.text(st.session_state.get("lang")))


def sign_in_page() -> None:
    """The only page an anonymous visitor sees (besides the join page)."""
    st.title(text("sign_in_title"))
    if not _secrets_section("auth"):
        st.error(text("not_configured"))
        return
    st.write(text("sign_in_intro"))
    if st.button(text("sign_in_button"), type="primary", key="sign_in"):
        st.login()
    st.caption(text("participant_hint"))


def user_sidebar() -> None:
    """Who is signed in, the workspace choice and the sign-out button."""
    if not organisation_mode():
        st.sidebar.caption(text("local_user"))
        return
    actor = current_user()
    st.sidebar.markdown(text("signed_in_as", name=" ".join(actor.name.replace("*", "").split())))
    teams = actor.teams("view")
    if not teams:
        st.sidebar.warning(text("no_teams"))
    elif len(teams) > 1:
        lang = st.session_state.get("lang")
        st.sidebar.selectbox(text("team"), teams, key="team",
                             format_func=lambda t: text("team_role", team=t, role=role_label(actor.role(t), lang)),
                             placeholder=UI.text("choose", lang))
    if st.sidebar.button(text("sign_out"), key="sign_out"):
        st.session_state.pop("_actor", None)
        st.logout()
