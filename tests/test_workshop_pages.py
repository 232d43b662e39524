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
    assert any("Bewaar deze sleutel" in m.value for m in at.markdown), "the key is shown once, in a dialog"
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


def consent(at: AppTest, shown_as: str = "name") -> AppTest:
    at.radio(key="part_shown_as").set_value(shown_as)
    at.checkbox(key="part_consent").check()
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_participant_submits_from_the_phone_page(database):
    workshop, _ = database.create_workshop("Proef")
    at = open_page("meedoen", query={"code": workshop.code})
    assert "Proef" in [s.value for s in at.subheader]
    consent(at)
    at.text_input(key="part_name").input("Daan de Wit")
    at.selectbox(key="part_type").set_value("initiative")
    at.text_input(key="tie_name").input("Stichting Groen Zuid")
    at.selectbox(key="tie_type").set_value("organisation")
    at.button(key="tie_add").click().run()
    assert not at.exception
    assert at.text_input(key="tie_name").value == "", "the tie's fields are emptied for the next one"
    [b for b in at.button if b.label == "Versturen"][0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("Dank je" in s.value for s in at.success)
    network = database.workshop_network(workshop.code)
    names = set(network.stakeholders["name"])
    assert {"Daan de Wit", "Stichting Groen Zuid"} <= names
    assert len(network.relations) == 1


def test_the_form_appears_only_after_consent_and_a_choice_of_visibility(database):
    workshop, _ = database.create_workshop("Proef")
    at = open_page("meedoen", query={"code": workshop.code})
    headings = [m.value for m in at.markdown]
    assert any("wat er met je gegevens gebeurt" in h for h in headings)
    notice = next(m.value for m in at.markdown if "Wat we bewaren" in m.value)
    assert "Intrekken" in notice and "Wie het ziet" in notice and "Hoe lang" in notice
    assert not [t for t in at.text_input if t.key == "part_name"], "nothing to type before consent"
    assert not [b for b in at.button if b.label == "Versturen"]
    at.checkbox(key="part_consent").check().run()
    assert not [t for t in at.text_input if t.key == "part_name"], "the visibility choice is needed too"
    at.radio(key="part_shown_as").set_value("participant").run()
    assert at.text_input(key="part_name")
    assert [e.label for e in at.expander] == ["Eerst: wat er met je gegevens gebeurt"], "read and agreed: the notice folds away"
    headings = [m.value for m in at.markdown]
    assert "### 3. Klaar? Verstuur je inzending" in headings and "### 3." not in headings


def test_phones_see_no_seed_names_and_no_hidden_participants(database):
    from netanalysis.demo import build_demo

    demo = build_demo()
    workshop, key = database.create_workshop("Wijkavond", seed_version_id=database.save_network(demo, name="Voorbeeldstad"))
    at = consent(open_page("meedoen", query={"code": workshop.code}))
    assert not [s for s in at.selectbox if s.key == "tie_existing"], "nothing to choose: no list at all"
    assert at.text_input(key="tie_name").label == "Naam van iemand met wie je samenwerkt"
    database.submit(workshop.code, new_participant_token(),
                    {"me": {"name": "Zichtbare Zoë", "type": "bewoner", "consent": True, "shown_as": "name"}}, submission_id="z")
    database.submit(workshop.code, new_participant_token(),
                    {"me": {"name": "Verborgen Vera", "type": "bewoner", "consent": True, "shown_as": "participant"}},
                    submission_id="v")
    at.run()
    options = at.selectbox(key="tie_existing").options
    assert options == ["— iemand nieuws —", "Zichtbare Zoë (bewoner)"]
    # Picking someone from the list: no question about what kind of stakeholder that is.
    [zoe] = database.room_choices(workshop.code)
    at.selectbox(key="tie_existing").set_value(zoe["id"]).run()
    assert not [s for s in at.selectbox if s.key == "tie_type"] and not [t for t in at.text_input if t.key == "tie_name"]
    everyone = set(demo.stakeholders["name"])
    assert not everyone & {o.split(" (")[0] for o in options}


def test_what_a_participant_typed_survives_a_reload(database):
    workshop, _ = database.create_workshop("Proef")
    token = new_participant_token()
    at = open_page("meedoen", query={"code": workshop.code})
    at.session_state["participant_token"] = token
    at.run()
    consent(at, "participant")
    at.text_input(key="part_name").input("Daan de Wit").run()
    at.text_input(key="part_org").input("Wijkteam Zuid").run()
    at.text_input(key="tie_name").input("Piet").run()
    at.button(key="tie_add").click().run()
    # A reload: a new browser session with the same token (the cookie), nothing else.
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    again.session_state["lang"] = "nl"
    again.session_state["participant_token"] = token
    again.query_params["code"] = workshop.code
    again.run()
    again.switch_page("pages/meedoen.py").run()
    assert not again.exception, [e.message for e in again.exception]
    assert again.checkbox(key="part_consent").value is True
    assert again.radio(key="part_shown_as").value == "participant"
    assert again.text_input(key="part_name").value == "Daan de Wit"
    assert again.text_input(key="part_org").value == "Wijkteam Zuid"
    assert any("Piet" in m.value for m in again.markdown)


def test_closed_workshop_refuses_with_a_clear_message(database):
    workshop, key = database.create_workshop("Gesloten sessie")
    database.close_workshop(workshop.code, key)
    at = open_page("meedoen", lang="en", query={"code": workshop.code})
    assert any("closed" in w.value for w in at.warning)
    assert not [b for b in at.button if b.label == "Send"]


def test_unknown_code_is_explained(database):
    at = open_page("meedoen", query={"code": "ABCDEFGH"})
    assert at.error, "an unknown workshop code gets a clear message"


def facilitator_page(database, code: str, key: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "nl"
    at.session_state["facilitator"] = {"code": code, "key": key, "fresh_key": False}
    at.run()
    at.switch_page("pages/workshop_leiden.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_facilitator_approves_entries_and_merges_duplicates(database):
    workshop, key = database.create_workshop("Proef")
    code = workshop.code
    at = facilitator_page(database, code, key)
    at.toggle(key="mod_enabled").set_value(True).run()
    assert not at.exception, [e.message for e in at.exception]
    assert database.moderation_enabled(code)
    for sid, name, shown_as, ties in [
        ("j", "Jan de Vries", "name", []),
        ("v", "Verborgen Vera", "participant", [{"name": "J. de Vries", "type": "bewoner", "strength": 4}]),
    ]:
        database.submit(code, new_participant_token(), {"me": {"name": name, "type": "bewoner", "consent": True,
                                                              "shown_as": shown_as}, "ties": ties}, submission_id=sid)
    at.run()
    assert metrics(at)["Deelnemers"] == "2"
    listed = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes
    assert "Wacht op goedkeuring: 2" in listed
    assert "Jan de Vries" in listed and "Deelnemer (zonder naam)" in listed and "J. de Vries" in listed
    assert "Verborgen" not in listed, "the moderation list shows what the map would: no hidden name"
    assert len(database.workshop_network(code)) == 0, "nothing on the beamer before approval"
    at.button(key="mod_ok_all").click().run()
    assert not at.exception, [e.message for e in at.exception]
    network = database.workshop_network(code)
    assert set(network.stakeholders["name"]) == {"Jan de Vries", "Deelnemer 1", "J. de Vries"}
    ids = {name: i for i, name in network.names().items()}
    at.run()
    at.selectbox(key="mod_merge_from").set_value(ids["J. de Vries"]).run()
    at.selectbox(key="mod_merge_into").set_value(ids["Jan de Vries"]).run()
    at.button(key="mod_merge").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert set(database.workshop_network(code).stakeholders["name"]) == {"Jan de Vries", "Deelnemer 1"}
    assert any("J. de Vries is samengevoegd met Jan de Vries" in m.value.replace("\\", "") for m in at.markdown)


def test_facilitator_makes_a_seed_name_choosable_on_phones(database):
    from netanalysis.demo import build_demo

    demo = build_demo()
    workshop, key = database.create_workshop("Wijkavond", seed_version_id=database.save_network(demo, name="Voorbeeldstad"))
    at = facilitator_page(database, workshop.code, key)
    organisation = demo.stakeholders[demo.stakeholders["type"] == "organisation"].iloc[0]
    assert f"{organisation['name']} (organisatie)" in at.multiselect(key="mod_choosable").options
    at.multiselect(key="mod_choosable").select(organisation["id"])
    [b for b in at.button if b.label == "Kiesbare namen opslaan"][0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert [c["name"] for c in database.room_choices(workshop.code)] == [organisation["name"]]
    phone = consent(open_page("meedoen", query={"code": workshop.code}))
    assert phone.selectbox(key="tie_existing").options == ["— iemand nieuws —", f"{organisation['name']} (organisatie)"]


def test_participant_edits_an_earlier_entry_with_its_fields_filled_in(database):
    workshop, _ = database.create_workshop("Proef")
    at = consent(open_page("meedoen", query={"code": workshop.code}))
    at.text_input(key="part_name").input("Daan de Wit")
    at.text_input(key="part_area").input("Zuid")
    at.text_input(key="tie_name").input("Piet")
    at.button(key="tie_add").click().run()
    at.button(key="part_send").click().run()
    at.text_input(key="part_name").input("Iemand Anders").run()
    [edit] = [b for b in at.button if b.label == "Wijzigen"]
    edit.click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.text_input(key="part_name").value == "Daan de Wit", "the entry's own fields, not what was typed since"
    assert at.text_input(key="part_area").value == "Zuid"
    assert any("Piet" in m.value for m in at.markdown)
    at.text_input(key="part_area").input("Noord").run()
    at.button(key="part_send").click().run()
    assert not at.exception, [e.message for e in at.exception]
    network = database.workshop_network(workshop.code)
    assert network.stakeholders.set_index("name").loc["Daan de Wit", "area"] == "Noord"
    assert len(network) == 2
