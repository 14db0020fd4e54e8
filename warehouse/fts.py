"""Full-text search over sentences: DuckDB's FTS extension with the Dutch Snowball stemmer and a
Dutch stopword table, so 'woningen' finds 'woning'. The index is a snapshot: rebuilt after a load
(finish_run, publish). Query it as `fts_main_sentences.match_bm25(sentence_id, 'woorden')`.
"""
from __future__ import annotations

import duckdb

from warehouse.settings import WarehouseSettings


def rebuild_fts(conn: duckdb.DuckDBPyConnection, settings: WarehouseSettings | None = None) -> None:
    stemmer = (settings or WarehouseSettings()).fts_stemmer
    conn.execute(f"PRAGMA create_fts_index('sentences', 'sentence_id', 'text', stemmer = '{stemmer}', "
                 "stopwords = 'stopwords', strip_accents = 1, lower = 1, overwrite = 1)")


def has_fts(conn: duckdb.DuckDBPyConnection) -> bool:
    return bool(conn.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'fts_main_sentences'").fetchone()[0])


def search_sentences(conn: duckdb.DuckDBPyConnection, words: str, limit: int = 20) -> list[tuple]:
    """(score, sentence_id, meeting_date, page, text) of active sentences best matching `words`."""
    if not has_fts(conn):
        return []
    return conn.execute(
        "SELECT score, sentence_id, meeting_date, page, text FROM ("
        " SELECT fts_main_sentences.match_bm25(v.sentence_id, ?) AS score, v.* FROM v_sentences v)"
        " WHERE score IS NOT NULL ORDER BY score DESC, sentence_id LIMIT ?", [words, limit]).fetchall()
