"""Provenance that is real: Document.span derives a tag's box from the document, and a real ingest of a
typeset report stores a box inside its page for every tag of every tag table."""
from __future__ import annotations

import shutil
from pathlib import Path

from extract.document import EXAMPLE_FILLED_DOCUMENT as DOC, BBox, Block, Document, Page
from flows.pipeline.ingest import ingest_folder
from flows.pipeline.settings import build_settings
from warehouse.publish import Writer, open_reader

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "pdf" / "2016-03-10_ledenvergadering_rivierenwijk.pdf"
TAG_TABLES = ("speaker_mentions", "theme_evidence", "concerns", "commitments", "mentions", "facts")


def test_span_of_characters_in_one_block_has_that_blocks_box_and_page():
    start = DOC.text.index("schimmel")
    span = DOC.span(start, start + len("schimmel"))
    assert (span.page, span.text, span.bbox) == (1, "schimmel", DOC.blocks[1].bbox)


def test_span_over_blocks_is_their_union_on_the_page_of_its_start():
    a = Block("paragraph", "aa", 1, BBox(72, 100, 300, 120), 0, 2)
    b = Block("paragraph", "bb", 1, BBox(60, 130, 500, 150), 4, 6)
    c = Block("paragraph", "cc", 2, BBox(10, 10, 20, 20), 8, 10)
    doc = Document("d", "d.pdf", "aa\n\nbb\n\ncc", (Page(1, 595, 842, 4), Page(2, 595, 842, 2)), (a, b, c))
    assert doc.span(1, 5).bbox == BBox(60, 100, 500, 150)
    assert doc.span(0, 10).bbox == BBox(60, 100, 500, 150)  # page 2's block lies on another page
    assert doc.span(8, 10).page == 2 and doc.span(8, 10).bbox == c.bbox
    assert doc.span(2, 4).bbox is None  # only the separator


def test_a_real_ingest_stores_a_box_inside_the_page_for_every_tag(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    db = tmp_path / "w.duckdb"
    settings = build_settings({"warehouse.path": str(db), "workers": 1, "extract.ocr": False}, env={})
    writer = Writer(str(db), settings=settings.warehouse)
    writer.open()
    try:
        assert ingest_folder(str(folder), writer, settings).new == 1
        writer.publish()
    finally:
        writer.close(discard_working_copy=True)
    conn = open_reader(str(db))
    try:
        for table in TAG_TABLES:
            n, boxed, inside = conn.execute(
                f"SELECT count(*), count(t.bbox), count(*) FILTER (WHERE t.bbox.x0 >= 0 AND t.bbox.top >= 0 "
                f"AND t.bbox.x0 < t.bbox.x1 AND t.bbox.top < t.bbox.bottom AND t.bbox.x1 <= p.width "
                f"AND t.bbox.bottom <= p.height) "
                f"FROM {table} t JOIN pages p ON p.doc_id = t.doc_id AND p.page = t.page").fetchone()
            total = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert total > 0 and total == n == boxed == inside, (table, total, n, boxed, inside)
    finally:
        conn.close()
