"""Missing connections: who should meet, why, and who can introduce them.

Three sources of suggestions, ranked on one 0-1 score:

* **structural**: two stakeholders with contacts in common (triadic
  closure), scored with Adamic-Adar and Jaccard;
* **thematic**: two stakeholders working on the same theme and/or in the
  same area who are three or more steps apart, or not connected at all;
* **access**: every initiative without a civil servant among its contacts,
  matched to the civil servant who fits it best.

Candidates always come from the neighbourhoods and from an index of themes
and areas, never from all pairs, so the cost grows with the ties and the
size of the theme groups rather than with the square of the stakeholders.

The score
---------
Every suggestion has a *fit* in [0, 1], the resemblance of the two in themes
and area::

    fit = 0.7 * theme_overlap + 0.3 * same_area

where ``theme_overlap`` = (shared / min(themes of a, themes of b) +
min(shared, 3) / 3) / 2: half the overlap coefficient (how much of the
narrower agenda is shared), half the number of shared themes up to three (0
when either has no themes), and ``same_area`` is 1 when both name the same
area (case-insensitive). One shared theme between two single-theme
stakeholders gives 0.67, two of two 0.83, three of three 1. Then, per kind:

* structural: ``score = evidence * (0.5 + 0.5 * fit)`` with ``evidence =
  (jaccard + 1 - exp(-adamic_adar)) / 2``: shared contacts alone give at most
  0.5, shared contacts plus shared work up to 1;
* thematic: ``score = fit * (0.5 + 0.5 * gap) * preference`` with ``gap`` 1
  for stakeholders in different components and 0.6 for those three or more
  steps apart, ``preference`` 1 when one of the two is an initiative or an
  organisation and 0.75 otherwise;
* access: ``score = 0.5 + 0.5 * access_fit`` with ``access_fit = 0.6 *
  theme_overlap + 0.25 * same_area + 0.15 * department_overlap`` (the share of
  the initiative's themes the civil servant's department works on). An
  initiative without a door into the municipality is a gap the manager asked
  to see, so these never score below 0.5.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

from .gaps import _NUMBER_WORDS, _civil_servants, _name, _sort_key, _steps_text, _text, _theme_key, _themes, _type
from .i18n import Messages, join_words, normalise_language

__all__ = ["KINDS", "SUGGESTION_COLUMNS", "suggest_connections", "suggestions_for", "missing_initiatives_for"]

#: Kinds of suggestion, in the order they win a tie in score.
KINDS: tuple[str, ...] = ("access", "thematic", "structural")

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
)

_PREFERRED_TYPES = frozenset({"initiative", "organisation"})
_CONNECTED_GAP = 0.6
_THEMES_FOR_FULL_DEPTH = 3
_OTHER_TYPES_PREFERENCE = 0.75

MESSAGES = Messages(
    {
        "structural_one": {
            "nl": "Hebben allebei contact met {introducer}, maar nog niet met elkaar",
            "en": "Both know {introducer}, but not each other",
        },
        "structural_many": {
            "nl": "Hebben {count} gezamenlijke contacten, onder wie {introducer}, maar nog geen directe band",
            "en": "Share {count} contacts, including {introducer}, but have no direct tie",
        },
        "also_themes": {"nl": "; beiden werken aan {themes}", "en": "; both work on {themes}"},
        "also_area": {"nl": "; beiden zijn actief in {area}", "en": "; both are active in {area}"},
        "in_area": {"nl": " in {area}", "en": " in {area}"},
        "thematic_themes": {"nl": "Beiden werken aan {themes}{where}", "en": "Both work on {themes}{where}"},
        "thematic_area": {"nl": "Beiden zijn actief in {area}", "en": "Both are active in {area}"},
        "apart": {"nl": ", maar zitten nu {steps} van elkaar", "en": " but are {steps} apart"},
        "unconnected": {"nl": ", maar hebben nu geen enkele verbinding", "en": " but are not connected at all"},
        "access": {
            "nl": "{initiative} heeft nog geen direct contact met een ambtenaar",
            "en": "{initiative} has no direct contact with a civil servant yet",
        },
        "access_themes": {"nl": "; {person} werkt aan {themes}{where}", "en": "; {person} works on {themes}{where}"},
        "access_area": {"nl": "; {person} werkt in {area}", "en": "; {person} works in {area}"},
        "access_department": {
            "nl": "; de afdeling van {person} ({department}) werkt aan {themes}",
            "en": "; the department of {person} ({department}) works on {themes}",
        },
        "access_nearest": {"nl": "; {person} is de dichtstbijzijnde ambtenaar", "en": "; {person} is the nearest civil servant"},
        "access_busiest": {
            "nl": "; {person} heeft al contact met {count} initiatieven",
            "en": "; {person} already knows {count} initiatives",
        },
        "access_any": {"nl": "; {person} kan een eerste aanspreekpunt zijn", "en": "; {person} can be a first point of contact"},
        "ego": {
            "nl": "U kent ze allebei; ze werken allebei aan {themes}{where}",
            "en": "You know both; both work on {themes}{where}",
        },
        "ego_area": {"nl": "U kent ze allebei; ze zijn allebei actief in {area}", "en": "You know both; both are active in {area}"},
        "missing": {"nl": "Werkt ook aan {themes}{where}", "en": "Also works on {themes}{where}"},
        "missing_apart": {"nl": "; nu {steps} verwijderd", "en": "; {steps} away now"},
        "missing_unconnected": {"nl": "; nog geen enkele verbinding", "en": "; not connected at all yet"},
    }
)


def _count_text(count: int, lang: str) -> str:
    words = _NUMBER_WORDS[lang]
    return words[count] if 0 <= count < len(words) else str(count)


# -- what two stakeholders have in common ------------------------------------


@dataclass
class _Profile:
    """The parts of a stakeholder that suggestions compare, precomputed once."""

    themes: dict[str, str]  # theme key -> the stakeholder's own spelling
    theme_keys: frozenset[str]
    area: str | None
    area_key: str | None
    department: str | None
    kind: str
    name: str
    sort_key: tuple[str, str]


@dataclass
class _Fit:
    value: float
    theme_overlap: float
    shared_themes: list[str] = field(default_factory=list)
    area: str | None = None


def _profiles(G: nx.Graph) -> dict[Hashable, _Profile]:
    profiles = {}
    for node in G:
        themes: dict[str, str] = {}
        for theme in _themes(G, node):
            themes.setdefault(_theme_key(theme), theme)
        area = _text(G, node, "area")
        profiles[node] = _Profile(
            themes=themes,
            theme_keys=frozenset(themes),
            area=area,
            area_key=area.strip().casefold() if area else None,
            department=_text(G, node, "organisation"),
            kind=_type(G, node),
            name=_name(G, node),
            sort_key=_sort_key(G, node),
        )
    return profiles


def _theme_overlap(a: _Profile, b: _Profile) -> float:
    smaller = min(len(a.theme_keys), len(b.theme_keys))
    if not smaller:
        return 0.0
    shared = len(a.theme_keys & b.theme_keys)
    # Half for how much of the narrower agenda is shared, half for how many
    # themes are shared: two people sharing their only theme resemble each
    # other less than two sharing three.
    return (shared / smaller + min(shared, _THEMES_FOR_FULL_DEPTH) / _THEMES_FOR_FULL_DEPTH) / 2


def _same_area(a: _Profile, b: _Profile) -> bool:
    return a.area_key is not None and a.area_key == b.area_key


def _fit_value(a: _Profile, b: _Profile) -> float:
    """The fit of the module docstring; :func:`_fit` adds what a reason needs."""
    return 0.7 * _theme_overlap(a, b) + 0.3 * _same_area(a, b)


def _fit(a: _Profile, b: _Profile) -> _Fit:
    overlap = _theme_overlap(a, b)
    same_area = _same_area(a, b)
    shared = [spelling for key, spelling in a.themes.items() if key in b.theme_keys]
    return _Fit(0.7 * overlap + 0.3 * same_area, overlap, shared, a.area if same_area else None)


def _ordered(profiles: dict[Hashable, _Profile], u: Hashable, v: Hashable) -> tuple[Hashable, Hashable]:
    # By name, so a pair is written the same way whatever the ids are.
    return (u, v) if profiles[u].sort_key <= profiles[v].sort_key else (v, u)


def _buckets(
    nodes: Iterable[Hashable], profiles: dict[Hashable, _Profile], *, cap: int, seed: int, themes: bool = True, areas: bool = True
) -> list[list[Hashable]]:
    """Groups of stakeholders sharing a theme, a theme in one area, or an area.

    A group larger than ``cap`` keeps ``cap`` members, initiatives and
    organisations first, the rest drawn with a seeded generator from the
    members sorted by name; pairs are only formed inside a group, so at most
    cap(cap-1)/2 pairs per group.
    """
    index: dict[tuple, list[Hashable]] = {}
    for node in nodes:
        profile = profiles[node]
        for key in profile.themes if themes else ():
            index.setdefault(("theme", key), []).append(node)
            if profile.area_key:
                index.setdefault(("theme-area", key, profile.area_key), []).append(node)
        if areas and profile.area_key:
            index.setdefault(("area", profile.area_key), []).append(node)
    rng = random.Random(seed)
    groups = []
    for key in sorted(index):
        members = sorted(index[key], key=lambda n: profiles[n].sort_key)
        if len(members) < 2:
            continue
        if len(members) > cap:
            preferred = [n for n in members if profiles[n].kind in _PREFERRED_TYPES]
            others = [n for n in members if profiles[n].kind not in _PREFERRED_TYPES]
            if len(preferred) >= cap:
                members = rng.sample(preferred, cap)
            else:
                members = preferred + rng.sample(others, cap - len(preferred))
        groups.append(members)
    return groups


def _middle(G: nx.Graph, u: Hashable, v: Hashable) -> tuple[Hashable | None, int | None]:
    """The person in the middle of a shortest path from u to v, and its length."""
    try:
        path = nx.bidirectional_shortest_path(G, u, v)
    except nx.NetworkXNoPath:
        return None, None
    if len(path) < 3:
        return None, len(path) - 1
    return path[(len(path) - 1) // 2], len(path) - 1


def _best_common_contact(G: nx.Graph, profiles, u: Hashable, v: Hashable) -> tuple[Hashable | None, int]:
    """The shared contact with the strongest weaker tie to the two; equal ones by name."""
    common = [z for z in G.adj[u] if z in G.adj[v] and z != u and z != v]
    if not common:
        return None, 0

    def strength(z):
        return min(G.adj[u][z].get("weight", 1), G.adj[v][z].get("weight", 1))

    best = min(common, key=lambda z: (-strength(z), G.degree(z), profiles[z].sort_key))
    return best, len(common)


# -- the three sources -------------------------------------------------------


def _neighbour_sets(G: nx.Graph) -> dict[Hashable, set]:
    # Plain sets: membership tests through networkx's adjacency views cost
    # several times more, and these loops make hundreds of thousands.
    return {node: set(contacts) for node, contacts in G.adjacency()}


def _structural(G: nx.Graph, profiles, *, max_hub_degree: int) -> list[dict]:
    """Pairs two steps apart, with Adamic-Adar, resource allocation and Jaccard.

    The three indices are sums over the pair's shared contacts, so they are
    accumulated while the pairs are enumerated (one pass over the two-paths)
    instead of intersecting neighbourhoods again per pair as networkx's
    functions do; the tests check the values against networkx.
    """
    degree = dict(G.degree())
    neighbours = _neighbour_sets(G)
    position = {node: i for i, node in enumerate(G)}
    big = {z for z, k in degree.items() if k > max_hub_degree}
    # pair -> [Adamic-Adar, resource allocation, shared contacts]
    sums: dict[tuple, list] = {}
    for hub in G:
        # A pair whose only shared contact knows hundreds adds almost nothing
        # to Adamic-Adar (1/log k), and its k(k-1)/2 pairs would dominate the
        # cost: such hubs propose no pairs, but still count for pairs proposed
        # by another shared contact (below).
        if hub in big:
            continue
        contacts = [n for n in neighbours[hub] if n != hub]
        if len(contacts) < 2:
            continue
        contacts.sort(key=position.__getitem__)
        aa_share, ra_share = 1 / math.log(degree[hub]), 1 / degree[hub]
        for i, a in enumerate(contacts):
            near_a = neighbours[a]
            for b in contacts[i + 1 :]:
                if b in near_a:
                    continue
                entry = sums.get((a, b))
                if entry is None:
                    sums[a, b] = [aa_share, ra_share, 1]
                else:
                    entry[0] += aa_share
                    entry[1] += ra_share
                    entry[2] += 1
    if big:
        for (a, b), entry in sums.items():
            for hub in neighbours[a] & neighbours[b] & big:
                entry[0] += 1 / math.log(degree[hub])
                entry[1] += 1 / degree[hub]
                entry[2] += 1
    found = []
    for key, (aa, ra, shared) in sums.items():
        u, v = _ordered(profiles, *key)
        # u and v are not adjacent, so the union of their contacts is the sum minus the overlap.
        union = len(neighbours[u]) + len(neighbours[v]) - shared
        jaccard = shared / union if union else 0.0
        evidence = (jaccard + 1 - math.exp(-aa)) / 2
        score = evidence * (0.5 + 0.5 * _fit_value(profiles[u], profiles[v]))
        found.append(
            _candidate(score, "structural", u, v, distance=2, common_contacts=shared, adamic_adar=aa, resource_allocation=ra, jaccard=jaccard)
        )
    return found


def _thematic(G: nx.Graph, profiles, *, bucket_cap: int, seed: int) -> list[dict]:
    component = {n: i for i, part in enumerate(nx.connected_components(G)) for n in part}
    neighbours = _neighbour_sets(G)
    seen = set()
    found = []
    for members in _buckets(G, profiles, cap=bucket_cap, seed=seed):
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = _ordered(profiles, a, b)
                if pair in seen:
                    continue
                seen.add(pair)
                u, v = pair
                # Three or more steps apart: not neighbours and no shared contact.
                if v in neighbours[u] or not neighbours[u].isdisjoint(neighbours[v]):
                    continue
                fit = _fit_value(profiles[u], profiles[v])
                if fit == 0:
                    continue
                gap = 1.0 if component[u] != component[v] else _CONNECTED_GAP
                preference = 1.0 if {profiles[u].kind, profiles[v].kind} & _PREFERRED_TYPES else _OTHER_TYPES_PREFERENCE
                # distance -1: three or more steps, measured only if the pair is shown.
                distance = None if component[u] != component[v] else -1
                found.append(_candidate(fit * (0.5 + 0.5 * gap) * preference, "thematic", u, v, distance=distance))
    return found


def _access(G: nx.Graph, profiles, *, bucket_cap: int) -> list[dict]:
    civil_servants = _civil_servants(G)
    if not civil_servants:
        return []
    initiative_contacts = Counter(
        person for person in civil_servants for n in G.adj[person] if profiles[n].kind == "initiative"
    )
    department_themes: dict[str, set] = {}
    for person in civil_servants:
        if profiles[person].department:
            department_themes.setdefault(profiles[person].department, set()).update(profiles[person].theme_keys)
    index: dict[tuple, list] = {}
    for person in civil_servants:
        profile = profiles[person]
        for key in profile.theme_keys:
            index.setdefault(("theme", key), []).append(person)
            if profile.area_key:
                index.setdefault(("theme-area", key, profile.area_key), []).append(person)
        if profile.area_key:
            index.setdefault(("area", profile.area_key), []).append(person)
        for key in department_themes.get(profile.department, ()):
            index.setdefault(("department", key), []).append(person)
    # Civil servants who already act as the door for initiatives first, then by
    # name; beyond bucket_cap per group, the rest are not weighed (a region
    # with thousands of civil servants on one theme would otherwise cost
    # initiatives x civil servants).
    for key, people in index.items():
        people.sort(key=lambda p: (-initiative_contacts[p], profiles[p].sort_key))
        del people[bucket_cap:]
    nearest = _nearest_source(G, civil_servants)
    found = []
    for initiative in G:
        profile = profiles[initiative]
        if profile.kind != "initiative" or any(profiles[n].kind == "civil_servant" for n in G.adj[initiative]):
            continue
        candidates: set = set()
        for key in profile.theme_keys:
            candidates.update(index.get(("theme", key), ()))
            candidates.update(index.get(("theme-area", key, profile.area_key), ()))
            candidates.update(index.get(("department", key), ()))
        candidates.update(index.get(("area", profile.area_key), ()))
        closest = nearest.get(initiative)
        best = None
        for person in candidates:
            other = profiles[person]
            covered = department_themes.get(other.department, frozenset())
            department = len(profile.theme_keys & covered) / len(profile.theme_keys) if profile.theme_keys else 0.0
            value = 0.6 * _theme_overlap(profile, other) + 0.25 * _same_area(profile, other) + 0.15 * department
            rank = (-value, person != closest, -initiative_contacts[person], other.sort_key)
            if best is None or rank < best[0]:
                best = (rank, value, department, person)
        department_covers: tuple = ()
        if best is not None:
            _, value, department, person = best
            basis = "fit"
            covered = department_themes.get(profiles[person].department, frozenset())
            department_covers = tuple(t for k, t in profile.themes.items() if k in covered)
        else:
            value, department = 0.0, 0.0
            if closest is not None:
                person, basis = closest, "nearest"
            else:
                person = min(civil_servants, key=lambda p: (-initiative_contacts[p], profiles[p].sort_key))
                basis = "busiest" if initiative_contacts[person] else "any"
        found.append(
            _candidate(
                0.5 + 0.5 * value, "access", initiative, person, distance=-1 if closest is not None else None,
                basis=basis, department_overlap=department, department_covers=department_covers,
                initiative_contacts=initiative_contacts[person],
            )
        )
    return found


def _nearest_source(G: nx.Graph, sources: list[Hashable]) -> dict[Hashable, Hashable]:
    """For every reachable node, its nearest source (one breadth-first search from all)."""
    owner = {s: s for s in sources}
    frontier = list(sources)
    while frontier:
        nxt = []
        for node in frontier:
            for neighbour in G.adj[node]:
                if neighbour not in owner:
                    owner[neighbour] = owner[node]
                    nxt.append(neighbour)
        frontier = nxt
    return owner


# -- reasons -----------------------------------------------------------------


def _themes_clause(fit: _Fit, lang: str) -> str:
    return join_words(fit.shared_themes, lang)


def _where(fit: _Fit, lang: str) -> str:
    return MESSAGES.text("in_area", lang, area=fit.area) if fit.area else ""


def _reason(G: nx.Graph, profiles, row: dict, lang: str) -> str:
    fit: _Fit = row["fit"]
    if row["kind"] == "structural":
        key = "structural_one" if row["common_contacts"] == 1 else "structural_many"
        text = MESSAGES.text(key, lang, introducer=row["introducer_name"], count=_count_text(row["common_contacts"], lang))
        if fit.shared_themes:
            text += MESSAGES.text("also_themes", lang, themes=_themes_clause(fit, lang)) + _where(fit, lang)
        elif fit.area:
            text += MESSAGES.text("also_area", lang, area=fit.area)
        return text
    if row["kind"] == "thematic":
        if fit.shared_themes:
            text = MESSAGES.text("thematic_themes", lang, themes=_themes_clause(fit, lang), where=_where(fit, lang))
        else:
            text = MESSAGES.text("thematic_area", lang, area=fit.area)
        if row["distance"] is None:
            return text + MESSAGES.text("unconnected", lang)
        return text + MESSAGES.text("apart", lang, steps=_steps_text(row["distance"], lang))
    person = profiles[row["target"]].name
    text = MESSAGES.text("access", lang, initiative=profiles[row["source"]].name)
    if fit.shared_themes:
        return text + MESSAGES.text("access_themes", lang, person=person, themes=_themes_clause(fit, lang), where=_where(fit, lang))
    if fit.area:
        return text + MESSAGES.text("access_area", lang, person=person, area=fit.area)
    if row.get("department_covers"):
        return text + MESSAGES.text(
            "access_department", lang, person=person, department=profiles[row["target"]].department,
            themes=join_words(list(row["department_covers"]), lang),
        )
    if row.get("basis") == "nearest":
        return text + MESSAGES.text("access_nearest", lang, person=person)
    if row.get("basis") == "busiest":
        return text + MESSAGES.text("access_busiest", lang, person=person, count=_count_text(row["initiative_contacts"], lang))
    return text + MESSAGES.text("access_any", lang, person=person)


def _finish(G: nx.Graph, profiles, rows: list[dict], lang: str) -> pd.DataFrame:
    """Introducers, distances and reasons for the rows that will be shown, then the table."""
    out = []
    for row in rows:
        u, v = row["source"], row["target"]
        row["fit"] = fit = _fit(profiles[u], profiles[v])
        if row.get("introducer") is not None:
            _, row["common_contacts"] = _best_common_contact(G, profiles, u, v)
        elif row["kind"] == "structural":
            row["introducer"], row["common_contacts"] = _best_common_contact(G, profiles, u, v)
        elif row["distance"] is None:
            row["introducer"], row["common_contacts"] = None, 0
        else:
            row["introducer"], row["distance"] = _middle(G, u, v)
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
                "reason": _reason(G, profiles, row, lang),
                "introducer": row["introducer"],
                "introducer_name": row["introducer_name"],
                "shared_themes": list(fit.shared_themes),
                "area": fit.area,
                "distance": row["distance"],
                "common_contacts": row["common_contacts"],
                "adamic_adar": row.get("adamic_adar", math.nan),
                "resource_allocation": row.get("resource_allocation", math.nan),
                "jaccard": row.get("jaccard", math.nan),
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


def _candidate(score: float, kind: str, source: Hashable, target: Hashable, **details) -> tuple:
    """A suggestion before selection, as a tuple.

    Hundreds of thousands of candidates may be scored for fifty rows shown;
    tuples of plain values cost far less memory and garbage collection than
    dicts. The score is rounded so float noise cannot reorder equal scores.
    """
    return (round(score, 6), KINDS.index(kind), source, target, tuple(details.items()))


def _select(profiles, candidates: list[tuple], *, limit: int | None, max_per_stakeholder: int | None) -> list[dict]:
    """The best ``limit`` suggestions as dicts: one per pair (its best), spread over stakeholders.

    Order: score, then kind (:data:`KINDS`), then the two names, never ids.
    A heap instead of a full sort, and names compared only among equal scores.
    """
    best: dict[frozenset, tuple] = {}
    for candidate in candidates:
        pair = frozenset(candidate[2:4])
        known = best.get(pair)
        if known is None or (-candidate[0], candidate[1]) < (-known[0], known[1]):
            best[pair] = candidate
    chosen = list(best.values())
    heap = [(-c[0], c[1], i) for i, c in enumerate(chosen)]
    heapq.heapify(heap)
    wanted = len(heap) if limit is None else max(int(limit), 0)
    named: Counter = Counter()
    kept: list[dict] = []
    while heap and len(kept) < wanted:
        level = heap[0][:2]
        tied = []
        while heap and heap[0][:2] == level:
            tied.append(chosen[heapq.heappop(heap)[2]])
        tied.sort(key=lambda c: (profiles[c[2]].sort_key, profiles[c[3]].sort_key))
        for score, kind, u, v, details in tied:
            if len(kept) >= wanted:
                break
            # Access suggestions always stay: each is the only door offered to its initiative.
            if max_per_stakeholder is not None and KINDS[kind] != "access":
                if named[u] >= max_per_stakeholder or named[v] >= max_per_stakeholder:
                    continue
            named[u] += 1
            named[v] += 1
            kept.append({"score": score, "kind": KINDS[kind], "source": u, "target": v, **dict(details)})
    return kept


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
    another). The three indices are summed over the two-paths in the same
    pass, which gives the values of networkx's ``adamic_adar_index``,
    ``resource_allocation_index`` and ``jaccard_coefficient`` (the tests
    compare them) without intersecting neighbourhoods again per pair.

    Cost: structural candidates number the two-paths through stakeholders
    with at most ``max_hub_degree`` contacts; thematic ones at most
    ``bucket_cap**2 / 2`` per theme, theme-and-area and area group;
    access ones at most ``bucket_cap`` civil servants per group for each
    initiative without a civil servant contact. Introducers and distances
    are looked up only for the ``limit`` suggestions returned.

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
    profiles = _profiles(G)
    rows: list[tuple] = []
    if "structural" in wanted:
        rows += _structural(G, profiles, max_hub_degree=max_hub_degree)
    if "thematic" in wanted:
        rows += _thematic(G, profiles, bucket_cap=bucket_cap, seed=seed)
    if "access" in wanted:
        rows += _access(G, profiles, bucket_cap=bucket_cap)
    ranked = _select(profiles, rows, limit=limit, max_per_stakeholder=max_per_stakeholder)
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
    profiles = _profiles(G)
    contacts = [n for n in G.adj[node] if n != node]
    rows = {}
    for members in _buckets(contacts, profiles, cap=bucket_cap, seed=seed):
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = _ordered(profiles, a, b)
                if pair in rows or pair[1] in G.adj[pair[0]]:
                    continue
                preference = 1.0 if {profiles[a].kind, profiles[b].kind} & _PREFERRED_TYPES else _OTHER_TYPES_PREFERENCE
                score = _fit_value(profiles[pair[0]], profiles[pair[1]]) * preference
                rows[pair] = _candidate(score, "structural", pair[0], pair[1], distance=2, introducer=node)
    ranked = _select(profiles, list(rows.values()), limit=limit, max_per_stakeholder=None)
    frame = _finish(G, profiles, ranked, lang)
    # The ego view speaks to the introducer, so its reason differs from the network-wide one.
    reasons = []
    for row in ranked:
        fit = row["fit"]
        if fit.shared_themes:
            reasons.append(MESSAGES.text("ego", lang, themes=_themes_clause(fit, lang), where=_where(fit, lang)))
        else:
            reasons.append(MESSAGES.text("ego_area", lang, area=fit.area))
    frame["reason"] = pd.Series(reasons, dtype=object)
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
        ``None``), ``distance`` (steps now, missing when not connected),
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
    profiles = _profiles(G)
    own = profiles[node]
    parent = _bfs_parents(G, node)
    rows = []
    for other, profile in profiles.items():
        if other == node or profile.kind != "initiative" or other in G.adj[node]:
            continue
        fit = _fit(own, profile)
        if not fit.shared_themes:
            continue
        path = _path_to(parent, other)
        distance = len(path) - 1 if path else None
        introducer = path[(len(path) - 1) // 2] if path and len(path) >= 3 else None
        if distance == 2:
            introducer, _ = _best_common_contact(G, profiles, node, other)
        text = MESSAGES.text("missing", lang, themes=_themes_clause(fit, lang), where=_where(fit, lang))
        if distance is None:
            text += MESSAGES.text("missing_unconnected", lang)
        else:
            text += MESSAGES.text("missing_apart", lang, steps=_steps_text(distance, lang))
        rows.append(
            {
                "id": other,
                "name": profile.name,
                "shared_themes": fit.shared_themes,
                "area": fit.area,
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
    frame = pd.DataFrame(rows, columns=["id", "name", "shared_themes", "area", "distance", "introducer", "introducer_name", "score", "reason"])
    frame["distance"] = frame["distance"].astype("Int64")
    for column in ("area", "introducer", "introducer_name"):
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
