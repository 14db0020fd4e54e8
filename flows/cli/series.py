"""`verslagen series|commitments|concerns`: what happens across meetings, read-only on the published warehouse.

series       the series of meetings (one body meeting the same partner) with their reports and gaps
commitments  promises followed through a series: who, what, since when, deadline, status, last mention
concerns     tenant concerns grouped into issues, recurring ones first
"""
from __future__ import annotations

import json
import sys

from flows.cli import add_format_arg, add_pseudonymise_arg, add_warehouse_arg, open_warehouse_or_exit
from flows.cli.output import print_rows

STATUSES = ("open", "overdue", "forgotten", "done", "dropped")


def add_parsers(sub) -> None:
    p = sub.add_parser("series", help="series of meetings with their reports in order and missing reports",
                       description="Series: the reports of one body meeting the same partner, detected from the "
                                   "meeting metadata (or set in the series override file), with gaps: reports the "
                                   "text refers to that are not loaded, and breaks in the cadence.")
    _common(p, "series")
    p = sub.add_parser("commitments", help="promises followed across meetings: status, deadline, overdue",
                       description="One line per promise (toezegging, actiepunt): who, what, since when, the "
                                   "deadline as a date, status as of the series' latest report (open, done, dropped, "
                                   "overdue; forgotten = open and not mentioned in the last two meetings) and the "
                                   "last mention with report and page. --format json prints one object per series "
                                   "in the series gold format.")
    p.add_argument("--series", metavar="S", help="only this series (slug or part of its name)")
    p.add_argument("--status", choices=STATUSES, help="only threads with this status")
    _common(p, "commitments")
    p = sub.add_parser("concerns", help="recurring tenant concerns grouped across meetings and years",
                       description="Tenant concerns grouped into issues (same place or object, same problem), "
                                   "recurring ones (raised at two or more meetings) first: label, first and last "
                                   "meeting, meetings, years, places, who raised it, quotes with report and page. "
                                   "--format json prints the concern-groups format.")
    p.add_argument("--recurring", action="store_true", help="only concerns raised at two or more meetings")
    p.add_argument("--since", type=int, metavar="YEAR", help="only groups raised in or after this year")
    p.add_argument("--category", help="only groups with this theme key")
    _common(p, "concerns")


def _common(p, name: str) -> None:
    add_warehouse_arg(p)
    add_format_arg(p)
    add_pseudonymise_arg(p)
    p.set_defaults(run=run, question=name)


def run(args) -> int:
    from warehouse import series_read as read

    with open_warehouse_or_exit(args) as conn:
        from flows.cli.validate import check_question

        check_question(args, conn)
        if args.question == "series":
            result = read.series_rows(conn)
        elif args.question == "commitments":
            if args.format == "json":
                return _json(read.commitments_json(conn, args.series, args.status))
            result = read.commitment_rows(conn, args.series, args.status)
        else:
            recurring = True if args.recurring else None
            if args.format == "json":
                return _json(read.concern_groups_json(conn, recurring))
            result = read.concern_group_rows(conn, recurring, args.since, args.category)
    print_rows(result.columns, result.rows, args.format)
    return 0


def _json(obj) -> int:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=1, default=str)
    sys.stdout.write("\n")
    return 0
