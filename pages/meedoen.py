"""Meedoen: the participant's form, phone first. First what happens to your
data and your consent, then who you are and whom you work with.
Participants can change their own entries, never anyone else's, and see
only the names the room may see (issue 16)."""

from __future__ import annotations

import uuid

import streamlit as st

import ui
from netanalysis.schema import RELATION_TYPES, STAKEHOLDER_TYPES, OTHER, relation_type_label, type_label
from netanalysis.submissions import SHOWN_AS
from netanalysis.workshop import WorkshopError, normalise_code
from ui import moderation, resume, room
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

mine = db.my_submissions(code, token)


def show_mine(*, editable: bool) -> None:
    """The participant's own entries: edit (while open) and withdraw (always)."""
    if not mine:
        return
    pending = db.my_pending(code, token)
    st.markdown(f"### {ui.t('part_mine')}")
    for submission in mine:
        col1, col2, col3 = st.columns([3, 1, 1])
        waiting = f" · {ui.t('part_pending')}" if submission.submission_id in pending else ""
        col1.write(f"{ui.escape_markdown(submission.payload['me']['name'])} · "
                   f"{len(submission.payload.get('ties', []))} {ui.t('ws_relations').lower()}{waiting}")
        if editable and col2.button(ui.t("part_edit"), key=f"edit_{submission.submission_id}"):
            draft = st.session_state["participant_draft"]
            draft.update(ties=list(submission.payload.get("ties", [])), submission_id=submission.submission_id,
                         editing=submission.submission_id, me=dict(submission.payload["me"]))
            resume.keep_participant_draft(code, token, db)
            resume.forget_participant_fields()
            st.rerun()
        if col3.button(ui.t("part_withdraw"), key=f"withdraw_{submission.submission_id}"):
            db.withdraw_submission(code, token, submission.submission_id)
            st.rerun()


if not workshop.is_open:
    st.warning(ui.t("part_closed"))
    show_mine(editable=False)  # withdrawing stays possible after closing
    st.stop()

people_types = [k for k in STAKEHOLDER_TYPES if k != OTHER]
draft = resume.participant_draft(code, token, db)  # unsent fields and ties survive a reload or a restart
moderated = db.moderation_enabled(code)

confirmation = st.session_state.pop("participant_confirmation", None)
if confirmation:
    st.success(confirmation)

# Only what the room may see: participants visible by name and names the
# facilitator made choosable; never the seed network (issue 16).
choices = moderation.room_choices(db, code, lang)
known_people = {person["id"]: f"{person['name']} ({type_label(person['type'], lang)})" for person in choices}
themes_known = {theme for person in choices for theme in person["themes"]}
previous = next((s.payload for s in mine if s.submission_id == draft["editing"]), None) or (mine[-1].payload if mine else None)
me_before = draft.get("me") or (previous or {}).get("me", {})

# -- consent first: nothing of the form exists before it -------------------------------------
notice = ui.t("part_privacy_text") + ("\n" + ui.t("part_privacy_moderated") if moderated else "")
shown_before = draft.get("shown_as") or me_before.get("shown_as")
agreed = st.session_state.get("part_consent", bool(draft.get("consent") or me_before.get("consent")))
if agreed and st.session_state.get("part_shown_as", shown_before):
    # Read and agreed: the notice folds away so the form starts higher on a phone.
    with st.expander(ui.t("part_privacy_heading")):
        st.markdown(notice)
else:
    st.markdown(f"### {ui.t('part_privacy_heading')}")
    st.markdown(notice)
shown_as = st.radio(ui.t("part_shown_as"), list(SHOWN_AS), index=SHOWN_AS.index(shown_before) if shown_before in SHOWN_AS else None,
                    format_func=lambda k: ui.t(f"part_shown_as_{k}"), key="part_shown_as")
consent = st.checkbox(ui.t("part_consent"), value=bool(draft.get("consent") or me_before.get("consent")), key="part_consent")
if not (consent and shown_as):
    st.info(ui.t("part_consent_first"))
    show_mine(editable=False)
    st.stop()

st.markdown(f"### 1. {ui.t('part_who')}")
name = st.text_input(ui.t("part_name"), value=me_before.get("name", ""), max_chars=100, key="part_name")
kind = st.selectbox(ui.t("part_type"), people_types, index=people_types.index(me_before.get("type", "resident")) if me_before.get("type") in people_types else 1,
                    format_func=lambda k: type_label(k, lang), key="part_type")
organisation = st.text_input(ui.t("part_organisation"), value=me_before.get("organisation") or "", max_chars=100, key="part_org")
themes = st.multiselect(ui.t("part_themes"), sorted(themes_known | set(me_before.get("themes", [])), key=str.casefold),
                        default=me_before.get("themes", []), accept_new_options=True, max_selections=10, key="part_themes",
                        placeholder=ui.t("part_themes_placeholder"))
area = st.text_input(ui.t("part_area"), value=me_before.get("area") or "", max_chars=60, key="part_area")

me = {"name": name, "type": kind, "organisation": organisation, "themes": themes, "area": area,
      "consent": True, "shown_as": shown_as}
if (draft.get("me"), draft.get("consent"), draft.get("shown_as")) != (me, True, shown_as):
    draft.update(me=me, consent=True, shown_as=shown_as)
    resume.keep_participant_draft(code, token, db)


def add_tie() -> None:
    """Add the tie being typed to the draft and empty the fields (a callback:
    widget values may only be reset before the widgets are drawn)."""
    state = st.session_state
    existing = state.get("tie_existing")
    new_name = (state.get("tie_name") or "").strip()
    if existing is None and not new_name:
        state["tie_missing_name"] = True
        return
    tie = {"stakeholder_id": existing} if existing else {"name": new_name, "type": state.get("tie_type", "civil_servant")}
    tie.update(relation_type=state["tie_relation"], strength=state["tie_strength"])
    state["participant_draft"]["ties"].append(tie)
    resume.keep_participant_draft(code, token, db)
    state["tie_name"] = ""
    state["tie_existing"] = None


st.markdown(f"### 2. {ui.t('part_with_whom')}")
existing = None
if known_people:
    existing = st.selectbox(ui.t("part_existing"), [None] + list(known_people),
                            format_func=lambda i: ui.t("part_someone_new") if i is None else known_people[i], key="tie_existing")
if existing is None:  # the kind of stakeholder is asked only for someone new
    st.text_input(ui.t("part_new_name") if known_people else ui.t("part_tie_name"), max_chars=100, key="tie_name")
    st.selectbox(ui.t("part_new_type"), people_types, format_func=lambda k: type_label(k, lang), key="tie_type")
st.selectbox(ui.t("part_relation"), RELATION_TYPES[:-1], format_func=lambda k: relation_type_label(k, lang), key="tie_relation")
st.slider(ui.t("part_strength"), 1, 5, 3, key="tie_strength", help=ui.t("part_strength_help"))
st.button(ui.t("part_add"), width="stretch", on_click=add_tie, key="tie_add")
if st.session_state.pop("tie_missing_name", False):
    st.error(ui.t("part_need_name"))

for index, tie in enumerate(list(draft["ties"])):
    if "stakeholder_id" in tie:
        who = known_people.get(tie["stakeholder_id"], ui.t("part_chosen_person"))
    else:
        who = f"{tie.get('name')} ({type_label(tie.get('type', 'other'), lang)})"
    col1, col2 = st.columns([4, 1])
    col1.write(f"{ui.escape_markdown(who)} · {relation_type_label(tie['relation_type'], lang)} · {tie['strength']}/5")
    if col2.button(ui.t("part_remove"), key=f"remove_tie_{index}"):
        draft["ties"].pop(index)
        resume.keep_participant_draft(code, token, db)
        st.rerun()

st.markdown(f"### {ui.t('part_send_heading')}")
_clicked = st.button(ui.t("part_send") if draft["editing"] is None else ui.t("part_update"), type="primary", width="stretch", key="part_send")
if _clicked:
    payload = {"me": me, "ties": draft["ties"]}
    try:
        if draft["editing"]:
            db.update_submission(code, token, draft["editing"], payload, client=room.client_address())
        else:
            db.submit(code, token, payload, submission_id=draft["submission_id"], client=room.client_address())
    except WorkshopError as error:
        st.error(error.text(lang))
    else:
        st.session_state["participant_confirmation"] = ui.t("part_thanks_pending" if moderated else "part_thanks", n=len(draft["ties"]))
        # The person stays filled in for a next entry; the ties start afresh.
        st.session_state["participant_draft"] = {"ties": [], "submission_id": uuid.uuid4().hex, "editing": None,
                                                 "me": me, "consent": True, "shown_as": shown_as}
        resume.keep_participant_draft(code, token, db)
        st.rerun()

show_mine(editable=True)
