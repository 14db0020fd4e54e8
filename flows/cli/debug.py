"""`verslagen debug-page FILE.pdf --page N --out page.png`: draw the detected blocks on a page."""
from __future__ import annotations

import sys


def add_parsers(sub) -> None:
    p = sub.add_parser("debug-page", help="Draw the blocks extraction finds on one page as a PNG (kind-coloured boxes)",
                       description="Render one page of a PDF with the detected blocks drawn in: title red, heading "
                                   "orange, paragraph blue, list item green, footnote purple, caption brown, box pink.")
    p.add_argument("file", metavar="FILE.pdf", help="the PDF to look at")
    p.add_argument("--page", type=int, default=1, metavar="N", help="page number, 1-based (default: 1)")
    p.add_argument("--out", default="page.png", metavar="PNG", help="image to write (default: page.png)")
    p.add_argument("--resolution", type=int, default=100, metavar="DPI", help="image resolution (default: 100)")
    p.add_argument("--no-ocr", action="store_true", help="do not OCR pages without a text layer")
    p.set_defaults(run=run)


def run(args) -> int:
    from extract.debug import draw_blocks
    from extract.settings import ExtractSettings

    try:
        n = draw_blocks(args.file, args.page, args.out, ExtractSettings(ocr=not args.no_ocr), args.resolution)
    except (OSError, ValueError) as e:
        if getattr(args, "debug", False):
            raise
        from flows.pipeline.errors import file_error

        print(f"verslagen debug-page: {file_error(args.file, e)}", file=sys.stderr)
        return 1
    print(f"{args.out}: page {args.page} of {args.file}, {n} blocks drawn")
    return 0
