"""Hostile labels: a network whose names, organisations, themes and notes are
HTML, script and javascript: URLs is shown as text on every page, runs
nothing and loads nothing."""

from __future__ import annotations

import json

import pytest

from .conftest import FIXTURES, map_eval, map_frame, upload, wait_idle
from .test_map import hover_node
from .test_pages import external_requests

pytestmark = pytest.mark.browser

HOSTILE = FIXTURES / "vijandig.json"
BODY = json.loads(HOSTILE.read_text(encoding="utf-8"))
NAMES = {person["id"]: person["name"] for person in BODY["stakeholders"]}
PAYLOADS = [
    "<img src=x onerror=window.__xss=1>",
    "</script><script>window.__xss=2</script>",
    "javascript:window.__xss=3",
    '"><svg onload=window.__xss=4>',
]
LONG_NAME = NAMES["H5"]

INJECTED = """() => ({
    xss: typeof window.__xss === 'undefined' ? null : String(window.__xss),
    elements: [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]')]
        .map(e => e.outerHTML.slice(0, 120)),
    links: [...document.querySelectorAll('a[href^="javascript:" i], iframe[src^="javascript:" i]')]
        .map(e => e.outerHTML.slice(0, 120)),
})"""


def assert_inert(tab, where: str) -> None:
    wait_idle(tab.page)
    assert tab.dialogs == [], f"{where}: a dialog opened: {tab.dialogs}"
    for frame in tab.page.frames:
        try:
            found = frame.evaluate(INJECTED)
        except Exception as error:  # a frame replaced while we looked: judge the rest
            if "detached" in str(error) or "destroyed" in str(error):
                continue
            raise
        assert found == {"xss": None, "elements": [], "links": []}, f"{where}, frame {frame.url[:60]}: {found}"
    assert tab.page_errors == [], f"{where}: uncaught exceptions: {tab.page_errors}"
    outside = external_requests(tab.requests)
    assert outside == [], f"{where}: a label made the browser fetch {outside}"
    assert tab.exceptions() == [], f"{where}: Streamlit exception"


def cell_texts(tab) -> set[str]:
    """Every cell text of every table on the page (the grids' accessible twins)."""
    return set(tab.page.evaluate(
        "() => [...document.querySelectorAll('[data-testid=\"stDataFrame\"] td, [data-testid=\"stDataFrame\"] th')]"
        ".map(td => td.textContent)"
    ))


def test_hostile_labels_stay_text_everywhere(tab):
    tab.goto("", title="Netwerkkaart")
    upload(tab, [HOSTILE])
    tab.page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for()
    wait_idle(tab.page)
    tab.screenshot("hostile_start")
    assert_inert(tab, "start")
    sidebar = tab.page.locator('[data-testid="stSidebar"]').inner_text()
    assert "8 betrokkenen" in sidebar
    # The network's own name (from the file) is shown as the text it is.
    assert BODY["name"] in sidebar, "the sidebar shows the network name literally"

    tab.nav("kaart", title="Kaart")
    map_frame(tab)
    assert_inert(tab, "kaart")
    cards = map_eval(
        tab,
        "() => window.__nkNetworks[window.__nkNetworks.length - 1].data.nodes.get()"
        ".map(n => { const card = window.netwerkkaart.card('node', n.id);"
        " return {label: n.label, title: card.querySelector('.nk-card-title').textContent, text: card.textContent}; })",
    )
    titles = {card["title"] for card in cards}
    for payload in PAYLOADS:
        assert payload in titles, f"{payload!r} is not on the map as text"
    assert any(title.startswith("Lange naam ") and len(title) <= 300 for title in titles), "the long name is cut"
    # (A name the frame would cut is not shown at all; the shown ones are cut to 40 characters.)
    assert all(len(card["label"]) <= 40 for card in cards if card["label"]), "labels on the canvas are cut to 40 characters"
    # Organisations and themes reach the cards as text too.
    all_text = " ".join(card["text"] for card in cards)
    assert PAYLOADS[3] in all_text and PAYLOADS[1] in all_text
    # Hover the node named with an <img> payload: its card shows the text.
    h1 = next(node for node in map_eval(
        tab, "() => window.__nkNetworks[window.__nkNetworks.length - 1].data.nodes.get().map(n => ({id: n.id, label: n.label}))")
        if node["label"] == PAYLOADS[0])
    _, card = hover_node(tab, map_frame(tab), h1["id"])
    assert card.splitlines()[0] == PAYLOADS[0]
    tab.screenshot("hostile_kaart_hover")
    assert_inert(tab, "kaart hover card")

    tab.nav("makelaars", title="Makelaars")
    tab.page.locator('[data-testid="stDataFrame"] td').first.wait_for(state="attached")
    assert_inert(tab, "makelaars")
    cells = cell_texts(tab)
    assert PAYLOADS[0] in cells and PAYLOADS[1] in cells, "broker names are shown literally"
    tab.screenshot("hostile_makelaars")

    tab.nav("gaten", title="Gaten")
    assert_inert(tab, "gaten")
    tab.screenshot("hostile_gaten")

    tab.nav("gegevens", title="Gegevens")
    tab.page.locator('[data-testid="stDataFrame"] td').first.wait_for(state="attached")
    assert_inert(tab, "gegevens")
    cells = cell_texts(tab)
    for payload in PAYLOADS:
        assert payload in cells, f"{payload!r} is not in the data table as text"
    tab.screenshot("hostile_gegevens")

    tab.nav("ontbrekende_verbindingen", title="Ontbrekende verbindingen")
    assert_inert(tab, "ontbrekende verbindingen")
    tab.screenshot("hostile_ontbrekende_verbindingen")
