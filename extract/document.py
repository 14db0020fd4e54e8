"""The structured document that extraction produces: the contract between extract/ and models/.

Everything is a frozen dataclass. Offsets (`start`, `end`) are character offsets into
`Document.text`, which is the blocks' texts joined in reading order by BLOCK_SEPARATOR.
Every span can therefore be traced to its document (`doc_id`), page, bounding box and characters.
"""
from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_SEPARATOR = "\n\n"

# Block kinds, in the words the warehouse stores.
BLOCK_KINDS = ("title", "heading", "paragraph", "list_item", "footnote", "caption", "box")


@dataclass(frozen=True)
class BBox:
    """A rectangle on a page in PDF points, origin top-left (pdfplumber's `top`/`bottom`)."""
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Span:
    """A piece of a document's text with its provenance; predictions and gold use this type."""
    doc_id: str
    page: int  # 1-based
    start: int  # offset into Document.text
    end: int
    text: str
    bbox: BBox | None = None


@dataclass(frozen=True)
class Block:
    kind: str  # one of BLOCK_KINDS
    text: str
    page: int  # 1-based page where the block starts
    bbox: BBox
    start: int
    end: int
    level: int = 0  # heading level (1 = top), 0 for other kinds
    ocr: bool = False  # text came from OCR
    footnote: str | None = None  # a footnote's own marker ("1"); for other blocks None
    footnote_refs: tuple[str, ...] = ()  # markers referenced from this block's text


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the document, 0-based
    block: int  # index into Document.blocks
    page: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    n_chars: int
    ocr: bool = False
    skipped: str | None = None  # why a page was not read (too_large, ...), else None


@dataclass(frozen=True)
class Attendee:
    name: str
    organisation: str | None = None
    role: str | None = None
    status: str = "present"  # present | absent | member (a roster of the body's members: not who came)
    page: int = 0
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class Meeting:
    """Meeting metadata; each `*_source` says where the value came from (text, filename, pdf_metadata)."""
    date: str | None = None  # ISO yyyy-mm-dd
    date_source: str | None = None
    type: str | None = None  # themabijeenkomst, ledenvergadering, bewonersavond, overleg, notulen, ...
    title: str | None = None
    organisation: str | None = None
    place: str | None = None
    participants: int | None = None
    attendees: tuple[Attendee, ...] = ()
    present_count: int | None = None


@dataclass(frozen=True)
class Document:
    doc_id: str  # sha256 of the file's bytes
    path: str
    text: str
    pages: tuple[Page, ...]
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...] = ()
    meeting: Meeting = field(default_factory=Meeting)
    language: str = "nl"
    flags: tuple[str, ...] = ()  # loaded_flagged reasons: repaired, garbled_text, hidden_text, too_large, ocr_used
    pdf_metadata: tuple[tuple[str, str], ...] = ()  # sanitised (key, value) pairs
    running_headers: tuple[str, ...] = ()  # dropped running header/footer lines (they often name the organisation)
    extractor_version: str = ""

    def page_of(self, offset: int) -> int:
        for b in self.blocks:
            if b.start <= offset <= b.end:
                return b.page
        return self.blocks[-1].page if self.blocks else 1

    def span(self, start: int, end: int) -> Span:
        """The Span of characters [start, end) with its provenance: the page of `start` and, as the
        bounding box, the union of the boxes of the blocks the characters fall in on that page
        (None when they fall in no block, e.g. only a separator)."""
        page = self.page_of(start)
        boxes = [b.bbox for b in self.blocks
                 if b.page == page and b.bbox is not None
                 and (b.start < end and start < b.end or b.start <= start < b.end or start == end == b.start)]
        box = None
        if boxes:
            box = BBox(min(b.x0 for b in boxes), min(b.top for b in boxes),
                       max(b.x1 for b in boxes), max(b.bottom for b in boxes))
        return Span(self.doc_id, page, start, end, self.text[start:end], box)


EXAMPLE_MINIMAL_DOCUMENT = Document(
    doc_id="0" * 64, path="leeg.pdf", text="", pages=(Page(1, 595.0, 842.0, 0),), blocks=())

_T = "Verslag bewonersavond 3 maart 2022"
_P = "Een bewoner klaagt over schimmel in de badkamer."
EXAMPLE_FILLED_DOCUMENT = Document(
    doc_id="f" * 64,
    path="2022-03-03_bewonersavond.pdf",
    text=_T + BLOCK_SEPARATOR + _P,
    pages=(Page(1, 595.0, 842.0, len(_T) + len(_P)),),
    blocks=(
        Block("title", _T, 1, BBox(72, 72, 400, 90), 0, len(_T), level=1),
        Block("paragraph", _P, 1, BBox(72, 110, 520, 124), len(_T) + 2, len(_T) + 2 + len(_P)),
    ),
    sentences=(Sentence(0, 1, 1, len(_T) + 2, len(_T) + 2 + len(_P), _P),),
    meeting=Meeting(date="2022-03-03", date_source="text", type="bewonersavond", title="bewonersavond"),
    extractor_version="layout.v1",
)
