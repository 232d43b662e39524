"""Workbooks: XLSX/XLSM, ODS (OpenDocument, on the Dutch open-standards list) and old XLS.

All three are read by calamine (``python-calamine``), a Rust reader that is
fast (a 20,000-stakeholder workbook in well under a second, where openpyxl
took over six) and does not expand XML entities. Zip-based workbooks are
vetted before any sheet is parsed: the members' inflated size and the
compression ratio are capped, so a zip bomb is refused in milliseconds.
Hidden sheets are left out (with a warning); formulas count with their
cached value; dates become ISO text.
"""

from __future__ import annotations

import io as _io
import zipfile

from ..problems import ERROR, WARNING, Problem
from .tables import Found, Table, make_table, megabytes, text_cell, unreadable

__all__ = ["MAX_UNZIPPED_BYTES", "MAX_COMPRESSION_RATIO", "vet_zip", "read_workbook"]

#: Largest total inflated size of a workbook's members. A 20 MB workbook of
#: text (our upload limit) inflates to about 40 MB; a zip bomb to far more.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
#: Largest ratio of inflated to compressed size, for workbooks inflating to
#: more than :data:`_RATIO_FLOOR`. Sheets of text compress 5-30 times;
#: a bomb of repeated bytes compresses a thousand times.
MAX_COMPRESSION_RATIO = 100
_RATIO_FLOOR = 5 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def vet_zip(data: bytes, file: str) -> Problem | None:
    """Refuse a workbook that is no zip, is damaged, or inflates too far.

    The sizes are those the archive declares; calamine and Python's zip
    reader both stop at a member's declared size, so a member that lies
    about its size cannot inflate beyond it.
    """
    if data.startswith(_OLE_MAGIC):
        return unreadable(file, key="encrypted")  # a password-protected .xlsx is an OLE container
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return unreadable(file, key="damaged_zip" if data.startswith(b"PK") else "not_xlsx")
    total = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if total > MAX_UNZIPPED_BYTES or len(members) > 10_000:
        return Problem(ERROR, "zip_bomb", file, params={"size": megabytes(total), "limit": megabytes(MAX_UNZIPPED_BYTES)})
    if total > _RATIO_FLOOR and total / packed > MAX_COMPRESSION_RATIO:
        return Problem(ERROR, "zip_bomb", file, params={"size": megabytes(total), "limit": megabytes(_RATIO_FLOOR)})
    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as archive:
            for member in members:
                if member.filename.endswith((".xml", ".rels")):
                    with archive.open(member) as handle:
                        head = handle.read(4096)
                    # A DTD can only come before the root element, so the head shows it.
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        return Problem(ERROR, "unsafe_xml", file)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return unreadable(file, key="damaged_zip")
    return None


def _sheet_rows(sheet) -> list[list[str | None]]:
    rows = [[text_cell(v) for v in row] for row in sheet.to_python(skip_empty_area=False)]
    while rows and all(v is None for v in rows[-1]):
        rows.pop()  # Excel formats whole rows; drop the blank tail
    return rows


def read_workbook(data: bytes, *, file: str, kind: str = "xlsx") -> Found:
    """Read every visible sheet of a workbook into a table (header = first non-empty row).

    Parameters
    ----------
    kind : {"xlsx", "ods", "xls"}
        The format, from the extension; XLS (the binary Excel 97 format) is
        not a zip and skips the zip checks.

    Returns
    -------
    Found
        One table per visible, non-empty sheet, labelled ``file[sheet]``;
        a problem instead when the workbook cannot be read.
    """
    if kind != "xls":
        problem = vet_zip(data, file)
        if problem:
            return Found(file, problems=[problem])
    import python_calamine  # imported here: only workbook users pay for it

    found = Found(file)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(_io.BytesIO(data))
        for meta in workbook.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue  # chart sheets and macro sheets hold no table
            if str(meta.visible).rsplit(".", 1)[-1] != "Visible":
                found.problems.append(Problem(WARNING, "hidden_sheet", file, params={"value": meta.name}))
                continue
            rows = _sheet_rows(workbook.get_sheet_by_name(meta.name))
            start = next((i for i, row in enumerate(rows) if any(v is not None for v in row)), None)
            if start is None:
                continue
            width = max(len(r) for r in rows)
            rows = [r + [None] * (width - len(r)) for r in rows]
            table = make_table(rows[start], rows[start + 1:])
            found.tables.append(Table(meta.name, f"{file}[{meta.name}]", table, start + 2))
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        return Found(file, problems=[unreadable(file, key="spreadsheet", detail=detail)])
    found.title = _title(data) if kind != "xls" else None
    return found


def _title(data: bytes) -> str | None:
    """The workbook's title from its document properties (XLSX ``docProps/core.xml``, ODS ``meta.xml``)."""
    import defusedxml.ElementTree as safe_et

    try:
        with zipfile.ZipFile(_io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            member = next((n for n in ("docProps/core.xml", "meta.xml") if n in names), None)
            if member is None or archive.getinfo(member).file_size > 1_000_000:
                return None
            root = safe_et.fromstring(archive.read(member), forbid_dtd=True, forbid_entities=True)
    except Exception:  # a title is a nicety: any trouble reading it just means no title
        return None
    title = next((el.text for el in root.iter() if str(el.tag).rsplit("}", 1)[-1] == "title"), None)
    return title.strip() if title and title.strip() else None
