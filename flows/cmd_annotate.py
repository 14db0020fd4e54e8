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


def tag_settings(args):
    from dataclasses import replace

    from models.settings import TagSettings

    s = TagSettings()
    if getattr(args, "taxonomy", None):
        s = replace(s, taxonomy=args.taxonomy)
    if getattr(args, "spacy_model", None):
        s = replace(s, spacy_model=args.spacy_model)
    return s


def annotate_file(path: str, settings, nlp=None) -> tuple:
    """(Document, Annotations) for one PDF."""
    from extract.pdf import document_from_pdf
    from extract.settings import ExtractSettings
    from models.pipeline import annotate

    doc = document_from_pdf(path, ExtractSettings())
    return doc, annotate(doc, settings, nlp=nlp)


def run(args) -> int:
    from models.annotations import to_gold_json

    try:
        doc, ann = annotate_file(args.file, tag_settings(args))
    except (OSError, ValueError) as e:
        print(f"verslagen annotate: {args.file}: {e}", file=sys.stderr)
        return 1
    json.dump(to_gold_json(doc, ann), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0
