"""`verslagen annotate FILE.pdf`: print what the taggers find, in the gold format, as JSON.

Starts fast on purpose: no Prefect import, one spaCy load.
"""
from __future__ import annotations

import argparse
import json
import sys


def add_parsers(sub) -> None:
    p = sub.add_parser("annotate", help="Annotate one report PDF and print speakers, sections, themes and concerns as JSON",
                       description="Extract one PDF and print the annotations in the gold format of the evaluation corpus.")
    p.add_argument("file", metavar="FILE.pdf", help="the report to annotate")
    add_tag_args(p)
    p.set_defaults(run=run)


def add_tag_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--taxonomy", default=None, metavar="NAME|PATH",
                   help="versioned theme taxonomy (default: taxonomy.v1) or a JSON file of your own")
    p.add_argument("--spacy-model", default=None, metavar="NAME",
                   help="'auto' (a trained nl_core_news_* model if installed, else blank Dutch), 'blank' or a model name")
    p.add_argument("--config", default=None, metavar="FILE", help="settings file (TOML), see the README")


def settings_of(args):
    """The one Settings object (flows.pipeline.settings): defaults < --config < VERSLAGEN_* environment < options."""
    from flows.pipeline.settings import build_settings

    return build_settings({"tag.taxonomy": getattr(args, "taxonomy", None),
                           "tag.spacy_model": getattr(args, "spacy_model", None)},
                          toml_path=getattr(args, "config", None))


def run(args) -> int:
    from flows.pipeline.isolate import Limits, run_one
    from flows.pipeline.names import display_name
    from flows.pipeline.report import Reader
    from flows.pipeline.settings import SettingsError
    from models.annotations import to_gold_json

    try:
        settings = settings_of(args)
    except SettingsError as e:
        print(f"verslagen annotate: {e}", file=sys.stderr)
        return 2
    try:
        open(args.file, "rb").close()  # a missing file: one clear line before any reader starts
    except OSError as e:
        from flows.pipeline.errors import file_error

        print(f"verslagen annotate: {file_error(args.file, e)}", file=sys.stderr)
        return 1
    # read in a sandboxed reader under the memory budget and timeout, like the ingest
    outcome = run_one(args.file, "", Reader(settings), Limits.of(settings.run, workers=1))
    if outcome.doc is None:  # a bad PDF ends the command with its reason, not a traceback
        print(f"verslagen annotate: {display_name(args.file, whole=True)}: {outcome.reason} - {outcome.detail}",
              file=sys.stderr)
        return 1
    json.dump(to_gold_json(outcome.doc, outcome.ann), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0
