"""Command line: ``python -m netanalysis <command> ...``.

Built-in commands::

    python -m netanalysis validate PATH...           # exit 0 valid, 1 problems, 2 usage
    python -m netanalysis convert INPUT... OUTPUT    # format from the extensions
    python -m netanalysis --lang en validate a.xlsx

Problems are printed one per line as ``file:row:column: severity: message``
(row or column empty when they do not apply). No input ever produces a
traceback: bad files are reported and exit 1; usage errors and anything
unexpected exit 2 with a one-line message.

Adding a command
----------------
Write a module ``netanalysis/cli_<name>.py`` (it is discovered and imported
automatically) and register the command with :func:`add_subcommand`::

    from netanalysis.cli import add_subcommand, load_or_report

    def _configure(parser):
        parser.add_argument("paths", nargs="+")

    @add_subcommand("analyse", help={"nl": "Analyseer een netwerk", "en": "Analyse a network"},
                    configure=_configure)
    def analyse(args) -> int:
        net = load_or_report(args.paths, lang=args.lang)
        if net is None:
            return 1
        ...
        return 0

The function receives the parsed :class:`argparse.Namespace` (``args.lang``
is always set) and returns the exit code. Raise :class:`UsageError` for
bad arguments (exit 2).
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .i18n import LANGUAGES, Messages, normalise_language

__all__ = [
    "SUBCOMMANDS", "Subcommand", "add_subcommand", "UsageError", "build_parser", "main", "load_or_report",
    "print_problems", "add_mapping_options", "mapping_from_args", "show_columns", "MAPPING_OPTIONS",
]

MESSAGES = Messages(
    {
        "description": {
            "nl": "Netwerkkaart: controleer en converteer netwerkbestanden.",
            "en": "Netwerkkaart: check and convert network files.",
        },
        "lang": {"nl": "taal van de meldingen (nl of en)", "en": "language of the messages (nl or en)"},
        "validate": {"nl": "controleer bestanden en meld alle problemen", "en": "check files and report every problem"},
        "convert": {
            "nl": "converteer naar .csv, .xlsx, .graphml, .gexf of .json (naar de extensie van OUTPUT)",
            "en": "convert to .csv, .xlsx, .graphml, .gexf or .json (by the extension of OUTPUT)",
        },
        "paths": {
            "nl": "één bestand (.xlsx, .ods, .xls, .graphml, .gexf, .gml, .net, .dl, .json of .csv) of twee CSV-bestanden",
            "en": "one file (.xlsx, .ods, .xls, .graphml, .gexf, .gml, .net, .dl, .json or .csv) or two CSV files",
        },
        "mapping_group": {"nl": "kolommen toewijzen", "en": "assign columns"},
        "mapping_help": {
            "nl": "Alleen nodig als het bestand niet wordt herkend: kies het tabblad (--stakeholders-sheet, --relations-sheet) en de kolom per betekenis (bijvoorbeeld --source Van --target Naar). --show-columns toont wat er in het bestand staat.",
            "en": "Only needed when the file is not recognised: choose the sheet (--stakeholders-sheet, --relations-sheet) and the column for each meaning (for example --source From --target To). --show-columns shows what the file holds.",
        },
        "ties_by": {
            "nl": "de relaties noemen betrokkenen bij id of bij naam",
            "en": "the relations name stakeholders by id or by name",
        },
        "show_columns": {
            "nl": "toon de tabbladen en kolommen van het bestand en stop",
            "en": "show the file's sheets and columns and stop",
        },
        "sheet_line": {"nl": "tabblad '{sheet}' ({rows} rijen):", "en": "sheet '{sheet}' ({rows} rows):"},
        "no_sheet": {
            "nl": "het tabblad '{sheet}' bestaat niet; gevonden: {sheets}",
            "en": "there is no sheet '{sheet}'; found: {sheets}",
        },
        "convert_paths": {
            "nl": "invoerbestand(en) gevolgd door het uitvoerbestand",
            "en": "input file(s) followed by the output file",
        },
        "valid": {
            "nl": "{file}: geldig: {stakeholders} betrokkenen, {relations} relaties, waarschuwingen: {warnings}.",
            "en": "{file}: valid: {stakeholders} stakeholders, {relations} relations, warnings: {warnings}.",
        },
        "invalid": {
            "nl": "{file}: niets geladen; fouten: {errors}, waarschuwingen: {warnings}.",
            "en": "{file}: nothing loaded; errors: {errors}, warnings: {warnings}.",
        },
        "written": {"nl": "Geschreven: {path}", "en": "Written: {path}"},
        "need_output": {
            "nl": "geef invoerbestand(en) en een uitvoerbestand",
            "en": "give input file(s) and an output file",
        },
        "bad_output": {
            "nl": "onbekend uitvoertype '{suffix}'; kies .csv, .xlsx, .graphml, .gexf of .json",
            "en": "unknown output type '{suffix}'; choose .csv, .xlsx, .graphml, .gexf or .json",
        },
        "cannot_write": {"nl": "kan niet schrijven naar {path}: {reason}", "en": "cannot write to {path}: {reason}"},
        "unexpected": {
            "nl": "onverwachte fout ({kind}): {reason}. Meld dit bij de beheerders.",
            "en": "unexpected error ({kind}): {reason}. Please report this to the maintainers.",
        },
        "error": {"nl": "fout", "en": "error"},
        "warning": {"nl": "waarschuwing", "en": "warning"},
        "plugin_failed": {
            "nl": "let op: opdrachtmodule {module} kon niet worden geladen ({reason})",
            "en": "note: command module {module} could not be loaded ({reason})",
        },
    }
)


class UsageError(Exception):
    """Bad arguments to a command: printed as one line, exit code 2."""


@dataclass(frozen=True)
class Subcommand:
    """A registered command: how to set up its arguments and how to run it."""

    name: str
    help: dict[str, str]
    configure: Callable[[argparse.ArgumentParser], None] | None
    run: Callable[[argparse.Namespace], int]


#: Registered commands by name, in registration order.
SUBCOMMANDS: dict[str, Subcommand] = {}


def add_subcommand(
    name: str,
    *,
    help: dict[str, str] | str,
    configure: Callable[[argparse.ArgumentParser], None] | None = None,
) -> Callable[[Callable[[argparse.Namespace], int]], Callable[[argparse.Namespace], int]]:
    """Register a command (use as a decorator on its run function).

    Parameters
    ----------
    name : str
        The command word, e.g. ``"analyse"``.
    help : dict or str
        One line of help, ``{"nl": ..., "en": ...}`` or one text for both.
    configure : callable, optional
        Receives the command's :class:`argparse.ArgumentParser` to add arguments.

    Raises
    ------
    ValueError
        If a command of that name exists already.
    """
    texts = help if isinstance(help, dict) else {lang: help for lang in LANGUAGES}

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        if name in SUBCOMMANDS and SUBCOMMANDS[name].run is not run:
            raise ValueError(f"command {name!r} is registered twice")
        SUBCOMMANDS[name] = Subcommand(name, dict(texts), configure, run)
        return run

    return register


def _discover() -> list[tuple[str, str]]:
    """Import every ``netanalysis/cli_*.py`` so its commands register themselves.

    Returns ``(module, reason)`` for each module that failed to import.
    """
    failed = []
    package = Path(__file__).parent
    for info in pkgutil.iter_modules([str(package)]):
        if info.name.startswith("cli_"):
            module = f"{__package__}.{info.name}"
            try:
                importlib.import_module(module)
            except Exception as exc:  # one broken add-on must not take the built-in commands down
                failed.append((module, f"{type(exc).__name__}: {exc}"))
    return failed


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every registered command."""
    lang = normalise_language(lang)
    parser = argparse.ArgumentParser(prog="python -m netanalysis", description=MESSAGES.text("description", lang))
    parser.add_argument("--lang", choices=LANGUAGES, default=lang, help=MESSAGES.text("lang", lang))
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS lets "--lang" appear before or after the command word.
    common.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=MESSAGES.text("lang", lang))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in SUBCOMMANDS.values():
        text = command.help[lang]
        sub = commands.add_parser(command.name, help=text, description=text, parents=[common])
        if command.configure:
            command.configure(sub)
        sub.set_defaults(_run=command.run)
    return parser


def _field(value: object) -> str:
    return "" if value is None else str(value)


def print_problems(problems, *, lang: str, stream=None) -> None:
    """Print problems one per line: ``file:row:column: severity: message``."""
    stream = stream or sys.stdout
    for p in problems:
        severity = MESSAGES.text("error" if p.is_error else "warning", lang)
        print(f"{p.file}:{_field(p.row)}:{_field(p.column)}: {severity}: {p.message(lang)}", file=stream)


#: The mapping options: option -> (table, canonical key); the sheets have table None.
MAPPING_OPTIONS = {
    "stakeholders_sheet": (None, "stakeholders"),
    "relations_sheet": (None, "relations"),
    "id": ("stakeholders", "id"),
    "name": ("stakeholders", "name"),
    "type": ("stakeholders", "type"),
    "organisation": ("stakeholders", "organisation"),
    "source": ("relations", "source"),
    "target": ("relations", "target"),
    "relation_type": ("relations", "type"),
    "strength": ("relations", "strength"),
    "weight": ("relations", "weight"),
    "since": ("relations", "since"),
}


def add_mapping_options(parser: argparse.ArgumentParser) -> None:
    """The mapping step on the command line: which sheet and column mean what.

    Without any of these options the layout is recognised; with them, the
    recognised mapping is the starting point and each option overrides it.
    """
    lang = parser.get_default("lang") if parser.get_default("lang") in LANGUAGES else None
    group = parser.add_argument_group(MESSAGES.text("mapping_group", lang), MESSAGES.text("mapping_help", lang))
    for option in MAPPING_OPTIONS:
        flag = "--" + option.replace("_", "-")
        group.add_argument(flag, dest=f"map_{option}", metavar="SHEET" if option.endswith("sheet") else "COLUMN", default=None)
    group.add_argument("--ties-by", dest="map_ties_by", choices=("id", "name"), default=None, help=MESSAGES.text("ties_by", lang))
    group.add_argument("--show-columns", dest="show_columns", action="store_true", help=MESSAGES.text("show_columns", lang))


def mapping_from_args(args: argparse.Namespace, paths: Sequence[str]):
    """The :class:`~netanalysis.layouts.ColumnMapping` the options ask for, or None when none was given."""
    from . import io as nio
    from .layouts import ColumnMapping, recognise, relation_columns, stakeholder_columns

    given = {o: getattr(args, f"map_{o}", None) for o in MAPPING_OPTIONS}
    ties_by = getattr(args, "map_ties_by", None)
    if not any(given.values()) and ties_by is None:
        return None
    found = nio.read(list(paths))
    base = recognise(found) or ColumnMapping()
    sheets = {"stakeholders": base.stakeholders, "relations": base.relations}
    columns = {"stakeholders": dict(base.stakeholder_columns), "relations": dict(base.relation_columns)}
    for table, option in (("stakeholders", "stakeholders_sheet"), ("relations", "relations_sheet")):
        chosen = given[option]
        if chosen and chosen != sheets[table]:
            found_table = found.table(chosen)
            if found_table is None:
                raise UsageError(MESSAGES.text("no_sheet", args.lang, sheet=chosen, sheets=", ".join(t.sheet for t in found.tables) or "-"))
            sheets[table] = chosen
            columns[table] = (stakeholder_columns if table == "stakeholders" else relation_columns)(found_table)
    for option, (table, key) in MAPPING_OPTIONS.items():
        if table and given[option]:
            columns[table][key] = given[option]
    return ColumnMapping(
        sheets["stakeholders"], sheets["relations"], columns["stakeholders"], columns["relations"],
        ties_by or base.ties_by, "custom",
    )


def show_columns(paths: Sequence[str], *, lang: str) -> None:
    """Print every sheet with its columns and first values, for choosing the mapping options."""
    from . import io as nio
    from .mapping import describe

    found = nio.read(list(paths))
    print_problems(found.problems, lang=lang)
    for table in describe(found):
        print(MESSAGES.text("sheet_line", lang, sheet=table["sheet"], rows=table["rows"]))
        for column in table["columns"]:
            print(f"    {column}: {', '.join(table['examples'][column])}")


def load_or_report(paths: Sequence[str], *, lang: str, mapping=None):
    """Load ``paths`` with :func:`netanalysis.io.load`, print every problem,
    and return the network (None when there were errors)."""
    from . import io as nio

    result = nio.load(list(paths), mapping=mapping)
    print_problems(result.problems, lang=lang)
    return result.network


def _describe(paths: Sequence[str]) -> str:
    return ", ".join(Path(p).name for p in paths)


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    lang = parser.get_default("lang") if parser.get_default("lang") in LANGUAGES else None
    parser.add_argument("paths", nargs="+", metavar="PATH", help=MESSAGES.text("paths", lang))
    add_mapping_options(parser)


@add_subcommand("validate", help=dict(MESSAGES["validate"]), configure=_configure_validate)
def validate(args: argparse.Namespace) -> int:
    """Check the files; exit 0 when they load (warnings allowed), 1 otherwise."""
    from . import io as nio

    if args.show_columns:
        show_columns(args.paths, lang=args.lang)
        return 0
    result = nio.load(list(args.paths), mapping=mapping_from_args(args, args.paths))
    print_problems(result.problems, lang=args.lang)
    fields = {"file": _describe(args.paths), "errors": len(result.errors), "warnings": len(result.warnings)}
    if result.ok:
        net = result.network
        print(MESSAGES.text("valid", args.lang, stakeholders=len(net.stakeholders), relations=len(net.relations), **fields))
        return 0
    print(MESSAGES.text("invalid", args.lang, **fields))
    return 1


def _configure_convert(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="INPUT... OUTPUT", help=MESSAGES.text("convert_paths", None))
    add_mapping_options(parser)


@add_subcommand("convert", help=dict(MESSAGES["convert"]), configure=_configure_convert)
def convert(args: argparse.Namespace) -> int:
    """Load the inputs and save them in the format of the output's extension.

    ``OUTPUT.csv`` writes ``OUTPUT_stakeholders.csv`` and ``OUTPUT_relations.csv``.
    Exit 0 when written, 1 when the inputs have errors, 2 on usage errors.
    """
    from . import io as nio

    if len(args.paths) < 2:
        raise UsageError(MESSAGES.text("need_output", args.lang))
    *inputs, output = args.paths
    suffix = Path(output).suffix.lower()
    if not any(suffix in nio.FORMATS[kind] for kind in nio.WRITABLE):
        raise UsageError(MESSAGES.text("bad_output", args.lang, suffix=suffix or output))
    net = load_or_report(inputs, lang=args.lang, mapping=mapping_from_args(args, inputs))
    if net is None:
        return 1
    try:
        written = nio.save(net, output, lang=args.lang)
    except OSError as exc:
        raise UsageError(MESSAGES.text("cannot_write", args.lang, path=output, reason=exc.strerror or exc)) from exc
    for path in written:
        print(MESSAGES.text("written", args.lang, path=path))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (never raises on bad input)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = normalise_language(os.environ.get("NETWERKKAART_LANG"))
    if "--lang" in argv:
        position = argv.index("--lang")
        if position + 1 < len(argv):
            lang = normalise_language(argv[position + 1])
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            # A Windows console in cp1252 cannot show every Dutch name; never crash on it.
            stream.reconfigure(errors="replace")
    for module, reason in _discover():
        print(MESSAGES.text("plugin_failed", lang, module=module, reason=reason), file=sys.stderr)
    parser = build_parser(lang)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed usage (exit 2) or help (exit 0)
        return int(exc.code or 0)
    try:
        return int(args._run(args))
    except UsageError as exc:
        print(parser.format_usage().rstrip(), file=sys.stderr)
        print(f"{parser.prog} {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the promise is "no traceback": report and exit 2
        print(MESSAGES.text("unexpected", lang, kind=type(exc).__name__, reason=exc), file=sys.stderr)
        return 2
