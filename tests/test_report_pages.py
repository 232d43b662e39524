"""AppTest of the report page and the versions page, each against its own
temporary SQLite database (NETWERKKAART_DATABASE_URL), so data/ is never
touched."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import String, Text, select
from streamlit.testing.v1 import AppTest

from netanalysis.network import StakeholderNetwork
from netanalysis.store import ENV_DATABASE_URL, Store, metadata

ROOT = Path(__file__).resolve().parents[1]
REPORT_PAGE = str(ROOT / "pages" / "rapport.py")
VERSIONS_PAGE = str(ROOT / "pages" / "versies.py")
TIMEOUT = 120


@pytest.fixture
def database(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv(ENV_DATABASE_URL, url)
    return url


@pytest.fixture
def db(database):
    store = Store(database)
    yield store
    store.dispose()


def _page(path: str, network: StakeholderNetwork | None, lang: str = "nl") -> AppTest:
    at = AppTest.from_file(path, default_timeout=TIMEOUT)
    at.session_state["lang"] = lang
    if network is not None:
        at.session_state["network"] = network
        at.session_state["network_source"] = "test"
    return at.run()


def _submit(at: AppTest, form: str, label: str) -> AppTest:
    return at.button(key=f"FormSubmitter:{form}-{label}").click().run()


def _frames(at: AppTest) -> list[pd.DataFrame]:
    return [element.value for element in at.dataframe]


# -- report page ------------------------------------------------------------------


def test_report_page_renders_in_dutch_and_english(database, small_network):
    at = _page(REPORT_PAGE, small_network)
    assert not at.exception
    assert at.title[0].value == "Rapport"
    assert [b.label for b in at.button] == ["Rapport maken"]
    english = _page(REPORT_PAGE, small_network, lang="en")
    assert not english.exception
    assert english.title[0].value == "Report"
    assert [b.label for b in english.button] == ["Make the report"]
    assert english.checkbox(key="report_pseudonymise").label == "Replace residents' names by pseudonyms"


def test_report_page_makes_the_report_and_previews_its_figures(database, small_network):
    at = _page(REPORT_PAGE, small_network)
    at = _submit(at, "report_form", "Rapport maken")
    assert not at.exception
    assert at.success[0].value.startswith("Het rapport is klaar")
    metrics = {m.label: m.value for m in at.metric}
    # small_network: 7 stakeholders, 7 relation rows; I2 has no route to a civil servant and
    # I1 reaches one only through B1: two isolated initiatives.
    assert metrics["Betrokkenen"] == "7"
    assert metrics["Relaties"] == "7"
    assert metrics["Geïsoleerde initiatieven"] == "2"
    downloads = at.get("download_button")
    assert [d.proto.label for d in downloads] == ["Rapport downloaden (HTML)"]
    page = at.session_state["report"]["html"].decode("utf-8")
    # Residents are pseudonymised by default (issue 15): names only on request.
    assert '<html lang="nl">' in page and "Testdorp" in page and "Chloë Bakker" not in page
    assert "Conclusies" in page


def test_report_page_compares_with_the_previous_saved_version(database, db, small_network):
    """With a saved version that differs, the conclusions open with the change
    since that version (named by number and Dutch date), on the page and in the report."""
    from netanalysis.i18n import format_datetime

    db.save_network(small_network.without_stakeholders(["I2"]), name=small_network.name, note="eerder")
    info = db.list_versions(small_network.name)[0]
    at = _page(REPORT_PAGE, small_network)
    at = _submit(at, "report_form", "Rapport maken")
    assert not at.exception, [e.message for e in at.exception]
    label = f"versie {info.number} van {format_datetime(info.created_at, 'nl')}"
    first = at.session_state["report"]["conclusions"][0]
    # Relations counted as rows, as the figure beside it: 7 now.
    assert first == f"Sinds {label}: 7 betrokkenen (+1), 7 relaties (±0), 2 geïsoleerde initiatieven (+1)."
    assert any("Sinds versie" in m.value for m in at.markdown)  # the conclusions on the page
    assert any("vorige opgeslagen versie" in c.value for c in at.caption)
    assert f"Sinds {label}" in at.session_state["report"]["html"].decode("utf-8")


def test_report_page_without_a_previous_version_draws_no_comparison(database, small_network):
    at = _submit(_page(REPORT_PAGE, small_network), "report_form", "Rapport maken")
    assert not at.exception
    assert not any(line.startswith("Sinds") for line in at.session_state["report"]["conclusions"])


def test_report_page_pseudonymises_residents_unless_names_are_asked_for(database, small_network):
    at = _page(REPORT_PAGE, small_network)
    assert at.checkbox(key="report_pseudonymise").value is True
    at = _submit(at, "report_form", "Rapport maken")
    assert not at.exception
    page = at.session_state["report"]["html"].decode("utf-8")
    assert "Chloë Bakker" not in page and "Bewoner " in page
    assert "Anouk de Vrĳ" in page  # civil servants keep their name
    at.checkbox(key="report_pseudonymise").uncheck()
    at = _submit(at, "report_form", "Rapport maken")
    assert "Chloë Bakker" in at.session_state["report"]["html"].decode("utf-8")


def test_report_page_in_english_makes_an_english_report(database, small_network):
    at = _page(REPORT_PAGE, small_network, lang="en")
    at = _submit(at, "report_form", "Make the report")
    assert not at.exception
    assert '<html lang="en">' in at.session_state["report"]["html"].decode("utf-8")


def test_report_page_runs_through_the_cached_analysis(database, small_network):
    """The report uses the pages' cached steps (ui.cached), not an uncached
    analyse(): a second report of the same data computes nothing."""
    from unittest import mock

    at = _submit(_page(REPORT_PAGE, small_network), "report_form", "Rapport maken")
    assert not at.exception
    first = at.session_state["report"]["html"]
    with mock.patch("netanalysis.analysis.analyse", side_effect=AssertionError("uncached")), \
         mock.patch("netanalysis.brokers.broker_table", side_effect=AssertionError("recomputed")), \
         mock.patch("netanalysis.suggest.suggest_connections", side_effect=AssertionError("recomputed")):
        at = _submit(at, "report_form", "Rapport maken")
    assert not at.exception, [e.message for e in at.exception]
    assert at.success[0].value.startswith("Het rapport is klaar")
    assert len(at.session_state["report"]["html"]) == len(first)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_cached_full_analysis_equals_analyse(small_network, lang):
    from netanalysis.analysis import analyse
    from ui.cached import full_analysis

    expected, cached = analyse(small_network, lang=lang), full_analysis(small_network, lang)
    for key in ("stakeholders", "brokers", "single_points"):
        pd.testing.assert_frame_equal(cached[key], expected[key])
    limit = len(expected["suggestions"])
    pd.testing.assert_frame_equal(cached["suggestions"].head(limit), expected["suggestions"])
    assert repr(cached["gaps"]) == repr(expected["gaps"])
    assert cached["method"] == expected["method"] and cached["network"] == expected["network"]
    assert set(cached["timings"]) == set(expected["timings"])


def test_report_page_on_an_empty_network_explains_instead(database):
    at = _page(REPORT_PAGE, StakeholderNetwork.empty("Leeg"))
    assert not at.exception
    assert at.info and not at.button


# -- versions page ------------------------------------------------------------------

PEOPLE = [
    {"id": "A", "name": "Anouk", "type": "civil_servant", "organisation": "Ruimte", "themes": "groen"},
    {"id": "B", "name": "Bram", "type": "civil_servant", "organisation": "Ruimte", "themes": "groen"},
    {"id": "Z", "name": "Zoë de Jong", "type": "resident", "themes": "groen"},
    {"id": "I", "name": "Moestuin", "type": "initiative", "themes": "groen"},
]


def _before() -> StakeholderNetwork:
    return StakeholderNetwork.from_tables(PEOPLE, [{"source": "A", "target": "B"}, {"source": "Z", "target": "I"}], name="Testdorp")


def _after() -> StakeholderNetwork:
    people = PEOPLE + [{"id": "D", "name": "Drukkerij Dijk", "type": "business"}]
    ties = [{"source": "A", "target": "B"}, {"source": "Z", "target": "I"}, {"source": "A", "target": "I", "notes": "op voorstel van Zoë de Jong"},
            {"source": "B", "target": "I"}, {"source": "D", "target": "Z", "notes": "buren van Zoë de Jong"}]
    return StakeholderNetwork.from_tables(people, ties, name="Testdorp")


def test_versions_page_without_saved_networks(database, small_network):
    at = _page(VERSIONS_PAGE, small_network)
    assert not at.exception
    assert at.title[0].value == "Versies en verloop"
    assert [t.label for t in at.tabs] == ["Opslaan", "Versies", "Vergelijken", "Verloop", "Persoon vergeten (AVG)"]
    assert [i.value for i in at.info].count("Er zijn nog geen opgeslagen netwerken.") == 3


def test_save_the_active_network_as_a_version(database, db, small_network):
    at = _page(VERSIONS_PAGE, small_network)
    at.text_area(key="version_note").input("na de wijkavond")
    at = _submit(at, "version_save_form", "Opslaan als nieuwe versie")
    assert not at.exception
    assert at.success[0].value == "Opgeslagen als versie 1 van ‘Testdorp’."
    [version] = db.list_versions("Testdorp")
    assert (version.number, version.note) == (1, "na de wijkavond")
    assert db.load_version(version.id).fingerprint() == small_network.fingerprint()
    # Saved at a UTC moment, shown in Amsterdam time (the store keeps UTC).
    from netanalysis.i18n import format_datetime

    table = next(f for f in _frames(_page(VERSIONS_PAGE, small_network)) if "opgeslagen op" in f.columns)
    shown = format_datetime(version.created_at, "nl")
    assert table["opgeslagen op"].tolist() == [shown] and shown != f"{version.created_at:%d-%m-%Y %H:%M}"


def test_open_and_restore_a_version(database, db):
    first = db.save_network(_before(), name="Testdorp", note="eerste")
    db.save_network(_after(), name="Testdorp", note="tweede")
    at = _page(VERSIONS_PAGE, _after())
    versions = at.selectbox(key="versions_pick")
    assert [o for o in versions.options][0].startswith("versie 2")
    versions.select_index(1)
    at = at.button(key="version_open").click().run()
    assert not at.exception
    assert at.session_state["network"].fingerprint() == _before().fingerprint()
    assert at.success[0].value == "Versie 1 van ‘Testdorp’ is nu het actieve netwerk."
    at.selectbox(key="versions_pick").select_index(1)
    at = at.button(key="version_restore").click().run()
    assert not at.exception
    newest = db.list_versions("Testdorp")[0]
    assert (newest.number, newest.restored_from) == (3, first)
    assert at.session_state["network"].fingerprint() == _before().fingerprint()


def test_compare_two_versions(database, db):
    db.save_network(_before(), name="Testdorp", note="eerste")
    db.save_network(_after(), name="Testdorp", note="tweede")
    at = _page(VERSIONS_PAGE, _after())
    at = at.button(key="compare_run").click().run()
    assert not at.exception
    assert "1 betrokkenen erbij, 0 eraf; 3 relaties erbij, 0 eraf." in [m.value for m in at.markdown]
    metrics = {m.label: (m.value, m.proto.delta) for m in at.metric}
    assert metrics["Betrokkenen"] == ("5", "+1")
    assert metrics["Relaties"] == ("5", "+3")
    frames = _frames(at)
    names = {name for frame in frames for column in frame.columns for name in frame[column].astype(str)}
    assert "Drukkerij Dijk" in names
    assert any("Moestuin" in set(frame.iloc[:, 0].astype(str)) for frame in frames)
    assert at.get("plotly_chart")
    # Another choice hides the old result until it is compared again.
    at.selectbox(key="compare_after").set_value(db.list_versions("Testdorp")[-1].id)
    at = at.run()
    assert not at.exception
    assert not at.metric


def test_trend_of_the_headline_figures(database, db):
    db.save_network(_before(), name="Testdorp")
    db.save_network(_after(), name="Testdorp")
    at = _page(VERSIONS_PAGE, _after())
    assert not at.exception
    frames = [f for f in _frames(at) if "Relaties" in f.columns]
    assert frames, "the trend table is shown"
    assert frames[-1]["Relaties"].tolist() == [2, 5]
    assert frames[-1]["Betrokkenen"].tolist() == [4, 5]
    assert at.get("plotly_chart")


def _text_everywhere(url: str) -> str:
    store = Store(url)
    cells = []
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, (String, Text))]
            if columns:
                for row in conn.execute(select(*columns)):
                    cells += [str(v) for v in row if v is not None]
    store.dispose()
    return "\n".join(cells).casefold()


def test_forget_a_person_with_confirmation(database, db):
    db.save_network(_before(), name="Testdorp")
    db.save_network(_after(), name="Testdorp")
    at = _page(VERSIONS_PAGE, _after())
    at.text_input(key="forget_who").input("zoë de jong")
    at = _submit(at, "forget_find_form", "Zoeken")
    assert not at.exception
    texts = [m.value for m in at.markdown]
    # Z has one tie in version 1 and two in version 2 (and the active network); the A-I note names her.
    assert "- Actief netwerk: 1 betrokkene(n), 2 relatie(s), 1 tekstveld(en)." in texts
    assert "- Database: 2 versie(s), 0 workshopinzending(en), 1 tekstveld(en) elders." in texts
    assert at.button(key="forget_go").disabled
    assert "zoë de jong" in _text_everywhere(database), "nothing is removed before confirming"
    at.text_input(key="forget_confirm").input("zoë")
    at = at.run()
    assert at.button(key="forget_go").disabled, "a typed confirmation must match the name searched for"
    at.text_input(key="forget_confirm").input("Zoë  de Jong")
    at = at.run()
    at = at.button(key="forget_go").click().run()
    assert not at.exception
    assert at.success[-1].value.startswith("Vergeten: Zoë de Jong")
    assert "Z" not in at.session_state["network"].ids
    assert "zoë" not in " ".join(str(n) for n in at.session_state["network"].relations["notes"]).casefold()
    assert "zoë" not in _text_everywhere(database)
    assert len(db.load_version(db.list_versions("Testdorp")[0].id)) == 4


def test_forget_someone_unknown(database, db):
    db.save_network(_before(), name="Testdorp")
    at = _page(VERSIONS_PAGE, _before())
    at.text_input(key="forget_who").input("Niemand")
    at = _submit(at, "forget_find_form", "Zoeken")
    assert not at.exception
    assert "Niemand gevonden met deze naam of id." in [i.value for i in at.info]
    assert not [b for b in at.button if b.key == "forget_go"]
