"""The warehouse explained from its own comments (COMMENT ON ...): what `verslagen schema` prints."""
from __future__ import annotations

import duckdb


def schema_rows(conn: duckdb.DuckDBPyConnection, relation: str | None = None) -> list[tuple]:
    """(relation, kind, column, type, description) for every user table and view column, views first."""
    return conn.execute(
        "SELECT c.table_name AS relation, CASE WHEN v.view_name IS NULL THEN 'table' ELSE 'view' END AS kind, "
        "       c.column_name AS column, c.data_type AS type, coalesce(c.comment, '') AS description "
        "FROM duckdb_columns() c "
        "LEFT JOIN duckdb_views() v ON v.view_name = c.table_name AND v.schema_name = c.schema_name "
        "WHERE c.schema_name = 'main' AND c.database_name = current_database() AND NOT c.internal "
        "  AND (?::VARCHAR IS NULL OR c.table_name = ?) "
        "ORDER BY kind = 'table', relation, c.column_index", [relation, relation]).fetchall()


def relation_comments(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    rows = conn.execute(
        "SELECT table_name, coalesce(comment, '') FROM duckdb_tables() WHERE schema_name = 'main' "
        "AND database_name = current_database() UNION ALL "
        "SELECT view_name, coalesce(comment, '') FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal "
        "AND database_name = current_database()").fetchall()
    return dict(rows)


def schema_markdown(conn: duckdb.DuckDBPyConnection) -> str:
    """The schema as Markdown: one section per view/table with its columns (docs/warehouse.md)."""
    about = relation_comments(conn)
    out, current = [], None
    for rel, kind, col, typ, desc in schema_rows(conn):
        if rel != current:
            out += ["", f"### `{rel}` ({kind})", "", about.get(rel, ""), "", "| column | type | description |",
                    "|---|---|---|"]
            current = rel
        out.append(f"| `{col}` | {typ} | {desc.replace('|', '/')} |")
    return "\n".join(out).strip() + "\n"
