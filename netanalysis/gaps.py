"""Where the network has gaps: pieces without the municipality, initiatives
that cannot reach it, and themes nobody in it works on.

* :func:`component_summary` and :func:`isolates`: the pieces of the network;
* :func:`isolated_initiatives`: initiatives without a route to a civil
  servant, with a long one, or with all routes through one person;
* :func:`uncovered_themes`: themes of initiatives that no civil servant has;
* :func:`gap_summary`: every gap figure, with the communities and mixing
  of :mod:`netanalysis.communities`, as JSON-ready data.

Every function takes the stakeholder graph ``G`` (see
:meth:`netanalysis.network.StakeholderNetwork.to_graph`) first, keyword-only
options after it, never changes ``G`` and returns plain data. Graphs without
stakeholder attributes work too (see :mod:`netanalysis.attributes`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping
from typing import Any

import networkx as nx
import pandas as pd
from scipy.sparse import csgraph

from . import graphs
from .attributes import civil_servants, name_key, node_name, node_themes, node_type, theme_key
from .communities import (
    REST_COMMUNITY,
    communities,
    community_profiles,
    ei_index,
    ei_index_overall,
    mixing_matrix,
    tie_density,
)
from .cuts import routes_through
from .i18n import Messages, normalise_language, steps_text
from .schema import STAKEHOLDER_TYPES

__all__ = [
    "REASON_CODES",
    "component_summary",
    "isolates",
    "isolated_initiatives",
    "uncovered_themes",
    "gap_summary",
]

#: Reasons why an initiative is badly connected to the municipality, most severe first.
REASON_CODES: tuple[str, ...] = ("no_path", "long_path", "single_person")

MESSAGES = Messages(
    {
        "no_path": {
            "nl": "Geen enkele route naar de gemeente",
            "en": "No route at all to the municipality",
        },
        "long_path": {
            "nl": "De dichtstbijzijnde ambtenaar is {steps} ver",
            "en": "The nearest civil servant is {steps} away",
        },
        "long_path_via": {
            "nl": "De dichtstbijzijnde ambtenaar is {steps} ver, en elke route loopt via {via}",
            "en": "The nearest civil servant is {steps} away, and every route runs through {via}",
        },
        "single_person": {
            "nl": "Alle routes naar de gemeente lopen via één persoon: {via}",
            "en": "Every route to the municipality runs through one person: {via}",
        },
    }
)


# -- components and reach of the municipality --------------------------------


@nx.utils.not_implemented_for("directed")
def component_summary(G: nx.Graph) -> pd.DataFrame:
    """The connected components, largest first.

    Returns
    -------
    pandas.DataFrame
        ``component`` (0 = largest), ``size``, ``civil_servants`` (count),
        ``has_civil_servant``, ``initiatives`` (count) and ``members``
        (ids, by name).

    Notes
    -----
    A component is a maximal set of stakeholders joined by some route [1]_;
    a component without a civil servant has no route to the municipality.

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). Social Network Analysis:
       Methods and Applications (section 4.3, "Connectivity"). Cambridge
       University Press. doi:10.1017/CBO9780511815478

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("c", "d"), ("d", "e")])
    >>> G.nodes["a"]["type"] = "civil_servant"
    >>> component_summary(G)[["size", "has_civil_servant"]].to_dict("list")
    {'size': [3, 2], 'has_civil_servant': [False, True]}
    """
    parts = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(name_key(G, n) for n in c)))
    rows = []
    for index, part in enumerate(parts):
        types = Counter(node_type(G, n) for n in part)
        rows.append(
            {
                "component": index,
                "size": len(part),
                "civil_servants": types["civil_servant"],
                "has_civil_servant": types["civil_servant"] > 0,
                "initiatives": types["initiative"],
                "members": sorted(part, key=lambda n: name_key(G, n)),
            }
        )
    return pd.DataFrame(rows, columns=["component", "size", "civil_servants", "has_civil_servant", "initiatives", "members"])


def isolates(G: nx.Graph) -> list:
    """Stakeholders without any tie (degree 0 [1]_), by name.

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). Social Network Analysis:
       Methods and Applications (section 4.2). Cambridge University Press.
       doi:10.1017/CBO9780511815478

    Examples
    --------
    >>> G = nx.Graph([("a", "b")]); G.add_node("c")
    >>> isolates(G)
    ['c']
    """
    return sorted(nx.isolates(G), key=lambda n: name_key(G, n))


def _steps_from(G: nx.Graph, sources: list[Hashable]) -> list[int | None]:
    """Steps from the nearest source for every node in graph order, ``None``
    where no source reaches: one search from all sources at once."""
    if not sources:
        return [None] * len(G)
    nodes, adjacency = graphs.adjacency(G)
    index = graphs.node_index(G)
    # Unweighted Dijkstra from the nearest of several sources is a
    # breadth-first search in C on the graph's cached adjacency matrix.
    steps = csgraph.dijkstra(adjacency, directed=False, indices=[index[s] for s in sources], unweighted=True, min_only=True)
    return [int(d) if d != math.inf else None for d in steps.tolist()]


@nx.utils.not_implemented_for("directed")
def isolated_initiatives(G: nx.Graph, *, long_path: int = 3, lang: str = "nl") -> pd.DataFrame:
    """Initiatives that cannot reach the municipality, or only with difficulty.

    Parameters
    ----------
    G : networkx.Graph
    long_path : int
        A shortest route of this many steps or more to the nearest civil
        servant counts as long (3: not even a shared contact).
    lang : {"nl", "en"}

    Returns
    -------
    pandas.DataFrame
        One row per badly connected initiative, most severe reason first,
        then by name: ``id``, ``name``, ``reason_code`` (``no_path``: no
        route to any civil servant; ``long_path``: the nearest civil servant
        is ``long_path`` or more steps away; ``single_person``: every route
        to every civil servant runs through one stakeholder), ``reason``
        (plain language), ``distance`` (steps to the nearest civil servant,
        missing for ``no_path``), ``via`` and ``via_name`` (the stakeholder
        nearest to the initiative through whom every route runs, also given
        for ``long_path`` when there is one) and ``via_all`` (every such
        stakeholder, nearest first). An initiative appears once, under its
        most severe reason.

    Notes
    -----
    Distances come from one breadth-first search started from all civil
    servants at once; single points of failure from the biconnected
    components [1]_ of the graph with one extra node joined to every civil
    servant (see :func:`netanalysis.cuts.routes_through`). A civil servant
    can be the single person: then it is the initiative's only door into
    the municipality.

    References
    ----------
    .. [1] Hopcroft, J., & Tarjan, R. (1973). Algorithm 447: Efficient
       algorithms for graph manipulation. Communications of the ACM, 16(6),
       372-378. doi:10.1145/362248.362272

    Examples
    --------
    >>> G = nx.Graph([("cs", "i1"), ("cs", "cs2"), ("i2", "r")])
    >>> nx.set_node_attributes(G, {"cs": "civil_servant", "cs2": "civil_servant",
    ...                            "i1": "initiative", "i2": "initiative", "r": "resident"}, "type")
    >>> isolated_initiatives(G, lang="en")[["id", "reason_code", "via"]].to_dict("records")
    [{'id': 'i2', 'reason_code': 'no_path', 'via': None}, {'id': 'i1', 'reason_code': 'single_person', 'via': 'cs'}]
    """
    lang = normalise_language(lang)
    civil_servants, initiatives = [], []
    for node, kind in G.nodes(data="type"):  # one pass, as _type reads it
        if kind not in STAKEHOLDER_TYPES:
            continue
        if kind == "civil_servant":
            civil_servants.append(node)
        elif kind == "initiative":
            initiatives.append(node)
    if civil_servants:
        graphs.check_graph(G)
    distance = dict(zip(G, _steps_from(G, civil_servants)))
    reached = [n for n in initiatives if distance[n] is not None]
    # On the whole graph, not the part the civil servants reach: its
    # conversions are cached and shared with the other steps, where a
    # subgraph view would be converted anew (0.7 s at 100,000 stakeholders).
    points = routes_through(G, civil_servants, reached) if civil_servants else {}
    rows = []
    for node in initiatives:
        steps = distance[node]
        chain = points.get(node, [])
        via = chain[0] if chain else None
        via_name = node_name(G, via) if via is not None else None
        if steps is None:
            code, reason = "no_path", MESSAGES.text("no_path", lang)
        elif steps >= long_path:
            code = "long_path"
            if via is None:
                reason = MESSAGES.text("long_path", lang, steps=steps_text(int(steps), lang))
            else:
                reason = MESSAGES.text("long_path_via", lang, steps=steps_text(int(steps), lang), via=via_name)
        elif via is not None:
            code, reason = "single_person", MESSAGES.text("single_person", lang, via=via_name)
        else:
            continue
        rows.append(
            {
                "id": node,
                "name": node_name(G, node),
                "reason_code": code,
                "reason": reason,
                "distance": None if steps is None else int(steps),
                "via": via,
                "via_name": via_name,
                "via_all": chain,
            }
        )
    rows.sort(key=lambda r: (REASON_CODES.index(r["reason_code"]), r["name"], str(r["id"])))
    frame = pd.DataFrame(rows, columns=["id", "name", "reason_code", "reason", "distance", "via", "via_name", "via_all"])
    frame["distance"] = frame["distance"].astype("Int64")
    frame["via"] = frame["via"].astype(object).where(frame["via"].notna(), None)
    frame["via_name"] = frame["via_name"].astype(object).where(frame["via_name"].notna(), None)
    return frame



def uncovered_themes(G: nx.Graph) -> pd.DataFrame:
    """Themes that initiatives work on but no civil servant does.

    Themes match case-insensitively ("Groen" is "groen").

    Returns
    -------
    pandas.DataFrame
        ``theme`` (as most initiatives spell it), ``initiatives`` (ids),
        ``initiative_names`` and ``count``; most initiatives first.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("cs", type="civil_servant", themes=["jeugd"])
    >>> G.add_node("i1", type="initiative", themes=["Groen", "jeugd"])
    >>> G.add_node("i2", type="initiative", themes=["groen"])
    >>> G.add_node("i3", type="initiative", themes=["groen"])
    >>> uncovered_themes(G)[["theme", "initiatives"]].to_dict("records")
    [{'theme': 'groen', 'initiatives': ['i1', 'i2', 'i3']}]
    """
    covered = {theme_key(t) for n in civil_servants(G) for t in node_themes(G, n)}
    spellings: dict[str, Counter] = {}
    holders: dict[str, list] = {}
    for node in G:
        if node_type(G, node) != "initiative":
            continue
        for theme in node_themes(G, node):
            key = theme_key(theme)
            if key in covered:
                continue
            spellings.setdefault(key, Counter())[theme] += 1
            holders.setdefault(key, [])
            if node not in holders[key]:
                holders[key].append(node)
    rows = []
    for key, nodes in holders.items():
        nodes = sorted(nodes, key=lambda n: name_key(G, n))
        rows.append(
            {
                "theme": min(spellings[key], key=lambda spelling: (-spellings[key][spelling], spelling)),
                "initiatives": nodes,
                "initiative_names": [node_name(G, n) for n in nodes],
                "count": len(nodes),
            }
        )
    rows.sort(key=lambda r: (-r["count"], r["theme"].casefold()))
    return pd.DataFrame(rows, columns=["theme", "initiatives", "initiative_names", "count"])


# -- everything at once, as JSON-ready data ----------------------------------


def _plain(value: Any) -> Any:
    """Turn numpy/pandas values into JSON-ready Python ones (NaN and NA become None)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def _records(frame: pd.DataFrame) -> list[dict]:
    return [_plain(row) for row in frame.to_dict("records")]


def _matrix(frame: pd.DataFrame) -> dict:
    return {
        "groups": _plain(list(frame.index)),
        "values": [[_plain(v) for v in row] for row in frame.to_numpy().tolist()],
    }




def _largest(membership: Mapping[Hashable, int], max_groups: int) -> dict[Hashable, int]:
    # Communities are numbered by size, so the largest are the lowest numbers;
    # a matrix of hundreds of single isolates would say nothing and weigh megabytes.
    sizes = Counter(membership.values())
    keep = {c for c in sizes if c < max_groups and sizes[c] > 1}
    return {n: c if c in keep else REST_COMMUNITY for n, c in membership.items()}


@nx.utils.not_implemented_for("directed")
def gap_summary(
    G: nx.Graph, *, lang: str = "nl", seed: int = 42, resolution: float = 1.0, long_path: int = 3, max_groups: int = 20
) -> dict:
    """Every gap figure of the network as JSON-ready data.

    Parameters
    ----------
    G : networkx.Graph
    lang : {"nl", "en"}
    seed, resolution
        Passed to :func:`netanalysis.communities.communities`.
    long_path
        Passed to :func:`isolated_initiatives`.
    max_groups
        ``density_by_community`` shows the largest ``max_groups``
        communities of two or more members; all others together form
        community ``-1`` (:data:`REST_COMMUNITY`).

    Returns
    -------
    dict
        ``headline``: counts (stakeholders, ties, components, components
        without a civil servant, isolates, communities, modularity, E-I by
        community and type, isolated initiatives per reason, uncovered
        themes); and the details: ``communities`` (profiles), ``membership``,
        ``mixing_by_type``, ``density_by_type``, ``density_by_community``
        (``{"groups": [...], "values": [[...]]}``), ``ei_by_type``,
        ``ei_by_community``, ``components``, ``isolates``,
        ``isolated_initiatives`` and ``uncovered_themes`` (lists of dicts).
        Only lists, dicts, str, int, float, bool and None (for NaN), so
        ``json.dumps`` works without a custom encoder.

    Examples
    --------
    >>> import json
    >>> G = nx.Graph([("a", "b")]); G.add_node("c", type="initiative")
    >>> summary = gap_summary(G)
    >>> summary["headline"]["isolated_initiatives"]
    {'no_path': 1, 'long_path': 0, 'single_person': 0}
    >>> len(json.dumps(summary)) > 0
    True
    """
    found = communities(G, resolution=resolution, seed=seed)
    membership = found["membership"]
    profiles = community_profiles(G, membership, lang=lang)
    components = component_summary(G)
    lonely = isolated_initiatives(G, long_path=long_path, lang=lang)
    themes = uncovered_themes(G)
    alone = isolates(G)
    reasons = Counter(lonely["reason_code"])
    headline = {
        "stakeholders": G.number_of_nodes(),
        "ties": G.number_of_edges(),
        "components": len(components),
        "components_without_civil_servant": int((~components["has_civil_servant"]).sum()) if len(components) else 0,
        "isolates": len(alone),
        "communities": len(profiles),
        "modularity": found["modularity"],
        "ei_community": ei_index_overall(G, "community", membership=membership)["ei"],
        "ei_type": ei_index_overall(G, "type")["ei"],
        "isolated_initiatives": {code: reasons.get(code, 0) for code in REASON_CODES},
        "uncovered_themes": len(themes),
    }
    return _plain(
        {
            "headline": headline,
            "communities": _records(profiles),
            "membership": {str(n): c for n, c in membership.items()},
            "mixing_by_type": _matrix(mixing_matrix(G, "type")),
            "density_by_type": _matrix(tie_density(G, "type")),
            "density_by_community": _matrix(tie_density(G, "community", membership=_largest(membership, max_groups))),
            "ei_by_type": _records(ei_index(G, "type")),
            "ei_by_community": _records(ei_index(G, "community", membership=membership)),
            "components": _records(components),
            "isolates": alone,
            "isolated_initiatives": _records(lonely),
            "uncovered_themes": _records(themes),
        }
    )
