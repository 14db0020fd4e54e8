"""`verslagen serve --folder DIR`: register deployment `nightly-ingest` (02:00 Europe/Amsterdam) and serve it."""
from __future__ import annotations

import os
import sys


def add_parsers(sub) -> None:
    from flows.cli import add_warehouse_arg

    p = sub.add_parser("serve", help="Serve the nightly ingestion (deployment nightly-ingest, 02:00 Europe/Amsterdam)",
                       description="Register the Prefect deployment 'nightly-ingest' (cron '0 2 * * *', timezone "
                                   "Europe/Amsterdam) with the server at PREFECT_API_URL and run its scheduled and "
                                   "manually triggered runs until interrupted (Ctrl-C).")
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
    from flows.orchestration.serve import serve

    serve(os.path.abspath(args.folder), settings)
    return 0
