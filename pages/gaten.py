"""Gaten: isolated initiatives, silos, groups with few ties between them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from netanalysis import charts
from netanalysis.communities import MISSING_GROUP, OTHER_GROUPS, REST_COMMUNITY
from netanalysis.i18n import format_decimal, steps_text
from netanalysis.schema import type_label
from ui import cached
from ui.widgets import show_chart, show_table

ui.use_app_navigation()

st.title(ui.t("page_gaps"))
network = ui.require_network()
if network is None:
    st.stop()
lang = ui.lang()
st.write(ui.t("gaps_intro"))

with st.spinner(ui.t("computing")):
    summary = cached.gaps(network, lang)
headline = summary["headline"]
lonely = summary["isolated_initiatives"]

c1, c2, c3, c4 = st.columns(4)
c1.metric(ui.t("gaps_isolated"), len(lonely))
c2.metric(ui.t("gaps_components_without"), headline["components_without_civil_servant"])
c3.metric(ui.t("gaps_communities"), headline["communities"], help=ui.t("gaps_modularity", q=format_decimal(headline["modularity"] or 0, lang, 2)))
c4.metric(ui.t("gaps_uncovered"), headline["uncovered_themes"])

st.subheader(ui.t("gaps_isolated_title"))
if lonely:
    isolated = pd.DataFrame(lonely)
    # The distance in words ("drie stappen"); no route at all reads as a dash.
    isolated["distance"] = isolated["distance"].map(lambda d: steps_text(int(d), lang) if d == d and d is not None else None)
    show_table(isolated[["name", "reason", "distance", "via_name"]], key="gaps_isolated")
else:
    st.success(ui.t("gaps_no_isolated"))

st.subheader(ui.t("brokers_spof"))
spof = cached.single_points(network)
if len(spof):
    show_table(spof[[c for c in ("name", "type", "civil_servant_name", "cut_off") if c in spof]], key="gaps_spof")
else:
    st.success(ui.t("brokers_no_spof"))

st.subheader(ui.t("gaps_mixing_title"))
st.caption(ui.t("gaps_mixing_help"))
attribute = st.radio(
    ui.t("gaps_mixing_by"), ["type", "organisation", "area", "community"], horizontal=True,
    format_func=lambda g: ui.t(f"group_{g}"), key="gaps_mixing_by",
)
mixing = cached.mixing(network, attribute)


def group_label(group) -> str:
    if group == MISSING_GROUP:
        return ui.t("group_missing")
    if group == OTHER_GROUPS or (attribute == "community" and group == REST_COMMUNITY):
        return ui.t("group_other")
    if attribute == "type":
        return type_label(group, lang)
    if attribute == "community":
        return ui.t("community_label", number=int(group) + 1)
    return str(group)


density = mixing["density"].rename(index=group_label, columns=group_label)
show_chart(
    charts.mixing_heatmap(density, lang=lang, title=ui.t("gaps_density_title", by=ui.t(f"group_{attribute}"))),
    key="gaps_heatmap",
)
ei = mixing["ei"].assign(group=lambda frame: frame["group"].map(group_label))
st.markdown(f"**{ui.t('gaps_ei_title')}**")
st.caption(ui.t("gaps_ei_help"))
show_table(ei.rename(columns={"ei": "ei_index"})[["group", "size", "internal", "external", "ei_index"]], key="gaps_ei")

st.subheader(ui.t("gaps_communities_title"))
profiles = pd.DataFrame(summary["communities"])
if len(profiles):
    profiles["community"] = profiles["community"].map(lambda c: ui.t("community_label", number=int(c) + 1))
    show_table(profiles[["community", "size", "summary", "top_themes", "top_areas", "top_organisations"]], key="gaps_profiles")

if summary["uncovered_themes"]:
    st.subheader(ui.t("gaps_uncovered_title"))
    uncovered = pd.DataFrame(summary["uncovered_themes"])
    # Names, never ids or internal column keys, where a person reads.
    show_table(uncovered[["theme", "initiative_names"]].rename(columns={"initiative_names": "initiatives"}), key="gaps_uncovered")
