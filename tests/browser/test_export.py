"""Exports on the data page, downloaded through the real browser: the files are
made on click, load back to the same network, and cannot run as formulas."""

from __future__ import annotations

import io as bytes_io

import openpyxl
import pytest

from netanalysis import io
from netanalysis.demo import build_demo

from .conftest import dismiss_page_not_found, wait_idle

pytestmark = pytest.mark.browser


def download(tab, label: str) -> tuple[str, bytes]:
    # A deep link right after the server starts may open Streamlit's "Page not
    # found" modal, which swallows clicks (this file's tests run first).
    dismiss_page_not_found(tab)
    tab.page.get_by_role("tab", name="Exporteren").click()
    button = tab.page.get_by_role("button", name=label)
    button.wait_for(state="visible")
    with tab.page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def test_json_and_xlsx_downloads_load_back_to_the_demo(tab):
    tab.goto("gegevens", title="Gegevens")
    wait_idle(tab.page)
    name, data = download(tab, "JSON (Netwerkkaart)")
    assert name.endswith(".json")
    loaded = io.load([(name, data)])
    assert loaded.ok
    assert loaded.network.fingerprint() == build_demo().fingerprint()
    name, data = download(tab, "Excel (XLSX)")
    assert name.endswith(".xlsx")
    workbook = openpyxl.load_workbook(bytes_io.BytesIO(data))
    assert {"Betrokkenen", "Relaties"} <= set(workbook.sheetnames)
    assert workbook["Betrokkenen"].max_row == 251
    back = io.load([(name, data)])
    assert back.ok and len(back.network) == 250 and len(back.network.relations) == len(loaded.network.relations)
    assert tab.exceptions() == []


def test_csv_downloads_open_in_dutch_excel_and_load_back_to_the_demo(tab):
    # In Dutch the CSV format defaults to Excel Nederland: ";" and decimal commas.
    tab.goto("gegevens", title="Gegevens")
    wait_idle(tab.page)
    people_name, people = download(tab, "CSV: betrokkenen")
    ties_name, ties = download(tab, "CSV: relaties")
    assert people.decode("utf-8-sig").startswith("id;naam;type;")
    assert ties.decode("utf-8-sig").startswith("van;naar;type;sterkte;")
    back = io.load([(people_name, people), (ties_name, ties)])
    assert back.ok, [p.located("nl") for p in back.errors]
    assert back.network.fingerprint() == build_demo().fingerprint()
    assert tab.exceptions() == []


def test_map_download_is_a_standalone_offline_page(tab):
    tab.goto("gegevens", title="Gegevens")
    wait_idle(tab.page)
    name, data = download(tab, "Kaart als los HTML-bestand (werkt offline)")
    page = data.decode("utf-8")
    assert name.endswith(".html") and "vis-network" in page.lower()
    assert 'src="http' not in page and "href=\"http" not in page
