"""`verslagen search`: find what a PDF viewer finds, ranked, whole sentences with where they are.

Two full-text indexes are asked: the Dutch-stemmed one over the sentence text ('woningen' ~ 'woning')
and the one over the search terms (warehouse.dutch_terms: lemmas, singulars, compound parts, so
'trappenhuis' finds 'trappenhuizen' and 'huis' finds it too). Sentences that match more of the query's
words come first, then body text before headings and titles (a short heading repeating the words must
not outrank the sentence that says something about them), then the summed BM25 score. Ties: date,
file, position. Each hit carries report, page, a file:// link that opens the PDF at the page, and the
character offsets of the matched words (`matches`), for highlighting.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.dutch_terms import TOKEN, base_form, compound_parts, forms, known_words, plain, query_terms
from warehouse.fts import has_fts, has_terms_index

COLUMNS = ["score", "meeting_date", "file_name", "page", "speaker", "text", "link"]
CANDIDATES = 10  # per hit asked for, candidates taken from the indexes before ranking


def pdf_uri(path: str | None, page: int | None) -> str | None:
    if not path:
        return None
    return Path(os.path.abspath(path)).as_uri() + (f"#page={page}" if page else "")


def _stems(conn: duckdb.DuckDBPyConnection, words: list[str], stemmer: str = "dutch") -> list[str]:
    if not words:
        return []
    return conn.execute("SELECT list_transform(?::VARCHAR[], w -> stem(w, ?))", [words, stemmer]).fetchone()[0]


def _word_keys(conn, words: list[str]) -> list[set[str]]:
    """Per query word: the forms and stems a sentence word may have to count as that word."""
    out = []
    for w in words:
        fs = forms(w)
        out.append(fs | set(_stems(conn, sorted(fs))))
    return out


def match_spans(conn: duckdb.DuckDBPyConnection, words: str, text: str) -> list[tuple[int, int, int]]:
    """(start, end, query word index) of every word of `text` that matches a query word."""
    query = TOKEN.findall(words)
    keys = _word_keys(conn, query)
    tokens = list(TOKEN.finditer(text or ""))
    if not tokens or not query:
        return []
    stems = _stems(conn, [plain(t.group()) for t in tokens])
    vocabulary = known_words()
    spans = []
    for tok, stem in zip(tokens, stems):
        own = forms(tok.group()) | {stem}
        parts = compound_parts(base_form(tok.group()), vocabulary | {plain(q) for q in query})
        for i, k in enumerate(keys):
            if own & k or parts & k:
                spans.append((tok.start(), tok.end(), i))
                break
    return spans


def search(conn: duckdb.DuckDBPyConnection, words: str, year: int | None = None, theme: str | None = None,
           limit: int = 20) -> tuple[list[str], list[tuple]]:
    """(columns, rows) of the sentences best matching `words`, best first."""
    if not has_fts(conn):
        return list(COLUMNS), []
    with_terms = has_terms_index(conn)
    terms = " ".join(query_terms(words))
    scored = ("SELECT sentence_id, fts_main_sentences.match_bm25(sentence_id, $q) AS score FROM sentences")
    if with_terms:
        scored += (" UNION ALL SELECT sentence_id, fts_search_sentence_terms.match_bm25(sentence_id, $t) "
                   "FROM search.sentence_terms")
    sql = f"""
    WITH hits AS (SELECT sentence_id, sum(score) AS score FROM ({scored}) WHERE score IS NOT NULL GROUP BY 1)
    SELECT h.score, coalesce(b.kind IN ('heading', 'title'), false) AS heading,
           v.meeting_date, v.file_name, v.page, v.speaker, v.text, d.path, v.sentence_id, v.idx
    FROM hits h JOIN v_sentences v USING (sentence_id)
    JOIN documents d ON d.doc_id = v.doc_id
    LEFT JOIN blocks b ON b.doc_id = v.doc_id AND b.idx = v.block
    WHERE ($year IS NULL OR v.year = $year) AND ($theme IS NULL OR list_contains(v.themes, $theme))
    ORDER BY h.score DESC, v.meeting_date NULLS LAST, v.file_name, v.idx, v.sentence_id
    LIMIT $n"""
    params = {"q": words, "year": year, "theme": theme, "n": max(limit, 1) * CANDIDATES}
    if with_terms:
        params["t"] = terms
    rows = conn.execute(sql, params).fetchall()
    keys = _word_keys(conn, TOKEN.findall(words))
    ranked = []
    for score, heading, date, file_name, page, speaker, text, path, sid, idx in rows:
        covered = _covered(conn, keys, text)
        ranked.append(((-covered, heading, -score, date or _FAR, file_name or "", idx, sid),
                       (round(score, 3), date, file_name, page, speaker, text, pdf_uri(path, page))))
    ranked.sort(key=lambda r: r[0])
    return list(COLUMNS), [row for _, row in ranked[:limit]]


class _Far:  # sorts after every date (sentences of undated reports last among equals)
    def __lt__(self, other):
        return False

    def __gt__(self, other):
        return True


_FAR = _Far()


def _covered(conn, keys: list[set[str]], text: str) -> int:
    """How many of the query words the sentence contains (in any form)."""
    tokens = [plain(t) for t in TOKEN.findall(text or "")]
    own: set[str] = set()
    for t in tokens:
        own |= forms(t)
    own |= set(_stems(conn, tokens))
    vocabulary = known_words()
    for t in tokens:
        if len(t) >= 8:
            own |= compound_parts(base_form(t), vocabulary)
    return sum(1 for k in keys if own & k)


def with_matches(conn: duckdb.DuckDBPyConnection, words: str, columns: list[str], rows: list[tuple]):
    """Add `matches`: [[start, end], ...] character offsets of the matched words in each row's text."""
    i = columns.index("text")
    return columns + ["matches"], [tuple(r) + ([[s, e] for s, e, _ in match_spans(conn, words, r[i])],) for r in rows]
