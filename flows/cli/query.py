"""`verslagen query` (read-only SQL, saved queries), `verslagen schema`, `verslagen export --parquet DIR`."""
from __future__ import annotations

import re
import sys


def add_parsers(sub) -> None:
    from flows.cli import add_format_arg, add_pseudonymise_arg, add_warehouse_arg

    p = sub.add_parser("query", help="Run a read-only SQL query or a saved query on the warehouse",
                       description="Run one read-only SQL statement (SELECT) on the published warehouse, with named "
                                   "parameters ($name, given as --param name=value), or a saved query by name.")
    p.add_argument("sql", nargs="?", metavar="SQL|NAME", help="a SELECT statement, or the name of a saved query")
    p.add_argument("--saved", metavar="NAME", help="run the saved query NAME (warehouse/queries/NAME.sql)")
    p.add_argument("--list", action="store_true", help="list the saved queries and their parameters")
    p.add_argument("--queries-dir", metavar="DIR", help="folder of your own saved queries NAME.sql "
                   "(default: the warehouse.queries_dir setting, ~/.config/verslagen/queries)")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a named parameter ($NAME)")
    add_pseudonymise_arg(p)
    p.add_argument("--limit", type=int, metavar="N",
                   help="print at most N rows (default: setting warehouse.query_row_limit, 10000; 0 = no limit)")
    p.add_argument("--output", metavar="FILE", help="write to FILE instead of standard output (required for parquet)")
    # our own --format: add_format_arg's choices plus parquet, which only this command writes
    p.add_argument("--format", choices=("table", "csv", "json", "parquet"), default="table",
                   help="output format (default: table; parquet needs --output)")
    p.add_argument("--wide", action="store_true", help="table: do not cut or wrap cells to the terminal width")
    add_warehouse_arg(p)
    p.set_defaults(run=run_query_cmd)

    s = sub.add_parser("schema", help="Describe the warehouse's views and tables, column by column",
                       description="Print every view and table with each column's type and description.")
    s.add_argument("relation", nargs="?", metavar="NAME", help="only this table or view")
    s.add_argument("--markdown", action="store_true", help="print Markdown (as in docs/warehouse.md)")
    add_warehouse_arg(s)
    add_format_arg(s)
    s.set_defaults(run=run_schema)

    e = sub.add_parser("export", help="Export every table and view as Parquet, partitioned by year",
                       description="Write every table and view to DIR/<name>/year=YYYY/*.parquet (from the "
                                   "pseudonymised copy unless --no-pseudonymise or warehouse.pseudonymise=false).")
    e.add_argument("--parquet", required=True, metavar="DIR", help="output folder")
    add_pseudonymise_arg(e)
    add_warehouse_arg(e)
    e.set_defaults(run=run_export)


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise ValueError(f"--param {pair!r}: expected NAME=VALUE")
        out[name] = value
    return out


def _fail(cmd: str, message: str, code: int) -> int:
    print(f"verslagen {cmd}: {message}", file=sys.stderr)
    return code


def _queries_dir(args) -> str:
    if args.queries_dir:
        return args.queries_dir
    from flows.pipeline.settings import build_settings

    return build_settings().warehouse.queries_dir


def run_query_cmd(args) -> int:
    from flows.cli.output import print_rows
    from flows.pipeline.settings import SettingsError, reader_settings
    from warehouse.db import WarehouseMissing
    from warehouse.query import QueryRefused, QueryStopped, open_query_connection
    from warehouse.saved_queries import all_saved_queries

    found = all_saved_queries(_queries_dir(args))
    saved = {name: q for name, (q, _) in found.items()}
    if args.list:
        print_rows(("name", "parameters", "description", "from"),
                   [(q.name, " ".join(q.parameters), q.description, where) for q, where in found.values()],
                   args.format if args.format != "parquet" else "table")
        return 0
    name = args.saved or (args.sql if args.sql in saved else None)
    if (name and name not in saved) or (args.sql and not name and re.fullmatch(r"[\w-]+", args.sql)):
        from flows.pipeline.errors import unknown_value  # a bare word is a (mistyped) saved query name, not SQL

        return _fail("query", f"{unknown_value('saved query', name or args.sql, saved)} (`--list` describes them)", 2)
    sql = saved[name].sql if name else args.sql
    if not sql:
        return _fail("query", "give a SELECT statement or a saved query name (`--list` shows them)", 2)
    if args.format == "parquet" and not args.output:
        return _fail("query", "--format parquet needs --output FILE", 2)
    if args.limit is not None and args.limit < 0:
        return _fail("query", "--limit N: N must be 0 (no limit) or more", 2)
    try:
        params = _params(args.param)
        settings = reader_settings(args)
        conn = open_query_connection(args.warehouse, settings)
    except (ValueError, SettingsError) as e:
        return _fail("query", str(e), 2)
    except WarehouseMissing as e:
        return _fail("query", str(e), 1)
    limit = settings.query_row_limit if args.limit is None else args.limit
    try:
        return _stream_out(conn, sql, params, limit, settings.query_timeout_s, args)
    except QueryRefused as e:
        return _fail("query", str(e), 2)
    except QueryStopped as e:
        return _fail("query", str(e), 1)
    except Exception as e:  # noqa: BLE001 - duckdb.Error: a wrong column name etc. is the user's SQL
        import duckdb

        if not isinstance(e, duckdb.Error):
            raise
        return _fail("query", f"{type(e).__name__}: {' '.join(str(e).split())}", 2)
    finally:
        conn.close()


def _stream_out(conn, sql, params, limit: int, timeout_s: float, args) -> int:
    """Rows to the output as they come (CSV, JSON); a table or Parquet file needs them all (at most the cap)."""
    from flows.cli.output import print_rows
    from warehouse.query import Result, stream_query, write_parquet

    stream = stream_query(conn, sql, params, limit=limit, timeout_s=timeout_s)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output and args.format != "parquet" else sys.stdout
    try:
        if args.format in ("csv", "json"):
            _write_batches(stream, args.format, out)
        else:
            rows = [r for batch in stream.batches for r in batch]
            if args.format == "parquet":
                write_parquet(conn, Result(stream.columns, rows), args.output)
                print(f"{len(rows)} rows written to {args.output}")
            else:
                print_rows(stream.columns, rows, "table", out=out)
    finally:
        stream.close()
        if out is not sys.stdout:
            out.close()
    if stream.truncated:
        print(f"verslagen query: output cut at {stream.limit} rows (--limit N shows more, --limit 0 all)",
              file=sys.stderr)
    return 0


def _write_batches(stream, fmt: str, out) -> None:
    import csv
    import json

    from flows.cli.output import cell_text, json_value

    if fmt == "csv":
        w = csv.writer(out)
        w.writerow(stream.columns)
        for batch in stream.batches:
            w.writerows([[cell_text(v) for v in r] for r in batch])
        return
    out.write("[")
    first = True
    for batch in stream.batches:
        for r in batch:
            out.write(("\n" if first else ",\n") + json.dumps({c: json_value(v) for c, v in zip(stream.columns, r)},
                                                           ensure_ascii=False, default=str))
            first = False
    out.write("\n]\n")


def run_schema(args) -> int:
    from flows.cli.output import print_rows
    from flows.cli import open_warehouse_or_exit
    from warehouse.schema_docs import schema_markdown, schema_rows

    with open_warehouse_or_exit(args) as conn:
        if args.markdown:
            sys.stdout.write(schema_markdown(conn))
            return 0
        rows = schema_rows(conn, args.relation)
    if not rows:
        return _fail("schema", f"no table or view named {args.relation!r}", 2)
    print_rows(("relation", "kind", "column", "type", "description"), rows, args.format)
    return 0


def run_export(args) -> int:
    from flows.cli import open_warehouse_or_exit
    from flows.cli.output import print_rows
    from warehouse.export import export_parquet

    with open_warehouse_or_exit(args) as conn:  # the pseudonymised copy unless --no-pseudonymise
        done = export_parquet(conn, args.parquet, pseudonymise=False)  # the copy holds no real names
    print_rows(("relation", "rows", "partitioned_by_year"), [(d.name, d.rows, d.partitioned) for d in done], "table")
    return 0
