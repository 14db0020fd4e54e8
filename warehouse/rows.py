"""Row helpers shared by the loaders: sanitising strings and fast bulk inserts."""
from __future__ import annotations

import re
from dataclasses import asdict

import duckdb
import pandas

from extract.document import BBox

FRAME_ROWS = 200  # from this many rows on, insert through a DataFrame
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(v):
    """No NUL bytes or lone surrogates reach DuckDB (they come from broken PDF text layers)."""
    if isinstance(v, str):
        return _SURROGATE.sub("\ufffd", v.replace("\x00", ""))
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    return v


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Insert rows: a few as one multi-row VALUES statement, many through a pandas DataFrame scan.

    Binding parameters costs DuckDB about 0.1 ms a row, 25 times the DataFrame scan, but the scan
    has a fixed cost of a few milliseconds (registering the frame, reading the column types), so it
    only pays for larger batches. Loading was a third of the ingest parent's time."""
    if not rows:
        return
    if len(rows) < FRAME_ROWS:
        one = "(" + ", ".join("?" * len(rows[0])) + ")"
        conn.execute(f"INSERT INTO {table} VALUES " + ", ".join([one] * len(rows)), [clean(v) for r in rows for v in r])
        return
    # object columns: pandas never turns integers with gaps into floats; DuckDB reads dicts as
    # STRUCTs and lists as LISTs, and the casts give the table's own types
    types = _column_types(conn, table)
    frame = pandas.DataFrame([[clean(v) for v in r] for r in rows], columns=[f"c{i}" for i in range(len(types))],
                             dtype=object)
    name = f"_rows_{table}"
    conn.register(name, frame)
    try:
        cols = ", ".join(f"CAST(c{i} AS {t})" for i, t in enumerate(types))
        conn.execute(f"INSERT INTO {table} SELECT {cols} FROM {name}")
    finally:
        conn.unregister(name)


class RowBatch:
    """Rows for several tables, collected over one or more documents and inserted with one statement
    per table by `flush()`: a statement costs DuckDB a few milliseconds whatever its size, and a
    report has rows for fifteen tables."""

    def __init__(self) -> None:
        self.rows: dict[str, list[tuple]] = {}

    def add(self, table: str, rows: list[tuple]) -> None:
        if rows:
            self.rows.setdefault(table, []).extend(rows)

    def flush(self, conn: duckdb.DuckDBPyConnection) -> None:
        for table, rows in self.rows.items():
            insert_rows(conn, table, rows)
        self.rows.clear()


def _column_types(conn: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [t for _, t in conn.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? AND schema_name = current_schema() "
        "AND database_name = current_database() ORDER BY column_index", [table]).fetchall()]


def bbox(b: BBox | None):
    return asdict(b) if b is not None else None
