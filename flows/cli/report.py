"""`verslagen report --out report.html`: one self-contained HTML report of the warehouse."""
from __future__ import annotations

from pathlib import Path

from flows.cli import add_warehouse_arg, open_warehouse_or_exit


def add_parsers(sub) -> None:
    p = sub.add_parser("report", help="write one self-contained HTML report (charts, concerns, speakers)",
                       description="Theme trends per year as charts, recurring concerns with quotes and links to "
                                   "report and page, speakers, and what is new this year. Opens offline.")
    add_warehouse_arg(p)
    p.add_argument("--out", default="report.html", help="HTML file to write (default: report.html)")
    p.add_argument("--pdf-folder", help="folder (or URL) of the PDFs, for the links to report and page")
    p.add_argument("--pseudonymise", action="store_true", help="replace names of private persons by stable pseudonyms")
    p.set_defaults(run=run)


def run(args) -> int:
    from flows.present.report import html_report

    with open_warehouse_or_exit(args) as conn:
        page = html_report(conn, args.pseudonymise, args.pdf_folder)
    Path(args.out).write_text(page, encoding="utf-8")
    print(f"wrote {args.out} ({len(page) // 1024} KB)")
    return 0
