"""What a file holds before it is understood: named tables of text cells.

Every reader turns its format into a :class:`Found`: one or more
:class:`Table` s (a CSV file, a workbook's sheets, a graph's nodes and
edges) whose cells are text or None, with the headers as the file wrote
them and the location conventions the user knows (spreadsheet rows, or a
node's position in a graph file). :mod:`netanalysis.layouts` then decides
which table holds what, and :mod:`netanalysis.mapping` validates.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..problems import ERROR, Problem

__all__ = [
    "Table",
    "Found",
    "text_cell",
    "make_table",
    "unreadable",
    "escape_formula",
    "unescape_formula",
    "megabytes",
]


@dataclass
class Table:
    """One table of raw text cells.

    Parameters
    ----------
    sheet : str
        Its short name: the sheet's title, the CSV file's name, or
        ``nodes`` / ``edges`` for a graph file.
    label : str
        How problems name it: ``netwerk.xlsx[Relaties]``, ``relaties.csv``,
        ``netwerk.gexf#edges``.
    frame : pandas.DataFrame
        Text or None cells under the file's own headers.
    row_offset : int
        The row number of the first data row as the user sees it: 2 in a
        spreadsheet (the header is row 1), 1 for a graph's elements.
    """

    sheet: str
    label: str
    frame: pd.DataFrame
    row_offset: int = 2


@dataclass
class Found:
    """Everything read from the user's files, not yet interpreted.

    ``graph`` is True for network formats (GraphML, GEXF, GML, Pajek,
    UCINET), whose nodes and edges come with ids and known meanings; their
    tables are ``nodes`` and ``edges`` with canonical column names.
    """

    file: str
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str | None = None
    graph: bool = False

    def table(self, sheet: str | None) -> Table | None:
        """The table called ``sheet``, or None."""
        return next((t for t in self.tables if t.sheet == sheet), None)

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def unreadable(name: str, reason: str = "", row: int | None = None, *, key: str | None = None, **params: Any) -> Problem:
    """An unreadable file: ``key`` names a translated reason (with ``params``), else ``reason`` is shown as is."""
    fields = {"reason_key": key, **params} if key else {"reason": reason}
    return Problem(ERROR, "unreadable_file", name, row, None, fields)


# -- formula escaping ---------------------------------------------------------

_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def escape_formula(text: Any) -> Any:
    """Make text that a spreadsheet would run as a formula inert.

    Text starting with ``= + - @``, tab or carriage return (after any
    apostrophes) gets one more leading ``'``; other values pass unchanged.

    References
    ----------
    .. [1] OWASP, "CSV Injection".
       https://owasp.org/www-community/attacks/CSV_Injection

    >>> escape_formula('=HYPERLINK("http://x","klik")')
    '\\'=HYPERLINK("http://x","klik")'
    >>> escape_formula("Anouk"), escape_formula(3.0)
    ('Anouk', 3.0)
    """
    if isinstance(text, str) and _FORMULA.match(text):
        return "'" + text
    return text


def unescape_formula(text: Any) -> Any:
    """Undo :func:`escape_formula` (remove exactly one leading ``'``).

    >>> unescape_formula(escape_formula("-3 punten")), unescape_formula("'t Hoekje")
    ('-3 punten', "'t Hoekje")
    """
    if isinstance(text, str) and text.startswith("'") and _FORMULA.match(text[1:]):
        return text[1:]
    return text


# -- cells --------------------------------------------------------------------


def text_cell(cell: Any, *, spreadsheet: bool = True) -> str | None:
    """A cell as stripped text (None when empty); numbers without a spurious ``.0``.

    >>> text_cell(7.0), text_cell(" Anouk "), text_cell(dt.datetime(2021, 3, 1)), text_cell("")
    ('7', 'Anouk', '2021-03-01', None)
    """
    if type(cell) is str:
        text = cell.strip()
        return (unescape_formula(text) if spreadsheet and text[:1] == "'" else text) or None
    if cell is None:
        return None
    if isinstance(cell, float):
        if math.isnan(cell):
            return None
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, dt.time):
        return cell.isoformat()
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, (list, tuple)):
        return ";".join(str(v).strip() for v in cell if v is not None) or None
    text = str(cell).strip()
    # Only spreadsheet formats carry the formula escape of our writers.
    return (unescape_formula(text) if spreadsheet else text) or None


def make_table(header: list[Any], rows: list[list[Any]]) -> pd.DataFrame:
    """A DataFrame of text cells; header cells left empty are dropped with their (empty) data.

    A header left empty above data is named ``#n`` (its column number).
    """
    names = [str(h).strip() if h is not None else "" for h in header]
    keep = []
    for i, h in enumerate(names):
        if h or any(row[i] is not None for row in rows):
            keep.append(i)
    columns = [names[i] or f"#{i + 1}" for i in keep]
    data = [[row[i] for i in keep] for row in rows]
    frame = pd.DataFrame(data, columns=range(len(columns)), dtype=object)
    frame.columns = columns  # set afterwards: duplicate headers are allowed and reported later
    return frame
