"""The stakeholder data model: types, relation types, columns and their aliases.

Two tables describe every network, whatever the file format:

* **stakeholders** (betrokkenen): ``id``, ``name``, ``type`` and the optional
  ``organisation``, ``themes`` (a list), ``area``, ``role``, ``influence``,
  ``interest`` (1-5) and ``notes``;
* **relations** (relaties): ``source``, ``target`` (stakeholder ids), and the
  optional ``type``, ``strength`` (1-5), ``since`` (a date) and ``notes``.

Column headers and type names are accepted in Dutch or English, in any case,
with common synonyms; this module maps them to the canonical keys.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .i18n import normalise_language

__all__ = [
    "STAKEHOLDER_TYPES",
    "RELATION_TYPES",
    "STAKEHOLDER_COLUMNS",
    "RELATION_COLUMNS",
    "REQUIRED_STAKEHOLDER_COLUMNS",
    "REQUIRED_RELATION_COLUMNS",
    "STRENGTH_RANGE",
    "SCORE_RANGE",
    "DEFAULT_STRENGTH",
    "DEFAULT_RELATION_TYPE",
    "OTHER",
    "type_label",
    "relation_type_label",
    "column_label",
    "canonical_type",
    "canonical_relation_type",
    "canonical_column",
    "split_themes",
    "fold",
]

OTHER = "other"

#: Canonical stakeholder type keys, in the order the interface lists them.
STAKEHOLDER_TYPES: tuple[str, ...] = (
    "civil_servant",
    "resident",
    "business",
    "organisation",
    "initiative",
    OTHER,
)

#: Canonical relation type keys.
RELATION_TYPES: tuple[str, ...] = (
    "collaboration",
    "information",
    "funding",
    "formal",
    "informal",
    OTHER,
)

STAKEHOLDER_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "type",
    "organisation",
    "themes",
    "area",
    "role",
    "influence",
    "interest",
    "notes",
)
REQUIRED_STAKEHOLDER_COLUMNS: tuple[str, ...] = ("id", "name", "type")

RELATION_COLUMNS: tuple[str, ...] = ("source", "target", "type", "strength", "since", "notes")
REQUIRED_RELATION_COLUMNS: tuple[str, ...] = ("source", "target")

#: Inclusive bounds of a relation's strength.
STRENGTH_RANGE: tuple[float, float] = (1.0, 5.0)
#: Inclusive bounds of influence and interest.
SCORE_RANGE: tuple[float, float] = (1.0, 5.0)
#: Strength used where a file has no strength column or an empty cell: the
#: middle of the scale, so an unrated tie is neither the weakest nor the strongest.
DEFAULT_STRENGTH = 3.0
DEFAULT_RELATION_TYPE = "collaboration"

_TYPE_LABELS = {
    "civil_servant": {"nl": "ambtenaar", "en": "civil servant"},
    "resident": {"nl": "bewoner", "en": "resident"},
    "business": {"nl": "ondernemer", "en": "business"},
    "organisation": {"nl": "organisatie", "en": "organisation"},
    "initiative": {"nl": "initiatief", "en": "initiative"},
    OTHER: {"nl": "overig", "en": "other"},
}

_RELATION_TYPE_LABELS = {
    "collaboration": {"nl": "samenwerking", "en": "collaboration"},
    "information": {"nl": "informatie", "en": "information"},
    "funding": {"nl": "financiering", "en": "funding"},
    "formal": {"nl": "formeel", "en": "formal"},
    "informal": {"nl": "informeel", "en": "informal"},
    OTHER: {"nl": "overig", "en": "other"},
}

_COLUMN_LABELS = {
    "id": {"nl": "id", "en": "id"},
    "name": {"nl": "naam", "en": "name"},
    "type": {"nl": "type", "en": "type"},
    "organisation": {"nl": "organisatie", "en": "organisation"},
    "themes": {"nl": "thema's", "en": "themes"},
    "area": {"nl": "wijk", "en": "area"},
    "role": {"nl": "rol", "en": "role"},
    "influence": {"nl": "invloed", "en": "influence"},
    "interest": {"nl": "belang", "en": "interest"},
    "notes": {"nl": "notities", "en": "notes"},
    "source": {"nl": "van", "en": "source"},
    "target": {"nl": "naar", "en": "target"},
    "strength": {"nl": "sterkte", "en": "strength"},
    "since": {"nl": "sinds", "en": "since"},
    "weight": {"nl": "gewicht", "en": "weight"},
}


@functools.lru_cache(maxsize=65536)  # names and types repeat over thousands of rows
def _fold_text(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("'", "").replace("’", "")
    return re.sub(r"[^0-9a-z]+", " ", text).strip()


def fold(text: object) -> str:
    """Fold a header or type name for matching: lower case, no accents,
    no punctuation, single spaces.

    >>> fold("  Thema's ")
    'themas'
    >>> fold("Civil_Servant")
    'civil servant'
    >>> fold("Organisatie/Afdeling")
    'organisatie afdeling'
    """
    return _fold_text(str(text))


def _index(aliases: dict[str, list[str]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for key, words in aliases.items():
        for word in [key, *words]:
            folded = fold(word)
            if folded in index and index[folded] != key:
                raise ValueError(f"alias {word!r} maps to both {index[folded]} and {key}")
            index[folded] = key
    return index


_TYPE_ALIASES = _index(
    {
        "civil_servant": [
            "civil servant", "ambtenaar", "ambtenaren", "gemeente", "gemeentelijk",
            "medewerker gemeente", "gemeenteambtenaar", "government", "municipality",
            "official", "wijkregisseur", "verbinder", "beleidsmedewerker", "overheid",
        ],
        "resident": [
            "bewoner", "bewoners", "inwoner", "inwoners", "burger", "burgers", "citizen",
            "residents", "buurtbewoner", "particulier", "person",
        ],
        "business": [
            "bedrijf", "bedrijven", "ondernemer", "ondernemers", "onderneming", "company",
            "firm", "businesses", "winkelier", "zzp", "zzper", "mkb", "entrepreneur",
        ],
        "organisation": [
            "organization", "organisatie", "organisaties", "vereniging", "stichting",
            "instelling", "maatschappelijke organisatie", "ngo", "corporatie",
            "woningcorporatie", "school", "association", "foundation", "non profit",
            "welzijnsorganisatie", "club",
        ],
        "initiative": [
            "initiatief", "initiatieven", "bewonersinitiatief", "burgerinitiatief",
            "buurtinitiatief", "project", "initiatives", "collectief", "cooperatie",
        ],
        OTHER: ["overig", "anders", "onbekend", "unknown"],
    }
)

_RELATION_TYPE_ALIASES = _index(
    {
        "collaboration": ["samenwerking", "samenwerken", "werkt samen", "cooperation", "partner"],
        "information": ["informatie", "info", "informatie uitwisseling", "advies", "advice", "contact"],
        "funding": ["financiering", "subsidie", "geld", "grant", "financial", "sponsor"],
        "formal": ["formeel", "contract", "opdracht", "hierarchy", "hierarchie", "official tie"],
        "informal": ["informeel", "vriendschap", "friendship", "kennis", "acquaintance"],
        OTHER: ["overig", "anders", "onbekend", "unknown"],
    }
)

_STAKEHOLDER_COLUMN_ALIASES = _index(
    {
        "id": ["identifier", "code", "nummer", "nr", "key", "sleutel", "node id", "element id"],
        "name": ["naam", "label", "titel", "title", "volledige naam", "full name", "node label", "node name", "element"],
        "type": [
            "soort", "categorie", "category", "stakeholder type", "kind", "groep", "group",
            "node type", "element type", "soort betrokkene", "type betrokkene",
        ],
        "organisation": [
            "organization", "organisatie", "afdeling", "department", "werkgever", "employer",
            "organisatie afdeling", "affiliation",
        ],
        "themes": ["theme", "thema", "themas", "onderwerpen", "topics", "tags"],
        "area": ["wijk", "buurt", "gebied", "district", "neighbourhood", "neighborhood", "kern"],
        "role": ["rol", "functie", "function", "position"],
        "influence": ["invloed", "macht", "power"],
        "interest": ["belang", "interesse", "betrokkenheid"],
        "notes": ["note", "notities", "notitie", "opmerkingen", "opmerking", "toelichting", "comments", "description", "beschrijving"],
    }
)

_RELATION_COLUMN_ALIASES = _index(
    {
        "source": [
            "bron", "van", "from", "stakeholder 1", "betrokkene 1", "source id", "source name", "source label",
            "from name", "origin", "origine", "sender", "ego",
        ],
        "target": [
            "doel", "naar", "to", "stakeholder 2", "betrokkene 2", "target id", "target name", "target label",
            "to name", "destination", "bestemming", "receiver", "alter",
        ],
        "type": [
            "soort", "relatietype", "relation type", "relatie", "kind", "label", "relationship type",
            "relationship", "connection type", "interaction", "relationtype", "soort relatie",
        ],
        "strength": ["sterkte", "intensiteit", "intensity", "tie strength"],
        # A weight on any positive scale (counts, 0-1): rescaled to a strength.
        "weight": ["gewicht", "count", "aantal", "frequency", "frequentie", "nombre", "value", "waarde"],
        "since": [
            "sinds", "vanaf", "datum", "date", "start", "begindatum", "start date", "collaboration date",
            "year established", "established", "opgericht", "startjaar", "start year",
        ],
        "notes": ["note", "notities", "notitie", "opmerkingen", "opmerking", "toelichting", "comments", "description"],
    }
)

_COLUMN_INDEX = {"stakeholders": _STAKEHOLDER_COLUMN_ALIASES, "relations": _RELATION_COLUMN_ALIASES}


def canonical_column(table: str, header: object) -> str | None:
    """The canonical column key for a header, or ``None`` if unknown.

    Parameters
    ----------
    table : {"stakeholders", "relations"}
    header : object
        The header as found in the file.

    Examples
    --------
    >>> canonical_column("stakeholders", "Wijk")
    'area'
    >>> canonical_column("relations", "Sterkte"), canonical_column("relations", "Gewicht")
    ('strength', 'weight')
    >>> canonical_column("stakeholders", "telefoon") is None
    True
    """
    return _COLUMN_INDEX[table].get(fold(header))


def canonical_type(value: object) -> tuple[str, bool]:
    """Map a stakeholder type as written to its canonical key.

    Returns
    -------
    (key, known) : tuple
        ``known`` is False when the value was not recognised and ``key`` is
        then ``"other"``.

    Examples
    --------
    >>> canonical_type("Gemeente")
    ('civil_servant', True)
    >>> canonical_type("Stichting")
    ('organisation', True)
    >>> canonical_type("Bewonersinitiatief")
    ('initiative', True)
    >>> canonical_type("ruimtevaart")
    ('other', False)
    """
    key = _TYPE_ALIASES.get(fold(value))
    return (key, True) if key else (OTHER, False)


def canonical_relation_type(value: object) -> tuple[str, bool]:
    """Map a relation type as written to its canonical key (see :func:`canonical_type`).

    >>> canonical_relation_type("Subsidie")
    ('funding', True)
    """
    key = _RELATION_TYPE_ALIASES.get(fold(value))
    return (key, True) if key else (OTHER, False)


def type_label(key: str, lang: str | None = None) -> str:
    """The label of a stakeholder type in ``lang``.

    >>> type_label("civil_servant", "nl")
    'ambtenaar'
    """
    return _TYPE_LABELS.get(key, _TYPE_LABELS[OTHER])[normalise_language(lang)]


def relation_type_label(key: str, lang: str | None = None) -> str:
    """The label of a relation type in ``lang``.

    >>> relation_type_label("funding", "en")
    'funding'
    """
    return _RELATION_TYPE_LABELS.get(key, _RELATION_TYPE_LABELS[OTHER])[normalise_language(lang)]


def column_label(key: str, lang: str | None = None) -> str:
    """The label of a canonical column in ``lang`` (the key itself if unknown).

    >>> column_label("area", "nl")
    'wijk'
    """
    labels = _COLUMN_LABELS.get(key)
    return labels[normalise_language(lang)] if labels else key


def split_themes(value: object) -> list[str]:
    """Split a themes cell into a clean list.

    Accepts ``;``, ``,``, ``|`` or newlines as separators (a Dutch CSV uses
    ``;`` between fields, so themes inside a cell are often comma separated),
    and lists. Duplicates are dropped, order kept.

    >>> split_themes("groen; Jeugd ;groen")
    ['groen', 'Jeugd']
    >>> split_themes(None)
    []
    >>> split_themes(["wonen", " armoede "])
    ['wonen', 'armoede']
    """
    if value is None:
        return []
    if isinstance(value, float) and value != value:  # NaN
        return []
    parts = value if isinstance(value, (list, tuple, set)) else re.split(r"[;,|\n]", str(value))
    seen: dict[str, None] = {}
    for part in parts:
        if part is None:
            continue
        theme = str(part).strip()
        if theme and theme not in seen:
            seen[theme] = None
    return list(seen)
