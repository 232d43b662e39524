"""``python -m netanalysis audit`` and ``team``: the audit log and teams from the command line.

::

    python -m netanalysis audit [--team noord] [--action erase] [--user SUB] [--since 2026-01-01] [--limit 100]
    python -m netanalysis team create noord "Team Noord"
    python -m netanalysis team member noord SUBJECT beheerder [--name "Bert Bakker"]
    python -m netanalysis team list

The commands open the app's database (``NETWERKKAART_DATABASE_URL`` or the
SQLite file under ``data/``). Whoever can run them can read the database
file anyway, so they act as an operator who administers every team; each
change they make is itself recorded in the audit log, under the operating
system's user name.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import datetime, timezone

from .access import LOCAL_TEAM, ROLES, AccessDenied, Actor
from .cli import UsageError, add_subcommand
from .i18n import Messages

__all__ = ["audit_command", "team_command", "operator"]

MESSAGES = Messages({
    "audit_help": {"nl": "toon het logboek (wie deed wat, wanneer, in welke werkruimte)",
                   "en": "print the audit log (who did what, when, in which workspace)"},
    "team_help": {"nl": "werkruimtes en leden beheren", "en": "manage workspaces and members"},
    "bad_since": {"nl": "--since moet een datum zijn als 2026-01-31, niet '{value}'",
                  "en": "--since must be a date like 2026-01-31, not '{value}'"},
    "empty": {"nl": "(geen regels)", "en": "(no entries)"},
    "created": {"nl": "werkruimte {team} bestaat", "en": "workspace {team} exists"},
    "member_set": {"nl": "{subject} is nu {role} in {team}", "en": "{subject} is now {role} in {team}"},
    "header": {"nl": "tijd (UTC)\twerkruimte\twie\tactie\tobject\tdetail",
               "en": "time (UTC)\tworkspace\twho\taction\tobject\tdetail"},
})


def operator(store) -> Actor:
    """The command line's actor: beheerder of every team, named after the operating system user."""
    slugs = store.team_slugs()
    user = getpass.getuser()
    return Actor(f"cli:{user}", f"{user} (command line)", {slug: "beheerder" for slug in slugs or [LOCAL_TEAM]})


def _configure_audit(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", default=None)
    parser.add_argument("--action", default=None)
    parser.add_argument("--user", default=None, metavar="SUBJECT")
    parser.add_argument("--since", default=None, metavar="YYYY-MM-DD")
    parser.add_argument("--limit", type=int, default=1000)


@add_subcommand("audit", help=dict(MESSAGES["audit_help"]), configure=_configure_audit)
def audit_command(args: argparse.Namespace) -> int:
    """Print the audit log, newest first, tab-separated; exit 0."""
    from .store import Store

    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since).replace(tzinfo=timezone.utc)
        except ValueError:
            raise UsageError(MESSAGES.text("bad_since", args.lang, value=args.since)) from None
    store = Store()
    try:
        entries = store.audit_entries(team=args.team, action=args.action, subject=args.user, since=since,
                                      limit=args.limit, actor=operator(store))
    except AccessDenied as error:
        raise UsageError(error.text(args.lang)) from None
    finally:
        store.dispose()
    print(MESSAGES.text("header", args.lang))
    for e in entries:
        target = f"{e['object_kind']}:{e['object_id']}" if e["object_kind"] else ""
        fields = [f"{e['at']:%Y-%m-%d %H:%M:%S}", e["team"] or "", f"{e['actor_name']} <{e['subject']}>",
                  e["action"], target, e["detail"] or ""]
        print("\t".join(" ".join(str(f).split()) for f in fields))
    if not entries:
        print(MESSAGES.text("empty", args.lang), file=sys.stderr)
    return 0


def _configure_team(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="team_action", required=True)
    create = actions.add_parser("create")
    create.add_argument("slug")
    create.add_argument("name", nargs="?")
    member = actions.add_parser("member")
    member.add_argument("slug")
    member.add_argument("subject")
    member.add_argument("role", choices=ROLES)
    member.add_argument("--name", default=None)
    actions.add_parser("list")


@add_subcommand("team", help=dict(MESSAGES["team_help"]), configure=_configure_team)
def team_command(args: argparse.Namespace) -> int:
    """Create a workspace, set a member's role, or list workspaces; exit 0."""
    from .store import Store

    store = Store()
    try:
        if args.team_action == "create":
            store.create_team(args.slug, args.name, actor=operator(store))
            print(MESSAGES.text("created", args.lang, team=args.slug.lower()))
        elif args.team_action == "member":
            store.set_member(args.slug, args.subject, args.role, name=args.name, actor=operator(store))
            print(MESSAGES.text("member_set", args.lang, subject=args.subject, role=args.role, team=args.slug))
        else:
            for team in store.list_teams(actor=operator(store)):
                print(f"{team['slug']}\t{team['name']}\t{team['members']}")
    except AccessDenied as error:
        raise UsageError(error.text(args.lang)) from None
    finally:
        store.dispose()
    return 0
