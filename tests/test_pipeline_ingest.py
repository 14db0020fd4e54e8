"""pipeline.ingest_folder without Prefect: real files, real readers, a real warehouse."""
from __future__ import annotations

import shutil
from pathlib import Path

from flows.pipeline.ingest import ingest_folder
from flows.pipeline.outcomes import FileOutcome, Reason, Status
from flows.pipeline.settings import build_settings
from warehouse.publish import Writer, open_reader

PDFS = Path(__file__).resolve().parent / "pdfs"


def _run(folder, db, read=None):
    settings = build_settings({"warehouse.path": str(db), "workers": 2, "extract.ocr": False}, env={})
    writer = Writer(str(db), settings=settings.warehouse)
    writer.open()
    try:
        summary = ingest_folder(str(folder), writer, settings, **({"read": read} if read else {}))
        writer.publish(summary.changed_anything)
        writer.close(discard_working_copy=True)
    except BaseException:
        writer.close()
        raise
    return summary


def test_ingest_folder_loads_quarantines_and_skips_unchanged(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("two_columns.pdf", "hyphenation.pdf"):
        shutil.copy(PDFS / name, folder / name)
    (folder / "leeg.pdf").write_bytes(b"")
    db = tmp_path / "w.duckdb"
    first = _run(folder, db)
    assert (first.files, first.new, first.unchanged) == (3, 2, 0)
    assert [(Path(p).name, r) for p, r, _ in first.quarantined] == [("leeg.pdf", "empty")]
    assert first.needs_attention and first.pages >= 2
    calls = []

    def read(items, work, limits):  # nothing should be read again: a stand-in that would notice
        calls.append(items)
        return iter(())

    again = _run(folder, db, read)
    assert (again.new, again.unchanged, calls) == (0, 2, [])
    assert [r for _, r, _ in again.quarantined] == ["empty"]  # still quarantined, not read again
    conn = open_reader(str(db))
    try:
        assert conn.execute("SELECT count(*) FROM documents WHERE status = 'active'").fetchone()[0] == 2
        runs = conn.execute("SELECT n_new, n_unchanged, n_quarantined, status FROM ingestion_runs "
                            "ORDER BY started_at").fetchall()
    finally:
        conn.close()
    assert runs == [(2, 0, 1, "needs_attention"), (0, 2, 1, "needs_attention")]


def test_a_read_of_our_own_decides_the_outcomes(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(PDFS / "two_columns.pdf", folder / "a.pdf")

    def read(items, work, limits):
        return [FileOutcome(p, s, Status.QUARANTINED, Reason.TIMEOUT, "stopped") for p, s in items]

    summary = _run(folder, tmp_path / "w.duckdb", read)
    assert summary.new == 0 and [r for _, r, _ in summary.quarantined] == ["timeout"]
