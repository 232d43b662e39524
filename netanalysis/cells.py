"""Reading single cells: text, numbers written the Dutch or English way, and dates.

Shared by every table check (:mod:`netanalysis.validation`) and the
records of the data editor and the workshop form.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from typing import Any

import pandas as pd

__all__ = ["cell_text", "parse_number", "parse_date"]

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def cell_text(value: Any) -> str | None:
    """A raw cell as stripped text, or None when empty."""
    if type(value) is str:  # the common case first: readers hand over text
        return value.strip() or None
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value) or None
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    text = str(value).strip()
    return text or None


def parse_number(text: Any) -> float | None:
    """Read a number written the Dutch or English way; None if it is not one.

    Accepts a decimal comma or point and no thousands separators (scores
    are 1-5, so ``1.000`` is far more likely a typo than a thousand).

    >>> parse_number("2,5"), parse_number(" 4 "), parse_number("4.0")
    (2.5, 4.0, 4.0)
    >>> parse_number("veel") is None, parse_number("nan") is None
    (True, True)
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return None if math.isnan(float(text)) or math.isinf(float(text)) else float(text)
    cell = cell_text(text)
    if cell is None or not _NUMBER.match(cell):
        return None
    return float(cell.replace(",", "."))


_DATE_FORMATS = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?(?:\.0+)?)?$"), ("y", "m", "d")),
    (re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"), ("y", "m", "d")),
)


def parse_date(text: Any) -> str | None:
    """Read a date (ISO or Dutch day-month-year) and return it as ISO text.

    A year alone (``2019``) or year and month (``2019-05``) are kept as
    such, which ISO 8601 allows. Returns None when the text is not a date.

    >>> parse_date("31-12-2024"), parse_date("2024-02-29"), parse_date("2019")
    ('2024-12-31', '2024-02-29', '2019')
    >>> parse_date("2023-02-29") is None, parse_date("12/31/2024") is None
    (True, True)
    """
    if isinstance(text, (dt.datetime, dt.date)):
        return text.date().isoformat() if isinstance(text, dt.datetime) else text.isoformat()
    cell = cell_text(text)
    return None if cell is None else _parse_date_text(cell)


@functools.lru_cache(maxsize=4096)  # files repeat the same few dates thousands of times
def _parse_date_text(cell: str) -> str | None:
    """The text part of :func:`parse_date`."""
    if re.fullmatch(r"(19|20)\d\d", cell):
        return cell
    month = re.fullmatch(r"((?:19|20)\d\d)-(\d{1,2})", cell)
    if month and 1 <= int(month.group(2)) <= 12:
        return f"{month.group(1)}-{int(month.group(2)):02d}"
    for pattern, order in _DATE_FORMATS:
        found = pattern.match(cell)
        if found:
            parts = dict(zip(order, (int(g) for g in found.groups())))
            try:
                return dt.date(parts["y"], parts["m"], parts["d"]).isoformat()
            except ValueError:
                return None
    return None
