"""What the warehouse keeps about itself in `warehouse_meta` (never shown to pseudonymised readers).

- `generation`: a new id at every publish; readers key caches on it (the pseudonymised copy).
- `ingest_base`: in a writer's working copy, the published generation it started from; a working copy
  whose base is not the published generation (a backup was restored, another copy was published) is stale.
- `derived_stale`: set before a run changes documents, cleared in the transaction that rebuilds the
  archive-wide tables (topics, concern clusters): a run killed in between leaves it set, so the next
  run rebuilds them even when no file changed.
"""
from __future__ import annotations

import uuid

import duckdb

GENERATION, INGEST_BASE, DERIVED_STALE = "generation", "ingest_base", "derived_stale"


def meta_value(conn: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM warehouse_meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_meta(conn: duckdb.DuckDBPyConnection, key: str, value: str | None) -> None:
    conn.execute("DELETE FROM warehouse_meta WHERE key = ?", [key])
    if value is not None:
        conn.execute("INSERT INTO warehouse_meta VALUES (?, ?)", [key, value])


def new_generation() -> str:
    return uuid.uuid4().hex


def published_generation(path: str) -> str:
    """The generation of a published warehouse file ('' when it has none, '(unreadable)' when it does not open)."""
    try:
        conn = duckdb.connect(path, read_only=True)
    except duckdb.Error:
        return "(unreadable)"  # matches no working copy's base
    try:
        return meta_value(conn, GENERATION) or ""
    except duckdb.CatalogException:
        return ""
    finally:
        conn.close()


def derived_stale(conn: duckdb.DuckDBPyConnection) -> bool:
    return meta_value(conn, DERIVED_STALE) is not None


def mark_derived_stale(conn: duckdb.DuckDBPyConnection) -> None:
    """Before a run changes documents: the archive-wide tables are stale until rebuilt."""
    set_meta(conn, DERIVED_STALE, "1")


def clear_derived_stale(conn: duckdb.DuckDBPyConnection) -> None:
    set_meta(conn, DERIVED_STALE, None)
