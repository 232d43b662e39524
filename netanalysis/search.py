"""Search that forgives how a name is typed: case, accents and the ĳ ligature.

Dutch names are written with diacritics (Zoë, Jiří) and sometimes with the
single character "ĳ" (U+0133) that old systems and the demo use for "ij".
A civil servant types "Joost van Dijk" or "zoe"; both must find the person.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

__all__ = ["fold_text", "matches", "matching_positions"]

# Letters that NFKD does not split into a base letter and a combining mark.
_EXTRA_FOLDS = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i"})


def fold_text(text: object) -> str:
    """``text`` reduced to what a search compares: compatibility forms
    decomposed (NFKC turns "ĳ" into "ij", "ﬁ" into "fi"), case folded, accents
    removed and runs of white space made one space.

    Parameters
    ----------
    text : object
        Anything; ``None`` folds to "".

    Returns
    -------
    str

    References
    ----------
    .. [1] The Unicode Consortium. Unicode Standard Annex #15: Unicode
       Normalization Forms. https://unicode.org/reports/tr15/
    .. [2] The Unicode Consortium. The Unicode Standard, section 5.18 "Case
       Mappings" (default case folding).

    Examples
    --------
    >>> fold_text("Joost van Dĳk"), fold_text("ZOË"), fold_text("  Ærø   Strand ")
    ('joost van dijk', 'zoe', 'aero strand')
    """
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    decomposed = unicodedata.normalize("NFKD", folded)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.translate(_EXTRA_FOLDS).split())


def matches(query: object, text: object) -> bool:
    """Whether every word of ``query`` occurs in ``text``, both folded; an
    empty query matches everything.

    >>> matches("joost dijk", "Joost van Dĳk"), matches("Zoe", "Zoë de Vries"), matches("Anna", "Zoë")
    (True, True, False)
    """
    haystack = fold_text(text)
    return all(word in haystack for word in fold_text(query).split())


def matching_positions(query: object, texts: Iterable[object]) -> list[int]:
    """The positions in ``texts`` that :func:`matches` ``query``.

    >>> matching_positions("dijk", ["Joost van Dĳk", "Zoë", "Dijkstra"])
    [0, 2]
    """
    return [i for i, text in enumerate(texts) if matches(query, text)]


__all__ += ["searchable_label"]


def searchable_label(text: object) -> str:
    """``text`` in its compatibility form, for a label that the browser's own
    search box filters: Streamlit's select box ignores accents but not the
    "ĳ" ligature, so "Dĳk" is shown as the identical-looking "Dijk".

    >>> searchable_label("Joost van Dĳk"), searchable_label("Zoë")
    ('Joost van Dijk', 'Zoë')
    """
    return unicodedata.normalize("NFKC", "" if text is None else str(text))
