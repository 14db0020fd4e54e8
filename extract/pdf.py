"""`document_from_pdf`: a report PDF -> the structured `Document` (layout.v1).

Pages are streamed (each closed after reading) into line segments; the document-wide body size,
running headers and footers are settled over all pages; then each page's lines become blocks in
reading order, a paragraph cut by a column or page break is joined up, and the blocks become the
Document's text, with sentences, meeting metadata and language.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import replace

import pdfplumber

from extract.document import BLOCK_SEPARATOR, BBox, Block, Document, Page
from extract.language import language_of
from extract.layout_blocks import RawBlock, blocks_of, kinds_of, regions_of
from extract.layout_lines import Line
from extract.layout_order import block_text, continues, reading_order, running_key, running_lines
from extract.metadata import meeting_of
from extract.layout_pages import PageLines, read_pages
from extract.probe import ExtractError, probe_file, repaired_copy
from extract.sentences import sentences_of
from extract.settings import ExtractSettings

EXTRACTOR_VERSION = "layout.v1"


def sha256_of(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def body_size(pages: list[PageLines]) -> float:
    sizes: Counter = Counter()
    for p in pages:
        for ln in p.lines:
            sizes[round(ln.size * 2) / 2] += len(ln.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _last_flowing(blocks: list[RawBlock]) -> RawBlock | None:
    """The last block of the running text, looking past footnotes, captions and boxes set beside it."""
    for b in reversed(blocks):
        if b.kind not in ("footnote", "caption", "box"):
            return b
    return None


def _ordered_blocks(pages: list[PageLines], body: float) -> list[RawBlock]:
    out: list[RawBlock] = []
    for p in pages:
        regions_of(p.lines, p.boxes, p.pictures)
        blocks = blocks_of(p.lines)
        kinds_of(blocks, body, first_page=not out)
        for b in reading_order(blocks):
            prev = _last_flowing(out)
            if prev is not None and continues(prev, b):
                prev.extra.extend(b.lines + b.extra)
            else:
                out.append(b)
    heading_sizes = sorted({b.size for b in out if b.kind == "heading"}, reverse=True)
    for b in out:
        b.level = 1 if b.kind == "title" else heading_sizes.index(b.size) + 1 if b.kind == "heading" else 0
    return out


def _blocks(raw: list[RawBlock], ocr_pages: set[int]) -> tuple[str, tuple[Block, ...]]:
    parts, blocks, pos = [], [], 0
    for b in raw:
        text = block_text(b)
        if not text:
            continue
        lines = [ln for ln in b.lines if ln.page == b.lines[0].page]
        refs = tuple(dict.fromkeys(r for ln in b.lines + b.extra for r in ln.refs))
        bbox = BBox(round(min(ln.x0 for ln in lines), 2), round(min(ln.top for ln in lines), 2),
                    round(max(ln.x1 for ln in lines), 2), round(max(ln.bottom for ln in lines), 2))
        if parts:
            pos += len(BLOCK_SEPARATOR)
        blocks.append(Block(b.kind, text, b.lines[0].page, bbox, pos, pos + len(text), level=b.level,
                            ocr=b.lines[0].page in ocr_pages, footnote=b.marker if b.kind == "footnote" else None,
                            footnote_refs=refs))
        parts.append(text)
        pos += len(text)
    return BLOCK_SEPARATOR.join(parts), tuple(blocks)


def document_from_pdf(path: str, settings: ExtractSettings) -> Document:
    """The Document of one PDF; raises ExtractError(reason) for a file that must be quarantined."""
    probe = probe_file(path, settings)
    if probe.reason:
        raise ExtractError(probe.reason, f"{path}: {probe.reason}")
    flags: list[str] = []
    read_path, cleanup = path, None
    if probe.repaired:
        read_path, cleanup = repaired_copy(path)
        flags.append("repaired")
    try:
        pages, info, metadata = read_pages(read_path, settings)
    finally:
        if cleanup:
            cleanup()
    flags.extend(f for f in info if f not in flags)
    body = body_size(pages)
    drop = running_lines([p.lines for p in pages], [p.height for p in pages], body)
    headers: dict[str, str] = {}
    for p in pages:
        for ln in p.lines:
            if id(ln) in drop:
                headers.setdefault(running_key(ln.text), ln.text)
        p.lines = [ln for ln in p.lines if id(ln) not in drop]
    text, blocks = _blocks(_ordered_blocks(pages, body), {p.number for p in pages if p.ocr})
    if not blocks and any(p.ocr_failed for p in pages):
        raise ExtractError("no_text_ocr_failed", f"{path}: no text layer and OCR found no text")
    doc = Document(
        doc_id=sha256_of(path), path=str(path), text=text,
        pages=tuple(Page(p.number, p.width, p.height, p.n_chars, p.ocr, p.skipped) for p in pages),
        blocks=blocks, sentences=sentences_of(blocks), flags=tuple(flags), pdf_metadata=metadata,
        running_headers=tuple(headers.values()), extractor_version=EXTRACTOR_VERSION)
    return replace(doc, meeting=meeting_of(doc), language=language_of(text))
