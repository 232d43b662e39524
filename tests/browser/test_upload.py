"""Loading your own network through the start page's uploader, end to end."""

from __future__ import annotations

import time

import pytest

from .conftest import FIXTURES, MAP_NODE_COUNT, grid_rows, map_eval, metric, upload, wait_idle

pytestmark = pytest.mark.browser

PEOPLE = FIXTURES / "klein_betrokkenen.csv"
TIES = FIXTURES / "klein_relaties.csv"
BAD_TIES = FIXTURES / "fout_relaties.csv"


def demo_metrics(tab) -> dict[str, str]:
    return {label: metric(tab, label) for label in ("Betrokkenen", "Relaties", "Losse delen", "Zonder relaties")}


def test_csv_pair_upload_replaces_the_network_everywhere(tab):
    tab.goto("", title="Netwerkkaart")
    assert metric(tab, "Betrokkenen") == "250"
    # Dutch file, relations first: the order of the two files does not matter.
    upload(tab, [TIES, PEOPLE])
    tab.page.locator('[data-testid="stAlertContentSuccess"]', has_text="Geladen").wait_for()
    wait_idle(tab.page)
    tab.page.locator('[data-testid="stDataFrame"] td', has_text="initiatief").first.wait_for(state="attached")
    assert demo_metrics(tab) == {"Betrokkenen": "12", "Relaties": "14", "Losse delen": "2", "Zonder relaties": "1"}
    # The grid redraws its canvas a moment after the metrics: wait for the new counts.
    expected = {"ambtenaar": "2", "bewoner": "3", "ondernemer": "2", "organisatie": "2", "initiatief": "3"}
    deadline = time.monotonic() + 20
    while True:
        counts = {row["Type"]: row["Aantal"] for row in grid_rows(tab, '[data-testid="stDataFrame"]')[0]}
        if counts == expected or time.monotonic() > deadline:
            break
        tab.page.wait_for_timeout(250)
    assert counts == expected
    sidebar = tab.page.locator('[data-testid="stSidebar"]').inner_text()
    assert "12 betrokkenen, 14 relaties" in sidebar
    tab.screenshot("upload_ok")
    # The loaded network follows the person to the map (same session).
    tab.nav("kaart", title="Kaart")
    assert map_eval(tab, MAP_NODE_COUNT) == 12
    assert tab.exceptions() == []


def test_bad_upload_shows_row_and_column_and_keeps_the_network(tab):
    tab.goto("", title="Netwerkkaart")
    before = demo_metrics(tab)
    assert before["Betrokkenen"] == "250"
    upload(tab, [PEOPLE, BAD_TIES])
    error = tab.page.locator('[data-testid="stAlertContentError"]').first
    error.wait_for()
    wait_idle(tab.page)
    assert "niet geladen" in error.inner_text() and "ongewijzigd" in error.inner_text()
    tab.page.locator('[data-testid="stDataFrame"] td', has_text="S99").first.wait_for(state="attached")
    problems = [row for grid in grid_rows(tab) for row in grid if "wat te doen" in row]
    assert problems == [
        {"bestand": "fout_relaties.csv", "rij": "9", "kolom": "doel", "ernst": "fout",
         "wat te doen": "Er is geen betrokkene met id 'S99'. Voeg die betrokkene toe of verbeter de id."}
    ]
    assert demo_metrics(tab) == before
    assert tab.page.get_by_role("heading", name="Gemeente Voorbeeldstad").is_visible()
    assert "250 betrokkenen" in tab.page.locator('[data-testid="stSidebar"]').inner_text()
    assert tab.exceptions() == []
    tab.screenshot("upload_bad")
