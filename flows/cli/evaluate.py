"""`verslagen evaluate DIR`: annotate every NAME.pdf that has NAME.gold.json, score it, print it beside the baseline.

The figures are those of the reference scorer (models.evaluate reproduces them); `--predictions`
keeps each NAME.json so that ../shared/tools/score_gold.py can be run on the very same output.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from flows.cli.annotate import add_tag_args, settings_of
from flows.pipeline.evaluate import RATIOS, TASKS, evaluate_dir


def add_parsers(sub) -> None:
    p = sub.add_parser("evaluate", help="Score the taggers on a folder of PDFs with NAME.gold.json, beside the baseline",
                       description="Annotate every NAME.pdf in DIR that has NAME.gold.json and print per-task "
                                   "precision/recall/F1 for the model and the keyword baseline, then per-document differences.")
    p.add_argument("dir", metavar="DIR", help="folder with NAME.pdf and NAME.gold.json")
    p.add_argument("--gold", metavar="GOLD_DIR", default=None, help="the NAME.gold.json files are here, not in DIR")
    p.add_argument("--lodo", action="store_true", help="also score the learned part retrained without each document")
    p.add_argument("--json", metavar="OUT", default=None, help="also write all scores (per document and total) to OUT")
    p.add_argument("--predictions", metavar="PRED_DIR", default=None, help="write each NAME.json (what `annotate` prints) here")
    p.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    add_tag_args(p)
    p.set_defaults(run=run)


def _cell(v) -> str:
    if isinstance(v, dict):
        return f"{v['precision']:.3f} {v['recall']:.3f} {v['f1']:.3f}"
    return "-" if v is None else f"{v}"


def print_table(result: dict, out=None) -> None:
    out = out or sys.stdout  # looked up at call time: the stream may have been replaced since import
    m, b = result["total"], result["baseline"]["total"]
    out.write(f"{'':26} {'model':20}   baseline\n{'task':26} {'P     R     F1':20}   P     R     F1\n")
    for k in TASKS + RATIOS:
        if k in m:
            out.write(f"{k:26} {_cell(m[k]):20}   {_cell(b.get(k))}".rstrip() + "\n")
    from models.evaluation import format_comparison

    out.write(format_comparison(result))
    out.write(f"\n{len(result['documents'])} documents\n")
    for name, d in result["documents"].items():
        sp, co = d["speakers"], d["concerns"]
        out.write(f"\n{name}\n  speakers {sp['tp']}/{sp['n_gold']}, concerns {co['tp']}/{co['n_gold']}\n")
        for label, items in (("missed speakers", sp["missed"]), ("extra speakers", sp["extra"]),
                             ("missed concerns", co["missed"]), ("extra concerns", co.get("extra", [])),
                             ("raised_by wrong (gold <- model)", co["raised_by_wrong"])):
            if items:
                out.write(f"  {label}: " + "; ".join(str(x) for x in items) + "\n")


def run(args) -> int:
    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"verslagen evaluate: {folder} is not a folder", file=sys.stderr)
        return 2
    from flows.pipeline.settings import SettingsError

    try:
        settings = settings_of(args)
    except SettingsError as e:
        print(f"verslagen evaluate: {e}", file=sys.stderr)
        return 2
    gold = Path(args.gold) if args.gold else None
    if gold is not None and not gold.is_dir():
        print(f"verslagen evaluate: {gold} is not a folder", file=sys.stderr)
        return 2
    result = evaluate_dir(folder, settings, Path(args.predictions) if args.predictions else None, gold, args.lodo)
    for name, why in result.get("unread", {}).items():  # quarantined by the sandbox: not scored
        print(f"verslagen evaluate: {name}: not read ({why}); not scored", file=sys.stderr)
    if not result["documents"]:
        print(f"verslagen evaluate: no NAME.pdf with NAME.gold.json in {folder}", file=sys.stderr)
        return 1
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    try:
        if args.format == "json":
            json.dump({"model": result["total"], "baseline": result["baseline"]["total"]}, sys.stdout,
                      ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
        else:
            print_table(result)
        sys.stdout.flush()
    except BrokenPipeError:  # `verslagen evaluate DIR | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
