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
# The samples the floors were recorded on. The gold of the Peelzoom series (2023-2025) was written later and
# joins when floors are recorded on it (run `verslagen evaluate` on it and add its stems here).
RECORDED_ON = ("2017-10-05_themabijeenkomst_overlast", "2024-02-08_bewonersavond_vlietlanden")


def _pairs():
    gold_dir, pdf_dir = SAMPLES / "gold", SAMPLES / "pdf"
    if not gold_dir.is_dir():
        return []
    return [(gold_dir / f"{stem}.gold.json", pdf_dir / f"{stem}.pdf") for stem in RECORDED_ON]  # missing: an error


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
