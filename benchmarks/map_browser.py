"""Time the map in Chromium: first drawing after navigation, and zoom/pan redraws.

Run from the repository root::

    python -m benchmarks.map_browser                 # every case, 5 page loads each
    python -m benchmarks.map_browser --repeat 3 --cases demo,2000
    python -m benchmarks.map_browser --no-app        # the map pages only, no Streamlit

Cases (``--cases``, comma-separated):

* ``demo``: the demo municipality (250 stakeholders) as Kaart draws it
  (sized by betweenness, brokers and isolated initiatives marked);
* ``2000``: a synthetic municipality of 2,000, node by node;
* ``10000-nodes``: 10,000 node by node (what vis-network would have to draw
  without the overview, for the decision between overview and WebGL);
* ``10000`` and ``50000``: the community overview Kaart shows at that size;
* ``app``: Kaart in the running app with the demo network (a Streamlit
  server this command starts and stops), navigation to drawn, with two
  marks on the way: the page's heading shown and the map's frame attached.

Every case is a standalone map page (``maps.network_html`` or
``overview.community_overview_html``) opened from a file in Debian's
``/usr/bin/chromium`` through Playwright, a fresh page per load. The page
records when its first, fitted drawing was done
(``window.netwerkkaart.firstDrawn()``, ms since the epoch); the time is that
minus the navigation start (``performance.timeOrigin``). Then ten zoom
steps and ten pan steps are timed from the call (``network.moveTo``) to
vis's next ``afterDrawing`` (this includes waiting for the animation frame,
about 16 ms), and the page's label placement after a zoom
(``placeLabels``) is timed on its own. Medians over the page loads;
building the page in Python is timed once per case (the app caches it per
network). The machine and its load are printed and written with the
results to ``benchmarks/results/map-browser-<UTC time>.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic"]
VIEWPORT = {"width": 1440, "height": 900}
CASES = ("demo", "2000", "10000-nodes", "10000", "50000", "app")

#: Targets of issue 14, in seconds after navigation (redraws in ms).
TARGETS = {"demo": 1.0, "app": 1.0, "2000": 1.5, "10000": 3.0, "10000-nodes": 3.0, "50000": 3.0}
REDRAW_TARGET_MS = 50.0

# Zoom and pan steps from the call to vis's next drawing, in the page.
_INTERACT = """async () => {
    const k = window.netwerkkaart, n = k.network;
    function drawn() { return new Promise(done => n.once("afterDrawing", () => done(performance.now()))); }
    const zoom = [], pan = [], labels = [];
    for (let i = 0; i < 10; i++) {
        const start = performance.now(), next = drawn();
        n.moveTo({scale: n.getScale() * (i % 2 ? 1 / 1.3 : 1.3)});
        zoom.push(await next - start);
        const placed = performance.now();
        k.placeLabels();
        labels.push(performance.now() - placed);
        // Settle before the next step (placeLabels may have changed nothing,
        // so ask for the drawing rather than wait for one).
        const settled = drawn();
        n.redraw();
        await settled;
    }
    for (let i = 0; i < 10; i++) {
        const p = n.getViewPosition(), start = performance.now(), next = drawn();
        n.moveTo({position: {x: p.x + (i % 2 ? -60 : 60) / n.getScale(), y: p.y}});
        pan.push(await next - start);
    }
    return {zoom: zoom, pan: pan, labels: labels};
}"""


def _median(values: list[float]) -> float:
    return statistics.median(values)


def build_page(case: str) -> tuple[str, dict]:
    """The map page of ``case`` and what building it cost in Python."""
    sys.path.insert(0, str(ROOT))
    from netanalysis import centrality, communities, maps, overview
    from netanalysis.layout import layout_positions
    from netanalysis.synthetic import synthetic_municipality

    info: dict = {}
    if case == "demo":
        from netanalysis import brokers, gaps
        from netanalysis.demo import build_demo

        G = build_demo().to_graph()
        table = centrality.centrality_table(G)
        started = time.perf_counter()
        marks = maps.map_highlights(brokers.broker_table(G, centrality=table),
                                    isolated_initiatives=gaps.isolated_initiatives(G).to_dict("records"))
        page = maps.network_html(G, size_by=table["betweenness"].to_dict(),
                                 highlight={"brokers": marks["brokers"], "isolated": marks["isolated"]},
                                 positions=layout_positions(G))
    else:
        n = int(case.split("-")[0])
        G = synthetic_municipality(n, seed=7).to_graph()
        started = time.perf_counter()
        if case.endswith("-nodes") or n <= maps.COMMUNITY_THRESHOLD:
            page = maps.network_html(G, positions=layout_positions(G))
        else:
            membership = communities.communities(G, seed=42)["membership"]
            info["communities_s"] = round(time.perf_counter() - started, 3)
            page = overview.community_overview_html(G, membership)
    info.update(stakeholders=G.number_of_nodes(), relations=G.number_of_edges(),
                python_s=round(time.perf_counter() - started, 3), html_kb=len(page) // 1000)
    return page, info


#: Cases whose page loads take a minute each on a 2-core machine: loaded
#: at most this often, whatever ``--repeat`` says.
SLOW_CASES = {"10000-nodes": 2}


#: In the app, marks on the way to the map, in ms since navigation: when
#: Streamlit's page showed its first heading (the shell is up and the page's
#: script has sent its first elements) and when the map's frame was put in
#: the document (the component has its data). Recorded by a
#: MutationObserver in the top document only.
_APP_MARKS = """
if (window === window.top) {
  window.__nkMarks = {};
  new MutationObserver(() => {
    const marks = window.__nkMarks;
    if (marks.heading === undefined && document.querySelector('[data-testid="stHeading"], h1')) {
      marks.heading = performance.now();
    }
    if (marks.frame === undefined && document.querySelector('iframe[srcdoc]')) {
      marks.frame = performance.now();
    }
  }).observe(document, {childList: true, subtree: true});
}
"""


def time_page(browser, url: str, repeat: int, *, frame_of=None) -> dict:
    """First drawing after navigation and redraws, medians over ``repeat`` fresh pages."""
    first, zoom, pan, labels = [], [], [], []
    heading, attached = [], []
    for _ in range(repeat):
        context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
        if frame_of:
            context.add_init_script(_APP_MARKS)
        page = context.new_page()
        try:
            page.goto(url, wait_until="commit")
            frame = frame_of(page) if frame_of else page.main_frame
            frame.wait_for_function("window.netwerkkaart && window.netwerkkaart.firstDrawn()", timeout=120_000)
            drawn = frame.evaluate("window.netwerkkaart.firstDrawn()")
            origin = page.evaluate("performance.timeOrigin")
            first.append((drawn - origin) / 1000)
            if frame_of:
                marks = page.evaluate("window.__nkMarks || {}")
                if "heading" in marks and "frame" in marks:
                    heading.append(marks["heading"] / 1000)
                    attached.append(marks["frame"] / 1000)
            page.set_default_timeout(300_000)
            steps = frame.evaluate(_INTERACT)
            zoom += steps["zoom"]
            pan += steps["pan"]
            labels += steps["labels"]
        finally:
            context.close()
    result = {"first_drawn_s": round(_median(first), 3), "first_drawn_all_s": [round(v, 3) for v in first],
              "zoom_redraw_ms": round(_median(zoom), 1), "pan_redraw_ms": round(_median(pan), 1),
              "place_labels_ms": round(_median(labels), 1), "page_loads": repeat}
    if heading:
        result.update(heading_shown_s=round(_median(heading), 3), map_frame_attached_s=round(_median(attached), 3))
    return result


def _map_frame(page):
    """The frame holding the map inside the app (a sandboxed iframe)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for frame in page.frames:
            if frame is page.main_frame:
                continue
            with contextlib.suppress(Exception):
                if frame.evaluate("!!window.netwerkkaart"):
                    return frame
        page.wait_for_timeout(20)
    raise TimeoutError("no map frame appeared within 120 s")


@contextlib.contextmanager
def running_app():
    """``streamlit run app.py`` on a free port with a throw-away database; stopped afterwards."""
    import signal
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    folder = tempfile.mkdtemp(prefix="netwerkkaart-bench-")
    env = dict(os.environ, NETWERKKAART_DATABASE_URL=f"sqlite:///{folder}/netwerkkaart.db",
               STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
    log = open(Path(folder) / "streamlit.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                    if answer.read().strip() == b"ok":
                        break
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start; see {log.name}")
            time.sleep(0.3)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        log.close()


def run(cases: list[str], repeat: int) -> dict:
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS)
        try:
            for case in cases:
                print(f"... {case}", flush=True)
                if case == "app":
                    with running_app() as base:
                        # The first visit runs app.py and fills the caches, as
                        # any visit after the first of the day finds them.
                        warm = time_page(browser, f"{base}/kaart", 1, frame_of=_map_frame)
                        result = time_page(browser, f"{base}/kaart", repeat, frame_of=_map_frame)
                        result["first_visit_s"] = warm["first_drawn_s"]
                    results[case] = result
                    continue
                html, info = build_page(case)
                with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as handle:
                    handle.write(html)
                try:
                    loads = min(repeat, SLOW_CASES.get(case, repeat))
                    results[case] = {**info, **time_page(browser, Path(handle.name).as_uri(), loads)}
                finally:
                    os.unlink(handle.name)
        finally:
            browser.close()
    return results


def machine() -> dict:
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    version = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True).stdout.strip()
    return {"cpu": model, "cores": len(os.sched_getaffinity(0)), "chromium": version,
            "load_average_start": os.getloadavg()}


def report(results: dict) -> str:
    lines = ["| case | stakeholders | page kB | Python s | first drawn s | target s | zoom ms | pan ms | labels ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for case, r in results.items():
        target = TARGETS.get(case)
        lines.append(
            f"| {case} | {r.get('stakeholders', 250):,} | {r.get('html_kb', '—')} | {r.get('python_s', '—')} | "
            f"{r['first_drawn_s']:.2f} | {target:g} {'met' if r['first_drawn_s'] <= target else 'NOT met'} | "
            f"{r['zoom_redraw_ms']:.0f} | {r['pan_redraw_ms']:.0f} | {r['place_labels_ms']:.0f} |")
    app = results.get("app", {})
    if "heading_shown_s" in app:
        lines.append(f"\nIn the app (medians, s after navigation): page heading shown {app['heading_shown_s']:.2f}, "
                     f"map frame attached {app['map_frame_attached_s']:.2f}, map drawn {app['first_drawn_s']:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.map_browser", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", default=",".join(CASES), help=f"comma-separated, of {', '.join(CASES)}")
    parser.add_argument("--repeat", type=int, default=5, help="fresh page loads per case (median reported)")
    parser.add_argument("--no-app", action="store_true", help="skip the case that starts the Streamlit app")
    parser.add_argument("--out", type=Path, default=RESULTS, help="folder for the JSON file")
    args = parser.parse_args(argv)
    cases = [c.strip() for c in args.cases.split(",") if c.strip()]
    unknown = set(cases) - set(CASES)
    if unknown or args.repeat < 1:
        parser.error(f"unknown cases {sorted(unknown)}" if unknown else "--repeat must be at least 1")
    if args.no_app:
        cases = [c for c in cases if c != "app"]
    info = machine()
    print(f"Machine: {info['cpu']}, {info['cores']} cores; {info['chromium']}; load average "
          f"{', '.join(f'{v:.2f}' for v in info['load_average_start'])}", flush=True)
    results = run(cases, args.repeat)
    info["load_average_end"] = os.getloadavg()
    print(report(results))
    print(f"Load average at the end: {', '.join(f'{v:.2f}' for v in info['load_average_end'])}; "
          f"redraw target {REDRAW_TARGET_MS:g} ms")
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = args.out / f"map-browser-{stamp}.json"
    path.write_text(json.dumps({"generated_at": stamp, "machine": info, "results": results}, indent=2))
    print(f"Wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
