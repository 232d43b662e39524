"""Organisation mode in a real browser against a real OpenID Connect provider
(issue #18): two users, Anna in team Noord and Zeno in team Zuid, sign in
through the provider's redirect flow; Anna cannot see, open, restore or
erase anything of Zuid's; an anonymous visitor sees only the sign-in page
and, with a valid code, the join page."""

from __future__ import annotations

import os
import re

import pytest

from netanalysis.access import Actor
from netanalysis.network import StakeholderNetwork
from netanalysis.store import Store

from oidc_provider import ProviderUnavailable, running_provider, secrets_toml

from .conftest import DESKTOP, TIMEOUT_MS, free_port, open_tab, running_app, wait_idle

pytestmark = pytest.mark.browser

ZENO = Actor("zeno", "Zeno Zuid", {"zuid": "beheerder"})
ANNA = Actor("anna", "Anna Noord", {"noord": "beheerder"})
SECRET_NOTE = "schuldhulp (vertrouwelijk)"
ZUID_PERSON = "Zoë Zuidema"


@pytest.fixture(scope="module")
def organisation(tmp_path_factory, browser):
    """The provider and an app in organisation mode, with one version per team
    and an open workshop of Zuid."""
    tmp = tmp_path_factory.mktemp("organisation")
    app_port, provider_port = free_port(), free_port()
    app_url = f"http://127.0.0.1:{app_port}"
    try:
        provider = running_provider(provider_port, app_url, tmp / "oidc.log")
        issuer = provider.__enter__()
    except ProviderUnavailable as error:
        if os.environ.get("CI"):
            pytest.fail(str(error))
        pytest.skip(str(error))
    try:
        secrets = secrets_toml(tmp / "secrets.toml", app_url=app_url, issuer=issuer)
        with running_app(tmp, port=app_port, env_extra={"NETWERKKAART_MODE": "organisation"},
                         args_extra=["--secrets.files", str(secrets)]) as server:
            store = Store(server.database_url, default_actor=None)
            for actor in (ANNA, ZENO):
                store.sign_in(actor.subject, actor.name, actor.roles)
            zuid = StakeholderNetwork.from_tables(
                [{"id": "z", "name": ZUID_PERSON, "type": "resident"}, {"id": "w", "name": "Wijkteam Zuid", "type": "organisation"}],
                [{"source": "z", "target": "w"}])
            noord = StakeholderNetwork.from_tables([{"id": "n", "name": "Buurthuis Noord", "type": "organisation"}])
            zuid_version = store.save_network(zuid, name="Zuid geheim", note=SECRET_NOTE, actor=ZENO)
            store.save_network(noord, name="Noord kaart", note="gewoon", actor=ANNA)
            workshop, key = store.create_workshop("Avond Zuid", seed_version_id=zuid_version, actor=ZENO)
            yield {"server": server, "store": store, "code": workshop.code, "key": key, "zuid_version": zuid_version}
            store.dispose()
    finally:
        provider.__exit__(None, None, None)


def _sign_in(browser, base: str, login: str):
    context = browser.new_context(viewport=DESKTOP)
    # The provider's development login page imports a web font; nothing may leave the machine.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    tab = open_tab(context, base)
    tab.goto("/", title="Aanmelden")
    tab.page.get_by_role("button", name="Aanmelden").click()
    tab.page.locator("input[name=login]").wait_for(timeout=TIMEOUT_MS)
    assert tab.page.url.startswith("http://127.0.0.1:") and f"{base}" not in tab.page.url.split("?")[0]
    tab.page.fill("input[name=login]", login)
    tab.page.fill("input[name=password]", "willekeurig")
    tab.page.click("button[type=submit]")
    consent = tab.page.locator("button:has-text('Continue')")
    tab.page.wait_for_load_state()
    if consent.count():
        consent.click()
    tab.page.wait_for_url(re.compile(rf"^{re.escape(base)}/"), timeout=TIMEOUT_MS)
    tab.page.locator("h1", has_text="Netwerkkaart").first.wait_for(timeout=TIMEOUT_MS)
    wait_idle(tab.page)
    return context, tab


def _choices(tab, label: str = "Netwerk") -> list[str]:
    """The options of the first visible select box labelled ``label`` (the
    network choice), found by its label: under load the page is still being
    drawn, and "the first box on screen" was once the version picker."""
    box = tab.page.locator('[data-testid="stSelectbox"]:visible', has_text=label).first
    box.wait_for(timeout=TIMEOUT_MS)
    box.click()
    options = tab.page.locator('[role="option"]')
    options.first.wait_for(timeout=TIMEOUT_MS)
    found = [o.strip() for o in options.all_inner_texts()]
    tab.page.keyboard.press("Escape")
    return found


def _text(tab) -> str:
    return tab.page.locator('[data-testid="stApp"]').inner_text()


def test_an_anonymous_visitor_sees_only_the_sign_in_page_and_the_join_page(browser, organisation):
    base = organisation["server"].url
    context = browser.new_context(viewport=DESKTOP)
    try:
        tab = open_tab(context, base)
        for path in ("/", "/versies", "/beheer", "/workshop_leiden", "/gegevens"):
            tab.goto(path, title="Aanmelden")
            text = _text(tab)
            assert "Zuid geheim" not in text and SECRET_NOTE not in text and "Versies en verloop" not in text
        links = tab.page.locator('[data-testid="stSidebarNav"] a').all_inner_texts()
        assert [link.split()[-1] for link in links] == ["Aanmelden", "Meedoen"]
        tab.goto(f"/meedoen?code={organisation['code']}", title="Meedoen")
        assert "Avond Zuid" in _text(tab)
    finally:
        context.close()


def test_a_noord_member_cannot_see_open_restore_or_erase_zuid(browser, organisation):
    base, store = organisation["server"].url, organisation["store"]
    context, tab = _sign_in(browser, base, "anna")
    try:
        assert "Anna Noord" in tab.page.locator('[data-testid="stSidebar"]').inner_text()
        tab.goto("/versies", title="Versies en verloop")
        tab.page.get_by_role("tab", name="Versies", exact=True).click()
        assert _choices(tab) == ["Noord kaart"]  # every network Anna may open
        tab.screenshot("sign_in_noord_versions")
        text = _text(tab)
        assert "Zuid geheim" not in text and SECRET_NOTE not in text
        tab.page.get_by_role("tab", name="Persoon vergeten (AVG)").click()
        tab.page.get_by_label("Naam of id van de persoon").fill(ZUID_PERSON)
        tab.page.get_by_role("button", name="Zoeken").click()
        tab.page.get_by_text("Niemand gevonden met deze naam of id.").wait_for(timeout=TIMEOUT_MS)
        # Nothing of Zuid's is searched, so nothing of Zuid's can be erased: Zuid still has the person.
        assert store.load_version(organisation["zuid_version"], actor=ZENO).stakeholders["name"].tolist()[0] == ZUID_PERSON
        tab.goto("/workshop_leiden", title="Workshop leiden")
        tab.page.get_by_role("tab", name="Bestaande workshop openen").click()
        inputs = tab.page.locator('[data-testid="stForm"]').last.locator("input")
        inputs.nth(0).fill(organisation["code"])
        inputs.nth(1).fill(organisation["key"])
        tab.page.locator('[data-testid="stFormSubmitButton"] button').last.click()
        wait_idle(tab.page)
        assert "Geen toegang" in _text(tab) and "‘zuid’" in _text(tab)
        assert "Avond Zuid" not in tab.page.locator('[data-testid="stMain"] h3').all_inner_texts()
        tab.goto("/beheer", title="Beheer")
        assert "zeno" not in _text(tab)
        tab.goto("/gegevens", title="Gegevens")
        tab.page.get_by_role("tab", name="Exporteren").click()
        with tab.page.expect_download(timeout=TIMEOUT_MS) as download:
            tab.page.get_by_role("button", name="JSON (Netwerkkaart)").click()
        assert download.value.suggested_filename.endswith(".json")
    finally:
        context.close()
    entries = store.audit_entries(actor=ANNA)
    actions = {(e["action"], e["subject"], e["team"]) for e in entries}
    assert {("sign_in", "anna", None), ("export", "anna", "noord")} <= actions
    assert {e["team"] for e in entries} <= {"noord", None}
    assert not any(e["subject"] == "anna" for e in store.audit_entries(actor=ZENO) if e["team"] == "zuid")


def test_a_zuid_member_sees_zuid(browser, organisation):
    context, tab = _sign_in(browser, organisation["server"].url, "zeno")
    try:
        tab.goto("/versies", title="Versies en verloop")
        tab.page.get_by_role("tab", name="Versies", exact=True).click()
        assert _choices(tab) == ["Zuid geheim"]
    finally:
        context.close()
