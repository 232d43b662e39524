"""A workshop in a real room (issue 16) in Chromium: the join link and QR code
on the configured address, the warning on localhost, the key gone from the
page after its dialog, limits that hold across fresh browser sessions, and
twelve phones on two app servers sharing one database."""

from __future__ import annotations

import contextlib
import io
import re
import time
import urllib.request

import pytest

from .conftest import (
    MAP_NODE_COUNT,
    PHONE,
    consent_by_name,
    dismiss_page_not_found,
    map_eval,
    open_tab,
    running_app,
    wait_idle,
    warm_up,
)

pytestmark = pytest.mark.browser

PUBLIC_URL = "http://192.0.2.10:8501"
#: Low limits so a test can reach them: two submissions and four joins per address.
ROOM_LIMITS = "submit_address=2/600,join_address=4/600"


@pytest.fixture(scope="module")
def room_server(tmp_path_factory, browser):
    """A server with a public address, trusted proxy 127.0.0.1 and low limits."""
    env = {"NETWERKKAART_PUBLIC_URL": PUBLIC_URL, "NETWERKKAART_RATE_LIMITS": ROOM_LIMITS,
           "NETWERKKAART_TRUSTED_PROXIES": "127.0.0.1"}
    with running_app(tmp_path_factory.mktemp("room-server"), env_extra=env) as server:
        warm_up(browser, server.url)
        yield server


def phone_context(new_context, **extra):
    return new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2, **extra)


def open_workshop(tab, title: str) -> tuple[str, str]:
    """Open a new workshop; returns the join link and the key read from the dialog
    (still open: the caller closes it with :func:`close_key_dialog`)."""
    field = tab.page.get_by_label("Titel", exact=True)
    field.fill(title)
    field.press("Enter")  # Enter submits the form
    dialog = tab.page.get_by_role("dialog").filter(has_text="Sleutel van de begeleider")
    dialog.wait_for()
    key = dialog.locator('[data-testid="stCode"]').inner_text().strip()
    link = tab.page.locator('[data-testid="stCode"]', has_text="/meedoen?code=").first.inner_text().strip()
    return link, key


def close_key_dialog(tab) -> None:
    dialog = tab.page.get_by_role("dialog").filter(has_text="Sleutel van de begeleider")
    dialog.get_by_role("button", name="Ik heb de sleutel bewaard").click()
    dialog.wait_for(state="detached")
    wait_idle(tab.page)


def everything_in(tab) -> str:
    """The DOM of the page and of every frame in it (the map is an iframe)."""
    parts = [tab.page.content()]
    for frame in tab.page.frames:
        with contextlib.suppress(Exception):  # a frame replaced meanwhile
            parts.append(frame.content())
    return "\n".join(parts)


def fill_name(tab, name: str) -> None:
    """Visible by name and consent given (the form exists only after both),
    then the participant's name, committed (Enter), ready to send."""
    consent_by_name(tab.page)
    field = tab.page.get_by_label("Je naam", exact=True)
    field.fill(name)
    field.press("Enter")
    wait_idle(tab.page)


def outcome(tab, timeout: float = 60) -> str:
    """The success or error text the participant sees after sending."""
    box = tab.page.locator('[data-testid="stAlertContentSuccess"], [data-testid="stAlertContentError"]').first
    box.wait_for(timeout=timeout * 1000)
    return box.inner_text().strip()


def qr_pixels(picture: bytes):
    """Size and black/white pixels of a picture (PNG or JPEG)."""
    from PIL import Image

    image = Image.open(io.BytesIO(picture)).convert("L")
    return image.size, bytes(255 if value > 127 else 0 for value in image.tobytes())


def test_the_key_is_nowhere_in_the_page_after_its_dialog(new_context, app_server):
    context = new_context()
    facilitator = open_tab(context, app_server.url)
    facilitator.goto("workshop_leiden", title="Workshop leiden")
    dismiss_page_not_found(facilitator)
    link, key = open_workshop(facilitator, "Sleutelavond")
    assert len(key) >= 40
    assert key in facilitator.page.content(), "the dialog shows the key (else this test proves nothing)"
    facilitator.screenshot("room_key_dialog")
    close_key_dialog(facilitator)
    facilitator.page.wait_for_timeout(3500)  # one refresh of the live view
    assert key not in everything_in(facilitator)
    assert all(key not in c["value"] for c in context.cookies()), "the browser keeps a pass, not the key"
    # This server has no public address: the link points at this machine, and the page says so.
    assert link.startswith(f"{app_server.url}/meedoen?code=")
    warning = facilitator.page.locator('[data-testid="stAlertContentWarning"]', has_text="Telefoons kunnen deze link niet openen")
    assert warning.is_visible() and "NETWERKKAART_PUBLIC_URL" in warning.inner_text()
    # After a reload (a new session, resumed from the cookie) the key stays away too.
    facilitator.page.reload(wait_until="domcontentloaded")
    facilitator.page.locator('[data-testid="stCode"]', has_text="/meedoen?code=").first.wait_for()
    wait_idle(facilitator.page)
    assert facilitator.page.get_by_role("button", name="Workshop sluiten").is_visible(), "resumed by the pass"
    assert key not in everything_in(facilitator)
    assert facilitator.exceptions() == [] and facilitator.page_errors == []


def test_the_link_and_qr_code_use_the_configured_address_and_limits_hold_across_fresh_sessions(new_context, room_server):
    import segno

    facilitator = open_tab(new_context(), room_server.url)
    facilitator.goto("workshop_leiden", title="Workshop leiden")
    dismiss_page_not_found(facilitator)
    link, _key = open_workshop(facilitator, "Adresavond")
    close_key_dialog(facilitator)
    match = re.fullmatch(re.escape(PUBLIC_URL) + r"/meedoen\?code=([A-Z0-9]{8})", link)
    assert match, link
    code = match.group(1)
    assert facilitator.page.get_by_role("heading", name=f"{code[:4]}-{code[4:]}").is_visible()
    assert facilitator.page.locator('[data-testid="stAlertContentWarning"]').count() == 0
    assert facilitator.page.get_by_text(f"Deelnemers gebruiken het ingestelde adres {PUBLIC_URL}.").is_visible()
    # The QR code encodes exactly that link: its pixels equal segno's drawing of it
    # (Streamlit serves the image as JPEG, so black and white are compared, not bytes).
    source = facilitator.page.locator('[data-testid="stImage"] img').first.get_attribute("src")
    with urllib.request.urlopen(room_server.url + source if source.startswith("/") else source, timeout=10) as response:
        shown = response.read()
    expected = io.BytesIO()
    segno.make(link, error="m").save(expected, kind="png", scale=6, border=2)
    assert qr_pixels(shown) == qr_pixels(expected.getvalue())
    facilitator.screenshot("room_configured_address")

    # Five fresh phones from one address (each a new browser session and token).
    phones = []
    for i in range(5):
        phone = open_tab(phone_context(new_context), room_server.url)
        phone.goto(f"meedoen?code={code}", title="Meedoen")
        dismiss_page_not_found(phone)
        phones.append(phone)
    # Joins: four per address; the fifth fresh session is refused with a Dutch message.
    refused_join = phones[4].page.locator('[data-testid="stAlertContentError"]').first
    refused_join.wait_for()
    assert "Te veel aanmeldingen vanaf dit netwerkadres" in refused_join.inner_text()
    results = []
    for i, phone in enumerate(phones[:3]):
        phone.page.get_by_role("heading", name="Adresavond").wait_for()
        fill_name(phone, f"Nep Deelnemer {i}")
        phone.page.get_by_role("button", name="Versturen").click()
        results.append(outcome(phone))
    assert results[0].startswith("Dank je!") and results[1].startswith("Dank je!")
    assert "Er komen te veel inzendingen van dit netwerkadres" in results[2] and "10 minuten" in results[2]
    phones[2].screenshot("room_limit_phone")
    # Behind the trusted proxy, another forwarded address is another bucket.
    other = open_tab(phone_context(new_context, extra_http_headers={"X-Forwarded-For": "203.0.113.77"}), room_server.url)
    other.goto(f"meedoen?code={code}", title="Meedoen")
    dismiss_page_not_found(other)
    fill_name(other, "Echte Deelnemer")
    other.page.get_by_role("button", name="Versturen").click()
    assert outcome(other).startswith("Dank je!")
    from sqlalchemy import create_engine, text

    engine = create_engine(room_server.database_url)
    try:
        with engine.connect() as conn:
            stored = conn.execute(text(
                "SELECT COUNT(*) FROM submissions s JOIN workshops w ON w.id = s.workshop_id WHERE w.code = :c"
            ), {"c": code}).scalar_one()
    finally:
        engine.dispose()
    assert stored == 3
    for tab in [facilitator, other, *phones]:
        assert tab.exceptions() == [] and tab.page_errors == []


def test_twelve_phones_on_two_servers_reach_the_facilitators_map_within_5_seconds(
        new_context, app_server, browser, tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("second-server"), database_url=app_server.database_url) as second:
        warm_up(browser, second.url)
        facilitator = open_tab(new_context(), app_server.url)
        facilitator.goto("workshop_leiden", title="Workshop leiden")
        dismiss_page_not_found(facilitator)
        link, _key = open_workshop(facilitator, "Zaal met twaalf")
        close_key_dialog(facilitator)
        code = link.rsplit("=", 1)[1]
        phones = []
        for i in range(12):
            server = (app_server, second)[i % 2]
            phone = open_tab(phone_context(new_context), server.url)
            phone.goto(f"meedoen?code={code}", title="Meedoen")
            dismiss_page_not_found(phone)
            phone.page.get_by_role("heading", name="Zaal met twaalf").wait_for()
            fill_name(phone, f"Telefoon {i + 1:02d}")
            phones.append(phone)
        started = time.monotonic()
        for phone in phones:  # all twelve press "Versturen" together
            phone.page.get_by_role("button", name="Versturen").click(no_wait_after=True)
        sent = []
        for phone in phones:
            assert outcome(phone).startswith("Dank je!")
            sent.append(time.monotonic() - started)
        all_stored = time.monotonic()
        nodes = 0
        while time.monotonic() - all_stored < 30:
            with contextlib.suppress(AssertionError):
                nodes = map_eval(facilitator, MAP_NODE_COUNT, timeout=10_000)
            if nodes == 12:
                break
            facilitator.page.wait_for_timeout(100)
        on_map = time.monotonic() - all_stored
        print(f"\n12 phones on 2 servers: all confirmed {sent[-1]:.1f} s after the first send; "
              f"all 12 on the facilitator's map {on_map:.1f} s after the last confirmation")
        assert nodes == 12
        assert on_map <= 5.0, f"the map showed all 12 after {on_map:.1f} s"
        labels = map_eval(facilitator, "() => { const all = window.__nkNetworks; "
                                       "return all[all.length - 1].data.nodes.get().map(n => n.label).sort(); }")
        assert labels == [f"Telefoon {i:02d}" for i in range(1, 13)]
        from sqlalchemy import create_engine, text

        engine = create_engine(app_server.database_url)
        try:
            with engine.connect() as conn:
                rows = conn.execute(text(
                    "SELECT COUNT(*), COUNT(DISTINCT s.participant) FROM submissions s "
                    "JOIN workshops w ON w.id = s.workshop_id WHERE w.code = :c"), {"c": code}).one()
        finally:
            engine.dispose()
        assert tuple(rows) == (12, 12), "every phone's entry stored exactly once"
        for tab in [facilitator, *phones]:
            assert tab.exceptions() == [] and tab.page_errors == []
