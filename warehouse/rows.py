"""Row helpers shared by the loaders: sanitising strings and fast bulk inserts by column name.

The loaders build tuples in the order of COLUMNS[table]; every insert names those columns
(`INSERT INTO t (a, b, ...)`), so a migration that adds or reorders columns cannot shift values
into the wrong ones. Columns not named (timestamps filled afterwards, new columns) get their default.
"""
from __future__ import annotations

import re
from dataclasses import asdict

import duckdb
import pandas

from extract.document import BBox

# table -> the columns the loaders' tuples fill, in tuple order
COLUMNS: dict[str, tuple[str, ...]] = {
    "pages": ("doc_id", "page", "width", "height", "n_chars", "ocr", "skipped"),
    "blocks": ("doc_id", "idx", "kind", "level", "page", "bbox", "char_start", "char_end", "text", "ocr", "footnote",
               "footnote_refs"),
    "sentences": ("sentence_id", "doc_id", "idx", "block", "page", "char_start", "char_end", "text", "speaker_key",
                  "person_id", "attribution"),
    "sentence_themes": ("doc_id", "sentence", "theme", "page", "char_start", "char_end"),
    "persons": ("person_id", "name", "norm_name", "kind", "private", "created_at"),
    "person_aliases": ("alias", "norm_alias", "person_id", "doc_id"),
    "person_roles": ("person_id", "role", "organisation", "kind", "doc_id", "meeting_date"),
    "doc_speakers": ("doc_id", "speaker_key", "person_id", "name", "aliases", "role", "organisation", "kind", "private"),
    "speaker_mentions": ("doc_id", "speaker_key", "person_id", "page", "char_start", "char_end", "text", "bbox"),
    "attendees": ("doc_id", "idx", "name", "person_id", "organisation", "role", "status", "page", "char_start",
                  "char_end"),
    "sections": ("doc_id", "idx", "heading", "page", "char_start", "char_end", "speakers"),
    "section_themes": ("doc_id", "section", "theme", "score"),
    "theme_evidence": ("doc_id", "section", "theme", "page", "char_start", "char_end", "text", "bbox"),
    "concerns": ("concern_id", "doc_id", "idx", "sentence", "quote", "kind", "categories", "raised_by", "person_id",
                 "score", "page", "char_start", "char_end", "bbox"),
    "concern_clusters": ("concern_id", "cluster_id", "computed_at"),
    "discovered_topics": ("topic", "year", "terms", "weight", "computed_at"),
    "commitments": ("doc_id", "idx", "sentence", "quote", "made_by", "person_id", "deadline", "page", "char_start",
                    "char_end", "bbox"),
    "mentions": ("doc_id", "idx", "label", "text", "page", "char_start", "char_end", "bbox"),
    "facts": ("doc_id", "idx", "quote", "value", "unit", "fact_year", "page", "char_start", "char_end", "bbox"),
    # archive-wide, rebuilt by warehouse.series_store (migration 0005)
    "series": ("slug", "name", "source", "n_meetings", "first_date", "last_date", "computed_at"),
    "series_meetings": ("slug", "doc_id", "position", "meeting_date", "announced_next"),
    "series_gaps": ("slug", "kind", "after_date", "before_date", "expected_date", "evidence"),
    "commitment_threads": ("thread_id", "slug", "what", "made_by", "ref", "deadline", "deadline_text", "status",
                           "forgotten", "first_date", "last_date", "n_mentions", "computed_at"),
    "commitment_mentions": ("thread_id", "position", "doc_id", "sentence", "page", "char_start", "char_end", "quote",
                            "event", "deadline", "deadline_text", "ref"),
    "concern_groups": ("group_id", "label", "recurring", "n_meetings", "years", "first_date", "last_date", "places",
                       "categories", "closed_by", "computed_at"),
    "concern_group_members": ("group_id", "concern_id", "position"),
}

FRAME_ROWS = 200  # from this many rows on, insert through a DataFrame
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(v):
    """No NUL bytes or lone surrogates reach DuckDB (they come from broken PDF text layers)."""
    if isinstance(v, str):
        return _SURROGATE.sub("\ufffd", v.replace("\x00", ""))
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    return v


def _names(columns) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def insert_rows(conn: duckdb.DuckDBPyConnection, table: str, rows: list[tuple],
                columns: tuple[str, ...] | None = None) -> None:
    """Insert rows into the named `columns` (default COLUMNS[table]): a few as one multi-row VALUES
    statement, many through a pandas DataFrame scan.

    Binding parameters costs DuckDB about 0.1 ms a row, 25 times the DataFrame scan, but the scan
    has a fixed cost of a few milliseconds (registering the frame, reading the column types), so it
    only pays for larger batches. Loading was a third of the ingest parent's time."""
    if not rows:
        return
    columns = tuple(columns or COLUMNS[table])
    if len(rows) < FRAME_ROWS:
        one = "(" + ", ".join("?" * len(columns)) + ")"
        conn.execute(f"INSERT INTO {table} ({_names(columns)}) VALUES " + ", ".join([one] * len(rows)),
                     [clean(v) for r in rows for v in r])
        return
    # object columns: pandas never turns integers with gaps into floats; DuckDB reads dicts as
    # STRUCTs and lists as LISTs, and the casts give the table's own types
    known = _column_types(conn, table)
    types = [known[c] for c in columns]
    frame = pandas.DataFrame([[clean(v) for v in r] for r in rows], columns=[f"c{i}" for i in range(len(types))],
                             dtype=object)
    name = f"_rows_{table}"
    conn.register(name, frame)
    try:
        cols = ", ".join(f"CAST(c{i} AS {t})" for i, t in enumerate(types))
        conn.execute(f"INSERT INTO {table} ({_names(columns)}) SELECT {cols} FROM {name}")
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


def _column_types(conn: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    return {c: t for c, t in conn.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? AND schema_name = current_schema() "
        "AND database_name = current_database() ORDER BY column_index", [table]).fetchall()}


def bbox(b: BBox | None):
    return asdict(b) if b is not None else None
