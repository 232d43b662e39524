"""Tolerant readers of stakeholder attributes on a graph's nodes.

A graph need not come from :meth:`netanalysis.network.StakeholderNetwork.to_graph`:
one read from GraphML, built in a notebook or taken from networkx's
generators may lack every attribute, or carry ``None``, NaN or blank text
where a value is missing. The analysis modules read node attributes only
through these functions, so they agree on what "missing" means:

* a node without a known ``type`` counts as ``"other"``;
* without a ``name`` it is named by its id;
* without ``themes`` it has none (a ``"a;b"`` string, as GraphML and GEXF
  carry them, is split);
* text that is ``None``, NaN, ``pd.NA`` or only spaces is missing.

Results never depend on the ids' order: :func:`name_key` orders by name,
then id, so renumbering the stakeholders changes no table.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import pandas as pd

from .schema import OTHER, STAKEHOLDER_TYPES, split_themes

__all__ = [
    "GOVERNMENT",
    "is_missing",
    "node_type",
    "node_name",
    "node_text",
    "node_themes",
    "theme_key",
    "name_key",
    "civil_servants",
]

#: The stakeholder type that stands for the municipality.
GOVERNMENT = "civil_servant"


def is_missing(value: Any) -> bool:
    """Whether an attribute value means "not known".

    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, " ", "", "Noord", 0)]
    [True, True, True, True, True, False, False]
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def node_type(G, node: Hashable) -> str:
    """The stakeholder type of ``node``, ``"other"`` when missing or unknown.

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("a", type="resident"); G.add_node("b", type="alien")
    >>> node_type(G, "a"), node_type(G, "b")
    ('resident', 'other')
    """
    kind = G.nodes[node].get("type")
    return kind if kind in STAKEHOLDER_TYPES else OTHER


def node_name(G, node: Hashable) -> str:
    """The name of ``node``, or its id as text when it has none."""
    name = G.nodes[node].get("name")
    return str(name) if name not in (None, "") else str(node)


def node_text(G, node: Hashable, attribute: str) -> str | None:
    """A text attribute of ``node`` without surrounding spaces, ``None`` when missing.

    >>> import networkx as nx
    >>> G = nx.Graph(); G.add_node("a", area=" Noord "); G.add_node("b", area=float("nan"))
    >>> node_text(G, "a", "area"), node_text(G, "b", "area")
    ('Noord', None)
    """
    value = G.nodes[node].get(attribute)
    return None if is_missing(value) else str(value).strip()


def node_themes(G, node: Hashable) -> list[str]:
    """The themes of ``node`` as a list (a graph read from GraphML or GEXF
    carries them as one ``"a;b"`` string)."""
    return split_themes(G.nodes[node].get("themes"))


def theme_key(theme: str) -> str:
    """What makes two spellings one theme: ``"Groen "`` is ``"groen"``."""
    return theme.strip().casefold()


def name_key(G, node: Hashable) -> tuple[str, str]:
    """Sort key by name, then id: names, not ids, decide ties, so
    renumbering the stakeholders changes no result."""
    return (node_name(G, node), str(node))


def civil_servants(G) -> list[Hashable]:
    """The civil servants of ``G``, in graph order."""
    return [n for n in G if node_type(G, n) == GOVERNMENT]
