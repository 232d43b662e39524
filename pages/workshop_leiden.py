"""Workshop leiden: the facilitator's screen. Open a workshop, show the join
code and QR code, and watch the map grow while participants submit.

The facilitator key is shown once, in a dialog; the page and the browser
keep a facilitator pass instead (organisation mode: no key at all, the
team's facilitators manage the workshop). Presentation mode shows only what
the room may see: the title, the QR code, the code and the map."""

from __future__ import annotations

import datetime as dt
import io as bytes_io

import segno
import streamlit as st

import ui
from netanalysis import maps
from netanalysis.access import AccessDenied
from netanalysis.schema import type_label
from netanalysis.workshop import WorkshopError, WorkshopNotFound, WrongKey, format_code, normalise_code
from ui import auth, draft, resume, room
from ui.moderation import show_moderation
from ui.storage import store
from ui.widgets import hide_app_chrome, show_map, show_table

ui.use_app_navigation()

REFRESH_SECONDS = 3

lang = ui.lang()
db = store()
session = st.session_state.setdefault("facilitator", {})
user = auth.current_user()
team = auth.current_team("workshop")
organisation = auth.organisation_mode()
# A plain session key, not a widget: presentation mode hides every control.
beamer = bool(st.session_state.get("ws_beamer", False))


def set_beamer(on: bool) -> None:
    st.session_state["ws_beamer"] = on


# After a reload or a restart: the workshop this browser was running, by its pass (never the key).
resume.resume_facilitator(session, db, actor=user)

if not session.get("code"):
    st.title(ui.t("page_facilitator"))
    if not user.may("workshop", team or ""):
        auth.show_denied(AccessDenied("denied", action="workshop", team=team or "—", role="facilitator"))
        st.stop()
    st.write(ui.t("ws_intro"))
    new_tab, open_tab = st.tabs([ui.t("ws_new"), ui.t("ws_open")])
    with new_tab:
        with st.form("ws_create"):
            title = st.text_input(ui.t("ws_title"), max_chars=120, key="ws_title")
            # Only the current workspace's versions: a workshop shows its seed to the room.
            versions = {None: ui.t("ws_seed_none")}
            for network in db.list_networks(team=team, actor=user):
                for info in db.list_versions(network["name"], team=team, actor=user)[:5]:
                    versions[info.id] = f"{info.network} · v{info.number} · {info.created_at:%d-%m-%Y %H:%M}"
            seed = st.selectbox(ui.t("ws_seed"), list(versions), format_func=versions.get, key="ws_seed")
            create = st.form_submit_button(ui.t("ws_create"), type="primary")
        if create:
            try:
                workshop, key = db.create_workshop(title or ui.t("ws_default_title"), seed_version_id=seed,
                                                   team=team, actor=user, with_key=not organisation)
                credential = (db.open_facilitator_pass(workshop.code, key, client=room.client_address(), actor=user)
                              if key else None)
            except AccessDenied as error:
                auth.show_denied(error)
            except (WorkshopError, ValueError) as error:
                st.error(error.text(lang) if isinstance(error, WorkshopError) else str(error))
            else:
                session.update(code=workshop.code, key=credential, fresh_key=key)
                st.rerun()
    with open_tab:
        if organisation:
            listed = {w["code"]: w for w in db.list_workshops(team=team, actor=user)}
            if listed:
                chosen = st.selectbox(
                    room.text("open_mine"), list(listed), key="ws_open_mine",
                    format_func=lambda c: " · ".join([
                        listed[c]["title"], format_code(c),
                        ui.t("ws_open_status") if listed[c]["status"] == "open" else ui.t("ws_closed_status"),
                        room.text("owner", name=listed[c]["owner_name"] or listed[c]["owner"])]))
                if st.button(room.text("open_mine_button"), key="ws_open_mine_button"):
                    session.update(code=chosen, key=None)
                    st.rerun()
            st.caption(room.text("open_with_key"))
        with st.form("ws_open_form"):
            code = st.text_input(ui.t("ws_code"), max_chars=20, key="ws_open_code")
            key = st.text_input(ui.t("ws_key"), type="password", max_chars=100, key="ws_open_key")
            opened = st.form_submit_button(ui.t("ws_open_button"))
        if opened:
            code = normalise_code(code)
            try:
                credential = db.open_facilitator_pass(code, key, client=room.client_address(), actor=user)
            except (WrongKey, WorkshopNotFound):
                st.error(ui.t("ws_wrong_key"))  # the same words for both: a code is not confirmed by guessing
            except WorkshopError as error:
                st.error(error.text(lang))
            except AccessDenied as error:
                auth.show_denied(error)
            else:
                session.update(code=code, key=credential)
                st.rerun()
    st.stop()

code, key = session["code"], session["key"]
try:
    workshop = db.get_workshop(code)
    user.require("workshop", db.workshop_stats(code)["team"])
    if not db.may_manage(code, key, actor=user):  # a pass revoked in another tab, or expired
        raise WrongKey()
except WorkshopError as error:
    st.error(room.text("access_lost") if isinstance(error, WrongKey) else error.text(lang))
    session.clear()
    resume.forget_facilitator()
    st.stop()
except AccessDenied as error:
    auth.show_denied(error)
    session.clear()
    st.stop()

resume.remember_facilitator(code, key)
room.show_key_once(session)

if beamer:
    hide_app_chrome()  # the room sees the code and the map, nothing to click
else:
    heading, switch = st.columns([3, 1], vertical_alignment="bottom")
    heading.title(ui.t("page_facilitator"))
    switch.button(room.text("presentation"), key="ws_beamer_on", help=room.text("presentation_help"),
                  on_click=set_beamer, args=(True,), width="stretch")

url, configured = room.join_link(code)
map_height = 720 if beamer else 560
if not beamer:  # for the facilitator, before the room arrives; not for the room
    room.show_address_warning(url, configured)
left, right = st.columns([1, 2])
with left:
    st.subheader(ui.escape_markdown(workshop.title))
    qr = bytes_io.BytesIO()
    segno.make(url, error="m").save(qr, kind="png", scale=6, border=2)
    st.image(qr.getvalue(), caption=ui.t("ws_scan"), width=240)
    # Groups of four, read aloud or typed with or without the dash; on a line
    # of its own so it never breaks at the dash.
    st.markdown(f"{ui.t('ws_code')}:")
    st.markdown(f"## {format_code(code)}")
    st.code(url, language=None, wrap_lines=True)


def room_panel() -> None:
    """Entries per type, who has named nobody yet (names folded away) and who
    is still typing: for the facilitator, never on the beamer."""
    progress = db.room_progress(code, key, actor=user)
    if not progress.entries:
        return
    per_type = " · ".join(f"{type_label(kind, lang)} {count}" for kind, count in progress.per_type.items())
    st.caption(f"{room.text('room_per_type')}: {per_type}")
    if progress.without_ties:
        with st.expander(room.text("room_without_ties", n=len(progress.without_ties))):
            st.markdown("\n".join(f"- {ui.escape_markdown(name)}" for name in progress.without_ties))
    else:
        st.caption(room.text("room_all_named"))
    if progress.typing:
        st.caption(room.text("room_typing_one") if progress.typing == 1 else room.text("room_typing", n=progress.typing))


@st.fragment(run_every=REFRESH_SECONDS)
def live_view() -> None:
    """Polls a cheap counter; rebuilds the map only when something changed."""
    stats = db.workshop_stats(code)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(ui.t("ws_participants"), stats["participants"])
    c2.metric(ui.t("ws_relations"), stats["relations"])
    c3.metric(ui.t("ws_last_minute"), stats["submissions_last_minute"])
    c4.metric(ui.t("ws_status"), ui.t("ws_open_status") if stats["status"] == "open" else ui.t("ws_closed_status"))
    if not beamer:
        room_panel()
    cached = st.session_state.get("ws_map")
    if cached is None or cached[0] != (code, stats["revision"], map_height):
        previous = st.session_state.get("ws_network") if cached is not None and cached[0][0] == code else None
        network = db.workshop_network(code, lang=lang)
        G = network.to_graph()
        # Whoever arrived since the last drawing glows for a few seconds, so the room sees the map grow.
        fresh = set(network.ids) - set(previous.ids) if previous is not None else set()
        html = maps.network_html(G, lang=lang, presentation=True, height_px=map_height, fresh=fresh)
        st.session_state["ws_map"] = ((code, stats["revision"], map_height), html, G.number_of_nodes())
        st.session_state["ws_network"] = network
    _, html, nodes = st.session_state["ws_map"]
    if nodes:
        show_map(html, height=map_height, alt=ui.t("map_alt", n=nodes))
    else:
        st.info(ui.t("ws_waiting"))
    st.caption(ui.t("ws_refresh", seconds=REFRESH_SECONDS, time=dt.datetime.now().strftime("%H:%M:%S")))


with right:
    live_view()

if beamer:
    st.button(room.text("presentation_off"), key="ws_beamer_off", on_click=set_beamer, args=(False,))
    st.stop()


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
        resume.forget_facilitator(db, key)
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
