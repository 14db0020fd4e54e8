"""Units of a report as the thread models read them: a list item broken over two blocks joined, a
numbered action list read as one paragraph cut at its numbers, an action table read as running text
cut at each action code ("2504/03") or <actiepunt> marker. Offsets stay true to the report text."""
from __future__ import annotations

import re
from dataclasses import replace

from models import thread_cues as cues


def units_merged(units) -> list:
    """A list item broken over two blocks ("... voor de" + "zomer)") is one unit; a numbered action
    list read as one paragraph ("... (Bosman, volgend over- leg) 2. Intercom ...") is cut into items."""
    out: list = []
    for u in _rows_cut(_items_cut(_numbered_items_joined(units))):
        prev = out[-1] if out else None
        if (prev and prev.kind == "list_item" and u.kind == "paragraph" and u.text[:1].islower()
                and prev.text.count("(") > prev.text.count(")")):
            out[-1] = replace(prev, end=u.end, text=prev.text + "\n\n" + u.text)
        else:
            out.append(u)
    return out


_ITEM = re.compile(r"(?:(?<=^)|(?<=\s))(\d{1,2})\.\s+(?=[A-Z])")


def _items_cut(units) -> list:
    out: list = []
    i = 0
    while i < len(units):
        u = units[i]
        if not (cues.ACTION_HEADINGS.search(u.heading or "") and not cues.REVIEW_HEADINGS.search(u.heading or "")
                and re.search(r"\s\d{1,2}\.$", u.text.strip())):
            out.append(u)
            i += 1
            continue
        j = i
        while j < len(units) and units[j].heading == u.heading and units[j].kind != "heading":
            j += 1
        if out and out[-1].heading == u.heading and out[-1].kind == "list_item" and _ITEM.match(out[-1].text):
            i, first = i - 1, out.pop()  # the list item this paragraph continues
            group = [first] + list(units[i + 1:j])
        else:
            group = list(units[i:j])
        if not _ITEM.match(group[0].text):
            out.extend(group)
            i = j
            continue
        stream, where = "", []  # stream position -> (unit, offset in unit)
        for g in group:
            if stream:
                stream += " "
            where.append((len(stream), g))
            stream += g.text
        cuts = [m.start() for m in _ITEM.finditer(stream)] or [0]
        if cuts[0] != 0:
            cuts.insert(0, 0)
        for a, b in zip(cuts, cuts[1:] + [len(stream)]):
            text = stream[a:b].strip()
            if not text:
                continue
            at = max((w for w in where if w[0] <= a), key=lambda w: w[0])
            to = max((w for w in where if w[0] < b), key=lambda w: w[0])
            g0, g1 = at[1], to[1]
            start = g0.start + (a - at[0])
            end = min(g1.end, g1.start + (b - to[0]))
            out.append(replace(g0, start=start, end=end, text=text, kind="list_item",
                               committed=g0.committed or g1.committed))
        i = j
    return out


_ROW = re.compile(r"(?<![\d/])\d{4}/\d{2}(?![\d/])|<\s*[Aa]ctiepunt\b")


def _rows_cut(units) -> list:
    """An action table read as running text ("... G 0209/13 Mbt CORS. 0212/14 ...") is cut at each
    printed action code, so that every row is a unit of its own."""
    out = []
    for u in units:
        starts = [m.start() for m in _ROW.finditer(u.text)]
        if not starts or (starts == [0]):
            out.append(u)
            continue
        cuts = ([0] if starts[0] != 0 else []) + starts
        for a, b in zip(cuts, cuts[1:] + [len(u.text)]):
            piece = u.text[a:b].rstrip()
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                out.append(replace(u, start=u.start + a + lead, end=u.start + a + len(piece),
                                   text=piece.strip()))
    return out


_NUMBERED_ITEM = re.compile(r"^\s*(?:\d{1,4}/\d{2}|\(?[A-Z]{0,3}\d{1,3}[.)]?)\s+\S")


def _numbered_items_joined(units) -> list:
    """A numbered list item or table row of several sentences ("0711/02 Brief opstellen. Eerst de
    tekst afstemmen. Bestuur G") is one unit: its number, text, who, deadline and status mark belong
    together."""
    out: list = []
    for u in units:
        prev = out[-1] if out else None
        if (prev is not None and u.kind == "list_item" and prev.kind == "list_item" and u.block == prev.block
                and u.block >= 0 and _NUMBERED_ITEM.match(prev.text)):
            out[-1] = replace(prev, end=u.end, text=prev.text + " " * max(1, u.start - prev.end) + u.text,
                              committed=prev.committed or u.committed, by=prev.by or u.by)
        else:
            out.append(u)
    return out
