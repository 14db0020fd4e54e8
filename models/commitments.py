"""Commitments: toezeggingen ("zegt toe", "neemt de vraag mee", "gaat ... controleren",
"wordt vervangen") and every item of an action list, with who promised and the deadline if stated.

Rules live in models/data/commitments.rules.v1.json. A present-tense action ("Oosterhof stuurt de
planning ...") only counts when a named speaker or body is its subject, and a passive repair
("de verlichting wordt vervangen") only when someone is reported saying it, so plans described
in the past tense ("vertelde dat de woningen worden geïsoleerd") stay out.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from extract.document import Document, Span
from models.annotations import Attribution, Commitment, Speaker
from models.concerns import flat
from models.names import names_pattern
from models.patterns import Patterns

RULES = "commitments.rules.v1"
_BODY = re.compile(r"^(het bestuur|de voorzitter|de secretaris|de penningmeester|de huurdersraad|de commissie|"
                   r"de bewonerscommissie|de werkgroep|de gemeente|de corporatie|de woningcorporatie|de verhuurder|"
                   r"de (wijk|complex)?beheerder|de opzichter|de huismeester|de wijkagent|de wethouder|de aannemer|"
                   r"de uitvoerder|de projectleider|de \w*consulent|de directeur(-bestuurder)?|de provincie|de politie|"
                   r"de stichting|het college|de woningstichting|de (huurders|bewoners)?vereniging|wij|we)\b")
_NOT_A_SUBJECT = {"het", "de", "dat", "dit", "er", "ook", "dan", "daarna", "volgens", "op", "in", "zij", "hij", "ze",
                  "men", "wie", "wat", "waarom", "wanneer", "hoe", "niemand", "iedereen", "actiepunt", "actie"}
# "Bakker zegt dat toe.", "De wethouder belooft dat.": the promise is the sentence before, by the one named here
_ANAPHORA = re.compile(r"^(\w+ ){1,4}(zegt|zei|zegde|zeggen|beloofde?|belooft) (dat|dit|het|dat ook|dit ook) (toe|ook toe|toe ook)?\s*[.!]?$")
_ITEM = re.compile(r"\s*(\d{1,2}[.)]\s|actie\w*\s*\d*\s*[:(]|[A-Z][\w\-]*(?: [\w\-]+){0,3}\s*:\s)", re.I)
_HEADER = re.compile(r"^(datum|tijd|plaats|locatie|aanwezig|afwezig|afgemeld|publieke tribune|notulist)\s*:", re.I)


@dataclass(frozen=True)
class CommitmentRules:
    name: str
    pats: dict  # list name -> Patterns
    action_list_headings: tuple[str, ...]

    def first(self, name: str, text: str) -> re.Match | None:
        return self.pats[name].first(text)


@functools.lru_cache(maxsize=8)  # compiled once per process, not once per document (~13 ms a load)
def load_rules(name: str = RULES) -> CommitmentRules:
    data = json.loads(resources.files("models").joinpath("data", f"{name}.json").read_text(encoding="utf-8"))
    verbs = "|".join(re.escape(v) for v in data["action_verbs"])
    future = r"\b(gaat|gaan|zal|zullen|laat) (\w+ ){0,8}(" + verbs + r")\b"
    item = r"\b(" + verbs + r") \([^)]{2,60}\)\s*\.?$"  # "Nieuwsbrief opstellen (bestuur, eind mei)"
    pats = {k: Patterns.of(re.compile(x) for x in data[k])
            for k in ("promise", "passive", "not_a_commitment", "status_report", "reporting", "deadline")}
    pats["future"] = Patterns.of([re.compile(future), re.compile(item)])
    pats["present"] = Patterns.of(re.compile(r"\b" + x + r"\b") for x in data["present_forms"])
    return CommitmentRules(data["name"], pats, tuple(data["action_list_headings"]))


def deadline_of(text: str, rules: CommitmentRules) -> str | None:
    text = flat(text)
    m = rules.first("deadline", text.lower())
    return text[m.start():m.end()] if m else None


def _speaker_names(speakers: tuple[Speaker, ...]) -> tuple[re.Pattern | None, tuple[Speaker, ...]]:
    """Every written name of 3+ letters (name, aliases, surname) in one case-sensitive pattern, in speaker
    order, and whose name each group is: built once per document, searched once per sentence."""
    names, owners = [], []
    for sp in speakers:
        forms = {sp.name, *sp.aliases}
        parts = sp.name.split()
        if len(parts) > 1:
            forms.add(" ".join(parts[1:]))
        for n in sorted(forms):
            if len(n) >= 3:
                names.append(n)
                owners.append(sp)
    return names_pattern(names), tuple(owners)


def _first_speaker(text: str, names: tuple[re.Pattern | None, tuple[Speaker, ...]]) -> tuple[int, Speaker] | None:
    """(start, speaker) of the earliest speaker name in text; on a tie the speaker listed first."""
    pattern, owners = names
    m = pattern.search(text) if pattern else None
    return (m.start(), owners[m.lastindex - 1]) if m else None


def _organisation_subject(text: str) -> str | None:
    """"Rivierstad gaat ...", "Het bestuur zet ...": the body that promises when no person is named."""
    if m := _BODY.match(text.lower()):
        return text[m.start():m.end()]
    m = re.match(r"((?:[A-Z][\w\-]+ ){1,3}?)(?:gaat|zal|zorgt|stuurt|neemt|zegt|zegde|belooft|beloofde|komt|laat|"
                 r"biedt|houdt|plaatst|regelt|organiseert|controleert|vervangt|repareert|start)\b", text)
    if not m or m.group(1).split()[0].lower() in _NOT_A_SUBJECT:
        return None
    return m.group(1).strip()


def _named_subject(before: str) -> bool:
    """"Woonbedrijf onderzoekt ...", "Zij zoekt ... uit": a capitalised name or a pronoun right before the verb."""
    words = before.split()
    return (0 < len(words) <= 3 and all(w[:1].isupper() for w in words if w not in ("van", "de", "der", "ter"))
            and (words[0].lower() not in _NOT_A_SUBJECT or words[0].lower() in ("hij", "zij", "ze")))


def _action_list_blocks(doc: Document, rules: CommitmentRules) -> dict[int, str]:
    """Blocks that are action points: every item (and paragraph) under an "Actiepunten"-like heading,
    and the list items after a lead-in line such as "Afspraken:". PDFs often keep bullets in paragraphs.
    block index -> "all" (every sentence is an item) or "first" (a paragraph item: its first sentence)."""
    out, mode = {}, None  # None | "heading" | "leadin"
    for i, b in enumerate(doc.blocks):
        named = any(h in b.text.lower() for h in rules.action_list_headings)
        bullet = b.kind == "list_item" or bool(re.match(r"\s*[•\-–*▪·«»]\s", b.text))
        if b.kind in ("heading", "title"):
            mode = "heading" if named else None
        elif b.kind in ("box", "caption") or _HEADER.match(b.text.strip()):
            continue  # a box of key dates or facts, a caption, a header line: no action points
        elif b.kind == "paragraph" and not bullet and b.text.rstrip().endswith(":"):
            mode = "leadin" if named else ("heading" if mode == "heading" else None)
        elif mode and (bullet or (mode == "heading" and b.kind == "paragraph" and (
                _ITEM.match(b.text) or (i - 1 in out and doc.blocks[i - 1].kind == "list_item"
                                        and not re.search(r"[.!?;)]\s*$", doc.blocks[i - 1].text))))):
            # under an action heading a narrative paragraph is no item: only "N. ...", "Who: what" (its first
            # sentence) and the rest of a list the PDF broke into a paragraph (all of it)
            out[i] = "all" if bullet or not _ITEM.match(b.text) else "first"
        elif mode == "leadin" and b.kind == "paragraph":
            mode = None
    return out


def is_commitment(text: str, speaker_at: int | None, rules: CommitmentRules) -> bool:
    text = flat(text)
    bullet = re.match(r"[^\w(]+", text)  # an OCR'd or typed bullet before the item ("« Woonbron controleert ...")
    if bullet:
        text = text[bullet.end():]
        speaker_at = None if speaker_at is None else max(0, speaker_at - bullet.end())
    low = text.lower()
    if rules.first("not_a_commitment", low) or rules.first("status_report", low) or low.endswith("?"):
        return False  # a question about a promise is no promise
    if rules.first("promise", low) or rules.first("future", low):
        return True
    m = rules.first("present", low)
    if m is not None and _named_subject(re.split(r"[;:]\s*", text[:m.start()])[-1]):
        return True  # "..., hij laat de vereniging binnen twee weken weten": the subject right before the verb
    subject = speaker_at is not None or bool(_BODY.match(low)) or _organisation_subject(text) is not None
    if m and subject and (speaker_at is None or (
            speaker_at < m.start() and (m.start() - speaker_at <= 30 or rules.first("reporting", low)))):
        return True
    return bool(rules.first("passive", low) and speaker_at is not None and rules.first("reporting", low))


def commitments_in(doc: Document, speakers: tuple[Speaker, ...], attributions: tuple[Attribution, ...],
                   rules: CommitmentRules | None = None) -> tuple[Commitment, ...]:
    rules = rules or load_rules()
    said_by = {a.sentence: a.speaker for a in attributions}
    keys = {sp.key for sp in speakers}
    speaker_names = _speaker_names(speakers)
    listed = _action_list_blocks(doc, rules)
    out, prev, block = [], None, None
    for s in doc.sentences:
        first_of_block, block = s.block != block, s.block
        kind = doc.blocks[s.block].kind if doc.blocks else "paragraph"
        if kind in ("heading", "title", "footnote"):
            continue
        first = _first_speaker(flat(s.text), speaker_names)
        if prev is not None and _ANAPHORA.match(flat(s.text).lower()):
            who = first[1].key if first else _organisation_subject(s.text)
            # the content sentence, promised by this one: the quote holds both ("X vraagt of ... Bakker zegt dat toe.")
            out = [c for c in out if c.sentence != prev.index]
            both = doc.text[prev.start:s.end]
            out.append(Commitment(both, who, deadline_of(prev.text, rules),
                                  Span(doc.doc_id, prev.page, prev.start, s.end, both), s.index))
            continue
        prev = s
        if _HEADER.match(flat(s.text)) or not (
                (s.block in listed and (listed[s.block] == "all" or first_of_block or _ITEM.match(s.text))
                 and not flat(s.text).endswith("?")
                 and not rules.first("status_report", flat(s.text).lower()))
                or is_commitment(s.text, first[0] if first else None, rules)):
            continue
        said = said_by.get(s.index)
        by = first[1].key if first else (said if said in keys else None) or _organisation_subject(s.text)
        if by is None and s.block in listed:  # "Huurdersraad: advies voorbereiden", "Woonpunt stuurt ..."
            m = re.match(r"([A-Z][\w\-]+(?: [A-Z][\w\-]+){0,2})\s*(?::|\b)", s.text)
            by = m.group(1) if m else None
        out.append(Commitment(s.text, by, deadline_of(s.text, rules),
                              Span(doc.doc_id, s.page, s.start, s.end, s.text), s.index))
    return tuple(out)
