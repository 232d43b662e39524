"""Reusable page pieces: the map component, stakeholder pickers, tables with
translated headers."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

from netanalysis.i18n import LANGUAGES, term
from netanalysis.network import StakeholderNetwork
from netanalysis.search import searchable_label
from netanalysis.schema import STAKEHOLDER_TYPES, column_label, type_label

from . import lang, t
from .formats import styled_numbers

__all__ = ["hide_app_chrome", "show_map", "stakeholder_picker", "label_columns", "type_options", "show_table", "show_chart"]


def hide_app_chrome(padding: str = "0.5rem 1rem 1rem 1rem") -> None:
    """Presentation (beamer) mode: no sidebar, header or toolbar, the page edge
    to edge. Constant CSS (``padding`` is a constant of the calling page), no user text."""
    st.html("""<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: %s !important; max-width: 100%% !important; }
</style>""" % padding)


def show_map(html: str, *, height: int = 650, alt: str = "") -> None:
    """Render a map page (from :mod:`netanalysis.maps`) in an iframe.

    The HTML comes from our own generator, which escapes every label and
    embeds vis-network, so the iframe fetches nothing from the internet.
    """
    st.iframe(html, height=height + 20, alt=alt or t("page_map"))


def type_options(present: Iterable[str] | None = None) -> list[str]:
    """Canonical type keys, in interface order, limited to ``present``."""
    present = set(present) if present is not None else set(STAKEHOLDER_TYPES)
    return [k for k in STAKEHOLDER_TYPES if k in present]


def stakeholder_picker(network: StakeholderNetwork, label: str, *, key: str, default: str | None = None) -> str | None:
    """A searchable select box of stakeholders, shown as "name (type)"; returns the id."""
    people = network.stakeholders.sort_values("name", key=lambda s: s.str.casefold())
    ids = people["id"].tolist()
    display = {
        row.id: f"{searchable_label(row.name)} ({type_label(row.type, lang())})" for row in people.itertuples(index=False)
    }
    index = ids.index(default) if default in display else None
    return st.selectbox(label, ids, index=index, format_func=display.get, key=key, placeholder=t("choose"))


_EXTRA_LABELS = {
    "degree": {"nl": "relaties", "en": "ties"},
    "weighted_degree": {"nl": "gewogen relaties", "en": "weighted ties"},
    "pagerank": {"nl": "PageRank", "en": "PageRank"},
    "rank": {"nl": "plek", "en": "rank"},
    "broker_score": {"nl": "makelaarsscore", "en": "broker score"},
    "description": {"nl": "beschrijving", "en": "description"},
    "reason": {"nl": "reden", "en": "reason"},
    "distance": {"nl": "afstand", "en": "distance"},
    "via_name": {"nl": "via", "en": "via"},
    "civil_servant_name": {"nl": "ambtenaar", "en": "civil servant"},
    "cut_off": {"nl": "hangen hiervan af", "en": "depend on this"},
    "source_name": {"nl": "wie", "en": "who"},
    "target_name": {"nl": "met wie", "en": "with whom"},
    "introducer_name": {"nl": "kan introduceren", "en": "can introduce"},
    "shared_area": {"nl": "gedeelde wijk", "en": "shared area"},
    "score": {"nl": "score", "en": "score"},
    "kind": {"nl": "soort", "en": "kind"},
    "shared_themes": {"nl": "gedeelde thema's", "en": "shared themes"},
    "top_themes": {"nl": "belangrijkste thema's", "en": "top themes"},
    "top_areas": {"nl": "belangrijkste wijken", "en": "top areas"},
    "top_organisations": {"nl": "belangrijkste organisaties", "en": "top organisations"},
    "size": {"nl": "omvang", "en": "size"},
    "summary": {"nl": "samenvatting", "en": "summary"},
    "group": {"nl": "groep", "en": "group"},
    "internal": {"nl": "intern", "en": "internal"},
    "external": {"nl": "extern", "en": "external"},
    "theme": {"nl": "thema", "en": "theme"},
    "initiatives": {"nl": "initiatieven", "en": "initiatives"},
    "quadrant": {"nl": "kwadrant", "en": "quadrant"},
    "file": {"nl": "bestand", "en": "file"},
    "row": {"nl": "rij", "en": "row"},
    "column": {"nl": "kolom", "en": "column"},
    "severity": {"nl": "ernst", "en": "severity"},
    "message": {"nl": "wat te doen", "en": "what to do"},
}

#: Columns named by a term of the glossary: the same word as on every other page.
_GLOSSARY_COLUMNS = {
    "betweenness": "betweenness", "closeness": "closeness", "eigenvector": "eigenvector", "constraint": "constraint",
    "effective_size": "effective_size", "efficiency": "efficiency", "hierarchy": "hierarchy",
    "coordinator": "coordinator", "itinerant": "itinerant", "gatekeeper": "gatekeeper",
    "representative": "representative", "liaison": "liaison", "total": "brokerage_roles",
    "brokerage_total": "brokerage_roles", "is_cut_point": "cut_point", "community": "community", "ei_index": "ei_index",
}
_EXTRA_LABELS.update({column: {code: term(key, code) for code in LANGUAGES} for column, key in _GLOSSARY_COLUMNS.items()})


def label_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """The same table with column headers in the session's language."""
    code = lang()
    names = {}
    for column in frame.columns:
        if column in _EXTRA_LABELS:
            names[column] = _EXTRA_LABELS[column][code]
        else:
            names[column] = column_label(column, code)
    return frame.rename(columns=names)


def show_table(frame: pd.DataFrame, *, key: str, height: int | None = None, column_config: dict | None = None) -> None:
    """A read-only table with translated headers and lists shown as text."""
    shown = frame.copy()
    for column in shown.columns:
        if shown[column].map(lambda v: isinstance(v, (list, tuple, set))).any():
            shown[column] = shown[column].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v)
    if "type" in shown.columns:
        shown["type"] = shown["type"].map(lambda k: type_label(k, lang()))
    for column in shown.columns:
        # A missing value reads "None" in Streamlit's grid: show a dash instead.
        if shown[column].isna().any() and not pd.api.types.is_numeric_dtype(shown[column]):
            shown[column] = shown[column].astype(object).where(shown[column].notna(), "—")
    kwargs = {"height": height} if height else {}
    labelled = label_columns(shown)
    config = dict(column_config or {})
    # Numbers in the interface language, not the browser's: 0,23 in Dutch.
    st.dataframe(styled_numbers(labelled, lang()), hide_index=True, width="stretch", key=key, column_config=config,
                 placeholder="—", **kwargs)


def show_chart(figure, *, key: str) -> None:
    """A plotly chart whose camera button saves PNG or SVG (the choice made on
    the data page), named after the chart, with no plotly logo link."""
    image_format = st.session_state.get("chart_format", "png")
    config = {"displaylogo": False, "toImageButtonOptions": {"format": image_format, "filename": key, "scale": 2}}
    st.plotly_chart(figure, key=key, width="stretch", config=config)
