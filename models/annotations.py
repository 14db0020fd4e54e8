"""What the taggers produce for one document: the contract between models/ and warehouse/.

`to_gold_json` turns it into the gold format of the evaluation corpus (what
`verslagen annotate` prints and `evaluate` compares); the warehouse loads the same objects,
so what is evaluated is what is stored. Every tag carries a `Span` (document, page, characters).
"""
from __future__ import annotations

from dataclasses import dataclass

from extract.document import Document, Span

SPEAKER_KINDS = ("tenant", "tenant_representative", "politician", "civil_servant",
                 "housing_corporation", "care_organisation", "expert", "chair", "other")
CONCERN_KINDS = ("complaint", "worry", "question", "disagreement", "condition", "request")


@dataclass(frozen=True)
class Speaker:
    key: str  # stable id within the document (normalised canonical name)
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    organisation: str | None = None
    kind: str = "other"
    private: bool = False  # a private person (tenant): pseudonymised in exports
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Mention:
    """An organisation, place or other named thing found in the text."""
    label: str  # organisation | place
    text: str
    span: Span


@dataclass(frozen=True)
class Fact:
    quote: str
    value: float
    unit: str
    year: int | None
    span: Span


@dataclass(frozen=True)
class ThemeTag:
    theme: str  # reference key, e.g. "overlast"
    score: float
    evidence: tuple[Span, ...] = ()  # the words that triggered it


@dataclass(frozen=True)
class Section:
    index: int
    heading: str | None
    span: Span  # from the heading (or document start) to the next heading
    themes: tuple[ThemeTag, ...] = ()
    speakers: tuple[str, ...] = ()  # Speaker.key


@dataclass(frozen=True)
class Attribution:
    """Who said a sentence: a speaker key, an anonymous voice ("tenant", "floor") or None."""
    sentence: int  # Sentence.index
    speaker: str | None
    how: str  # section | reported_speech | anonymous | none
    themes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concern:
    quote: str  # the whole sentence as extracted
    categories: tuple[str, ...]
    kind: str  # one of CONCERN_KINDS
    raised_by: str  # "tenant", "floor", "residents_reported" or a Speaker.key
    span: Span
    sentence: int
    score: float = 1.0  # the learned sentence model's probability (1.0 when no model ran)
    why: tuple[str, ...] = ()  # the explanation: "rules" or "model", then the rule features that fired


@dataclass(frozen=True)
class Commitment:
    quote: str
    by: str | None  # a Speaker.key when a speaker promised, else the organisation as written (or None)
    deadline: str | None
    span: Span
    sentence: int
    score: float = 1.0
    why: tuple[str, ...] = ()


@dataclass(frozen=True)
class Annotations:
    doc_id: str
    speakers: tuple[Speaker, ...]
    sections: tuple[Section, ...]
    attributions: tuple[Attribution, ...]
    concerns: tuple[Concern, ...]
    commitments: tuple[Commitment, ...]
    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...]
    versions: tuple[tuple[str, str], ...]  # (component, versioned name), e.g. ("themes", "taxonomy.v1")


def to_gold_json(doc: Document, ann: Annotations) -> dict:
    """The gold format of ../shared/corpus/README.md for one document."""
    names = {s.key: s.name for s in ann.speakers}
    m = doc.meeting
    return {
        "file": doc.path.rsplit("/", 1)[-1],
        "meeting": {"date": m.date, "type": m.type, "title": m.title, "organisation": m.organisation,
                    "place": m.place, "participants": m.participants},
        "sections": [{"heading": s.heading, "themes": [t.theme for t in s.themes],
                      "speakers": [names.get(k, k) for k in s.speakers]} for s in ann.sections],
        "speakers": [{"name": s.name, "aliases": list(s.aliases), "role": s.role,
                      "organisation": s.organisation, "kind": s.kind} for s in ann.speakers],
        "concerns": [{"quote": c.quote, "categories": list(c.categories), "kind": c.kind,
                      "raised_by": names.get(c.raised_by, c.raised_by), "page": c.span.page,
                      "score": c.score, "why": list(c.why)} for c in ann.concerns],
        "attendees": {
            "present": [{"name": a.name, "organisation": a.organisation} for a in m.attendees if a.status == "present"],
            "absent": [{"name": a.name, "organisation": a.organisation} for a in m.attendees if a.status == "absent"],
            "members": [{"name": a.name, "organisation": a.organisation} for a in m.attendees if a.status == "member"],
            "present_count": m.present_count,
        },
        "commitments": [{"quote": c.quote, "by": names.get(c.by, c.by), "deadline": c.deadline, "page": c.span.page,
                         "score": c.score, "why": list(c.why)} for c in ann.commitments],
        "organisations": sorted({x.text for x in ann.mentions if x.label == "organisation"}),
        "places": sorted({x.text for x in ann.mentions if x.label == "place"}),
        "facts": [{"quote": f.quote, "value": f.value, "unit": f.unit, "year": f.year} for f in ann.facts],
        "language": doc.language,
        "versions": dict(ann.versions),
    }
