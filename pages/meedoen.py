"""Meedoen: the participant's form, phone first. Who are you, and whom do you
work with? Participants can change their own entries, never anyone else's."""

from __future__ import annotations

import uuid

import streamlit as st

import ui
from netanalysis.schema import RELATION_TYPES, STAKEHOLDER_TYPES, OTHER, relation_type_label, type_label
from netanalysis.workshop import WorkshopError, normalise_code
from ui import resume, room
from ui.storage import store

ui.use_app_navigation()

lang = ui.lang()
db = store()
st.title(ui.t("page_participant"))

code = normalise_code(st.query_params.get("code", "") or st.session_state.get("participant_code", ""))
if not code:
    with st.form("join"):
        typed = st.text_input(ui.t("ws_code"), max_chars=20, key="join_code")
        if st.form_submit_button(ui.t("join"), type="primary", width="stretch"):
            st.session_state["participant_code"] = normalise_code(typed)
            st.rerun()
    st.stop()

try:
    workshop = room.join(db, code)  # counted once per session, per address and per workshop
except WorkshopError as error:
    st.error(error.text(lang))
    st.session_state.pop("participant_code", None)
    st.stop()
st.session_state["participant_code"] = code
token = resume.participant_token(code)  # kept in the browser: a reload can still edit or withdraw
st.subheader(ui.escape_markdown(workshop.title))
if not workshop.is_open:
    st.warning(ui.t("part_closed"))
    st.stop()

people_types = [k for k in STAKEHOLDER_TYPES if k != OTHER]
draft = resume.participant_draft(code, token, db)  # unsent ties survive a reload or a restart

confirmation = st.session_state.pop("participant_confirmation", None)
if confirmation:
    st.success(confirmation)

known = db.workshop_network(code)
known_people = {row.id: f"{row.name} ({type_label(row.type, lang)})" for row in known.stakeholders.itertuples(index=False)}
themes_known = sorted({t for ts in known.stakeholders["themes"] for t in ts}, key=str.casefold)
mine = db.my_submissions(code, token)
previous = next((s.payload for s in mine if s.submission_id == draft["editing"]), None) or (mine[-1].payload if mine else None)
me_before = (previous or {}).get("me", {})

st.markdown(f"### 1. {ui.t('part_who')}")
name = st.text_input(ui.t("part_name"), value=me_before.get("name", ""), max_chars=100, key="part_name")
kind = st.selectbox(ui.t("part_type"), people_types, index=people_types.index(me_before.get("type", "resident")) if me_before.get("type") in people_types else 1,
                    format_func=lambda k: type_label(k, lang), key="part_type")
organisation = st.text_input(ui.t("part_organisation"), value=me_before.get("organisation") or "", max_chars=100, key="part_org")
themes = st.multiselect(ui.t("part_themes"), sorted(set(themes_known) | set(me_before.get("themes", [])), key=str.casefold),
                        default=me_before.get("themes", []), accept_new_options=True, max_selections=10, key="part_themes",
                        placeholder=ui.t("part_themes_placeholder"))
area = st.text_input(ui.t("part_area"), value=me_before.get("area") or "", max_chars=60, key="part_area")

st.markdown(f"### 2. {ui.t('part_with_whom')}")
with st.form("add_tie", clear_on_submit=True):
    existing = st.selectbox(ui.t("part_existing"), [None] + list(known_people), format_func=lambda i: ui.t("part_someone_new") if i is None else known_people[i], key="tie_existing")
    new_name = st.text_input(ui.t("part_new_name"), max_chars=100, key="tie_name")
    new_type = st.selectbox(ui.t("part_new_type"), people_types, format_func=lambda k: type_label(k, lang), key="tie_type")
    relation = st.selectbox(ui.t("part_relation"), RELATION_TYPES[:-1], format_func=lambda k: relation_type_label(k, lang), key="tie_relation")
    strength = st.slider(ui.t("part_strength"), 1, 5, 3, key="tie_strength", help=ui.t("part_strength_help"))
    if st.form_submit_button(ui.t("part_add"), width="stretch"):
        if existing is None and not new_name.strip():
            st.error(ui.t("part_need_name"))
        else:
            tie = {"stakeholder_id": existing} if existing else {"name": new_name.strip(), "type": new_type}
            tie.update(relation_type=relation, strength=strength)
            draft["ties"].append(tie)
            resume.keep_participant_draft(code, token, db)

for index, tie in enumerate(list(draft["ties"])):
    who = known_people.get(tie.get("stakeholder_id"), f"{tie.get('name')} ({type_label(tie.get('type', 'other'), lang)})")
    col1, col2 = st.columns([4, 1])
    col1.write(f"{ui.escape_markdown(who)} · {relation_type_label(tie['relation_type'], lang)} · {tie['strength']}/5")
    if col2.button(ui.t("part_remove"), key=f"remove_tie_{index}"):
        draft["ties"].pop(index)
        resume.keep_participant_draft(code, token, db)
        st.rerun()

st.markdown("### 3.")
_clicked = st.button(ui.t("part_send") if draft["editing"] is None else ui.t("part_update"), type="primary", width="stretch", key="part_send")
if _clicked:
    payload = {"me": {"name": name, "type": kind, "organisation": organisation, "themes": themes, "area": area},
               "ties": draft["ties"]}
    try:
        if draft["editing"]:
            db.update_submission(code, token, draft["editing"], payload, client=room.client_address())
        else:
            db.submit(code, token, payload, submission_id=draft["submission_id"], client=room.client_address())
    except WorkshopError as error:
        st.error(error.text(lang))
    else:
        st.session_state["participant_confirmation"] = ui.t("part_thanks", n=len(draft["ties"]))
        st.session_state["participant_draft"] = {"ties": [], "submission_id": uuid.uuid4().hex, "editing": None}
        resume.keep_participant_draft(code, token, db)
        st.rerun()

if mine:
    st.markdown(f"### {ui.t('part_mine')}")
    for submission in mine:
        col1, col2, col3 = st.columns([3, 1, 1])
        col1.write(f"{ui.escape_markdown(submission.payload['me']['name'])} · {len(submission.payload.get('ties', []))} {ui.t('ws_relations').lower()}")
        if col2.button(ui.t("part_edit"), key=f"edit_{submission.submission_id}"):
            st.session_state["participant_draft"] = {"ties": list(submission.payload.get("ties", [])), "submission_id": submission.submission_id, "editing": submission.submission_id}
            resume.keep_participant_draft(code, token, db)
            st.rerun()
        if col3.button(ui.t("part_withdraw"), key=f"withdraw_{submission.submission_id}"):
            db.withdraw_submission(code, token, submission.submission_id)
            st.rerun()
