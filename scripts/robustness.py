"""Robustness benchmark: one ingestion run per corpus folder into a temporary warehouse.

    .venv/bin/python scripts/robustness.py [--corpus ../shared/corpus] [--timeout 60] [--out bench/robustness_counts.md]
                                           [--folder adversarial ...]

Copies every file of adversarial/ (except its .py/.tsv/.md/SHA256SUMS), robustness/, real_nl/ and
real_en/ (all files, not only *.pdf), runs the Prefect flow `ingest` on each copy, counts outcomes
per folder and compares the adversarial outcomes with adversarial/EXPECTED.tsv (the expected
outcome/reason, or one the note's ALSO_OK accepts). Needs ../shared (not part of the test suite).
"""
from __future__ import annotations

import argparse
import collections
import csv
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FOLDERS = ("adversarial", "robustness", "real_nl", "real_en")
NOT_DATA = (".py", ".tsv", ".md")


def copy_folder(src: Path, dst: Path) -> int:
    dst.mkdir(parents=True)
    n = 0
    for f in sorted(src.iterdir()):
        if f.is_file() and not f.name.endswith(NOT_DATA) and f.name != "SHA256SUMS":
            shutil.copy(f, dst / f.name)
            n += 1
    return n


def outcomes(warehouse: str, run_id: str) -> dict[str, tuple[str, str]]:
    import duckdb

    conn = duckdb.connect(warehouse, read_only=True)
    try:
        rows = conn.execute("SELECT path, outcome, coalesce(reason, '-') FROM run_files WHERE run_id = ? "
                            "AND outcome <> 'missing'", [run_id]).fetchall()
    finally:
        conn.close()
    return {os.path.basename(p): (o, r) for p, o, r in rows}


def matches(outcome: str, reason: str, expected: str, exp_reason: str, note: str) -> bool:
    reasons = set(reason.split(","))
    if outcome == expected and (exp_reason == "-" or exp_reason in reasons):
        return True
    also = note.split("ALSO_OK:", 1)[1].split("Observed", 1)[0] if "ALSO_OK:" in note else ""
    if not re.search(rf"\b{outcome}\b", also):
        return False
    return reason == "-" or any(re.search(rf"\b{re.escape(r)}\b", also) for r in reasons)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--timeout", type=float, default=60.0, help="per-file wall-clock limit (s)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "bench" / "robustness_counts.md"))
    ap.add_argument("--folder", action="append", choices=FOLDERS, help="only this folder (repeatable; default: all)")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2
    from flows.orchestration.flow import ingest, summary_of
    from flows.pipeline.settings import build_settings

    tmp = Path(tempfile.mkdtemp(prefix="verslagen-robustness-"))
    warehouse = str(tmp / "robustness.duckdb")
    settings = build_settings({"timeout_s": args.timeout, "workers": args.workers, "all_files": True,
                               "warehouse.path": warehouse})
    lines = ["# Robustness counts", "",
             f"`scripts/robustness.py`: one `ingest` run per folder (workers {args.workers}, per-file timeout "
             f"{args.timeout:g} s, memory limit {settings.run.memory_mb} MB).", "",
             "| folder | files | loaded | loaded_flagged | quarantined (by reason) | failed | seconds |",
             "|---|---:|---:|---:|---|---:|---:|"]
    results = {}
    try:
        for name in args.folder or FOLDERS:
            n = copy_folder(corpus / name, tmp / name)
            t0 = time.monotonic()
            state = ingest(str(tmp / name), warehouse, settings, return_state=True)
            seconds = time.monotonic() - t0
            summary = summary_of(state)
            if summary is None:
                lines.append(f"| {name} | {n} | run did not finish: {state.name} {state.message} | | | | |")
                continue
            got = outcomes(warehouse, summary.run_id)
            results[name] = got
            count = collections.Counter(o for o, _ in got.values())
            quar = collections.Counter(r for o, r in got.values() if o == "quarantined")
            qtext = ", ".join(f"{r} {c}" for r, c in sorted(quar.items())) or "-"
            lines.append(f"| {name} | {n} | {count['loaded']} | {count['loaded_flagged']} | "
                         f"{sum(quar.values())}: {qtext} | {count['failed']} | {seconds:.0f} |")
        if "real_nl" in results:  # the nightly case: nothing changed, nothing may be parsed
            full = next(float(ln.rsplit("|", 2)[1]) for ln in lines if ln.startswith("| real_nl "))
            t0 = time.monotonic()
            again = summary_of(ingest(str(tmp / "real_nl"), warehouse, settings, return_state=True))
            rerun = time.monotonic() - t0
            lines += ["", f"Nightly re-run of real_nl with nothing changed: {rerun:.1f} s = {100 * rerun / full:.1f} % "
                          f"of the full run ({again and again.unchanged} unchanged, pages read {again and again.pages})."]
        if "adversarial" in results:
            lines += adversarial_table(corpus / "adversarial" / "EXPECTED.tsv", results["adversarial"])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    return 0


def adversarial_table(expected_tsv: Path, got: dict) -> list[str]:
    with open(expected_tsv, encoding="utf-8") as fh:
        expected = list(csv.DictReader(fh, delimiter="\t"))
    rows, ok = [], 0
    for e in expected:
        outcome, reason = got.get(e["file"], ("absent", "-"))
        hit = matches(outcome, reason, e["expected_outcome"], e["expected_reason"], e.get("note", ""))
        ok += hit
        if not hit:
            rows.append(f"| {e['file']} | {e['expected_outcome']}/{e['expected_reason']} | {outcome}/{reason} |")
    out = ["", f"## Adversarial: {ok} of {len(expected)} match EXPECTED.tsv (expected or ALSO_OK)", ""]
    if rows:
        out += ["| file | expected | got |", "|---|---|---|"] + rows
    return out


if __name__ == "__main__":
    sys.exit(main())
