"""The network map page: offline, escaped, stable, styled by type.

These tests read the HTML as text and the embedded JSON as data; the
browser tests (tests/browser) check the rendering itself.
"""

from __future__ import annotations

import json
import math
import random
import re
import statistics
from collections import Counter
from html.parser import HTMLParser

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.spatial import cKDTree

from netanalysis import graphs, layout, map_page, maps
from netanalysis.layout import layout_positions
from netanalysis.maps import COMMUNITY_THRESHOLD, map_highlights, network_html
from netanalysis.overview import (REST, bubble_positions, community_graph, community_overview_html,
                                  community_summary, overview_members,
                                  overview_membership)
from netanalysis.style import COMMUNITY_COLOURS, HIGHLIGHT_COLOURS, TYPE_STYLE
from netanalysis.templating import json_for_html
from netanalysis.network import StakeholderNetwork
from netanalysis.schema import STAKEHOLDER_TYPES
from netanalysis.synthetic import synthetic_municipality

HOSTILE = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '<a href="https://evil.example/">klik</a>',
    "\"'><svg onload=alert(1)>",
]

# The only URLs in vis-network 9.1.2's minified source: its licence header
# (a comment), the SVG namespace passed to createElementNS, an error message
# and core-js's copyright string. None of them is fetched.
VIS_NON_LOADING_URLS = {
    "https://visjs.github.io/vis-network/",
    "http://almende.com",
    "https://github.com/visjs",
    "http://www.apache.org/licenses/LICENSE-2.0",
    "http://opensource.org/licenses/MIT",
    "http://www.w3.org/2000/svg",
    "https://github.com/uuidjs/uuid#getrandomvalues-not-supported",
    "https://github.com/zloirock/core-js",
    "https://github.com/zloirock/core-js/blob/v3.21.1/LICENSE",
}
URL = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*://[^\s\"'()<>\\]*")


class TagCollector(HTMLParser):
    """Tag names and attributes of the page, as a browser's parser sees them
    (script bodies are raw text, so the library's source is not mistaken for tags)."""

    def __init__(self):
        super().__init__()
        self.names: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        self.names.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]


def embedded(page: str) -> dict:
    """The map's data as the page's script reads it."""
    match = re.search(r'<script type="application/json" id="nk-data">(.*?)</script>', page, re.S)
    assert match, "the page embeds its data as JSON"
    return json.loads(match.group(1))


def outside_vis(page: str) -> str:
    """The page without the vis-network library: our own markup and script."""
    return page.replace(map_page.vis_network_js(), "")


@pytest.fixture
def graph(small_network):
    return small_network.to_graph()


@pytest.fixture
def hostile_graph():
    people = []
    for i, text in enumerate(HOSTILE):
        people.append(
            {"id": f"h{i}", "name": text, "type": STAKEHOLDER_TYPES[i % len(STAKEHOLDER_TYPES)],
             "organisation": text, "themes": [text, "groen"], "area": text, "role": text, "notes": text}
        )
    people.append({"id": "long", "name": "Ä" * 10_000, "type": "resident", "organisation": "x" * 10_000})
    ties = [{"source": f"h{i}", "target": f"h{i + 1}"} for i in range(len(HOSTILE) - 1)]
    ties.append({"source": "h0", "target": "long", "since": HOSTILE[0]})
    return StakeholderNetwork.from_tables(people, ties).to_graph()


# -- offline ----------------------------------------------------------------------


def test_page_references_no_external_resource(graph):
    page = network_html(graph, highlight={"brokers": {"A1"}}, suggestions=[("A2", "I2", "groen")])
    tags = TagCollector()
    tags.feed(page)
    assert {"link", "iframe", "img", "object", "embed", "base", "form"}.isdisjoint(tags.names)
    assert not [(tag, name) for tag, name, _ in tags.attributes if name in {"src", "href", "action", "data"}]
    assert [t for t in tags.names if t == "script"] == ["script"] * 3
    assert not re.search(r"@import|url\(\s*['\"]?(?!data:)", outside_vis(page), re.I)
    assert "//cdn" not in page
    assert "https://" not in outside_vis(page) and "http://" not in outside_vis(page)
    # Every URL-like text in the whole page is one of the known, non-loading
    # strings inside the vis-network source.
    assert set(URL.findall(page)) <= VIS_NON_LOADING_URLS


def test_vis_source_has_only_known_urls_and_cannot_end_the_script():
    source = map_page.vis_network_js()
    assert set(URL.findall(source)) == VIS_NON_LOADING_URLS
    assert "</script" not in source.lower()


def test_content_security_policy_forbids_other_sources(graph):
    page = network_html(graph)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy
    assert "connect-src 'none'" in policy
    assert "http" not in policy


# -- escaping ----------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_appears_raw(hostile_graph, text):
    page = network_html(hostile_graph, suggestions=[("h0", "h4", text)], highlight={"focus": "h1"})
    if any(ch in text for ch in "<>&"):
        assert text not in page
    # Outside the JSON data block no user text appears at all.
    data_block = re.search(r'(<script type="application/json" id="nk-data">.*?</script>)', page, re.S).group(1)
    assert text not in outside_vis(page).replace(data_block, "")


def test_only_our_three_scripts_exist_whatever_the_labels(hostile_graph):
    page = network_html(hostile_graph)
    tags = TagCollector()
    tags.feed(page)
    assert tags.names.count("script") == 3
    assert outside_vis(page).lower().count("<script") == 3
    assert page.lower().count("</script") == 3
    assert {"img", "a"}.isdisjoint(tags.names)
    assert not [name for _, name, _ in tags.attributes if name.startswith("on")]


def test_hostile_text_reaches_the_cards_unchanged(hostile_graph):
    """Cards carry the text itself (shown with textContent), not an HTML-escaped copy."""
    data = embedded(network_html(hostile_graph))
    by_title = {node["card"]["title"]: node for node in data["nodes"]}
    for text in HOSTILE:
        card = by_title[text]["card"]
        values = dict(card["rows"])
        assert values["Organisatie"] == text
        assert text in values["Thema's"]


def test_cards_are_built_with_text_content_never_inner_html(graph):
    own_script = outside_vis(network_html(graph))
    assert "innerHTML" not in own_script
    assert "textContent" in own_script
    assert "insertAdjacentHTML" not in own_script and "document.write" not in own_script


def test_title_containing_href_does_not_switch_to_html(hostile_graph):
    """pyvis renders every title as HTML once one title contains "href"."""
    page = network_html(hostile_graph)
    assert "href" in json.dumps(embedded(page))
    assert "innerHTML" not in outside_vis(page)


def test_very_long_names_are_shortened(hostile_graph):
    page = network_html(hostile_graph)
    node = next(n for n in embedded(page)["nodes"] if n["card"]["title"].startswith("Ä"))
    assert len(node["label"]) <= 40 and node["label"].endswith("…")
    assert len(node["card"]["title"]) <= 300
    assert all(len(value) <= 300 for _, value in node["card"]["rows"])
    assert len(outside_vis(page)) < 60_000


def test_json_for_html_escapes_script_breakers():
    text = json_for_html({"a": "</script>&<!--\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script>&<!--\u2028"}


def test_legend_is_in_the_chosen_language(graph):
    dutch, english = network_html(graph, lang="nl"), network_html(graph, lang="en")
    assert "ambtenaar" in dutch and "Legenda" in dutch and '<html lang="nl">' in dutch
    assert "civil servant" in english and "Legend" in english and '<html lang="en">' in english
    assert "Verbindingen" in json.dumps(embedded(dutch), ensure_ascii=False)
    assert "Connections" in json.dumps(embedded(english))


# -- content -----------------------------------------------------------------------


def test_one_vis_node_per_stakeholder_and_one_edge_per_relation(graph):
    data = embedded(network_html(graph))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert len({n["id"] for n in data["nodes"]}) == graph.number_of_nodes()


def test_shape_and_colour_follow_the_type(graph):
    data = embedded(network_html(graph))
    names = nx.get_node_attributes(graph, "name")
    type_of = {names[n]: graph.nodes[n]["type"] for n in graph}
    for node in data["nodes"]:
        style = TYPE_STYLE[type_of[node["card"]["title"]]]
        assert node["shape"] == style.shape
        assert node["color"]["background"] == style.colour


def test_type_style_covers_every_type_with_distinct_looks():
    assert set(TYPE_STYLE) == set(STAKEHOLDER_TYPES)
    looks = [tuple(style) for style in TYPE_STYLE.values()]
    assert len(set(looks)) == len(looks)
    assert TYPE_STYLE["civil_servant"].shape == "diamond" and TYPE_STYLE["initiative"].shape == "star"


def test_unknown_type_is_drawn_as_other():
    G = nx.Graph()
    G.add_node("x", name="X", type="ruimtevaart")
    node = embedded(network_html(G))["nodes"][0]
    assert (node["color"]["background"], node["shape"]) == tuple(TYPE_STYLE["other"])


def node_by_name(data: dict, name: str) -> dict:
    return next(n for n in data["nodes"] if n["card"]["title"] == name)


def test_highlights(graph):
    data = embedded(network_html(
        graph,
        highlight={"brokers": {"A1"}, "cut_points": {"O1"}, "isolated": {"I2"}, "bridges": {("A2", "A1")},
                   "focus": "B1"},
    ))
    broker, cut_point = node_by_name(data, "Anouk de Vrĳ"), node_by_name(data, "Stichting Buurtkracht")
    isolated, plain = node_by_name(data, "Repair Café Zuid"), node_by_name(data, "Bram Jansen")
    assert broker["borderWidth"] > plain["borderWidth"] and cut_point["borderWidth"] > plain["borderWidth"]
    assert broker["color"]["border"] == HIGHLIGHT_COLOURS["broker"]
    assert isolated["shapeProperties"]["borderDashes"] and not plain["shapeProperties"]["borderDashes"]
    assert isolated["color"]["border"] == HIGHLIGHT_COLOURS["isolated"]
    bridge = [e for e in data["edges"] if {e["from"], e["to"]} == {broker["id"], plain["id"]}]
    assert bridge[0]["color"]["color"] == HIGHLIGHT_COLOURS["bridge"]
    assert sum(e["color"]["color"] == HIGHLIGHT_COLOURS["bridge"] for e in data["edges"]) == 1
    assert data["focus"] == node_by_name(data, "Chloë Bakker")["id"]


@pytest.mark.parametrize(("stakeholders", "marked"), [(2, 2), (30, 3), (100, 4), (249, 9), (250, 10), (5000, 10)])
def test_map_highlights_marks_four_percent_of_the_brokers_between_three_and_ten(stakeholders, marked):
    table = pd.DataFrame({"is_cut_point": [i % 7 == 0 for i in range(stakeholders)]},
                         index=[f"p{i}" for i in range(stakeholders)])
    marks = map_highlights(table)
    assert marks["brokers"] == list(table.index[:marked])
    assert marks["cut_points"] == [f"p{i}" for i in range(0, stakeholders, 7)]
    assert marks["suggestions"] == [] and marks["isolated"] == []


def test_map_highlights_takes_the_first_ten_suggestions_and_every_isolated_initiative():
    suggestions = pd.DataFrame({"source": [f"a{i}" for i in range(30)], "target": [f"b{i}" for i in range(30)],
                                "reason": [f"r{i}" for i in range(30)]})
    isolated = [{"id": f"i{i}"} for i in range(25)]
    marks = map_highlights(None, suggestions, isolated)
    assert marks["suggestions"] == [(f"a{i}", f"b{i}", f"r{i}") for i in range(10)]
    assert map_highlights(suggestions=suggestions.to_dict("records"))["suggestions"] == marks["suggestions"]
    assert marks["isolated"] == [f"i{i}" for i in range(25)]
    assert marks["brokers"] == [] and marks["cut_points"] == []


def test_unknown_highlights_and_focus_are_ignored(graph):
    data = embedded(network_html(graph, highlight={"brokers": {"nobody"}, "bridges": {("A1", "I2")},
                                                   "focus": "nobody"}))
    assert data["focus"] is None
    assert all(e["color"]["color"] != HIGHLIGHT_COLOURS["bridge"] for e in data["edges"])


def test_suggestions_are_dashed_and_skip_unknown_nodes(graph):
    page = network_html(graph, suggestions=[("A2", "I2", "Beiden werken aan groen"), ("A2", "ghost", "x")])
    data = embedded(page)
    dashed = [e for e in data["edges"] if e.get("dashes")]
    assert len(dashed) == 1 and len(data["edges"]) == graph.number_of_edges() + 1
    assert dashed[0]["color"]["color"] == HIGHLIGHT_COLOURS["suggestion"]
    assert dashed[0]["card"]["rows"][0][1] == "Beiden werken aan groen"
    assert not any(e.get("dashes") for e in embedded(network_html(graph))["edges"])
    assert "voorgestelde verbinding" in page


def test_node_size_grows_with_the_metric(graph):
    size_by = {"A1": 10.0, "B1": 5.0, "A2": 0.0}
    data = embedded(network_html(graph, size_by=size_by))
    sizes = {n["card"]["title"]: n["size"] for n in data["nodes"]}
    assert sizes["Anouk de Vrĳ"] > sizes["Chloë Bakker"] > sizes["Bram Jansen"]
    assert sizes["Bram Jansen"] == sizes["Repair Café Zuid"]  # missing value: the smallest size
    # Screen radius once fitted: 8-24 px marks, the smallest still visible (issue 14).
    assert min(sizes.values()) == 4 and max(sizes.values()) == 12


def test_size_by_may_be_a_series(graph):
    import pandas as pd

    series = pd.Series({"A1": 10.0, "B1": 5.0})
    assert embedded(network_html(graph, size_by=series)) == embedded(network_html(graph, size_by=series.to_dict()))


def test_edge_width_grows_with_strength(graph):
    data = embedded(network_html(graph))
    ids = {n["card"]["title"]: n["id"] for n in data["nodes"]}
    width = {frozenset((e["from"], e["to"])): e["width"] for e in data["edges"]}
    strong = width[frozenset((ids["Chloë Bakker"], ids["Buurtmoestuin Noord"]))]  # strength 5
    weak = width[frozenset((ids["Chloë Bakker"], ids["Stichting Buurtkracht"]))]  # strength 1
    assert strong > weak


def test_a_large_map_draws_ties_as_hairlines_shaded_by_strength_and_plain_nodes_without_rims():
    network = synthetic_municipality(maps.HAIRLINES_ABOVE + 1, seed=7)
    G = network.to_graph()
    data = embedded(network_html(G))
    ids = {n["sid"]: n["id"] for n in data["nodes"]}
    strength = {frozenset((ids[u], ids[v])): d["strength"] for u, v, d in G.edges(data=True)}
    assert {e["width"] for e in data["edges"]} == {1.0}
    shade = {}
    for e in data["edges"]:
        shade.setdefault(strength[frozenset((e["from"], e["to"]))], set()).add(e["color"]["color"])
    # One grey per strength, darker (a smaller grey level) for a stronger tie.
    assert all(len(colours) == 1 for colours in shade.values()) and len(shade) >= 3
    levels = [int(next(iter(shade[k]))[1:3], 16) for k in sorted(shade)]
    assert levels == sorted(levels, reverse=True) and len(set(levels)) == len(levels)
    assert {n["borderWidth"] for n in data["nodes"]} == {0.0}
    # One stakeholder fewer: widths by strength and rims, as on a small map.
    small = embedded(network_html(G.subgraph(list(G)[:maps.HAIRLINES_ABOVE]).copy()))
    assert len({e["width"] for e in small["edges"]}) >= 3 and {n["borderWidth"] for n in small["nodes"]} == {1.0}


def test_presentation_mode_is_larger_and_thicker(graph):
    normal, shown = embedded(network_html(graph)), embedded(network_html(graph, presentation=True))
    assert shown["options"]["nodes"]["font"]["size"] > normal["options"]["nodes"]["font"]["size"]
    assert sum(e["width"] for e in shown["edges"]) > sum(e["width"] for e in normal["edges"])
    assert min(n["size"] for n in shown["nodes"]) > min(n["size"] for n in normal["nodes"])


def test_physics_off_and_positions_as_given(graph):
    positions = {node: (10.0 * i, -5.0 * i) for i, node in enumerate(sorted(graph))}
    data = embedded(network_html(graph, positions=positions))
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["edges"]["smooth"] is False
    got = {n["card"]["title"]: (n["x"], n["y"]) for n in data["nodes"]}
    assert got["Anouk de Vrĳ"] == positions["A1"]


def test_missing_positions_are_filled_in(graph):
    positions = {"A1": (0.0, 0.0), "A2": (100.0, 0.0)}
    data = embedded(network_html(graph, positions=positions))
    points = [(n["x"], n["y"]) for n in data["nodes"]]
    assert len(points) == graph.number_of_nodes()
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in points)
    assert len(set(points)) == len(points)


def test_empty_graph_gives_a_friendly_page():
    page = network_html(nx.Graph())
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "nog geen betrokkenen" in page
    assert "no stakeholders" in network_html(nx.Graph(), lang="en")
    assert "<script" not in page


@pytest.mark.parametrize("height", [0, -5, 99, 10_001, 650.5, "650", True])
def test_height_must_be_a_sensible_whole_number(graph, height):
    with pytest.raises(ValueError):
        network_html(graph, height_px=height)


def test_height_is_the_least_height_and_the_map_fills_its_frame(graph):
    page = network_html(graph, height_px=480)
    assert re.search(r"#nk-wrap \{[^}]*height: 100vh;\s*min-height: 200px", page)
    page = network_html(graph, height_px=150)
    assert "min-height: 150px" in page


def test_graph_is_not_changed(graph):
    G = nx.Graph(graph)
    before = nx.Graph(G)
    network_html(G, highlight={"brokers": {"A1"}}, suggestions=[("A2", "I2", "x")])
    assert nx.utils.graphs_equal(G, before)
    assert dict(G.nodes(data=True)) == dict(before.nodes(data=True))


# -- layout ------------------------------------------------------------------------

NEEDS_IGRAPH = pytest.mark.skipif(not graphs.HAS_IGRAPH, reason="python-igraph not installed")
IGRAPH_PATHS = [pytest.param("igraph-exact", marks=NEEDS_IGRAPH), pytest.param("igraph-grid", marks=NEEDS_IGRAPH)]


@pytest.fixture(params=[*IGRAPH_PATHS, "numpy"])
def layout_path(request, monkeypatch):
    """Each way a component can be laid out: igraph's exact layout (the default
    up to COMMUNITY_THRESHOLD stakeholders), igraph's grid variant (forced here
    on components above 10 nodes) and the numpy fallback (igraph hidden, as on
    an install without it)."""
    if request.param == "igraph-grid":
        monkeypatch.setattr(layout, "_IGRAPH_EXACT_LIMIT", 10)
    elif request.param == "numpy":
        monkeypatch.setattr(graphs, "HAS_IGRAPH", False)
        monkeypatch.setattr(graphs, "igraph", None)
    return request.param


@pytest.fixture
def mixed_graph():
    """Weighted ties, text ids, components of several sizes and isolates."""
    core = nx.gnp_random_graph(60, 0.08, seed=5)
    for i, (u, v) in enumerate(sorted(core.edges())):
        core.edges[u, v]["weight"] = 1 + i % 5
    G = nx.disjoint_union_all([core, nx.cycle_graph(12), nx.complete_graph(6), nx.path_graph(2), nx.empty_graph(5)])
    return nx.relabel_nodes(G, lambda n: f"p{n}")


def shuffled_copy(G: nx.Graph, seed: int) -> nx.Graph:
    """The same graph with nodes and ties inserted in another order, ties reversed."""
    shuffle = random.Random(seed).shuffle
    nodes, edges = list(G.nodes(data=True)), [(v, u, d) for u, v, d in G.edges(data=True)]
    shuffle(nodes)
    shuffle(edges)
    H = nx.Graph()
    H.add_nodes_from(nodes)
    H.add_edges_from(edges)
    return H


def test_layout_is_identical_on_two_calls_and_in_the_page(graph):
    assert layout_positions(graph) == layout_positions(graph)
    assert network_html(graph) == network_html(graph)


def test_layout_does_not_depend_on_insertion_order(graph):
    shuffled = nx.Graph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(data=True))))
    assert layout_positions(shuffled) == layout_positions(graph)


def test_every_path_is_deterministic_and_ignores_insertion_order(layout_path, mixed_graph):
    positions = layout_positions(mixed_graph, seed=3)
    assert layout_positions(mixed_graph, seed=3) == positions
    for shuffle_seed in (1, 2):
        assert layout_positions(shuffled_copy(mixed_graph, shuffle_seed), seed=3) == positions


@pytest.mark.parametrize("layout_path", IGRAPH_PATHS, indirect=True)
def test_igraph_layout_does_not_depend_on_igraphs_global_random_state(layout_path, mixed_graph):
    # igraph jitters every step with its process-wide generator (by default
    # Python's `random`); unseeded, the jitter changes every coordinate.
    random.seed(1)
    first = layout_positions(mixed_graph)
    random.seed(2)
    assert layout_positions(mixed_graph) == first


@NEEDS_IGRAPH
def test_igraph_random_generator_is_seeded_then_restored(monkeypatch, mixed_graph):
    chosen = []
    real = graphs.igraph.set_random_number_generator

    def spy(generator):
        chosen.append(generator)
        real(generator)

    monkeypatch.setattr(graphs.igraph, "set_random_number_generator", spy)
    layout_positions(mixed_graph)
    components_laid_out = 3  # the 60-node core, the cycle and the clique; pairs need no layout
    assert len(chosen) == 2 * components_laid_out
    assert all(isinstance(g, random.Random) for g in chosen[0::2])
    assert all(g is random for g in chosen[1::2])


@NEEDS_IGRAPH
def test_igraph_switches_to_its_grid_variant_above_the_limit(monkeypatch):
    calls = []
    real = graphs.igraph.GraphBase.layout_fruchterman_reingold

    def spy(graph, *args, **kwargs):
        calls.append((graph.vcount(), kwargs["grid"]))
        return real(graph, *args, **kwargs)

    monkeypatch.setattr(graphs.igraph.GraphBase, "layout_fruchterman_reingold", spy)
    monkeypatch.setattr(layout, "_IGRAPH_EXACT_LIMIT", 30)
    layout_positions(nx.disjoint_union(nx.cycle_graph(40), nx.cycle_graph(30)))
    assert calls == [(40, True), (30, False)]
    assert layout._IGRAPH_EXACT_LIMIT == 30 and COMMUNITY_THRESHOLD == 2500  # the map's own limit is not touched


def test_seed_changes_the_layout(layout_path, graph):
    assert layout_positions(graph, seed=1) != layout_positions(graph, seed=2)


def test_every_path_gives_finite_rounded_positions_for_every_node(layout_path, mixed_graph):
    positions = layout_positions(mixed_graph)
    assert set(positions) == set(mixed_graph)
    for x, y in positions.values():
        assert math.isfinite(x) and math.isfinite(y)
        assert round(x, 1) == x and round(y, 1) == y
    points = list(positions.values())
    assert len(set(points)) == len(points)


def test_layout_places_every_node_apart(graph):
    positions = layout_positions(graph)
    assert set(positions) == set(graph)
    points = list(positions.values())
    assert len(set(points)) == len(points)


def test_odd_weights_count_as_one_and_directions_are_ignored(layout_path):
    G = nx.cycle_graph(8)
    odd = ["sterk", None, math.nan, math.inf, 0, -3, "2", 1]
    for (u, v), weight in zip(nx.utils.pairwise(range(8), cyclic=True), odd):
        G.edges[u, v]["weight"] = weight
    plain = nx.cycle_graph(8)
    nx.set_edge_attributes(plain, 1, "weight")
    plain.edges[6, 7]["weight"] = 2  # "2" reads as a number
    assert layout_positions(G) == layout_positions(plain)

    directed = nx.DiGraph()
    directed.add_edge("a", "b", weight=1)
    directed.add_edge("b", "a", weight=3)  # the stronger direction counts, not the sum
    directed.add_edge("b", "c", weight=1)
    directed.add_edge("c", "d")
    directed.add_edge("d", "a", weight=5)
    undirected = nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1}), ("c", "d"), ("d", "a", {"weight": 5})])
    assert layout_positions(directed) == layout_positions(undirected)
    parallel = nx.MultiGraph(undirected)
    parallel.add_edge("a", "b", weight=1)
    assert layout_positions(parallel) == layout_positions(undirected)


def test_strong_ties_are_drawn_shorter_than_weak_ones(layout_path):
    """Half the ties strength 5, half strength 1, spread evenly over one random
    graph: in theory a strong tie settles at (1.4/0.6)^(-1/3) = 0.75 times the
    length of a weak one; observed 0.75-0.83 over seeds and paths."""
    G = nx.gnp_random_graph(150, 0.05, seed=4)
    for i, (u, v) in enumerate(sorted(G.edges())):
        G.edges[u, v]["weight"] = 5 if i % 2 else 1
    positions = layout_positions(G)
    length = {
        strength: statistics.mean(
            math.dist(positions[u], positions[v]) for u, v, w in G.edges(data="weight") if w == strength
        )
        for strength in (1, 5)
    }
    assert length[5] < 0.9 * length[1]


def test_every_path_draws_at_the_same_scale(monkeypatch):
    """The map's zoom, label sizes and minimum distance assume one scale: on a
    synthetic municipality the numpy fallback and igraph's exact layout agree
    within a few percent (median tie 340 and 350 canvas units, median
    distance to the nearest stakeholder 60 and 59); the grid variant is
    scaled to a median nearest distance of 0.45 ideal edge lengths (40)."""
    G = synthetic_municipality(600, seed=7).to_graph()

    def scale():
        positions = layout_positions(G)
        points = np.array(list(positions.values()))
        nearest, _ = cKDTree(points).query(points, k=2)
        tie = statistics.median(math.dist(positions[u], positions[v]) for u, v in G.edges())
        return tie, float(np.median(nearest[:, 1]))

    found = {}
    if graphs.HAS_IGRAPH:
        found["igraph-exact"] = scale()
        with monkeypatch.context() as patch:
            patch.setattr(layout, "_IGRAPH_EXACT_LIMIT", 10)
            found["igraph-grid"] = scale()
    monkeypatch.setattr(graphs, "HAS_IGRAPH", False)
    found["numpy"] = scale()
    ties = [tie for tie, _ in found.values()]
    assert max(ties) < 1.3 * min(ties), found
    for path, (_, nearest) in found.items():
        assert 35 <= nearest <= 80, (path, nearest)
    if "igraph-grid" in found:
        assert found["igraph-grid"][1] == pytest.approx(0.45 * layout._SPACING, rel=0.05)


@pytest.mark.parametrize("size", [40, 900])
def test_layout_keeps_communities_together(layout_path, size):
    """Two dense groups joined by one tie: members sit closer to their own group."""
    left = nx.gnp_random_graph(size, 8 / size, seed=1)
    right = nx.relabel_nodes(nx.gnp_random_graph(size, 8 / size, seed=2), lambda n: n + size)
    G = nx.union(left, right)
    G.add_edge(0, size)
    G = G.subgraph(max(nx.connected_components(G), key=len)).copy()
    pos = layout_positions(G)

    def centre(nodes):
        nodes = [n for n in nodes if n in pos]
        return (sum(pos[n][0] for n in nodes) / len(nodes), sum(pos[n][1] for n in nodes) / len(nodes))

    a, b = centre(range(size)), centre(range(size, 2 * size))
    closer_to_own = sum(
        math.dist(pos[n], a if n < size else b) < math.dist(pos[n], b if n < size else a) for n in pos
    )
    assert closer_to_own >= 0.9 * len(pos)


def test_no_node_hides_another_in_a_large_network(layout_path):
    G = nx.powerlaw_cluster_graph(1200, 2, 0.3, seed=3)
    points = list(layout_positions(G).values())
    distance, _ = cKDTree(points).query(points, k=2)
    assert distance[:, 1].min() >= 20.0


def test_components_do_not_overlap(layout_path):
    G = nx.disjoint_union_all(
        [nx.powerlaw_cluster_graph(80, 2, 0.3, seed=1), nx.cycle_graph(12), nx.complete_graph(6), nx.path_graph(4),
         nx.path_graph(2), nx.empty_graph(5)]
    )
    pos = layout_positions(G)
    boxes = []
    for component in nx.connected_components(G):
        xs = [pos[n][0] for n in component]
        ys = [pos[n][1] for n in component]
        boxes.append((min(xs), min(ys), max(xs), max(ys), len(component)))
    # The isolated stakeholders share one grid block: its box must not
    # overlap any component either.
    isolated = [b for b in boxes if b[4] == 1]
    boxes = [b for b in boxes if b[4] > 1]
    boxes.append((min(b[0] for b in isolated), min(b[1] for b in isolated),
                  max(b[2] for b in isolated), max(b[3] for b in isolated), len(isolated)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]


def test_largest_component_first_and_isolated_stakeholders_last(layout_path):
    G = nx.disjoint_union_all([nx.cycle_graph(5), nx.empty_graph(3), nx.powerlaw_cluster_graph(40, 2, 0.3, seed=1)])
    pos = layout_positions(G)
    largest = range(8, 48)
    # Shelf packing starts at the origin with the largest component.
    assert min(pos[n][0] for n in largest) == 0.0 and min(pos[n][1] for n in largest) == 0.0
    # The isolated stakeholders come after every component: to the right of
    # the last one in its row, or in a row of their own below.
    isolated = [pos[n] for n in (5, 6, 7)]
    cycle = [pos[n] for n in range(5)]
    assert all(x > max(cx for cx, _ in cycle) or y > max(cy for _, cy in cycle) for x, y in isolated)


def test_empty_layout():
    assert layout_positions(nx.Graph()) == {}


# -- communities -------------------------------------------------------------------


@pytest.fixture
def communities_graph():
    G = nx.Graph()
    for community, (size, kind) in enumerate([(5, "resident"), (3, "civil_servant"), (1, "initiative")]):
        for i in range(size):
            G.add_node(f"{community}-{i}", name=f"P{community}{i}", type=kind)
    nx.add_path(G, [f"0-{i}" for i in range(5)])
    nx.add_path(G, [f"1-{i}" for i in range(3)])
    G.add_edges_from([("0-0", "1-0"), ("0-1", "1-1"), ("1-2", "2-0")])
    membership = {node: int(node.split("-")[0]) for node in G}  # numbered from 0, as communities.communities does
    return G, membership


def test_community_graph_counts_members_and_ties(communities_graph):
    G, membership = communities_graph
    C = community_graph(G, membership)
    assert dict(C.nodes(data="members")) == {0: 5, 1: 3, 2: 1}
    assert C.edges[0, 1]["weight"] == 2 and C.edges[1, 2]["weight"] == 1 and not C.has_edge(0, 2)
    assert C.nodes[0]["internal"] == 4 and C.nodes[1]["types"] == {"civil_servant": 3}
    as_sets = community_graph(G, [{n for n, c in membership.items() if c == k} for k in (0, 1, 2)])
    assert nx.utils.graphs_equal(as_sets, nx.relabel_nodes(C, {0: 1, 1: 2, 2: 3}))


def test_community_overview_has_one_bubble_per_community(communities_graph):
    G, membership = communities_graph
    page = community_overview_html(G, membership)
    data = embedded(page)
    assert len(data["nodes"]) == 3 and len(data["edges"]) == 2
    labels = {n["label"] for n in data["nodes"]}
    # Each bubble says what it is: number, members, main types (and themes when there are any).
    assert labels == {"Gemeenschap 1\n5 betrokkenen\nbewoner 100%", "Gemeenschap 2\n3 betrokkenen\nambtenaar 100%",
                      "Gemeenschap 3\n1 betrokkene\ninitiatief 100%"}
    english = {n["label"] for n in embedded(community_overview_html(G, membership, lang="en"))["nodes"]}
    assert "Community 1\n5 stakeholders\nresident 100%" in english
    by_name = {n["label"].split("\n")[0]: n for n in data["nodes"]}
    assert by_name["Gemeenschap 1"]["size"] > by_name["Gemeenschap 2"]["size"] > by_name["Gemeenschap 3"]["size"]
    # Bubbles, coloured by community (tied ones differ), not shaped or coloured by type.
    assert {n["shape"] for n in data["nodes"]} == {"dot"}
    colours = {name: n["color"]["background"] for name, n in by_name.items()}
    assert len(set(colours.values())) == 3 and set(colours.values()) <= set(COMMUNITY_COLOURS)
    # A click posts the community's key; bubble sizes are canvas units that zoom with the view.
    assert {n["sid"] for n in data["nodes"]} == {"0", "1", "2"}
    assert data["view"]["canvasSizes"] is True
    # No two bubbles overlap.
    for a in data["nodes"]:
        for b in data["nodes"]:
            if a is not b:
                assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= a["size"] + b["size"]
    assert set(URL.findall(page)) <= VIS_NON_LOADING_URLS


def test_community_labels_can_be_given(communities_graph):
    G, membership = communities_graph
    labels = {0: "Noord <b>", 1: "Zuid", 2: "West"}
    page = community_overview_html(G, membership, labels=labels)
    assert {n["label"].split("\n")[0] for n in embedded(page)["nodes"]} == {
        "Gemeenschap Noord <b>", "Gemeenschap Zuid", "Gemeenschap West"}
    assert "Noord <b>" not in page
    named = {node: f"groep-{c}" for node, c in membership.items()}
    assert "Gemeenschap groep-0" in {n["label"].split("\n")[0]
                                     for n in embedded(community_overview_html(G, named))["nodes"]}


def test_community_summary_names_main_types_and_themes():
    data = {"members": 1200, "types": {"resident": 700, "business": 300, "initiative": 100, "organisation": 100},
            "themes": {"zorg": 40, "Groen": 40, "wonen": 3}}
    assert community_summary(data) == ["1.200 betrokkenen", "bewoner 58%, ondernemer 25%", "Groen, zorg"]
    assert community_summary(data, "en")[0] == "1,200 stakeholders"
    # A second type below 15 % is left out; no themes, no theme line.
    assert community_summary({"members": 10, "types": {"resident": 9, "business": 1}, "themes": {}}) == [
        "10 betrokkenen", "bewoner 90%"]


def test_small_communities_share_one_bubble_that_drills_into_all_of_them():
    G = nx.Graph()
    G.add_nodes_from(range(12))
    nx.add_path(G, range(6))  # community 0: six people in a row
    nx.add_path(G, range(6, 9))  # community 1: three
    membership = {n: 0 for n in range(6)} | {n: 1 for n in range(6, 9)} | {9: 2, 10: 3, 11: 4}  # three alone
    data = embedded(community_overview_html(G, membership))
    labels = sorted(n["label"].split("\n")[0] for n in data["nodes"])
    assert labels == ["Gemeenschap 1", "Gemeenschap 2", "Kleine groepjes en losse betrokkenen"]
    rest = next(n for n in data["nodes"] if n["sid"] == REST)
    assert "3 betrokkenen" in rest["label"]
    assert overview_members(membership, REST) == [2, 3, 4]
    assert overview_members(membership, "1") == [1]
    assert overview_members(membership, "nonsense") == []


def test_a_community_too_large_to_draw_is_split_into_its_own_subgroups():
    G = synthetic_municipality(900, seed=7).to_graph()
    whole = {n: 0 for n in G}  # one community of 900 above a limit of 400
    shown, subgroups = overview_membership(G, whole, limit=400)
    assert subgroups and set(shown) == set(G)
    sizes = Counter(shown.values())
    # Louvain's parts of the planted neighbourhoods (about 60 each), not chunks.
    assert 5 < len(sizes) < 60 and max(sizes.values()) < 400
    Q = nx.community.modularity(G, [{n for n in G if shown[n] == c} for c in sizes])
    assert Q > 0.5
    data = embedded(community_overview_html(G, shown, subgroups=True))
    assert all(n["label"].startswith(("Deelgroep ", "Kleine groepjes")) for n in data["nodes"])
    # Two or more of the network's own communities: drawn as they are.
    two = {n: int(i % 2) for i, n in enumerate(G)}
    assert overview_membership(G, two, limit=400) == (two, False)
    # Small enough to draw node by node: nothing to split.
    assert overview_membership(G, whole, limit=900) == (whole, False)


def test_stakeholders_without_ties_too_many_to_draw_are_split_in_parts_by_type_and_name():
    G = nx.empty_graph(10)
    nx.set_node_attributes(G, {n: ("resident" if n % 2 else "business") for n in G}, "type")
    nx.set_node_attributes(G, {n: f"naam {9 - n}" for n in G}, "name")
    shown, subgroups = overview_membership(G, {n: n for n in G}, limit=4)
    assert subgroups
    parts = [sorted((n for n in G if shown[n] == part), key=lambda n: G.nodes[n]["name"]) for part in sorted(set(shown.values()))]
    assert [len(part) for part in parts] == [4, 4, 2]
    # Ordered by type (business, then resident), then name.
    assert [G.nodes[n]["type"] for n in parts[0]] == ["business"] * 4
    assert parts[0] == [8, 6, 4, 2]


def test_overview_draws_each_communitys_strongest_ties_only():
    # Seven communities, every pair tied; community 0 is tied hardest to 1..3.
    C = nx.complete_graph(7)
    nx.set_edge_attributes(C, 1, "weight")
    G = nx.Graph()
    membership = {}
    for c in range(7):
        for i in range(4):
            G.add_node((c, i), type="resident")
            membership[(c, i)] = c
    for u, v in C.edges():
        for k in range(5 if u == 0 and v <= 3 else 1):
            G.add_edge((u, k % 4), (v, (k + 1) % 4))
    data = embedded(community_overview_html(G, membership))
    assert len(data["edges"]) < C.number_of_edges()
    widths = sorted((e["width"] for e in data["edges"]), reverse=True)
    assert widths[0] > widths[-1]
    # Every bubble keeps at least one line.
    ends = {e["from"] for e in data["edges"]} | {e["to"] for e in data["edges"]}
    assert ends == {n["id"] for n in data["nodes"]}


def test_bubbles_of_a_large_network_never_overlap():
    G = synthetic_municipality(3000, seed=3).to_graph()
    from netanalysis import communities

    membership = communities.communities(G, seed=42)["membership"]
    C = community_graph(G, membership)
    radius = {c: 5 + 10 * math.sqrt(m) for c, m in C.nodes(data="members")}
    where = bubble_positions(C, radius)
    names = list(where)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            assert math.dist(where[a], where[b]) >= radius[a] + radius[b] - 0.5, (a, b)
    # Packed, not scattered: the pack's area is at most a few times the bubbles' own.
    xs = [where[c][0] for c in names]
    ys = [where[c][1] for c in names]
    assert (max(xs) - min(xs)) * (max(ys) - min(ys)) < 6 * sum(math.pi * r * r for r in radius.values())


def test_community_overview_of_nothing_is_the_friendly_page():
    assert "nog geen betrokkenen" in community_overview_html(nx.Graph(), {})


def test_large_network_drawn_as_communities_stays_small():
    G = nx.connected_caveman_graph(30, 10)
    membership = {node: node // 10 for node in G}
    data = embedded(community_overview_html(G, membership))
    assert len(data["nodes"]) == 30
    assert COMMUNITY_THRESHOLD >= 1000


@pytest.mark.parametrize("presentation", [False, True])
def test_a_small_map_leaves_room_for_its_labels(presentation):
    """A workshop's first few participants: names must not print over each other."""
    people = [{"id": "a", "name": "Sanne Testdeelnemer", "type": "resident"},
              {"id": "b", "name": "Piet Buurman", "type": "civil_servant"},
              {"id": "c", "name": "Buurthuis De Ster", "type": "organisation"}]
    net = StakeholderNetwork.from_tables(people, [{"source": "a", "target": "b"}, {"source": "a", "target": "c"}])
    nodes = embedded(maps.network_html(net.to_graph(), presentation=presentation))["nodes"]
    font = 26 if presentation else 14
    closest = min(math.dist((p["x"], p["y"]), (q["x"], q["y"])) for p in nodes for q in nodes if p is not q)
    widest_label = max(len(p["label"]) for p in nodes)
    # Two neighbouring labels of the median length (17 characters here) fit side by side.
    assert closest >= 0.6 * 17 * font
    assert closest <= 0.6 * widest_label * font * 3, "the layout is not blown up needlessly"


@pytest.mark.parametrize(("lang", "word"), [("nl", "oranje"), ("en", "orange")])
def test_legend_names_the_colour_the_isolated_ring_has(lang, word):
    """The legend once said "rode stippelrand" for a ring drawn in Okabe-Ito vermillion,
    which reads as orange; the word and the hue must agree."""
    import colorsys

    G = nx.Graph([("a", "b")])
    G.add_node("c", type="initiative")
    page = network_html(G, lang=lang, highlight={"isolated": {"c"}, "bridges": {("a", "b")}})
    legend = re.search(r'<aside id="nk-legend".*?</aside>', page, re.S).group(0)
    entry = next(item for item in re.findall(r"<li>.*?</li>", legend, re.S) if "stippelrand" in item or "dashed border" in item)
    assert word in entry and f'stroke="{HIGHLIGHT_COLOURS["isolated"]}"' in entry
    assert "rode" not in legend and " red " not in legend
    r, g, b = (int(HIGHLIGHT_COLOURS["isolated"][i:i + 2], 16) / 255 for i in (1, 3, 5))
    hue = colorsys.rgb_to_hsv(r, g, b)[0] * 360
    assert 15 <= hue <= 45, f"{hue:.0f}° is not orange"


def test_fresh_entries_are_marked_named_first_and_in_the_legend():
    G = nx.star_graph(30)
    nx.set_node_attributes(G, {n: f"Persoon {n}" for n in G}, "name")
    data = embedded(network_html(G, presentation=True, fresh=[29, 30, "not there"]))
    fresh = [n for n in data["nodes"] if n["fresh"]]
    assert sorted(n["sid"] for n in fresh) == ["29", "30"]
    # Named before the hub, which has by far the most ties.
    ranked = sorted(data["nodes"], key=lambda n: -n["rank"])
    assert {n["sid"] for n in ranked[:2]} == {"29", "30"}
    assert data["view"]["fresh"] == {"colour": HIGHLIGHT_COLOURS["fresh"], "seconds": maps.FRESH_SECONDS}
    assert "net toegevoegd" in network_html(G, fresh=[1])
    plain = embedded(network_html(G))
    assert plain["view"]["fresh"] is None and not any(n["fresh"] for n in plain["nodes"])
    assert "net toegevoegd" not in network_html(G)


def test_the_map_in_words_is_an_escaped_html_table_headed_by_each_stakeholders_name():
    from netanalysis.map_words import network_in_words, words_html

    G = nx.Graph([("a", "b"), ("a", "c")])
    G.nodes["a"]["name"] = '<img src=x onerror="alert(1)">'
    G.nodes["b"]["name"] = "=HYPERLINK(1)"
    page = words_html(network_in_words(G, lang="nl"), caption="Netwerk in woorden", lang="nl")
    assert "<img" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert page.count('<th scope="row">') == 3 and page.count('<th scope="col">') == 5
    assert '<th scope="col">Aantal contacten</th>' in page and '<td class="nk-number">2</td>' in page
