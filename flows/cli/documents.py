"""`verslagen documents` (loaded reports) and `verslagen quarantine` (files that could not be loaded)."""
from __future__ import annotations

import sys


def add_parsers(sub) -> None:
    from flows.cli import add_format_arg, add_warehouse_arg

    p = sub.add_parser("documents", help="List the loaded reports: date, type, title, pages, sentences, concerns, flags",
                       description="List the reports in the warehouse (current versions; --history adds replaced "
                                   "and missing versions).")
    p.add_argument("--history", action="store_true", help="also list replaced and missing versions with their status")
    add_warehouse_arg(p)
    add_format_arg(p)
    p.set_defaults(run=run_documents)

    q = sub.add_parser("quarantine", help="List quarantined files with the reason (exit 1 if there are any)",
                       description="List the files the last ingestion runs could not load, with the reason "
                                   "(empty, not_a_pdf, corrupt, encrypted, too_large, timeout, ...). Exit 1 if any.")
    add_warehouse_arg(q)
    add_format_arg(q)
    q.set_defaults(run=run_quarantine)


_HISTORY = """
SELECT meeting_date AS date, meeting_type AS type, title, status, left(replaced_by, 12) AS replaced_by,
       ingested_at, file_name, left(doc_id, 12) AS doc
FROM documents ORDER BY path, ingested_at
"""


def _saved(args, name: str, sql: str | None = None):
    from flows.cli.output import print_rows
    from warehouse.db import WarehouseMissing
    from warehouse.publish import open_reader
    from warehouse.query import run_query, saved_queries

    try:
        conn = open_reader(args.warehouse)
    except WarehouseMissing as e:
        print(f"verslagen {args.command}: {e}", file=sys.stderr)
        return None
    try:
        result = run_query(conn, sql or saved_queries()[name].sql)
    finally:
        conn.close()
    print_rows(result.columns, result.rows, args.format)
    return result


def run_documents(args) -> int:
    result = _saved(args, "documents", _HISTORY if args.history else None)
    return 1 if result is None else 0


def run_quarantine(args) -> int:
    result = _saved(args, "quarantine")
    return 1 if result is None or result.rows else 0
