"""Stream a PDF's pages into line segments plus what the layout needs (shaded boxes, pictures).

Each page is read once (`layout_objects.page_objects`: characters, shapes, pictures) and closed at once, so memory stays flat
over long files. Image-only pages and garbled text layers go to OCR; hidden text is dropped.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pdfplumber

from extract.clean import clean_metadata_value
from extract.layout_lines import WHITE, Line, lines_of
from extract.layout_objects import page_objects
from extract.layout_tables import numbered_tables
from extract.ocr import OcrError, ocr_lines, render_scale
from extract.probe import ExtractError
from extract.settings import ExtractSettings

MIN_TEXT_CHARS = 20  # fewer visible characters than this on a page with pictures: treat as a scan
GARBLED_SHARE = 0.3  # share of (cid:NN) characters that makes a text layer unusable
MAX_IMAGE_PIXELS = 200_000_000  # an image declaring more pixels than this cannot be decoded safely


@dataclass
class PageLines:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    boxes: list[tuple] = field(default_factory=list)  # shaded rectangles (x0, top, x1, bottom)
    pictures: list[tuple] = field(default_factory=list)
    n_chars: int = 0
    ocr: bool = False
    scan: bool = False  # text from OCR (ours or an OCR layer over a page image): sizes are noisy
    ocr_failed: bool = False
    skipped: str | None = None


def _chars_on_images(chars, images) -> int:
    big = [i for i in images if (i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) > 0]
    return sum(1 for c in chars if any(i["x0"] <= (c["x0"] + c["x1"]) / 2 <= i["x1"]
                                        and i["top"] <= (c["top"] + c["bottom"]) / 2 <= i["bottom"] for i in big))


def _bbox(o: dict) -> tuple:
    return (o["x0"], o["top"], o["x1"], o["bottom"])


def _boxes(rects: list[dict], width: float, height: float) -> list[tuple]:
    out = []
    for r in rects:
        color = r.get("non_stroking_color")
        color = tuple(color) if isinstance(color, list) else color
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if r.get("fill") and color not in WHITE and color is not None and w > 30 and h > 12 \
                and w * h < 0.6 * width * height:
            out.append(_bbox(r))
    return out


def _pictures(images: list[dict], width: float, height: float) -> list[tuple]:
    return [_bbox(i) for i in images if (i["x1"] - i["x0"]) > 20 and (i["bottom"] - i["top"]) > 20
            and (i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) < 0.5 * width * height]


def _coloured_shapes(shapes: list[dict]) -> list[tuple]:
    """Filled shapes that are not white: white text on them is visible (slides, coloured banners)."""
    out = []
    for r in shapes:
        color = r.get("non_stroking_color")
        color = tuple(color) if isinstance(color, list) else (color,) if isinstance(color, (int, float)) else color
        if r.get("fill") and color is not None and color not in WHITE:
            out.append(_bbox(r))
    return out


def metadata_of(pdf) -> tuple[tuple[str, str], ...]:
    try:
        items = list((pdf.metadata or {}).items())[:50]
        return tuple((clean_metadata_value(k, 100), clean_metadata_value(v)) for k, v in items)
    except Exception:  # noqa: BLE001 - hostile metadata (deep nesting, bad encodings) is only a nuisance
        return ()


def _read_page(page, path: str, settings: ExtractSettings, flags: list[str]) -> PageLines:
    width, height = float(page.width), float(page.height)
    out = PageLines(page.page_number, width, height)
    objects = page_objects(page)
    chars, images, shapes = objects.chars, objects.images, objects.shapes
    garbled = sum(1 for c in chars if c["text"].startswith("(cid:"))
    if chars and garbled > GARBLED_SHARE * len(chars):
        flags.append("garbled_text")
        chars = [c for c in chars if not c["text"].startswith("(cid:")]
    out.boxes = _boxes(shapes, width, height)
    backgrounds = [_bbox(o) for o in images] + _coloured_shapes(shapes)
    tables = numbered_tables(page) if shapes and chars and not garbled else []
    out.lines, hidden = lines_of(out.number, chars, width, height, out.boxes, backgrounds, tables)
    if hidden:
        flags.append("hidden_text")
    out.n_chars = sum(len(ln.text) for ln in out.lines)
    out.pictures = _pictures(images, width, height)
    # a scan is often stored as strips: add the image areas up
    out.scan = sum((i["x1"] - i["x0"]) * (i["bottom"] - i["top"]) for i in images) >= 0.5 * width * height
    # no characters at all: a scan whose image pdfplumber cannot list (inline, in a pattern) or a blank page
    needs_ocr = out.n_chars < MIN_TEXT_CHARS and (images or garbled or not chars)
    # a full-page scan inside a typeset report keeps its running header/footer as text: look under the image
    needs_ocr = needs_ocr or (out.scan and _chars_on_images(chars, images) < MIN_TEXT_CHARS)
    too_big = max(width, height) > settings.max_page_points or render_scale(width, height) is None
    if needs_ocr and too_big:
        out.skipped = "too_large"
        flags.append("too_large")
    elif needs_ocr and any(_pixels(i) > MAX_IMAGE_PIXELS for i in images):
        raise ExtractError("too_large", f"page {out.number}: an image declares more than {MAX_IMAGE_PIXELS} pixels")
    elif needs_ocr and settings.ocr:
        try:
            out.lines = ocr_lines(path, out.number - 1, settings.ocr_language)
        except OcrError:
            out.lines = []
        out.n_chars = sum(len(ln.text) for ln in out.lines)
        out.ocr = out.scan = bool(out.lines)
        out.ocr_failed = not out.lines and bool(images or garbled)  # else: just a blank page
        if out.lines:
            flags.append("ocr_used")
    elif needs_ocr:
        out.ocr_failed = bool(images or garbled)
    return out


def _pixels(image: dict) -> int:
    try:
        w, h = image.get("srcsize") or (0, 0)
        return int(w) * int(h)
    except (TypeError, ValueError):
        return 0


def read_pages(path: str, settings: ExtractSettings) -> tuple[list[PageLines], list[str], tuple]:
    """Every page's lines, the flags raised while reading, and the sanitised PDF metadata."""
    flags: list[str] = []
    pages = []
    with pdfplumber.open(path) as pdf:
        metadata = metadata_of(pdf)
        for page in pdf.pages:
            try:
                pages.append(_read_page(page, path, settings, flags))
            finally:
                page.close()
    return pages, list(dict.fromkeys(flags)), metadata
