"""The seeded generator behind the demo municipality (see :mod:`netanalysis.demo`).

:class:`DemoGenerator` places the cast of :mod:`netanalysis.demo_cast` in
their departments and wijken, draws people's names and ties from one seeded
random stream, plants the known structure (verbinders, silos, isolated
initiatives, single contacts, pairs who should meet) and records it as the
ground truth.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .demo_cast import (
    AREAS,
    BUSINESSES,
    CIVIL_SERVANT_ROLES,
    DEPARTMENTS,
    ECONOMY_SILO_LABEL,
    FIRST_NAMES,
    HAVEN_SILO_LABEL,
    INITIATIVES,
    ISOLATED,
    MANAGEMENT_DEPARTMENTS,
    ORGANISATIONS,
    RELATION_NOTES,
    RELATION_TYPES_BY_PAIR,
    RESIDENTS_PER_AREA,
    RESIDENT_ROLES,
    SHOULD_MEET,
    SILO_BRIDGE,
    SINGLE_CONTACT,
    STAKEHOLDER_NOTES,
    SURNAMES,
    THEMES,
    VERBINDERS,
    WIJKTEAM_AREAS,
    score_ranges,
)

__all__ = ["DemoPerson", "DemoGenerator"]


@dataclass
class DemoPerson:
    """A stakeholder under construction (the table row plus bookkeeping)."""

    id: str
    name: str
    type: str
    organisation: str | None = None
    themes: list[str] = field(default_factory=list)
    area: str | None = None
    role: str | None = None
    influence: int | None = None
    interest: int | None = None
    notes: str | None = None
    #: Nodes in an enclosure only get ties inside it (plus forced ones): that
    #: is how the isolated components and single-contact clusters stay closed.
    enclosure: str | None = None
    silo: str | None = None


class DemoGenerator:
    """Builds the demo in a fixed order of seeded draws.

    Every draw comes from one ``random.Random(seed)``, and every collection
    that is drawn from is a list or tuple in a fixed order, so the output
    only depends on the seed.
    """

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.people: dict[str, DemoPerson] = {}
        self.neighbours: dict[str, set[str]] = defaultdict(set)
        self.relations: list[dict[str, Any]] = []
        self.by_name: dict[str, str] = {}
        self.used_names: set[str] = set()
        self.should_meet: list[tuple[str, str]] = []
        self.departments: dict[str, list[str]] = {}
        self.heads: dict[str, str] = {}
        self.verbinders: list[str] = []
        self.single_contact: list[dict[str, str]] = []
        self.isolated: list[str] = []
        self.silos: dict[str, list[str]] = {}

    # -- people ---------------------------------------------------------------

    def _person_name(self) -> str:
        while True:
            name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _add(self, person: DemoPerson) -> str:
        self.people[person.id] = person
        self.by_name.setdefault(person.name, person.id)
        self.used_names.add(person.name)
        return person.id

    def add_civil_servants(self) -> None:
        number = 0
        home_department = {}
        for name, department, role, themes, _, _ in VERBINDERS:
            number += 1
            # A verbinder's weight is informal: little formal power, much involvement.
            pid = self._add(DemoPerson(f"A{number:02d}", name, "civil_servant", department, list(themes), None,
                                    role, influence=3, interest=5))
            self.verbinders.append(pid)
            home_department[pid] = department
        for department, themes, size in DEPARTMENTS:
            members = [v for v in self.verbinders if home_department[v] == department]
            roles = CIVIL_SERVANT_ROLES[department]
            for index in range(size):
                number += 1
                is_head = index == 0
                if is_head:
                    role = "Teamleider" if department.startswith("Wijkteam") else "Afdelingshoofd"
                else:
                    role = roles[(index - 1) % len(roles)]
                own_themes = list(themes) if is_head else self.rng.sample(list(themes), k=min(2, len(themes)))
                pid = self._add(DemoPerson(
                    f"A{number:02d}", self._person_name(), "civil_servant", department,
                    sorted(own_themes, key=THEMES.index), WIJKTEAM_AREAS.get(department), role,
                    influence=self.rng.randint(4, 5) if is_head else self.rng.randint(2, 4),
                    interest=self.rng.randint(2, 5),
                ))
                if is_head:
                    self.heads[department] = pid
                members.append(pid)
            self.departments[department] = members

    def add_residents(self) -> None:
        number = 0
        for area, count in RESIDENTS_PER_AREA.items():
            for _ in range(count):
                number += 1
                themes = [self.rng.choice(THEMES)] if self.rng.random() < 0.45 else []
                role = self.rng.choice(RESIDENT_ROLES) if self.rng.random() < 0.3 else None
                # A few residents are well known in the wijk and scored for the grid.
                scored = self.rng.random() < 0.12
                notes = self.rng.choice(STAKEHOLDER_NOTES["resident"]) if self.rng.random() < 0.08 else None
                self._add(DemoPerson(
                    f"B{number:03d}", self._person_name(), "resident", None, themes, area, role,
                    influence=self.rng.randint(1, 3) if scored else None,
                    interest=self.rng.randint(3, 5) if scored else None, notes=notes,
                ))

    def add_catalogue(self) -> None:
        for prefix, kind, catalogue, scored_share in (
            ("O", "organisation", ORGANISATIONS, 0.92),
            ("C", "business", BUSINESSES, 0.85),
            ("I", "initiative", INITIATIVES, 0.5),
        ):
            for number, (name, area, themes, role) in enumerate(catalogue, start=1):
                scored = self.rng.random() < scored_share
                notes = self.rng.choice(STAKEHOLDER_NOTES[kind]) if self.rng.random() < 0.2 else None
                (low_influence, high_influence), (low_interest, high_interest) = score_ranges(kind, area)
                self._add(DemoPerson(
                    f"{prefix}{number:02d}", name, kind, None, list(themes), area, role,
                    influence=self.rng.randint(low_influence, high_influence) if scored else None,
                    interest=self.rng.randint(low_interest, high_interest) if scored else None, notes=notes,
                ))

    # -- queries ---------------------------------------------------------------

    def ids(self, kind: str | None = None, area: str | None = None, *, free_only: bool = True) -> list[str]:
        """Ids in table order, optionally of one type and wijk; by default
        without the members of an enclosure."""
        return [
            p.id for p in self.people.values()
            if (kind is None or p.type == kind) and (area is None or p.area == area)
            and not (free_only and p.enclosure)
        ]

    def city_wide(self) -> list[str]:
        """Organisations without a wijk, in table order."""
        return [o for o in self.ids("organisation") if self.people[o].area is None]

    # -- ties -------------------------------------------------------------------

    def can_link(self, u: str, v: str) -> bool:
        """Whether a new tie ``u``-``v`` keeps the planted structure intact."""
        if u == v or v in self.neighbours[u]:
            return False
        pu, pv = self.people[u], self.people[v]
        if pu.enclosure != pv.enclosure:
            return False
        if pu.silo and pv.silo and pu.silo != pv.silo:
            return False
        # Keep every should-meet pair at least three steps apart: no tie
        # between them and no common neighbour.
        for a, b in self.should_meet:
            if {u, v} == {a, b}:
                return False
            for x, y in ((u, v), (v, u)):
                if x == a and y in self.neighbours[b]:
                    return False
                if x == b and y in self.neighbours[a]:
                    return False
        return True

    def link(self, u: str, v: str, *, force: bool = False, strength: int | None = None,
             kind: str | None = None, since_from: int = 2008) -> bool:
        """Add a relation between ``u`` and ``v`` unless the plan forbids it."""
        if not force and not self.can_link(u, v):
            return False
        if u == v or v in self.neighbours[u]:
            return False
        pair_types = RELATION_TYPES_BY_PAIR[frozenset({self.people[u].type, self.people[v].type})]
        kind = kind or self.rng.choice(pair_types)
        strength = strength or self.rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 4, 3, 1))[0]
        self._record(u, v, kind, strength, since_from)
        # Funding usually comes with working together: a second relation of
        # another type between the same pair, as real registers have.
        if kind == "funding" and self.rng.random() < 0.3:
            self._record(u, v, "collaboration", strength, since_from)
        self.neighbours[u].add(v)
        self.neighbours[v].add(u)
        return True

    def _record(self, u: str, v: str, kind: str, strength: int, since_from: int) -> None:
        since = None
        if self.rng.random() < 0.85:
            start = dt.date(since_from, 1, 1).toordinal()
            since = dt.date.fromordinal(self.rng.randint(start, dt.date(2025, 12, 31).toordinal())).isoformat()
        notes = self.rng.choice(RELATION_NOTES) if self.rng.random() < 0.1 else None
        self.relations.append(
            {"source": u, "target": v, "type": kind, "strength": strength, "since": since, "notes": notes}
        )

    def link_some(self, u: str, candidates: Sequence[str], count: int, **options) -> int:
        """Link ``u`` to up to ``count`` of ``candidates``, drawn at random."""
        pool = [c for c in candidates if c != u]
        self.rng.shuffle(pool)
        made = 0
        for candidate in pool:
            if made >= count:
                break
            made += self.link(u, candidate, **options)
        return made

    def link_pairs(self, members: Sequence[str], probability: float, **options) -> None:
        """Link each pair of ``members`` with the given probability."""
        for i, u in enumerate(members):
            for v in members[i + 1:]:
                if self.rng.random() < probability:
                    self.link(u, v, **options)

    # -- planting ---------------------------------------------------------------

    def plan(self) -> None:
        """Mark the planted structure before any tie is drawn."""
        self.should_meet = [(self.by_name[a], self.by_name[b]) for a, b in SHOULD_MEET]
        for name, residents, businesses in ISOLATED:
            initiative = self.by_name[name]
            self.isolated.append(initiative)
            self.people[initiative].enclosure = f"isolated:{initiative}"
            area = self.people[initiative].area
            for rid in self.ids("resident", area)[-residents:] if residents else []:
                self.people[rid].enclosure = f"isolated:{initiative}"
            for business in businesses:
                self.people[self.by_name[business]].enclosure = f"isolated:{initiative}"
        for name, residents, department, role in SINGLE_CONTACT:
            initiative = self.by_name[name]
            area = self.people[initiative].area
            self.people[initiative].enclosure = f"single:{initiative}"
            for rid in self.ids("resident", area)[-residents:]:
                self.people[rid].enclosure = f"single:{initiative}"
            contact = next(a for a in self.departments[department] if self.people[a].role == role)
            self.single_contact.append({"initiative": initiative, "civil_servant": contact})
        economy = list(self.departments["Afdeling Economie"])
        economy += self.ids("business", "Haven") + [self.by_name["Ondernemersvereniging Havenkwartier"]]
        haven = [
            p for p in self.ids(area="Haven")
            if self.people[p].type in ("resident", "organisation", "initiative") and p not in economy
        ]
        for label, members in ((ECONOMY_SILO_LABEL, economy), (HAVEN_SILO_LABEL, haven)):
            self.silos[label] = members
            for member in members:
                self.people[member].silo = label

    def tie_government(self) -> None:
        heads = [self.heads[d] for d in MANAGEMENT_DEPARTMENTS]
        # The management team meets weekly: every head knows every other head.
        self.link_pairs(heads, 1.0, kind="formal", strength=4, since_from=2015)
        for department, members in self.departments.items():
            head = self.heads[department]
            for member in members:
                self.link(head, member, kind="formal", since_from=2012)
            self.link_pairs(members, 0.55, since_from=2012)
        for wijkteam in WIJKTEAM_AREAS:
            self.link_some(self.heads[wijkteam], self.departments["Afdeling Sociaal Domein"][1:], 2)

    def tie_verbinders(self) -> None:
        for verbinder, (_, _, _, themes, departments, areas) in zip(self.verbinders, VERBINDERS):
            for department in departments:
                self.link_some(verbinder, self.departments[department], 2, since_from=2016)
            for area in areas:
                self.link_some(verbinder, self.ids("initiative", area), 2, strength=4)
                self.link_some(verbinder, self.ids("organisation", area), 2)
                self.link_some(verbinder, self.ids("resident", area), 2)
            self.link_some(verbinder, self.city_wide(), 2)
        for a, b in zip(self.verbinders, self.verbinders[1:]):
            self.link(a, b, kind="informal", strength=5)

    def tie_civil_servants_to_society(self) -> None:
        partners = [p for p in self.ids() if self.people[p].type in ("organisation", "business", "initiative")]
        for department, themes, _ in DEPARTMENTS:
            if department in WIJKTEAM_AREAS or department == "Afdeling Economie":
                continue
            fitting = [p for p in partners if set(self.people[p].themes) & set(themes)
                       and not self.people[p].silo]
            for member in self.departments[department]:
                if member in self.verbinders:
                    continue
                count = 1 if member == self.heads[department] else self.rng.randint(1, 3)
                self.link_some(member, fitting, count)
        for wijkteam, area in WIJKTEAM_AREAS.items():
            local = self.ids("resident", area) + self.ids("organisation", area) + self.ids("initiative", area)
            for member in self.departments[wijkteam]:
                self.link_some(member, local, self.rng.randint(3, 5))
        # Every city-wide organisation has an account holder at the municipality.
        civil = [a for a in self.ids("civil_servant") if a not in self.verbinders
                 and not self.people[a].silo]
        for org in self.city_wide():
            if not any(self.people[n].type == "civil_servant"
                                                         for n in self.neighbours[org]):
                fitting = [a for a in civil if set(self.people[a].themes) & set(self.people[org].themes)]
                self.link_some(org, fitting or civil, 1, kind="formal")

    def tie_areas(self) -> None:
        for area in AREAS:
            residents = self.ids("resident", area)
            organisations = self.ids("organisation", area)
            businesses = self.ids("business", area)
            initiatives = self.ids("initiative", area)
            self.link_pairs(organisations, 0.5)
            for initiative in initiatives:
                self.link_some(initiative, residents, self.rng.randint(3, 5))
                self.link_some(initiative, organisations, self.rng.randint(1, 2))
            for business in businesses:
                self.link_some(business, organisations + initiatives, self.rng.randint(1, 2))
            self.link_pairs(businesses, 0.2)
            for resident in residents:
                roll = self.rng.random()
                if roll < 0.55:
                    self.link_some(resident, organisations, 1)
                if roll > 0.3:
                    self.link_some(resident, residents, self.rng.randint(1, 2))
            for resident in residents:
                if not self.neighbours[resident]:
                    self.link_some(resident, organisations + initiatives, 1)
        # City-wide organisations work in a few wijken each.
        for org in self.city_wide():
            for area in self.rng.sample(AREAS[:5], k=2):
                self.link_some(org, self.ids("organisation", area) + self.ids("initiative", area), 1)
        self.link_pairs(self.city_wide(), 0.12)
        # Friends across wijken: rare, as in most towns.
        residents = self.ids("resident")
        for _ in range(8):
            self.link(self.rng.choice(residents), self.rng.choice(residents), kind="informal")

    def tie_silos(self) -> None:
        economy = self.silos[ECONOMY_SILO_LABEL]
        self.link_pairs(economy, 0.35)
        haven = self.silos[HAVEN_SILO_LABEL]
        self.link_pairs(haven, 0.22)
        welfare = self.by_name["Welzijn Voorbeeldstad"]
        self.link(welfare, self.by_name["Wijkcentrum Het Anker"], kind="collaboration", strength=4)
        a, b = (self.by_name[n] for n in SILO_BRIDGE)
        self.link(a, b, force=True, kind="funding", strength=2)

    def tie_enclosures(self) -> None:
        for name, residents, businesses in ISOLATED:
            initiative = self.by_name[name]
            members = [p for p in self.people if self.people[p].enclosure == f"isolated:{initiative}"]
            for member in members:
                if member != initiative:
                    self.link(initiative, member, force=True)
            self.link_pairs([m for m in members if m != initiative], 0.4)
        for item in self.single_contact:
            initiative, contact = item["initiative"], item["civil_servant"]
            members = [p for p in self.people if self.people[p].enclosure == f"single:{initiative}"]
            for member in members:
                if member != initiative:
                    self.link(initiative, member, force=True)
            self.link(initiative, contact, force=True, kind="funding", strength=3)

    def repair_themes(self) -> None:
        """Remove accidental should-meet pairs.

        The should-meet pairs must stand out, so no other pair in the same
        wijk may share two themes while being three or more steps apart.
        Where one appears by chance, the member that is not planted (and
        has the most themes) loses the shared theme it got last.
        """
        G = nx.Graph()
        G.add_nodes_from(self.people)
        G.add_edges_from((r["source"], r["target"]) for r in self.relations)
        near = {node: set(nx.single_source_shortest_path_length(G, node, cutoff=2)) for node in G}
        planted = {frozenset(pair) for pair in self.should_meet}
        protected = {node for pair in self.should_meet for node in pair}
        changed = True
        while changed:
            changed = False
            by_area: dict[str, list[str]] = defaultdict(list)
            for p in self.people.values():
                if p.area and len(p.themes) >= 2:
                    by_area[p.area].append(p.id)
            for area in AREAS:
                members = by_area[area]
                for i, u in enumerate(members):
                    for v in members[i + 1:]:
                        shared = set(self.people[u].themes) & set(self.people[v].themes)
                        if len(shared) < 2 or v in near[u] or frozenset((u, v)) in planted:
                            continue
                        loser = max(
                            (w for w in (u, v) if w not in protected),
                            key=lambda w: (len(self.people[w].themes), w),
                        )
                        theme = [t for t in self.people[loser].themes if t in shared][-1]
                        self.people[loser].themes.remove(theme)
                        changed = True

    def build(self) -> None:
        self.add_civil_servants()
        self.add_residents()
        self.add_catalogue()
        self.plan()
        self.tie_government()
        self.tie_verbinders()
        self.tie_silos()
        self.tie_enclosures()
        self.tie_areas()
        self.tie_civil_servants_to_society()
        self.repair_themes()

    # -- output -------------------------------------------------------------------

    def stakeholder_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": p.id, "name": p.name, "type": p.type, "organisation": p.organisation,
                "themes": list(p.themes), "area": p.area, "role": p.role, "influence": p.influence,
                "interest": p.interest, "notes": p.notes,
            }
            for p in self.people.values()
        ]

    def truth(self) -> dict[str, Any]:
        return {
            "verbinders": list(self.verbinders),
            "silos": [{"label": label, "members": list(members)} for label, members in self.silos.items()],
            "isolated_initiatives": list(self.isolated),
            "single_contact": [dict(item) for item in self.single_contact],
            "should_meet": [list(pair) for pair in self.should_meet],
        }
