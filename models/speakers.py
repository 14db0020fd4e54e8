"""Who speaks in a report: `speakers_in(doc, nlp) -> tuple[Speaker]`.

Names are found by `speakers_find`, grouped into people with `names.same_person` (surname-only,
first-name-only, titled and misspelt forms become aliases), then given a role, organisation
and kind from the cues around their mentions (`speakers_cues`) and the document's context
(`speakers_context`). Rules are versioned (`speakers.rules.v1`).
`same_person(a_name, b_name) -> float` (from `names`) keeps one person across reports.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from extract.document import Document, Span
from extract.names_nl import SPEECH_TITLES, TITLE_WORDS
from models.annotations import Speaker
from models.names import NameLists, load_name_lists, normalise, strip_title
from models.names import same_person  # noqa: F401  (public: speakers.same_person, used by the warehouse)
from models.speakers_context import corporations_in, host_organisation, load_rules, meeting_type
from models.speakers_cues import Cue, after_name, before_name, kind_of, org_at, singular
from models.speakers_find import name_mentions
from models.speakers_people import Person, block_at, group_people, with_lexicon

RULES_VERSION = "speakers.rules.v1"


def speakers_in(doc: Document, nlp=None, lists: NameLists | None = None, rules: dict | None = None) -> tuple[Speaker, ...]:
    lists = lists or load_name_lists()
    rules = rules or load_rules(RULES_VERSION)
    corporations = corporations_in(doc, rules)
    org_words = {w.casefold() for c in list(rules["corporations"]) + list(corporations) for w in c.split()} | \
                {h.casefold() for h in rules["org_heads"]} | {"wonen", "stichting"}
    found = name_mentions(doc.text, with_lexicon(lists, doc, nlp, rules), org_words)
    people = [p for p in group_people(doc, found, lists, nlp, rules) if _speaks(doc, p) and _is_a_person(doc, p, lists)]
    for p in people:
        p.cues += _cues_of(doc, p, rules)
    _share_coordinated(doc.text, people, rules)
    towns = Counter(m.group() for m in re.finditer(r"\b[Gg]emeente [A-Z][\w-]+", doc.text))
    ctx = _Context(host_organisation(doc), meeting_type(doc, rules), corporations,
                   towns.most_common(1)[0][0] if towns else None, bool(_RESIDENTS.search(doc.text)))
    speakers = _kinds_from_colleagues([_speaker(doc, p, rules, ctx) for p in people], ctx)
    return tuple(_with_role_mentions(doc, speakers))


def _cues_of(doc: Document, p: Person, rules: dict) -> list[Cue]:
    cues = []
    for m in p.mentions:
        if m.form == "single":
            continue
        block = block_at(doc, m.start)
        after = after_name(doc.text, m.end, rules)
        if block is not None and block.kind == "heading":
            cues += [Cue(0, c.role, c.org, c.place) for c in after + before_name(doc.text, m.start, rules)]
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


def _share_coordinated(text: str, people: list[Person], rules: dict) -> None:
    """'A en B (leden)' gives A the role after B; 'Huurdersraadleden A en B' gives B the role before A."""
    owner = {id(m): p for p in people for m in p.mentions if m.form != "single"}
    ms = sorted((m for p in people for m in p.mentions if m.form != "single"), key=lambda m: m.start)
    for a, b in zip(ms, ms[1:]):
        if not re.fullmatch(rf"\s*(?:en|,)\s*(?:(?:{SPEECH_TITLES})\s+)?", text[a.end:b.start]):
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


def _same_org(a: str, b: str) -> bool:
    """One organisation written twice ("Thuis aan de IJssel", "Huurdersvereniging Thuis aan de IJssel")."""
    wa, wb = set(a.casefold().split()) - _ORG_FILLER, set(b.casefold().split()) - _ORG_FILLER
    return bool(wa and wb) and (wa <= wb or wb <= wa)


_ORG_FILLER = {"de", "het", "van", "der", "den", "en", "aan", "op"}


_STAFF_KINDS = ("housing_corporation", "civil_servant", "care_organisation")


def _kinds_from_colleagues(speakers: list[Speaker], ctx: _Context) -> list[Speaker]:
    """An organisation whose named staff all have one kind from their roles ("Marco Veldhuis (manager
    wonen)" of "Hanzeborg") gives that kind to its other people without one; and when it is a landlord,
    the host of the meeting is its counterpart, the tenants' body."""
    by_org: dict[str, set[str]] = {}
    for s in speakers:
        if s.organisation and s.kind != "other" and s.kind != "chair":
            by_org.setdefault(s.organisation.casefold(), set()).add(s.kind)
    org_kind = {o: next(iter(k)) for o, k in by_org.items() if len(k) == 1 and next(iter(k)) in _STAFF_KINDS}
    landlords = [o for o, k in org_kind.items() if k == "housing_corporation"]
    host_is_tenants = bool(ctx.host and landlords and not any(_same_org(ctx.host, o) for o in landlords))
    out = []
    for s in speakers:
        kind = s.kind
        if kind == "other" and s.organisation:
            o = s.organisation.casefold()
            if o in org_kind:
                kind = org_kind[o]
            elif host_is_tenants and _same_org(s.organisation, ctx.host):
                kind = "tenant_representative"
        out.append(s if kind == s.kind else replace(s, kind=kind, private=kind == "tenant"))
    return out


def _fullest_org(text: str, org: str, heads: tuple[str, ...]) -> str:
    """A short organisation name as the text also writes it in full, behind an organisation word
    ("Thuis aan de IJssel" -> "Huurdersvereniging Thuis aan de IJssel"); else as given."""
    if not org[:1].isupper() or any(org.startswith(h) for h in heads):
        return org
    forms = {m.group(1) + org for m in re.finditer(rf"\b((?:{'|'.join(re.escape(h) for h in heads)})\s+){re.escape(org)}\b", text)}
    return forms.pop() if len(forms) == 1 else org  # two bodies of one name (tenants' platform, landlord): unsure


# a name that is the object of a preposition, maybe behind a title or an office ("een brief aan wethouder X",
# "op verzoek van mevrouw X", "met de burgemeester X"): mentioned, not speaking
_OBJECT = re.compile(rf"\b(?:van|aan|door|met|over|naar|zonder)\s+(?:(?:de|het)\s+)?"
                     rf"(?:(?:{SPEECH_TITLES}|collega|{'|'.join(sorted(TITLE_WORDS, key=len, reverse=True))})\s+)?$", re.I)


_RESIDENT_WORD = re.compile(r"\b(?:[Bb]ewo(?:ner|ners|onster|onsters)|[Hh]uurders?|[Bb]uurtbewoners?|[Hh]uursters?)\b")
# a text about residents: a resident or tenant word, or a residents' or tenants' body ("Huurdersvereniging")
_RESIDENTS = re.compile(_RESIDENT_WORD.pattern + r"|\b(?:[Hh]uurders|[Bb]ewoners)\w+")
_SPEECH_AFTER = re.compile(r"\s*(?::|,?\s*(?:zegt|zei|vraagt|vroeg|antwoordt|antwoordde|meldt|meldde|vertelt|vertelde|"
                           r"legt|lichtt?e?|licht|stelt|stelde|geeft|gaf|benadrukt|merkt|reageert|reageerde|vindt|vond|"
                           r"wijst|opent|sluit|presenteert|bedankt|dankt|heet|laat|neemt|pleit|waarschuwt|beaamt|"
                           r"erkent|vult|vat|concludeert|toont|deelt|geeft aan)\b)")


def _is_a_person(doc: Document, p: Person, lists: NameLists) -> bool:
    """Evidence that a name names a person: a listed first name, initials or a title; else an attendee
    list entry, or a mention that speaks ("X zegt", "X:"). Not "Common Ground", not "Voorhangbrief Holland"."""
    if "\n" in p.name:
        return False  # "A.\n\nBelangrijke": initials and a heading, no name
    first = p.name.split()[0] if p.name.split() else ""
    if p.titled or lists.is_first_name(first) or re.fullmatch(r"(?:[A-Z]\.)+", first):
        return True
    if any(a.name and same_person(a.name, p.name) >= 0.88 for a in doc.meeting.attendees):
        return True
    return any(_SPEECH_AFTER.match(doc.text, m.end) for m in p.mentions)


def _speaks(doc: Document, p: Person) -> bool:
    """Only people who take part in the text are speakers: not those listed absent, and not those whose
    every mention is in an attendee list or names who acts on an action-list item ("(Bakker, mei)")."""
    listed = [a for a in doc.meeting.attendees if a.name and same_person(a.name, p.name) >= 0.88]
    if any(a.status == "absent" for a in listed):
        return False
    if not listed:  # only mentioned: each mention the object of a preposition ("het dossier van X", "met X")
        return not p.mentions or not all(_OBJECT.search(doc.text[max(0, m.start - 25):m.start]) for m in p.mentions)
    spans = [(a.start, a.end) for a in doc.meeting.attendees]
    roles = {(a.role or "").split(",")[0].strip().casefold() for a in listed}
    for role in roles & {"voorzitter", "secretaris", "penningmeester", "notulist"}:
        if re.search(rf"\b[Dd]e {role}\b", doc.text):  # "De voorzitter opent": the one listed as voorzitter
            return True
    for m in p.mentions:
        if any(s <= m.start < e or m.start <= s < m.end for s, e in spans):
            continue
        if re.match(r"\s*,[^()\n]{0,40}\)", doc.text[m.end:m.end + 45]) and doc.text[max(0, m.start - 1):m.start] == "(":
            continue  # "(Stegeman, april 2023)": who acts on an action item
        if _reported_deed(doc.text, m.start, m.end):
            continue  # "X heeft de lijst opgeschoond": what a listed person did, not what she said
        return True
    return False


_SPEECH_PARTICIPLES = ("gezegd", "gevraagd", "gemeld", "aangegeven", "toegezegd", "opgemerkt", "voorgesteld",
                       "benadrukt", "geantwoord", "gereageerd", "gepleit", "gewaarschuwd", "verteld", "beloofd")


def _reported_deed(text: str, start: int, end: int) -> bool:
    """A sentence whose subject is the name and whose verb is a perfect of a deed, not of speech
    ("X heeft de actiepuntenlijst opgeschoond.", "X heeft de kosten op 2 februari aan de bewoners
    uitgelegd."): it reports what was done outside the meeting. Not "X heeft gevraagd ..." or
    "X heeft laten weten dat ...": no speech participle, no clause ("dat", "of", ":") after it; and not
    when the next sentence has her speak ("Zij meldt ...")."""
    if not re.search(r"(?:^|[.!?]\s+|\n)$", text[max(0, start - 3):start]) and start > 0:
        return False
    m = re.match(r"\s+(?:heeft|hebben|had|hadden)\s+([^.!?:;\n]{3,200})[.!?]", text[end:end + 220])
    if not m:
        return False
    words = re.findall(r"[a-zà-ÿ]+", m.group(1).casefold())
    pronoun = re.match(r"\s*(?:Zij|Hij|Ze)\b", text[end + m.end():end + m.end() + 20])
    if pronoun and _SPEECH_AFTER.match(text, end + m.end() + pronoun.end()):
        return False  # "X heeft de cijfers nagekeken. Zij meldt dat ...": she speaks after all
    return bool(words) and not any(w.endswith(_SPEECH_PARTICIPLES) for w in words) \
        and not {"dat", "of", "weten"} & set(words)


@dataclass(frozen=True)
class _Context:
    host: str | None
    meeting_type: str | None
    corporations: object  # Counter of corporation names
    municipality: str | None = None  # the "gemeente X" named most often
    residents: bool = True  # the text speaks of residents or tenants at all


def _speaker(doc: Document, p: Person, rules: dict, ctx: _Context) -> Speaker:
    cues = sorted(p.cues, key=lambda c: c.priority)
    roles = [singular(c.role) for c in cues if c.role]
    # a bare "lid" (attendee lists: "A en B (leden)") says less than any other role cue
    role = next((r for r in roles if r.strip() != "lid"), roles[0] if roles else None)
    org = next((c.org for c in cues if c.org), None)
    place = next((c.place for c in cues if c.place), None)
    corps = set(ctx.corporations) | set(rules["corporations"]) | {c.split()[-1] for c in ctx.corporations}
    generic = [g.casefold() for g in rules["generic_host"]]
    if org == "@host" or (org and org.casefold() in [g.split()[-1] for g in generic] + generic):  # "namens de vereniging"
        org = ctx.host
    if org and org != "@host":
        org = _fullest_org(doc.text, org, tuple(rules["org_heads"]))
    kind = kind_of(role, org, rules, corps)
    if kind == "tenant" and not ctx.residents and not _RESIDENT_WORD.search(role or ""):
        kind = None  # a tenant needs residents in the text: "mevrouw X" in minutes of parliament is no tenant
    if kind in (None, "tenant") and org and ctx.host and _same_org(org, ctx.host) and ctx.corporations \
            and not any(_same_org(ctx.host, c) for c in ctx.corporations):
        kind = "tenant_representative"  # the landlord's counterpart holding the overleg: the tenants' body
    if kind is None:
        kind = "tenant" if ctx.residents and (p.titled or place or _speaks_from_the_floor(doc, p)) else "other"
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
    else:
        org = _fullest_org(doc.text, org, tuple(rules["org_heads"]))  # "Thuis aan de IJssel" -> "Huurdersvereniging ..."
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


_FLOOR_HEADING = re.compile(r"rondvraag|vragen|zaal|discussie|inbreng|reacties", re.I)


def _speaks_from_the_floor(doc: Document, p: Person) -> bool:
    """Uncued people who speak only under "Rondvraag" / "Vragen uit de zaal" are residents."""
    heads = [b for b in doc.blocks if b.kind == "heading"]
    if not p.mentions or not heads:
        return False
    def heading_of(offset):
        return next((h.text for h in reversed(heads) if h.start <= offset), "")
    return all(_FLOOR_HEADING.search(heading_of(m.start)) for m in p.mentions)


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
