"""The manager's report: one self-contained, offline HTML file.

A team lead wants one document to send round or print for the council
meeting: the headline figures, the map, who connects, who is left out, whom
to introduce to whom, and how it was measured. :func:`build_report` makes
that as a single HTML file that loads nothing from anywhere: vis-network
(the map, in an ``<iframe srcdoc>``) and plotly.js (the chart) are inlined,
and a Content-Security-Policy forbids any other source. Every value that
comes from the data is HTML-escaped: the page is ``templates/report.html.j2``,
rendered by :mod:`netanalysis.templating` (Jinja2, autoescape on). The map
marks what :func:`netanalysis.maps.map_highlights` decides, as the dashboard
does. A print stylesheet makes "Print → Save as PDF" in a browser give a
tidy A4 document.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from markupsafe import Markup

from . import maps, overview
from .i18n import Messages, format_count, format_datetime, format_decimal, format_share, join_words, normalise_language, number_word
from .network import StakeholderNetwork
from .privacy import new_salt, pseudonymise as pseudonymise_network
from .sampling import KADABRA_TRUSTED_TOP20, kadabra_measured_agreement
from .schema import type_label
from .style import OKABE_ITO
from .templating import render

__all__ = ["MESSAGES", "SECTIONS", "build_report", "report_figures", "report_conclusions", "comparison_figures"]

#: The sections of the report, in order; each is an element with this id.
SECTIONS: tuple[str, ...] = ("conclusions", "summary", "map", "brokers", "isolated", "suggestions", "mixing", "method")

#: Rows of the broker and suggestion tables; the map marks its own
#: selection (netanalysis.maps.map_highlights).
_TOP_BROKERS = 10
_TOP_SUGGESTIONS = 10
_MAP_HEIGHT = 620

MESSAGES = Messages(
    {
        "title": {"nl": "Netwerkrapport", "en": "Network report"},
        "unnamed": {"nl": "Naamloos netwerk", "en": "Unnamed network"},
        "made_on": {"nl": "Gemaakt op {date}", "en": "Made on {date}"},
        "data_version": {"nl": "Gegevens: {version}", "en": "Data: {version}"},
        "fingerprint": {"nl": "kenmerk {fingerprint}", "en": "fingerprint {fingerprint}"},
        "pseudonymised": {
            "nl": "De namen van bewoners zijn vervangen door schuilnamen (bijvoorbeeld ‘Bewoner 7F3A’).",
            "en": "Residents' names have been replaced by pseudonyms (for example ‘Resident 7F3A’).",
        },
        "contents": {"nl": "Inhoud", "en": "Contents"},
        "summary": {"nl": "Kerncijfers", "en": "Key figures"},
        "map": {"nl": "De kaart", "en": "The map"},
        "brokers": {"nl": "Verbinders (makelaars)", "en": "Connectors (brokers)"},
        "isolated": {"nl": "Wie valt buiten de boot", "en": "Who is left out"},
        "suggestions": {"nl": "Ontbrekende verbindingen", "en": "Missing connections"},
        "mixing": {"nl": "Wie werkt met wie: dichtheid per type", "en": "Who works with whom: density by type"},
        "method": {"nl": "Werkwijze", "en": "Method"},
        "stakeholders": {"nl": "Betrokkenen", "en": "Stakeholders"},
        "relations": {"nl": "Relaties", "en": "Relations"},
        "components": {"nl": "Losse delen", "en": "Components"},
        "isolates": {"nl": "Zonder relaties", "en": "Without relations"},
        "communities": {"nl": "Gemeenschappen", "en": "Communities"},
        "modularity": {"nl": "Modulariteit", "en": "Modularity"},
        "density": {"nl": "Dichtheid", "en": "Density"},
        "isolated_initiatives": {"nl": "Geïsoleerde initiatieven", "en": "Isolated initiatives"},
        "single_points": {"nl": "Enig aanspreekpunt", "en": "Single points of contact"},
        "per_type": {"nl": "Betrokkenen per type", "en": "Stakeholders by type"},
        "type": {"nl": "Type", "en": "Type"},
        "count": {"nl": "Aantal", "en": "Count"},
        "map_help": {
            "nl": "Grootte = tussenpositie (betweenness). Zwarte rand: verbinder of snijpunt; oranje stippelrand: geïsoleerd; "
            "grijze stippellijn: voorgestelde verbinding. Beweeg over een punt of lijn voor details.",
            "en": "Size = betweenness. Black border: broker or cut point; orange dashed border: isolated; "
            "grey dashed line: suggested connection. Hover a node or line for details.",
        },
        "map_large": {
            "nl": "Dit netwerk is te groot om punt voor punt te tekenen; de kaart toont één punt per gemeenschap.",
            "en": "This network is too large to draw node by node; the map shows one node per community.",
        },
        "brokers_help": {
            "nl": "Wie verbindt mensen en groepen die anders niet met elkaar in contact staan. Gerangschikt op makelaarsscore.",
            "en": "Who connects people and groups that would otherwise not be in touch. Ranked by broker score.",
        },
        "name": {"nl": "Naam", "en": "Name"},
        "description": {"nl": "Wat doet deze persoon in het netwerk", "en": "What this person does in the network"},
        "betweenness": {"nl": "Tussenpositie", "en": "Betweenness"},
        "none_brokers": {"nl": "Geen verbinders gevonden.", "en": "No brokers found."},
        "isolated_help": {
            "nl": "Initiatieven zonder (goede) route naar de gemeente, en betrokkenen die via één ambtenaar met de gemeente verbonden zijn.",
            "en": "Initiatives without a (good) route to the municipality, and stakeholders tied to the municipality through one civil servant.",
        },
        "reason": {"nl": "Reden", "en": "Reason"},
        "none_isolated": {"nl": "Geen geïsoleerde initiatieven.", "en": "No isolated initiatives."},
        "civil_servant": {"nl": "Via ambtenaar", "en": "Through civil servant"},
        "cut_off": {"nl": "Hangen hiervan af", "en": "Depend on this"},
        "none_single_points": {
            "nl": "Niemand is voor zijn contact met de gemeente afhankelijk van één ambtenaar.",
            "en": "Nobody depends on a single civil servant for their contact with the municipality.",
        },
        "suggestions_help": {
            "nl": "Wie zouden elkaar moeten leren kennen, waarom, en wie kan hen aan elkaar voorstellen.",
            "en": "Who should get to know each other, why, and who can introduce them.",
        },
        "who": {"nl": "Wie", "en": "Who"},
        "with_whom": {"nl": "Met wie", "en": "With whom"},
        "introducer": {"nl": "Kan voorstellen", "en": "Can introduce"},
        "none_suggestions": {"nl": "Geen voorstellen.", "en": "No suggestions."},
        "mixing_help": {
            "nl": "Aandeel van alle mogelijke paren dat een relatie heeft, binnen en tussen typen. Een lege rij buiten de diagonaal wijst op een kloof.",
            "en": "Share of all possible pairs that have a tie, within and between types. An empty row off the diagonal points to a divide.",
        },
        "method_measures": {
            "nl": "Tussenpositie (betweenness) volgens Freeman [1], berekend met het algoritme van Brandes [2]; structurele gaten (constraint, effectieve omvang) volgens Burt [3]; "
            "makelaarsrollen volgens Gould en Fernandez [4]; gemeenschappen met Louvain [5] en modulariteit volgens Newman [6]; "
            "E-I-index volgens Krackhardt en Stern [7]; blokdichtheden zoals in Wasserman en Faust [8].",
            "en": "Betweenness after Freeman [1], computed with Brandes' algorithm [2]; structural holes (constraint, effective size) after Burt [3]; "
            "brokerage roles after Gould and Fernandez [4]; communities with Louvain [5] and modularity after Newman [6]; "
            "E-I index after Krackhardt and Stern [7]; block densities as in Wasserman and Faust [8].",
        },
        "method_exact": {"nl": "Tussenpositie is exact berekend.", "en": "Betweenness was computed exactly."},
        "method_sampled": {
            "nl": "Het netwerk is groot: tussenpositie is GESCHAT met een steekproef van {k} van de {n} betrokkenen "
            "als startpunt [9]. Lees de volgorde als benadering: wie dicht bij elkaar in de lijst staat, kan van plaats wisselen.",
            "en": "The network is large: betweenness was ESTIMATED from a sample of {k} of the {n} stakeholders "
            "as pivots [9]. Read the order as approximate: people close together in the list may swap places.",
        },
        "method_kadabra": {
            "nl": "Het netwerk is groot: tussenpositie is GESCHAT met een steekproef van kortste paden (KADABRA [10]). "
            "Elke waarde ligt met {confidence} zekerheid binnen {error} van de exacte waarde. "
            "Gemeten op een netwerk van {n_measured} betrokkenen stonden {agreement} van de exacte top 20 ook in deze top 20. "
            "{uncertain}Sla het netwerk op als versie om de exacte waarden op de achtergrond te laten berekenen.",
            "en": "The network is large: betweenness was ESTIMATED from a sample of shortest paths (KADABRA [10]). "
            "Every value is within {error} of the exact value with {confidence} certainty. "
            "Measured on a network of {n_measured} stakeholders, {agreement} of the exact top 20 were also in this top 20. "
            "{uncertain}Save the network as a version to have the exact values computed in the background.",
        },
        "method_kadabra_uncertain": {
            "nl": "Bij deze omvang is de volgorde van de sterkste makelaars dus ONZEKER: gebruik voor besluiten de exacte waarden. ",
            "en": "At this size the order of the strongest brokers is therefore UNCERTAIN: for decisions, use the exact values. ",
        },
        "method_seed": {
            "nl": "Toevalsgetal (seed): {seed}; Louvain-resolutie: {resolution}. Met dezelfde gegevens en instellingen komt er hetzelfde uit.",
            "en": "Random seed: {seed}; Louvain resolution: {resolution}. The same data and settings give the same results.",
        },
        "method_data": {
            "nl": "Gegevens: {stakeholders} betrokkenen en {relations} relaties; controlekenmerk van de gegevens (SHA-256) {fingerprint}.",
            "en": "Data: {stakeholders} stakeholders and {relations} relations; fingerprint (SHA-256) {fingerprint}.",
        },
        "references": {"nl": "Bronnen", "en": "References"},
        "footer": {
            "nl": "Gemaakt met Netwerkkaart. Dit bestand laadt niets van internet.",
            "en": "Made with Netwerkkaart. This file loads nothing from the internet.",
        },
        "conclusions": {"nl": "Conclusies", "en": "Conclusions"},
        "next_step": {"nl": "Volgende stap", "en": "Next step"},
        "c_isolated": {
            "nl": "{count} initiatieven hebben geen (goede) ingang bij de gemeente, onder meer {names}. Zoek voor elk een vaste contactpersoon.",
            "en": "{count} initiatives have no (good) way in to the municipality, among them {names}. Find each a regular contact.",
        },
        "c_isolated_none": {"nl": "Elk initiatief heeft een korte route naar de gemeente.", "en": "Every initiative has a short route to the municipality."},
        "c_single": {
            "nl": "{count} betrokkenen hebben hun enige contact met de gemeente via één ambtenaar; {person} alleen al voor {person_count}. Valt die persoon weg, dan is het contact weg: zorg voor een tweede aanspreekpunt.",
            "en": "{count} stakeholders have their only contact with the municipality through one civil servant; {person} alone for {person_count}. If that person leaves, the contact is gone: arrange a second point of contact.",
        },
        "c_silo": {
            "nl": "De groep '{summary}' ({size} betrokkenen) werkt vooral binnen de eigen kring: van de relaties gaat {share} naar buiten. Betrek deze groep bij gemeentebrede overleggen.",
            "en": "The group '{summary}' ({size} stakeholders) works mostly within its own circle: {share} of its ties go outside. Involve this group in municipality-wide meetings.",
        },
        "c_introductions": {
            "nl": "De waardevolste kennismakingen: {pairs}.",
            "en": "The most valuable introductions: {pairs}.",
        },
        "c_pair": {"nl": "{a} met {b} ({step})", "en": "{a} with {b} ({step})"},
        "c_change": {
            "nl": "Sinds de vorige versie: {stakeholders} betrokkenen ({stakeholders_delta}), {relations} relaties ({relations_delta}), {isolated} geïsoleerde initiatieven ({isolated_delta}).",
            "en": "Since the previous version: {stakeholders} stakeholders ({stakeholders_delta}), {relations} relations ({relations_delta}), {isolated} isolated initiatives ({isolated_delta}).",
        },
        "c_change_since": {
            "nl": "Sinds {version}: {stakeholders} betrokkenen ({stakeholders_delta}), {relations} relaties ({relations_delta}), {isolated} geïsoleerde initiatieven ({isolated_delta}).",
            "en": "Since {version}: {stakeholders} stakeholders ({stakeholders_delta}), {relations} relations ({relations_delta}), {isolated} isolated initiatives ({isolated_delta}).",
        },
        "yes": {"nl": "ja", "en": "yes"},
        "no": {"nl": "nee", "en": "no"},
    }
)

_REFERENCES = (
    "Freeman, L. C. (1977). A set of measures of centrality based on betweenness. Sociometry, 40(1), 35-41. doi:10.2307/3033543",
    "Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of Mathematical Sociology, 25(2), 163-177. doi:10.1080/0022250X.2001.9990249",
    "Burt, R. S. (1992). Structural Holes: The Social Structure of Competition. Harvard University Press.",
    "Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation: A formal approach to brokerage in transaction networks. Sociological Methodology, 19, 89-126. doi:10.2307/270949",
    "Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast unfolding of communities in large networks. J. Stat. Mech., P10008. doi:10.1088/1742-5468/2008/10/P10008",
    "Newman, M. E. J. (2006). Modularity and community structure in networks. PNAS, 103(23), 8577-8582. doi:10.1073/pnas.0601602103",
    "Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises. Social Psychology Quarterly, 51(2), 123-140. doi:10.2307/2786835",
    "Wasserman, S., & Faust, K. (1994). Social Network Analysis: Methods and Applications. Cambridge University Press. doi:10.1017/CBO9780511815478",
    "Brandes, U., & Pich, C. (2007). Centrality estimation in large networks. Int. J. Bifurcation and Chaos, 17(7), 2303-2318. doi:10.1142/S0218127407018403",
    "Borassi, M., & Natale, E. (2019). KADABRA is an ADaptive Algorithm for Betweenness via Random Approximation. ACM J. Experimental Algorithmics, 24, 1.2. doi:10.1145/3284359",
)

# The map iframe (srcdoc) inherits this policy; plotly draws its heatmap
# through a data: image. Nothing may be fetched, framed from elsewhere, or posted.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; frame-src 'self' about: data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)


class _Texts(Mapping[str, str]):
    """All report messages in one language, for ``{{ t.key }}`` in the template."""

    def __init__(self, lang: str):
        self._lang = lang

    def __getitem__(self, key: str) -> str:
        return MESSAGES.text(key, self._lang)

    def __getattr__(self, key: str) -> str:
        return MESSAGES.text(key, self._lang)

    def __iter__(self):
        return iter(MESSAGES)

    def __len__(self) -> int:
        return len(MESSAGES)


def _records(frame: Any) -> list[dict]:
    if frame is None:
        return []
    if isinstance(frame, pd.DataFrame):
        return frame.to_dict("records")
    return list(frame)


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def report_figures(network: StakeholderNetwork, analysis: Mapping[str, Any]) -> dict[str, Any]:
    """The headline figures the report shows, as numbers (the tests compare
    them with the analysis; the page previews them).

    Returns
    -------
    dict
        ``stakeholders``, ``relations``, ``components``, ``isolates``,
        ``communities``, ``modularity``, ``density``,
        ``isolated_initiatives``, ``single_points`` and ``per_type``
        (``{type: count}``).
    """
    headline = analysis["gaps"]["headline"]
    summary = network.summary()
    return {
        "stakeholders": len(network),
        "relations": len(network.relations),
        "components": headline["components"],
        "isolates": headline["isolates"],
        "communities": headline["communities"],
        "modularity": headline["modularity"],
        "density": summary["density"],
        "isolated_initiatives": len(analysis["gaps"]["isolated_initiatives"]),
        "single_points": len(_records(analysis.get("single_points"))),
        "per_type": summary["per_type"],
    }


def _signed(delta: int, lang: str) -> str:
    return ("+" if delta > 0 else "") + format_count(delta, lang) if delta else "±0"


def report_conclusions(
    analysis: Mapping[str, Any], lang: str = "nl", *, previous: Mapping[str, Any] | None = None,
    current: Mapping[str, Any] | None = None, limit: int = 5,
) -> list[str]:
    """Three to five plain sentences a manager can take to a meeting, drawn
    from :func:`netanalysis.analysis.analyse`'s result.

    In this order: isolated initiatives, fragile single contacts (who
    depends on one civil servant), the most inward-looking community (the
    lowest E-I index [1]_ among groups of at least five), the most valuable
    introductions (the top suggestions with their next step) and, when
    ``previous`` (the figures of :func:`report_figures` for the previous
    version) is given, what changed.

    Parameters
    ----------
    analysis : mapping
        The analysis of the network the report shows.
    lang : {"nl", "en"}
    previous : mapping, optional
        The counts of the previous version (:func:`comparison_figures`, or
        :func:`report_figures_from` of its analysis), optionally with a
        ``label`` naming it ("versie 3 van 01-12-2026 01:09").
    current : mapping, optional
        The same counts for the network shown (:func:`report_figures_from`
        with the network); read from ``analysis`` when omitted.
    limit : int
        At most this many conclusions.

    Returns
    -------
    list of str

    References
    ----------
    .. [1] Krackhardt, D., & Stern, R. N. (1988). Informal networks and
       organizational crises: An experimental simulation. Social Psychology
       Quarterly, 51(2), 123-140. doi:10.2307/2786835
    """
    lang = normalise_language(lang)
    gaps = analysis["gaps"]
    out: list[str] = []
    isolated = gaps.get("isolated_initiatives") or []
    if isolated:
        names = join_words([_text(r.get("name")) for r in isolated[:3]], lang)
        out.append(MESSAGES.text("c_isolated", lang, count=_count_word(len(isolated), lang), names=names))
    else:
        out.append(MESSAGES.text("c_isolated_none", lang))
    single = _records(analysis.get("single_points"))
    if single:
        by_person = pd.Series([_text(r.get("civil_servant_name")) for r in single]).value_counts()
        out.append(MESSAGES.text("c_single", lang, count=_count_word(len(single), lang), person=by_person.index[0],
                                 person_count=number_word(int(by_person.iloc[0]), lang)))
    summaries = {c.get("community"): c.get("summary") for c in gaps.get("communities") or []}
    groups = [g for g in gaps.get("ei_by_community") or [] if g.get("size", 0) >= 5 and g.get("ei") is not None
              and g.get("group") in summaries and (g.get("internal", 0) + g.get("external", 0)) > 0]
    if groups:
        silo = min(groups, key=lambda g: (g["ei"], -g["size"]))
        if silo["ei"] < 0:
            share = silo["external"] / (silo["internal"] + silo["external"])
            out.append(MESSAGES.text("c_silo", lang, summary=_text(summaries[silo["group"]]), size=format_count(silo["size"], lang),
                                     share=f"{format_decimal(share * 100, lang, 0)}%"))
    pairs = [MESSAGES.text("c_pair", lang, a=_text(r.get("source_name")), b=_text(r.get("target_name")),
                           step=_text(r.get("next_step") or r.get("reason")).rstrip("."))
             for r in _records(analysis.get("suggestions"))[:2]]
    if pairs:
        out.append(MESSAGES.text("c_introductions", lang, pairs="; ".join(pairs)))
    if previous:
        now = current if current is not None else report_figures_from(analysis)
        fields = {}
        for key, name in (("stakeholders", "stakeholders"), ("relations", "relations"), ("isolated_initiatives", "isolated")):
            fields[name] = format_count(now[key], lang)
            fields[f"{name}_delta"] = _signed(int(now[key]) - int(previous.get(key, now[key])), lang)
        label = previous.get("label")
        out.insert(0, MESSAGES.text("c_change_since", lang, version=label, **fields) if label
                   else MESSAGES.text("c_change", lang, **fields))
    return out[:limit]


def _count_word(count: int, lang: str) -> str:
    word = number_word(count, lang)
    return word[:1].upper() + word[1:]


def report_figures_from(analysis: Mapping[str, Any], network: StakeholderNetwork | None = None) -> dict[str, int]:
    """The counts :func:`report_conclusions` compares, read from an analysis;
    with ``network``, relations are its rows, as the report's figures count
    them (without, the connected pairs of the analysis)."""
    headline = analysis["gaps"]["headline"]
    relations = len(network.relations) if network is not None else int(headline.get("ties", 0))
    return {"stakeholders": int(headline.get("stakeholders", 0)), "relations": relations,
            "isolated_initiatives": len(analysis["gaps"].get("isolated_initiatives") or [])}


def comparison_figures(network: StakeholderNetwork) -> dict[str, int]:
    """The counts :func:`report_conclusions` compares, computed for a network
    directly (a previous version has no analysis of its own): stakeholders,
    relations (rows, as the report's figures count them) and isolated
    initiatives (:func:`netanalysis.gaps.isolated_initiatives`).

    >>> net = StakeholderNetwork.from_tables(
    ...     [{"id": "a", "name": "A", "type": "civil_servant"}, {"id": "b", "name": "B", "type": "initiative"}], [])
    >>> comparison_figures(net)
    {'stakeholders': 2, 'relations': 0, 'isolated_initiatives': 1}
    """
    from . import gaps

    G = network.to_graph()
    return {"stakeholders": len(network), "relations": len(network.relations),
            "isolated_initiatives": len(gaps.isolated_initiatives(G))}


def _figure_items(figures: dict[str, Any], lang: str) -> list[dict[str, str]]:
    items = []
    for key in ("stakeholders", "relations", "components", "isolates", "isolated_initiatives", "single_points", "communities", "modularity", "density"):
        value = figures[key]
        digits = 3 if key == "density" else 2
        if value is None or isinstance(value, float):
            # gap_summary gives None where a figure is undefined (modularity without ties).
            text = format_decimal(value, lang, digits)
        else:
            text = format_decimal(int(value), lang)
        items.append({"key": key, "text": text, "label": MESSAGES.text(key, lang)})
    return items


def _map_page(network: StakeholderNetwork, analysis: Mapping[str, Any], lang: str) -> tuple[str, bool]:
    G = network.to_graph()
    if len(G) > maps.COMMUNITY_THRESHOLD:
        return overview.community_overview_html(G, analysis["gaps"]["membership"], lang=lang, height_px=_MAP_HEIGHT), True
    table = analysis["stakeholders"]
    size_by = table["betweenness"].to_dict() if "betweenness" in table.columns else None
    brokers = analysis.get("brokers")
    marks = maps.map_highlights(
        brokers if isinstance(brokers, pd.DataFrame) else None,
        _records(analysis.get("suggestions")),
        analysis["gaps"]["isolated_initiatives"],
    )
    highlight = {key: marks[key] for key in ("brokers", "cut_points", "isolated")}
    return maps.network_html(G, lang=lang, size_by=size_by, highlight=highlight, suggestions=marks["suggestions"],
                             height_px=_MAP_HEIGHT), False


def _density(analysis: Mapping[str, Any], lang: str) -> tuple[dict, list[str]]:
    matrix = analysis["gaps"]["density_by_type"]
    labels = [type_label(g, lang) for g in matrix["groups"]]
    rows = [(label, [format_decimal(v, lang, 2) for v in values]) for label, values in zip(labels, matrix["values"])]
    return {"labels": labels, "rows": rows}, labels


def _chart(analysis: Mapping[str, Any], labels: list[str], lang: str) -> Markup:
    """The tie-density heatmap of :func:`netanalysis.charts.mixing_heatmap`,
    with plotly.js inlined (the only copy in the page)."""
    from . import charts

    values = [[math.nan if v is None else float(v) for v in row] for row in analysis["gaps"]["density_by_type"]["values"]]
    matrix = pd.DataFrame(values, index=labels, columns=labels)
    figure = charts.mixing_heatmap(matrix, lang=lang, title=MESSAGES.text("mixing", lang))
    figure.update_layout(height=480)
    # Plotly's own markup: it embeds the data as JSON, and charts escapes the labels.
    return Markup(figure.to_html(
        full_html=False, include_plotlyjs=True, include_mathjax=False,
        config={"displaylogo": False, "showSendToCloud": False, "responsive": True},
    ))


def build_report(
    network: StakeholderNetwork,
    *,
    lang: str = "nl",
    analysis: Mapping[str, Any] | None = None,
    pseudonymise: bool = True,
    salt: str | None = None,
    version_label: str | None = None,
    previous: Mapping[str, Any] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> str:
    """The manager's report of ``network`` as one self-contained HTML page.

    Parameters
    ----------
    network : StakeholderNetwork
    lang : {"nl", "en"}
    analysis : dict, optional
        The result of :func:`netanalysis.analysis.analyse` for this network
        in ``lang`` (the app passes its cached one). Computed when omitted,
        and ignored when its fingerprint is not that of the network the
        report shows (e.g. when ``pseudonymise`` changed the names).
    pseudonymise : bool
        Replace residents' names by pseudonyms (:func:`netanalysis.privacy.pseudonymise`)
        everywhere in the report, the map included. On by default: a report
        is sent round, and residents' names are personal data; pass
        ``False`` to show names on request.
    salt : str, optional
        Salt of the pseudonyms; a fresh random one when omitted, so the
        pseudonyms cannot be linked to any other export.
    version_label : str, optional
        How the data version is shown, e.g. "Voorbeeldstad, versie 4"; the
        first 12 characters of the fingerprint are shown in any case.
    previous : mapping, optional
        :func:`report_figures_from` of the previous version, for the
        conclusion on what changed.
    progress : callable, optional
        Passed to :func:`~netanalysis.analysis.analyse`.

    Returns
    -------
    str
        The HTML page, in the sections of :data:`SECTIONS`. It references
        no external resource; every value from the data is escaped.

    Examples
    --------
    >>> net = StakeholderNetwork.from_tables(
    ...     [{"id": "a", "name": "<b>Anouk</b>", "type": "civil_servant"}, {"id": "b", "name": "Bram", "type": "resident"}],
    ...     [{"source": "a", "target": "b"}])
    >>> page = build_report(net, lang="en", pseudonymise=False)
    >>> "<b>Anouk" in page, "&lt;b&gt;Anouk&lt;/b&gt;" in page
    (False, True)
    """
    lang = normalise_language(lang)
    shown = pseudonymise_network(network, salt=salt or new_salt(), lang=lang) if pseudonymise else network
    if analysis is None or analysis.get("network", {}).get("fingerprint") != shown.fingerprint():
        from .analysis import analyse

        analysis = analyse(shown, lang=lang, progress=progress)
    figures = report_figures(shown, analysis)
    map_page, community_map = _map_page(shown, analysis, lang)
    density, labels = _density(analysis, lang)
    method = analysis.get("method", {})

    brokers = analysis.get("brokers")
    broker_rows = []
    G = shown.to_graph()
    if isinstance(brokers, pd.DataFrame):
        for node, row in zip(brokers.index[:_TOP_BROKERS], brokers.head(_TOP_BROKERS).to_dict("records")):
            # The broker table is indexed by stakeholder id; name and type come
            # from the graph when the table does not carry them.
            attributes = G.nodes[node] if node in G else {}
            kind = row.get("type") or attributes.get("type")
            broker_rows.append({
                "name": _text(row.get("name") or attributes.get("name") or node),
                "type": type_label(kind, lang) if kind else "",
                "description": _text(row.get("description")),
                "betweenness": format_decimal(row.get("betweenness"), lang, 3),
            })
    isolated = [{"name": _text(r.get("name")), "reason": _text(r.get("reason"))} for r in analysis["gaps"]["isolated_initiatives"]]
    single_points = [
        {
            "name": _text(r.get("name")),
            "type": type_label(r.get("type"), lang) if r.get("type") else "",
            "civil_servant": _text(r.get("civil_servant_name")),
            "cut_off": _text(r.get("cut_off")) if not isinstance(r.get("cut_off"), (list, tuple)) else len(r.get("cut_off")),
        }
        for r in _records(analysis.get("single_points"))
    ]
    suggestions = [
        {
            "source": _text(r.get("source_name")),
            "target": _text(r.get("target_name")),
            "reason": _text(r.get("reason")),
            "introducer": _text(r.get("introducer_name")),
            "next_step": _text(r.get("next_step")),
        }
        for r in _records(analysis.get("suggestions"))[:_TOP_SUGGESTIONS]
    ]
    fingerprint = shown.fingerprint()
    short = fingerprint[:12]
    made = analysis.get("generated_at") or dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    made_text = format_datetime(made, lang)
    data_line = MESSAGES.text("data_version", lang, version=version_label) + ", " if version_label else ""
    data_line += MESSAGES.text("fingerprint", lang, fingerprint=short)
    if method.get("betweenness") == "sampled":
        betweenness_text = MESSAGES.text(
            "method_sampled", lang, k=format_count(method.get("betweenness_k") or 0, lang), n=format_count(len(shown), lang)
        )
    elif method.get("betweenness") == "kadabra":
        n_measured, agreement = kadabra_measured_agreement(len(shown))
        betweenness_text = MESSAGES.text(
            "method_kadabra", lang, error=format_decimal(method.get("betweenness_error") or 0, lang, 1, significant=True),
            confidence=format_share(method.get("betweenness_confidence") or 0, lang),
            n_measured=format_count(n_measured, lang), agreement=format_count(agreement, lang),
            uncertain=MESSAGES.text("method_kadabra_uncertain", lang) if agreement < KADABRA_TRUSTED_TOP20 else "",
        )
    else:
        betweenness_text = MESSAGES.text("method_exact", lang)
    per_type = [(type_label(k, lang), n) for k, n in figures["per_type"].items() if n]
    map_help = MESSAGES.text("map_large", lang) if community_map else MESSAGES.text("map_help", lang)
    return render(
        "report.html.j2",
        lang=lang,
        csp=_CSP,
        accent=OKABE_ITO["blue"],
        notice=OKABE_ITO["orange"],
        t=_Texts(lang),
        sections=SECTIONS,
        network_name=network.name or MESSAGES.text("unnamed", lang),
        made_on=MESSAGES.text("made_on", lang, date=made_text),
        data_line=data_line,
        pseudonymised=pseudonymise,
        conclusions=report_conclusions(analysis, lang, previous=previous, current=report_figures_from(analysis, network)),
        figures=_figure_items(figures, lang),
        per_type=per_type,
        map_page=map_page,
        map_height=_MAP_HEIGHT,
        map_help=map_help,
        brokers=broker_rows,
        isolated=isolated,
        single_points=single_points,
        suggestions=suggestions,
        density=density,
        chart=_chart(analysis, labels, lang),
        method_betweenness=betweenness_text,
        method_seed=MESSAGES.text("method_seed", lang, seed=method.get("seed"), resolution=method.get("resolution")),
        method_data=MESSAGES.text(
            "method_data", lang, stakeholders=len(shown), relations=len(shown.relations), fingerprint=fingerprint
        ),
        references=_REFERENCES,
    )
