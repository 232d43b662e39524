"""The concept through the pages (issue #13): a new session (F5, another tab,
a restarted server) gets the same network back, undo and redo work from the
status bar, and replacing an unsaved concept needs a confirmation."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def private_database(tmp_path, monkeypatch):
    monkeypatch.setenv("NETWERKKAART_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")


def session(page: str = "start", lang: str = "nl") -> AppTest:
    """A fresh browser session (what F5 or a new tab gives)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    if page != "start":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def status(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown if "Concept" in m.value or "voorbeeldnetwerk" in m.value
                    or "Opgeslagen" in m.value)


def test_an_accepted_suggestion_and_a_dismissal_survive_a_new_session():
    at = session("ontbrekende_verbindingen")
    assert "voorbeeldnetwerk" in status(at)
    relations = len(at.session_state["network"].relations)
    accept = [b for b in at.button if b.key and b.key.startswith("accept_")]
    accepted = accept[0].key[len("accept_"):]
    accept[0].click().run()
    dismiss = [b for b in at.button if b.key and b.key.startswith("dismiss_")]
    dismissed = dismiss[0].key[len("dismiss_"):]
    dismiss[0].click().run()
    assert not at.exception
    assert "Concept — nog niet opgeslagen als versie" in status(at)
    assert not at.warning, "no merge warning when nobody else wrote"

    again = session("ontbrekende_verbindingen")
    assert len(again.session_state["network"].relations) == relations + 1
    keys = {b.key for b in again.button if b.key}
    assert f"accept_{accepted}" not in keys and f"dismiss_{dismissed}" not in keys
    assert any("Suggestie" in c.value and "afgewezen" in c.value for c in again.caption)


def test_undo_and_redo_from_the_status_bar_across_sessions():
    at = session("ontbrekende_verbindingen")
    relations = len(at.session_state["network"].relations)
    [b for b in at.button if b.key and b.key.startswith("accept_")][0].click().run()
    at = session("gegevens")
    assert len(at.session_state["network"].relations) == relations + 1
    at.button(key="draft_undo").click().run()
    assert len(at.session_state["network"].relations) == relations
    at = session("start", "en")
    assert len(at.session_state["network"].relations) == relations
    assert not at.button(key="draft_redo").disabled
    at.button(key="draft_redo").click().run()
    assert len(at.session_state["network"].relations) == relations + 1
    assert any("Suggestion accepted" in c.value for c in at.caption)


def test_saving_the_concept_and_replacing_it_needs_a_confirmation_only_while_unsaved():
    at = session("ontbrekende_verbindingen")
    [b for b in at.button if b.key and b.key.startswith("accept_")][0].click().run()
    at = session("start")
    assert at.button(key="draft_save").disabled is False
    assert any("nog niet opgeslagen" in w.value for w in at.warning)
    assert at.checkbox(key="use_demo_replace").value is False
    at.button(key="draft_save").click().run()
    assert any("Opgeslagen als versie 1" in s.value for s in at.success)
    assert "Opgeslagen als versie" in status(at)
    assert not [c for c in at.checkbox if c.key == "use_demo_replace"]
    versions = session("versies")
    assert any("Gemeente Voorbeeldstad" in str(v) for v in versions.selectbox(key="versions_network").options)



def test_my_network_shows_the_initiatives_wijk_and_introducer_and_accepts_there():
    """Mijn netwerk (issue 15): the initiatives table names the initiative's own
    wijk (the shared one was "—" for every civil servant) and who can
    introduce; accepting there adds the relation as one undo step."""
    at = session("mijn_netwerk")
    network = at.session_state["network"]
    names = dict(zip(network.stakeholders["id"], network.stakeholders["name"]))
    servants = network.stakeholders[network.stakeholders["type"] == "civil_servant"]["id"].tolist()
    areas = []
    for servant in servants[:10]:
        at.selectbox(key="ego_who").set_value(servant).run()
        table = next((d.value for d in at.dataframe if "kan introduceren" in d.value.columns), None)
        if table is not None:
            areas.append((table["wijk"] != "—").any())
    assert not at.exception, [e.message for e in at.exception]
    assert areas and all(areas), "every civil servant's list names the initiatives' wijk"
    table = next(d.value for d in at.dataframe if "kan introduceren" in d.value.columns)
    assert (table["kan introduceren"] != "—").any()
    relations = len(network.relations)
    picker = at.selectbox(key="ego_accept_which")
    assert picker.value is None and at.button(key="ego_accept").disabled
    chosen = next(i for i, n in names.items() if n == picker.options[0])
    picker.set_value(chosen).run()
    at.button(key="ego_accept").click().run()
    assert not at.exception, [e.message for e in at.exception]
    grown = at.session_state["network"]
    assert len(grown.relations) == relations + 1
    assert {tuple(r) for r in grown.relations[["source", "target"]].values} - {tuple(r) for r in network.relations[["source", "target"]].values} \
        in ({(servant, chosen)}, {(chosen, servant)})
    assert any(names[chosen] in s.value for s in at.success)
    assert names[chosen] not in at.selectbox(key="ego_accept_which").options
    # A new session (F5) gets the relation back: it is in the concept, not only in the session.
    again = session("start")
    assert len(again.session_state["network"].relations) == relations + 1
