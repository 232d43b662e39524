"""The Kaart page in a real browser: vis-network draws what the page says it
shows, filters change it, hover cards work, and the map reads without
colour (shape per type) and on a beamer (contrast)."""

from __future__ import annotations

import csv
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
                if (id === null && p.x <= legend.right + 10 && p.y <= legend.bottom + 10) continue;
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

    businesses = demo_types()["business"]
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
    tab.page.get_by_text("Presentatiemodus (beamer)").click()
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
