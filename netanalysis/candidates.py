"""Candidate pairs for :mod:`netanalysis.suggest`: who could meet, and how well they fit.

Three sources of candidates, scored on one 0-1 score:

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
from scipy import sparse
from scipy.sparse import csgraph

from . import graphs
from .attributes import civil_servants, name_key, node_name, node_text, node_themes, node_type, theme_key

__all__ = [
    "KINDS",
    "PREFERRED_TYPES",
    "OTHER_TYPES_PREFERENCE",
    "Profile",
    "Fit",
    "Vectors",
    "Candidates",
    "profiles",
    "fit",
    "fit_value",
    "theme_overlap",
    "same_area",
    "ordered",
    "buckets",
    "vectors",
    "theme_overlaps",
    "fit_values",
    "name_ranks",
    "structural",
    "thematic",
    "access",
]

#: Kinds of suggestion, in the order they win a tie in score.
KINDS: tuple[str, ...] = ("access", "thematic", "structural")

#: Types whose thematic pairs score in full; others get OTHER_TYPES_PREFERENCE.
PREFERRED_TYPES = frozenset({"initiative", "organisation"})
OTHER_TYPES_PREFERENCE = 0.75
_CONNECTED_GAP = 0.6
_THEMES_FOR_FULL_DEPTH = 3


# -- what two stakeholders have in common ------------------------------------


@dataclass
class Profile:
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
class Fit:
    value: float
    theme_overlap: float
    shared_themes: list[str] = field(default_factory=list)
    area: str | None = None


def profiles(G: nx.Graph) -> dict[Hashable, Profile]:
    profiles = {}
    for node in G:
        themes: dict[str, str] = {}
        for theme in node_themes(G, node):
            themes.setdefault(theme_key(theme), theme)
        area = node_text(G, node, "area")
        profiles[node] = Profile(
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


def theme_overlap(a: Profile, b: Profile) -> float:
    smaller = min(len(a.theme_keys), len(b.theme_keys))
    if not smaller:
        return 0.0
    shared = len(a.theme_keys & b.theme_keys)
    # Half for how much of the narrower agenda is shared, half for how many
    # themes are shared: two people sharing their only theme resemble each
    # other less than two sharing three.
    return (shared / smaller + min(shared, _THEMES_FOR_FULL_DEPTH) / _THEMES_FOR_FULL_DEPTH) / 2


def same_area(a: Profile, b: Profile) -> bool:
    return a.area_key is not None and a.area_key == b.area_key


def fit_value(a: Profile, b: Profile) -> float:
    """The fit of the module docstring; :func:`fit` adds what a reason needs."""
    return 0.7 * theme_overlap(a, b) + 0.3 * same_area(a, b)


def fit(a: Profile, b: Profile) -> Fit:
    overlap = theme_overlap(a, b)
    alike = same_area(a, b)
    shared = [spelling for key, spelling in a.themes.items() if key in b.theme_keys]
    return Fit(0.7 * overlap + 0.3 * alike, overlap, shared, a.area if alike else None)


def ordered(profiles: dict[Hashable, Profile], u: Hashable, v: Hashable) -> tuple[Hashable, Hashable]:
    # By name, so a pair is written the same way whatever the ids are.
    return (u, v) if profiles[u].sort_key <= profiles[v].sort_key else (v, u)


def buckets(
    nodes: Iterable[Hashable], profiles: dict[Hashable, Profile], *, cap: int, seed: int, themes: bool = True, areas: bool = True
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
            preferred = [n for n in members if profiles[n].kind in PREFERRED_TYPES]
            others = [n for n in members if profiles[n].kind not in PREFERRED_TYPES]
            if len(preferred) >= cap:
                members = rng.sample(preferred, cap)
            else:
                members = preferred + rng.sample(others, cap - len(preferred))
        groups.append(members)
    return groups


# -- the three sources -------------------------------------------------------


@dataclass
class Vectors:
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


def vectors(G: nx.Graph, profiles: dict[Hashable, Profile]) -> Vectors:
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
        preferred[i] = profile.kind in PREFERRED_TYPES
    themes = sparse.csr_array((np.ones(len(rows)), (np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64))), shape=(n, max(len(theme_codes), 1)))
    _, component = csgraph.connected_components(adjacency, directed=False)
    adj = G._adj
    return Vectors(
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
        name_rank=name_ranks(profiles, nodes),
        component=component,
    )


def _row_overlaps(matrix: sparse.csr_array, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """For each pair (u[i], v[i]), the number of columns where both rows are non-zero."""
    if not len(u):
        return np.zeros(0)
    return np.asarray(matrix[u].multiply(matrix[v]).sum(axis=1)).ravel()


def theme_overlaps(vectors: Vectors, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`theme_overlap` and :func:`same_area` for many pairs at once (same arithmetic)."""
    shared = _row_overlaps(vectors.themes, u, v)
    smaller = np.minimum(vectors.theme_count[u], vectors.theme_count[v])
    with np.errstate(divide="ignore", invalid="ignore"):
        overlap = np.where(smaller > 0, (shared / smaller + np.minimum(shared, _THEMES_FOR_FULL_DEPTH) / _THEMES_FOR_FULL_DEPTH) / 2, 0.0)
    same_area = (vectors.area[u] >= 0) & (vectors.area[u] == vectors.area[v])
    return overlap, same_area


def fit_values(vectors: Vectors, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """:func:`fit_value` for many pairs at once."""
    overlap, same_area = theme_overlaps(vectors, u, v)
    return 0.7 * overlap + 0.3 * same_area


def _by_name(vectors: Vectors, u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # By name, so a pair is written the same way whatever the ids are.
    first = vectors.name_rank[u] <= vectors.name_rank[v]
    return np.where(first, u, v), np.where(first, v, u)


@dataclass
class Candidates:
    """Suggestions before selection, one array per field, row = candidate.

    Hundreds of thousands of pairs may be scored for fifty rows shown:
    arrays instead of one object per pair keep that a matter of vector
    arithmetic. ``u`` and ``v`` index :attr:`Vectors.nodes`; ``extra``
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
    ) -> "Candidates":
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
    def from_rows(cls, kind: str, rows: list[tuple[float, int, int, float | None, dict]]) -> "Candidates":
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
    def concat(cls, parts: list["Candidates"]) -> "Candidates":
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


def structural(G: nx.Graph, vectors: Vectors, *, max_hub_degree: int) -> Candidates:
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
        return Candidates.of("structural", [], [], [], [])
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
        return Candidates.of("structural", [], [], [], [])
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
    score = evidence * (0.5 + 0.5 * fit_values(vectors, u, v))
    return Candidates.of("structural", u, v, score, 2, common_contacts=shared, adamic_adar=aa, resource_allocation=ra, jaccard=jaccard)


@functools.lru_cache(maxsize=256)
def _pairs_within(size: int) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of positions in a group of ``size``, each once (groups are at most bucket_cap)."""
    return np.triu_indices(size, k=1)


def thematic(G: nx.Graph, profiles, vectors: Vectors, *, bucket_cap: int, seed: int) -> Candidates:
    position = {node: i for i, node in enumerate(vectors.nodes)}
    firsts, seconds = [], []
    for members in buckets(G, profiles, cap=bucket_cap, seed=seed):
        indices = np.fromiter((position[m] for m in members), dtype=np.int64, count=len(members))
        i, j = _pairs_within(len(members))
        firsts.append(indices[i])
        seconds.append(indices[j])
    if not firsts:
        return Candidates.of("thematic", [], [], [], [])
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
    fit = fit_values(vectors, u, v)
    u, v, fit = u[fit > 0], v[fit > 0], fit[fit > 0]
    apart = vectors.component[u] != vectors.component[v]
    gap = np.where(apart, 1.0, _CONNECTED_GAP)
    preference = np.where(vectors.preferred[u] | vectors.preferred[v], 1.0, OTHER_TYPES_PREFERENCE)
    u, v = _by_name(vectors, u, v)
    # distance -1: three or more steps, measured only if the pair is shown.
    return Candidates.of("thematic", u, v, fit * (0.5 + 0.5 * gap) * preference, np.where(apart, np.nan, -1.0))


def access(G: nx.Graph, profiles, vectors: Vectors, *, bucket_cap: int) -> Candidates:
    servants = civil_servants(G)
    if not servants:
        return Candidates.from_rows("access", [])
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
        overlap, same_area = theme_overlaps(vectors, initiative_index, person_index)
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
    return Candidates.from_rows("access", found)


def _department_overlaps(vectors: Vectors, profiles, department_themes: dict[str, set], initiatives: np.ndarray, people: np.ndarray) -> np.ndarray:
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


def name_ranks(profiles: dict[Hashable, Profile], nodes: list) -> np.ndarray:
    rank = np.empty(len(nodes), dtype=np.int64)
    rank[sorted(range(len(nodes)), key=lambda i: profiles[nodes[i]].sort_key)] = np.arange(len(nodes))
    return rank

