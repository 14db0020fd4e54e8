"""A fast rule-based Dutch sentence splitter.

A sentence ends at . ! ? or … (plus closing quotes/brackets) followed by white space and a
capital, digit, opening quote or bullet - unless the word before the stop is a known abbreviation
(mevr., o.a., t.b.v., ...; but "enz." and "etc." before a capital do end one) or an initial (J. de Vries). A lower-case continuation never starts a
sentence ("Waarom?, vraagt een aanwezige"). Headings, titles and list items are one sentence each.
One regex pass per block: linear in the text length.
"""
from __future__ import annotations

import re

from extract.document import Block, Sentence

# Words that are also ordinary sentence ends ("zo", "lid", "Jan", "min", "do") are left out on purpose.
ABBREVIATIONS = frozenset("""
mevr dhr mw mr dr drs ir ing prof hr st nr nrs blz pag bijv bv vgl ca resp evt incl excl excl
m.b.t t.b.v t.a.v o.a i.p.v i.v.m m.i.v d.w.z z.g.a.n.w a.s j.l jl e.d e.a m.n o.b.v n.a.v i.o.m i.s.m t.z.t
p.p a.u.b s.v.p c.q v.w.b zgn zg feb mrt apr jun jul aug sep sept okt nov dec di wo vr za tel
art gem vnl vz secr penn wethr wnd e.v m.a.w i.c o.v.v p.m d.d z.s.m vs o.l.v m.u.v t.o.v
i.h.k.v e.e.a ivm tbv oa mbt nav ipv a.i bijz ong ca
""".split())
WHOLE_BLOCK = ("title", "heading", "list_item", "caption")
# the stop, closing quotes/brackets, spaces, then what a new sentence may start with (a bullet, typed or
# as OCR reads it: « » ▪ ·, inside a paragraph starts a new item)
_END = re.compile(r"([.!?…]+)([\"'”’)\]]*)(\s+)(?=[\"'“‘(\[•«»▪·\-–]?\s?[A-Z0-9À-ÖØ-Þ€])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(text: str, stop: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, stop - 20), stop)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    return len(word) == 1 and word.isalpha() and text[m.start(1)].isupper()  # an initial: J. de Vries


def spans_of(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one block's text."""
    spans, start = [], 0
    for m in _END.finditer(text):
        if m.group(1) == "." and _is_abbreviation(text, m.start(1)):
            continue
        end = m.end(2)
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end(3)
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences_of(blocks: tuple[Block, ...] | list[Block]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    for i, b in enumerate(blocks):
        spans = [(0, len(b.text))] if b.kind in WHOLE_BLOCK else spans_of(b.text)
        for s, e in spans:
            s, e = _trimmed(b.text, s, e)
            if s == e:
                continue
            out.append(Sentence(len(out), i, b.page, b.start + s, b.start + e, b.text[s:e]))
    return tuple(out)
