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


class _DrawPage:
    """The work of the sandboxed reader: draw one page (a class, so the reader gets plain data)."""

    def __init__(self, args, settings):
        self.page, self.out, self.resolution, self.settings = args.page, args.out, args.resolution, settings

    def __call__(self, path: str, sha256: str):
        from extract.debug import draw_blocks
        from flows.pipeline.errors import file_error
        from flows.pipeline.outcomes import FileOutcome, Reason, Status

        try:
            n = draw_blocks(path, self.page, self.out, self.settings, self.resolution)
        except MemoryError:
            return FileOutcome(path, sha256, Status.QUARANTINED, Reason.TOO_LARGE, "exceeded its memory share")
        except (OSError, ValueError) as e:
            return FileOutcome(path, sha256, Status.QUARANTINED, Reason.CORRUPT, file_error(path, e))
        return FileOutcome(path, sha256, Status.LOADED, detail=str(n))


def run(args) -> int:
    from dataclasses import replace

    from flows.pipeline.isolate import Limits, run_one
    from flows.pipeline.names import display_name
    from flows.pipeline.settings import SettingsError, build_settings

    try:
        settings = build_settings({})
    except SettingsError as e:
        print(f"verslagen debug-page: {e}", file=sys.stderr)
        return 2
    extract = replace(settings.extract, ocr=settings.extract.ocr and not args.no_ocr)
    # drawn in a sandboxed reader under the memory budget and timeout, like the ingest
    o = run_one(args.file, "", _DrawPage(args, extract), Limits.of(settings.run, workers=1))
    if o.status != "loaded":
        detail = o.detail if o.reason == "corrupt" else f"{display_name(args.file, whole=True)}: {o.reason} - {o.detail}"
        print(f"verslagen debug-page: {detail}", file=sys.stderr)
        return 1
    print(f"{args.out}: page {args.page} of {args.file}, {o.detail} blocks drawn")
    return 0
