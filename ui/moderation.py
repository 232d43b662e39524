"""The facilitator's side of what the room sees (issue 16): approving entries
before they reach the beamer, merging duplicate names, and choosing which
names phones may offer. Called from ``pages/workshop_leiden.py``.

Everything is shown as it would appear on the map: a participant who chose
to take part as "deelnemer" is shown without their name here too, since
this page is often the one on the beamer.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

import ui
from netanalysis.access import AccessDenied
from netanalysis.schema import relation_type_label, type_label
from netanalysis.workshop import Submission, WorkshopError

__all__ = ["show_moderation", "describe_entry", "room_choices"]

#: Seconds between looks for new entries that wait for approval.
PENDING_REFRESH_SECONDS = 5
#: Entries listed one by one; more are approved with "approve all".
PENDING_SHOWN = 15


@st.cache_data(max_entries=64, ttl=60, show_spinner=False)
def _room_choices(_db, database: str, code: str, changed, lang: str) -> list[dict[str, Any]]:
    return _db.room_choices(code, lang=lang)


def room_choices(db, code: str, lang: str) -> list[dict[str, Any]]:
    """What every phone of workshop ``code`` may choose from, computed once
    per change of the workshop for all phones (merging a seeded workshop
    takes most of a second). Only what every participant may see anyway is
    shared; the 60 s lifetime bounds how long an erasure elsewhere (which
    does not mark the workshop changed) can lag."""
    return _room_choices(db, str(db.url), code, db.last_change(code), lang)


def describe_entry(submission: Submission, lang: str, *, chosen_names: dict[str, str]) -> str:
    """One entry in one line, as the map would show it (no name of someone
    who takes part as "deelnemer"), made inert for markdown."""
    me = submission.payload["me"]
    who = me["name"] if me.get("shown_as") == "name" else ui.t("mod_hidden_participant")
    details = [type_label(me["type"], lang), me.get("organisation"), me.get("area"), ", ".join(me.get("themes", []))]
    ties = []
    for tie in submission.payload.get("ties", []):
        target = chosen_names.get(tie.get("stakeholder_id"), ui.t("part_chosen_person")) if "stakeholder_id" in tie else tie["name"]
        ties.append(f"{target} ({relation_type_label(tie['relation_type'], lang)}, {tie['strength']}/5)")
    line = f"**{ui.escape_markdown(who)}** · " + ui.escape_markdown(" · ".join(d for d in details if d))
    if ties:
        line += " → " + ui.escape_markdown("; ".join(ties))
    return line


def _act(lang: str, action, *args: Any, **kwargs: Any) -> bool:
    """Run a store change; a refusal becomes a message, not a traceback."""
    try:
        action(*args, **kwargs)
    except (WorkshopError, AccessDenied) as error:
        st.error(error.text(lang))
        return False
    return True


def show_moderation(db, code: str, key: str, *, actor, lang: str) -> None:
    """The three facilitator controls, in one collapsed section."""
    with st.expander(ui.t("mod_heading")):
        _approval(db, code, key, actor=actor, lang=lang)
        st.divider()
        merged = db.merged_workshop(code, lang=lang)
        people = merged.network.stakeholders
        label = {row.id: f"{row.name} ({type_label(row.type, lang)})" for row in people.itertuples(index=False)}
        ordered = sorted(label, key=lambda i: label[i].casefold())
        _duplicates(db, code, key, ordered, label, actor=actor, lang=lang)
        st.divider()
        _choosable(db, code, key, merged, ordered, label, actor=actor, lang=lang)


def _approval(db, code: str, key: str, *, actor, lang: str) -> None:
    enabled = db.moderation_enabled(code)
    wanted = st.toggle(ui.t("mod_enabled"), value=enabled, key="mod_enabled", help=ui.t("mod_enabled_help"))
    if wanted != enabled and _act(lang, db.set_moderation, code, key, wanted, actor=actor):
        st.rerun()
    if wanted:
        _pending(db, code, key, actor, lang)


@st.fragment(run_every=PENDING_REFRESH_SECONDS)
def _pending(db, code: str, key: str, actor, lang: str) -> None:
    """The entries waiting for approval; looks again every few seconds."""
    try:
        pending = db.pending_submissions(code, key, actor=actor)
    except (WorkshopError, AccessDenied) as error:
        st.error(error.text(lang))
        return
    if not pending:
        st.caption(ui.t("mod_none_pending"))
        return
    st.markdown(f"**{ui.t('mod_pending', n=len(pending))}**")
    chosen_names = {p["id"]: p["name"] for p in room_choices(db, code, lang)}
    for submission in pending[:PENDING_SHOWN]:
        text, approve, reject = st.columns([6, 1, 1], vertical_alignment="center")
        text.markdown(describe_entry(submission, lang, chosen_names=chosen_names))
        if approve.button(ui.t("mod_approve"), key=f"mod_ok_{submission.submission_id}"):
            if _act(lang, db.approve_submissions, code, key, [submission.submission_id], actor=actor):
                st.rerun()
        if reject.button(ui.t("mod_reject"), key=f"mod_no_{submission.submission_id}"):
            if _act(lang, db.remove_submission, code, key, submission.submission_id, actor=actor):
                st.rerun()
    if st.button(ui.t("mod_approve_all", n=len(pending)), key="mod_ok_all", type="primary"):
        if _act(lang, db.approve_submissions, code, key, [s.submission_id for s in pending], actor=actor):
            st.rerun()


def _duplicates(db, code: str, key: str, ordered: list[str], label: dict[str, str], *, actor, lang: str) -> None:
    st.markdown(f"**{ui.t('mod_merge_heading')}**")
    st.caption(ui.t("mod_merge_help"))
    left, right = st.columns(2)
    duplicate = left.selectbox(ui.t("mod_merge_from"), ordered, index=None, format_func=label.get, key="mod_merge_from",
                               placeholder=ui.t("choose"))
    keep = right.selectbox(ui.t("mod_merge_into"), [i for i in ordered if i != duplicate], index=None,
                           format_func=label.get, key="mod_merge_into", placeholder=ui.t("choose"))
    if st.button(ui.t("mod_merge"), key="mod_merge", disabled=not (duplicate and keep)):
        if _act(lang, db.merge_stakeholders, code, key, duplicate, keep, actor=actor):
            st.rerun()
    for merge in db.workshop_merges(code, lang=lang):
        text, undo = st.columns([6, 2], vertical_alignment="center")
        text.markdown(ui.escape_markdown(ui.t("mod_merged", name=merge["name"], into=merge["into_name"])))
        if undo.button(ui.t("mod_unmerge"), key=f"mod_unmerge_{merge['id']}"):
            if _act(lang, db.unmerge_stakeholder, code, key, merge["id"], actor=actor):
                st.rerun()


def _choosable(db, code: str, key: str, merged, ordered: list[str], label: dict[str, str], *, actor, lang: str) -> None:
    st.markdown(f"**{ui.t('mod_choosable_heading')}**")
    automatic = sorted((label[i] for i in merged.shown_by_name if i in label), key=str.casefold)
    st.caption(ui.t("mod_choosable_help", n=len(automatic)))
    options = [i for i in ordered if i not in merged.hidden and i not in merged.shown_by_name]
    current = [i for i in db.choosable_ids(code) if i in options]
    with st.form("mod_choosable_form"):
        picked = st.multiselect(ui.t("mod_choosable"), options, default=current, format_func=label.get,
                                key="mod_choosable", placeholder=ui.t("choose"))
        if st.form_submit_button(ui.t("mod_choosable_save")):
            if _act(lang, db.set_choosable, code, key, picked, actor=actor):
                st.success(ui.t("mod_choosable_saved", n=len(picked) + len(automatic)))
