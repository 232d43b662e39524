"""Nothing a user does is lost (issue #13), in Chromium: the concept survives
F5 and a server restart, undo and redo work across a reload, and a workshop's
facilitator and participants find their workshop back.

Every test runs its own server (``running_app``) on its own database: local
mode has one user, so a concept made here would otherwise show in the other
browser tests."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .conftest import PHONE, consent_by_name, dismiss_page_not_found, open_tab, running_app, wait_idle

pytestmark = pytest.mark.browser

SIDEBAR_COUNTS = re.compile(r"(\d+) betrokkenen, (\d+) relaties")


def relations(tab) -> int:
    text = tab.page.locator('[data-testid="stSidebar"]').inner_text()
    return int(SIDEBAR_COUNTS.search(text).group(2))


def wait_relations(tab, expected: int, timeout_ms: int = 30_000) -> int:
    """The sidebar's relation count once it shows ``expected`` (a click's rerun
    may start after wait_idle already returned), or what it shows at the timeout."""
    deadline = timeout_ms / 250
    for _ in range(int(deadline)):
        if relations(tab) == expected:
            break
        tab.page.wait_for_timeout(250)
    wait_idle(tab.page)
    return relations(tab)


def reload(tab) -> None:
    """F5: a new Streamlit session in the same tab."""
    tab.page.reload(wait_until="domcontentloaded")
    tab.page.locator("h1").first.wait_for()
    wait_idle(tab.page)


def status_text(tab) -> str:
    return tab.page.locator('.st-key-draft_status').inner_text()


def test_accepted_suggestion_survives_f5_and_undo_redo_survive_a_reload(new_context, tmp_path):
    with running_app(tmp_path) as server:
        tab = open_tab(new_context(), server.url)
        tab.goto("ontbrekende_verbindingen", title="Ontbrekende verbindingen")
        dismiss_page_not_found(tab)
        assert relations(tab) == 726
        assert "voorbeeldnetwerk" in status_text(tab)
        tab.page.get_by_role("button", name="Overnemen").first.click()
        tab.page.locator('[data-testid="stAlertContentSuccess"]', has_text="Relatie toegevoegd").wait_for()
        assert wait_relations(tab, 727) == 727
        assert "Concept — nog niet opgeslagen als versie" in status_text(tab)
        assert "Suggestie overgenomen: relatie" in status_text(tab)
        tab.screenshot("drafts_suggestion_accepted")

        reload(tab)
        assert relations(tab) == 727, "F5 keeps the accepted suggestion"
        tab.page.get_by_role("button", name="↶ Ongedaan maken").click()
        assert wait_relations(tab, 726) == 726
        reload(tab)
        assert relations(tab) == 726, "the undo is kept too"
        tab.page.get_by_role("button", name="↷ Opnieuw").click()
        assert wait_relations(tab, 727) == 727
        reload(tab)
        assert relations(tab) == 727
        # A second tab of the same user sees the same concept.
        other = open_tab(new_context(), server.url)
        other.goto("", title="Netwerkkaart")
        assert relations(other) == 727
        assert tab.exceptions() == [] and other.exceptions() == [] and tab.page_errors == []


def test_an_edit_on_gegevens_survives_a_server_restart(new_context, tmp_path):
    with running_app(tmp_path) as server:
        tab = open_tab(new_context(), server.url)
        tab.goto("gegevens", title="Gegevens")
        dismiss_page_not_found(tab)
        grid = tab.page.locator('[data-testid="stDataFrame"]').first
        grid.scroll_into_view_if_needed()
        grid.locator("canvas").first.wait_for()
        wait_idle(tab.page)
        edited = False
        for _ in range(5):  # the canvas grid may take a moment before it accepts keys
            box = grid.bounding_box()
            # The first data row's name: select it and open its editor. The name column starts
            # about 95 px in (row marker, id); an x near the id's edge sometimes hit the row marker.
            tab.page.mouse.click(box["x"] + 150, box["y"] + 52)
            tab.page.keyboard.press("Enter")
            # Keys typed before the grid's editor exists are lost: wait for it, then fill it.
            editor = tab.page.locator("textarea.gdg-input")
            try:
                editor.wait_for(timeout=3000)
            except PlaywrightTimeoutError:
                tab.page.keyboard.press("Escape")
                continue
            editor.fill("Fatima Hersteld")
            editor.press("Enter")
            try:
                grid.locator("table", has_text="Fatima Hersteld").wait_for(state="attached", timeout=3000)
                edited = True
                break
            except PlaywrightTimeoutError:
                continue
        assert edited, "the grid never took the typed name (the canvas did not accept the keys)"
        tab.page.get_by_role("button", name="Wijzigingen toepassen").click()
        tab.page.locator('[data-testid="stAlertContentSuccess"]', has_text="Wijzigingen toegepast").wait_for()
        try:
            tab.page.locator('.st-key-draft_status', has_text="Betrokkene Fatima Hersteld gewijzigd").wait_for(
                timeout=30_000)
        except PlaywrightTimeoutError:
            raise AssertionError(f"the concept does not record the edit; its status says {status_text(tab)!r}") from None
        wait_idle(tab.page)
        tab.screenshot("drafts_gegevens_edited")
    with running_app(tmp_path) as restarted:  # the same database, a new process
        tab = open_tab(new_context(), restarted.url)
        tab.goto("gegevens", title="Gegevens")
        dismiss_page_not_found(tab)
        assert "Concept — nog niet opgeslagen als versie" in status_text(tab)
        assert "Betrokkene Fatima Hersteld gewijzigd" in status_text(tab)
        assert tab.page.get_by_text("Fatima Hersteld").count() or "Fatima Hersteld" in tab.page.locator(
            '[data-testid="stDataFrame"]').first.evaluate("g => g.querySelector('table') ? g.querySelector('table').textContent : ''")


def _open_workshop(tab, title: str) -> str:
    field = tab.page.get_by_label("Titel", exact=True)
    field.fill(title)
    field.press("Enter")
    # The key is shown once, in a dialog (tests/browser/test_room.py).
    dialog = tab.page.get_by_role("dialog").filter(has_text="Sleutel van de begeleider")
    dialog.get_by_role("button", name="Ik heb de sleutel bewaard").click()
    dialog.wait_for(state="detached")
    link = tab.page.locator('[data-testid="stCode"]', has_text="/meedoen?code=").first
    link.wait_for()
    wait_idle(tab.page)
    return link.inner_text().strip().rsplit("=", 1)[1]


def test_facilitator_and_participant_get_their_workshop_back_after_reload_and_restart(new_context, tmp_path):
    with running_app(tmp_path) as server:
        laptop = new_context()
        facilitator = open_tab(laptop, server.url)
        facilitator.goto("workshop_leiden", title="Workshop leiden")
        dismiss_page_not_found(facilitator)
        code = _open_workshop(facilitator, "Buurtavond Zuid")
        reload(facilitator)
        facilitator.page.get_by_role("heading", name=f"{code[:4]}-{code[4:]}").wait_for()
        assert facilitator.page.get_by_text("Nieuwe workshop").count() == 0

        phone_context = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        phone = open_tab(phone_context, server.url)
        phone.goto(f"meedoen?code={code}", title="Meedoen")
        dismiss_page_not_found(phone)
        # Consent and the visibility choice come first (issue 16).
        consent_by_name(phone.page)
        name = phone.page.get_by_label("Je naam", exact=True)
        name.fill("Sanne Deelnemer")
        name.press("Enter")
        wait_idle(phone.page)
        tie = phone.page.get_by_label("Naam van iemand met wie je samenwerkt", exact=True)
        tie.fill("Piet Buurman")
        tie.press("Enter")
        wait_idle(phone.page)
        phone.page.get_by_role("button", name="Toevoegen").click()
        phone.page.get_by_text(re.compile(r"^Piet Buurman \(ambtenaar\)")).wait_for()
        wait_idle(phone.page)
        reload(phone)
        phone.page.get_by_text(re.compile(r"^Piet Buurman \(ambtenaar\)")).wait_for(timeout=15_000)  # unsent, kept
        # What was typed is kept too: the name, and the consent that lets the form show.
        assert phone.page.get_by_label("Je naam", exact=True).input_value() == "Sanne Deelnemer"
        phone.page.get_by_role("button", name="Versturen").click()
        phone.page.locator('[data-testid="stAlertContentSuccess"]', has_text="Dank je!").wait_for()
        wait_idle(phone.page)
        reload(phone)
        phone.page.get_by_text("Jouw inzendingen", exact=True).wait_for()
        phone.page.get_by_role("button", name="Wijzigen", exact=True).wait_for()
        phone.page.get_by_role("button", name="Intrekken", exact=True).wait_for()
        phone.screenshot("drafts_participant_after_reload")
    with running_app(tmp_path) as restarted:
        facilitator = open_tab(laptop, restarted.url)
        facilitator.goto("workshop_leiden", title="Workshop leiden")
        dismiss_page_not_found(facilitator)
        facilitator.page.get_by_role("heading", name=f"{code[:4]}-{code[4:]}").wait_for()
        assert facilitator.page.get_by_label("Sleutel", exact=False).count() == 0
        facilitator.screenshot("drafts_facilitator_after_restart")

        phone = open_tab(phone_context, restarted.url)
        phone.goto(f"meedoen?code={code}", title="Meedoen")
        dismiss_page_not_found(phone)
        phone.page.get_by_text("Jouw inzendingen", exact=True).wait_for()
        phone.page.get_by_role("button", name="Wijzigen", exact=True).click()
        wait_idle(phone.page)
        phone.page.get_by_role("button", name="Wijziging versturen").wait_for()
        phone.page.get_by_role("button", name="Intrekken", exact=True).click()
        phone.page.get_by_text("Jouw inzendingen", exact=True).wait_for(state="detached", timeout=30_000)  # withdrawn
        assert phone.exceptions() == [] and facilitator.exceptions() == []
