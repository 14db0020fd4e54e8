"""Rows for sentences and every tag of one document; called inside load_document's transaction.

Each tag keeps its provenance (doc_id, page, char_start, char_end, bbox when known). Named speakers
are resolved to archive-wide persons first, so sentences, concerns, commitments and attendees can
point at a person_id.
"""
from __future__ import annotations

from extract.document import Document, Span
from warehouse import persons
from warehouse.rows import bbox, insert_rows
from warehouse.settings import WarehouseSettings


def _span(s: Span) -> tuple:
    return (s.page, s.start, s.end)


def _people(conn, doc: Document, ann, index: persons.PersonIndex) -> dict[str, str]:
    """speaker key, name and aliases (normalised) -> person_id; inserts doc_speakers, roles and mentions."""
    by_name: dict[str, str] = {}
    speakers, roles, mentions = [], [], []
    for s in ann.speakers:
        private = bool(s.private or s.kind == "tenant")
        pid = index.resolve(s.name, s.aliases, s.kind, private, doc.doc_id)
        if pid is None:
            continue
        for written in (s.key, s.name, *s.aliases):
            by_name.setdefault(persons.normalise(written), pid)
        by_name.setdefault(s.key, pid)
        speakers.append((doc.doc_id, s.key, pid, s.name, list(s.aliases), s.role, s.organisation, s.kind, private))
        roles.append((pid, s.role, s.organisation, s.kind, doc.doc_id, doc.meeting.date if _iso(doc.meeting.date) else None))
        mentions += [(doc.doc_id, s.key, pid, *_span(m), m.text, bbox(m.bbox)) for m in s.mentions]
    index.flush(conn)
    insert_rows(conn, "doc_speakers", speakers)
    insert_rows(conn, "person_roles", roles)
    insert_rows(conn, "speaker_mentions", mentions)
    return by_name


def _iso(date: str | None) -> bool:
    return bool(date) and len(date) == 10 and date[4] == "-" and date[7] == "-"


def _who(by_name: dict[str, str], name: str | None) -> str | None:
    if not name or name in persons.ANONYMOUS:
        return None
    return by_name.get(name) or by_name.get(persons.normalise(name))


def insert_tags(conn, doc: Document, ann, settings: WarehouseSettings) -> None:
    d = doc.doc_id
    index = persons.PersonIndex(conn, settings.person_match)
    by_name = _people(conn, doc, ann, index) if ann is not None else {}
    atts = {a.sentence: a for a in ann.attributions} if ann is not None else {}
    sentences, themes = [], []
    for s in doc.sentences:
        a = atts.get(s.index)
        speaker = a.speaker if a else None
        sentences.append((f"{d}:{s.index}", d, s.index, s.block, s.page, s.start, s.end, s.text, speaker,
                          _who(by_name, speaker), a.how if a else None))
        themes += [(d, s.index, t, s.page, s.start, s.end) for t in dict.fromkeys(a.themes if a else ())]
    insert_rows(conn, "sentences", sentences)
    insert_rows(conn, "sentence_themes", themes)
    insert_rows(conn, "attendees", [(d, i, a.name, index.known(a.name), a.organisation, a.role,
                                     a.status, a.page, a.start, a.end) for i, a in enumerate(doc.meeting.attendees)])
    if ann is None:
        return
    insert_rows(conn, "sections", [(d, s.index, s.heading, *_span(s.span), list(s.speakers)) for s in ann.sections])
    insert_rows(conn, "section_themes", [(d, s.index, t.theme, t.score) for s in ann.sections for t in s.themes])
    insert_rows(conn, "theme_evidence", [(d, s.index, t.theme, *_span(e), e.text, bbox(e.bbox))
                                         for s in ann.sections for t in s.themes for e in t.evidence])
    insert_rows(conn, "concerns", [(f"{d}:{i}", d, i, c.sentence, c.quote, c.kind, list(c.categories), c.raised_by,
                                    _who(by_name, c.raised_by), c.score, *_span(c.span), bbox(c.span.bbox))
                                   for i, c in enumerate(ann.concerns)])
    insert_rows(conn, "commitments", [(d, i, c.sentence, c.quote, c.by, _who(by_name, c.by), c.deadline,
                                       *_span(c.span), bbox(c.span.bbox)) for i, c in enumerate(ann.commitments)])
    insert_rows(conn, "mentions", [(d, i, m.label, m.text, *_span(m.span), bbox(m.span.bbox))
                                   for i, m in enumerate(ann.mentions)])
    insert_rows(conn, "facts", [(d, i, f.quote, f.value, f.unit, f.year, *_span(f.span), bbox(f.span.bbox))
                                for i, f in enumerate(ann.facts)])
