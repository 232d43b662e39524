"""The Kaart page in a real browser: vis-network draws what the page says it
shows, filters change it, hover cards work, and the map reads without
colour (shape per type) and on a beamer (contrast)."""

from __future__ import annotations

import csv
import math
import unicodedata
import re
import time

import pytest

from netanalysis.style import TYPE_STYLE
from netanalysis.schema import STAKEHOLDER_TYPES, type_label

from .conftest import MAP_NODE_COUNT, ROOT, map_eval, map_frame, wait_idle

pytestmark = pytest.mark.browser


def demo_types() -> dict[str, int]:
    counts: dict[str, int] = {}
    with open(ROOT / "data" / "stakeholders.csv", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            counts[row["type"]] = counts.get(row["type"], 0) + 1
    return counts


def demo_names() -> dict[str, str]:
    with open(ROOT / "data" / "stakeholders.csv", encoding="utf-8-sig", newline="") as f:
        return {row["id"]: row["name"] for row in csv.DictReader(f)}


def caption_numbers(tab) -> tuple[int, int]:
    text = tab.page.get_by_text(re.compile(r"\d+ van \d+ betrokkenen getoond")).first.inner_text()
    shown, total = re.search(r"(\d+) van (\d+) betrokkenen getoond", text).groups()
    return int(shown), int(total)


def wait_for_node_count(tab, expected: int, timeout_s: float = 60) -> object:
    """The map frame once its vis DataSet holds ``expected`` nodes (a rerun replaces the iframe)."""
    deadline = time.monotonic() + timeout_s
    last = None
    while time.monotonic() < deadline:
        frame = map_frame(tab)
        try:
            last = frame.evaluate(MAP_NODE_COUNT)
        except Exception:  # the frame was replaced while we asked
            continue
        if last == expected:
            return frame
        tab.page.wait_for_timeout(250)
    raise AssertionError(f"the map kept {last} nodes, expected {expected}")


def hover_node(tab, frame, node_id: str | None = None) -> tuple[dict, str]:
    """Move the mouse onto a node (by default the one nearest the middle of the
    visible map) and return the node's data and the text of its hover card."""
    iframe = tab.page.locator("iframe").first
    iframe.scroll_into_view_if_needed()
    box = iframe.bounding_box()
    viewport = tab.page.viewport_size
    visible_height = min(box["height"], viewport["height"] - box["y"])
    node, x, y = frame.evaluate(
        """([id, width, height]) => {
            const n = window.__nkNetworks[window.__nkNetworks.length - 1];
            const legend = document.querySelector('#nk-legend').getBoundingClientRect();
            let best = null;
            for (const node of n.data.nodes.get()) {
                if (id !== null && node.id !== id) continue;
                const p = n.network.canvasToDOM(n.network.getPosition(node.id));
                if (id === null && (p.x < 0 || p.y < 0 || p.x > width || p.y > height)) continue;
                if (id === null && !node.label) continue;  // a named node: its card starts with the name
                if (id === null && p.y >= legend.top - 10) continue;
                const d = Math.hypot(p.x - width / 2, p.y - height / 2);
                if (best === null || d < best[0]) best = [d, node, p.x, p.y];
            }
            return [best[1], best[2], best[3]];
        }""",
        [node_id, box["width"], visible_height],
    )
    tab.page.mouse.move(box["x"] + x + 8, box["y"] + y + 8)
    tab.page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    tooltip = frame.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=15_000)
    return node, tooltip.inner_text()


def choose(tab, label: str, option: str) -> None:
    """Pick ``option`` in the multiselect labelled ``label``."""
    box = tab.page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    box.scroll_into_view_if_needed()
    field = box.get_by_role("combobox")
    field.click()
    field.press_sequentially(option)
    tab.page.get_by_role("option", name=option, exact=True).click()
    box.locator('[data-testid="stMultiSelectTagsContainer"]', has_text=option).wait_for()
    tab.page.keyboard.press("Escape")


def test_map_draws_every_stakeholder_and_a_type_filter_changes_it(tab):
    tab.goto("kaart", title="Kaart")
    map_frame(tab)  # waits until the map is drawn
    wait_idle(tab.page)
    shown, total = caption_numbers(tab)
    sidebar = tab.page.locator('[data-testid="stSidebar"]').inner_text()
    in_network = int(re.search(r"(\d+) betrokkenen", sidebar).group(1))
    drawn = map_eval(tab, MAP_NODE_COUNT)
    assert drawn == shown == total == in_network == sum(demo_types().values())
    # vis really drew them: every node has a position on the canvas.
    assert map_eval(
        tab,
        "() => { const n = window.__nkNetworks[window.__nkNetworks.length - 1];"
        " return Object.keys(n.network.getPositions()).length; }"
    ) == drawn
    assert map_eval(tab, "() => document.querySelectorAll('#nk-map canvas').length") == 1
    tab.screenshot("kaart_all")

    # A hover card names the stakeholder and its type.
    node, card = hover_node(tab, map_frame(tab))
    assert card.splitlines()[0].strip().startswith(node["label"].rstrip("…"))
    tab.screenshot("kaart_hover")
    assert "Type" in card and "Verbindingen" in card

    # A tie's card names both ends: the pointer on a tie, away from every node.
    tab.page.mouse.move(1, 1)
    frame = map_frame(tab)
    spot = frame.evaluate("""() => {
        const k = window.netwerkkaart, n = k.network, box = document.querySelector('#nk-map');
        const width = box.clientWidth, height = box.clientHeight, where = n.getPositions();
        const screen = id => n.canvasToDOM(where[id]);
        let best = null;
        for (const line of k.lines()) {
            const a = screen(line.from), b = screen(line.to);
            const x = (a.x + b.x) / 2, y = (a.y + b.y) / 2;
            if (x < 20 || y < 20 || x > width - 20 || y > height - 20) continue;
            let clear = Infinity;
            for (const id in where) { const p = screen(id); clear = Math.min(clear, Math.hypot(p.x - x, p.y - y)); }
            if (k.lineNear(x, y) !== line.id) continue;
            if (best === null || clear > best.clear) best = {clear, x, y, id: line.id, from: line.from, to: line.to};
        }
        const name = id => k.nodes.get(id).sid;
        return best && Object.assign(best, {fromSid: name(best.from), toSid: name(best.to)});
    }""")
    assert spot is not None and spot["clear"] > 12, spot
    iframe = tab.page.locator("iframe").first.bounding_box()
    tab.page.mouse.move(iframe["x"] + spot["x"] + 6, iframe["y"] + spot["y"] + 6)
    tab.page.mouse.move(iframe["x"] + spot["x"], iframe["y"] + spot["y"], steps=3)
    line_card = frame.locator("div.nk-line-card")
    line_card.wait_for(state="visible", timeout=15_000)
    names = demo_names()
    assert f"{names[spot['fromSid']]} — {names[spot['toSid']]}" in line_card.inner_text() or \
        f"{names[spot['toSid']]} — {names[spot['fromSid']]}" in line_card.inner_text()
    tab.screenshot("kaart_tie_card")
    tab.page.mouse.move(iframe["x"] + 2, iframe["y"] + 2)

    businesses = demo_types()["business"]
    tab.page.get_by_text("Filters en weergave").click()
    choose(tab, "Types", type_label("business", "nl"))
    tab.page.get_by_role("button", name="Toepassen").click()
    wait_for_node_count(tab, businesses)
    wait_idle(tab.page)
    assert caption_numbers(tab) == (businesses, total)
    # Only businesses' colour and shape are left.
    styles = map_eval(
        tab,
        "() => [...new Set(window.__nkNetworks[window.__nkNetworks.length - 1].data.nodes.get()"
        ".map(n => n.shape + ' ' + n.color.background))]"
    )
    assert styles == [f"{TYPE_STYLE['business'].shape} {TYPE_STYLE['business'].colour}"]
    tab.screenshot("kaart_businesses")


LEGEND_SIGNATURE = """() => [...document.querySelectorAll('#nk-legend li')].map(li => {
    const shape = li.querySelector('svg > *');
    return {text: li.textContent.trim(), tag: shape.tagName,
            points: shape.getAttribute('points') || '', fill: shape.getAttribute('fill')};
})"""


def test_legend_shows_colour_and_shape_per_type(tab):
    tab.goto("kaart", title="Kaart")
    map_frame(tab)  # waits until the map is drawn
    legend = {item["text"]: item for item in map_eval(tab, LEGEND_SIGNATURE)}
    types = [t for t in STAKEHOLDER_TYPES if t in demo_types()]
    assert len(types) == 5
    for key in types:
        item = legend[type_label(key, "nl")]
        assert item["fill"].lower() == TYPE_STYLE[key].colour.lower()
    # Five different colours and five different shapes: the legend (and the
    # map) read in greyscale and for colour-blind viewers.
    assert len({legend[type_label(k, "nl")]["fill"] for k in types}) == 5
    assert len({(legend[type_label(k, "nl")]["tag"], legend[type_label(k, "nl")]["points"]) for k in types}) == 5
    # Nodes on the canvas use the same pairs: one shape per colour.
    pairs = map_eval(
        tab,
        "() => [...new Set(window.__nkNetworks[window.__nkNetworks.length - 1].data.nodes.get()"
        ".map(n => n.color.background + ' ' + n.shape))]"
    )
    assert sorted(pairs) == sorted(f"{TYPE_STYLE[k].colour} {TYPE_STYLE[k].shape}" for k in types)
    assert map_frame(tab).locator("#nk-legend").is_visible()


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    def parse(colour: str) -> tuple[float, float, float]:
        colour = colour.strip()
        if colour.startswith("#"):
            return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        numbers = [float(x) for x in re.findall(r"[\d.]+", colour)[:3]]
        return tuple(numbers)

    la, lb = sorted((_luminance(parse(a)), _luminance(parse(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_helper():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("rgb(118, 118, 118)", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_presentation_mode_text_has_enough_contrast(tab):
    tab.goto("kaart", title="Kaart")
    map_frame(tab)
    tab.page.get_by_role("button", name="Presentatiemodus (beamer)").click()
    # Presentation mode hides the page title and draws a larger map.
    tab.page.locator("h1", has_text="Kaart").wait_for(state="detached")
    deadline = 60_000
    waited = 0
    while waited < deadline:
        map_frame(tab)
        if map_eval(tab, "() => window.__nkNetworks[window.__nkNetworks.length - 1].options.nodes.font.size") > 14:
            break
        tab.page.wait_for_timeout(250)
        waited += 250
    wait_idle(tab.page)
    font = map_eval(tab, "() => window.__nkNetworks[window.__nkNetworks.length - 1].options.nodes.font")
    page_background = map_eval(tab, "() => getComputedStyle(document.body).backgroundColor")
    # Labels are drawn on the map's background; the white outline helps
    # where they cross a line, but the text colour itself must pass.
    assert contrast(font["color"], page_background) >= 4.5
    assert contrast(font["color"], font["strokeColor"]) >= 4.5
    legend = map_eval(
        tab,
        """() => { const li = document.querySelector('#nk-legend li'); const box = document.querySelector('#nk-legend');
                   return [getComputedStyle(li).color, getComputedStyle(box).backgroundColor,
                           parseFloat(getComputedStyle(li).fontSize)]; }"""
    )
    assert contrast(legend[0], legend[1]) >= 4.5
    assert legend[2] >= 18, "legend text is readable from the back of the room"
    # The hover card is text on its own background.
    card = map_eval(
        tab,
        """() => { const probe = document.createElement('div'); probe.className = 'vis-tooltip';
                   document.body.appendChild(probe); const s = getComputedStyle(probe);
                   const r = [s.color, s.backgroundColor]; probe.remove(); return r; }"""
    )
    assert contrast(card[0], card[1]) >= 4.5
    tab.screenshot("kaart_presentatie")



# -- readable at every size, by mouse, keyboard and beamer (issue 14) -------------------

LAPTOP = {"width": 1440, "height": 900}

#: Every drawn node's on-screen box and every shown label's box, in the
#: frame's pixels, read from vis-network's own bookkeeping of what it drew.
DRAWN = """() => {
    const n = window.netwerkkaart.network;
    const scale = n.getScale();
    const body = n.body;
    const nodes = [], labels = [];
    for (const id of body.nodeIndices) {
        const node = body.nodes[id];
        const p = n.canvasToDOM({x: node.x, y: node.y});
        nodes.push({id: id, x: p.x, y: p.y, diameter: 2 * node.options.size * scale});
        const label = node.options.label;
        if (label) {
            const size = node.labelModule.size;
            const a = n.canvasToDOM({x: size.left, y: size.top});
            const b = n.canvasToDOM({x: size.left + size.width, y: size.top + size.height});
            labels.push({id: id, text: label, left: a.x, top: a.y, right: b.x, bottom: b.y});
        }
    }
    const canvas = document.querySelector('#nk-map canvas').getBoundingClientRect();
    return {nodes: nodes, labels: labels, width: canvas.width, height: canvas.height};
}"""


def open_map(tab, path: str = "kaart", title: str = "Kaart"):
    tab.page.set_viewport_size(LAPTOP)
    tab.goto(path, title=title)
    frame = map_frame(tab)
    wait_idle(tab.page)
    tab.page.wait_for_timeout(500)  # the page places its labels right after fitting
    return frame


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]:
                pairs.append((a["text"], b["text"]))
    return pairs


def test_map_comes_first_fitted_above_the_fold_with_legible_nodes_and_labels(tab):
    open_map(tab)
    frame_box = tab.page.locator("iframe").first.bounding_box()
    assert frame_box["y"] < 320, "the map starts high on the page"
    assert frame_box["y"] + frame_box["height"] <= LAPTOP["height"], "the whole map is above the fold"
    drawn = map_eval(tab, DRAWN)
    assert len(drawn["nodes"]) == sum(demo_types().values())
    # Fitted: every stakeholder is inside the map's frame.
    outside = [n for n in drawn["nodes"] if not (0 <= n["x"] <= drawn["width"] and 0 <= n["y"] <= drawn["height"])]
    assert not outside
    smallest = min(n["diameter"] for n in drawn["nodes"])
    assert round(smallest, 2) >= 8, f"smallest node {smallest:.1f} px"
    # No node covers another, in the dense middle too: no two discs (radius
    # = vis's size at the fitted zoom) overlap by more than half a pixel.
    covered = [(a["id"], b["id"]) for i, a in enumerate(drawn["nodes"]) for b in drawn["nodes"][i + 1:]
               if math.dist((a["x"], a["y"]), (b["x"], b["y"])) < (a["diameter"] + b["diameter"]) / 2 - 0.5]
    assert covered == [], f"{len(covered)} pairs of nodes overlap"
    # The most important stakeholders are named, and no two names overlap.
    assert len(drawn["labels"]) >= 20
    assert overlapping(drawn["labels"]) == []
    tab.screenshot("kaart_fitted_1440x900")

    # Zooming in names more stakeholders, still without overlap.
    before = len(drawn["labels"])
    map_eval(tab, """() => { const k = window.netwerkkaart; k.network.moveTo({scale: k.network.getScale() * 2.5});
                             k.placeLabels(); }""")
    zoomed = map_eval(tab, DRAWN)
    visible = [b for b in zoomed["labels"] if b["right"] > 0 and b["left"] < zoomed["width"]
               and b["bottom"] > 0 and b["top"] < zoomed["height"]]
    assert len(visible) > before * 0.5 and overlapping(visible) == []


def test_clicking_a_node_opens_its_details_and_then_its_network(tab):
    open_map(tab)
    iframe = tab.page.locator("iframe").first
    box = iframe.bounding_box()
    # A named stakeholder standing apart, so the click cannot hit a neighbour.
    target = map_eval(tab, """() => {
        const k = window.netwerkkaart, n = k.network, all = n.getPositions();
        let best = null;
        for (const id of k.shownLabels()) {
            const p = all[id];
            let nearest = Infinity;
            for (const other in all) {
                if (other !== id) nearest = Math.min(nearest, Math.hypot(all[other].x - p.x, all[other].y - p.y));
            }
            if (best === null || nearest > best.nearest) best = {id: id, nearest: nearest};
        }
        const node = k.nodes.get(best.id), p = n.canvasToDOM(all[best.id]);
        return {sid: node.sid, name: node.label, x: p.x, y: p.y};
    }""")
    tab.page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    dialog = tab.page.get_by_role("dialog")
    dialog.wait_for()
    assert target["name"].rstrip("…") in dialog.inner_text()
    dialog.get_by_role("button", name=re.compile("Bekijk het netwerk van")).click()
    tab.page.locator("h1", has_text="Mijn netwerk").wait_for()
    wait_idle(tab.page)
    tab.page.locator("h3", has_text=target["name"].rstrip("…")).first.wait_for()
    ego_fits_in_view(tab, target["sid"])


def ego_fits_in_view(tab, sid: str) -> None:
    """Every node of the ego map (the person and all direct contacts) lies inside the frame."""
    sids = map_eval(tab, "() => window.netwerkkaart.nodes.get().map(n => n.sid)")
    assert sid in sids
    # The map refits 150 ms after its frame is resized: allow it that moment
    # (on a loaded machine a few seconds) before judging.
    deadline = time.monotonic() + 10
    while True:
        drawn = map_eval(tab, DRAWN)
        outside = [node for node in drawn["nodes"]
                   if not (0 <= node["x"] <= drawn["width"] and 0 <= node["y"] <= drawn["height"])]
        if not outside or time.monotonic() > deadline:
            break
        tab.page.wait_for_timeout(250)
    assert outside == [], (drawn["width"], drawn["height"], outside[:3])


def test_my_network_fits_every_direct_contact(tab):
    tab.page.set_viewport_size(LAPTOP)
    tab.goto("mijn_netwerk", title="Mijn netwerk")
    people = {}
    with open(ROOT / "data" / "stakeholders.csv", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            people[row["name"]] = row["id"]
    ties: dict[str, int] = {}
    with open(ROOT / "data" / "relations.csv", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            for end in (row["source"], row["target"]):
                ties[end] = ties.get(end, 0) + 1
    # The best-connected stakeholder, as the picker shows names (search.searchable_label: "Dĳk" as "Dijk").
    best = max(people, key=lambda n: ties.get(people[n], 0))
    name = unicodedata.normalize("NFKC", best)
    box = tab.page.locator('[data-testid="stSelectbox"]').first
    box.click()
    tab.page.keyboard.type(name)
    tab.page.get_by_role("option", name=re.compile(re.escape(name))).first.click()
    wait_idle(tab.page)
    map_frame(tab)
    tab.page.wait_for_timeout(500)
    count = map_eval(tab, MAP_NODE_COUNT)
    assert count == ties[people[best]] + 1 or count >= 10
    ego_fits_in_view(tab, people[best])
    tab.screenshot("mijn_netwerk_fitted")


def test_beamer_mode_shows_the_map_alone(tab):
    open_map(tab)
    tab.page.get_by_role("button", name="Presentatiemodus (beamer)").click()
    tab.page.locator("h1", has_text="Kaart").wait_for(state="detached")
    wait_idle(tab.page)
    map_frame(tab)
    assert not tab.page.locator('[data-testid="stSidebar"]').is_visible()
    # Nothing to operate within the screen but the map itself.
    controls = tab.page.locator("button, input, select, [role=combobox]").evaluate_all(
        """els => els.filter(e => { const r = e.getBoundingClientRect();
                   return r.width > 0 && r.height > 0 && r.top < window.innerHeight && r.bottom > 0; })
                 .map(e => e.textContent || e.getAttribute('aria-label') || e.tagName)""")
    assert controls == []
    frame_box = tab.page.locator("iframe").first.bounding_box()
    assert frame_box["height"] >= LAPTOP["height"] - 40 and frame_box["width"] >= LAPTOP["width"] - 40
    assert map_eval(tab, "() => document.getElementById('nk-tools') === null")
    tab.screenshot("kaart_beamer")


def test_export_downloads_a_valid_png_and_svg(tab, tmp_path):
    frame = open_map(tab)
    with tab.page.expect_download() as info:
        frame.get_by_role("button", name="PNG").click()
    png = tmp_path / "map.png"
    info.value.save_as(png)
    assert info.value.suggested_filename == "netwerkkaart.png"
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000
    with tab.page.expect_download() as info:
        frame.get_by_role("button", name="SVG").click()
    svg = tmp_path / "map.svg"
    info.value.save_as(svg)
    from defusedxml import ElementTree

    root = ElementTree.parse(svg).getroot()
    assert root.tag.endswith("svg")
    shapes = [e for e in root.iter() if e.tag.split("}")[-1] in {"circle", "polygon", "rect"}]
    assert len(shapes) == sum(demo_types().values()) + 1  # every stakeholder, plus the background
    texts = [e.text for e in root.iter() if e.tag.endswith("text")]
    assert len(texts) >= 20


def test_the_network_in_words_reaches_every_stakeholder_by_keyboard(tab):
    open_map(tab)
    summary = tab.page.locator("summary", has_text="Netwerk in woorden")
    # Tab from the page's start until the table's expander has the focus.
    tab.page.locator("h1").first.click()
    for _ in range(80):
        tab.page.keyboard.press("Tab")
        if summary.evaluate("e => e === document.activeElement || e.contains(document.activeElement)"):
            break
    else:
        raise AssertionError("the Tab key never reached 'Netwerk in woorden'")
    tab.page.keyboard.press("Enter")
    table = tab.page.locator("table.nk-words").first
    table.wait_for()
    names = table.locator('tbody tr th[scope="row"]').all_inner_texts()
    with open(ROOT / "data" / "stakeholders.csv", encoding="utf-8-sig", newline="") as f:
        expected = sorted(row["name"] for row in csv.DictReader(f))
    assert sorted(n.strip() for n in names) == expected
    headers = table.locator('thead th[scope="col"]').all_inner_texts()
    assert [h.strip() for h in headers if h.strip()] == ["Naam", "Type", "Aantal contacten", "Contacten",
                                                         "Rol in het netwerk"]


def test_export_works_in_the_reports_map(new_context, tmp_path):
    """The report holds the map in a sandboxed iframe; without allow-downloads
    its PNG and SVG buttons did nothing."""
    from netanalysis.demo import build_demo
    from netanalysis.report import build_report

    report = tmp_path / "rapport.html"
    report.write_text(build_report(build_demo(), lang="nl", pseudonymise=False), encoding="utf-8")
    page = new_context(viewport=LAPTOP, accept_downloads=True).new_page()
    page.goto(report.as_uri())
    frame = page.frame_locator("iframe.map")
    frame.locator("#nk-map canvas").wait_for()
    with page.expect_download() as info:
        frame.get_by_role("button", name="PNG").click()
    assert info.value.suggested_filename == "netwerkkaart.png"
    assert open(info.value.path(), "rb").read()[:8] == b"\x89PNG\r\n\x1a\n"
    with page.expect_download() as info:
        frame.get_by_role("button", name="SVG").click()
    assert info.value.suggested_filename == "netwerkkaart.svg"
    assert b"<svg" in open(info.value.path(), "rb").read()[:200]


# -- large networks: the community overview ----------------------------------------------

OVERVIEW_HOST = """(html) => {
    window.__clicks = [];
    window.addEventListener("message", e => { if (e.data && e.data.netwerkkaart) window.__clicks.push(e.data.id); });
    const frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "allow-scripts");
    frame.style.cssText = "width:1400px;height:800px;border:0;display:block";
    frame.srcdoc = html;
    document.body.style.margin = "0";
    document.body.appendChild(frame);
}"""


def test_community_overview_of_10000_is_fitted_labelled_and_clickable(new_context):
    """10,000 stakeholders: every bubble inside the frame, the largest
    communities named without overlapping names, and a click on a bubble
    posts its community to the app (which then draws it node by node)."""
    from netanalysis import communities, overview
    from netanalysis.synthetic import synthetic_municipality

    G = synthetic_municipality(10_000, seed=7).to_graph()
    membership = communities.communities(G, seed=42)["membership"]
    html = overview.community_overview_html(G, membership)
    page = new_context(viewport={"width": 1400, "height": 800}).new_page()
    page.set_content("<!DOCTYPE html><html><body></body></html>")
    page.evaluate(OVERVIEW_HOST, html)
    frame = None
    deadline = time.monotonic() + 60
    while frame is None and time.monotonic() < deadline:
        for candidate in page.frames[1:]:
            try:
                if candidate.evaluate("!!(window.netwerkkaart && window.netwerkkaart.firstDrawn())"):
                    frame = candidate
            except Exception:  # not loaded yet
                pass
        page.wait_for_timeout(200)
    assert frame is not None, "the overview was never drawn"
    frame.wait_for_timeout(300)
    drawn = frame.evaluate(DRAWN)
    bubbles = drawn["nodes"]
    assert 50 <= len(bubbles) <= 200
    outside = [b for b in bubbles if not (b["diameter"] / 2 <= b["x"] <= drawn["width"] - b["diameter"] / 2
                                          and b["diameter"] / 2 <= b["y"] <= drawn["height"] - b["diameter"] / 2)]
    assert outside == []
    for i, a in enumerate(bubbles):  # no bubble covers another
        for b in bubbles[i + 1:]:
            assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= (a["diameter"] + b["diameter"]) / 2 - 0.5
    labels = drawn["labels"]
    assert len(labels) >= 8 and overlapping(labels) == []
    assert all(label["text"].startswith(("Gemeenschap ", "Kleine groepjes")) and "betrokkenen" in label["text"]
               for label in labels)
    # The largest community is named.
    largest = frame.evaluate("""() => { const k = window.netwerkkaart; const all = k.nodes.get();
        all.sort((a, b) => b.size - a.size); return all[0].id; }""")
    assert largest in {label["id"] for label in labels}
    # Click the largest bubble: its community's key reaches the page around the map.
    box = page.locator("iframe").bounding_box()
    target = next(b for b in bubbles if b["id"] == largest)
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    page.wait_for_function("window.__clicks.length > 0")
    clicked = page.evaluate("window.__clicks[0]")
    sizes = {}
    for community in membership.values():
        sizes[community] = sizes.get(community, 0) + 1
    assert overview.overview_members(membership, clicked) == [max(sizes, key=sizes.get)]


def test_the_newest_entries_of_a_live_map_glow_then_stop(new_context, tmp_path):
    """The beamer's live workshop map: newly added stakeholders pulse with a
    sky-blue halo for a few seconds after the map is drawn (and fitted with
    everyone), then the map is calm again."""
    import networkx as nx

    from netanalysis import maps
    from netanalysis.style import HIGHLIGHT_COLOURS

    G = nx.path_graph(12)
    nx.set_node_attributes(G, {n: f"Deelnemer {n}" for n in G}, "name")
    page_file = tmp_path / "live.html"
    page_file.write_text(maps.network_html(G, presentation=True, fresh=[11]), encoding="utf-8")
    page = new_context(viewport=LAPTOP, bypass_csp=True).new_page()
    page.goto(page_file.as_uri())
    page.wait_for_function("window.netwerkkaart && window.netwerkkaart.firstDrawn()")
    halo = """() => { const k = window.netwerkkaart, n = k.network, id = k.fresh().ids[0];
        const p = n.canvasToDOM(n.getPosition(id)), r = n.body.nodes[id].options.size * n.getScale();
        const canvas = document.querySelector('#nk-map canvas'), ratio = canvas.width / canvas.clientWidth;
        const ctx = canvas.getContext('2d');
        // All round, just outside the node's own disc, where only the halo
        // paints (a line may cross one or two of these points).
        const out = [];
        for (let k = 0; k < 8; k++) {
            const x = Math.round((p.x + (r + 5) * Math.cos(k * Math.PI / 4)) * ratio);
            const y = Math.round((p.y + (r + 5) * Math.sin(k * Math.PI / 4)) * ratio);
            out.push(Array.from(ctx.getImageData(x, y, 1, 1).data));
        }
        return out; }"""

    def sky_blue(pixels):
        return [p for p in pixels if p[2] > p[0] + 40 and p[2] > 200]

    assert page.evaluate("window.netwerkkaart.fresh().glowing")
    assert len(sky_blue(page.evaluate(halo))) >= 5
    assert HIGHLIGHT_COLOURS["fresh"].lower() == "#56b4e9"
    assert "Deelnemer 11" in [page.evaluate(f"window.netwerkkaart.nodes.get('{i}').label")
                              for i in page.evaluate("window.netwerkkaart.shownLabels()")]
    page.wait_for_function("!window.netwerkkaart.fresh().glowing", timeout=(maps.FRESH_SECONDS + 10) * 1000)
    page.wait_for_timeout(200)
    assert sky_blue(page.evaluate(halo)) == []  # calm again
