"""Reference points for the benchmark: plain pdfplumber `extract_text` and pypdfium2 text, one process."""
from __future__ import annotations

import time
from pathlib import Path


def plumber_pages_per_second(paths: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages, start = 0, time.perf_counter()
    for p in paths:
        try:
            with pdfplumber.open(p) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    page.close()
                    pages += 1
        except Exception:  # a reference loop: skip what it cannot read
            continue
    return pages, time.perf_counter() - start


def pdfium_pages_per_second(paths: list[Path]) -> tuple[int, float]:
    import pypdfium2 as pdfium

    pages, start = 0, time.perf_counter()
    for p in paths:
        try:
            pdf = pdfium.PdfDocument(p)
        except Exception:
            continue
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
            pages += 1
        pdf.close()
    return pages, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.reference FOLDER`: the naive loop as a whole process (bench/pairs.py times it)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench.reference", description=main.__doc__)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    pages, seconds = plumber_pages_per_second(sorted(args.folder.rglob("*.pdf")))
    print(f"{pages} pages in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
