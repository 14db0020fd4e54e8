"""A scanned page (image only) is read with tesseract; OCR off leaves it unread."""
from __future__ import annotations

import shutil

import pytest

from extract.pdf import document_from_pdf
from extract.probe import ExtractError
from extract.settings import ExtractSettings

LINES = ["Verslag bewonersavond", "De bewoners klagen over schimmel", "in de badkamers van de flat."]


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
    draw = ImageDraw.Draw(img)
    font = ImageFont.load_default(size=56)
    for i, line in enumerate(LINES):
        draw.text((150, 200 + i * 110), line, fill=0, font=font)
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    img.save(path, "PDF", resolution=200)
    return str(path)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_image_only_page_is_ocrd(scan):
    doc = document_from_pdf(scan, ExtractSettings())
    assert "ocr_used" in doc.flags and doc.pages[0].ocr
    assert all(b.ocr for b in doc.blocks)
    assert "schimmel" in doc.text and "badkamers" in doc.text


def test_without_ocr_a_scan_has_no_text(scan):
    with pytest.raises(ExtractError) as e:
        document_from_pdf(scan, ExtractSettings(ocr=False))
    assert e.value.reason == "no_text_ocr_failed"
