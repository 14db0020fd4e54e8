"""Tiny literal reports for the warehouse tests (our own words, no corpus text)."""
from __future__ import annotations

import hashlib

from extract.document import BLOCK_SEPARATOR, Attendee, BBox, Block, Document, Meeting, Page, Sentence, Span
from models.annotations import (Annotations, Attribution, Commitment, Concern, Fact, Mention, Section, Speaker,
                                ThemeTag)

VERSIONS = (("speakers", "speakers.rules.v1"), ("themes", "taxonomy.v1"), ("extractor", "layout.v1"))


def make_doc(path: str, date: str | None, sentences: list[str], title: str = "Bewonersavond",
             heading: str = "Onderhoud", attendees: tuple[Attendee, ...] = (), flags: tuple[str, ...] = ()) -> Document:
    """A one-page report: title block, one heading, one paragraph per sentence."""
    texts = [title, heading, *sentences]
    kinds = ["title", "heading"] + ["paragraph"] * len(sentences)
    blocks, offset = [], 0
    for i, (kind, text) in enumerate(zip(kinds, texts)):
        blocks.append(Block(kind, text, 1, BBox(72, 72 + 20 * i, 500, 86 + 20 * i), offset, offset + len(text),
                            level=1 if kind in ("title", "heading") else 0))
        offset += len(text) + len(BLOCK_SEPARATOR)
    text = BLOCK_SEPARATOR.join(texts)
    sents = tuple(Sentence(i, i + 2, 1, blocks[i + 2].start, blocks[i + 2].end, s) for i, s in enumerate(sentences))
    return Document(
        doc_id=hashlib.sha256((path + text).encode("utf-8", "surrogatepass")).hexdigest(), path=path, text=text,
        pages=(Page(1, 595.0, 842.0, len(text)),), blocks=tuple(blocks), sentences=sents,
        meeting=Meeting(date=date, date_source="text" if date else None, type="bewonersavond", title=title,
                        organisation="Huurdersraad Zuid", attendees=attendees),
        flags=flags, extractor_version="layout.v1")


def span(doc: Document, sentence: int) -> Span:
    s = doc.sentences[sentence]
    return Span(doc.doc_id, s.page, s.start, s.end, s.text, doc.blocks[s.block].bbox)


def make_ann(doc: Document, speakers: list[Speaker], said: dict[int, str], themes: dict[int, tuple[str, ...]],
             concerns: dict[int, tuple[str, str, tuple[str, ...]]] = None) -> Annotations:
    """said: sentence -> speaker key; themes: sentence -> theme keys; concerns: sentence -> (kind, raised_by speaker key or anonymous voice, cats)."""
    atts = tuple(Attribution(s.index, said.get(s.index), "section" if s.index in said else "none",
                             themes.get(s.index, ())) for s in doc.sentences)
    heading = doc.blocks[1]
    section_themes = tuple(ThemeTag(t, 1.0, (span(doc, i),)) for i, ts in themes.items() for t in ts)
    sections = (Section(0, None, Span(doc.doc_id, 1, 0, heading.start, doc.text[:heading.start])),
                Section(1, heading.text, Span(doc.doc_id, 1, heading.start, len(doc.text), doc.text[heading.start:]),
                        section_themes, tuple(dict.fromkeys(said.values()))))
    cons = tuple(Concern(doc.sentences[i].text, cats, kind, by, span(doc, i), i)
                 for i, (kind, by, cats) in (concerns or {}).items())
    return Annotations(
        doc_id=doc.doc_id, speakers=tuple(speakers), sections=sections, attributions=atts, concerns=cons,
        commitments=(Commitment(doc.sentences[0].text, "Woonstad", "2023-01-01", span(doc, 0), 0),),
        mentions=(Mention("organisation", "Woonstad", span(doc, 0)),),
        facts=(Fact("120 woningen", 120.0, "woningen", 2022, span(doc, 0)),),
        versions=VERSIONS)


def speaker(name: str, kind: str, aliases: tuple[str, ...] = (), role: str | None = None,
            private: bool = False) -> Speaker:
    return Speaker(key=name.lower(), name=name, aliases=aliases, role=role, organisation=None, kind=kind,
                   private=private)


def report_2022(path: str = "archief/2022-03-03_bewonersavond.pdf") -> tuple[Document, Annotations]:
    doc = make_doc(path, "2022-03-03", [
        "De voorzitter opent de vergadering en heet iedereen welkom.",
        "Mevrouw Pietersen klaagt over schimmel in de woningen aan de Dijkstraat.",
        "Wethouder Van Dam zegt dat de renovatie van 120 woningen volgend jaar begint.",
    ], attendees=(Attendee("Karel Smit", "Huurdersraad Zuid", "voorzitter"),))
    people = [speaker("Karel Smit", "chair", role="voorzitter"),
              speaker("Anna Pietersen", "tenant", aliases=("Mevrouw Pietersen",), private=True),
              speaker("Piet van Dam", "politician", aliases=("Wethouder Van Dam",), role="wethouder")]
    ann = make_ann(doc, people, {0: "karel smit", 1: "anna pietersen", 2: "piet van dam"},
                   {1: ("onderhoud",), 2: ("onderhoud", "nieuwbouw")},
                   {1: ("complaint", "anna pietersen", ("onderhoud",))})
    return doc, ann


def report_2023(path: str = "archief/2023-05-10_bewonersavond.pdf", extra: str = "") -> tuple[Document, Annotations]:
    doc = make_doc(path, "2023-05-10", [
        "Karel Smit opent de avond.",
        "Een bewoner klaagt opnieuw over schimmel in de woningen aan de Dijkstraat." + extra,
        "Anna Pieterse vraagt wanneer de huurverhoging bekend wordt.",
    ])
    people = [speaker("Karel Smit", "chair", role="voorzitter"),
              speaker("Anna Pieterse", "tenant", private=True)]  # misspelt: the same person as in 2022
    ann = make_ann(doc, people, {0: "karel smit", 1: "tenant", 2: "anna pieterse"},
                   {1: ("onderhoud",), 2: ("betaalbaarheid",)},
                   {1: ("complaint", "tenant", ("onderhoud",)), 2: ("question", "anna pieterse", ("betaalbaarheid",))})
    return doc, ann
