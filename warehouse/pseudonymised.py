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
from warehouse.persons import pseudonymiser, text_pseudonymiser, warehouse_salt
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
            target = _build(source, real, target, settings)
    finally:
        source.close()
    return connect(target, read_only=True)


def _build(source: duckdb.DuckDBPyConnection, source_path: str, target: str, settings: WarehouseSettings) -> str:
    """Write the copy beside the warehouse (atomically: readers race), else in a private temp folder."""
    folder = os.path.dirname(target) or "."
    if not os.access(folder, os.W_OK):
        target = os.path.join(tempfile.mkdtemp(prefix="verslagen-"), os.path.basename(target))
    tmp = f"{target}.{os.getpid()}.tmp"
    try:
        dest = connect(tmp)
        try:
            build_pseudonymised(source, source_path, dest, settings)
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


def _select(name: str, columns: list[tuple[str, str]]) -> str | None:
    """The SELECT that copies table `name` from `src` with its texts pseudonymised (None: a column type
    holds text in a shape SQL cannot reach simply; that table is copied through Python)."""
    out = []
    for col, kind in columns:
        q = '"' + col.replace('"', '""') + '"'
        if (name, col) == ("ingestion_runs", "settings"):  # runs stored before salts were left out
            out.append(f"""regexp_replace(pseudonymise({q}), '"([^"]*salt)": "[^"]*"', '"\\1": "(set)"', 'g')""")
        elif kind == "VARCHAR":
            out.append(f"pseudonymise({q})")
        elif kind == "VARCHAR[]":
            out.append(f"list_transform({q}, x -> pseudonymise(x))")
        elif "VARCHAR" in kind or "JSON" in kind:
            return None
        else:
            out.append(q)
    return f'SELECT {", ".join(out)} FROM src."{name}"'


def build_pseudonymised(source: duckdb.DuckDBPyConnection, source_path: str, dest: duckdb.DuckDBPyConnection,
                        settings: WarehouseSettings | None = None) -> None:
    """Copy the user tables and views of the warehouse at `source_path` (open as `source`) into the empty
    database `dest`, pseudonymised. Rows are copied by DuckDB; only text goes through Python."""
    from warehouse.fts import rebuild_fts
    from warehouse.rows import insert_rows

    settings = settings or WarehouseSettings()
    salt = warehouse_salt(source, settings.pseudonym_salt)
    text = text_pseudonymiser(source, salt) or (lambda v: v)
    rows_of = pseudonymiser(source, salt)
    dest.execute("SET enable_progress_bar = false")
    varchar = duckdb.sqltype("VARCHAR")
    dest.create_function("pseudonymise", text, [varchar], varchar, side_effects=False)
    dest.execute("ATTACH '" + source_path.replace("'", "''") + "' AS src (READ_ONLY)")
    try:
        tables = source.execute("SELECT table_name, sql FROM duckdb_tables() WHERE schema_name = 'main' "
                                "AND database_name = current_database() AND NOT internal ORDER BY table_name").fetchall()
        for name, sql in tables:
            if name in LEFT_OUT:
                continue
            dest.execute(sql)
            columns = source.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                                     "AND schema_name = 'main' AND database_name = current_database() "
                                     "ORDER BY column_index", [name]).fetchall()
            select = _select(name, columns)
            if select is not None:
                dest.execute(f'INSERT INTO main."{name}" {select}')
                continue
            cur = source.execute(f'SELECT * FROM "{name}"')
            while rows := cur.fetchmany(BATCH):
                insert_rows(dest, name, rows_of(rows), tuple(c for c, _ in columns))
        views = source.execute("SELECT view_name, sql FROM duckdb_views() WHERE schema_name = 'main' "
                               "AND database_name = current_database() AND NOT internal ORDER BY view_oid").fetchall()
    finally:
        dest.execute("DETACH src")
    for _, sql in views:
        dest.execute(sql)
    _copy_comments(source, dest, {name for name, _ in tables} - LEFT_OUT, {name for name, _ in views})
    if {"sentences", "stopwords"} <= {name for name, _ in tables}:
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
