"""The demo municipality "Gemeente Voorbeeldstad": a seeded, deterministic generator.

About 250 fictional stakeholders (civil servants, residents, businesses,
organisations and initiatives) in six wijken, with ten themes, and their
relations. The network looks like a real municipality (departments, wijken,
brokers, a few loose ends) and has structure planted on purpose, so that the
analysis pages have something known to find. :func:`ground_truth` names it:

* ``verbinders``: civil servants who tie departments to society across wijken
  (highest betweenness, lowest constraint among civil servants);
* ``silos``: two dense groups with a single tie between them;
* ``isolated_initiatives``: initiatives with no path to any civil servant;
* ``single_contact``: initiatives that reach the municipality only through
  one civil servant (an articulation point);
* ``should_meet``: pairs in the same wijk sharing two themes, three or more
  steps apart.

Ids are stable and short: ``A01`` civil servants (ambtenaren), ``B001``
residents (bewoners), ``C01`` businesses, ``O01`` organisations and ``I01``
initiatives. All names are fictional.

Run ``python -m netanalysis.demo data/`` to regenerate the CSV files and the
ground truth in ``data/``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from .network import StakeholderNetwork
from .schema import RELATION_COLUMNS, STAKEHOLDER_COLUMNS

__all__ = [
    "DEFAULT_SEED",
    "DEMO_NAME",
    "AREAS",
    "THEMES",
    "build_demo",
    "ground_truth",
    "write_demo",
    "main",
]

DEFAULT_SEED = 2026
DEMO_NAME = "Gemeente Voorbeeldstad"

AREAS: tuple[str, ...] = ("Noord", "Zuid", "Centrum", "Oost", "West", "Haven")
THEMES: tuple[str, ...] = (
    "energietransitie",
    "eenzaamheid",
    "groen",
    "jeugd",
    "veiligheid",
    "wonen",
    "armoede",
    "mobiliteit",
    "cultuur",
    "zorg",
)

# -- the catalogue: who exists ---------------------------------------------------
# Organisations, businesses and initiatives are written out by hand so that
# their names, wijken and themes make sense together; only people's names,
# ties, strengths and dates are drawn from the seeded generator.

#: (department, themes, size). The verbinders are added to their departments
#: separately, so a department's size here excludes them.
_DEPARTMENTS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("Afdeling Sociaal Domein", ("eenzaamheid", "zorg", "armoede", "jeugd"), 6),
    ("Afdeling Ruimte", ("wonen", "groen", "mobiliteit"), 6),
    ("Afdeling Economie", ("mobiliteit", "energietransitie", "veiligheid"), 5),
    ("Afdeling Duurzaamheid", ("energietransitie", "groen"), 4),
    ("Afdeling Openbare Orde en Veiligheid", ("veiligheid", "jeugd"), 4),
    ("Afdeling Cultuur en Sport", ("cultuur", "jeugd"), 3),
    ("Wijkteam Noord", ("zorg", "jeugd", "eenzaamheid"), 3),
    ("Wijkteam Haven", ("zorg", "armoede", "eenzaamheid"), 2),
)
_WIJKTEAM_AREAS = {"Wijkteam Noord": "Noord", "Wijkteam Haven": "Haven"}
_MANAGEMENT_DEPARTMENTS = tuple(d for d, _, _ in _DEPARTMENTS if d.startswith("Afdeling"))

#: The verbinders: name, department, role, themes, departments they work
#: with besides their own, and the wijken where they know people.
_VERBINDERS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    ("Fatima el Amrani", "Afdeling Sociaal Domein", "Gebiedsmakelaar Zuid en Centrum",
     ("eenzaamheid", "armoede", "cultuur"),
     ("Afdeling Ruimte", "Afdeling Cultuur en Sport", "Wijkteam Noord"), ("Zuid", "Centrum", "Oost")),
    ("Joost van Dĳk", "Afdeling Ruimte", "Wijkregisseur Noord en West",
     ("wonen", "groen", "veiligheid"),
     ("Afdeling Openbare Orde en Veiligheid", "Afdeling Duurzaamheid", "Afdeling Sociaal Domein"),
     ("Noord", "West", "Centrum")),
    ("Noëlle Bakker", "Afdeling Duurzaamheid", "Verbinder bewonersinitiatieven",
     ("energietransitie", "groen", "jeugd"),
     ("Afdeling Sociaal Domein", "Afdeling Economie", "Afdeling Cultuur en Sport"), ("Oost", "West", "Zuid")),
)

_CIVIL_SERVANT_ROLES = {
    "Afdeling Sociaal Domein": ("Beleidsadviseur jeugd", "Beleidsmedewerker armoede", "Consulent Wmo",
                                "Beleidsadviseur zorg", "Projectleider eenzaamheid"),
    "Afdeling Ruimte": ("Stedenbouwkundige", "Beleidsadviseur wonen", "Verkeerskundige",
                        "Projectleider groen", "Adviseur openbare ruimte"),
    "Afdeling Economie": ("Accountmanager bedrijven", "Havenmeester", "Beleidsadviseur economie",
                          "Projectleider havenvisie"),
    "Afdeling Duurzaamheid": ("Energieadviseur", "Projectleider warmtetransitie", "Adviseur klimaatadaptatie"),
    "Afdeling Openbare Orde en Veiligheid": ("Boa", "Adviseur openbare orde", "Coördinator buurtpreventie"),
    "Afdeling Cultuur en Sport": ("Buurtsportcoach", "Cultuurcoach"),
    "Wijkteam Noord": ("Wijkconsulent", "Jeugdconsulent"),
    "Wijkteam Haven": ("Wijkconsulent", "Schuldhulpverlener"),
}

#: Residents per wijk. The Haven is small and close-knit: it is one of the silos.
_RESIDENTS_PER_AREA = {"Noord": 22, "Zuid": 22, "Centrum": 20, "Oost": 22, "West": 20, "Haven": 14}

#: Organisations: (name, wijk or None for city-wide, themes, role).
_ORGANISATIONS: tuple[tuple[str, str | None, tuple[str, ...], str], ...] = (
    ("Buurthuis De Schakel", "Noord", ("eenzaamheid", "jeugd"), "Buurthuis (stichting)"),
    ("Basisschool De Regenboog", "Noord", ("jeugd", "armoede"), "Basisschool"),
    ("VV Noordkwartier", "Noord", ("jeugd",), "Voetbalvereniging"),
    ("Huisartsenpraktijk Noord", "Noord", ("zorg",), "Huisartsenpraktijk"),
    ("Stichting Welzijn Zuid", "Zuid", ("eenzaamheid", "zorg"), "Welzijnsorganisatie"),
    ("Basisschool Het Klaverblad", "Zuid", ("jeugd",), "Basisschool"),
    ("Wijkcentrum De Zuidpoort", "Zuid", ("cultuur",), "Wijkcentrum (stichting)"),
    ("Tennisclub Zuidpark", "Zuid", ("jeugd",), "Sportvereniging"),
    ("Theater De Kroon", "Centrum", ("cultuur",), "Theater"),
    ("Kerkgemeenschap De Ontmoeting", "Centrum", ("eenzaamheid", "armoede"), "Kerk"),
    ("Winkeliersvereniging Binnenstad", "Centrum", ("veiligheid",), "Winkeliersvereniging"),
    ("Muziekschool Centrum", "Centrum", ("cultuur",), "Muziekschool"),
    ("Wijkcentrum De Oosterpoort", "Oost", ("eenzaamheid",), "Wijkcentrum (stichting)"),
    ("Basisschool De Linde", "Oost", ("jeugd",), "Basisschool"),
    ("SV Oost", "Oost", ("jeugd",), "Sportvereniging"),
    ("Stichting Moskee Oost", "Oost", ("armoede", "jeugd"), "Moskee"),
    ("Kinderboerderij De Westhoeve", "West", ("groen", "jeugd"), "Kinderboerderij (stichting)"),
    ("Buurthuis Het Westerlicht", "West", ("eenzaamheid",), "Buurthuis (stichting)"),
    ("Scouting Westwind", "West", ("jeugd",), "Scoutinggroep"),
    ("IKC De Wilg", "West", ("jeugd", "zorg"), "Integraal kindcentrum"),
    ("Wijkcentrum Het Anker", "Haven", ("eenzaamheid", "armoede"), "Wijkcentrum (stichting)"),
    ("Basisschool De Vuurtoren", "Haven", ("jeugd",), "Basisschool"),
    ("Roeivereniging De Haven", "Haven", ("jeugd",), "Sportvereniging"),
    ("Ondernemersvereniging Havenkwartier", "Haven", ("mobiliteit", "veiligheid"), "Ondernemersvereniging"),
    ("Woningcorporatie Thuis in Voorbeeldstad", None, ("wonen", "energietransitie"), "Woningcorporatie"),
    ("Woonstichting De Sleutel", None, ("wonen",), "Woningcorporatie"),
    ("Welzijn Voorbeeldstad", None, ("eenzaamheid", "armoede"), "Welzijnsorganisatie"),
    ("Voedselbank Voorbeeldstad", None, ("armoede",), "Voedselbank"),
    ("GGD Regio Voorbeeldstad", None, ("zorg",), "GGD"),
    ("Politie Basisteam Voorbeeldstad", None, ("veiligheid",), "Politie"),
    ("Stadsbibliotheek Voorbeeldstad", None, ("cultuur", "jeugd"), "Bibliotheek"),
    ("Jongerenwerk Voorbeeldstad", None, ("jeugd", "veiligheid"), "Jongerenwerk"),
    ("Energieloket Voorbeeldstad", None, ("energietransitie",), "Energieloket"),
    ("Thuiszorg De Zorgzame Hand", None, ("zorg",), "Thuiszorgorganisatie"),
    ("Vluchtelingenwerk Voorbeeldstad", None, ("armoede",), "Vluchtelingenwerk"),
    ("Natuur- en Milieucentrum De Groene Long", None, ("groen",), "Natuur- en milieueducatie"),
)

#: Businesses: (name, wijk, themes, role).
_BUSINESSES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("Bakkerij Jansen", "Noord", (), "Bakker"),
    ("Supermarkt Noordplein", "Noord", ("armoede",), "Supermarkt"),
    ("Fietsenmaker Van Leeuwen", "Noord", ("mobiliteit",), "Fietsenmaker"),
    ("Kapsalon Chic", "Noord", (), "Kapper"),
    ("Apotheek Zuid", "Zuid", ("zorg",), "Apotheek"),
    ("Café De Zwaan", "Zuid", (), "Café"),
    ("Bouwbedrijf Smit & Zn.", "Zuid", ("wonen",), "Aannemer"),
    ("Bloemenhandel Flora", "Zuid", ("groen",), "Bloemist"),
    ("Boekhandel Het Leesteken", "Centrum", ("cultuur",), "Boekhandel"),
    ("Hotel De Stadspoort", "Centrum", (), "Hotel"),
    ("Lunchroom Bĳ Ans", "Centrum", (), "Horeca"),
    ("Advieskantoor Peters", "Centrum", (), "Adviesbureau"),
    ("Installatiebedrijf Groen Warmte", "Oost", ("energietransitie", "wonen"), "Installateur"),
    ("Bakkerij Öztürk", "Oost", (), "Bakker"),
    ("Garage Oost", "Oost", ("mobiliteit",), "Autogarage"),
    ("Drukkerij De Letter", "Oost", ("cultuur",), "Drukkerij"),
    ("Hoveniersbedrijf De Linde", "West", ("groen",), "Hovenier"),
    ("Tuincentrum West", "West", ("groen",), "Tuincentrum"),
    ("Kinderopvang Zonnetje", "West", ("jeugd",), "Kinderopvang"),
    ("Snackbar De Hoek", "West", (), "Horeca"),
    ("Scheepswerf Van der Meer", "Haven", ("mobiliteit",), "Scheepswerf"),
    ("Overslagbedrijf Havenstaal", "Haven", ("mobiliteit", "veiligheid"), "Overslagbedrijf"),
    ("Transportbedrijf Dekker", "Haven", ("mobiliteit",), "Transportbedrijf"),
    ("Visgroothandel Noordzee", "Haven", (), "Groothandel"),
    ("Scheepsleverancier De Boei", "Haven", (), "Scheepsleverancier"),
    ("Recyclingbedrijf Circulair Haven", "Haven", ("energietransitie",), "Recyclingbedrijf"),
    ("Havenrestaurant De Kade", "Haven", (), "Horeca"),
    ("Walstroom Haven B.V.", "Haven", ("energietransitie", "mobiliteit"), "Energiebedrijf"),
)

#: Initiatives: (name, wijk, themes, role).
_INITIATIVES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("Huiswerkklas Noord", "Noord", ("jeugd", "armoede"), "Bewonersinitiatief"),
    ("Buurtpreventie Noord", "Noord", ("veiligheid",), "Buurtpreventieteam"),
    ("Repair Café Noord", "Noord", ("energietransitie",), "Bewonersinitiatief"),
    ("Speeltuinvereniging De Klimop", "Noord", ("jeugd", "groen"), "Speeltuinvereniging"),
    ("Eettafel Samen aan Tafel", "Zuid", ("eenzaamheid", "zorg"), "Bewonersinitiatief"),
    ("Buurtmoestuin Zuid", "Zuid", ("groen",), "Bewonersinitiatief"),
    ("Taalcafé Zuid", "Zuid", ("armoede",), "Bewonersinitiatief"),
    ("Zwerfvuilploeg Zuid", "Zuid", ("groen",), "Vrijwilligersgroep"),
    ("Zonnedak Zuid", "Zuid", ("energietransitie",), "Energiecoöperatie in oprichting"),
    ("Stadslandbouw Binnenstad", "Centrum", ("groen",), "Bewonersinitiatief"),
    ("Kunstroute Centrum", "Centrum", ("cultuur",), "Bewonersinitiatief"),
    ("Ouderensoos Centrum", "Centrum", ("eenzaamheid",), "Bewonersinitiatief"),
    ("Buurtkoor De Nachtegaal", "Centrum", ("cultuur",), "Koor"),
    ("Energiecoöperatie Oost", "Oost", ("energietransitie", "wonen"), "Coöperatie"),
    ("Voedseltuin Oost", "Oost", ("armoede",), "Bewonersinitiatief"),
    ("Buurtvaders Oost", "Oost", ("veiligheid",), "Bewonersinitiatief"),
    ("Kledingruil Oost", "Oost", ("armoede",), "Bewonersinitiatief"),
    ("Oost Kookt", "Oost", ("eenzaamheid",), "Bewonersinitiatief"),
    ("Natuurspeeltuin De Wilde Wei", "West", ("groen", "jeugd"), "Bewonersinitiatief"),
    ("Buurtbus West", "West", ("mobiliteit",), "Vrijwilligersvervoer"),
    ("Burenhulp West", "West", ("zorg",), "Bewonersinitiatief"),
    ("Klusclub West", "West", ("wonen",), "Bewonersinitiatief"),
    ("Jongerenpodium West", "West", ("cultuur",), "Jongereninitiatief"),
    ("Bewonersplatform Haven", "Haven", ("wonen",), "Bewonersplatform"),
    ("Havenfestival", "Haven", ("cultuur",), "Bewonersinitiatief"),
    ("Moestuin Het Anker", "Haven", ("groen",), "Bewonersinitiatief"),
    ("Vogelwerkgroep Havenpark", "Haven", ("groen",), "Werkgroep"),
    ("Duurzaam Noord", "Noord", ("energietransitie",), "Bewonersinitiatief"),
    ("Wandelgroep Fit in Zuid", "Zuid", ("zorg",), "Bewonersinitiatief"),
    ("Buurtbieb Centrum", "Centrum", ("cultuur",), "Minibieb"),
)

# -- the planted structure, by name (ids are derived) ------------------------------

#: Initiatives with no path to any civil servant, with how many residents
#: (and businesses) are around them; zero means an isolate.
_ISOLATED = (
    ("Buurtkoor De Nachtegaal", 0, ()),
    ("Vogelwerkgroep Havenpark", 3, ()),
    ("Klusclub West", 2, ("Snackbar De Hoek",)),
    ("Oost Kookt", 3, ()),
)
#: Initiatives whose only route to the municipality is one civil servant:
#: (initiative, number of residents around it, department, role of the contact).
_SINGLE_CONTACT = (
    ("Speeltuinvereniging De Klimop", 3, "Wijkteam Noord", "Jeugdconsulent"),
    ("Zonnedak Zuid", 2, "Afdeling Duurzaamheid", "Energieadviseur"),
)
#: Pairs in the same wijk with the same two themes that have never met.
_SHOULD_MEET = (
    ("Eettafel Samen aan Tafel", "Stichting Welzijn Zuid"),
    ("Energiecoöperatie Oost", "Installatiebedrijf Groen Warmte"),
    ("Huiswerkklas Noord", "Basisschool De Regenboog"),
    ("Natuurspeeltuin De Wilde Wei", "Kinderboerderij De Westhoeve"),
)
_ECONOMY_SILO_LABEL = "Afdeling Economie en de havenbedrijven"
_HAVEN_SILO_LABEL = "Bewoners, organisaties en initiatieven in de Haven"
#: The one tie between the two silos: the harbour restaurant's owner also
#: sponsors the Haven's community centre.
_SILO_BRIDGE = ("Havenrestaurant De Kade", "Wijkcentrum Het Anker")

# -- names --------------------------------------------------------------------------

_FIRST_NAMES = (
    "Anouk", "Daan", "Sanne", "Bram", "Fleur", "Thijs", "Lotte", "Ruben", "Eva", "Jesse", "Iris", "Sem",
    "Noor", "Lucas", "Femke", "Milan", "Lieke", "Stijn", "Mila", "Jasper", "Yara", "Mohamed", "Khadija",
    "Ayşe", "Mehmet", "Priya", "Rajesh", "Kwame", "Shanti", "Tomasz", "Agnieszka", "Hanneke", "Kees",
    "Joke", "Gerrit", "Wilma", "Henk", "Ans", "Truus", "Piet", "Marĳke", "Chloë", "Zoë", "René",
    "André", "Désirée", "Hélène", "Youssef", "Samira", "Emre", "Elif", "Dewi", "Roel", "Ilse", "Wouter",
    "Marloes", "Jeroen", "Annemiek", "Bas", "Sophie", "Tim", "Maartje", "Koen", "Nienke", "Rik",
    "Esther", "Laila", "Saïd", "Gijs", "Roos", "Floor", "Jan", "Ingrid", "Cor", "Tineke",
)
_SURNAMES = (
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van Dĳk", "Bĳl", "El Amrani", "Yılmaz", "Kaya", "Bouzid",
    "Ramdin", "Sitaram", "Kowalski", "Nowak", "Pinas", "Koster", "Prins", "Postma", "Huisman",
    "de Jong", "Hoekstra", "Kuipers", "Veenstra", "Schouten", "Wolters", "Timmermans", "Willems",
    "Maas", "Verhoeven", "Sedney", "Martina", "Haddou", "Öztürk", "Aydın", "Mensah", "Lefèvre",
)

_RESIDENT_ROLES = (
    "Vrijwilliger", "Voorzitter bewonerscommissie", "Mantelzorger", "Trekker", "Ouder", "Buurtbewoner",
)
_STAKEHOLDER_NOTES = {
    "initiative": (
        "Draait volledig op vrijwilligers", "Zoekt een vaste ruimte", "Kreeg buurtbudget in 2024",
        "Wil uitbreiden naar andere wijken", "Heeft moeite nieuwe vrijwilligers te vinden",
    ),
    "organisation": (
        "Vaste partner bij wijkschouw", "Doet mee aan de wijkagenda", "Nieuwe directeur sinds 2025",
        "Heeft een eigen accommodatie",
    ),
    "business": ("Sponsort lokale activiteiten", "Lid van de ondernemersvereniging", "Familiebedrijf"),
    "resident": ("Kent veel mensen in de straat", "Actief op het buurtplatform", "Nieuw in de wijk"),
}
_RELATION_NOTES = (
    "Maandelijks overleg", "Kennen elkaar via school", "Samen in de stuurgroep", "Subsidie buurtbudget",
    "Via het wijknetwerk", "Vrijwilliger", "Contact loopt via de voorzitter", "Jaarlijkse evaluatie",
)

#: Which relation types are plausible between two kinds of stakeholder.
_RELATION_TYPES_BY_PAIR = {
    frozenset({"civil_servant"}): ("collaboration", "formal", "information"),
    frozenset({"civil_servant", "organisation"}): ("collaboration", "formal", "funding", "information"),
    frozenset({"civil_servant", "business"}): ("collaboration", "formal", "information"),
    frozenset({"civil_servant", "initiative"}): ("funding", "information", "collaboration"),
    frozenset({"civil_servant", "resident"}): ("information", "informal", "collaboration"),
    frozenset({"resident"}): ("informal",),
    frozenset({"resident", "initiative"}): ("collaboration", "informal"),
    frozenset({"resident", "organisation"}): ("informal", "information", "collaboration"),
    frozenset({"resident", "business"}): ("informal", "information"),
    frozenset({"organisation"}): ("collaboration", "information", "formal"),
    frozenset({"organisation", "initiative"}): ("collaboration", "funding", "information"),
    frozenset({"organisation", "business"}): ("collaboration", "funding", "information"),
    frozenset({"business"}): ("collaboration", "informal", "information"),
    frozenset({"business", "initiative"}): ("funding", "collaboration", "informal"),
    frozenset({"initiative"}): ("collaboration", "information"),
}


def _score_ranges(kind: str, area: str | None) -> tuple[tuple[int, int], tuple[int, int]]:
    """(influence, interest) ranges, so that the stakeholder grid tells a story.

    City-wide organisations (the housing corporation, the police) weigh more
    than a local club; the port businesses have influence but little interest
    in the wijk ("keep satisfied"); initiatives have much interest and little
    power ("keep informed").
    """
    if kind == "organisation":
        return ((3, 5), (2, 5)) if area is None else ((1, 4), (3, 5))
    if kind == "business":
        return ((3, 5), (1, 3)) if area == "Haven" else ((1, 3), (1, 4))
    return (1, 2), (4, 5)


# -- the generator --------------------------------------------------------------------


@dataclass
class _Person:
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


class _Generator:
    """Builds the demo in a fixed order of seeded draws.

    Every draw comes from one ``random.Random(seed)``, and every collection
    that is drawn from is a list or tuple in a fixed order, so the output
    only depends on the seed.
    """

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.people: dict[str, _Person] = {}
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
            name = f"{self.rng.choice(_FIRST_NAMES)} {self.rng.choice(_SURNAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _add(self, person: _Person) -> str:
        self.people[person.id] = person
        self.by_name.setdefault(person.name, person.id)
        self.used_names.add(person.name)
        return person.id

    def add_civil_servants(self) -> None:
        number = 0
        home_department = {}
        for name, department, role, themes, _, _ in _VERBINDERS:
            number += 1
            # A verbinder's weight is informal: little formal power, much involvement.
            pid = self._add(_Person(f"A{number:02d}", name, "civil_servant", department, list(themes), None,
                                    role, influence=3, interest=5))
            self.verbinders.append(pid)
            home_department[pid] = department
        for department, themes, size in _DEPARTMENTS:
            members = [v for v in self.verbinders if home_department[v] == department]
            roles = _CIVIL_SERVANT_ROLES[department]
            for index in range(size):
                number += 1
                is_head = index == 0
                if is_head:
                    role = "Teamleider" if department.startswith("Wijkteam") else "Afdelingshoofd"
                else:
                    role = roles[(index - 1) % len(roles)]
                own_themes = list(themes) if is_head else self.rng.sample(list(themes), k=min(2, len(themes)))
                pid = self._add(_Person(
                    f"A{number:02d}", self._person_name(), "civil_servant", department,
                    sorted(own_themes, key=THEMES.index), _WIJKTEAM_AREAS.get(department), role,
                    influence=self.rng.randint(4, 5) if is_head else self.rng.randint(2, 4),
                    interest=self.rng.randint(2, 5),
                ))
                if is_head:
                    self.heads[department] = pid
                members.append(pid)
            self.departments[department] = members

    def add_residents(self) -> None:
        number = 0
        for area, count in _RESIDENTS_PER_AREA.items():
            for _ in range(count):
                number += 1
                themes = [self.rng.choice(THEMES)] if self.rng.random() < 0.45 else []
                role = self.rng.choice(_RESIDENT_ROLES) if self.rng.random() < 0.3 else None
                # A few residents are well known in the wijk and scored for the grid.
                scored = self.rng.random() < 0.12
                notes = self.rng.choice(_STAKEHOLDER_NOTES["resident"]) if self.rng.random() < 0.08 else None
                self._add(_Person(
                    f"B{number:03d}", self._person_name(), "resident", None, themes, area, role,
                    influence=self.rng.randint(1, 3) if scored else None,
                    interest=self.rng.randint(3, 5) if scored else None, notes=notes,
                ))

    def add_catalogue(self) -> None:
        for prefix, kind, catalogue, scored_share in (
            ("O", "organisation", _ORGANISATIONS, 0.92),
            ("C", "business", _BUSINESSES, 0.85),
            ("I", "initiative", _INITIATIVES, 0.5),
        ):
            for number, (name, area, themes, role) in enumerate(catalogue, start=1):
                scored = self.rng.random() < scored_share
                notes = self.rng.choice(_STAKEHOLDER_NOTES[kind]) if self.rng.random() < 0.2 else None
                (low_influence, high_influence), (low_interest, high_interest) = _score_ranges(kind, area)
                self._add(_Person(
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
        pair_types = _RELATION_TYPES_BY_PAIR[frozenset({self.people[u].type, self.people[v].type})]
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
        notes = self.rng.choice(_RELATION_NOTES) if self.rng.random() < 0.1 else None
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
        self.should_meet = [(self.by_name[a], self.by_name[b]) for a, b in _SHOULD_MEET]
        for name, residents, businesses in _ISOLATED:
            initiative = self.by_name[name]
            self.isolated.append(initiative)
            self.people[initiative].enclosure = f"isolated:{initiative}"
            area = self.people[initiative].area
            for rid in self.ids("resident", area)[-residents:] if residents else []:
                self.people[rid].enclosure = f"isolated:{initiative}"
            for business in businesses:
                self.people[self.by_name[business]].enclosure = f"isolated:{initiative}"
        for name, residents, department, role in _SINGLE_CONTACT:
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
        for label, members in ((_ECONOMY_SILO_LABEL, economy), (_HAVEN_SILO_LABEL, haven)):
            self.silos[label] = members
            for member in members:
                self.people[member].silo = label

    def tie_government(self) -> None:
        heads = [self.heads[d] for d in _MANAGEMENT_DEPARTMENTS]
        # The management team meets weekly: every head knows every other head.
        self.link_pairs(heads, 1.0, kind="formal", strength=4, since_from=2015)
        for department, members in self.departments.items():
            head = self.heads[department]
            for member in members:
                self.link(head, member, kind="formal", since_from=2012)
            self.link_pairs(members, 0.55, since_from=2012)
        for wijkteam in _WIJKTEAM_AREAS:
            self.link_some(self.heads[wijkteam], self.departments["Afdeling Sociaal Domein"][1:], 2)

    def tie_verbinders(self) -> None:
        for verbinder, (_, _, _, themes, departments, areas) in zip(self.verbinders, _VERBINDERS):
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
        for department, themes, _ in _DEPARTMENTS:
            if department in _WIJKTEAM_AREAS or department == "Afdeling Economie":
                continue
            fitting = [p for p in partners if set(self.people[p].themes) & set(themes)
                       and not self.people[p].silo]
            for member in self.departments[department]:
                if member in self.verbinders:
                    continue
                count = 1 if member == self.heads[department] else self.rng.randint(1, 3)
                self.link_some(member, fitting, count)
        for wijkteam, area in _WIJKTEAM_AREAS.items():
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
        economy = self.silos[_ECONOMY_SILO_LABEL]
        self.link_pairs(economy, 0.35)
        haven = self.silos[_HAVEN_SILO_LABEL]
        self.link_pairs(haven, 0.22)
        welfare = self.by_name["Welzijn Voorbeeldstad"]
        self.link(welfare, self.by_name["Wijkcentrum Het Anker"], kind="collaboration", strength=4)
        a, b = (self.by_name[n] for n in _SILO_BRIDGE)
        self.link(a, b, force=True, kind="funding", strength=2)

    def tie_enclosures(self) -> None:
        for name, residents, businesses in _ISOLATED:
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


def _generate(seed: int) -> _Generator:
    generator = _Generator(int(seed))
    generator.build()
    return generator


def build_demo(seed: int = DEFAULT_SEED) -> StakeholderNetwork:
    """The demo municipality "Gemeente Voorbeeldstad" as a network.

    Parameters
    ----------
    seed : int
        Seed of the generator; the same seed gives the same network on every
        run and machine.

    Returns
    -------
    StakeholderNetwork
        About 250 fictional stakeholders of all five types in six wijken,
        with the structure described by :func:`ground_truth`.

    Examples
    --------
    >>> net = build_demo()
    >>> net.name, len(net)
    ('Gemeente Voorbeeldstad', 250)
    >>> build_demo().fingerprint() == net.fingerprint()
    True
    """
    generator = _generate(seed)
    return StakeholderNetwork.from_tables(generator.stakeholder_rows(), generator.relations, name=DEMO_NAME)


def ground_truth(seed: int = DEFAULT_SEED) -> dict[str, Any]:
    """The structure planted in the demo network, for tests and for the tour.

    Parameters
    ----------
    seed : int
        The seed the network was built with.

    Returns
    -------
    dict
        ``verbinders``: list of civil servant ids;
        ``silos``: list of ``{"label": str, "members": [ids]}``;
        ``isolated_initiatives``: list of initiative ids;
        ``single_contact``: list of ``{"initiative": id, "civil_servant": id}``;
        ``should_meet``: list of ``[id, id]`` pairs.

    Examples
    --------
    >>> truth = ground_truth()
    >>> sorted(truth)
    ['isolated_initiatives', 'should_meet', 'silos', 'single_contact', 'verbinders']
    >>> truth["verbinders"]
    ['A01', 'A02', 'A03']
    """
    return _generate(seed).truth()


def _cell(value: Any) -> str:
    """A CSV cell: empty for missing, ``;``-joined lists, integers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    return str(value)


def _write_csv(path: Path, columns: Iterable[str], rows: Iterable[dict[str, Any]]) -> None:
    columns = list(columns)
    # utf-8-sig writes the BOM that Excel needs to read the accents (ë, é, ĳ) correctly.
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=",", lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in columns])


def write_demo(directory: str | Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write ``stakeholders.csv``, ``relations.csv`` and ``ground_truth.json``.

    The CSV files are UTF-8 with a BOM, ``,``-separated, with the English
    canonical headers; themes are joined with ``;`` and missing values are
    empty cells.

    Parameters
    ----------
    directory : str or Path
        Where to write; created if missing.
    seed : int
        Seed of the generator.

    Returns
    -------
    list of Path
        The files written.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    generator = _generate(seed)
    stakeholders = directory / "stakeholders.csv"
    relations = directory / "relations.csv"
    truth = directory / "ground_truth.json"
    _write_csv(stakeholders, STAKEHOLDER_COLUMNS, generator.stakeholder_rows())
    _write_csv(relations, RELATION_COLUMNS, generator.relations)
    truth.write_text(json.dumps(generator.truth(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [stakeholders, relations, truth]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m netanalysis.demo DIRECTORY [--seed N]``."""
    parser = argparse.ArgumentParser(description=f"Write the demo network '{DEMO_NAME}' as CSV files.")
    parser.add_argument("directory", nargs="?", default="data", help="output directory (default: data)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed (default: {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    for path in write_demo(args.directory, args.seed):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
