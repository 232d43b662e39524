"""AppTest of the Start page's mapping step: a workbook whose layout is not
recognised is shown sheet by sheet, the user assigns the columns, sees the
result before loading, and loads it (AppTest cannot upload, so the upload's
bytes are put where the uploader leaves them)."""

from __future__ import annotations

import io as stdlib_io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
FILES = ROOT.parent / "shared" / "interop" / "files"


@pytest.fixture(autouse=True)
def private_database(tmp_path, monkeypatch):
    monkeypatch.setenv("NETWERKKAART_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")


def workbook(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    for row in rows:
        sheet.append(row)
    buffer = stdlib_io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


UNRECOGNISED = workbook([["Wie", "Met wie", "Hoe vaak"], ["Anouk", "Bas", 3], ["Bas", "Cor", 12], ["Cor", "Anouk", 1]])


def start_page(sources, *, open_mapping=True, lang="nl") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state["mapping_sources"] = sources
    at.session_state["mapping_open"] = open_mapping
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_unrecognised_workbook_is_mapped_previewed_and_loaded():
    at = start_page([("contacten.xlsx", UNRECOGNISED)])
    assert "Kolommen toewijzen" in [s.value for s in at.subheader]
    assert any("Wie, Met wie, Hoe vaak" in m.value for m in at.markdown)  # what was found
    at.selectbox(key="mapping_ties_sheet").set_value("Blad1").run()
    at.selectbox(key="mapping_r_Blad1_source").set_value("Wie").run()
    at.selectbox(key="mapping_r_Blad1_target").set_value("Met wie").run()
    at.selectbox(key="mapping_r_Blad1_weight").set_value("Hoe vaak").run()
    assert not at.exception
    assert "3 betrokkenen en 3 relaties; 0 fout(en)" in captions(at)
    assert at.session_state["network"].name != "contacten"  # nothing loaded before the button
    at.button(key="mapping_load").click().run()
    assert not at.exception
    network = at.session_state["network"]
    assert sorted(network.ids) == ["Anouk", "Bas", "Cor"] and len(network.relations) == 3
    strengths = dict(zip(zip(network.relations["source"], network.relations["target"]), network.relations["strength"]))
    assert strengths[("Bas", "Cor")] == 5 and strengths[("Cor", "Anouk")] == 1  # 1-12 rescaled to 1-5
    assert any("Geladen: contacten" in s.value for s in at.success)


def test_mapping_errors_are_shown_in_the_preview_and_block_loading():
    at = start_page([("contacten.xlsx", UNRECOGNISED)])
    at.selectbox(key="mapping_people_sheet").set_value("Blad1").run()
    at.selectbox(key="mapping_ties_sheet").set_value("Blad1").run()
    at.selectbox(key="mapping_r_Blad1_source").set_value("Wie").run()
    at.selectbox(key="mapping_r_Blad1_target").set_value("Hoe vaak").run()  # numbers are no stakeholders
    assert "0 betrokkenen en 0 relaties" in captions(at)
    assert at.button(key="mapping_load").disabled
    shown = "\n".join(str(d.value.to_dict("records")) for d in at.dataframe)
    assert "De verplichte kolom 'id' ontbreekt" in shown and "'Met wie'" in shown


@pytest.mark.skipif(not FILES.is_dir(), reason="shared/interop/files is not beside the checkout")
def test_a_recognised_kumu_workbook_proposes_its_mapping():
    data = (FILES / "kumu_paypal_mafia.xlsx").read_bytes()
    at = start_page([("kumu_paypal_mafia.xlsx", data)])
    assert at.selectbox(key="mapping_people_sheet").value == "Elements"
    assert at.selectbox(key="mapping_ties_sheet").value == "Connections"
    assert at.selectbox(key="mapping_r_Connections_source").value == "From"
    assert at.radio(key="mapping_ties_by").value == "name"
    assert "34 betrokkenen en 47 relaties; 0 fout(en)" in captions(at)


def test_an_unrecognised_edge_list_is_proposed_ready_to_load():
    # The most common unknown file: ties with headers of their own. The guess
    # (layouts.propose) needs no choice from the user; the preview shows it.
    at = start_page([("contacten.xlsx", UNRECOGNISED)])
    assert at.selectbox(key="mapping_ties_sheet").value == "Blad1"
    assert at.selectbox(key="mapping_r_Blad1_source").value == "Wie"
    assert at.selectbox(key="mapping_r_Blad1_target").value == "Met wie"
    assert at.selectbox(key="mapping_r_Blad1_weight").value == "Hoe vaak"
    assert "3 betrokkenen en 3 relaties; 0 fout(en)" in captions(at)
    at.button(key="mapping_load").click().run()
    assert not at.exception
    assert sorted(at.session_state["network"].ids) == ["Anouk", "Bas", "Cor"]
