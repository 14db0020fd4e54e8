"""Stage packages never import prefect (only flows/ does)."""
from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_stage_packages_do_not_import_prefect():
    mods = [f"{pkg}.{m.name}" for pkg in ("extract", "models", "warehouse")
            for m in pkgutil.iter_modules([str(ROOT / pkg)])]
    assert len(mods) > 10
    code = ("import importlib, sys\n"
            f"for m in {mods!r}: importlib.import_module(m)\n"
            "bad = sorted(m for m in sys.modules if m == 'prefect' or m.startswith('prefect.'))\n"
            "print(len(bad)); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


def test_flows_is_the_only_package_mentioning_prefect():
    for pkg in ("extract", "models", "warehouse"):
        for py in (ROOT / pkg).rglob("*.py"):
            text = py.read_text(encoding="utf-8")
            assert "import prefect" not in text and "from prefect" not in text, py
