"""Loading: one transaction per document or batch, idempotent, history kept, missing files, quarantine, persons, FTS.

The suite runs against an in-memory database and once more against a file database.
"""
from dataclasses import replace

import pytest

from extract.document import EXAMPLE_FILLED_DOCUMENT, EXAMPLE_MINIMAL_DOCUMENT
from warehouse import db
from warehouse.fts import search_sentences
from warehouse.load import (LoadItem, concern_rows, finish_run, load_archive_extras, load_document, load_documents,
                            mark_missing, quarantine_file, start_run, texts_by_year)
from warehouse_fixtures import make_doc, report_2022, report_2023

TABLES = ("documents", "pages", "blocks", "sentences", "sentence_themes", "persons", "person_aliases", "person_roles",
          "doc_speakers", "speaker_mentions", "attendees", "sections", "section_themes", "theme_evidence", "concerns",
          "commitments", "mentions", "facts")


@pytest.fixture(params=["memory", "file"])
def conn(request, tmp_path):
    c = db.open_warehouse(":memory:" if request.param == "memory" else str(tmp_path / "w.duckdb"))
    yield c
    c.close()


def counts(conn) -> dict[str, int]:
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def active_sentences(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT text FROM v_sentences ORDER BY doc_id, idx").fetchall()]


def test_examples_of_the_contract_load(conn):
    run = start_run(conn, "x")
    assert load_document(conn, EXAMPLE_MINIMAL_DOCUMENT, None, run) == "new"
    assert load_document(conn, EXAMPLE_FILLED_DOCUMENT, None, run) == "new"
    assert conn.execute("SELECT count(*) FROM v_documents").fetchone()[0] == 2
    assert active_sentences(conn) == [EXAMPLE_FILLED_DOCUMENT.sentences[0].text]


def test_same_content_twice_changes_nothing(conn):
    run = start_run(conn, "archief")
    doc, ann = report_2022()
    assert load_document(conn, doc, ann, run) == "new"
    before = counts(conn)
    assert load_document(conn, doc, ann, run) == "unchanged"
    assert counts(conn) == before
    assert before["sentences"] == 3 and before["concerns"] == 1 and before["persons"] == 3


def test_every_tag_keeps_its_provenance(conn):
    doc, ann = report_2022()
    load_document(conn, doc, ann, "r1")
    quote, page, start, end = conn.execute("SELECT quote, page, char_start, char_end FROM concerns").fetchone()
    assert doc.text[start:end] == quote and page == 1
    for table in ("theme_evidence", "mentions", "facts", "commitments", "concerns"):
        bad = conn.execute(f"SELECT count(*) FROM {table} WHERE doc_id IS NULL OR page IS NULL OR char_start IS NULL "
                           f"OR char_end < char_start OR bbox IS NULL").fetchone()[0]
        assert bad == 0, table


def test_changed_file_replaces_its_version_and_keeps_history(conn):
    old, old_ann = report_2023()
    new, new_ann = report_2023(extra=" Het lekt ook.")
    assert old.path == new.path and old.doc_id != new.doc_id
    load_document(conn, old, old_ann, "r1")
    assert load_document(conn, new, new_ann, "r2") == "changed"
    status = dict(conn.execute("SELECT doc_id, status FROM documents").fetchall())
    assert status == {old.doc_id: "replaced", new.doc_id: "active"}
    assert conn.execute("SELECT replaced_by FROM documents WHERE doc_id = ?", [old.doc_id]).fetchone()[0] == new.doc_id
    # history kept in the tables, never mixed into the views
    assert conn.execute("SELECT count(*) FROM sentences WHERE doc_id = ?", [old.doc_id]).fetchone()[0] == 3
    assert conn.execute("SELECT count(DISTINCT doc_id) FROM v_sentences").fetchone()[0] == 1
    assert conn.execute("SELECT count(*) FROM v_concerns WHERE doc_id = ?", [old.doc_id]).fetchone()[0] == 0
    assert any("Het lekt ook." in t for t in active_sentences(conn))
    # the old content coming back is restored, not loaded twice
    before = counts(conn)
    assert load_document(conn, old, old_ann, "r3") == "restored"
    assert counts(conn) == before
    assert conn.execute("SELECT doc_id FROM v_documents").fetchall() == [(old.doc_id,)]


def test_disappeared_files_are_marked_missing_and_kept(conn):
    run = start_run(conn, "archief")
    (d1, a1), (d2, a2) = report_2022(), report_2023()
    load_document(conn, d1, a1, run)
    load_document(conn, d2, a2, run)
    assert mark_missing(conn, run, [d1.path], folder="archief") == [d2.path]
    assert conn.execute("SELECT status FROM documents WHERE doc_id = ?", [d2.doc_id]).fetchone()[0] == "missing"
    assert conn.execute("SELECT count(*) FROM sentences WHERE doc_id = ?", [d2.doc_id]).fetchone()[0] == 3
    assert [r[0] for r in conn.execute("SELECT doc_id FROM v_documents").fetchall()] == [d1.doc_id]
    assert mark_missing(conn, run, [d1.path], folder="elders") == []  # another folder's files are not touched
    row = finish_run(conn, run)
    assert (row["n_new"], row["n_missing"], row["status"]) == (2, 1, "finished")
    assert load_document(conn, d2, a2, "r2") == "restored"  # the file came back


def test_quarantine_keeps_one_row_per_file_until_it_loads_or_goes(conn):
    run = start_run(conn, "archief")
    quarantine_file(conn, run, "archief/kapot.pdf", "ab" * 32, "corrupt", "no xref table")
    quarantine_file(conn, run, "archief/kapot.pdf", "ab" * 32, "corrupt", "still no xref table")
    quarantine_file(conn, run, "archief/leeg.pdf", None, "empty")
    rows = conn.execute("SELECT path, reason, detail, first_seen <= last_seen FROM quarantine ORDER BY path").fetchall()
    assert rows == [("archief/kapot.pdf", "corrupt", "still no xref table", True), ("archief/leeg.pdf", "empty", None, True)]
    fixed = make_doc("archief/kapot.pdf", "2021-01-01", ["Nu wel leesbaar."])
    load_document(conn, fixed, None, run)
    mark_missing(conn, run, ["archief/kapot.pdf"], folder="archief")
    assert conn.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 0
    row = finish_run(conn, run)
    assert (row["n_quarantined"], row["n_new"]) == (3, 1)
    outcomes = conn.execute("SELECT outcome, count(*) FROM run_files GROUP BY ALL ORDER BY 1").fetchall()
    assert outcomes == [("loaded", 1), ("quarantined", 3)]


def test_a_failing_load_leaves_nothing_behind(conn):
    doc, ann = report_2022()
    broken = replace(ann, facts=(None,))  # fails after the document row and the sentences were inserted
    with pytest.raises(AttributeError):
        load_document(conn, doc, broken, "r1")
    assert set(counts(conn).values()) == {0}
    assert load_document(conn, doc, ann, "r1") == "new"


def _tables(conn) -> dict[str, list]:
    """Every row of every table, minus load timestamps and the per-row seconds."""
    out = {}
    for t in TABLES:
        cols = [c for c, in conn.execute(f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{t}' "
                                         "AND data_type NOT LIKE 'TIMESTAMP%' ORDER BY column_index").fetchall()]
        out[t] = sorted(map(repr, conn.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall()))
    return out


def test_a_batch_loads_what_one_by_one_loads(conn):
    reports = [report_2022(), report_2023()]
    assert load_documents(conn, [LoadItem(d, a) for d, a in reports], "r1") == ["new", "new"]
    one_by_one = db.open_warehouse(":memory:")
    for d, a in reports:
        load_document(one_by_one, d, a, "r1")
    assert _tables(conn) == _tables(one_by_one)
    assert load_documents(conn, [LoadItem(d, a) for d, a in reports], "r2") == ["unchanged", "unchanged"]


def test_a_document_that_cannot_be_stored_costs_only_itself(conn):
    (d1, a1), (d2, a2) = report_2022(), report_2023()
    got = load_documents(conn, [LoadItem(d1, replace(a1, facts=(None,))), LoadItem(d2, a2)], "r1")
    assert isinstance(got[0], AttributeError) and got[1] == "new"
    assert conn.execute("SELECT list(doc_id) FROM documents").fetchone()[0] == [d2.doc_id]


def test_persons_are_resolved_across_reports(conn):
    for doc, ann in (report_2022(), report_2023()):
        load_document(conn, doc, ann, "r1")
    people = conn.execute("SELECT name, private FROM persons ORDER BY name").fetchall()
    assert people == [("Anna Pietersen", True), ("Karel Smit", False), ("Piet van Dam", False)]
    spellings = conn.execute("SELECT list(alias ORDER BY alias) FROM person_aliases JOIN persons USING (person_id) "
                             "WHERE name = 'Anna Pietersen'").fetchone()[0]
    assert spellings == ["Anna Pieterse", "Anna Pietersen", "Mevrouw Pietersen"]
    activity = conn.execute("SELECT name, meetings, sentences, concerns FROM v_speaker_activity ORDER BY name").fetchall()
    assert activity[0] == ("Anna Pietersen", 2, 2, 2)
    # the attendee listed in 2022 points at the chair who spoke
    assert conn.execute("SELECT p.name FROM attendees a JOIN persons p USING (person_id)").fetchall() == [("Karel Smit",)]


def test_strings_are_sanitised(conn):
    doc = make_doc("archief/vies.pdf", "2020-02-02", ["Nul\x00teken en \ud800 losse surrogaat."])
    load_document(conn, doc, None, "r1")
    text = conn.execute("SELECT text FROM sentences").fetchone()[0]
    assert text == "Nulteken en \ufffd losse surrogaat."


def test_theme_trends_per_year(conn):
    for doc, ann in (report_2022(), report_2023()):
        load_document(conn, doc, ann, "r1")
    rows = conn.execute("SELECT year, theme, meetings, sentences, share FROM v_theme_trends").fetchall()
    assert (2022, "onderhoud", 1, 2, pytest.approx(0.6667)) in rows
    assert (2023, "betaalbaarheid", 1, 1, pytest.approx(0.3333)) in rows


def test_full_text_search_uses_dutch_stemming_and_stopwords(conn):
    run = start_run(conn, "archief")
    load_document(conn, make_doc("archief/a.pdf", "2021-04-01", ["De woning is te klein voor het gezin.",
                                                                 "De lift doet het niet."]), None, run)
    finish_run(conn, run)  # rebuilds the index
    hits = search_sentences(conn, "woningen")
    assert [h[4] for h in hits] == ["De woning is te klein voor het gezin."]
    assert search_sentences(conn, "de") == []  # a stopword finds nothing


def test_archive_extras_from_the_real_concern_groups_and_topics(conn):
    from models.topics import discover_topics
    from warehouse.series_store import rebuild_series

    for doc, ann in (report_2022(), report_2023()):
        load_document(conn, doc, ann, "r1")
    rows = concern_rows(conn)
    assert len(rows) == 3 and all(r[3] for r in rows)
    load_archive_extras(conn, discover_topics(texts_by_year(conn), n_topics=2), rebuild_series(conn).clusters)
    assert conn.execute("SELECT count(*) FROM concern_clusters").fetchone()[0] == 3
    assert conn.execute("SELECT count(DISTINCT year) FROM discovered_topics").fetchone()[0] == 2
    # "schimmel" in 2022 and 2023: one thread
    sizes = conn.execute("SELECT quote, cluster_size FROM v_concerns WHERE list_contains(categories, 'onderhoud') "
                         "ORDER BY meeting_date").fetchall()
    assert [s for _, s in sizes] == [2, 2]
    load_archive_extras(conn, [], {})  # recomputed wholesale
    assert conn.execute("SELECT max(cluster_size) FROM v_concerns").fetchone()[0] == 1


def test_clean_is_idempotent_and_leaves_text_duckdb_can_store():
    from hypothesis import given, settings, strategies as st

    from warehouse.rows import clean

    store = db.connect(":memory:")
    store.execute("CREATE TABLE t (s VARCHAR)")

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet=st.characters(codec=None, min_codepoint=0, max_codepoint=0x10FFFF,
                                          blacklist_categories=())))
    def check(s):
        c = clean(s)
        assert clean(c) == c and "\x00" not in c
        store.execute("INSERT INTO t VALUES (?)", [c])
        assert store.execute("SELECT s FROM t ORDER BY rowid DESC LIMIT 1").fetchone()[0] == c

    check()


def test_a_copy_under_another_name_is_one_document_and_survives_the_original(conn, tmp_path):
    doc, ann = report_2022(path=str(tmp_path / "a.pdf"))
    (tmp_path / "a.pdf").write_bytes(b"%PDF")  # the original still exists: the copy is a duplicate
    copy = replace(doc, path=str(tmp_path / "b.pdf"))
    run = start_run(conn, str(tmp_path))
    assert load_document(conn, doc, ann, run) == "new"
    assert load_document(conn, copy, ann, run) == "duplicate"
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert mark_missing(conn, run, [copy.path], folder=str(tmp_path)) == []  # a.pdf went: b.pdf has the content
    assert conn.execute("SELECT path, status FROM documents").fetchall() == [(copy.path, "active")]
