"""The command line: exit codes, one problem per line, no tracebacks, and the
subcommand registry other commands plug into."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netanalysis import cli
from netanalysis import io as nio

FIXTURES = Path(__file__).parent / "fixtures" / "io"
ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run the real command in a fresh interpreter (slow: used where the process matters)."""
    return subprocess.run(
        [sys.executable, "-m", "netanalysis", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def call(capsys, *args) -> tuple[int, str, str]:
    """Run the command line in this process: (exit code, stdout, stderr)."""
    code = cli.main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def bad_pair(tmp_path):
    people = tmp_path / "mensen.csv"
    ties = tmp_path / "banden.csv"
    people.write_text("id;naam;type\n1;Anouk;ambtenaar\n1;Bas;bewoner\n", encoding="utf-8")
    ties.write_text("van;naar;sterkte\n1;2;9\n", encoding="utf-8")
    return people, ties


def test_validate_valid_files_exit_0_and_print_warnings():
    out = run("validate", FIXTURES / "dutch_betrokkenen.csv", FIXTURES / "dutch_relaties.csv")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("dutch_betrokkenen.csv:1:: waarschuwing: De kolommen 'E-mail'")
    assert "geldig: 4 betrokkenen, 3 relaties" in lines[-1]


def test_validate_invalid_files_exit_1_one_problem_per_line(bad_pair):
    out = run("validate", *bad_pair)
    assert out.returncode == 1
    errors = [line for line in out.stdout.splitlines() if ": fout: " in line]
    assert [line.split(": fout: ")[0] for line in errors] == [
        "mensen.csv:3:id", "banden.csv:2:naar", "banden.csv:2:sterkte",
    ]
    assert "Traceback" not in out.stdout + out.stderr


def test_lang_before_or_after_the_command(bad_pair, capsys):
    for args in (("--lang", "en", "validate", *bad_pair), ("validate", "--lang", "en", *bad_pair)):
        code, out, _ = call(capsys, *args)
        assert code == 1
        assert "mensen.csv:3:id: error: The id '1' already appears in row 2." in out


def test_hostile_input_exit_1_without_traceback():
    out = run("validate", FIXTURES / "billion_laughs.graphml")
    assert out.returncode == 1
    assert "Traceback" not in out.stdout + out.stderr
    assert out.stdout.startswith("billion_laughs.graphml::: fout: Het bestand bevat een DTD")


@pytest.mark.parametrize("path", [FIXTURES / "gephi_undeclared_node.gexf", "nergens.xlsx", "x.doc"])
def test_bad_or_missing_input_exit_1(path, capsys):
    code, out, err = call(capsys, "validate", path)
    assert code == 1 and ": fout: " in out and err == ""


def test_convert_writes_the_output_format(tmp_path):
    target = tmp_path / "kaart.json"
    out = run("convert", FIXTURES / "dutch_betrokkenen.csv", FIXTURES / "dutch_relaties.csv", target)
    assert out.returncode == 0, out.stderr
    assert f"Geschreven: {target}" in out.stdout
    result = nio.load(target)
    assert result.ok and len(result.network) == 4 and result.network.names()["2"] == "Café ’t Hoekje"


def test_convert_to_csv_writes_two_files(tmp_path, capsys):
    code, _, err = call(capsys, "--lang", "en", "convert", FIXTURES / "gephi.gexf", tmp_path / "gephi.csv")
    assert code == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gephi_relations.csv", "gephi_stakeholders.csv"]
    assert (tmp_path / "gephi_stakeholders.csv").read_text(encoding="utf-8-sig").startswith("id,name,type")


def test_convert_invalid_input_exit_1_and_writes_nothing(tmp_path, bad_pair, capsys):
    code, _, _ = call(capsys, "convert", *bad_pair, tmp_path / "uit.xlsx")
    assert code == 1 and not (tmp_path / "uit.xlsx").exists()


@pytest.mark.parametrize(
    "args",
    [(), ("validate",), ("convert", "a.json"), ("onzin",), ("--lang", "fr", "validate", "a.csv")],
    ids=["nothing", "no-path", "no-output", "unknown-command", "bad-lang"],
)
def test_usage_errors_exit_2(args, capsys):
    code, _, err = call(capsys, *args)
    assert code == 2
    assert "Traceback" not in err and "usage" in err


def test_usage_error_in_a_real_process():
    out = run("convert", "a.json")
    assert out.returncode == 2 and "usage" in out.stderr and "Traceback" not in out.stderr


def test_convert_to_unknown_or_unwritable_output_exit_2(tmp_path, capsys):
    source = FIXTURES / "gephi.gexf"
    code, _, err = call(capsys, "convert", source, tmp_path / "kaart.pdf")
    assert code == 2 and "'.pdf'" in err and not (tmp_path / "kaart.pdf").exists()
    code, _, err = call(capsys, "convert", source, tmp_path / "bestaat-niet" / "kaart.json")
    assert code == 2 and "kan niet schrijven" in err


def test_help_exit_0(capsys):
    code, out, _ = call(capsys, "--help")
    assert code == 0 and "validate" in out and "convert" in out


# -- the registry (in process) ----------------------------------------------------


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry, so test commands vanish afterwards."""
    monkeypatch.setattr(cli, "SUBCOMMANDS", dict(cli.SUBCOMMANDS))
    return cli.SUBCOMMANDS


def test_a_registered_command_runs_with_its_arguments(registry, capsys):
    seen = {}

    def configure(parser):
        parser.add_argument("--top", type=int, default=5)

    @cli.add_subcommand("probe", help={"nl": "test", "en": "test"}, configure=configure)
    def probe(args):
        seen.update(top=args.top, lang=args.lang)
        return 3

    assert cli.main(["--lang", "en", "probe", "--top", "7"]) == 3
    assert seen == {"top": 7, "lang": "en"}
    assert "probe" in cli.build_parser("en").format_help()


def test_a_command_name_cannot_be_taken_twice(registry):
    cli.add_subcommand("twice", help="x")(lambda args: 0)
    with pytest.raises(ValueError, match="twice"):
        cli.add_subcommand("twice", help="x")(lambda args: 1)


def test_usage_error_and_unexpected_errors_exit_2(registry, capsys):
    @cli.add_subcommand("boom", help="x")
    def boom(args):
        raise RuntimeError("kapot")

    @cli.add_subcommand("misuse", help="x")
    def misuse(args):
        raise cli.UsageError("verkeerd gebruik")

    assert cli.main(["boom"]) == 2
    assert cli.main(["misuse"]) == 2
    err = capsys.readouterr().err
    assert "onverwachte fout (RuntimeError): kapot" in err and "misuse: verkeerd gebruik" in err


def test_problem_lines_have_empty_fields_when_not_applicable(capsys):
    result = nio.load(FIXTURES / "billion_laughs.graphml")
    cli.print_problems(result.problems, lang="en")
    assert capsys.readouterr().out.startswith("billion_laughs.graphml::: error: The file contains a DTD")


def test_a_broken_command_module_does_not_break_the_others(monkeypatch, capsys):
    class Info:
        name = "cli_kapot"

    monkeypatch.setattr(cli.pkgutil, "iter_modules", lambda paths: [Info()])

    def fail(module):
        raise ImportError("no module named igraph")

    monkeypatch.setattr(cli.importlib, "import_module", fail)
    code, out, err = call(capsys, "validate", FIXTURES / "gephi.gexf")
    assert code == 0 and "geldig" in out
    assert "netanalysis.cli_kapot" in err and "igraph" in err


def test_show_columns_and_mapping_options(tmp_path, capsys):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Blad1"
    for row in (["Wie", "Met wie", "Hoe vaak"], ["Anouk", "Bas", 3], ["Bas", "Cor", 12]):
        sheet.append(row)
    path = tmp_path / "contacten.xlsx"
    book.save(path)
    code, out, _ = call(capsys, "validate", path)
    assert code == 1 and "--relations-sheet" in out
    code, out, _ = call(capsys, "validate", path, "--show-columns")
    assert code == 0 and "tabblad 'Blad1' (2 rijen):" in out and "Hoe vaak: 3, 12" in out
    code, out, _ = call(capsys, "validate", path, "--relations-sheet", "Blad1", "--source", "Wie", "--target", "Met wie",
                        "--weight", "Hoe vaak")
    assert code == 0 and "geldig: 3 betrokkenen, 2 relaties" in out
    code, _, err = call(capsys, "validate", path, "--relations-sheet", "Blad9")
    assert code == 2 and "Blad9" in err and "Blad1" in err
