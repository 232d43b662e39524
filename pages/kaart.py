"""Kaart: the network map, with filters, highlights, search and a beamer mode."""

from __future__ import annotations

import streamlit as st

import ui
from netanalysis import maps
from netanalysis.schema import type_label
from ui import analysis
from ui.widgets import show_map, stakeholder_picker, type_options

ui.use_app_navigation()

network = ui.require_network(need_relations=False)
if network is None:
    st.stop()

lang = ui.lang()
people = network.stakeholders
all_themes = sorted({theme for themes in people["themes"] for theme in themes}, key=str.casefold)
all_areas = sorted({a for a in people["area"] if a}, key=str.casefold)
community_info = analysis.communities(network) if len(network.relations) else {"membership": {}, "modularity": 0.0}
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

view = network.filter(types=types, themes=themes, areas=areas, min_strength=min_strength if min_strength > 1 else None)
if communities:
    view = view.subset(n for n in view.ids if membership.get(n) in set(communities))

focus = stakeholder_picker(view, ui.t("map_search"), key="map_focus") if len(view) else None

if len(view) == 0:
    st.info(ui.t("map_nothing_left"))
    st.stop()

with st.spinner(ui.t("computing")):
    # Positions come from the whole network, so a filter never moves anyone.
    positions = analysis.layout(network)
    G = view.to_graph()
    highlight: dict = {"focus": focus}
    size_values = None
    if len(network.relations):
        if size_by != "none":
            size_values = analysis.centrality(network)[size_by].to_dict()
        if show_brokers:
            brokers = analysis.brokers(network, lang)
            highlight["brokers"] = set(brokers.index[: max(3, len(brokers) // 25)])
        if show_cuts:
            from netanalysis import brokers as broker_analysis

            highlight["cut_points"] = set(broker_analysis.cut_points(G))
            highlight["bridges"] = set(broker_analysis.bridges(G))
        if show_isolated:
            isolated = analysis.gaps(network, lang)["isolated_initiatives"]
            highlight["isolated"] = {row["id"] for row in isolated}
    suggested = []
    if show_suggestions and len(network.relations):
        table = analysis.suggestions(network, lang)
        in_view = set(view.ids)
        for row in table.head(20).itertuples(index=False):
            if row.source in in_view and row.target in in_view:
                suggested.append((row.source, row.target, row.reason))
    height = 820 if presentation else 650
    if G.number_of_nodes() > maps.COMMUNITY_THRESHOLD:
        st.info(ui.t("map_too_large", n=G.number_of_nodes(), threshold=maps.COMMUNITY_THRESHOLD))
        html = maps.community_overview_html(G, {n: membership[n] for n in G if n in membership}, lang=lang, height_px=height)
    else:
        html = maps.network_html(
            G, lang=lang, size_by=size_values, highlight=highlight, suggestions=suggested,
            positions={n: positions[n] for n in G if n in positions}, presentation=presentation, height_px=height,
        )
show_map(html, height=height, alt=ui.t("map_alt", n=G.number_of_nodes()))
st.caption(ui.t("map_caption", shown=G.number_of_nodes(), total=len(network), ties=G.number_of_edges()))
