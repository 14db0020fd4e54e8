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
    """{"documents", "total", "baseline", ...} for every PDF in `folder` with gold in `gold` (default: `folder`):
    models.evaluation.evaluate_folder with the composed pipeline Settings (extract and tag sections)."""
    from models.evaluation import evaluate_folder

    return evaluate_folder(folder, gold, settings.extract, settings.tag, lodo=lodo, predictions=predictions)
