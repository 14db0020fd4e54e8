"""Rows for sentences and every tag of one document; called inside the loader's transaction.

Each tag keeps its provenance (doc_id, page, char_start, char_end, bbox). The box is the tagger's own
when it set one, else the document's: Document.span(start, end) (the blocks the characters fall in). Named speakers
are resolved to archive-wide persons first, so sentences, concerns, commitments and attendees can
point at a person_id.
"""
from __future__ import annotations

from extract.document import Document, Span
from warehouse import persons
from warehouse.rows import RowBatch, bbox
from warehouse.settings import WarehouseSettings


def _span(s: Span) -> tuple:
    return (s.page, s.start, s.end)


def _box(doc: Document, s: Span):
    """The span's bounding box as a row value: its own, or derived from the document's blocks."""
    return bbox(s.bbox if s.bbox is not None else doc.span(s.start, s.end).bbox)


def _people(conn, doc: Document, ann, index: persons.PersonIndex, rows: RowBatch) -> dict[str, str]:
    """speaker key -> person_id (tags carry speaker keys); inserts doc_speakers, roles and mentions."""
    by_key: dict[str, str] = {}
    speakers, roles, mentions = [], [], []
    for s in ann.speakers:
        private = bool(s.private or s.kind == "tenant")
        pid = index.resolve(s.name, s.aliases, s.kind, private, doc.doc_id)
        if pid is None:
            continue
        by_key[s.key] = pid
        speakers.append((doc.doc_id, s.key, pid, s.name, list(s.aliases), s.role, s.organisation, s.kind, private))
        roles.append((pid, s.role, s.organisation, s.kind, doc.doc_id, doc.meeting.date if _iso(doc.meeting.date) else None))
        mentions += [(doc.doc_id, s.key, pid, *_span(m), m.text, _box(doc, m)) for m in s.mentions]
    index.flush(conn)
    rows.add("doc_speakers", speakers)
    rows.add("person_roles", roles)
    rows.add("speaker_mentions", mentions)
    return by_key


def _iso(date: str | None) -> bool:
    return bool(date) and len(date) == 10 and date[4] == "-" and date[7] == "-"


def _who(by_key: dict[str, str], key: str | None) -> str | None:
    """person_id of a speaker key; None for anonymous voices and organisations."""
    return by_key.get(key) if key else None


def insert_tags(conn, doc: Document, ann, settings: WarehouseSettings, rows: RowBatch) -> None:
    """Persons go to `conn` at once (the next document resolves against them); every other row to `rows`."""
    d = doc.doc_id
    index = persons.PersonIndex(conn, settings.person_match)
    by_key = _people(conn, doc, ann, index, rows) if ann is not None else {}
    names = {sp.key: sp.name for sp in ann.speakers} if ann is not None else {}
    atts = {a.sentence: a for a in ann.attributions} if ann is not None else {}
    sentences, themes = [], []
    for s in doc.sentences:
        a = atts.get(s.index)
        speaker = a.speaker if a else None
        sentences.append((f"{d}:{s.index}", d, s.index, s.block, s.page, s.start, s.end, s.text, speaker,
                          _who(by_key, speaker), a.how if a else None))
        themes += [(d, s.index, t, s.page, s.start, s.end) for t in dict.fromkeys(a.themes if a else ())]
    rows.add("sentences", sentences)
    rows.add("sentence_themes", themes)
    rows.add("attendees", [(d, i, a.name, index.known(a.name), a.organisation, a.role,
                           a.status, a.page, a.start, a.end) for i, a in enumerate(doc.meeting.attendees)])
    if ann is None:
        return
    rows.add("sections", [(d, s.index, s.heading, *_span(s.span), list(s.speakers)) for s in ann.sections])
    rows.add("section_themes", [(d, s.index, t.theme, t.score) for s in ann.sections for t in s.themes])
    rows.add("theme_evidence", [(d, s.index, t.theme, *_span(e), e.text, _box(doc, e))
                                for s in ann.sections for t in s.themes for e in t.evidence])
    rows.add("concerns", [(f"{d}:{i}", d, i, c.sentence, c.quote, c.kind, list(c.categories), names.get(c.raised_by, c.raised_by),
                          _who(by_key, c.raised_by), c.score, *_span(c.span), _box(doc, c.span))
                         for i, c in enumerate(ann.concerns)])
    rows.add("commitments", [(d, i, c.sentence, c.quote, names.get(c.by, c.by), _who(by_key, c.by), c.deadline,
                             *_span(c.span), _box(doc, c.span)) for i, c in enumerate(ann.commitments)])
    rows.add("mentions", [(d, i, m.label, m.text, *_span(m.span), _box(doc, m.span))
                          for i, m in enumerate(ann.mentions)])
    rows.add("facts", [(d, i, f.quote, f.value, f.unit, f.year, *_span(f.span), _box(doc, f.span))
                       for i, f in enumerate(ann.facts)])
