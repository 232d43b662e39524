"""Real-browser fixtures: one Streamlit server and one Chromium per session.

The server runs ``app.py`` from the repository root on a free port on
127.0.0.1, with ``NETWERKKAART_DATABASE_URL`` pointing at a SQLite file in a
temporary folder, so a test run never touches ``data/``. Chromium is
Debian's ``/usr/bin/chromium`` driven by Playwright (never a downloaded
browser); each test gets a fresh browser context, i.e. a fresh Streamlit
session with the demo network.

Without ``/usr/bin/chromium`` the browser tests are skipped locally and fail
in CI (env ``CI`` set).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
SCREENSHOTS = HERE / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Generous: the first run of a page computes the analysis on a 2-core machine.
TIMEOUT_MS = 60_000
DESKTOP = {"width": 1400, "height": 950}
PHONE = {"width": 360, "height": 740}

#: Every page of the app, by url path (app.py: the file's stem), with its
#: Dutch and English title (h1). Start is the default page, served at "/";
#: its h1 is the app name in both languages.
PAGES = {
    "start": ("Netwerkkaart", "Netwerkkaart"),
    "kaart": ("Kaart", "Map"),
    "mijn_netwerk": ("Mijn netwerk", "My network"),
    "makelaars": ("Makelaars", "Brokers"),
    "gaten": ("Gaten", "Gaps"),
    "ontbrekende_verbindingen": ("Ontbrekende verbindingen", "Missing connections"),
    "stakeholdergrid": ("Stakeholdergrid", "Stakeholder grid"),
    "rapport": ("Rapport", "Report"),
    "workshop_leiden": ("Workshop leiden", "Run a workshop"),
    "meedoen": ("Meedoen", "Take part"),
    "gegevens": ("Gegevens", "Data"),
    "versies": ("Versies en verloop", "Versions and change"),
}


# -- the server -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    url: str
    database_url: str
    log: Path


@contextlib.contextmanager
def running_app(tmp: Path, *, port: int | None = None, env_extra: dict | None = None,
                args_extra: list[str] | None = None, database_url: str | None = None) -> Iterator[AppServer]:
    """``streamlit run app.py`` on a free port with its own SQLite database in ``tmp``
    (``env_extra``/``args_extra``: e.g. organisation mode with a secrets file;
    ``database_url``: another server's database, for two app servers on one database)."""
    database_url = database_url or f"sqlite:///{tmp / 'netwerkkaart.db'}"
    port = port or free_port()
    env = dict(os.environ)
    env.update(
        NETWERKKAART_DATABASE_URL=database_url,
        STREAMLIT_BROWSER_GATHER_USAGE_STATS="false",
        PYTHONUNBUFFERED="1",
        **(env_extra or {}),
    )
    log = tmp / "streamlit.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py",
             "--server.port", str(port), "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.address", "127.0.0.1",
             "--server.fileWatcherType", "none", "--server.runOnSave", "false", *(args_extra or [])],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: we can end it and its children
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200 and response.read().strip() == b"ok":
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit did not answer /_stcore/health within 90 s:\n{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.3)
        yield AppServer(url=base, database_url=database_url, log=log)
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory, browser) -> Iterator[AppServer]:
    """The session's server, already visited once.

    Until some session has run app.py (and its st.navigation) once, a fresh
    server treats ``pages/`` as an old-style pages folder (see
    test_pages.py::test_first_visitor_gets_the_apps_navigation, which uses a
    server of its own to check that the app copes). One throw-away visit to
    "/" runs app.py and warms the caches, so the other tests see the app as
    every later visitor does.
    """
    with running_app(tmp_path_factory.mktemp("netwerkkaart-server")) as server:
        warm_up(browser, server.url)
        yield server


def warm_up(browser, url: str) -> None:
    """One visit to "/" so the server runs app.py (and its navigation) once."""
    ctx = browser.new_context(viewport=DESKTOP)
    try:
        page = ctx.new_page()
        page.goto(f"{url}/", wait_until="domcontentloaded")
        page.locator("h1").first.wait_for(timeout=TIMEOUT_MS)
        wait_idle(page)
    finally:
        ctx.close()


def consent_by_name(page) -> None:
    """On Meedoen: be visible by name and agree (the form exists only after both, issue 16)."""
    page.get_by_text("Met mijn naam", exact=True).click()
    wait_idle(page)
    page.get_by_text("Ik heb dit gelezen en doe mee", exact=True).click()
    wait_idle(page)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=15)


# -- the browser --------------------------------------------------------------------------


def full_page_screenshot(page, path: Path, *, settle=None) -> None:
    """The whole page as a PNG. Streamlit scrolls inside its own container,
    so the window is made as tall as the content for the picture, then put
    back. ``settle(page)`` runs after the resize (default: 300 ms)."""
    viewport = page.viewport_size
    try:
        height = page.evaluate(
            """() => { const main = document.querySelector('[data-testid="stMain"]');
                       return main ? Math.ceil(main.scrollHeight) : document.body.scrollHeight; }"""
        )
    except Exception:
        height = viewport["height"]
    tall = max(viewport["height"], min(int(height) + 40, 8000))
    try:
        if tall > viewport["height"]:
            page.set_viewport_size({"width": viewport["width"], "height": tall})
            (settle or (lambda p: p.wait_for_timeout(300)))(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        if tall > viewport["height"]:
            page.set_viewport_size(viewport)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, through Playwright: one per session."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if os.environ.get("CI"):
        from playwright import sync_api  # in CI a missing Playwright is a failure, not a skip
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    playwright = sync_api.sync_playwright().start()
    try:
        # Playwright gives every launch a fresh, empty user-data-dir.
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


#: Runs in every frame before any of its scripts. vis-network assigns its
#: exports onto ``window.vis`` when that already exists (UMD:
#: ``t.vis = t.vis || {}``), so a pre-made ``vis`` object with a setter on
#: ``Network`` lets the test keep every Network the map creates, and read
#: the real DataSet it draws, without changing the app. maps.py keeps its
#: network inside a closure (see the report for the one-line change that
#: would expose it).
#:
#: The map's frame is sandboxed without allow-same-origin, so Chromium runs
#: it in a process of its own (IsolateSandboxedIframes, on by default), and
#: Playwright sometimes injects this script there only after the page's own
#: scripts ran. Then it must leave ``window.vis`` alone; :func:`map_frame`
#: adopts the map's ``window.netwerkkaart`` instead.
CAPTURE_VIS = """
(() => {
  if (window.top === window) return;
  // Late (see above): the map's vis is already loaded; replacing it would
  // break the map ("vis.DataSet is not a constructor").
  if (window.vis !== undefined) return;
  let Real;
  const holder = {};
  Object.defineProperty(holder, "Network", {
    configurable: true, enumerable: true,
    get() { return Real === undefined ? undefined : Captured; },
    set(value) { Real = value; },
  });
  function Captured(container, data, options) {
    const instance = new Real(container, data, options);
    (window.__nkNetworks = window.__nkNetworks || []).push({network: instance, data: data, options: options});
    return instance;
  }
  Object.defineProperty(window, "vis", {value: holder, writable: true, configurable: true});
})();
"""


@dataclass
class Tab:
    """A page plus everything it did that a test may want to judge."""

    page: object
    base: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def goto(self, path: str, *, title: str | None = None) -> None:
        """Open ``path`` (a new Streamlit session!) and wait until its script ran."""
        self.page.goto(f"{self.base}/{path.lstrip('/')}", wait_until="domcontentloaded")
        if title is not None:
            self.page.locator("h1", has_text=title).first.wait_for(timeout=TIMEOUT_MS)
        wait_idle(self.page)

    def nav(self, path: str, *, title: str | None = None) -> None:
        """Go to another page through the sidebar: the same session (and network)."""
        self.page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]').first.click()
        self.page.wait_for_url(re.compile(rf"/{re.escape(path)}(\?.*)?$"), timeout=TIMEOUT_MS)
        if title is not None:
            self.page.locator("h1", has_text=title).first.wait_for(timeout=TIMEOUT_MS)
        wait_idle(self.page)

    def screenshot(self, name: str) -> Path:
        """A full-page screenshot, in ``tests/browser/screenshots/``."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        full_page_screenshot(self.page, path)
        return path

    def exceptions(self) -> list[str]:
        return self.page.locator('[data-testid="stException"]').all_inner_texts()


def wait_idle(page, timeout: int = TIMEOUT_MS) -> None:
    """Wait until Streamlit reports the script is not running (and stays so briefly).

    The idle clock restarts on every call: a mark left by an earlier wait would
    otherwise let a wait right after a click return before the click's rerun began.
    """
    page.evaluate("() => { window.__nkIdleSince = undefined; }")
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app) return false;
            const state = app.getAttribute('data-test-script-state');
            const idle = state === 'notRunning';
            const now = performance.now();
            if (!idle) { window.__nkIdleSince = undefined; return false; }
            if (window.__nkIdleSince === undefined) window.__nkIdleSince = now;
            return now - window.__nkIdleSince > 400;
        }""",
        timeout=timeout,
        polling=100,
    )


def open_tab(context, base: str) -> Tab:
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    tab = Tab(page=page, base=base)

    def on_console(message) -> None:
        if message.type == "error":
            location = message.location or {}
            tab.console_errors.append(f"{message.text} @ {location.get('url', '')}")

    def on_dialog(dialog) -> None:
        tab.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: tab.page_errors.append(str(error)))
    page.on("request", lambda request: tab.requests.append(request.url))
    page.on("dialog", on_dialog)
    return tab


@pytest.fixture
def context(browser):
    """A fresh browser context (own cookies and storage: a new Streamlit session)."""
    ctx = browser.new_context(viewport=DESKTOP, locale="nl-NL", timezone_id="Europe/Amsterdam")
    ctx.add_init_script(CAPTURE_VIS)
    ctx.set_default_timeout(TIMEOUT_MS)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture(autouse=True)
def fresh_concept(request):
    """Local mode has one user, whose concept (issue #13) outlives a browser
    session: on the shared server every test starts from the demo again, as
    a new visitor would, by removing the concept left by the test before."""
    if "app_server" not in request.fixturenames:
        return
    from sqlalchemy import create_engine, text

    server = request.getfixturevalue("app_server")
    engine = create_engine(server.database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM draft_steps"))
            conn.execute(text("DELETE FROM drafts"))
    finally:
        engine.dispose()


@pytest.fixture
def tab(context, app_server) -> Tab:
    return open_tab(context, app_server.url)


@pytest.fixture
def new_context(browser):
    """A factory for more contexts in one test (e.g. a facilitator and a phone)."""
    made = []

    def make(**options):
        options.setdefault("viewport", DESKTOP)
        options.setdefault("locale", "nl-NL")
        ctx = browser.new_context(**options)
        ctx.add_init_script(CAPTURE_VIS)
        ctx.set_default_timeout(TIMEOUT_MS)
        made.append(ctx)
        return ctx

    try:
        yield make
    finally:
        for ctx in made:
            ctx.close()


# -- helpers shared by the tests -------------------------------------------------------------

#: Streamlit's frontend finds its base path by asking ``<page path>/_stcore/health``
#: and ``.../host-config`` first; on a deep link such as ``/kaart`` those two
#: answer 404 before it tries ``/_stcore/...``. That is Streamlit's own probing,
#: not the app's, so it is the only console error a test forgives.
_BASE_PATH_PROBE = re.compile(
    r"^Failed to load resource: the server responded with a status of 404 \(Not Found\) "
    r"@ https?://(127\.0\.0\.1|localhost):\d+/[^ ]+/_stcore/(health|host-config)$"
)
#: The frontend's message behind the "Page not found" modal; the modal has its
#: own test (test_pages.py::test_deep_links_open_without_page_not_found).
PAGE_NOT_FOUND = "The page that you have requested does not seem to exist"


def real_console_errors(tab: Tab) -> list[str]:
    return [e for e in tab.console_errors if not _BASE_PATH_PROBE.match(e) and PAGE_NOT_FOUND not in e]


def dismiss_page_not_found(tab: Tab) -> bool:
    """Close Streamlit's "Page not found" modal if it is open (it blocks clicks)."""
    dialog = tab.page.locator('[role="dialog"]', has_text="Page not found")
    if dialog.count():
        tab.page.keyboard.press("Escape")
        dialog.wait_for(state="detached", timeout=10_000)
        return True
    return False


def metric(tab: Tab, label: str) -> str:
    """The value of the ``st.metric`` whose label is exactly ``label``."""
    box = tab.page.locator('[data-testid="stMetric"]').filter(
        has=tab.page.locator('[data-testid="stMetricLabel"]', has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    )
    return box.locator('[data-testid="stMetricValue"]').first.inner_text().strip()


def upload(tab: Tab, paths: list[Path], *, button: str = "Laden") -> None:
    """Put files in the (first visible) uploader and press its Load button."""
    page = tab.page
    uploader = page.locator('[data-testid="stFileUploader"]').first
    uploader.locator('input[type="file"]').set_input_files([str(p) for p in paths])
    for p in paths:
        uploader.locator(f'[data-testid="stFileChipName"][title="{p.name}"]').first.wait_for()
    page.get_by_role("button", name=button, exact=True).first.click()


#: True once the frame holds a drawn map. The init script (CAPTURE_VIS) is
#: not always in time for the map's sandboxed (out-of-process) srcdoc frame;
#: then the map's own ``window.netwerkkaart`` is adopted in the same shape.
_ADOPT_MAP = """() => {
    if (!document.querySelector('#nk-map canvas')) return false;
    if ((window.__nkNetworks || []).length > 0) return true;
    const k = window.netwerkkaart;
    if (!k) return false;
    window.__nkNetworks = [{network: k.network, data: {nodes: k.nodes, edges: k.edges}, options: k.options}];
    return true;
}"""


def map_frame(tab: Tab, *, timeout: int = TIMEOUT_MS):
    """The frame of the (first) map, once vis-network has drawn its canvas."""
    page = tab.page
    page.locator('iframe').first.wait_for(timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        # page.frames, and the frames behind the iframe elements (a frame
        # that Playwright has not listed yet).
        candidates = [frame for frame in page.frames if frame is not page.main_frame]
        try:
            candidates += [handle.content_frame() for handle in page.locator("iframe").element_handles()]
        except Exception:  # an iframe replaced while we asked: look again
            pass
        for frame in candidates:
            if frame is None:
                continue
            try:
                if frame.evaluate(_ADOPT_MAP):
                    return frame
            except Exception:  # a frame navigating or detached: look again
                pass
        page.wait_for_timeout(200)
    raise AssertionError("no map frame with a vis-network canvas appeared")


#: How many nodes the map's own vis DataSet holds (the last Network created).
MAP_NODE_COUNT = "() => { const all = window.__nkNetworks; return all[all.length - 1].data.nodes.length; }"


def map_eval(tab: Tab, script: str, arg=None, *, timeout: int = TIMEOUT_MS):
    """Evaluate ``script`` in the map's frame; when Streamlit replaces the
    iframe meanwhile (a rerun), ask the new one."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        frame = map_frame(tab, timeout=timeout)
        try:
            return frame.evaluate(script, arg)
        except Exception as error:  # noqa: BLE001 - only a replaced frame is retried
            gone = "detached" in str(error) or "Execution context was destroyed" in str(error)
            if not gone or time.monotonic() > deadline:
                raise


def grid_rows(tab: Tab, selector: str = '[data-testid="stDataFrame"]') -> list[list[dict[str, str]]]:
    """The rows of every st.dataframe matching ``selector``, as ``{header: text}``.

    The grid is drawn on a canvas; its accessible twin (a hidden ``<table
    role="grid">``, rows in view only) holds the text a screen reader gets."""
    return tab.page.locator(selector).evaluate_all(
        """grids => grids.map(grid => {
            const table = grid.querySelector('table[role="grid"]');
            if (!table) return [];
            const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
            return [...table.querySelectorAll('tbody tr')].map(tr => {
                const row = {};
                [...tr.querySelectorAll('td')].forEach((td, i) => { row[heads[i] || String(i)] = td.textContent; });
                return row;
            });
        })"""
    )
