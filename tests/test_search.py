"""Search folds case, accents and the ĳ ligature (issue 15)."""

import pandas as pd
import pytest

from netanalysis.search import fold_text, matches, matching_positions, searchable_label

DEMO = pd.read_csv("data/stakeholders.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("query, expected", [("Joost van Dijk", "Joost van Dĳk"), ("Zoe", "Zoë Kuipers"), ("zoë kuipers", "Zoë Kuipers"), ("JOOST DIJK", "Joost van Dĳk")])
def test_the_demo_finds_names_however_they_are_typed(query, expected):
    found = DEMO["name"].iloc[matching_positions(query, DEMO["name"])].tolist()
    assert expected in found


def test_folding_removes_case_accents_and_the_ij_ligature_but_keeps_letters():
    assert fold_text("Dĳk") == fold_text("DIJK") == "dijk"
    assert fold_text("Zoë") == "zoe"
    assert fold_text("Ærø") == "aero"
    assert not matches("Dijk", "Dirk") and not matches("Zoe", "Zara")


def test_the_select_box_label_spells_the_ligature_as_two_letters():
    # Streamlit's select box forgives accents but not "ĳ": the label it filters must hold "ij".
    assert searchable_label("Joost van Dĳk") == "Joost van Dijk"
    assert searchable_label("Zoë") == "Zoë"
