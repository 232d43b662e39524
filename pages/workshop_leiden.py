"""Workshop leiden: the facilitator's screen. Open a workshop, show the join
code and QR code, and watch the map grow while participants submit."""

from __future__ import annotations

import datetime as dt
import io as bytes_io

import segno
import streamlit as st

import ui
from netanalysis import maps
from netanalysis.access import AccessDenied
from netanalysis.workshop import WorkshopError, normalise_code
from ui import auth, draft, resume
from ui.moderation import show_moderation
from ui.storage import store
from ui.widgets import show_map, show_table

ui.use_app_navigation()

REFRESH_SECONDS = 3

st.title(ui.t("page_facilitator"))
lang = ui.lang()
db = store()
session = st.session_state.setdefault("facilitator", {})
user = auth.current_user()
team = auth.current_team("workshop")


def join_url(code: str) -> str:
    """The participant page's address on this server, with the code filled in."""
    base = (st.context.url or "").split("?")[0].rstrip("/")
    if base.endswith("/workshop_leiden"):
        base = base[: -len("/workshop_leiden")]
    return f"{base}/meedoen?code={code}"

# After a reload or a restart: the workshop this browser was running, without typing the key again.
resume.resume_facilitator(session, db)

if not session.get("code"):
    if not user.may("workshop", team or ""):
        auth.show_denied(AccessDenied("denied", action="workshop", team=team or "—", role="facilitator"))
        st.stop()
    st.write(ui.t("ws_intro"))
    new_tab, open_tab = st.tabs([ui.t("ws_new"), ui.t("ws_open")])
    with new_tab:
        with st.form("ws_create"):
            title = st.text_input(ui.t("ws_title"), max_chars=120, key="ws_title")
            versions = {None: ui.t("ws_seed_none")}
            for network in db.list_networks(team=team, actor=user):
                for info in db.list_versions(network["name"], team=team, actor=user)[:5]:
                    versions[info.id] = f"{info.network} · v{info.number} · {info.created_at:%d-%m-%Y %H:%M}"
            seed = st.selectbox(ui.t("ws_seed"), list(versions), format_func=versions.get, key="ws_seed")
            create = st.form_submit_button(ui.t("ws_create"), type="primary")
        if create:
            try:
                workshop, key = db.create_workshop(title or ui.t("ws_default_title"), seed_version_id=seed,
                                                   team=team, actor=user)
            except AccessDenied as error:
                auth.show_denied(error)
            except (WorkshopError, ValueError) as error:
                st.error(error.text(lang) if isinstance(error, WorkshopError) else str(error))
            else:
                session.update(code=workshop.code, key=key, fresh_key=True)
                st.rerun()
    with open_tab:
        with st.form("ws_open_form"):
            code = st.text_input(ui.t("ws_code"), max_chars=20, key="ws_open_code")
            key = st.text_input(ui.t("ws_key"), type="password", max_chars=100, key="ws_open_key")
            opened = st.form_submit_button(ui.t("ws_open_button"))
        if opened:
            code = normalise_code(code)
            try:
                valid = db.verify_key(code, key)
            except WorkshopError:
                valid = False
            if valid:
                session.update(code=code, key=key, fresh_key=False)
                st.rerun()
            st.error(ui.t("ws_wrong_key"))
    st.stop()

code, key = session["code"], session["key"]
try:
    workshop = db.get_workshop(code)
    user.require("workshop", db.workshop_stats(code)["team"])
except WorkshopError as error:
    st.error(error.text(lang))
    session.clear()
    st.stop()
except AccessDenied as error:
    auth.show_denied(error)
    session.clear()
    st.stop()

resume.remember_facilitator(code, key)
if session.get("fresh_key"):
    st.warning(ui.t("ws_key_once", key=key))

left, right = st.columns([1, 2])
with left:
    st.subheader(ui.escape_markdown(workshop.title))
    url = join_url(code)
    qr = bytes_io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=6, border=2)
    st.image(qr.getvalue(), caption=ui.t("ws_scan"), width=240)
    st.markdown(f"{ui.t('ws_code')}: **`{code}`**")
    st.code(url, language=None, wrap_lines=True)


@st.fragment(run_every=REFRESH_SECONDS)
def live_view() -> None:
    """Polls a cheap counter; rebuilds the map only when something changed."""
    stats = db.workshop_stats(code)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(ui.t("ws_participants"), stats["participants"])
    c2.metric(ui.t("ws_relations"), stats["relations"])
    c3.metric(ui.t("ws_last_minute"), stats["submissions_last_minute"])
    c4.metric(ui.t("ws_status"), ui.t("ws_open_status") if stats["status"] == "open" else ui.t("ws_closed_status"))
    cached = st.session_state.get("ws_map")
    if cached is None or cached[0] != (code, stats["revision"]):
        network = db.workshop_network(code, lang=lang)
        G = network.to_graph()
        html = maps.network_html(G, lang=lang, presentation=True, height_px=560)
        st.session_state["ws_map"] = ((code, stats["revision"]), html, G.number_of_nodes())
        st.session_state["ws_network"] = network
    _, html, nodes = st.session_state["ws_map"]
    if nodes:
        show_map(html, height=560, alt=ui.t("map_alt", n=nodes))
    else:
        st.info(ui.t("ws_waiting"))
    st.caption(ui.t("ws_refresh", seconds=REFRESH_SECONDS, time=dt.datetime.now().strftime("%H:%M:%S")))


with right:
    live_view()

st.divider()
a, b, c = st.columns(3)
with a:
    if workshop.is_open:
        if st.button(ui.t("ws_close"), key="ws_close"):
            db.close_workshop(code, key, actor=user)
            st.rerun()
    elif st.button(ui.t("ws_reopen"), key="ws_reopen"):
        db.reopen_workshop(code, key, actor=user)
        st.rerun()
with b:
    with st.form("ws_save"):
        name = st.text_input(ui.t("ws_save_name"), value=workshop.title, max_chars=120, key="ws_save_name")
        if st.form_submit_button(ui.t("ws_save")):
            version = db.save_workshop_as_version(code, key, name=name or workshop.title, lang=lang, actor=user)
            st.success(ui.t("ws_saved", version=version))
with c:
    if st.button(ui.t("ws_analyse"), key="ws_analyse", disabled=not draft.confirm_replace("ws_analyse_replace")):
        if ui.set_active_network(db.workshop_network(code).renamed(workshop.title), source=f"workshop {code}",
                                 action="workshop_taken_over", name=workshop.title):
            st.success(ui.t("ws_analysing"))
    if st.button(ui.t("ws_leave"), key="ws_leave"):
        session.clear()
        session["left"] = True  # not resumed from the browser again
        st.session_state.pop("ws_map", None)
        st.rerun()

show_moderation(db, code, key, actor=user, lang=lang)

with st.expander(ui.t("ws_entries")):
    entries = db.list_submissions(code, key, actor=user)
    if not entries:
        st.write(ui.t("ws_no_entries"))
    else:
        import pandas as pd

        table = pd.DataFrame(
            [{"name": s.payload["me"]["name"], "relations": len(s.payload.get("ties", [])),
              "time": s.updated_at.strftime("%H:%M:%S"), "id": s.submission_id} for s in entries]
        )
        show_table(table.drop(columns=["id"]), key="ws_entries_table")
        chosen = st.selectbox(ui.t("ws_remove_which"), [None] + [s.submission_id for s in entries],
                              format_func=lambda i: "—" if i is None else next(s.payload["me"]["name"] for s in entries if s.submission_id == i),
                              key="ws_remove_which")
        if chosen and st.button(ui.t("ws_remove"), key="ws_remove"):
            db.remove_submission(code, key, chosen, actor=user)
            st.rerun()
