"""Start: what the active network holds, and loading your own."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from netanalysis.i18n import explain, format_decimal
from netanalysis.schema import STAKEHOLDER_TYPES, type_label
from ui import draft
from ui.loading import file_loader

ui.use_app_navigation()

st.title(ui.t("app_title"))
st.markdown(f"*{ui.t('tagline')}*")
st.write(ui.t("start_intro"))

network = ui.active_network()
summary = network.summary()

st.subheader(ui.escape_markdown(network.name) if network.name else ui.t("active_network"))
cols = st.columns(5)
cols[0].metric(ui.t("metric_stakeholders"), summary["stakeholders"])
cols[1].metric(ui.t("metric_relations"), summary["relations"])
cols[2].metric(ui.t("metric_components"), summary["components"])
cols[3].metric(ui.t("metric_isolates"), summary["isolates"])
cols[4].metric(ui.t("metric_density"), format_decimal(summary["density"], ui.lang(), 3), help=explain("density", ui.lang()))

if len(network):
    counts = pd.DataFrame(
        {
            ui.t("type"): [type_label(k, ui.lang()) for k in STAKEHOLDER_TYPES],
            ui.t("count"): [summary["per_type"][k] for k in STAKEHOLDER_TYPES],
        }
    )
    st.markdown(f"**{ui.t('per_type')}**")
    st.dataframe(counts[counts[ui.t("count")] > 0], hide_index=True, key="type_counts")
else:
    st.info(ui.t("empty_network"))

st.divider()
st.subheader(ui.t("load_title"))
file_loader()
if st.session_state.get("network_source") != "demo":
    confirmed = draft.confirm_replace("use_demo_replace")
    if st.button(ui.t("use_demo"), disabled=not confirmed):
        if ui.set_active_network(ui.demo_network(), source="demo", action="loaded_demo"):
            st.session_state.pop("load_report", None)
            st.rerun()
