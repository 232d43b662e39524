"""Plotly figures of the analysis, returned as values.

Every function returns a ``plotly.graph_objects.Figure``; the Streamlit
pages show it with ``st.plotly_chart`` and :func:`figure_html` turns it into
a standalone page that works offline (plotly.js inline, never from a CDN).

Plotly renders a subset of HTML (``<b>``, ``<br>``, ``<a href>``...) in
titles, tick labels, annotations and hover text, and decodes entities for
display. So every piece of user text (names, organisations, areas, group
labels) goes through :func:`html.escape` first: people see the text as
typed, and a name like ``<a href=...>`` stays text. Stakeholder types get
the same colours and shapes as the map (:mod:`netanalysis.style`).
"""

from __future__ import annotations

import html
import math
from collections.abc import Hashable, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .i18n import Messages, format_decimal, normalise_language, plotly_separators
from .schema import OTHER, SCORE_RANGE, STAKEHOLDER_TYPES, type_label
from .style import MARKER_SYMBOL, OKABE_ITO, TYPE_STYLE, TypeStyle, style_key

__all__ = [
    "MESSAGES",
    "QUADRANTS",
    "grid_quadrant",
    "broker_bar",
    "mixing_heatmap",
    "stakeholder_grid",
    "type_counts_bar",
    "headline_trend",
    "figure_html",
]

MESSAGES = Messages(
    {
        "betweenness": {"nl": "Tussenpositie (betweenness)", "en": "Betweenness"},
        "constraint": {"nl": "Ingeslotenheid (constraint, laag = makelaar)",
                       "en": "Constraint (low = broker)"},
        "effective_size": {"nl": "Effectieve omvang", "en": "Effective size"},
        "efficiency": {"nl": "Efficiëntie", "en": "Efficiency"},
        "degree": {"nl": "Aantal verbindingen", "en": "Number of connections"},
        "closeness": {"nl": "Nabijheid (closeness)", "en": "Closeness"},
        "eigenvector": {"nl": "Invloed via netwerk (eigenvector)", "en": "Eigenvector centrality"},
        "brokers_title": {"nl": "Top {top} makelaars naar {metric}", "en": "Top {top} brokers by {metric}"},
        "name": {"nl": "Naam", "en": "Name"},
        "type": {"nl": "Type", "en": "Type"},
        "influence": {"nl": "Invloed", "en": "Influence"},
        "interest": {"nl": "Belang", "en": "Interest"},
        "grid_title": {"nl": "Stakeholdergrid: invloed en belang", "en": "Stakeholder grid: influence and interest"},
        "manage_closely": {"nl": "nauw betrekken", "en": "manage closely"},
        "keep_satisfied": {"nl": "tevreden houden", "en": "keep satisfied"},
        "keep_informed": {"nl": "informeren", "en": "keep informed"},
        "monitor": {"nl": "monitoren", "en": "monitor"},
        "quadrant": {"nl": "Kwadrant", "en": "Quadrant"},
        "from": {"nl": "Van", "en": "From"},
        "to": {"nl": "Naar", "en": "To"},
        "value": {"nl": "Waarde", "en": "Value"},
        "count": {"nl": "Aantal", "en": "Count"},
        "types_title": {"nl": "Betrokkenen per type", "en": "Stakeholders by type"},
        "trend_title": {"nl": "Kerncijfers per versie", "en": "Headline figures by version"},
        "version": {"nl": "Versie", "en": "Version"},
        "date": {"nl": "Datum", "en": "Date"},
        "stakeholders": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "relations": {"nl": "Relaties", "en": "Relations"},
        "components": {"nl": "Losse delen", "en": "Components"},
        "density": {"nl": "Dichtheid", "en": "Density"},
        "isolated_initiatives": {"nl": "Geïsoleerde initiatieven", "en": "Isolated initiatives"},
        "modularity": {"nl": "Modulariteit", "en": "Modularity"},
        "no_data": {"nl": "Nog geen gegevens om te tonen", "en": "No data to show yet"},
    }
)

#: The four quadrants of the influence/interest grid [1]_, as
#: ``(key, high influence, high interest)``.
QUADRANTS: tuple[tuple[str, bool, bool], ...] = (
    ("manage_closely", True, True),
    ("keep_satisfied", True, False),
    ("keep_informed", False, True),
    ("monitor", False, False),
)

_FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"
_MIDDLE = (SCORE_RANGE[0] + SCORE_RANGE[1]) / 2
# Scores are whole numbers in practice and a 3 counts as low, so the drawn
# boundary lies between 3 and 4: no point sits on a dividing line.
_DIVIDER = _MIDDLE + 0.5
# Offsets of up to this much keep stacked points inside their grid cell.
_JITTER = 0.22
_ID_COLUMNS = {"version_id", "number", "version", "created_at", "note", "id"}


def _e(value: Any) -> str:
    """User text made inert for plotly's HTML-like labels."""
    # Only <, > and &: plotly has no attributes to break out of, and shows
    # "&quot;" literally, so a quote in a name stays a quote.
    return html.escape("" if value is None else str(value), quote=False)


def _layout(fig: go.Figure, title: str, lang: str, *, height: int | None = None) -> go.Figure:
    fig.update_layout(
        # Decimal comma and thousands point in Dutch, on ticks, hovers and cell text.
        separators=plotly_separators(lang),
        title={"text": title, "x": 0.0, "xanchor": "left"},
        template="plotly_white",
        font={"family": _FONT, "size": 14},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        hoverlabel={"font": {"family": _FONT}},
    )
    if height:
        fig.update_layout(height=height)
    return fig


def _by_type(types: list[str]) -> Iterator[tuple[str, list[int], TypeStyle]]:
    """``(type, positions in types, style)`` for each stakeholder type present,
    in the legend's order: one trace per type, drawn as on the map."""
    for key in STAKEHOLDER_TYPES:
        rows = [i for i, kind in enumerate(types) if kind == key]
        if rows:
            yield key, rows, TYPE_STYLE[key]


def _metric_label(metric: str, lang: str) -> str:
    return MESSAGES.text(metric, lang) if metric in MESSAGES else _e(metric)


def _empty_figure(lang: str, title: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=MESSAGES.text("no_data", lang), showarrow=False, x=0.5, y=0.5,
                       xref="paper", yref="paper", font={"size": 16})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, title, lang)


# -- brokers -------------------------------------------------------------------------


def broker_bar(table: pd.DataFrame, *, lang: str = "nl", top: int = 15, metric: str = "betweenness") -> go.Figure:
    """Horizontal bars of the top brokers, coloured by stakeholder type.

    Parameters
    ----------
    table : pandas.DataFrame
        Indexed by stakeholder id, with ``name``, ``type`` and the
        ``metric`` column (e.g. from :mod:`netanalysis.brokers`).
    lang : {"nl", "en"}
    top : int
        How many stakeholders to show.
    metric : str
        The column to rank by. For ``"constraint"`` the *lowest* values rank
        first, since low constraint means many structural holes [1]_; for
        any other metric the highest. Missing values are left out.

    Returns
    -------
    plotly.graph_objects.Figure
        One bar trace per stakeholder type present (so the legend names the
        types), the best broker at the top.

    References
    ----------
    .. [1] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Harvard University Press.
    """
    lang = normalise_language(lang)
    label = _metric_label(metric, lang)
    title = MESSAGES.text("brokers_title", lang, top=int(top), metric=label)
    if metric not in table.columns:
        raise KeyError(f"the table has no column {metric!r}")
    ranked = table[pd.to_numeric(table[metric], errors="coerce").notna()].copy()
    ranked[metric] = pd.to_numeric(ranked[metric])
    if ranked.empty or top < 1:
        return _empty_figure(lang, title)
    ascending = metric == "constraint"
    ranked = ranked.sort_values(metric, ascending=ascending, kind="stable").head(int(top))
    # Rows are keyed by id (two people may share a name); ticks show names.
    ids = [str(i) for i in ranked.index]
    raw_names = [str(n) for n in ranked.get("name", pd.Series(ids, index=ranked.index))]
    names = [_e(n) for n in raw_names]
    types = [style_key(t) for t in ranked.get("type", pd.Series(OTHER, index=ranked.index))]
    fig = go.Figure()
    for key, rows, style in _by_type(types):
        fig.add_trace(
            go.Bar(
                x=[ranked[metric].iloc[i] for i in rows],
                y=[ids[i] for i in rows],
                orientation="h",
                name=type_label(key, lang),
                marker={"color": style.colour, "line": {"color": "#333333", "width": 0.5}},
                customdata=[[names[i], type_label(key, lang)] for i in rows],
                hovertemplate=(f"<b>%{{customdata[0]}}</b><br>{MESSAGES.text('type', lang)}: %{{customdata[1]}}"
                               f"<br>{label}: %{{x:.3~f}}<extra></extra>"),
            )
        )
    fig.update_yaxes(
        categoryorder="array",
        # Plotly draws the first category at the bottom: reverse, best on top.
        categoryarray=ids[::-1],
        tickmode="array",
        tickvals=ids,
        # Shorten before escaping, so a cut never splits an entity.
        ticktext=[_e(_short(n)) for n in raw_names],
        title=None,
    )
    fig.update_xaxes(title=label)
    fig.update_layout(barmode="overlay", legend={"title": {"text": MESSAGES.text("type", lang)}})
    return _layout(fig, title, lang, height=max(300, 60 + 28 * len(ids)))


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- mixing ----------------------------------------------------------------------------


def mixing_heatmap(matrix: pd.DataFrame, *, lang: str = "nl", title: str = "") -> go.Figure:
    """A heatmap of a group-by-group matrix (e.g. tie density between types).

    Parameters
    ----------
    matrix : pandas.DataFrame
        Rows and columns are groups (their labels are shown escaped); values
        are numbers, NaN for "not defined" (left blank).
    lang : {"nl", "en"}
    title : str
        Shown as given, escaped.

    Returns
    -------
    plotly.graph_objects.Figure
        One ``Heatmap`` trace in the colour-blind-safe Cividis scale [1]_,
        with each cell's value written in it.

    References
    ----------
    .. [1] Nuñez, J. R., Anderton, C. R., & Renslow, R. S. (2018).
       Optimizing colormaps with consideration for color vision deficiency.
       PLoS ONE, 13(7), e0199239. doi:10.1371/journal.pone.0199239
    """
    lang = normalise_language(lang)
    if matrix.empty:
        return _empty_figure(lang, _e(title))
    values = matrix.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    # Duplicate labels after str() would merge plotly categories: keep
    # positions as the categories and show the labels as ticks.
    raw_rows = [str(label) for label in matrix.index]
    raw_columns = [str(label) for label in matrix.columns]
    rows = [_e(label) for label in raw_rows]
    columns = [_e(label) for label in raw_columns]
    text = [["" if math.isnan(v) else _compact(v, lang) for v in row] for row in values]
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=list(range(len(columns))),
            y=list(range(len(rows))),
            text=text,
            texttemplate="%{text}",
            customdata=[[[r, c] for c in columns] for r in rows],
            colorscale="Cividis",
            hoverongaps=False,
            hovertemplate=(f"{MESSAGES.text('from', lang)}: %{{customdata[0]}}<br>"
                           f"{MESSAGES.text('to', lang)}: %{{customdata[1]}}<br>"
                           f"{MESSAGES.text('value', lang)}: %{{z:.2f}}<extra></extra>"),
            colorbar={"title": {"text": MESSAGES.text("value", lang)}},
        )
    )
    fig.update_xaxes(tickmode="array", tickvals=list(range(len(columns))),
                     ticktext=[_e(_short(c, 25)) for c in raw_columns], side="bottom")
    fig.update_yaxes(tickmode="array", tickvals=list(range(len(rows))),
                     ticktext=[_e(_short(r, 25)) for r in raw_rows], autorange="reversed")
    return _layout(fig, _e(title), lang, height=max(320, 120 + 36 * len(rows)))


def _compact(value: float, lang: str) -> str:
    return format_decimal(value, lang, 2 if abs(value) < 100 else 0)


# -- stakeholder grid ------------------------------------------------------------------


def grid_quadrant(influence: float, interest: float) -> str | None:
    """The quadrant key of one stakeholder on the influence/interest grid.

    Scores run 1-5; above the middle (3) counts as high, so a 3 is low.
    ``None`` when either score is missing.

    >>> grid_quadrant(5, 4), grid_quadrant(4, 2), grid_quadrant(2, 5), grid_quadrant(3, 3)
    ('manage_closely', 'keep_satisfied', 'keep_informed', 'monitor')
    """
    try:
        influence, interest = float(influence), float(interest)
    except (TypeError, ValueError):
        return None
    if math.isnan(influence) or math.isnan(interest):
        return None
    for key, high_influence, high_interest in QUADRANTS:
        if (influence > _MIDDLE) == high_influence and (interest > _MIDDLE) == high_interest:
            return key
    raise AssertionError("unreachable: the quadrants cover every combination")


def _jitter(points: list[tuple[float, float]], order: list[str]) -> list[tuple[float, float]]:
    """Spread points that share a position on a small sunflower spiral.

    Deterministic: stakeholders at one position are placed in the order of
    their ids, so the picture is the same on every rerun.
    """
    groups: dict[tuple[float, float], list[int]] = {}
    for index in sorted(range(len(points)), key=lambda i: order[i]):
        groups.setdefault(points[index], []).append(index)
    golden = math.pi * (3 - math.sqrt(5))
    result = list(points)
    for (x, y), members in groups.items():
        if len(members) == 1:
            continue
        for rank, index in enumerate(members):
            radius = _JITTER * math.sqrt((rank + 0.5) / len(members))
            angle = rank * golden
            result[index] = (x + radius * math.cos(angle), y + radius * math.sin(angle))
    return result


def stakeholder_grid(stakeholders: pd.DataFrame, *, lang: str = "nl") -> go.Figure:
    """The influence/interest grid with its four quadrants [1]_.

    Interest runs along the x axis and influence up the y axis, both 1-5,
    split at the middle (3). The quadrants are named as Dutch municipalities
    use them: "nauw betrekken" (high influence, high interest), "tevreden
    houden" (high influence, low interest), "informeren" (low influence,
    high interest) and "monitoren" (both low); in English "manage closely",
    "keep satisfied", "keep informed" and "monitor".

    Parameters
    ----------
    stakeholders : pandas.DataFrame
        Columns ``id``, ``name``, ``type``, ``influence``, ``interest``.
        Rows without both scores are left out.
    lang : {"nl", "en"}

    Returns
    -------
    plotly.graph_objects.Figure
        One scatter trace per type (map colours and shapes); stakeholders
        with the same scores are spread around their point deterministically.
        Each point's ``customdata`` starts with the stakeholder id.

    References
    ----------
    .. [1] Mendelow, A. (1991). Stakeholder mapping. Proceedings of the 2nd
       International Conference on Information Systems, Cambridge, MA.
    """
    lang = normalise_language(lang)
    title = MESSAGES.text("grid_title", lang)
    low, high = SCORE_RANGE
    fig = go.Figure()
    # The quadrants: a light tint each, the name in the outer corner.
    corners = {
        "manage_closely": (high + 0.45, high + 0.45, "right", "top"),
        "keep_satisfied": (low - 0.45, high + 0.45, "left", "top"),
        "keep_informed": (high + 0.45, low - 0.45, "right", "bottom"),
        "monitor": (low - 0.45, low - 0.45, "left", "bottom"),
    }
    tints = {"manage_closely": "#F2E6EE", "keep_satisfied": "#E8F0F7", "keep_informed": "#EDF5EC",
             "monitor": "#F4F4F4"}
    for key, high_influence, high_interest in QUADRANTS:
        x0, x1 = (_DIVIDER, high + 0.5) if high_interest else (low - 0.5, _DIVIDER)
        y0, y1 = (_DIVIDER, high + 0.5) if high_influence else (low - 0.5, _DIVIDER)
        fig.add_shape(type="rect", x0=x0, x1=x1, y0=y0, y1=y1, fillcolor=tints[key], line={"width": 0},
                      layer="below")
        x, y, xanchor, yanchor = corners[key]
        fig.add_annotation(x=x, y=y, text=f"<b>{MESSAGES.text(key, lang)}</b>", showarrow=False,
                           xanchor=xanchor, yanchor=yanchor, font={"size": 15, "color": "#333333"},
                           name=key)
    fig.add_shape(type="line", x0=_DIVIDER, x1=_DIVIDER, y0=low - 0.5, y1=high + 0.5, line={"color": "#888888"})
    fig.add_shape(type="line", x0=low - 0.5, x1=high + 0.5, y0=_DIVIDER, y1=_DIVIDER, line={"color": "#888888"})

    frame = stakeholders.copy()
    for column in ("influence", "interest"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce") if column in frame else np.nan
    frame = frame[frame["influence"].notna() & frame["interest"].notna()]
    if not frame.empty:
        ids = [str(i) for i in (frame["id"] if "id" in frame else frame.index)]
        names = [_e(n) for n in (frame["name"] if "name" in frame else ids)]
        types = [style_key(t) for t in (frame["type"] if "type" in frame else [OTHER] * len(frame))]
        raw = list(zip(frame["interest"].astype(float), frame["influence"].astype(float)))
        spread = _jitter(raw, ids)
        for key, rows, style in _by_type(types):
            fig.add_trace(
                go.Scatter(
                    x=[spread[i][0] for i in rows],
                    y=[spread[i][1] for i in rows],
                    mode="markers",
                    name=type_label(key, lang),
                    marker={"color": style.colour, "symbol": MARKER_SYMBOL[style.shape], "size": 13,
                            "line": {"color": "#333333", "width": 1}},
                    customdata=[
                        [ids[i], names[i], type_label(key, lang), raw[i][1], raw[i][0],
                         MESSAGES.text(grid_quadrant(raw[i][1], raw[i][0]), lang)]
                        for i in rows
                    ],
                    hovertemplate=(
                        "<b>%{customdata[1]}</b><br>"
                        f"{MESSAGES.text('type', lang)}: %{{customdata[2]}}<br>"
                        f"{MESSAGES.text('influence', lang)}: %{{customdata[3]}}<br>"
                        f"{MESSAGES.text('interest', lang)}: %{{customdata[4]}}<br>"
                        f"{MESSAGES.text('quadrant', lang)}: %{{customdata[5]}}<extra></extra>"
                    ),
                )
            )
    axis = {"range": [low - 0.5, high + 0.5], "tickmode": "array", "tickvals": list(range(int(low), int(high) + 1)),
            "zeroline": False, "showgrid": False}
    fig.update_xaxes(title=MESSAGES.text("interest", lang), **axis)
    fig.update_yaxes(title=MESSAGES.text("influence", lang), scaleanchor="x", scaleratio=1, **axis)
    fig.update_layout(legend={"title": {"text": MESSAGES.text("type", lang)}})
    return _layout(fig, title, lang, height=620)


# -- counts and trends -----------------------------------------------------------------


def type_counts_bar(counts: Mapping[Hashable, int], *, lang: str = "nl") -> go.Figure:
    """Bars of the number of stakeholders per type, in the map's colours.

    Parameters
    ----------
    counts : mapping
        ``{type: count}``; unknown types are added to "other". Types with a
        zero count are shown (a missing group is a finding too).

    Returns
    -------
    plotly.graph_objects.Figure
        One ``Bar`` trace with a bar per type, in the order of
        :data:`~netanalysis.schema.STAKEHOLDER_TYPES`; "other" only when
        there is any.
    """
    lang = normalise_language(lang)
    totals = dict.fromkeys(STAKEHOLDER_TYPES, 0)
    for key, value in counts.items():
        totals[style_key(key)] += int(value or 0)
    keys = [k for k in STAKEHOLDER_TYPES if k != OTHER or totals[OTHER]]
    labels = [type_label(k, lang) for k in keys]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=[totals[k] for k in keys],
            text=[totals[k] for k in keys],
            textposition="outside",
            marker={"color": [TYPE_STYLE[k].colour for k in keys], "line": {"color": "#333333", "width": 0.5}},
            hovertemplate="%{x}: %{y}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(title=MESSAGES.text("count", lang), rangemode="tozero")
    fig.update_xaxes(title=None)
    return _layout(fig, MESSAGES.text("types_title", lang), lang, height=380)


def headline_trend(rows: pd.DataFrame, *, lang: str = "nl") -> go.Figure:
    """Small multiples of the headline figures across saved versions.

    Each figure gets its own panel with its own scale (stakeholders count in
    hundreds, density in hundredths), sharing the x axis.

    Parameters
    ----------
    rows : pandas.DataFrame
        One row per version, oldest first, e.g. from
        ``compare.headline_series``. The x axis is ``created_at`` when present,
        else ``version`` or ``number``, else the row order. Every other
        numeric column is a figure (``version_id``, ``number``, ``note`` and
        ``id`` are not).

    Returns
    -------
    plotly.graph_objects.Figure
        One line trace per figure, in the column order.
    """
    lang = normalise_language(lang)
    title = MESSAGES.text("trend_title", lang)
    if rows.empty:
        return _empty_figure(lang, title)
    if "created_at" in rows:
        x = pd.to_datetime(rows["created_at"], errors="coerce", utc=True)
        x = x.dt.tz_convert(None) if x.notna().all() else list(range(1, len(rows) + 1))
        x_title = MESSAGES.text("date", lang)
    else:
        for column in ("version", "number"):
            if column in rows:
                x = rows[column].tolist()
                break
        else:
            x = list(range(1, len(rows) + 1))
        x_title = MESSAGES.text("version", lang)
    figures = [c for c in rows.columns if c not in _ID_COLUMNS and pd.api.types.is_numeric_dtype(rows[c])
               and not pd.api.types.is_bool_dtype(rows[c])]
    if not figures:
        return _empty_figure(lang, title)
    labels = [MESSAGES.text(c, lang) if c in MESSAGES else _e(c) for c in figures]
    fig = make_subplots(rows=len(figures), cols=1, shared_xaxes=True, subplot_titles=labels,
                        vertical_spacing=min(0.08, 0.5 / len(figures)))
    for position, (column, label) in enumerate(zip(figures, labels), start=1):
        fig.add_trace(
            go.Scatter(x=x, y=rows[column].astype(float), mode="lines+markers", name=label,
                       line={"color": OKABE_ITO["blue"], "width": 2}, marker={"size": 7},
                       hovertemplate=f"{label}: %{{y:.4g}}<extra></extra>", showlegend=False),
            row=position, col=1,
        )
    fig.update_xaxes(title=x_title, row=len(figures), col=1)
    return _layout(fig, title, lang, height=max(320, 150 * len(figures)))


# -- export ----------------------------------------------------------------------------

# plotly.js carries URLs of map tiles and fonts for its map traces, which
# these charts never use; the policy makes sure nothing is fetched anyway.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


def figure_html(fig: go.Figure) -> str:
    """A standalone HTML page of ``fig`` that works offline.

    plotly.js is embedded (``include_plotlyjs=True``, never "cdn": loading it
    from a CDN fails offline and tells a third party who looks at the
    chart), the plotly logo link and "send to cloud" are off, and a
    Content-Security-Policy forbids loading anything from elsewhere.

    Returns
    -------
    str
        About 4.8 MB of HTML, most of it plotly.js.
    """
    page = fig.to_html(
        include_plotlyjs=True,
        full_html=True,
        include_mathjax=False,
        config={"displaylogo": False, "showSendToCloud": False, "responsive": True},
    )
    meta = (f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="referrer" content="no-referrer">')
    return page.replace("<head>", f"<head>{meta}", 1)
