"""The `verslagen` command line: a thin shell over the library.

Each command lives in its own module `flows/cmd_<name>.py` with
`add_parser(subparsers) -> argparse.ArgumentParser` and `run(args) -> int`.
Modules are imported lazily so that `verslagen annotate` starts fast (no Prefect import).
Exit codes: 0 success, 1 something needs attention, 2 usage error.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

# offline machines: Prefect's telemetry would only log connection errors (set before Prefect is imported)
OFFLINE_DEFAULTS = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}

# command name -> module in flows/ (kept in the order `--help` shows them)
COMMANDS = {
    "ingest": "cmd_ingest",
    "annotate": "cmd_annotate",
    "evaluate": "cmd_evaluate",
    "documents": "cmd_documents",
    "quarantine": "cmd_documents",
    "trends": "cmd_ask",
    "concerns": "cmd_series",
    "series": "cmd_series",
    "commitments": "cmd_series",
    "speakers": "cmd_ask",
    "search": "cmd_ask",
    "query": "cmd_query",
    "schema": "cmd_query",
    "report": "cmd_report",
    "export": "cmd_query",
    "serve": "cmd_serve",
    "debug-page": "cmd_debug",
}


def _module(name: str):
    return importlib.import_module(f"flows.{COMMANDS[name]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verslagen",
        description="Mine tenant-council meeting reports (PDF) into a DuckDB warehouse and ask it questions.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    seen = set()
    for name, mod in COMMANDS.items():
        if only and name != only:
            continue
        if mod in seen and not only:
            continue
        seen.add(mod)
        try:
            m = importlib.import_module(f"flows.{mod}")
        except ModuleNotFoundError:
            continue
        m.add_parsers(sub)
    return parser


def add_warehouse_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--warehouse", default="warehouse.duckdb", metavar="PATH",
                   help="DuckDB warehouse file (default: ./warehouse.duckdb)")


def add_format_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format for rows (default: table)")


def main(argv: list[str] | None = None) -> int:
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
    argv = sys.argv[1:] if argv is None else argv
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse: 0 for --help, 2 for usage errors
        return int(e.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except BrokenPipeError:  # `verslagen annotate x.pdf | head`: the reader left, nothing is wrong
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
