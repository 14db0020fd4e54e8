"""Across-meetings evaluation (issue 16): commitment threads, concern groups and series detection,
scored with the corpus' own scorers beside the naive baselines.

    python bench/series_eval.py [--corpus ../shared/corpus] [--out DIR] [--tune]

Reads the PDFs the pipeline reads (extract + taggers in one process), detects the series itself,
follows the promises (models.threads) and groups the concerns (models.concern_groups), then runs
../shared/tools/score_series.py (series_dev, series_real_dev/logius_api) and score_groups.py
(concern_groups.dev.gold.json, with gold concerns and with the tagger's concerns as input).
Series detection is scored pairwise against the folders / file-name families of the Logius minutes.
--tune picks the linking threshold on one series and reports it on the other, both directions.
Deterministic: the same files give the same figures.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASELINES = {  # issue 16 and ../shared/corpus/README.md
    "series_dev": {"mentions": 0.84, "links": 0.71, "status": 0.67, "events": 0.80, "deadlines": 0.73},
    "logius_api": {"mentions": 0.35, "links": 0.18, "status": 0.10},
    "groups": {"recurrence": 0.120, "links": 0.204, "bcubed": 0.504},
}
TARGETS = {"series_dev": {"mentions": 0.85, "links": 0.80, "status": 0.85, "deadlines": 0.85},
           "logius_api": {"mentions": 0.80, "links": 0.75, "status": 0.80},
           "groups": {"recurrence": 0.80, "bcubed": 0.85}}


def annotated(paths: list[str]):
    from flows.pipeline.report import read_report
    from flows.pipeline.settings import build_settings
    from models.nlp import load_nlp

    settings = build_settings({})
    nlp = load_nlp(settings.tag)
    out = {}
    for p in paths:
        out[os.path.basename(p)] = read_report(p, settings, nlp=nlp)
    return out


def _score(tool: str, pred: str, gold: str) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as fh:
        out = fh.name
    subprocess.run([sys.executable, tool, pred, gold, "--json", out], check=True, capture_output=True)
    with open(out, encoding="utf-8") as fh:
        return json.load(fh)


def threads_json(docs: dict, min_sim: float | None = None) -> tuple[list[dict], list]:
    from models.series import series_of
    from models.series_input import report_text
    from models.threads import series_json, threads_of

    reports = {name: report_text(doc, ann) for name, (doc, ann) in docs.items()}
    series = series_of([r.meeting for r in reports.values()])
    by_id = {r.meeting.doc_id: r for r in reports.values()}
    out = []
    for s in series:
        kw = {"min_sim": min_sim} if min_sim is not None else {}
        out.append(series_json(s, threads_of(s, [by_id[m.doc_id] for m in s.meetings], **kw)))
    return out, series


def part_of(gold_path: str, pred: list[dict], part: slice) -> tuple[str, list[dict]]:
    """The gold and the prediction restricted to some reports of a series (mentions in those files;
    threads keep their status as of the series' last report)."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    files = {d["file"] for d in gold["documents"][part]}

    def keep(threads):
        out = []
        for t in threads:
            ms = [m for m in t["mentions"] if m["file"] in files]
            if ms:
                out.append({**t, "mentions": ms})
        return out

    sub = {**gold, "threads": keep(gold["threads"]), "decoys": [d for d in gold.get("decoys", []) if d["file"] in files]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(sub, fh, ensure_ascii=False)
    return fh.name, [{**s, "threads": keep(s["threads"])} for s in pred]


def series_figures(name: str, tools: Path, pred: list[dict], gold: str, work: Path) -> dict:
    path = work / f"{name}.series.json"
    path.write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")
    total = _score(str(tools / "score_series.py"), str(path), gold)["total"]
    return {"mentions": total["mentions"]["f1"], "mentions_p": total["mentions"]["precision"],
            "mentions_r": total["mentions"]["recall"], "links": total["links"]["f1"],
            "status": total["status_accuracy"], "events": total["event_accuracy"],
            "deadlines": total["deadline_accuracy"], "decoys": f'{total["decoys_predicted"]}/{total["decoys"]}',
            "threads": f'{total["counts"]["pred_threads"]}/{total["counts"]["gold_threads"]}'}


def group_items(docs: dict, gold_groups: dict, corpus: Path, use_gold: bool, report_gold: Path | None = None):
    from models.concern_groups import ConcernItem
    from models.series import series_of
    from models.series_input import meeting_info

    names = gold_groups["documents"]
    infos = {n: meeting_info(docs[n][0]) for n in names}
    slug = {m.doc_id: s.slug for s in series_of(list(infos.values())) for m in s.meetings}
    items, people = [], set()
    for n in names:
        doc, ann = docs[n]
        people |= {sp.name for sp in ann.speakers} | {sp.name.split()[-1] for sp in ann.speakers}
        heads = [b.start for b in doc.blocks if b.kind == "heading"]
        org = f"{doc.meeting.organisation or ''} {doc.meeting.title or ''}"

        def section(at: int) -> int:
            return sum(1 for h in heads if h <= at)

        if use_gold:
            sub = "series_dev" if (corpus / "series_dev" / n).exists() else "dev"
            folder = report_gold or corpus / sub
            gold = json.loads((folder / (n[:-4] + ".gold.json")).read_text(encoding="utf-8"))
            for i, c in enumerate(gold["concerns"]):
                q = " ".join(c["quote"].split()).lower()[:60]
                s = next((s for s in doc.sentences if q in " ".join(s.text.split()).lower()), None)
                items.append(ConcernItem(f"{n}#{i}", n, doc.doc_id, doc.meeting.date, slug.get(doc.doc_id),
                                         s.index if s else 10_000 + i, section(s.start) if s else None, c["quote"],
                                         tuple(c["categories"]), c["raised_by"], s.page if s else 0, org))
        else:
            for i, c in enumerate(ann.concerns):
                items.append(ConcernItem(f"{n}#{i}", n, doc.doc_id, doc.meeting.date, slug.get(doc.doc_id), c.sentence,
                                         section(c.span.start), c.quote, c.categories, c.raised_by, c.span.page, org))
    return items, people


def groups_figures(docs, corpus: Path, tools: Path, work: Path, use_gold: bool, gold_path: Path | None = None,
                   report_gold: Path | None = None) -> dict:
    from models.concern_groups import groups_json, groups_of

    gold_path = gold_path or corpus / "concern_groups.dev.gold.json"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    items, people = group_items(docs, gold, corpus, use_gold, report_gold)
    pred = work / f"groups_{gold_path.stem}_{'gold' if use_gold else 'pred'}.json"
    pred.write_text(json.dumps(groups_json(groups_of(items, people=people), gold["documents"]), ensure_ascii=False),
                    encoding="utf-8")
    s = _score(str(tools / "score_groups.py"), str(pred), str(gold_path))
    return {"coverage": s["coverage"] if "coverage" in s else s.get("member_coverage"),
            "recurrence": s["recurrence"]["f1"], "recurrence_p": s["recurrence"]["precision"],
            "recurrence_r": s["recurrence"]["recall"], "links": s["links"]["f1"], "bcubed": s["bcubed"]["f1"]}


def detection_figures(series, truth: dict[str, str]) -> dict:
    """Pairwise P/R/F1 of 'same series' over the files with a known series."""
    pred = {m.file_name: s.slug for s in series for m in s.meetings if m.file_name in truth}
    files = sorted(pred)
    tp = fp = fn = 0
    for a, b in combinations(files, 2):
        same_p, same_t = pred[a] == pred[b], truth[a] == truth[b]
        tp += same_p and same_t
        fp += same_p and not same_t
        fn += same_t and not same_p
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "files": len(files)}


def _row(name: str, fig: dict, keys: list[str]) -> str:
    base, target = BASELINES.get(name, {}), TARGETS.get(name, {})
    cells = []
    for k in keys:
        v = fig.get(k)
        cells.append(f"{k} {v if isinstance(v, str) else ('-' if v is None else f'{v:.2f}')}"
                     + (f" (base {base[k]:.2f}, target {target[k]:.2f})" if k in base and k in target else
                        f" (base {base[k]:.2f})" if k in base else ""))
    return f"{name:12} " + "; ".join(cells)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--tools", default=str(ROOT.parent / "shared" / "tools"))
    ap.add_argument("--out", default=None, help="folder for the predictions (default: a temporary folder)")
    ap.add_argument("--tune", action="store_true", help="pick the linking threshold on one series, report the other")
    args = ap.parse_args(argv)
    corpus, tools = Path(args.corpus), Path(args.tools)
    work = Path(args.out or tempfile.mkdtemp(prefix="series_eval_"))
    work.mkdir(parents=True, exist_ok=True)
    logius = sorted(glob.glob(str(corpus / "real_nl" / "logius_*.pdf")))
    paths = sorted(glob.glob(str(corpus / "series_dev" / "*.pdf"))) + logius + sorted(glob.glob(str(corpus / "dev" / "*.pdf")))
    samples = sorted((ROOT / "samples" / "series").glob("*/series.gold.json"))  # the bundled sample series
    sample_pdfs = [str(ROOT / "samples" / "pdf" / d["file"]) for g in samples
                   for d in json.loads(g.read_text(encoding="utf-8"))["documents"]]
    docs = annotated(paths + [p for p in sample_pdfs if os.path.exists(p)])
    golds = {"series_dev": str(corpus / "series_dev" / "series.gold.json"),
             "logius_api": str(corpus / "series_real_dev" / "logius_api" / "series.gold.json")}
    golds.update({f"samples/{g.parent.name}"[:12]: str(g) for g in samples})
    pred, series = threads_json(docs)
    keys = ["mentions", "mentions_p", "mentions_r", "links", "status", "events", "deadlines", "decoys", "threads"]
    print("commitment threads (score_series.py; series detected by the pipeline, threads pooled over all series)")
    for name, gold in golds.items():
        print(_row(name, series_figures(name.replace("/", "_"), tools, pred, gold, work), keys))
        if name == "logius_api":  # tuned on the first four reports' errors; the last four held out
            for part, label in ((slice(0, 4), "reports 1-4 (tuned)"), (slice(4, None), "reports 5-8 (held out)")):
                g, p = part_of(gold, pred, part)
                print("  " + _row(f"{label}", series_figures(f"logius_{part.start}", tools, p, g, work), keys))
    if args.tune:
        grid = [0.2, 0.26, 0.32, 0.38, 0.44]
        print("held out: linking threshold min_sim tuned on one series (links F1), reported on the other")
        for a, b in (("series_dev", "logius_api"), ("logius_api", "series_dev")):
            best = max(grid, key=lambda t: series_figures(a, tools, threads_json(docs, t)[0], golds[a], work)["links"])
            fig = series_figures(b, tools, threads_json(docs, best)[0], golds[b], work)
            print(f"  tuned on {a}: min_sim {best} -> " + _row(b, fig, ["mentions", "links", "status", "deadlines"]))
    truth = {os.path.basename(p): "_".join(os.path.basename(p).split("_")[:2]) for p in logius}
    truth.update({os.path.basename(p): "series_dev" for p in glob.glob(str(corpus / "series_dev" / "*.pdf"))})
    truth.update({os.path.basename(p): os.path.basename(p) for p in glob.glob(str(corpus / "dev" / "*.pdf"))})
    print("series detection (pairwise, Logius families + series_dev + dev singletons):",
          detection_figures(series, truth))
    print("concern groups (score_groups.py on concern_groups.dev.gold.json)")
    sample_groups = ROOT / "samples" / "gold" / "concern_groups.series.gold.json"
    for use_gold in (True, False):
        fig = groups_figures(docs, corpus, tools, work, use_gold)
        print(_row("groups", fig, ["coverage", "recurrence", "recurrence_p", "recurrence_r", "links", "bcubed"])
              + ("   <- gold concerns as input" if use_gold else "   <- the tagger's concerns as input"))
        if sample_groups.exists():
            fig = groups_figures(docs, corpus, tools, work, use_gold, sample_groups, ROOT / "samples" / "gold")
            print(_row("samples", fig, ["coverage", "recurrence", "recurrence_p", "recurrence_r", "links", "bcubed"])
                  + ("   <- sample series, gold concerns" if use_gold else "   <- sample series, tagger concerns"))
    print(f"predictions in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
