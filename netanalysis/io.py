"""Reading and writing stakeholder networks: CSV, XLSX, GraphML, GEXF and JSON.

Everything works on bytes in memory or on explicit paths; nothing is ever
written to the working directory. :func:`load` reads what users really have
and returns a :class:`~netanalysis.validation.LoadResult`: the network, or
the complete list of problems by file, row and column. It never raises on a
bad file.

Formats
-------
* **CSV pair**: one file of stakeholders and one of relations, told apart
  by their columns (the relations have source/target columns, ``van`` /
  ``naar``), else by their names. Delimiter ``,`` ``;`` or tab (counted in
  the header line; an Excel ``sep=;`` first line is honoured); encoding
  UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text") or
  cp1252 (never latin-1, which turns € and ’ into control characters).
* **XLSX**: one workbook with the sheets ``Betrokkenen``/``Stakeholders``
  and ``Relaties``/``Relations`` (any case); hidden sheets are ignored.
* **GraphML** and **GEXF** (Gephi): node attributes map like columns
  (Gephi's ``label`` is the name, ``weight`` the strength). Rows in
  problems are the position of the node or edge in the file, and the file
  is named ``file.gexf#nodes`` / ``file.gexf#edges``.
* **JSON**, Netwerkkaart's own: ``{"format": "netwerkkaart", "version": 1,
  "name": ..., "stakeholders": [...], "relations": [...]}``.

Writers escape spreadsheet formulas: text cells that start with ``= + - @``,
tab or carriage return get a leading ``'`` (OWASP CSV injection), and the
readers remove exactly one such ``'`` again, so every text round-trips.
Themes are written joined with ``;``, so a theme must not itself contain
``;``, ``,`` or ``|`` (see :func:`~netanalysis.schema.split_themes`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io as _io
import json
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from .network import StakeholderNetwork
from .schema import (
    RELATION_COLUMNS,
    STAKEHOLDER_COLUMNS,
    column_label,
    fold,
    relation_type_label,
    type_label,
)
from .validation import ERROR, WARNING, LoadResult, Problem, map_headers, validate_tables

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNZIPPED_BYTES",
    "FORMATS",
    "load",
    "load_csv_pair",
    "load_xlsx",
    "load_graphml",
    "load_gexf",
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
#: Largest total uncompressed size of an XLSX's members: a 20 MB workbook of
#: text unpacks to well under this, a zip bomb to far more.
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024

#: File extensions by format.
FORMATS: dict[str, tuple[str, ...]] = {
    "csv": (".csv", ".tsv", ".txt"),
    "xlsx": (".xlsx", ".xlsm"),
    "graphml": (".graphml",),
    "gexf": (".gexf",),
    "json": (".json",),
}

_SHEETS = {
    "stakeholders": ("stakeholders", "betrokkenen", "actoren", "actors", "nodes", "knopen", "personen"),
    "relations": ("relations", "relaties", "edges", "verbindingen", "links", "ties", "contacten"),
}
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


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def _too_large(name: str, size: int, limit: int) -> Problem:
    return Problem(ERROR, "too_large", name, params={"size": _mb(size), "limit": _mb(limit)})


def _unreadable(name: str, reason: str = "", row: int | None = None, *, key: str | None = None) -> Problem:
    """An unreadable file: ``key`` names a translated reason, else ``reason`` is library text."""
    params = {"reason_key": key} if key else {"reason": reason}
    return Problem(ERROR, "unreadable_file", name, row, None, params)


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
            return _Source(name, None, _unreadable(name, exc.strerror or str(exc)))
    if len(data) > limit:
        return _Source(name, None, _too_large(name, len(data), limit))
    return _Source(name, data)


def load(
    sources: Any, *, lang: str | None = None, name: str | None = None, max_bytes: int = MAX_FILE_BYTES
) -> LoadResult:
    """Load a network from the files a user has, validating everything.

    Parameters
    ----------
    sources : path, ``(filename, bytes)`` pair, uploaded file, or a list of these
        One ``.xlsx``, ``.graphml``, ``.gexf`` or ``.json`` file, or two CSV
        files (stakeholders and relations, in either order). The format
        follows from the extension.
    lang : str, optional
        Accepted for symmetry with the interface; problems are rendered in
        any language afterwards with :meth:`Problem.message`.
    name : str, optional
        The network's display name; by default the file's (for JSON and
        GraphML/GEXF the name stored in the file, if any).
    max_bytes : int
        Largest accepted size of each file. The default, 20 MB, holds about
        100,000 relations as CSV or JSON; a regional GEXF can need more.

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
    files = [_source(item, max_bytes) for item in items]
    broken = [f.problem for f in files if f.problem is not None]
    if broken:
        return LoadResult.failed(broken)
    suffixes = [f.suffix for f in files]
    kinds = [_format_of(s) for s in suffixes]
    unknown = [f for f, k in zip(files, kinds) if k is None]
    if unknown:
        return LoadResult.failed(
            Problem(ERROR, "unknown_format", f.name, params={"value": f.suffix or f.name}) for f in unknown
        )
    if kinds == ["csv", "csv"]:
        return load_csv_pair(files[0].name, files[0].data, files[1].name, files[1].data, name=name)
    if len(files) == 1 and kinds[0] != "csv":
        reader = {"xlsx": load_xlsx, "graphml": load_graphml, "gexf": load_gexf, "json": load_json}[kinds[0]]
        return reader(files[0].data, file=files[0].name, name=name)
    chosen = ", ".join(f.name for f in files) or "-"
    return LoadResult.failed([Problem(ERROR, "wrong_file_count", chosen, params={"value": chosen})])


def _is_pair(value: Any) -> bool:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], (bytes, bytearray, memoryview))


def _format_of(suffix: str) -> str | None:
    for kind, suffixes in FORMATS.items():
        if suffix in suffixes:
            return kind
    return None


def _stem(filename: str) -> str:
    return Path(filename).stem


# -- formula escaping ---------------------------------------------------------

_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def escape_formula(text: Any) -> Any:
    """Make text that a spreadsheet would run as a formula inert.

    Text starting with ``= + - @``, tab or carriage return (after any
    apostrophes) gets one more leading ``'``; other values pass unchanged.

    References
    ----------
    .. [1] OWASP, "CSV Injection".
       https://owasp.org/www-community/attacks/CSV_Injection

    >>> escape_formula('=HYPERLINK("http://x","klik")')
    '\\'=HYPERLINK("http://x","klik")'
    >>> escape_formula("Anouk"), escape_formula(3.0)
    ('Anouk', 3.0)
    """
    if isinstance(text, str) and _FORMULA.match(text):
        return "'" + text
    return text


def unescape_formula(text: Any) -> Any:
    """Undo :func:`escape_formula` (remove exactly one leading ``'``).

    >>> unescape_formula(escape_formula("-3 punten")), unescape_formula("'t Hoekje")
    ('-3 punten', "'t Hoekje")
    """
    if isinstance(text, str) and text.startswith("'") and _FORMULA.match(text[1:]):
        return text[1:]
    return text


# -- CSV ----------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """Decode CSV bytes: BOMs first, then UTF-8, then cp1252; raise UnicodeError if none fits."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    head = data[:400]
    if head and head.count(b"\x00") * 4 > len(head):
        # UTF-16 without BOM: ASCII characters leave a zero byte on one side.
        zeros_odd = head[1::2].count(b"\x00") > head[0::2].count(b"\x00")
        return data.decode("utf-16-le" if zeros_odd else "utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 is what Dutch Excel writes for "CSV (gescheiden door lijstscheidingsteken)";
        # it leaves five bytes undefined, so a binary file still fails here.
        return data.decode("cp1252")


def _delimiter(header_line: str) -> str:
    # csv.Sniffer guesses from all lines and is fooled by commas in text;
    # the header line holds no free text, so counting there is reliable.
    counts = {d: header_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_table(data: bytes, *, file: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one CSV file into a table of raw text cells.

    Returns
    -------
    (table, problems)
        ``table`` has the file's headers and text or None cells; its row
        ``i`` is spreadsheet row ``i + 2`` (blank lines are kept as empty
        rows so the numbering stays right). ``table`` is None when the
        file cannot be read; rows whose cell count differs from the header
        are reported as ``ragged_row`` errors.

    >>> table, problems = read_csv_table("naam;bedrag\\r\\nCafé;€ 5\\r\\n".encode("cp1252"), file="x.csv")
    >>> table.to_dict("records"), problems
    ([{'naam': 'Café', 'bedrag': '€ 5'}], [])
    """
    try:
        text = _decode(data)
    except UnicodeError:
        return None, [_unreadable(file, key="encoding")]
    if "\x00" in text:
        return None, [_unreadable(file, key="binary")]
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, [_unreadable(file, key="empty")]
    skipped = 0
    sep = re.fullmatch(r'"?sep=(.)"?', lines[first].strip())
    if sep:
        delimiter = sep.group(1)
        skipped = 1
    else:
        delimiter = _delimiter(lines[first])
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        return None, [_unreadable(file, str(exc))]
    records = records[skipped:]
    while records and not any(cell.strip() for cell in records[0]):
        records.pop(0)
        skipped += 1
    header = [cell.strip() for cell in records[0]]
    width = len(header)
    problems: list[Problem] = []
    rows: list[list[str | None]] = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            rows.append([None] * width)
            continue
        if len(record) > width and not any(cell.strip() for cell in record[width:]):
            record = record[:width]
        if len(record) != width:
            problems.append(
                Problem(ERROR, "ragged_row", file, number, None, {"found": len(record), "expected": width})
            )
            rows.append([None] * width)
            continue
        rows.append([_text_cell(cell) for cell in record])
    table = _table(header, rows)
    return table, problems


def _text_cell(cell: Any, *, spreadsheet: bool = True) -> str | None:
    if type(cell) is str:
        text = cell.strip()
        return (unescape_formula(text) if spreadsheet and text[:1] == "'" else text) or None
    if cell is None:
        return None
    if isinstance(cell, float):
        if math.isnan(cell):
            return None
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, (list, tuple)):
        return ";".join(str(v).strip() for v in cell if v is not None) or None
    text = str(cell).strip()
    # Only spreadsheet formats carry the formula escape of our writers.
    return (unescape_formula(text) if spreadsheet else text) or None


def _table(header: list[Any], rows: list[list[Any]]) -> pd.DataFrame:
    """A DataFrame of text cells; header cells left empty are dropped with their (empty) data."""
    names = [str(h).strip() if h is not None else "" for h in header]
    keep = []
    for i, h in enumerate(names):
        if h or any(row[i] is not None for row in rows):
            keep.append(i)
    columns = [names[i] or f"#{i + 1}" for i in keep]
    data = [[row[i] for i in keep] for row in rows]
    frame = pd.DataFrame(data, columns=range(len(columns)), dtype=object)
    frame.columns = columns  # set afterwards: duplicate headers are allowed and reported later
    return frame


def _looks_like(table: pd.DataFrame, filename: str) -> str | None:
    mapping, _, _ = map_headers("relations", table.columns)
    if "source" in mapping and "target" in mapping:
        return "relations"
    people, _, _ = map_headers("stakeholders", table.columns)
    if "id" in people:
        return "stakeholders"
    word = fold(Path(filename).stem)
    if any(w in word for w in ("relat", "edge", "link", "verbind", "koppel", "contact")):
        return "relations"
    if any(w in word for w in ("stakeholder", "betrok", "node", "knop", "actor", "person")):
        return "stakeholders"
    return None


def load_csv_pair(
    first_name: str, first: bytes, second_name: str, second: bytes, *, name: str | None = None
) -> LoadResult:
    """Load a stakeholders CSV and a relations CSV, given in either order.

    Rows and columns in problems are those of the files (header = row 1).
    """
    tables = []
    problems: list[Problem] = []
    for filename, data in ((first_name, first), (second_name, second)):
        table, found = read_csv_table(data, file=filename)
        problems += found
        tables.append((filename, table))
    if any(table is None for _, table in tables):
        return LoadResult.failed(problems)
    kinds = [_looks_like(table, filename) for filename, table in tables]
    if sorted(k or "" for k in kinds) != ["relations", "stakeholders"]:
        guesses = [_looks_like(pd.DataFrame(), filename) for filename, _ in tables]
        if sorted(g or "" for g in guesses) == ["relations", "stakeholders"]:
            kinds = guesses
        else:
            both = f"{first_name}, {second_name}"
            return LoadResult.failed(problems + [Problem(ERROR, "which_csv", both)])
    order = dict(zip(kinds, tables))
    (people_file, people), (ties_file, ties) = order["stakeholders"], order["relations"]
    result = validate_tables(
        people, ties, stakeholder_file=people_file, relation_file=ties_file,
        name=name if name is not None else _common_stem(people_file, ties_file),
    )
    return result.with_problems(problems)


def _common_stem(a: str, b: str) -> str:
    stem_a, stem_b = _stem(a), _stem(b)
    prefix = ""
    for x, y in zip(stem_a, stem_b):
        if x != y:
            break
        prefix += x
    return prefix.strip(" _-") or stem_a


# -- XLSX ---------------------------------------------------------------------


def _zip_problem(data: bytes, file: str) -> Problem | None:
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return _unreadable(file, key="not_xlsx")
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES or len(members) > 10_000:
        return Problem(ERROR, "zip_bomb", file, params={"size": _mb(total), "limit": _mb(MAX_UNZIPPED_BYTES)})
    return None


def _sheet_kind(title: str) -> str | None:
    word = fold(title)
    for kind, names in _SHEETS.items():
        if word in names:
            return kind
    return None


def load_xlsx(data: bytes, *, file: str = "netwerk.xlsx", name: str | None = None) -> LoadResult:
    """Load a workbook with a stakeholders sheet and a relations sheet.

    Sheets are found by name (``Betrokkenen``/``Stakeholders`` and
    ``Relaties``/``Relations``, any case), else by their columns. Hidden
    sheets are ignored. The members' uncompressed size is checked before
    the workbook is parsed (:data:`MAX_UNZIPPED_BYTES`). Formulas count
    with their cached value; dates become ISO text.
    """
    problem = _zip_problem(data, file)
    if problem:
        return LoadResult.failed([problem])
    import openpyxl  # imported here: only workbook users pay for it

    try:
        workbook = openpyxl.load_workbook(_io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged files; all mean "unreadable"
        return LoadResult.failed([_unreadable(file, f"{type(exc).__name__}: {exc}"[:200])])
    try:
        problems: list[Problem] = []
        visible = []
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                problems.append(Problem(WARNING, "hidden_sheet", file, params={"value": sheet.title}))
            else:
                visible.append(sheet)
        tables = {sheet.title: _sheet_table(sheet) for sheet in visible}
        title = workbook.properties.title
    except Exception as exc:  # as above: a damaged sheet surfaces only while reading rows
        return LoadResult.failed([_unreadable(file, f"{type(exc).__name__}: {exc}"[:200])])
    finally:
        workbook.close()
    chosen: dict[str, str] = {}
    for sheet_title in tables:
        kind = _sheet_kind(sheet_title)
        if kind and kind not in chosen:
            chosen[kind] = sheet_title
    for sheet_title, table in tables.items():
        if sheet_title in chosen.values():
            continue
        kind = _looks_like(table, "")
        if kind and kind not in chosen:
            chosen[kind] = sheet_title
    expected = dict(zip(("stakeholders", "relations"), _SHEET_TITLES["nl"]))
    missing = [Problem(ERROR, "missing_sheet", file, params={"expected": expected[k]}) for k in expected if k not in chosen]
    if missing:
        return LoadResult.failed(problems + missing)
    people_sheet, ties_sheet = chosen["stakeholders"], chosen["relations"]
    result = validate_tables(
        tables[people_sheet], tables[ties_sheet],
        stakeholder_file=f"{file}[{people_sheet}]", relation_file=f"{file}[{ties_sheet}]",
        name=name if name is not None else (title or _stem(file)),
    )
    return result.with_problems(problems)


def _sheet_table(sheet) -> pd.DataFrame:
    rows = [[_text_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    # Excel formats whole rows and columns; drop the blank tail openpyxl reports for them.
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    rows = [r + [None] * (width - len(r)) for r in rows]
    return _table(rows[0], rows[1:])


# -- GraphML and GEXF ---------------------------------------------------------

_SKIP_NODE_ATTRIBUTES = {"viz", "pid", "start", "end", "spells", "parents", "id"}
_SKIP_EDGE_ATTRIBUTES = {"id", "key", "networkx_key", "viz", "start", "end", "spells"}


def _vet_xml(data: bytes, file: str) -> tuple[Any, list[Problem]]:
    """Parse with defusedxml, refusing DTDs and entities; return the root or problems."""
    import defusedxml
    import defusedxml.ElementTree as safe_et

    try:
        root = safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException:
        return None, [Problem(ERROR, "unsafe_xml", file)]
    except safe_et.ParseError as exc:
        return None, [_unreadable(file, f"XML: {exc}")]
    return root, []


def _local(tag: Any) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _undeclared(root, file: str) -> list[Problem]:
    """Nodes without an id, and edges naming nodes the file does not declare
    (networkx would silently create those)."""
    problems = []
    nodes = set()
    for position, el in enumerate((el for el in root.iter() if _local(el.tag) == "node"), start=1):
        if not (el.get("id") or "").strip():
            problems.append(Problem(ERROR, "empty_id", f"{file}#nodes", position, "id"))
        nodes.add(el.get("id"))
    reported: set[str] = set()
    position = 0
    for el in root.iter():
        if _local(el.tag) != "edge":
            continue
        position += 1
        for end in ("source", "target"):
            value = el.get(end)
            if value not in nodes and value not in reported:
                reported.add(value)
                problems.append(Problem(ERROR, "undeclared_node", f"{file}#edges", position, end, {"value": value}))
    return problems


def _load_graph(data: bytes, file: str, name: str | None, read) -> LoadResult:
    root, problems = _vet_xml(data, file)
    if root is None:
        return LoadResult.failed(problems)
    problems = _undeclared(root, file)
    if problems:
        return LoadResult.failed(problems)
    try:
        G = read(_io.BytesIO(data))
    except Exception as exc:  # networkx raises assorted errors on malformed graph files
        return LoadResult.failed([_unreadable(file, f"{type(exc).__name__}: {exc}"[:200])])
    return _graph_to_result(G, file, name if name is not None else (G.graph.get("name") or _stem(file)))


def _graph_to_result(G: nx.Graph, file: str, name: str) -> LoadResult:
    people = []
    for node, data in G.nodes(data=True):
        row = {"id": node}
        row.update({k: v for k, v in data.items() if k not in _SKIP_NODE_ATTRIBUTES})
        people.append(row)
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    ties = []
    for u, v, _key, data in edges:
        row = {"source": u, "target": v}
        row.update({k: val for k, val in data.items() if k not in _SKIP_EDGE_ATTRIBUTES})
        ties.append(row)
    people_frame = _frame(people, ("id", "label"))
    # A network without relations keeps its "rated" flag only through this graph
    # attribute (GraphML stores it; GEXF has no place for graph attributes).
    rated = G.graph.get("has_strengths") in (True, "true", "True", 1)
    ties_frame = _frame(ties, ("source", "target", "weight") if rated else ("source", "target"))
    problems = []
    mapping, _, _ = map_headers("stakeholders", people_frame.columns)
    if "name" not in mapping:
        people_frame["label"] = people_frame["id"]
    if "type" not in mapping:
        people_frame["type"] = "other"
        problems.append(Problem(WARNING, "no_type_column", f"{file}#nodes"))
    result = validate_tables(
        people_frame, ties_frame, stakeholder_file=f"{file}#nodes", relation_file=f"{file}#edges",
        row_offset=1, name=str(name), report_optional=False,
    )
    return result.with_problems(problems, first=False)


def _frame(records: list[dict], first: tuple[str, ...]) -> pd.DataFrame:
    columns = list(first)
    for record in records:
        for key in record:
            if key not in columns:
                columns.append(key)
    return pd.DataFrame.from_records(
        [[_text_cell(r.get(c), spreadsheet=False) for c in columns] for r in records], columns=columns
    ).astype(object)


def load_graphml(data: bytes, *, file: str = "netwerk.graphml", name: str | None = None) -> LoadResult:
    """Load a GraphML file (from Gephi, yEd, networkx or this app).

    The bytes are vetted with defusedxml first: a DTD or entity declaration
    is refused (``unsafe_xml``), as are edges to undeclared nodes.
    """
    return _load_graph(data, file, name, nx.read_graphml)


def load_gexf(data: bytes, *, file: str = "netwerk.gexf", name: str | None = None) -> LoadResult:
    """Load a GEXF file (Gephi's format); see :func:`load_graphml`."""
    return _load_graph(data, file, name, nx.read_gexf)


# -- JSON ---------------------------------------------------------------------


def load_json(data: bytes, *, file: str = "netwerk.json", name: str | None = None) -> LoadResult:
    """Load Netwerkkaart's own JSON format (see :func:`to_json`).

    Problems name ``file.json#stakeholders`` or ``#relations`` and the
    record's position (1 = first record).
    """
    def bad(reason: str, **params: Any) -> LoadResult:
        return LoadResult.failed([Problem(ERROR, "bad_json", file, params={"reason_key": reason, **params})])

    try:
        body = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return LoadResult.failed([_unreadable(file, f"JSON: {exc}")])
    if not isinstance(body, dict) or body.get("format") != "netwerkkaart":
        return bad("json_format")
    if body.get("version") != 1:
        return bad("json_version", version=str(body.get("version"))[:20])
    tables = []
    for key, columns in (("stakeholders", STAKEHOLDER_COLUMNS), ("relations", RELATION_COLUMNS)):
        records = body.get(key, [])
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            return bad("json_lists", key=key)
        tables.append(_frame(records, ()) if records else pd.DataFrame(columns=list(columns), dtype=object))
    if not body.get("relations") and body.get("has_strengths", True) is False:
        tables[1] = tables[1].drop(columns=["strength"])
    return validate_tables(
        tables[0], tables[1], stakeholder_file=f"{file}#stakeholders", relation_file=f"{file}#relations",
        row_offset=1, name=name if name is not None else str(body.get("name") or _stem(file)),
    )


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
        raise ValueError(f"unknown file type {path.suffix!r}; use one of {sorted(s for v in FORMATS.values() for s in v)}")
    path.write_bytes(writers[kind](net))
    return [path]
