"""Meeting metadata (date, type, title, organisation, place, participants, attendees) of a Document.

Rules only, in the order a reader looks: the title, the opening paragraphs, the running header,
then the file name and the PDF metadata. Every rule is generic Dutch meeting-report phrasing;
`docs/metadata.md` lists them with examples.
"""
from __future__ import annotations

import re

from extract.attendees import attendees_of
from extract.dates import WEEKDAYS, choose_meeting_date, date_mentions
from extract.document import Block, Document, Meeting

RULES_VERSION = "metadata.rules.v1"
OPENING_CHARS = 2500  # the opening paragraphs, where reports state what, who, where and how many

# Most specific first: a "Notulen jaarvergadering" is a jaarvergadering, not just notulen.
TYPES = (
    ("themabijeenkomst", r"themabijeenkomst|thema-?avond|themamiddag"),
    ("jaarvergadering", r"jaarvergadering"),
    ("ledenvergadering", r"ledenvergadering|\balv\b"),
    ("bewonersavond", r"bewonersavond"),
    ("bewonersbijeenkomst", r"bewonersbijeenkomst"),
    ("informatieavond", r"informatieavond|informatiebijeenkomst"),
    ("raadsvergadering", r"raadsvergadering"),
    ("bestuursvergadering", r"bestuursvergadering|bestuursnotulen|bestuursoverleg"),
    ("procedurevergadering", r"procedurevergadering"),
    ("klankbordgroep", r"klankbordgroep"),
    ("werkgroep", r"werkgroep"),
    ("hackathon", r"hackathon"),
    ("overleg", r"overleg"),
    ("besluitenlijst", r"besluitenlijst"),
    ("notulen", r"notulen"),
    ("verslag", r"verslag|aantekeningen|gespreksnotitie"),
    ("agenda", r"\bagenda\b"),
)
_TENANT_ORG = (r"Huurdersraad|Huurdersvereniging|Huurdersorganisatie|Huurdersplatform|Huurderskoepel"
               r"|Huurdersbelangenvereniging|Huurderscommissie|Bewonerscommissie|Bewonersorganisatie"
               r"|Bewonersraad|Bewonersvereniging|Bewonersplatform|Wijkraad|Woonbond")
_OTHER_ORG = r"Stichting|Vereniging|Kennisplatform|Platform|Gemeente|Ministerie|Woonstichting|Woningstichting"
_NAME_TAIL = r"(?:[ \t]+(?:[A-Z0-9][\w'’&.-]*|van|de|der|den|voor|en|op|aan|'t|’t)){0,4}"
_VENUE = (r"wijkcentrum|buurthuis|buurtcentrum|ontmoetingscentrum|dorpshuis|gemeenschapshuis|wijkgebouw"
          r"|clubhuis|zalencentrum|kerk|bibliotheek|stadhuis|gemeentehuis|raadhuis|restaurant|hotel|zaal"
          r"|buurtkamer|recreatiezaal|ontmoetingsruimte|wijkpunt|woonzorgcentrum|zorgcentrum|theater|café|kantoor"
          r"|wijkhuis|buurthuiskamer|gebouw|sporthal|school|centrum")
_PROPER = r"(?:(?:De|Het|Den|'t|Op|In)\s+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,3}"
# Not "een": "er waren een paar bewoners" is no count.
_NUMBER_WORDS = dict(zip(
    "twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien "
    "zeventien achttien negentien twintig".split(), range(2, 21))) | {
    "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80}
_NUM = r"(\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")"
_APPROX = r"(?:ongeveer |circa |ca\. |ruim |zo'n |bijna |meer dan |een kleine |een dikke )?"
_PEOPLE = (r"(?:deelnemers|bewoners|bewoonsters|leden|aanwezigen|huurders|personen|belangstellenden|mensen"
           r"|bezoekers|gasten|geïnteresseerden|huurdersvertegenwoordigers)")
_PARTICIPANTS = (
    re.compile(rf"\b(?:er waren|waren er|waren|kwamen|kwamen er|namen|telde|trok|trokken|aanwezig waren|in totaal"
               rf"|spraken|praatten|discussieerden|bezochten)"
               rf"\s+{_APPROX}{_NUM}\s+(?:\w+\s+)?{_PEOPLE}", re.I),
    re.compile(rf"\b{_APPROX}{_NUM}\s+{_PEOPLE}\s+(?:bezochten|bezocht|kwamen|namen|waren|hadden zich)", re.I),
    re.compile(rf"\b{_NUM}\s+{_PEOPLE}\s+(?:volgens de presentielijst|waren aanwezig|aanwezig|namen deel)", re.I),
    re.compile(rf"\baanwezig(?:en)?\s*:\s*{_APPROX}{_NUM}\s+{_PEOPLE}", re.I),
    re.compile(rf"\b(?:aantal (?:aanwezigen|deelnemers|bezoekers)|opkomst)\s*(?::|was|van)?\s*{_APPROX}{_NUM}(?![\d.,])", re.I),
    re.compile(rf"(?<![\d.,]){_NUM}[ \t]+(?:deelnemers|aanwezigen)\b", re.I),
)


def _title_block(doc: Document) -> Block | None:
    for b in doc.blocks[:6]:
        if b.kind == "title":
            return b
    # no title block: a leading heading only when it names a meeting or a date ("1. Opening" is no title)
    return next((b for b in doc.blocks[:3] if b.kind == "heading"
                 and (_type_in(b.text) or any(m.iso for m in date_mentions(b.text)))), None)


_DOC_TYPES = ("besluitenlijst", "notulen", "verslag", "agenda")


def _types_in(text: str, earliest: bool) -> list[str]:
    """Types named in `text`, most specific first (or, with `earliest`, first named first)."""
    low = text.lower()
    hits = [(m.start(), i, name) for i, (name, rx) in enumerate(TYPES) for m in [re.search(rx, low)] if m]
    return [h[2] for h in sorted(hits, key=lambda h: h[:2] if earliest else h[1])]


def _type_in(text: str) -> str | None:
    found = _types_in(text, earliest=False)
    return found[0] if found else None


def meeting_type(title: str, opening: str, filename: str) -> str | None:
    """A meeting word from the title, else the one named first in the opening (which mentions other
    meetings too), else the file name; a document word (notulen, verslag) only when none names a meeting."""
    found = (_types_in(title, False), _types_in(opening[:1000], True), _types_in(re.sub(r"[_-]+", " ", filename), False))
    for types in found:
        meeting = [t for t in types if t not in _DOC_TYPES]
        if meeting:
            return meeting[0]
    return next((types[0] for types in found if types), None)


def clean_title(title: str, mtype: str | None) -> str | None:
    """The topic: the title without 'Verslag van de', dates, weekdays and a leading type word."""
    t = re.sub(r"\s+", " ", title).strip()
    for m in reversed(date_mentions(t)):
        t = t[:m.start] + t[m.end:]
    t = re.sub(rf"\b(?:{'|'.join(WEEKDAYS)})\b", "", t, flags=re.I)
    t = re.sub(r"^(?:concept[- ]?)?(?:verslag|notulen|besluitenlijst|aantekeningen)\b(?:\s+(?:van\s+)?(?:de|het)\b)?",
               "", t, flags=re.I)
    t = re.sub(r"\s+", " ", t).strip(" -–—:,.|")
    t = re.sub(r"(?:\s+(?:van|op|d\.d\.|de|het|te|in|gehouden))+$", "", t, flags=re.I)  # left by a removed date
    if mtype and t.lower().startswith(mtype) and len(t) > len(mtype) + 3:
        t = re.sub(r"^(?:over|rond|met als thema)\s+", "", t[len(mtype):].strip(" -–—:,.|"), flags=re.I)
    return t or mtype


_LANDLORD_OR_STATE = re.compile(r"\b(?:Woonstichting|Woningstichting|Woningcorporatie|Wooncorporatie|corporatie"
                                r"|Woningbouwvereniging|Gemeente|gemeente|Provincie|Ministerie)\b")
_PARTY = r"([A-Z][\w'’&.-]*(?:[ \t]+(?:[A-Z][\w'’&.-]*|van|de|der|den|aan|op)){0,5})"


def overleg_host(lines) -> str | None:
    """Of an overleg between two parties named in a header or title ("Periodiek overleg A - Woonstichting B",
    "A - verslag overleg met B", "Overleg A en B"): the one holding it, i.e. the party the overleg is *with*
    is the guest, and of two parties the one that is not a landlord or a government body is the host."""
    for line in lines:
        m = re.search(rf"^{_PARTY}\s+[-–]\s+.*\b(?i:overleg)\s+met\s+", line)
        if m:
            return m.group(1).strip()
        m = re.search(rf"\b(?i:overleg)\s+(?:tussen\s+)?{_PARTY}\s+(?:[-–]|en|met)\s+{_PARTY}", line)
        if m:
            a, b = m.group(1).strip(), m.group(2).strip()
            if _LANDLORD_OR_STATE.search(a) and not _LANDLORD_OR_STATE.search(b):
                return b
            return a
    return None


def organisation_of(headers: tuple[str, ...], opening: str, title: str = "") -> str | None:
    for pattern in (_TENANT_ORG, _OTHER_ORG):
        if pattern is _OTHER_ORG:  # the tenants' body named nowhere by that word: the party holding an overleg
            host = overleg_host((title, *headers))
            if host:
                return host
        tail = _NAME_TAIL if pattern is _TENANT_ORG else _NAME_TAIL.replace("{0,4}", "{0,2}")
        rx = re.compile(rf"\b(?:{pattern})\b{tail}")
        for source in (*headers, opening[:1200] if pattern is _OTHER_ORG else opening):
            for m in rx.finditer(source):
                name = re.sub(r"(?:\s+(?:van|de|der|den|voor|en|op|aan))+$", "", m.group(0)).strip(" .,")
                if " " in name:  # "de Huurdersraad" alone names nobody in particular
                    return name
    short = [h for h in headers if 0 < len(h.split()) <= 6 and not re.search(r"\d", h)]
    return short[0].strip() if short else None


def place_of(opening: str) -> str | None:
    """A labelled place, else a named venue ("in buurthuis De Boog"), else a town ("te Hengelo")."""
    rules = ((r"(?im)^[ \t]*(?:vergaderplaats|(?:locatie|plaats|adres)[ \t]*[:：])\s*([^\n]{2,60})", OPENING_CHARS),
             (rf"\b(?i:{_VENUE})[ \t]+({_PROPER})", OPENING_CHARS),
             (r"\bin[ \t]+((?:De|Het|'t|’t)[ \t]+[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?)", 1000),
             (r"\bte[ \t]+([A-Z][\w'’-]+)", 1000), (r"\b(?i:gemeente)[ \t]+([A-Z][\w'’-]+)", 1000))
    for rule, reach in rules:
        m = re.search(rule, opening[:reach])
        if m:
            return m.group(1).strip(" .,:")
    return None


def participants_of(opening: str) -> int | None:
    for rx in _PARTICIPANTS:
        for m in rx.finditer(opening):
            if re.search(r"afwezig|verhinderd|afgemeld", opening[max(0, m.start() - 40):m.start()], re.I):
                continue
            word = m.group(1).lower()
            return int(word) if word.isdigit() else _NUMBER_WORDS[word]
    return None


def _title_line(doc: Document) -> str:
    """Without title blocks (a flat layout): one of the first lines that names a meeting type."""
    if any(b.kind in ("title", "heading") for b in doc.blocks[:3]):
        return ""
    lines = [ln.strip() for ln in doc.text[:600].split("\n") if ln.strip()][:3]
    return next((ln for ln in lines if len(ln) < 120 and _type_in(ln)), "")


def meeting_of(doc: Document) -> Meeting:
    title_block = _title_block(doc)
    title_text = title_block.text if title_block else _title_line(doc)
    opening = doc.text[:OPENING_CHARS]
    date, source = choose_meeting_date(
        doc.text, title_span=(title_block.start, title_block.end) if title_block else None,
        running_headers=doc.running_headers, filename=doc.path, pdf_metadata=doc.pdf_metadata)
    filename = doc.path.rsplit("/", 1)[-1]
    mtype = meeting_type(title_text, opening, filename)
    attendees, present_count = attendees_of(doc)
    return Meeting(
        date=date, date_source=source, type=mtype,
        title=clean_title(title_text, mtype) if title_text else mtype,
        organisation=organisation_of(doc.running_headers, opening, title_text),
        place=place_of(opening),
        participants=participants_of(opening) or present_count,
        attendees=attendees, present_count=present_count)
