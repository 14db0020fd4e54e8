"""Annotate many PDFs in one process: `python -m bench.annotate_many OUT_DIR FILE.pdf ...`.

Writes OUT_DIR/NAME.json, byte for byte what `verslagen annotate NAME.pdf` prints, but loads the
settings and the spaCy pipeline once (the CLI loads them per file). For the reference scorers.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def annotate_many(out_dir: str, files: list[str]) -> int:
    from flows.pipeline.report import read_report
    from flows.pipeline.settings import build_settings
    from models.annotations import to_gold_json
    from models.nlp import load_nlp

    settings = build_settings({})
    nlp = load_nlp(settings.tag)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for f in files:
        try:
            doc, ann = read_report(f, settings, nlp=nlp)
        except Exception as e:  # noqa: BLE001 - a bad PDF is reported, the rest go on
            print(f"{f}: {e}", file=sys.stderr)
            failed += 1
            continue
        text = json.dumps(to_gold_json(doc, ann), ensure_ascii=False, indent=1) + "\n"
        (out / (Path(f).stem + ".json")).write_text(text, encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(annotate_many(sys.argv[1], sys.argv[2:]))
