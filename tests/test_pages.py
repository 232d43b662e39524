"""AppTest for every page: rendered through app.py on the demo network, in
Dutch and English, asserting the content a user relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from netanalysis.network import StakeholderNetwork

ROOT = Path(__file__).resolve().parents[1]

PAGES = [
    "start",
    "kaart",
    "mijn_netwerk",
    "makelaars",
    "gaten",
    "ontbrekende_verbindingen",
    "stakeholdergrid",
    "gegevens",
    "workshop_leiden",
    "meedoen",
    "rapport",
    "versies",
]

TITLES = {
    "nl": {"kaart": "Kaart", "mijn_netwerk": "Mijn netwerk", "makelaars": "Makelaars", "gaten": "Gaten",
           "ontbrekende_verbindingen": "Ontbrekende verbindingen", "stakeholdergrid": "Stakeholdergrid",
           "gegevens": "Gegevens", "workshop_leiden": "Workshop leiden", "meedoen": "Meedoen",
           "rapport": "Rapport", "versies": "Versies en verloop"},
    "en": {"kaart": "Map", "mijn_netwerk": "My network", "makelaars": "Brokers", "gaten": "Gaps",
           "ontbrekende_verbindingen": "Missing connections", "stakeholdergrid": "Stakeholder grid",
           "gegevens": "Data", "workshop_leiden": "Run a workshop", "meedoen": "Take part",
           "rapport": "Report", "versies": "Versions and change"},
}


@pytest.fixture(autouse=True)
def private_database(tmp_path, monkeypatch):
    """Every test gets its own SQLite file: the app's data/ is never touched."""
    monkeypatch.setenv("NETWERKKAART_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")


@pytest.fixture(scope="module")
def ground_truth():
    return json.loads((ROOT / "data" / "ground_truth.json").read_text(encoding="utf-8"))


def open_page(page: str, lang: str = "nl", network: StakeholderNetwork | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    if network is not None:
        at.session_state["network"] = network
        at.session_state["network_source"] = "test"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    if page != "start":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def find_table(at: AppTest, *columns: str) -> pd.DataFrame:
    """The first table shown whose headers include all ``columns`` (AppTest
    does not expose dataframe keys)."""
    for frame in at.dataframe:
        value = frame.value
        if all(c in value.columns for c in columns):
            return value
    raise AssertionError(f"no table with columns {columns}")


def texts(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.title] + [e.value for e in at.subheader]
    parts += [e.value for e in at.caption] + [e.value for e in at.info] + [e.value for e in at.success]
    parts += [e.value for e in at.warning] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_both_languages(page, lang):
    at = open_page(page, lang)
    if page in TITLES[lang]:
        assert TITLES[lang][page] in [t.value for t in at.title]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_start_page_summarises_the_demo(lang):
    at = open_page("start", lang)
    metrics = {m.label: m.value for m in at.metric}
    stakeholders = "Betrokkenen" if lang == "nl" else "Stakeholders"
    assert metrics[stakeholders] == "250"
    counts = find_table(at, "Type")
    assert counts.iloc[:, 1].sum() == 250
    assert ("ambtenaar" if lang == "nl" else "civil servant") in counts.iloc[:, 0].tolist()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_brokers_page_puts_a_planted_verbinder_first(lang, ground_truth):
    at = open_page("makelaars", lang)
    table = find_table(at, "beschrijving" if lang == "nl" else "description")
    from netanalysis.demo import build_demo

    names = build_demo().names()
    planted = {names[i] for i in ground_truth["verbinders"]}
    name_column = "naam" if lang == "nl" else "name"
    top = table[name_column].head(len(planted)).tolist()
    assert top[0] in planted
    assert set(top) == planted
    assert len(at.get("plotly_chart")) >= 1


def test_gaps_page_lists_every_planted_isolated_initiative(ground_truth):
    at = open_page("gaten", "nl")
    table = find_table(at, "naam", "reden")
    from netanalysis.demo import build_demo

    names = build_demo().names()
    for initiative in ground_truth["isolated_initiatives"]:
        assert names[initiative] in table["naam"].tolist()
    spof = find_table(at, "naam", "ambtenaar")
    for pair in ground_truth["single_contact"]:
        assert names[pair["initiative"]] in spof["naam"].tolist()


def test_gaps_page_switches_the_mixing_grouping():
    # Dutch: AppTest formats radio options outside the script run, where the
    # session language is not visible, so it falls back to the default.
    at = open_page("gaten", "nl")
    at.radio(key="gaps_mixing_by").set_value("area").run()
    assert not at.exception
    ei = find_table(at, "groep", "E-I-index")
    assert set(ei["groep"]) - {"(niet ingevuld)"} == {"Noord", "Zuid", "Centrum", "Oost", "West", "Haven"}
    assert (ei["E-I-index"].head(6) < 0).all(), "the demo's areas are inward-looking"


def test_accepting_a_suggestion_adds_the_relation():
    at = open_page("ontbrekende_verbindingen", "nl")
    before = at.session_state["network"]
    accept = [b for b in at.button if b.key and b.key.startswith("accept_")]
    assert accept, "suggestions are shown with an accept button"
    source, target = accept[0].key[len("accept_"):].split("__")
    assert not before.to_graph().has_edge(source, target)
    accept[0].click().run()
    assert not at.exception
    after = at.session_state["network"]
    assert after.to_graph().has_edge(source, target)
    assert len(after.relations) == len(before.relations) + 1
    assert any("Relatie toegevoegd" in s.value for s in at.success)
    # The accepted pair is no longer suggested.
    keys = {b.key for b in at.button if b.key}
    assert f"accept_{source}__{target}" not in keys
    # ... and it shows on the data page's relation table.
    at.switch_page("pages/gegevens.py").run()
    relations = at.session_state["network"].relations
    assert ((relations["source"] == source) & (relations["target"] == target)).any()


def test_dismissing_a_suggestion_hides_it():
    at = open_page("ontbrekende_verbindingen", "en")
    relations = len(at.session_state["network"].relations)
    dismiss = [b for b in at.button if b.key and b.key.startswith("dismiss_")]
    key = dismiss[0].key
    dismiss[0].click().run()
    assert key not in {b.key for b in at.button if b.key}
    assert len(at.session_state["network"].relations) == relations


def test_my_network_shows_role_and_introductions(ground_truth):
    at = open_page("mijn_netwerk", "nl")
    verbinder = ground_truth["verbinders"][0]
    at.selectbox(key="ego_who").set_value(verbinder).run()
    assert not at.exception
    assert any("Rol in het netwerk" in i.value for i in at.info)
    ranks = {m.label: m.value for m in at.metric}
    assert ranks["Plek als makelaar"].startswith(("1 /", "2 /", "3 /"))


def test_map_page_filters_and_presentation_mode():
    at = open_page("kaart", "nl")
    caption = [c.value for c in at.caption if "betrokkenen getoond" in c.value][0]
    assert caption.startswith("250 van 250")
    at.multiselect(key="map_types").set_value(["initiative"])
    [b for b in at.button if b.label == "Toepassen"][0].click().run()
    caption = [c.value for c in at.caption if "betrokkenen getoond" in c.value][0]
    initiatives = (at.session_state["network"].stakeholders["type"] == "initiative").sum()
    assert caption.startswith(f"{initiatives} van 250")
    at.button(key="map_beamer_on").click().run()
    assert not at.exception
    # Beamer mode: the map alone, no title, filters or toggles; one way back.
    assert not at.title and not at.toggle and not at.multiselect
    assert [b.key for b in at.button] == ["map_beamer_off"]
    at.button(key="map_beamer_off").click().run()
    assert at.title and at.multiselect


def test_stakeholder_grid_names_quadrants_in_dutch():
    at = open_page("stakeholdergrid", "nl")
    table = find_table(at, "kwadrant")
    assert set(table["kwadrant"]) <= {"nauw betrekken", "tevreden houden", "informeren", "monitoren"}
    assert len(set(table["kwadrant"])) >= 3


def test_data_editor_refuses_invalid_changes_and_keeps_the_network():
    at = open_page("gegevens", "en")
    network = at.session_state["network"]
    # Simulate the user typing a strength of 9 in the first relation.
    editor_state = {"edited_rows": {0: {"strength": 9}}, "added_rows": [], "deleted_rows": []}
    at.session_state["edit_relations"] = editor_state
    submit = [b for b in at.button if b.label == "Apply changes"]
    submit[0].click().run()
    assert not at.exception
    assert at.session_state["network"] is network or at.session_state["network"].fingerprint() == network.fingerprint()
    assert any("not applied" in e.value for e in at.error)
    problems = find_table(at, "row", "what to do")
    assert (problems["row"] == 2).any() or len(problems) >= 1


@pytest.mark.parametrize("size", [0, 1, 2])
@pytest.mark.parametrize("page", PAGES)
def test_tiny_networks_get_a_helpful_message_not_an_error(page, size):
    people = [{"id": f"s{i}", "name": f"Persoon {i}", "type": "resident"} for i in range(size)]
    network = StakeholderNetwork.from_tables(people, [], name="Klein")
    at = open_page(page, "nl", network=network)
    if page in {"mijn_netwerk", "makelaars", "gaten", "ontbrekende_verbindingen"}:
        assert at.info, "an analysis page on a network without relations explains why it is empty"


def test_reruns_with_unchanged_data_hit_the_cache():
    """A second run computes nothing again: the cached wrappers are keyed on
    the fingerprint, so the analysis functions are not called."""
    from unittest import mock

    at = open_page("makelaars", "nl")
    with mock.patch("netanalysis.brokers.broker_table", side_effect=AssertionError("recomputed")):
        at.run()
    assert not at.exception


def test_map_rerun_with_unchanged_data_builds_nothing():
    from unittest import mock

    at = open_page("kaart", "nl")
    with mock.patch("netanalysis.maps.network_html", side_effect=AssertionError("rebuilt")), \
         mock.patch("netanalysis.network.StakeholderNetwork.filter", side_effect=AssertionError("refiltered")):
        at.run()
    assert not at.exception, [e.message for e in at.exception]


def test_gaps_heat_map_folds_small_groups_into_one():
    # 141 organisations (most with one or two people): a 141 x 141 heat map
    # says nothing, and at 100,000 stakeholders the matrix would not fit in memory.
    from netanalysis.synthetic import synthetic_municipality
    from ui.cached import MIXING_GROUPS

    at = open_page("gaten", "nl", network=synthetic_municipality(600, seed=7))
    at.radio(key="gaps_mixing_by").set_value("organisation").run()
    assert not at.exception
    heat_maps = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    heat_map = next(spec for spec in heat_maps if spec["data"][0]["type"] == "heatmap")
    rows = [row[0][0] for row in heat_map["data"][0]["customdata"]]  # hover label per cell: [row, column]
    assert len(rows) == MIXING_GROUPS
    assert "(alle kleinere groepen samen)" in rows and "(niet ingevuld)" in rows
    # The E-I table still has a row per organisation.
    ei = find_table(at, "groep", "E-I-index")
    assert len(ei) == 141


def test_brokers_page_says_how_betweenness_was_estimated():
    # Above the exact limit the page states KADABRA's guarantee and the
    # measured agreement in Dutch number format, and how to get exact values.
    from netanalysis import sampling
    from netanalysis.synthetic import synthetic_municipality

    n = sampling.EXACT_BETWEENNESS_LIMIT + 1
    assert sampling.betweenness_method(n) == "kadabra"
    at = open_page("makelaars", "nl", network=synthetic_municipality(n, seed=7))
    captions = " ".join(c.value for c in at.caption)
    assert "met 90% zekerheid binnen 0,001 van de exacte waarde" in captions
    measured, agreement = sampling.kadabra_measured_agreement(n)
    assert agreement >= sampling.KADABRA_TRUSTED_TOP20
    assert f"netwerk van {measured:,}".replace(",", ".") in captions
    assert f"{agreement} van de exacte top 20" in captions
    assert "Sla dit netwerk op als versie" in captions
    assert not at.warning or "steekproef van" not in " ".join(w.value for w in at.warning)


def test_at_a_size_where_the_estimate_ranked_poorly_the_page_warns_and_points_to_exact_values():
    # Measured at 100,000: 13 of the exact top 20 (sampling.KADABRA_MEASURED_TOP20).
    def script():
        import pandas as pd

        from netanalysis.synthetic import synthetic_municipality
        from ui import exactness

        table = pd.DataFrame({"betweenness": [0.0] * 90_000})
        table.attrs.update(betweenness_method="kadabra", betweenness_error=0.001, betweenness_confidence=0.9)
        exactness.show_method_note(synthetic_municipality(30, seed=7), table)

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    assert "netwerk van 100.000 betrokkenen stonden 13 van de exacte top 20" in warning
    assert "volgorde van de sterkste makelaars dus onzeker" in warning
    assert "exacte waarden van een opgeslagen versie" in warning


@pytest.mark.parametrize("lang, expected", [("nl", "excel-nl"), ("en", "standard")])
def test_csv_format_defaults_to_what_excel_opens_in_that_language(lang, expected):
    at = open_page("gegevens", lang)
    assert at.radio(key="csv_dialect").value == expected
