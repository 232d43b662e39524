"""Rapport: the manager's report as one offline HTML file to download."""

from __future__ import annotations

import os

import streamlit as st

import ui
from ui import auth
from netanalysis.analysis import STEPS
from netanalysis.i18n import LANGUAGES, format_count, format_datetime, format_decimal
from netanalysis.privacy import new_salt, pseudonymise
from netanalysis.report import build_report, comparison_figures, report_conclusions, report_figures, report_figures_from
from ui import cached
from ui.storage import store
from ui.text_report import REPORT_UI, tr

ui.use_app_navigation()

#: Set on the server so a resident keeps one pseudonym across reports.
ENV_SALT = "NETWERKKAART_PSEUDONYM_SALT"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}

st.title(ui.t("page_report"))
network = ui.require_network()
if network is None:
    st.stop()
st.write(tr("report_intro"))


def pseudonym_salt() -> str:
    """The server's salt, or one per session: pseudonyms then stay the same
    within a session and cannot be linked between sessions."""
    return os.environ.get(ENV_SALT) or st.session_state.setdefault("pseudonym_salt", new_salt())


def previous_version(report_lang: str) -> dict | None:
    """The counts of the newest saved version of this network that differs
    from what the report shows, with a label naming it; ``None`` when there
    is none (nothing saved yet, or no store to ask)."""
    try:
        user = auth.current_user()
        team = auth.current_team()
        db = store()
        versions = db.list_versions(network.name, team=team, actor=user) if network.name else []
        for info in versions[:3]:  # newest first; the newest may be this very network, just saved
            saved = db.load_version(info.id, actor=user)
            if saved.fingerprint() != network.fingerprint():
                label = REPORT_UI.text("report_previous", report_lang, number=info.number,
                                       date=format_datetime(info.created_at, report_lang))
                return {**comparison_figures(saved), "label": label}
    except Exception:  # noqa: BLE001 - the report does without a comparison rather than fail
        return None
    return None


with st.form("report_form"):
    c1, c2 = st.columns(2)
    report_lang = c1.radio(
        tr("report_lang"), LANGUAGES, index=LANGUAGES.index(ui.lang()), horizontal=True,
        format_func=LANGUAGE_NAMES.get, key="report_lang",
    )
    # Pseudonyms by default: a report is sent round; names only on request.
    hide_residents = c2.checkbox(tr("report_pseudonymise"), value=True, help=tr("report_pseudonymise_help"), key="report_pseudonymise")
    default_label = st.session_state.get("network_source") or ""
    version_label = st.text_input(tr("report_version"), value=default_label if default_label != "demo" else "", max_chars=120,
                                  key="report_version")
    make = st.form_submit_button(tr("report_make"), type="primary")

request = (network.fingerprint(), report_lang, bool(hide_residents), version_label.strip())

if make:
    salt = pseudonym_salt()
    shown = pseudonymise(network, salt=salt, lang=report_lang) if hide_residents else network
    bar = st.progress(0.0, text=tr("report_step", step="…", index=1, total=len(STEPS)))

    def progress(step: str, index: int, total: int) -> None:
        bar.progress(index / (total + 1), text=tr("report_step", step=tr(f"step_{step}"), index=index + 1, total=total))

    try:
        # Through the cached steps: what the other pages computed is reused,
        # and a second report of the same data computes nothing.
        result = cached.full_analysis(shown, report_lang, progress=progress)
        bar.progress(len(STEPS) / (len(STEPS) + 1), text=tr("report_writing"))
        previous = previous_version(report_lang)
        page = build_report(
            network, lang=report_lang, analysis=result, pseudonymise=hide_residents, salt=salt,
            version_label=version_label.strip() or None, previous=previous,
        )
    except Exception as error:  # the page must explain, never show a traceback
        bar.empty()
        ui.show_unexpected(error)
        st.stop()
    bar.empty()
    # One report per session, in session state: it is several megabytes and
    # belongs to this user's choices (possibly pseudonymised), so no shared cache.
    st.session_state["report"] = {"request": request, "html": page.encode("utf-8"), "figures": report_figures(shown, result),
                                  "conclusions": report_conclusions(result, report_lang, previous=previous,
                                                                    current=report_figures_from(result, network)),
                                  "previous": previous["label"] if previous else None}

report = st.session_state.get("report")
if report:
    if report["request"] != request:
        st.info(tr("report_stale"))
    else:
        st.success(tr("report_ready", size=format_decimal(len(report["html"]) / 1_000_000, report_lang, 1)))
        figures = report["figures"]
        st.subheader(tr("report_preview"))
        # The conclusions the report opens with, as the manager will read them.
        st.markdown("\n".join(f"- {ui.escape_markdown(line)}" for line in report.get("conclusions", [])))
        if report.get("previous"):
            st.caption(tr("report_compared", version=ui.escape_markdown(report["previous"])))
        columns = st.columns(5)
        for column, key in zip(columns, ("stakeholders", "relations", "isolated_initiatives", "single_points", "communities")):
            column.metric(tr(f"fig_{key}"), format_count(figures[key], ui.lang()))
        stem = "".join(ch if ch.isalnum() else "_" for ch in (network.name or "netwerk")).strip("_").lower() or "netwerk"
        suffix = "_schuilnamen" if hide_residents else ""
        html = report["html"]
        st.download_button(
            tr("report_download"), auth.audited(lambda: html, network.name, kind="report"),
            f"{stem}_rapport_{report_lang}{suffix}.html", "text/html",
            type="primary", key="report_download", on_click="ignore", disabled=not auth.can("export"),
        )
        st.caption(tr("report_no_pdf"))
