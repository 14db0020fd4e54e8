"""Pseudonymised mode is a boundary: the SQL sees only a pseudonymised copy of the warehouse (no names
in any column or index, no salt), and every read command obeys one setting whose default is on."""
from __future__ import annotations

import json
import os

import duckdb
import pytest

from flows.cli import main
from warehouse.load import finish_run, load_document, start_run
from warehouse.persons import pseudonym
from warehouse.publish import Writer, open_reader
from warehouse.pseudonymised import open_pseudonymised
from warehouse.query import open_query_connection, run_query
from warehouse.settings import WarehouseSettings
from warehouse_fixtures import report_2022, report_2023

PSEUDONYMISED = WarehouseSettings(pseudonymise=True)
PRIVATE = ("pieters", "anna")  # Anna Pietersen / Anna Pieterse / Mevrouw Pietersen, a tenant


def _publish(path: str, reports) -> None:
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc, ann in reports:
            load_document(w.conn, doc, ann, run)
        finish_run(w.conn, run)
        w.publish()


@pytest.fixture
def published(tmp_path):
    path = str(tmp_path / "w.duckdb")
    _publish(path, (report_2022(), report_2023()))
    return path


def _all_text(conn) -> str:
    """Every value of every table and view (and of the FTS index's schema), as text, lower case."""
    rels = conn.execute("SELECT schema_name, table_name FROM duckdb_tables() WHERE database_name = current_database() "
                        "UNION ALL SELECT schema_name, view_name FROM duckdb_views() WHERE NOT internal "
                        "AND database_name = current_database()").fetchall()
    assert len(rels) > 20
    out = []
    for schema, name in rels:
        for (row,) in conn.execute(f'SELECT t::VARCHAR FROM "{schema}"."{name}" t').fetchall():
            out.append(row)
    return "\n".join(out).casefold()


def test_ten_thousand_names_get_ten_thousand_pseudonyms():
    names = [f"{first} {last}" for first in (f"voornaam{i}" for i in range(100)) for last in (f"achternaam{j}" for j in range(100))]
    pseudonyms = {pseudonym(n, "zout") for n in names}
    assert len(pseudonyms) == 10_000
    p = pseudonym("Anna Pietersen", "zout")
    assert p.startswith("Bewoner ") and len(p) == len("Bewoner ") + 8
    assert p == pseudonym("anna  pietersen", "zout") != pseudonym("Anna Pietersen", "ander zout")


def test_the_sql_of_pseudonymised_mode_sees_no_name_salt_or_index_internals(published):
    raw = open_reader(published)
    salt = raw.execute("SELECT value FROM warehouse_meta WHERE key = 'pseudonym_salt'").fetchone()[0]
    assert all(n in _all_text(raw) for n in PRIVATE)  # the real warehouse has them (the test can fail)
    raw.close()
    conn = open_query_connection(published, PSEUDONYMISED)
    try:
        text = _all_text(conn)
        assert not [n for n in PRIVATE if n in text], "a private name is readable in pseudonymised mode"
        assert salt.casefold() not in text
        with pytest.raises(duckdb.CatalogException):
            conn.execute("SELECT * FROM warehouse_meta")
        # the tricks that beat rewriting output rows
        for sql in ("SELECT reverse(name) FROM persons", "SELECT name::BLOB FROM persons",
                    "SELECT upper(text) FROM sentences", "SELECT term FROM fts_main_sentences.dict",
                    "SELECT string_agg(alias, '') FROM person_aliases", "SELECT person_id FROM persons"):
            got = json.dumps(run_query(conn, sql).rows, default=str).casefold()
            assert not any(n in got or n[::-1] in got for n in PRIVATE), sql
        # officials keep their names; the text still reads; search still works on the copy
        assert ("Karel Smit",) in run_query(conn, "SELECT name FROM persons").rows
        assert run_query(conn, "SELECT count(*) FROM (SELECT fts_main_sentences.match_bm25(sentence_id, 'schimmel') "
                               "AS s FROM sentences) WHERE s IS NOT NULL").rows == [(2,)]
        quote = run_query(conn, "SELECT text FROM v_sentences WHERE text LIKE '%vraagt wanneer%'").rows[0][0]
        assert quote.startswith("Bewoner ") and quote.endswith("vraagt wanneer de huurverhoging bekend wordt.")
        # the tenant's person_id (an unkeyed hash of the name) is replaced too, consistently
        pids = run_query(conn, "SELECT DISTINCT person_id FROM doc_speakers WHERE private").rows
        assert len(pids) == 1 and pids[0] in run_query(conn, "SELECT person_id FROM persons WHERE private").rows
    finally:
        conn.close()
    with open(_copy_path(published), "rb") as f:
        assert salt.encode() not in f.read()


def _copy_path(published: str) -> str:
    folder = os.path.dirname(published)
    found = [os.path.join(folder, p) for p in os.listdir(folder) if ".pseudonymised-" in p]
    assert len(found) == 1
    return found[0]


def test_the_copy_is_built_once_per_generation(published):
    open_pseudonymised(published).close()
    first = _copy_path(published)
    stamp = os.stat(first).st_mtime_ns
    open_pseudonymised(published).close()
    assert _copy_path(published) == first and os.stat(first).st_mtime_ns == stamp
    _publish(published, (report_2023("archief/2023-09-09_tweede.pdf", extra=" Ook Anna Pietersen belde."),))
    conn = open_pseudonymised(published)
    try:
        assert _copy_path(published) != first  # a new generation, the old copy removed
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
        assert not any(n in _all_text(conn) for n in PRIVATE)
    finally:
        conn.close()


@pytest.mark.parametrize("argv", [["speakers"], ["concerns"], ["search", "schimmel"], ["trends"],
                                  ["query", "SELECT * FROM v_speaker_activity"], ["query", "SELECT * FROM v_sentences"]])
def test_every_read_command_obeys_the_one_setting(published, argv, capsys, monkeypatch):
    monkeypatch.setenv("VERSLAGEN_WAREHOUSE_PSEUDONYMISE", "true")
    assert main([*argv, "--warehouse", published, "--format", "json"]) == 0
    out = capsys.readouterr().out.casefold()
    assert not any(n in out for n in PRIVATE)
    if argv[0] in ("speakers", "query"):
        assert "bewoner " in out or argv[-1].endswith("v_sentences")
    assert main([*argv, "--warehouse", published, "--format", "json", "--no-pseudonymise"]) == 0
    real = capsys.readouterr().out.casefold()
    if argv[0] in ("speakers", "search", "query"):
        assert "pieters" in real
    monkeypatch.delenv("VERSLAGEN_WAREHOUSE_PSEUDONYMISE")  # the default (off) is the same for every command
    assert main([*argv, "--warehouse", published, "--format", "json"]) == 0
    assert capsys.readouterr().out.casefold() == real
    assert main([*argv, "--warehouse", published, "--format", "json", "--pseudonymise"]) == 0
    assert not any(n in capsys.readouterr().out.casefold() for n in PRIVATE)


def test_report_and_export_obey_the_one_setting(published, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("VERSLAGEN_WAREHOUSE_PSEUDONYMISE", raising=False)
    assert main(["report", "--warehouse", published, "--out", str(tmp_path / "r.html")]) == 0
    assert "Pieters" in (tmp_path / "r.html").read_text()  # the default: off, as for every other command
    assert main(["export", "--parquet", str(tmp_path / "raw"), "--warehouse", published]) == 0
    names = duckdb.connect().execute(f"SELECT list(name) FROM '{tmp_path}/raw/persons/*/*.parquet'").fetchone()[0]
    assert "Anna Pietersen" in names
    monkeypatch.setenv("VERSLAGEN_WAREHOUSE_PSEUDONYMISE", "true")  # the one setting switches every command
    assert main(["report", "--warehouse", published, "--out", str(tmp_path / "r2.html")]) == 0
    assert "Pieters" not in (tmp_path / "r2.html").read_text() and "Karel Smit" in (tmp_path / "r2.html").read_text()
    assert main(["export", "--parquet", str(tmp_path / "pq"), "--warehouse", published]) == 0
    names = duckdb.connect().execute(f"SELECT list(name) FROM '{tmp_path}/pq/persons/*/*.parquet'").fetchone()[0]
    assert "Karel Smit" in names and not any("Pieters" in n for n in names)
    monkeypatch.delenv("VERSLAGEN_WAREHOUSE_PSEUDONYMISE")
    assert main(["export", "--parquet", str(tmp_path / "again"), "--warehouse", published, "--pseudonymise"]) == 0
    names = duckdb.connect().execute(f"SELECT list(name) FROM '{tmp_path}/again/persons/*/*.parquet'").fetchone()[0]
    assert not any("Pieters" in n for n in names)


def test_a_configured_salt_stored_with_a_run_is_not_readable(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief", {"warehouse.pseudonym_salt": "geheimzout", "workers": 2})
        doc, ann = report_2022()
        load_document(w.conn, doc, ann, run)
        finish_run(w.conn, run)
        # a run stored by an older version, salt and all
        w.conn.execute("INSERT INTO ingestion_runs (run_id, status, settings) VALUES "
                       "('oud', 'finished', '{\"warehouse.pseudonym_salt\": \"ouderzout\", \"workers\": 1}')")
        w.publish()
    raw = open_reader(path)
    assert "geheimzout" not in str(raw.execute("SELECT list(settings) FROM ingestion_runs").fetchone())
    raw.close()
    conn = open_query_connection(path, PSEUDONYMISED)
    try:
        text = _all_text(conn)
        assert "geheimzout" not in text and "ouderzout" not in text and '"workers": 1' in text
    finally:
        conn.close()
