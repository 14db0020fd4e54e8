"""Speed of the whole `verslagen ingest` against a naive pdfplumber loop, measured as the standards ask:
both sides as whole processes (Python start, imports, a temporary Prefect API when PREFECT_API_URL is
unset, the publish), run alternately in the same session, several pairs, medians quoted.

    python -m bench.pairs ../shared/corpus/real_nl --pairs 3

The naive side is `python -m bench.reference FOLDER` (pdfplumber `extract_text`, `page.close()`, one
process); the ingest side starts each pair from an empty warehouse in a temporary folder, so every file
is read. Prints every pair and the medians; exit 0.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _timed(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pairs", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pairs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"bench.pairs: folder not found: {args.folder}", file=sys.stderr)
        return 2
    env = dict(os.environ, DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false", OMP_THREAD_LIMIT="1")
    root = Path(__file__).resolve().parent.parent
    env["PYTHONPATH"] = str(root) + os.pathsep + env.get("PYTHONPATH", "")
    naive_cmd = [sys.executable, "-m", "bench.reference", str(args.folder)]
    ours, naive = [], []
    with tempfile.TemporaryDirectory(prefix="verslagen-pairs-") as tmp:
        for i in range(args.pairs):
            warehouse = Path(tmp) / "w.duckdb"
            for leftover in Path(tmp).iterdir():
                shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
            ingest_cmd = [sys.executable, "-m", "flows.cli", "ingest", str(args.folder), "--warehouse", str(warehouse)]
            first_ours = i % 2 == 1  # alternate which side goes first
            if first_ours:
                ours.append(_timed(ingest_cmd, env))
                naive.append(_timed(naive_cmd, env))
            else:
                naive.append(_timed(naive_cmd, env))
                ours.append(_timed(ingest_cmd, env))
            print(f"pair {i + 1}: verslagen ingest {ours[-1]:.1f} s, naive pdfplumber loop {naive[-1]:.1f} s "
                  f"({'ingest' if first_ours else 'naive'} first)", flush=True)
    mo, mn = statistics.median(ours), statistics.median(naive)
    print(f"median of {args.pairs} pairs: verslagen ingest {mo:.1f} s, naive loop {mn:.1f} s, ratio {mn / mo:.2f}x "
          f"(above 1: the ingest is faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
