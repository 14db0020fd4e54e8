"""Who speaks in a report: `speakers_in(doc, nlp) -> tuple[Speaker]`.

Names are found by `speakers_find`, grouped into people with `names.same_person` (surname-only,
first-name-only, titled and misspelt forms become aliases), then given a role, organisation
and kind from the cues around their mentions (`speakers_cues`) and the document's context
(`speakers_context`). Rules are versioned (`speakers.rules.v1`).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from extract.document import Document, Span
from models.annotations import Speaker
from models.names import NameLists, load_name_lists, normalise, same_person, similarity, split_name, strip_title
from models.speakers_context import corporations_in, host_organisation, load_rules, meeting_type
from models.speakers_cues import Cue, after_name, before_name, kind_of, org_at, singular
from models.speakers_find import NameMention, name_mentions

RULES_VERSION = "speakers.rules.v1"
MERGE = 0.88  # same_person score at which two written names are one person


@dataclass
class _Person:
    name: str
    forms: list[str] = field(default_factory=list)
    mentions: list[NameMention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    titled: bool = False
    _parts: dict = field(default_factory=dict)

    def parts(self, form: str) -> tuple[str, str, str]:
        if form not in self._parts:
            self._parts[form] = split_name(form)
        return self._parts[form]

    def score(self, written: str) -> float:
        return max(same_person(f, written) for f in self.forms)


def speakers_in(doc: Document, nlp=None, lists: NameLists | None = None, rules: dict | None = None) -> tuple[Speaker, ...]:
    lists = lists or load_name_lists()
    rules = rules or load_rules(RULES_VERSION)
    corporations = corporations_in(doc, rules)
    org_words = {w.casefold() for c in list(rules["corporations"]) + list(corporations) for w in c.split()} | \
                {h.casefold() for h in rules["org_heads"]} | {"wonen", "stichting"}
    found = name_mentions(doc.text, _with_lexicon(lists, doc, nlp, rules), org_words)
    people: list[_Person] = []
    for m in found:
        if m.form == "single":
            continue
        best = max(people, key=lambda p: p.score(m.text), default=None)
        if best and best.score(m.text) >= MERGE:
            best.forms.append(m.text)
            best.mentions.append(m)
            best.titled |= m.title is not None
            if m.form == "full" and len(split_name(best.name)[0]) == 0:
                best.name = m.text  # a full name beats the titled surname seen first
        else:
            people.append(_Person(m.text, [m.text], [m], titled=m.title is not None))
    _add_attendees(doc, people)
    resolved: dict[str, _Person | None] = {}  # per word: the same word names the same person
    for m in found:
        if m.form != "single":
            continue
        if m.text in resolved:
            p = resolved[m.text]
        else:
            n = len(people)
            p = _resolve_single(m.text, people, nlp, doc.text, m.end, rules, lists)
            if len(people) == n and p is None and not lists.is_surname(m.text):
                resolved[m.text] = None
            elif len(people) == n:
                resolved[m.text] = p
            else:
                resolved.clear()
                resolved[m.text] = p
        if p is not None:
            p.forms.append(m.text)
            p.mentions.append(m)
    people = [p for p in people if not all(_listed_absent(doc, m) for m in p.mentions)]
    for p in people:
        p.cues += _cues_of(doc, p, rules)
    _share_coordinated(doc.text, people, rules)
    towns = Counter(m.group() for m in re.finditer(r"\b[Gg]emeente [A-Z][\w-]+", doc.text))
    ctx = _Context(host_organisation(doc), meeting_type(doc, rules), corporations,
                   towns.most_common(1)[0][0] if towns else None)
    speakers = [_speaker(doc, p, rules, ctx) for p in people]
    return tuple(_with_role_mentions(doc, speakers))


def _with_lexicon(lists: NameLists, doc: Document, nlp, rules: dict) -> NameLists:
    """Words known as ordinary Dutch (lemma table, this text in lower case, role words) are no unlisted first names."""
    words = set(re.findall(r"\b[a-zà-ÿ]+\b", doc.text)) | {w for _, ws in rules["role_kinds"] for w in ws}
    words |= {"volgens", "namens", "aldus", "tijdens", "daarna", "vervolgens", "ook"}
    if nlp is not None and "lemmatizer" in nlp.pipe_names:
        try:
            words |= set(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup").values())
        except (KeyError, ValueError):
            pass
    return replace(lists, common_words=lists.common_words | words)


def _resolve_single(word: str, people: list[_Person], nlp, text: str, end: int, rules: dict, lists) -> _Person | None:
    w = normalise(word)
    first = [p for p in people if p.parts(p.name)[0] == w]
    if len(first) == 1:
        return first[0]
    # same_person(single word, form) spelled out on cached name parts: this runs for every capitalised word
    wsur = split_name(w)[2]
    scored = sorted(((max([similarity(wsur, p.parts(f)[2]) for f in p.forms] + [0.0]), p) for p in people),
                    key=lambda t: -t[0])
    if scored and scored[0][0] >= 0.9 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    # an unknown surname that speaks ("Terpstra antwoordt", "volgens Terpstra") is a person too
    before = text[max(0, end - len(word) - 9):end - len(word)].casefold()
    if lists.is_surname(word) and not lists.is_first_name(word) and nlp is not None:
        nxt = nlp(text[end:end + 25].strip())
        verb = nxt[0].lemma_.casefold() if len(nxt) else ""
        if verb in rules["speech_verbs"] or "volgens" in before:
            p = _Person(word, [word], [])
            people.append(p)
            return p
    return None


_ABSENT = re.compile(r"\b(?:afwezig|afgemeld|verhinderd|met kennisgeving|absent)\b", re.I)
_PRESENT = re.compile(r"(?<!af)\baanwezig\b", re.I)


def _listed_absent(doc: Document, m: NameMention) -> bool:
    """A name in an 'Afwezig: ...' list did not speak (unless it also occurs elsewhere)."""
    block = _block_at(doc, m.start)
    before = doc.text[block.start if block else max(0, m.start - 300):m.start]
    absent = [x.end() for x in _ABSENT.finditer(before)]
    present = [x.end() for x in _PRESENT.finditer(before)]
    return bool(absent) and max(absent) > max(present, default=-1) \
        and not re.search(r"[a-z]{3,}[.!?]\s+[A-Z]", before[max(absent):])


def _add_attendees(doc: Document, people: list[_Person]) -> None:
    for a in doc.meeting.attendees:
        if a.status != "present" or not a.name:
            continue
        cue = Cue(2.6, a.role, a.organisation)  # our own reading of the text comes first
        best = max(people, key=lambda p: p.score(a.name), default=None)
        if best and best.score(a.name) >= MERGE:
            best.cues.append(cue)
        else:
            people.append(_Person(strip_title(a.name), [a.name], [], [cue]))


def _block_at(doc: Document, offset: int):
    return next((b for b in doc.blocks if b.start <= offset < b.end), None)


def _cues_of(doc: Document, p: _Person, rules: dict) -> list[Cue]:
    cues = []
    for m in p.mentions:
        if m.form == "single":
            continue
        block = _block_at(doc, m.start)
        after = after_name(doc.text, m.end, rules)
        if block is not None and block.kind == "heading":
            cues += [Cue(0, c.role, c.org, c.place) for c in after]
            tail = re.split(r"\)\s*", doc.text[m.end:block.end])[-1].strip()
            if "(" in doc.text[m.end:block.end] and tail[:1].isalpha():
                org = org_at(tail, rules)
                if org:
                    cues.append(Cue(0.5, org=org))
        else:
            cues += after + before_name(doc.text, m.start, rules)
        if block is not None and "bestuur" in block.text.casefold():
            cues = [Cue(c.priority, "bestuurslid" if (c.role or "").strip() in ("lid", "leden") else c.role, c.org,
                        c.place) for c in cues]
    return cues


def _share_coordinated(text: str, people: list[_Person], rules: dict) -> None:
    """'A en B (leden)' gives A the role after B; 'Huurdersraadleden A en B' gives B the role before A."""
    owner = {id(m): p for p in people for m in p.mentions if m.form != "single"}
    ms = sorted((m for p in people for m in p.mentions if m.form != "single"), key=lambda m: m.start)
    for a, b in zip(ms, ms[1:]):
        if not re.fullmatch(r"\s*(?:en|,)\s*(?:(?:mevr\.?|dhr\.?|mevrouw|de heer)\s+)?", text[a.end:b.start]):
            continue
        pa, pb = owner[id(a)], owner[id(b)]
        if pa is pb:
            continue
        plural = [c for c in after_name(text, b.end, rules) if c.role and re.search(r"(?:leden|en)$", c.role.split(",")[0])]
        if not any(c.role for c in after_name(text, a.end, rules)) and " en " in f" {text[a.end:b.start]} ":
            pa.cues += [Cue(c.priority + 0.5, c.role, c.org) for c in plural]
        pb.cues += [Cue(c.priority + 0.5, c.role, c.org) for c in before_name(text, a.start, rules)]
        if "bestuur" in text[max(0, a.start - 300):a.start].casefold():
            pa.cues = [Cue(c.priority, "bestuurslid" if (c.role or "").strip() in ("lid", "leden") else c.role,
                           c.org, c.place) for c in pa.cues]


@dataclass(frozen=True)
class _Context:
    host: str | None
    meeting_type: str | None
    corporations: object  # Counter of corporation names
    municipality: str | None = None  # the "gemeente X" named most often


def _speaker(doc: Document, p: _Person, rules: dict, ctx: _Context) -> Speaker:
    cues = sorted(p.cues, key=lambda c: c.priority)
    roles = [singular(c.role) for c in cues if c.role]
    # a bare "lid" (attendee lists: "A en B (leden)") says less than any other role cue
    role = next((r for r in roles if r.strip() != "lid"), roles[0] if roles else None)
    org = next((c.org for c in cues if c.org), None)
    place = next((c.place for c in cues if c.place), None)
    corps = set(ctx.corporations) | set(rules["corporations"]) | {c.split()[-1] for c in ctx.corporations}
    if org == "@host" or (org and org.casefold() in [g.split()[-1] for g in rules["generic_host"]]):
        org = ctx.host
    kind = kind_of(role, org, rules, corps)
    if kind is None:
        kind = "tenant" if (p.titled or place) else "other"
    landlord = ctx.corporations.most_common(1)[0][0] if ctx.corporations else None
    if not org:
        if kind in ("chair", "tenant_representative"):
            org = ctx.host
        elif kind == "tenant":
            members = ctx.meeting_type in rules["members_meetings"]
            org = ctx.host if members or not landlord else landlord
        elif kind == "housing_corporation":
            org = landlord
        elif kind in ("politician", "civil_servant"):
            org = ctx.municipality
    elif landlord and org in landlord.split():
        org = landlord  # "Hanzeborg" -> "Woonstichting Hanzeborg"
    if not role and kind == "tenant" and place:
        role = f"huurder {place}"
    if not role and kind == "tenant_representative" and org:
        body = org.split()[0].casefold()
        role = f"lid {body}" if body.startswith(("bewoners", "huurders")) else None
    name = strip_title(p.name)
    aliases = []
    for f in p.forms:
        f = strip_title(f)
        if normalise(f) != normalise(name) and normalise(f) not in [normalise(a) for a in aliases]:
            aliases.append(f)
    spans = tuple(Span(doc.doc_id, doc.page_of(m.start), m.start, m.end, m.text)
                  for m in sorted(p.mentions, key=lambda m: m.start))
    return Speaker(key=normalise(name), name=name, aliases=tuple(aliases), role=role, organisation=org, kind=kind,
                   private=kind == "tenant", mentions=spans)


def _with_role_mentions(doc: Document, speakers: list[Speaker]) -> list[Speaker]:
    """'de voorzitter', 'de penningmeester': a mention of the one person holding that role."""
    out = []
    for s in speakers:
        role = (s.role or "").split(",")[0].strip().casefold()
        holders = [t for t in speakers if (t.role or "").split(",")[0].strip().casefold() == role]
        extra = ()
        if role in ("voorzitter", "penningmeester", "secretaris", "wethouder") and len(holders) == 1:
            extra = tuple(Span(doc.doc_id, doc.page_of(m.start(1)), m.start(1), m.end(1), m.group(1))
                          for m in re.finditer(rf"\b[Dd]e\s+({role})\b", doc.text))
        out.append(Speaker(s.key, s.name, s.aliases, s.role, s.organisation, s.kind, s.private,
                           tuple(sorted(s.mentions + extra, key=lambda x: x.start))))
    return out
