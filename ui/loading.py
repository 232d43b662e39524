"""Loading user files into the active network, with the validation report."""

from __future__ import annotations

import streamlit as st

from netanalysis import io
from netanalysis.network import StakeholderNetwork

from . import draft, escape_markdown, lang, set_active_network, show_unexpected, t
from .widgets import show_table

__all__ = ["file_loader"]

ACCEPTED = ["csv", "txt", "tsv", "xlsx", "graphml", "gexf", "json"]


def _load(files) -> None:
    sources = [(f.name, f.getvalue()) for f in files]
    try:
        result = io.load(sources, lang=lang())
    except Exception as error:  # the reader promises problems, not exceptions; never show a traceback
        show_unexpected(error)
        return
    st.session_state["load_report"] = result.problems_table(lang())
    st.session_state["load_ok"] = result.network is not None
    st.session_state["load_errors"] = len(result.errors)
    if result.network is not None:
        name = result.network.name or ", ".join(f.name for f in files)
        if set_active_network(result.network.renamed(name), source=name, action="loaded_file"):
            st.rerun()  # the page above (metrics, sidebar) was already drawn with the old network


def file_loader(key: str = "uploader") -> StakeholderNetwork | None:
    """An uploader with a Load button; shows the complete validation report.

    On success the loaded network becomes the session's active network; on
    any error nothing changes.
    """
    st.caption(t("load_help"))
    with st.form(f"{key}_form", clear_on_submit=False):
        files = st.file_uploader(t("uploader"), type=ACCEPTED, accept_multiple_files=True, key=key)
        confirmed = draft.confirm_replace(f"{key}_replace")
        submitted = st.form_submit_button(t("load_button"), type="primary")
    if submitted and files and not confirmed:
        st.error(t("draft_replace_needed"))
    elif submitted and files:
        _load(files)
    report = st.session_state.get("load_report")
    if report is None:
        return None
    if not st.session_state.get("load_ok"):
        st.error(t("load_failed", n=st.session_state.get("load_errors", len(report))))
    else:
        from . import active_network

        network = active_network()
        st.success(t("load_ok", name=escape_markdown(network.name), stakeholders=len(network), relations=len(network.relations)))
        if len(report):
            st.warning(t("load_warnings", n=len(report)))
    if len(report):
        show_table(report, key=f"{key}_report")
    return st.session_state.get("network")
