"""Seeded synthetic municipal networks of any size, for benchmarks and scale tests.

Unlike :mod:`netanalysis.demo` (a small, hand-planted municipality), this
generates large networks with the same kind of structure quickly: stakeholders
of every type spread over areas and departments, grouped in communities that
are dense inside and sparse between, with about ``ties_per_stakeholder``
relations per stakeholder.
"""

from __future__ import annotations

import random

from .network import StakeholderNetwork

__all__ = ["synthetic_municipality", "TYPE_SHARES"]

#: Share of each stakeholder type: mostly residents, a few civil servants.
TYPE_SHARES = {
    "resident": 0.55,
    "organisation": 0.12,
    "business": 0.13,
    "initiative": 0.12,
    "civil_servant": 0.08,
}
_THEMES = [
    "energietransitie", "eenzaamheid", "groen", "jeugd", "veiligheid",
    "wonen", "armoede", "mobiliteit", "cultuur", "zorg",
]
_DEPARTMENTS = ["Sociaal Domein", "Ruimte", "Economie", "Dienstverlening", "Wijkteams", "Openbare Ruimte"]


def synthetic_municipality(
    n: int,
    *,
    seed: int = 7,
    ties_per_stakeholder: float = 2.5,
    community_size: int = 60,
    outside_share: float = 0.12,
) -> StakeholderNetwork:
    """A seeded synthetic stakeholder network of ``n`` stakeholders.

    Parameters
    ----------
    n : int
        Number of stakeholders.
    seed : int
        Seed of the only random source used, so the same arguments give the
        same network on every machine.
    ties_per_stakeholder : float
        Relations per stakeholder (edges / nodes); average degree is twice this.
    community_size : int
        Mean size of the planted communities (neighbourhood clusters).
    outside_share : float
        Share of ties that leave their community; civil servants get three
        times this share, as they connect across the municipality.

    Returns
    -------
    StakeholderNetwork
        Named ``"Synthetische gemeente (n)"``; every stakeholder has a type,
        an area, one to three themes and (civil servants, organisations and
        businesses) an organisation.

    Examples
    --------
    >>> net = synthetic_municipality(500, seed=1)
    >>> len(net), 1100 <= len(net.relations) <= 1300
    (500, True)
    >>> synthetic_municipality(500, seed=1).fingerprint() == net.fingerprint()
    True
    """
    rnd = random.Random(seed)
    n_communities = max(1, n // community_size)
    n_areas = max(4, min(60, n_communities // 3 or 1))
    areas = [f"Wijk {i + 1}" for i in range(n_areas)]
    types = list(TYPE_SHARES)
    weights = list(TYPE_SHARES.values())

    people = []
    community_of: list[int] = []
    members: list[list[int]] = [[] for _ in range(n_communities)]
    for index in range(n):
        kind = rnd.choices(types, weights)[0]
        community = rnd.randrange(n_communities)
        community_of.append(community)
        members[community].append(index)
        record = {
            "id": f"S{index:06d}",
            "name": f"{kind[:3].title()} {index}",
            "type": kind,
            "area": areas[community % n_areas],
            "themes": rnd.sample(_THEMES, rnd.randint(1, 3)),
        }
        if kind == "civil_servant":
            record["organisation"] = f"Afdeling {rnd.choice(_DEPARTMENTS)}"
        elif kind in {"organisation", "business"}:
            record["organisation"] = record["name"]
        people.append(record)

    target = int(round(n * ties_per_stakeholder))
    seen: set[tuple[int, int]] = set()
    relations = []
    attempts = 0
    while len(relations) < target and attempts < target * 20 and n > 1:
        attempts += 1
        a = rnd.randrange(n)
        outside = outside_share * (3 if people[a]["type"] == "civil_servant" else 1)
        if rnd.random() < outside or len(members[community_of[a]]) < 2:
            b = rnd.randrange(n)
        else:
            b = rnd.choice(members[community_of[a]])
        if a == b:
            continue
        pair = (a, b) if a < b else (b, a)
        if pair in seen:
            continue
        seen.add(pair)
        relations.append(
            {
                "source": people[pair[0]]["id"],
                "target": people[pair[1]]["id"],
                "type": rnd.choice(["collaboration", "information", "funding", "formal", "informal"]),
                "strength": rnd.randint(1, 5),
            }
        )
    return StakeholderNetwork.from_tables(people, relations, name=f"Synthetische gemeente ({n})")
