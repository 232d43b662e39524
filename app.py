"""Netwerkkaart: the entry point. Page config, language switch, navigation.

Run with ``streamlit run app.py``. Every page is a thin view in ``pages/``;
the analysis lives in ``netanalysis/`` and the shared Streamlit helpers in ``ui/``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

import ui
from netanalysis.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalise_language
from ui import auth, draft, streamlit_text
from ui.storage import start_exact_jobs, storage_faults

HERE = Path(__file__).resolve().parent
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}

st.set_page_config(page_title="Netwerkkaart", page_icon="🕸️", layout="wide")

# The language survives F5 through ?lang=: a reload starts a new session, so
# the address is the only place the choice can live without signing in.
st.session_state.setdefault("lang", normalise_language(st.query_params.get("lang")))
st.sidebar.radio(ui.t("language"), LANGUAGES, key="lang", horizontal=True, format_func=LANGUAGE_NAMES.get)
# Only a non-default language goes into the address: Dutch links stay clean.
if ui.lang() != DEFAULT_LANGUAGE and st.query_params.get("lang") != ui.lang():
    st.query_params["lang"] = ui.lang()
elif ui.lang() == DEFAULT_LANGUAGE and "lang" in st.query_params:
    del st.query_params["lang"]
# <html lang> for screen readers (Streamlit always serves "en"), and Streamlit's
# own fixed English texts in Dutch. The script is a constant per language.
streamlit_text.install(ui.lang())


def page(file: str, title_key: str, icon: str, **options) -> st.Page:
    # The URL is the file name, as in Streamlit's legacy pages/ mode, so a deep
    # link opened right after a server start finds the same page in both modes.
    return st.Page(str(HERE / "pages" / file), title=ui.t(title_key), icon=icon, url_path=Path(file).stem, **options)


if not auth.signed_in():
    # Organisation mode, nobody signed in: the sign-in page, and the join page
    # for workshop participants (who never have an account).
    anonymous = st.navigation([
        st.Page(auth.sign_in_page, title=auth.text("page_sign_in"), icon="🔑", url_path="aanmelden", default=True),
        page("meedoen.py", "page_participant", ":material/smartphone:"),
    ])
    with storage_faults():
        anonymous.run()
    st.stop()

with storage_faults():
    auth.user_sidebar()
    administers = bool(auth.current_user().teams("members"))
    start_exact_jobs()

sections = {
    ui.t("section_analysis"): [
        page("start.py", "page_start", ":material/home:", default=True),
        page("kaart.py", "page_map", ":material/hub:"),
        page("mijn_netwerk.py", "page_ego", ":material/person_pin_circle:"),
        page("makelaars.py", "page_brokers", ":material/share:"),
        page("gaten.py", "page_gaps", ":material/link_off:"),
        page("ontbrekende_verbindingen.py", "page_suggestions", ":material/handshake:"),
        page("stakeholdergrid.py", "page_grid", ":material/grid_view:"),
        page("rapport.py", "page_report", ":material/description:"),
    ],
    ui.t("section_workshop"): [
        page("workshop_leiden.py", "page_facilitator", ":material/co_present:"),
        page("meedoen.py", "page_participant", ":material/smartphone:"),
    ],
    ui.t("section_data"): [
        page("gegevens.py", "page_data", ":material/table_view:"),
        page("versies.py", "page_versions", ":material/history:"),
    ],
}
if administers:
    sections[ui.t("section_data")].append(
        st.Page(str(HERE / "pages" / "beheer.py"), title=auth.text("page_admin"), icon=":material/admin_panel_settings:",
                url_path="beheer")
    )

# Expanded: with the Beheer page there are more than twelve pages, and Streamlit would hide the last ones.
navigation = st.navigation(sections, expanded=True)

with storage_faults():
    draft.sync()  # the user's concept, as stored: after F5, a restart or another tab
    # The active network is the user's concept in the store: a storage fault
    # here gets the same Dutch message as on the pages.
    network = ui.active_network()
    st.sidebar.caption(ui.t("active_network"))
    st.sidebar.markdown(
        ui.t("network_line", name=ui.escape_markdown(network.name or "—"), stakeholders=len(network), relations=len(network.relations))
    )
    # Participants on their phone have no concept; the beamer shows the map alone;
    # on Kaart the concept bar sits in the sidebar so the map comes first.
    if navigation.url_path == "kaart":
        if not st.session_state.get("map_beamer"):
            draft.status_bar(st.sidebar, compact=True)
    elif navigation.url_path == "workshop_leiden" and st.session_state.get("ws_beamer"):
        pass  # the beamer shows the room's code and map, nothing of the facilitator's own work
    elif navigation.url_path != "meedoen":
        draft.status_bar()
    navigation.run()
