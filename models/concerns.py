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

import json
import re
from dataclasses import dataclass
from importlib import resources

from extract.document import Document, Sentence, Span
from models.annotations import Attribution, Concern, Section, Speaker
from models.themes import Taxonomy, sentence_themes

RULES = "concerns.rules.v1"
_CONTINUING = ("complaint", "worry", "disagreement", "condition")
_SPEECH_BEFORE = re.compile(r"\b(?:aldus|volgens|stelt|stelde|zegt|zei|antwoordt|antwoordde|vraagt|vroeg|meldt)\s+"
                            r"(?:(?:de heer|mevrouw|mevr\.|dhr\.|meneer|wethouder)\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class ConcernRules:
    name: str
    cues: tuple[tuple[str, tuple[re.Pattern, ...]], ...]
    lists: dict  # list name -> tuple of compiled patterns
    floor_sections: tuple[str, ...]
    tenant_side_kinds: tuple[str, ...]

    def any(self, name: str, text: str) -> bool:
        return any(p.search(text) for p in self.lists[name])

    def first(self, name: str, text: str) -> re.Match | None:
        hits = [m for p in self.lists[name] if (m := p.search(text))]
        return min(hits, key=lambda m: m.start()) if hits else None


def load_rules(name: str = RULES) -> ConcernRules:
    data = json.loads(resources.files("models").joinpath("data", f"{name}.json").read_text(encoding="utf-8"))
    comp = lambda xs: tuple(re.compile(x) for x in xs)
    lists = {k: comp(v) for k, v in data.items()
             if isinstance(v, list) and k not in ("floor_sections", "tenant_side_kinds")}
    return ConcernRules(data["name"], tuple((k, comp(v)) for k, v in data["cues"].items()), lists,
                        tuple(data["floor_sections"]), tuple(data["tenant_side_kinds"]))


def cue_kind(text: str, rules: ConcernRules) -> str | None:
    low = text.lower()
    if rules.any("not_a_concern", low):
        return None
    return next((kind for kind, pats in rules.cues if any(p.search(low) for p in pats)), None)


def _name_patterns(speakers: tuple[Speaker, ...]) -> list[tuple[re.Pattern, Speaker]]:
    out = []
    for sp in speakers:
        names = {sp.name, *sp.aliases}
        parts = sp.name.split()
        if len(parts) > 1 and len(" ".join(parts[1:])) >= 4:
            names.add(" ".join(parts[1:]))  # surname, "ter Horst"
        for n in sorted(names, key=len, reverse=True):
            out.append((re.compile(r"(?<!\w)" + re.escape(n) + r"(?!\w)", re.IGNORECASE), sp))
    return out


def actor_of(text: str, names: list, rules: ConcernRules) -> tuple[str, object] | None:
    """Who the sentence says speaks: the earliest explicit actor, or None."""
    low = text.lower()
    found = []
    for pat, sp in names:
        if m := pat.search(text):
            found.append((m.start(), "person", sp))
    if m := rules.first("reported_clause", low):
        found.append((m.start(), "reported", None))
    for kind in ("tenant_actor", "floor_actor"):
        if m := rules.first(kind, low):
            found.append((m.start(), kind[:-6], None))
    if re.match(r"(hij|zij|ze)\b", low):
        found.append((0, "pronoun", None))
    for pat, sp in names:
        for m in pat.finditer(text):
            if _SPEECH_BEFORE.search(text[:m.start()]):
                return "person", sp  # "..., aldus De Vries" / "volgens Bos": the named one speaks
    if not found:
        return None
    found.sort(key=lambda f: (f[0], f[1] != "reported"))
    return found[0][1], found[0][2]


def _section_of(sections: tuple[Section, ...], s: Sentence) -> Section | None:
    return next((x for x in sections if x.span.start <= s.start < x.span.end), None)


def concerns_in(doc: Document, speakers: tuple[Speaker, ...], attributions: tuple[Attribution, ...],
                sections: tuple[Section, ...], taxonomy: Taxonomy, rules: ConcernRules | None = None
                ) -> tuple[Concern, ...]:
    rules = rules or load_rules()
    names = _name_patterns(speakers)
    by_key = {sp.key: sp for sp in speakers}
    said_by = {a.sentence: a.speaker for a in attributions}
    tenant_side = lambda sp: sp.kind in rules.tenant_side_kinds
    out, thread, block, prev_themes = [], None, None, ()
    for s in doc.sentences:
        if doc.blocks and doc.blocks[s.block].kind in ("heading", "title", "footnote"):
            continue
        if s.block != block:
            thread, block, prev_themes = None, s.block, ()
        low = s.text.lower()
        themes = sentence_themes(doc, s, taxonomy)
        section = _section_of(sections, s)
        actor = actor_of(s.text, names, rules)
        kind = cue_kind(s.text, rules)
        floor_section = bool(section and section.heading and any(
            w in section.heading.lower() for w in rules.floor_sections))
        if kind is None and s.text.rstrip().endswith("?") and floor_section:
            kind = "question"
        going_on = thread if thread and thread[1] in _CONTINUING else None  # a question gets answered
        raiser = _raiser(actor, going_on, said_by.get(s.index), by_key, tenant_side)
        if raiser is None and floor_section and actor is None and s.text.rstrip().endswith("?"):
            raiser = "floor"  # a bare question in "Rondvraag" / "Vragen uit de zaal": officials answer, not ask
        answering = actor and actor[0] == "person" and rules.any("reply_verbs", low)
        if rules.any("resolved", low) or answering or (actor and actor[0] == "person" and not tenant_side(actor[1])):
            thread, kind = None, None  # a solved problem, or an official has the word now
        elif kind and raiser:
            pass
        elif (thread and thread[1] in _CONTINUING and thread[0] != "residents_reported" and (actor is None or actor[0] == "pronoun")
              and not rules.any("reply_verbs", low) and rules.any("problem_words", low)):
            kind, raiser = thread[1], thread[0]  # the same complaint goes on
        elif (actor and actor[0] in ("person", "tenant", "floor") and raiser
              and rules.any("report_verbs", low) and rules.any("problem_words", low)):
            kind = "complaint"  # "een bewoner vertelde dat de schimmel steeds terugkomt"
        else:
            kind = None
        if kind and raiser and not rules.any("resolved", low):
            cats = themes or prev_themes or ((section.themes[0].theme,) if section and section.themes else ())
            out.append(Concern(s.text, tuple(cats), kind, raiser,
                               Span(doc.doc_id, s.page, s.start, s.end, s.text), s.index))
            thread = (raiser, kind)
        elif actor and actor[0] == "person" or rules.any("reply_verbs", low):
            thread = None
        prev_themes = themes or prev_themes
    return tuple(out)


def _raiser(actor, thread, attributed, by_key, tenant_side) -> str | None:
    """raised_by for a sentence, or None when no tenant-side voice can be found."""
    if actor:
        what, sp = actor
        if what == "person":
            return sp.name if tenant_side(sp) else None
        if what == "reported":
            return "residents_reported"
        if what in ("tenant", "floor"):
            return what
        if what == "pronoun" and thread:
            return thread[0]
    elif thread:
        return thread[0]
    if attributed in ("tenant", "floor"):
        return attributed
    sp = by_key.get(attributed)
    return sp.name if sp is not None and tenant_side(sp) else None
