"""`verslagen documents` (loaded reports) and `verslagen quarantine` (files that could not be loaded)."""
from __future__ import annotations


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
FROM documents ORDER BY path, ingested_at, doc_id
"""


def _saved(args, name: str, sql: str | None = None):
    from flows.cli import open_warehouse_or_exit
    from flows.cli.output import print_rows
    from warehouse.query import run_query, saved_queries

    with open_warehouse_or_exit(args) as conn:
        result = run_query(conn, sql or saved_queries()[name].sql)
    print_rows(result.columns, result.rows, args.format)
    return result


def run_documents(args) -> int:
    _saved(args, "documents", _HISTORY if args.history else None)
    return 0


def run_quarantine(args) -> int:
    result = _saved(args, "quarantine")
    return 1 if result.rows else 0
