"""Mijn netwerk: one stakeholder's own network, role, and whom they could introduce."""

from __future__ import annotations

import streamlit as st

import ui
from netanalysis import maps
from netanalysis.i18n import explain, format_count, format_decimal
from netanalysis.schema import type_label
from netanalysis.edits import decided_pairs
from ui import cached, draft
from ui.map_component import map_frame
from ui.widgets import show_table, stakeholder_picker

ui.use_app_navigation()

st.title(ui.t("page_ego"))
network = ui.require_network()
if network is None:
    st.stop()
lang = ui.lang()

c1, c2 = st.columns([3, 1])
with c1:
    me = stakeholder_picker(network, ui.t("ego_who"), key="ego_who", default=st.session_state.get("ego_default"))
radius = c2.radio(ui.t("ego_radius"), [1, 2], horizontal=True, key="ego_radius", format_func=lambda r: ui.t(f"ego_radius_{r}"))
if me is None:
    st.info(ui.t("ego_pick"))
    st.stop()
st.session_state["ego_default"] = me

person = network.stakeholder(me)
ego = network.ego(me, radius)
brokers = cached.brokers(network, lang)
row = brokers.loc[me]

# The person beside their map, so that the map starts above the fold (below
# the facts it began about 600 px down at 1440 x 900).
about, drawn = st.columns([2, 3])
with about:
    st.subheader(person["name"])
    facts = [type_label(person["type"], lang)]
    facts += [person[k] for k in ("organisation", "area", "role") if person.get(k)]
    if person["themes"]:
        facts.append(", ".join(person["themes"]))
    st.caption(" · ".join(ui.escape_markdown(f) for f in facts))
    m1, m2 = st.columns(2)
    m1.metric(ui.t("ego_direct"), int(row["degree"]) if "degree" in row else len(network.ego(me, 1)) - 1)
    m2.metric(ui.t("ego_reach2"), len(network.ego(me, 2)) - 1)
    m3, m4 = st.columns(2)
    m3.metric(ui.t("ego_rank"), f"{format_count(brokers.index.get_loc(me) + 1, lang)} / {format_count(len(brokers), lang)}", help=explain("broker", lang))
    m4.metric(ui.t("ego_constraint"), format_decimal(row["constraint"], lang, 2), help=explain("constraint", lang))
    st.info(f"**{ui.t('ego_role')}:** {ui.escape_markdown(row['description'])}")

G = ego.to_graph()
positions = cached.layout(network)
# Fitted to everyone drawn (the direct contacts, and the second step when
# chosen), not a fixed zoom on the person.
html = maps.network_html(G, lang=lang, highlight={"focus": me}, positions={n: positions[n] for n in G},
                         fit_to=list(G), height_px=480)
with drawn:
    clicked = map_frame(html, height="560px", title=ui.t("map_alt", n=G.number_of_nodes()), key="ego_map")
if clicked is not None and clicked != me and clicked in network.ids:
    # A click on a contact opens that contact's own network.
    st.session_state["ego_default"] = clicked
    st.session_state.pop("ego_who", None)
    st.rerun()

st.subheader(ui.t("ego_introduce"))
st.caption(ui.t("ego_introduce_help"))
pairs = cached.ego_suggestions(network, me, lang)
if len(pairs):
    show_table(pairs[[c for c in ("source_name", "target_name", "reason", "score") if c in pairs]], key="ego_pairs")
else:
    st.write(ui.t("ego_no_pairs"))

st.subheader(ui.t("ego_initiatives"))
initiatives = cached.missing_initiatives(network, me, lang)
# Accepted or dismissed introductions stay out of the list (as on Ontbrekende verbindingen).
decided = decided_pairs(draft.decisions())
initiatives = initiatives[[frozenset((me, other)) not in decided for other in initiatives["id"]]] if len(initiatives) else initiatives
accepted = st.session_state.pop("ego_accepted_message", None)
if accepted:
    st.success(accepted)
if len(initiatives):
    st.caption(ui.t("ego_initiatives_help"))
    # The initiative's own wijk: the shared one alone was empty for every civil servant.
    shown = initiatives.rename(columns={"area": "shared_area"}).rename(columns={"initiative_area": "area"})
    columns = [c for c in ("name", "area", "shared_themes", "reason", "introducer_name") if c in shown]
    show_table(shown[columns], key="ego_initiatives")
    names = dict(zip(initiatives["id"], initiatives["name"]))
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    chosen = left.selectbox(ui.t("ego_accept_which"), list(names), index=None, format_func=names.get,
                            key="ego_accept_which", placeholder=ui.t("choose"))
    if right.button(ui.t("sugg_accept"), key="ego_accept", type="primary", disabled=chosen is None, width="stretch"):
        if draft.accept(me, chosen, {me: person["name"], chosen: names[chosen]}, ui.t("sugg_note")):
            st.session_state["ego_accepted_message"] = ui.t("sugg_accepted", a=ui.escape_markdown(person["name"]),
                                                            b=ui.escape_markdown(names[chosen]))
            st.session_state.pop("ego_accept_which", None)
            st.rerun()
else:
    st.write(ui.t("ego_no_initiatives"))
