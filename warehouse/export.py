"""`verslagen export --parquet DIR`: every table and view as Parquet, partitioned by meeting year.

A relation's year is its own `year` column, else its document's year (via doc_id), else the year of
its first timestamp column (runs, quarantine); relations with none are written as one file.
Names of private persons are pseudonymised unless asked otherwise; the pseudonym salt is never exported.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import duckdb

from warehouse.persons import pseudonymiser

NOT_EXPORTED = {"warehouse_meta"}  # holds the pseudonym salt


@dataclass(frozen=True)
class Exported:
    name: str
    rows: int
    partitioned: bool


def relations(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, list[tuple[str, str]]]]:
    """(name, [(column, type)]) of every user table and view, tables first."""
    rows = conn.execute(
        "SELECT c.table_name, list((c.column_name, c.data_type) ORDER BY c.column_index), "
        "  bool_or(v.view_name IS NOT NULL) "
        "FROM duckdb_columns() c LEFT JOIN duckdb_views() v ON v.view_name = c.table_name AND v.schema_name = c.schema_name "
        "WHERE c.schema_name = 'main' AND c.database_name = current_database() AND NOT c.internal "
        "GROUP BY c.table_name ORDER BY 3, 1").fetchall()
    return [(name, [tuple(c) for c in cols]) for name, cols, _ in rows]


def _select(name: str, cols: list[tuple[str, str]]) -> tuple[str, bool]:
    names = [c for c, _ in cols]
    if "year" in names:
        return f'SELECT * FROM "{name}"', True
    if "doc_id" in names:
        return (f'SELECT t.*, (SELECT d.year FROM documents d WHERE d.doc_id = t.doc_id) AS year FROM "{name}" t',
                True)
    stamp = next((c for c, t in cols if t.startswith("TIMESTAMP") or t == "DATE"), None)
    if stamp:
        return f'SELECT *, year("{stamp}") AS year FROM "{name}"', True
    return f'SELECT * FROM "{name}"', False


def export_parquet(conn: duckdb.DuckDBPyConnection, out_dir: str, pseudonymise: bool = True,
                   salt: str = "") -> list[Exported]:
    os.makedirs(out_dir, exist_ok=True)
    rewrite = pseudonymiser(conn, salt) if pseudonymise else None
    done = []
    for name, cols in relations(conn):
        if name in NOT_EXPORTED:
            continue
        sql, partitioned = _select(name, cols)
        target = os.path.join(out_dir, name if partitioned else f"{name}.parquet").replace("'", "''")
        options = "FORMAT parquet, PARTITION_BY (year), OVERWRITE" if partitioned else "FORMAT parquet"
        if rewrite is None:
            conn.execute(f"COPY ({sql}) TO '{target}' ({options})")
            n = conn.execute(f"SELECT count(*) FROM ({sql})").fetchone()[0]
        else:
            n = _copy_rewritten(conn, sql, target, options, rewrite)
        done.append(Exported(name, n, partitioned))
    return done


def _copy_rewritten(conn, sql: str, target: str, options: str, rewrite) -> int:
    """Pseudonymise in Python, then write from an in-memory DuckDB with the original column types."""
    cur = conn.execute(sql)
    columns = [d[0] for d in cur.description]
    rows = rewrite(cur.fetchall())
    types = [r[1] for r in conn.execute(f"DESCRIBE {sql}").fetchall()]
    mem = duckdb.connect(":memory:")
    try:
        mem.execute("CREATE TABLE x (" + ", ".join(f'"{c}" {t}' for c, t in zip(columns, types)) + ")")
        if rows:
            from warehouse.rows import insert_rows
            insert_rows(mem, "x", rows, tuple(columns))
        mem.execute(f"COPY x TO '{target}' ({options})")
    finally:
        mem.close()
    return len(rows)
