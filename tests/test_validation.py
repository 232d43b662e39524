"""Validation rules: every error and warning code, with the row and column it names.

Rows are spreadsheet rows: the header is row 1, so the first data row is
row 2. Columns are the headers as written in the file.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from netanalysis.i18n import LANGUAGES
from netanalysis.headers import map_headers
from netanalysis.validation import (
    MESSAGES,
    LoadResult,
    Problem,
    parse_date,
    parse_number,
    validate_relation,
    validate_stakeholder,
    validate_tables,
)


def table(header: str, *rows: str) -> pd.DataFrame:
    """A raw table as a reader produces it: text cells, None for empty ('|' separates)."""
    columns = header.split("|")
    data = [[cell if cell != "" else None for cell in row.split("|")] for row in rows]
    return pd.DataFrame(data, columns=columns, dtype=object)


PEOPLE = table(
    "id|naam|type",
    "a|Anouk|ambtenaar",
    "b|Bas|bewoner",
    "c|Café ’t Hoekje|ondernemer",
)


def check(people: pd.DataFrame = PEOPLE, ties: pd.DataFrame | None = None) -> LoadResult:
    if ties is None:
        ties = table("van|naar|sterkte", "a|b|3")
    return validate_tables(people, ties, stakeholder_file="b.csv", relation_file="r.csv")


def found(result: LoadResult, code: str) -> list[tuple]:
    return [(p.file, p.row, p.column) for p in result.problems if p.code == code]


# -- a clean file ---------------------------------------------------------------


def test_clean_tables_load_with_canonical_values():
    people = table(
        "ID|Naam|Soort|Afdeling|Thema's|Wijk|Rol|Invloed|Belang|Opmerkingen",
        "007|Anouk|Gemeente|Sociaal Domein|jeugd, groen|Noord|regisseur|4,5|2|",
        "7|Bas|inwoner||||||1|",
    )
    ties = table("Van|Naar|Relatietype|Gewicht|Sinds|Toelichting", "007|7|Subsidie|1,5|31-12-2024|jaarlijks")
    result = validate_tables(people, ties, stakeholder_file="b.csv", relation_file="r.csv", name="Test")
    assert result.ok and result.errors == [] and result.warnings == []
    net = result.network
    assert net.ids == ["007", "7"]  # text ids: 007 and 7 stay different
    first = net.stakeholder("007")
    assert first["type"] == "civil_servant" and first["themes"] == ["jeugd", "groen"]
    assert first["influence"] == 4.5 and first["interest"] == 2.0 and first["notes"] is None
    assert math.isnan(net.stakeholder("7")["influence"]) and net.stakeholder("7")["interest"] == 1.0
    assert net.relations.to_dict("records") == [
        {"source": "007", "target": "7", "type": "funding", "strength": 1.5, "since": "2024-12-31", "notes": "jaarlijks"}
    ]
    assert net.has_strengths and net.name == "Test"


def test_na_text_is_a_valid_id():
    people = table("id|name|type", "NA|Noor Aydin|resident", "None|Nina|resident")
    result = check(people, table("source|target|strength", "NA|None|2"))
    assert result.ok and result.network.ids == ["NA", "None"]


# -- errors ---------------------------------------------------------------------


def test_missing_required_columns_are_errors_on_the_header_row():
    result = check(table("id|naam", "a|Anouk"), table("van|sterkte", "a|3"))
    assert result.network is None
    assert {(p.file, p.row, p.params["expected"]) for p in result.problems if p.code == "missing_column"} == {
        ("b.csv", 1, "type"),
        ("r.csv", 1, "target"),
    }


def test_missing_type_column_still_checks_every_row():
    result = check(table("id|naam", "a|Anouk", "a|Bas"))
    assert found(result, "missing_column") == [("b.csv", 1, None)]
    assert found(result, "duplicate_id") == [("b.csv", 3, "id")]
    assert found(result, "empty_type") == []  # reported once as a missing column, not per row


def test_missing_id_column_skips_the_relation_id_check():
    result = check(table("naam|type", "Anouk|ambtenaar"))
    assert [p.code for p in result.errors] == ["missing_column"]


def test_empty_id():
    result = check(table("ID|naam|type", "a|Anouk|ambtenaar", "|Bas|bewoner"))
    assert found(result, "empty_id") == [("b.csv", 3, "ID")]
    assert result.network is None


def test_duplicate_id_names_the_first_row():
    result = check(table("id|naam|type", "a|Anouk|ambtenaar", "b|Bas|bewoner", " a |Ander|bewoner"))
    [problem] = [p for p in result.problems if p.code == "duplicate_id"]
    assert (problem.row, problem.column, problem.params["first_row"]) == (4, "id", 2)
    assert "rij 2" in problem.message("nl") and "row 2" in problem.message("en")


def test_empty_endpoint():
    result = check(ties=table("van|naar", "a|", "|b"))
    assert found(result, "empty_endpoint") == [("r.csv", 2, "naar"), ("r.csv", 3, "van")]


def test_unknown_id_with_a_hint_when_a_name_was_used():
    result = check(ties=table("van|naar", "a|Bas", "a|zz"))
    assert found(result, "unknown_id") == [("r.csv", 2, "naar"), ("r.csv", 3, "naar")]
    hinted = result.errors[0]
    assert hinted.params["hint_id"] == "b" and "Did you mean 'b'?" in hinted.message("en")
    assert "hint_id" not in result.errors[1].params
    upper = check(table("id|naam|type", "A1|Anouk|ambtenaar", "b|Bas|bewoner"), table("van|naar", "a1|b"))
    assert upper.errors[0].params["hint_id"] == "A1"  # ids are case-sensitive; the hint says which was meant


def test_self_loop():
    result = check(ties=table("van|naar", "c|c"))
    assert found(result, "self_loop") == [("r.csv", 2, "naar")]


@pytest.mark.parametrize(
    ("value", "code"),
    [("veel", "not_a_number"), ("nan", "not_a_number"), ("1.000,5", "not_a_number"),
     ("0", "out_of_range"), ("5,5", "out_of_range"), ("-1", "out_of_range"), ("6", "out_of_range")],
)
def test_strength_must_be_a_number_from_1_to_5(value, code):
    result = check(ties=table("Van|Naar|Sterkte", f"a|b|{value}"))
    assert found(result, code) == [("r.csv", 2, "Sterkte")]
    assert result.network is None


@pytest.mark.parametrize(("value", "expected"), [("1", 1.0), ("5", 5.0), ("1,5", 1.5), ("2.25", 2.25), (" 4 ", 4.0)])
def test_strength_accepts_both_decimal_marks_and_the_bounds(value, expected):
    result = check(ties=table("van|naar|sterkte", f"a|b|{value}"))
    assert result.ok and result.network.relations["strength"].tolist() == [expected]


@pytest.mark.parametrize("column", ["Invloed", "Belang"])
def test_influence_and_interest_are_checked(column):
    people = table(f"id|naam|type|{column}", "a|Anouk|ambtenaar|hoog", "b|Bas|bewoner|7", "c|Cor|bewoner|3,5")
    result = check(people)
    assert found(result, "not_a_number") == [("b.csv", 2, column)]
    assert found(result, "out_of_range") == [("b.csv", 3, column)]


@pytest.mark.parametrize(
    ("value", "ok", "stored"),
    [("2021-03-01", True, "2021-03-01"), ("1-3-2021", True, "2021-03-01"), ("01/03/2021", True, "2021-03-01"),
     ("2021", True, "2021"), ("2021-3", True, "2021-03"), ("2021-03-01 00:00:00", True, "2021-03-01"),
     ("31-02-2021", False, None), ("maart 2021", False, None), ("03/31/2021", False, None)],
)
def test_since_dates(value, ok, stored):
    result = check(ties=table("van|naar|sinds", f"a|b|{value}"))
    if ok:
        assert result.ok and result.network.relations["since"].tolist() == [stored]
    else:
        assert found(result, "bad_date") == [("r.csv", 2, "sinds")]


def test_all_errors_are_collected_not_only_the_first():
    people = table("id|naam|type|invloed", "a|Anouk|ambtenaar|9", "a|Bas|bewoner|", "|Cor|bewoner|")
    ties = table("van|naar|sterkte|sinds", "a|x|0|gisteren", "a|a|3|")
    result = check(people, ties)
    assert sorted((p.code, p.row) for p in result.errors) == [
        ("bad_date", 2), ("duplicate_id", 3), ("empty_id", 4), ("out_of_range", 2), ("out_of_range", 2),
        ("self_loop", 3), ("unknown_id", 2),
    ]


# -- warnings -------------------------------------------------------------------


def test_unknown_and_empty_types_load_as_other():
    people = table("id|naam|type", "a|Anouk|ruimtevaart", "b|Bas|")
    result = check(people)
    assert result.ok
    assert found(result, "unknown_type") == [("b.csv", 2, "type")]
    assert found(result, "empty_type") == [("b.csv", 3, "type")]
    assert result.network.stakeholders["type"].tolist() == ["other", "other"]
    [unknown] = [p for p in result.problems if p.code == "unknown_type"]
    assert "'ambtenaar'" in unknown.message("nl") and "'civil servant'" in unknown.message("en")


def test_unknown_relation_type_loads_as_other_and_empty_as_default():
    result = check(ties=table("van|naar|soort", "a|b|vetes", "a|c|"))
    assert found(result, "unknown_relation_type") == [("r.csv", 2, "soort")]
    assert result.network.relations["type"].tolist() == ["other", "collaboration"]


def test_duplicate_relation_in_either_direction_is_merged():
    ties = table(
        "van|naar|type|sterkte|sinds|notities",
        "a|b|informatie|2|2022-01-01|eerste",
        "b|a|informatie|4|2020-05-05|tweede",
        "a|b|subsidie|1||",
    )
    result = check(ties=ties)
    [problem] = [p for p in result.problems if p.code == "duplicate_relation"]
    assert (problem.row, problem.params["first_row"]) == (3, 2)
    assert "informatie" in problem.message("nl") and "information" in problem.message("en")
    rows = result.network.relations.to_dict("records")
    assert len(rows) == 2  # a different type between the same pair is a separate relation
    assert rows[0] == {"source": "a", "target": "b", "type": "information", "strength": 4.0,
                       "since": "2020-05-05", "notes": "eerste / tweede"}


def test_missing_optional_columns_one_warning_per_file_in_the_users_language():
    result = check()
    [people_warning] = [p for p in result.problems if p.code == "missing_optional_columns" and p.file == "b.csv"]
    assert people_warning.row == 1
    assert "'wijk'" in people_warning.message("nl") and "'area'" in people_warning.message("en")


def test_no_strength_column_sets_has_strengths_false():
    result = check(ties=table("van|naar", "a|b"))
    assert result.ok and result.network.has_strengths is False
    assert found(result, "no_strengths") == [("r.csv", 1, None)]
    assert result.network.relations["strength"].tolist() == [3.0]


def test_empty_strength_uses_the_default():
    result = check(ties=table("van|naar|sterkte", "a|b|", "a|c|5"))
    assert found(result, "empty_strength") == [("r.csv", 2, "sterkte")]
    assert result.network.relations["strength"].tolist() == [3.0, 5.0] and result.network.has_strengths


def test_empty_name_uses_the_id():
    result = check(table("id|naam|type", "a||ambtenaar", "b|Bas|bewoner", "c|C|bewoner"))
    assert found(result, "empty_name") == [("b.csv", 2, "naam")]
    assert result.network.names()["a"] == "a"


def test_unknown_and_personal_columns_are_dropped_and_named():
    people = table("id|naam|type|E-mailadres|Telefoon|Schoenmaat", "a|Anouk|ambtenaar|a@x.nl|0612345678|38",
                   "b|Bas|bewoner|||", "c|Cor|bewoner|||")
    result = check(people)
    personal = [p for p in result.problems if p.code == "personal_columns"]
    unknown = [p for p in result.problems if p.code == "unknown_columns"]
    assert personal[0].params["columns"] == ["E-mailadres", "Telefoon"] and personal[0].row == 1
    assert unknown[0].params["columns"] == ["Schoenmaat"]
    assert "'E-mailadres' en 'Telefoon'" in personal[0].message("nl")
    kept = result.network.stakeholders
    assert "a@x.nl" not in kept.to_string() and "0612345678" not in kept.to_string()


def test_two_headers_meaning_the_same_column():
    people = table("id|naam|name|type", "a|Anouk|Other|ambtenaar", "b|Bas|x|bewoner", "c|Cor|y|bewoner")
    result = check(people)
    assert found(result, "duplicate_column") == [("b.csv", 1, "name")]
    assert result.network.names()["a"] == "Anouk"


def test_blank_rows_are_skipped_but_keep_their_row_number():
    people = table("id|naam|type", "a|Anouk|ambtenaar", "||", "b|Bas|bewoner", "c|Cor|x")
    result = check(people)
    assert result.network.ids == ["a", "b", "c"]
    assert found(result, "unknown_type") == [("b.csv", 5, "type")]


def test_row_offset_one_reports_no_header_row():
    result = validate_tables(table("id|naam", "a|A"), table("van|naar"), row_offset=1)
    assert [p.row for p in result.problems if p.code == "missing_column"] == [None]


# -- results and messages -------------------------------------------------------


def test_problems_table_errors_first_translated():
    result = check(table("id|naam|type", "a|Anouk|ruimtevaart", "a|Bas|bewoner"))
    frame = result.problems_table("en")
    assert list(frame.columns) == ["file", "row", "column", "severity", "message"]
    assert frame["severity"].tolist()[0] == "error"
    assert frame.iloc[0][["file", "row", "column"]].tolist() == ["b.csv", 3, "id"]
    assert set(result.problems_table("nl")["severity"]) == {"fout", "waarschuwing"}
    assert str(frame["row"].dtype) == "Int64"


def test_with_problems_drops_the_network_on_an_error():
    result = check()
    assert result.ok
    warned = result.with_problems([Problem("warning", "hidden_sheet", "x.xlsx", params={"value": "Oud"})])
    assert warned.ok and warned.problems[0].code == "hidden_sheet"
    failed = result.with_problems([Problem("error", "too_large", "x", params={"size": "30", "limit": "20"})])
    assert failed.network is None and not failed.ok


def test_every_problem_of_a_bad_file_renders_in_every_language():
    people = table("id|naam|type|invloed|email", "a||raar|x|", "a|B||9|", "|C|bewoner||", "d|D|bewoner||")
    ties = table("van|naar|soort|sterkte|sinds", "a|zz|raar|x|nooit", "a|a||0|", "d|a|||", "a|d|||", "|d|||")
    result = check(people, ties)
    codes = {p.code for p in result.problems}
    assert len(codes) >= 14
    for problem in result.problems:
        for lang in LANGUAGES:
            text = problem.message(lang)
            assert "{" not in text and text.strip()
    assert all(set(variants) >= set(LANGUAGES) for variants in MESSAGES.values())


def test_location_text():
    problem = Problem("error", "self_loop", "r.csv", 4, "naar", {"value": "a"})
    assert problem.location("en") == "r.csv, row 4, column 'naar'"
    assert problem.located("nl").startswith("r.csv, rij 4, kolom 'naar': Deze relatie")


# -- single records -------------------------------------------------------------


def test_validate_stakeholder():
    clean, problems = validate_stakeholder({"id": " s9 ", "name": "Sanne", "type": "Stichting", "themes": "a;b"})
    assert problems == [] and clean["id"] == "s9" and clean["type"] == "organisation" and clean["themes"] == ["a", "b"]
    clean, problems = validate_stakeholder({"id": "s9", "name": "Sanne", "type": "bewoner"}, existing_ids=["s9"])
    assert clean is None and [p.code for p in problems] == ["duplicate_id"]
    clean, problems = validate_stakeholder({"id": "", "name": "X", "type": "bewoner", "interest": 8})
    assert clean is None and {p.code for p in problems} == {"empty_id", "out_of_range"}
    assert [p.column for p in problems if p.code == "out_of_range"] == ["interest"]


def test_validate_relation():
    clean, problems = validate_relation({"source": "a", "target": "q", "strength": 3}, known_ids=["a", "b"])
    assert clean is None and [(p.code, p.column) for p in problems] == [("unknown_id", "target")]
    clean, problems = validate_relation({"source": "a", "target": "b", "type": "vriendschap"}, known_ids=["a", "b"])
    assert clean == {"source": "a", "target": "b", "type": "informal", "strength": 3.0, "since": None, "notes": None}


# -- cell parsers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3", 3.0), ("3,0", 3.0), ("+2", 2.0), (",5", 0.5), (4, 4.0), (2.5, 2.5), ("", None), (None, None),
     ("inf", None), ("1e3", None), ("3 ", 3.0), ("3,5,1", None), (float("nan"), None)],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


def test_parse_date_leap_years():
    assert parse_date("29-02-2024") == "2024-02-29"
    assert parse_date("29-02-2023") is None


def test_map_headers_is_case_and_accent_insensitive():
    mapping, unknown, duplicates = map_headers("stakeholders", ["ID", "NAAM", "Thema’s", "Wijk ", "telefoon"])
    assert mapping == {"id": "ID", "name": "NAAM", "themes": "Thema’s", "area": "Wijk "}
    assert unknown == ["telefoon"] and duplicates == []
