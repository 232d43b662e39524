"""``python -m netanalysis report PATH... --out report.html [--lang en] [--names]``.

Writes the manager's report (:func:`netanalysis.report.build_report`): one
offline HTML file with the key figures, the map, brokers, isolated
initiatives, missing connections, the mixing chart and the method.
Residents are pseudonymised unless ``--names`` asks for their names, as in
the app: a report is sent round, and names are personal data.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .cli import UsageError, add_subcommand, load_or_report
from .cli_analyse import MESSAGES as STEP_NAMES
from .i18n import Messages

__all__ = ["report_command", "ENV_SALT"]

#: Environment variable with the secret salt for pseudonyms, so reports made
#: on different days give a resident the same pseudonym. Without it each
#: report gets a fresh random salt.
ENV_SALT = "NETWERKKAART_PSEUDONYM_SALT"

MESSAGES = Messages(
    {
        "help": {"nl": "maak het managementrapport (één offline HTML-bestand)", "en": "make the manager's report (one offline HTML file)"},
        "out": {"nl": "uitvoerbestand, eindigend op .html", "en": "output file, ending in .html"},
        "pseudonymise": {
            "nl": f"vervang namen van bewoners door schuilnamen (zout uit {ENV_SALT}, anders willekeurig)",
            "en": f"replace residents' names by pseudonyms (salt from {ENV_SALT}, else random)",
        },
        "names": {
            "nl": "toon de namen van bewoners (standaard: schuilnamen); het rapport bevat dan persoonsgegevens",
            "en": "show residents' names (default: pseudonyms); the report then holds personal data",
        },
        "names_shown": {
            "nl": "let op: het rapport bevat de namen van bewoners (persoonsgegevens); deel het alleen met wie ze mag zien",
            "en": "note: the report holds residents' names (personal data); share it only with those allowed to see them",
        },
        "version": {"nl": "hoe de gegevensversie in het rapport heet", "en": "how the data version is named in the report"},
        "bad_out": {"nl": "--out moet eindigen op .html of .htm, niet '{suffix}'", "en": "--out must end in .html or .htm, not '{suffix}'"},
        "step": {"nl": "[{index}/{total}] {step}…", "en": "[{index}/{total}] {step}…"},
        "cannot_write": {"nl": "kan niet schrijven naar {path}: {reason}", "en": "cannot write to {path}: {reason}"},
        "written": {"nl": "geschreven: {path} ({size} kB)", "en": "written: {path} ({size} kB)"},
    }
)


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--out", required=True, metavar="FILE", help=MESSAGES.text("out", "en"))
    # Pseudonyms are the default; --pseudonymise is still accepted (scripts written before).
    privacy = parser.add_mutually_exclusive_group()
    privacy.add_argument("--pseudonymise", "--pseudonymize", dest="names", action="store_false", help=MESSAGES.text("pseudonymise", "en"))
    privacy.add_argument("--names", dest="names", action="store_true", help=MESSAGES.text("names", "en"))
    parser.set_defaults(names=False)
    parser.add_argument("--version-label", default=None, metavar="TEXT", help=MESSAGES.text("version", "en"))


@add_subcommand("report", help=dict(MESSAGES["help"]), configure=_configure)
def report_command(args: argparse.Namespace) -> int:
    """Load the inputs and write the report; exit 0 written, 1 bad input, 2 usage."""
    from .report import build_report

    out = Path(args.out)
    if out.suffix.lower() not in {".html", ".htm"}:
        raise UsageError(MESSAGES.text("bad_out", args.lang, suffix=out.suffix or args.out))
    network = load_or_report(args.paths, lang=args.lang)
    if network is None:
        return 1

    def progress(step: str, index: int, total: int) -> None:
        label = STEP_NAMES.text(step, args.lang) if step in STEP_NAMES else step
        print(MESSAGES.text("step", args.lang, index=index + 1, total=total, step=label), file=sys.stderr, flush=True)

    page = build_report(
        network,
        lang=args.lang,
        pseudonymise=not args.names,
        salt=os.environ.get(ENV_SALT) or None,
        version_label=args.version_label,
        progress=progress,
    )
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UsageError(MESSAGES.text("cannot_write", args.lang, path=out, reason=exc.strerror or exc)) from exc
    print(MESSAGES.text("written", args.lang, path=out, size=len(page.encode("utf-8")) // 1024))
    if args.names:
        print(MESSAGES.text("names_shown", args.lang), file=sys.stderr)
    return 0
