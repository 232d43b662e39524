"""Screenshots of every page, as a user sees them, for review before an issue is closed.

Starts ``app.py`` on a free port with a throw-away SQLite database (the same
way the browser tests do), opens each page in Debian's Chromium through
Playwright and writes full-page PNGs::

    python scripts/screenshots.py                     # every page, Dutch, 1440x900
    python scripts/screenshots.py --lang en kaart     # some pages, English
    python scripts/screenshots.py --phone meedoen     # 360x740

The PNGs go to ``screenshots/`` (ignored by git); the file names say page,
language and size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_FLAGS,
    PAGES,
    full_page_screenshot,
    running_app,
    wait_idle,
)

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 360, "height": 740}


class _Fail(Exception):
    pass


def _demo_workshop(database_url: str) -> str:
    """Open a workshop seeded from the demo network, with one participant who
    is visible by name; returns its join code."""
    from netanalysis.demo import build_demo
    from netanalysis.store import Store
    from netanalysis.workshop import new_participant_token

    store = Store(database_url, rate_limit=None)
    try:
        workshop, _key = store.create_workshop("Wijkavond Noord", seed_version_id=store.save_network(build_demo(), name="Voorbeeldstad"))
        store.submit(workshop.code, new_participant_token(),
                     {"me": {"name": "Fatma Yilmaz", "type": "bewoner", "consent": True, "shown_as": "name"}}, submission_id="demo")
    finally:
        store.dispose()
    return workshop.code


def _wait_for_maps(page, timeout_s: float = 60.0) -> None:
    """Until every map frame on the page has drawn (its page says so through
    ``window.netwerkkaart.firstDrawn()``), then a moment for fonts and labels."""
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        pending = 0
        for frame in page.frames[1:]:
            if frame.url != "about:srcdoc":  # the maps are srcdoc frames
                continue
            try:
                # Parsed (the map's inline script has set up window.netwerkkaart)
                # and, where there is a map, drawn.
                if frame.evaluate("""() => document.readyState !== 'complete'
                                           || (!!window.netwerkkaart && !window.netwerkkaart.firstDrawn())"""):
                    pending += 1
            except Exception:  # a frame still loading, or gone with a rerun
                pending += 1
        if pending == 0:
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(500)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", help=f"pages to take (default: all): {', '.join(PAGES)}")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--phone", action="store_true", help="360x740 instead of 1440x900")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--full", action="store_true", help="the whole page, not only the first screen")
    args = parser.parse_args(argv)
    chosen = args.pages or list(PAGES)
    viewport = PHONE if args.phone else DESKTOP
    args.out.mkdir(parents=True, exist_ok=True)

    import pytest
    from playwright.sync_api import sync_playwright

    pytest.fail = lambda message: (_ for _ in ()).throw(_Fail(message))  # running_app reports through it
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp)) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name in chosen:
            path = "" if name == "start" else name
            if name == "meedoen":  # the form, not the join box: a workshop from the demo with one visible participant
                path = f"meedoen?code={_demo_workshop(server.database_url)}"
            page.goto(f"{server.url}/{path}{'&' if '?' in path else '?'}lang={args.lang}", wait_until="domcontentloaded")
            page.locator("h1").first.wait_for(timeout=90_000)
            wait_idle(page)
            if args.lang == "en" and page.locator("html[lang=en]").count() == 0:
                page.get_by_text("English", exact=True).first.click()
                wait_idle(page)
            _wait_for_maps(page)
            size = f"{viewport['width']}x{viewport['height']}"
            target = args.out / f"{name}-{args.lang}-{size}.png"
            if args.full:
                full_page_screenshot(page, target, settle=_wait_for_maps)
            else:
                page.screenshot(path=str(target))
            print(target)
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
