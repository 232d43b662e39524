"""House rules of the netanalysis package, checked so they cannot silently erode."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import netanalysis

MODULES = sorted(m.name for m in pkgutil.iter_modules(netanalysis.__path__) if not m.name.startswith("_"))


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
