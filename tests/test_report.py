"""The manager's report: figures equal the analysis, every section in both
languages, nothing loaded from elsewhere, hostile labels escaped, no
resident's name when pseudonymised, and the CLI command."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from netanalysis import io
from netanalysis.analysis import analyse
from netanalysis.cli import main
from netanalysis.network import StakeholderNetwork
from netanalysis.report import MESSAGES, SECTIONS, build_report, report_figures

# -- helpers ---------------------------------------------------------------------

_URL_ATTRIBUTES = {"src", "href", "action", "formaction", "data", "poster", "srcset", "background", "xlink:href", "manifest", "ping"}


class _Loads(HTMLParser):
    """Collects everything a browser would fetch from markup: URL attributes,
    CSS ``url()``/``@import`` in style elements and attributes, and the
    documents inside ``srcdoc`` (parsed the same way)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.styles: list[str] = []
        self.srcdocs: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        for name, value in attrs:
            if name in _URL_ATTRIBUTES and value is not None:
                self.urls.append(value)
            if name == "style" and value:
                self.styles.append(value)
            if name == "srcdoc" and value is not None:
                self.srcdocs.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def _external_loads(page: str, depth: int = 0) -> list[str]:
    parser = _Loads()
    parser.feed(page)
    found = [u for u in parser.urls if re.match(r"\s*(https?:)?//", u, re.I)]
    for css in parser.styles:
        found += re.findall(r"url\(\s*['\"]?\s*(?:https?:)?//[^)]*\)", css, re.I)
        found += re.findall(r"@import[^;]*", css, re.I)
    found += [f"<{tag} src>" for tag, attrs in parser.tags if tag in ("script", "link") and ("src" in attrs or "href" in attrs)]
    for inner in parser.srcdocs:
        found += _external_loads(inner, depth + 1)
    return found


def _srcdocs(page: str) -> list[str]:
    parser = _Loads()
    parser.feed(page)
    return parser.srcdocs


def _section(page: str, key: str) -> str:
    match = re.search(rf'<section id="{key}">(.*?)</section>', page, re.S)
    assert match, key
    return match.group(1)


def _figure_texts(page: str) -> dict[str, str]:
    return dict(re.findall(r'data-figure="(\w+)"><div class="value">([^<]*)</div>', page))


def _cells(fragment: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", fragment, re.S)
    return [[html.unescape(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)] for row in rows]


# -- fixtures ------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(repo_root_module):
    return io.load([repo_root_module / "data" / "stakeholders.csv", repo_root_module / "data" / "relations.csv"]).network.renamed(
        "Gemeente Voorbeeldstad"
    )


@pytest.fixture(scope="module")
def repo_root_module():
    from pathlib import Path

    return Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo_analysis(demo):
    return analyse(demo, lang="nl")


@pytest.fixture(scope="module")
def demo_report(demo, demo_analysis):
    return build_report(demo, lang="nl", analysis=demo_analysis, version_label="Voorbeeldstad, versie 3", pseudonymise=False)


# -- content -------------------------------------------------------------------


def test_every_section_is_present_in_order(demo_report):
    positions = [demo_report.index(f'<section id="{key}">') for key in SECTIONS]
    assert positions == sorted(positions)
    for key in SECTIONS:
        assert f"<h2>{html.escape(MESSAGES.text(key, 'nl'))}</h2>" in demo_report


def test_headline_figures_equal_the_analysis(demo, demo_analysis, demo_report):
    headline = demo_analysis["gaps"]["headline"]
    shown = _figure_texts(demo_report)
    assert shown["stakeholders"] == str(len(demo)) == "250"
    assert shown["relations"] == str(len(demo.relations))
    assert shown["components"] == str(headline["components"])
    assert shown["isolates"] == str(headline["isolates"])
    assert shown["communities"] == str(headline["communities"])
    assert shown["isolated_initiatives"] == str(len(demo_analysis["gaps"]["isolated_initiatives"]))
    assert shown["single_points"] == str(len(demo_analysis["single_points"]))
    assert shown["modularity"] == f"{headline['modularity']:.2f}".replace(".", ",")
    figures = report_figures(demo, demo_analysis)
    assert sum(figures["per_type"].values()) == len(demo)


def test_brokers_in_the_order_of_the_analysis_with_descriptions(demo_analysis, demo_report):
    rows = _cells(_section(demo_report, "brokers"))[1:]
    top = demo_analysis["brokers"].head(10)
    assert len(rows) == len(top) == 10
    expected_names = [str(n) for n in top["name"]] if "name" in top.columns else None
    if expected_names is not None:
        assert [r[1] for r in rows] == expected_names
    assert [r[3] for r in rows] == [str(d) for d in top["description"]]


def test_isolated_initiatives_and_suggestions_with_reasons_and_introducer(demo_analysis, demo_report):
    isolated = _cells(_section(demo_report, "isolated"))
    lonely = demo_analysis["gaps"]["isolated_initiatives"]
    for item in lonely:
        assert [item["name"], item["reason"]] in isolated
    suggestions = _cells(_section(demo_report, "suggestions"))[1:]
    top = demo_analysis["suggestions"].head(10).to_dict("records")
    assert [r[1:] for r in suggestions] == [
        [s["source_name"], s["target_name"], s["reason"], s["next_step"]] for s in top
    ]


def test_mixing_chart_and_density_table(demo_analysis, demo_report):
    mixing = _section(demo_report, "mixing")
    assert "Plotly.newPlot" in mixing
    assert demo_report.count("Plotly.newPlot") == 1
    table = _cells(mixing)
    values = demo_analysis["gaps"]["density_by_type"]["values"]
    assert len(table) == len(values) + 1
    assert table[1][1] == f"{values[0][0]:.2f}".replace(".", ",")


def test_method_date_and_version(demo, demo_analysis, demo_report):
    method = _section(demo_report, "method")
    assert MESSAGES.text("method_exact", "nl") in method
    assert demo.fingerprint() in method
    assert "Freeman" in method and "Brandes" in method and "Burt" in method
    assert "Voorbeeldstad, versie 3" in demo_report
    assert demo.fingerprint()[:12] in demo_report
    from netanalysis.i18n import format_datetime

    # dd-mm-jjjj HH:MM in Amsterdam time, never an ISO stamp with "UTC".
    assert format_datetime(demo_analysis["generated_at"], "nl") in demo_report
    assert " UTC" not in _section(demo_report, "method") and "vingerafdruk" not in demo_report


def test_a_sampled_analysis_says_so(demo, demo_analysis):
    sampled = {**demo_analysis, "method": {**demo_analysis["method"], "betweenness": "sampled", "betweenness_k": 250}}
    page = build_report(demo, lang="en", analysis=sampled, pseudonymise=False)
    method = _section(page, "method")
    assert MESSAGES.text("method_sampled", "en", k=250, n=250) in method
    assert "250 of the 250 stakeholders" in method and "approximate" in method
    dutch = _section(build_report(demo, lang="nl", analysis={**sampled, "method": {**sampled["method"], "betweenness_k": 2000}}, pseudonymise=False), "method")
    assert "2.000 van de 250 betrokkenen" in dutch and "benadering" in dutch


def test_a_kadabra_estimate_states_its_guarantee(demo, demo_analysis):
    estimated = {**demo_analysis, "method": {**demo_analysis["method"], "betweenness": "kadabra", "betweenness_k": 0,
                                             "betweenness_error": 0.001, "betweenness_confidence": 0.9}}
    dutch = _section(build_report(demo, lang="nl", analysis=estimated, pseudonymise=False), "method")
    assert "KADABRA [10]" in dutch and "met 90% zekerheid binnen 0,001 van de exacte waarde" in dutch
    english = _section(build_report(demo, lang="en", analysis=estimated, pseudonymise=False), "method")
    assert "within 0.001 of the exact value with 90% certainty" in english and "Borassi" in build_report(
        demo, lang="en", analysis=estimated, pseudonymise=False)
    # The demo's 250 stakeholders are nearest the 10,000 measurement (19 of 20): no warning.
    assert "Gemeten op een netwerk van 10.000 betrokkenen stonden 19 van de exacte top 20 ook in deze top 20." in dutch
    assert "ONZEKER" not in dutch


def test_a_kadabra_estimate_at_a_size_where_it_ranked_poorly_says_the_order_is_uncertain(demo, demo_analysis, monkeypatch):
    from netanalysis import sampling

    monkeypatch.setattr(sampling, "KADABRA_MEASURED_TOP20", {250: 13})
    estimated = {**demo_analysis, "method": {**demo_analysis["method"], "betweenness": "kadabra", "betweenness_k": 0,
                                             "betweenness_error": 0.001, "betweenness_confidence": 0.9}}
    dutch = _section(build_report(demo, lang="nl", analysis=estimated, pseudonymise=False), "method")
    assert "netwerk van 250 betrokkenen stonden 13 van de exacte top 20" in dutch
    assert "volgorde van de sterkste makelaars dus ONZEKER" in dutch
    english = _section(build_report(demo, lang="en", analysis=estimated, pseudonymise=False), "method")
    assert "order of the strongest brokers is therefore UNCERTAIN" in english


def test_english_report(demo, demo_analysis):
    page = build_report(demo, lang="en")
    assert '<html lang="en">' in page
    for key in SECTIONS:
        assert f"<h2>{html.escape(MESSAGES.text(key, 'en'))}</h2>" in page
    assert "Kerncijfers" not in page


def test_the_map_is_inlined_in_an_escaped_srcdoc(demo_report):
    docs = _srcdocs(demo_report)
    assert len(docs) == 1
    assert docs[0].startswith("<!DOCTYPE html>") and "vis.Network" in docs[0]


@pytest.mark.parametrize(
    "network",
    [StakeholderNetwork.empty("Leeg"), StakeholderNetwork.from_tables([{"id": "a", "name": "Alleen", "type": "initiative"}])],
    ids=["empty", "one-initiative"],
)
def test_a_network_without_ties_still_gives_a_report(network):
    page = build_report(network, lang="nl")
    figures = _figure_texts(page)
    assert figures["relations"] == "0"
    assert figures["modularity"] == "–"
    assert all(f'<section id="{key}">' in page for key in SECTIONS)


# -- nothing from elsewhere -------------------------------------------------------------


def test_the_report_loads_nothing_from_elsewhere(demo_report):
    assert _external_loads(demo_report) == []
    policies = [attrs.get("content", "") for tag, attrs in _Loads_tags(demo_report)
                if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(policies) == 1 and "default-src 'none'" in policies[0] and "connect-src 'none'" in policies[0]


def test_the_load_checker_can_fail():
    page = '<html><head><style>@import "x.css"; body{background:url(https://e.x/a.png)}</style></head>' \
           '<body><img src="https://e.x/i.png"><iframe srcdoc="&lt;script src=&quot;//cdn.x/y.js&quot;&gt;&lt;/script&gt;"></iframe></body></html>'
    assert len(_external_loads(page)) == 5


# -- hostile labels ------------------------------------------------------------------

HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "</textarea><svg onload=alert(2)>"]


@pytest.fixture(scope="module")
def hostile_report():
    people = [
        {"id": "a", "name": HOSTILE[0], "type": "civil_servant", "themes": "groen", "organisation": "Ruimte"},
        {"id": "b", "name": HOSTILE[1], "type": "civil_servant", "themes": "groen", "organisation": "Ruimte"},
        {"id": "c", "name": "Carla", "type": "resident", "themes": "groen"},
        {"id": "i", "name": HOSTILE[2], "type": "initiative", "themes": "groen"},
        {"id": "j", "name": "Moestuin", "type": "initiative", "themes": "groen"},
    ]
    ties = [{"source": "a", "target": "b"}, {"source": "b", "target": "c"}, {"source": "c", "target": "i"}, {"source": "a", "target": "j"}]
    return build_report(StakeholderNetwork.from_tables(people, ties, name='<b onmouseover="x">Dorp</b>'), lang="nl")


def test_hostile_labels_are_escaped_everywhere(hostile_report):
    for label in [*HOSTILE, '<b onmouseover="x">Dorp</b>']:
        assert label not in hostile_report
        for inner in _srcdocs(hostile_report):
            assert label not in inner
    assert html.escape(HOSTILE[2]) in _section(hostile_report, "isolated")
    assert "&lt;b onmouseover=&#34;x&#34;&gt;Dorp&lt;/b&gt;" in hostile_report or "&lt;b onmouseover=&quot;x&quot;&gt;Dorp&lt;/b&gt;" in hostile_report
    tags = {tag for tag, _ in _Loads_tags(hostile_report)}
    assert "img" not in tags and "svg" not in tags


def _Loads_tags(page: str):
    parser = _Loads()
    parser.feed(page)
    return parser.tags


# -- pseudonymised ---------------------------------------------------------------


def test_pseudonymised_report_names_no_resident(demo, demo_analysis):
    residents = demo.stakeholders.loc[demo.stakeholders["type"] == "resident", "name"].tolist()
    assert len(residents) > 30
    # The real analysis is passed on purpose: it carries real names and must be ignored.
    page = build_report(demo, lang="nl", analysis=demo_analysis, pseudonymise=True, salt="test")
    text = html.unescape(page).casefold()
    assert [name for name in residents if name.casefold() in text] == []
    assert "bewoner " in text
    assert MESSAGES.text("pseudonymised", "nl").casefold() in text
    # Other stakeholders keep their names.
    assert "fatima el amrani" in text


# -- command line ------------------------------------------------------------------


def test_cli_writes_the_report(tmp_path, repo_root, capsys):
    out = tmp_path / "rapport.html"
    code = main(["report", str(repo_root / "data" / "stakeholders.csv"), str(repo_root / "data" / "relations.csv"),
                 "--out", str(out), "--lang", "en", "--pseudonymise"])
    assert code == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Resident " in page
    assert str(out) in capsys.readouterr().out


def test_cli_report_pseudonymises_residents_unless_names_are_asked_for(tmp_path, repo_root, demo, capsys):
    """As in the app: pseudonyms by default, names only with --names (and a warning)."""
    residents = demo.stakeholders[demo.stakeholders["type"] == "resident"]["name"].tolist()
    files = [str(repo_root / "data" / "stakeholders.csv"), str(repo_root / "data" / "relations.csv")]
    out = tmp_path / "rapport.html"
    assert main(["report", *files, "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Bewoner " in page and not [n for n in residents if html.escape(n) in page]
    assert "persoonsgegevens" not in capsys.readouterr().err
    named = tmp_path / "namen.html"
    assert main(["report", *files, "--out", str(named), "--names"]) == 0
    page = named.read_text(encoding="utf-8")
    assert all(html.escape(n) in page for n in residents[:5])
    assert "persoonsgegevens" in capsys.readouterr().err
    assert main(["report", *files, "--out", str(named), "--names", "--pseudonymise"]) == 2  # one or the other


def test_cli_refuses_another_output_type(tmp_path, repo_root):
    code = main(["report", str(repo_root / "data" / "stakeholders.csv"), str(repo_root / "data" / "relations.csv"),
                 "--out", str(tmp_path / "rapport.pdf")])
    assert code == 2
    assert not (tmp_path / "rapport.pdf").exists()


def test_conclusions_come_first_in_plain_words(demo_analysis, demo_report):
    import markupsafe

    from netanalysis.report import report_conclusions

    conclusions = report_conclusions(demo_analysis, "nl")
    assert 3 <= len(conclusions) <= 5
    section = _section(demo_report, "conclusions")
    assert demo_report.index('<section id="conclusions">') < demo_report.index('<section id="summary">')
    for line in conclusions:
        assert str(markupsafe.escape(line)) in section
    lonely = demo_analysis["gaps"]["isolated_initiatives"]
    assert lonely[0]["name"] in conclusions[0]  # isolated initiatives first, by name
    assert any("één ambtenaar" in line for line in conclusions)  # fragile single contacts
    assert any("vooral binnen de eigen kring" in line for line in conclusions)  # a silo


def test_change_since_the_previous_version_is_a_conclusion(demo_analysis):
    from netanalysis.report import report_conclusions, report_figures_from

    now = report_figures_from(demo_analysis)
    before = {**now, "stakeholders": now["stakeholders"] - 10, "isolated_initiatives": now["isolated_initiatives"] + 2}
    first = report_conclusions(demo_analysis, "nl", previous=before)[0]
    assert first.startswith("Sinds de vorige versie") and "(+10)" in first and "(-2)" in first


def test_comparison_figures_count_as_the_reports_own_figures(demo, demo_analysis):
    """A previous version has no analysis: its counts are computed directly,
    and must mean the same as the report's (relations as connected pairs)."""
    from netanalysis.report import comparison_figures, report_conclusions, report_figures_from

    # Relations as rows, as the report's figure "Relaties" counts them (not connected pairs).
    assert comparison_figures(demo) == report_figures_from(demo_analysis, demo)
    assert comparison_figures(demo)["relations"] == len(demo.relations)
    before = comparison_figures(demo.without_stakeholders(demo.stakeholders["id"].tolist()[:5]))
    assert before["stakeholders"] == 245
    now = report_figures_from(demo_analysis, demo)
    first = report_conclusions(demo_analysis, "nl", previous={**before, "label": "versie 2 van 01-12-2026 01:09"}, current=now)[0]
    assert first.startswith("Sinds versie 2 van 01-12-2026 01:09: 250 betrokkenen (+5)")
    english = report_conclusions(demo_analysis, "en", previous={**before, "label": "version 2 of 01 Dec 2026 01:09"}, current=now)[0]
    assert english.startswith("Since version 2 of 01 Dec 2026 01:09: 250 stakeholders (+5)")


def test_residents_are_pseudonymised_by_default(demo):
    residents = demo.stakeholders[demo.stakeholders["type"] == "resident"]["name"].tolist()
    page = build_report(demo, lang="nl")
    assert not [name for name in residents if html.escape(name) in page]
    assert "Bewoner " in page
    named = build_report(demo, lang="nl", pseudonymise=False)
    assert html.escape(residents[0]) in named
