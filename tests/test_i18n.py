"""Number words and step counts of netanalysis.i18n."""

from __future__ import annotations

from netanalysis.i18n import number_word, steps_text


def test_number_words():
    # "één", the numeral, as gaps and suggest wrote it ("één stap"); the
    # brokers copy had "een", which no broker description ever printed
    # (its counts there are two or more).
    assert [number_word(i) for i in range(1, 11)] == [
        "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    ]
    assert number_word(10, "en") == "ten"
    assert number_word(11) == "11"


def test_steps_text():
    assert steps_text(3) == "drie stappen"
    assert steps_text(1, "en") == "one step"
    assert steps_text(12, "en") == "12 steps"


def test_times_are_shown_in_amsterdam_time_and_the_readers_format():
    from netanalysis.i18n import format_date, format_datetime, format_megabytes, plotly_separators

    # Winter: UTC+1; summer: UTC+2; the "saved 01:16, shown 00:16".
    assert format_datetime("2026-12-01T00:16:00+00:00", "nl") == "01-12-2026 01:16"
    assert format_datetime("2026-06-01T00:16:00Z", "nl") == "01-06-2026 02:16"
    assert format_datetime("2026-12-01T00:16:00", "en") == "01 Dec 2026 01:16"
    assert format_date("2026-12-31T23:30:00+00:00", "nl") == "01-01-2027"
    assert format_megabytes(9_200_000, "nl") == "9,2 MB"
    assert plotly_separators("nl") == ",." and plotly_separators("en") == ".,"


def test_dutch_interface_says_je_not_u():
    """One register: "je" on every page (issue 15). The workshop's messages to
    participants are reworded in the workshop pass; they are listed so that
    nothing new slips in meanwhile."""
    import importlib
    import pkgutil
    import re

    import netanalysis
    from netanalysis.i18n import Messages

    formal = re.compile(r"(?<![\w'’-])(u|uw|U|Uw|uzelf)(?![\w'’-])")
    modules = ["netanalysis." + m.name for m in pkgutil.walk_packages(netanalysis.__path__)]
    modules += ["ui.text", "ui.text_report", "ui.loading", "ui.auth", "ui.streamlit_text"]
    found = set()
    for name in modules:
        module = importlib.import_module(name)
        for attribute, value in vars(module).items():
            if isinstance(value, Messages):
                found |= {f"{name}[{key}]" for key in value if formal.search(value[key]["nl"])}
    workshop_pass = {f"netanalysis.workshop[{k}]" for k in ("tie_to_self", "bad_token", "rate_limited", "not_yours")}
    assert found - workshop_pass == set()


def test_the_pages_name_measures_and_roles_as_the_glossary_does():
    """One word per term on every page (issue 15): the labels of the pages,
    the report and the tables are the glossary's words."""
    from netanalysis.i18n import GLOSSARY, LANGUAGES, term
    from netanalysis.report import MESSAGES as REPORT
    from ui.text import UI
    from ui.text_report import REPORT_UI
    from ui.widgets import label_columns

    for key, entry in GLOSSARY.items():
        assert all(entry[code] and entry[f"{code}_help"] for code in LANGUAGES), key
    for code in LANGUAGES:
        assert UI.text("ego_constraint", code) == term("constraint", code, capital=True)
        assert UI.text("brokers_spof", code).casefold().startswith(term("single_point_of_contact", code).casefold()[:12])  # a title may be plural
        assert REPORT_UI.text("fig_single_points", code) == UI.text("brokers_spof", code) == REPORT.text("single_points", code)
        assert UI.text("metric_density", code) == term("density", code, capital=True)
        assert UI.text("gaps_ei_title", code).startswith(term("ei_index", code))
        assert term("betweenness", code) in UI.text("size_betweenness", code)
        assert term("modularity", code).capitalize() in UI.text("gaps_modularity", code)
    import pandas as pd
    import streamlit as st

    st.session_state["lang"] = "nl"
    headers = label_columns(pd.DataFrame(columns=["betweenness", "constraint", "total", "is_cut_point", "ei_index"])).columns
    assert list(headers) == ["tussenpositie", "beperking (Burt)", "makelaarsrollen", "snijpunt", "E-I-index"]
