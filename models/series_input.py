"""What the cross-meeting models read of one report, built from a Document and its Annotations (the
warehouse builds the same objects from its rows, see warehouse/series_rows.py)."""
from __future__ import annotations

from extract.document import Document
from models.annotations import Annotations
from models.series import MeetingInfo, announced_meeting, referred_meetings
from models.thread_cues import acts_as_heading
from models.threads import ReportText, Unit


def meeting_info(doc: Document, sentences: list[str] | None = None) -> MeetingInfo:
    m = doc.meeting
    texts = sentences if sentences is not None else [s.text for s in doc.sentences]
    return MeetingInfo(
        doc_id=doc.doc_id, file_name=doc.path.replace("\\", "/").rsplit("/", 1)[-1], date=m.date, type=m.type,
        title=m.title, organisation=m.organisation, participants=tuple(a.name for a in m.attendees),
        headers=tuple(doc.running_headers), referred=referred_meetings(texts, m.date),
        announced=announced_meeting(texts, m.date))


def units_of(doc: Document, ann: Annotations | None) -> tuple[Unit, ...]:
    """Every sentence with its block kind, section heading and the commitment tagger's verdict."""
    committed = {c.sentence: c.by for c in (ann.commitments if ann else ())}
    heading_of: dict[int, str | None] = {}
    heading = None
    for i, b in enumerate(doc.blocks):
        if b.kind == "heading" and acts_as_heading(b.kind, b.text):
            heading = " ".join(b.text.split())
        heading_of[i] = heading
    out = []
    for s in doc.sentences:
        kind = doc.blocks[s.block].kind if doc.blocks else "paragraph"
        if acts_as_heading(kind, doc.blocks[s.block].text if doc.blocks else ""):
            continue
        out.append(Unit(s.index, s.page, s.start, s.end, s.text, "paragraph" if kind in ("heading", "title") else kind,
                        heading_of.get(s.block),
                        s.index in committed, committed.get(s.index), s.block))
    return tuple(out)


def report_text(doc: Document, ann: Annotations | None, info: MeetingInfo | None = None) -> ReportText:
    return ReportText(info or meeting_info(doc), units_of(doc, ann))
