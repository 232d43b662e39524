"""Readers and layouts beyond the real files: every bad file gets a located,
translated message (never a library's own text), bombs are refused before
parsing, and the layouts of Polinode, Onodo and hand-made files are recognised."""

from __future__ import annotations

import io as stdlib_io
import time
import zipfile

import openpyxl
import pytest

from netanalysis import io as nio
from netanalysis.layouts import ColumnMapping
from netanalysis.mapping import apply_mapping
from netanalysis.validation import rescale_weights


def codes(result):
    return [p.code for p in result.problems]


def only(result, code):
    [problem] = [p for p in result.problems if p.code == code]
    return problem


def workbook(sheets: dict[str, list[list]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = stdlib_io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def no_library_text(problem):
    for lang in ("nl", "en"):
        text = problem.message(lang)
        assert not any(word in text for word in ("Error", "Exception", "field limit", "Traceback")), text


# -- located messages ---------------------------------------------------------------


def test_csv_field_limit_names_the_line_and_the_likely_cause():
    data = b'van,naar\na,"b\n' + b"x" * 140_000 + b"\n"
    problem = only(nio.load(("paren.csv", data)), "unreadable_file")
    assert problem.row == 2 and problem.params["reason_key"] == "csv_field"  # where the runaway cell starts
    assert "aanhalingsteken" in problem.message("nl") and "131.072" in problem.message("nl")
    no_library_text(problem)


def test_one_nul_byte_is_located_on_its_line():
    problem = only(nio.load(("paren.csv", b"van,naar\na,b\nc\x00,d\n")), "unreadable_file")
    assert problem.row == 3 and "regel 3" in problem.message("nl")


def test_broken_xml_names_line_and_column():
    problem = only(nio.load(("x.gexf", b"<gexf>\n<graph>\n<nodes><node id='a'></nodes>")), "unreadable_file")
    assert problem.row == 3 and problem.params["reason_key"] == "xml"
    no_library_text(problem)


def test_xml_without_a_graph_says_so():
    problem = only(nio.load(("x.gexf", b"<?xml version='1.0'?><html><body/></html>")), "unreadable_file")
    assert problem.params["reason_key"] == "not_graph" and "GEXF" in problem.message("en")


def test_bad_json_names_line():
    problem = only(nio.load(("x.json", b'{"format": "netwerkkaart",\n "version": 1,\n oops}')), "unreadable_file")
    assert problem.row == 3
    no_library_text(problem)


def test_bad_weight_is_located_by_row_and_column():
    result = nio.load(("paren.csv", b"van,naar,gewicht\na,b,2\nb,c,veel\nc,a,-1\n"))
    assert [(p.row, p.column, p.params["value"]) for p in result.errors] == [(3, "gewicht", "veel"), (4, "gewicht", "-1")]
    assert "groter dan 0" in result.errors[0].message("nl")


def test_names_that_fit_nobody_or_several_are_located():
    people = [["Naam", "Soort"], ["Anouk", "ambtenaar"], ["Bas", "bewoner"], ["Bas", "ondernemer"]]
    ties = [["Van", "Naar"], ["Anouk", "Cor"]]
    result = nio.load(("x.xlsx", workbook({"Personen": people, "Contacten": ties})))
    # a names-only list: the name is the id, so Bas twice cannot be, and Cor is nobody
    assert [(p.code, p.row) for p in result.errors] == [("duplicate_id", 4), ("unknown_name", 2)]
    people = [["id", "naam", "type"], ["1", "Anouk", "ambtenaar"], ["2", "Bas", "bewoner"], ["3", "Bas", "ondernemer"]]
    ties = [["van naam", "naar naam"], ["Anouk", "Cor"], ["Anouk", "bas"]]
    result = nio.load(("x.xlsx", workbook({"Betrokkenen": people, "Relaties": ties})), mapping=ColumnMapping(
        "Betrokkenen", "Relaties", {"id": "id", "name": "naam", "type": "type"},
        {"source": "van naam", "target": "naar naam"}, "name"))
    assert [(p.code, p.row, p.column) for p in result.errors] == [
        ("unknown_name", 2, "naar naam"), ("ambiguous_name", 3, "naar naam"),
    ]
    assert "2 betrokkenen" in result.errors[1].message("nl")


def test_pajek_bad_line_is_located():
    data = b"*Vertices 3\n1 \"Anouk\"\n2 \"Bas\"\n3 \"Cor\"\n*Edges\n1 2\n1 9\n"
    problem = only(nio.load(("x.net", data)), "bad_line")
    assert (problem.row, problem.params["value"]) == (7, "1 9") and "1 tot 3" in problem.message("nl")


def test_pajek_labels_arcs_and_weights():
    data = b'*Vertices 3\n1 "Gemeente Leiden" 0.1 0.2\n2 "Buurthuis"\n3 "Cor"\n*Arcs\n1 2 4\n2 1 2\n*Edges\n2 3 1\n'
    net = nio.load(("x.net", data)).network
    assert net.names() == {"1": "Gemeente Leiden", "2": "Buurthuis", "3": "Cor"}
    assert sorted(net.relations["strength"]) == [1.0, 4.0]  # the reciprocal arc merged, keeping the strongest


def test_ucinet_fullmatrix_with_labels():
    data = b"DL N=3\nFORMAT = FULLMATRIX\nLABELS:\nAnouk,Bas,Cor\nDATA:\n0 1 0\n1 0 3\n0 3 0\n"
    net = nio.load(("x.dl", data)).network
    assert net.names() == {"1": "Anouk", "2": "Bas", "3": "Cor"} and len(net.relations) == 2


def test_gml_is_read_and_its_errors_translated():
    gml = b'graph [\n node [ id 0 label "Anouk" ]\n node [ id 1 label "Bas" ]\n edge [ source 0 target 1 weight 2 ]\n]\n'
    net = nio.load(("x.gml", gml)).network
    assert net.names() == {"0": "Anouk", "1": "Bas"} and net.relations["strength"].tolist() == [2.0]
    problem = only(nio.load(("x.gml", b"graph [ node [ id 0 ]")), "unreadable_file")
    assert problem.params["reason_key"] == "gml"


def test_ods_is_read():
    content = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.2"><office:body><office:spreadsheet>{sheets}</office:spreadsheet></office:body></office:document-content>"""

    def sheet(name, rows):
        cells = "".join(
            "<table:table-row>" + "".join(f"<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>" for v in row) + "</table:table-row>"
            for row in rows
        )
        return f'<table:table table:name="{name}">{cells}</table:table>'

    body = content.format(sheets=sheet("Betrokkenen", [["id", "naam", "type"], ["1", "Anouk", "ambtenaar"], ["2", "Bas", "bewoner"]])
                          + sheet("Relaties", [["van", "naar"], ["1", "2"]]))
    buffer = stdlib_io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", body)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    result = nio.load(("netwerk.ods", buffer.getvalue()))
    assert result.ok, [p.located() for p in result.problems]
    assert result.network.names() == {"1": "Anouk", "2": "Bas"} and len(result.network.relations) == 1


# -- bombs ----------------------------------------------------------------------------


def bomb(size: int) -> bytes:
    buffer = stdlib_io.BytesIO(workbook({"Betrokkenen": [["id", "naam", "type"], ["1", "A", "bewoner"]]}))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/media/bomb.bin", "w", force_zip64=True) as member:
            chunk = b"\0" * (1 << 20)
            for _ in range(size // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize("size", [60 << 20, 10 << 20])  # over the size cap; under it but inflating 1000 times
def test_workbook_bomb_is_refused_before_parsing(size):
    data = bomb(size)
    started = time.process_time()
    result = nio.load(("bom.xlsx", data))
    assert codes(result) == ["zip_bomb"] and time.process_time() - started < 1.0


def test_workbook_with_an_entity_declaration_is_refused():
    buffer = stdlib_io.BytesIO()
    with zipfile.ZipFile(stdlib_io.BytesIO(workbook({"Blad1": [["id"], ["1"]]}))) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + data
            target.writestr(item, data)
    assert codes(nio.load(("x.xlsx", buffer.getvalue()))) == ["unsafe_xml"]


# -- layouts ---------------------------------------------------------------------------


def test_polinode_workbook():
    data = workbook({"Nodes": [["Name", "Type", "Department"], ["Anouk", "ambtenaar", "Sociaal"], ["Bas", "bewoner", None]],
                     "Edges": [["Source", "Target", "Weight"], ["Anouk", "Bas", 3]]})
    result = nio.load(("polinode.xlsx", data))
    assert result.ok and result.layout == "polinode" and result.network.stakeholder("Anouk")["organisation"] == "Sociaal"


def test_onodo_workbook():
    data = workbook({"Nodes": [["Name", "Type", "Description"], ["Gemeente", "gemeente", "x"], ["Buurthuis", "organisatie", None]],
                     "Relations": [["Source", "Relation Type", "Target"], ["Gemeente", "subsidie", "Buurthuis"]]})
    result = nio.load(("onodo.xlsx", data))
    assert result.ok and result.layout == "onodo"
    assert result.network.relations.to_dict("records")[0]["type"] == "funding"


def test_stakeholders_list_without_relations_loads_with_one_warning():
    result = nio.load(("lijst.csv", b"naam;soort\nAnouk;ambtenaar\nBas;bewoner\n"))
    assert result.ok and result.layout == "stakeholders_only" and codes(result) == ["no_relations"]
    assert result.network.ids == ["Anouk", "Bas"]


def test_own_layout_stays_strict():
    result = nio.load([("b.csv", b"id,naam,type\n1,A,bewoner\n"), ("r.csv", b"van,naar\n1,1\n")])
    assert codes(result).count("self_loop") == 1 and result.network is None


def test_user_mapping_overrides_the_recognised_one():
    found = nio.read(("x.xlsx", workbook({"Blad1": [["Wie", "Met wie", "Datum"], ["A", "B", "01-03-2021"]]})))
    result = apply_mapping(found, ColumnMapping(None, "Blad1", {}, {"source": "Wie", "target": "Met wie", "since": "Datum"}))
    assert result.ok and result.network.relations["since"].tolist() == ["2021-03-01"]


def test_rescaling_rule():
    assert rescale_weights([1, 2, 5]) == ([1.0, 2.0, 5.0], False)
    assert rescale_weights([0.1, 0.55, 1.0]) == ([1.0, 3.0, 5.0], True)
    assert rescale_weights([]) == ([], False)


def test_no_warning_reaches_stderr_for_an_openpyxl_workbook_with_extensions(recwarn):
    data = workbook({"Betrokkenen": [["id", "naam", "type"], ["1", "A", "bewoner"]], "Relaties": [["van", "naar"]]})
    nio.load(("x.xlsx", data))
    assert len(recwarn) == 0
