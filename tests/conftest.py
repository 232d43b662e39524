"""Shared fixtures: small networks built in code, and the repository root."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from netanalysis.network import StakeholderNetwork  # noqa: E402


@pytest.fixture
def repo_root() -> Path:
    return ROOT


@pytest.fixture
def small_network() -> StakeholderNetwork:
    """Seven stakeholders: a civil servant bridging a department and a
    neighbourhood initiative, plus one isolated initiative.

    ::

        A1 -- A2        (department colleagues)
        A1 -- B1 -- I1  (civil servant, resident, initiative in Noord)
        A1 -- O1        (organisation)
        O1 -- B1
        I2              (isolated initiative)
    """
    stakeholders = [
        {"id": "A1", "name": "Anouk de Vrĳ", "type": "civil_servant", "organisation": "Sociaal Domein",
         "themes": ["jeugd", "groen"], "area": "Noord", "influence": 4, "interest": 5},
        {"id": "A2", "name": "Bram Jansen", "type": "civil_servant", "organisation": "Sociaal Domein",
         "themes": ["jeugd"], "area": "Centrum"},
        {"id": "B1", "name": "Chloë Bakker", "type": "resident", "themes": ["groen"], "area": "Noord"},
        {"id": "O1", "name": "Stichting Buurtkracht", "type": "organisation", "themes": ["groen"],
         "area": "Noord", "influence": 3, "interest": 4},
        {"id": "C1", "name": "Bakkerij Één", "type": "business", "area": "Zuid"},
        {"id": "I1", "name": "Buurtmoestuin Noord", "type": "initiative", "themes": ["groen"], "area": "Noord"},
        {"id": "I2", "name": "Repair Café Zuid", "type": "initiative", "themes": ["groen"], "area": "Zuid"},
    ]
    relations = [
        {"source": "A1", "target": "A2", "type": "formal", "strength": 4, "since": "2021-03-01"},
        {"source": "A1", "target": "B1", "type": "collaboration", "strength": 3},
        {"source": "B1", "target": "I1", "type": "collaboration", "strength": 5, "notes": "trekker"},
        {"source": "A1", "target": "O1", "type": "funding", "strength": 2, "since": "2022-01-15"},
        {"source": "O1", "target": "A1", "type": "information", "strength": 4, "since": "2020-06-01"},
        {"source": "O1", "target": "B1", "type": "informal", "strength": 1},
        {"source": "C1", "target": "O1", "type": "information", "strength": 2},
    ]
    return StakeholderNetwork.from_tables(stakeholders, relations, name="Testdorp")
