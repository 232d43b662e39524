"""How the betweenness on a page was computed, said in one caption: exact,
exact from a saved version's background job, estimated with a guarantee
(KADABRA), or estimated from pivots."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import ui
from netanalysis.i18n import format_count, format_decimal, format_share
from netanalysis.network import StakeholderNetwork
from netanalysis.sampling import KADABRA_TRUSTED_TOP20, kadabra_measured_agreement
from ui import cached

__all__ = ["show_method_note"]


def show_method_note(network: StakeholderNetwork, centrality: pd.DataFrame) -> None:
    """The caption (or warning) under a table of betweenness values."""
    lang = ui.lang()
    attrs = centrality.attrs
    method = attrs.get("betweenness_method")
    if attrs.get("exact_version") is not None:
        job = cached.exact_job(network)
        found = None if job is None else _version_label(job.version_id)
        if found:
            st.caption(ui.t("exact_saved_note", number=found[0], network=found[1]))
        return
    if method == "kadabra":
        n_measured, agreement = kadabra_measured_agreement(len(centrality))
        note = ui.t(
            "kadabra_note",
            error=format_decimal(attrs["betweenness_error"], lang, 1, significant=True),
            confidence=format_share(attrs["betweenness_confidence"], lang),
            n_measured=format_count(n_measured, lang),
            agreement=format_count(agreement, lang),
        )
        if agreement < KADABRA_TRUSTED_TOP20:
            # At this size the guarantee is wider than the values themselves:
            # say plainly that the order of the top is not to be relied on.
            st.warning(note + " " + ui.t("kadabra_uncertain"))
        else:
            st.caption(note)
    elif method == "sampled":
        st.warning(ui.t("sampled_note", k=format_count(attrs.get("betweenness_k"), lang), n=format_count(len(centrality), lang)))
    if attrs.get("closeness_method") == "sampled":
        st.warning(ui.t("sampled_closeness_note", k=attrs.get("closeness_k")))
    if method == "exact":
        return
    job = cached.exact_job(network)
    if job is None:
        st.caption(ui.t("exact_save_hint"))
    elif job.status == "running":
        st.caption(ui.t("exact_running_note", share=format_share(job.share_done, lang)))
    elif job.status == "queued":
        st.caption(ui.t("exact_queued_note"))


def _version_label(version_id: int) -> tuple[str, str] | None:
    from ui import auth, storage

    with storage.storage_faults():
        info = storage.store().version_info(version_id, actor=auth.current_user())
    return format_count(info.number, ui.lang()), info.network
