"""Dev-only helper: a `Document` from lightweight text markup, for tests and tagger development.

Markup (one block per paragraph, blank lines between): `# title`, `## heading`, `- list item`,
`!box W: title | text`, `!img W: caption`, `[^1]: footnote`, `===` (page break), `@header: text`.
Real runs read PDFs with `extract.pdf.document_from_pdf`; this keeps tests cheap and PDF-free.
"""
from __future__ import annotations

import re

from extract.document import BBox, Block, Document, Page, Sentence, BLOCK_SEPARATOR

_SENT_END = re.compile(r"(?<=[.!?])[\"'’”)]*\s+(?=[A-Z0-9\"'‘“(€])")
_ABBREV = re.compile(r"(?:\b(?:mevr|dhr|mw|mr|dr|drs|ir|ing|prof|bijv|o\.a|t\.b\.v|m\.b\.t|i\.v\.m|ca|nr|St|e\.d|z\.s\.m|vs|etc|jl|a\.s)|\b[A-Z])\.$", re.I)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`: break after . ! ? before a capital, not after abbreviations."""
    out, start = [], 0
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text[start:m.start() + 1].rstrip("\"'’”)")):
            continue
        out.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text.rstrip())))
    return [(a, b) for a, b in out if text[a:b].strip()]


def document_from_markup(markup: str, path: str = "dev.pdf", doc_id: str = "d" * 64) -> Document:
    headers, items, page = [], [], 1
    for para in re.split(r"\n\s*\n", markup.strip()):
        para = para.strip()
        if para.startswith("@"):
            for line in para.splitlines():
                key, _, value = line[1:].partition(":")
                if key.strip() in ("header", "footer"):
                    headers.append(value.strip())
            continue
        if para == "===":
            page += 1
            continue
        if para.startswith("!img"):
            continue
        if para.startswith("## "):
            items.append(("heading", para[3:].strip(), page, 2))
        elif para.startswith("# "):
            items.append(("title", para[2:].strip(), page, 1))
        elif para.startswith("!box"):
            items.append(("box", para.split(":", 1)[1].replace(" | ", "\n").strip(), page, 0))
        elif para.startswith("[^"):
            items.append(("footnote", re.sub(r"^\[\^\d+\]:\s*", "", para), page, 0))
        elif all(line.startswith("- ") for line in para.splitlines()):
            items += [("list_item", line[2:].strip(), page, 0) for line in para.splitlines()]
        else:
            items.append(("paragraph", re.sub(r"\[\^\d+\]", "", " ".join(para.splitlines())), page, 0))
    blocks, sentences, pos = [], [], 0
    for i, (kind, text, pg, level) in enumerate(items):
        if i:
            pos += len(BLOCK_SEPARATOR)
        blocks.append(Block(kind, text, pg, BBox(72, 72 + 20 * i, 520, 86 + 20 * i), pos, pos + len(text), level=level))
        for a, b in split_sentences(text) if kind not in ("title", "heading") else []:
            sentences.append(Sentence(len(sentences), i, pg, pos + a, pos + b, text[a:b]))
        pos += len(text)
    text = BLOCK_SEPARATOR.join(b.text for b in blocks)
    pages = tuple(Page(n, 595.0, 842.0, 0) for n in range(1, page + 1))
    return Document(doc_id=doc_id, path=path, text=text, pages=pages, blocks=tuple(blocks),
                    sentences=tuple(sentences), running_headers=tuple(headers), extractor_version="devdoc")
