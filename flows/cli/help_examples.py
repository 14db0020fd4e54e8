"""Examples shown at the end of each command's `--help` (kept here, not in the command modules)."""
from __future__ import annotations

import argparse

EXAMPLES = {
    "ingest": ["verslagen ingest samples/pdf --warehouse warehouse.duckdb",
               "verslagen ingest /srv/verslagen --workers 1 --set warehouse.lock_timeout_s=5"],
    "annotate": ["verslagen annotate samples/pdf/2017-10-05_themabijeenkomst_overlast.pdf | less"],
    "evaluate": ["verslagen evaluate ../shared/corpus/dev --json scores.json"],
    "documents": ["verslagen documents", "verslagen documents --history --format csv > documenten.csv"],
    "quarantine": ["verslagen quarantine || echo 'some files need attention'"],
    "trends": ["verslagen trends", "verslagen trends --theme overlast",
               "verslagen trends --kind tenant --format csv > trends.csv"],
    "concerns": ["verslagen concerns --recurring", "verslagen concerns --since 2022 --category onderhoud",
                 "verslagen concerns --format json | jq '.groups[0].members'"],
    "series": ["verslagen series", "verslagen series --format csv"],
    "commitments": ["verslagen commitments --status overdue", "verslagen commitments --status forgotten",
                    "verslagen commitments --format json > toezeggingen.json"],
    "speakers": ["verslagen speakers --name jansen", "verslagen speakers --pseudonymise --format csv"],
    "search": ['verslagen search trappenhuis', 'verslagen search "overlast trappenhuis" --year 2017',
               "verslagen search schimmel --theme onderhoud --format json"],
    "query": ['verslagen query "SELECT year, count(*) FROM v_documents GROUP BY year ORDER BY year"',
              "verslagen query --list", "verslagen query theme_history --param theme=onderhoud --format csv",
              'verslagen query "SELECT * FROM v_concerns" --format parquet --output concerns.parquet'],
    "schema": ["verslagen schema", "verslagen schema v_concerns"],
    "themes": ["verslagen themes", "verslagen themes --format csv"],
    "report": ["verslagen report --out verslag.html",
               "verslagen report --out /srv/www/verslag.html --pdf-base https://intranet.example/verslagen/"],
    "export": ["verslagen export --parquet export/"],
    "serve": ["verslagen serve --folder /srv/verslagen --warehouse /srv/verslagen/warehouse.duckdb"],
    "debug-page": ["verslagen debug-page report.pdf --page 2 --out page2.png"],
}


def add_examples(subparsers_action) -> None:
    """Append 'examples:' to the epilog of every subcommand parser (kept line by line)."""
    for name, parser in subparsers_action.choices.items():
        lines = EXAMPLES.get(name)
        if not lines:
            continue
        block = "examples:\n" + "\n".join(f"  {line}" for line in lines)
        parser.epilog = f"{parser.epilog}\n\n{block}" if parser.epilog else block
        if parser.formatter_class is argparse.HelpFormatter:
            parser.formatter_class = argparse.RawDescriptionHelpFormatter
