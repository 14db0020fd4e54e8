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
    """Mark lines inside shaded boxes (region = box index) and captions under pictures (1000 + index)."""
    for ln in lines:
        cx, cy = (ln.x0 + ln.x1) / 2, (ln.top + ln.bottom) / 2
        for i, (x0, top, x1, bottom) in enumerate(boxes):
            if x0 - 1 <= cx <= x1 + 1 and top - 1 <= cy <= bottom + 1:
                ln.region = i
                break
        else:
            for i, (x0, top, x1, bottom) in enumerate(pictures):
                if ln.x0 >= x0 - 6 and ln.x1 <= x1 + 6 and bottom - 3 <= ln.top <= bottom + 3 * ln.size:
                    ln.region = 1000 + i
                    break


def _joins(block: RawBlock, ln: Line) -> float | None:
    """Vertical gap if `ln` continues `block`, else None."""
    last = block.lines[-1]
    if ln.region != block.region or abs(ln.size - last.size) > 0.6 or ln.bold != last.bold:
        return None
    if ln.marker or BULLET.match(ln.text) and (block.kind == "list_item" or GLYPH_BULLET.match(ln.text)):
        return None
    gap = ln.top - last.bottom
    if not -2 <= gap <= 0.75 * ln.size:
        return None
    overlap = min(ln.x1, last.x1) - max(ln.x0, last.x0)
    if overlap < 0.3 * min(ln.x1 - ln.x0, last.x1 - last.x0):
        return None
    if block.kind == "list_item" and ln.x0 < block.lines[0].x0 + 2:
        return None
    return gap


def blocks_of(lines: list[Line]) -> list[RawBlock]:
    """Lines (top to bottom) grouped into blocks; kinds list_item, footnote-candidate, box, caption set here."""
    blocks: list[RawBlock] = []
    open_blocks: list[RawBlock] = []
    for ln in lines:
        best, best_gap = None, None
        for b in open_blocks:
            gap = _joins(b, ln)
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
        if GLYPH_BULLET.match(ln.text) or (BULLET.match(ln.text) and not ln.bold):
            b.kind = "list_item" if b.kind == "paragraph" else b.kind
        blocks.append(b)
        open_blocks = [o for o in open_blocks if ln.top - o.lines[-1].bottom < 3 * ln.size] + [b]
    return blocks


def kinds_of(blocks: list[RawBlock], body: float, first_page: bool) -> None:
    """Footnotes, headings and the title, given the document's body text size."""
    for b in blocks:
        text = " ".join(ln.text for ln in b.lines)
        glued = GLUED_MARKER.match(text)
        if not b.marker and glued and b.size < body - 0.4 and b.kind == "paragraph":
            b.marker = glued.group(1)  # a same-size marker glued to the first word: "1In de monitor ..."
            b.lines[0].text = b.lines[0].text[len(b.marker):]
        if b.marker and b.size < body - 0.4:
            b.kind = "footnote"
        elif b.kind == "paragraph" and (b.lines[0].bold or b.size >= body + 1.0) and len(b.lines) <= 3 \
                and len(text) <= 200 and b.size >= body - 0.6:
            b.kind = "heading"
    if first_page:
        heads = [b for b in blocks if b.kind == "heading" and b.size >= 1.3 * body]
        if heads:
            biggest = max(b.size for b in heads)
            next(b for b in heads if b.size == biggest).kind = "title"
