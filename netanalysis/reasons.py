"""Why a suggested connection, who can introduce it, and what to do next: the words.

:mod:`netanalysis.suggest` selects the suggestions; this module writes the
plain-language reason of each one, finds the introducer (the common
contact with the strongest ties to both, or the one in the middle of a
short route) and the concrete next step a verbinder can take when there
is no introducer.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

from . import candidates
from .i18n import Messages, join_words, number_word, steps_text

__all__ = ["MESSAGES", "middle_contact", "best_common_contact", "themes_clause", "where_clause", "reason", "next_step"]

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
            "nl": "Je kent ze allebei; ze werken allebei aan {themes}{where}",
            "en": "You know both; both work on {themes}{where}",
        },
        "ego_area": {"nl": "Je kent ze allebei; ze zijn allebei actief in {area}", "en": "You know both; both are active in {area}"},
        "missing": {"nl": "Werkt ook aan {themes}{where}", "en": "Also works on {themes}{where}"},
        "missing_apart": {"nl": "; nu {steps} verwijderd", "en": "; {steps} away now"},
        "missing_unconnected": {"nl": "; nog geen enkele verbinding", "en": "; not connected at all yet"},
        "step_introduce": {
            "nl": "Vraag {introducer} om {a} en {b} aan elkaar voor te stellen.",
            "en": "Ask {introducer} to introduce {a} and {b} to each other.",
        },
        "step_access": {
            "nl": "Vraag {person} om contact op te nemen met {initiative} en langs te gaan.",
            "en": "Ask {person} to get in touch with {initiative} and pay a visit.",
        },
        "step_themes": {
            "nl": "Nodig beiden uit voor een overleg over {themes}{where}.",
            "en": "Invite both to a meeting on {themes}{where}.",
        },
        "step_area": {
            "nl": "Nodig beiden uit voor het wijkoverleg in {area}.",
            "en": "Invite both to the neighbourhood meeting in {area}.",
        },
        "step_meet": {"nl": "Nodig beiden uit voor een kennismaking.", "en": "Invite both to meet."},
    }
)

def middle_contact(G: nx.Graph, u: Hashable, v: Hashable) -> tuple[Hashable | None, int | None]:
    """The person in the middle of a shortest path from u to v, and its length."""
    try:
        path = nx.bidirectional_shortest_path(G, u, v)
    except nx.NetworkXNoPath:
        return None, None
    if len(path) < 3:
        return None, len(path) - 1
    return path[(len(path) - 1) // 2], len(path) - 1


def best_common_contact(G: nx.Graph, profiles, u: Hashable, v: Hashable) -> tuple[Hashable | None, int]:
    """The shared contact with the strongest weaker tie to the two; equal ones by name."""
    common = [z for z in G.adj[u] if z in G.adj[v] and z != u and z != v]
    if not common:
        return None, 0

    def strength(z):
        return min(G.adj[u][z].get("weight", 1), G.adj[v][z].get("weight", 1))

    best = min(common, key=lambda z: (-strength(z), G.degree(z), profiles[z].sort_key))
    return best, len(common)


# -- reasons -----------------------------------------------------------------


def themes_clause(fit: candidates.Fit, lang: str) -> str:
    return join_words(fit.shared_themes, lang)


def where_clause(fit: candidates.Fit, lang: str) -> str:
    return MESSAGES.text("in_area", lang, area=fit.area) if fit.area else ""


def reason(G: nx.Graph, profiles, row: dict, lang: str) -> str:
    fit: candidates.Fit = row["fit"]
    if row["kind"] == "structural":
        key = "structural_one" if row["common_contacts"] == 1 else "structural_many"
        text = MESSAGES.text(key, lang, introducer=row["introducer_name"], count=number_word(row["common_contacts"], lang))
        if fit.shared_themes:
            text += MESSAGES.text("also_themes", lang, themes=themes_clause(fit, lang)) + where_clause(fit, lang)
        elif fit.area:
            text += MESSAGES.text("also_area", lang, area=fit.area)
        return text
    if row["kind"] == "thematic":
        if fit.shared_themes:
            text = MESSAGES.text("thematic_themes", lang, themes=themes_clause(fit, lang), where=where_clause(fit, lang))
        else:
            text = MESSAGES.text("thematic_area", lang, area=fit.area)
        if row["distance"] is None:
            return text + MESSAGES.text("unconnected", lang)
        return text + MESSAGES.text("apart", lang, steps=steps_text(row["distance"], lang))
    person = profiles[row["target"]].name
    text = MESSAGES.text("access", lang, initiative=profiles[row["source"]].name)
    if fit.shared_themes:
        return text + MESSAGES.text("access_themes", lang, person=person, themes=themes_clause(fit, lang), where=where_clause(fit, lang))
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


def next_step(profiles, row: dict, lang: str) -> str:
    """What a verbinder can do this week: ask the introducer, or, when there
    is none, bring the two together around what they share."""
    a, b = profiles[row["source"]].name, profiles[row["target"]].name
    if row.get("introducer_name"):
        return MESSAGES.text("step_introduce", lang, introducer=row["introducer_name"], a=a, b=b)
    if row["kind"] == "access":
        return MESSAGES.text("step_access", lang, person=b, initiative=a)
    fit: candidates.Fit = row["fit"]
    if fit.shared_themes:
        return MESSAGES.text("step_themes", lang, themes=themes_clause(fit, lang), where=where_clause(fit, lang))
    if fit.area:
        return MESSAGES.text("step_area", lang, area=fit.area)
    return MESSAGES.text("step_meet", lang)
