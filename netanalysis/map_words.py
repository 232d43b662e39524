"""The map in words: a table of every stakeholder, for readers who cannot use the picture.

A canvas map has no keyboard or screen-reader path; :func:`network_in_words`
is that path, shown beside the map on Kaart.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import pandas as pd

from .cells import parse_number
from .i18n import Messages, format_count, normalise_language
from .layout import node_key
from .maps import MESSAGES as MAP_MESSAGES
from .maps import map_label
from .schema import type_label
from .style import style_key

__all__ = ["MESSAGES", "WORDS_CONTACTS", "network_in_words", "words_html"]

MESSAGES = Messages(
    {
        "words_name": {"nl": "Naam", "en": "Name"},
        "words_type": {"nl": "Type", "en": "Type"},
        "words_count": {"nl": "Aantal contacten", "en": "Number of contacts"},
        "words_contacts": {"nl": "Contacten", "en": "Contacts"},
        "words_role": {"nl": "Rol in het netwerk", "en": "Role in the network"},
        "words_more": {"nl": "en nog {n}", "en": "and {n} more"},
        "words_none": {"nl": "geen", "en": "none"},
        "words_plain": {"nl": "—", "en": "—"},
    }
)


#: Contacts named per row of :func:`network_in_words`; the rest are counted.
WORDS_CONTACTS = 8


def network_in_words(
    G: nx.Graph,
    *,
    lang: str = "nl",
    size_by: Mapping[Hashable, Any] | None = None,
    highlight: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """The map as a table, for readers who cannot use the picture.

    One row per stakeholder, most important first (as the map labels
    them): name, type, number of contacts, the contacts by name (the
    strongest first, at most :data:`WORDS_CONTACTS` and then a count) and the
    role the map marks (broker, cut point, isolated initiative). A canvas map
    has no keyboard or screen-reader path; this table is that path (WCAG
    2.1 success criterion 1.1.1, a text alternative for non-text content).

    Parameters
    ----------
    G : networkx.Graph
    lang : {"nl", "en"}
    size_by, highlight
        As in :func:`netanalysis.maps.network_html`.

    Returns
    -------
    pandas.DataFrame
        Columns with headers in ``lang``; plain text (the caller escapes it
        for its medium).

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("a", "c")])
    >>> G.nodes["a"]["name"] = "Anouk"
    >>> network_in_words(G, lang="en").to_dict("records")[0]
    {'Name': 'Anouk', 'Type': 'other', 'Number of contacts': 2, 'Contacts': 'b, c', 'Role in the network': '—'}
    """
    lang = normalise_language(lang)
    highlight = dict(highlight or {})
    marks = [(set(highlight.get("brokers") or ()), "broker"), (set(highlight.get("cut_points") or ()), "cut_point"),
             (set(highlight.get("isolated") or ()), "isolated")]

    def name(node: Hashable) -> str:
        return map_label(G, node)

    def importance(node: Hashable) -> float:
        value = parse_number(size_by.get(node)) if size_by is not None else None
        return value if value is not None else float(G.degree(node)) if size_by is None else -1.0

    rows = []
    for node in sorted(G, key=lambda n: (-importance(n), name(n).casefold(), node_key(n))):
        neighbours = sorted(G[node], key=lambda m: (-(parse_number(G[node][m].get("strength", G[node][m].get("weight")))
                                                      or 0.0), name(m).casefold()))
        contacts = ", ".join(name(m) for m in neighbours[:WORDS_CONTACTS])
        if len(neighbours) > WORDS_CONTACTS:
            contacts += " " + MESSAGES.text("words_more", lang, n=len(neighbours) - WORDS_CONTACTS)
        roles = [MAP_MESSAGES.text(key, lang) for members, key in marks if node in members]
        rows.append([name(node), type_label(style_key(G.nodes[node].get("type")), lang), len(neighbours),
                     contacts or MESSAGES.text("words_none", lang), "; ".join(roles) or MESSAGES.text("words_plain", lang)])
    columns = [MESSAGES.text(key, lang) for key in ("words_name", "words_type", "words_count", "words_contacts",
                                                     "words_role")]
    return pd.DataFrame(rows, columns=columns)


#: The table's own look: Streamlit's font and colours are inherited; rows
#: are separated by a hairline, the header stays in view while scrolling.
_WORDS_STYLE = """<style>
.nk-words-box { max-height: 32rem; overflow: auto; }
table.nk-words { border-collapse: collapse; width: 100%; font-size: 0.875rem; }
table.nk-words caption { text-align: left; padding: 0 0 0.5rem 0; color: inherit; opacity: 0.8; }
table.nk-words th, table.nk-words td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem;
  border-bottom: 1px solid rgba(49, 51, 63, 0.15); }
table.nk-words thead th { position: sticky; top: 0; background: var(--background-color, #fff); font-weight: 600; }
table.nk-words tbody th { font-weight: 600; }
table.nk-words td.nk-number { text-align: right; font-variant-numeric: tabular-nums; }
</style>"""


def words_html(table: pd.DataFrame, *, caption: str, lang: str = "nl") -> str:
    """The map in words (:func:`network_in_words`) as one plain HTML table.

    A real ``<table>`` with a caption, column headers and each row headed by
    the stakeholder's name (``<th scope="row">``), so a screen reader says
    whose contacts it reads (WCAG 2.1 success criterion 1.3.1, info and
    relationships). Plain markup rather than a data-grid widget: the
    browser lays out a few thousand cells in milliseconds, where a grid
    component costs a second on a slow machine before the map beside it
    appears. Every cell and the caption are escaped; whole numbers get
    ``lang``'s thousands separator.

    Examples
    --------
    >>> words = pd.DataFrame([["<b>Ann</b>", 1200]], columns=["Naam", "Aantal"])
    >>> print(words_html(words, caption="Netwerk").split("</style>")[1])
    <div class="nk-words-box" tabindex="0" role="region" aria-label="Netwerk"><table class="nk-words"><caption>Netwerk</caption><thead><tr><th scope="col">Naam</th><th scope="col">Aantal</th></tr></thead><tbody><tr><th scope="row">&lt;b&gt;Ann&lt;/b&gt;</th><td class="nk-number">1.200</td></tr></tbody></table></div>
    """
    def cell(value: Any) -> tuple[str, str]:
        if isinstance(value, numbers.Integral) and not isinstance(value, bool):
            return ' class="nk-number"', format_count(int(value), lang)
        return "", html.escape(str(value))

    head = "".join(f'<th scope="col">{html.escape(str(c))}</th>' for c in table.columns)
    rows = []
    for values in table.itertuples(index=False, name=None):
        if not values:
            continue
        first = f'<th scope="row">{html.escape(str(values[0]))}</th>'
        rest = "".join(f"<td{attrs}>{text}</td>" for attrs, text in map(cell, values[1:]))
        rows.append(f"<tr>{first}{rest}</tr>")
    return (f'{_WORDS_STYLE}<div class="nk-words-box" tabindex="0" role="region" aria-label="{html.escape(caption)}"><table class="nk-words"><caption>{html.escape(caption)}</caption>'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
