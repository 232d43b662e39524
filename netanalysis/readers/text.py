"""Text formats: CSV (any delimiter and encoding), Pajek ``.net`` and UCINET DL.

CSV files become one :class:`~netanalysis.readers.tables.Table` each;
Pajek and UCINET files become a graph's ``nodes`` and ``edges`` tables.
Every problem names the line the user can find in a text editor.
"""

from __future__ import annotations

import codecs
import csv
import io as _io
import re
import shlex

import pandas as pd

from ..problems import ERROR, Problem
from .tables import Found, Table, make_table, text_cell, unreadable

__all__ = ["decode_text", "read_csv_table", "read_csv", "read_pajek", "read_ucinet_dl"]


def decode_text(data: bytes) -> str:
    """Decode text bytes: BOMs first, then UTF-8, then cp1252; raise UnicodeError if none fits."""
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
        text = decode_text(data)
    except UnicodeError:
        return None, [unreadable(file, key="encoding")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [unreadable(file, row=line, key="nul", line=line)]
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, [unreadable(file, key="empty")]
    skipped = 0
    sep = re.fullmatch(r'"?sep=(.)"?', lines[first].strip())
    if sep:
        delimiter = sep.group(1)
        skipped = 1
    else:
        delimiter = _delimiter(lines[first])
    reader = csv.reader(_io.StringIO(text, newline=""), delimiter=delimiter)
    records = []
    line = 1
    try:
        for record in reader:
            records.append(record)
            line = reader.line_num + 1  # where the next record starts
    except csv.Error as exc:
        if "field limit" in str(exc):
            return None, [unreadable(file, row=line, key="csv_field", line=line, limit=f"{csv.field_size_limit():,}".replace(",", "."))]
        return None, [unreadable(file, row=line, key="csv_quote", line=line)]
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
        rows.append([text_cell(cell) for cell in record])
    return make_table(header, rows), problems


def read_csv(files: list[tuple[str, bytes]]) -> Found:
    """One or two CSV files as tables named after the files."""
    found = Found(", ".join(name for name, _ in files))
    for name, data in files:
        table, problems = read_csv_table(data, file=name)
        found.problems += problems
        if table is not None:
            found.tables.append(Table(name, name, table))
    return found


# -- graph text formats -------------------------------------------------------


def _graph_found(file: str, nodes: list[dict], edges: list[dict], problems: list[Problem]) -> Found:
    """A graph format's nodes and edges as tables (columns id/name and source/target/weight)."""
    node_columns = ["id", "name"]
    edge_columns = ["source", "target"] + (["weight"] if any("weight" in e for e in edges) else [])
    node_frame = pd.DataFrame([[n.get(c) for c in node_columns] for n in nodes], columns=node_columns, dtype=object)
    edge_frame = pd.DataFrame([[e.get(c) for c in edge_columns] for e in edges], columns=edge_columns, dtype=object)
    return Found(
        file,
        [Table("nodes", f"{file}#nodes", node_frame, 1), Table("edges", f"{file}#edges", edge_frame, 1)],
        problems,
        graph=True,
    )


def _lines(data: bytes, file: str) -> tuple[list[str] | None, list[Problem]]:
    try:
        text = decode_text(data)
    except UnicodeError:
        return None, [unreadable(file, key="encoding")]
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [unreadable(file, row=line, key="nul", line=line)]
    return text.splitlines(), []


def _bad_line(file: str, number: int, line: str, fmt: str, expected: str) -> Problem:
    return Problem(ERROR, "bad_line", file, number, None, {"value": line.strip()[:60], "format": fmt, "expected": expected})


def read_pajek(data: bytes, *, file: str) -> Found:
    """Read a Pajek ``.net`` file: ``*Vertices n`` (labels optional), ``*Edges`` / ``*Arcs``
    (``u v [weight]``), ``*Edgeslist`` / ``*Arcslist`` and ``*Matrix``.

    Vertices are numbered 1..n; a vertex without a label line is named by
    its number. Arcs are read as undirected relations.

    References
    ----------
    .. [1] Batagelj, V. & Mrvar, A. *Pajek manual*, section "Network" (file
       format ``.net``). http://mrvar.fdv.uni-lj.si/pajek/
    """
    lines, problems = _lines(data, file)
    if lines is None:
        return Found(file, problems=problems)
    names: dict[str, str] = {}
    count = 0
    edges: list[dict] = []
    section = None
    matrix_row = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("%"):
            continue
        if line.startswith("*"):
            word, *rest = line[1:].split()
            section = word.lower()
            if section == "vertices":
                if not rest or not rest[0].isdigit():
                    problems.append(_bad_line(file, number, raw, "Pajek", "*Vertices n"))
                    break
                count = int(rest[0])
            elif section not in ("edges", "arcs", "edgeslist", "arcslist", "matrix", "network"):
                problems.append(_bad_line(file, number, raw, "Pajek", "*Vertices, *Edges, *Arcs, *Edgeslist, *Arcslist of *Matrix"))
                break
            matrix_row = 0
            continue
        try:
            parts = shlex.split(line, posix=True)
        except ValueError:
            parts = line.split()
        if section == "vertices":
            if not parts[0].isdigit() or not 1 <= int(parts[0]) <= count:
                problems.append(_bad_line(file, number, raw, "Pajek", f"een nummer van 1 tot {count} en een naam"))
                continue
            names[parts[0]] = parts[1] if len(parts) > 1 else parts[0]
        elif section in ("edges", "arcs"):
            ends_ok = len(parts) >= 2 and all(p.isdigit() and 1 <= int(p) <= count for p in parts[:2])
            if not ends_ok:
                problems.append(_bad_line(file, number, raw, "Pajek", f"twee nummers van 1 tot {count} (en een gewicht)"))
                continue
            edge = {"source": parts[0], "target": parts[1], "row": number}
            if len(parts) > 2:
                edge["weight"] = parts[2]
            edges.append(edge)
        elif section in ("edgeslist", "arcslist"):
            if not all(p.isdigit() and 1 <= int(p) <= count for p in parts):
                problems.append(_bad_line(file, number, raw, "Pajek", f"nummers van 1 tot {count}"))
                continue
            edges += [{"source": parts[0], "target": p, "row": number} for p in parts[1:]]
        elif section == "matrix":
            matrix_row += 1
            for column, value in enumerate(parts, start=1):
                if value not in ("0", "0.0") and matrix_row <= count and column <= count:
                    edges.append({"source": str(matrix_row), "target": str(column), "weight": value, "row": number})
        else:
            problems.append(_bad_line(file, number, raw, "Pajek", "*Vertices n"))
            break
    if not count and not problems:
        problems.append(Problem(ERROR, "no_edges", file))
    nodes = [{"id": str(i), "name": names.get(str(i), str(i))} for i in range(1, count + 1)]
    return _graph_found(file, nodes, edges, problems)


_DL_KEY = re.compile(r"(\w+)\s*=\s*([^\s,]+)")


def read_ucinet_dl(data: bytes, *, file: str) -> Found:
    """Read a UCINET DL file: ``format = fullmatrix`` (the default),
    ``edgelist1`` or ``nodelist1``, with ``labels:`` and ``labels embedded``.

    References
    ----------
    .. [1] Borgatti, S.P., Everett, M.G. & Freeman, L.C. (2002). *Ucinet for
       Windows: Software for Social Network Analysis*, "DL" data language.
       Harvard, MA: Analytic Technologies.
    """
    lines, problems = _lines(data, file)
    if lines is None:
        return Found(file, problems=problems)
    header: list[str] = []
    body_start = None
    for number, raw in enumerate(lines):
        if raw.strip().lower().startswith("data:"):
            body_start = number + 1
            break
        header.append(raw)
    head = " ".join(header)
    if not head.strip().lower().startswith("dl") or body_start is None:
        return Found(file, problems=[_bad_line(file, 1, lines[0] if lines else "", "UCINET DL", "DL n=... en data:")])
    keys = {k.lower(): v.lower() for k, v in _DL_KEY.findall(head)}
    fmt = keys.get("format", "fullmatrix")
    try:
        count = int(keys.get("n", "0"))
    except ValueError:
        count = 0
    embedded = "embedded" in head.lower()
    labels: list[str] = []
    in_labels = False
    for raw in header:
        low = raw.strip().lower()
        if low.startswith("labels:"):
            in_labels = True
            rest = raw.split(":", 1)[1]
            labels += [x.strip() for x in re.split(r"[,\s]+", rest) if x.strip()]
            continue
        if in_labels and (low.startswith("labels embedded") or "=" in low or low.startswith("format")):
            in_labels = False
        elif in_labels:
            labels += [x.strip() for x in re.split(r",", raw) if x.strip()]
    edges: list[dict] = []
    body = [(n + 1, lines[n]) for n in range(body_start, len(lines)) if lines[n].strip()]
    if fmt.startswith("fullmatrix"):
        if embedded and body:
            labels = body[0][1].split()
            body = body[1:]
        for i, (number, raw) in enumerate(body[:count], start=1):
            parts = raw.split()
            if embedded:
                parts = parts[1:]
            if len(parts) != count or not all(re.fullmatch(r"[-+]?\d+(\.\d*)?", p) for p in parts):
                problems.append(_bad_line(file, number, raw, "UCINET DL", f"{count} getallen"))
                continue
            for j, value in enumerate(parts, start=1):
                if float(value) != 0:
                    edges.append({"source": str(i), "target": str(j), "weight": value, "row": number})
        nodes = [{"id": str(i), "name": labels[i - 1] if i - 1 < len(labels) else str(i)} for i in range(1, count + 1)]
    elif fmt in ("edgelist1", "nodelist1"):
        index = {label: str(i) for i, label in enumerate(labels, start=1)}
        seen: dict[str, str] = dict(index)
        for number, raw in body:
            parts = raw.split()
            if fmt == "edgelist1" and len(parts) not in (2, 3):
                problems.append(_bad_line(file, number, raw, "UCINET DL", "twee knopen (en een gewicht)"))
                continue
            ends = parts[:2] if fmt == "edgelist1" else parts
            for end in ends:
                if end not in seen:
                    seen[end] = end if embedded or not end.isdigit() else end
            pairs = [(ends[0], ends[1])] if fmt == "edgelist1" else [(ends[0], other) for other in ends[1:]]
            for a, b in pairs:
                edge = {"source": seen[a], "target": seen[b], "row": number}
                if fmt == "edgelist1" and len(parts) == 3:
                    edge["weight"] = parts[2]
                edges.append(edge)
        ids = dict.fromkeys(seen.values())
        names = {v: k for k, v in seen.items()}
        if not embedded and labels:
            for i in range(1, count + 1):
                ids.setdefault(str(i))
        nodes = [{"id": ident, "name": names.get(ident, ident)} for ident in ids]
    else:
        return Found(file, problems=[_bad_line(file, 1, f"format = {fmt}", "UCINET DL", "fullmatrix, edgelist1 of nodelist1")])
    return _graph_found(file, nodes, edges, problems)
