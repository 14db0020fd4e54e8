"""Migrations: applied once, in transactions, checksummed; every column documented."""
import hashlib
import sys

import duckdb
import pytest

from warehouse import db


def test_migrate_applies_every_shipped_migration_once():
    conn = db.connect(":memory:")
    applied = db.migrate(conn)
    assert applied == sorted(applied) and applied[:3] == [1, 2, 3]
    assert db.migrate(conn) == []
    rows = conn.execute("SELECT version, name, checksum FROM schema_migrations ORDER BY version").fetchall()
    shipped = {m.version: m for m in db.shipped_migrations()}
    for version, name, checksum in rows:
        assert shipped[version].name == name
        assert checksum == hashlib.sha256(shipped[version].sql.encode()).hexdigest()


def test_changed_migration_is_an_error(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER);")
    conn = db.connect(":memory:")
    assert db.migrate(conn, folder) == [1]
    (folder / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER, y INTEGER);")
    with pytest.raises(db.MigrationError, match="changed after it was applied"):
        db.migrate(conn, folder)


def test_failing_migration_rolls_back_fully(tmp_path):
    folder = tmp_path / "migrations"
    folder.mkdir()
    (folder / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER);")
    (folder / "0002_broken.sql").write_text(
        "CREATE TABLE b (x INTEGER); INSERT INTO b VALUES (1); INSERT INTO no_such_table VALUES (1);")
    conn = db.connect(str(tmp_path / "w.duckdb"))
    with pytest.raises(db.MigrationError, match="0002_broken failed and was rolled back"):
        db.migrate(conn, folder)
    tables = {r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "a" in tables and "b" not in tables
    assert conn.execute("SELECT list(version) FROM schema_migrations").fetchone()[0] == [1]
    (folder / "0002_broken.sql").write_text("CREATE TABLE b (x INTEGER);")  # fixed: applies on the next run
    assert db.migrate(conn, folder) == [2]


def test_two_migrations_with_one_number_are_refused(tmp_path):
    (tmp_path / "0001_first.sql").write_text("SELECT 1;")
    (tmp_path / "0001_again.sql").write_text("SELECT 1;")
    with pytest.raises(db.MigrationError, match="share a version"):
        db.migrations_in(tmp_path)


def test_every_table_and_view_column_has_a_description():
    conn = db.open_warehouse()
    undocumented = conn.execute(
        "SELECT table_name || '.' || column_name FROM duckdb_columns() "
        "WHERE schema_name = 'main' AND NOT internal AND coalesce(comment, '') = ''").fetchall()
    assert undocumented == []
    views = {r[0] for r in conn.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert {"v_sentences", "v_concerns", "v_theme_trends", "v_speaker_activity", "v_documents", "v_commitments"} <= views


def test_read_only_connect_to_a_missing_file_says_what_to_do(tmp_path):
    with pytest.raises(db.WarehouseMissing, match="verslagen ingest"):
        db.connect(str(tmp_path / "nope.duckdb"), read_only=True)


def test_read_only_connection_refuses_writes(tmp_path):
    path = str(tmp_path / "w.duckdb")
    db.open_warehouse(path).close()
    conn = db.connect(path, read_only=True)
    with pytest.raises(duckdb.Error, match="read-only"):
        conn.execute("DELETE FROM documents")


def test_warehouse_does_not_import_prefect():
    import subprocess
    code = ("import sys, warehouse.load, warehouse.publish, warehouse.query, warehouse.export, warehouse.fts, "
            "warehouse.schema_docs; print(' '.join(sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert "warehouse.load" in out
    assert not [m for m in out if m.split(".")[0] == "prefect"]


def test_every_warehouse_setting_is_documented():
    from dataclasses import fields
    from pathlib import Path

    from warehouse.settings import WarehouseSettings

    doc = (Path(__file__).resolve().parents[1] / "docs" / "warehouse.md").read_text()
    for f in fields(WarehouseSettings):
        assert f.metadata.get("help") and f"`{f.name}`" in doc, f.name


def test_views_keep_working_after_a_later_migration_changes_a_table(tmp_path):
    from warehouse.db import Migration

    later = Migration(9999, "add_column", "ALTER TABLE documents ADD COLUMN source_url VARCHAR;")
    conn = db.connect(":memory:")
    db.migrate(conn, [*db.shipped_migrations(), later])
    for (view,) in conn.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal AND schema_name = 'main'").fetchall():
        conn.execute(f"SELECT * FROM {view}").fetchall()
    assert "source_url" not in [d[0] for d in conn.execute("SELECT * FROM v_documents").description]


def test_transaction_commits_or_rolls_back_everything():
    from warehouse.db import open_warehouse, transaction

    conn = open_warehouse()
    with transaction(conn):
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("INSERT INTO t VALUES (1)")
    try:
        with transaction(conn):
            conn.execute("INSERT INTO t VALUES (2)")
            raise KeyError("stop")
    except KeyError:
        pass
    assert conn.execute("SELECT list(x) FROM t").fetchone()[0] == [1]


def test_every_loader_column_is_a_column_of_its_table():
    from warehouse.db import open_warehouse
    from warehouse.rows import COLUMNS, insert_rows

    conn = open_warehouse()
    for table, columns in COLUMNS.items():
        have = {c for (c,) in conn.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ?",
                                           [table]).fetchall()}
        assert set(columns) <= have, (table, set(columns) - have)
    # by name: a table whose columns are in another order still gets each value in its own column
    conn.execute("CREATE TABLE swapped (b VARCHAR, a INTEGER)")
    for n in (1, 300):  # a VALUES statement and a DataFrame scan
        conn.execute("DELETE FROM swapped")
        insert_rows(conn, "swapped", [(7, "zeven")] * n, columns=("a", "b"))
        assert conn.execute("SELECT DISTINCT b, a FROM swapped").fetchall() == [("zeven", 7)]
