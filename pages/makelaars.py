"""Makelaars: who connects otherwise separate people and groups, and who is a
single point of failure."""

from __future__ import annotations

import streamlit as st

import ui
from netanalysis import charts
from ui import cached
from ui.exactness import show_method_note
from ui.widgets import show_chart, show_table

ui.use_app_navigation()

st.title(ui.t("page_brokers"))
network = ui.require_network()
if network is None:
    st.stop()
lang = ui.lang()
st.write(ui.t("brokers_intro"))

c1, c2 = st.columns(2)
group = c1.selectbox(
    ui.t("brokers_group"), ["type", "organisation", "area"], key="brokers_group",
    format_func=lambda g: ui.t(f"group_{g}"), placeholder=ui.t("choose"),
)
top = c2.slider(ui.t("brokers_top"), 5, 50, 15, key="brokers_top")

with st.spinner(ui.t("computing")):
    table = cached.brokers(network, lang, group)
    centrality = cached.centrality(network)
show_method_note(network, centrality)

main_columns = ["name", "type", "description", "betweenness", "constraint", "effective_size", "brokerage_total", "is_cut_point"]
show_table(table.head(top)[[c for c in main_columns if c in table.columns]], key="brokers_table")
with st.expander(ui.t("brokers_details")):
    detail_columns = ["name", "degree", "efficiency", "hierarchy", "coordinator", "itinerant", "gatekeeper",
                      "representative", "liaison", "cut_off"]
    show_table(table.head(top)[[c for c in detail_columns if c in table.columns]], key="brokers_details")

show_chart(charts.broker_bar(table, lang=lang, top=top), key="brokers_chart")

st.subheader(ui.t("brokers_spof"))
st.caption(ui.t("brokers_spof_help"))
spof = cached.single_points(network)
if len(spof):
    show_table(spof[[c for c in ("name", "type", "civil_servant_name", "cut_off") if c in spof]], key="brokers_spof")
else:
    st.success(ui.t("brokers_no_spof"))

with st.expander(ui.t("brokers_explain_title")):
    st.markdown(ui.t("brokers_explain"))
