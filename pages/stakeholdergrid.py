"""Stakeholdergrid: influence against interest, with the four classic quadrants."""

from __future__ import annotations

import streamlit as st

import ui
from netanalysis import charts
from ui.widgets import show_chart, show_table, type_options
from netanalysis.schema import type_label

ui.use_app_navigation()

st.title(ui.t("page_grid"))
network = ui.require_network(need_relations=False)
if network is None:
    st.stop()
lang = ui.lang()
st.write(ui.t("grid_intro"))

people = network.stakeholders
rated = people[people["influence"].notna() & people["interest"].notna()]
if rated.empty:
    st.info(ui.t("grid_none"))
    st.stop()

types = st.multiselect(ui.t("filter_types"), type_options(rated["type"]), format_func=lambda k: type_label(k, lang), key="grid_types", placeholder=ui.t("choose"))
if types:
    rated = rated[rated["type"].isin(types)]
show_chart(charts.stakeholder_grid(rated, lang=lang), key="grid_chart")
st.caption(ui.t("grid_count", rated=len(rated), total=len(people)))

quadrant_labels = {"manage_closely": ui.t("q_manage"), "keep_satisfied": ui.t("q_satisfy"),
                   "keep_informed": ui.t("q_inform"), "monitor": ui.t("q_monitor")}
quadrant = [quadrant_labels[charts.grid_quadrant(i, j)] for i, j in zip(rated["influence"], rated["interest"])]
table = rated.assign(quadrant=quadrant)[["name", "type", "organisation", "influence", "interest", "quadrant"]]
show_table(table.sort_values(["influence", "interest"], ascending=False), key="grid_table")
