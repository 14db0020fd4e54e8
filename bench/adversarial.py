"""Run probe + extraction on each file of ../shared/corpus/adversarial in its own child process
(RLIMIT_AS 2 GB, wall-clock limit) and compare the outcome with EXPECTED.tsv.

    .venv/bin/python bench/adversarial.py [../shared/corpus/adversarial] [--timeout 60]

A stand-in for flows.pipeline.isolate, so that extraction can be checked on its own.
"""
from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import time

CHILD = """
import json, sys
from extract.pdf import document_from_pdf
from extract.probe import ExtractError
from extract.settings import ExtractSettings
try:
    doc = document_from_pdf(sys.argv[1], ExtractSettings())
    flags = [f for f in doc.flags]
    print(json.dumps({"outcome": "loaded_flagged" if flags else "loaded", "reason": ",".join(flags) or "-",
                      "chars": len(doc.text), "pages": len(doc.pages)}))
except ExtractError as e:
    print(json.dumps({"outcome": "quarantined", "reason": e.reason, "detail": str(e)[:120]}))
except MemoryError:
    print(json.dumps({"outcome": "quarantined", "reason": "too_large", "detail": "MemoryError"}))
"""


def _limit(gb: float):
    def apply():
        limit = int(gb * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def outcome_of(path: str, timeout: float) -> dict:
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, path], capture_output=True, text=True, timeout=timeout,
                              preexec_fn=_limit(2.0))
    except subprocess.TimeoutExpired:
        return {"outcome": "quarantined", "reason": "timeout", "secs": timeout}
    secs = round(time.perf_counter() - start, 1)
    try:
        return {**json.loads(done.stdout.strip().splitlines()[-1]), "secs": secs}
    except (IndexError, ValueError):
        tail = done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return {"outcome": "crash", "reason": tail[0][:120], "secs": secs}


def main(argv: list[str]) -> int:
    folder = next((a for a in argv if not a.startswith("--")), os.path.join("..", "shared", "corpus", "adversarial"))
    timeout = float(argv[argv.index("--timeout") + 1]) if "--timeout" in argv else 60.0
    rows = list(csv.DictReader(open(os.path.join(folder, "EXPECTED.tsv"), encoding="utf-8"), delimiter="\t"))
    good = 0
    for row in rows:
        got = outcome_of(os.path.join(folder, row["file"]), timeout)
        want_reason = row["expected_reason"]
        ok = got["outcome"] == row["expected_outcome"] and (want_reason == "-" or want_reason in got["reason"].split(","))
        also_ok = row["note"].split("ALSO_OK:", 1)[1].split(". Observed")[0] if "ALSO_OK:" in row["note"] else ""
        also = got["outcome"] in also_ok and any(r in also_ok for r in got["reason"].split(","))
        good += ok or also
        mark = "ok  " if ok else "also" if also else "FAIL"
        print(f"{mark} {row['file'][:40]:40} want {row['expected_outcome']}/{want_reason:15} "
              f"got {got['outcome']}/{got['reason']} ({got['secs']} s)")
    print(f"{good}/{len(rows)} as expected (or ALSO_OK)")
    return 0 if good == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
