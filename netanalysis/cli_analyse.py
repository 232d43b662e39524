"""``python -m netanalysis analyse PATH... --out FILE.json|FILE.csv``.

JSON holds ``stakeholders`` (one object per stakeholder with at least id,
degree, betweenness, closeness, eigenvector, pagerank, constraint,
effective_size, community and the brokerage role counts), ``gaps``,
``suggestions``, ``single_points`` and ``method`` (whether betweenness was
exact or sampled). CSV holds the per-stakeholder table.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cli import UsageError, add_subcommand, load_or_report
from .i18n import Messages, format_count, format_decimal, format_share
from .sampling import KADABRA_TRUSTED_TOP20, kadabra_measured_agreement

__all__ = ["analyse_command"]

MESSAGES = Messages(
    {
        "help": {"nl": "analyseer een netwerk: makelaars, gaten en ontbrekende verbindingen", "en": "analyse a network: brokers, gaps and missing connections"},
        "out": {"nl": "uitvoerbestand: .json (alles) of .csv (tabel per betrokkene)", "en": "output file: .json (everything) or .csv (table per stakeholder)"},
        "bad_out": {"nl": "--out moet eindigen op .json of .csv, niet '{suffix}'", "en": "--out must end in .json or .csv, not '{suffix}'"},
        "step": {"nl": "[{index}/{total}] {step}…", "en": "[{index}/{total}] {step}…"},
        "centrality": {"nl": "centraliteit", "en": "centrality"},
        "brokers": {"nl": "makelaars", "en": "brokers"},
        "gaps": {"nl": "gaten", "en": "gaps"},
        "suggestions": {"nl": "ontbrekende verbindingen", "en": "missing connections"},
        "method_exact": {"nl": "tussenpositie: exact berekend", "en": "betweenness: exact"},
        "method_sampled": {
            "nl": "tussenpositie: GESCHAT met een steekproef van {k} van de {n} betrokkenen als startpunt "
            "(netwerk te groot voor exact); lees de volgorde als benadering",
            "en": "betweenness: SAMPLED from {k} of the {n} stakeholders as pivots (network too large for exact); "
            "read the order as approximate",
        },
        "method_kadabra": {
            "nl": "tussenpositie: GESCHAT met KADABRA (steekproef van kortste paden); elke waarde met {confidence} "
            "zekerheid binnen {error} van de exacte; gemeten bij {n_measured} betrokkenen: {agreement} van de exacte "
            "top 20 in deze top 20",
            "en": "betweenness: ESTIMATED with KADABRA (sampled shortest paths); every value within {error} "
            "of the exact one with {confidence} certainty; measured at {n_measured} stakeholders: {agreement} of the "
            "exact top 20 in this top 20",
        },
        "method_kadabra_uncertain": {
            "nl": "let op: bij deze omvang is de volgorde van de sterkste makelaars onzeker; "
            "sla een versie op voor exacte waarden (python -m netanalysis exact)",
            "en": "note: at this size the order of the strongest brokers is uncertain; "
            "save a version for exact values (python -m netanalysis exact)",
        },
        "written": {"nl": "geschreven: {path} ({seconds:.1f} s)", "en": "written: {path} ({seconds:.1f} s)"},
    }
)


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--out", required=True, metavar="FILE", help=MESSAGES.text("out", "en"))
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--resolution", type=float, default=1.0)
    parser.add_argument("--suggestions", type=int, default=50)


@add_subcommand("analyse", help=dict(MESSAGES["help"]), configure=_configure)
def analyse_command(args: argparse.Namespace) -> int:
    from .analysis import analyse, to_jsonable

    out = Path(args.out)
    if out.suffix.lower() not in {".json", ".csv"}:
        raise UsageError(MESSAGES.text("bad_out", args.lang, suffix=out.suffix or args.out))
    network = load_or_report(args.paths, lang=args.lang)
    if network is None:
        return 1

    def progress(step: str, index: int, total: int) -> None:
        label = MESSAGES.text(step, args.lang)
        print(MESSAGES.text("step", args.lang, index=index + 1, total=total, step=label), file=sys.stderr, flush=True)

    result = analyse(
        network, lang=args.lang, seed=args.seed, resolution=args.resolution,
        suggestion_limit=args.suggestions, progress=progress,
    )
    method = result["method"]
    if method["betweenness"] == "sampled":
        print(MESSAGES.text("method_sampled", args.lang, k=format_count(method["betweenness_k"], args.lang),
                            n=format_count(result["network"]["stakeholders"], args.lang)))
    elif method["betweenness"] == "kadabra":
        n_measured, agreement = kadabra_measured_agreement(result["network"]["stakeholders"])
        print(MESSAGES.text("method_kadabra", args.lang, error=format_decimal(method["betweenness_error"], args.lang, 1, significant=True),
                            confidence=format_share(method["betweenness_confidence"], args.lang),
                            n_measured=format_count(n_measured, args.lang), agreement=format_count(agreement, args.lang)))
        if agreement < KADABRA_TRUSTED_TOP20:
            print(MESSAGES.text("method_kadabra_uncertain", args.lang))
    else:
        print(MESSAGES.text("method_exact", args.lang))

    table = result["stakeholders"]
    if out.suffix.lower() == ".csv":
        from .io import escape_formula

        safe = table.reset_index().apply(lambda column: column.map(escape_formula))
        safe.to_csv(out, index=False, encoding="utf-8-sig")
    else:
        body = {
            "format": "netwerkkaart-analysis",
            "version": 1,
            "network": result["network"],
            "generated_at": result["generated_at"],
            "method": method,
            "stakeholders": to_jsonable(table),
            "single_points": to_jsonable(result["single_points"]),
            "gaps": result["gaps"],
            "suggestions": to_jsonable(result["suggestions"]),
        }
        out.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    print(MESSAGES.text("written", args.lang, path=out, seconds=sum(result["timings"].values())))
    return 0
