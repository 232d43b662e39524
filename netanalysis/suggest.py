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

import functools
import math
import random
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse import csgraph

from . import graphs
from .attributes import civil_servants, name_key, node_name, node_text, node_themes, node_type, theme_key
from .i18n import Messages, join_words, normalise_language, number_word, steps_text

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
        for theme in node_themes(G, node):
            themes.setdefault(theme_key(theme), theme)
        area = node_text(G, node, "area")
        profiles[node] = _Profile(
            themes=themes,
            theme_keys=frozenset(themes),
            area=area,
            area_key=area.strip().casefold() if area else None,
            department=node_text(G, node, "organisation"),
            kind=node_type(G, node),
            name=node_name(G, node),
            sort_key=name_key(G, node),
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
    # In name order, so every group comes out sorted by name.
    for node in sorted(nodes, key=lambda n: profiles[n].sort_key):
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
        members = index[key]
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


@dataclass
class _Vectors:
    """The profiles as arrays, row i = the i-th node of ``G``, for scoring many pairs at once."""

    nodes: list
    adjacency: sparse.csr_array  # ones, symmetric, no self-loops
    closed_neighbourhoods: sparse.csr_array  # adjacency plus the identity
    contacts: np.ndarray  # len(G.adj[node]), self-loop included, as Jaccard counts it
    degree: np.ndarray  # G.degree, as Adamic-Adar weighs it
    themes: sparse.csr_array  # node x theme key, ones
    theme_codes: dict[str, int]  # theme key -> column of themes
    theme_count: np.ndarray
    area: np.ndarray  # area code, -1 without an area
    preferred: np.ndarray  # initiative or organisation
    name_rank: np.ndarray  # position when sorted by (name, id)
    component: np.ndarray


def _vectors(G: nx.Graph, profiles: dict[Hashable, _Profile]) -> _Vectors:
    nodes, adjacency = graphs.adjacency(G)
    n = len(nodes)
    theme_codes: dict[str, int] = {}
    area_codes: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    area = np.full(n, -1, dtype=np.int64)
    preferred = np.zeros(n, dtype=bool)
    for i, node in enumerate(nodes):
        profile = profiles[node]
        for key in profile.theme_keys:
            rows.append(i)
            cols.append(theme_codes.setdefault(key, len(theme_codes)))
        if profile.area_key is not None:
            area[i] = area_codes.setdefault(profile.area_key, len(area_codes))
        preferred[i] = profile.kind in _PREFERRED_TYPES
    themes = sparse.csr_array((np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))), shape=(n, max(len(theme_codes), 1)))
    _, component = csgraph.connected_components(adjacency, directed=False)
    adj = G._adj
    return _Vectors(
        nodes=nodes,
        adjacency=adjacency,
        closed_neighbourhoods=(adjacency + sparse.eye_array(n, format="csr")).tocsr(),
        contacts=np.fromiter((len(adj[node]) for node in nodes), dtype=np.int64, count=n),
        degree=np.fromiter((d for _, d in G.degree(nodes)), dtype=np.int64, count=n),
        themes=themes,
        theme_codes=theme_codes,
        theme_count=np.diff(themes.indptr),
        area=area,
        preferred=preferred,
        name_rank=_name_ranks(profiles, nodes),
        component=component,
    )


def _row_overlaps(matrix: sparse.csr_array, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """For each pair (u[i], v[i]), the number of columns where both rows are non-zero."""
    if not len(u):
        return np.zeros(0)
    return np.asarray(matrix[u].multiply(matrix[v]).sum(axis=1)).ravel()


def _theme_overlaps(vectors: _Vectors, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_theme_overlap` and :func:`_same_area` for many pairs at once (same arithmetic)."""
    shared = _row_overlaps(vectors.themes, u, v)
    smaller = np.minimum(vectors.theme_count[u], vectors.theme_count[v])
    with np.errstate(divide="ignore", invalid="ignore"):
        overlap = np.where(smaller > 0, (shared / smaller + np.minimum(shared, _THEMES_FOR_FULL_DEPTH) / _THEMES_FOR_FULL_DEPTH) / 2, 0.0)
    same_area = (vectors.area[u] >= 0) & (vectors.area[u] == vectors.area[v])
    return overlap, same_area


def _fit_values(vectors: _Vectors, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """:func:`_fit_value` for many pairs at once."""
    overlap, same_area = _theme_overlaps(vectors, u, v)
    return 0.7 * overlap + 0.3 * same_area


def _by_name(vectors: _Vectors, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # By name, so a pair is written the same way whatever the ids are.
    first = vectors.name_rank[u] <= vectors.name_rank[v]
    return np.where(first, u, v), np.where(first, v, u)


@dataclass
class _Candidates:
    """Suggestions before selection, one array per field, row = candidate.

    Hundreds of thousands of pairs may be scored for fifty rows shown:
    arrays instead of one object per pair keep that a matter of vector
    arithmetic. ``u`` and ``v`` index :attr:`_Vectors.nodes`; ``extra``
    holds the details of the few candidates built one by one (access, ego).
    """

    score: np.ndarray
    kind: np.ndarray
    u: np.ndarray
    v: np.ndarray
    distance: np.ndarray  # NaN: not connected
    common_contacts: np.ndarray  # NaN: counted later, for the rows shown
    adamic_adar: np.ndarray
    resource_allocation: np.ndarray
    jaccard: np.ndarray
    extra: dict[int, dict] = field(default_factory=dict)

    @classmethod
    def of(
        cls, kind: str, u, v, score, distance, *, common_contacts=None, adamic_adar=None, resource_allocation=None, jaccard=None
    ) -> "_Candidates":
        size = len(u)
        missing = np.full(size, np.nan)
        return cls(
            # Rounded so float noise cannot reorder equal scores.
            score=np.round(np.asarray(score, dtype=np.float64), 6),
            kind=np.full(size, KINDS.index(kind), dtype=np.int64),
            u=np.asarray(u, dtype=np.int64),
            v=np.asarray(v, dtype=np.int64),
            distance=np.broadcast_to(np.asarray(distance, dtype=np.float64), (size,)).copy(),
            common_contacts=missing if common_contacts is None else np.asarray(common_contacts, dtype=np.float64),
            adamic_adar=missing if adamic_adar is None else np.asarray(adamic_adar, dtype=np.float64),
            resource_allocation=missing if resource_allocation is None else np.asarray(resource_allocation, dtype=np.float64),
            jaccard=missing if jaccard is None else np.asarray(jaccard, dtype=np.float64),
        )

    @classmethod
    def from_rows(cls, kind: str, rows: list[tuple[float, int, int, float | None, dict]]) -> "_Candidates":
        """Candidates built one by one: (score, u, v, distance or None, extra details)."""
        found = cls.of(
            kind,
            [row[1] for row in rows],
            [row[2] for row in rows],
            [row[0] for row in rows],
            [np.nan if row[3] is None else row[3] for row in rows],
        )
        found.extra = {i: row[4] for i, row in enumerate(rows) if row[4]}
        return found

    @classmethod
    def concat(cls, parts: list["_Candidates"]) -> "_Candidates":
        if not parts:
            return cls.of("structural", [], [], [], [])
        merged = cls(*(np.concatenate([getattr(p, name) for p in parts]) for name in
                       ("score", "kind", "u", "v", "distance", "common_contacts", "adamic_adar", "resource_allocation", "jaccard")))
        offset = 0
        for part in parts:
            merged.extra.update({offset + i: details for i, details in part.extra.items()})
            offset += len(part.u)
        return merged

    def __len__(self) -> int:
        return len(self.u)

    def row(self, i: int, nodes: list) -> dict:
        distance = self.distance[i]
        row = {
            "score": float(self.score[i]),
            "kind": KINDS[self.kind[i]],
            "source": nodes[self.u[i]],
            "target": nodes[self.v[i]],
            "distance": None if math.isnan(distance) else int(distance),
            "common_contacts": None if math.isnan(self.common_contacts[i]) else int(self.common_contacts[i]),
            "adamic_adar": float(self.adamic_adar[i]),
            "resource_allocation": float(self.resource_allocation[i]),
            "jaccard": float(self.jaccard[i]),
        }
        row.update(self.extra.get(i, {}))
        return row


def _structural(G: nx.Graph, vectors: _Vectors, *, max_hub_degree: int) -> _Candidates:
    """Pairs two steps apart, with Adamic-Adar, resource allocation and Jaccard.

    The three indices are sums over the pair's shared contacts z of 1/log
    k(z), 1/k(z) and 1: the entries of A W A for the adjacency matrix A and
    a diagonal W of those weights, so one sparse product per index gives
    them for every pair two steps apart at once (the tests compare the
    values with networkx's functions). Only contacts with at most
    ``max_hub_degree`` contacts propose pairs; hubs still count for the
    pairs proposed by another shared contact.
    """
    adjacency, degree = vectors.adjacency, vectors.degree
    n = len(vectors.nodes)
    if n < 3:
        return _Candidates.of("structural", [], [], [], [])
    hub = degree > max_hub_degree
    with np.errstate(divide="ignore"):
        # A contact of degree 1 proposes no pair; its weights never count.
        aa_weight = np.where(degree > 1, 1 / np.log(np.maximum(degree, 2)), 0.0)
        ra_weight = np.where(degree > 0, 1 / np.maximum(degree, 1), 0.0)
    small = (~hub).astype(np.float64)
    totals = [adjacency @ sparse.diags_array(w * small) @ adjacency for w in (aa_weight, ra_weight, np.ones(n))]
    shared_small = sparse.triu(totals[2], k=1).tocoo()
    u, v = shared_small.row.astype(np.int64), shared_small.col.astype(np.int64)
    # Not already tied.
    tied = np.asarray(adjacency[u, v]).ravel() > 0 if len(u) else np.zeros(0, dtype=bool)
    u, v = u[~tied], v[~tied]
    if not len(u):
        return _Candidates.of("structural", [], [], [], [])
    aa = np.asarray(totals[0][u, v]).ravel()
    ra = np.asarray(totals[1][u, v]).ravel()
    shared = np.asarray(totals[2][u, v]).ravel()
    if hub.any():
        hubs = adjacency[:, np.flatnonzero(hub)]
        hub_shared = hubs[u].multiply(hubs[v]).tocsr()
        aa = aa + hub_shared @ aa_weight[hub]
        ra = ra + hub_shared @ ra_weight[hub]
        shared = shared + np.asarray(hub_shared.sum(axis=1)).ravel()
    u, v = _by_name(vectors, u, v)
    # u and v are not adjacent, so the union of their contacts is the sum minus the overlap.
    union = vectors.contacts[u] + vectors.contacts[v] - shared
    jaccard = np.where(union > 0, shared / np.maximum(union, 1), 0.0)
    evidence = (jaccard + 1 - np.exp(-aa)) / 2
    score = evidence * (0.5 + 0.5 * _fit_values(vectors, u, v))
    return _Candidates.of("structural", u, v, score, 2, common_contacts=shared, adamic_adar=aa, resource_allocation=ra, jaccard=jaccard)


@functools.lru_cache(maxsize=256)
def _pairs_within(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions in a group of ``size``, each once (groups are at most bucket_cap)."""
    return np.triu_indices(size, k=1)


def _thematic(G: nx.Graph, profiles, vectors: _Vectors, *, bucket_cap: int, seed: int) -> _Candidates:
    position = {node: i for i, node in enumerate(vectors.nodes)}
    firsts, seconds = [], []
    for members in _buckets(G, profiles, cap=bucket_cap, seed=seed):
        indices = np.fromiter((position[m] for m in members), dtype=np.int64, count=len(members))
        i, j = _pairs_within(len(members))
        firsts.append(indices[i])
        seconds.append(indices[j])
    if not firsts:
        return _Candidates.of("thematic", [], [], [], [])
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    n = len(vectors.nodes)
    # One row per pair, whichever groups it was found in.
    keys = np.sort(np.minimum(a, b) * n + np.maximum(a, b))
    # Sort and compare neighbours: np.unique's hash path is several times slower here.
    keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    u, v = keys // n, keys % n
    # Three or more steps apart: not neighbours and no shared contact, that is
    # no stakeholder in both closed neighbourhoods (themselves included).
    far = _row_overlaps(vectors.closed_neighbourhoods, u, v) == 0
    u, v = u[far], v[far]
    fit = _fit_values(vectors, u, v)
    u, v, fit = u[fit > 0], v[fit > 0], fit[fit > 0]
    apart = vectors.component[u] != vectors.component[v]
    gap = np.where(apart, 1.0, _CONNECTED_GAP)
    preference = np.where(vectors.preferred[u] | vectors.preferred[v], 1.0, _OTHER_TYPES_PREFERENCE)
    u, v = _by_name(vectors, u, v)
    # distance -1: three or more steps, measured only if the pair is shown.
    return _Candidates.of("thematic", u, v, fit * (0.5 + 0.5 * gap) * preference, np.where(apart, np.nan, -1.0))


def _access(G: nx.Graph, profiles, vectors: _Vectors, *, bucket_cap: int) -> _Candidates:
    servants = civil_servants(G)
    if not servants:
        return _Candidates.from_rows("access", [])
    position = {node: i for i, node in enumerate(vectors.nodes)}
    initiative_contacts = Counter(
        person for person in servants for n in G.adj[person] if profiles[n].kind == "initiative"
    )
    department_themes: dict[str, set] = {}
    for person in servants:
        if profiles[person].department:
            department_themes.setdefault(profiles[person].department, set()).update(profiles[person].theme_keys)
    index: dict[tuple, list] = {}
    for person in servants:
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
    nearest = _nearest_source(G, servants)
    groups = {key: np.fromiter((position[p] for p in people), dtype=np.int64, count=len(people)) for key, people in index.items()}
    doorless = [
        node for node in G
        if profiles[node].kind == "initiative" and not any(profiles[n].kind == "civil_servant" for n in G.adj[node])
    ]
    # Every (initiative, civil servant) pair worth weighing, as two index arrays.
    initiatives, people = [], []
    for initiative in doorless:
        profile = profiles[initiative]
        keys = [("area", profile.area_key)]
        for key in profile.theme_keys:
            keys += [("theme", key), ("theme-area", key, profile.area_key), ("department", key)]
        found_here = [groups[key] for key in keys if key in groups]
        if found_here:
            candidates = np.concatenate(found_here)
            people.append(candidates)
            initiatives.append(np.full(len(candidates), position[initiative], dtype=np.int64))
    best: dict[int, tuple[float, float, int]] = {}
    if people:
        n = len(vectors.nodes)
        # A civil servant found through several groups is weighed once.
        keys = np.sort(np.concatenate(initiatives) * n + np.concatenate(people))
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        initiative_index, person_index = keys // n, keys % n
        overlap, same_area = _theme_overlaps(vectors, initiative_index, person_index)
        department = _department_overlaps(vectors, profiles, department_themes, initiative_index, person_index)
        value = 0.6 * overlap + 0.25 * same_area + 0.15 * department
        closest = np.array([position.get(nearest.get(vectors.nodes[i]), -1) for i in range(len(vectors.nodes))], dtype=np.int64)
        contacts_of = np.zeros(len(vectors.nodes), dtype=np.int64)
        for person, count in initiative_contacts.items():
            contacts_of[position[person]] = count
        # Best fit first, then the nearest civil servant, the busiest door, the name.
        order = np.lexsort(
            (
                vectors.name_rank[person_index],
                -contacts_of[person_index],
                person_index != closest[initiative_index],
                -value,
                initiative_index,
            )
        )
        first = np.ones(len(order), dtype=bool)
        first[1:] = initiative_index[order][1:] != initiative_index[order][:-1]
        for i in order[first].tolist():
            best[int(initiative_index[i])] = (float(value[i]), float(department[i]), int(person_index[i]))
    found = []
    for initiative in doorless:
        profile = profiles[initiative]
        closest_person = nearest.get(initiative)
        department_covers: tuple = ()
        if position[initiative] in best:
            value, department, chosen = best[position[initiative]]
            person, basis = vectors.nodes[chosen], "fit"
            covered = department_themes.get(profiles[person].department, frozenset())
            department_covers = tuple(t for k, t in profile.themes.items() if k in covered)
        else:
            value, department = 0.0, 0.0
            if closest_person is not None:
                person, basis = closest_person, "nearest"
            else:
                person = min(servants, key=lambda p: (-initiative_contacts[p], profiles[p].sort_key))
                basis = "busiest" if initiative_contacts[person] else "any"
        details = {
            "basis": basis, "department_overlap": department, "department_covers": department_covers,
            "initiative_contacts": initiative_contacts[person],
        }
        distance = -1 if closest_person is not None else None
        found.append((0.5 + 0.5 * value, position[initiative], position[person], distance, details))
    return _Candidates.from_rows("access", found)


def _department_overlaps(vectors: _Vectors, profiles, department_themes: dict[str, set], initiatives: np.ndarray, people: np.ndarray) -> np.ndarray:
    """The share of each initiative's themes that the civil servant's department works on."""
    codes = {department: i for i, department in enumerate(department_themes)}
    theme_codes = vectors.theme_codes
    rows = [codes[d] for d, keys in department_themes.items() for _ in keys]
    cols = [theme_codes[k] for keys in department_themes.values() for k in keys]
    covers = sparse.csr_array(
        (np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))),
        shape=(len(codes) + 1, vectors.themes.shape[1]),
    )
    # The extra last row: civil servants without a department cover nothing.
    department_of = np.array([codes.get(profiles[node].department, len(codes)) for node in vectors.nodes], dtype=np.int64)
    shared = np.asarray(vectors.themes[initiatives].multiply(covers[department_of[people]]).sum(axis=1)).ravel()
    count = vectors.theme_count[initiatives]
    return np.where(count > 0, shared / np.maximum(count, 1), 0.0)


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
        text = MESSAGES.text(key, lang, introducer=row["introducer_name"], count=number_word(row["common_contacts"], lang))
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
        return text + MESSAGES.text("apart", lang, steps=steps_text(row["distance"], lang))
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
        return text + MESSAGES.text("access_busiest", lang, person=person, count=number_word(row["initiative_contacts"], lang))
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


_SCORE_STEPS = 1_000_000
_LEVEL_BITS = ((_SCORE_STEPS + 1) * len(KINDS)).bit_length()


def _argsort_by(major: np.ndarray, minor: np.ndarray, *, bits: int) -> np.ndarray:
    """Stable order by ``major`` then ``minor`` (both non-negative, ``minor`` < 2**bits)."""
    if int(major.max(initial=0)).bit_length() + bits <= 62:
        return np.argsort((major << bits) | minor, kind="stable")
    return np.lexsort((minor, major))


def _name_ranks(profiles: dict[Hashable, _Profile], nodes: list) -> np.ndarray:
    rank = np.empty(len(nodes), dtype=np.int64)
    rank[sorted(range(len(nodes)), key=lambda i: profiles[nodes[i]].sort_key)] = np.arange(len(nodes))
    return rank


def _select(
    nodes: list, name_rank: np.ndarray, candidates: _Candidates, *, limit: int | None, max_per_stakeholder: int | None
) -> list[dict]:
    """The best ``limit`` suggestions as dicts: one per pair (its best), spread over stakeholders.

    Order: score, then kind (:data:`KINDS`), then the two names, never ids.
    ``candidates`` index ``nodes``; ``name_rank`` is their order by name.
    """
    if not len(candidates):
        return []
    n = len(nodes)
    pair = np.minimum(candidates.u, candidates.v) * n + np.maximum(candidates.u, candidates.v)
    # Scores carry six decimals, so score and kind fit in 22 bits of one
    # integer: "lower is better" for both sorts below, and sorting one int64
    # key is several times faster than np.lexsort over separate columns.
    steps = np.clip(np.rint(candidates.score * _SCORE_STEPS), 0, _SCORE_STEPS).astype(np.int64)
    level = (_SCORE_STEPS - steps) * len(KINDS) + candidates.kind
    # A pair found by several sources keeps its best: highest score, then kind.
    order = _argsort_by(pair, level, bits=_LEVEL_BITS)
    first = np.ones(len(order), dtype=bool)
    first[1:] = pair[order][1:] != pair[order][:-1]
    best = order[first]
    # Then score, kind and the two names, never ids.
    names = name_rank[candidates.u[best]] * n + name_rank[candidates.v[best]]
    ranking = best[_argsort_by(level[best], names, bits=2 * max(n - 1, 1).bit_length())]
    wanted = len(ranking) if limit is None else max(int(limit), 0)
    named: Counter = Counter()
    kept: list[dict] = []
    access = KINDS.index("access")
    for i in ranking.tolist():
        if len(kept) >= wanted:
            break
        u, v = int(candidates.u[i]), int(candidates.v[i])
        # Access suggestions always stay: each is the only door offered to its initiative.
        if max_per_stakeholder is not None and candidates.kind[i] != access:
            if named[u] >= max_per_stakeholder or named[v] >= max_per_stakeholder:
                continue
        named[u] += 1
        named[v] += 1
        kept.append(candidates.row(i, nodes))
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
    profiles = _profiles(G)
    vectors = _vectors(G, profiles)
    parts: list[_Candidates] = []
    if "structural" in wanted:
        parts.append(_structural(G, vectors, max_hub_degree=max_hub_degree))
    if "thematic" in wanted:
        parts.append(_thematic(G, profiles, vectors, bucket_cap=bucket_cap, seed=seed))
    if "access" in wanted:
        parts.append(_access(G, profiles, vectors, bucket_cap=bucket_cap))
    ranked = _select(vectors.nodes, vectors.name_rank, _Candidates.concat(parts), limit=limit, max_per_stakeholder=max_per_stakeholder)
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
    position = {contact: i for i, contact in enumerate(contacts)}
    rows: dict[tuple, tuple] = {}
    for members in _buckets(contacts, profiles, cap=bucket_cap, seed=seed):
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = _ordered(profiles, a, b)
                if pair in rows or pair[1] in G.adj[pair[0]]:
                    continue
                preference = 1.0 if {profiles[a].kind, profiles[b].kind} & _PREFERRED_TYPES else _OTHER_TYPES_PREFERENCE
                score = _fit_value(profiles[pair[0]], profiles[pair[1]]) * preference
                rows[pair] = (score, position[pair[0]], position[pair[1]], 2, {"introducer": node})
    candidates = _Candidates.from_rows("structural", list(rows.values()))
    ranked = _select(contacts, _name_ranks(profiles, contacts), candidates, limit=limit, max_per_stakeholder=None)
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
            text += MESSAGES.text("missing_apart", lang, steps=steps_text(distance, lang))
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
