"""Organisations, places and facts (numbers with what they count), all with spans.

Rules, no trained model: organisations are capitalised names behind a Dutch organisation word
("Woonstichting Hanzeborg", "bewonerscommissie Reigerhof", "gemeente Zwolle") or known national
bodies and corporations (models/data/entities.v1.json); places are venues behind a venue word
("buurthuis De Boog"), street/complex/neighbourhood names by their endings (-straat, -laan, -hof,
-buurt, -flat) and capitalised names after "in", "te", "uit".
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from importlib import resources

from extract.document import Document, Span
from models.annotations import Fact, Mention

LEXICON = "entities.v1"
_CAP = r"[A-Z][\w'’\-]*"
_NAME = rf"(?:(?:De|Het|Den|'t) )?{_CAP}(?: (?:van |de |den |aan |op )?{_CAP})*"
_CITY = re.compile(rf"\w+ (?:Den |'s-)?{_CAP}(?: aan (?:den |de )?{_CAP})?")
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_NUMWORDS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
             "negen": 9, "tien": 10, "twintig": 20, "honderd": 100}


@functools.lru_cache(maxsize=8)  # parsed once per process, not twice per document; read-only
def _lexicon(name: str = LEXICON) -> dict:
    return json.loads(resources.files("models").joinpath("data", f"{name}.json").read_text(encoding="utf-8"))


def _spanner(doc: Document):
    """Span maker with a bisect page lookup: Document.page_of scans all blocks, too slow per mention."""
    starts = [b.start for b in doc.blocks]

    def span(start: int, end: int) -> Span:
        page = doc.blocks[max(0, bisect.bisect_right(starts, start) - 1)].page if doc.blocks else 1
        return Span(doc.doc_id, page, start, end, doc.text[start:end])
    return span


def mentions_in(doc: Document, lexicon: dict | None = None) -> tuple[Mention, ...]:
    lex = lexicon or _lexicon()
    text, found, _span = doc.text, {}, _spanner(doc)

    def add(label, start, end):
        name = text[start:end].strip(" .,;:")
        if len(name) >= 3 and name.lower() not in lex["not_names"]:
            found.setdefault((start, start + len(name)), Mention(label, name, _span(start, start + len(name))))

    org_words = "|".join(f"(?i:{w[0]}){w[1:]}" for w in lex["organisation_words"])
    for m in re.finditer(rf"\b(?:{org_words}) {_NAME}", text):
        if m.group(0).lower().startswith(("gemeente ", "provincie ")):
            m = _CITY.match(text, m.start())  # "gemeente Utrecht Kees Diepeveen": the city only
        add("organisation", m.start(), m.end())
    for m in re.finditer(rf"\b{_CAP} Wonen\b", text):
        add("organisation", m.start(), m.end())
    for name in lex["known_organisations"]:
        if name not in text:  # the substring test first: a regex scan of the report per name is slow
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            add("organisation", m.start(), m.end())
    orgs = {x.text for x in found.values()}
    for m in re.finditer(rf"\bgemeente ({_CAP})", text):
        add("place", m.start(1), m.end(1))
    venue_words = "|".join(lex["venue_words"])
    for m in re.finditer(rf"\b(?:{venue_words}) ({_NAME})", text):
        add("place", m.start(1), m.end(1))
    endings = "|".join(lex["place_endings"])
    plain = re.sub(r"(?<![\w,;:] )\b(In|Uit|Op|Bij|Aan|Naar|Van|De|Het) ", lambda x: x.group(1).lower() + " ", text)
    people = {m.group(2) for m in re.finditer(r"\b([A-Z]\w+) ([A-Z]\w+)", plain)}  # "Dennis Oosterhof"
    for m in re.finditer(rf"\b[A-Z]\w*(?:{endings})\b", text):
        if m.group(0) not in people:
            add("place", m.start(), m.end())  # "Dennis Oosterhof" is a person, "de Kievitshof" a place
    for m in re.finditer(rf"\b(?:in|te|uit) ({_CAP}(?:-{_CAP})?)", text):
        if m.group(1) not in orgs:
            add("place", m.start(1), m.end(1))
    for m in re.finditer(rf"\b(?i:b)ewoners(?:commissie|organisatie|vereniging|raad) ({_CAP})", text):
        add("place", m.start(1), m.end(1))  # a residents' committee is named after its neighbourhood
    return tuple(sorted(found.values(), key=lambda x: x.span.start))


def _value(num: str) -> float:
    return float(num.replace(".", "").replace(",", "."))


def facts_in(doc: Document, lexicon: dict | None = None) -> tuple[Fact, ...]:
    """"38 meldingen", "€ 12.400", "28 euro per maand", "35%": value, unit and the year nearby."""
    lex = lexicon or _lexicon()
    _span = _spanner(doc)
    units = "|".join(sorted(lex["fact_units"], key=len, reverse=True))
    pat = re.compile(rf"(?P<euro>€\s?)?(?P<num>{_NUM})(?:,-)?\s?(?P<mil>miljoen |miljard )?"
                     rf"(?P<unit>%|procent|euro(?: per (?:maand|jaar|week))?|(?:{units}))?(?!\w)"
                     rf"(?P<per> per (?:maand|jaar|week))?")
    out = []
    for s in doc.sentences or ():
        years = [int(y) for y in re.findall(r"\b(19[5-9]\d|20[0-4]\d)\b", s.text)]
        for m in pat.finditer(s.text):
            unit = m.group("unit")
            if m.group("euro"):
                unit = "euro" + (m.group("per") or "") if not unit or unit.startswith("euro") else unit
            if not unit:
                continue
            unit = {"procent": "%"}.get(unit, unit)
            value = _value(m.group("num")) * (1e6 if m.group("mil") == "miljoen " else 1e9 if m.group("mil") else 1)
            if unit.startswith("euro") and m.group("per") and "per" not in unit:
                unit += m.group("per")
            year = next((y for y in years if str(y) != m.group("num")), None)
            a, b = s.start + m.start(), s.start + m.end()
            out.append(Fact(doc.text[a:b], value, unit, year, _span(a, b)))
        for m in re.finditer(rf"\b(?P<w>{'|'.join(_NUMWORDS)}) (?P<mil>miljoen|duizend) euro\b", s.text):
            value = _NUMWORDS[m.group("w")] * (1e6 if m.group("mil") == "miljoen" else 1e3)
            a, b = s.start + m.start(), s.start + m.end()
            out.append(Fact(doc.text[a:b], value, "euro", years[0] if years else None, _span(a, b)))
    return tuple(out)
