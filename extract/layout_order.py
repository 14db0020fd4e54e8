"""Reading order (recursive XY-cut), running headers/footers, and block text.

XY-cut prefers a vertical cut (columns) when both sides are tall, else a horizontal cut: a
page with a full-width title over two columns reads title, left column, right column.
"""
from __future__ import annotations

import re
from collections import Counter

from extract.layout_blocks import GLUED_MARKER, GLYPH_BULLET, RawBlock
from extract.layout_lines import Line

PAGE_NUMBER = re.compile(r"^\W*(pagina|page|blz\.?|p\.|bladzijde)?\s*\d{1,4}(\s*(van|of|/)\s*\d{1,4})?\W*$", re.I)
PAGE_OF = re.compile(r"\b(pagina|page|blz\.?)\s*\d{1,4}\s*(van|of|/)\s*\d{1,4}\b", re.I)


def running_key(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def running_lines(pages: list[list[Line]], heights: list[float], body: float) -> set[int]:
    """ids of header/footer lines: page numbers, lines repeated in the margins, small isolated margin lines."""
    zone = {}
    for lines, h in zip(pages, heights):
        for i, ln in enumerate(lines):
            if ln.marker or GLUED_MARKER.match(ln.text):
                continue
            if ln.bottom < 0.1 * h or ln.top > 0.9 * h or (
                    (ln.bottom < 0.15 * h or ln.top > 0.8 * h) and PAGE_NUMBER.match(ln.text)):
                zone[id(ln)] = (ln, lines, i)
    counts: Counter = Counter()
    for ln, _, _ in zone.values():
        counts[running_key(ln.text)] += 1
    drop = set()
    for key, (ln, lines, i) in zone.items():
        others = [o for o in lines if o is not ln]
        gap = min((abs(o.top - ln.bottom) if o.top >= ln.top else abs(ln.top - o.bottom) for o in others), default=99)
        if PAGE_NUMBER.match(ln.text) or PAGE_OF.search(ln.text):
            drop.add(key)
        elif len(pages) > 1 and counts[running_key(ln.text)] >= 2 and len(ln.text) < 150:
            drop.add(key)
        elif ln.size < 0.9 * body and gap >= 1.0 * ln.size and len(ln.text) < 150:
            drop.add(key)
    return drop


def _cut(blocks: list[RawBlock], axis: str) -> tuple[list, list] | None:
    lo, hi = ("x0", "x1") if axis == "x" else ("top", "bottom")
    ordered = sorted(blocks, key=lambda b: getattr(b, lo))
    reach = getattr(ordered[0], hi)
    for i in range(1, len(ordered)):
        if getattr(ordered[i], lo) >= reach + (4 if axis == "x" else 0.5):
            return ordered[:i], ordered[i:]
        reach = max(reach, getattr(ordered[i], hi))
    return None


def _table_rows(left: list[RawBlock], right: list[RawBlock]) -> bool:
    """Both sides are mostly one-line blocks whose tops line up: a table, not two text columns."""
    if min(len(left), len(right)) < 3:
        return False
    tops = sorted(b.top for b in right)
    aligned = sum(1 for b in left if len(b.lines) == 1 and any(abs(b.top - t) < 2 for t in tops))
    return aligned >= 0.6 * min(len(left), len(right))


def reading_order(blocks: list[RawBlock]) -> list[RawBlock]:
    if len(blocks) <= 1:
        return list(blocks)
    top, bottom = min(b.top for b in blocks), max(b.bottom for b in blocks)
    cols = _cut(blocks, "x")
    if cols and _table_rows(*cols):
        cols = None  # cells of a table (attendee lists): read row by row, not column by column
    if cols:
        height = bottom - top
        left, right = cols
        if all(max(b.bottom for b in s) - min(b.top for b in s) > 0.4 * height for s in (left, right)):
            return reading_order(left) + reading_order(right)
    rows = _cut(blocks, "y")
    if rows:
        return reading_order(rows[0]) + reading_order(rows[1])
    if cols:
        return reading_order(cols[0]) + reading_order(cols[1])
    return sorted(blocks, key=lambda b: (b.top, b.x0))


_SUSPENDED = re.compile(r"^(en|of|tot|t/m|en/of)\b")


def _keeps_hyphen(out: str, nxt: str) -> bool:
    """A line-end hyphen that is part of the text: after an abbreviation or number (IC-, 2e-),
    or a suspended compound ("huur- en servicekosten")."""
    word = out.rsplit(" ", 1)[-1][:-1]
    return bool(word) and (word.isupper() and len(word) > 1 or word[-1].isdigit() or bool(_SUSPENDED.match(nxt)))


def join_lines(lines: list[Line]) -> str:
    """Lines joined with spaces; a hyphen at a line end joins the word when the next line goes on in lower case."""
    out, prev_soft = "", False
    for ln in lines:
        text = ln.text
        if not out:
            out = text
        elif out.endswith("-") and _keeps_hyphen(out, text):
            out = out + (" " if _SUSPENDED.match(text) else "") + text  # IC-opschaling; huur- en servicekosten
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[:1].islower():
            out = out[:-1] + text
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[:1].isupper():
            out = out + text  # Noord-Oost, Vleuten-De Meern
        elif prev_soft or out.endswith("://") or (out.endswith("/") and "/" in out.rsplit(" ", 1)[-1][:-1]):
            out = out + text  # a soft hyphen, or a web address broken at a slash
        else:
            out = out + " " + text
        prev_soft = ln.soft_hyphen
    return out


def block_text(block: RawBlock) -> str:
    text = join_lines(block.lines + block.extra)
    if block.kind == "list_item":
        text = GLYPH_BULLET.sub("", text)
    return text


def continues(prev: RawBlock, nxt: RawBlock) -> bool:
    """A paragraph cut by a column or page break: the next part starts a new column/page."""
    if prev.kind != "paragraph" or nxt.kind != "paragraph" or abs(prev.size - nxt.size) > 0.6:
        return False
    last = (prev.extra or prev.lines)[-1]
    first = nxt.lines[0]
    if last.row or first.row:
        return False  # table rows stand on their own
    if last.text.rstrip()[-1:] in ".!?:;\"”'’)":
        return False
    return first.page > last.page or first.top < last.top - 5 or first.text[:1].islower()
