"""Benchmark: does every gold quote of the dev corpus lie inside ONE extracted sentence?

    .venv/bin/python bench/quotes.py [../shared/corpus]

Prints each missed quote with the sentences around it, the hit rate, and the extraction speed
(pages/s) over real_nl. Reads ../shared/corpus, so it is a benchmark, not a test.
"""
from __future__ import annotations

import glob
import json
import os
import re
import sys
import time
import unicodedata

from extract.pdf import document_from_pdf
from extract.probe import ExtractError
from extract.settings import ExtractSettings

QUOTE_KEYS = ("concerns", "optional_concerns", "not_tenant_concerns", "commitments")


def norm(s: str) -> str:
    """The normalisation of ../shared/tools/score_gold.py."""
    s = unicodedata.normalize("NFKC", str(s or "")).replace("\u00ad", "").casefold()
    s = re.sub(r"[‘’´`']", "'", s)
    s = re.sub(r"[“”„\"]", '"', s)
    s = re.sub(r"[-‐‑–—]", "-", s)
    return re.sub(r"\s+", " ", s).strip()


def quote_hits(corpus: str, settings: ExtractSettings) -> tuple[int, int]:
    hits = total = 0
    for gold_path in sorted(glob.glob(os.path.join(corpus, "dev", "*.gold.json"))):
        gold = json.load(open(gold_path, encoding="utf-8"))
        doc = document_from_pdf(gold_path.replace(".gold.json", ".pdf"), settings)
        sentences = [norm(s.text) for s in doc.sentences]
        for key in QUOTE_KEYS:
            for item in gold.get(key) or ():
                quote = item["quote"] if isinstance(item, dict) else item
                q = norm(quote)
                total += 1
                if any(q in s for s in sentences):
                    hits += 1
                    continue
                near = [s for s in sentences if q[:25] in s or q[-25:] in s]
                print(f"MISS {os.path.basename(gold_path)} [{key}] {quote!r}")
                for s in near[:3]:
                    print(f"     sentence: {s[:300]!r}")
    return hits, total


MARKUP = ((re.compile(r"^#+\s+(.*)"), ("title", "heading")), (re.compile(r"^-\s+(.*)"), ("list_item",)),
          (re.compile(r"^\[\^\w+\]:\s*(.*)"), ("footnote",)))


def markup_hits(corpus: str, settings: ExtractSettings) -> tuple[int, int]:
    """Headings (#), bullets (-) and footnotes ([^1]:) of dev/*.txt found as blocks of the right kind."""
    hits = total = 0
    for txt in sorted(glob.glob(os.path.join(corpus, "dev", "*.txt"))):
        doc = document_from_pdf(txt[:-4] + ".pdf", settings)
        for line in open(txt, encoding="utf-8"):
            for pattern, kinds in MARKUP:
                m = pattern.match(line.strip())
                if not m:
                    continue
                want = norm(re.sub(r"\[\^\w+\]", "", m.group(1)))
                total += 1
                if any(b.kind in kinds and norm(b.text) == want for b in doc.blocks):
                    hits += 1
                else:
                    got = [f"{b.kind}: {b.text[:80]!r}" for b in doc.blocks if want[:20] in norm(b.text)]
                    print(f"MARKUP {os.path.basename(txt)} want {kinds[0]} {want[:80]!r} got {got[:2]}")
    return hits, total


def speed(corpus: str, settings: ExtractSettings) -> tuple[int, float, int]:
    pages, errors, start = 0, 0, time.perf_counter()
    for path in sorted(glob.glob(os.path.join(corpus, "real_nl", "*.pdf"))):
        try:
            pages += len(document_from_pdf(path, settings).pages)
        except ExtractError:
            errors += 1
    return pages, time.perf_counter() - start, errors


def main(argv: list[str]) -> int:
    paths = [a for a in argv if not a.startswith("--")]
    corpus = paths[0] if paths else os.path.join("..", "shared", "corpus")
    hits, total = quote_hits(corpus, ExtractSettings())
    print(f"quotes inside one sentence: {hits}/{total} = {hits / max(total, 1):.1%}")
    m_hits, m_total = markup_hits(corpus, ExtractSettings())
    print(f"headings, bullets, footnotes as marked up: {m_hits}/{m_total}")
    if "--no-speed" not in argv:
        pages, secs, errors = speed(corpus, ExtractSettings(ocr=False))
        print(f"real_nl: {pages} pages in {secs:.1f} s = {pages / secs:.1f} pages/s (OCR off; {errors} quarantined)")
    return 0 if hits == total and m_hits == m_total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
