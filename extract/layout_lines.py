"""Characters -> words -> line segments for one page.

A "line" here is a horizontal run of words without a wide gap: two columns, or a caption beside
a text column, give two lines on the same baseline, so text beside a picture never interleaves.
Superscript digits inside a line become footnote references (kept out of the text so they do not
glue onto the previous word); a small digit opening a line marks a footnote.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pdfplumber.utils.text import WordExtractor

from extract.clean import clean_text

_BULLET_WORD = re.compile(r"^([•●▪■◦○‣⁃∙·\-–—*o\uf000-\uf0ff\ue000-\uf8ff]|\(?\d{1,2}[.)]|[a-z][.)])$")
WHITE = ((1,), (1, 1, 1), (0, 0, 0, 0), (1.0,), (1.0, 1.0, 1.0))


@dataclass
class Line:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    italic: bool
    text: str
    refs: tuple[str, ...] = ()
    marker: str | None = None  # footnote marker opening the line
    soft_hyphen: bool = False  # the line ended in a soft hyphen (always a word break)
    region: int = -1  # index of the shaded box or picture the line belongs to, -1 = main text
    row: str | None = None  # a row of a numbered table: "item" (opens with its number), "cont" (the rest of
    # the last row of the page before) or "row"; a row never joins other lines
    cells: tuple[str, ...] = ()  # a table row's cells, empty ones too


def _invisible(ch: dict, backgrounds: list[tuple] = ()) -> bool:
    """White text (unless it sits on a picture or a filled shape, as on a dark slide) or under 1 pt."""
    if ch.get("size", 0) < 1:
        return True
    color = ch.get("non_stroking_color")
    color = tuple(color) if isinstance(color, list) else (color,) if isinstance(color, (int, float)) else color
    if color not in WHITE:
        return False
    cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
    return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in backgrounds)


def _outside(ch: dict, width: float, height: float) -> bool:
    if width <= 1 or height <= 1:  # a degenerate MediaBox ([0 0 0 0]) says nothing about visibility
        return False
    return ch["x1"] < 0 or ch["x0"] > width or ch["bottom"] < 0 or ch["top"] > height


def visible_chars(chars: list[dict], width: float, height: float, backgrounds: list[tuple] = ()) -> list[dict]:
    """Characters a reader sees: not white, not under 1 pt, not off the page - except the tail of a
    line that runs off the page edge, which is real text cut by the page."""
    seen = [c for c in chars if not _invisible(c, backgrounds)]
    inside = [c for c in seen if not _outside(c, width, height)]
    rows = {round(c["top"]) for c in inside}
    return [c for c in seen if not _outside(c, width, height) or round(c["top"]) in rows]


def words_of(chars: list[dict]) -> list[dict]:
    extractor = WordExtractor(x_tolerance=2, y_tolerance=3, extra_attrs=["size", "fontname"])
    return _font_joined([w for w, _ in extractor.iter_extract_tuples(chars)])


def _font_joined(words: list[dict]) -> list[dict]:
    """A word set in two fonts of one size ("<" plain, "actiepunt" bold; "Logius" bold, ":" plain)
    is one word, as in pdfplumber's own text: parts that touch on one baseline are joined; the word
    keeps the font of its longer part."""
    out: list[dict] = []
    for w in words:
        prev = out[-1] if out else None
        if (prev is not None and prev["fontname"] != w["fontname"] and abs(prev["size"] - w["size"]) < 0.1
                and abs(prev["bottom"] - w["bottom"]) < 0.5 and -0.5 <= w["x0"] - prev["x1"] <= 0.5
                and prev.get("upright", True) == w.get("upright", True)):
            longer = prev if len(prev["text"]) >= len(w["text"]) else w
            out[-1] = {**prev, "text": prev["text"] + w["text"], "x1": w["x1"], "fontname": longer["fontname"],
                       "top": min(prev["top"], w["top"])}
        else:
            out.append(w)
    return out


def _style(fontname: str) -> tuple[bool, bool]:
    f = fontname.lower()
    return any(k in f for k in ("bold", "black", "heavy", "semibold", ",b")), "italic" in f or "oblique" in f


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words grouped into rows: a word joins the row whose anchor (its largest word) has a close midpoint."""
    rows: list[list[dict]] = []
    anchor = None
    for w in sorted(words, key=lambda w: (w["top"] + w["bottom"]) / 2):
        mid = (w["top"] + w["bottom"]) / 2
        if rows and abs(mid - (anchor["top"] + anchor["bottom"]) / 2) <= 0.45 * max(anchor["size"], w["size"]):
            rows[-1].append(w)
            anchor = w if w["size"] > anchor["size"] else anchor
        else:
            rows.append([w])
            anchor = w
    return rows


def _box_of(w: dict, boxes: list[tuple]) -> int:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return next((i for i, (x0, top, x1, bottom) in enumerate(boxes) if x0 <= cx <= x1 and top <= cy <= bottom), -1)


def _split_row(row: list[dict], boxes: list[tuple]) -> list[list[dict]]:
    """A row cut at wide gaps and at the edges of shaded boxes (text beside a box is not box text)."""
    row.sort(key=lambda w: w["x0"])
    parts = [[row[0]]]
    for w in row[1:]:
        prev = parts[-1][-1]
        gap_limit = max(1.3 * max(prev["size"], w["size"]), 9.0)
        gap = w["x0"] - prev["x1"]
        bullet = len(parts[-1]) == 1 and _BULLET_WORD.match(prev["text"]) and gap < 6 * w["size"]
        same = (gap <= gap_limit or bullet) and (not boxes or _box_of(w, boxes) == _box_of(prev, boxes))
        (parts[-1].append(w) if same else parts.append([w]))
    return parts


def _line(page: int, words: list[dict]) -> Line | None:
    sizes = sorted(w["size"] for w in words for _ in w["text"]) or [w["size"] for w in words]
    size = sizes[len(sizes) // 2]
    texts, refs, marker = [], [], None
    for i, w in enumerate(words):
        small_digit = w["text"].isdigit() and len(w["text"]) <= 2 and w["size"] < 0.85 * size
        if small_digit and i == 0 and len(words) > 1:
            marker = w["text"]
        elif small_digit and i > 0:
            refs.append(w["text"])
        else:
            texts.append(w["text"])
    raw = " ".join(texts)
    text = " ".join(clean_text(raw).split())
    if not text:
        return None
    body = [w for w in words if w["size"] >= 0.85 * size] or words
    bold = sum(_style(w["fontname"])[0] * len(w["text"]) for w in body) > 0.6 * sum(len(w["text"]) for w in body)
    italic = sum(_style(w["fontname"])[1] * len(w["text"]) for w in body) > 0.6 * sum(len(w["text"]) for w in body)
    return Line(page, min(w["x0"] for w in words), min(w["top"] for w in body), max(w["x1"] for w in words),
                max(w["bottom"] for w in body), round(size, 1), bold, italic, text, tuple(refs), marker,
                raw.rstrip().endswith("\u00ad"))


def row_line(page: int, row, chars: list[dict]) -> Line | None:
    """One row of a numbered table as one line: its cells' text, the size and weight of its characters."""
    text = " ".join(clean_text(row.text).split())
    if not text:
        return None
    sizes = sorted(c["size"] for c in chars) or [10.0]
    size = sizes[len(sizes) // 2]
    bold = sum(_style(c.get("fontname", ""))[0] for c in chars) > 0.6 * max(len(chars), 1)
    x0, top, x1, bottom = row.bbox
    return Line(page, x0, top, x1, bottom, round(size, 1), bold, False, text,
                row="item" if row.numbered else "cont" if row.continued else "row", cells=row.columns)


def lines_of(page: int, chars: list[dict], width: float, height: float,
             boxes: list[tuple] = (), backgrounds: list[tuple] = (), tables: list = ()) -> tuple[list[Line], int]:
    """Visible line segments of a page in top-to-bottom order, and the number of hidden characters.
    The rows of numbered tables (`extract.layout_tables`) come out as one line each."""
    visible = visible_chars(chars, width, height, list(backgrounds))
    hidden = sum(1 for c in chars if not c["text"].isspace()) - sum(1 for c in visible if not c["text"].isspace())
    lines = []
    if tables:
        from extract.layout_tables import inside

        for t in tables:
            for r in t.rows:
                line = row_line(page, r, [c for c in visible if inside(c, r.bbox) and not c["text"].isspace()])
                if line:
                    lines.append(line)
        visible = [c for c in visible if not any(inside(c, t.bbox) for t in tables)]
    for row in _rows(words_of(visible)):
        for part in _split_row(row, list(boxes)):
            line = _line(page, part)
            if line:
                lines.append(line)
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines, hidden
