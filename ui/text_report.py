"""Interface strings of the report page and the versions page, Dutch (default) and English.

Kept apart from :mod:`ui.text` so these two pages and their strings change
together. Use :func:`tr` like :func:`ui.t`.
"""

from __future__ import annotations

from netanalysis.i18n import Messages

__all__ = ["REPORT_UI", "tr"]

REPORT_UI = Messages(
    {
        # -- report page ------------------------------------------------------------
        "report_intro": {
            "nl": "Eén HTML-bestand voor de manager of de raad: kerncijfers, de kaart, verbinders, wie buiten de boot valt, "
            "ontbrekende verbindingen en de werkwijze. Het bestand werkt zonder internet; kies in de browser "
            "‘Afdrukken → Opslaan als PDF’ voor een PDF.",
            "en": "One HTML file for a manager or the council: key figures, the map, brokers, who is left out, "
            "missing connections and the method. The file works without internet; choose ‘Print → Save as PDF’ "
            "in the browser for a PDF.",
        },
        "report_lang": {"nl": "Taal van het rapport", "en": "Language of the report"},
        "report_pseudonymise": {"nl": "Namen van bewoners vervangen door schuilnamen", "en": "Replace residents' names by pseudonyms"},
        "report_pseudonymise_help": {
            "nl": "Voor een rapport dat buiten het team gaat. Ambtenaren, organisaties en initiatieven houden hun naam.",
            "en": "For a report that leaves the team. Civil servants, organisations and initiatives keep their names.",
        },
        "report_version": {"nl": "Versie van de gegevens (optioneel)", "en": "Data version (optional)"},
        "report_make": {"nl": "Rapport maken", "en": "Make the report"},
        "report_step": {"nl": "Bezig: {step} ({index} van {total})", "en": "Working: {step} ({index} of {total})"},
        "report_writing": {"nl": "Rapport opmaken…", "en": "Laying out the report…"},
        "step_centrality": {"nl": "centraliteit", "en": "centrality"},
        "step_brokers": {"nl": "makelaars", "en": "brokers"},
        "step_gaps": {"nl": "gaten", "en": "gaps"},
        "step_suggestions": {"nl": "ontbrekende verbindingen", "en": "missing connections"},
        "report_ready": {"nl": "Het rapport is klaar ({size} MB).", "en": "The report is ready ({size} MB)."},
        "report_preview": {"nl": "Kerncijfers in het rapport", "en": "Key figures in the report"},
        "report_download": {"nl": "Rapport downloaden (HTML)", "en": "Download the report (HTML)"},
        "report_previous": {"nl": "versie {number} van {date}", "en": "version {number} of {date}"},
        "report_compared": {
            "nl": "De conclusies vergelijken met de vorige opgeslagen versie: {version}.",
            "en": "The conclusions compare with the previous saved version: {version}.",
        },
        "report_stale": {
            "nl": "De gegevens of de keuzes zijn veranderd sinds dit rapport is gemaakt. Maak het opnieuw.",
            "en": "The data or the choices changed since this report was made. Make it again.",
        },
        "report_no_pdf": {
            "nl": "Een PDF maak je met de browser: open het bestand en kies Afdrukken → Opslaan als PDF (de opmaak is daarop ingesteld).",
            "en": "Make a PDF with the browser: open the file and choose Print → Save as PDF (the layout is made for it).",
        },
        "fig_stakeholders": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "fig_relations": {"nl": "Relaties", "en": "Relations"},
        "fig_isolated_initiatives": {"nl": "Geïsoleerde initiatieven", "en": "Isolated initiatives"},
        "fig_single_points": {"nl": "Enig aanspreekpunt", "en": "Single points of contact"},
        "fig_communities": {"nl": "Gemeenschappen", "en": "Communities"},
        # -- versions page: saving and listing ----------------------------------------
        "ver_tab_save": {"nl": "Opslaan", "en": "Save"},
        "ver_tab_list": {"nl": "Versies", "en": "Versions"},
        "ver_tab_compare": {"nl": "Vergelijken", "en": "Compare"},
        "ver_tab_trend": {"nl": "Verloop", "en": "Trend"},
        "ver_tab_forget": {"nl": "Persoon vergeten (AVG)", "en": "Forget a person (GDPR)"},
        "ver_save_help": {
            "nl": "Sla het actieve netwerk op als nieuwe versie. Eerdere versies blijven bewaard.",
            "en": "Save the active network as a new version. Earlier versions are kept.",
        },
        "ver_name": {"nl": "Naam van het netwerk", "en": "Name of the network"},
        "ver_note": {"nl": "Notitie (wat is er veranderd?)", "en": "Note (what changed?)"},
        "ver_author": {"nl": "Opgeslagen door (optioneel)", "en": "Saved by (optional)"},
        "ver_save": {"nl": "Opslaan als nieuwe versie", "en": "Save as a new version"},
        "ver_saved": {"nl": "Opgeslagen als versie {number} van ‘{name}’.", "en": "Saved as version {number} of ‘{name}’."},
        "ver_save_failed": {"nl": "Opslaan is niet gelukt: {reason}", "en": "Saving failed: {reason}"},
        "ver_none": {"nl": "Er zijn nog geen opgeslagen netwerken.", "en": "No networks have been saved yet."},
        "ver_network": {"nl": "Netwerk", "en": "Network"},
        "ver_pick": {"nl": "Versie", "en": "Version"},
        "ver_label": {"nl": "versie {number} · {date} · {note}", "en": "version {number} · {date} · {note}"},
        "ver_open": {"nl": "Openen als actief netwerk", "en": "Open as the active network"},
        "ver_restore": {"nl": "Terugzetten als nieuwste versie", "en": "Restore as the newest version"},
        "ver_restore_help": {
            "nl": "Maakt een kopie van deze versie als nieuwste versie; niets wordt overschreven.",
            "en": "Copies this version as the newest version; nothing is overwritten.",
        },
        "ver_opened": {"nl": "Versie {number} van ‘{name}’ is nu het actieve netwerk.", "en": "Version {number} of ‘{name}’ is now the active network."},
        "ver_restored": {"nl": "Teruggezet als versie {number}; dat is nu het actieve netwerk.", "en": "Restored as version {number}; it is now the active network."},
        "col_number": {"nl": "versie", "en": "version"},
        "col_created_at": {"nl": "opgeslagen op", "en": "saved on"},
        "col_note": {"nl": "notitie", "en": "note"},
        "col_author": {"nl": "door", "en": "by"},
        "col_stakeholders": {"nl": "betrokkenen", "en": "stakeholders"},
        "col_relations": {"nl": "relaties", "en": "relations"},
        "col_restored_from": {"nl": "hersteld uit", "en": "restored from"},
        # -- versions page: comparing ---------------------------------------------------
        "cmp_help": {
            "nl": "Wat is er veranderd tussen twee versies (of tussen een versie en het actieve netwerk)?",
            "en": "What changed between two versions (or between a version and the active network)?",
        },
        "cmp_before": {"nl": "Eerder", "en": "Before"},
        "cmp_after": {"nl": "Later", "en": "After"},
        "cmp_active": {"nl": "Actief netwerk (niet opgeslagen)", "en": "Active network (not saved)"},
        "cmp_run": {"nl": "Vergelijken", "en": "Compare"},
        "cmp_same": {"nl": "Geen betrokkenen of relaties toegevoegd of verwijderd.", "en": "No stakeholders or relations added or removed."},
        "cmp_summary": {
            "nl": "{stakeholders_added} betrokkenen erbij, {stakeholders_removed} eraf; {relations_added} relaties erbij, {relations_removed} eraf.",
            "en": "{stakeholders_added} stakeholders added, {stakeholders_removed} removed; {relations_added} relations added, {relations_removed} removed.",
        },
        "cmp_people_added": {"nl": "Nieuwe betrokkenen", "en": "New stakeholders"},
        "cmp_people_removed": {"nl": "Verdwenen betrokkenen", "en": "Stakeholders who left"},
        "cmp_ties_added": {"nl": "Nieuwe relaties", "en": "New relations"},
        "cmp_ties_removed": {"nl": "Verdwenen relaties", "en": "Relations that ended"},
        "cmp_freed": {"nl": "Initiatieven die niet meer geïsoleerd zijn", "en": "Initiatives no longer isolated"},
        "cmp_stranded": {"nl": "Initiatieven die nu geïsoleerd zijn", "en": "Initiatives isolated now"},
        "cmp_brokers": {"nl": "Verbinders: stijgers en dalers (top 10 tussenpositie)", "en": "Brokers: risers and fallers (top 10 betweenness)"},
        "cmp_nothing": {"nl": "Geen.", "en": "None."},
        "cmp_chart": {"nl": "Kerncijfers eerder en later", "en": "Key figures before and after"},
        "col_source_name": {"nl": "wie", "en": "who"},
        "col_target_name": {"nl": "met wie", "en": "with whom"},
        "col_rank_before": {"nl": "plek eerder", "en": "rank before"},
        "col_rank_after": {"nl": "plek later", "en": "rank after"},
        "col_movement": {"nl": "verschil", "en": "movement"},
        "col_status_label": {"nl": "verandering", "en": "change"},
        "col_reason": {"nl": "reden", "en": "reason"},
        "col_relation_type": {"nl": "soort relatie", "en": "kind of relation"},
        # -- versions page: trend --------------------------------------------------------
        "trend_help": {"nl": "De kerncijfers van alle versies van een netwerk.", "en": "The key figures of every version of a network."},
        "trend_one": {"nl": "Er is pas één versie; sla later een nieuwe op om het verloop te zien.", "en": "There is only one version; save another later to see the trend."},
        "trend_title": {"nl": "Kerncijfers per versie", "en": "Key figures by version"},
        # -- versions page: forgetting ---------------------------------------------------
        "forget_help": {
            "nl": "Op verzoek van een betrokkene (AVG, artikel 17) verwijder je hier alles over deze persoon: uit het actieve netwerk, "
            "uit elke opgeslagen versie en uit elke workshopinzending. Zijn of haar naam in notities van anderen wordt vervangen door […]. "
            "Dit kan niet ongedaan worden gemaakt.",
            "en": "At a person's request (GDPR, article 17) remove everything about them here: from the active network, "
            "from every saved version and from every workshop submission. Their name in other people's notes becomes […]. "
            "This cannot be undone.",
        },
        "forget_who": {"nl": "Naam of id van de persoon", "en": "Name or id of the person"},
        "forget_find": {"nl": "Zoeken", "en": "Find"},
        "forget_found": {
            "nl": "Gevonden: {names}. Dit wordt verwijderd:",
            "en": "Found: {names}. This will be removed:",
        },
        "forget_nothing": {"nl": "Niemand gevonden met deze naam of id.", "en": "Nobody found with this name or id."},
        "forget_active": {
            "nl": "Actief netwerk: {stakeholders} betrokkene(n), {relations} relatie(s), {text_fields} tekstveld(en).",
            "en": "Active network: {stakeholders} stakeholder(s), {relations} relation(s), {text_fields} text field(s).",
        },
        "forget_database": {
            "nl": "Database: {versions} versie(s), {submissions} workshopinzending(en), {text_fields} tekstveld(en) elders.",
            "en": "Database: {versions} version(s), {submissions} workshop submission(s), {text_fields} text field(s) elsewhere.",
        },
        "forget_confirm": {
            "nl": "Ik begrijp dat dit definitief is en niet ongedaan kan worden gemaakt.",
            "en": "I understand that this is final and cannot be undone.",
        },
        "forget_go": {"nl": "Definitief vergeten", "en": "Forget for good"},
        "forget_done": {"nl": "Vergeten: {names}.", "en": "Forgotten: {names}."},
        "forget_other_sessions": {
            "nl": "Let op: wie het netwerk nu al open heeft in een ander venster, ziet de oude gegevens tot hij of zij opnieuw laadt; "
            "eerder gedownloade bestanden en rapporten moet je zelf verwijderen.",
            "en": "Note: anyone who has the network open in another window sees the old data until they reload; "
            "files and reports downloaded earlier must be deleted by hand.",
        },
        "col_version_id": {"nl": "versie-id", "en": "version id"},
        "col_network": {"nl": "netwerk", "en": "network"},
        "col_workshop": {"nl": "workshop", "en": "workshop"},
        "col_submission_id": {"nl": "inzending", "en": "submission"},
        "col_action": {"nl": "actie", "en": "action"},
        "col_ties": {"nl": "relaties", "en": "relations"},
        "action_deleted": {"nl": "verwijderd (eigen inzending)", "en": "deleted (own submission)"},
        "action_edited": {"nl": "genoemd; vermelding verwijderd", "en": "named; mention removed"},
    }
)


def tr(key: str, /, **fields) -> str:
    """A string of these pages in the session's language."""
    from . import lang

    return REPORT_UI.text(key, lang(), **fields)
