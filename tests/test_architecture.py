"""The import arrows of docs/DESIGN.md, checked on the source with an `ast` scan (imports inside
functions count too):

    cli -> orchestration -> pipeline -> warehouse -> models -> extract
    cli -> present -> warehouse

A module imports only from its own room or rooms to its right; pipeline never imports orchestration,
prefect or cli; only orchestration imports prefect (the cli reaches Prefect through orchestration).
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# room -> rank; a room may import rooms of a lower rank (and itself), never a higher or equal other one
RANK = {"extract": 0, "models": 1, "warehouse": 2, "flows.pipeline": 3, "flows.orchestration": 4,
        "flows.present": 4, "flows.cli": 5}
PREFECT = ("prefect", "prefect_dask")


def room(module: str) -> str | None:
    for name in sorted(RANK, key=len, reverse=True):
        if module == name or module.startswith(name + "."):
            return name
    return None


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append(node.module)
            out += [f"{node.module}.{a.name}" for a in node.names]  # `from flows import cli`
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            out += [a.value for a in node.args[:1] if isinstance(a, ast.Constant)]
    return out


def modules() -> dict[str, Path]:
    out = {}
    for pkg in ("extract", "models", "warehouse", "flows"):
        for py in (ROOT / pkg).rglob("*.py"):
            out[".".join(py.relative_to(ROOT).with_suffix("").parts)] = py
    return out


def violations() -> list[str]:
    bad = []
    for name, path in sorted(modules().items()):
        mine = room(name)
        if mine is None:
            if name not in ("flows", "flows.__init__"):
                bad.append(f"{name}: in no room (add it to RANK and docs/DESIGN.md)")
            continue
        for target in imports(path):
            top = target.split(".")[0]
            if top in PREFECT and mine != "flows.orchestration":
                bad.append(f"{name} imports {target}: only flows.orchestration imports prefect")
            other = room(target)
            if other is None or other == mine:
                continue
            if RANK[other] >= RANK[mine]:
                bad.append(f"{name} ({mine}) imports {target} ({other})")
    return bad


def test_every_module_keeps_the_import_arrows():
    assert len(modules()) > 60
    assert violations() == []


def test_the_scan_sees_imports_inside_functions(tmp_path):
    src = tmp_path / "x.py"
    src.write_text("def f():\n    from prefect import flow\n    import flows.cli.ingest\n")
    assert imports(src) == ["prefect", "prefect.flow", "flows.cli.ingest"]
    assert room("flows.cli.ingest") == "flows.cli" and room("flows.pipeline") == "flows.pipeline"
    assert room("flowsx") is None and RANK["flows.pipeline"] < RANK["flows.orchestration"] < RANK["flows.cli"]
