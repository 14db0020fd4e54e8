"""Test helper: a `Document` from lightweight text markup, for the tagger tests.

Markup (one block per paragraph, blank lines between): `# title`, `## heading`, `- list item`,
`!box W: title | text`, `!img W: caption`, `[^1]: footnote`, `===` (page break), `@header: text`.
Real runs read PDFs with `extract.pdf.document_from_pdf`; this keeps tests cheap and PDF-free. Sentences
are split by `extract.sentences.sentences_of`, as in production, so a test sees the sentence indices a
real run would make.
"""
from __future__ import annotations

import re

from extract.document import BBox, Block, Document, Page, BLOCK_SEPARATOR
from extract.sentences import sentences_of

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
    blocks, pos = [], 0
    for i, (kind, text, pg, level) in enumerate(items):
        if i:
            pos += len(BLOCK_SEPARATOR)
        blocks.append(Block(kind, text, pg, BBox(72, 72 + 20 * i, 520, 86 + 20 * i), pos, pos + len(text), level=level))
        pos += len(text)
    sentences = sentences_of(blocks)
    text = BLOCK_SEPARATOR.join(b.text for b in blocks)
    pages = tuple(Page(n, 595.0, 842.0, 0) for n in range(1, page + 1))
    return Document(doc_id=doc_id, path=path, text=text, pages=pages, blocks=tuple(blocks),
                    sentences=tuple(sentences), running_headers=tuple(headers), extractor_version="devdoc")
