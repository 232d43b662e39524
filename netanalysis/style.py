"""How stakeholders look, wherever they are drawn: colour and shape per type.

The map (:mod:`netanalysis.maps`), the charts (:mod:`netanalysis.charts`) and
the report (:mod:`netanalysis.report`) take their colours from here, so a
civil servant is the same blue diamond on the map, in the broker chart and on
the stakeholder grid.

All colours come from the palette of Okabe and Ito [1]_, which stays
distinguishable with the common colour-vision deficiencies; every type also
has its own shape, so a map reads in greyscale and on a washed-out beamer.

References
----------
.. [1] Okabe, M., & Ito, K. (2008). Color Universal Design (CUD): How to make
   figures and presentations that are friendly to colorblind people.
   https://jfly.uni-koeln.de/color/
.. [2] Tol, P. (2021). Colour schemes. SRON Technical Note
   SRON/EPS/TN/09-002, issue 3.2.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, NamedTuple

from .schema import OTHER

__all__ = [
    "OKABE_ITO",
    "TypeStyle",
    "TYPE_STYLE",
    "HIGHLIGHT_COLOURS",
    "MARKER_SYMBOL",
    "COMMUNITY_COLOURS",
    "COMMUNITY_OTHER",
    "style_key",
    "darker",
]

#: The eight colours of Okabe and Ito [1]_, by their names.
OKABE_ITO: Mapping[str, str] = MappingProxyType(
    {
        "orange": "#E69F00",
        "sky_blue": "#56B4E9",
        "bluish_green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddish_purple": "#CC79A7",
        "black": "#000000",
    }
)


class TypeStyle(NamedTuple):
    """How one stakeholder type is drawn: a fill colour and a vis-network shape."""

    colour: str
    shape: str


#: Colour and shape per stakeholder type (shapes are vis-network's names;
#: :data:`MARKER_SYMBOL` gives plotly's). Unknown types are drawn as
#: :data:`~netanalysis.schema.OTHER`, in grey.
TYPE_STYLE: Mapping[str, TypeStyle] = MappingProxyType(
    {
        "civil_servant": TypeStyle(OKABE_ITO["blue"], "diamond"),
        "resident": TypeStyle(OKABE_ITO["orange"], "dot"),
        "business": TypeStyle(OKABE_ITO["bluish_green"], "square"),
        "organisation": TypeStyle(OKABE_ITO["reddish_purple"], "triangle"),
        "initiative": TypeStyle(OKABE_ITO["sky_blue"], "star"),
        OTHER: TypeStyle("#999999", "dot"),
    }
)

#: Colours of the highlights: black borders for brokers and cut points, and
#: vermillion (no type uses it) for bridges and isolated initiatives.
HIGHLIGHT_COLOURS: Mapping[str, str] = MappingProxyType(
    {
        "broker": OKABE_ITO["black"],
        "isolated": OKABE_ITO["vermillion"],
        "bridge": OKABE_ITO["vermillion"],
        "suggestion": "#6E6E6E",
        # The pulsing halo round the newest entries on a live workshop map.
        "fresh": OKABE_ITO["sky_blue"],
        "edge": "#A0A0A0",
    }
)

#: Colours of communities, largest first, when the map is coloured by
#: community (the shape still tells the type): Okabe and Ito's seven
#: colours [1]_ followed by five of Paul Tol's "muted" scheme [2]_, which
#: stay apart from them; any further community is :data:`COMMUNITY_OTHER`.
COMMUNITY_COLOURS: tuple[str, ...] = (
    OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["bluish_green"], OKABE_ITO["reddish_purple"],
    OKABE_ITO["sky_blue"], OKABE_ITO["vermillion"], OKABE_ITO["yellow"],
    "#332288", "#882255", "#117733", "#999933", "#44AA99",
)
#: The colour of communities beyond the twelfth.
COMMUNITY_OTHER = "#BBBBBB"

#: Plotly marker symbols matching the map's vis-network shapes.
MARKER_SYMBOL: Mapping[str, str] = MappingProxyType(
    {
        "diamond": "diamond",
        "dot": "circle",
        "square": "square",
        "triangle": "triangle-up",
        "star": "star",
    }
)


def style_key(kind: Any) -> str:
    """The key of :data:`TYPE_STYLE` a stakeholder type is drawn with.

    >>> style_key("resident"), style_key("alien"), style_key(None)
    ('resident', 'other', 'other')
    """
    return kind if kind in TYPE_STYLE else OTHER


def darker(colour: str, factor: float = 0.6) -> str:
    """A darker shade of ``#rrggbb``, e.g. a node's outline, so that a small
    node keeps its colour.

    >>> darker("#0072B2")
    '#00446b'
    """
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in channels)
