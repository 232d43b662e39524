"""Where the network has holes: communities, group mixing, components and
initiatives that cannot reach the municipality.

Every function takes the stakeholder graph ``G`` (see
:meth:`netanalysis.network.StakeholderNetwork.to_graph`) first, keyword-only
options after it, never changes ``G`` and returns plain data. Graphs without
stakeholder attributes work too: a node without ``type`` counts as
``"other"``, without ``name`` it is named by its id, without ``themes`` it has
none.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
from scipy.sparse import csgraph

from . import fast
from .i18n import Messages, join_words, normalise_language
from .schema import OTHER, STAKEHOLDER_TYPES, split_themes

__all__ = [
    "REASON_CODES",
    "REST_COMMUNITY",
    "OTHER_GROUPS",
    "MISSING_GROUP",
    "communities",
    "community_profiles",
    "mixing_matrix",
    "tie_density",
    "ei_index",
    "ei_index_overall",
    "component_summary",
    "isolates",
    "isolated_initiatives",
    "uncovered_themes",
    "gap_summary",
]

#: Reasons why an initiative is badly connected to the municipality, most severe first.
REASON_CODES: tuple[str, ...] = ("no_path", "long_path", "single_person")

#: Group label for nodes whose grouping attribute is missing.
MISSING_GROUP = "?"

#: Community number standing for "all smaller communities together" in
#: :func:`gap_summary` and in a folded :func:`mixing_matrix`.
REST_COMMUNITY = -1

#: Group standing for all smaller groups together when a grouping has more
#: than ``max_groups`` (see :func:`mixing_matrix`); communities use
#: :data:`REST_COMMUNITY` instead.
OTHER_GROUPS = "…"

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
        "summary_types": {"nl": "vooral {types}", "en": "mostly {types}"},
        "summary_area": {"nl": "uit {areas}", "en": "from {areas}"},
        "summary_themes": {"nl": "rond {themes}", "en": "around {themes}"},
        "summary_empty": {"nl": "geen betrokkenen", "en": "no stakeholders"},
    }
)

_PLURAL_TYPE_LABELS = {
    "civil_servant": {"nl": "ambtenaren", "en": "civil servants"},
    "resident": {"nl": "bewoners", "en": "residents"},
    "business": {"nl": "ondernemers", "en": "businesses"},
    "organisation": {"nl": "organisaties", "en": "organisations"},
    "initiative": {"nl": "initiatieven", "en": "initiatives"},
    OTHER: {"nl": "overige betrokkenen", "en": "other stakeholders"},
}

_NUMBER_WORDS = {
    "nl": ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"],
}
_STEP_WORDS = {"nl": ("stap", "stappen"), "en": ("step", "steps")}


def _steps_text(steps: int, lang: str | None) -> str:
    """``"drie stappen"`` / ``"three steps"``; digits above ten, as in a newspaper."""
    lang = normalise_language(lang)
    words = _NUMBER_WORDS[lang]
    number = words[steps] if 0 <= steps < len(words) else str(steps)
    singular, plural = _STEP_WORDS[lang]
    return f"{number} {singular if steps == 1 else plural}"


# -- node attributes, tolerant of graphs without stakeholder data ------------


def _type(G: nx.Graph, node: Hashable) -> str:
    kind = G.nodes[node].get("type")
    return kind if kind in STAKEHOLDER_TYPES else OTHER


def _name(G: nx.Graph, node: Hashable) -> str:
    name = G.nodes[node].get("name")
    return str(name) if name not in (None, "") else str(node)


def _themes(G: nx.Graph, node: Hashable) -> list[str]:
    # A graph read from GraphML or GEXF carries themes as one "a;b" string.
    return split_themes(G.nodes[node].get("themes"))


def _text(G: nx.Graph, node: Hashable, attribute: str) -> str | None:
    value = G.nodes[node].get(attribute)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    return str(value)


def _civil_servants(G: nx.Graph) -> list[Hashable]:
    return [n for n in G if _type(G, n) == "civil_servant"]


def _sort_key(G: nx.Graph, node: Hashable) -> tuple[str, str]:
    # Names, not ids, decide ties, so renumbering the stakeholders changes no result.
    return (_name(G, node), str(node))


# -- communities -------------------------------------------------------------


def communities(G: nx.Graph, *, resolution: float = 1.0, seed: int = 42, weight: str | None = "weight") -> dict:
    """Communities by Louvain modularity optimisation, seeded.

    Parameters
    ----------
    G : networkx.Graph
    resolution : float
        Louvain's resolution: above 1 gives more, smaller communities.
    seed : int
        Seed of Louvain's random node order; equal seeds give equal results.
    weight : str or None
        Edge attribute used as tie weight (strength 1-5 in a stakeholder
        graph); ``None`` treats every tie alike.

    Returns
    -------
    dict
        ``membership``: ``{node: community}``, communities numbered by size
        (largest 0; equal sizes by the first member's name); ``modularity``:
        the modularity of that partition with the same weight and resolution,
        NaN when the graph has no ties (modularity is undefined then).

    Notes
    -----
    Louvain [1]_ as implemented by igraph (``community_multilevel``, seeded)
    when it is installed, by networkx otherwise (see
    :func:`netanalysis.fast.communities`), and Newman's modularity [2]_.
    The two implementations may find different partitions of similar
    modularity. Isolated stakeholders end up alone, each in a community of one.

    References
    ----------
    .. [1] Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E.
       (2008). Fast unfolding of communities in large networks. Journal of
       Statistical Mechanics: Theory and Experiment, 2008(10), P10008.
       doi:10.1088/1742-5468/2008/10/P10008
    .. [2] Newman, M. E. J. (2006). Modularity and community structure in
       networks. Proceedings of the National Academy of Sciences, 103(23),
       8577-8582. doi:10.1073/pnas.0601602103

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> result = communities(G)
    >>> sorted(result["membership"].items())
    [(0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (5, 1), (6, 1), (7, 1)]
    >>> round(result["modularity"], 4)
    0.4231
    """
    if len(G) == 0:
        return {"membership": {}, "modularity": math.nan}
    # igraph's Louvain (C) when installed: 15x faster than networkx's at
    # 100,000 stakeholders, same algorithm, partitions of equal quality.
    return fast.communities(G, resolution=resolution, seed=seed, weight=weight)


def _top(counter: Counter, n: int) -> list[str]:
    # Most common first; equal counts alphabetically so results are stable.
    return [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]]


def community_profiles(G: nx.Graph, membership: Mapping[Hashable, int], *, lang: str = "nl", top: int = 3) -> pd.DataFrame:
    """Who is in each community: size, types, themes, areas, organisations.

    Parameters
    ----------
    G : networkx.Graph
    membership : mapping
        ``{node: community}``, e.g. ``communities(G)["membership"]``.
    lang : {"nl", "en"}
    top : int
        How many themes, areas and organisations to list.

    Returns
    -------
    pandas.DataFrame
        One row per community, ordered by community number: ``community``,
        ``size``, one count column per stakeholder type (the keys of
        :data:`~netanalysis.schema.STAKEHOLDER_TYPES`), ``top_themes``,
        ``top_areas``, ``top_organisations`` (lists, most common first),
        ``members`` (list of ids) and ``summary``, a line such as "vooral
        bewoners en initiatieven uit Noord rond groen".

    Notes
    -----
    The summary names the most common type and a second one if it holds at
    least a quarter of the members; the area if it holds at least a third
    of the members with an area (two areas if both do); and the two most
    common themes.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node("a", type="resident", area="Noord", themes=["groen"])
    >>> G.add_node("b", type="initiative", area="Noord", themes=["groen"])
    >>> G.add_edge("a", "b")
    >>> community_profiles(G, {"a": 0, "b": 0}).loc[0, "summary"]
    'vooral bewoners en initiatieven uit Noord rond groen'
    """
    lang = normalise_language(lang)
    groups: dict[int, list[Hashable]] = {}
    for node, group in membership.items():
        if node in G:
            groups.setdefault(group, []).append(node)
    rows = []
    for group in sorted(groups):
        members = sorted(groups[group], key=lambda n: _sort_key(G, n))
        types = Counter(_type(G, n) for n in members)
        themes = Counter(t for n in members for t in _themes(G, n))
        areas = Counter(a for n in members if (a := _text(G, n, "area")))
        organisations = Counter(o for n in members if (o := _text(G, n, "organisation")))
        row: dict[str, Any] = {"community": group, "size": len(members)}
        row.update({t: int(types.get(t, 0)) for t in STAKEHOLDER_TYPES})
        row.update(
            top_themes=_top(themes, top),
            top_areas=_top(areas, top),
            top_organisations=_top(organisations, top),
            members=[n for n in members],
            summary=_profile_summary(len(members), types, themes, areas, lang),
        )
        rows.append(row)
    columns = ["community", "size", *STAKEHOLDER_TYPES, "top_themes", "top_areas", "top_organisations", "members", "summary"]
    return pd.DataFrame(rows, columns=columns)


def _profile_summary(size: int, types: Counter, themes: Counter, areas: Counter, lang: str) -> str:
    if size == 0:
        return MESSAGES.text("summary_empty", lang)
    # Equal counts follow the interface's type order (residents before initiatives).
    ranked_types = sorted(types, key=lambda t: (-types[t], STAKEHOLDER_TYPES.index(t)))[:2]
    chosen = ranked_types[:1] + [t for t in ranked_types[1:] if types[t] >= size / 4]
    parts = [MESSAGES.text("summary_types", lang, types=join_words([_PLURAL_TYPE_LABELS[t][lang] for t in chosen], lang))]
    with_area = sum(areas.values())
    main_areas = [a for a in _top(areas, 2) if areas[a] >= with_area / 3]
    if main_areas:
        parts.append(MESSAGES.text("summary_area", lang, areas=join_words(main_areas, lang)))
    if themes:
        parts.append(MESSAGES.text("summary_themes", lang, themes=join_words(_top(themes, 2), lang)))
    return " ".join(parts)


# -- mixing between groups ---------------------------------------------------


def _group_of(G: nx.Graph, attribute: str, membership: Mapping[Hashable, int] | None) -> dict[Hashable, Any]:
    if attribute == "community":
        if membership is None:
            raise ValueError('attribute "community" needs membership=communities(G)["membership"]')
        return {n: membership.get(n, MISSING_GROUP) for n in G}
    if attribute == "type":
        return {n: _type(G, n) for n in G}
    groups = {}
    for n in G:
        value = G.nodes[n].get(attribute)
        if isinstance(value, (list, tuple, set, dict)):
            raise TypeError(f"attribute {attribute!r} holds several values per stakeholder; group on a single-valued one")
        missing = value is None or value == "" or (isinstance(value, float) and math.isnan(value))
        groups[n] = MISSING_GROUP if missing else value
    return groups


def _ordered_groups(groups: Iterable[Any], attribute: str) -> list[Any]:
    present = set(groups)
    if attribute == "type":
        return [t for t in STAKEHOLDER_TYPES if t in present]
    # The folded and missing-value groups last; numbers (communities) in numeric order.
    return sorted(
        present,
        key=lambda g: (
            g == MISSING_GROUP,
            g in (OTHER_GROUPS, REST_COMMUNITY),
            not isinstance(g, (int, float)),
            g if isinstance(g, (int, float)) else str(g),
        ),
    )


def _folded(groups: dict[Hashable, Any], attribute: str, max_groups: int | None) -> dict[Hashable, Any]:
    """``groups`` with all but the ``max_groups - 1`` largest groups merged into one."""
    sizes = Counter(groups.values())
    if max_groups is None or len(sizes) <= max_groups:
        return groups
    if max_groups < 2:
        raise ValueError("max_groups must be at least 2 (one group kept and the rest)")
    rest = REST_COMMUNITY if attribute == "community" else OTHER_GROUPS
    # Largest first; equal sizes by their text, so the choice does not depend on node order.
    keep = set(sorted(sizes, key=lambda g: (-sizes[g], str(g)))[: max_groups - 1])
    return {n: g if g in keep else rest for n, g in groups.items()}


def mixing_matrix(
    G: nx.Graph, attribute: str, *, membership: Mapping[Hashable, int] | None = None, max_groups: int | None = None
) -> pd.DataFrame:
    """Count the ties within and between groups.

    Parameters
    ----------
    G : networkx.Graph
    attribute : str
        ``"type"``, ``"organisation"``, ``"area"`` (any single-valued node
        attribute) or ``"community"`` (then pass ``membership``).
    membership : mapping, optional
        ``{node: community}`` for ``attribute="community"``.
    max_groups : int, optional
        With more groups than this, the ``max_groups - 1`` largest are kept
        and all others counted as one group, :data:`OTHER_GROUPS`
        (:data:`REST_COMMUNITY` for communities). The matrix has one cell per
        pair of groups: grouped by organisation, 100,000 stakeholders can
        have 25,000 groups, a matrix of gigabytes that no one can read.

    Returns
    -------
    pandas.DataFrame
        Symmetric, indexed and columned by group: the diagonal holds the ties
        inside a group (each counted once), cell ``[a, b]`` the ties between
        ``a`` and ``b``. Stakeholders without a value form the group ``"?"``.

    Raises
    ------
    ValueError
        For ``"community"`` without ``membership``.
    TypeError
        For a multi-valued attribute such as ``themes``.

    Notes
    -----
    The group-by-group tie count is the mixing matrix of [1]_, here
    unnormalised, counted with numpy from the graph's edge arrays
    (:func:`netanalysis.fast.group_tie_counts`). In a directed graph every
    arc counts, in a multigraph every parallel tie. A self-loop ties no two
    stakeholders and is not counted (a
    :class:`~netanalysis.network.StakeholderNetwork` has none).

    References
    ----------
    .. [1] Newman, M. E. J. (2003). Mixing patterns in networks. Physical
       Review E, 67(2), 026126. doi:10.1103/PhysRevE.67.026126

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "N", "b": "N", "c": "Z", "d": "Z"}, "area")
    >>> mixing_matrix(G, "area").to_dict()
    {'N': {'N': 1, 'Z': 1}, 'Z': {'N': 1, 'Z': 1}}
    """
    groups = _folded(_group_of(G, attribute, membership), attribute, max_groups)
    order = _ordered_groups(groups.values(), attribute)
    counts = _tie_counts(G, groups, order)
    frame = pd.DataFrame(counts, index=pd.Index(order, dtype=object), columns=pd.Index(order, dtype=object))
    frame.index.name = attribute
    frame.columns.name = attribute
    return frame


def tie_density(
    G: nx.Graph, attribute: str, *, membership: Mapping[Hashable, int] | None = None, max_groups: int | None = None
) -> pd.DataFrame:
    """Density of ties within and between groups.

    Parameters
    ----------
    G, attribute, membership, max_groups
        As in :func:`mixing_matrix`; the folded group's density counts its
        members as one group.

    Returns
    -------
    pandas.DataFrame
        Like :func:`mixing_matrix`, but each count divided by the number of
        possible pairs: ``n_a * n_b`` between two groups and
        ``n_a (n_a - 1) / 2`` inside one. NaN where no pair is possible
        (inside a group of one).

    Notes
    -----
    Block densities as in blockmodelling [1]_: a silo shows as a dense
    diagonal cell with near-empty cells in its row.

    References
    ----------
    .. [1] Wasserman, S., & Faust, K. (1994). Social Network Analysis:
       Methods and Applications (ch. 10, "Blockmodels"). Cambridge
       University Press. doi:10.1017/CBO9780511815478

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> nx.set_node_attributes(G, {"a": "N", "b": "N", "c": "Z", "d": "Z"}, "area")
    >>> tie_density(G, "area").loc["N", "Z"]
    np.float64(0.25)
    """
    counts = mixing_matrix(G, attribute, membership=membership, max_groups=max_groups)
    groups = _folded(_group_of(G, attribute, membership), attribute, max_groups)
    sizes = Counter(groups.values())
    order = list(counts.index)
    n = np.array([sizes[g] for g in order], dtype=float)
    possible = np.outer(n, n)
    np.fill_diagonal(possible, n * (n - 1) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = np.where(possible > 0, counts.to_numpy(dtype=float) / np.where(possible > 0, possible, 1), np.nan)
    return pd.DataFrame(density, index=counts.index, columns=counts.columns)


def _tie_ends(G: nx.Graph, groups: Mapping[Hashable, Any], order: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """The positions in ``order`` of the groups at both ends of every tie;
    self-loops, which tie no two stakeholders, left out."""
    position = {group: i for i, group in enumerate(order)}
    if not G.is_directed() and not G.is_multigraph():
        # fast's edge arrays: each tie once, cached for a frozen graph and
        # shared with the other steps of the analysis.
        nodes, rows, cols = fast._edge_index(G)
        code = np.fromiter((position[groups[v]] for v in nodes), dtype=np.int64, count=len(nodes))
        return code[rows], code[cols]
    # Arcs and parallel ties count one by one: they come from the edge list.
    ends = np.array([(position[groups[u]], position[groups[v]]) for u, v in G.edges() if u != v], dtype=np.int64)
    ends = ends.reshape(-1, 2)
    return ends[:, 0], ends[:, 1]


def _tie_counts(G: nx.Graph, groups: Mapping[Hashable, Any], order: list[Any]) -> np.ndarray:
    """Ties within (diagonal, each once) and between groups (``[a, b]`` and
    ``[b, a]``), as an ``int64`` matrix in the order of ``order``."""
    if not G.is_directed() and not G.is_multigraph():
        return fast.group_tie_counts(G, groups, order)
    first, second = _tie_ends(G, groups, order)
    size = len(order)
    counts = np.bincount(first * size + second, minlength=size * size).reshape(size, size)
    return counts + counts.T - np.diag(np.diag(counts))


def _ei_counts(G: nx.Graph, attribute: str, membership: Mapping[Hashable, int] | None):
    groups = _group_of(G, attribute, membership)
    order = _ordered_groups(groups.values(), attribute)
    # Per group, not the group-by-group matrix: a grouping such as the
    # organisations of 100,000 stakeholders has tens of thousands of groups.
    first, second = _tie_ends(G, groups, order)
    inside = first == second
    size = len(order)
    internal = np.bincount(first[inside], minlength=size)
    external = np.bincount(first[~inside], minlength=size) + np.bincount(second[~inside], minlength=size)
    return groups, Counter(dict(zip(order, internal.tolist()))), Counter(dict(zip(order, external.tolist())))


def _ei(external: float, internal: float) -> float:
    total = external + internal
    return (external - internal) / total if total else math.nan


def ei_index(G: nx.Graph, attribute: str, *, membership: Mapping[Hashable, int] | None = None) -> pd.DataFrame:
    """Krackhardt and Stern's E-I index of every group.

    Parameters
    ----------
    G, attribute, membership
        As in :func:`mixing_matrix`.

    Returns
    -------
    pandas.DataFrame
        One row per group: ``group``, ``size``, ``internal`` (ties between
        two members), ``external`` (ties from a member to a non-member),
        ``ei`` = (E - I) / (E + I), from -1 (all ties inside: a silo) to +1
        (all ties outside), NaN for a group without ties; and
        ``expected_ei``, the E-I the group would have if its members' ties
        were spread evenly over every pair involving a member: (P_E - P_I) /
        (P_E + P_I) with P_I = n(n-1)/2 and P_E = n(N-n). An ``ei`` far
        below ``expected_ei`` means the group keeps to itself more than
        group sizes alone explain. See :func:`ei_index_overall` for the
        whole network.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: An experimental simulation. Social Psychology
       Quarterly, 51(2), 123-140. doi:10.2307/2786835

    Examples
    --------
    Two triangles joined by one tie: each has 3 ties inside and 1 outside.

    >>> G = nx.barbell_graph(3, 0)
    >>> nx.set_node_attributes(G, {n: "A" if n < 3 else "B" for n in G}, "area")
    >>> ei_index(G, "area")[["group", "internal", "external", "ei"]].to_dict("records")
    [{'group': 'A', 'internal': 3, 'external': 1, 'ei': -0.5}, {'group': 'B', 'internal': 3, 'external': 1, 'ei': -0.5}]
    """
    groups, internal, external = _ei_counts(G, attribute, membership)
    sizes = Counter(groups.values())
    total = len(G)
    rows = []
    for group in _ordered_groups(groups.values(), attribute):
        n = sizes[group]
        rows.append(
            {
                "group": group,
                "size": n,
                "internal": internal[group],
                "external": external[group],
                "ei": _ei(external[group], internal[group]),
                "expected_ei": _ei(n * (total - n), n * (n - 1) / 2),
            }
        )
    return pd.DataFrame(rows, columns=["group", "size", "internal", "external", "ei", "expected_ei"])


def ei_index_overall(G: nx.Graph, attribute: str, *, membership: Mapping[Hashable, int] | None = None) -> dict:
    """The E-I index of the whole network for a grouping.

    Parameters
    ----------
    G, attribute, membership
        As in :func:`mixing_matrix`.

    Returns
    -------
    dict
        ``internal`` and ``external`` tie counts (each tie once), ``ei`` =
        (E - I) / (E + I) (NaN without ties) and ``expected_ei`` under
        random mixing given the group sizes: (P_E - P_I) / (P_E + P_I),
        with P_I = sum of n_g(n_g-1)/2 and P_E = N(N-1)/2 - P_I.

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: An experimental simulation. Social Psychology
       Quarterly, 51(2), 123-140. doi:10.2307/2786835

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> nx.set_node_attributes(G, {n: "A" if n < 3 else "B" for n in G}, "area")
    >>> result = ei_index_overall(G, "area")
    >>> result["internal"], result["external"], round(result["ei"], 3), result["expected_ei"]
    (6, 1, -0.714, 0.2)
    """
    groups, internal, external = _ei_counts(G, attribute, membership)
    inside = sum(internal.values())
    # A tie between two groups is external to both.
    outside = sum(external.values()) // 2
    sizes = Counter(groups.values())
    pairs = len(G) * (len(G) - 1) / 2
    possible_inside = sum(n * (n - 1) / 2 for n in sizes.values())
    return {
        "internal": inside,
        "external": outside,
        "ei": _ei(outside, inside),
        "expected_ei": _ei(pairs - possible_inside, possible_inside),
    }


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
    parts = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(_sort_key(G, n) for n in c)))
    rows = []
    for index, part in enumerate(parts):
        types = Counter(_type(G, n) for n in part)
        rows.append(
            {
                "component": index,
                "size": len(part),
                "civil_servants": types["civil_servant"],
                "has_civil_servant": types["civil_servant"] > 0,
                "initiatives": types["initiative"],
                "members": sorted(part, key=lambda n: _sort_key(G, n)),
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
    return sorted(nx.isolates(G), key=lambda n: _sort_key(G, n))


def _steps_from(G: nx.Graph, sources: list[Hashable]) -> list[int | None]:
    """Steps from the nearest source for every node in graph order, ``None``
    where no source reaches: one search from all sources at once."""
    if not sources:
        return [None] * len(G)
    nodes, adjacency = fast._adjacency(G)
    index = fast._node_index(G)
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
    servant (see :func:`netanalysis.fast.routes_through`). A civil servant
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
        fast._check_graph(G)
    distance = dict(zip(G, _steps_from(G, civil_servants)))
    reached = [n for n in initiatives if distance[n] is not None]
    # On the whole graph, not the part the civil servants reach: its
    # conversions are cached and shared with the other steps, where a
    # subgraph view would be converted anew (0.7 s at 100,000 stakeholders).
    points = fast.routes_through(G, civil_servants, reached) if civil_servants else {}
    rows = []
    for node in initiatives:
        steps = distance[node]
        chain = points.get(node, [])
        via = chain[0] if chain else None
        via_name = _name(G, via) if via is not None else None
        if steps is None:
            code, reason = "no_path", MESSAGES.text("no_path", lang)
        elif steps >= long_path:
            code = "long_path"
            if via is None:
                reason = MESSAGES.text("long_path", lang, steps=_steps_text(int(steps), lang))
            else:
                reason = MESSAGES.text("long_path_via", lang, steps=_steps_text(int(steps), lang), via=via_name)
        elif via is not None:
            code, reason = "single_person", MESSAGES.text("single_person", lang, via=via_name)
        else:
            continue
        rows.append(
            {
                "id": node,
                "name": _name(G, node),
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


def _theme_key(theme: str) -> str:
    return theme.strip().casefold()


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
    covered = {_theme_key(t) for n in _civil_servants(G) for t in _themes(G, n)}
    spellings: dict[str, Counter] = {}
    holders: dict[str, list] = {}
    for node in G:
        if _type(G, node) != "initiative":
            continue
        for theme in _themes(G, node):
            key = _theme_key(theme)
            if key in covered:
                continue
            spellings.setdefault(key, Counter())[theme] += 1
            holders.setdefault(key, [])
            if node not in holders[key]:
                holders[key].append(node)
    rows = []
    for key, nodes in holders.items():
        nodes = sorted(nodes, key=lambda n: _sort_key(G, n))
        rows.append(
            {
                "theme": _top(spellings[key], 1)[0],
                "initiatives": nodes,
                "initiative_names": [_name(G, n) for n in nodes],
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
        Passed to :func:`communities`.
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
