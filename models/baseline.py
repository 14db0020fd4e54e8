"""The keyword baseline printed beside the model by `verslagen evaluate`.

Deliberately simple, and handed the headings for free: a theme per section when one of a few
keywords for it occurs, a concern for every sentence with a complaint word (raised by "tenant"),
speakers = full names written in headings, with no kind, role or organisation.
"""
from __future__ import annotations

import re

from extract.document import Document, Span
from models.annotations import Annotations, Concern, Section, Speaker, ThemeTag
from models.names import load_name_lists, normalise
from models.speakers_find import name_mentions

KEYWORDS = {
    "betaalbaarheid": ("huur", "woonlasten", "betaalbaar"), "woningtekort": ("woningtekort", "wachtlijst"),
    "nieuwbouw": ("nieuwbouw", "bouwen"), "toewijzing": ("toewijzen", "urgentie"), "doorstroming": ("doorstroming",),
    "gemengde_wijken": ("gemengd",), "leefbaarheid": ("leefbaarheid",), "overlast": ("overlast",),
    "veiligheid": ("veilig", "inbraak"), "kwetsbare_groepen": ("kwetsbare", "ggz"), "zorg_en_welzijn": ("zorg",),
    "ouderen": ("ouderen",), "onderhoud": ("onderhoud", "schimmel", "reparatie"),
    "duurzaamheid": ("isolatie", "duurzaam", "zonnepanelen"), "servicekosten": ("servicekosten",),
    "participatie": ("huurdersraad", "bewonerscommissie"), "gemeenschap": ("ontmoeting",),
    "communicatie": ("informatie", "bereikbaar"), "verkoop_liberalisatie": ("verkoop",), "corporatie": ("fusie",),
    "mobiliteit": ("parkeren", "verkeer"),
}
COMPLAINT = re.compile(r"\b(klaag\w*|klagen|klacht\w*|bang|zorgen|ontevreden|overlast|probleem|problemen)\b", re.I)


def _sections(doc: Document) -> list[tuple[str | None, int, int]]:
    heads = [b for b in doc.blocks if b.kind == "heading"]
    bounds = [(None, 0)] + [(b.text, b.start) for b in heads] + [(None, len(doc.text))]
    return [(h, s, bounds[i + 1][1]) for i, (h, s) in enumerate(bounds[:-1])]


def annotate_baseline(doc: Document) -> Annotations:
    lists = load_name_lists()
    sections, speakers = [], {}
    for i, (heading, start, end) in enumerate(_sections(doc)):
        low = doc.text[start:end].casefold()
        themes = tuple(k for k, words in KEYWORDS.items() if any(w in low for w in words))
        sections.append(Section(i, heading, Span(doc.doc_id, doc.page_of(start), start, end, ""),
                                tuple(ThemeTag(t, 1.0) for t in themes)))
        for m in name_mentions(heading or "", lists, set()):
            if m.form == "full":
                speakers.setdefault(normalise(m.text), Speaker(normalise(m.text), m.text))
    concerns = tuple(Concern(s.text, (), "complaint", "tenant", Span(doc.doc_id, s.page, s.start, s.end, s.text),
                             s.index) for s in doc.sentences if COMPLAINT.search(s.text))
    return Annotations(doc.doc_id, tuple(speakers.values()), tuple(sections), (), concerns, (), (), (),
                       (("baseline", "keywords.v1"),))
