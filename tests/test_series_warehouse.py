"""Series, promises and concern groups end to end: real taggers -> warehouse -> rebuild -> CLI and report."""
import json

import pytest

from flows.cli import main
from models.pipeline import annotate
from series_fixtures import series_documents
from warehouse.load import finish_run, load_archive_extras, load_document, start_run
from warehouse.publish import Writer, open_reader
from flows.present.report import html_report
from warehouse.series_store import late_markdown, rebuild_series


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("series") / "w.duckdb")
    docs = series_documents()
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc in docs:
            load_document(w.conn, doc, annotate(doc), run)
        first = rebuild_series(w.conn)
        load_archive_extras(w.conn, [], first.clusters)
        again = rebuild_series(w.conn)  # nothing changed: nothing became late
        finish_run(w.conn, run)
        w.publish()
    return path, first, again, {d.doc_id: d for d in docs}


def _json(capsys, *argv):
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_series_command_lists_meetings_in_order(published, capsys):
    rows = _json(capsys, "series", "--warehouse", published[0], "--format", "json")
    assert len(rows) == 1 and rows[0]["meetings"] == 3
    assert [r.split(" (")[1][:10] for r in rows[0]["reports"]] == ["2023-03-07", "2023-06-13", "2023-10-10"]


def test_commitments_json_is_the_series_gold_format(published, capsys):
    out = _json(capsys, "commitments", "--warehouse", published[0], "--format", "json")
    assert len(out) == 1 and len(out[0]["documents"]) == 3
    threads = out[0]["threads"]
    lift = next(t for t in threads if any("lift voor 1 mei" in m["quote"] for m in t["mentions"]))
    assert lift["status"] == "done" and lift["deadline"] == "2023-05-01"
    assert [m["event"] for m in lift["mentions"]][-1] == "done"
    assert {t["status"] for t in threads} <= {"open", "done", "dropped", "overdue"}


def test_commitments_filters_and_formats(published, capsys):
    forgotten = _json(capsys, "commitments", "--warehouse", published[0], "--status", "forgotten", "--format", "json")
    assert [m["quote"] for t in forgotten[0]["threads"] for m in t["mentions"]] == [
        "Tineke Bos laat voor 1 juli weten of de bergingen een nieuw slot krijgen."]
    assert main(["commitments", "--warehouse", published[0], "--series", "vaart", "--format", "csv"]) == 0
    csv = capsys.readouterr().out
    assert csv.splitlines()[0].startswith("series,thread_id,who,what,since,deadline")
    assert main(["commitments", "--warehouse", published[0], "--status", "later"]) == 2


def test_every_mention_carries_its_provenance(published):
    conn = open_reader(published[0])
    try:
        rows = conn.execute("SELECT doc_id, page, char_start, char_end, quote, bbox FROM v_commitment_mentions").fetchall()
    finally:
        conn.close()
    assert rows
    for doc_id, page, a, b, quote, box in rows:
        assert page == 1 and published[3][doc_id].text[a:b] == quote
        assert box is not None and box["x0"] < box["x1"] and box["top"] < box["bottom"], quote


def test_concerns_json_and_table(published, capsys):
    out = _json(capsys, "concerns", "--warehouse", published[0], "--format", "json")
    assert set(out) == {"documents", "groups"} and len(out["documents"]) == 3
    assert main(["concerns", "--warehouse", published[0], "--recurring"]) == 0


def test_report_shows_late_promises_with_a_timeline(published):
    conn = open_reader(published[0])
    try:
        page = html_report(conn)
    finally:
        conn.close()
    assert 'id="series"' in page and "vergeten" in page and "nieuw slot" in page and "timeline" in page


def test_newly_late_promises_for_the_nightly_artifact(published):
    _, first, again, _ = published
    assert {(s, st) for s, w, st, d, b in first.newly_late} == {(first.series[0].slug, "forgotten"),
                                                               (first.series[0].slug, "overdue")}
    assert again.newly_late == ()
    md = late_markdown(first.newly_late)
    assert "nieuw slot" in md and md.startswith("# Promises")
