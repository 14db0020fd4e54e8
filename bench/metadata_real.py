"""Meeting metadata of real minutes against hand-checked truth (not part of the test suite).

    python -m bench.metadata_real [--corpus ../shared/corpus] [--pred DIR] [--half tune|check|all]

Truth: CORPUS/real_nl_metadata.dev.tsv (31 real minutes: meeting date, type, organisation, number
present with three example names). Annotates each PDF of CORPUS/real_nl named there (what
`verslagen annotate` prints; `--pred DIR` reuses NAME.json files written earlier, e.g. by
`python -m bench.annotate_many DIR ...`) and prints, per half and in all:
  dates      meeting date right (rows with a date; a row without one is right when none is predicted)
  type       predicted type agrees with the hand type (our taxonomy is richer: reported, not a target)
  org        organisation by word overlap (half of the shorter one's words, as the reference scorer)
  attendees  rows with a number present: the predicted count (present_count, else the list's length)
             lies within 10 % of it AND every example name is among the predicted present names;
             rows without one: right when no present list is predicted
The halves are fixed (the sorted file names, alternately `tune` and `check`): rules are tuned on
one and checked on the other. Exit 0.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _key(s) -> str:
    s = unicodedata.normalize("NFKD", str(s or "")).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^\w]+", " ", s).strip()


def _words(s) -> set[str]:
    return set(_key(s).split()) - {"de", "van", "het", "en", "der", "den"}


def close(pred, gold) -> bool:
    p, g = _words(pred), _words(gold)
    return bool(p and g) and len(p & g) / min(len(p), len(g)) >= 0.5


def name_found(example: str, present: list[str]) -> bool:
    """An example name ("Joost Farla (Geonovum)") is found when its name words are those of a predicted name."""
    want = _key(re.sub(r"\(.*?\)", "", example))
    return any(want and (want == _key(p) or f" {want} " in f" {_key(p)} " or f" {_key(p)} " in f" {want} "
                         and len(_key(p).split()) >= 2) for p in present)


def halves(rows: list[dict]) -> dict[str, str]:
    names = sorted(r["filename"] for r in rows)
    return {n: ("tune" if i % 2 == 0 else "check") for i, n in enumerate(names)}


def judge(row: dict, pred: dict) -> dict:
    m = pred.get("meeting") or {}
    att = pred.get("attendees") or {}
    present = [a.get("name") or a.get("organisation") or "" for a in att.get("present") or []]
    count = att.get("present_count") or len(present)
    out = {"date": (m.get("date") or "") == row["meeting_date"],
           "type": _key(m.get("type")) == _key(row["meeting_type"]),
           "org": close(m.get("organisation"), row["organisation"])}
    gold_n = row["attendees_present"].strip()
    if gold_n:
        n = int(gold_n)
        examples = [row[f"attendee_example_{i}"] for i in (1, 2, 3) if row[f"attendee_example_{i}"].strip()]
        out["count"] = abs(count - n) <= 0.1 * n
        out["names"] = all(name_found(e, present) for e in examples)
        out["attendees"] = out["count"] and out["names"]
        out["why"] = f"count {count} vs {n}; names missing: " + \
            ", ".join(e for e in examples if not name_found(e, present))
    else:
        out["attendees"] = not present
        out["why"] = f"no list in truth, predicted {len(present)}"
    out["pred"] = {"date": m.get("date"), "type": m.get("type"), "org": m.get("organisation")}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--pred", default=None, help="folder of NAME.json annotations (written when missing)")
    ap.add_argument("--half", choices=("tune", "check", "all"), default="all", help="which rows to list in detail")
    ap.add_argument("--quiet", action="store_true", help="figures only, no per-file lines")
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    with open(corpus / "real_nl_metadata.dev.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    pred_dir = Path(a.pred) if a.pred else Path("/tmp") / "verslagen_metadata_real"
    missing = [str(corpus / "real_nl" / r["filename"]) for r in rows
               if not (pred_dir / (Path(r["filename"]).stem + ".json")).exists()]
    if missing:
        from bench.annotate_many import annotate_many
        annotate_many(str(pred_dir), missing)
    half_of = halves(rows)
    tally: dict[str, dict[str, list[bool]]] = {}
    for r in sorted(rows, key=lambda r: r["filename"]):
        p = pred_dir / (Path(r["filename"]).stem + ".json")
        pred = json.loads(p.read_text(encoding="utf-8")) if p.exists() else {}
        j = judge(r, pred)
        h = half_of[r["filename"]]
        for part in (h, "all"):
            t = tally.setdefault(part, {})
            for k in ("date", "type", "org", "attendees"):
                t.setdefault(k, []).append(j[k])
            if r["attendees_present"].strip():
                t.setdefault("attendees (with a list)", []).append(j["attendees"])
        if not a.quiet and a.half in (h, "all"):
            flags = " ".join(k if j[k] else k.upper() + "!" for k in ("date", "type", "org", "attendees"))
            print(f"{h:5} {r['filename'][:60]:60} {flags}  | {j['pred']} | {j['why']}")
    print()
    print(f"{'figure':26} {'tune':>10} {'check':>10} {'all':>10}")
    for k in ("date", "type", "org", "attendees", "attendees (with a list)"):
        cells = []
        for part in ("tune", "check", "all"):
            v = tally.get(part, {}).get(k, [])
            cells.append(f"{sum(v)}/{len(v)}" if v else "-")
        print(f"{k:26} {cells[0]:>10} {cells[1]:>10} {cells[2]:>10}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
