"""Benchmark (skipped without ../shared/corpus/dev): themes, concerns and commitments of the whole
annotate pipeline on the development reports, built from their marked-up text so that the taggers
are measured apart from PDF extraction. Guards the figures in docs/taggers-themes.md."""
import json
from pathlib import Path

import pytest

from models.annotations import to_gold_json
from devdoc import document_from_markup
from models.evaluate import score_doc, summarise
from models.nlp import load_nlp
from models.pipeline import annotate
from models.settings import TagSettings

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/corpus/dev (development corpus)")


@pytest.fixture(scope="module")
def total():
    docs, nlp = {}, load_nlp(TagSettings())
    for txt in sorted(DEV.glob("*.txt")):
        doc = document_from_markup(txt.read_text(encoding="utf-8"), path=txt.stem + ".pdf")
        gold = json.loads(txt.with_name(txt.stem + ".gold.json").read_text(encoding="utf-8"))
        docs[txt.stem] = score_doc(to_gold_json(doc, annotate(doc, nlp=nlp)), gold)
    return summarise(docs)


def test_section_themes(total):
    assert total["themes"]["f1"] >= 0.9


def test_concerns(total):
    assert total["concerns"]["f1"] >= 0.85
    assert total["concerns_category_agree"] >= 0.9
    assert total["concerns_raised_by_agree"] >= 0.85
    assert total["officials_as_tenants"] == 0


def test_commitments(total):
    assert total["commitments"]["f1"] >= 0.8
