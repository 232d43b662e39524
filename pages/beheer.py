"""Beheer: the members of the workspaces one administers, and the audit log.

Only for beheerders (app.py lists the page for them; the store refuses
everyone else anyway)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

import ui
from netanalysis.access import ROLES, AccessDenied, role_label
from netanalysis.i18n import Messages, format_datetime
from netanalysis.store import AUDIT_ACTIONS
from ui import auth
from ui.storage import store
from ui.widgets import show_table

ui.use_app_navigation()

TEXT = Messages({
    "members": {"nl": "Leden", "en": "Members"},
    "audit": {"nl": "Logboek", "en": "Audit log"},
    "team": {"nl": "Werkruimte", "en": "Workspace"},
    "subject": {"nl": "Account-id (sub)", "en": "Account id (sub)"},
    "name": {"nl": "Naam", "en": "Name"},
    "role": {"nl": "Rol", "en": "Role"},
    "last_seen": {"nl": "Laatst gezien", "en": "Last seen"},
    "set": {"nl": "Rol toekennen", "en": "Give role"},
    "remove": {"nl": "Uit werkruimte halen", "en": "Remove from workspace"},
    "done": {"nl": "Opgeslagen.", "en": "Saved."},
    "groups_note": {
        "nl": "Rollen uit groepen van de identiteitsprovider (`[netwerkkaart.groups]`) staan hier niet; ze gelden bij elke aanmelding.",
        "en": "Roles from identity-provider groups (`[netwerkkaart.groups]`) are not listed; they apply at every sign-in.",
    },
    "action": {"nl": "Actie", "en": "Action"},
    "all": {"nl": "alle", "en": "all"},
    "since": {"nl": "Vanaf", "en": "From"},
    "user": {"nl": "Gebruiker (sub)", "en": "User (sub)"},
    "at": {"nl": "Tijd (UTC)", "en": "Time (UTC)"},
    "who": {"nl": "Wie", "en": "Who"},
    "object": {"nl": "Object", "en": "Object"},
    "detail": {"nl": "Detail", "en": "Detail"},
    "none": {"nl": "Geen regels.", "en": "No entries."},
    "act_sign_in": {"nl": "aangemeld", "en": "signed in"},
    "act_open": {"nl": "geopend", "en": "opened"},
    "act_export": {"nl": "geëxporteerd", "en": "exported"},
    "act_save": {"nl": "opgeslagen", "en": "saved"},
    "act_restore": {"nl": "teruggezet", "en": "restored"},
    "act_erase": {"nl": "persoon vergeten", "en": "person forgotten"},
    "act_workshop_create": {"nl": "workshop geopend", "en": "workshop created"},
    "act_workshop_close": {"nl": "workshop gesloten", "en": "workshop closed"},
    "act_workshop_reopen": {"nl": "workshop heropend", "en": "workshop reopened"},
    "act_submission_remove": {"nl": "inzending verwijderd", "en": "submission removed"},
    "act_key_wrong": {"nl": "verkeerde sleutel van de begeleider", "en": "wrong facilitator key"},
    "act_key_limited": {"nl": "sleutelpoging geweigerd (limiet)", "en": "key attempt refused (limit)"},
    "act_team_create": {"nl": "werkruimte gemaakt", "en": "workspace created"},
    "act_member_set": {"nl": "rol toegekend", "en": "role given"},
    "act_member_remove": {"nl": "lid verwijderd", "en": "member removed"},
})


def tr(key: str) -> str:
    return TEXT.text(key, ui.lang())


st.title(auth.text("page_admin"))
db = store()
user = auth.current_user()
teams = user.teams("members")
if not teams:
    auth.show_denied(AccessDenied("no_team"))
    st.stop()
team = st.selectbox(tr("team"), teams, key="admin_team", placeholder=ui.t("choose"))
lang = ui.lang()
members_tab, audit_tab = st.tabs([tr("members"), tr("audit")])

with members_tab:
    members = db.list_members(team, actor=user)
    frame = pd.DataFrame(
        [{tr("subject"): m["subject"], tr("name"): m["name"] or "—", tr("role"): role_label(m["role"], lang),
          tr("last_seen"): format_datetime(m["last_seen"], lang) if m["last_seen"] else "—"} for m in members],
        columns=[tr("subject"), tr("name"), tr("role"), tr("last_seen")],
    )
    st.dataframe(frame, hide_index=True, width="stretch", key="admin_members", placeholder="—")
    st.caption(tr("groups_note"))
    with st.form("admin_member_form"):
        subject = st.text_input(tr("subject"), max_chars=200, key="admin_subject")
        name = st.text_input(tr("name"), max_chars=200, key="admin_name")
        role = st.selectbox(tr("role"), ROLES, format_func=lambda r: role_label(r, lang), key="admin_role", placeholder=ui.t("choose"))
        c1, c2 = st.columns(2)
        give = c1.form_submit_button(tr("set"), type="primary")
        remove = c2.form_submit_button(tr("remove"))
    if give or remove:
        try:
            if give:
                db.set_member(team, subject, role, name=name or None, actor=user)
            else:
                db.remove_member(team, subject.strip(), actor=user)
        except AccessDenied as error:
            auth.show_denied(error)
        except ValueError as error:
            st.error(str(error))
        else:
            st.session_state["admin_message"] = tr("done")
            st.rerun()
    if "admin_message" in st.session_state:
        st.success(st.session_state.pop("admin_message"))

with audit_tab:
    c1, c2, c3 = st.columns(3)
    action = c1.selectbox(tr("action"), [None, *AUDIT_ACTIONS], format_func=lambda a: tr("all") if a is None else tr(f"act_{a}"),
                          key="audit_action", placeholder=ui.t("choose"))
    since = c2.date_input(tr("since"), value=dt.date.today() - dt.timedelta(days=30), format="DD-MM-YYYY", key="audit_since")
    who = c3.text_input(tr("user"), max_chars=200, key="audit_user")
    entries = db.audit_entries(
        team=team, action=action, subject=who.strip() or None, actor=user,
        since=dt.datetime.combine(since, dt.time(), tzinfo=dt.timezone.utc) if since else None,
    )
    if not entries:
        st.info(tr("none"))
    else:
        show_table(pd.DataFrame([
            {tr("at"): format_datetime(e["at"], lang, seconds=True), tr("who"): f"{e['actor_name']} ({e['subject']})",
             tr("action"): tr(f"act_{e['action']}") if f"act_{e['action']}" in TEXT else e["action"], tr("object"): f"{e['object_kind'] or ''} {e['object_id'] or ''}".strip(),
             tr("detail"): e["detail"] or ""} for e in entries
        ]), key="audit_table")
