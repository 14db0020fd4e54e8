"""Tenant concerns: sentences where tenants, residents or the floor raise a problem.

A sentence is a concern when it has a cue (klagen, zorgen, bang, vraagt, niet eens, voorwaarde, ...,
see models/data/concerns.rules.v1.json) and the one raising it is on the tenants' side: a named
tenant, tenant representative or chair, an anonymous resident ("een bewoonster" -> tenant), a group
("diverse bewoners", "iemand" -> floor), or residents reported by someone else ("uit de gesprekken
blijkt dat bewoners ..." -> residents_reported). An official's own problem statement is never a
concern. Solved or denied problems ("is inmiddels verholpen") are skipped. Within one paragraph a
complaint may continue in follow-up sentences ("Zij ervaart veel overlast."), which inherit its raiser.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from extract.document import Document, Sentence, Span
from models.annotations import Attribution, Concern, Section, Speaker
from models.names import names_pattern
from models.patterns import Patterns
from models.themes import Taxonomy, sentence_themes

RULES = "concerns.rules.v1"
_CONTINUING = ("complaint", "worry", "disagreement", "condition")
_OFFICIAL_KINDS = ("politician", "civil_servant", "housing_corporation", "care_organisation", "expert")
_RESIDENTS = re.compile(r"\b(bewoners|bewoonsters|huurders|inwoners|leden|buurtbewoners|achterban)\b")
_SPEECH_WORD = r"\b(?:aldus|volgens|stelt|stelde|zegt|zei|antwoordt|antwoordde|vraagt|vroeg|meldt)\s"
_SPEECH_BEFORE = re.compile(_SPEECH_WORD + r"\s*(?:(?:de heer|mevrouw|mevr\.|dhr\.|meneer|wethouder)\s+)?$",
                            re.IGNORECASE)
_SPEECH_ANYWHERE = re.compile(_SPEECH_WORD, re.IGNORECASE)  # a sentence without it has no "aldus X"


@dataclass(frozen=True)
class ConcernRules:
    name: str
    cues: tuple[tuple[str, Patterns], ...]
    lists: dict  # list name -> Patterns
    floor_sections: tuple[str, ...]
    tenant_side_kinds: tuple[str, ...]

    def any(self, name: str, text: str) -> bool:
        return self.lists[name].any(text)

    def first(self, name: str, text: str) -> re.Match | None:
        return self.lists[name].first(text)


@functools.lru_cache(maxsize=8)  # compiled once per process, not once per document (~20 ms a load)
def load_rules(name: str = RULES) -> ConcernRules:
    data = json.loads(resources.files("models").joinpath("data", f"{name}.json").read_text(encoding="utf-8"))
    comp = lambda xs: Patterns.of(re.compile(x) for x in xs)
    lists = {k: comp(v) for k, v in data.items()
             if isinstance(v, list) and k not in ("floor_sections", "tenant_side_kinds")}
    return ConcernRules(data["name"], tuple((k, comp(v)) for k, v in data["cues"].items()), lists,
                        tuple(data["floor_sections"]), tuple(data["tenant_side_kinds"]))


@functools.lru_cache(maxsize=8192)  # concerns and commitments flatten each sentence several times
def flat(text: str) -> str:
    """One line, no soft hyphens: PDF sentences keep their line breaks, the rules expect single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def cue_kind(text: str, rules: ConcernRules) -> str | None:
    low = flat(text).lower()
    if rules.any("not_a_concern", low):
        return None
    return next((kind for kind, pats in rules.cues if pats.any(low)), None)


@dataclass(frozen=True)
class SpeakerNames:
    """Each speaker's written names, longest first per speaker, case-insensitive and whole words, all in
    one alternation: most sentences cost one search, not one per name."""
    each: tuple[tuple[str, Speaker], ...]  # (name, speaker)
    pattern: re.Pattern | None  # all names; group i + 1 is each[i]

    def name_patterns(self):
        """(pattern, speaker) per name, compiled when first needed (few sentences need them)."""
        return ((_whole_name(n), sp) for n, sp in self.each)

    def earliest(self, text: str) -> tuple[int, Speaker] | None:
        """(start, speaker) of the earliest name in text; on a tie the first in `each`."""
        m = self.pattern.search(text) if self.pattern else None
        return (m.start(), self.each[m.lastindex - 1][1]) if m else None


def _name_patterns(speakers: tuple[Speaker, ...]) -> SpeakerNames:
    names, owners = [], []
    for sp in speakers:
        forms = {sp.name, *sp.aliases}
        parts = sp.name.split()
        if len(parts) > 1 and len(" ".join(parts[1:])) >= 4:
            forms.add(" ".join(parts[1:]))  # surname, "ter Horst"
        for n in sorted(forms, key=len, reverse=True):
            names.append(n)
            owners.append(sp)
    return SpeakerNames(tuple(zip(names, owners)), names_pattern(names, re.IGNORECASE))


@functools.lru_cache(maxsize=1024)
def _whole_name(name: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.IGNORECASE)


def actor_of(text: str, names: SpeakerNames, rules: ConcernRules) -> tuple[str, object] | None:
    """Who the sentence says speaks: the earliest explicit actor, or None."""
    text = flat(text)
    low = text.lower()
    found = []
    person = names.earliest(text)
    if person:  # of several names at one position the first listed: the stable sort below keeps it first
        found.append((person[0], "person", person[1]))
    elif m := rules.first("titled_actor", low):  # "Mevrouw Yilmaz wees op ...", no speaker of ours: a resident
        found.append((m.start(), "tenant", None))
    if m := rules.first("reported_clause", low):
        found.append((m.start(), "reported", None))
    if m := rules.first("tenant_body", low):
        found.append((m.start(), "body", None))
    for kind in ("tenant_actor", "floor_actor"):
        if m := rules.first(kind, low):
            found.append((m.start(), kind[:-6], None))
    if re.match(r"((ook|daarnaast|verder|wel) )?(\w+ )?(hij|zij|ze)\b", low):  # "Zij wacht", "Ook vindt hij"
        found.append((0, "pronoun", None))
    speech = person and _SPEECH_ANYWHERE.search(text)  # else no name can follow "aldus", "volgens", ...
    for pat, sp in names.name_patterns() if speech else ():
        for m in pat.finditer(text):
            if _SPEECH_BEFORE.search(text[:m.start()]):
                return "person", sp  # "..., aldus De Vries" / "volgens Bos": the named one speaks
    if not found:
        return None
    if any(f[1] == "reported" for f in found):  # "de huurdersraad kreeg signalen dat ...": residents speak,
        found = [f for f in found if f[1] != "body" and not (  # also when an official passes it on
            f[1] == "person" and f[2].kind in _OFFICIAL_KINDS)]
    found.sort(key=lambda f: (f[0], f[1] != "reported"))
    return found[0][1], found[0][2]


def _unknown(sp: Speaker) -> bool:
    """Kind "other" with no role and no organisation, or only a tenants' organisation: the speaker tagger
    could not tell, and a named person raising a problem in a tenants' report is then most often on the
    tenants' side (officials come with a role or an organisation)."""
    org = (sp.organisation or "").lower()
    return sp.kind == "other" and not (sp.role and sp.role.lower() not in org) and (
        not org or bool(re.search(r"huurder|bewoner|vereniging", org)) and not re.search(r"stichting|gemeente|woon", org))


def _official_role(sp: Speaker, rules: ConcernRules) -> bool:
    """A role such as "huurdersconsulent" or "wethouder" outweighs a speaker kind guessed as tenant."""
    role = (sp.role or "").lower()
    return rules.any("official_roles", role) and not re.search(r"\b(huurder|huurster|bewoner|bewoonster|lid|bestuurslid)\b", role)


def _section_of(sections: tuple[Section, ...], s: Sentence) -> Section | None:
    return next((x for x in sections if x.span.start <= s.start < x.span.end), None)


def concerns_in(doc: Document, speakers: tuple[Speaker, ...], attributions: tuple[Attribution, ...],
                sections: tuple[Section, ...], taxonomy: Taxonomy, rules: ConcernRules | None = None
                ) -> tuple[Concern, ...]:
    rules = rules or load_rules()
    names = _name_patterns(speakers)
    by_key = {sp.key: sp for sp in speakers}
    said_by = {a.sentence: a.speaker for a in attributions}
    known_themes = {a.sentence: a.themes for a in attributions if a.themes}
    tenant_side = lambda sp: (sp.kind in rules.tenant_side_kinds or _unknown(sp)) and not _official_role(sp, rules)
    out, thread, block, prev_themes = [], None, None, ()
    for s in doc.sentences:
        if doc.blocks and doc.blocks[s.block].kind in ("heading", "title", "footnote"):
            continue
        if s.block != block:  # a complaint does not run on into the next paragraph, but into a list after it
            if not (doc.blocks and doc.blocks[s.block].kind == "list_item"):
                thread, prev_themes = None, ()
            block = s.block
        low = flat(s.text).lower()
        themes = known_themes.get(s.index) or sentence_themes(doc, s, taxonomy)
        section = _section_of(sections, s)
        floor_section = bool(section and section.heading and any(
            w in section.heading.lower() for w in rules.floor_sections))
        actor = actor_of(s.text, names, rules)
        going_on = thread if thread and thread[1] in _CONTINUING else None  # a question gets answered
        raiser = _raiser(actor, going_on, said_by.get(s.index), by_key, tenant_side)
        if raiser is None and floor_section and actor is None and low.endswith("?"):
            raiser = "floor"  # a bare question in "Rondvraag" / "Vragen uit de zaal": officials answer, not ask
        if going_on and themes and not set(themes) & set(going_on[2]):
            going_on = None  # a follow-up stays on the complaint's subject; a new subject is a new voice
        kind, score = _judge(low, actor, raiser, going_on, floor_section, tenant_side, rules)
        if kind and raiser:
            cats = themes or prev_themes or ((section.themes[0].theme,) if section and section.themes else ())
            out.append(Concern(s.text, tuple(cats), kind, raiser,
                               Span(doc.doc_id, s.page, s.start, s.end, s.text), s.index, score))
            thread = (raiser, kind, tuple(cats))
        elif (actor and actor[0] == "person") or rules.any("reply_verbs", low) or rules.any("resolved", low):
            thread = None  # someone else has the word now, or the problem is gone
        prev_themes = themes or prev_themes
    return tuple(out)


def _judge(low, actor, raiser, going_on, floor_section, tenant_side, rules) -> tuple[str | None, float]:
    """(kind, score) when the sentence raises a tenant problem, else (None, 0)."""
    person = actor[1] if actor and actor[0] == "person" else None
    if rules.any("resolved", low) or (person and (rules.any("reply_verbs", low) or not tenant_side(person))):
        return None, 0.0  # a solved problem, an answer, or an official's own statement
    kind = cue_kind(low, rules) or ("question" if floor_section and low.endswith("?") else None)
    if kind and raiser:
        return kind, 1.0
    problem = rules.any("problem_words", low)
    if (going_on and going_on[0] != "residents_reported" and (actor is None or actor[0] == "pronoun")
            and problem):
        return going_on[1], 0.6  # the same complaint goes on: "Zij ervaart veel overlast van buren."
    if actor and raiser and problem and actor[0] != "pronoun":
        if actor[0] == "reported" and (_RESIDENTS.search(low) or rules.any("tenant_body", low)):
            return "complaint", 0.7  # "uit de enquête blijkt dat huurders ... niet ..."
        if actor[0] != "reported" and rules.any("report_verbs", low):
            return "complaint", 0.7  # "een bewoner vertelde dat de schimmel steeds terugkomt"
    return None, 0.0


def _raiser(actor, thread, attributed, by_key, tenant_side) -> str | None:
    """raised_by for a sentence, or None when no tenant-side voice can be found."""
    if actor:
        what, sp = actor
        if what == "person":
            return sp.key if tenant_side(sp) else None
        if what == "reported":
            return "residents_reported"
        if what in ("tenant", "floor"):
            return what
        if what == "body":  # "De huurdersraad vreest ...": its spokesperson, else its members
            sp = by_key.get(attributed)
            if sp is not None and tenant_side(sp):
                return sp.key
            chair = next((x for x in by_key.values() if x.kind == "chair"), None)
            return chair.key if chair else "tenant"
        if what == "pronoun" and thread:
            return thread[0]
    elif thread:
        return thread[0]
    if attributed in ("tenant", "floor"):
        return attributed
    sp = by_key.get(attributed)
    return sp.key if sp is not None and tenant_side(sp) else None
