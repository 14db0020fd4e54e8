"""Layout problems, one regression PDF each (sources in tests/pdfs/*.fodt, made by make_pdfs.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import BLOCK_SEPARATOR
from extract.pdf import document_from_pdf
from extract.settings import ExtractSettings

PDFS = Path(__file__).parent / "pdfs"


def doc_of(name: str):
    return document_from_pdf(str(PDFS / f"{name}.pdf"), ExtractSettings(ocr=False))


@pytest.fixture(scope="module")
def headings():
    return doc_of("headings_footnote")


def test_hyphenated_line_ends_join_but_real_hyphens_stay():
    text = doc_of("hyphenation").text
    assert "met bewoners van Noord-Oost en Vleuten-De Meern over" in text
    assert "mag meepraten." in text
    assert "be-" not in text and "bereikbaar-" not in text and "bereikbaar -" not in text
    assert "bereikbaarheid" in text  # LibreOffice's own Dutch hyphenation, joined again


def test_text_beside_a_picture_does_not_interleave_with_its_caption():
    doc = doc_of("picture_box")
    captions = [b for b in doc.blocks if b.kind == "caption"]
    assert [c.text for c in captions] == ["Wethouder Pietersen bij de opening van de bijeenkomst"]
    beside = next(b for b in doc.blocks if b.text.startswith("Naast de foto"))
    assert "Wethouder" not in beside.text
    assert beside.text.endswith("Dit is het einde van de tekst naast de foto.")


def test_shaded_box_is_its_own_block():
    doc = doc_of("picture_box")
    box = [b for b in doc.blocks if b.kind == "box"]
    assert box and "48 klachten over lekkage" in box[-1].text
    beside = next(b for b in doc.blocks if b.text.startswith("Naast het kader"))
    assert "klachten" not in beside.text and "Feiten" not in beside.text


def test_two_columns_read_left_then_right():
    doc = doc_of("two_columns")
    text = doc.text
    assert text.index("Linkerkolom begint") < text.index("linkerkolom is bereikt") < text.index("Rechterkolom begint")
    left = next(b for b in doc.blocks if b.text.startswith("Linkerkolom"))
    assert "Rechterkolom" not in left.text


def test_footnote_is_apart_and_linked(headings):
    notes = [b for b in headings.blocks if b.kind == "footnote"]
    assert [(n.footnote, n.text) for n in notes] == [("1", "Het advies staat op de website van de vereniging.")]
    citing = next(b for b in headings.blocks if "ca. 5 procent" in b.text)
    assert citing.footnote_refs == ("1",)
    assert "5 procent. Leden vinden" in citing.text  # the marker neither glued on nor left behind


def test_running_headers_and_page_numbers_are_dropped_and_kept_apart(headings):
    assert "Proefwijk" not in headings.text and "pagina" not in headings.text
    assert headings.running_headers == ("Huurdersvereniging De Proefwijk",
                                        "Verslag ledenvergadering 12 mei 2025 - pagina 1 van 2")


def test_title_headings_levels_and_list_items(headings):
    kinds = [(b.kind, b.level, b.text) for b in headings.blocks if b.kind in ("title", "heading", "list_item")]
    assert kinds[:3] == [("title", 1, "Verslag ledenvergadering 12 mei 2025"), ("heading", 1, "1. Huurverhoging"),
                         ("heading", 2, "Reactie van de verhuurder")]
    assert ("list_item", 0, "energiekosten blijven een zorg voor veel huurders") in kinds
    assert kinds[-1] == ("heading", 1, "3. Sluiting")


def test_paragraph_cut_by_a_page_break_is_one_block(headings):
    sluiting = next(i for i, b in enumerate(headings.blocks) if b.text == "3. Sluiting")
    before = headings.blocks[sluiting - 1] if headings.blocks[sluiting - 1].kind != "footnote" \
        else headings.blocks[sluiting - 2]
    assert before.page == 1 and before.text.count("Een bewoonster vroeg") == 34


def test_offsets_index_the_text(headings):
    assert headings.text == BLOCK_SEPARATOR.join(b.text for b in headings.blocks)
    for b in headings.blocks:
        assert headings.text[b.start:b.end] == b.text
    for s in headings.sentences:
        assert headings.text[s.start:s.end] == s.text
    assert headings.extractor_version == "layout.v1"
    assert headings.meeting.date == "2025-05-12"


@pytest.mark.parametrize("first,second,joined", [
    ("be-", "woners", "bewoners"),
    ("Noord-", "Oost", "Noord-Oost"),
    ("Vleuten-", "De Meern", "Vleuten-De Meern"),
    ("de IC-", "opschaling", "de IC-opschaling"),
    ("huur-", "en servicekosten", "huur- en servicekosten"),
    ("zie https://", "www.example.nl/verslag", "zie https://www.example.nl/verslag"),
])
def test_line_ends_join(first, second, joined):
    from extract.layout_lines import Line
    from extract.layout_order import join_lines

    def line(text):
        return Line(1, 0, 0, 100, 10, 10.0, False, False, text)

    assert join_lines([line(first), line(second)]) == joined


def test_white_text_is_dropped_but_white_on_colour_is_kept():
    doc = doc_of("hidden_text")
    assert "Pietersen" not in doc.text and "0612345678" not in doc.text
    assert "De zichtbare tekst gaat over de lift." in doc.text
    assert "Witte tekst op een gekleurd vlak is wel te zien." in doc.text
    assert "hidden_text" in doc.flags


def test_a_lone_numbered_line_over_a_paragraph_is_a_heading_but_a_numbered_run_is_a_list():
    from extract.layout_blocks import RawBlock
    from extract.layout_lines import Line
    from extract.pdf import _numbered_headings

    def block(kind, text):
        return RawBlock([Line(1, 0, 0, 100, 10, 10.0, False, False, text)], kind=kind)

    blocks = [block("paragraph", "Aanwezig: 12 leden."), block("list_item", "2. Huurverhoging per 1 juli"),
              block("paragraph", "De huur stijgt."), block("list_item", "1. Sociale huur spreiden"),
              block("list_item", "2. Andere woningtypen"), block("paragraph", "Verder niets.")]
    _numbered_headings(blocks)
    assert [b.kind for b in blocks] == ["paragraph", "heading", "paragraph", "list_item", "list_item", "paragraph"]
