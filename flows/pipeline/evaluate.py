"""Evaluation of the taggers on a folder of PDFs with gold: annotate every NAME.pdf that has
NAME.gold.json, score it with the reference scorer's rules (models.evaluate), beside the keyword baseline.
`verslagen evaluate` (flows/cli/evaluate.py) prints the result.
"""
from __future__ import annotations

from pathlib import Path

TASKS = ("speakers", "speakers_full", "themes", "concerns", "commitments")
RATIOS = ("meeting_fields_right", "concerns_category_agree", "concerns_raised_by_agree", "officials_as_tenants")


def evaluate_dir(folder: Path, settings, predictions: Path | None = None, gold: Path | None = None,
                 lodo: bool = False) -> dict:
    """{"documents", "total", "unread", "baseline", ...} for every PDF in `folder` with gold in `gold`
    (default: `folder`): models.evaluation.evaluate_folder with the composed pipeline Settings (extract
    and tag sections), every PDF extracted in the reader sandbox under the ingest's memory budget and
    timeout (`unread`: {name: reason} of the PDFs it quarantined; they are not scored)."""
    from flows.pipeline.isolate import Limits, run_isolated
    from flows.pipeline.report import Reader
    from models.evaluation import evaluate_folder, pairs_of

    pdfs = {str(pdf): gold_path.name[: -len(".gold.json")] for gold_path, pdf in pairs_of(folder, gold)}
    documents, unread = {}, {}
    for outcome in run_isolated([(path, name) for path, name in pdfs.items()], Reader(settings, tag=False),
                                Limits.of(settings.run)):
        if outcome.doc is None:
            unread[pdfs[outcome.path]] = f"{outcome.reason}: {outcome.detail}"
        else:
            documents[outcome.path] = outcome.doc
    result = evaluate_folder(folder, gold, settings.extract, settings.tag, lodo=lodo, predictions=predictions,
                             documents=documents)
    result["unread"] = unread
    return result
