"""Shared fixtures: small networks built in code, and the repository root."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT, ROOT / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from netanalysis.network import StakeholderNetwork  # noqa: E402

import contextlib  # noqa: E402
import os  # noqa: E402

import backends  # noqa: E402  (tests/backends.py)

# Page tests open many throwaway databases; the app's background worker for
# exact values (ui.storage.start_exact_jobs) would poll each for the rest of
# the session. tests/test_exact_jobs.py runs the jobs and the worker itself.
os.environ.setdefault("NETWERKKAART_EXACT_JOBS", "off")
import pg  # noqa: E402  (tests/pg.py: starts a real PostgreSQL server)


@pytest.fixture(scope="session")
def postgres_server_url():
    """A SQLAlchemy URL of a running PostgreSQL database (see tests/pg.py): one
    server for the whole session. Skipped where there is none; a failure on CI,
    which must run the PostgreSQL path."""
    with contextlib.ExitStack() as stack:
        try:
            url = stack.enter_context(pg.running_postgres())
        except pg.PostgresUnavailable as exc:
            if os.environ.get("CI"):
                pytest.fail(f"CI must run the PostgreSQL tests: {exc}")
            pytest.skip(f"PostgreSQL not available: {exc}")
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, then the PostgreSQL server with
    every table dropped."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'netwerkkaart.db'}"
    from sqlalchemy import create_engine

    from netanalysis.store import metadata

    url = request.getfixturevalue("postgres_server_url")
    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()
    return url


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


@pytest.fixture(params=sorted(backends.REFERENCE))
def graph(request):
    """Each graph both backends are compared with networkx on (tests/backends.py)."""
    return backends.REFERENCE[request.param]()
