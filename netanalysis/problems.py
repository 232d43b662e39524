"""Problems found while loading: what is wrong, where, and how to fix it.

A :class:`Problem` is one located finding (file, row, column) with a stable
code; its message is rendered in Dutch or English only when shown, from
:data:`MESSAGES`. A :class:`LoadResult` is a network or nothing, with every
problem either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .i18n import Messages, join_words, normalise_language
from .network import StakeholderNetwork
from .schema import (
    OTHER,
    RELATION_TYPES,
    STAKEHOLDER_TYPES,
    column_label,
    relation_type_label,
    type_label,
)

__all__ = ["ERROR", "WARNING", "MESSAGES", "Problem", "LoadResult"]

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
            "nl": "Onbekend bestandstype '{value}'. Gebruik .csv (één of twee bestanden), .xlsx, .ods, .xls, .graphml, .gexf, .gml, .net (Pajek), .dl (UCINET) of .json.",
            "en": "Unknown file type '{value}'. Use .csv (one or two files), .xlsx, .ods, .xls, .graphml, .gexf, .gml, .net (Pajek), .dl (UCINET) or .json.",
        },
        "wrong_file_count": {
            "nl": "Kies één bestand (een werkboek, een netwerkbestand of één CSV) of twee CSV-bestanden: betrokkenen en relaties. Nu gekozen: {value}.",
            "en": "Choose one file (a workbook, a network file or one CSV) or two CSV files: stakeholders and relations. Chosen now: {value}.",
        },
        "which_csv": {
            "nl": "Niet duidelijk welk CSV-bestand de betrokkenen en welk de relaties bevat. Het relatiebestand heeft de kolommen 'van' en 'naar'.",
            "en": "It is unclear which CSV file holds the stakeholders and which the relations. The relations file has the columns 'source' and 'target'.",
        },
        "undeclared_node": {
            "nl": "Een verbinding noemt knoop '{value}', maar die knoop staat niet in het bestand. Exporteer het netwerk opnieuw met alle knopen.",
            "en": "An edge names node '{value}', but the file does not declare that node. Export the network again with all nodes.",
        },
        "bad_json": {
            "nl": "Dit is geen Netwerkkaart-bestand: {reason}",
            "en": "This is not a Netwerkkaart file: {reason}",
        },
        "bad_weight": {
            "nl": "'{value}' is geen positief getal. Een gewicht moet een getal groter dan 0 zijn; verbeter het of verwijder de relatie.",
            "en": "'{value}' is not a positive number. A weight must be a number above 0; correct it or delete the relation.",
        },
        "unknown_name": {
            "nl": "Er is geen betrokkene met de naam '{value}'. Voeg die betrokkene toe of verbeter de naam.",
            "en": "There is no stakeholder named '{value}'. Add that stakeholder or correct the name.",
        },
        "ambiguous_name": {
            "nl": "'{value}' is de naam van {count} betrokkenen, dus niet duidelijk wie bedoeld is. Geef ze verschillende namen of gebruik id's.",
            "en": "'{value}' is the name of {count} stakeholders, so it is unclear who is meant. Give them different names or use ids.",
        },
        "needs_mapping": {
            "nl": "Niet herkend waar de betrokkenen en relaties staan. Gevonden: {found}. Wijs zelf het tabblad en de kolommen aan (stap 'Kolommen toewijzen', of de opties --relations-sheet, --source en --target).",
            "en": "Could not tell where the stakeholders and relations are. Found: {found}. Choose the sheet and columns yourself (step 'Assign columns', or the options --relations-sheet, --source and --target).",
        },
        "hyperedges": {
            "nl": "Het bestand bevat {count} hyperedges: verbindingen tussen meer dan twee knopen tegelijk. Die passen niet in een netwerk van paren. Zet ze om in gewone verbindingen (<edge>) en exporteer opnieuw.",
            "en": "The file contains {count} hyperedges: connections among more than two nodes at once, which a network of pairs cannot hold. Turn them into ordinary edges (<edge>) and export again.",
        },
        "bad_line": {
            "nl": "Deze regel past niet in het {format}-formaat: '{value}'. Verwacht: {expected}.",
            "en": "This line does not fit the {format} format: '{value}'. Expected: {expected}.",
        },
        "no_edges": {
            "nl": "Het bestand bevat geen knopen of verbindingen die gelezen kunnen worden. Exporteer het netwerk opnieuw.",
            "en": "The file holds no nodes or edges that can be read. Export the network again.",
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
        "reason_json_syntax": {
            "nl": "het is geen geldige JSON (regel {line}, teken {offset}). Kies een bestand dat met Netwerkkaart is opgeslagen.",
            "en": "it is not valid JSON (line {line}, character {offset}). Choose a file saved by Netwerkkaart.",
        },
        "reason_damaged_zip": {
            "nl": "het werkboek is beschadigd (het zip-archief is onvolledig). Open het in Excel of LibreOffice en sla het opnieuw op.",
            "en": "the workbook is damaged (its zip archive is incomplete). Open it in Excel or LibreOffice and save it again.",
        },
        "reason_encrypted": {
            "nl": "het werkboek is met een wachtwoord beveiligd. Sla het op zonder wachtwoord.",
            "en": "the workbook is protected by a password. Save it without a password.",
        },
        "reason_csv_field": {
            "nl": "een cel vanaf regel {line} is langer dan {limit} tekens; waarschijnlijk ontbreekt een afsluitend aanhalingsteken (\").",
            "en": "a cell from line {line} on is longer than {limit} characters; probably a closing quote (\") is missing.",
        },
        "reason_csv_quote": {
            "nl": "regel {line} heeft een aanhalingsteken op een onverwachte plaats. Controleer de aanhalingstekens in die regel.",
            "en": "line {line} has a quote in an unexpected place. Check the quotes on that line.",
        },
        "reason_nul": {
            "nl": "regel {line} bevat een NUL-teken (binaire gegevens). Verwijder het of kies het CSV-bestand zelf.",
            "en": "line {line} contains a NUL character (binary data). Remove it or choose the CSV file itself.",
        },
        "reason_spreadsheet": {
            "nl": "het rekenblad kan niet worden gelezen ({detail}). Open het in Excel of LibreOffice en sla het opnieuw op als .xlsx.",
            "en": "the spreadsheet cannot be read ({detail}). Open it in Excel or LibreOffice and save it again as .xlsx.",
        },
        "reason_xml": {
            "nl": "het is geen geldige XML (regel {line}, kolom {offset}). Exporteer het netwerk opnieuw.",
            "en": "it is not valid XML (line {line}, column {offset}). Export the network again.",
        },
        "reason_not_graph": {
            "nl": "er staat geen netwerk in (geen <graph>-element van {format}). Kies het {format}-bestand dat Gephi, yEd of Cytoscape maakte.",
            "en": "it holds no network (no {format} <graph> element). Choose the {format} file made by Gephi, yEd or Cytoscape.",
        },
        "reason_attribute": {
            "nl": "het kenmerk '{name}' is als {kind} verklaard maar heeft de waarde '{value}'. Verbeter de waarde of het type van het kenmerk.",
            "en": "the attribute '{name}' is declared as {kind} but has the value '{value}'. Correct the value or the attribute's type.",
        },
        "reason_gml": {
            "nl": "het is geen geldig GML ({detail}). Exporteer het netwerk opnieuw.",
            "en": "it is not valid GML ({detail}). Export the network again.",
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
            "nl": "Het bestand geeft de betrokkenen geen type; allemaal geladen als 'overig'. Voeg een kolom (of knoopkenmerk) 'type' toe, of geef de types daarna op de pagina Gegevens.",
            "en": "The file gives the stakeholders no type; all were loaded as 'other'. Add a column (or node attribute) 'type', or set the types afterwards on the Data page.",
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
            "nl": "De kolommen {columns} ontbreken; die blijven leeg. Voeg ze toe als je die gegevens hebt.",
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
        "weights_rescaled": {
            "nl": "De {count} gewichten in deze kolom lopen van {low} tot {high}; ze zijn lineair omgerekend naar sterkte 1 tot en met 5 (laagste gewicht = 1, hoogste = 5; allemaal gelijk = 3). De oorspronkelijke gewichten blijven bewaard.",
            "en": "The {count} weights in this column run from {low} to {high}; they were rescaled linearly to strength 1 to 5 (lowest weight = 1, highest = 5; all equal = 3). The original weights are kept.",
        },
        "self_loops_dropped": {
            "nl": "{count} relatie(s) van een betrokkene met zichzelf zijn weggelaten (de eerste staat in deze rij). Een netwerkkaart toont alleen relaties tussen twee betrokkenen.",
            "en": "{count} relation(s) from a stakeholder to itself were left out (the first is on this row). A network map shows only relations between two stakeholders.",
        },
        "relations_merged": {
            "nl": "{count} relatie(s) herhaalden een paar dat al voorkwam (ook in omgekeerde richting) en zijn samengevoegd, met de hoogste sterkte (de eerste herhaling staat in deze rij). Er blijven {left} relaties over.",
            "en": "{count} relation(s) repeated a pair already listed (also in the opposite direction) and were merged, keeping the highest strength (the first repeat is on this row). {left} relations remain.",
        },
        "derived_stakeholders": {
            "nl": "Er zijn alleen relaties: de {count} betrokkenen zijn afgeleid uit de uiteinden, met hun naam als id en type 'overig'. Voeg een tabblad of bestand met betrokkenen toe om hun type te geven.",
            "en": "There are only relations: the {count} stakeholders were derived from their ends, with their name as id and type 'other'. Add a sheet or file of stakeholders to give their types.",
        },
        "no_relations": {
            "nl": "Er zijn geen relaties gevonden; alleen de {count} betrokkenen zijn geladen. Voeg relaties toe op de pagina Gegevens of laad ze met een relatiebestand.",
            "en": "No relations were found; only the {count} stakeholders were loaded. Add relations on the Data page or load them with a relations file.",
        },
        "time_flattened": {
            "nl": "Het bestand beschrijft een netwerk in de tijd; alle perioden zijn samengevoegd tot één netwerk, met het begin van de eerste periode als 'sinds'.",
            "en": "The file describes a network over time; all periods were merged into one network, with the start of the first period as 'since'.",
        },
        "groups_as_organisation": {
            "nl": "{count} groep(en) uit het diagram zijn als 'organisatie' van hun leden overgenomen; de groepen zelf zijn geen betrokkenen.",
            "en": "{count} group(s) of the diagram were taken as the 'organisation' of their members; the groups themselves are not stakeholders.",
        },
        "direction_column": {
            "nl": "De kolom '{column}' geeft alleen de richting (Directed/Undirected) en is genegeerd: relaties op de netwerkkaart zijn ongericht.",
            "en": "The column '{column}' only gives the direction (Directed/Undirected) and was ignored: relations on the network map are undirected.",
        },
        "hidden_sheet": {
            "nl": "Het verborgen tabblad '{value}' is genegeerd.",
            "en": "The hidden sheet '{value}' was ignored.",
        },
    }
)

#: Codes whose ``params`` carry a canonical column key in ``expected``.
_LABELLED = {"missing_column"}

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
                f" Bedoel je '{self.params['hint_id']}'?" if lang == "nl" else f" Did you mean '{self.params['hint_id']}'?"
            )
        if self.code == "duplicate_relation":
            fields["relation_type"] = relation_type_label(str(self.params.get("relation_type")), lang)
        text = MESSAGES.text(self.code, lang, **fields)
        more = self.params.get("more", 0)
        if more:
            text += f" (en nog {more} {'rij' if more == 1 else 'rijen'} zoals deze)" if lang == "nl" else f" (and {more} more {'row' if more == 1 else 'rows'} like this)"
        return text

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
    #: The weights as the file gave them, beside the strengths they became
    #: (columns source, target, type, weight, strength), when the file had weights.
    raw_weights: pd.DataFrame | None = field(default=None, compare=False)
    #: The layout the file was recognised as (see :mod:`netanalysis.layouts`), or "".
    layout: str = ""

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
        return LoadResult(network, problems, self.raw_weights, self.layout)

    def with_layout(self, layout: str) -> "LoadResult":
        """This result, recording the layout the file was recognised as."""
        return LoadResult(self.network, self.problems, self.raw_weights, layout)

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
