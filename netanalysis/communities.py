"""Communities and the ties between groups: who keeps to whom.

* :func:`communities`: Louvain communities, seeded, numbered by size;
* :func:`community_profiles`: who is in each community, in one line;
* :func:`mixing_matrix` and :func:`group_tie_counts`: ties within and
  between groups (types, organisations, wijken or communities);
* :func:`tie_density`: the same as a share of the possible ties;
* :func:`ei_index` and :func:`ei_index_overall`: Krackhardt and Stern's
  E-I index per group and for the whole network.

Every function takes the stakeholder graph ``G`` first, keyword-only
options after it, never changes ``G`` and returns plain data. Graphs
without stakeholder attributes work too (see :mod:`netanalysis.attributes`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd

from . import graphs
from .attributes import is_missing, name_key, node_text, node_themes, node_type
from .i18n import Messages, join_words, normalise_language
from .schema import OTHER, STAKEHOLDER_TYPES

__all__ = [
    "REST_COMMUNITY",
    "OTHER_GROUPS",
    "MISSING_GROUP",
    "communities",
    "community_profiles",
    "group_tie_counts",
    "mixing_matrix",
    "tie_density",
    "ei_index",
    "ei_index_overall",
]

#: Group label for nodes whose grouping attribute is missing.
MISSING_GROUP = "?"

#: Community number standing for "all smaller communities together" in
#: :func:`netanalysis.gaps.gap_summary` and in a folded :func:`mixing_matrix`.
REST_COMMUNITY = -1

#: Group standing for all smaller groups together when a grouping has more
#: than ``max_groups`` (see :func:`mixing_matrix`); communities use
#: :data:`REST_COMMUNITY` instead.
OTHER_GROUPS = "…"

MESSAGES = Messages(
    {
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


def communities(
    G: nx.Graph,
    *,
    resolution: float = 1.0,
    seed: int = 42,
    weight: str | None = "weight",
    backend: str = "auto",
) -> dict:
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
    backend : {"auto", "igraph", "numpy"}
        ``"igraph"`` runs igraph's ``community_multilevel`` (C, 15x faster
        than networkx's at 100,000 stakeholders); ``"numpy"`` runs
        ``nx.community.louvain_communities``.

    Returns
    -------
    dict
        ``membership``: ``{node: community}``, communities numbered by size
        (largest 0; equal sizes by the first member's name); ``modularity``:
        the modularity of that partition with the same weight and resolution
        (equal to ``nx.community.modularity``), NaN when the graph has no
        ties (modularity is undefined then).

    Notes
    -----
    Both backends implement Louvain [1]_ and Newman's modularity [2]_, but
    visit nodes in different random orders, so on the same graph they can
    end in different local optima. On the reference networks and the
    synthetic municipalities of the tests igraph's partition has a
    modularity within 0.02 of networkx's, and both recover planted
    communities. igraph draws from a process-wide random generator; it is
    seeded for the call (:func:`netanalysis.graphs.seeded_igraph`).
    Isolated stakeholders end up alone, each in a community of one.

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
    >>> result = communities(nx.barbell_graph(4, 0))
    >>> sorted(result["membership"].items())
    [(0, 0), (1, 0), (2, 0), (3, 0), (4, 1), (5, 1), (6, 1), (7, 1)]
    >>> round(result["modularity"], 4)
    0.4231
    """
    chosen = graphs.resolve_backend(backend)
    if len(G) == 0:
        return {"membership": {}, "modularity": math.nan}
    if chosen == "numpy" or G.is_directed() or G.is_multigraph():
        found = nx.community.louvain_communities(G, weight=weight, resolution=resolution, seed=seed)
        groups = [list(group) for group in found]
    else:
        nodes, graph = graphs.igraph_graph(G, weight)
        with graphs.seeded_igraph(seed):
            clustering = graph.community_multilevel(weights="weight" if weight is not None else None, resolution=resolution)
        groups = [[nodes[i] for i in members] for members in clustering]
    ordered = sorted(groups, key=lambda group: (-len(group), min(name_key(G, v) for v in group)))
    membership = {node: number for number, group in enumerate(ordered) for node in group}
    if G.number_of_edges() == 0:
        modularity = math.nan
    elif chosen == "igraph" and not (G.is_directed() or G.is_multigraph()):
        nodes, graph = graphs.igraph_graph(G, weight)
        modularity = float(
            graph.modularity([membership[v] for v in nodes], weights="weight" if weight is not None else None, resolution=resolution)
        )
    else:
        modularity = float(nx.community.modularity(G, ordered, weight=weight, resolution=resolution))
    return {"membership": membership, "modularity": modularity}


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
        members = sorted(groups[group], key=lambda n: name_key(G, n))
        types = Counter(node_type(G, n) for n in members)
        themes = Counter(t for n in members for t in node_themes(G, n))
        areas = Counter(a for n in members if (a := node_text(G, n, "area")))
        organisations = Counter(o for n in members if (o := node_text(G, n, "organisation")))
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
        return {n: node_type(G, n) for n in G}
    groups = {}
    for n in G:
        value = G.nodes[n].get(attribute)
        if isinstance(value, (list, tuple, set, dict)):
            raise TypeError(f"attribute {attribute!r} holds several values per stakeholder; group on a single-valued one")
        groups[n] = MISSING_GROUP if is_missing(value) else value
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
    (:func:`group_tie_counts`). In a directed graph every
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
    counts = group_tie_counts(G, groups, order)
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
        # The edge arrays: each tie once, cached for a frozen graph and
        # shared with the other steps of the analysis.
        nodes, rows, cols = graphs.edge_index(G)
        code = np.fromiter((position[groups[v]] for v in nodes), dtype=np.int64, count=len(nodes))
        return code[rows], code[cols]
    # Arcs and parallel ties count one by one: they come from the edge list.
    ends = np.array([(position[groups[u]], position[groups[v]]) for u, v in G.edges() if u != v], dtype=np.int64)
    ends = ends.reshape(-1, 2)
    return ends[:, 0], ends[:, 1]


def group_tie_counts(G: nx.Graph, groups: Mapping[Hashable, Any], order: list[Any]) -> np.ndarray:
    """Ties within and between groups, counted from the edge arrays.

    The counting behind :func:`mixing_matrix`, without a Python loop over
    the edges of an undirected simple graph.

    Parameters
    ----------
    G : networkx.Graph
    groups : mapping
        ``{node: group}`` for every node of ``G``.
    order : sequence
        The groups, in the order of the matrix's rows and columns.

    Returns
    -------
    numpy.ndarray
        Symmetric ``len(order) x len(order)`` int64 matrix: the diagonal
        holds the ties inside a group (each once), ``[a, b]`` and ``[b, a]``
        the ties between groups ``order[a]`` and ``order[b]``. In a directed
        graph every arc counts, in a multigraph every parallel tie;
        self-loops are not counted.

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> group_tie_counts(G, {"a": "N", "b": "N", "c": "Z", "d": "Z"}, ["N", "Z"]).tolist()
    [[1, 1], [1, 1]]
    """
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


