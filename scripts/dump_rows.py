"""Ingest a folder into a fresh warehouse and dump every table's rows, sorted, to a text file.

Columns that legitimately differ between two runs of the same code are left out: run ids, timestamps
and durations. Used to show that a refactoring changes no warehouse row:
    python scripts/dump_rows.py samples/pdf /tmp/before.txt
    ... change the code ...
    python scripts/dump_rows.py samples/pdf /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt
The ingest goes through the command line (`python -m flows.cli ingest`), the one entry point every
version of the project has.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile

import duckdb

VOLATILE = {"run_id", "seconds", "duration_s", "pseudonym_salt"}
SKIP_TABLES = {"warehouse_meta", "schema_migrations"}


def dump(db: str) -> list[str]:
    conn = duckdb.connect(db, read_only=True)
    out = []
    tables = [t for (t,) in conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
                                         "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
    for t in tables:
        if t in SKIP_TABLES:
            continue
        cols = [(c, ty) for c, ty in conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' "
            "AND table_name = ? ORDER BY ordinal_position", [t]).fetchall()]
        keep = [c for c, ty in cols if c not in VOLATILE and not ty.startswith("TIMESTAMP")]
        if t == "ingestion_runs":
            keep = [c for c in keep if c != "settings"]  # holds the warehouse path of the fresh copy
        rows = conn.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in keep)} FROM \"{t}\"").fetchall()
        lines = sorted(repr(r) for r in rows)
        out.append(f"== {t} ({len(lines)} rows) {', '.join(keep)}")
        out.extend(lines)
    conn.close()
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: dump_rows.py FOLDER OUT.txt", file=sys.stderr)
        return 2
    folder, out = argv
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "w.duckdb")
        proc = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", folder, "--warehouse", db],
                              capture_output=True, text=True)
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-2000:])
        if not os.path.exists(db):
            return 1
        lines = dump(db)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{out}: {len(lines)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
