"""Missing connections: who should meet, why, and who can introduce them.

:func:`suggest_connections` ranks three sources of suggestions on one 0-1
score: **structural** (contacts in common, triadic closure), **thematic**
(the same theme or area, three or more steps apart) and **access** (an
initiative without a civil servant among its contacts, matched to the one
who fits it best). :mod:`netanalysis.candidates` finds and scores the
candidates (the score is written out there); this module selects the best,
one per pair and spread over stakeholders, and adds the introducer, the
distance and a plain-language reason to the rows it returns.
:func:`suggestions_for` and :func:`missing_initiatives_for` are the same
for one stakeholder's own view.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable

import networkx as nx
import numpy as np
import pandas as pd

from . import candidates, reasons
from .candidates import KINDS, OTHER_TYPES_PREFERENCE, PREFERRED_TYPES
from .i18n import normalise_language, steps_text

__all__ = ["SUGGESTION_COLUMNS", "suggest_connections", "suggestions_for", "missing_initiatives_for"]

#: Columns of :func:`suggest_connections` and :func:`suggestions_for`.
SUGGESTION_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "source_name",
    "target_name",
    "kind",
    "score",
    "reason",
    "introducer",
    "introducer_name",
    "shared_themes",
    "area",
    "distance",
    "common_contacts",
    "adamic_adar",
    "resource_allocation",
    "jaccard",
    "next_step",
)

def _finish(G: nx.Graph, profiles, rows: list[dict], lang: str) -> pd.DataFrame:
    """Introducers, distances and reasons for the rows that will be shown, then the table."""
    out = []
    for row in rows:
        u, v = row["source"], row["target"]
        row["fit"] = fit = candidates.fit(profiles[u], profiles[v])
        if row.get("introducer") is not None:
            _, row["common_contacts"] = reasons.best_common_contact(G, profiles, u, v)
        elif row["kind"] == "structural":
            row["introducer"], row["common_contacts"] = reasons.best_common_contact(G, profiles, u, v)
        elif row["distance"] is None:
            row["introducer"], row["common_contacts"] = None, 0
        else:
            row["introducer"], row["distance"] = reasons.middle_contact(G, u, v)
            row["common_contacts"] = 0
        row["introducer_name"] = profiles[row["introducer"]].name if row["introducer"] is not None else None
        out.append(
            {
                "source": u,
                "target": v,
                "source_name": profiles[u].name,
                "target_name": profiles[v].name,
                "kind": row["kind"],
                "score": round(row["score"], 6),
                "reason": reasons.reason(G, profiles, row, lang),
                "introducer": row["introducer"],
                "introducer_name": row["introducer_name"],
                "shared_themes": list(fit.shared_themes),
                "area": fit.area,
                "distance": row["distance"],
                "common_contacts": row["common_contacts"],
                "adamic_adar": row.get("adamic_adar", math.nan),
                "resource_allocation": row.get("resource_allocation", math.nan),
                "jaccard": row.get("jaccard", math.nan),
                "next_step": reasons.next_step(profiles, row, lang),
            }
        )
    frame = pd.DataFrame(out, columns=list(SUGGESTION_COLUMNS))
    frame["distance"] = frame["distance"].astype("Int64")
    frame["common_contacts"] = frame["common_contacts"].astype("int64")
    for column in ("adamic_adar", "resource_allocation", "jaccard", "score"):
        frame[column] = frame[column].astype(float)
    for column in ("introducer", "introducer_name", "area"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


_SCORE_STEPS = 1_000_000
_LEVEL_BITS = ((_SCORE_STEPS + 1) * len(KINDS)).bit_length()


def _argsort_by(major: np.ndarray, minor: np.ndarray, *, bits: int) -> np.ndarray:
    """Stable order by ``major`` then ``minor`` (both non-negative, ``minor`` < 2**bits)."""
    if int(major.max(initial=0)).bit_length() + bits <= 62:
        return np.argsort((major << bits) | minor, kind="stable")
    return np.lexsort((minor, major))


def _select(
    nodes: list, name_rank: np.ndarray, found: candidates.Candidates, *, limit: int | None, max_per_stakeholder: int | None,
    degree: np.ndarray | None = None,
) -> list[dict]:
    """The best ``limit`` suggestions as dicts: one per pair (its best), spread over stakeholders.

    Order: score, then kind (:data:`KINDS`), then the pair whose less
    connected member has the fewest ties now (``degree``; an introduction
    changes most for someone with one or two contacts), then the two names,
    never ids. ``found`` index ``nodes``; ``name_rank`` is their order by name.
    """
    if not len(found):
        return []
    n = len(nodes)
    pair = np.minimum(found.u, found.v) * n + np.maximum(found.u, found.v)
    # Scores carry six decimals, so score and kind fit in 22 bits of one
    # integer: "lower is better" for both sorts below, and sorting one int64
    # key is several times faster than np.lexsort over separate columns.
    steps = np.clip(np.rint(found.score * _SCORE_STEPS), 0, _SCORE_STEPS).astype(np.int64)
    level = (_SCORE_STEPS - steps) * len(KINDS) + found.kind
    # A pair found by several sources keeps its best: highest score, then kind.
    order = _argsort_by(pair, level, bits=_LEVEL_BITS)
    first = np.ones(len(order), dtype=bool)
    first[1:] = pair[order][1:] != pair[order][:-1]
    best = order[first]
    # Then score, kind and the two names, never ids.
    name_bits = 2 * max(n - 1, 1).bit_length()
    names = name_rank[found.u[best]] * n + name_rank[found.v[best]]
    if degree is None:
        ranking = best[_argsort_by(level[best], names, bits=name_bits)]
    else:
        fewest = np.minimum(degree[found.u[best]], degree[found.v[best]]).astype(np.int64)
        tie_bits = name_bits + int(fewest.max(initial=0)).bit_length()
        ranking = best[_argsort_by(level[best], (fewest << name_bits) | names, bits=tie_bits)]
    wanted = len(ranking) if limit is None else max(int(limit), 0)
    named: Counter = Counter()
    kept: list[dict] = []
    access = KINDS.index("access")
    for i in ranking.tolist():
        if len(kept) >= wanted:
            break
        u, v = int(found.u[i]), int(found.v[i])
        # Access suggestions always stay: each is the only door offered to its initiative.
        if max_per_stakeholder is not None and found.kind[i] != access:
            if named[u] >= max_per_stakeholder or named[v] >= max_per_stakeholder:
                continue
        named[u] += 1
        named[v] += 1
        kept.append(found.row(i, nodes))
    return kept


def _spread_top(rows: list[dict], *, window: int, cap: int) -> list[dict]:
    """``rows`` reordered so that among the first ``window`` nobody appears in
    more than ``cap`` pairs; a row that would exceed it waits until the
    window is full (or until nothing else is left), keeping its order."""
    named: Counter = Counter()
    top: list[dict] = []
    waiting: list[dict] = []
    rest = list(rows)
    while rest and len(top) < window:
        row = rest.pop(0)
        people = (row["source"], row["target"])
        if any(named[p] >= cap for p in people):
            waiting.append(row)
            continue
        named.update(people)
        top.append(row)
    return top + waiting + rest


# -- public ------------------------------------------------------------------


def suggest_connections(
    G: nx.Graph,
    *,
    limit: int | None = 50,
    lang: str = "nl",
    seed: int = 42,
    kinds: Iterable[str] = KINDS,
    max_hub_degree: int = 50,
    bucket_cap: int = 40,
    max_per_stakeholder: int | None = 3,
    top_window: int = 10,
    top_cap: int | None = 2,
) -> pd.DataFrame:
    """Ranked suggestions of who should meet, with a reason and an introducer.

    Parameters
    ----------
    G : networkx.Graph
        The stakeholder graph.
    limit : int or None
        How many suggestions to return (all with ``None``).
    lang : {"nl", "en"}
        Language of ``reason``.
    seed : int
        Seed for drawing members of theme groups larger than ``bucket_cap``;
        with smaller groups the result does not depend on it.
    kinds : iterable of str
        Which of ``"structural"``, ``"thematic"``, ``"access"`` to include.
    max_hub_degree : int
        Structural candidates are pairs of contacts of one stakeholder with
        at most this many contacts (see Notes).
    bucket_cap : int
        At most this many members per theme, theme-and-area or area group
        are paired for thematic suggestions.
    max_per_stakeholder : int or None
        Name one stakeholder in at most this many suggestions, so a single
        isolated initiative cannot fill the top of the list; access
        suggestions are always kept. ``None`` keeps every suggestion.
    top_window, top_cap : int
        Among the first ``top_window`` suggestions nobody is one of the
        pair more than ``top_cap`` times: the rest
        of that person's suggestions move down, right below the window, in
        their order. ``top_cap=None`` keeps the plain ranking.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUGGESTION_COLUMNS`: ``source``, ``target`` (ids; for
        ``access`` the initiative and the civil servant, otherwise ordered
        by name), ``source_name``, ``target_name``, ``kind``, ``score`` (0-1,
        see the module docstring), ``reason`` (in ``lang``),
        ``introducer`` and ``introducer_name`` (for structural suggestions
        the best shared contact; otherwise the person in the middle of a
        shortest path; ``None`` when the two are not connected),
        ``shared_themes`` (list), ``area`` (the shared area or ``None``),
        ``distance`` (steps between them now, missing when not connected),
        ``common_contacts``, and ``adamic_adar``, ``resource_allocation``,
        ``jaccard`` (structural only, NaN otherwise). Highest score first;
        never an existing tie, a stakeholder with itself, or a pair twice
        (a pair found by several sources keeps its highest score).

    Notes
    -----
    Structural scores use the Adamic-Adar index [1]_ and the Jaccard
    coefficient [2]_ as compared in [2]_; the resource allocation index
    [3]_ is reported alongside. Candidates are pairs of non-adjacent
    contacts of one stakeholder, skipping stakeholders with more than
    ``max_hub_degree`` contacts as proposers: such a hub adds at most
    1/log(k) to a pair's Adamic-Adar, and its k(k-1)/2 pairs would dominate
    the cost (it still counts as a shared contact of pairs proposed by
    another). The three indices are sums over shared contacts, so each is
    one sparse matrix product A W A over the whole graph (W the diagonal of
    per-contact weights), which gives the values of networkx's
    ``adamic_adar_index``, ``resource_allocation_index`` and
    ``jaccard_coefficient`` (the tests compare them) without intersecting
    neighbourhoods per pair. All candidates are scored and ranked as numpy
    arrays; reasons, introducers and distances are worked out one by one,
    only for the ``limit`` suggestions returned.

    Cost: structural candidates number the two-paths through stakeholders
    with at most ``max_hub_degree`` contacts; thematic ones at most
    ``bucket_cap**2 / 2`` per theme, theme-and-area and area group;
    access ones at most ``bucket_cap`` civil servants per group for each
    initiative without a civil servant contact.

    References
    ----------
    .. [1] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the
       Web. Social Networks, 25(3), 211-230.
       doi:10.1016/S0378-8733(03)00009-1
    .. [2] Liben-Nowell, D., & Kleinberg, J. (2007). The link-prediction
       problem for social networks. Journal of the American Society for
       Information Science and Technology, 58(7), 1019-1031.
       doi:10.1002/asi.20591
    .. [3] Zhou, T., Lü, L., & Zhang, Y.-C. (2009). Predicting missing
       links via local information. The European Physical Journal B, 71(4),
       623-630. doi:10.1140/epjb/e2009-00335-8
    .. [4] McPherson, M., Smith-Lovin, L., & Cook, J. M. (2001). Birds of a
       feather: Homophily in social networks. Annual Review of Sociology,
       27, 415-444. doi:10.1146/annurev.soc.27.1.415
    .. [5] Burt, R. S. (1992). Structural Holes: The Social Structure of
       Competition. Harvard University Press.

    Thematic suggestions rest on homophily [4]_ (people working on the same
    theme in the same area have reason to work together) and aim at
    structural holes [5]_ (they are the pairs the network keeps apart).

    Examples
    --------
    >>> G = nx.Graph([("a", "b"), ("b", "c")])
    >>> nx.set_node_attributes(G, {"a": "Ans", "b": "Bas", "c": "Cor"}, "name")
    >>> result = suggest_connections(G, lang="en")
    >>> result[["source", "target", "kind", "introducer", "reason"]].to_dict("records")
    [{'source': 'a', 'target': 'c', 'kind': 'structural', 'introducer': 'b', 'reason': 'Both know Bas, but not each other'}]
    """
    lang = normalise_language(lang)
    wanted = set(kinds)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kinds: {sorted(unknown)}; choose from {KINDS}")
    if G.is_directed() or G.is_multigraph():
        raise nx.NetworkXNotImplemented("suggestions need a simple undirected graph")
    profiles = candidates.profiles(G)
    vectors = candidates.vectors(G, profiles)
    parts: list[candidates.Candidates] = []
    if "structural" in wanted:
        parts.append(candidates.structural(G, vectors, max_hub_degree=max_hub_degree))
    if "thematic" in wanted:
        parts.append(candidates.thematic(G, profiles, vectors, bucket_cap=bucket_cap, seed=seed))
    if "access" in wanted:
        parts.append(candidates.access(G, profiles, vectors, bucket_cap=bucket_cap))
    ranked = _select(vectors.nodes, vectors.name_rank, candidates.Candidates.concat(parts), limit=limit,
                     max_per_stakeholder=max_per_stakeholder, degree=vectors.degree)
    if top_cap is not None:
        ranked = _spread_top(ranked, window=top_window, cap=top_cap)
    return _finish(G, profiles, ranked, lang)


def suggestions_for(G: nx.Graph, node: Hashable, *, lang: str = "nl", limit: int | None = 20, bucket_cap: int = 40, seed: int = 42) -> pd.DataFrame:
    """Whom ``node`` could introduce to whom: its own contacts who share work.

    Pairs of contacts of ``node`` who are not tied to each other and share a
    theme or an area: the open triads that ``node`` can close [1]_.
    ``node`` is the introducer of every pair.

    Parameters
    ----------
    G : networkx.Graph
    node : hashable
        The stakeholder whose contacts are paired.
    lang : {"nl", "en"}
    limit : int or None
    bucket_cap, seed
        As in :func:`suggest_connections`, applied to the contacts' theme groups.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUGGESTION_COLUMNS`, ``kind`` ``"structural"``,
        ``distance`` 2, ``score`` = fit (see the module docstring) times the
        thematic preference for initiatives and organisations.

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in ``G``.

    References
    ----------
    .. [1] Granovetter, M. S. (1973). The strength of weak ties. American
       Journal of Sociology, 78(6), 1360-1380. doi:10.1086/225469

    Examples
    --------
    >>> G = nx.Graph([("me", "a"), ("me", "b"), ("me", "c")])
    >>> nx.set_node_attributes(G, {"a": ["groen"], "b": ["groen"], "c": ["jeugd"]}, "themes")
    >>> suggestions_for(G, "me", lang="en")[["source", "target", "reason"]].to_dict("records")
    [{'source': 'a', 'target': 'b', 'reason': 'You know both; both work on groen'}]
    """
    if node not in G:
        raise nx.NodeNotFound(f"{node!r} is not in the network")
    lang = normalise_language(lang)
    profiles = candidates.profiles(G)
    contacts = [n for n in G.adj[node] if n != node]
    position = {contact: i for i, contact in enumerate(contacts)}
    rows: dict[tuple, tuple] = {}
    for members in candidates.buckets(contacts, profiles, cap=bucket_cap, seed=seed):
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = candidates.ordered(profiles, a, b)
                if pair in rows or pair[1] in G.adj[pair[0]]:
                    continue
                preference = 1.0 if {profiles[a].kind, profiles[b].kind} & PREFERRED_TYPES else OTHER_TYPES_PREFERENCE
                score = candidates.fit_value(profiles[pair[0]], profiles[pair[1]]) * preference
                rows[pair] = (score, position[pair[0]], position[pair[1]], 2, {"introducer": node})
    found = candidates.Candidates.from_rows("structural", list(rows.values()))
    ranked = _select(contacts, candidates.name_ranks(profiles, contacts), found, limit=limit, max_per_stakeholder=None)
    frame = _finish(G, profiles, ranked, lang)
    # The ego view speaks to the introducer, so its reason differs from the network-wide one.
    ego_reasons = []
    for row in ranked:
        fit = row["fit"]
        if fit.shared_themes:
            ego_reasons.append(reasons.MESSAGES.text("ego", lang, themes=reasons.themes_clause(fit, lang), where=reasons.where_clause(fit, lang)))
        else:
            ego_reasons.append(reasons.MESSAGES.text("ego_area", lang, area=fit.area))
    frame["reason"] = pd.Series(ego_reasons, dtype=object)
    return frame


def missing_initiatives_for(G: nx.Graph, node: Hashable, *, lang: str = "nl", limit: int | None = 20) -> pd.DataFrame:
    """Initiatives working on ``node``'s themes that ``node`` has no tie with.

    Parameters
    ----------
    G : networkx.Graph
    node : hashable
    lang : {"nl", "en"}
    limit : int or None

    Returns
    -------
    pandas.DataFrame
        ``id``, ``name``, ``shared_themes``, ``area`` (shared area or
        ``None``), ``initiative_area`` (where the initiative works, shared
        or not; ``None`` when unknown), ``distance`` (steps now, missing when not connected),
        ``introducer``, ``introducer_name`` (a shared contact at two steps,
        the person in the middle of a shortest path further away, ``None``
        when not connected), ``score`` (the fit of the module docstring) and
        ``reason``. Best fit first, then the farthest (the most missing).

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in ``G``.

    References
    ----------
    .. [1] McPherson, M., Smith-Lovin, L., & Cook, J. M. (2001). Birds of a
       feather: Homophily in social networks. Annual Review of Sociology,
       27, 415-444. doi:10.1146/annurev.soc.27.1.415

    Examples
    --------
    >>> G = nx.Graph([("me", "x"), ("x", "i1")]); G.add_node("i2")
    >>> nx.set_node_attributes(G, {"me": ["groen"], "i1": ["groen"], "i2": ["groen", "jeugd"]}, "themes")
    >>> nx.set_node_attributes(G, {"i1": "initiative", "i2": "initiative"}, "type")
    >>> missing_initiatives_for(G, "me", lang="en")[["id", "distance", "introducer"]].to_dict("records")
    [{'id': 'i2', 'distance': None, 'introducer': None}, {'id': 'i1', 'distance': 2, 'introducer': 'x'}]
    """
    if node not in G:
        raise nx.NodeNotFound(f"{node!r} is not in the network")
    lang = normalise_language(lang)
    profiles = candidates.profiles(G)
    own = profiles[node]
    parent = _bfs_parents(G, node)
    rows = []
    for other, profile in profiles.items():
        if other == node or profile.kind != "initiative" or other in G.adj[node]:
            continue
        fit = candidates.fit(own, profile)
        if not fit.shared_themes:
            continue
        path = _path_to(parent, other)
        distance = len(path) - 1 if path else None
        introducer = path[(len(path) - 1) // 2] if path and len(path) >= 3 else None
        if distance == 2:
            introducer, _ = reasons.best_common_contact(G, profiles, node, other)
        text = reasons.MESSAGES.text("missing", lang, themes=reasons.themes_clause(fit, lang), where=reasons.where_clause(fit, lang))
        if distance is None:
            text += reasons.MESSAGES.text("missing_unconnected", lang)
        else:
            text += reasons.MESSAGES.text("missing_apart", lang, steps=steps_text(distance, lang))
        rows.append(
            {
                "id": other,
                "name": profile.name,
                "shared_themes": fit.shared_themes,
                "area": fit.area,
                "initiative_area": profile.area,
                "distance": distance,
                "introducer": introducer,
                "introducer_name": profiles[introducer].name if introducer is not None else None,
                "score": round(fit.value, 6),
                "reason": text,
            }
        )
    rows.sort(key=lambda r: (-r["score"], -(r["distance"] if r["distance"] is not None else math.inf), profiles[r["id"]].sort_key))
    if limit is not None:
        rows = rows[: max(int(limit), 0)]
    frame = pd.DataFrame(rows, columns=["id", "name", "shared_themes", "area", "initiative_area", "distance", "introducer",
                                        "introducer_name", "score", "reason"])
    frame["distance"] = frame["distance"].astype("Int64")
    for column in ("area", "initiative_area", "introducer", "introducer_name"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _bfs_parents(G: nx.Graph, source: Hashable) -> dict[Hashable, Hashable | None]:
    parent = {source: None}
    frontier = [source]
    while frontier:
        nxt = []
        for current in frontier:
            for neighbour in G.adj[current]:
                if neighbour not in parent:
                    parent[neighbour] = current
                    nxt.append(neighbour)
        frontier = nxt
    return parent


def _path_to(parent: dict, target: Hashable) -> list | None:
    if target not in parent:
        return None
    path = [target]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]

