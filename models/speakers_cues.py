"""Role, organisation and kind of a person from the words around a mention of their name.

Cue shapes (Dutch report conventions):
  after the name   "X (wijkconsulent)", "X, beleidsmedewerker energie van de gemeente Zwolle",
                   "X van bewonerscommissie Reigerhof", "X uit Holtenbroek", "X (Kievitshof 41)"
  before the name  "Voorzitter X", "Wethouder Wonen van de gemeente Utrecht X", "namens Woonstede ... X"
  later            "... X voor als nieuw bestuurslid"
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from extract.names_nl import SPEECH_TITLES

_CAPS = r"[A-ZÀ-Þ][\w’'-]*"
_PARTICLE = r"(?:van|de|der|den|aan|op|en|het|'t|in|voor|bij)"
_ORG_TAIL = rf"(?:\s+(?:{_CAPS}|en|van|de|der|voor|op)(?=[\s,.;:)]|$))*"
_ROLE_SUFFIXES = ("manager", "adviseur", "consulent", "medewerker", "leider", "voorzitter", "lid", "leden",
                  "ambtenaar", "coördinator", "coordinator", "directeur", "wethouder", "secretaris",
                  "penningmeester", "bewoner", "bewoonster", "huurder", "opzichter", "beheerder", "werker",
                  "deskundige", "kundige", "commissie")


STREET = re.compile(r"(straat|laan|weg|plein|kade|singel|gracht|dreef|steeg|hof|park|flat|buurt)$", re.I)


@dataclass(frozen=True)
class Cue:
    priority: int  # lower wins: 0 heading, 1 apposition, 2 before the name, 3 later in the sentence
    role: str | None = None
    org: str | None = None
    place: str | None = None


def is_role_word(word: str, rules: dict) -> bool:
    w = word.casefold().strip(",.;:")
    cues = {c for _, words in rules["role_kinds"] for c in words}
    return w in cues or w.endswith(_ROLE_SUFFIXES)


def org_at(s: str, rules: dict) -> str | None:
    """An organisation phrase at the start of `s` ("de gemeente Zwolle", "Woonstichting Hanzeborg")."""
    s = s.lstrip()
    generic = next((g for g in rules["generic_host"] if s.casefold().startswith(g)), None)
    heads = "|".join(re.escape(h) for h in rules["org_heads"])
    m = re.match(rf"(?:(?:de|het|De|Het)\s+)?((?:{heads})(?:\s+{_CAPS}(?:\s+{_CAPS})*)?|{_CAPS}{_ORG_TAIL})", s)
    if m and not (generic and len(m.group(1).split()) == 1 and m.group(1)[0].islower()):
        org = re.sub(r"(\s+(?:en|van|de|der|voor|op))+$", "", m.group(1)).strip()
        head_words = {h.casefold() for h in rules["org_heads"]}
        if org and org.casefold() not in ("de", "het", "en") and (
                not org.islower() or org.casefold().split()[0] in head_words):
            return org
    return "@host" if generic else None


def _role_then_org(s: str, rules: dict) -> Cue | None:
    """'beleidsmedewerker energie van de gemeente Zwolle' -> role + org; None unless it starts with a role."""
    m = re.match(r"\s*((?:[a-zà-ÿ][\w’'-]*)(?:\s+(?:[a-zà-ÿ][\w’'-]*))*)", s)
    if not m or not is_role_word(m.group(1).split()[0], rules):
        return None
    words = m.group(1).split()
    cut = next((i for i, w in enumerate(words) if w in ("van", "bij", "namens", "voor", "in", "uit", "op")), len(words))
    role = " ".join(words[:cut])
    rest = s[m.start(1) + len(" ".join(words[:cut])):]
    heads = "|".join(re.escape(h) for h in rules["org_heads"])
    portfolio = re.match(rf"((?:\s+{_CAPS})+?)\s+(?=(?:{heads})\b)", rest) if cut == len(words) else None
    if portfolio:  # "wethouder Wonen gemeente Tiel": the capitalised word is the portfolio
        role += portfolio.group(1)
        rest = rest[portfolio.end():]
    rest = re.sub(r"^\s*(?:van|bij|namens|voor)\s+", " ", rest) if cut < len(words) else rest
    starts_org = rest.strip()[:1].isupper() or re.match(rf"\s*(?:{heads})\b", rest)
    org = org_at(rest, rules) if starts_org or cut < len(words) else None
    if org and STREET.search(org.split()[-1]):
        return Cue(1, role, place=org)  # "bewoner van de Kastanjelaan"
    return Cue(1, role, org)


def after_name(text: str, end: int, rules: dict) -> list[Cue]:
    s = text[end:end + 160].split("\n\n")[0].replace("\n", " ")  # wrapped lines stay one block
    out = []
    m = re.match(r"\s*\(([^()]{1,90})\)", s)
    if m:
        inner = re.sub(r"^(?:allen|beiden|alle\s+drie)\s+(?=[A-Z])", "", m.group(1).strip())  # "(allen Woonstede)"
        heads = {h.casefold() for h in rules["org_heads"]}
        if inner.split()[0].casefold() in heads:
            out.append(Cue(1, org=org_at(inner, rules)))  # "(gemeente Eindhoven)"
        elif inner[:1].isupper() and re.fullmatch(rf"{_CAPS}(?:(?:\s+{_PARTICLE})*\s+{_CAPS})*(?:\s+\d+\w*)?", inner):
            # "(Wonen Zuid)", "(Thuis aan de IJssel)": capitalised words, particles between them
            bare = re.sub(r"\s+\d+\w*$", "", inner)
            if bare != inner or STREET.search(bare):
                out.append(Cue(1, place=bare))  # "(Kievitshof 41)", "(Zwaluwstraat)"
            else:
                out.append(Cue(1, org=bare))  # "(Wonen Zuid)", "(SP)"
        else:
            parts = [p.strip() for p in inner.split(",")]
            org = next((org_at(p, rules) for p in parts[1:] if p[:1].isupper()), None)
            split = _role_then_org(parts[0], rules) if parts[0][:1].islower() else None
            named_org = split and split.org and (split.org.split()[0].casefold() in heads
                                                 or split.org in rules["corporations"])
            if named_org and not org:  # "(regiomanager Woonstichting Eemland)", not "(bewoonster Schothorst)"
                out.append(Cue(1, ", ".join([split.role] + parts[1:]), split.org))
            else:
                out.append(Cue(1, parts[0] if parts[0][:1].islower() else inner, org))
        s = s[m.end():]
    m = re.match(r",\s+(.{2,120}?)(?:,\s|[.;:)]|$)", s)
    if m:
        cue = _role_then_org(m.group(1), rules)
        if cue:
            out.append(cue)
    m = re.match(r"\s+van\s+de\s+(kascommissie|bewonerscommissie|huurdersraad|(?:werkgroep|commissie)\s+[a-z]\w+)\b", s)
    if m:
        out.append(Cue(2.8, f"lid {m.group(1)}"))  # "X van de kascommissie"; "Voorzitter X van de ..." wins
    m = re.match(r"\s+(?:van|namens)\s+(.*)", s)
    if m and not m.group(1).startswith(("de voorzitter", "het bestuur")):
        org = org_at(m.group(1), rules)
        if org:
            out.append(Cue(1, org=org))
    m = re.match(rf"\s+uit\s+(?:de\s+)?({_CAPS})", s)
    if m:
        out.append(Cue(1, place=m.group(1)))
    m = re.match(r"[^.]{0,40}?\bals\s+((?:nieuw|nieuwe|aftredend|tijdelijk)?\s*[a-z][\w-]+)", s)
    if m and is_role_word(m.group(1).split()[-1], rules):
        out.append(Cue(3, m.group(1).strip()))
    return out


def before_name(text: str, start: int, rules: dict) -> list[Cue]:
    sent_start = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start), start - 200) + 1
    s = text[sent_start:start].replace("\n", " ")
    out = []
    # the last "namens" before the name: "Namens A was X aanwezig, namens B Y" gives Y organisation B
    m = None
    for m in re.finditer(r"\bnamens\s+(?:verhuurder\s+|de\s+|het\s+)?(.+?)(?=\bnamens\b|$)", s, re.I):
        pass
    if m:
        org = org_at(m.group(1), rules)
        if org:
            out.append(Cue(2, org=org))
    s = re.sub(rf"(?:\s*(?:{SPEECH_TITLES}))\s*$", "", s, flags=re.I).rstrip()
    m = _role_before(tuple(c for _, ws in rules["role_kinds"] for c in ws)).search(s)
    if m and re.search(r"(?:\ben|,)\s*$", s):
        m = None  # "Huurdersraadleden A en " is A's cue; the caller shares it with B
    if m and not (m.group(1)[0].islower() and m.start(1) > 0 and re.search(r"\b(de|het|een)\s+$", s[:m.start(1)])):
        org = org_at(m.group(2), rules) if m.group(2) else None
        out.append(Cue(2, m.group(1), org))
    return out


@functools.lru_cache(maxsize=16)  # built per mention otherwise: hundreds of role words sorted and escaped
def _role_before(role_words: tuple[str, ...]) -> re.Pattern:
    """A one-word role (with a capitalised portfolio and "van <org>") ending the text before a name."""
    cues = sorted({c for c in role_words if " " not in c}, key=len, reverse=True)
    words = "|".join(re.escape(c) for c in cues)
    return re.compile(rf"(?:^|[\s(,])((?:{words})(?:\s+{_CAPS})?)(?:\s+van\s+(?:de\s+|het\s+)?(.+?))?$", re.I)


@functools.lru_cache(maxsize=4096)  # a few hundred cue words, matched against every speaker's role and org
def _cue_pattern(cue: str) -> re.Pattern:
    """A cue as a whole word; a long one (7+ letters) may also end a compound ("huurdersraadlid")."""
    return re.compile(rf"(?:^|\b|\w){re.escape(cue)}\b" if len(cue) > 6 else rf"\b{re.escape(cue)}\b")


def singular(role: str) -> str:
    role = role[:1].lower() + role[1:]
    role = re.sub(r"leden\b", "lid", role)
    return re.sub(r"\b(ambtenaren)\b", "ambtenaar", role)


def kind_of(role: str | None, org: str | None, rules: dict, corporations: set[str]) -> str | None:
    r = (role or "").casefold()
    o = (org or "").casefold()

    def match(text: str, cues) -> bool:
        return any(_cue_pattern(c).search(text) for c in cues)
    role_kind = next((k for k, cues in rules["role_kinds"] if r and match(r, cues)), None)
    org_kind = None
    if o:
        tenant_body = dict(rules["org_kinds"]).get("tenant_representative", [])
        if match(o.split()[0], tenant_body):
            org_kind = "tenant_representative"  # "Huurdersraad Mitros" is the tenants', not the landlord's
        elif any(c.casefold() in o.split() or c.casefold() == o for c in corporations):
            org_kind = "housing_corporation"
        else:
            org_kind = next((k for k, cues in rules["org_kinds"] if match(o, cues)), None)
            if org_kind is None and re.search(r"\bwonen\b", o) and role_kind != "expert":
                org_kind = "housing_corporation"
    if role_kind in ("chair", "politician", "tenant_representative", "tenant"):
        if role_kind == "tenant" and org_kind in ("civil_servant", "care_organisation") and r.strip() == "lid":
            return org_kind
        return role_kind
    if role_kind == "expert" and org_kind in (None, "tenant_representative"):
        return role_kind
    return org_kind or role_kind
