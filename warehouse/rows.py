"""Row helpers shared by the loaders: sanitising strings and fast multi-row inserts."""
from __future__ import annotations

import re
from dataclasses import asdict

import duckdb

from extract.document import BBox

_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(v):
    """No NUL bytes or lone surrogates reach DuckDB (they come from broken PDF text layers)."""
    if isinstance(v, str):
        return _SURROGATE.sub("\ufffd", v.replace("\x00", ""))
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    return v


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, rows: list[tuple], chunk: int = 300) -> None:
    """Multi-row INSERT ... VALUES (one statement per chunk: executemany is slow in DuckDB)."""
    if not rows:
        return
    one = "(" + ", ".join("?" * len(rows[0])) + ")"
    for i in range(0, len(rows), chunk):
        part = rows[i:i + chunk]
        conn.execute(f"INSERT INTO {table} VALUES " + ", ".join([one] * len(part)),
                     [clean(v) for r in part for v in r])


def bbox(b: BBox | None):
    return asdict(b) if b is not None else None
