"""Charts as plotly figures: traces, labels in both languages, escaped user text."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from netanalysis import charts
from netanalysis.charts import (
    broker_bar,
    figure_html,
    grid_quadrant,
    headline_trend,
    mixing_heatmap,
    stakeholder_grid,
    type_counts_bar,
)
from netanalysis.style import MARKER_SYMBOL, TYPE_STYLE
from netanalysis.schema import STAKEHOLDER_TYPES

HOSTILE = "<img src=x onerror=alert(1)>"
LINK = '<a href="https://evil.example/">klik</a>'


def all_text(fig: go.Figure) -> str:
    """Everything plotly may render as (pseudo-)HTML: the whole figure as JSON."""
    return json.dumps(fig.to_plotly_json(), ensure_ascii=False, default=str)


@pytest.fixture
def broker_table():
    return pd.DataFrame(
        {
            "name": ["Anouk", HOSTILE, "Bakker & Zn", "Dirk", "Anouk"],
            "type": ["civil_servant", "resident", "business", "spaceship", "organisation"],
            "betweenness": [0.5, 0.3, 0.1, np.nan, 0.2],
            "constraint": [0.2, 0.5, 0.9, 0.1, 0.4],
        },
        index=pd.Index(["a", "b", "c", "d", "e"], name="id"),
    )


# -- broker bar ----------------------------------------------------------------------


def test_broker_bar_ranks_highest_first_and_colours_by_type(broker_table):
    fig = broker_bar(broker_table, lang="nl", top=3)
    shown = [y for trace in fig.data for y in trace.y]
    assert sorted(shown) == ["a", "b", "e"]  # d has no value, c is fourth
    # The best broker is drawn at the top: the last category of the axis.
    assert list(fig.layout.yaxis.categoryarray) == ["e", "b", "a"]
    by_type = {trace.name: trace for trace in fig.data}
    assert set(by_type) == {"ambtenaar", "bewoner", "organisatie"}
    assert by_type["ambtenaar"].marker.color == TYPE_STYLE["civil_servant"].colour
    assert "Tussenpositie" in fig.layout.title.text and "makelaars" in fig.layout.title.text


def test_broker_bar_keeps_people_with_the_same_name_apart(broker_table):
    fig = broker_bar(broker_table, top=5)
    assert list(fig.layout.yaxis.tickvals).count("a") == 1 and "e" in fig.layout.yaxis.tickvals
    assert list(fig.layout.yaxis.ticktext).count("Anouk") == 2


def test_broker_bar_ranks_lowest_constraint_first(broker_table):
    fig = broker_bar(broker_table, lang="en", top=2, metric="constraint")
    assert sorted(y for trace in fig.data for y in trace.y) == ["a", "d"]
    assert list(fig.layout.yaxis.categoryarray)[-1] == "d"
    assert "Constraint" in fig.layout.title.text and "brokers" in fig.layout.title.text
    assert {trace.name for trace in fig.data} == {"civil servant", "other"}


def test_broker_bar_escapes_names(broker_table):
    fig = broker_bar(broker_table, top=5)
    text = all_text(fig)
    assert HOSTILE not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "Bakker &amp; Zn" in text and "Bakker & Zn" not in text


def test_broker_bar_unknown_metric_raises(broker_table):
    with pytest.raises(KeyError):
        broker_bar(broker_table, metric="charisma")


def test_broker_bar_without_values_is_an_empty_chart(broker_table):
    fig = broker_bar(broker_table.assign(betweenness=np.nan))
    assert len(fig.data) == 0 and "Nog geen gegevens" in fig.layout.annotations[0].text


# -- heatmap -------------------------------------------------------------------------


def test_mixing_heatmap_values_labels_and_escaping():
    matrix = pd.DataFrame([[0.1, 0.25], [0.25, np.nan]], index=[HOSTILE, "Noord"], columns=[HOSTILE, "Noord"])
    fig = mixing_heatmap(matrix, lang="en", title="Density <b>by</b> area")
    (heat,) = fig.data
    assert heat.type == "heatmap"
    assert np.allclose(np.asarray(heat.z, dtype=float)[0], [0.1, 0.25])
    assert math.isnan(np.asarray(heat.z, dtype=float)[1][1])
    assert heat.text[1][1] == "" and heat.text[0][1] == "0.25"
    assert list(fig.layout.xaxis.ticktext) == ["&lt;img src=x onerror=alert…", "Noord"]
    assert "From" in heat.hovertemplate and "Van" in mixing_heatmap(matrix, lang="nl").data[0].hovertemplate
    text = all_text(fig)
    assert HOSTILE not in text and "<b>by</b>" not in text
    assert fig.layout.title.text == "Density &lt;b&gt;by&lt;/b&gt; area"


def test_heatmap_shortening_never_splits_an_entity():
    label = "Bakker " + "&" * 30
    fig = mixing_heatmap(pd.DataFrame([[1.0]], index=[label], columns=[label]))
    tick = fig.layout.xaxis.ticktext[0]
    assert re.fullmatch(r"Bakker (&amp;)+…", tick)


def test_mixing_heatmap_of_nothing():
    fig = mixing_heatmap(pd.DataFrame(), lang="en", title="x")
    assert len(fig.data) == 0 and "No data" in fig.layout.annotations[0].text


# -- stakeholder grid ------------------------------------------------------------------


@pytest.fixture
def rated():
    return pd.DataFrame(
        {
            "id": ["s1", "s2", "s3", "s4", "s5", "s6", "s7"],
            "name": [HOSTILE, "Bewoner B", "Bewoner C", "Ambtenaar", "Initiatief", "Organisatie", "Zonder score"],
            "type": ["resident", "resident", "resident", "civil_servant", "initiative", "organisation", "business"],
            "influence": [4, 4, 4, 2, 1, 5, np.nan],
            "interest": [4, 4, 4, 5, 1, 2, 3],
        }
    )


QUADRANT_NAMES = {
    "nl": {"nauw betrekken", "tevreden houden", "informeren", "monitoren"},
    "en": {"manage closely", "keep satisfied", "keep informed", "monitor"},
}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_grid_names_the_four_quadrants(rated, lang):
    fig = stakeholder_grid(rated, lang=lang)
    names = {re.sub(r"</?b>", "", a.text) for a in fig.layout.annotations}
    assert names == QUADRANT_NAMES[lang]
    assert fig.layout.xaxis.title.text == ("Belang" if lang == "nl" else "Interest")
    assert fig.layout.yaxis.title.text == ("Invloed" if lang == "nl" else "Influence")


def test_grid_quadrant_annotations_sit_in_their_quadrant(rated):
    fig = stakeholder_grid(rated, lang="en")
    where = {re.sub(r"</?b>", "", a.text): (a.x > 3, a.y > 3) for a in fig.layout.annotations}
    assert where == {"manage closely": (True, True), "keep satisfied": (False, True),
                     "keep informed": (True, False), "monitor": (False, False)}


def test_grid_traces_by_type_with_map_colours_and_shapes(rated):
    fig = stakeholder_grid(rated, lang="nl")
    by_name = {trace.name: trace for trace in fig.data}
    assert set(by_name) == {"ambtenaar", "bewoner", "organisatie", "initiatief"}  # no score: left out
    resident = by_name["bewoner"]
    assert resident.marker.color == TYPE_STYLE["resident"].colour
    assert by_name["ambtenaar"].marker.symbol == MARKER_SYMBOL[TYPE_STYLE["civil_servant"].shape] == "diamond"
    assert sum(len(trace.x) for trace in fig.data) == 6


def test_grid_jitters_overlapping_points_deterministically(rated):
    first, second = stakeholder_grid(rated), stakeholder_grid(rated)
    residents = next(t for t in first.data if t.name == "bewoner")
    points = list(zip(residents.x, residents.y))
    assert len(set(points)) == 3  # three stakeholders scored (4, 4), drawn apart
    assert all(abs(x - 4) < 0.25 and abs(y - 4) < 0.25 for x, y in points)
    assert all_text(first) == all_text(second)
    # Rows in another order give the same picture.
    shuffled = stakeholder_grid(rated.iloc[::-1])
    again = next(t for t in shuffled.data if t.name == "bewoner")

    def placed(trace):
        return sorted(zip([row[0] for row in trace.customdata], trace.x, trace.y))

    assert placed(again) == placed(residents)


def test_grid_single_points_are_not_moved(rated):
    fig = stakeholder_grid(rated)
    official = next(t for t in fig.data if t.name == "ambtenaar")
    assert (official.x[0], official.y[0]) == (5, 2)


def test_grid_hover_escapes_names_and_shows_the_quadrant(rated):
    fig = stakeholder_grid(rated, lang="nl")
    text = all_text(fig)
    assert HOSTILE not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    residents = next(t for t in fig.data if t.name == "bewoner")
    assert {row[5] for row in residents.customdata} == {"nauw betrekken"}
    assert "Kwadrant" in residents.hovertemplate


def test_grid_quadrant_boundaries():
    assert grid_quadrant(5, 5) == "manage_closely"
    assert grid_quadrant(5, 1) == "keep_satisfied"
    assert grid_quadrant(1, 5) == "keep_informed"
    assert grid_quadrant(3, 3) == "monitor"
    assert grid_quadrant(3.5, 3) == "keep_satisfied"
    assert grid_quadrant(np.nan, 3) is None and grid_quadrant(None, 3) is None


def test_grid_without_scores_still_shows_the_quadrants():
    fig = stakeholder_grid(pd.DataFrame(columns=["id", "name", "type", "influence", "interest"]), lang="en")
    assert len(fig.data) == 0 and len(fig.layout.annotations) == 4


# -- counts and trend ------------------------------------------------------------------


def test_type_counts_bar_in_type_order_with_map_colours():
    fig = type_counts_bar({"resident": 10, "civil_servant": 3, "ruimtevaart": 2, "other": 1}, lang="nl")
    (bar,) = fig.data
    assert list(bar.x) == ["ambtenaar", "bewoner", "ondernemer", "organisatie", "initiatief", "overig"]
    assert list(bar.y) == [3, 10, 0, 0, 0, 3]
    assert list(bar.marker.color) == [TYPE_STYLE[t].colour for t in STAKEHOLDER_TYPES]
    english = type_counts_bar({"resident": 1}, lang="en")
    assert list(english.data[0].x) == ["civil servant", "resident", "business", "organisation", "initiative"]
    assert english.layout.title.text == "Stakeholders by type"


@pytest.fixture
def versions():
    return pd.DataFrame(
        {
            "version_id": [11, 12, 13],
            "number": [1, 2, 3],
            "created_at": ["2026-01-05T10:00:00", "2026-02-05T10:00:00", "2026-03-05T10:00:00"],
            "note": [HOSTILE, "b", "c"],
            "stakeholders": [100, 120, 130],
            "density": [0.02, 0.025, 0.03],
            "modularity": [0.40, 0.42, np.nan],
        }
    )


def test_headline_trend_one_panel_per_figure(versions):
    fig = headline_trend(versions, lang="nl")
    assert [t.name for t in fig.data] == ["Betrokkenen", "Dichtheid", "Modulariteit"]
    assert [a.text for a in fig.layout.annotations] == ["Betrokkenen", "Dichtheid", "Modulariteit"]
    assert list(fig.data[0].y) == [100, 120, 130]
    assert pd.Timestamp(fig.data[0].x[0]) == pd.Timestamp("2026-01-05T10:00:00")
    assert fig.layout.title.text == "Kerncijfers per versie"
    assert HOSTILE not in all_text(fig)
    english = headline_trend(versions, lang="en")
    assert [t.name for t in english.data] == ["Stakeholders", "Density", "Modularity"]


def test_headline_trend_without_dates_uses_versions(versions):
    fig = headline_trend(versions.drop(columns=["created_at"]).rename(columns={"number": "version"}), lang="en")
    assert list(fig.data[0].x) == [1, 2, 3]
    assert fig.layout.xaxis3.title.text == "Version"


def test_headline_trend_escapes_unknown_column_names(versions):
    fig = headline_trend(versions.rename(columns={"density": "<b>dicht</b>"}))
    assert "&lt;b&gt;dicht&lt;/b&gt;" in [t.name for t in fig.data]


def test_headline_trend_of_nothing():
    assert len(headline_trend(pd.DataFrame()).data) == 0


# -- export ------------------------------------------------------------------------------


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_figure_html_is_offline(rated):
    page = figure_html(stakeholder_grid(rated))
    tags = Tags()
    tags.feed(page)
    names = [tag for tag, _ in tags.found]
    assert "link" not in names and "iframe" not in names
    sources = [attrs.get("src") for tag, attrs in tags.found if tag == "script"]
    assert sources and all(src is None for src in sources)  # every script inline
    assert not [attrs for _, attrs in tags.found if any(k in attrs for k in ("href", "src", "action"))]
    assert "cdn.plot.ly/plotly" not in page
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy and "http" not in policy
    assert '"displaylogo": false' in page


def test_figure_html_keeps_user_text_escaped(rated):
    page = figure_html(stakeholder_grid(rated))
    assert HOSTILE not in page


def test_charts_module_declares_its_names():
    assert set(charts.__all__) >= {"broker_bar", "mixing_heatmap", "stakeholder_grid", "type_counts_bar",
                                   "headline_trend", "figure_html"}
