"""AppTest of the facilitator's page in a real room (issue 16): the join link's
address and its warning, the key shown once, organisation mode without a
key and with only the workspace's own versions, presentation mode, and the
side panel of who took part."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netanalysis.access import Actor
from netanalysis.network import StakeholderNetwork
from netanalysis.store import ENV_DATABASE_URL, Store
from netanalysis.workshop import format_code, new_participant_token
from ui.auth import ENV_MODE
from ui.room import ENV_PUBLIC_URL, ENV_RATE_LIMITS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'room.db'}"
    monkeypatch.setenv(ENV_DATABASE_URL, url)
    for name in (ENV_MODE, ENV_PUBLIC_URL, ENV_RATE_LIMITS):
        monkeypatch.delenv(name, raising=False)
    store = Store(url)
    yield store
    store.dispose()


def facilitator_page(session: dict | None = None, *, url: str = "http://localhost:8501/workshop_leiden",
                     user: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "nl"
    if session is not None:
        at.session_state["facilitator"] = session
    at.context = {"url": url}
    if user is not None:
        at.user = user
    at.run()
    at.switch_page("pages/workshop_leiden.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def everything_shown(at: AppTest) -> str:
    """Every text the page put on screen (values, labels, captions, code blocks)."""
    parts = []
    for kind in ("title", "subheader", "markdown", "caption", "code", "warning", "error", "info", "success",
                 "text", "metric", "expander"):
        for element in getattr(at, kind):
            for attribute in ("value", "label", "body"):
                value = getattr(element, attribute, None)
                if isinstance(value, str):
                    parts.append(value)
    parts += [b.label for b in at.button]
    return "\n".join(parts)


def test_a_link_on_localhost_is_shown_with_a_warning_that_says_what_to_configure(database):
    workshop, key = database.create_workshop("Buurtavond")
    credential = database.open_facilitator_pass(workshop.code, key)
    at = facilitator_page({"code": workshop.code, "key": credential})
    assert [c.value for c in at.code] == [f"http://localhost:8501/meedoen?code={workshop.code}"]
    [warning] = [w.value for w in at.warning]
    assert "Telefoons kunnen deze link niet openen" in warning and "localhost" in warning
    assert "NETWERKKAART_PUBLIC_URL" in warning and "public_url" in warning
    # The code in groups of four, to read aloud.
    assert f"## {format_code(workshop.code)}" in [m.value for m in at.markdown]


def test_the_configured_public_address_is_used_and_shown(database, monkeypatch):
    monkeypatch.setenv(ENV_PUBLIC_URL, "http://192.168.1.20:8501/")
    workshop, key = database.create_workshop("Buurtavond")
    credential = database.open_facilitator_pass(workshop.code, key)
    at = facilitator_page({"code": workshop.code, "key": credential})
    assert [c.value for c in at.code] == [f"http://192.168.1.20:8501/meedoen?code={workshop.code}"]
    assert not at.warning
    assert any("ingestelde adres http://192.168.1.20:8501" in c.value for c in at.caption)


def test_a_configured_loopback_address_is_warned_about_too(database, monkeypatch):
    monkeypatch.setenv(ENV_PUBLIC_URL, "http://127.0.0.1:8501")
    workshop, key = database.create_workshop("Buurtavond")
    at = facilitator_page({"code": workshop.code, "key": database.open_facilitator_pass(workshop.code, key)},
                          url="http://192.168.1.20:8501/workshop_leiden")
    assert [c.value for c in at.code] == [f"http://127.0.0.1:8501/meedoen?code={workshop.code}"]
    assert any("loopback" in w.value for w in at.warning)


def test_the_key_is_shown_once_and_then_never_again(database):
    at = facilitator_page()
    at.text_input(key="ws_title").input("Wijkavond Noord")
    [b for b in at.button if b.label == "Workshop openen"][0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    session = at.session_state["facilitator"]
    [shown] = [c.value for c in at.code if "/meedoen?" not in c.value]
    assert database.verify_key(session["code"], shown), "the dialog shows the real key"
    assert session["key"].startswith("fp_") and shown not in str(session)
    assert any("niet meer getoond" in m.value for m in at.markdown)
    [b for b in at.button if b.label == "Ik heb de sleutel bewaard"][0].click().run()
    assert not at.exception
    assert shown not in everything_shown(at)
    at.run()  # and on every later run
    assert shown not in everything_shown(at)
    assert shown not in str(at.session_state["facilitator"])


def test_organisation_mode_opens_workshops_without_a_key_and_seeds_only_from_the_own_workspace(database, monkeypatch):
    monkeypatch.setenv(ENV_MODE, "organisation")
    admin = Actor("admin", "Beheer", {"noord": "beheerder", "zuid": "beheerder"})
    for team in ("noord", "zuid"):
        database.create_team(team)
    database.set_member("noord", "fleur", "facilitator", name="Fleur", actor=admin)
    database.set_member("zuid", "fleur", "lezer", actor=admin)
    people = StakeholderNetwork.from_tables([{"id": "a", "name": "Anouk", "type": "resident"}])
    database.save_network(people, name="Kaart Noord", team="noord", actor=admin)
    database.save_network(people, name="Kaart Zuid", team="zuid", actor=admin)
    user = {"is_logged_in": True, "sub": "fleur", "name": "Fleur"}
    at = facilitator_page(user=user)
    options = at.selectbox(key="ws_seed").options  # as shown (formatted)
    assert any("Kaart Noord" in o for o in options)
    assert not any("Kaart Zuid" in o for o in options), "another workspace's versions are not offered"
    at.text_input(key="ws_title").input("Avond Noord")
    [b for b in at.button if b.label == "Workshop openen"][0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    session = at.session_state["facilitator"]
    assert session["key"] is None and "fresh_key" not in session
    assert not [b for b in at.button if b.label == "Ik heb de sleutel bewaard"], "no key, so no dialog"
    workshop = database.get_workshop(session["code"])
    assert workshop.owner == "fleur"
    # The facilitator's controls work without a key.
    [b for b in at.button if b.label == "Workshop sluiten"][0].click().run()
    assert not at.exception
    assert not database.get_workshop(workshop.code).is_open


def test_presentation_mode_keeps_the_facilitators_controls_and_names_off_the_beamer(database):
    workshop, key = database.create_workshop("Buurtavond")
    credential = database.open_facilitator_pass(workshop.code, key)
    database.submit(workshop.code, new_participant_token(), {"me": {"name": "Zwijger Zonderband", "type": "resident", "consent": True, "shown_as": "name"},
                                                             "ties": []}, submission_id="z")
    at = facilitator_page({"code": workshop.code, "key": credential})
    shown = everything_shown(at)
    assert "Zwijger Zonderband" in shown and "Nog niemand genoemd (1)" in shown
    assert "Inzendingen per soort: bewoner 1" in [c.value for c in at.caption]
    [b for b in at.button if b.label == "Presentatiemodus (beamer)"][0].click().run()
    assert not at.exception
    shown = everything_shown(at)
    assert "Zwijger Zonderband" not in shown and "Nog niemand genoemd" not in shown
    assert [b.label for b in at.button] == ["Presentatiemodus sluiten"]
    assert [c.value for c in at.code] == [f"http://localhost:8501/meedoen?code={workshop.code}"]
    assert not at.warning, "the configuration warning is for the facilitator, not the room"


def test_a_revoked_pass_sends_the_facilitator_back_to_the_start(database):
    workshop, key = database.create_workshop("Buurtavond")
    credential = database.open_facilitator_pass(workshop.code, key)
    database.revoke_facilitator_pass(credential)
    at = facilitator_page({"code": workshop.code, "key": credential})
    assert any("verlopen of ingetrokken" in e.value for e in at.error)
    assert at.session_state["facilitator"] == {}


def test_wrong_keys_get_a_message_and_then_the_limit(database, monkeypatch):
    monkeypatch.setenv(ENV_RATE_LIMITS, "key_workshop=2/600")
    workshop, _key = database.create_workshop("Buurtavond")
    at = facilitator_page()
    messages = []
    for attempt in range(3):
        at.text_input(key="ws_open_code").input(format_code(workshop.code).lower())
        at.text_input(key="ws_open_key").input(f"fout-{attempt}")
        [b for b in at.button if b.label == "Openen"][0].click().run()
        assert not at.exception
        messages.append(" ".join(e.value for e in at.error))
    assert messages[0] == messages[1] == "Deze code en sleutel horen niet bij elkaar."
    assert "Te veel pogingen" in messages[2]


def test_a_bad_rate_limit_setting_is_reported_in_dutch(database, monkeypatch):
    monkeypatch.setenv(ENV_RATE_LIMITS, "submit_adres=1/1")
    at = facilitator_page()
    assert any("NETWERKKAART_RATE_LIMITS" in e.value and "standaardwaarde" in e.value for e in at.error)


def test_whoever_arrived_since_the_last_drawing_glows_on_the_live_map(database):
    workshop, key = database.create_workshop("Buurtavond")
    credential = database.open_facilitator_pass(workshop.code, key)

    def send(name: str, submission_id: str) -> None:
        database.submit(workshop.code, new_participant_token(),
                        {"me": {"name": name, "type": "resident", "consent": True, "shown_as": "name"}, "ties": []},
                        submission_id=submission_id)

    send("Eerste Deelnemer", "a")
    at = facilitator_page({"code": workshop.code, "key": credential})
    first_html = at.session_state["ws_map"][1]
    assert '"fresh": true' not in first_html.replace('"fresh":true', '"fresh": true'), "nothing is new on the first drawing"
    send("Tweede Deelnemer", "b")
    at.run()
    assert not at.exception
    html = at.session_state["ws_map"][1].replace('"fresh":true', '"fresh": true')
    assert html.count('"fresh": true') == 1
    fresh_at = html.index('"fresh": true')
    # The glowing node is the newcomer: its name is the closest label before the flag.
    assert html.rfind("Tweede Deelnemer", 0, fresh_at) > html.rfind("Eerste Deelnemer", 0, fresh_at)
