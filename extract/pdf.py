"""`document_from_pdf`: a report PDF -> the structured `Document` (layout.v1).

Pages are streamed (each closed after reading) into line segments; the document-wide body size,
running headers and footers are settled over all pages; then each page's lines become blocks in
reading order, a paragraph cut by a column or page break is joined up, and the blocks become the
Document's text, with sentences, meeting metadata and language.
"""
from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections import Counter
from dataclasses import replace

from pdfplumber.utils.exceptions import PdfminerException

from extract.document import BLOCK_SEPARATOR, BBox, Block, Document, Page
from extract.language import language_of
from extract.layout_blocks import RawBlock, blocks_of, kinds_of, regions_of
from extract.layout_order import block_text, continues, reading_order, running_key, running_lines
from extract.metadata import meeting_of
from extract.layout_pages import PageLines, read_pages
from extract.layout_tables import joined_rows
from extract.probe import ExtractError, probe_file, repaired_copy
from extract.sentences import sentences_of
from extract.settings import ExtractSettings

EXTRACTOR_VERSION = "layout.v1"
NUMBERED = re.compile(r"^\d{1,2}[.)]?\s+[A-Z]")
# what pdfminer raises on broken files besides its own exception (it does not wrap everything)
PARSER_ERRORS = (PdfminerException, MemoryError, RecursionError, ValueError, KeyError, TypeError, IndexError,
                 AssertionError, AttributeError, struct.error, zlib.error, OverflowError)


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


def _numbered_headings(blocks: list[RawBlock]) -> None:
    """A lone numbered line over a paragraph ("2. Huurverhoging per 1 juli") is an agenda heading,
    not a list item: list items come in runs."""
    for i, b in enumerate(blocks):
        if b.kind != "list_item" or len(b.lines) != 1 or b.extra or not NUMBERED.match(b.lines[0].text) \
                or b.lines[0].row:
            continue
        text = b.lines[0].text
        before = blocks[i - 1].kind if i else None
        after = blocks[i + 1].kind if i + 1 < len(blocks) else None
        if len(text) <= 90 and text[-1:] not in ".,;:" and after == "paragraph" and before != "list_item":
            b.kind = "heading"


def _row_continues(prev: RawBlock, b: RawBlock) -> bool:
    """A table row cut by a page break: the next page's table opens with the row's rest (no number);
    its cells are added to the row's cells on the page before."""
    first, last = b.lines[0], prev.lines[-1]
    if first.row != "cont" or last.row != "item" or len(first.cells) != len(last.cells) or first.page <= last.page:
        return False
    last.cells = joined_rows(last.cells, first.cells)
    last.text = " ".join(c for c in last.cells if c)
    return True


def _ordered_blocks(pages: list[PageLines], body: float) -> list[RawBlock]:
    out: list[RawBlock] = []
    for p in pages:
        regions_of(p.lines, p.boxes, p.pictures)
        blocks = blocks_of(p.lines, p.scan)
        kinds_of(blocks, body, first_page=not out, noisy=p.scan)
        for b in reading_order(blocks):
            prev = _last_flowing(out)
            if prev is not None and _row_continues(prev, b):
                continue
            if prev is not None and continues(prev, b):
                prev.extra.extend(b.lines + b.extra)
            else:
                out.append(b)
    _numbered_headings(out)
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


def _read(path: str, settings: ExtractSettings, rebuilt: bool):
    """read_pages on the file, or on qpdf's rewritten copy when pdfminer cannot parse the original."""
    try:
        read_path, cleanup = repaired_copy(path) if rebuilt else (path, None)
    except Exception as e:  # noqa: BLE001 - qpdf cannot rewrite it either
        raise ExtractError("corrupt", f"{path}: cannot be rebuilt: {str(e)[:200]}") from e
    try:
        return read_pages(read_path, settings)
    except ExtractError:
        raise
    except PARSER_ERRORS as e:
        if _out_of_memory(e):
            raise ExtractError("too_large", f"{path}: decoding needs too much memory") from e
        if not rebuilt:
            return _read(path, settings, True)
        raise ExtractError("corrupt", f"{path}: {type(e).__name__}: {str(e)[:200]}") from e
    finally:
        if cleanup:
            cleanup()


def _out_of_memory(e: BaseException) -> bool:
    while e is not None:
        if isinstance(e, MemoryError) or "allocate" in str(e).lower():
            return True
        e = e.__cause__ or e.__context__
    return False


def document_from_pdf(path: str, settings: ExtractSettings) -> Document:
    """The Document of one PDF; raises ExtractError(reason) for a file that must be quarantined."""
    probe = probe_file(path, settings)
    if probe.reason:
        raise ExtractError(probe.reason, f"{path}: {probe.reason}")
    flags: list[str] = ["repaired"] if probe.repaired else []
    pages, info, metadata = _read(path, settings, probe.rebuilt)
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
    if not blocks:
        reason = "corrupt" if probe.rebuilt else "no_text_ocr_failed" if any(p.ocr_failed for p in pages) else "empty"
        raise ExtractError(reason, f"{path}: no text found ({reason})")
    doc = Document(
        doc_id=sha256_of(path), path=str(path), text=text,
        pages=tuple(Page(p.number, p.width, p.height, p.n_chars, p.ocr, p.skipped) for p in pages),
        blocks=blocks, sentences=sentences_of(blocks), flags=tuple(flags), pdf_metadata=metadata,
        running_headers=tuple(headers.values()), extractor_version=EXTRACTOR_VERSION)
    return replace(doc, meeting=meeting_of(doc), language=language_of(text))
