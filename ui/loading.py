"""Loading user files into the active network: the uploader, the validation
report, and the mapping step for files whose layout is not recognised."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netanalysis import io
from netanalysis.i18n import Messages
from netanalysis.layouts import LAYOUTS, ColumnMapping, propose, relation_columns, stakeholder_columns
from netanalysis.mapping import RELATION_ROLES, STAKEHOLDER_ROLES, apply_mapping, describe
from netanalysis.network import StakeholderNetwork
from netanalysis.schema import column_label

from . import draft, escape_markdown, lang, set_active_network, show_unexpected, t
from .widgets import show_table

__all__ = ["file_loader", "mapping_step", "ACCEPTED"]

ACCEPTED = sorted({suffix.lstrip(".") for suffixes in io.FORMATS.values() for suffix in suffixes})

#: The mapping step's own strings (kept here, beside the only code that shows them).
TEXT = Messages(
    {
        "title": {"nl": "Kolommen toewijzen", "en": "Assign columns"},
        "intro": {
            "nl": "Geef aan welk tabblad de betrokkenen en welk de relaties bevat, en wat elke kolom betekent. "
            "Hieronder zie je direct wat er geladen wordt; je bestand blijft ongewijzigd.",
            "en": "Say which sheet holds the stakeholders and which the relations, and what each column means. "
            "Below you see at once what will be loaded; your file stays unchanged.",
        },
        "open": {"nl": "Kolommen zelf toewijzen", "en": "Assign the columns yourself"},
        "found": {"nl": "Gevonden in het bestand", "en": "Found in the file"},
        "sheet_summary": {"nl": "{sheet}: {rows} rijen; kolommen {columns}", "en": "{sheet}: {rows} rows; columns {columns}"},
        "people_sheet": {"nl": "Tabblad met betrokkenen", "en": "Sheet with stakeholders"},
        "ties_sheet": {"nl": "Tabblad met relaties", "en": "Sheet with relations"},
        "none_sheet": {"nl": "(geen: afleiden uit de relaties)", "en": "(none: derive from the relations)"},
        "none_ties": {"nl": "(geen: alleen betrokkenen)", "en": "(none: stakeholders only)"},
        "unused": {"nl": "(niet gebruiken)", "en": "(do not use)"},
        "people_columns": {"nl": "Kolommen van de betrokkenen", "en": "Stakeholder columns"},
        "ties_columns": {"nl": "Kolommen van de relaties", "en": "Relation columns"},
        "ties_by": {"nl": "De relaties noemen betrokkenen bij", "en": "The relations name stakeholders by"},
        "by_id": {"nl": "id", "en": "id"},
        "by_name": {"nl": "naam", "en": "name"},
        "preview": {"nl": "Voorbeeld van het resultaat", "en": "Preview of the result"},
        "preview_counts": {
            "nl": "{stakeholders} betrokkenen en {relations} relaties; {errors} fout(en), {warnings} waarschuwing(en).",
            "en": "{stakeholders} stakeholders and {relations} relations; {errors} error(s), {warnings} warning(s).",
        },
        "load": {"nl": "Laden met deze toewijzing", "en": "Load with this mapping"},
        "recognised": {"nl": "Herkend als: {layout}.", "en": "Recognised as: {layout}."},
    }
)


def _text(key: str, **fields) -> str:
    return TEXT.text(key, lang(), **fields)


def _report(result):
    """The problems table for the screen: rows as text, so file-level problems (no row) sit beside located ones."""
    table = result.problems_table(lang())
    table["row"] = pd.Series(["" if pd.isna(r) else str(int(r)) for r in table["row"]], dtype=object)
    return table


def _needs_mapping(result) -> bool:
    return any(p.code in ("needs_mapping", "which_csv") for p in result.errors)


def _load(files, name: str = "") -> None:
    sources = [(f.name, f.getvalue()) for f in files]
    try:
        result = io.load(sources, lang=lang(), name=name or None)
    except Exception as error:  # the reader promises problems, not exceptions; never show a traceback
        show_unexpected(error)
        return
    st.session_state["mapping_sources"] = sources
    st.session_state["mapping_name"] = name
    st.session_state["mapping_open"] = _needs_mapping(result)
    _remember(result, name or io.suggested_name([f.name for f in files]))


def _remember(result, fallback_name: str, chosen_name: str | None = None) -> None:
    st.session_state["load_report"] = _report(result)
    st.session_state["load_ok"] = result.network is not None
    st.session_state["load_errors"] = len(result.errors)
    st.session_state["load_layout"] = result.layout
    if result.network is not None:
        name = chosen_name or result.network.name or fallback_name
        if set_active_network(result.network.renamed(name), source=name, action="loaded_file"):
            st.session_state["mapping_open"] = False
            st.rerun()  # the page above (metrics, sidebar) was already drawn with the old network


def file_loader(key: str = "uploader") -> StakeholderNetwork | None:
    """An uploader with a Load button; shows the complete validation report,
    and the mapping step when the file's layout was not recognised.

    On success the loaded network becomes the session's active network; on
    any error nothing changes.
    """
    st.caption(t("load_help"))
    # No form: the name field needs the chosen files to offer a name from them.
    files = st.file_uploader(t("uploader"), type=ACCEPTED, accept_multiple_files=True, key=key)
    name = ""
    if files:
        file_names = [f.name for f in files]
        # Keyed on the files: other files get their own suggestion.
        own_format = all(n.lower().endswith(".json") for n in file_names)  # carries its own name
        name = st.text_input(t("load_name"), value="" if own_format else io.suggested_name(file_names), max_chars=120,
                             key=f"{key}_name_{'|'.join(file_names)}", help=t("load_name_help"),
                             placeholder=t("load_name_from_file"))
    confirmed = draft.confirm_replace(f"{key}_replace")
    submitted = st.button(t("load_button"), type="primary", key=f"{key}_load", disabled=not files)
    if submitted and files and not confirmed:
        st.error(t("draft_replace_needed"))
    elif submitted and files:
        _load(files, name.strip())
    report = st.session_state.get("load_report")
    if report is not None:
        if not st.session_state.get("load_ok"):
            st.error(t("load_failed", n=st.session_state.get("load_errors", len(report))))
        else:
            from . import active_network

            network = active_network()
            st.success(t("load_ok", name=escape_markdown(network.name), stakeholders=len(network), relations=len(network.relations)))
            layout = st.session_state.get("load_layout")
            if layout in LAYOUTS:
                st.caption(_text("recognised", layout=LAYOUTS[layout][lang()]))
            if len(report):
                st.warning(t("load_warnings", n=len(report)))
        if len(report):
            show_table(report, key=f"{key}_report")
    if st.session_state.get("mapping_sources"):
        if not st.session_state.get("mapping_open"):
            if st.button(_text("open"), key=f"{key}_open_mapping"):
                st.session_state["mapping_open"] = True
                st.rerun()
        else:
            mapping_step(key="mapping")
    return st.session_state.get("network")


def _choose_column(label: str, columns: list[str], current: str | None, key: str) -> str | None:
    options = [None, *columns]
    index = options.index(current) if current in options else 0
    return st.selectbox(label, options, index=index, key=key, format_func=lambda c: _text("unused") if c is None else c,
                        placeholder=t("choose"))


def mapping_step(key: str = "mapping") -> None:
    """Show what the last upload holds and let the user assign sheets and columns, with a live preview.

    The proposal is the recognised layout or a best guess (layouts.propose); every choice
    re-validates at once, and "Laden met deze toewijzing" loads the result.
    """
    sources = st.session_state.get("mapping_sources")
    if not sources:
        return
    found = io.read(sources)
    if found.failed or not found.tables:
        return
    base = propose(found)
    st.subheader(_text("title"))
    st.caption(_text("intro"))
    tables = describe(found)
    with st.expander(_text("found"), expanded=base.layout == "custom"):
        for table in tables:
            st.markdown(escape_markdown(_text("sheet_summary", sheet=table["sheet"], rows=table["rows"], columns=", ".join(table["columns"]))))
            frame = found.table(table["sheet"]).frame.head(5)
            st.dataframe(frame.astype(object).where(frame.notna(), "—"), hide_index=True, key=f"{key}_raw_{table['sheet']}")
    sheets = [t["sheet"] for t in tables]
    left, right = st.columns(2)
    people_options = [None, *sheets]
    ties_options = [None, *sheets]
    people_sheet = left.selectbox(
        _text("people_sheet"), people_options, index=people_options.index(base.stakeholders) if base.stakeholders in sheets else 0,
        key=f"{key}_people_sheet", format_func=lambda s: _text("none_sheet") if s is None else s, placeholder=t("choose"),
    )
    ties_sheet = right.selectbox(
        _text("ties_sheet"), ties_options, index=ties_options.index(base.relations) if base.relations in sheets else 0,
        key=f"{key}_ties_sheet", format_func=lambda s: _text("none_ties") if s is None else s, placeholder=t("choose"),
    )
    people_columns: dict[str, str] = {}
    ties_columns: dict[str, str] = {}
    if people_sheet is not None:
        proposal = base.stakeholder_columns if people_sheet == base.stakeholders else stakeholder_columns(found.table(people_sheet))
        columns = found.table(people_sheet).frame.columns.astype(str).tolist()
        left.markdown(f"**{_text('people_columns')}**")
        for role in STAKEHOLDER_ROLES:
            chosen = _choose_column(column_label(role, lang()), columns, proposal.get(role), f"{key}_p_{people_sheet}_{role}")
            if chosen is not None:
                people_columns[role] = chosen
    if ties_sheet is not None:
        proposal = base.relation_columns if ties_sheet == base.relations else relation_columns(found.table(ties_sheet))
        columns = found.table(ties_sheet).frame.columns.astype(str).tolist()
        right.markdown(f"**{_text('ties_columns')}**")
        for role in RELATION_ROLES:
            chosen = _choose_column(column_label(role, lang()), columns, proposal.get(role), f"{key}_r_{ties_sheet}_{role}")
            if chosen is not None:
                ties_columns[role] = chosen
    ties_by = st.radio(
        _text("ties_by"), ["id", "name"], index=1 if base.ties_by == "name" else 0, horizontal=True,
        key=f"{key}_ties_by", format_func=lambda v: _text("by_id" if v == "id" else "by_name"),
    )
    mapping = ColumnMapping(people_sheet, ties_sheet, people_columns, ties_columns, ties_by, "custom")
    try:
        result = apply_mapping(found, mapping)
    except Exception as error:  # never a traceback on screen
        show_unexpected(error)
        return
    st.markdown(f"**{_text('preview')}**")
    network = result.network
    st.caption(_text(
        "preview_counts", stakeholders=len(network) if network else 0, relations=len(network.relations) if network else 0,
        errors=len(result.errors), warnings=len(result.warnings),
    ))
    if network is not None:
        show_table(network.stakeholders.head(8), key=f"{key}_preview_people")
        show_table(network.relations.head(8), key=f"{key}_preview_ties")
    if result.problems:
        show_table(_report(result), key=f"{key}_preview_problems")
    if st.button(_text("load"), type="primary", disabled=network is None, key=f"{key}_load"):
        _remember(result, io.suggested_name([name for name, _ in sources]), chosen_name=st.session_state.get("mapping_name"))
