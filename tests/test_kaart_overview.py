"""Kaart on a network above the overview's threshold: communities as bubbles,
a click drills into one community (drawn node by node), and a button leads
back. AppTest cannot click inside the map's iframe, so the drill is set the
way the page sets it after a click (``map_drill``, from
:func:`netanalysis.overview.overview_members`); the click itself is tested
in Chromium (tests/browser/test_map.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from netanalysis import communities
from netanalysis.analysis import DEFAULT_RESOLUTION, DEFAULT_SEED
from netanalysis.layout import COMMUNITY_THRESHOLD
from netanalysis.network import StakeholderNetwork
from netanalysis.overview import REST, overview_members
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
    at.session_state["map_drill"] = [overview_members(membership, str(largest))]
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


def test_a_bubble_too_large_to_draw_opens_as_subgroups_and_back_level_by_level():
    """2,700 stakeholders, of whom only 120 have ties (in a ring): every loose
    stakeholder is a community of one, so they share the overview's bubble of
    small groups, which is itself above the threshold. A click on it shows
    subgroups (parts of it), a click on a subgroup draws it node by node, and
    the way back goes up one level at a time."""
    base = synthetic_municipality(COMMUNITY_THRESHOLD + 200, seed=7)
    tied = list(base.stakeholders["id"].head(120))
    # A ring: Louvain cuts it into arcs, so the overview has several bubbles.
    ring = pd.DataFrame({"source": tied, "target": tied[1:] + tied[:1], "type": "informal", "strength": 3.0,
                         "since": None, "notes": None})
    network = StakeholderNetwork(base.stakeholders, ring, "los", True)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = "nl"
    at.session_state["network"] = network
    at.session_state["network_source"] = "test"
    at.run()
    at.switch_page("pages/kaart.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("de kaart toont gemeenschappen" in i.value for i in at.info)

    membership = communities.communities(network.to_graph(), resolution=DEFAULT_RESOLUTION,
                                         seed=DEFAULT_SEED)["membership"]
    rest = overview_members(membership, REST)
    loose = sum(1 for v in membership.values() if v in set(rest))
    assert loose > COMMUNITY_THRESHOLD
    at.session_state["map_drill"] = [rest]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert caption(at).split(" van ")[0].replace(".", "") == str(loose)
    assert any("de kaart toont haar deelgroepen" in i.value for i in at.info)
    assert "Netwerk in woorden" not in [e.label for e in at.expander]

    # The page's own split, as a click on "Deelgroep 1" would choose it.
    at.session_state["map_drill"] = [rest, [0]]
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = int(caption(at).split(" van ")[0].replace(".", ""))
    assert 0 < shown <= COMMUNITY_THRESHOLD and shown >= loose // 2
    assert "Netwerk in woorden" in [e.label for e in at.expander]
    at.button(key="map_drill_off").click().run()
    assert at.session_state["map_drill"] == [rest]
    assert any("de kaart toont haar deelgroepen" in i.value for i in at.info)
    at.button(key="map_drill_off").click().run()
    assert "map_drill" not in at.session_state
    assert any("de kaart toont gemeenschappen" in i.value for i in at.info)
