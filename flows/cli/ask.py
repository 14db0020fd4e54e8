"""`verslagen trends|speakers|search`: the council's questions, read-only on the published warehouse."""
from __future__ import annotations

import argparse

from flows.cli import add_format_arg, add_pseudonymise_arg, add_warehouse_arg, open_warehouse_or_exit
from flows.cli.output import print_rows


def add_parsers(sub) -> None:
    p = sub.add_parser("trends", help="themes per year, with rising and falling themes",
                       description="Themes per year: meetings, sentences and share of all sentences that year; "
                                   "trend compares a theme's share with the year before.")
    p.add_argument("--theme", help="one theme key, e.g. overlast")
    p.add_argument("--organisation", help="only reports of this organisation (part of the name)")
    p.add_argument("--kind", help="only sentences of speakers of this kind (tenant, civil_servant, ...)")
    _common(p, "trends")
    p = sub.add_parser("speakers", help="people, their roles over time and what they raised",
                       description="People across the archive: kind, roles, organisations, meetings, concerns raised.")
    p.add_argument("--name", help="part of a name")
    _common(p, "speakers")
    p = sub.add_parser("search", help="Dutch full-text search over sentences",
                       description="Full-text search that finds what a PDF viewer finds: Dutch stems, lemmas and plurals "
                                   "('trappenhuis' finds 'trappenhuizen') and compound parts ('huis' finds "
                                   "'trappenhuizen'). Sentences that contain more of the words come first; each is "
                                   "shown whole with the words marked, its report and page, and a link that opens the "
                                   "PDF at that page (json: the offsets of the words in `matches`).")
    p.add_argument("words", help='what to look for, e.g. "overlast trappenhuis"')
    p.add_argument("--year", type=int, help="only this meeting year")
    p.add_argument("--theme", help="only sentences tagged with this theme key")
    p.add_argument("--limit", type=int, default=20, help="at most this many sentences (default 20)")
    _common(p, "search")


def _common(p: argparse.ArgumentParser, name: str) -> None:
    add_warehouse_arg(p)
    add_format_arg(p)
    add_pseudonymise_arg(p)
    p.set_defaults(run=run, question=name)


def run(args) -> int:
    from warehouse import ask

    with open_warehouse_or_exit(args) as conn:  # the pseudonymised copy unless --no-pseudonymise
        from flows.cli.validate import check_question

        check_question(args, conn)
        if args.question == "trends":
            cols, rows = ask.theme_trends(conn, args.theme, args.organisation, args.kind)
        elif args.question == "speakers":
            cols, rows = ask.speakers(conn, args.name)
        else:
            from warehouse.search import search, with_matches

            cols, rows = search(conn, args.words, args.year, args.theme, args.limit)
        if args.question == "search":  # offsets of the words found, in the text as printed
            cols, rows = with_matches(conn, args.words, cols, rows)
    if args.question == "search":
        from flows.cli.output import print_hits

        print_hits(cols, rows, args.format)
        return 0
    print_rows(cols, rows, args.format)
    return 0
