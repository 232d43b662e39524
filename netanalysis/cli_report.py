"""``python -m netanalysis report PATH... --out report.html [--lang en] [--pseudonymise]``.

Writes the manager's report (:func:`netanalysis.report.build_report`): one
offline HTML file with the key figures, the map, brokers, isolated
initiatives, missing connections, the mixing chart and the method.
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
    parser.add_argument("--pseudonymise", "--pseudonymize", action="store_true", help=MESSAGES.text("pseudonymise", "en"))
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
        pseudonymise=args.pseudonymise,
        salt=os.environ.get(ENV_SALT) or None,
        version_label=args.version_label,
        progress=progress,
    )
    try:
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UsageError(MESSAGES.text("cannot_write", args.lang, path=out, reason=exc.strerror or exc)) from exc
    print(MESSAGES.text("written", args.lang, path=out, size=len(page.encode("utf-8")) // 1024))
    return 0
