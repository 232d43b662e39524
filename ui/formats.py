"""Numbers in tables as the reader's language writes them.

Streamlit's own number formats follow the *browser's* locale (a Dutch page in
an English browser shows 0.78) and printf formats know only the decimal point.
A pandas Styler carries the display text per cell while the grid still sorts
on the numbers, so tables read "0,78" and sort as numbers.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netanalysis.i18n import format_decimal, normalise_language

__all__ = ["decimals_for", "styled_numbers", "number_text", "editable_numbers"]


def decimals_for(values: pd.Series) -> int:
    """How many decimals a column needs: none for whole numbers (a strength
    4.0 reads 4), one for halves and tenths (an influence of 2.5), two
    otherwise (scores, densities, constraint).

    >>> decimals_for(pd.Series([4.0, 3.0])), decimals_for(pd.Series([2.5, 4.0])), decimals_for(pd.Series([0.783]))
    (0, 1, 2)
    """
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    if numbers.empty or (numbers == numbers.round()).all():
        return 0
    if ((numbers * 10 - (numbers * 10).round()).abs() < 1e-9).all():
        return 1
    return 2


def styled_numbers(frame: pd.DataFrame, lang: str):
    """``frame`` as a Styler whose numeric columns show the separators of
    ``lang`` (1.234,56 in Dutch) and only the decimals they need."""
    dutch = normalise_language(lang) == "nl"
    styler = frame.style
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column]):
            styler = styler.format(
                precision=decimals_for(frame[column]), subset=[column], na_rep="—",
                decimal="," if dutch else ".", thousands="." if dutch else ",",
            )
    return styler


def number_text(value, lang: str) -> str | None:
    """A number as a person types it in ``lang``: ``4`` (not 4.0), ``1,5`` in
    Dutch and ``1.5`` in English; ``None`` for an empty cell.

    >>> number_text(4.0, "nl"), number_text(1.5, "nl"), number_text(1.5, "en"), number_text(float("nan"), "nl")
    ('4', '1,5', '1.5', None)
    """
    if value is None or pd.isna(value):
        return None
    number = float(value)
    if number.is_integer():
        return str(int(number))
    text = format_decimal(number, lang, 2).rstrip("0")
    return text.rstrip(",.")


def editable_numbers(frame: pd.DataFrame, columns: dict[str, str], lang: str) -> tuple[pd.DataFrame, dict]:
    """``frame`` with the number ``columns`` (``{column: shown label}``) as
    text for ``st.data_editor``, and their column configuration.

    Streamlit's number column shows a strength of 4 as "4.0" and always uses
    the decimal point of the browser's language; as text the editor shows
    "4" and "1,5", and the page reads the cells back the way it reads a file
    (a decimal comma or point), so what a person typed is what is checked.
    """
    shown = frame.copy()
    config = {}
    for column, label in columns.items():
        if column not in shown.columns:
            continue
        shown[column] = shown[column].map(lambda v: number_text(v, lang)).astype(object)
        config[label] = st.column_config.TextColumn(label, validate=r"^\s*\d+([.,]\d+)?\s*$")
    return shown, config
