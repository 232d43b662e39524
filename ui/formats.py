"""Numbers in tables as the reader's language writes them.

Streamlit's own number formats follow the *browser's* locale (a Dutch page in
an English browser shows 0.78) and printf formats know only the decimal point.
A pandas Styler carries the display text per cell while the grid still sorts
on the numbers, so tables read "0,78" and sort as numbers.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netanalysis.i18n import normalise_language

__all__ = ["decimals_for", "styled_numbers", "editor_number_config"]


def decimals_for(values: pd.Series) -> int:
    """How many decimals a column needs: none for whole numbers (a strength
    4.0 reads 4), two otherwise (scores, densities, constraint)."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    if numbers.empty or (numbers == numbers.round()).all():
        return 0
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


def editor_number_config(frame: pd.DataFrame, columns: dict[str, str] | None = None) -> dict:
    """Column configuration for ``st.data_editor``: whole-number columns
    (strength, influence, interest) edited and shown without ".0"; ``columns``
    maps column names to their shown labels."""
    config = {}
    for column in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[column]) and decimals_for(frame[column]) == 0:
            label = (columns or {}).get(column)
            config[column] = st.column_config.NumberColumn(label, format="%d", step=1)
    return config
