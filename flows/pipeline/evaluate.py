"""Evaluation of the taggers on a folder of PDFs with gold: annotate every NAME.pdf that has
NAME.gold.json, score it with the reference scorer's rules (models.evaluate), beside the keyword baseline.
`verslagen evaluate` (flows/cli/evaluate.py) prints the result.
"""
from __future__ import annotations

import json
from pathlib import Path

TASKS = ("speakers", "speakers_full", "themes", "concerns", "commitments")
RATIOS = ("meeting_fields_right", "concerns_category_agree", "concerns_raised_by_agree", "officials_as_tenants")


def evaluate_dir(folder: Path, settings, predictions: Path | None = None) -> dict:
    """{"documents", "total", "unread", "baseline": {"documents", "total"}} for every gold file in `folder`
    (`unread`: {name: reason} of the PDFs the sandbox quarantined).

    `settings` is the composed pipeline Settings (extract and tag sections are used)."""
    from flows.pipeline.isolate import Limits, run_isolated
    from flows.pipeline.report import Reader, preload
    from models.annotations import to_gold_json
    from models.baseline import annotate_baseline
    from models.evaluate import score_doc, summarise

    pdfs = {}
    for gold_path in sorted(folder.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        pdf = next((p for p in (folder / f"{name}.pdf", folder / f"{name}.PDF") if p.exists()), None)
        if pdf is not None:
            pdfs[name] = (pdf, gold_path)
    if pdfs:  # every PDF is read in the sandbox, under the same memory budget and timeout as the ingest
        preload(settings)
    outcomes = {o.path: o for o in run_isolated([(str(pdf), name) for name, (pdf, _) in pdfs.items()],
                                                Reader(settings), Limits.of(settings.run))}
    model, base, unread = {}, {}, {}
    for name, (pdf, gold_path) in pdfs.items():
        outcome = outcomes[str(pdf)]
        if outcome.doc is None:
            unread[name] = f"{outcome.reason}: {outcome.detail}"
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc, ann = outcome.doc, outcome.ann
        pred = to_gold_json(doc, ann)
        if predictions:
            predictions.mkdir(parents=True, exist_ok=True)
            (predictions / f"{name}.json").write_text(json.dumps(pred, ensure_ascii=False, indent=1), encoding="utf-8")
        model[name] = score_doc(pred, gold)
        base[name] = score_doc(to_gold_json(doc, annotate_baseline(doc)), gold)
    return {"documents": model, "total": summarise(model), "unread": unread,
            "baseline": {"documents": base, "total": summarise(base)}}
