"""Search finds what a PDF viewer finds: plurals, compounds, whole sentences, marked words, page links (issue 18)."""
from __future__ import annotations

import dataclasses
import json

import pytest

from flows.cli import main
from warehouse.dutch_terms import compound_parts, forms, known_words
from warehouse.load import finish_run, load_document, start_run
from warehouse.publish import Writer, open_reader
from warehouse.search import search
from warehouse_fixtures import make_ann, make_doc, speaker

BODY = "Bewoners klagen over overlast van hangjongeren in de trappenhuizen van blok B aan de Maasstraat."


def _report():
    doc = make_doc("/archief/2021-04-15_ledenvergadering.pdf", "2021-04-15", [
        "Overlast in het trappenhuis",  # a heading that repeats the words
        BODY,
        "De huurverhoging gaat per 1 juli in.",
        "Het dak van de flat lekt.",
    ], heading="Mededelingen")
    blocks = list(doc.blocks)
    blocks[2] = dataclasses.replace(blocks[2], kind="heading", level=2)
    doc = dataclasses.replace(doc, blocks=tuple(blocks))
    ann = make_ann(doc, [speaker("Karel Smit", "chair")], {}, {})
    return doc, ann


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("search") / "w.duckdb")
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        load_document(w.conn, *_report(), run)
        finish_run(w.conn, run)
        w.publish()
    return path


def _hits(published, capsys, *words):
    assert main(["search", *words, "--warehouse", published, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_singular_finds_the_plural(published, capsys):
    hits = _hits(published, capsys, "trappenhuis")
    body = next(h for h in hits if h["text"] == BODY)
    (start, end), = body["matches"]
    assert BODY[start:end] == "trappenhuizen"


def test_a_compound_part_finds_the_compound(published, capsys):
    assert any(h["text"] == BODY for h in _hits(published, capsys, "huis"))
    assert any("huurverhoging" in h["text"] for h in _hits(published, capsys, "verhoging"))


def test_headings_do_not_outrank_body_sentences(published, capsys):
    hits = _hits(published, capsys, "overlast trappenhuis")
    assert hits[0]["text"] == BODY, [h["text"] for h in hits]
    assert "Overlast in het trappenhuis" in [h["text"] for h in hits]


def test_table_shows_the_whole_sentence_marked_with_report_page_and_link(published, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    assert main(["search", "trappenhuis", "--warehouse", published]) == 0
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines() if not line.strip().startswith("file:")) <= 60
    flat = " ".join(out.split())
    assert "in de **trappenhuizen** van blok B aan de Maasstraat." in flat
    assert "2021-04-15_ledenvergadering.pdf p. 1" in flat
    assert "file:///archief/2021-04-15_ledenvergadering.pdf#page=1" in out


def test_library_search_ranks_and_links(published):
    conn = open_reader(published)
    try:
        cols, rows = search(conn, "lekt dak")
    finally:
        conn.close()
    assert rows[0][cols.index("text")] == "Het dak van de flat lekt."
    assert rows[0][cols.index("link")].endswith("2021-04-15_ledenvergadering.pdf#page=1")


def test_dutch_forms():
    assert "trappenhuis" in forms("trappenhuizen") and "huis" in forms("huizen")
    assert {"trap", "huis"} <= compound_parts("trappenhuis", known_words())
    assert compound_parts("woningen", known_words()) == set()
