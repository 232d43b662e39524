"""Ontbrekende verbindingen: who should meet, why, and who can introduce them.
Accepting a suggestion adds the relation to the active network."""

from __future__ import annotations

import streamlit as st

import ui
from netanalysis.i18n import format_decimal
from netanalysis.schema import type_label
from netanalysis.edits import decided_pairs
from ui import cached, draft
from ui.widgets import type_options

ui.use_app_navigation()

st.title(ui.t("page_suggestions"))
network = ui.require_network()
if network is None:
    st.stop()
lang = ui.lang()
st.write(ui.t("sugg_intro"))
st.caption(ui.t("score_help"))

with st.spinner(ui.t("computing")):
    table = cached.suggestions(network, lang)

types_of = dict(zip(network.stakeholders["id"], network.stakeholders["type"]))
themes = sorted({t for ts in table.get("shared_themes", []) for t in (ts or [])}, key=str.casefold)
c1, c2, c3 = st.columns(3)
kinds = c1.multiselect(ui.t("sugg_kind"), ["structural", "thematic", "access"], format_func=lambda k: ui.t(f"kind_{k}"), key="sugg_kinds", placeholder=ui.t("choose"))
wanted_types = c2.multiselect(ui.t("filter_types"), type_options(network.stakeholders["type"]), format_func=lambda k: type_label(k, lang), key="sugg_types", placeholder=ui.t("choose"))
wanted_themes = c3.multiselect(ui.t("filter_themes"), themes, key="sugg_themes", placeholder=ui.t("choose"))

# Accepted and dismissed introductions are part of the concept (and of saved versions).
decided = decided_pairs(draft.decisions())
shown = table[[frozenset((s, t)) not in decided for s, t in zip(table["source"], table["target"])]]
if kinds:
    shown = shown[shown["kind"].isin(kinds)]
if wanted_types:
    shown = shown[shown["source"].map(types_of).isin(wanted_types) | shown["target"].map(types_of).isin(wanted_types)]
if wanted_themes:
    shown = shown[shown["shared_themes"].map(lambda ts: bool(set(ts or []) & set(wanted_themes)))]

accepted = st.session_state.get("accepted_message")
if accepted:
    st.success(accepted)
    st.session_state.pop("accepted_message")

if shown.empty:
    st.info(ui.t("sugg_none"))
    st.stop()

limit = st.slider(ui.t("sugg_how_many"), 5, 50, 10, key="sugg_limit")
for rank, row in enumerate(shown.head(limit).itertuples(index=False), start=1):
    with st.container(border=True):
        left, right = st.columns([5, 1])
        left.markdown(
            f"**{rank}. {ui.escape_markdown(row.source_name)} ↔ {ui.escape_markdown(row.target_name)}**  "
            f"·  {ui.t(f'kind_{row.kind}')}  ·  {ui.t('score')} {format_decimal(row.score, lang, 2)}"
        )
        left.markdown(ui.escape_markdown(row.reason))
        if getattr(row, "introducer_name", None):
            left.caption(ui.t("sugg_introducer", name=ui.escape_markdown(row.introducer_name)))
        if getattr(row, "next_step", None):
            left.markdown(f"**{ui.t('sugg_next_step')}** {ui.escape_markdown(row.next_step)}")
        pair_key = f"{row.source}__{row.target}"
        if right.button(ui.t("sugg_accept"), key=f"accept_{pair_key}", type="primary"):
            if draft.accept(row.source, row.target, {row.source: row.source_name, row.target: row.target_name}, ui.t("sugg_note")):
                st.session_state["accepted_message"] = ui.t("sugg_accepted", a=ui.escape_markdown(row.source_name), b=ui.escape_markdown(row.target_name))
                st.rerun()
        if right.button(ui.t("sugg_dismiss"), key=f"dismiss_{pair_key}"):
            if draft.decide(row.source, row.target, "dismissed", {row.source: row.source_name, row.target: row.target_name}):
                st.rerun()
