"""Kaart: the network map first, fitted to the screen; filters folded away;
a click on a stakeholder opens their details; a beamer mode; the map in words."""

from __future__ import annotations

import streamlit as st

import ui
from netanalysis import map_words, maps, overview
from netanalysis.i18n import format_count
from netanalysis.schema import type_label
from ui import cached
from ui.map_component import map_frame
from ui.widgets import hide_app_chrome, stakeholder_picker, type_options

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

# A plain session key, not a widget: beamer mode hides every control,
# including the one that switched it on.
beamer = bool(st.session_state.get("map_beamer", False))


def set_beamer(on: bool) -> None:
    st.session_state["map_beamer"] = on


if beamer:
    hide_app_chrome(padding="0.25rem 0.5rem 1rem 0.5rem")  # the map alone, edge to edge
else:
    title, switch = st.columns([3, 1], vertical_alignment="bottom")
    title.title(ui.t("page_map"))
    switch.button(ui.t("map_presentation"), key="map_beamer_on", help=ui.t("map_presentation_help"),
                  on_click=set_beamer, args=(True,), width="stretch")

# The filters keep their values while folded away or hidden on the beamer.
types, themes, areas, communities = (st.session_state.get(k, []) for k in
                                     ("map_types", "map_themes", "map_areas", "map_communities"))
min_strength = st.session_state.get("map_min_strength", 1)
size_by = st.session_state.get("map_size_by", "betweenness")
colour = st.session_state.get("map_colour", "type")
highlights = [name for name, key, default in (("brokers", "map_hl_brokers", True), ("cuts", "map_hl_cuts", False),
                                              ("isolated", "map_hl_isolated", True),
                                              ("suggestions", "map_hl_suggestions", False))
              if st.session_state.get(key, default)]
focus = st.session_state.get("map_focus")
if not beamer:
    with st.expander(ui.t("map_filters"), expanded=False):
        with st.form("map_filter_form"):
            c1, c2, c3 = st.columns(3)
            types = c1.multiselect(ui.t("filter_types"), type_options(people["type"]),
                                   format_func=lambda k: type_label(k, lang), key="map_types", placeholder=ui.t("choose"))
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
            colour = st.radio(ui.t("map_colour"), ["type", "community"], horizontal=True, key="map_colour",
                              format_func=lambda k: ui.t(f"map_colour_{k}"))
            st.form_submit_button(ui.t("apply"))
        h1, h2, h3, h4 = st.columns(4)
        show = [h1.toggle(ui.t("hl_brokers"), value=True, key="map_hl_brokers"),
                h2.toggle(ui.t("hl_cuts"), key="map_hl_cuts"),
                h3.toggle(ui.t("hl_isolated"), value=True, key="map_hl_isolated"),
                h4.toggle(ui.t("hl_suggestions"), key="map_hl_suggestions")]
        highlights = [name for name, on in zip(("brokers", "cuts", "isolated", "suggestions"), show) if on]
        search_slot = st.container()

# The bubbles clicked in the community overview, one list per level: a
# community still too large to draw node by node opens as subgroups.
drill = [list(level) for level in st.session_state.get("map_drill") or []]
view = cached.view(network, types=types, themes=themes, areas=areas,
                   min_strength=min_strength if min_strength > 1 else None, communities=communities)
view = cached.drilled(network, view, drill)

if not beamer and len(view):
    with search_slot:
        focus = stakeholder_picker(view, ui.t("map_search"), key="map_focus")

if len(view) == 0:
    st.info(ui.t("map_nothing_left"))
    st.stop()

G = view.to_graph()
with st.spinner(ui.t("computing")):
    parts = cached.map_parts(network, view, lang=lang, size_by=size_by, highlights=highlights, focus=focus,
                             presentation=beamer, height=400, colour=colour)
# The map fills the screen below the title and the folded filters (at
# 1440 x 900 the frame ends above the fold; the caption follows below).
height = "calc(100vh - 0.5rem)" if beamer else "max(420px, calc(100vh - 265px))"


def drill_up() -> None:
    levels = list(st.session_state.get("map_drill") or [])[:-1]
    if levels:
        st.session_state["map_drill"] = levels
    else:
        st.session_state.pop("map_drill", None)


if drill and not beamer:
    # Above the map: the way back is where the eye is after a click.
    st.button(ui.t("map_back_to_overview"), key="map_drill_off", on_click=drill_up)
clicked = map_frame(parts["html"], height=height, title=ui.t("map_alt", n=G.number_of_nodes()), key="kaart_map")


def open_ego(stakeholder: str) -> None:
    st.session_state["ego_default"] = stakeholder
    st.session_state.pop("ego_who", None)


@st.dialog(ui.t("map_details"), width="large")
def details(stakeholder: str) -> None:
    person = network.stakeholder(stakeholder)
    st.subheader(ui.escape_markdown(person["name"]))
    facts = [type_label(person["type"], lang)]
    facts += [person[k] for k in ("organisation", "area", "role") if person.get(k)]
    if person["themes"]:
        facts.append(", ".join(person["themes"]))
    st.caption(" · ".join(ui.escape_markdown(f) for f in facts))
    contacts = network.ego(stakeholder, 1)
    st.metric(ui.t("ego_direct"), len(contacts) - 1)
    if len(network.relations) and stakeholder in network.ids:
        brokers = cached.brokers(network, lang)
        if stakeholder in brokers.index:
            st.info(f"**{ui.t('ego_role')}:** {ui.escape_markdown(brokers.loc[stakeholder]['description'])}")
    if st.button(ui.t("map_view_ego", name=ui.escape_markdown(person["name"])), type="primary", key="map_open_ego",
                 on_click=open_ego, args=(stakeholder,)):
        st.switch_page("pages/mijn_netwerk.py")


if clicked is not None:
    if parts["overview"]:
        # A bubble is a community (or all small ones): draw it node by node.
        chosen = overview.overview_members(parts["membership"], clicked)
        if chosen:
            st.session_state["map_drill"] = drill + [chosen]
            st.rerun()
    elif clicked in network.ids:
        details(clicked)

if beamer:
    st.button(ui.t("map_presentation_off"), key="map_beamer_off", on_click=set_beamer, args=(False,))
    st.stop()

if focus is not None:
    if st.button(ui.t("map_view_ego", name=ui.escape_markdown(network.stakeholder(focus)["name"])), key="map_focus_ego",
                 on_click=open_ego, args=(focus,)):
        st.switch_page("pages/mijn_netwerk.py")
if parts["overview"]:
    st.info(ui.t("map_subgroups" if parts["subgroups"] else "map_too_large", n=format_count(G.number_of_nodes(), lang),
                 threshold=format_count(maps.COMMUNITY_THRESHOLD, lang)))
st.caption(ui.t("map_caption", shown=G.number_of_nodes(), total=len(network), ties=G.number_of_edges()))

if parts["words"] is not None:
    with st.expander(ui.t("map_in_words"), expanded=False):
        st.caption(ui.t("map_in_words_help"))
        # Plain HTML (every cell escaped by words_html): a screen reader gets
        # every row, and the browser draws it at once, where st.table held
        # the map back by more than a second on a 2-core machine.
        st.html(map_words.words_html(parts["words"], caption=ui.t("map_in_words"), lang=lang))
