"""`verslagen report --out report.html`: one self-contained HTML report of the warehouse."""
from __future__ import annotations

from pathlib import Path

from flows.cli import add_pseudonymise_arg, add_warehouse_arg, open_warehouse_or_exit


def add_parsers(sub) -> None:
    p = sub.add_parser("report", help="write one self-contained, printable Dutch HTML report (themes per year, concerns, speakers)",
                       description="A Dutch report for the council (A4 when printed): organisation, period and date "
                                   "of making; what is new and what came back in the latest year; themes per year as "
                                   "a table and small charts; recurring concerns with quotes and links that open the "
                                   "PDF at its page; speakers. Opens offline, no scripts.")
    add_warehouse_arg(p)
    p.add_argument("--out", default="report.html", help="HTML file to write (default: report.html)")
    p.add_argument("--pdf-base", "--pdf-folder", dest="pdf_base", metavar="URL",
                   help="where readers find the PDFs (URL or folder), for the links to report and page "
                        "(default: the absolute file:// path of each ingested PDF)")
    add_pseudonymise_arg(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from flows.present.report import html_report

    with open_warehouse_or_exit(args) as conn:
        page = html_report(conn, False, args.pdf_base)  # the pseudonymised copy (default) holds no real names
    Path(args.out).write_text(page, encoding="utf-8")
    print(f"wrote {args.out} ({max(1, len(page.encode()) // 1024)} KB)")
    return 0
