"""One line per error that names the file and what to do; `--debug` shows the traceback (issue 18)."""
from __future__ import annotations

import os
import subprocess
import time

import pytest

from flows.cli import main
from flows.pipeline.errors import is_permanent
from warehouse.load import finish_run, load_document, start_run
from warehouse.publish import Writer, WarehouseBusy
from warehouse_fixtures import report_2022, report_2023


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("errors") / "w.duckdb")
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc, ann in (report_2022(), report_2023()):
            load_document(w.conn, doc, ann, run)
        finish_run(w.conn, run)
        w.publish()
    return path


@pytest.fixture
def readonly_dir(tmp_path):
    """A folder nobody may write to: permissions for a normal user, a read-only tmpfs mount for root."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("root without permission to mount a read-only folder")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def one_line(capsys, *needles: str) -> str:
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "[Errno" not in err, err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def not_duckdb(tmp_path):
    path = tmp_path / "notes.duckdb"
    path.write_text("this is not a database\n")
    return path


def test_a_file_that_is_not_duckdb_is_one_line_for_readers(not_duckdb, capsys):
    assert main(["trends", "--warehouse", str(not_duckdb)]) == 1
    one_line(capsys, str(not_duckdb), "not a DuckDB warehouse")


def test_debug_shows_the_traceback(not_duckdb):
    import duckdb

    with pytest.raises(duckdb.Error):
        main(["--debug", "trends", "--warehouse", str(not_duckdb)])


def test_ingest_into_a_file_that_is_not_duckdb_leaves_nothing_behind(not_duckdb, tmp_path, capsys):
    (tmp_path / "pdf").mkdir()
    assert main(["ingest", str(tmp_path / "pdf"), "--warehouse", str(not_duckdb)]) == 1
    one_line(capsys, "notes.duckdb", "not a DuckDB warehouse")
    assert sorted(os.listdir(tmp_path)) == ["notes.duckdb", "pdf"]  # no .ingest copy, no lock


def test_ingest_into_a_read_only_folder_stops_at_once(readonly_dir, tmp_path, capsys):
    (tmp_path / "pdf").mkdir()
    started = time.monotonic()
    assert main(["ingest", str(tmp_path / "pdf"), "--warehouse", str(readonly_dir / "w.duckdb")]) == 1
    assert time.monotonic() - started < 5  # no retries
    one_line(capsys, str(readonly_dir), "choose another --warehouse")


def test_busy_warehouse_with_a_short_lock_timeout(published, tmp_path, capsys):
    (tmp_path / "pdf").mkdir()
    with Writer(published, timeout=1):
        started = time.monotonic()
        code = main(["ingest", str(tmp_path / "pdf"), "--warehouse", published,
                     "--set", "warehouse.lock_timeout_s=0.3"])
        assert time.monotonic() - started < 5
    assert code == 1
    one_line(capsys, published, "busy", "try again")


def test_report_into_a_missing_folder(published, tmp_path, capsys):
    out = tmp_path / "nowhere" / "report.html"
    assert main(["report", "--warehouse", published, "--out", str(out)]) == 1
    one_line(capsys, str(out), "does not exist")


def test_report_and_export_into_a_read_only_folder(published, readonly_dir, capsys):
    assert main(["report", "--warehouse", published, "--out", str(readonly_dir / "r.html")]) == 1
    one_line(capsys, str(readonly_dir / "r.html"))
    assert main(["export", "--warehouse", published, "--parquet", str(readonly_dir / "export")]) == 1
    one_line(capsys, str(readonly_dir / "export"))


def test_annotate_a_missing_file(tmp_path, capsys):
    missing = str(tmp_path / "geen.pdf")
    assert main(["annotate", missing]) == 1
    line = one_line(capsys, "no such file")
    assert line.count("geen.pdf") == 1


def test_empty_search_and_unknown_theme_are_usage_errors(published, capsys):
    assert main(["search", " ", "--warehouse", published]) == 2
    one_line(capsys, "give words")
    assert main(["trends", "--theme", "overlst", "--warehouse", published]) == 2
    line = one_line(capsys, "'overlst'", "did you mean 'overlast'", "onderhoud")
    assert main(["concerns", "--category", "onderhoudd", "--warehouse", published]) == 2
    one_line(capsys, "did you mean 'onderhoud'")


def test_a_mistyped_saved_query_suggests_the_nearest(published, capsys):
    assert main(["query", "theme_histroy", "--warehouse", published]) == 2
    one_line(capsys, "did you mean 'theme_history'")
    assert main(["query", "--saved", "documentz", "--warehouse", published]) == 2
    one_line(capsys, "did you mean 'documents'")


def test_only_transient_failures_are_retried():
    from warehouse.checks import WarehouseInvalid

    assert is_permanent(PermissionError(13, "Permission denied", "/x"))
    assert is_permanent(OSError(30, "Read-only file system", "/x"))
    assert is_permanent(WarehouseInvalid("x"))
    assert not is_permanent(WarehouseBusy("busy"))
