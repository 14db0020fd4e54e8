"""Commitments: toezeggingen ("zegt toe", "neemt de vraag mee", "gaat ... controleren",
"wordt vervangen") and every item of an action list, with who promised and the deadline if stated.

Rules live in models/data/commitments.rules.v1.json. A present-tense action ("Oosterhof stuurt de
planning ...") only counts when a named speaker or body is its subject, and a passive repair
("de verlichting wordt vervangen") only when someone is reported saying it, so plans described
in the past tense ("vertelde dat de woningen worden geïsoleerd") stay out.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from extract.document import Document, Span
from models.annotations import Attribution, Commitment, Speaker
from models.concerns import flat

RULES = "commitments.rules.v1"
_BODY = re.compile(r"^(het bestuur|de voorzitter|de secretaris|de penningmeester|de huurdersraad|de commissie|"
                   r"de bewonerscommissie|de werkgroep|de gemeente|de corporatie|de verhuurder|wij|we)\b")


@dataclass(frozen=True)
class CommitmentRules:
    name: str
    pats: dict  # list name -> tuple of compiled patterns
    action_list_headings: tuple[str, ...]

    def first(self, name: str, text: str) -> re.Match | None:
        hits = [m for p in self.pats[name] if (m := p.search(text))]
        return min(hits, key=lambda m: m.start()) if hits else None


def load_rules(name: str = RULES) -> CommitmentRules:
    data = json.loads(resources.files("models").joinpath("data", f"{name}.json").read_text(encoding="utf-8"))
    verbs = "|".join(re.escape(v) for v in data["action_verbs"])
    future = r"\b(gaat|gaan|zal|zullen) (\w+ ){0,8}(" + verbs + r")\b"
    pats = {k: tuple(re.compile(x) for x in data[k])
            for k in ("promise", "passive", "not_a_commitment", "reporting", "deadline")}
    pats["future"] = (re.compile(future),)
    pats["present"] = tuple(re.compile(r"\b" + x + r"\b") for x in data["present_forms"])
    return CommitmentRules(data["name"], pats, tuple(data["action_list_headings"]))


def deadline_of(text: str, rules: CommitmentRules) -> str | None:
    text = flat(text)
    m = rules.first("deadline", text.lower())
    return text[m.start():m.end()] if m else None


def _first_speaker(text: str, speakers: tuple[Speaker, ...]) -> tuple[int, Speaker] | None:
    best = None
    for sp in speakers:
        names = {sp.name, *sp.aliases}
        parts = sp.name.split()
        if len(parts) > 1:
            names.add(" ".join(parts[1:]))
        for n in names:
            if len(n) >= 3 and (m := re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", text)):
                if best is None or m.start() < best[0]:
                    best = (m.start(), sp)
    return best


def _organisation_subject(text: str) -> str | None:
    """"Rivierstad gaat ...", "Het bestuur zet ...": the body that promises when no person is named."""
    if m := _BODY.match(text.lower()):
        return text[m.start():m.end()]
    m = re.match(r"((?:[A-Z][\w\-]+ ){1,3}?)(?:gaat|zal|zorgt|stuurt|neemt|zegt|belooft|komt)\b", text)
    return m.group(1).strip() if m else None


def _action_list_blocks(doc: Document, rules: CommitmentRules) -> set[int]:
    """Blocks that are action points: every item (and paragraph) under an "Actiepunten"-like heading,
    and the list items after a lead-in line such as "Afspraken:". PDFs often keep bullets in paragraphs."""
    out, mode = set(), None  # None | "heading" | "leadin"
    for i, b in enumerate(doc.blocks):
        named = any(h in b.text.lower() for h in rules.action_list_headings)
        bullet = b.kind == "list_item" or bool(re.match(r"\s*[•\-–*▪·]\s", b.text))
        if b.kind in ("heading", "title"):
            mode = "heading" if named else None
        elif b.kind == "paragraph" and not bullet and b.text.rstrip().endswith(":"):
            mode = "leadin" if named else ("heading" if mode == "heading" else None)
        elif mode and (bullet or (mode == "heading" and b.kind == "paragraph")):
            out.add(i)
        elif mode == "leadin" and b.kind == "paragraph":
            mode = None
    return out


def is_commitment(text: str, speaker_at: int | None, rules: CommitmentRules) -> bool:
    text = flat(text)
    low = text.lower()
    if rules.first("not_a_commitment", low):
        return False
    if rules.first("promise", low) or rules.first("future", low):
        return True
    subject = speaker_at is not None or bool(_BODY.match(low))
    if (m := rules.first("present", low)) and subject and (speaker_at is None or (
            speaker_at < m.start() and (m.start() - speaker_at <= 30 or rules.first("reporting", low)))):
        return True
    return bool(rules.first("passive", low) and speaker_at is not None and rules.first("reporting", low))


def commitments_in(doc: Document, speakers: tuple[Speaker, ...], attributions: tuple[Attribution, ...],
                   rules: CommitmentRules | None = None) -> tuple[Commitment, ...]:
    rules = rules or load_rules()
    said_by = {a.sentence: a.speaker for a in attributions}
    names = {sp.key: sp.name for sp in speakers}
    listed = _action_list_blocks(doc, rules)
    out = []
    for s in doc.sentences:
        kind = doc.blocks[s.block].kind if doc.blocks else "paragraph"
        if kind in ("heading", "title", "footnote"):
            continue
        first = _first_speaker(flat(s.text), speakers)
        if not (s.block in listed or is_commitment(s.text, first[0] if first else None, rules)):
            continue
        by = first[1].name if first else names.get(said_by.get(s.index)) or _organisation_subject(s.text)
        if by is None and s.block in listed:  # "Huurdersraad: advies voorbereiden", "Woonpunt stuurt ..."
            m = re.match(r"([A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2})\s*(?::|\b)", s.text)
            by = m.group(1) if m else None
        out.append(Commitment(s.text, by, deadline_of(s.text, rules),
                              Span(doc.doc_id, s.page, s.start, s.end, s.text), s.index))
    return tuple(out)
