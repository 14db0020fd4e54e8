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
    ("wijkschouw", r"wijkschouw|buurtschouw|schouw\b"),
    ("inloopavond", r"inloopavond|inloopbijeenkomst|inloopmiddag|inloopochtend"),
    ("spreekuur", r"spreekuur"),
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
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
         "negentig": 90}
_UNITS = dict(zip("een twee drie vier vijf zes zeven acht negen".split(), range(1, 10)))
# "eenentwintig", "tweeëntwintig", "vijfendertig": unit + en/ën + tens
_NUMBER_WORDS |= {u + ("ën" if u.endswith("e") else "en") + t: uv + tv
                  for u, uv in _UNITS.items() for t, tv in _TENS.items()} | {"negentig": 90, "honderd": 100}
_NUM = r"(\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_APPROX = r"(?:ongeveer |circa |ca\. |ruim |zo'n |bijna |meer dan |een kleine |een dikke )?"
_PEOPLE = (r"(?:deelnemers|bewoners|bewoonsters|leden|aanwezigen|huurders|personen|belangstellenden|mensen"
           r"|bezoekers|gasten|geïnteresseerden|huurdersvertegenwoordigers)")
_PARTICIPANTS = (
    re.compile(rf"\b(?:er waren|waren er|waren|kwamen|kwamen er|namen|telde|trok|trokken|aanwezig waren|in totaal"
               rf"|spraken|praatten|discussieerden|bezochten)"
               rf"\s+{_APPROX}{_NUM}\s+(?:\w+\s+)?{_PEOPLE}", re.I),
    re.compile(rf"\b{_APPROX}{_NUM}\s+{_PEOPLE}\s+(?:bezochten|bezocht|kwamen|namen|waren|hadden zich)", re.I),
    re.compile(rf"\b{_NUM}\s+{_PEOPLE}\s+(?:volgens de presentielijst|waren aanwezig|aanwezig|namen deel)", re.I),
    re.compile(rf"\b(?:waren|kwamen)\s+er\s+{_APPROX}{_NUM}\s+(?:aanwezig|op af|naar toe|langs)\b", re.I),
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
        rest = re.sub(r"^(?:over|rond|met als thema)\s+", "", t[len(mtype):].strip(" -–—:,.|"), flags=re.I)
        # "Klankbordgroep Zuid", "Wijkschouw Tongelre": a lone name says which meeting only beside its type
        t = rest if len(rest.split()) > 1 or rest[:1].islower() else f"{t[:len(mtype)]} {rest}"
    return None if junk_title(t) else (t or mtype)


_JUNK_TITLE = re.compile(r"(?i)^(?:contents|inhoud(?:sopgave)?|table of contents|agenda|pagina \d+.*|page \d+.*"
                         r"|concept|versie [\d.]+|v?\d+(?:[.,]\d+)*|(?:aanvang|begin|tijd)\b.*\d.*|\W*)$")


def junk_title(title: str | None) -> bool:
    """A title line that names no meeting: "Contents", "aanvang 17.00 uur", "Pagina 1 van 4", "v1.0"."""
    return title is not None and bool(_JUNK_TITLE.match(title.strip()))


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


def organisation_of(headers: tuple[str, ...], opening: str, title: str = "", attendees=()) -> str | None:
    """Who held the meeting: a tenants' body named in the header or opening, the host party of an
    overleg, another organisation in the header, the letterhead, another organisation in the opening.
    Organisations of listed attendees ("Jan Smit Gemeente Den Haag") are whose people came, not the host."""
    for a in attendees:  # blank the lines of attendee lists (same offsets: the opening starts the text)
        if a.start < len(opening):
            ls, le = opening.rfind("\n", 0, a.start) + 1, opening.find("\n", a.end)
            le = le if le != -1 else len(opening)
            opening = opening[:ls] + " " * (le - ls) + opening[le:]
    for pattern in (_TENANT_ORG, _OTHER_ORG):
        if pattern is _OTHER_ORG:  # the tenants' body named nowhere by that word: the party holding an overleg
            host = overleg_host((title, *headers))
            if host:
                return host
        tail = _NAME_TAIL if pattern is _TENANT_ORG else _NAME_TAIL.replace("{0,4}", "{0,2}")
        rx = re.compile(rf"\b(?:{pattern})\b{tail}")
        letterhead = _letterhead(opening)
        sources = (*headers, opening) if pattern is _TENANT_ORG else (*headers, letterhead, opening[:1200])
        for source in sources:
            for m in rx.finditer(source):
                name = re.sub(r"(?:\s+(?:van|de|der|den|voor|en|op|aan))+$", "", m.group(0)).strip(" .,")
                if " " in name:  # "de Huurdersraad" alone names nobody in particular
                    return name
            if pattern is _OTHER_ORG and letterhead and source == letterhead:
                return letterhead
    short = [h for h in headers if 0 < len(h.split()) <= 6 and not re.search(r"\d|:\s*$", h)
             and re.search(r"[A-Za-z]{3}", h)]  # "Zaak:", "2" are labels and page numbers, not a sender
    return short[0].strip() if short else None


def _letterhead(opening: str) -> str:
    """The first line when it is a sender's name set alone above the text ("Logius", "Gemeente Zandaal"):
    one to three capitalised words, no digits, no meeting or document word; else ""."""
    first = next((ln.strip() for ln in opening.split("\n") if ln.strip()), "")
    words = first.split()
    if 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not re.search(r"\d|[:.,;]", first) \
            and not _type_in(first) and not re.match(r"(?i)(?:verslag|notulen|concept|inhoud|contents)\b", first):
        return first
    return ""


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


_WRITTEN = re.compile(r"(?i)\bverslag van een schriftelijk overleg\b|\bschriftelijk overleg\b(?=[^\n]{0,40}\bvastgesteld)")


def _fallback_title(mtype: str | None, organisation: str | None) -> str | None:
    """Without a usable title line: what a reader calls the meeting ("klankbordgroep Logius")."""
    if mtype and organisation and organisation.casefold() not in mtype:
        return f"{mtype} {organisation}"
    return mtype or organisation


def meeting_of(doc: Document) -> Meeting:
    title_block = _title_block(doc)
    title_text = title_block.text if title_block else _title_line(doc)
    opening = doc.text[:OPENING_CHARS]
    date, source = choose_meeting_date(
        doc.text, title_span=(title_block.start, title_block.end) if title_block else None,
        running_headers=doc.running_headers, filename=doc.path, pdf_metadata=doc.pdf_metadata)
    if _WRITTEN.search(opening[:1000]):
        date, source = None, None  # a written consultation: questions and answers by letter, no meeting
    filename = doc.path.rsplit("/", 1)[-1]
    mtype = meeting_type(title_text, opening, filename)
    attendees, present_count = attendees_of(doc)
    organisation = organisation_of(doc.running_headers, opening, title_text, attendees)
    return Meeting(
        date=date, date_source=source, type=mtype,
        title=(clean_title(title_text, mtype) if title_text else None) or _fallback_title(mtype, organisation),
        organisation=organisation,
        place=place_of(opening),
        participants=participants_of(opening) or present_count,
        attendees=attendees, present_count=present_count)
