"""The council's questions as functions over the stable views; each returns (columns, rows).

The trends, speakers and search questions are named SQL files in warehouse/queries/ask/ (one
definition, readable without Python); this module binds their parameters.
"""
from __future__ import annotations

import functools
import importlib.resources

import duckdb

Rows = tuple[list[str], list[tuple]]


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list) -> Rows:
    cur = conn.execute(sql, params)
    return [d[0] for d in cur.description], cur.fetchall()


@functools.cache
def question_sql(name: str) -> str:
    """The SQL of one named question (warehouse/queries/ask/NAME.sql)."""
    return importlib.resources.files("warehouse").joinpath("queries", "ask", f"{name}.sql").read_text(encoding="utf-8")


def theme_trends(conn, theme: str | None = None, organisation: str | None = None, kind: str | None = None) -> Rows:
    """Themes per year (meetings, sentences, share of that year's sentences) with a trend mark.

    The trend compares a theme's share in the last two years it could appear in: rising, falling or steady.
    With `organisation` or `kind` (speaker kind) the counts are taken over those sentences only.
    """
    sql = question_sql("trends")
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
    sql = question_sql("speakers")
    return _rows(conn, sql, {"name": name})


def search(conn, words: str, year: int | None = None, theme: str | None = None, limit: int = 20) -> Rows:
    """Dutch-stemmed BM25 search over sentences with report, date, page and speaker."""
    from warehouse.fts import has_fts

    if not has_fts(conn):
        return ["score", "meeting_date", "file_name", "page", "speaker", "text"], []
    sql = question_sql("search")
    return _rows(conn, sql, {"q": words, "year": year, "theme": theme, "limit": limit})
