"""Kaart on a network above the overview's threshold: communities as bubbles,
a click drills into one community (drawn node by node), and a button leads
back. AppTest cannot click inside the map's iframe, so the drill is set the
way the page sets it after a click (``map_drill``, from
:func:`netanalysis.overview.overview_members`); the click itself is tested
in Chromium (tests/browser/test_map.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netanalysis import communities
from netanalysis.analysis import DEFAULT_RESOLUTION, DEFAULT_SEED
from netanalysis.layout import COMMUNITY_THRESHOLD
from netanalysis.overview import overview_members
from netanalysis.synthetic import synthetic_municipality

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def private_database(tmp_path, monkeypatch):
    monkeypatch.setenv("NETWERKKAART_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")


def caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "betrokkenen getoond" in c.value)


def test_large_network_shows_communities_and_drills_into_one_and_back():
    network = synthetic_municipality(COMMUNITY_THRESHOLD + 500, seed=7)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "nl"
    at.session_state["network"] = network
    at.session_state["network_source"] = "test"
    at.run()
    at.switch_page("pages/kaart.py").run()
    assert not at.exception, [e.message for e in at.exception]
    total = len(network)
    assert any("de kaart toont gemeenschappen" in i.value and "3.000" in i.value for i in at.info)
    assert caption(at).split(" van ")[0].replace(".", "") == str(total)
    assert at.expander and "Netwerk in woorden" not in [e.label for e in at.expander]

    membership = communities.communities(network.to_graph(), resolution=DEFAULT_RESOLUTION,
                                         seed=DEFAULT_SEED)["membership"]
    largest = max(set(membership.values()), key=lambda c: sum(1 for v in membership.values() if v == c))
    at.session_state["map_drill"] = overview_members(membership, str(largest))
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    members = sum(1 for v in membership.values() if v == largest)
    assert caption(at).split(" van ")[0].replace(".", "") == str(members)
    # Drawn node by node now: the table of the map in words is back, and so is the way out.
    assert "Netwerk in woorden" in [e.label for e in at.expander]
    assert not any("de kaart toont gemeenschappen" in i.value for i in at.info)
    at.button(key="map_drill_off").click().run()
    assert not at.exception
    assert any("de kaart toont gemeenschappen" in i.value for i in at.info)
    assert "map_drill" not in at.session_state
