"""Every regression PDF (tests/pdfs) and sample report (samples/pdf) against its golden outline.

Goldens change only with `pytest --regenerate-goldens`; review their diff like code.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.debug import outline_of
from extract.document import BLOCK_SEPARATOR
from extract.pdf import document_from_pdf
from extract.settings import ExtractSettings

ROOT = Path(__file__).parent.parent
GOLDEN = ROOT / "tests" / "golden"
PDFS = sorted((ROOT / "tests" / "pdfs").glob("*.pdf")) + sorted((ROOT / "samples" / "pdf").glob("*.pdf"))


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_outline_matches_golden(pdf: Path, regenerate_goldens: bool):
    doc = document_from_pdf(str(pdf), ExtractSettings(ocr=False))
    assert doc.text == BLOCK_SEPARATOR.join(b.text for b in doc.blocks)
    assert all(doc.text[b.start:b.end] == b.text for b in doc.blocks)
    assert all(doc.text[s.start:s.end] == s.text and doc.blocks[s.block].start <= s.start < s.end
               <= doc.blocks[s.block].end for s in doc.sentences)
    got = outline_of(doc)
    golden = GOLDEN / f"{pdf.stem}.txt"
    if regenerate_goldens:
        golden.write_text(got, encoding="utf-8")
    assert golden.exists(), f"no golden file for {pdf.name}: run pytest --regenerate-goldens and review it"
    assert got == golden.read_text(encoding="utf-8")


def test_every_golden_has_its_pdf():
    stems = {p.stem for p in PDFS}
    assert {g.stem for g in GOLDEN.glob("*.txt")} <= stems
