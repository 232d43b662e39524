"""Gegevens: view and edit the tables, import files, export in every format."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from ui import auth
from netanalysis import io, maps
from netanalysis.schema import STAKEHOLDER_TYPES, RELATION_TYPES, column_label, relation_type_label, type_label
from netanalysis.validation import validate_tables
from ui import cached, draft
from ui.formats import editable_numbers
from ui.loading import file_loader
from ui.widgets import show_table

ui.use_app_navigation()

st.title(ui.t("page_data"))
network = ui.active_network()
lang = ui.lang()

tab_edit, tab_import, tab_export = st.tabs([ui.t("data_edit"), ui.t("data_import"), ui.t("data_export")])


def editable_stakeholders(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The table as text a person edits: type labels, themes joined with ';',
    scores as typed ("4", "1,5"); with the configuration of those columns."""
    shown = frame.copy()
    shown["type"] = shown["type"].map(lambda k: type_label(k, lang))
    shown["themes"] = shown["themes"].map(lambda ts: "; ".join(ts))
    shown, config = editable_numbers(shown, {c: column_label(c, lang) for c in ("influence", "interest")}, lang)
    return shown.rename(columns={c: column_label(c, lang) for c in shown.columns}), config


def editable_relations(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    shown = frame.copy()
    shown["type"] = shown["type"].map(lambda k: relation_type_label(k, lang))
    shown, config = editable_numbers(shown, {"strength": column_label("strength", lang)}, lang)
    return shown.rename(columns={c: column_label(c, lang) for c in shown.columns}), config


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as the text a spreadsheet would hold, for the same validation as a file."""
    def cell(value):
        if value is None or (isinstance(value, float) and value != value):
            return None
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return frame.apply(lambda column: column.map(cell)).astype(object)


with tab_edit:
    st.caption(ui.t("data_edit_help"))
    type_choices = [type_label(k, lang) for k in STAKEHOLDER_TYPES]
    relation_choices = [relation_type_label(k, lang) for k in RELATION_TYPES]
    people_table, people_numbers = editable_stakeholders(network.stakeholders)
    ties_table, ties_numbers = editable_relations(network.relations)
    with st.form("data_editor_form"):
        st.markdown(f"**{ui.t('data_stakeholders')}**")
        # placeholder="": an empty cell stays empty (Streamlit writes "None" in it otherwise).
        people = st.data_editor(
            people_table, num_rows="dynamic", hide_index=True, width="stretch", key="edit_stakeholders", placeholder="",
            column_config={
                column_label("type", lang): st.column_config.SelectboxColumn(options=type_choices, required=True),
                **people_numbers,
            },
        )
        st.markdown(f"**{ui.t('data_relations')}**")
        ties = st.data_editor(
            ties_table, num_rows="dynamic", hide_index=True, width="stretch", key="edit_relations", placeholder="",
            column_config={
                column_label("type", lang): st.column_config.SelectboxColumn(options=relation_choices),
                **ties_numbers,
            },
        )
        apply = st.form_submit_button(ui.t("data_apply"), type="primary")
    if apply:
        result = validate_tables(
            as_text(people), as_text(ties),
            stakeholder_file=ui.t("data_stakeholders"), relation_file=ui.t("data_relations"),
            name=network.name, report_optional=False,
        )
        if result.network is None:
            st.error(ui.t("data_apply_failed", n=len(result.errors)))
            show_table(result.problems_table(lang), key="edit_problems")
        else:
            if draft.change(result.network.renamed(network.name)):
                st.session_state["data_applied"] = len(result.warnings)
                st.rerun()
    if "data_applied" in st.session_state:
        st.success(ui.t("data_applied", warnings=st.session_state.pop("data_applied")))

with tab_import:
    file_loader(key="data_uploader")

with tab_export:
    st.caption(ui.t("data_export_help"))
    stem = "".join(ch if ch.isalnum() else "_" for ch in (network.name or "netwerk")).strip("_").lower() or "netwerk"
    # Files are made when a button is clicked (a callable), not on every rerun.
    # on_click="ignore": a click only downloads. With Streamlit's default rerun the
    # page's next run could race the file being made, and the button stayed
    # disabled with no download (seen on a cold server in CI).
    # Every export is recorded in the audit log; lezers may not export.
    may_export = auth.can("export")
    try:
        c1, c2, c3 = st.columns(3)
        # Excel with Dutch settings opens a ","-file as one column; ";" with decimal commas as columns.
        # Labels made during the run: AppTest formats options outside it, where the language is not set.
        dialect_labels = {d: ui.t(f"csv_dialect_{d.replace('-', '_')}") for d in io.CSV_DIALECTS}
        dialect = c1.radio(ui.t("csv_dialect"), list(io.CSV_DIALECTS), index=0 if lang == "en" else 1,
                           format_func=dialect_labels.get, key="csv_dialect")
        c1.download_button(ui.t("dl_csv_people"), auth.audited(lambda: io.to_csv_pair(network, lang=lang, dialect=dialect)[0], network.name),
                           f"{stem}_betrokkenen.csv", "text/csv", key="dl_csv_people", on_click="ignore", disabled=not may_export)
        c1.download_button(ui.t("dl_csv_ties"), auth.audited(lambda: io.to_csv_pair(network, lang=lang, dialect=dialect)[1], network.name),
                           f"{stem}_relaties.csv", "text/csv", key="dl_csv_ties", on_click="ignore", disabled=not may_export)
        c2.download_button("Excel (XLSX)", auth.audited(lambda: io.to_xlsx(network, lang=lang), network.name), f"{stem}.xlsx",
                           "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_xlsx", on_click="ignore", disabled=not may_export)
        c2.download_button("JSON (Netwerkkaart)", auth.audited(lambda: io.to_json(network), network.name), f"{stem}.json", "application/json", key="dl_json", on_click="ignore", disabled=not may_export)
        c3.download_button("GraphML", auth.audited(lambda: io.to_graphml(network), network.name), f"{stem}.graphml", "application/xml", key="dl_graphml", on_click="ignore", disabled=not may_export)
        c3.download_button("GEXF (Gephi)", auth.audited(lambda: io.to_gexf(network), network.name), f"{stem}.gexf", "application/xml", key="dl_gexf", on_click="ignore", disabled=not may_export)
        if len(network) and len(network) <= maps.COMMUNITY_THRESHOLD:
            positions = cached.layout(network)
            st.download_button(
                ui.t("dl_map"), auth.audited(lambda: maps.network_html(network.to_graph(), lang=lang, positions=positions).encode("utf-8"), network.name),
                f"{stem}_kaart.html", "text/html", key="dl_map", on_click="ignore", disabled=not may_export,
            )
        st.radio(
            ui.t("dl_chart_format"), ["png", "svg"], horizontal=True, format_func=str.upper, key="chart_format_choice",
            index=["png", "svg"].index(st.session_state.get("chart_format", "png")),
            on_change=lambda: st.session_state.update(chart_format=st.session_state["chart_format_choice"]),
        )
        st.caption(ui.t("dl_charts"))
    except Exception as error:  # an export must never end in a traceback
        ui.show_unexpected(error)
