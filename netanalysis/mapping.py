"""The mapping step: from what a file holds to the two validated tables.

:func:`apply_mapping` takes the tables read from the user's files
(:class:`~netanalysis.readers.tables.Found`) and a
:class:`~netanalysis.layouts.ColumnMapping` — recognised by
:func:`~netanalysis.layouts.recognise` or chosen by the user on the Start
page or with the CLI's options — and returns the validated network with
every problem located in the user's own file, sheet, row and column.
:func:`describe` lists what was found (sheets, columns, first values) for
the screen where the user chooses.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .layouts import ColumnMapping, is_direction_column, recognise
from .problems import ERROR, WARNING, LoadResult, Problem
from .readers.tables import Found, Table, text_cell
from .schema import STAKEHOLDER_COLUMNS
from .validation import validate_tables

__all__ = ["apply_mapping", "describe", "mapping_problem", "STAKEHOLDER_ROLES", "RELATION_ROLES"]

#: The columns a user can assign, in the order the mapping step shows them.
STAKEHOLDER_ROLES: tuple[str, ...] = STAKEHOLDER_COLUMNS
RELATION_ROLES: tuple[str, ...] = ("source", "target", "type", "strength", "weight", "since", "notes")


def describe(found: Found, *, sample: int = 3) -> list[dict]:
    """What each table holds: sheet, label, rows, columns and a few values per column.

    >>> t = Table("Blad1", "x.xlsx[Blad1]", pd.DataFrame({"A": ["1", "2"], "B": ["x", None]}))
    >>> describe(Found("x.xlsx", [t]))
    [{'sheet': 'Blad1', 'label': 'x.xlsx[Blad1]', 'rows': 2, 'columns': ['A', 'B'], 'examples': {'A': ['1', '2'], 'B': ['x']}}]
    """
    out = []
    for table in found.tables:
        frame = table.frame
        columns = [str(c) for c in frame.columns]
        examples = {}
        for position, column in enumerate(columns):
            values = [text for v in frame.iloc[:, position].tolist() if (text := text_cell(v, spreadsheet=False))]
            examples[column] = [v[:40] for v in values[:sample]]
        out.append({"sheet": table.sheet, "label": table.label, "rows": len(frame), "columns": columns, "examples": examples})
    return out


def mapping_problem(found: Found) -> Problem:
    """The error for a file whose layout was not recognised: it lists what was found."""
    parts = []
    for table in found.tables[:6]:
        columns = ", ".join(str(c) for c in list(table.frame.columns)[:8])
        parts.append(f"{table.sheet} ({columns})")
    return Problem(ERROR, "needs_mapping", found.file, params={"found": "; ".join(parts) or "-"})


def _derived_people(ties: Table, columns: dict[str, str]) -> pd.DataFrame:
    ends: dict[str, None] = {}
    for key in ("source", "target"):
        position = [str(h) for h in ties.frame.columns].index(columns[key])
        for value in ties.frame.iloc[:, position]:
            if value is not None:
                ends.setdefault(str(value).strip())
    return pd.DataFrame({"id": list(ends)}, dtype=object)


def apply_mapping(found: Found, mapping: ColumnMapping | None = None, *, name: str | None = None) -> LoadResult:
    """Validate the tables of ``found`` as ``mapping`` says (recognised when omitted).

    Parameters
    ----------
    found : Found
        What the readers found.
    mapping : ColumnMapping, optional
        Which sheet and which columns mean what; by default the recognised
        layout, and a ``needs_mapping`` error when there is none.
    name : str, optional
        The network's name; by default the file's title or name.

    Returns
    -------
    LoadResult
        As :func:`~netanalysis.validation.validate_tables`, with ``layout``
        set, plus the readers' own problems (hidden sheets, flattened time).

    Examples
    --------
    >>> ties = Table("paren.csv", "paren.csv", pd.DataFrame({"van": ["Ann", "Bo", "Bo"], "naar": ["Bo", "Ann", "Bo"]}))
    >>> result = apply_mapping(Found("paren.csv", [ties]))
    >>> result.layout, result.network.ids, len(result.network.relations)
    ('edge_list', ['Ann', 'Bo'], 1)
    >>> sorted(p.code for p in result.problems)
    ['derived_stakeholders', 'no_strengths', 'relations_merged', 'self_loops_dropped']
    """
    if found.failed:
        return LoadResult.failed(found.problems)
    if mapping is None:
        mapping = recognise(found)
        if mapping is None:
            return LoadResult.failed(found.problems + [mapping_problem(found)])
    people = found.table(mapping.stakeholders) if mapping.stakeholders else None
    ties = found.table(mapping.relations) if mapping.relations else None
    missing = [s for s, t in ((mapping.stakeholders, people), (mapping.relations, ties)) if s and t is None]
    if missing or (people is None and ties is None):
        return LoadResult.failed(found.problems + [mapping_problem(found)])
    extra: list[Problem] = []
    relation_columns = dict(mapping.relation_columns)
    if ties is not None:
        ties_frame = ties.frame
        used = set(relation_columns.values())
        for position, header in enumerate(ties_frame.columns):
            if str(header) not in used and is_direction_column(ties_frame.iloc[:, position]):
                extra.append(Problem(WARNING, "direction_column", ties.label, ties.row_offset - 1 or None, str(header)))
        direction = [h for p in extra if (h := p.column)]
        ties_frame = ties_frame.drop(columns=direction) if direction else ties_frame
        ties_label, ties_offset = ties.label, ties.row_offset
    else:
        ties_frame = pd.DataFrame({"source": pd.Series(dtype=object), "target": pd.Series(dtype=object)})
        relation_columns = {"source": "source", "target": "target"}
        ties_label, ties_offset = people.label, people.row_offset
    derived = people is None
    if derived:
        people_frame = _derived_people(Table(ties.sheet, ties.label, ties_frame), relation_columns)
        people_columns = {"id": "id"}
        people_label, people_offset = ties.label, 2
    else:
        people_frame, people_columns = people.frame, dict(mapping.stakeholder_columns)
        people_label, people_offset = people.label, people.row_offset
    title = name if name is not None else (found.title or Path(found.file.split(",")[0]).stem)
    result = validate_tables(
        people_frame, ties_frame,
        stakeholder_file=people_label, relation_file=ties_label,
        row_offset=ties_offset, stakeholder_row_offset=people_offset,
        name=str(title),
        report_optional=mapping.strict,
        stakeholder_columns=people_columns, relation_columns=relation_columns,
        tolerant=not mapping.strict,
        ends_by_name=mapping.ties_by == "name" and not derived,
    )
    problems = list(result.problems)
    if derived:
        problems = [p for p in problems if p.code not in ("no_type_column", "unknown_columns")]
        extra.append(Problem(WARNING, "derived_stakeholders", ties.label, params={"count": len(people_frame)}))
    if ties is None:
        problems = [p for p in problems if p.code != "no_strengths"]
        extra.append(Problem(WARNING, "no_relations", people.label, params={"count": len(people_frame)}))
    network = result.network
    if ties is None and network is not None:
        network = type(network).from_tables(network.stakeholders, [], name=network.name, has_strengths=False)
    return LoadResult(network, found.problems + extra + problems, result.raw_weights, mapping.layout).with_problems([])
