"""Known layouts: which table holds the stakeholders, which the relations, and what each column means.

People bring what their tool exported: Kumu's ``Elements`` / ``Connections``
(ties by label), Polinode's ``Nodes`` / ``Edges`` (``Name``, ``Source``,
``Target``), Onodo's ``Nodes`` / ``Relations`` (``Relation Type``), Gephi's
Data Laboratory CSV (``Id, Label`` and ``Source, Target, Type, Weight``,
where ``Type`` is the direction), a bare edge list (``van, naar`` or
``DCC ORIGINE, DCC DESTINATION, NOMBRE``), a list of stakeholders without
relations, and hand-made workbooks whose ties name people instead of ids.
:func:`recognise` finds these without asking; when it cannot, the user
chooses in the mapping step (:mod:`netanalysis.mapping`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from .cells import parse_number
from .readers.tables import Found, Table
from .schema import fold
from .headers import map_headers

__all__ = [
    "ColumnMapping", "LAYOUTS", "propose", "recognise", "relation_columns", "stakeholder_columns", "is_direction_column"]

#: Layout keys and their names in the interface.
LAYOUTS = {
    "netwerkkaart": {"nl": "Netwerkkaart-indeling", "en": "Netwerkkaart layout"},
    "graph": {"nl": "netwerkbestand", "en": "network file"},
    "kumu": {"nl": "Kumu-werkboek", "en": "Kumu workbook"},
    "polinode": {"nl": "Polinode-werkboek", "en": "Polinode workbook"},
    "onodo": {"nl": "Onodo-werkboek", "en": "Onodo workbook"},
    "gephi": {"nl": "Gephi-tabellen (Data Laboratory)", "en": "Gephi tables (Data Laboratory)"},
    "by_name": {"nl": "relaties op naam", "en": "relations by name"},
    "edge_list": {"nl": "alleen relaties (lijst van paren)", "en": "relations only (edge list)"},
    "stakeholders_only": {"nl": "alleen betrokkenen", "en": "stakeholders only"},
    "custom": {"nl": "eigen toewijzing", "en": "own mapping"},
}


@dataclass(frozen=True)
class ColumnMapping:
    """Where the stakeholders and relations are, and what each column means.

    Parameters
    ----------
    stakeholders : str or None
        The sheet (or CSV file) of stakeholders; None derives them from the
        relations' ends.
    relations : str or None
        The sheet of relations; None loads the stakeholders alone.
    stakeholder_columns, relation_columns : mapping
        Canonical key (``id``, ``name``, ``type``, ... / ``source``,
        ``target``, ``type``, ``strength``, ``weight``, ``since``, ``notes``)
        -> the header as written in the file. Unmapped headers are not loaded.
    ties_by : {"id", "name"}
        Whether the relations' ends are stakeholder ids or names.
    layout : str
        The key of :data:`LAYOUTS` this mapping came from.
    strict : bool
        Netwerkkaart's own layout: self-loops are errors and every repeated
        relation is reported on its row; files from other tools are read
        tolerantly (see :func:`~netanalysis.validation.validate_tables`).
    """

    stakeholders: str | None = None
    relations: str | None = None
    stakeholder_columns: Mapping[str, str] = field(default_factory=dict)
    relation_columns: Mapping[str, str] = field(default_factory=dict)
    ties_by: str = "id"
    layout: str = "custom"
    strict: bool = False


_DIRECTIONS = {"directed", "undirected", "mutual", "gericht", "ongericht"}
_SOURCE_WORDS = {"source", "from", "van", "bron", "origine", "origin", "ego", "sender", "vertrek"}
_TARGET_WORDS = {"target", "to", "naar", "doel", "destination", "bestemming", "alter", "receiver"}
_WEIGHT_WORDS = {"weight", "gewicht", "count", "aantal", "nombre", "frequency", "frequentie", "freq", "n"}
_PEOPLE_SHEETS = {
    "stakeholders", "betrokkenen", "actoren", "actors", "nodes", "knopen", "personen", "elements",
    "elementen", "vertices", "people", "organisaties", "deelnemers",
}
_TIE_SHEETS = {
    "relations", "relaties", "edges", "verbindingen", "links", "ties", "contacten", "connections",
    "relationships", "paths", "arcs", "koppelingen",
}


def _series(table: Table, header: str) -> pd.Series:
    """A column by header; the first of duplicated headers."""
    return table.frame.iloc[:, [str(h) for h in table.frame.columns].index(str(header))]


def is_direction_column(values: pd.Series) -> bool:
    """True when a column only says Directed/Undirected (Gephi's edge ``Type``)."""
    distinct = set(values.dropna().unique()[:10])  # a direction column holds two or three words
    texts = {fold(v) for v in distinct if v is not None}
    return bool(texts) and texts <= _DIRECTIONS


def relation_columns(table: Table) -> dict[str, str]:
    """Canonical relation key -> header, by synonyms and then by the words in a header.

    >>> import pandas as pd
    >>> t = Table("x.csv", "x.csv", pd.DataFrame(columns=["DCC ORIGINE", "DCC DESTINATION", "NOMBRE"]))
    >>> relation_columns(t)
    {'weight': 'NOMBRE', 'source': 'DCC ORIGINE', 'target': 'DCC DESTINATION'}
    """
    frame = table.frame
    mapping, unknown, _ = map_headers("relations", frame.columns)
    if "type" in mapping:
        # Several headers can mean the relation type (Kumu: Label and Type; Gephi: Type
        # is the direction and Label the text): prefer a real type over a label.
        options = [str(h) for h in frame.columns if map_headers("relations", [h])[0].get("type")]
        options = [h for h in options if not is_direction_column(_series(table, h))]
        options.sort(key=lambda h: fold(h) == "label")
        if options:
            mapping["type"] = options[0]
        else:
            del mapping["type"]
    for key, words in (("source", _SOURCE_WORDS), ("target", _TARGET_WORDS), ("weight", _WEIGHT_WORDS)):
        if key in mapping or (key == "weight" and "strength" in mapping):
            continue
        hit = next((h for h in unknown if set(fold(h).split()) & words), None)
        if hit is not None:
            mapping[key] = hit
            unknown.remove(hit)
    return mapping


def stakeholder_columns(table: Table) -> dict[str, str]:
    """Canonical stakeholder key -> header by synonyms; a table without ids uses its names as ids."""
    frame = table.frame
    mapping, _, _ = map_headers("stakeholders", frame.columns)
    headers = [str(h) for h in frame.columns]
    if "label" in (fold(h) for h in headers):
        mapping["name"] = next(h for h in headers if fold(h) == "label")  # a label beats a name (igraph, Cytoscape)
    if "id" not in mapping and "name" in mapping:
        mapping["id"] = mapping["name"]
    return mapping


def _kind_of_sheet(sheet: str) -> str | None:
    words = set(fold(sheet).split())
    if words & _TIE_SHEETS or "edges" in fold(sheet):
        return "relations"
    if words & _PEOPLE_SHEETS:
        return "stakeholders"
    return None


def _ends(table: Table, columns: Mapping[str, str], limit: int = 500) -> list[str]:
    return [v for key in ("source", "target") for v in _series(table, columns[key]).iloc[:limit] if v is not None]


def _column(table: Table, header: str) -> set[str]:
    return {v for v in _series(table, header) if v is not None}


def recognise(found: Found) -> ColumnMapping | None:
    """The mapping of a known layout, or None when the user must choose.

    Examples
    --------
    >>> import pandas as pd
    >>> people = Table("Elements", "k.xlsx[Elements]", pd.DataFrame({"Label": ["Ann", "Bo"], "Type": ["Person", "Company"]}))
    >>> ties = Table("Connections", "k.xlsx[Connections]", pd.DataFrame({"From": ["Ann"], "To": ["Bo"]}))
    >>> m = recognise(Found("k.xlsx", [people, ties]))
    >>> m.layout, m.stakeholders, m.relations, m.ties_by, dict(m.stakeholder_columns)
    ('kumu', 'Elements', 'Connections', 'name', {'name': 'Label', 'type': 'Type', 'id': 'Label'})
    """
    if found.graph:
        nodes, edges = found.table("nodes"), found.table("edges")
        return ColumnMapping("nodes", "edges", stakeholder_columns(nodes), relation_columns(edges), "id", "graph")
    tables = found.tables
    ties_table = None
    ties_map: dict[str, str] = {}
    candidates = [(t, relation_columns(t)) for t in tables]
    candidates = [(t, m) for t, m in candidates if "source" in m and "target" in m]
    if candidates:
        named = [c for c in candidates if _kind_of_sheet(c[0].sheet) == "relations"]
        ties_table, ties_map = (named or candidates)[0]
    people_table = None
    people_map: dict[str, str] = {}
    people_candidates = [(t, stakeholder_columns(t)) for t in tables if t is not ties_table]
    people_candidates = [(t, m) for t, m in people_candidates if "id" in m]
    if people_candidates:
        named = [c for c in people_candidates if _kind_of_sheet(c[0].sheet) == "stakeholders"]
        if not named and ties_table is not None:
            ends = set(_ends(ties_table, ties_map))
            scored = [(len(ends & (_column(t, m["id"]) | _column(t, m.get("name", m["id"])))), t, m) for t, m in people_candidates]
            named = [(t, m) for _, t, m in sorted(scored, key=lambda s: -s[0])]
        elif not named:
            named = people_candidates
        if named:
            people_table, people_map = named[0]
    if ties_table is None and people_table is None:
        return None
    if ties_table is None:
        return ColumnMapping(people_table.sheet, None, people_map, {}, "id", "stakeholders_only")
    if people_table is None:
        return ColumnMapping(None, ties_table.sheet, {}, ties_map, "id", "edge_list")
    ties_by = "id"
    ends = set(_ends(ties_table, ties_map))
    ids = _column(people_table, people_map["id"])
    names = _column(people_table, people_map.get("name", people_map["id"]))
    if people_map.get("name") == people_map["id"] or len(ends & names) > len(ends & ids):
        ties_by = "name"
    sheets = {fold(t.sheet) for t in tables}
    headers = {fold(h) for h in people_table.frame.columns}
    tie_headers = {fold(h) for h in ties_table.frame.columns}
    if {"elements", "connections"} <= sheets:
        layout = "kumu"
    elif "nodes" in sheets and "relations" in sheets and ({"relation type", "relationship type"} & tie_headers):
        layout = "onodo"
    elif {"nodes", "edges"} <= sheets and "name" in headers:
        layout = "polinode"
    elif {"id", "label"} <= headers and {"source", "target"} <= tie_headers:
        layout = "gephi"
    elif ties_by == "name":
        layout = "by_name"
    else:
        layout = "netwerkkaart"
    strict = layout == "netwerkkaart" and "type" in people_map and "name" in people_map
    return ColumnMapping(people_table.sheet, ties_table.sheet, people_map, ties_map, ties_by, layout, strict)


def _numeric_share(values: pd.Series) -> float:
    cells = [v for v in values.dropna().tolist()[:200] if str(v).strip()]
    if not cells:
        return 0.0
    return sum(parse_number(v) is not None for v in cells) / len(cells)


def propose(found: Found) -> ColumnMapping:
    """What the mapping step shows first: the recognised layout, or a best guess.

    A file nobody recognised is most often an edge list with headers of its
    own ("Persoon; Werkt samen met; Hoe sterk"). With a single table of at
    least two columns the guess is: that table holds the relations, its
    first two non-numeric columns are the ends (named by name; the
    stakeholders are derived from them) and its first mostly-numeric column
    is the weight. The user checks the preview and can change every choice.

    Examples
    --------
    >>> import pandas as pd
    >>> t = Table("x.csv", "x.csv", pd.DataFrame({"Persoon": ["Ann"], "Werkt samen met": ["Bo"], "Hoe sterk": ["4"]}))
    >>> m = propose(Found("x.csv", [t]))
    >>> m.relations, dict(m.relation_columns), m.ties_by
    ('x.csv', {'source': 'Persoon', 'target': 'Werkt samen met', 'weight': 'Hoe sterk'}, 'name')
    """
    recognised = recognise(found)
    if recognised is not None:
        return recognised
    tables = [t for t in found.tables if len(t.frame.columns) >= 2]
    if len(tables) != 1:
        return ColumnMapping()
    table = tables[0]
    headers = [str(h) for h in table.frame.columns]
    numeric = {h: _numeric_share(_series(table, h)) >= 0.9 for h in headers}
    guess = dict(relation_columns(table))
    taken = set(guess.values())
    ends = [h for h in headers if h not in taken and not numeric[h]]
    for key in ("source", "target"):
        if key not in guess and ends:
            guess[key] = ends.pop(0)
            taken.add(guess[key])
    if "weight" not in guess and "strength" not in guess:
        weight = next((h for h in headers if h not in taken and numeric[h]), None)
        if weight is not None:
            guess["weight"] = weight
    if "source" not in guess or "target" not in guess:
        return ColumnMapping()
    return ColumnMapping(None, table.sheet, {}, guess, "name", "custom")
