"""The annotate pipeline: `annotate(doc, settings) -> Annotations` (what is evaluated is what is stored).

sections -> speakers -> attribution -> themes per section and sentence -> concerns, commitments,
mentions, facts. The spaCy pipeline costs ~2 s to load: pass `nlp=` (from `models.nlp.load_nlp`)
when annotating many documents in one process.
"""
from __future__ import annotations

from extract.document import Document, Span
from models import commitments, concerns, entities, learned, themes
from models.annotations import Annotations, Attribution, Section
from models.attribution import attribute
from models.nlp import load_nlp, nlp_name
from models.sentence_model import load_model
from models.settings import TagSettings
from models.speakers import RULES_VERSION, speakers_in
from models.versions import rule_version


def sections_of(doc: Document) -> list[tuple[str | None, int, int]]:
    """(heading, start, end) per section: each heading block opens one; the text before the first
    heading (title block and opening) is a section with heading None, always present."""
    heads = [b for b in doc.blocks if b.kind == "heading"]
    end = len(doc.text)
    out: list[tuple[str | None, int, int]] = [(None, 0, heads[0].start if heads else end)]
    for i, b in enumerate(heads):
        nxt = heads[i + 1].start if i + 1 < len(heads) else end
        out.append((" ".join(b.text.split()), b.start, nxt))
    return out


DUTCH = ("nl", "und")  # "und": too little text to tell; tag it as Dutch


def _span(doc: Document, start: int, end: int) -> Span:
    return Span(doc.doc_id, doc.page_of(start), start, end, doc.text[start:end])


def annotate(doc: Document, settings: TagSettings | None = None, nlp=None) -> Annotations:
    settings = settings or TagSettings()
    nlp = nlp if nlp is not None else load_nlp(settings)
    ranges = sections_of(doc)
    if doc.language not in DUTCH:  # kept and searchable, but Dutch rules would only invent tags
        return Annotations(doc.doc_id, (), tuple(Section(i, h, _span(doc, a, b)) for i, (h, a, b) in enumerate(ranges)),
                           (), (), (), (), (), (("skipped", f"language {doc.language}: Dutch taggers not applied"),
                                               ("extractor", doc.extractor_version)))
    taxonomy = themes.load_taxonomy(settings.taxonomy)
    speakers = speakers_in(doc, nlp)
    atts = attribute(doc, speakers, ranges)
    by_index = {s.index: s for s in doc.sentences}
    atts = tuple(Attribution(a.sentence, a.speaker, a.how, themes.sentence_themes(doc, by_index[a.sentence], taxonomy))
                 for a in atts)
    keys = {s.key for s in speakers}
    sections = []
    for i, (heading, start, end) in enumerate(ranges):
        in_heading = [s.key for s in speakers for m in s.mentions
                      if start <= m.start < start + len(heading or "") and heading]
        said = [a.speaker for a in atts if a.speaker in keys and start <= by_index[a.sentence].start < end]
        who = tuple(dict.fromkeys(in_heading + said))
        sections.append(Section(i, heading, _span(doc, start, end),
                                themes.section_themes(doc, start, end, taxonomy), who))
    sections = tuple(sections)
    model = load_model(settings.sentence_model) if settings.sentence_model != "none" else None
    found_concerns, found_commitments = learned.combine(
        doc, speakers, atts, sections, taxonomy, concerns.concerns_in(doc, speakers, atts, sections, taxonomy),
        commitments.commitments_in(doc, speakers, atts), model)
    return Annotations(
        doc_id=doc.doc_id,
        speakers=speakers,
        sections=sections,
        attributions=atts,
        concerns=found_concerns,
        commitments=found_commitments,
        mentions=entities.mentions_in(doc),
        facts=entities.facts_in(doc),
        versions=(("speakers", rule_version(RULES_VERSION)),
                  ("themes", rule_version(taxonomy_name(taxonomy, settings), settings.taxonomy)),
                  ("concerns", rule_version(concerns.RULES)), ("commitments", rule_version(commitments.RULES)),
                  ("entities", rule_version(entities.LEXICON)), ("sentences", model.name if model else "none"),
                  ("nlp", nlp_name(nlp)),
                  ("extractor", doc.extractor_version)),
    )


def taxonomy_name(taxonomy, settings: TagSettings) -> str:
    return getattr(taxonomy, "name", None) or settings.taxonomy
