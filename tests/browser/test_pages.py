"""Every page as a person sees it: it renders, in Dutch, with no error, and
fetches nothing from outside this machine."""

from __future__ import annotations

import csv
from urllib.parse import urlsplit

import pytest

from .conftest import (
    PAGE_NOT_FOUND,
    PAGES,
    ROOT,
    dismiss_page_not_found,
    map_frame,
    metric,
    open_tab,
    real_console_errors,
    wait_idle,
)

pytestmark = pytest.mark.browser

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def external_requests(urls: list[str]) -> list[str]:
    """Requests that would leave the machine (data:, blob: and about: stay inside)."""
    outside = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "chrome-error"):
            continue
        if parts.hostname not in LOCAL_HOSTS:
            outside.append(url)
    return outside


def demo_size() -> int:
    with open(ROOT / "data" / "stakeholders.csv", encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.DictReader(f))


def test_start_page_shows_the_demo_municipality(tab):
    # The start page is the default page: Streamlit serves it at "/" (and
    # answers /start with "Page not found", see test_deep_links_...).
    tab.goto("", title="Netwerkkaart")
    page = tab.page
    page.get_by_role("heading", name="Gemeente Voorbeeldstad").wait_for()
    assert demo_size() == 250
    assert metric(tab, "Betrokkenen") == "250"
    # The sidebar names the active network too.
    assert "Gemeente Voorbeeldstad — 250 betrokkenen" in page.locator('[data-testid="stSidebar"]').inner_text()
    tab.screenshot("start")


#: What each page shows once its work is done, beyond its title.
READY = {
    "start": '[data-testid="stMetric"]',
    "kaart": "iframe",
    "mijn_netwerk": '[data-testid="stSelectbox"]',
    "makelaars": '[data-testid="stPlotlyChart"]',
    "gaten": '[data-testid="stPlotlyChart"]',
    "ontbrekende_verbindingen": 'button:has-text("Overnemen")',
    "stakeholdergrid": '[data-testid="stPlotlyChart"]',
    "gegevens": '[data-testid="stDataFrame"], [data-testid="stDataFrameResizable"]',
    "workshop_leiden": 'button:has-text("Workshop openen")',
    "rapport": '[data-testid="stMain"] h1',
    "versies": '[data-testid="stMain"] h1',
    "meedoen": 'button:has-text("Deelnemen"), [data-testid="stTextInput"]',
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_renders_in_dutch_without_errors_and_offline(tab, path):
    """Opened directly by its URL: the Dutch title, no Streamlit exception box,
    no console error or uncaught exception, no dialog, and no request to any
    host but this server (no CDN script or font, no telemetry)."""
    dutch_title = PAGES[path][0]
    try:
        # The default page lives at "/"; /start has a test of its own.
        tab.goto("" if path == "start" else path, title=dutch_title)
        dismiss_page_not_found(tab)
        tab.page.locator(READY[path]).first.wait_for()
        if path == "kaart":
            map_frame(tab)
        wait_idle(tab.page)
    finally:
        tab.screenshot(f"page_{path}")
    assert tab.exceptions() == [], f"{path}: Streamlit exception box"
    assert tab.page_errors == [], f"{path}: uncaught exceptions in the page"
    assert real_console_errors(tab) == [], f"{path}: console errors"
    assert tab.dialogs == [], f"{path}: a JavaScript dialog opened"
    assert external_requests(tab.requests) == [], f"{path}: requests leaving the machine"
    # Streamlit's own error box variants (st.error from a caught failure) are
    # not expected on a fresh session with the demo either.
    errors = tab.page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
    assert errors == [], f"{path}: error message shown: {errors}"


def test_english_switch_changes_headings_and_navigation(tab):
    tab.goto("gegevens", title="Gegevens")
    page = tab.page
    dismiss_page_not_found(tab)
    # <html lang> follows the language, for screen readers (Streamlit serves "en").
    page.wait_for_function("document.documentElement.lang === 'nl'")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("English", exact=True).click()
    page.locator("h1", has_text="Data").first.wait_for()
    wait_idle(page)
    assert page.locator("h1").first.inner_text().strip() == "Data"
    page.wait_for_function("document.documentElement.lang === 'en'")
    nav = sidebar.locator('[data-testid="stSidebarNav"]').inner_text()
    assert "Map" in nav and "Brokers" in nav and "Kaart" not in nav
    # The language holds when moving to another page in the same session.
    tab.nav("makelaars", title="Brokers")
    assert tab.exceptions() == []
    tab.screenshot("english_makelaars")


def test_offline_tour_through_the_sidebar(tab):
    """One session visits every page through the sidebar (as a person does),
    hovering the map on the way; every request stays on 127.0.0.1."""
    tab.goto("", title="Netwerkkaart")
    for path, (title, _) in PAGES.items():
        if path == "start":
            continue
        tab.nav(path, title=title)
        if path == "kaart":
            frame = map_frame(tab)
            box = tab.page.locator("iframe").first.bounding_box()
            tab.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            tab.page.mouse.wheel(0, -300)
            assert frame.evaluate("() => document.querySelectorAll('#nk-map canvas').length") == 1
    outside = external_requests(tab.requests)
    assert outside == [], f"requests leaving the machine: {outside}"
    assert len(tab.requests) > 20, "the recorder saw the app's own requests"
    assert tab.page_errors == []
    assert real_console_errors(tab) == []


#: The links a person is given: the QR code's, and pages bookmarked from the
#: sidebar. (The start page is the default page: Streamlit serves it at "/"
#: whatever its url_path, so "/start" is not a link the app gives out.)
DEEP_LINKS = ["meedoen?code=ABCDEF", "mijn_netwerk", "workshop_leiden", "kaart", "gegevens"]


def test_deep_links_open_without_page_not_found(context, app_server):
    """A QR code or bookmark opens /meedoen?code=... or /mijn_netwerk directly.
    Streamlit must not greet that person with its "Page not found" modal
    (it did while the url paths differed from the file names in ``pages/``:
    Streamlit compared the URL with the folder's pages first)."""
    seen = []
    for path in DEEP_LINKS:
        tab = open_tab(context, app_server.url)
        tab.goto(path)
        tab.page.locator("h1").first.wait_for()
        wait_idle(tab.page)
        modal = tab.page.locator('[role="dialog"]', has_text="Page not found").count()
        if modal or any(PAGE_NOT_FOUND in e for e in tab.console_errors):
            seen.append(f"/{path}")
        tab.page.close()
    assert seen == [], f'"Page not found" shown on: {seen}'


def test_first_visitor_gets_the_apps_navigation(browser, tmp_path):
    """The first person to open a freshly started server (after a deploy or a
    restart, maybe a workshop participant scanning the QR code) must get the
    app as designed: the language switch and the grouped navigation.

    Because ``pages/`` exists next to app.py, Streamlit treats the app as an
    old-style "pages folder" app until app.py has run st.navigation once in
    the process; a first deep link then ran ``pages/gegevens.py`` on its
    own: no language switch, a navigation of file names (``app``,
    ``mijn netwerk``, ``workshop leiden``). ui.use_app_navigation() guards
    against it; this test keeps it that way."""
    from .conftest import running_app

    with running_app(tmp_path) as server:
        ctx = browser.new_context()
        try:
            tab = open_tab(ctx, server.url)
            tab.goto("gegevens", title="Gegevens")
            tab.screenshot("first_visitor_gegevens")
            sidebar = tab.page.locator('[data-testid="stSidebar"]').inner_text()
        finally:
            ctx.close()
    assert "Taal / Language" in sidebar, f"no language switch for the first visitor; sidebar: {sidebar!r}"
    assert "Workshop leiden" in sidebar and "workshop leiden" not in sidebar
