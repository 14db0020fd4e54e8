"""Numbered tables (action lists, decision lists) read row by row.

A ruled table whose rows open with a printed number or code ("3", "3.", "A2", "2504/03") is a
list of items with columns (number, text, who, deadline, status mark). Read as running text its
columns come out one after another, so a row never appears as one line. Here each row of such a
table becomes one line of its own: its cells, left to right, joined by a space (a cell's own lines
joined as pdfplumber's text joins them). Tables without a number column (attendee lists, address
blocks) are left to the ordinary layout.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.clean import clean_text

# a number or code alone in the first cell: "3", "3.", "12)", "A2", "2504/03", "1.2", "24-07"
ROW_CODE = re.compile(r"^\(?[A-Z]{0,3}[-\s]?\d{1,4}(?:[./-]\d{1,4}){0,2}[.)]?$")
MIN_ROWS = 2  # numbered rows a table needs to be read row by row
MIN_COLUMNS = 2  # filled columns besides the number


@dataclass(frozen=True)
class TableRow:
    bbox: tuple  # (x0, top, x1, bottom)
    cells: tuple[str, ...]  # non-empty cells, left to right, each on one line
    numbered: bool  # the first cell is a number or code
    columns: tuple[str, ...] = ()  # every cell, empty ones too (to join a row cut by a page break)
    continued: bool = False  # a table's first row without its number: the rest of a row from the page before

    @property
    def text(self) -> str:
        return " ".join(self.cells)


def joined_cells(a: str, b: str) -> str:
    """One cell of a row cut by a page break: its two parts; a word broken into syllables
    ("Af" + "voeren") joins without a space."""
    if not a or not b:
        return a or b
    return a + b if len(a) <= 3 and a.isalpha() and b[:1].islower() else a + " " + b


def joined_rows(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(joined_cells(x, y) for x, y in zip(a, b))


@dataclass(frozen=True)
class NumberedTable:
    bbox: tuple
    rows: tuple[TableRow, ...]


def _cell(text: str | None) -> str:
    """A cell's lines on one line; a narrow cell holding one word in syllables ("vo/er/en") is that word."""
    parts = [" ".join(clean_text(p).split()) for p in (text or "").split("\n")]
    parts = [p for p in parts if p]
    if len(parts) >= 2 and all(len(p) <= 3 and p.isalpha() for p in parts):
        return "".join(parts)
    return " ".join(" ".join(parts).split())


def numbered_rows(rows: list[tuple[tuple, list[str | None]]]) -> tuple[TableRow, ...] | None:
    """(row bbox, cell texts) of one table -> its rows, when it is a numbered table, else None."""
    out, numbered, filled = [], 0, set()
    for bbox, cells in rows:
        texts = [_cell(c) for c in cells]
        kept = tuple(t for t in texts if t)
        if not kept:
            continue
        first = next((i for i, t in enumerate(texts) if t), 0)
        is_num = bool(ROW_CODE.match(texts[first])) and len(kept) >= 2
        numbered += is_num
        if is_num:
            filled |= {i for i, t in enumerate(texts) if t and i != first}
        cont = not out and not texts[0] and len(kept) >= 2
        out.append(TableRow(tuple(bbox), kept, is_num, tuple(texts), cont))
    if numbered < MIN_ROWS or len(filled) < MIN_COLUMNS or numbered < 0.5 * len(out):
        return None
    return tuple(out)


def numbered_tables(page) -> list[NumberedTable]:
    """The numbered tables pdfplumber's table finder sees on a page (ruled tables only)."""
    try:
        found = page.find_tables()
    except Exception:  # noqa: BLE001 - a table finder failure costs the rows, never the page
        return []
    out = []
    for t in found:
        try:
            texts = t.extract()
        except Exception:  # noqa: BLE001
            continue
        boxes = [r.bbox for r in t.rows]
        if len(boxes) != len(texts):
            continue
        rows = numbered_rows(list(zip(boxes, texts)))
        if rows:
            out.append(NumberedTable(tuple(t.bbox), rows))
    return out


def inside(ch: dict, bbox: tuple) -> bool:
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1
