"""The pseudonymised copy of the warehouse: what a reader sees in pseudonymised mode (the default).

A separate DuckDB file `<warehouse>.pseudonymised-<generation>.duckdb`, built on first use per
published generation (warehouse/meta.py) and opened read-only. It holds the user tables and views with
every spelling of a private person replaced by its pseudonym in every text column (names, aliases,
speaker keys, sentences, quotes, mentions) and private persons' ids replaced by keyed ones; not
`warehouse_meta` (the salt), and a full-text index rebuilt over the pseudonymised sentences, so the
index's dictionary lists no names. Rewriting output rows instead would be no boundary: SQL can
always give a name back in a form a rewrite does not recognise (`reverse(name)`, `name::BLOB`).
"""
from __future__ import annotations

import glob
import os
import tempfile

import duckdb

from warehouse.db import connect
from warehouse.meta import GENERATION, meta_value
from warehouse.persons import pseudonymiser, warehouse_salt
from warehouse.settings import WarehouseSettings

LEFT_OUT = {"warehouse_meta"}  # the pseudonym salt and the writer's bookkeeping
BATCH = 5000


def pseudonymised_path(path: str, generation: str) -> str:
    return f"{path}.pseudonymised-{generation}.duckdb"


def _generation(conn: duckdb.DuckDBPyConnection, path: str) -> str:
    """The published generation; a warehouse from before generations: its file's identity."""
    gen = meta_value(conn, GENERATION)
    if gen:
        return gen
    st = os.stat(path)
    return f"{st.st_ino:x}-{st.st_mtime_ns:x}-{st.st_size:x}"


def open_pseudonymised(path: str, settings: WarehouseSettings | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the pseudonymised copy of the published warehouse at `path`."""
    settings = settings or WarehouseSettings(path=path)
    real = os.path.realpath(path)
    source = connect(path, read_only=True)  # WarehouseMissing when there is none
    try:
        target = pseudonymised_path(real, _generation(source, real))
        if not os.path.exists(target):
            target = _build(source, target, settings)
    finally:
        source.close()
    return connect(target, read_only=True)


def _build(source: duckdb.DuckDBPyConnection, target: str, settings: WarehouseSettings) -> str:
    """Write the copy beside the warehouse (atomically: readers race), else in a private temp folder."""
    folder = os.path.dirname(target) or "."
    if not os.access(folder, os.W_OK):
        target = os.path.join(tempfile.mkdtemp(prefix="verslagen-"), os.path.basename(target))
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        dest = connect(tmp)
        try:
            build_pseudonymised(source, dest, settings)
            dest.execute("CHECKPOINT")
        finally:
            dest.close()
        os.replace(tmp, target)
    finally:
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.remove(leftover)
    stem = target.rsplit(".pseudonymised-", 1)[0]
    for old in glob.glob(glob.escape(stem) + ".pseudonymised-*.duckdb"):
        if old != target:  # earlier generations; a reader that has one open keeps its inode
            try:
                os.remove(old)
            except OSError:
                pass
    return target


def build_pseudonymised(source: duckdb.DuckDBPyConnection, dest: duckdb.DuckDBPyConnection,
                        settings: WarehouseSettings | None = None) -> None:
    """Copy the user tables and views of `source` into the empty database `dest`, pseudonymised."""
    from warehouse.fts import rebuild_fts
    from warehouse.rows import insert_rows

    settings = settings or WarehouseSettings()
    rewrite = pseudonymiser(source, warehouse_salt(source, settings.pseudonym_salt))
    tables = source.execute("SELECT table_name, sql, comment FROM duckdb_tables() WHERE schema_name = 'main' "
                            "AND database_name = current_database() AND NOT internal ORDER BY table_name").fetchall()
    for name, sql, comment in tables:
        if name in LEFT_OUT:
            continue
        dest.execute(sql)
        cur = source.execute(f'SELECT * FROM "{name}"')
        while rows := cur.fetchmany(BATCH):
            insert_rows(dest, name, rewrite(rows))
    views = source.execute("SELECT view_name, sql FROM duckdb_views() WHERE schema_name = 'main' "
                           "AND database_name = current_database() AND NOT internal ORDER BY view_oid").fetchall()
    for _, sql in views:
        dest.execute(sql)
    _copy_comments(source, dest, {name for name, _, _ in tables} - LEFT_OUT, {name for name, _ in views})
    if any(name == "sentences" for name, _, _ in tables) and any(name == "stopwords" for name, _, _ in tables):
        rebuild_fts(dest, settings)


def _copy_comments(source, dest, tables: set[str], views: set[str]) -> None:
    """The descriptions `verslagen schema` prints."""
    q = lambda s: "'" + s.replace("'", "''") + "'"
    for name, comment in source.execute("SELECT table_name, comment FROM duckdb_tables() WHERE comment IS NOT NULL "
                                        "UNION ALL SELECT view_name, comment FROM duckdb_views() "
                                        "WHERE comment IS NOT NULL").fetchall():
        if name in tables or name in views:
            dest.execute(f'COMMENT ON {"VIEW" if name in views else "TABLE"} "{name}" IS {q(comment)}')
    for table, column, comment in source.execute("SELECT table_name, column_name, comment FROM duckdb_columns() "
                                                 "WHERE comment IS NOT NULL").fetchall():
        if table in tables or table in views:
            dest.execute(f'COMMENT ON COLUMN "{table}"."{column}" IS {q(comment)}')
