"""Kaart: the network map, with filters, highlights, search and a beamer mode."""

from __future__ import annotations

import streamlit as st

import ui
from netanalysis import maps
from netanalysis.schema import type_label
from ui import cached
from ui.widgets import show_map, stakeholder_picker, type_options

ui.use_app_navigation()

network = ui.require_network(need_relations=False)
if network is None:
    st.stop()

lang = ui.lang()
people = network.stakeholders
all_themes = sorted({theme for themes in people["themes"] for theme in themes}, key=str.casefold)
all_areas = sorted({a for a in people["area"] if a}, key=str.casefold)
community_info = cached.communities(network) if len(network.relations) else {"membership": {}, "modularity": 0.0}
membership = community_info["membership"]

presentation = st.toggle(ui.t("map_presentation"), key="map_presentation", help=ui.t("map_presentation_help"))
if not presentation:
    st.title(ui.t("page_map"))

with st.expander(ui.t("map_filters"), expanded=not presentation):
    with st.form("map_filter_form"):
        c1, c2, c3 = st.columns(3)
        types = c1.multiselect(ui.t("filter_types"), type_options(people["type"]), format_func=lambda k: type_label(k, lang), key="map_types", placeholder=ui.t("choose"))
        themes = c2.multiselect(ui.t("filter_themes"), all_themes, key="map_themes", placeholder=ui.t("choose"))
        areas = c3.multiselect(ui.t("filter_areas"), all_areas, key="map_areas", placeholder=ui.t("choose"))
        c4, c5, c6 = st.columns(3)
        communities = c4.multiselect(
            ui.t("filter_communities"), sorted(set(membership.values())),
            format_func=lambda c: ui.t("community_label", number=c + 1), key="map_communities",
            placeholder=ui.t("choose"),
        )
        min_strength = c5.slider(ui.t("filter_min_strength"), 1, 5, 1, key="map_min_strength")
        size_by = c6.selectbox(
            ui.t("map_size_by"), ["none", "degree", "betweenness", "eigenvector", "pagerank"],
            format_func=lambda k: ui.t(f"size_{k}"), index=2, key="map_size_by",
        )
        st.form_submit_button(ui.t("apply"))

h1, h2, h3, h4 = st.columns(4)
show_brokers = h1.toggle(ui.t("hl_brokers"), value=True, key="map_hl_brokers")
show_cuts = h2.toggle(ui.t("hl_cuts"), key="map_hl_cuts")
show_isolated = h3.toggle(ui.t("hl_isolated"), value=True, key="map_hl_isolated")
show_suggestions = h4.toggle(ui.t("hl_suggestions"), key="map_hl_suggestions")

view = cached.view(network, types=types, themes=themes, areas=areas,
                     min_strength=min_strength if min_strength > 1 else None, communities=communities)

focus = stakeholder_picker(view, ui.t("map_search"), key="map_focus") if len(view) else None

if len(view) == 0:
    st.info(ui.t("map_nothing_left"))
    st.stop()

highlights = [name for name, on in (("brokers", show_brokers), ("cuts", show_cuts), ("isolated", show_isolated),
                                    ("suggestions", show_suggestions)) if on]
height = 820 if presentation else 650
G = view.to_graph()
if G.number_of_nodes() > maps.COMMUNITY_THRESHOLD:
    st.info(ui.t("map_too_large", n=G.number_of_nodes(), threshold=maps.COMMUNITY_THRESHOLD))
with st.spinner(ui.t("computing")):
    html = cached.map_html(network, view, lang=lang, size_by=size_by, highlights=highlights, focus=focus,
                             presentation=presentation, height=height)
show_map(html, height=height, alt=ui.t("map_alt", n=G.number_of_nodes()))
st.caption(ui.t("map_caption", shown=G.number_of_nodes(), total=len(network), ties=G.number_of_edges()))
