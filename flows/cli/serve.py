"""`verslagen serve --folder DIR`: register deployment `nightly-ingest` (02:00 Europe/Amsterdam) and serve it.

Prints when the next run is due; without PREFECT_API_URL also one line saying that the schedule lives on
a temporary server that stops with the command, and how to run a lasting one."""
from __future__ import annotations

import os
import sys


def add_parsers(sub) -> None:
    from flows.cli import add_warehouse_arg

    p = sub.add_parser("serve", help="Serve the nightly ingestion (deployment nightly-ingest, 02:00 Europe/Amsterdam)",
                       description="Register the Prefect deployment 'nightly-ingest' (cron '0 2 * * *', timezone "
                                   "Europe/Amsterdam) with the server at PREFECT_API_URL and run its scheduled and "
                                   "manually triggered runs until interrupted (Ctrl-C or SIGTERM). Without "
                                   "PREFECT_API_URL a temporary Prefect server starts and stops with this command "
                                   "(no UI; schedule and history are gone with it). Prints when the next run is due.")
    p.add_argument("--folder", required=True, metavar="DIR", help="folder with the report PDFs")
    add_warehouse_arg(p)
    p.add_argument("--config", metavar="FILE.toml", help="settings file (see `verslagen ingest --help`)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="any setting, e.g. workers=1")
    p.set_defaults(run=run)


def run(args) -> int:
    from flows.pipeline.settings import SettingsError, build_settings

    try:
        values = dict(kv.split("=", 1) if "=" in kv else (kv, None) for kv in args.set)
        values.update({"warehouse.path": os.path.abspath(args.warehouse), "folder": os.path.abspath(args.folder)})
        settings = build_settings(values, toml_path=args.config)
    except SettingsError as e:
        print(f"verslagen serve: {e}", file=sys.stderr)
        return 2
    from flows.orchestration.serve import next_run, serve

    def announce(temporary_url: str | None) -> None:
        if temporary_url:
            print(f"verslagen serve: {TEMPORARY_SERVER.format(url=temporary_url)}", file=sys.stderr, flush=True)
        print(f"verslagen serve: {due_line(next_run())}", flush=True)

    serve(os.path.abspath(args.folder), settings, on_start=announce)
    return 0


TEMPORARY_SERVER = ("no PREFECT_API_URL: serving on a temporary Prefect server ({url}) that stops with this command, "
                    "and with it the schedule and the run history (no UI); for a lasting one run `prefect server start "
                    "--host 127.0.0.1` and `export PREFECT_API_URL=http://127.0.0.1:4200/api` (README: The nightly service)")


def due_line(when, now=None) -> str:
    """'next run due 2026-12-05 02:00 CET (Europe/Amsterdam), in 7 h 21 min' for an aware datetime."""
    from datetime import datetime

    now = now or datetime.now(when.tzinfo)
    minutes = max(0, int((when - now).total_seconds() // 60))
    left = f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"
    return f"next run due {when:%Y-%m-%d %H:%M} {when.tzname()} (Europe/Amsterdam), in {left}"
