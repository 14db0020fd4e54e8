"""Looking at what extraction found: a plain-text outline (the golden files) and a page picture
with the detected blocks drawn in (`verslagen debug-page`)."""
from __future__ import annotations

from extract.document import Document
from extract.settings import ExtractSettings

COLOURS = {"title": "#d62728", "heading": "#ff7f0e", "paragraph": "#1f77b4", "list_item": "#2ca02c",
           "footnote": "#9467bd", "caption": "#8c564b", "box": "#e377c2"}


def outline_of(doc: Document) -> str:
    """One entry per block (kind, level, page, footnote links, text), then the dropped running lines
    and the flags: the format of tests/golden/*.txt, where a diff reads like a review."""
    out = []
    for b in doc.blocks:
        tags = [b.kind + (str(b.level) if b.level else ""), f"p{b.page}"]
        if b.footnote:
            tags.append(f"footnote={b.footnote}")
        if b.footnote_refs:
            tags.append("refs=" + ",".join(b.footnote_refs))
        if b.ocr:
            tags.append("ocr")
        out.append(f"[{' '.join(tags)}] {b.text}")
    out.append("")
    out.extend(f"[running] {h}" for h in doc.running_headers)
    out.append(f"[flags] {' '.join(doc.flags) or '-'}")
    out.append(f"[sentences] {len(doc.sentences)}")
    return "\n".join(out) + "\n"


def draw_blocks(path: str, page_number: int, out: str, settings: ExtractSettings | None = None,
                resolution: int = 100) -> int:
    """Draw the blocks found on one page (1-based) over its image; returns the number of blocks drawn."""
    import pdfplumber

    from extract.pdf import document_from_pdf

    doc = document_from_pdf(path, settings or ExtractSettings())
    blocks = [b for b in doc.blocks if b.page == page_number]
    with pdfplumber.open(path) as pdf:
        if not 1 <= page_number <= len(pdf.pages):
            raise ValueError(f"page {page_number} does not exist (the file has {len(pdf.pages)} pages)")
        image = pdf.pages[page_number - 1].to_image(resolution=resolution)
        for b in blocks:
            colour = COLOURS.get(b.kind, "#000000")
            image.draw_rect((b.bbox.x0, b.bbox.top, b.bbox.x1, b.bbox.bottom), fill=colour + "22", stroke=colour,
                            stroke_width=2)
        image.save(out, format="PNG")
    return len(blocks)
