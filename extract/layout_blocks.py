"""Line segments of one page -> blocks (paragraphs, list items, footnotes, captions, boxes, headings).

A line joins the block above it when it is close below it, overlaps it horizontally and has the
same size, weight and region (main text, a shaded box or a picture's caption area). Kinds that
need the whole document (body size, heading levels) are settled in `kinds_of`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.layout_lines import Line

BULLET = re.compile(r"^([•●▪■◦○‣⁃∙·\-–—*\ue000-\uf8ff]|\(?\d{1,2}[.)]|[a-z][.)])\s+")
GLUED_MARKER = re.compile(r"^(\d{1,2})(?=[A-Z][a-z])")
GLYPH_BULLET = re.compile(r"^[•●▪■◦○‣⁃∙·\-–—*\ue000-\uf8ff]\s+")


@dataclass
class RawBlock:
    lines: list[Line]
    kind: str = "paragraph"
    region: int = -1
    marker: str | None = None
    level: int = 0
    extra: list[Line] = field(default_factory=list)  # lines of a continuation on a later column/page

    @property
    def x0(self) -> float:
        return min(ln.x0 for ln in self.lines)

    @property
    def x1(self) -> float:
        return max(ln.x1 for ln in self.lines)

    @property
    def top(self) -> float:
        return self.lines[0].top

    @property
    def bottom(self) -> float:
        return max(ln.bottom for ln in self.lines)

    @property
    def size(self) -> float:
        return self.lines[0].size


def regions_of(lines: list[Line], boxes: list[tuple], pictures: list[tuple]) -> None:
    """Mark lines inside shaded boxes (region = box index) and captions under pictures (1000 + index).
    A picture with text on it is a scan under its own text layer, not a photo with a caption."""
    pictures = [p for p in pictures if not any(p[0] <= (ln.x0 + ln.x1) / 2 <= p[2] and p[1] <= (ln.top + ln.bottom) / 2
                                               <= p[3] for ln in lines)]
    for ln in lines:
        cx, cy = (ln.x0 + ln.x1) / 2, (ln.top + ln.bottom) / 2
        for i, (x0, top, x1, bottom) in enumerate(pictures):
            if ln.x0 >= x0 - 6 and ln.x1 <= x1 + 6 and bottom - 3 <= ln.top <= bottom + 3 * ln.size:
                ln.region = 1000 + i
                break
        else:
            for i, (x0, top, x1, bottom) in enumerate(boxes):
                if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1:
                    ln.region = i
                    break


def line_gap(lines: list[Line]) -> float:
    """The page's usual white space between two lines of one paragraph (its line spacing)."""
    gaps: dict[float, int] = {}
    for a, b in zip(lines, lines[1:]):
        gap = b.top - a.bottom
        if abs(a.size - b.size) < 0.6 and -1 <= gap <= a.size and min(a.x1, b.x1) > max(a.x0, b.x0):
            gaps[round(gap * 2) / 2] = gaps.get(round(gap * 2) / 2, 0) + 1
    return max(gaps, key=gaps.get) if gaps else 2.0


def _size_tolerance(size: float, noisy: bool) -> float:
    return 0.25 * size if noisy else 0.6


def _joins(block: RawBlock, ln: Line, usual_gap: float, noisy: bool) -> float | None:
    """Vertical gap if `ln` continues `block`, else None."""
    last = block.lines[-1]
    if ln.row or last.row:
        return None  # a row of a numbered table is a block of its own
    if ln.region != block.region or abs(ln.size - last.size) > _size_tolerance(ln.size, noisy) or ln.bold != last.bold:
        return None
    if ln.marker or BULLET.match(ln.text) and (block.kind == "list_item" or GLYPH_BULLET.match(ln.text)):
        return None
    if last.italic and not ln.italic and len(block.lines) == 1 and last.text[-1:] not in ".,;:!?":
        return None  # an italic line of its own over plain text: a subheading
    gap = ln.top - last.bottom
    if not -2 <= gap <= min(usual_gap + 0.3 * ln.size, 1.0 * ln.size):
        return None
    overlap = min(ln.x1, last.x1) - max(ln.x0, last.x0)
    if overlap < 0.3 * min(ln.x1 - ln.x0, last.x1 - last.x0):
        return None
    if block.kind == "list_item" and ln.x0 < block.lines[0].x0 + 2:
        return None
    return gap


def blocks_of(lines: list[Line], noisy: bool = False) -> list[RawBlock]:
    """Lines (top to bottom) grouped into blocks; kinds list_item, footnote-candidate, box, caption set here."""
    blocks: list[RawBlock] = []
    open_blocks: list[RawBlock] = []
    usual_gap = line_gap(lines)
    for ln in lines:
        best, best_gap = None, None
        for b in open_blocks:
            gap = _joins(b, ln, usual_gap, noisy)
            if gap is not None and (best_gap is None or gap < best_gap):
                best, best_gap = b, gap
        if best is not None:
            best.lines.append(ln)
            continue
        b = RawBlock([ln], region=ln.region, marker=ln.marker)
        if ln.region >= 1000:
            b.kind = "caption"
        elif ln.region >= 0:
            b.kind = "box"
        if GLYPH_BULLET.match(ln.text) or (BULLET.match(ln.text) and not ln.bold) or ln.row == "item":
            b.kind = "list_item" if b.kind == "paragraph" else b.kind
        blocks.append(b)
        open_blocks = [o for o in open_blocks if ln.top - o.lines[-1].bottom < 3 * ln.size] + [b]
    return blocks


def kinds_of(blocks: list[RawBlock], body: float, first_page: bool, noisy: bool = False) -> None:
    """Footnotes, headings and the title, given the document's body text size. On OCR'd pages
    (`noisy`) sizes follow the scan's word boxes, so only clearly larger lines can be headings."""
    step = 0.3 * body if noisy else 1.0
    for b in blocks:
        if b.lines[0].row:
            continue  # a table row (its header row too) is no heading or footnote
        text = " ".join(ln.text for ln in b.lines)
        glued = GLUED_MARKER.match(text)
        if not b.marker and glued and b.size < body - 0.4 and b.kind == "paragraph":
            b.marker = glued.group(1)  # a same-size marker glued to the first word: "1In de monitor ..."
            b.lines[0].text = b.lines[0].text[len(b.marker):]
        if b.marker and b.size < body - 0.4:
            b.kind = "footnote"
        elif b.kind == "paragraph" and (b.lines[0].bold or b.size >= body + step) and len(b.lines) <= 3 \
                and len(text) <= 200 and b.size >= body - 0.6:
            b.kind = "heading"
        elif b.kind == "paragraph" and len(b.lines) == 1 and b.lines[0].italic and len(text) <= 100 \
                and text[-1:] not in ".,;:!?" and abs(b.size - body) <= 0.6 and not noisy:
            b.kind = "heading"
    if first_page:
        heads = [b for b in blocks if b.kind == "heading" and b.size >= 1.3 * body]
        if heads:
            biggest = max(b.size for b in heads)
            next(b for b in heads if b.size == biggest).kind = "title"
