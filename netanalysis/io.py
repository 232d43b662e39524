"""Reading and writing stakeholder networks in every format people have.

Everything works on bytes in memory or on explicit paths; nothing is ever
written to the working directory. :func:`load` reads what users really have
and returns a :class:`~netanalysis.problems.LoadResult`: the network, or
the complete list of problems by file, row and column. It never raises on a
bad file, and no library's warning or error text reaches the user.

Formats (readers in :mod:`netanalysis.readers`)
-----------------------------------------------
* **CSV**: one file (an edge list, or a list of stakeholders) or a pair
  (stakeholders and relations, told apart by their columns). Delimiter
  ``,`` ``;`` or tab; UTF-8 (with or without BOM), UTF-16 or cp1252.
* **Workbooks**: XLSX/XLSM, ODS and XLS, read by calamine; any sheet names.
* **Network files**: GraphML (Gephi, yEd, Cytoscape, igraph), GEXF 1.1-1.3,
  GML, Pajek ``.net`` and UCINET DL (``.dl``, ``.dat``).
* **JSON**, Netwerkkaart's own: ``{"format": "netwerkkaart", "version": 1,
  "name": ..., "stakeholders": [...], "relations": [...]}``.

Which table and column mean what is recognised for known layouts (Kumu,
Polinode, Onodo, Gephi, edge lists, ties by name; see
:mod:`netanalysis.layouts`); otherwise :func:`read` and
:func:`~netanalysis.mapping.apply_mapping` let the user choose.

Writers escape spreadsheet formulas: text cells that start with ``= + - @``,
tab or carriage return get a leading ``'`` (OWASP CSV injection), and the
readers remove exactly one such ``'`` again, so every text round-trips.
Themes are written joined with ``;``, so a theme must not itself contain
``;``, ``,`` or ``|`` (see :func:`~netanalysis.schema.split_themes`).
"""

from __future__ import annotations

import codecs
import csv
import io as _io
import json
import math
import re
import warnings
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .layouts import ColumnMapping
from .mapping import apply_mapping
from .network import StakeholderNetwork
from .problems import ERROR, LoadResult, Problem
from .readers.graphs import read_gexf, read_gml, read_graphml
from .readers.spreadsheets import MAX_UNZIPPED_BYTES, read_workbook
from .readers.tables import Found, escape_formula, megabytes, text_cell, unescape_formula, unreadable
from .readers.text import read_csv, read_csv_table, read_pajek, read_ucinet_dl
from .schema import (
    RELATION_COLUMNS,
    STAKEHOLDER_COLUMNS,
    column_label,
    relation_type_label,
    type_label,
)
from .validation import validate_tables

__all__ = [
    "suggested_name",
    "MAX_FILE_BYTES",
    "MAX_UNZIPPED_BYTES",
    "FORMATS",
    "read",
    "load",
    "load_json",
    "read_csv_table",
    "to_csv_pair",
    "to_xlsx",
    "to_graphml",
    "to_gexf",
    "to_json",
    "save",
    "escape_formula",
    "unescape_formula",
]

#: Largest file accepted, in bytes (each file of an upload).
MAX_FILE_BYTES = 20 * 1024 * 1024

#: File extensions by format.
FORMATS: dict[str, tuple[str, ...]] = {
    "csv": (".csv", ".tsv", ".txt"),
    "xlsx": (".xlsx", ".xlsm"),
    "ods": (".ods",),
    "xls": (".xls",),
    "graphml": (".graphml",),
    "gexf": (".gexf",),
    "gml": (".gml",),
    "pajek": (".net", ".paj"),
    "dl": (".dl", ".dat"),
    "json": (".json",),
}
#: Formats :func:`save` can write.
WRITABLE = ("csv", "xlsx", "graphml", "gexf", "json")

_SHEET_TITLES = {"nl": ("Betrokkenen", "Relaties"), "en": ("Stakeholders", "Relations")}

# -- sources ------------------------------------------------------------------


class _Source:
    """A file to read: its name as the user knows it and its bytes (or why not)."""

    def __init__(self, name: str, data: bytes | None, problem: Problem | None = None):
        self.name = name
        self.data = data
        self.problem = problem

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()


def _too_large(name: str, size: int, limit: int) -> Problem:
    return Problem(ERROR, "too_large", name, params={"size": megabytes(size), "limit": megabytes(limit)})


def _source(item: Any, limit: int) -> _Source:
    """Accept a path, a ``(name, bytes)`` pair or an uploaded-file object."""
    if isinstance(item, tuple) and len(item) == 2:
        name, data = str(item[0]), item[1]
        data = bytes(data) if not isinstance(data, bytes) else data
    elif hasattr(item, "getvalue") and hasattr(item, "name"):  # Streamlit's UploadedFile
        name = str(item.name)
        size = getattr(item, "size", None)
        if size is not None and size > limit:
            return _Source(name, None, _too_large(name, size, limit))
        data = item.getvalue()
    else:
        path = Path(item)
        name = path.name
        try:
            size = path.stat().st_size
            if size > limit:
                return _Source(name, None, _too_large(name, size, limit))
            data = path.read_bytes()
        except OSError as exc:
            return _Source(name, None, unreadable(name, exc.strerror or str(exc)))
    if len(data) > limit:
        return _Source(name, None, _too_large(name, len(data), limit))
    return _Source(name, data)


def _is_pair(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], (bytes, bytearray, memoryview))


def _format_of(suffix: str) -> str | None:
    for kind, suffixes in FORMATS.items():
        if suffix in suffixes:
            return kind
    return None


def _stem(filename: str) -> str:
    return Path(filename).stem


def _read_files(files: list[_Source]) -> Found:
    kinds = [_format_of(f.suffix) for f in files]
    if len(files) in (1, 2) and all(k == "csv" for k in kinds):
        return read_csv([(f.name, f.data) for f in files])
    if len(files) != 1 or kinds[0] in (None, "csv", "json"):
        chosen = ", ".join(f.name for f in files) or "-"
        return Found(chosen, problems=[Problem(ERROR, "wrong_file_count", chosen, params={"value": chosen})])
    source, kind = files[0], kinds[0]
    if kind in ("xlsx", "ods", "xls"):
        return read_workbook(source.data, file=source.name, kind=kind)
    reader = {"graphml": read_graphml, "gexf": read_gexf, "gml": read_gml, "pajek": read_pajek, "dl": read_ucinet_dl}[kind]
    return reader(source.data, file=source.name)


def read(sources: Any, *, max_bytes: int = MAX_FILE_BYTES) -> Found:
    """Read the user's files into tables, without interpreting them yet.

    For the mapping step: :func:`~netanalysis.mapping.describe` shows what
    was found, :func:`~netanalysis.layouts.recognise` proposes a mapping,
    and :func:`~netanalysis.mapping.apply_mapping` validates with the one
    the user confirmed. Netwerkkaart JSON is not a table format (use
    :func:`load`). Never raises on bad input; problems are in
    ``found.problems``.
    """
    items = list(sources) if isinstance(sources, (list, tuple)) and not _is_pair(sources) else [sources]
    files = [_source(item, max_bytes) for item in items]
    broken = [f.problem for f in files if f.problem is not None]
    if broken:
        return Found(", ".join(f.name for f in files), problems=broken)
    unknown = [f for f in files if _format_of(f.suffix) is None]
    if unknown:
        return Found(
            ", ".join(f.name for f in files),
            problems=[Problem(ERROR, "unknown_format", f.name, params={"value": f.suffix or f.name}) for f in unknown],
        )
    with warnings.catch_warnings():
        # Library warnings (openpyxl extensions, networkx key types) are not
        # the user's business and must not reach stderr; our own problems say it.
        warnings.simplefilter("ignore")
        return _read_files(files)


def load(
    sources: Any,
    *,
    lang: str | None = None,
    name: str | None = None,
    max_bytes: int = MAX_FILE_BYTES,
    mapping: ColumnMapping | None = None,
) -> LoadResult:
    """Load a network from the files a user has, validating everything.

    Parameters
    ----------
    sources : path, ``(filename, bytes)`` pair, uploaded file, or a list of these
        One file (workbook, network file, JSON, or a single CSV holding an
        edge list or a stakeholders list) or two CSV files (stakeholders and
        relations, in either order). The format follows from the extension.
    lang : str, optional
        Accepted for symmetry with the interface; problems are rendered in
        any language afterwards with :meth:`Problem.message`.
    name : str, optional
        The network's display name; by default the file's (or the name
        stored in it).
    max_bytes : int
        Largest accepted size of each file. The default, 20 MB, holds about
        100,000 relations as CSV or JSON; a regional GEXF can need more.
    mapping : ColumnMapping, optional
        Which sheet and columns mean what (the mapping step); by default
        the recognised layout.

    Returns
    -------
    LoadResult
        Never raises on bad input: unreadable files, wrong formats, files
        over :data:`MAX_FILE_BYTES` and every validation problem are
        reported in ``problems``, and ``network`` is None if any is an error.

    Examples
    --------
    >>> people = "id;naam;type\\n1;Anouk;ambtenaar\\n2;Café ’t Hoekje;ondernemer\\n".encode("cp1252")
    >>> ties = b"van;naar;sterkte\\n1;2;4,5\\n"
    >>> result = load([("relaties.csv", ties), ("betrokkenen.csv", people)])
    >>> result.ok, result.network.names()["2"], result.network.relations["strength"].tolist()
    (True, 'Café ’t Hoekje', [4.5])
    """
    del lang  # problems carry codes and parameters; they are translated when shown
    items = list(sources) if isinstance(sources, (list, tuple)) and not _is_pair(sources) else [sources]
    if len(items) == 1:
        single = _source(items[0], max_bytes)
        if single.problem is not None:
            return LoadResult.failed([single.problem])
        if _format_of(single.suffix) == "json":
            return load_json(single.data, file=single.name, name=name)
        items = [(single.name, single.data)]
    found = read(items, max_bytes=max_bytes)
    if found.failed:
        return LoadResult.failed(found.problems)
    if mapping is None and len(found.tables) == 2 and not found.graph and all(t.sheet.lower().endswith((".csv", ".tsv", ".txt")) for t in found.tables):
        result = apply_mapping(found, name=name if name is not None else _common_stem(*(t.sheet for t in found.tables)))
        if any(p.code == "needs_mapping" for p in result.problems):
            both = ", ".join(t.sheet for t in found.tables)
            return LoadResult.failed([p for p in result.problems if p.code != "needs_mapping"] + [Problem(ERROR, "which_csv", both)])
        return result
    return apply_mapping(found, mapping, name=name)


def suggested_name(file_names: list[str]) -> str:
    """A name for a network loaded from ``file_names``, for a person to
    accept or change: the stem the files share (or the one file's stem),
    separators as spaces, first letter upper case.

    >>> suggested_name(["wijk_noord_betrokkenen.csv", "wijk_noord_relaties.csv"])
    'Wijk noord'
    >>> suggested_name(["Kumu export.xlsx"]), suggested_name([])
    ('Kumu export', '')
    """
    stems = [_stem(n) for n in file_names if n]
    if not stems:
        return ""
    stem = _common_stem(stems[0], stems[1]) if len(stems) == 2 else stems[0]
    words = " ".join(stem.replace("_", " ").replace("-", " ").split())
    return words[:1].upper() + words[1:]


def _common_stem(a: str, b: str) -> str:
    stem_a, stem_b = _stem(a), _stem(b)
    prefix = ""
    for x, y in zip(stem_a, stem_b):
        if x != y:
            break
        prefix += x
    return prefix.strip(" _-") or stem_a


# -- JSON ---------------------------------------------------------------------


def _frame(records: list[dict]) -> pd.DataFrame:
    columns: list[str] = []
    for record in records:
        for key in record:
            if key not in columns:
                columns.append(key)
    return pd.DataFrame.from_records(
        [[text_cell(r.get(c), spreadsheet=False) for c in columns] for r in records], columns=columns
    ).astype(object)


def load_json(data: bytes, *, file: str = "netwerk.json", name: str | None = None) -> LoadResult:
    """Load Netwerkkaart's own JSON format (see :func:`to_json`).

    Problems name ``file.json#stakeholders`` or ``#relations`` and the
    record's position (1 = first record).
    """
    def bad(reason: str, **params: Any) -> LoadResult:
        return LoadResult.failed([Problem(ERROR, "bad_json", file, params={"reason_key": reason, **params})])

    try:
        body = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return LoadResult.failed([unreadable(file, key="encoding")])
    except json.JSONDecodeError as exc:
        return LoadResult.failed([unreadable(file, row=exc.lineno, key="json_syntax", line=exc.lineno, offset=exc.colno)])
    if not isinstance(body, dict) or body.get("format") != "netwerkkaart":
        return bad("json_format")
    if body.get("version") != 1:
        return bad("json_version", version=str(body.get("version"))[:20])
    tables = []
    for key, columns in (("stakeholders", STAKEHOLDER_COLUMNS), ("relations", RELATION_COLUMNS)):
        records = body.get(key, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            return bad("json_lists", key=key)
        tables.append(_frame(records) if records else pd.DataFrame(columns=list(columns), dtype=object))
    if not body.get("relations") and body.get("has_strengths", True) is False:
        tables[1] = tables[1].drop(columns=["strength"])
    return validate_tables(
        tables[0], tables[1], stakeholder_file=f"{file}#stakeholders", relation_file=f"{file}#relations",
        row_offset=1, name=name if name is not None else str(body.get("name") or _stem(file)),
    ).with_layout("netwerkkaart")


# -- writers ------------------------------------------------------------------


def _number(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    value = float(value)
    return int(value) if value.is_integer() else value


def _export_tables(net: StakeholderNetwork, lang: str) -> tuple[list[str], list[list], list[str], list[list]]:
    """Header and rows of both tables as they go into a spreadsheet (escaped text)."""
    people_columns = list(STAKEHOLDER_COLUMNS)
    ties_columns = [c for c in RELATION_COLUMNS if net.has_strengths or c != "strength"]
    people = []
    for record in net.stakeholders.to_dict("records"):
        row = []
        for column in people_columns:
            value = record[column]
            if column == "type":
                value = type_label(value, lang)
            elif column == "themes":
                value = ";".join(value) or None
            elif column in ("influence", "interest"):
                value = _number(value)
            row.append(escape_formula(value))
        people.append(row)
    ties = []
    for record in net.relations.to_dict("records"):
        row = []
        for column in ties_columns:
            value = record[column]
            if column == "type":
                value = relation_type_label(value, lang)
            elif column == "strength":
                value = _number(value)
            row.append(escape_formula(value))
        ties.append(row)
    return (
        [column_label(c, lang) for c in people_columns], people,
        [column_label(c, lang) for c in ties_columns], ties,
    )


#: CSV dialects of :func:`to_csv_pair`: field separator and decimal mark.
CSV_DIALECTS = {"standard": (",", "."), "excel-nl": (";", ",")}


def _csv_bytes(header: list[str], rows: list[list], dialect: str) -> bytes:
    delimiter, decimal = CSV_DIALECTS[dialect]
    buffer = _io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else (repr(v).replace(".", decimal) if isinstance(v, float) else str(v)) for v in row])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def to_csv_pair(net: StakeholderNetwork, *, lang: str = "nl", dialect: str = "standard") -> tuple[bytes, bytes]:
    """The stakeholders and relations as two CSV files (UTF-8 with BOM).

    Headers, types and relation types are written in ``lang``; themes are
    joined with ``;``; formulas are escaped. Without rated strengths
    (``net.has_strengths`` False) the relations file has no strength
    column, so reading it back gives the same network.

    ``dialect`` ``"standard"`` separates fields with ``,`` and writes a
    decimal point; ``"excel-nl"`` uses ``;`` and a decimal comma, which is
    what Excel with Dutch regional settings opens as columns (it reads a
    ``,`` file as one column). Both read back to the same network.

    >>> net = StakeholderNetwork.from_tables([{"id": "1", "name": "=1+1", "type": "resident", "influence": 2.5}])
    >>> to_csv_pair(net)[0].decode("utf-8-sig").splitlines()[1]
    "1,'=1+1,bewoner,,,,,2.5,,"
    >>> to_csv_pair(net, dialect="excel-nl")[0].decode("utf-8-sig").splitlines()[1]
    "1;'=1+1;bewoner;;;;;2,5;;"
    """
    if dialect not in CSV_DIALECTS:
        raise ValueError(f"unknown CSV dialect {dialect!r}; choose from {sorted(CSV_DIALECTS)}")
    people_header, people, ties_header, ties = _export_tables(net, lang)
    return _csv_bytes(people_header, people, dialect), _csv_bytes(ties_header, ties, dialect)


def to_xlsx(net: StakeholderNetwork, *, lang: str = "nl") -> bytes:
    """The network as one workbook: sheets ``Betrokkenen`` and ``Relaties``
    (``Stakeholders``/``Relations`` with ``lang="en"``), headers in that language.

    Text is written as text, never as a formula (see :func:`escape_formula`);
    the network's name is the workbook title.
    """
    import openpyxl
    from openpyxl.styles import Font

    lang = "en" if str(lang).lower().startswith("en") else "nl"
    people_header, people, ties_header, ties = _export_tables(net, lang)
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in zip(_SHEET_TITLES[lang], (people_header, ties_header), (people, ties)):
        sheet = workbook.create_sheet(title)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "A2"
    workbook.properties.title = net.name or None
    buffer = _io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: Any) -> Any:
    # XML 1.0 cannot hold most control characters at all; dropping them beats a broken file.
    return _XML_INVALID.sub("", value) if isinstance(value, str) else value


def _export_graph(net: StakeholderNetwork) -> nx.MultiGraph:
    G = nx.MultiGraph(name=_xml_text(net.name), has_strengths=bool(net.has_strengths))
    for record in net.stakeholders.to_dict("records"):
        data = {"label": record["name"], "type": record["type"]}
        for column in ("organisation", "area", "role", "notes"):
            if record[column] is not None:
                data[column] = record[column]
        if record["themes"]:
            data["themes"] = ";".join(record["themes"])
        for column in ("influence", "interest"):
            if not math.isnan(record[column]):
                data[column] = float(record[column])
        G.add_node(_xml_text(record["id"]), **{k: _xml_text(v) for k, v in data.items()})
    for record in net.relations.to_dict("records"):
        # "relation_type", not "type": GEXF reserves an edge's type for its direction.
        data = {"relation_type": record["type"]}
        if net.has_strengths:
            data["weight"] = float(record["strength"])
        for column in ("since", "notes"):
            if record[column] is not None:
                data[column] = record[column]
        G.add_edge(_xml_text(record["source"]), _xml_text(record["target"]), **{k: _xml_text(v) for k, v in data.items()})
    return G


def to_graphml(net: StakeholderNetwork) -> bytes:
    """The network as GraphML (UTF-8): one edge per relation, ``label`` as the
    name, ``weight`` as the strength (omitted without rated strengths), themes
    joined with ``;``."""
    buffer = _io.BytesIO()
    nx.write_graphml(_export_graph(net), buffer, encoding="utf-8", prettyprint=False)
    return buffer.getvalue()


def to_gexf(net: StakeholderNetwork) -> bytes:
    """The network as GEXF 1.2 for Gephi; attributes as in :func:`to_graphml`."""
    buffer = _io.BytesIO()
    nx.write_gexf(_export_graph(net), buffer, encoding="utf-8", prettyprint=False)
    return buffer.getvalue()


def to_json(net: StakeholderNetwork) -> bytes:
    """The network in Netwerkkaart's own JSON format (UTF-8, canonical keys).

    >>> net = StakeholderNetwork.from_tables([{"id": "1", "name": "Anouk", "type": "civil_servant"}], name="Test")
    >>> json.loads(to_json(net))["stakeholders"][0]["type"]
    'civil_servant'
    """
    def clean(value: Any) -> Any:
        if isinstance(value, float) and math.isnan(value):
            return None
        if isinstance(value, (list, tuple)):
            return list(value)
        return value

    relations = net.relations if net.has_strengths else net.relations.drop(columns=["strength"])
    body = {
        "format": "netwerkkaart",
        "version": 1,
        "name": net.name,
        "has_strengths": net.has_strengths,
        "stakeholders": [{k: clean(v) for k, v in r.items()} for r in net.stakeholders.to_dict("records")],
        "relations": [{k: clean(v) for k, v in r.items()} for r in relations.to_dict("records")],
    }
    # One record per line: readable in a diff, without indentation that would
    # double the size of a large network (and push it over MAX_FILE_BYTES).
    lines = [json.dumps({k: v for k, v in body.items() if k not in ("stakeholders", "relations")}, ensure_ascii=False)[:-1]]
    for key in ("stakeholders", "relations"):
        records = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in body[key])
        lines.append(f', "{key}": [\n{records}\n]' if records else f', "{key}": []')
    return ("".join(lines) + "}\n").encode("utf-8")


def save(net: StakeholderNetwork, path: str | Path, *, lang: str = "nl") -> list[Path]:
    """Write the network to ``path`` in the format of its extension.

    A CSV path ``dir/name.csv`` writes two files, ``dir/name_stakeholders.csv``
    and ``dir/name_relations.csv``; other formats write ``path`` itself.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ValueError
        If the extension is not one of :data:`FORMATS`.
    """
    path = Path(path)
    kind = _format_of(path.suffix.lower())
    if kind == "csv":
        people, ties = to_csv_pair(net, lang=lang)
        targets = [path.with_name(f"{path.stem}_stakeholders.csv"), path.with_name(f"{path.stem}_relations.csv")]
        for target, data in zip(targets, (people, ties)):
            target.write_bytes(data)
        return targets
    writers = {"xlsx": lambda n: to_xlsx(n, lang=lang), "graphml": to_graphml, "gexf": to_gexf, "json": to_json}
    if kind not in writers:
        writable = sorted(s for k in WRITABLE for s in FORMATS[k])
        raise ValueError(f"unknown file type {path.suffix!r} to write; use one of {writable}")
    path.write_bytes(writers[kind](net))
    return [path]
