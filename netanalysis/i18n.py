"""Dutch (default) and English strings.

Every module that produces text for people keeps its own :class:`Messages`
catalogue next to the code that uses it, so a message and the logic it
describes change together. This module holds the mechanism and the strings
shared by several modules (type labels live in :mod:`netanalysis.schema`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "Messages", "normalise_language", "join_words", "format_count", "format_decimal", "shorten"]

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


def normalise_language(lang: str | None) -> str:
    """Return a supported language code, falling back to Dutch.

    >>> normalise_language("EN")
    'en'
    >>> normalise_language("fr")
    'nl'
    """
    code = (lang or DEFAULT_LANGUAGE).strip().lower()[:2]
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


class Messages(Mapping[str, Mapping[str, str]]):
    """A catalogue of message templates in every supported language.

    Parameters
    ----------
    templates : mapping
        ``{key: {"nl": "...", "en": "..."}}``; templates use
        :meth:`str.format` fields.

    Raises
    ------
    ValueError
        If a template lacks one of the supported languages, so a missing
        translation is found when the module is imported, not in front of a
        user.

    Examples
    --------
    >>> m = Messages({"hello": {"nl": "Hallo {name}", "en": "Hello {name}"}})
    >>> m.text("hello", "en", name="Anouk")
    'Hello Anouk'
    """

    def __init__(self, templates: Mapping[str, Mapping[str, str]]):
        for key, variants in templates.items():
            missing = [lang for lang in LANGUAGES if lang not in variants]
            if missing:
                raise ValueError(f"message {key!r} lacks {missing}")
        self._templates = {k: dict(v) for k, v in templates.items()}

    def __getitem__(self, key: str) -> Mapping[str, str]:
        return self._templates[key]

    def __iter__(self):
        return iter(self._templates)

    def __len__(self) -> int:
        return len(self._templates)

    def text(self, key: str, lang: str | None = None, /, **fields) -> str:
        """The message ``key`` in ``lang``, with ``fields`` filled in."""
        template = self._templates[key][normalise_language(lang)]
        return template.format(**fields) if fields else template


_CONJUNCTION = {"nl": "en", "en": "and"}


def join_words(words: list[str], lang: str | None = None) -> str:
    """Join words as a sentence would: ``a, b and c`` / ``a, b en c``.

    >>> join_words(["Noord", "Zuid", "West"], "nl")
    'Noord, Zuid en West'
    >>> join_words(["one"], "en")
    'one'
    """
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {_CONJUNCTION[normalise_language(lang)]} {words[-1]}"


def format_decimal(value: float | None, lang: str | None = None, digits: int = 2, *, significant: bool = False) -> str:
    """A number as people in ``lang`` write it: a decimal comma and a
    thousands point in Dutch (``1.234,50``), the other way round in English;
    "–" when there is no value.

    Parameters
    ----------
    value : number or None
        Whole numbers (``int``, numpy integers) are shown whole; ``None``
        and NaN as "–".
    lang : {"nl", "en"}, optional
        Dutch when omitted.
    digits : int
        Decimals shown, or significant digits with ``significant=True``.
    significant : bool
        Round to ``digits`` significant digits instead, for values whose
        size is not known beforehand (a centrality on a hover card); from
        1,000 on the number is shown whole.

    Examples
    --------
    >>> format_decimal(1234.5, "nl"), format_decimal(1234.5, "en")
    ('1.234,50', '1,234.50')
    >>> format_decimal(0.012345, "nl", 3, significant=True), format_decimal(12345.6, "nl", 3, significant=True)
    ('0,0123', '12.346')
    >>> format_decimal(7, "nl"), format_decimal(float("nan"), "nl"), format_decimal(None)
    ('7', '–', '–')
    """
    if value is None:
        return "–"
    if isinstance(value, numbers.Integral):
        text = f"{int(value):,}"
    else:
        number = float(value)
        if math.isnan(number):
            return "–"
        if significant:
            text = f"{number:.{digits}g}" if abs(number) < 1000 else f"{number:,.0f}"
        else:
            text = f"{number:,.{digits}f}"
    return text.translate(_DUTCH_SEPARATORS) if normalise_language(lang) == "nl" else text


_DUTCH_SEPARATORS = str.maketrans(",.", ".,")


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking the cut.

    >>> shorten("Wijkraad Noord-Oost", 10), shorten("Noord", 10)
    ('Wijkraad…', 'Noord')
    """
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def format_count(count: int, lang: str | None = None) -> str:
    """A whole number with the thousands separator of ``lang``.

    >>> format_count(10000, "nl"), format_count(10000, "en"), format_count(250)
    ('10.000', '10,000', '250')
    """
    text = f"{int(count):,}"
    return text.replace(",", ".") if normalise_language(lang) == "nl" else text


# -- numbers as words ------------------------------------------------------------
# Appended at the end of the module on purpose: decimal formatting is added
# elsewhere in this file by another change, and the two must merge cleanly.

__all__ += ["number_word", "steps_text"]

# "één" with accents: the numeral, not the article "een" ("één stap").
_NUMBER_WORDS = {
    "nl": ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"),
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
}
_STEP_WORDS = {"nl": ("stap", "stappen"), "en": ("step", "steps")}


def number_word(n: int, lang: str | None = "nl") -> str:
    """A count as a word up to ten, as digits above (as a newspaper writes it).

    >>> number_word(3), number_word(3, "en"), number_word(1), number_word(12)
    ('drie', 'three', 'één', '12')
    """
    words = _NUMBER_WORDS[normalise_language(lang)]
    return words[n] if 0 <= n < len(words) else str(n)


def steps_text(steps: int, lang: str | None = "nl") -> str:
    """A number of steps between two stakeholders in words.

    >>> steps_text(3), steps_text(1, "en"), steps_text(12)
    ('drie stappen', 'one step', '12 stappen')
    """
    singular, plural = _STEP_WORDS[normalise_language(lang)]
    return f"{number_word(steps, lang)} {singular if steps == 1 else plural}"


# -- dates, sizes and chart separators ---------------------------------------------

__all__ += ["TIME_ZONE", "format_datetime", "format_date", "format_megabytes", "plotly_separators", "format_share"]

#: Every time a person reads is shown in the municipality's own zone, summer
#: time included; the store keeps UTC.
TIME_ZONE = "Europe/Amsterdam"

_DATETIME_FORMAT = {"nl": "%d-%m-%Y %H:%M", "en": "%d %b %Y %H:%M"}
_DATE_FORMAT = {"nl": "%d-%m-%Y", "en": "%d %b %Y"}


def _local(moment):
    """``moment`` (a datetime, or ISO text) in :data:`TIME_ZONE`; naive
    values are taken as UTC, as the store writes them."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment.strip().replace("Z", "+00:00"))
    if not isinstance(moment, dt.datetime):  # a date: no time to convert
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(ZoneInfo(TIME_ZONE))


def format_datetime(moment, lang: str | None = None, *, seconds: bool = False) -> str:
    """A moment as a reader in ``lang`` writes it, in Amsterdam time:
    ``dd-mm-jjjj HH:MM`` in Dutch, ``01 Dec 2026 01:09`` in English;
    "–" when there is none.

    Parameters
    ----------
    moment : datetime, ISO 8601 text or None
        Naive datetimes are read as UTC (the store's convention).

    Examples
    --------
    >>> format_datetime("2026-12-01T00:09:40+00:00", "nl")
    '01-12-2026 01:09'
    >>> format_datetime("2026-07-01T00:09:40+00:00", "en")
    '01 Jul 2026 02:09'
    >>> format_datetime(None)
    '–'

    ``seconds=True`` adds them, where the order of events matters (the audit log):

    >>> format_datetime("2026-12-01T00:09:40+00:00", "nl", seconds=True)
    '01-12-2026 01:09:40'
    """
    if moment is None or moment == "":
        return "–"
    pattern = _DATETIME_FORMAT[normalise_language(lang)]
    return _local(moment).strftime(pattern + ":%S" if seconds else pattern)


def format_date(moment, lang: str | None = None) -> str:
    """The calendar day of ``moment`` in Amsterdam: ``01-12-2026`` / ``01 Dec 2026``.

    >>> format_date("2026-11-30T23:30:00+00:00", "nl")
    '01-12-2026'
    """
    if moment is None or moment == "":
        return "–"
    return _local(moment).strftime(_DATE_FORMAT[normalise_language(lang)])


def format_megabytes(size_bytes: int, lang: str | None = None) -> str:
    """A file size in megabytes (10^6 bytes), one decimal, as ``lang`` writes it.

    >>> format_megabytes(9_200_000, "nl"), format_megabytes(9_200_000, "en")
    ('9,2 MB', '9.2 MB')
    """
    return f"{format_decimal(size_bytes / 1_000_000, lang, 1)} MB"


def format_share(fraction: float | None, lang: str | None = None, digits: int = 0) -> str:
    """A fraction as a percentage: ``0.143`` is "14%" (Dutch and English alike).

    >>> format_share(0.143), format_share(0.1437, "nl", 1), format_share(None)
    ('14%', '14,4%', '–')
    """
    if fraction is None or (isinstance(fraction, float) and math.isnan(fraction)):
        return "–"
    return f"{format_decimal(float(fraction) * 100, lang, digits)}%"


def plotly_separators(lang: str | None = None) -> str:
    """Plotly's ``layout.separators`` for ``lang``: decimal mark first, then
    the thousands mark, so every tick, hover and cell text follows the reader.

    >>> plotly_separators("nl"), plotly_separators("en")
    (',.', '.,')
    """
    return ",." if normalise_language(lang) == "nl" else ".,"


# -- the glossary ------------------------------------------------------------------

__all__ += ["GLOSSARY", "term", "explain"]

#: The words for the network's measures and roles, one place for every page,
#: chart and the report, so a term reads the same everywhere: ``{key: {"nl":
#: word, "en": word, "nl_help": plain words, "en_help": plain words}}``. The
#: explanations are what a civil servant needs to read a figure, not a
#: definition for an analyst (the method section of the report cites those).
GLOSSARY: dict[str, dict[str, str]] = {
    "broker": {
        "nl": "makelaar", "en": "broker",
        "nl_help": "Iemand die mensen en groepen verbindt die anders los van elkaar staan.",
        "en_help": "Someone who connects people and groups that would otherwise be apart.",
    },
    "connector": {
        "nl": "verbinder", "en": "connector",
        "nl_help": "Een ambtenaar die bewoners, ondernemers en initiatieven met de gemeente verbindt.",
        "en_help": "A civil servant who connects residents, businesses and initiatives with the municipality.",
    },
    "betweenness": {
        "nl": "tussenpositie", "en": "betweenness",
        "nl_help": "Hoe vaak iemand op de kortste route tussen twee anderen ligt: hoog = veel verkeer loopt via deze persoon.",
        "en_help": "How often someone lies on the shortest route between two others: high = much traffic runs through this person.",
    },
    "closeness": {
        "nl": "nabijheid", "en": "closeness",
        "nl_help": "Hoe dicht iemand bij alle anderen staat, in stappen.",
        "en_help": "How close someone is to everyone else, in steps.",
    },
    "eigenvector": {
        "nl": "eigenvector", "en": "eigenvector",
        "nl_help": "Hoe goed iemands contacten zelf verbonden zijn.",
        "en_help": "How well connected someone's contacts are themselves.",
    },
    "constraint": {
        "nl": "beperking (Burt)", "en": "constraint (Burt)",
        "nl_help": "Hoe sterk iemands contacten ook elkaar kennen: laag = iemand overbrugt gaten tussen groepen.",
        "en_help": "How much someone's contacts also know each other: low = someone spans gaps between groups.",
    },
    "effective_size": {
        "nl": "effectieve omvang", "en": "effective size",
        "nl_help": "Hoeveel contacten iemand heeft die elkaar niet al kennen.",
        "en_help": "How many contacts someone has who do not already know each other.",
    },
    "efficiency": {
        "nl": "efficiëntie", "en": "efficiency",
        "nl_help": "Welk deel van iemands contacten elkaar niet al kent.",
        "en_help": "What share of someone's contacts do not already know each other.",
    },
    "hierarchy": {
        "nl": "hiërarchie", "en": "hierarchy",
        "nl_help": "Of de beperking van één contact komt (hoog) of gelijk verdeeld is.",
        "en_help": "Whether constraint comes from one contact (high) or is spread evenly.",
    },
    "brokerage_roles": {
        "nl": "makelaarsrollen", "en": "brokerage roles",
        "nl_help": "Hoe vaak iemand tussen twee anderen staat die niet direct verbonden zijn, naar groep (Gould & Fernandez).",
        "en_help": "How often someone stands between two others who are not directly tied, by group (Gould & Fernandez).",
    },
    "coordinator": {"nl": "coördinator", "en": "coordinator",
                    "nl_help": "Verbindt twee mensen uit de eigen groep.", "en_help": "Connects two people of their own group."},
    "itinerant": {"nl": "consultant", "en": "itinerant",
                  "nl_help": "Verbindt twee mensen uit een andere groep.", "en_help": "Connects two people of another group."},
    "gatekeeper": {"nl": "poortwachter", "en": "gatekeeper",
                   "nl_help": "Laat iemand van buiten binnen in de eigen groep.", "en_help": "Lets someone from outside into their own group."},
    "representative": {"nl": "vertegenwoordiger", "en": "representative",
                       "nl_help": "Brengt iemand uit de eigen groep naar buiten.", "en_help": "Takes someone of their own group outside."},
    "liaison": {"nl": "verbindingspersoon", "en": "liaison",
                "nl_help": "Verbindt twee andere groepen dan de eigen.", "en_help": "Connects two groups other than their own."},
    "cut_point": {
        "nl": "snijpunt", "en": "cut point",
        "nl_help": "Iemand zonder wie het netwerk in stukken valt.",
        "en_help": "Someone without whom the network falls apart.",
    },
    "single_point_of_contact": {
        "nl": "enig aanspreekpunt", "en": "single point of contact",
        "nl_help": "De enige ambtenaar via wie iemand de gemeente bereikt: valt die weg, dan is het contact weg.",
        "en_help": "The only civil servant through whom someone reaches the municipality: if they leave, the contact is gone.",
    },
    "isolated_initiative": {
        "nl": "geïsoleerd initiatief", "en": "isolated initiative",
        "nl_help": "Een initiatief zonder korte route naar een ambtenaar.",
        "en_help": "An initiative without a short route to a civil servant.",
    },
    "community": {
        "nl": "gemeenschap", "en": "community",
        "nl_help": "Een groep die onderling veel meer relaties heeft dan met de rest.",
        "en_help": "A group with far more ties among themselves than with the rest.",
    },
    "density": {
        "nl": "dichtheid", "en": "density",
        "nl_help": "Het deel van alle mogelijke relaties dat er echt is: 0 is geen enkele, 1 is iedereen kent iedereen.",
        "en_help": "The share of all possible relations that actually exist: 0 is none, 1 is everyone knows everyone.",
    },
    "ei_index": {
        "nl": "E-I-index", "en": "E-I index",
        "nl_help": "Van −1 (alle relaties binnen de eigen groep: een silo) via 0 tot +1 (alle relaties naar buiten).",
        "en_help": "From −1 (all ties inside the group: a silo) through 0 to +1 (all ties outside).",
    },
    "modularity": {
        "nl": "modulariteit", "en": "modularity",
        "nl_help": "Hoe scherp het netwerk in gemeenschappen uiteenvalt: van 0 (niet) tot 1; boven 0,3 duidelijk.",
        "en_help": "How sharply the network splits into communities: from 0 (not at all) to 1; above 0.3 clearly.",
    },
}


def term(key: str, lang: str | None = None, *, capital: bool = False) -> str:
    """The word for ``key`` in :data:`GLOSSARY`, in ``lang``; ``capital`` for
    the start of a label or sentence.

    >>> term("betweenness"), term("betweenness", "en"), term("single_point_of_contact", capital=True)
    ('tussenpositie', 'betweenness', 'Enig aanspreekpunt')
    """
    word = GLOSSARY[key][normalise_language(lang)]
    return word[:1].upper() + word[1:] if capital else word


def explain(key: str, lang: str | None = None) -> str:
    """The plain explanation of ``key`` in ``lang``, for a help text beside the figure.

    >>> explain("density", "en")
    'The share of all possible relations that actually exist: 0 is none, 1 is everyone knows everyone.'
    """
    return GLOSSARY[key][f"{normalise_language(lang)}_help"]
