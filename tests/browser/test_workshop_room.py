"""What the room sees, in a real browser (issue 16): consent before the form,
no seed names and no hidden participants anywhere in the phone's page, and
the facilitator's moderation."""

from __future__ import annotations

import re

import pytest

from netanalysis.demo import build_demo
from netanalysis.store import Store
from netanalysis.workshop import new_participant_token

from .conftest import PHONE, SCREENSHOTS, dismiss_page_not_found, open_tab, wait_idle

pytestmark = pytest.mark.browser

WIDE = {"width": 1440, "height": 900}


def phone_tab(new_context, app_server):
    return open_tab(new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2), app_server.url)


def give_consent(tab, shown_as: str = "Met mijn naam") -> None:
    tab.page.get_by_text(shown_as, exact=True).click()
    wait_idle(tab.page)
    tab.page.get_by_text("Ik heb dit gelezen en doe mee", exact=True).click()
    wait_idle(tab.page)
    tab.page.get_by_label("Je naam", exact=True).wait_for()


@pytest.fixture
def seeded(app_server):
    """A workshop started from the demo (250 names, 120 residents) with one
    participant visible by name and one shown as "deelnemer"."""
    store = Store(app_server.database_url, rate_limit=None)
    demo = build_demo()
    workshop, key = store.create_workshop("Wijkavond", seed_version_id=store.save_network(demo, name="Voorbeeldstad"))
    for sid, name, shown_as in [("z", "Zichtbare Zoë", "name"), ("v", "Verborgen Vera", "participant")]:
        store.submit(workshop.code, new_participant_token(),
                     {"me": {"name": name, "type": "bewoner", "consent": True, "shown_as": shown_as}}, submission_id=sid)
    yield store, demo, workshop, key
    store.dispose()


def test_the_phone_page_holds_no_seed_names_and_no_hidden_participants(new_context, app_server, seeded):
    store, demo, workshop, _ = seeded
    phone = phone_tab(new_context, app_server)
    phone.goto(f"meedoen?code={workshop.code}", title="Meedoen")
    dismiss_page_not_found(phone)
    phone.page.get_by_role("heading", name="Wijkavond").wait_for()
    phone.screenshot("room_phone_consent")
    give_consent(phone)
    # Open the list of people to choose from: its options are in the DOM now.
    chooser = phone.page.locator('[data-testid="stSelectbox"]', has_text="Kies iemand uit de lijst")
    chooser.scroll_into_view_if_needed()
    chooser.locator('[role="combobox"], input').first.click()
    options = phone.page.locator('[role="option"]')
    options.first.wait_for()
    shown = options.all_inner_texts()
    assert [o.strip() for o in shown] == ["— iemand nieuws —", "Zichtbare Zoë (bewoner)"]
    phone.screenshot("room_phone_choices")
    html = phone.page.content()
    assert "Zichtbare Zoë" in html
    assert "Verborgen Vera" not in html and "Verborgen" not in html
    leaked = sorted(name for name in demo.stakeholders["name"] if name in html)
    assert leaked == [], f"seed names in the phone's page: {leaked[:5]}"
    assert phone.exceptions() == [] and phone.page_errors == []


def test_consent_comes_before_anything_can_be_typed_or_sent(new_context, app_server):
    store = Store(app_server.database_url, rate_limit=None)
    workshop, key = store.create_workshop("Buurtavond")
    phone = phone_tab(new_context, app_server)
    phone.goto(f"meedoen?code={workshop.code}", title="Meedoen")
    dismiss_page_not_found(phone)
    phone.page.get_by_role("heading", name="Eerst: wat er met je gegevens gebeurt").wait_for()
    notice = phone.page.locator('[data-testid="stMain"]').inner_text()
    for part in ("Wat we bewaren", "Wie het ziet", "Hoe lang", "Intrekken"):
        assert part in notice
    assert phone.page.get_by_label("Je naam", exact=True).count() == 0
    assert phone.page.get_by_role("button", name="Versturen").count() == 0
    # Ticking consent alone is not enough: the visibility choice is needed too.
    phone.page.get_by_text("Ik heb dit gelezen en doe mee", exact=True).click()
    wait_idle(phone.page)
    assert phone.page.get_by_label("Je naam", exact=True).count() == 0
    phone.page.get_by_text("Als deelnemer, zonder naam (bijvoorbeeld 'Deelnemer 3')", exact=True).click()
    wait_idle(phone.page)
    name = phone.page.get_by_label("Je naam", exact=True)
    name.fill("Sanne Testdeelnemer")
    name.press("Enter")
    wait_idle(phone.page)
    tie = phone.page.get_by_label("Naam van iemand met wie je samenwerkt", exact=True)
    tie.fill("Piet Buurman")
    tie.press("Enter")
    wait_idle(phone.page)
    phone.page.get_by_role("button", name="Toevoegen").click()
    phone.page.get_by_text(re.compile(r"^Piet Buurman \(ambtenaar\) · samenwerking · 3/5$")).wait_for()
    assert phone.page.get_by_role("button", name="Verwijder").count() == 1
    assert phone.page.get_by_role("heading", name="3. Klaar? Verstuur je inzending").count() == 1
    phone.screenshot("room_phone_form")
    # A reload keeps what was typed (the token is in a cookie, the draft in the store).
    phone.page.reload(wait_until="domcontentloaded")
    phone.page.get_by_label("Je naam", exact=True).wait_for()
    wait_idle(phone.page)
    assert phone.page.get_by_label("Je naam", exact=True).input_value() == "Sanne Testdeelnemer"
    phone.page.get_by_text(re.compile(r"^Piet Buurman \(ambtenaar\)")).wait_for()
    phone.page.get_by_role("button", name="Versturen").click()
    phone.page.locator('[data-testid="stAlertContentSuccess"]', has_text="Dank je!").wait_for()
    network = store.workshop_network(workshop.code)
    assert sorted(network.stakeholders["name"]) == ["Deelnemer 1", "Piet Buurman"]
    assert phone.exceptions() == [] and phone.page_errors == []
    store.dispose()


def test_facilitator_approves_before_the_beamer_shows_it(new_context, app_server, seeded):
    store, _demo, workshop, key = seeded
    store.set_moderation(workshop.code, key, True)
    store.submit(workshop.code, new_participant_token(),
                 {"me": {"name": "Jan de Vries", "type": "bewoner", "consent": True, "shown_as": "name"},
                  "ties": [{"name": "J. de Vries", "type": "bewoner", "strength": 4}]}, submission_id="j")
    facilitator = open_tab(new_context(viewport=WIDE), app_server.url)
    facilitator.goto("workshop_leiden", title="Workshop leiden")
    dismiss_page_not_found(facilitator)
    opener = facilitator.page.get_by_role("tab", name="Bestaande workshop openen")
    opener.click()
    facilitator.page.get_by_label("Workshopcode", exact=True).fill(workshop.code)
    facilitator.page.get_by_label("Sleutel van de begeleider", exact=True).fill(key)
    facilitator.page.get_by_role("button", name="Openen", exact=True).click()
    wait_idle(facilitator.page)
    section = facilitator.page.get_by_text("Wat de zaal ziet: goedkeuren, dubbele namen, kiesbare namen")
    section.click()
    facilitator.page.get_by_text("Wacht op goedkeuring: 3").wait_for()
    moderation = facilitator.page.locator('[data-testid="stExpander"]', has_text="Wat de zaal ziet").inner_text()
    assert "Deelnemer (zonder naam)" in moderation and "Verborgen" not in moderation
    section.evaluate("el => el.scrollIntoView({block: 'start'})")
    facilitator.page.wait_for_timeout(500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    facilitator.page.screenshot(path=str(SCREENSHOTS / "room_facilitator_moderation.png"))  # 1440x900, as seen
    assert len(store.workshop_network(workshop.code)) == 250
    facilitator.page.get_by_role("button", name="Alle 3 goedkeuren").click()
    facilitator.page.get_by_text("Er wacht niets op goedkeuring.").wait_for()
    assert len(store.workshop_network(workshop.code)) == 254
    assert facilitator.exceptions() == [] and facilitator.page_errors == []
