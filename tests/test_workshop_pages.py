"""AppTest of the workshop pages: a facilitator opens a workshop, a participant
submits from the phone page, and the facilitator's screen shows it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netanalysis.store import Store
from netanalysis.workshop import new_participant_token

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'workshop.db'}"
    monkeypatch.setenv("NETWERKKAART_DATABASE_URL", url)
    store = Store(url)
    yield store
    store.dispose()


def open_page(page: str, lang: str = "nl", query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_facilitator_creates_a_workshop_seeded_from_a_saved_version(database):
    from netanalysis.demo import build_demo

    version = database.save_network(build_demo(), name="Voorbeeldstad")
    at = open_page("workshop_leiden")
    options = at.selectbox(key="ws_seed").options
    assert any("Voorbeeldstad" in option for option in options)
    at.text_input(key="ws_title").input("Wijkavond Noord")
    at.selectbox(key="ws_seed").set_value(version)
    [b for b in at.button if b.label == "Workshop openen"][0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    code = at.session_state["facilitator"]["code"]
    workshop = database.get_workshop(code)
    assert workshop.title == "Wijkavond Noord"
    assert workshop.seed_version_id == version
    assert any("Bewaar deze sleutel" in w.value for w in at.warning)
    # The seeded network is on the facilitator's map from the start.
    assert len(database.workshop_network(code)) == 250


def test_a_submission_shows_on_the_facilitators_screen(database):
    workshop, key = database.create_workshop("Proef")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["facilitator"] = {"code": workshop.code, "key": key, "fresh_key": False}
    at.run()
    at.switch_page("pages/workshop_leiden.py").run()
    assert not at.exception
    assert metrics(at)["Deelnemers"] == "0"
    database.submit(workshop.code, new_participant_token(), {"me": {"name": "Fatima el Amrani", "type": "bewoner", "consent": True, "shown_as": "name"},
                                               "ties": [{"name": "Buurthuis De Ster", "type": "organisatie", "strength": 4}]},
                    submission_id="s-1")
    at.run()  # what the self-refreshing fragment does every few seconds
    assert metrics(at)["Deelnemers"] == "1"
    assert metrics(at)["Relaties"] == "1"
    assert metrics(at)["Nieuw (laatste minuut)"] == "1"


def test_participant_submits_from_the_phone_page(database):
    workshop, _ = database.create_workshop("Proef")
    at = open_page("meedoen", query={"code": workshop.code})
    assert "Proef" in [s.value for s in at.subheader]
    at.text_input(key="part_name").input("Daan de Wit")
    at.selectbox(key="part_type").set_value("initiative")
    at.text_input(key="tie_name").input("Stichting Groen Zuid")
    at.selectbox(key="tie_type").set_value("organisation")
    [b for b in at.button if b.label == "Toevoegen"][0].click().run()
    assert not at.exception
    [b for b in at.button if b.label == "Versturen"][0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Dank je" in s.value for s in at.success)
    network = database.workshop_network(workshop.code)
    names = set(network.stakeholders["name"])
    assert {"Daan de Wit", "Stichting Groen Zuid"} <= names
    assert len(network.relations) == 1


def test_closed_workshop_refuses_with_a_clear_message(database):
    workshop, key = database.create_workshop("Gesloten sessie")
    database.close_workshop(workshop.code, key)
    at = open_page("meedoen", lang="en", query={"code": workshop.code})
    assert any("closed" in w.value for w in at.warning)
    assert not [b for b in at.button if b.label == "Send"]


def test_unknown_code_is_explained(database):
    at = open_page("meedoen", query={"code": "ABCDEFGH"})
    assert at.error, "an unknown workshop code gets a clear message"
