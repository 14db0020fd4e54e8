"""A nightly run that no file or folder can break (issue 17): unreadable files and subfolders, names that
are not UTF-8 or hold control characters, an empty or half-vanished folder, skipped entries, quarantines
retried when their limits change. Real files, real readers, a real warehouse."""
from __future__ import annotations

import io
import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from flows.cli.ingest import print_summary
from flows.pipeline.ingest import ingest_folder, read_isolated
from flows.pipeline.names import display_name, stored_path
from flows.pipeline.settings import build_settings
from warehouse.publish import Writer, open_reader

PDFS = Path(__file__).resolve().parent / "pdfs"


def _run(folder, db, read=None, **values):
    settings = build_settings({"warehouse.path": str(db), "workers": 2, "extract.ocr": False, **values}, env={})
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


def _rows(db, sql):
    conn = open_reader(str(db))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _drop_file_read_override() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from this process (and its future children): root
    then obeys file permissions like any user (a mode-000 file cannot be opened), but still owns and
    reads everything else it owns (the interpreter under /root)."""
    import ctypes

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    libc = ctypes.CDLL(None, use_errno=True)
    header, data = Header(0x20080522, 0), (Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget")
    drop = ~((1 << 1) | (1 << 2)) & 0xFFFFFFFF  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
    data[0].effective &= drop
    data[0].permitted &= drop
    data[0].inheritable &= drop
    if libc.capset(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capset")


def _as_reader_without_privileges(fn):
    """Run fn() in a forked child that cannot read what permissions forbid: the tests run as root, which
    reads mode-000 files, so the child first drops root's permission override. Returns fn's result."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(r)
            if os.geteuid() == 0:
                _drop_file_read_override()
            data = pickle.dumps(("ok", fn()))
        except BaseException as e:  # noqa: BLE001 - the parent re-raises it
            data = pickle.dumps(("error", f"{type(e).__name__}: {e}"))
            code = 1
        with os.fdopen(w, "wb") as fh:
            fh.write(data)
        os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        kind, value = pickle.loads(fh.read() or pickle.dumps(("error", "no result")))
    os.waitpid(pid, 0)
    assert kind == "ok", value
    return value


@pytest.fixture
def shared_tmp(tmp_path):
    yield tmp_path
    for root, dirs, _ in os.walk(tmp_path):  # let pytest clean up what a test made unreadable
        for d in dirs:
            os.chmod(os.path.join(root, d), 0o755)


def _good(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, src in zip(names, ("two_columns.pdf", "hyphenation.pdf", "two_columns.pdf")):
        shutil.copy(PDFS / src, folder / name)
    if len(names) == 3:  # three different contents
        with open(folder / names[2], "ab") as fh:
            fh.write(b"\n% a third version\n")


def test_an_unreadable_file_is_quarantined_and_the_rest_load(shared_tmp):
    folder = shared_tmp / "reports"
    _good(folder, "a.pdf", "b.pdf")
    (folder / "dicht.pdf").write_bytes((PDFS / "two_columns.pdf").read_bytes())
    (folder / "dicht.pdf").chmod(0o000)
    db = shared_tmp / "w.duckdb"
    summary = _as_reader_without_privileges(lambda: _run(folder, db).as_dict())
    assert summary["new"] == 2
    assert [(Path(p).name, r) for p, r, _ in summary["quarantined"]] == [("dicht.pdf", "unreadable")]
    assert "Permission denied" in summary["quarantined"][0][2]


def test_a_reader_that_cannot_open_its_file_quarantines_it_as_unreadable(shared_tmp):
    from flows.pipeline.report import read_outcome

    path = shared_tmp / "dicht.pdf"
    shutil.copy(PDFS / "two_columns.pdf", path)
    path.chmod(0o000)
    settings = build_settings({"extract.ocr": False}, env={})
    o = _as_reader_without_privileges(lambda: read_outcome(str(path), "x", settings))
    assert (o.status, o.reason) == ("quarantined", "unreadable")


def test_an_unreadable_subfolder_marks_nothing_missing(shared_tmp):
    folder = shared_tmp / "reports"
    _good(folder / "2023", "a.pdf")
    (folder / "2024").mkdir()
    shutil.copy(PDFS / "hyphenation.pdf", folder / "2024" / "b.pdf")
    db = shared_tmp / "w.duckdb"
    assert _as_reader_without_privileges(lambda: _run(folder, db).new) == 2
    (folder / "2024").chmod(0o000)
    again = _as_reader_without_privileges(lambda: _run(folder, db).as_dict())
    assert again["missing"] == 0 and again["refused"] and "2024" in again["refused"]
    assert again["unchanged"] == 1


def test_names_that_are_not_utf8_or_hold_control_characters(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"verslag-\xff\xfe.pdf")
    shutil.copy(PDFS / "two_columns.pdf", odd)
    shutil.copy(PDFS / "hyphenation.pdf", folder / "regel\nnieuw\t\x1b[31mrood.pdf")
    (folder / "leeg\n\x1b[2J.pdf").write_bytes(b"")  # a name that would clear the terminal
    (folder / "kapot-\udcff.pdf").write_bytes(b"%PDF-1.7\nnothing else")  # the same trick as a str
    db = tmp_path / "w.duckdb"
    first = _run(folder, db)
    assert (first.new, [r for _, r, _ in first.quarantined]) == (2, ["corrupt", "empty"])
    paths = sorted(p for p, in _rows(db, "SELECT path FROM documents") + _rows(db, "SELECT path FROM quarantine"))
    assert any(p.endswith("verslag-\\xff\\xfe.pdf") for p in paths) and any(p.endswith("kapot-\\xff.pdf") for p in paths)
    out = io.StringIO()
    print_summary(first, out=out)
    text = out.getvalue()
    assert "leeg\\n\\x1b[2J.pdf: empty" in text  # shown escaped, on one line
    assert "\x1b" not in text and "\t" not in text and text.count("\n") == len(text.splitlines())
    assert "kapot-\\xff.pdf: corrupt - kapot-\\xff.pdf" in text and "verslagen-name" not in text
    json.dumps(first.as_dict(), ensure_ascii=False).encode("utf-8")  # the artifact and JSON can be written
    from flows.orchestration.flow import _markdown

    _markdown(first).encode("utf-8")
    again = _run(folder, db)  # the next night: nothing read again, nothing breaks
    assert (again.new, again.changed, again.unchanged, again.missing, len(again.quarantined)) == (0, 0, 2, 0, 2)
    assert any(p.endswith("regel\nnieuw\t\x1b[31mrood.pdf") for p, in _rows(db, "SELECT path FROM documents"))  # the true name


def test_display_name_escapes_and_stored_path_is_utf8():
    assert display_name("/a/b\nc\td\x1b[0m.pdf") == "b\\nc\\td\\x1b[0m.pdf"
    assert display_name("/a/\u202eevil.pdf") == "\\u202eevil.pdf"
    assert stored_path(os.fsdecode(b"/a/x\xff.pdf")) == "/a/x\\xff.pdf"
    assert stored_path("/a/gewoon é.pdf") == "/a/gewoon é.pdf"


def test_an_empty_or_vanished_folder_marks_nothing_missing_unless_allowed(tmp_path):
    folder = tmp_path / "reports"
    _good(folder, "a.pdf", "b.pdf", "c.pdf")
    db = tmp_path / "w.duckdb"
    assert _run(folder, db).new == 3
    moved = tmp_path / "elders"
    folder.rename(moved)
    folder.mkdir()  # the share is not mounted: an empty folder
    empty = _run(folder, db)
    assert empty.needs_attention and empty.missing == 0 and "no report files" in empty.refused
    assert _rows(db, "SELECT count(*) FROM documents WHERE status = 'active'") == [(3,)]
    shutil.copy(moved / "a.pdf", folder / "a.pdf")  # two of three vanish: more than half
    most = _run(folder, db)
    assert most.missing == 0 and "2 of 3 known reports vanished" in most.refused
    allowed = _run(folder, db, allow_missing=True)
    assert allowed.missing == 2 and not allowed.refused
    for name in ("b.pdf", "c.pdf"):  # they come back unchanged: not read, not changed
        shutil.copy(moved / name, folder / name)
    calls = []

    def read(items, work, limits):
        calls.append(items)
        return read_isolated(items, work, limits)

    back = _run(folder, db, read)
    assert (back.new, back.changed, back.unchanged, back.returned, calls) == (0, 0, 3, 2, [])
    assert _rows(db, "SELECT count(*) FROM documents WHERE status = 'active'") == [(3,)]
    (folder / "c.pdf").unlink()  # one of three: an ordinary missing file
    assert _run(folder, db).missing == 1


def test_skipped_entries_are_reported_with_reasons(tmp_path):
    folder = tmp_path / "reports"
    _good(folder, "a.pdf")
    (folder / ".verborgen.pdf").write_bytes((PDFS / "two_columns.pdf").read_bytes())
    os.mkfifo(folder / "pijp.pdf")
    os.symlink(tmp_path / "nergens.pdf", folder / "los.pdf")
    elders = tmp_path / "elders"
    _good(elders, "x.pdf")
    os.symlink(elders, folder / "link")
    (folder / "notulen.docx").write_bytes(b"PK\x03\x04")
    summary = _run(folder, tmp_path / "w.duckdb")
    assert summary.new == 1
    assert summary.skipped_counts() == {"dangling_link": 1, "hidden": 1, "not_pdf_name": 1, "special_file": 1,
                                        "symlinked_folder": 1}
    out = io.StringIO()
    print_summary(summary, out=out)
    assert "skipped 5 (not report files)" in out.getvalue() and "pijp.pdf: special_file" in out.getvalue()
    db = tmp_path / "w.duckdb"  # and in the run's rows in the warehouse
    assert _rows(db, "SELECT reason, count(*) FROM run_files WHERE outcome = 'skipped' GROUP BY reason "
                     "ORDER BY reason") == sorted(summary.skipped_counts().items())
    assert _rows(db, "SELECT n_files FROM ingestion_runs") == [(1,)]


def test_a_quarantine_is_retried_when_its_limit_changes(tmp_path):
    folder = tmp_path / "reports"
    _good(folder, "a.pdf")
    db = tmp_path / "w.duckdb"
    calls = []

    def read(items, work, limits):
        calls.append([Path(p).name for p, _ in items])
        return read_isolated(items, work, limits)

    first = _run(folder, db, read, timeout_s=0.01)
    assert [r for _, r, _ in first.quarantined] == ["timeout"]
    same = _run(folder, db, read, timeout_s=0.01)  # same content, same limit: not read again
    assert [r for _, r, _ in same.quarantined] == ["timeout"] and len(calls) == 1
    forced = _run(folder, db, read, timeout_s=0.01, retry_quarantined=True)  # --retry-quarantined
    assert [r for _, r, _ in forced.quarantined] == ["timeout"] and len(calls) == 2
    raised = _run(folder, db, read, timeout_s=60)  # the limit changed: read again, and now it loads
    assert (raised.new, raised.quarantined, len(calls)) == (1, [], 3)
    assert _rows(db, "SELECT count(*) FROM quarantine") == [(0,)]
