"""Numbered tables (action lists) read row by row, and words set in two fonts kept whole.
The PDFs are made here with fpdf2 (invented text)."""
from __future__ import annotations

import pytest

from extract.layout_lines import _font_joined
from extract.layout_tables import numbered_rows
from extract.pdf import document_from_pdf
from extract.settings import ExtractSettings

ROWS = [
    ("Nr", "Actie", "Wie", "Status"),
    ("0711/01", "Offerte voor nieuwe brievenbussen opvragen bij twee leveranciers en vergelijken", "Kees", "O"),
    ("0711/02", "Bewonersbrief over de glasvezelaansluiting opstellen", "Bestuur, maart", "G"),
    ("0711/03", "Speeltoestel bij de vijver laten keuren", "Gemeente", "X"),
]


def _table_pdf(path, rows=ROWS):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    pdf.multi_cell(0, 8, "Actielijst")
    pdf.set_font("Helvetica", "", 10)
    with pdf.table(col_widths=(18, 90, 30, 14), text_align="LEFT", first_row_as_headings=False) as table:
        for r in rows:
            row = table.row()
            for cell in r:
                row.cell(cell)
    pdf.ln(6)
    pdf.set_font("Helvetica", "", 10)
    pdf.write(6, "<")
    pdf.set_font("Helvetica", "B", 10)
    pdf.write(6, "actiepunt Kees")
    pdf.set_font("Helvetica", "", 10)
    pdf.write(6, ": de brievenbussen nameten voor de volgende vergadering.")
    pdf.output(str(path))


@pytest.fixture(scope="module")
def table_doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("tables") / "actielijst.pdf"
    _table_pdf(path)
    return document_from_pdf(str(path), ExtractSettings(ocr=False))


def test_each_row_of_a_numbered_table_is_one_list_item(table_doc):
    items = [b.text for b in table_doc.blocks if b.kind == "list_item"]
    assert items == [
        "0711/01 Offerte voor nieuwe brievenbussen opvragen bij twee leveranciers en vergelijken Kees O",
        "0711/02 Bewonersbrief over de glasvezelaansluiting opstellen Bestuur, maart G",
        "0711/03 Speeltoestel bij de vijver laten keuren Gemeente X",
    ]
    header = next(b for b in table_doc.blocks if b.text.startswith("Nr"))
    assert header.kind == "paragraph" and header.text == "Nr Actie Wie Status"
    assert next(b for b in table_doc.blocks if b.text == "Actielijst").kind in ("heading", "title")


def test_a_word_in_two_fonts_stays_one_word(table_doc):
    assert "<actiepunt Kees: de brievenbussen nameten" in table_doc.text
    assert "< actiepunt" not in table_doc.text and "Kees :" not in table_doc.text


def test_a_table_without_numbers_is_left_to_the_layout():
    people = [((0, 0, 100, 10), ["Aanwezig", "Els de Wit", "Huurdersraad"]),
              ((0, 10, 100, 20), [None, "Piet Bos", "Gemeente"]),
              ((0, 20, 100, 30), ["", "Ans Kok", "Corporatie"])]
    assert numbered_rows(people) is None


def test_numbered_rows_need_two_numbered_rows_and_two_filled_columns():
    rows = [((0, 0, 1, 1), ["Nr", "Actie", "Wie"]), ((0, 1, 1, 2), ["1", "Hek repareren\nvoor de winter", "Jan"]),
            ((0, 2, 1, 3), ["2.", "Lampen", None]), ((0, 3, 1, 4), ["A3", "Brief", "Bestuur"])]
    got = numbered_rows(rows)
    assert [r.text for r in got] == ["Nr Actie Wie", "1 Hek repareren voor de winter Jan", "2. Lampen", "A3 Brief Bestuur"]
    assert [r.numbered for r in got] == [False, True, True, True]
    assert numbered_rows(rows[:2]) is None  # one numbered row is no list
    assert numbered_rows([((0, 0, 1, 1), ["1", "x"]), ((0, 1, 1, 2), ["2", "y"])]) is None  # one column besides


def test_font_parts_join_only_when_they_touch():
    w = dict(size=9.0, top=10.0, bottom=19.0, upright=True)
    words = [{**w, "text": "<", "x0": 0.0, "x1": 5.0, "fontname": "Plain"},
             {**w, "text": "actiepunt", "x0": 5.0, "x1": 40.0, "fontname": "Bold"},
             {**w, "text": "Kees", "x0": 43.0, "x1": 60.0, "fontname": "Bold"},
             {**w, "text": ":", "x0": 60.2, "x1": 62.0, "fontname": "Plain"}]
    got = _font_joined(words)
    assert [x["text"] for x in got] == ["<actiepunt", "Kees:"]
    assert got[0]["fontname"] == "Bold" and got[0]["x1"] == 40.0
