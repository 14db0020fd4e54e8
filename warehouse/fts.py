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
    rebuild_terms(conn, settings)


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


# Search terms beside the stems: lemmas, singulars and compound parts of every sentence (warehouse.dutch_terms),
# in their own schema (not a table users query or export) with their own full-text index. Derived data like
# the index itself: rebuilt with it, incrementally (a sentence's id is its document's content hash and position).
TERMS_TABLE = "search.sentence_terms"
TERMS_SCHEMA = "fts_search_sentence_terms"


def has_terms_index(conn: duckdb.DuckDBPyConnection) -> bool:
    return bool(conn.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?", [TERMS_SCHEMA]).fetchone()[0])


def rebuild_terms(conn: duckdb.DuckDBPyConnection, settings: WarehouseSettings | None = None) -> int:
    """Add the search terms of new sentences, drop those of removed ones, reindex; returns sentences added."""
    from warehouse.dutch_terms import TOKEN, known_words, plain, text_terms

    stemmer = (settings or WarehouseSettings()).fts_stemmer
    conn.execute("CREATE SCHEMA IF NOT EXISTS search")
    conn.execute(f"CREATE TABLE IF NOT EXISTS {TERMS_TABLE} (sentence_id VARCHAR PRIMARY KEY, terms VARCHAR)")
    conn.execute(f"DELETE FROM {TERMS_TABLE} WHERE sentence_id NOT IN (SELECT sentence_id FROM sentences)")
    todo = conn.execute(f"SELECT sentence_id, text FROM sentences WHERE sentence_id NOT IN "
                        f"(SELECT sentence_id FROM {TERMS_TABLE}) ORDER BY sentence_id").fetchall()
    if todo:
        archive = {plain(w) for (text,) in conn.execute("SELECT text FROM sentences").fetchall()
                   for w in TOKEN.findall(text or "") if len(w) >= 3}
        vocabulary = known_words() | archive
        import pandas as pd

        frame = pd.DataFrame({"sentence_id": [s for s, _ in todo],
                              "terms": [text_terms(t or "", vocabulary) for _, t in todo]})
        conn.register("new_terms", frame)
        try:
            conn.execute(f"INSERT INTO {TERMS_TABLE} SELECT sentence_id, terms FROM new_terms")
        finally:
            conn.unregister("new_terms")
    conn.execute(f"PRAGMA create_fts_index('{TERMS_TABLE}', 'sentence_id', 'terms', stemmer = '{stemmer}', "
                 "stopwords = 'stopwords', strip_accents = 1, lower = 1, overwrite = 1)")
    return len(todo)
