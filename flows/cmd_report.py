"""`verslagen report --out report.html`: one self-contained HTML report of the warehouse."""
from __future__ import annotations

import sys
from pathlib import Path

from flows.cli import add_pseudonymise_arg, add_warehouse_arg


def add_parsers(sub) -> None:
    p = sub.add_parser("report", help="write one self-contained HTML report (charts, concerns, speakers)",
                       description="Theme trends per year as charts, recurring concerns with quotes and links to "
                                   "report and page, speakers, and what is new this year. Opens offline.")
    add_warehouse_arg(p)
    p.add_argument("--out", default="report.html", help="HTML file to write (default: report.html)")
    p.add_argument("--pdf-folder", help="folder (or URL) of the PDFs, for the links to report and page")
    add_pseudonymise_arg(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from flows.settings import SettingsError, reader_settings
    from warehouse.db import WarehouseMissing
    from warehouse.publish import open_reader
    from warehouse.report import html_report

    try:
        settings = reader_settings(args)
        conn = open_reader(args.warehouse, settings.pseudonymise, settings)
    except SettingsError as e:
        print(f"verslagen report: {e}", file=sys.stderr)
        return 2
    except WarehouseMissing as e:
        print(f"verslagen report: {e}", file=sys.stderr)
        return 1
    try:
        page = html_report(conn, False, args.pdf_folder)  # a pseudonymised copy needs no rewriting
    finally:
        conn.close()
    Path(args.out).write_text(page, encoding="utf-8")
    print(f"wrote {args.out} ({len(page) // 1024} KB)")
    return 0
