"""Versies en verloop: save the active network as a version, open or restore
a version, compare two versions, follow the key figures over time, and
forget a person (AVG)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

import ui
from netanalysis.i18n import format_datetime
from netanalysis import charts
from netanalysis.compare import HEADLINE_FIGURES, compare_networks, headline_series
from netanalysis.compare import MESSAGES as COMPARE_MESSAGES
from netanalysis.access import AccessDenied
from netanalysis.privacy import forget_in_network
from ui import auth, draft
from ui.storage import store
from netanalysis.schema import relation_type_label
from ui.text_report import REPORT_UI, tr
from ui.formats import styled_numbers
from ui.widgets import show_table

ui.use_app_navigation()

ACTIVE = "active"

st.title(ui.t("page_versions"))
lang = ui.lang()
db = store()
network = ui.active_network()
user = auth.current_user()
team = auth.current_team()


def labelled(frame: pd.DataFrame) -> pd.DataFrame:
    """Column headers of this page's own tables in the session's language
    (the shared ones, like name and type, are translated by ``show_table``)."""
    return frame.rename(columns={c: tr(f"col_{c}") for c in frame.columns if f"col_{c}" in REPORT_UI})


def relation_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Added or removed relations with the relation type in words."""
    rows = frame[["source_name", "target_name", "type"]].copy()
    rows["type"] = rows["type"].map(lambda k: relation_type_label(k, lang))
    return rows.rename(columns={"type": "relation_type"})


def version_label(info) -> str:
    note = info.note if len(info.note) <= 60 else info.note[:57] + "…"
    return tr("ver_label", number=info.number, date=format_datetime(info.created_at, lang), note=note or "—")


@st.cache_data(max_entries=16, show_spinner=False)
def trend(network_name: str, newest_version_id: int, lang: str, team: str | None, _user) -> pd.DataFrame:
    # Keyed on the newest version: a save adds a version and so a new entry.
    # The team is part of the key; the user is not, but the caller may see the team.
    return headline_series(store(), network_name, team=team, actor=_user)


tab_save, tab_list, tab_compare, tab_trend, tab_forget = st.tabs(
    [tr("ver_tab_save"), tr("ver_tab_list"), tr("ver_tab_compare"), tr("ver_tab_trend"), tr("ver_tab_forget")]
)

# -- save ---------------------------------------------------------------------------------
with tab_save:
    st.caption(tr("ver_save_help"))
    with st.form("version_save_form"):
        name = st.text_input(tr("ver_name"), value=network.name or "", max_chars=200, key="version_name")
        note = st.text_area(tr("ver_note"), max_chars=2000, key="version_note")
        author = st.text_input(tr("ver_author"), max_chars=200, key="version_author")
        save = st.form_submit_button(tr("ver_save"), type="primary")
    if save:
        try:
            version_id = draft.save_version(name=name, note=note, author=author or user.name)
        except AccessDenied as error:
            auth.show_denied(error)
        except ValueError as error:
            st.error(tr("ver_save_failed", reason=str(error)))
        else:
            info = db.version_info(version_id, actor=user)
            st.success(tr("ver_saved", number=info.number, name=ui.escape_markdown(info.network)))

saved = db.list_networks(team=team, actor=user) if team else []
names = [n["name"] for n in saved]

# -- list, open, restore --------------------------------------------------------------
with tab_list:
    if not names:
        st.info(tr("ver_none"))
    else:
        default = names.index(network.name) if network.name in names else 0
        chosen = st.selectbox(tr("ver_network"), names, index=default, key="versions_network", placeholder=ui.t("choose"))
        versions = db.list_versions(chosen, team=team, actor=user)
        table = pd.DataFrame(
            [{"number": v.number, "created_at": format_datetime(v.created_at, lang), "note": v.note, "author": v.author,
              "stakeholders": v.stakeholders, "relations": v.relations,
              "restored_from": next((o.number for o in versions if o.id == v.restored_from), None)} for v in versions]
        )
        st.dataframe(labelled(table), hide_index=True, width="stretch", key="versions_table", placeholder="—")
        picked = st.selectbox(tr("ver_pick"), versions, format_func=version_label, key="versions_pick", placeholder=ui.t("choose"))
        confirmed = draft.confirm_replace("version_replace")
        c1, c2 = st.columns(2)
        if c1.button(tr("ver_open"), key="version_open", type="primary", disabled=not confirmed):
            if ui.set_active_network(db.open_version(picked.id, actor=user), source=f"{picked.network} v{picked.number}",
                                     action="opened_version", number=picked.number, name=picked.network,
                                     decisions_after=db.version_decisions(picked.id, actor=user), saved_version=picked.id):
                st.session_state["versions_message"] = tr("ver_opened", number=picked.number, name=ui.escape_markdown(picked.network))
                st.rerun()
        if c2.button(tr("ver_restore"), key="version_restore", help=tr("ver_restore_help"),
                     disabled=not user.may("restore", team) or not confirmed):
            try:
                new_id = db.restore_version(picked.id, lang=lang, actor=user)
            except AccessDenied as error:
                auth.show_denied(error)
            else:
                info = db.version_info(new_id, actor=user)
                if ui.set_active_network(db.load_version(new_id, actor=user), source=f"{info.network} v{info.number}",
                                         action="opened_version", number=info.number, name=info.network,
                                         decisions_after=db.version_decisions(new_id, actor=user), saved_version=new_id):
                    st.session_state["versions_message"] = tr("ver_restored", number=info.number)
                    st.rerun()
        if "versions_message" in st.session_state:
            st.success(st.session_state.pop("versions_message"))

# -- compare -----------------------------------------------------------------------------
with tab_compare:
    st.caption(tr("cmp_help"))
    if not names:
        st.info(tr("ver_none"))
    else:
        default = names.index(network.name) if network.name in names else 0
        chosen = st.selectbox(tr("ver_network"), names, index=default, key="compare_network", placeholder=ui.t("choose"))
        versions = db.list_versions(chosen, team=team, actor=user)
        choices = [ACTIVE] + [v.id for v in versions]
        labels = {ACTIVE: tr("cmp_active"), **{v.id: version_label(v) for v in versions}}
        c1, c2 = st.columns(2)
        before_choice = c1.selectbox(tr("cmp_before"), choices, index=min(len(choices) - 1, 2 if len(versions) > 1 else 1),
                                     format_func=labels.get, key="compare_before", placeholder=ui.t("choose"))
        after_choice = c2.selectbox(tr("cmp_after"), choices, index=1 if len(versions) > 1 else 0,
                                    format_func=labels.get, key="compare_after", placeholder=ui.t("choose"))
        # A comparison belongs to its choices: after another choice, ask again.
        request = (chosen, before_choice, after_choice, network.fingerprint(), lang)
        if st.button(tr("cmp_run"), key="compare_run", type="primary"):
            with st.spinner(ui.t("computing")):
                before = network if before_choice == ACTIVE else db.load_version(before_choice, actor=user)
                after = network if after_choice == ACTIVE else db.load_version(after_choice, actor=user)
                st.session_state["comparison"] = (request, compare_networks(before, after, lang=lang))
        stored = st.session_state.get("comparison")
        diff = stored[1] if stored is not None and stored[0] == request else None
        if diff is not None:
            if diff.unchanged:
                st.info(tr("cmp_same"))
            else:
                st.write(tr("cmp_summary", **diff.counts))
            headline = diff.headline
            columns = st.columns(len(HEADLINE_FIGURES))
            for column, key in zip(columns, HEADLINE_FIGURES):
                after_value, change = headline.loc[key, "after"], headline.loc[key, "change"]
                decimals = 3 if key in ("density", "modularity") else 0
                column.metric(
                    COMPARE_MESSAGES.text(key, lang),
                    "–" if pd.isna(after_value) else f"{after_value:.{decimals}f}",
                    None if pd.isna(change) else f"{change:+.{decimals}f}",
                    delta_color="inverse" if key in ("components", "isolated_initiatives") else "normal",
                )
            counts = headline.loc[["stakeholders", "relations", "components", "isolated_initiatives"]]
            figure = go.Figure([
                go.Bar(name=tr("cmp_before"), x=counts["label"], y=counts["before"], marker_color="#999999"),
                go.Bar(name=tr("cmp_after"), x=counts["label"], y=counts["after"], marker_color="#0072B2"),
            ])
            figure.update_layout(barmode="group", title=tr("cmp_chart"), height=360, margin=dict(l=10, r=10, t=50, b=10))
            st.plotly_chart(figure, key="compare_chart", width="stretch")

            def part(title: str, frame: pd.DataFrame, columns: list[str], key: str) -> None:
                st.markdown(f"**{title}**")
                if frame.empty:
                    st.caption(tr("cmp_nothing"))
                else:
                    show_table(labelled(frame[columns]), key=key)

            c1, c2 = st.columns(2)
            with c1:
                part(tr("cmp_people_added"), diff.stakeholders_added, ["name", "type"], "cmp_people_added")
                part(tr("cmp_ties_added"), relation_rows(diff.relations_added), ["source_name", "target_name", "relation_type"], "cmp_ties_added")
                part(tr("cmp_freed"), diff.no_longer_isolated, ["name", "reason"], "cmp_freed")
            with c2:
                part(tr("cmp_people_removed"), diff.stakeholders_removed, ["name", "type"], "cmp_people_removed")
                part(tr("cmp_ties_removed"), relation_rows(diff.relations_removed), ["source_name", "target_name", "relation_type"], "cmp_ties_removed")
                part(tr("cmp_stranded"), diff.newly_isolated, ["name", "reason"], "cmp_stranded")
            part(tr("cmp_brokers"), diff.brokers, ["name", "rank_before", "rank_after", "movement", "status_label"], "cmp_brokers")

# -- trend -------------------------------------------------------------------------------
with tab_trend:
    st.caption(tr("trend_help"))
    if not names:
        st.info(tr("ver_none"))
    else:
        default = names.index(network.name) if network.name in names else 0
        chosen = st.selectbox(tr("ver_network"), names, index=default, key="trend_network", placeholder=ui.t("choose"))
        newest = next(n["latest_version_id"] for n in saved if n["name"] == chosen)
        with st.spinner(ui.t("computing")):
            series = trend(chosen, int(newest), lang, team, user)
        if len(series) < 2:
            st.info(tr("trend_one"))
        st.plotly_chart(charts.headline_trend(series, lang=lang), key="trend_chart", width="stretch")
        shown = series.drop(columns=["version_id"]).rename(columns={k: COMPARE_MESSAGES.text(k, lang) for k in HEADLINE_FIGURES})
        shown["created_at"] = series["created_at"].map(lambda d: format_datetime(d, lang))
        # Density and modularity in the reader's decimals, not the browser's.
        st.dataframe(styled_numbers(labelled(shown), lang), hide_index=True, width="stretch", key="trend_table", placeholder="—")

# -- forget (AVG) ------------------------------------------------------------------------
with tab_forget:
    if not user.may("erase", team or ""):
        auth.show_denied(AccessDenied("denied", action="erase", team=team or "—", role="beheerder"))
        st.stop()
    st.warning(tr("forget_help"))
    with st.form("forget_find_form"):
        who = st.text_input(tr("forget_who"), max_chars=200, key="forget_who")
        find = st.form_submit_button(tr("forget_find"))
    if find:
        st.session_state.pop("forget_done", None)
        query = who.strip()
        _, in_network = forget_in_network(network, query) if query else (network, {"ids": [], "names": []})
        in_database = (db.forget_person(query, dry_run=True, team=team, actor=user) if query
                       else {"ids": [], "names": []})
        st.session_state["forget_preview"] = {"query": query, "network": in_network, "database": in_database}

    preview = st.session_state.get("forget_preview")
    if preview:
        found_names = sorted(set(preview["network"]["names"]) | set(preview["database"]["names"]))
        if not found_names:
            st.info(tr("forget_nothing"))
        else:
            st.write(tr("forget_found", names=ui.escape_markdown(", ".join(found_names))))
            database = preview["database"]
            st.markdown("- " + tr("forget_active", **{k: preview["network"][k] for k in ("stakeholders", "relations", "text_fields")}))
            st.markdown("- " + tr("forget_database", versions=len(database["versions"]), submissions=len(database["submissions"]),
                                  text_fields=database["text_fields"]))
            # Typed, not ticked: erasure cannot be undone, so a slip of the mouse must not do it.
            typed = st.text_input(tr("forget_confirm") + " " + auth.text("forget_type", query=ui.escape_markdown(preview["query"])),
                                  max_chars=200, key="forget_confirm")
            sure = " ".join(typed.split()).casefold() == " ".join(preview["query"].split()).casefold()
            if st.button(tr("forget_go"), type="primary", disabled=not sure, key="forget_go"):
                smaller, removed_here = forget_in_network(network, preview["query"])
                removed_there = db.forget_person(preview["query"], team=team, actor=user)
                # The undo steps would still hold the person: the concept starts a fresh history.
                draft.change(smaller, action="person_forgotten", forget_history=True)
                # Cached analyses and trends may hold the name: drop them all.
                st.cache_data.clear()
                st.session_state.pop("comparison", None)
                st.session_state.pop("report", None)
                st.session_state.pop("forget_preview", None)
                st.session_state["forget_done"] = {
                    "names": found_names, "network": removed_here, "database": removed_there,
                }
                st.rerun()

    done = st.session_state.get("forget_done")
    if done:
        st.success(tr("forget_done", names=ui.escape_markdown(", ".join(done["names"]))))
        st.markdown("- " + tr("forget_active", **{k: done["network"][k] for k in ("stakeholders", "relations", "text_fields")}))
        database = done["database"]
        st.markdown("- " + tr("forget_database", versions=len(database["versions"]), submissions=len(database["submissions"]),
                              text_fields=database["text_fields"]))
        if database["versions"]:
            show_table(labelled(pd.DataFrame(database["versions"])), key="forget_versions")
        if database["submissions"]:
            rows = pd.DataFrame(database["submissions"])
            rows["action"] = rows["action"].map(lambda a: tr(f"action_{a}"))
            show_table(labelled(rows), key="forget_submissions")
        if database.get("files_clean") is False:
            st.warning(auth.text("files_not_clean"))
            if st.button(auth.text("purge_again"), key="forget_purge"):
                database["files_clean"] = db.purge_deleted_data()
                st.rerun()
        st.caption(tr("forget_other_sessions"))
