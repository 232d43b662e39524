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

import functools
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from .cells import cell_text as _cell
from .cells import parse_date, parse_number
from .headers import looks_personal, map_headers
from .network import StakeholderNetwork
from .problems import ERROR, MESSAGES, WARNING, LoadResult, Problem
from .schema import (
    DEFAULT_RELATION_TYPE,
    DEFAULT_STRENGTH,
    OTHER,
    RELATION_COLUMNS,
    REQUIRED_RELATION_COLUMNS,
    REQUIRED_STAKEHOLDER_COLUMNS,
    SCORE_RANGE,
    STAKEHOLDER_COLUMNS,
    STRENGTH_RANGE,
    canonical_relation_type,
    canonical_type,
    fold,
    split_themes,
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
    "rescale_weights",
]

# Type cells repeat a handful of values over thousands of rows.
_canonical_type = functools.lru_cache(maxsize=1024)(canonical_type)
_canonical_relation_type = functools.lru_cache(maxsize=1024)(canonical_relation_type)


# -- single records -----------------------------------------------------------


class _Sink:
    """Collects problems for one file with its location conventions.

    A tolerant sink (files from other tools) reports a bad influence or
    interest score as a warning and leaves it empty: Kumu and others use
    those headers for words ("High") rather than our 1-5 scale.
    """

    def __init__(self, file: str, headers: Mapping[str, str], *, tolerant: bool = False):
        self.file = file
        self.headers = headers
        self.tolerant = tolerant
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
    severity = WARNING if sink.tolerant and key in ("influence", "interest") else ERROR
    if number is None:
        sink.add(severity, "not_a_number", row, key, value=raw[:60], low=f"{low:g}", high=f"{high:g}")
        return math.nan
    if not low <= number <= high:
        sink.add(severity, "out_of_range", row, key, value=raw[:60], low=f"{low:g}", high=f"{high:g}")
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
    table: str,
    frame: pd.DataFrame,
    sink: _Sink,
    header_row: int | None,
    *,
    report_optional: bool = True,
    columns: Mapping[str, str] | None = None,
    tolerant: bool = False,
) -> tuple[dict[str, str], bool]:
    """Check the headers; the bool says whether the rows cannot be checked at all.

    ``columns`` is a mapping chosen by the user or a recognised layout
    (canonical key -> header); without it the headers' synonyms decide.
    """
    if columns is None:
        mapping, unknown, duplicates = map_headers(table, frame.columns)
    else:
        headers = [str(h) for h in frame.columns]
        mapping = {key: str(header) for key, header in columns.items() if header is not None and str(header) in headers}
        used = set(mapping.values())
        unknown = [h for h in headers if h not in used and h.strip() and not h.startswith("Unnamed:")]
        duplicates = []
    sink.headers = mapping
    required = REQUIRED_STAKEHOLDER_COLUMNS if table == "stakeholders" else REQUIRED_RELATION_COLUMNS
    if tolerant and table == "stakeholders":
        required = ("id",)  # a name falls back to the id; a missing type is one warning
    every = STAKEHOLDER_COLUMNS if table == "stakeholders" else RELATION_COLUMNS
    for key in required:
        if key not in mapping:
            sink.add(ERROR, "missing_column", header_row, None, expected=key)
    optional = [k for k in every if k not in required and k not in mapping and not (k == "strength" and "weight" in mapping)]
    if optional and report_optional:
        sink.add(WARNING, "missing_optional_columns", header_row, None, columns=optional)
    personal = [h for h in unknown if looks_personal(h)]
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


#: Warnings that a file from another tool repeats on many rows; with
#: ``tolerant=True`` each (code, value) is reported once, with the count.
_SUMMARISED = {
    "unknown_type", "empty_type", "unknown_relation_type", "empty_strength", "empty_name", "not_a_number", "out_of_range",
}


def _summarise(problems: list[Problem]) -> list[Problem]:
    """One problem per (code, file, column, value) of :data:`_SUMMARISED`, with ``more`` = the rest."""
    kept: list[Problem] = []
    first: dict[tuple, int] = {}
    for problem in problems:
        if problem.code not in _SUMMARISED:
            kept.append(problem)
            continue
        key = (problem.code, problem.file, problem.column, problem.params.get("value") if problem.code != "empty_name" else None)
        if key in first:
            index = first[key]
            earlier = kept[index]
            kept[index] = Problem(earlier.severity, earlier.code, earlier.file, earlier.row, earlier.column,
                                  {**earlier.params, "more": earlier.params.get("more", 0) + 1})
        else:
            first[key] = len(kept)
            kept.append(problem)
    return kept


def rescale_weights(weights: Iterable[float]) -> tuple[list[float], bool]:
    """Rescale positive tie weights from another tool to strengths 1-5.

    Parameters
    ----------
    weights : iterable of float
        Positive numbers on any scale: counts, frequencies, 0-1 fractions.

    Returns
    -------
    (strengths, rescaled)
        Weights that all lie within 1-5 are kept as they are (they are on
        our scale already, as a Netwerkkaart export is); otherwise every
        weight is mapped linearly from [min, max] onto [1, 5]:
        ``strength = 1 + 4 (w - min) / (max - min)``, and ``rescaled`` is
        True. When all weights are equal they carry no ranking and every
        tie gets :data:`~netanalysis.schema.DEFAULT_STRENGTH`.

    Notes
    -----
    The linear rule keeps the order and the ratios of differences, so
    Gephi's weakest ties (weight 1, left out of GEXF) stay the weakest and
    a tie counted 31 times is the strongest. The raw weights are kept
    beside the strengths (:attr:`LoadResult.raw_weights`).

    Examples
    --------
    >>> rescale_weights([1, 16, 31])
    ([1.0, 3.0, 5.0], True)
    >>> rescale_weights([2, 4.5])
    ([2.0, 4.5], False)
    >>> rescale_weights([0.5, 0.5])
    ([3.0, 3.0], True)
    """
    values = [float(w) for w in weights]
    if not values:
        return [], False
    low, high = min(values), max(values)
    if STRENGTH_RANGE[0] <= low and high <= STRENGTH_RANGE[1]:
        return values, False
    if high == low:
        return [DEFAULT_STRENGTH] * len(values), True
    span = STRENGTH_RANGE[1] - STRENGTH_RANGE[0]
    return [round(STRENGTH_RANGE[0] + span * (v - low) / (high - low), 2) for v in values], True


def _weights_to_strengths(
    rows: list[tuple[int, dict]], sink: _Sink, header_row: int | None
) -> dict[int, tuple[float, float]]:
    """Check the weight cells and rescale them; return {row: (raw, strength)}.

    A weight that is not a number, or not above zero, is an error on its
    cell: a tie of weight 0 or below is no tie, and nothing is guessed.
    """
    raw: dict[int, float] = {}
    for row, cells in rows:
        text = _cell(cells.get("weight"))
        if text is None:
            continue
        number = parse_number(text)
        if number is None or number <= 0:
            sink.add(ERROR, "bad_weight", row, "weight", value=text[:60])
            continue
        raw[row] = number
    strengths, rescaled = rescale_weights(raw.values())
    if rescaled:
        low, high = min(raw.values()), max(raw.values())
        sink.add(WARNING, "weights_rescaled", header_row, "weight", low=f"{low:g}", high=f"{high:g}", count=len(raw))
    return {row: (value, strength) for (row, value), strength in zip(raw.items(), strengths)}


def validate_tables(
    stakeholders: pd.DataFrame,
    relations: pd.DataFrame,
    *,
    stakeholder_file: str = "stakeholders",
    relation_file: str = "relations",
    row_offset: int = 2,
    name: str = "",
    report_optional: bool = True,
    stakeholder_columns: Mapping[str, str] | None = None,
    relation_columns: Mapping[str, str] | None = None,
    tolerant: bool = False,
    ends_by_name: bool = False,
    stakeholder_row_offset: int | None = None,
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
    stakeholder_columns, relation_columns : mapping, optional
        Canonical key -> header, as chosen in the mapping step or by a
        recognised layout; by default the headers' synonyms decide. A
        relations key ``weight`` is a raw weight on any positive scale,
        rescaled to a strength by :func:`rescale_weights` when there is no
        ``strength`` column.
    tolerant : bool
        For files made by other tools: a self-loop is dropped and repeated
        pairs are merged with one summary warning each (not an error and
        one warning per row), warnings repeated on many rows are reported
        once with their count, and a missing ``type`` (or ``name``) column
        is a warning.
    ends_by_name : bool
        The relations name their ends by the stakeholders' names, not
        their ids (Kumu, Polinode, hand-made workbooks); a name that fits
        no stakeholder, or more than one, is an error on its cell.
    stakeholder_row_offset : int, optional
        ``row_offset`` of the stakeholders table when it differs.

    Returns
    -------
    LoadResult
        Every problem of both tables; ``network`` is None if any is an error.
        ``network.has_strengths`` is False when the relations have no
        strength or weight column. ``raw_weights`` holds the weights as the
        file gave them, beside the strengths, when they came from a weight.

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
    people_offset = row_offset if stakeholder_row_offset is None else stakeholder_row_offset
    people_header_row = people_offset - 1 if people_offset >= 2 else None
    people_sink = _Sink(stakeholder_file, {}, tolerant=tolerant)
    ties_sink = _Sink(relation_file, {}, tolerant=tolerant)
    people_map, people_fatal = _header_problems(
        "stakeholders", stakeholders, people_sink, people_header_row, report_optional=report_optional,
        columns=stakeholder_columns, tolerant=tolerant,
    )
    ties_map, ties_fatal = _header_problems(
        "relations", relations, ties_sink, header_row, report_optional=report_optional,
        columns=relation_columns, tolerant=tolerant,
    )
    tie_rows = list(_rows(relations, ties_map, row_offset)) if not ties_fatal else []
    weighted = "strength" in ties_map or "weight" in ties_map
    if not weighted and tie_rows:
        ties_sink.add(WARNING, "no_strengths", header_row, None, default=f"{DEFAULT_STRENGTH:g}")
    if tolerant and "type" not in people_map and not people_fatal:
        people_sink.add(WARNING, "no_type_column", people_header_row, None)

    raw_weights: dict[int, tuple[float, float]] = {}
    if "weight" in ties_map and "strength" not in ties_map:
        raw_weights = _weights_to_strengths(tie_rows, ties_sink, header_row)
        ties_sink.headers = {**ties_map, "strength": ties_map["weight"]}
        for row, cells in tie_rows:
            cells["strength"] = raw_weights[row][1] if row in raw_weights else None

    records: list[dict] = []
    first_row: dict[str, int | None] = {}
    names: dict[str, str] = {}
    by_name: dict[str, list[str]] = {}
    if not people_fatal:
        for row, cells in _rows(stakeholders, people_map, people_offset):
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
            by_name.setdefault(record["name"], []).append(ident)
            records.append(record)

    ties: list[dict] = []
    raw_kept: list[tuple[str, str, str, float, float]] = []
    seen: dict[tuple, tuple[int, int | None]] = {}
    loops: list[int] = []
    merged: list[int] = []
    if not ties_fatal:
        known = first_row if not people_fatal else None
        folded_names: dict[str, list[str]] = {}
        if ends_by_name:
            for text, idents in by_name.items():
                folded_names.setdefault(fold(text), []).extend(idents)
        for row, cells in tie_rows:
            if ends_by_name and known is not None and not _resolve_names(cells, row, by_name, folded_names, ties_sink):
                continue
            if tolerant:
                ends = (_cell(cells.get("source")), _cell(cells.get("target")))
                if ends[0] is not None and ends[0] == ends[1]:
                    loops.append(row)
                    continue
            record = _relation_record(cells, ties_sink, row, known=known, names=names)
            if record is None:
                continue
            pair = (*sorted((record["source"], record["target"])), record["type"])
            if row in raw_weights:
                raw_kept.append((record["source"], record["target"], record["type"], *raw_weights[row]))
            if pair in seen:
                index, earlier = seen[pair]
                if tolerant:
                    merged.append(row)
                else:
                    ties_sink.add(
                        WARNING, "duplicate_relation", row, None,
                        source=record["source"], target=record["target"],
                        relation_type=record["type"], first_row=earlier,
                    )
                ties[index] = _merge(ties[index], record)
                continue
            seen[pair] = (len(ties), row)
            ties.append(record)
    if loops:
        ties_sink.add(WARNING, "self_loops_dropped", loops[0], None, count=len(loops))
    if merged:
        ties_sink.add(WARNING, "relations_merged", merged[0], None, count=len(merged), left=len(ties))

    problems = people_sink.problems + ties_sink.problems
    if tolerant:
        problems = _summarise(problems)
    frame = pd.DataFrame(raw_kept, columns=["source", "target", "type", "weight", "strength"]) if raw_kept else None
    if any(p.is_error for p in problems):
        return LoadResult(None, problems)
    network = StakeholderNetwork.from_tables(records, ties, name=name, has_strengths=weighted)
    return LoadResult(network, problems, raw_weights=frame)


def _resolve_names(cells: dict, row: int, by_name: Mapping[str, list[str]], folded: Mapping[str, list[str]], sink: _Sink) -> bool:
    """Replace the ends' names by ids in ``cells``; False (and an error) when a name fits none or several."""
    fine = True
    for key in ("source", "target"):
        text = _cell(cells.get(key))
        if text is None:
            continue  # reported as an empty end by the relation check
        idents = by_name.get(text) or folded.get(fold(text)) or []
        if len(set(idents)) == 1:
            cells[key] = idents[0]
        elif idents:
            sink.add(ERROR, "ambiguous_name", row, key, value=text[:60], count=len(set(idents)))
            fine = False
        else:
            sink.add(ERROR, "unknown_name", row, key, value=text[:60])
            fine = False
    return fine


def _merge(first: dict, second: dict) -> dict:
    dates = [d for d in (first["since"], second["since"]) if d]
    notes = [n for n in dict.fromkeys((first["notes"], second["notes"])) if n]
    return {
        **first,
        "strength": max(first["strength"], second["strength"]),
        "since": min(dates) if dates else None,
        "notes": " / ".join(notes) or None,
    }
