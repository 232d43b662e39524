"""A workshop as it happens: the facilitator on a laptop, a participant on a
phone, and the facilitator's screen catching up by itself."""

from __future__ import annotations

import re
import time

import pytest

from .conftest import MAP_NODE_COUNT, PHONE, consent_by_name, dismiss_page_not_found, map_eval, metric, open_tab, wait_idle

pytestmark = pytest.mark.browser

#: Every field of the participant form, by its visible Dutch label.
PARTICIPANT_LABELS = [
    "Je naam",
    "Je bent een",
    "Organisatie of afdeling (mag leeg)",
    "Thema's waar je aan werkt",
    "Wijk (mag leeg)",
    "Naam van iemand met wie je samenwerkt",
    "Wat voor betrokkene is dat?",
    "Soort samenwerking",
    "Hoe sterk is de band?",
]

#: Streamlit's input widgets; each must carry a visible, non-empty label.
WIDGETS = ('[data-testid="stTextInput"], [data-testid="stSelectbox"], [data-testid="stMultiSelect"], '
           '[data-testid="stSlider"], [data-testid="stNumberInput"], [data-testid="stTextArea"], '
           '[data-testid="stRadio"], [data-testid="stCheckbox"]')


def unlabelled_inputs(tab) -> list[str]:
    """Inputs in the main area without a visible label, or with a label cut off
    by the screen's edge."""
    return tab.page.evaluate(
        """([selector, width]) => {
            const main = document.querySelector('[data-testid="stMain"]');
            const bad = [];
            for (const widget of main.querySelectorAll(selector)) {
                const label = widget.querySelector('[data-testid="stWidgetLabel"]');
                const text = label ? label.textContent.trim() : '';
                const box = label ? label.getBoundingClientRect() : null;
                const style = label ? getComputedStyle(label) : null;
                const visible = box !== null && box.width > 0 && box.height > 0
                    && style.visibility !== 'hidden' && style.display !== 'none';
                if (!text || !visible || box.right > width + 1 || box.left < -1) {
                    bad.push(widget.getAttribute('data-testid') + ': ' + (text || '(no label)'));
                }
                for (const input of widget.querySelectorAll('input, textarea, [role="slider"], [role="combobox"]')) {
                    // A radio option is named by the <label> around it (implicit labelling).
                    const wrapping = input.closest('label');
                    const named = input.getAttribute('aria-label') || input.getAttribute('aria-labelledby')
                        || (input.id && document.querySelector('label[for="' + CSS.escape(input.id) + '"]'))
                        || (wrapping && wrapping.textContent.trim());
                    if (!named) bad.push(widget.getAttribute('data-testid') + ' input without a name: ' + text);
                }
            }
            return bad;
        }""",
        [WIDGETS, tab.page.viewport_size["width"]],
    )


def fill_text(tab, label: str, value: str) -> None:
    field = tab.page.get_by_label(label, exact=True)
    field.fill(value)
    field.press("Enter")
    wait_idle(tab.page)


def test_participant_on_a_phone_appears_on_the_facilitators_screen(new_context, app_server):
    # The facilitator opens a workshop on a laptop.
    facilitator = open_tab(new_context(), app_server.url)
    facilitator.goto("workshop_leiden", title="Workshop leiden")
    dismiss_page_not_found(facilitator)
    # In a form, Enter submits: filling the title and pressing Enter opens the workshop.
    fill_text(facilitator, "Titel", "Buurtavond Noord")
    # The key is shown once, in a dialog that has to be closed (tests/browser/test_room.py checks the rest).
    dialog = facilitator.page.get_by_role("dialog").filter(has_text="Sleutel van de begeleider")
    dialog.get_by_role("button", name="Ik heb de sleutel bewaard").click()
    dialog.wait_for(state="detached")
    link = facilitator.page.locator('[data-testid="stCode"]', has_text="/meedoen?code=").first
    link.wait_for()
    url = link.inner_text().strip()
    match = re.fullmatch(r"(https?://[^/]+)/meedoen\?code=([A-Z0-9-]+)", url)
    assert match, url
    assert match.group(1) == app_server.url, "the join link points at this server"
    code = match.group(2)
    assert facilitator.page.get_by_role("heading", name=f"{code[:4]}-{code[4:]}").is_visible()
    qr = facilitator.page.locator('[data-testid="stImage"] img').first
    qr.wait_for()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 100")
    wait_idle(facilitator.page)
    assert metric(facilitator, "Deelnemers") == "0"
    facilitator.screenshot("workshop_facilitator_empty")

    # A participant opens the link on a phone.
    phone = open_tab(new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2), app_server.url)
    phone.goto(f"meedoen?code={code}", title="Meedoen")
    dismiss_page_not_found(phone)
    phone.page.get_by_role("heading", name="Buurtavond Noord").wait_for()
    # The form appears after the visibility choice and consent (issue 16).
    consent_by_name(phone.page)
    for label in PARTICIPANT_LABELS:
        shown = phone.page.locator('[data-testid="stWidgetLabel"]', has_text=label).first
        shown.scroll_into_view_if_needed()
        assert shown.is_visible(), f"label {label!r} is not visible"
    assert unlabelled_inputs(phone) == []
    # Nothing sticks out sideways on a 360 px screen.
    assert phone.page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= PHONE["width"]
    phone.screenshot("workshop_participant_phone")

    fill_text(phone, "Je naam", "Sanne Testdeelnemer")
    fill_text(phone, "Organisatie of afdeling (mag leeg)", "Wijkteam Noord")
    fill_text(phone, "Wijk (mag leeg)", "Noord")
    phone.page.get_by_label("Naam van iemand met wie je samenwerkt", exact=True).fill("Piet Buurman")
    phone.page.get_by_role("button", name="Toevoegen").click()
    try:
        phone.page.get_by_text(re.compile(r"^Piet Buurman \(ambtenaar\) · samenwerking · 3/5$")).wait_for(timeout=15_000)
    finally:
        phone.screenshot("workshop_participant_added")
    wait_idle(phone.page)
    phone.page.get_by_role("button", name="Versturen").click()
    phone.page.locator('[data-testid="stAlertContentSuccess"]', has_text="Dank je!").wait_for()
    assert phone.exceptions() == []
    phone.screenshot("workshop_participant_sent")

    # Without any click, the facilitator's screen shows the new participant
    # within a few refreshes (every 3 s).
    deadline = time.monotonic() + 15
    while metric(facilitator, "Deelnemers") != "1":
        assert time.monotonic() < deadline, "the facilitator's counter did not show the participant within 15 s"
        facilitator.page.wait_for_timeout(250)
    assert metric(facilitator, "Relaties") == "1"
    # The map appears: the participant and the person they named.
    nodes = None
    while time.monotonic() < deadline + 15:
        try:
            nodes = map_eval(facilitator, MAP_NODE_COUNT, timeout=15_000)
        except AssertionError:
            nodes = None
        if nodes == 2:
            break
        facilitator.page.wait_for_timeout(250)
    assert nodes == 2
    labels = map_eval(facilitator, "() => window.__nkNetworks[window.__nkNetworks.length - 1].data.nodes.get().map(n => n.label).sort()")
    assert labels == ["Piet Buurman", "Sanne Testdeelnemer"]
    assert facilitator.exceptions() == [] and facilitator.page_errors == [] and phone.page_errors == []
    facilitator.screenshot("workshop_facilitator_one")
