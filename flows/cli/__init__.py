"""The `verslagen` command line: a thin shell over the library.

Each command lives in its own module `flows/cli/<name>.py` with
`add_parser(subparsers) -> argparse.ArgumentParser` and `run(args) -> int`.
Modules are imported lazily so that `verslagen annotate` starts fast (no Prefect import).
Exit codes: 0 success, 1 something needs attention, 2 usage error.
"""
from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
import time



def _process_start() -> float:
    """time.monotonic() at this process's start (Linux: from /proc; elsewhere: now), so the command's
    time includes the interpreter's start and the imports."""
    try:
        with open("/proc/self/stat") as fh:
            ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as fh:
            uptime = float(fh.read().split()[0])
        return time.monotonic() - max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return time.monotonic()


STARTED = _process_start()  # the command's start: the summary's timings count from here

# offline machines: Prefect's telemetry would only log connection errors (set before Prefect is imported)
OFFLINE_DEFAULTS = {"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}

# command name -> module under flows/ (kept in the order `--help` shows them)
COMMANDS = {
    "ingest": "cli.ingest",
    "annotate": "cli.annotate",
    "evaluate": "cli.evaluate",
    "documents": "cli.documents",
    "quarantine": "cli.documents",
    "trends": "cli.ask",
    "concerns": "cli.series",
    "series": "cli.series",
    "commitments": "cli.series",
    "speakers": "cli.ask",
    "search": "cli.ask",
    "query": "cli.query",
    "schema": "cli.query",
    "themes": "cli.themes",
    "report": "cli.report",
    "export": "cli.query",
    "serve": "cli.serve",
    "debug-page": "cli.debug",
}


def _module(name: str):
    return importlib.import_module(f"flows.{COMMANDS[name]}")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verslagen",
        description="Mine tenant-council meeting reports (PDF) into a DuckDB warehouse and ask it questions.",
        epilog="`verslagen COMMAND --help` shows a command's options and examples; `verslagen themes` lists the "
               "theme keys and meeting types.")
    parser.add_argument("--version", action="version", version=f"verslagen {_version()}")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an error")
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
    from flows.cli.help_examples import add_examples

    add_examples(sub)
    return parser


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("verslagen")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def add_warehouse_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--warehouse", default="warehouse.duckdb", metavar="PATH",
                   help="DuckDB warehouse file (default: ./warehouse.duckdb)")


def add_pseudonymise_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pseudonymise", action=argparse.BooleanOptionalAction, default=None,
                   help="see private persons (tenants) only by pseudonym ('Bewoner k3xq7abm'), in a pseudonymised "
                        "copy of the warehouse; --no-pseudonymise shows real names (default: setting "
                        "warehouse.pseudonymise, off)")


def add_format_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="output format for rows (default: table)")
    p.add_argument("--wide", action="store_true", help="table: do not cut or wrap cells to the terminal width")


class CommandExit(Exception):
    """Ends a command with this exit code (its one-line reason is already printed)."""

    def __init__(self, code: int):
        super().__init__(code)
        self.code = code


@contextlib.contextmanager
def open_warehouse_or_exit(args):
    """The published warehouse (`--warehouse`), read-only, closed afterwards: its pseudonymised copy unless
    the command says `--no-pseudonymise` (setting warehouse.pseudonymise). When there is none, the one-line
    reason on stderr and exit 1; a bad setting: exit 2."""
    from flows.pipeline.settings import SettingsError, reader_settings
    from warehouse.db import WarehouseMissing
    from warehouse.publish import open_reader

    try:
        settings = reader_settings(args)
        conn = open_reader(args.warehouse, settings.pseudonymise, settings)
    except SettingsError as e:
        print(f"verslagen {args.command}: {e}", file=sys.stderr)
        raise CommandExit(2) from None
    except WarehouseMissing as e:
        print(f"verslagen {args.command}: {e}", file=sys.stderr)
        raise CommandExit(1) from None
    try:
        yield conn
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    for key, value in OFFLINE_DEFAULTS.items():
        os.environ.setdefault(key, value)
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv  # accepted before or after the command
    argv = [a for a in argv if a != "--debug"]
    first = next((a for a in argv if not a.startswith("-")), None)
    parser = build_parser(first if first in COMMANDS else None)
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse: 0 for --help, 2 for usage errors
        return int(e.code or 0)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    args.debug = debug
    if getattr(args, "wide", False):
        from flows.cli.output import configure

        configure(wide=True)
    try:
        return int(args.run(args) or 0)
    except CommandExit as e:
        return e.code
    except KeyboardInterrupt:  # Ctrl-C in any command: one line, no traceback (ingest reports its own)
        print(f"verslagen {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `verslagen annotate x.pdf | head`: the reader left, nothing is wrong
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as e:  # one line that names the file and what to do; --debug: the traceback
        if debug:
            raise
        from flows.pipeline.errors import describe

        message, code = describe(e)
        print(f"verslagen {args.command}: {message}", file=sys.stderr)
        return code

