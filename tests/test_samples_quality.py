"""Quality floor on the shipped samples: the pipeline on samples/pdf/*.pdf against samples/gold/*.gold.json.

Fails when a figure drops below what the taggers reached when the floor was recorded. Raise a
floor when the taggers get better; never lower one without saying why in the commit.
"""
import json
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
# task -> F1 reached (recorded with `verslagen evaluate samples/...`, see docs/taggers.md)
FLOORS = {"speakers": 1.0, "speakers_full": 0.667, "themes": 1.0, "concerns": 0.923}  # 2 hand-annotated samples, 2026-11-25


def _pairs():
    gold_dir, pdf_dir = SAMPLES / "gold", SAMPLES / "pdf"
    if not gold_dir.is_dir():
        return []
    return [(g, pdf_dir / (g.name[: -len(".gold.json")] + ".pdf")) for g in sorted(gold_dir.glob("*.gold.json"))
            if (pdf_dir / (g.name[: -len(".gold.json")] + ".pdf")).exists()]


@pytest.fixture(scope="module")
def totals():
    pairs = _pairs()
    if not pairs:
        pytest.skip("no samples/gold/*.gold.json with samples/pdf/*.pdf yet")
    from extract.pdf import document_from_pdf
    from extract.settings import ExtractSettings
    from models.annotations import to_gold_json
    from models.evaluate import score_doc, summarise
    from models.nlp import load_nlp
    from models.pipeline import annotate
    from models.settings import TagSettings

    settings = TagSettings()
    nlp = load_nlp(settings)
    docs = {}
    for gold_path, pdf in pairs:
        doc = document_from_pdf(str(pdf), ExtractSettings())
        pred = to_gold_json(doc, annotate(doc, settings, nlp=nlp))
        docs[pdf.stem] = score_doc(pred, json.loads(gold_path.read_text(encoding="utf-8")))
    return summarise(docs)


@pytest.mark.parametrize("task", sorted(FLOORS))
def test_sample_scores_stay_above_the_floor(totals, task):
    floor = FLOORS[task]
    if floor is None:
        pytest.skip(f"no floor recorded for {task} yet")
    assert totals[task]["f1"] >= floor, f"{task} F1 {totals[task]['f1']} fell below {floor}"
