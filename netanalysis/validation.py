"""Validation of user tables: every problem, with its file, row and column.

Users bring their own spreadsheets. When something is wrong they need the
complete list of what to fix, located the way their spreadsheet program
shows it (the header is row 1, so the first data row is row 2), in Dutch or
English, and nothing half-loaded. :func:`validate_tables` turns two tables
of raw text cells, with the file's own headers, into a
:class:`LoadResult`: a :class:`~netanalysis.network.StakeholderNetwork`
when there are no errors, and the list of :class:`Problem` s either way.

:func:`validate_stakeholder` and :func:`validate_relation` check a single
new record with the same rules, for the data editor and the workshop form.

Errors (nothing is loaded): a missing required column, an empty or
duplicate id, a relation with an empty end, to an unknown id or to itself,
a strength, influence or interest that is not a number or lies outside
1-5, a date that cannot be read, and any file that cannot be read at all.

Warnings (loaded anyway): an unknown stakeholder or relation type (kept as
``other``), a relation listed twice (merged), missing optional columns, an
empty strength (:data:`~netanalysis.schema.DEFAULT_STRENGTH` is used), an
empty name (the id is used) and columns that are not part of the data model
(dropped, so e-mail addresses and phone numbers are never kept).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .i18n import Messages, join_words, normalise_language
from .network import StakeholderNetwork
from .schema import (
    DEFAULT_RELATION_TYPE,
    DEFAULT_STRENGTH,
    OTHER,
    RELATION_COLUMNS,
    RELATION_TYPES,
    REQUIRED_RELATION_COLUMNS,
    REQUIRED_STAKEHOLDER_COLUMNS,
    SCORE_RANGE,
    STAKEHOLDER_COLUMNS,
    STAKEHOLDER_TYPES,
    STRENGTH_RANGE,
    canonical_column,
    canonical_relation_type,
    canonical_type,
    column_label,
    fold,
    relation_type_label,
    split_themes,
    type_label,
)

__all__ = [
    "ERROR",
    "WARNING",
    "Problem",
    "LoadResult",
    "MESSAGES",
    "validate_tables",
    "validate_stakeholder",
    "validate_relation",
    "parse_number",
    "parse_date",
    "map_headers",
]

ERROR = "error"
WARNING = "warning"

MESSAGES = Messages(
    {
        # -- errors ------------------------------------------------------------
        "missing_column": {
            "nl": "De verplichte kolom '{expected}' ontbreekt. Voeg een kolom met de kop '{expected}' toe.",
            "en": "The required column '{expected}' is missing. Add a column headed '{expected}'.",
        },
        "empty_id": {
            "nl": "Deze betrokkene heeft geen id. Vul een unieke id in (bijvoorbeeld een nummer of korte code).",
            "en": "This stakeholder has no id. Fill in a unique id (for example a number or short code).",
        },
        "duplicate_id": {
            "nl": "De id '{value}' komt al voor in rij {first_row}. Geef elke betrokkene een eigen id.",
            "en": "The id '{value}' already appears in row {first_row}. Give every stakeholder its own id.",
        },
        "empty_endpoint": {
            "nl": "Deze relatie mist een betrokkene in kolom '{column}'. Vul de id van een betrokkene in of verwijder de rij.",
            "en": "This relation lacks a stakeholder in column '{column}'. Fill in a stakeholder's id or delete the row.",
        },
        "unknown_id": {
            "nl": "Er is geen betrokkene met id '{value}'. Voeg die betrokkene toe of verbeter de id.{hint}",
            "en": "There is no stakeholder with id '{value}'. Add that stakeholder or correct the id.{hint}",
        },
        "self_loop": {
            "nl": "Deze relatie verbindt '{value}' met zichzelf. Verbeter de bron of het doel, of verwijder de rij.",
            "en": "This relation connects '{value}' to itself. Correct the source or target, or delete the row.",
        },
        "not_a_number": {
            "nl": "'{value}' is geen getal. Vul een getal van {low} tot en met {high} in (bijvoorbeeld 3 of 2,5) of laat de cel leeg.",
            "en": "'{value}' is not a number. Fill in a number from {low} to {high} (for example 3 or 2.5) or leave the cell empty.",
        },
        "out_of_range": {
            "nl": "{value} ligt buiten de schaal {low} tot en met {high}. Vul een getal van {low} tot en met {high} in.",
            "en": "{value} lies outside the scale {low} to {high}. Fill in a number from {low} to {high}.",
        },
        "bad_date": {
            "nl": "'{value}' is geen datum. Schrijf de datum als dd-mm-jjjj (bijvoorbeeld 31-12-2024) of jjjj-mm-dd.",
            "en": "'{value}' is not a date. Write the date as yyyy-mm-dd (for example 2024-12-31) or dd-mm-yyyy.",
        },
        "unreadable_file": {
            "nl": "Dit bestand kan niet worden gelezen: {reason}",
            "en": "This file cannot be read: {reason}",
        },
        "ragged_row": {
            "nl": "Deze rij heeft {found} cellen, de kopregel {expected}. Controleer scheidingstekens en aanhalingstekens in deze rij.",
            "en": "This row has {found} cells, the header {expected}. Check the delimiters and quotes in this row.",
        },
        "too_large": {
            "nl": "Het bestand is {size} MB; het maximum is {limit} MB. Splits het bestand of verwijder overbodige kolommen.",
            "en": "The file is {size} MB; the limit is {limit} MB. Split the file or remove unneeded columns.",
        },
        "unsafe_xml": {
            "nl": "Het bestand bevat een DTD of XML-entiteiten; die worden om veiligheidsredenen geweigerd. Exporteer opnieuw zonder DOCTYPE.",
            "en": "The file contains a DTD or XML entities, which are refused for safety. Export it again without a DOCTYPE.",
        },
        "zip_bomb": {
            "nl": "Het werkboek pakt uit tot {size} MB (maximum {limit} MB); het wordt geweigerd. Sla het opnieuw op in Excel.",
            "en": "The workbook unpacks to {size} MB (limit {limit} MB) and is refused. Save it again from Excel.",
        },
        "unknown_format": {
            "nl": "Onbekend bestandstype '{value}'. Gebruik .csv (twee bestanden), .xlsx, .graphml, .gexf of .json.",
            "en": "Unknown file type '{value}'. Use .csv (two files), .xlsx, .graphml, .gexf or .json.",
        },
        "wrong_file_count": {
            "nl": "Kies één bestand (.xlsx, .graphml, .gexf, .json) of twee CSV-bestanden: betrokkenen en relaties. Nu gekozen: {value}.",
            "en": "Choose one file (.xlsx, .graphml, .gexf, .json) or two CSV files: stakeholders and relations. Chosen now: {value}.",
        },
        "which_csv": {
            "nl": "Niet duidelijk welk CSV-bestand de betrokkenen en welk de relaties bevat. Het relatiebestand heeft de kolommen 'van' en 'naar'.",
            "en": "It is unclear which CSV file holds the stakeholders and which the relations. The relations file has the columns 'source' and 'target'.",
        },
        "missing_sheet": {
            "nl": "Het werkboek mist het tabblad '{expected}'. Noem de tabbladen 'Betrokkenen' en 'Relaties' (of 'Stakeholders' en 'Relations').",
            "en": "The workbook lacks the sheet '{expected}'. Name the sheets 'Stakeholders' and 'Relations' (or 'Betrokkenen' and 'Relaties').",
        },
        "undeclared_node": {
            "nl": "Een verbinding noemt knoop '{value}', maar die knoop staat niet in het bestand. Exporteer het netwerk opnieuw met alle knopen.",
            "en": "An edge names node '{value}', but the file does not declare that node. Export the network again with all nodes.",
        },
        "bad_json": {
            "nl": "Dit is geen Netwerkkaart-bestand: {reason}",
            "en": "This is not a Netwerkkaart file: {reason}",
        },
        # reasons of unreadable_file (params "reason_key"); other reasons are library text
        "reason_encoding": {
            "nl": "onbekende tekstcodering. Sla het bestand op als 'CSV UTF-8'.",
            "en": "unknown text encoding. Save the file as 'CSV UTF-8'.",
        },
        "reason_binary": {
            "nl": "het bevat binaire gegevens, geen tekst. Kies het CSV-bestand zelf.",
            "en": "it holds binary data, not text. Choose the CSV file itself.",
        },
        "reason_json_format": {
            "nl": 'het veld "format": "netwerkkaart" ontbreekt. Kies een bestand dat met Netwerkkaart is opgeslagen.',
            "en": 'the field "format": "netwerkkaart" is missing. Choose a file saved by Netwerkkaart.',
        },
        "reason_json_version": {
            "nl": "versie {version} wordt niet ondersteund (verwacht 1). Werk Netwerkkaart bij.",
            "en": "version {version} is not supported (expected 1). Update Netwerkkaart.",
        },
        "reason_json_lists": {
            "nl": '"{key}" moet een lijst van objecten zijn.',
            "en": '"{key}" must be a list of objects.',
        },
        "reason_empty": {"nl": "het bestand is leeg.", "en": "the file is empty."},
        "reason_not_xlsx": {
            "nl": "het is geen Excel-werkboek (.xlsx); misschien is het met een wachtwoord beveiligd. Sla het op als .xlsx zonder wachtwoord.",
            "en": "it is not an Excel workbook (.xlsx); it may be protected by a password. Save it as .xlsx without a password.",
        },
        # -- warnings ----------------------------------------------------------
        "unknown_type": {
            "nl": "Onbekend type '{value}'; de betrokkene is als 'overig' geladen. Gebruik {choices}.",
            "en": "Unknown type '{value}'; the stakeholder was loaded as 'other'. Use {choices}.",
        },
        "empty_type": {
            "nl": "Type is leeg; de betrokkene is als 'overig' geladen. Vul {choices} in.",
            "en": "The type is empty; the stakeholder was loaded as 'other'. Fill in {choices}.",
        },
        "no_type_column": {
            "nl": "Het bestand geeft de betrokkenen geen type; allemaal geladen als 'overig'. Voeg een knoopkenmerk 'type' toe.",
            "en": "The file gives the stakeholders no type; all were loaded as 'other'. Add a node attribute 'type'.",
        },
        "unknown_relation_type": {
            "nl": "Onbekend relatietype '{value}'; geladen als 'overig'. Gebruik {choices}.",
            "en": "Unknown relation type '{value}'; loaded as 'other'. Use {choices}.",
        },
        "duplicate_relation": {
            "nl": "Deze relatie ({source} - {target}, {relation_type}) staat ook in rij {first_row}; de twee zijn samengevoegd. Verwijder een van beide.",
            "en": "This relation ({source} - {target}, {relation_type}) also appears in row {first_row}; the two were merged. Delete one of them.",
        },
        "missing_optional_columns": {
            "nl": "De kolommen {columns} ontbreken; die blijven leeg. Voeg ze toe als u die gegevens hebt.",
            "en": "The columns {columns} are missing and stay empty. Add them if you have that information.",
        },
        "no_strengths": {
            "nl": "Er is geen kolom 'sterkte': alle relaties krijgen sterkte {default}. Voeg een kolom 'sterkte' (1-5) toe om relaties te wegen.",
            "en": "There is no 'strength' column: every relation gets strength {default}. Add a 'strength' column (1-5) to weigh relations.",
        },
        "empty_strength": {
            "nl": "Sterkte is leeg; {default} gebruikt. Vul een getal van 1 tot en met 5 in.",
            "en": "The strength is empty; {default} was used. Fill in a number from 1 to 5.",
        },
        "empty_name": {
            "nl": "Naam is leeg; de id '{value}' wordt als naam gebruikt. Vul een naam in.",
            "en": "The name is empty; the id '{value}' is used as the name. Fill in a name.",
        },
        "unknown_columns": {
            "nl": "De kolommen {columns} horen niet bij het gegevensmodel en zijn niet geladen. Hernoem ze als ze wel bedoeld zijn.",
            "en": "The columns {columns} are not part of the data model and were not loaded. Rename them if they were meant.",
        },
        "personal_columns": {
            "nl": "De kolommen {columns} lijken contactgegevens (e-mail, telefoon, adres); die worden om privacyredenen nooit bewaard. Verwijder ze uit het bestand.",
            "en": "The columns {columns} look like contact details (e-mail, phone, address); for privacy they are never kept. Remove them from the file.",
        },
        "duplicate_column": {
            "nl": "De kolom '{column}' betekent hetzelfde als '{first}'; alleen '{first}' is gebruikt. Verwijder of hernoem een van beide.",
            "en": "The column '{column}' means the same as '{first}'; only '{first}' was used. Delete or rename one of them.",
        },
        "hidden_sheet": {
            "nl": "Het verborgen tabblad '{value}' is genegeerd.",
            "en": "The hidden sheet '{value}' was ignored.",
        },
    }
)

#: Codes whose ``params`` carry a canonical column key in ``expected``.
_LABELLED = {"missing_column"}

_PERSONAL_WORDS = (
    "mail", "email", "e mail", "telefoon", "phone", "tel", "mobiel", "mobile", "gsm",
    "adres", "address", "straat", "street", "postcode", "zip", "huisnummer", "bsn",
    "geboortedatum", "birth", "iban",
)


def _looks_personal(header: str) -> bool:
    words = fold(header)
    return any(w == words or w in words.split() or (len(w) > 4 and w in words) for w in _PERSONAL_WORDS)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file.

    Parameters
    ----------
    severity : {"error", "warning"}
        Errors stop the load; warnings are reported and the data loads.
    code : str
        A stable key (see :data:`MESSAGES`), for tests and programs.
    file : str
        The file (and sheet) as the user knows it.
    row : int or None
        The row as the spreadsheet program shows it (header = row 1).
    column : str or None
        The column header as written in the file.
    params : dict
        Values for the message (the offending value, limits, ...).

    Examples
    --------
    >>> p = Problem("error", "self_loop", "relaties.csv", 4, "naar", {"value": "a1"})
    >>> p.message("en")
    "This relation connects 'a1' to itself. Correct the source or target, or delete the row."
    >>> p.location("nl")
    "relaties.csv, rij 4, kolom 'naar'"
    """

    severity: str
    code: str
    file: str = ""
    row: int | None = None
    column: str | None = None
    params: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def message(self, lang: str | None = None) -> str:
        """What is wrong and how to fix it, in ``lang`` (Dutch by default)."""
        lang = normalise_language(lang)
        fields: dict[str, Any] = {"column": self.column or "", "value": "", "hint": ""}
        for key, value in self.params.items():
            if isinstance(value, (list, tuple)):
                value = join_words([f"'{v}'" for v in value], lang)
            fields[key] = value
        if self.code == "missing_optional_columns":
            fields["columns"] = join_words([f"'{column_label(k, lang)}'" for k in self.params.get("columns", ())], lang)
        if "reason_key" in self.params:
            extra = {k: v for k, v in self.params.items() if k != "reason_key"}
            fields["reason"] = MESSAGES.text(f"reason_{self.params['reason_key']}", lang, **extra)
        if self.code in _LABELLED:
            fields["expected"] = column_label(str(self.params.get("expected", "")), lang)
        if self.code in {"unknown_type", "empty_type"}:
            fields["choices"] = _choices("stakeholders", lang)
        if self.code == "unknown_relation_type":
            fields["choices"] = _choices("relations", lang)
        if self.code == "unknown_id" and self.params.get("hint_id"):
            fields["hint"] = (
                f" Bedoelt u '{self.params['hint_id']}'?" if lang == "nl" else f" Did you mean '{self.params['hint_id']}'?"
            )
        if self.code == "duplicate_relation":
            fields["relation_type"] = relation_type_label(str(self.params.get("relation_type")), lang)
        return MESSAGES.text(self.code, lang, **fields)

    def location(self, lang: str | None = None) -> str:
        """Where the problem is, e.g. ``relaties.csv, rij 4, kolom 'naar'``."""
        lang = normalise_language(lang)
        parts = [self.file] if self.file else []
        if self.row is not None:
            parts.append(f"{'rij' if lang == 'nl' else 'row'} {self.row}")
        if self.column:
            parts.append(f"{'kolom' if lang == 'nl' else 'column'} '{self.column}'")
        return ", ".join(parts)

    def located(self, lang: str | None = None) -> str:
        """The message preceded by its location."""
        where = self.location(lang)
        return f"{where}: {self.message(lang)}" if where else self.message(lang)


def _choices(table: str, lang: str) -> str:
    """The valid type labels as a sentence: 'a', 'b' or 'c'."""
    if table == "stakeholders":
        labels = [type_label(t, lang) for t in STAKEHOLDER_TYPES if t != OTHER]
    else:
        labels = [relation_type_label(t, lang) for t in RELATION_TYPES if t != OTHER]
    quoted = [f"'{label}'" for label in labels]
    return f"{', '.join(quoted[:-1])} {'of' if lang == 'nl' else 'or'} {quoted[-1]}"


@dataclass(frozen=True)
class LoadResult:
    """The outcome of loading or validating: a network and its problems.

    ``network`` is None whenever there is at least one error: a file is
    loaded completely or not at all.
    """

    network: StakeholderNetwork | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def ok(self) -> bool:
        """True when a network was loaded (warnings allowed)."""
        return self.network is not None and not self.errors

    @classmethod
    def failed(cls, problems: Iterable[Problem]) -> "LoadResult":
        """A result without a network."""
        return cls(None, list(problems))

    def with_problems(self, extra: Iterable[Problem], *, first: bool = True) -> "LoadResult":
        """This result with more problems; the network is dropped if any is an error."""
        extra = list(extra)
        problems = extra + self.problems if first else self.problems + extra
        network = None if any(p.is_error for p in problems) else self.network
        return LoadResult(network, problems)

    def problems_table(self, lang: str | None = None) -> pd.DataFrame:
        """The problems as a table for the interface: errors first, then by file and row.

        Columns ``file``, ``row``, ``column``, ``severity`` (translated) and
        ``message``; ``row`` is a nullable integer.
        """
        lang = normalise_language(lang)
        label = {ERROR: {"nl": "fout", "en": "error"}, WARNING: {"nl": "waarschuwing", "en": "warning"}}
        ordered = sorted(
            enumerate(self.problems),
            key=lambda ip: (not ip[1].is_error, ip[1].file, ip[1].row if ip[1].row is not None else 0, ip[0]),
        )
        rows = [
            {
                "file": p.file,
                "row": p.row,
                "column": p.column or "",
                "severity": label[p.severity][lang],
                "message": p.message(lang),
            }
            for _, p in ordered
        ]
        frame = pd.DataFrame(rows, columns=["file", "row", "column", "severity", "message"])
        frame["row"] = frame["row"].astype("Int64")
        return frame


# -- parsing cells ------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")


def _cell(value: Any) -> str | None:
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
    cell = _cell(text)
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
    cell = _cell(text)
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


# Type cells repeat a handful of values over thousands of rows.
_canonical_type = functools.lru_cache(maxsize=1024)(canonical_type)
_canonical_relation_type = functools.lru_cache(maxsize=1024)(canonical_relation_type)


# -- headers ------------------------------------------------------------------


def map_headers(table: str, headers: Iterable[Any]) -> tuple[dict[str, str], list[str], list[tuple[str, str]]]:
    """Map a file's headers to canonical columns.

    Returns
    -------
    (mapping, unknown, duplicates)
        ``mapping`` is ``{canonical key: header as written}`` (the first
        header wins), ``unknown`` the headers that mean nothing here and
        ``duplicates`` ``(header, first header)`` pairs that map to a key
        already taken.

    >>> map_headers("relations", ["Van", "Naar", "Gewicht", "E-mail"])
    ({'source': 'Van', 'target': 'Naar', 'strength': 'Gewicht'}, ['E-mail'], [])
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


# -- single records -----------------------------------------------------------


class _Sink:
    """Collects problems for one file with its location conventions."""

    def __init__(self, file: str, headers: Mapping[str, str]):
        self.file = file
        self.headers = headers
        self.problems: list[Problem] = []

    def add(self, severity: str, code: str, row: int | None, key: str | None = None, **params: Any) -> None:
        column = self.headers.get(key, key) if key else None
        self.problems.append(Problem(severity, code, self.file, row, column, params))


def _score(cells: Mapping[str, Any], key: str, bounds: tuple[float, float], sink: _Sink, row: int | None) -> float:
    raw = _cell(cells.get(key))
    if raw is None:
        return math.nan
    number = parse_number(raw)
    low, high = bounds
    if number is None:
        sink.add(ERROR, "not_a_number", row, key, value=raw[:60], low=f"{low:g}", high=f"{high:g}")
        return math.nan
    if not low <= number <= high:
        sink.add(ERROR, "out_of_range", row, key, value=raw[:60], low=f"{low:g}", high=f"{high:g}")
        return math.nan
    return number


def _stakeholder_record(cells: Mapping[str, Any], sink: _Sink, row: int | None) -> dict:
    """Validate one stakeholder's cells (canonical keys); return the clean record.

    Empty-name and empty-type warnings come only for cells that exist: a
    missing column is reported once, not on every row.
    """
    ident = _cell(cells.get("id"))
    if ident is None:
        sink.add(ERROR, "empty_id", row, "id")
    name = _cell(cells.get("name"))
    if name is None and ident is not None:
        if "name" in cells:
            sink.add(WARNING, "empty_name", row, "name", value=ident)
        name = ident
    raw_type = _cell(cells.get("type"))
    kind = OTHER
    if raw_type is None:
        if "type" in cells:
            sink.add(WARNING, "empty_type", row, "type")
    else:
        kind, known = _canonical_type(raw_type)
        if not known:
            sink.add(WARNING, "unknown_type", row, "type", value=raw_type[:60])
    return {
        "id": ident,
        "name": name,
        "type": kind,
        "organisation": _cell(cells.get("organisation")),
        "themes": split_themes(_cell(cells.get("themes"))),
        "area": _cell(cells.get("area")),
        "role": _cell(cells.get("role")),
        "influence": _score(cells, "influence", SCORE_RANGE, sink, row),
        "interest": _score(cells, "interest", SCORE_RANGE, sink, row),
        "notes": _cell(cells.get("notes")),
    }


def _relation_record(cells: Mapping[str, Any], sink: _Sink, row: int | None, *, known: Mapping[str, Any] | None, names: Mapping[str, str] | None = None) -> dict | None:
    """Validate one relation's cells; return the clean record or None if it cannot load."""
    ends = {}
    fine = True
    for key in ("source", "target"):
        value = _cell(cells.get(key))
        ends[key] = value
        if value is None:
            sink.add(ERROR, "empty_endpoint", row, key)
            fine = False
        elif known is not None and value not in known:
            hint = (names or {}).get(fold(value))
            sink.add(ERROR, "unknown_id", row, key, value=value[:60], **({"hint_id": hint} if hint else {}))
            fine = False
    if ends["source"] is not None and ends["source"] == ends["target"]:
        sink.add(ERROR, "self_loop", row, "target", value=ends["source"][:60])
        fine = False
    raw_type = _cell(cells.get("type"))
    kind = DEFAULT_RELATION_TYPE
    if raw_type is not None:
        kind, recognised = _canonical_relation_type(raw_type)
        if not recognised:
            sink.add(WARNING, "unknown_relation_type", row, "type", value=raw_type[:60])
    raw_strength = _cell(cells.get("strength"))
    strength = DEFAULT_STRENGTH
    if raw_strength is None:
        if "strength" in sink.headers:
            sink.add(WARNING, "empty_strength", row, "strength", default=f"{DEFAULT_STRENGTH:g}")
    else:
        strength = _score(cells, "strength", STRENGTH_RANGE, sink, row)
        if math.isnan(strength):
            fine = False
    raw_since = _cell(cells.get("since"))
    since = None
    if raw_since is not None:
        since = parse_date(raw_since)
        if since is None:
            sink.add(ERROR, "bad_date", row, "since", value=raw_since[:60])
            fine = False
    record = {**ends, "type": kind, "strength": strength, "since": since, "notes": _cell(cells.get("notes"))}
    return record if fine else None


def validate_stakeholder(
    record: Mapping[str, Any], *, existing_ids: Iterable[str] = ()
) -> tuple[dict | None, list[Problem]]:
    """Check one new stakeholder (canonical keys), e.g. from the data editor.

    Returns
    -------
    (clean, problems)
        ``clean`` is the record ready for
        :meth:`StakeholderNetwork.with_stakeholders`, or None when there is
        an error. ``problems`` have no file or row; their column is the
        canonical key.

    >>> clean, problems = validate_stakeholder({"id": "b1", "name": "Bakkerij", "type": "ondernemer", "influence": "4,5"})
    >>> clean["type"], clean["influence"], problems
    ('business', 4.5, [])
    >>> validate_stakeholder({"id": "b1", "name": "X", "type": "bewoner"}, existing_ids=["b1"])[1][0].code
    'duplicate_id'
    """
    sink = _Sink("", {})
    clean = _stakeholder_record(record, sink, None)
    if clean["id"] is not None and clean["id"] in {str(i) for i in existing_ids}:
        sink.add(ERROR, "duplicate_id", None, "id", value=clean["id"], first_row="-")
    errors = any(p.is_error for p in sink.problems)
    return (None if errors else clean), sink.problems


def validate_relation(
    record: Mapping[str, Any], *, known_ids: Iterable[str]
) -> tuple[dict | None, list[Problem]]:
    """Check one new relation (canonical keys) against the known stakeholder ids.

    >>> validate_relation({"source": "a", "target": "b", "strength": "2,5", "since": "01-03-2020"}, known_ids=["a", "b"])
    ({'source': 'a', 'target': 'b', 'type': 'collaboration', 'strength': 2.5, 'since': '2020-03-01', 'notes': None}, [])
    >>> [p.code for p in validate_relation({"source": "a", "target": "a"}, known_ids=["a"])[1]]
    ['self_loop']
    """
    sink = _Sink("", {})
    clean = _relation_record(record, sink, None, known=dict.fromkeys(str(i) for i in known_ids))
    return clean, sink.problems


# -- whole tables -------------------------------------------------------------


def _rows(frame: pd.DataFrame, mapping: Mapping[str, str], row_offset: int):
    """Yield (spreadsheet row, cells by canonical key), skipping blank rows."""
    positions = {key: list(frame.columns).index(header) for key, header in mapping.items()}
    for i, values in enumerate(frame.itertuples(index=False, name=None)):
        cells = {key: values[pos] for key, pos in positions.items()}
        if all(_cell(v) is None for v in values):
            continue
        yield i + row_offset, cells


def _header_problems(
    table: str, frame: pd.DataFrame, sink: _Sink, header_row: int | None, *, report_optional: bool = True
) -> tuple[dict[str, str], bool]:
    """Check the headers; the bool says whether the rows cannot be checked at all."""
    mapping, unknown, duplicates = map_headers(table, frame.columns)
    sink.headers = mapping
    required = REQUIRED_STAKEHOLDER_COLUMNS if table == "stakeholders" else REQUIRED_RELATION_COLUMNS
    every = STAKEHOLDER_COLUMNS if table == "stakeholders" else RELATION_COLUMNS
    for key in required:
        if key not in mapping:
            sink.add(ERROR, "missing_column", header_row, None, expected=key)
    optional = [k for k in every if k not in required and k not in mapping]
    if optional and report_optional:
        sink.add(WARNING, "missing_optional_columns", header_row, None, columns=optional)
    personal = [h for h in unknown if _looks_personal(h)]
    other = [h for h in unknown if h not in personal]
    if personal:
        sink.add(WARNING, "personal_columns", header_row, None, columns=personal)
    if other:
        sink.add(WARNING, "unknown_columns", header_row, None, columns=other)
    for header, first in duplicates:
        sink.problems.append(Problem(WARNING, "duplicate_column", sink.file, header_row, header, {"first": first}))
    # Without ids (or ends) rows cannot be told apart or linked; any other
    # missing column still leaves every row worth checking.
    anchors = ("id",) if table == "stakeholders" else ("source", "target")
    return mapping, any(key not in mapping for key in anchors)


def validate_tables(
    stakeholders: pd.DataFrame,
    relations: pd.DataFrame,
    *,
    stakeholder_file: str = "stakeholders",
    relation_file: str = "relations",
    row_offset: int = 2,
    name: str = "",
    report_optional: bool = True,
) -> LoadResult:
    """Validate two tables of raw cells and build the network when they are sound.

    Parameters
    ----------
    stakeholders, relations : pandas.DataFrame
        The tables as read from the files: the file's own headers (Dutch or
        English, any case, synonyms) and raw cells, text or None/NaN for
        empty. Blank rows are skipped.
    stakeholder_file, relation_file : str
        File names for the messages.
    row_offset : int
        The spreadsheet row of the first data row (2: the header is row 1).
        The header row itself is reported as ``row_offset - 1``, or None
        when ``row_offset`` is below 2.
    name : str
        The network's display name.
    report_optional : bool
        Warn about missing optional columns (graph formats, whose
        attributes are sparse by nature, switch this off).

    Returns
    -------
    LoadResult
        Every problem of both tables; ``network`` is None if any is an error.
        ``network.has_strengths`` is False when the relations have no
        strength column.

    Notes
    -----
    Two relations with the same pair (in either order) and the same type
    are merged into the first: the strongest strength, the earliest date,
    and both notes.

    Examples
    --------
    >>> people = pd.DataFrame({"ID": ["1", "2"], "Naam": ["Anouk", "Bas"], "Soort": ["ambtenaar", "bewoner"]})
    >>> ties = pd.DataFrame({"van": ["1"], "naar": ["3"], "sterkte": ["2,5"]})
    >>> result = validate_tables(people, ties, stakeholder_file="b.csv", relation_file="r.csv")
    >>> result.network is None, [(p.code, p.row, p.column) for p in result.errors]
    (True, [('unknown_id', 2, 'naar')])
    """
    header_row = row_offset - 1 if row_offset >= 2 else None
    people_sink = _Sink(stakeholder_file, {})
    ties_sink = _Sink(relation_file, {})
    people_map, people_fatal = _header_problems(
        "stakeholders", stakeholders, people_sink, header_row, report_optional=report_optional
    )
    ties_map, ties_fatal = _header_problems("relations", relations, ties_sink, header_row, report_optional=report_optional)
    if "strength" not in ties_map and any(True for _ in _rows(relations, {}, row_offset)):
        ties_sink.add(WARNING, "no_strengths", header_row, None, default=f"{DEFAULT_STRENGTH:g}")

    records: list[dict] = []
    first_row: dict[str, int | None] = {}
    names: dict[str, str] = {}
    if not people_fatal:
        for row, cells in _rows(stakeholders, people_map, row_offset):
            record = _stakeholder_record(cells, people_sink, row)
            ident = record["id"]
            if ident is None:
                continue
            if ident in first_row:
                people_sink.add(ERROR, "duplicate_id", row, "id", value=ident[:60], first_row=first_row[ident])
                continue
            first_row[ident] = row
            # For "did you mean": a name used instead of an id, or an id in the wrong case.
            names.setdefault(fold(ident), ident)
            names.setdefault(fold(record["name"]), ident)
            records.append(record)

    ties: list[dict] = []
    seen: dict[tuple, tuple[int, int | None]] = {}
    if not ties_fatal:
        known = first_row if not people_fatal else None
        for row, cells in _rows(relations, ties_map, row_offset):
            record = _relation_record(cells, ties_sink, row, known=known, names=names)
            if record is None:
                continue
            pair = (*sorted((record["source"], record["target"])), record["type"])
            if pair in seen:
                index, earlier = seen[pair]
                ties_sink.add(
                    WARNING, "duplicate_relation", row, None,
                    source=record["source"], target=record["target"],
                    relation_type=record["type"], first_row=earlier,
                )
                ties[index] = _merge(ties[index], record)
                continue
            seen[pair] = (len(ties), row)
            ties.append(record)

    problems = people_sink.problems + ties_sink.problems
    if any(p.is_error for p in problems):
        return LoadResult(None, problems)
    network = StakeholderNetwork.from_tables(records, ties, name=name, has_strengths="strength" in ties_map)
    return LoadResult(network, problems)


def _merge(first: dict, second: dict) -> dict:
    dates = [d for d in (first["since"], second["since"]) if d]
    notes = [n for n in dict.fromkeys((first["notes"], second["notes"])) if n]
    return {
        **first,
        "strength": max(first["strength"], second["strength"]),
        "since": min(dates) if dates else None,
        "notes": " / ".join(notes) or None,
    }
