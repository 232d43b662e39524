"""Interface strings of the Streamlit pages, Dutch (default) and English."""

from __future__ import annotations

from netanalysis.i18n import Messages

__all__ = ["UI"]

UI = Messages(
    {
        # -- navigation and shell ---------------------------------------------------
        "app_title": {"nl": "Netwerkkaart", "en": "Netwerkkaart"},
        "tagline": {
            "nl": "Wie werkt met wie, wie verbindt, en wie zouden elkaar moeten ontmoeten?",
            "en": "Who works with whom, who connects, and who should meet?",
        },
        "language": {"nl": "Taal / Language", "en": "Taal / Language"},
        "section_analysis": {"nl": "Analyse", "en": "Analysis"},
        "section_data": {"nl": "Gegevens", "en": "Data"},
        "section_workshop": {"nl": "Workshop", "en": "Workshop"},
        "page_start": {"nl": "Start", "en": "Start"},
        "page_map": {"nl": "Kaart", "en": "Map"},
        "page_ego": {"nl": "Mijn netwerk", "en": "My network"},
        "page_brokers": {"nl": "Makelaars", "en": "Brokers"},
        "page_gaps": {"nl": "Gaten", "en": "Gaps"},
        "page_suggestions": {"nl": "Ontbrekende verbindingen", "en": "Missing connections"},
        "page_grid": {"nl": "Stakeholdergrid", "en": "Stakeholder grid"},
        "page_data": {"nl": "Gegevens", "en": "Data"},
        "page_facilitator": {"nl": "Workshop leiden", "en": "Run a workshop"},
        "page_participant": {"nl": "Meedoen", "en": "Take part"},
        "page_report": {"nl": "Rapport", "en": "Report"},
        "page_versions": {"nl": "Versies en verloop", "en": "Versions and change"},
        "active_network": {"nl": "Actief netwerk", "en": "Active network"},
        "network_line": {
            "nl": "**{name}** — {stakeholders} betrokkenen, {relations} relaties",
            "en": "**{name}** — {stakeholders} stakeholders, {relations} relations",
        },
        "computing": {"nl": "Bezig met berekenen…", "en": "Computing…"},
        "empty_network": {
            "nl": "Dit netwerk heeft nog geen betrokkenen. Laad een bestand op de pagina Gegevens, of begin een workshop.",
            "en": "This network has no stakeholders yet. Load a file on the Data page, or start a workshop.",
        },
        "no_relations": {
            "nl": "Er zijn nog geen relaties, dus er valt nog niets te analyseren. Voeg relaties toe op de pagina Gegevens.",
            "en": "There are no relations yet, so there is nothing to analyse. Add relations on the Data page.",
        },
        "sampled_note": {
            "nl": "Dit netwerk is groot: tussenpositie (betweenness) is geschat vanuit een steekproef van {k} van de {n} betrokkenen als startpunt. "
            "Lees de volgorde als benadering: wie dicht bij elkaar in de lijst staat, kan in werkelijkheid van plaats wisselen.",
            "en": "This network is large: betweenness was estimated from a sample of {k} of the {n} stakeholders as starting points (pivots). "
            "Read the order as approximate: people close together in the list may in fact swap places.",
        },
        # -- start page ---------------------------------------------------------------
        "start_intro": {
            "nl": "Netwerkkaart brengt ambtenaren, bewoners, ondernemers, organisaties en initiatieven in één netwerk in beeld. "
            "Zo zie je wie verbindt, waar gaten zitten en wie elkaar zouden moeten ontmoeten.",
            "en": "Netwerkkaart maps civil servants, residents, businesses, organisations and initiatives as one network, "
            "so you can see who connects, where the gaps are and who should meet.",
        },
        "metric_stakeholders": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "metric_relations": {"nl": "Relaties", "en": "Relations"},
        "metric_components": {"nl": "Losse delen", "en": "Components"},
        "metric_isolates": {"nl": "Zonder relaties", "en": "Without relations"},
        "metric_density": {"nl": "Dichtheid", "en": "Density"},
        "per_type": {"nl": "Betrokkenen per type", "en": "Stakeholders per type"},
        "type": {"nl": "Type", "en": "Type"},
        "count": {"nl": "Aantal", "en": "Count"},
        "load_title": {"nl": "Eigen netwerk laden", "en": "Load your own network"},
        "load_help": {
            "nl": "Kies een werkmap (Excel, OpenDocument; ook Kumu, Polinode of Onodo), één of twee CSV-bestanden "
            "(alleen relaties, of betrokkenen en relaties), een netwerkbestand (GraphML, GEXF, GML, Pajek, UCINET) "
            "of een Netwerkkaart-JSON. Herkent Netwerkkaart de indeling niet, dan wijs je zelf de kolommen aan.",
            "en": "Choose a workbook (Excel, OpenDocument; also Kumu, Polinode or Onodo), one or two CSV files "
            "(relations only, or stakeholders and relations), a network file (GraphML, GEXF, GML, Pajek, UCINET) "
            "or a Netwerkkaart JSON file. If Netwerkkaart does not recognise the layout, you assign the columns yourself.",
        },
        "uploader": {"nl": "Bestanden", "en": "Files"},
        "load_button": {"nl": "Laden", "en": "Load"},
        "load_name": {"nl": "Naam van het netwerk", "en": "Name of the network"},
        "load_name_from_file": {"nl": "de naam uit het bestand", "en": "the name in the file"},
        "load_name_help": {
            "nl": "Zo heet het netwerk in de zijbalk, bij versies en in het rapport. Voorgesteld uit de bestandsnaam; pas het gerust aan.",
            "en": "The network's name in the sidebar, on versions and in the report. Suggested from the file name; change it as you like.",
        },
        "load_ok": {"nl": "Geladen: {name} ({stakeholders} betrokkenen, {relations} relaties).", "en": "Loaded: {name} ({stakeholders} stakeholders, {relations} relations)."},
        "load_failed": {
            "nl": "Het bestand is niet geladen: los de {n} fout(en) hieronder op en probeer het opnieuw. Je huidige netwerk is ongewijzigd.",
            "en": "The file was not loaded: fix the {n} error(s) below and try again. Your current network is unchanged.",
        },
        "load_warnings": {"nl": "Geladen met {n} waarschuwing(en):", "en": "Loaded with {n} warning(s):"},
        "use_demo": {"nl": "Terug naar het demonetwerk", "en": "Back to the demo network"},
        "demo_name": {"nl": "Gemeente Voorbeeldstad (demo)", "en": "Gemeente Voorbeeldstad (demo)"},
        "unexpected_error": {
            "nl": "Er ging iets mis dat we niet hadden voorzien ({kind}). Er is niets gewijzigd. Probeer het opnieuw of meld het aan de beheerder.",
            "en": "Something went wrong that we did not foresee ({kind}). Nothing was changed. Try again or report it to the administrator.",
        },
            # -- map ------------------------------------------------------------------------
        "map_presentation": {"nl": "Presentatiemodus (beamer)", "en": "Presentation mode (beamer)"},
        "map_presentation_help": {"nl": "Volle breedte, grote letters, sterk contrast.", "en": "Full width, large labels, high contrast."},
        "map_filters": {"nl": "Filters en weergave", "en": "Filters and display"},
        "map_presentation_off": {"nl": "Presentatiemodus sluiten", "en": "Leave presentation mode"},
        "map_colour": {"nl": "Kleur naar", "en": "Colour by"},
        "map_colour_type": {"nl": "type betrokkene", "en": "stakeholder type"},
        "map_colour_community": {"nl": "gemeenschap", "en": "community"},
        "map_details": {"nl": "Betrokkene", "en": "Stakeholder"},
        "map_view_ego": {"nl": "Bekijk het netwerk van {name}", "en": "View the network of {name}"},
        "map_back_to_overview": {"nl": "Terug naar het vorige overzicht", "en": "Back to the previous overview"},
        "map_in_words": {"nl": "Netwerk in woorden", "en": "The network in words"},
        "map_in_words_help": {
            "nl": "De kaart als tabel, voor wie de afbeelding niet kan gebruiken: elke betrokkene met type, contacten en rol, de belangrijkste eerst.",
            "en": "The map as a table, for anyone who cannot use the picture: every stakeholder with type, contacts and role, most important first.",
        },
        "filter_types": {"nl": "Types", "en": "Types"},
        "filter_themes": {"nl": "Thema's", "en": "Themes"},
        "filter_areas": {"nl": "Wijken", "en": "Areas"},
        "filter_communities": {"nl": "Gemeenschappen", "en": "Communities"},
        "community_label": {"nl": "Gemeenschap {number}", "en": "Community {number}"},
        "filter_min_strength": {"nl": "Minimale sterkte van een relatie", "en": "Minimum strength of a relation"},
        "map_size_by": {"nl": "Grootte van de bollen naar", "en": "Node size by"},
        "size_none": {"nl": "gelijk", "en": "equal"},
        "size_degree": {"nl": "aantal relaties", "en": "number of ties"},
        "size_betweenness": {"nl": "tussenpositie (makelaar)", "en": "betweenness (broker)"},
        "size_eigenvector": {"nl": "eigenvector (goed verbonden)", "en": "eigenvector (well connected)"},
        "size_pagerank": {"nl": "PageRank", "en": "PageRank"},
        "apply": {"nl": "Toepassen", "en": "Apply"},
        "hl_brokers": {"nl": "Makelaars markeren", "en": "Highlight brokers"},
        "hl_cuts": {"nl": "Snijpunten en bruggen", "en": "Cut points and bridges"},
        "hl_isolated": {"nl": "Geïsoleerde initiatieven", "en": "Isolated initiatives"},
        "hl_suggestions": {"nl": "Voorgestelde verbindingen", "en": "Suggested connections"},
        "map_search": {"nl": "Zoek een betrokkene", "en": "Find a stakeholder"},
        "map_nothing_left": {"nl": "Met deze filters blijft niemand over. Maak de filters ruimer.", "en": "No one is left with these filters. Widen the filters."},
        "map_subgroups": {
            "nl": "Deze selectie heeft {n} betrokkenen (meer dan {threshold}): de kaart toont haar deelgroepen. Klik op een deelgroep om haar betrokkenen te zien.",
            "en": "This selection has {n} stakeholders (more than {threshold}): the map shows its subgroups. Click a subgroup to see its stakeholders.",
        },
        "map_too_large": {
            "nl": "Dit netwerk heeft {n} betrokkenen (meer dan {threshold}): de kaart toont gemeenschappen. Klik op een gemeenschap om haar betrokkenen te zien, of kies er een in de filters.",
            "en": "This network has {n} stakeholders (more than {threshold}): the map shows communities. Click a community to see its stakeholders, or pick one in the filters.",
        },
        "map_alt": {"nl": "Netwerkkaart met {n} betrokkenen", "en": "Network map with {n} stakeholders"},
        "map_caption": {
            "nl": "{shown} van {total} betrokkenen getoond, {ties} verbonden paren (meerdere relaties tussen dezelfde twee tellen als één). Vorm én kleur geven het type aan; sleep om te verschuiven, scroll om te zoomen.",
            "en": "Showing {shown} of {total} stakeholders, {ties} connected pairs (several relations between the same two count once). Shape and colour show the type; drag to pan, scroll to zoom.",
        },
        # -- my network -----------------------------------------------------------------
        "ego_who": {"nl": "Wie ben je (of wiens netwerk wil je zien)?", "en": "Who are you (or whose network do you want to see)?"},
        "ego_radius": {"nl": "Hoe ver", "en": "How far"},
        "ego_radius_1": {"nl": "1 stap", "en": "1 step"},
        "ego_radius_2": {"nl": "2 stappen", "en": "2 steps"},
        "ego_pick": {"nl": "Kies een betrokkene om zijn of haar netwerk te zien.", "en": "Pick a stakeholder to see their network."},
        "ego_direct": {"nl": "Directe contacten", "en": "Direct contacts"},
        "ego_reach2": {"nl": "Bereik in 2 stappen", "en": "Reach in 2 steps"},
        "ego_rank": {"nl": "Plek als makelaar", "en": "Rank as broker"},
        "ego_constraint": {"nl": "Beperking (Burt)", "en": "Constraint (Burt)"},
        "ego_role": {"nl": "Rol in het netwerk", "en": "Role in the network"},
        "ego_introduce": {"nl": "Wie zou je aan elkaar kunnen voorstellen?", "en": "Whom could you introduce to each other?"},
        "ego_introduce_help": {
            "nl": "Mensen die jij kent, die elkaar nog niet kennen maar wel een thema of wijk delen.",
            "en": "People you know who don't know each other yet but share a theme or area.",
        },
        "ego_no_pairs": {"nl": "Geen voor de hand liggende introducties gevonden.", "en": "No obvious introductions found."},
        "ego_initiatives": {"nl": "Initiatieven in jouw thema's waar je nog geen contact mee hebt", "en": "Initiatives in your themes you are not yet connected to"},
        "ego_initiatives_help": {
            "nl": "Met de wijk waar het initiatief werkt en wie jullie aan elkaar kan voorstellen. Neem er een over en de relatie staat direct op de kaart.",
            "en": "With the area the initiative works in and who can introduce you. Accept one and the relation shows on the map at once.",
        },
        "ego_accept_which": {"nl": "Contact leggen met", "en": "Get in touch with"},
        "ego_no_initiatives": {"nl": "Geen: je bent al verbonden met de initiatieven in jouw thema's.", "en": "None: you are already connected to the initiatives in your themes."},
        # -- brokers ----------------------------------------------------------------------
        "brokers_intro": {
            "nl": "Makelaars verbinden mensen en groepen die anders los van elkaar staan. Ze zijn waardevol, én kwetsbaar: valt zo iemand weg, dan valt een verbinding weg.",
            "en": "Brokers connect people and groups that would otherwise be apart. They are valuable, and a risk: if such a person leaves, a connection goes with them.",
        },
        "brokers_group": {"nl": "Groepen voor makelaarsrollen", "en": "Groups for brokerage roles"},
        "group_type": {"nl": "type betrokkene", "en": "stakeholder type"},
        "group_organisation": {"nl": "organisatie / afdeling", "en": "organisation / department"},
        "group_area": {"nl": "wijk", "en": "area"},
        "group_community": {"nl": "gemeenschap", "en": "community"},
        "brokers_top": {"nl": "Aantal makelaars in beeld", "en": "Number of brokers shown"},
        "brokers_spof": {"nl": "Enig aanspreekpunt", "en": "Single points of contact"},
        "brokers_spof_help": {
            "nl": "Betrokkenen wier enige route naar de gemeente via één ambtenaar loopt. Valt die persoon weg, dan verliezen zij hun ingang.",
            "en": "Stakeholders whose only route to the municipality runs through one civil servant. If that person leaves, they lose their way in.",
        },
        "brokers_no_spof": {"nl": "Niemand hangt af van één enkele ambtenaar.", "en": "No one depends on a single civil servant."},
        "brokers_explain_title": {"nl": "Wat betekenen deze maten?", "en": "What do these measures mean?"},
        "brokers_explain": {
            "nl": "- **Tussenpositie (betweenness)**: hoe vaak iemand op de kortste route tussen twee anderen ligt (Freeman, 1977). Hoog = veel verkeer loopt via deze persoon.\n"
            "- **Beperking (constraint)**: hoe sterk iemands contacten ook elkaar kennen (Burt, 1992). Laag = iemand overbrugt 'structurele gaten'.\n"
            "- **Effectieve omvang en efficiëntie**: hoeveel niet-overlappende contacten iemand heeft, en welk deel van de contacten dat is.\n"
            "- **Hiërarchie**: of de beperking van één contact komt (hoog) of gelijk verdeeld is.\n"
            "- **Makelaarsrollen** (Gould & Fernandez, 1989): hoe vaak iemand tussen twee anderen staat die niet direct verbonden zijn, naar groep: *coördinator* (alle drie in één groep), *consultant* (twee uit een andere groep), *poortwachter* en *vertegenwoordiger* (tussen de eigen en een andere groep), *verbindingspersoon* (drie verschillende groepen).\n"
            "- **Snijpunt**: iemand zonder wie het netwerk in stukken valt.",
            "en": "- **Betweenness**: how often someone lies on the shortest route between two others (Freeman, 1977). High = much traffic runs through this person.\n"
            "- **Constraint**: how much someone's contacts also know each other (Burt, 1992). Low = someone spans 'structural holes'.\n"
            "- **Effective size and efficiency**: how many non-redundant contacts someone has, and what share of their contacts that is.\n"
            "- **Hierarchy**: whether constraint comes from one contact (high) or is spread evenly.\n"
            "- **Brokerage roles** (Gould & Fernandez, 1989): how often someone stands between two others who are not directly tied, by group: *coordinator* (all three in one group), *itinerant* (two from another group), *gatekeeper* and *representative* (between their own and another group), *liaison* (three different groups).\n"
            "- **Cut point**: someone without whom the network falls apart.",
        },
        # -- suggestions --------------------------------------------------------------------
        "sugg_intro": {
            "nl": "Voorstellen voor nieuwe verbindingen, elk met een reden en een volgende stap: iemand die de introductie kan doen, of een overleg waarvoor je beiden uitnodigt. Neem een voorstel over en het staat direct op de kaart.",
            "en": "Suggested new connections, each with a reason and a next step: someone who can make the introduction, or a meeting to invite both to. Accept one and it shows on the map at once.",
        },
        "sugg_kind": {"nl": "Soort voorstel", "en": "Kind of suggestion"},
        "kind_structural": {"nl": "gedeelde contacten", "en": "shared contacts"},
        "kind_thematic": {"nl": "zelfde thema of wijk", "en": "same theme or area"},
        "kind_access": {"nl": "ingang bij de gemeente", "en": "access to the municipality"},
        "score": {"nl": "score", "en": "score"},
        "sugg_none": {"nl": "Geen voorstellen (meer) met deze filters.", "en": "No (more) suggestions with these filters."},
        "sugg_how_many": {"nl": "Aantal voorstellen", "en": "Number of suggestions"},
        "sugg_introducer": {"nl": "Kan introduceren: {name}", "en": "Can introduce: {name}"},
        "sugg_accept": {"nl": "Overnemen", "en": "Accept"},
        "sugg_dismiss": {"nl": "Verbergen", "en": "Dismiss"},
        "sugg_note": {"nl": "Voorgesteld door Netwerkkaart", "en": "Suggested by Netwerkkaart"},
        "sugg_accepted": {"nl": "Relatie toegevoegd: {a} ↔ {b}. Je ziet hem nu op de kaart en bij Gegevens.", "en": "Relation added: {a} ↔ {b}. It now shows on the map and on the Data page."},
        # -- stakeholder grid ---------------------------------------------------------------
        "grid_intro": {
            "nl": "Invloed tegen belang (Mendelow): wie moet je nauw betrekken, tevreden houden, informeren of monitoren (in de gaten houden)?",
            "en": "Influence against interest (Mendelow): whom to manage closely, keep satisfied, keep informed or monitor?",
        },
        "grid_none": {
            "nl": "Geen betrokkenen met zowel invloed als belang (1–5). Vul de kolommen invloed en belang in op de pagina Gegevens.",
            "en": "No stakeholders with both influence and interest (1–5). Fill in the influence and interest columns on the Data page.",
        },
        "grid_count": {"nl": "{rated} van {total} betrokkenen hebben invloed en belang ingevuld.", "en": "{rated} of {total} stakeholders have influence and interest filled in."},
        "q_manage": {"nl": "nauw betrekken", "en": "manage closely"},
        "q_satisfy": {"nl": "tevreden houden", "en": "keep satisfied"},
        "q_inform": {"nl": "informeren", "en": "keep informed"},
        "q_monitor": {"nl": "monitoren", "en": "monitor"},
        # -- data ---------------------------------------------------------------------------
        "data_edit": {"nl": "Bekijken en bewerken", "en": "View and edit"},
        "data_import": {"nl": "Importeren", "en": "Import"},
        "data_export": {"nl": "Exporteren", "en": "Export"},
        "data_edit_help": {
            "nl": "Pas cellen aan, voeg onderaan rijen toe of verwijder ze. Niets verandert totdat je op 'Wijzigingen toepassen' klikt; eerst wordt alles gecontroleerd.",
            "en": "Edit cells, add rows at the bottom or delete them. Nothing changes until you click 'Apply changes'; everything is checked first.",
        },
        "data_stakeholders": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "data_relations": {"nl": "Relaties", "en": "Relations"},
        "data_apply": {"nl": "Wijzigingen toepassen", "en": "Apply changes"},
        "data_apply_failed": {
            "nl": "De wijzigingen zijn niet toegepast: los eerst de {n} fout(en) hieronder op. Je netwerk is ongewijzigd.",
            "en": "The changes were not applied: first fix the {n} error(s) below. Your network is unchanged.",
        },
        "data_applied": {"nl": "Wijzigingen toegepast ({warnings} waarschuwing(en)).", "en": "Changes applied ({warnings} warning(s))."},
        "data_export_help": {
            "nl": "Sla het actieve netwerk op. CSV en Excel openen in Excel; GraphML en GEXF in Gephi; JSON leest Netwerkkaart zelf het best. Cellen die met = + - @ beginnen krijgen een ' ervoor, zodat Excel ze niet als formule uitvoert.",
            "en": "Save the active network. CSV and Excel open in Excel; GraphML and GEXF in Gephi; JSON is what Netwerkkaart reads best. Cells starting with = + - @ get a ' in front, so Excel never runs them as a formula.",
        },
        "csv_dialect": {"nl": "CSV-formaat", "en": "CSV format"},
        "csv_dialect_standard": {"nl": "standaard (, en decimale punt)", "en": "standard (, and decimal point)"},
        "csv_dialect_excel_nl": {"nl": "Excel Nederland (; en decimale komma)", "en": "Dutch Excel (; and decimal comma)"},
        "dl_csv_people": {"nl": "CSV: betrokkenen", "en": "CSV: stakeholders"},
        "dl_csv_ties": {"nl": "CSV: relaties", "en": "CSV: relations"},
        "dl_map": {"nl": "Kaart als los HTML-bestand (werkt offline)", "en": "Map as a standalone HTML file (works offline)"},
        "dl_charts": {
            "nl": "Grafieken bewaar je als PNG of SVG met het camera-icoon rechtsboven in elke grafiek.",
            "en": "Save charts as PNG or SVG with the camera icon at the top right of each chart.",
        },
        # -- gaps ---------------------------------------------------------------------------
        "gaps_intro": {
            "nl": "Waar zitten de gaten? Initiatieven zonder ingang bij de gemeente, groepen die langs elkaar heen werken, en thema's zonder ambtenaar.",
            "en": "Where are the gaps? Initiatives with no way in to the municipality, groups that work past each other, and themes without a civil servant.",
        },
        "gaps_isolated": {"nl": "Geïsoleerde initiatieven", "en": "Isolated initiatives"},
        "gaps_components_without": {"nl": "Delen zonder ambtenaar", "en": "Parts without a civil servant"},
        "gaps_communities": {"nl": "Gemeenschappen", "en": "Communities"},
        "gaps_modularity": {"nl": "Gemeenschappen zijn groepen die onderling veel meer relaties hebben dan met de rest. Modulariteit {q} zegt hoe scherp die scheiding is: van 0 (geen) tot 1; boven 0,3 zijn de groepen duidelijk gescheiden.", "en": "Communities are groups with far more ties among themselves than with the rest. Modularity {q} says how sharp that split is: from 0 (none) to 1; above 0.3 the groups are clearly separated."},
        "gaps_uncovered": {"nl": "Thema's zonder ambtenaar", "en": "Themes without a civil servant"},
        "gaps_isolated_title": {"nl": "Initiatieven zonder (goede) ingang bij de gemeente", "en": "Initiatives without a (good) way in to the municipality"},
        "gaps_no_isolated": {"nl": "Elk initiatief heeft een korte route naar de gemeente.", "en": "Every initiative has a short route to the municipality."},
        "gaps_mixing_title": {"nl": "Wie werkt met wie: banden tussen groepen", "en": "Who works with whom: ties between groups"},
        "gaps_mixing_help": {
            "nl": "Dichtheid = het deel van alle mogelijke relaties tussen twee groepen dat er echt is: 0 is geen enkele relatie, 1 is iedereen kent iedereen. Licht (geel) = de meeste relaties, donker (blauw) = weinig of geen. Donkere vakken buiten de diagonaal zijn groepen die langs elkaar heen werken.",
            "en": "Density = the share of all possible relations between two groups that actually exist: 0 is no relation at all, 1 is everyone knows everyone. Light (yellow) = the most relations, dark (blue) = few or none. Dark cells off the diagonal are groups that work past each other.",
        },
        "gaps_mixing_by": {"nl": "Groepen naar", "en": "Groups by"},
        "gaps_density_title": {"nl": "Dichtheid van relaties per {by}", "en": "Tie density by {by}"},
        "gaps_ei_title": {"nl": "E-I-index per groep", "en": "E-I index per group"},
        "gaps_ei_help": {
            "nl": "Hoe naar binnen gekeerd is een groep? De E-I-index (Krackhardt & Stern, 1988) loopt van −1 (alle relaties binnen de eigen groep: een silo) via 0 (evenveel binnen als buiten) tot +1 (alle relaties naar buiten).",
            "en": "How inward-looking is a group? The E-I index (Krackhardt & Stern, 1988) runs from −1 (all ties inside the group: a silo) through 0 (as many inside as outside) to +1 (all ties outside).",
        },
        "gaps_communities_title": {"nl": "Gemeenschappen en waaruit ze bestaan", "en": "Communities and what they consist of"},
        "gaps_uncovered_title": {"nl": "Thema's met initiatieven maar zonder ambtenaar", "en": "Themes with initiatives but no civil servant"},
        # -- workshop -----------------------------------------------------------------------
        "ws_intro": {
            "nl": "Open een workshop: deelnemers scannen de QR-code met hun telefoon, vertellen wie ze zijn en met wie ze samenwerken, en de kaart groeit op het scherm.",
            "en": "Open a workshop: participants scan the QR code with their phone, say who they are and whom they work with, and the map grows on screen.",
        },
        "ws_new": {"nl": "Nieuwe workshop", "en": "New workshop"},
        "ws_open": {"nl": "Bestaande workshop openen", "en": "Open an existing workshop"},
        "ws_title": {"nl": "Titel", "en": "Title"},
        "ws_default_title": {"nl": "Netwerkworkshop", "en": "Network workshop"},
        "ws_seed": {"nl": "Beginnen met", "en": "Start from"},
        "ws_seed_none": {"nl": "een lege kaart", "en": "an empty map"},
        "ws_create": {"nl": "Workshop openen", "en": "Open workshop"},
        "ws_code": {"nl": "Workshopcode", "en": "Workshop code"},
        "ws_key": {"nl": "Sleutel van de begeleider", "en": "Facilitator key"},
        "ws_open_button": {"nl": "Openen", "en": "Open"},
        "ws_wrong_key": {"nl": "Deze code en sleutel horen niet bij elkaar.", "en": "This code and key do not match."},
        "ws_key_once": {
            "nl": "Bewaar deze sleutel: **{key}** — je hebt hem nodig om de workshop later te openen, te sluiten of op te slaan. Na deze sessie is hij nergens meer te zien: hij wordt alleen als hash bewaard.",
            "en": "Keep this key: **{key}** — you need it to open, close or save the workshop later. After this session it cannot be shown again: only a hash is stored.",
        },
        "ws_scan": {"nl": "Scan om mee te doen", "en": "Scan to take part"},
        "ws_participants": {"nl": "Deelnemers", "en": "Participants"},
        "ws_relations": {"nl": "Relaties", "en": "Relations"},
        "ws_last_minute": {"nl": "Nieuw (laatste minuut)", "en": "New (last minute)"},
        "ws_status": {"nl": "Status", "en": "Status"},
        "ws_open_status": {"nl": "open", "en": "open"},
        "ws_closed_status": {"nl": "gesloten", "en": "closed"},
        "ws_waiting": {"nl": "Nog geen inzendingen. Zodra iemand iets instuurt, verschijnt het hier.", "en": "No submissions yet. As soon as someone submits, it shows here."},
        "ws_refresh": {"nl": "Ververst elke {seconds} seconden · laatst {time}", "en": "Refreshes every {seconds} seconds · last {time}"},
        "ws_close": {"nl": "Workshop sluiten", "en": "Close workshop"},
        "ws_reopen": {"nl": "Workshop heropenen", "en": "Reopen workshop"},
        "ws_save_name": {"nl": "Opslaan als netwerk", "en": "Save as network"},
        "ws_save": {"nl": "Opslaan als nieuwe versie", "en": "Save as a new version"},
        "ws_saved": {"nl": "Opgeslagen als versie {version}.", "en": "Saved as version {version}."},
        "ws_analyse": {"nl": "Analyseer dit netwerk", "en": "Analyse this network"},
        "ws_analysing": {"nl": "Het workshopnetwerk is nu het actieve netwerk op alle pagina's.", "en": "The workshop network is now the active network on every page."},
        "ws_leave": {"nl": "Workshop verlaten", "en": "Leave workshop"},
        "ws_entries": {"nl": "Inzendingen beheren", "en": "Manage entries"},
        "ws_no_entries": {"nl": "Nog geen inzendingen.", "en": "No entries yet."},
        "ws_remove_which": {"nl": "Inzending verwijderen", "en": "Remove an entry"},
        "ws_remove": {"nl": "Verwijderen", "en": "Remove"},
        "join": {"nl": "Meedoen", "en": "Join"},
        "part_closed": {"nl": "Deze workshop is gesloten: je kunt niets meer insturen. Vraag de begeleider om hem te heropenen.", "en": "This workshop is closed: you can no longer submit. Ask the facilitator to reopen it."},
        "part_who": {"nl": "Wie ben je?", "en": "Who are you?"},
        "part_name": {"nl": "Je naam", "en": "Your name"},
        "part_type": {"nl": "Je bent een", "en": "You are a"},
        "part_organisation": {"nl": "Organisatie of afdeling (mag leeg)", "en": "Organisation or department (optional)"},
        "part_themes": {"nl": "Thema's waar je aan werkt", "en": "Themes you work on"},
        "part_area": {"nl": "Wijk (mag leeg)", "en": "Area (optional)"},
        "part_with_whom": {"nl": "Met wie werk je samen?", "en": "Whom do you work with?"},
        "part_existing": {"nl": "Kies iemand uit de lijst", "en": "Pick someone from the list"},
        "part_someone_new": {"nl": "— iemand nieuws —", "en": "— someone new —"},
        "part_new_name": {"nl": "Naam van iemand nieuws", "en": "Name of someone new"},
        "part_new_type": {"nl": "Wat voor betrokkene is dat?", "en": "What kind of stakeholder is that?"},
        "part_relation": {"nl": "Soort samenwerking", "en": "Kind of relation"},
        "part_strength": {"nl": "Hoe sterk is de band?", "en": "How strong is the tie?"},
        "part_strength_help": {"nl": "1 = af en toe contact, 5 = dagelijks samen", "en": "1 = occasional contact, 5 = daily together"},
        "part_add": {"nl": "Toevoegen", "en": "Add"},
        "part_need_name": {"nl": "Kies iemand of typ een naam.", "en": "Pick someone or type a name."},
        "part_remove": {"nl": "Verwijder", "en": "Remove"},
        "part_send": {"nl": "Versturen", "en": "Send"},
        "part_update": {"nl": "Wijziging versturen", "en": "Send change"},
        "mod_heading": {"nl": "Wat de zaal ziet: goedkeuren, dubbele namen, kiesbare namen", "en": "What the room sees: approval, duplicate names, choosable names"},
        "mod_enabled": {"nl": "Inzendingen eerst goedkeuren", "en": "Approve entries first"},
        "mod_enabled_help": {
            "nl": "Aan: een inzending komt pas op de kaart als je haar hebt goedgekeurd. Een gewijzigde inzending wacht opnieuw.",
            "en": "On: an entry appears on the map only after you approve it. A changed entry waits again.",
        },
        "mod_none_pending": {"nl": "Er wacht niets op goedkeuring.", "en": "Nothing is waiting for approval."},
        "mod_pending": {"nl": "Wacht op goedkeuring: {n}", "en": "Waiting for approval: {n}"},
        "mod_hidden_participant": {"nl": "Deelnemer (zonder naam)", "en": "Participant (without name)"},
        "mod_approve": {"nl": "Goedkeuren", "en": "Approve"},
        "mod_reject": {"nl": "Afwijzen", "en": "Reject"},
        "mod_approve_all": {"nl": "Alle {n} goedkeuren", "en": "Approve all {n}"},
        "mod_merge_heading": {"nl": "Dubbele namen samenvoegen", "en": "Merge duplicate names"},
        "mod_merge_help": {
            "nl": "Bijvoorbeeld 'J. de Vries' en 'Jan de Vries': kies de dubbele naam en de naam die blijft. Alle relaties gaan mee; je kunt het ongedaan maken.",
            "en": "For example 'J. de Vries' and 'Jan de Vries': pick the duplicate and the name that stays. All relations move along; you can undo it.",
        },
        "mod_merge_from": {"nl": "Dubbele naam", "en": "Duplicate name"},
        "mod_merge_into": {"nl": "Samenvoegen met (deze naam blijft)", "en": "Merge into (this name stays)"},
        "mod_merge": {"nl": "Samenvoegen", "en": "Merge"},
        "mod_merged": {"nl": "{name} is samengevoegd met {into}", "en": "{name} is merged into {into}"},
        "mod_unmerge": {"nl": "Ongedaan maken", "en": "Undo"},
        "mod_choosable_heading": {"nl": "Kiesbaar op telefoons", "en": "Choosable on phones"},
        "mod_choosable_help": {
            "nl": "Deelnemers die met hun naam meedoen, zijn altijd kiesbaar (nu {n}). Anderen, zoals betrokkenen uit de beginkaart, alleen als je ze hier kiest.",
            "en": "Participants who take part by name are always choosable ({n} now). Others, such as stakeholders from the starting map, only if you pick them here.",
        },
        "mod_choosable": {"nl": "Ook kiesbaar maken", "en": "Also make choosable"},
        "mod_choosable_save": {"nl": "Kiesbare namen opslaan", "en": "Save choosable names"},
        "mod_choosable_saved": {"nl": "Opgeslagen: telefoons kunnen nu {n} namen kiezen.", "en": "Saved: phones can now pick {n} names."},
        "part_privacy_heading": {"nl": "Eerst: wat er met je gegevens gebeurt", "en": "First: what happens to your data"},
        "part_privacy_text": {
            "nl": (
                "- **Wat we bewaren**: wat je hieronder invult (je naam, wat voor betrokkene je bent, organisatie, "
                "thema's, wijk) en met wie je samenwerkt (namen, soort en sterkte van de band). Op je telefoon komt "
                "een cookie met een willekeurige code, zodat je je inzending later kunt wijzigen of intrekken. "
                "We vragen geen e-mailadres of telefoonnummer.\n"
                "- **Wie het ziet**: de begeleider ziet alles wat je instuurt, ook je naam. Op de kaart op het grote "
                "scherm sta je met je naam of als 'Deelnemer' met een nummer: dat kies je hieronder. Wat voor "
                "betrokkene je bent, je organisatie, thema's en wijk staan er wel bij. Andere deelnemers kunnen je op "
                "hun telefoon alleen kiezen als je met je naam meedoet.\n"
                "- **Hoe lang**: wat je nog niet hebt verstuurd, bewaren we tot de workshop sluit, zodat niets verloren "
                "gaat als je de pagina herlaadt. Wat je verstuurt, blijft bij de workshop bewaard, ook na afloop; de "
                "begeleider kan het netwerk opslaan als versie voor zijn of haar team. Het wordt niet vanzelf na een "
                "vaste tijd gewist: vraag de begeleider of de beheerder om je gegevens te wissen.\n"
                "- **Intrekken**: onder 'Jouw inzendingen' kun je je inzending wijzigen of intrekken, ook nadat de "
                "workshop is gesloten, zolang je deze browser gebruikt (het cookie blijft 14 dagen). Intrekken haalt "
                "je inzending van de kaart en wist de inhoud; een versie die de begeleider al had opgeslagen, "
                "verandert daardoor niet."
            ),
            "en": (
                "- **What we keep**: what you fill in below (your name, what kind of stakeholder you are, organisation, "
                "themes, area) and whom you work with (names, kind and strength of the tie). Your phone gets a cookie "
                "with a random code, so you can change or withdraw your entry later. We do not ask for an e-mail "
                "address or phone number.\n"
                "- **Who sees it**: the facilitator sees everything you send, including your name. On the map on the "
                "big screen you appear by name or as 'Participant' with a number: you choose below. Your kind of "
                "stakeholder, organisation, themes and area are shown either way. Other participants can pick you on "
                "their phones only if you take part by name.\n"
                "- **How long**: what you have not sent yet is kept until the workshop closes, so nothing is lost if "
                "you reload the page. What you send stays with the workshop, also afterwards; the facilitator can save "
                "the network as a version for their team. It is not deleted automatically after a fixed time: ask the "
                "facilitator or the administrator to erase your data.\n"
                "- **Withdrawing**: under 'Your entries' you can change or withdraw your entry, also after the "
                "workshop has closed, as long as you use this browser (the cookie lasts 14 days). Withdrawing takes "
                "your entry off the map and erases its content; a version the facilitator had already saved does not "
                "change."
            ),
        },
        "part_privacy_moderated": {
            "nl": "- **Goedkeuring**: de begeleider bekijkt elke inzending eerst; pas daarna staat ze op de kaart.",
            "en": "- **Approval**: the facilitator looks at every entry first; only then is it on the map.",
        },
        "part_shown_as": {"nl": "Hoe wil je op de kaart staan?", "en": "How do you want to appear on the map?"},
        "part_shown_as_name": {"nl": "Met mijn naam", "en": "By my name"},
        "part_shown_as_participant": {"nl": "Als deelnemer, zonder naam (bijvoorbeeld 'Deelnemer 3')", "en": "As a participant, without my name (for example 'Participant 3')"},
        "part_consent": {"nl": "Ik heb dit gelezen en doe mee", "en": "I have read this and take part"},
        "part_consent_first": {
            "nl": "Kies hoe je op de kaart wilt staan en vink aan dat je meedoet; daarna verschijnt het formulier.",
            "en": "Choose how you want to appear on the map and tick that you take part; then the form appears.",
        },
        "part_tie_name": {"nl": "Naam van iemand met wie je samenwerkt", "en": "Name of someone you work with"},
        "part_send_heading": {"nl": "3. Klaar? Verstuur je inzending", "en": "3. Done? Send your entry"},
        "part_chosen_person": {"nl": "iemand uit de lijst", "en": "someone from the list"},
        "part_pending": {"nl": "wacht op goedkeuring", "en": "awaiting approval"},
        "part_thanks_pending": {
            "nl": "Dank je! Je inzending met {n} relatie(s) is opgeslagen. De begeleider bekijkt haar eerst; daarna staat ze op de kaart.",
            "en": "Thank you! Your entry with {n} relation(s) is saved. The facilitator looks at it first; then it is on the map.",
        },
        "part_thanks": {"nl": "Dank je! Je inzending met {n} relatie(s) is opgeslagen en staat op de kaart.", "en": "Thank you! Your entry with {n} relation(s) is saved and on the map."},
        "part_mine": {"nl": "Jouw inzendingen", "en": "Your entries"},
        "part_edit": {"nl": "Wijzigen", "en": "Edit"},
        "part_withdraw": {"nl": "Intrekken", "en": "Withdraw"},
        "dl_chart_format": {"nl": "Grafieken downloaden als", "en": "Download charts as"},
        "group_missing": {"nl": "(niet ingevuld)", "en": "(not filled in)"},
        "group_other": {"nl": "(alle kleinere groepen samen)", "en": "(all smaller groups together)"},
        "choose": {"nl": "Kies…", "en": "Choose…"},
        "part_themes_placeholder": {"nl": "Kies of typ een thema…", "en": "Pick or type a theme…"},
        "brokers_details": {"nl": "Alle maten en makelaarsrollen per persoon", "en": "All measures and brokerage roles per person"},
        "sampled_closeness_note": {
            "nl": "Nabijheid (closeness) is geschat vanuit {k} startpunten per deel van het netwerk (mediane afwijking onder 1%).",
            "en": "Closeness was estimated from {k} pivots per part of the network (median error below 1%).",
        },
        # -- appended by the Dutch-reading pass (issue 15) ---------------------------------
        "sugg_next_step": {"nl": "Volgende stap:", "en": "Next step:"},
        "score_help": {
            "nl": "De score (0 tot 1) weegt hoeveel ze delen (contacten, thema's, wijk) en hoeveel een kennismaking oplevert; bij gelijke score eerst wie nu de minste contacten heeft.",
            "en": "The score (0 to 1) weighs what they share (contacts, themes, area) and what an introduction brings; at equal scores, whoever has the fewest contacts now comes first.",
        },
        # -- the concept (issue #13) ---------------------------------------------------
        "draft_none": {
            "nl": "Je werkt met het voorbeeldnetwerk. Elke wijziging wordt meteen als concept bewaard.",
            "en": "You are working with the demo network. Every change is kept as a draft at once.",
        },
        "draft_unsaved": {"nl": "**Concept — nog niet opgeslagen als versie**", "en": "**Draft — not yet saved as a version**"},
        "draft_saved": {"nl": "Opgeslagen als versie; er zijn geen nieuwe wijzigingen.", "en": "Saved as a version; there are no new changes."},
        "draft_save": {"nl": "Opslaan als versie", "en": "Save as version"},
        "draft_undo": {"nl": "↶ Ongedaan maken", "en": "↶ Undo"},
        "draft_redo": {"nl": "↷ Opnieuw", "en": "↷ Redo"},
        "draft_last_step": {"nl": "Laatste stap: {step} ({n} stap(pen) terug te zetten)", "en": "Last step: {step} ({n} step(s) to undo)"},
        "draft_default_name": {"nl": "Netwerk", "en": "Network"},
        "draft_saved_as": {"nl": "Opgeslagen als versie {number} van {name}.", "en": "Saved as version {number} of {name}."},
        "draft_other_tab": {
            "nl": "Je concept is intussen in een ander tabblad gewijzigd; je ziet nu de nieuwste stand.",
            "en": "Your draft was changed in another tab meanwhile; you now see the latest state.",
        },
        "draft_merged": {
            "nl": "Je concept was intussen in een ander tabblad gewijzigd. Je wijziging is samengevoegd (de laatste wijziging wint per veld); overschreven of weggelaten: {notes}.",
            "en": "Your draft was changed in another tab meanwhile. Your change was merged (the latest change wins per field); overwritten or left out: {notes}.",
        },
        "draft_stale": {
            "nl": "Dit tabblad liep achter op je concept; het is bijgewerkt. Kies Ongedaan maken opnieuw als je dat nog wilt.",
            "en": "This tab was behind your draft; it has been updated. Choose Undo again if you still want to.",
        },
        "draft_replace_warning": {
            "nl": "Je concept is nog niet opgeslagen als versie. Dit vervangt het (met Ongedaan maken haal je het terug).",
            "en": "Your draft is not saved as a version yet. This replaces it (Undo brings it back).",
        },
        "draft_replace_confirm": {"nl": "Ja, vervang mijn concept", "en": "Yes, replace my draft"},
        "draft_replace_needed": {
            "nl": "Vink eerst aan dat je concept vervangen mag worden.",
            "en": "First tick that your draft may be replaced.",
        },
        # -- exact values of large saved versions (issue 19) -----------------------------
        "kadabra_note": {
            "nl": "Dit netwerk is groot: tussenpositie is geschat met een steekproef van kortste paden (KADABRA). "
            "Elke waarde ligt met {confidence} zekerheid binnen {error} van de exacte waarde. "
            "Gemeten op een netwerk van {n_measured} betrokkenen stonden {agreement} van de exacte top 20 ook in deze top 20.",
            "en": "This network is large: betweenness was estimated from a sample of shortest paths (KADABRA). "
            "Every value is within {error} of the exact value with {confidence} certainty. "
            "Measured on a network of {n_measured} stakeholders, {agreement} of the exact top 20 were also in this top 20.",
        },
        "kadabra_uncertain": {
            "nl": "Bij deze omvang is de volgorde van de sterkste makelaars dus onzeker: "
            "gebruik voor besluiten de exacte waarden van een opgeslagen versie.",
            "en": "At this size the order of the strongest brokers is therefore uncertain: "
            "for decisions, use the exact values of a saved version.",
        },
        "exact_saved_note": {
            "nl": "Tussenpositie en nabijheid zijn exact: op de achtergrond berekend voor versie {number} van {network}.",
            "en": "Betweenness and closeness are exact: computed in the background for version {number} of {network}.",
        },
        "exact_running_note": {
            "nl": "De exacte waarden voor de opgeslagen versie worden op de achtergrond berekend ({share} klaar). "
            "Daarna verschijnen ze hier vanzelf.",
            "en": "The exact values for the saved version are being computed in the background ({share} done). "
            "They appear here when they are ready.",
        },
        "exact_queued_note": {
            "nl": "De exacte berekening voor de opgeslagen versie staat in de wachtrij.",
            "en": "The exact computation for the saved version is waiting its turn.",
        },
        "exact_save_hint": {
            "nl": "Sla dit netwerk op als versie: dan worden de exacte waarden op de achtergrond berekend.",
            "en": "Save this network as a version: the exact values are then computed in the background.",
        },
}
)
