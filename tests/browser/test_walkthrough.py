"""Every page read as a person reads it, in Dutch and in English, on the demo
and on an uploaded network (issue 15, "Done when").

One session per language walks the sidebar, opens each page's tabs,
expanders and select boxes (typing a search that finds nothing, to see the
"no results" text), and collects what is on screen: the page text, the
tables' accessible text (the grid itself is a canvas), the inputs'
placeholders and the open drop-down lists. It then asserts that

- no number is written the other language's way ("0.78" in Dutch, "0,78" in English);
- none of Streamlit's English texts shows in Dutch (and no Dutch interface text in English);
- no empty value reads "None";
- no table header is a raw column key ("initiative_names", "count", "stakeholder_id").
"""

from __future__ import annotations

import re

import pytest

from ui.text import UI

from .conftest import PAGES, ROOT, dismiss_page_not_found, open_tab, wait_idle

pytestmark = pytest.mark.browser

UPLOAD = [ROOT / "tests" / "fixtures" / "io" / "dutch_betrokkenen.csv", ROOT / "tests" / "fixtures" / "io" / "dutch_relaties.csv"]

#: Streamlit's own English, as its frontend writes it when nobody sets it.
STREAMLIT_ENGLISH = [
    "Choose an option", "Choose options", "No results", "Select all", "Drag and drop", "per file",
    "Browse files", "or smaller", "Press Enter", "Running...", "Upload",
]
#: The Dutch wording ui.streamlit_text and the pages put in their place.
OUR_DUTCH = ["Kies…", "Geen resultaten", "Alles selecteren", "Bestanden kiezen", "per bestand", "Druk op Enter"]

#: Headers that are a column's key, not its label: any with an underscore
#: ("initiative_names", "stakeholder_id"), and in Dutch the English keys.
ENGLISH_KEYS = {"count", "source", "target", "name", "strength", "area", "themes", "notes"}

#: Decimals written the other language's way: "0.78" in Dutch, "0,78" in English.
#: (A Dutch "1.234" is a thousand: only one or two decimals after a point count.)
FOREIGN_DECIMAL = {
    "nl": re.compile(r"(?<![\d.,:/-])\d+\.\d{1,2}(?![\d.,])"),
    "en": re.compile(r"(?<![\d.,:/-])\d+,\d{1,2}(?![\d.,])"),
}


def catalogue(lang: str) -> set[str]:
    """Whole interface sentences of ``lang`` that differ in the other language
    (short words like "Status" are shared and prove nothing)."""
    other = "en" if lang == "nl" else "nl"
    return {
        v[lang] for v in UI.values()
        if "{" not in v[lang] and len(v[lang]) >= 18 and v[lang] != v[other] and "\n" not in v[lang]
    }


COLLECT = """() => {
    const texts = [];
    for (const part of document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebar"]')) texts.push(part.innerText);
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) texts.push(input.placeholder);
    for (const list of document.querySelectorAll('[role="listbox"], [data-baseweb="popover"]')) texts.push(list.innerText);
    const headers = [], cells = [];
    for (const table of document.querySelectorAll('[data-testid="stDataFrame"] table[role="grid"]')) {
        for (const th of table.querySelectorAll('thead th')) headers.push(th.textContent.trim());
        for (const td of table.querySelectorAll('tbody td')) cells.push(td.textContent.trim());
    }
    return {text: texts.join("\\n"), headers, cells};
}"""


def seen(page) -> dict:
    return page.evaluate(COLLECT)


def open_widgets(tab, record) -> None:
    """Click every tab and closed expander, and open the select boxes with a
    search that finds nothing; ``record`` is called on each view."""
    page = tab.page
    main = page.locator('[data-testid="stMain"]')
    tabs = main.locator('[role="tab"]')
    for i in range(min(tabs.count(), 4)):
        tabs.nth(i).click()
        wait_idle(page)
        record()
        _open_selects(tab, record)
    for summary in main.locator('[data-testid="stExpander"] summary').all()[:3]:
        if summary.is_visible():
            summary.click()
            wait_idle(page)
    record()
    _open_selects(tab, record)


def _open_selects(tab, record) -> None:
    page = tab.page
    boxes = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input, '
                         '[data-testid="stMain"] [data-testid="stMultiSelect"] input')
    for i in range(min(boxes.count(), 3)):
        box = boxes.nth(i)
        if not box.is_visible() or not box.is_enabled():
            continue
        box.click()
        page.wait_for_timeout(250)
        record()
        box.press_sequentially("qqxz", delay=20)
        page.wait_for_timeout(400)
        record()
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")
        page.wait_for_timeout(150)


def walk(tab, lang: str) -> list[str]:
    """Every page through the sidebar; the problems found, one line each."""
    problems: list[str] = []
    no_match_texts = 0
    english = lang == "en"
    forbidden = STREAMLIT_ENGLISH if not english else OUR_DUTCH
    other_catalogue = catalogue("nl" if english else "en")
    for path, titles in PAGES.items():
        title = titles[1 if english else 0]
        if path == "start":
            tab.goto("?lang=en" if english else "", title=title)
            dismiss_page_not_found(tab)
        else:
            try:
                tab.nav(path, title=title)
            except Exception:
                tab.screenshot(f"walk_{lang}_{path}_failed")
                raise
        views: list[dict] = []

        def record() -> None:
            views.append(seen(tab.page))

        record()
        open_widgets(tab, record)
        for view in views:
            text = view["text"]
            no_match_texts += ("No results" if english else "Geen resultaten") in text
            for word in forbidden:
                if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text):
                    problems.append(f"{path}: {word!r} on screen")
            for sentence in other_catalogue:
                if sentence in text:
                    problems.append(f"{path}: other language: {sentence!r}")
            # Only what is drawn: the grid's accessible twin carries the raw
            # numbers (Streamlit fills it from the data, not the Styler's text).
            everything = text
            for match in FOREIGN_DECIMAL[lang].finditer(everything):
                context = everything[max(0, match.start() - 30): match.end() + 30].replace("\n", " | ")
                problems.append(f"{path}: number {match.group()!r} written the other way: …{context}…")
            if re.search(r"(?<!\w)None(?!\w)", text) or "None" in view["cells"]:
                problems.append(f"{path}: 'None' on screen")
            for header in view["headers"]:
                if "_" in header or (not english and header in ENGLISH_KEYS):
                    problems.append(f"{path}: raw column key {header!r}")
        assert tab.exceptions() == [], f"{path}: Streamlit exception box"
    # The walk really opened lists and searched them (a walk that saw nothing finds nothing).
    assert no_match_texts > 0, "no select box showed its no-results text"
    return sorted(set(problems))


def load_upload(tab, lang: str) -> None:
    """Upload the Dutch CSV pair under a name of our own (the name field is
    filled in from the file names: "Dutch")."""
    english = lang == "en"
    page = tab.page
    tab.goto("gegevens?lang=en" if english else "gegevens", title="Data" if english else "Gegevens")
    dismiss_page_not_found(tab)
    page.get_by_role("tab", name="Import" if english else "Importeren").click()
    uploader = page.locator('[data-testid="stFileUploader"]').first
    uploader.locator('input[type="file"]').set_input_files([str(p) for p in UPLOAD])
    name = page.get_by_role("textbox", name="Name of the network" if english else "Naam van het netwerk", exact=True)
    name.wait_for()
    wait_idle(page)
    assert name.input_value() == "Dutch"
    name.fill("Wijknetwerk Noord")
    name.press("Enter")
    wait_idle(page)
    page.get_by_role("button", name="Load" if english else "Laden", exact=True).first.click()
    page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for()
    wait_idle(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "Wijknetwerk Noord" in sidebar, sidebar


@pytest.mark.parametrize("network", ["demo", "upload"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_page_reads_in_one_language(context, app_server, lang, network):
    tab = open_tab(context, app_server.url)
    if network == "upload":
        load_upload(tab, lang)
    else:
        # A saved version, so Versies shows its tables (versions, trend) too.
        english = lang == "en"
        tab.goto("versies?lang=en" if english else "versies", title="Versions and change" if english else "Versies en verloop")
        dismiss_page_not_found(tab)
        tab.page.get_by_role("button", name="Save as a new version" if english else "Opslaan als nieuwe versie").click()
        tab.page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for()
        wait_idle(tab.page)
    problems = walk(tab, lang)
    assert problems == [], "\n".join(problems)
    assert tab.page_errors == []


def test_the_translation_script_restores_english(context, app_server):
    """Switching to English gives Streamlit's own words back (the uploader's button)."""
    tab = open_tab(context, app_server.url)
    tab.goto("gegevens", title="Gegevens")
    page = tab.page
    page.get_by_role("tab", name="Importeren").click()
    uploader = page.locator('[data-testid="stFileUploaderDropzone"]').first
    uploader.get_by_text("Bestanden kiezen").wait_for()
    assert "per bestand" in uploader.inner_text()
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    page.locator("h1", has_text="Data").first.wait_for()
    wait_idle(page)
    page.get_by_role("tab", name="Import").click()
    uploader = page.locator('[data-testid="stFileUploaderDropzone"]').first
    uploader.get_by_text("Upload", exact=True).wait_for()
    assert "per file" in uploader.inner_text()
