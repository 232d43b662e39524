"""Who lives in the demo municipality "Gemeente Voorbeeldstad": the cast.

Departments, verbinders, organisations, businesses and initiatives written
out by hand, so that names, wijken and themes make sense together; the
planted structure (isolated initiatives, single contacts, silos, pairs who
should meet) by name; the pools of first names, surnames and notes the
generator in :mod:`netanalysis.demo` draws from.
"""

from __future__ import annotations

__all__ = [
    "AREAS",
    "THEMES",
    "BUSINESSES",
    "CIVIL_SERVANT_ROLES",
    "DEPARTMENTS",
    "ECONOMY_SILO_LABEL",
    "FIRST_NAMES",
    "HAVEN_SILO_LABEL",
    "INITIATIVES",
    "ISOLATED",
    "MANAGEMENT_DEPARTMENTS",
    "ORGANISATIONS",
    "RELATION_NOTES",
    "RELATION_TYPES_BY_PAIR",
    "RESIDENTS_PER_AREA",
    "RESIDENT_ROLES",
    "SHOULD_MEET",
    "SILO_BRIDGE",
    "SINGLE_CONTACT",
    "STAKEHOLDER_NOTES",
    "SURNAMES",
    "VERBINDERS",
    "WIJKTEAM_AREAS",
    "score_ranges",
]

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
DEPARTMENTS: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("Afdeling Sociaal Domein", ("eenzaamheid", "zorg", "armoede", "jeugd"), 6),
    ("Afdeling Ruimte", ("wonen", "groen", "mobiliteit"), 6),
    ("Afdeling Economie", ("mobiliteit", "energietransitie", "veiligheid"), 5),
    ("Afdeling Duurzaamheid", ("energietransitie", "groen"), 4),
    ("Afdeling Openbare Orde en Veiligheid", ("veiligheid", "jeugd"), 4),
    ("Afdeling Cultuur en Sport", ("cultuur", "jeugd"), 3),
    ("Wijkteam Noord", ("zorg", "jeugd", "eenzaamheid"), 3),
    ("Wijkteam Haven", ("zorg", "armoede", "eenzaamheid"), 2),
)
WIJKTEAM_AREAS = {"Wijkteam Noord": "Noord", "Wijkteam Haven": "Haven"}
MANAGEMENT_DEPARTMENTS = tuple(d for d, _, _ in DEPARTMENTS if d.startswith("Afdeling"))

#: The verbinders: name, department, role, themes, departments they work
#: with besides their own, and the wijken where they know people.
VERBINDERS: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
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

CIVIL_SERVANT_ROLES = {
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
RESIDENTS_PER_AREA = {"Noord": 22, "Zuid": 22, "Centrum": 20, "Oost": 22, "West": 20, "Haven": 14}

#: Organisations: (name, wijk or None for city-wide, themes, role).
ORGANISATIONS: tuple[tuple[str, str | None, tuple[str, ...], str], ...] = (
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
BUSINESSES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
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
INITIATIVES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
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
ISOLATED = (
    ("Buurtkoor De Nachtegaal", 0, ()),
    ("Vogelwerkgroep Havenpark", 3, ()),
    ("Klusclub West", 2, ("Snackbar De Hoek",)),
    ("Oost Kookt", 3, ()),
)
#: Initiatives whose only route to the municipality is one civil servant:
#: (initiative, number of residents around it, department, role of the contact).
SINGLE_CONTACT = (
    ("Speeltuinvereniging De Klimop", 3, "Wijkteam Noord", "Jeugdconsulent"),
    ("Zonnedak Zuid", 2, "Afdeling Duurzaamheid", "Energieadviseur"),
)
#: Pairs in the same wijk with the same two themes that have never met.
SHOULD_MEET = (
    ("Eettafel Samen aan Tafel", "Stichting Welzijn Zuid"),
    ("Energiecoöperatie Oost", "Installatiebedrijf Groen Warmte"),
    ("Huiswerkklas Noord", "Basisschool De Regenboog"),
    ("Natuurspeeltuin De Wilde Wei", "Kinderboerderij De Westhoeve"),
)
ECONOMY_SILO_LABEL = "Afdeling Economie en de havenbedrijven"
HAVEN_SILO_LABEL = "Bewoners, organisaties en initiatieven in de Haven"
#: The one tie between the two silos: the harbour restaurant's owner also
#: sponsors the Haven's community centre.
SILO_BRIDGE = ("Havenrestaurant De Kade", "Wijkcentrum Het Anker")

# -- names --------------------------------------------------------------------------

FIRST_NAMES = (
    "Anouk", "Daan", "Sanne", "Bram", "Fleur", "Thijs", "Lotte", "Ruben", "Eva", "Jesse", "Iris", "Sem",
    "Noor", "Lucas", "Femke", "Milan", "Lieke", "Stijn", "Mila", "Jasper", "Yara", "Mohamed", "Khadija",
    "Ayşe", "Mehmet", "Priya", "Rajesh", "Kwame", "Shanti", "Tomasz", "Agnieszka", "Hanneke", "Kees",
    "Joke", "Gerrit", "Wilma", "Henk", "Ans", "Truus", "Piet", "Marĳke", "Chloë", "Zoë", "René",
    "André", "Désirée", "Hélène", "Youssef", "Samira", "Emre", "Elif", "Dewi", "Roel", "Ilse", "Wouter",
    "Marloes", "Jeroen", "Annemiek", "Bas", "Sophie", "Tim", "Maartje", "Koen", "Nienke", "Rik",
    "Esther", "Laila", "Saïd", "Gijs", "Roos", "Floor", "Jan", "Ingrid", "Cor", "Tineke",
)
SURNAMES = (
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit",
    "Dijkstra", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen",
    "van den Heuvel", "van der Veen", "van Dĳk", "Bĳl", "El Amrani", "Yılmaz", "Kaya", "Bouzid",
    "Ramdin", "Sitaram", "Kowalski", "Nowak", "Pinas", "Koster", "Prins", "Postma", "Huisman",
    "de Jong", "Hoekstra", "Kuipers", "Veenstra", "Schouten", "Wolters", "Timmermans", "Willems",
    "Maas", "Verhoeven", "Sedney", "Martina", "Haddou", "Öztürk", "Aydın", "Mensah", "Lefèvre",
)

RESIDENT_ROLES = (
    "Vrijwilliger", "Voorzitter bewonerscommissie", "Mantelzorger", "Trekker", "Ouder", "Buurtbewoner",
)
STAKEHOLDER_NOTES = {
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
RELATION_NOTES = (
    "Maandelijks overleg", "Kennen elkaar via school", "Samen in de stuurgroep", "Subsidie buurtbudget",
    "Via het wijknetwerk", "Vrijwilliger", "Contact loopt via de voorzitter", "Jaarlijkse evaluatie",
)

#: Which relation types are plausible between two kinds of stakeholder.
RELATION_TYPES_BY_PAIR = {
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


def score_ranges(kind: str, area: str | None) -> tuple[tuple[int, int], tuple[int, int]]:
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
