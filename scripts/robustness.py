"""Robustness benchmark: one ingestion run per corpus folder into a temporary warehouse.

    .venv/bin/python scripts/robustness.py [--corpus ../shared/corpus] [--timeout 60] [--out bench/robustness_counts.md]
                                           [--folder adversarial ...] [--budget MB]

Copies every file of adversarial/ (except its .py/.tsv/.md/SHA256SUMS), robustness/, real_nl/ and
real_en/ (all files, not only *.pdf), runs the Prefect flow `ingest` on each copy, counts outcomes
per folder and compares the adversarial outcomes with adversarial/EXPECTED.tsv (the expected
outcome/reason, or one the note's ALSO_OK accepts). Beside the outcomes it prints the peak memory of
the whole process tree during each run (this process, its readers and any Prefect API server it
started), sampled every 0.2 s: summed RSS (shared pages counted once per process) and summed PSS
(shared pages split among the processes that share them), with and without the Prefect API server.
Exit 1 when an adversarial outcome is not as expected or the tree's PSS exceeded the budget.
Needs ../shared (not part of the test suite).
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
import threading
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


def _descendants(root: int) -> list[int]:
    """root and every process below it (from /proc/<pid>/task/<tid>/children)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return out


def _memory(pid: int) -> tuple[float, float, bool]:
    """(RSS MB, PSS MB, is a Prefect API server) of one process; zeros when it is gone."""
    rss = pss = 0.0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ")
    except OSError:
        return 0.0, 0.0, False
    return rss, pss, pid != os.getpid() and (b"uvicorn" in cmd or b"prefect" in cmd and b"server" in cmd)


class TreeMemory:
    """Samples the process tree below this process in a thread; peaks of summed RSS and PSS (MB), with
    and without the Prefect API server, and the largest single process."""

    def __init__(self, interval: float = 0.2):
        self.interval, self.stop_event = interval, threading.Event()
        self.peak = {"rss": 0.0, "pss": 0.0, "rss_no_api": 0.0, "pss_no_api": 0.0, "largest": 0.0, "processes": 0}
        self.at_peak: list[tuple[int, int, bool]] = []  # (RSS, PSS, API server) per process at the PSS peak
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop_event.is_set():
            rows = [_memory(pid) for pid in _descendants(os.getpid())]
            now = {"rss": sum(r for r, _, _ in rows), "pss": sum(p for _, p, _ in rows),
                   "rss_no_api": sum(r for r, _, api in rows if not api),
                   "pss_no_api": sum(p for _, p, api in rows if not api),
                   "largest": max((r for r, _, _ in rows), default=0.0), "processes": len(rows)}
            if now["pss_no_api"] > self.peak["pss_no_api"]:  # what the tree was made of at its peak
                self.at_peak = [(round(r), round(p), api) for r, p, api in rows if r]
            for key, value in now.items():
                self.peak[key] = max(self.peak[key], value)
            self.stop_event.wait(self.interval)

    def __enter__(self) -> "TreeMemory":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop_event.set()
        self.thread.join()


def outcomes(warehouse: str, run_id: str) -> dict[str, tuple[str, str]]:
    import duckdb

    conn = duckdb.connect(warehouse, read_only=True)
    try:
        rows = conn.execute("SELECT path, outcome, coalesce(reason, '-') FROM run_files WHERE run_id = ? "
                            "AND outcome NOT IN ('missing', 'skipped')", [run_id]).fetchall()
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
    ap.add_argument("--budget", type=int, default=None, help="memory_budget_mb (default: the setting's default)")
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
                               "warehouse.path": warehouse, "memory_budget_mb": args.budget})
    budget = settings.run.memory_budget_mb
    lines = ["# Robustness counts", "",
             f"`scripts/robustness.py`: one `ingest` run per folder (workers {args.workers}, per-file timeout "
             f"{args.timeout:g} s, memory budget {budget} MB for the process tree). Peak memory of the tree, "
             "sampled every 0.2 s: summed RSS / summed PSS in MB, and the same without the temporary Prefect "
             "API server.", "",
             "| folder | files | loaded | loaded_flagged | quarantined (by reason) | failed | seconds "
             "| peak RSS | peak PSS | RSS w/o API | PSS w/o API | largest process |",
             "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    results, over_budget, ok = {}, [], True
    try:
        for name in args.folder or FOLDERS:
            n = copy_folder(corpus / name, tmp / name)
            t0 = time.monotonic()
            with TreeMemory() as mem:
                state = ingest(str(tmp / name), warehouse, settings, return_state=True)
            seconds = time.monotonic() - t0
            peak = mem.peak
            print(f"{name}: at the peak (RSS, PSS MB, API server) per process: {mem.at_peak}", file=sys.stderr)
            if peak["pss_no_api"] > budget:
                over_budget.append(name)
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
                         f"{sum(quar.values())}: {qtext} | {count['failed']} | {seconds:.0f} | {peak['rss']:.0f} | "
                         f"{peak['pss']:.0f} | {peak['rss_no_api']:.0f} | {peak['pss_no_api']:.0f} | "
                         f"{peak['largest']:.0f} |")
        if "real_nl" in results:  # the nightly case: nothing changed, nothing may be parsed
            full = next(float(ln.split("|")[7]) for ln in lines if ln.startswith("| real_nl "))  # seconds
            t0 = time.monotonic()
            again = summary_of(ingest(str(tmp / "real_nl"), warehouse, settings, return_state=True))
            rerun = time.monotonic() - t0
            lines += ["", f"Nightly re-run of real_nl with nothing changed: {rerun:.1f} s = {100 * rerun / full:.1f} % "
                          f"of the full run ({again and again.unchanged} unchanged, pages read {again and again.pages})."]
        if "adversarial" in results:
            table, ok = adversarial_table(corpus / "adversarial" / "EXPECTED.tsv", results["adversarial"])
            lines += table
        lines += ["", f"Budget {budget} MB: " + (f"PSS without the API server above it in {', '.join(over_budget)}"
                                                  if over_budget else "PSS without the API server stayed under it.")]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    text = "\n".join(lines) + "\n"
    print(text)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    return 0 if ok and not over_budget else 1


def adversarial_table(expected_tsv: Path, got: dict) -> tuple[list[str], bool]:
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
    return out, ok == len(expected)


if __name__ == "__main__":
    sys.exit(main())
