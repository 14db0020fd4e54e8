"""The SQL door (`verslagen query`) under hostile SQL: the database itself refuses files, ATTACH, LOAD,
INSTALL and settings; EXPLAIN only of a SELECT; rows stream with a cap, a time limit and a memory limit."""
from __future__ import annotations

import hashlib
import time

import duckdb
import pytest

from flows.cli import main
from warehouse.load import finish_run, load_document, start_run
from warehouse.publish import Writer, open_reader
from warehouse.query import QueryRefused, QueryStopped, checked, open_query_connection, run_query, stream_query
from warehouse.settings import WarehouseSettings
from warehouse_fixtures import report_2022, report_2023


@pytest.fixture
def published(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc, ann in (report_2022(), report_2023()):
            load_document(w.conn, doc, ann, run)
        finish_run(w.conn, run)
        w.publish()
    return path


def _sha(path) -> str:
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_explain_analyze_copy_onto_the_warehouse_leaves_it_untouched(published, capsys):
    """The reproduction of issue 17: this statement replaced the published warehouse with 8 bytes."""
    before = _sha(published)
    assert main(["query", f"EXPLAIN ANALYZE COPY (SELECT 1) TO '{published}'", "--warehouse", published]) == 2
    assert "refused" in capsys.readouterr().err
    assert _sha(published) == before
    assert open_reader(published).execute("SELECT count(*) FROM documents").fetchone()[0] == 2


@pytest.mark.parametrize("sql", [
    "EXPLAIN ANALYZE COPY (SELECT 1) TO 'x.csv'", "EXPLAIN ANALYZE SET threads = 8", "EXPLAIN ANALYZE LOAD 'x'",
    "EXPLAIN ANALYZE INSTALL fts", "EXPLAIN ATTACH 'x.duckdb'", "EXPLAIN (FORMAT json) DELETE FROM documents",
    "/* c */ EXPLAIN ANALYZE  UPDATE persons SET private = false", "EXPLAIN ANALYZE", "EXPLAIN ANALYZE SELECT 1; SELECT 2"])
def test_explain_of_anything_but_a_select_is_refused(sql):
    with pytest.raises(QueryRefused, match="refused|exactly one|not valid"):
        checked(sql)


@pytest.mark.parametrize("sql", ["EXPLAIN SELECT 1", "EXPLAIN ANALYZE SELECT 1", "explain analyze with a as (select 1) select * from a",
                                 "EXPLAIN (FORMAT json) SELECT 1"])
def test_explain_of_a_select_is_allowed(sql):
    checked(sql)


def test_the_locked_connection_reads_no_file_and_changes_no_setting(published, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("a\ngeheim\n")
    conn = open_query_connection(published, WarehouseSettings(path=published), pseudonymise=False)
    try:
        for sql in (f"SELECT * FROM read_csv('{secret}')", f"SELECT * FROM read_text('{secret}')",
                    f"SELECT * FROM read_blob('{secret}')", f"SELECT * FROM glob('{tmp_path}/*')",
                    f"SELECT * FROM '{secret}'"):
            with pytest.raises(QueryRefused, match="reads only the warehouse"):
                run_query(conn, sql)
        # what the statement check would let through or miss, the database refuses by itself
        for sql in (f"COPY (SELECT 1) TO '{tmp_path}/out.csv'", f"EXPLAIN ANALYZE COPY (SELECT 1) TO '{published}'",
                    f"ATTACH '{tmp_path}/other.duckdb'", f"LOAD '{secret}'", "INSTALL fts"):
            with pytest.raises(duckdb.PermissionException):
                conn.execute(sql)
        for sql in ("SET enable_external_access = true", "SET memory_limit = '8GB'", "SET threads = 16",
                    "SET lock_configuration = false", "RESET memory_limit"):
            with pytest.raises(duckdb.InvalidInputException, match="locked"):
                conn.execute(sql)
        settings = dict(conn.execute("SELECT name, value FROM duckdb_settings() WHERE name IN "
                                     "('enable_external_access', 'lock_configuration', 'threads')").fetchall())
        assert settings == {"enable_external_access": "false", "lock_configuration": "true", "threads": "2"}
        # the product still works: the full-text index (the fts extension was loaded before the lock)
        assert run_query(conn, "SELECT count(*) FROM (SELECT fts_main_sentences.match_bm25(sentence_id, 'schimmel') "
                               "AS s FROM sentences) WHERE s IS NOT NULL").rows == [(2,)]
    finally:
        conn.close()
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()


def test_cli_refuses_file_reads_with_exit_2(published, tmp_path, capsys):
    assert main(["query", "SELECT * FROM read_text('/etc/passwd')", "--warehouse", published]) == 2
    err = capsys.readouterr().err
    assert "refused" in err and "root:" not in err and len(err.strip().splitlines()) == 1


def test_rows_stream_without_fetching_the_whole_result(published):
    conn = open_query_connection(published, pseudonymise=False)
    try:
        started = time.monotonic()
        stream = stream_query(conn, "SELECT range AS n FROM range(1000000000000)", limit=5)
        rows = [r for batch in stream.batches for r in batch]
        assert rows == [(i,) for i in range(5)] and stream.truncated
        assert time.monotonic() - started < 10  # a trillion rows were never produced
    finally:
        conn.close()


def test_row_cap_and_limit_option(published, capsys):
    sql = "SELECT range AS n FROM range(25000)"
    assert main(["query", sql, "--warehouse", published, "--format", "csv"]) == 0
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 1 + 10000 and "cut at 10000 rows" in out.err
    assert main(["query", sql, "--warehouse", published, "--format", "csv", "--limit", "0"]) == 0
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 1 + 25000 and out.err == ""
    assert main(["query", sql, "--warehouse", published, "--format", "json", "--limit", "30000"]) == 0
    out = capsys.readouterr()
    assert out.out.count('{"n":') == 25000 and out.err == ""
    assert main(["query", sql, "--warehouse", published, "--limit", "3"]) == 0
    out = capsys.readouterr()
    assert "(3 rows)" in out.out and "cut at 3 rows" in out.err
    assert main(["query", sql, "--warehouse", published, "--limit", "-1"]) == 2


def test_a_long_query_is_interrupted_with_exit_1(published, capsys, monkeypatch):
    monkeypatch.setenv("VERSLAGEN_WAREHOUSE_QUERY_TIMEOUT_S", "0.5")
    started = time.monotonic()
    assert main(["query", "SELECT count(*) FROM range(1000000000000) a", "--warehouse", published]) == 1
    assert time.monotonic() - started < 10
    err = capsys.readouterr().err
    assert err.startswith("verslagen query: stopped after 0.5 s") and len(err.strip().splitlines()) == 1


def test_running_out_of_memory_is_one_line_with_exit_1(published, capsys, monkeypatch):
    monkeypatch.setenv("VERSLAGEN_WAREHOUSE_QUERY_MEMORY_LIMIT", "64MB")
    sql = "SELECT n % 3 AS k, list(n) FROM range(100000000) t(n) GROUP BY k"
    assert main(["query", sql, "--warehouse", published, "--limit", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("verslagen query: out of memory") and len(err.strip().splitlines()) == 1


def test_stream_query_raises_query_stopped(published):
    conn = open_query_connection(published, WarehouseSettings(query_memory_limit="64MB"), pseudonymise=False)
    try:
        with pytest.raises(QueryStopped, match="stopped after 0.3 s"):
            list(stream_query(conn, "SELECT count(*) FROM range(1000000000000)", timeout_s=0.3).batches)
    finally:
        conn.close()
