"""A file made by another tool, uploaded through the Start page: recognised without questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import metric, upload, wait_idle

pytestmark = pytest.mark.browser

FILES = Path(__file__).resolve().parents[2].parent / "shared" / "interop" / "files"


@pytest.mark.skipif(not FILES.is_dir(), reason="shared/interop/files is not beside the checkout")
def test_kumu_workbook_upload_is_recognised_and_loaded(tab):
    tab.goto("", title="Netwerkkaart")
    assert metric(tab, "Betrokkenen") == "250"
    upload(tab, [FILES / "kumu_paypal_mafia.xlsx"])
    tab.page.locator('[data-testid="stAlertContentSuccess"]', has_text="Geladen").wait_for()
    wait_idle(tab.page)
    assert metric(tab, "Betrokkenen") == "34" and metric(tab, "Relaties") == "47"
    assert tab.page.get_by_text("Herkend als: Kumu-werkboek.").is_visible()
    # the warnings are listed with their sheet, e.g. the e-mail column that is never kept
    tab.page.locator('[data-testid="stDataFrame"] td', has_text="kumu_paypal_mafia.xlsx[Elements]").first.wait_for(state="attached")
    assert "34 betrokkenen, 47 relaties" in tab.page.locator('[data-testid="stSidebar"]').inner_text()
    assert tab.exceptions() == []
    tab.screenshot("upload_kumu")
