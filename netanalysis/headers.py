"""Which column is which: a file's headers mapped to the data model.

Headers are matched in Dutch or English, ignoring case, accents and
punctuation (:func:`~netanalysis.schema.canonical_column`); headers that
mean nothing here are reported, and those that look like personal contact
data are named so the user knows they were dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .schema import canonical_column, fold

__all__ = ["PERSONAL_WORDS", "looks_personal", "map_headers"]

#: Header words of personal contact data, which the data model never keeps.
PERSONAL_WORDS = (
    "mail", "email", "e mail", "telefoon", "phone", "tel", "mobiel", "mobile", "gsm",
    "adres", "address", "straat", "street", "postcode", "zip", "huisnummer", "bsn",
    "geboortedatum", "birth", "iban",
)


def looks_personal(header: str) -> bool:
    """Whether a column header names personal contact data (e-mail, phone, address, BSN...).

    Such columns are never kept; the loader says so, to reassure.

    >>> looks_personal("E-mailadres"), looks_personal("Telefoon"), looks_personal("Thema")
    (True, True, False)
    """
    words = fold(header)
    return any(w == words or w in words.split() or (len(w) > 4 and w in words) for w in PERSONAL_WORDS)


def map_headers(table: str, headers: Iterable[Any]) -> tuple[dict[str, str], list[str], list[tuple[str, str]]]:
    """Map a file's headers to canonical columns.

    Returns
    -------
    (mapping, unknown, duplicates)
        ``mapping`` is ``{canonical key: header as written}`` (the first
        header wins), ``unknown`` the headers that mean nothing here and
        ``duplicates`` ``(header, first header)`` pairs that map to a key
        already taken.

    >>> map_headers("relations", ["Van", "Naar", "Sterkte", "E-mail"])
    ({'source': 'Van', 'target': 'Naar', 'strength': 'Sterkte'}, ['E-mail'], [])
    """
    mapping: dict[str, str] = {}
    unknown: list[str] = []
    duplicates: list[tuple[str, str]] = []
    for header in headers:
        header = str(header)
        if not header.strip() or header.startswith("Unnamed:"):
            continue
        key = canonical_column(table, header)
        if key is None:
            unknown.append(header)
        elif key in mapping:
            duplicates.append((header, mapping[key]))
        else:
            mapping[key] = header
    return mapping, unknown, duplicates
