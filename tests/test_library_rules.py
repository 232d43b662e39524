"""House rules of the netanalysis package, checked so they cannot silently erode."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import netanalysis

#: Every module of the package, subpackages' modules included ("readers.text").
MODULES = sorted(
    name
    for name in (m.name.removeprefix("netanalysis.") for m in pkgutil.walk_packages(netanalysis.__path__, prefix="netanalysis."))
    if not any(part.startswith("_") for part in name.split("."))
)


def test_netanalysis_never_imports_streamlit(repo_root):
    imports = "; ".join(f"import netanalysis.{name}" for name in MODULES)
    code = f"import sys; {imports}; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=repo_root, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_module_declares_all():
    for name in MODULES:
        if name in {"cli"}:
            continue
        module = importlib.import_module(f"netanalysis.{name}")
        assert hasattr(module, "__all__"), f"netanalysis.{name} has no __all__"


#: Modules above the ceiling today, each owned by another piece of work:
#: the map (maps.py, being split into layout/style/maps), the store (being
#: split into a package), and readers and examples that are one idea each.
#: A module leaves this list when it is cut; none may join it.
LONG_MODULES: set[str] = set()

#: The ceiling of issue 12: a module a newcomer can read in one sitting.
MAX_LINES = 620


def _source(name: str) -> str:
    path = Path(netanalysis.__path__[0]).joinpath(*name.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return path.read_text(encoding="utf-8")


def test_no_module_imports_a_private_name_from_another():
    """``from .x import _private`` couples two modules through a name that
    promises nothing; a helper used twice gets a public home instead."""
    offenders = []
    for name in MODULES:
        for node in ast.walk(ast.parse(_source(name))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("netanalysis")):
                offenders += [f"{name}: {alias.name}" for alias in node.names if alias.name.startswith("_")]
    assert not offenders


def test_no_module_reaches_into_another_modules_private_names():
    """``other._private`` from outside ``other`` is the same coupling."""
    offenders = []
    for name in MODULES:
        tree = ast.parse(_source(name))
        imported = {alias.asname or alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    and node.level for alias in node.names if alias.name in MODULES}
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported:
                if node.attr.startswith("_"):
                    offenders.append(f"{name}: {node.value.id}.{node.attr}")
    assert not offenders


def test_modules_stay_under_the_ceiling():
    too_long = {name: n for name in MODULES if (n := len(_source(name).splitlines())) > MAX_LINES}
    assert set(too_long) <= LONG_MODULES, too_long
