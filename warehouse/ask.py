"""The council's questions as functions over the stable views; each returns (columns, rows)."""
from __future__ import annotations

import duckdb

Rows = tuple[list[str], list[tuple]]


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list) -> Rows:
    cur = conn.execute(sql, params)
    return [d[0] for d in cur.description], cur.fetchall()


def theme_trends(conn, theme: str | None = None, organisation: str | None = None, kind: str | None = None) -> Rows:
    """Themes per year (meetings, sentences, share of that year's sentences) with a trend mark.

    The trend compares a theme's share in the last two years it could appear in: rising, falling or steady.
    With `organisation` or `kind` (speaker kind) the counts are taken over those sentences only.
    """
    # from the base tables: v_sentences gathers every sentence's themes, about four times slower here
    sql = """
    WITH s AS (
        SELECT d.year, t.doc_id, t.theme
        FROM (SELECT DISTINCT doc_id, sentence, theme FROM sentence_themes) t
        JOIN documents d ON d.doc_id = t.doc_id AND d.status = 'active'
        WHERE d.year IS NOT NULL AND ($org IS NULL OR d.organisation ILIKE '%' || $org || '%')
          AND ($theme IS NULL OR t.theme = $theme)
          AND ($kind IS NULL OR EXISTS (SELECT 1 FROM v_sentences v
                                        WHERE v.doc_id = t.doc_id AND v.idx = t.sentence AND v.speaker_kind = $kind))),
    y AS (SELECT d.year, count(*) AS n FROM sentences x JOIN documents d ON d.doc_id = x.doc_id AND d.status = 'active'
          WHERE d.year IS NOT NULL GROUP BY d.year),
    t AS (SELECT s.year, s.theme, count(DISTINCT s.doc_id) AS meetings, count(*) AS sentences,
                 round(count(*) / any_value(y.n), 4) AS share
          FROM s JOIN y USING (year) GROUP BY s.year, s.theme)
    SELECT year, theme, meetings, sentences, share,
           CASE WHEN lag(share) OVER w IS NULL THEN ''
                WHEN share > 1.25 * lag(share) OVER w THEN 'rising'
                WHEN share < 0.8 * lag(share) OVER w THEN 'falling' ELSE 'steady' END AS trend
    FROM t WINDOW w AS (PARTITION BY theme ORDER BY year) ORDER BY year, sentences DESC, theme"""
    return _rows(conn, sql, {"theme": theme, "org": organisation, "kind": kind})


def recurring_concerns(conn, since: int | None = None, category: str | None = None, min_meetings: int = 1) -> Rows:
    """Concern clusters: categories, meetings and years, first and last seen, who raised them, example quotes."""
    sql = """
    WITH c AS (SELECT * FROM v_concerns WHERE ($since IS NULL OR year >= $since)
                 AND ($cat IS NULL OR list_contains(categories, $cat)))
    SELECT coalesce(cluster_id, concern_id::VARCHAR) AS cluster,
           list_sort(list_distinct(flatten(list(categories)))) AS categories,
           count(DISTINCT doc_id) AS meetings, count(DISTINCT year) AS years,
           min(meeting_date) AS first_seen, max(meeting_date) AS last_seen,
           list_sort(list_distinct(list(coalesce(person, raised_by)))) AS raised_by,
           list({'quote': quote, 'file': file_name, 'page': page} ORDER BY meeting_date DESC, concern_id)[1:3] AS examples
    FROM c GROUP BY 1 HAVING count(DISTINCT doc_id) >= $min
    ORDER BY meetings DESC, years DESC, last_seen DESC, cluster"""
    return _rows(conn, sql, {"since": since, "cat": category, "min": min_meetings})


def speakers(conn, name: str | None = None) -> Rows:
    """People with kinds, roles and organisations over time, meetings attended and concerns raised."""
    sql = """SELECT name, kind, list_sort(roles) AS roles, list_sort(organisations) AS organisations, meetings, first_meeting, last_meeting, sentences, concerns
             FROM v_speaker_activity WHERE $name IS NULL OR name ILIKE '%' || $name || '%'
             ORDER BY meetings DESC, sentences DESC, name, person_id"""
    return _rows(conn, sql, {"name": name})


def search(conn, words: str, year: int | None = None, theme: str | None = None, limit: int = 20) -> Rows:
    """Dutch-stemmed BM25 search over sentences with report, date, page and speaker."""
    from warehouse.fts import has_fts

    if not has_fts(conn):
        return ["score", "meeting_date", "file_name", "page", "speaker", "text"], []
    # score the base table first: the view's joins then run for the hits only
    sql = """WITH hits AS (SELECT sentence_id, fts_main_sentences.match_bm25(sentence_id, $q) AS score FROM sentences)
             SELECT round(h.score, 3) AS score, v.meeting_date, v.file_name, v.page, v.speaker, v.text
             FROM hits h JOIN v_sentences v USING (sentence_id)
             WHERE h.score IS NOT NULL AND ($year IS NULL OR v.year = $year)
               AND ($theme IS NULL OR list_contains(v.themes, $theme))
             ORDER BY h.score DESC, sentence_id LIMIT $limit"""
    return _rows(conn, sql, {"q": words, "year": year, "theme": theme, "limit": limit})
