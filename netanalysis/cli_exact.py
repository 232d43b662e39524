"""``python -m netanalysis exact``: compute the exact betweenness and closeness
of saved versions that wait for it.

::

    python -m netanalysis exact --once          # every waiting job, then stop
    python -m netanalysis exact                 # keep polling (a worker of its own)

The app servers start ``exact --once`` themselves when a job waits
(:class:`netanalysis.exact_jobs.ExactJobRunner`); running it by hand or
from a scheduler is the same, and safe beside them: each job is claimed in
the database (``NETWERKKAART_DATABASE_URL`` or the SQLite file under ``data/``).
"""

from __future__ import annotations

import argparse
import os

from .cli import add_subcommand
from .i18n import Messages

__all__ = ["exact_command"]

MESSAGES = Messages({
    "exact_help": {"nl": "bereken exacte tussenpositie en nabijheid van opgeslagen grote versies",
                   "en": "compute exact betweenness and closeness of saved large versions"},
    "handled": {"nl": "{count} opdracht(en) afgehandeld", "en": "{count} job(s) handled"},
})


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--once", action="store_true", help="stop when no job waits")
    parser.add_argument("--poll", type=float, default=30.0, help="seconds between polls without --once")
    parser.add_argument("--nice", type=int, default=0, help="lower this process's priority by this much")


@add_subcommand("exact", help=dict(MESSAGES["exact_help"]), configure=_configure)
def exact_command(args: argparse.Namespace) -> int:
    from .exact_jobs import run_exact_jobs
    from .store import Store

    if args.nice > 0:
        os.nice(args.nice)
    store = Store(default_actor=None)
    try:
        handled = run_exact_jobs(store, once=args.once, poll=args.poll)
    finally:
        store.dispose()
    print(MESSAGES.text("handled", args.lang, count=handled))
    return 0
