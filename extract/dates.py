"""Dutch date mentions: find them in text, file names and PDF metadata; validate as ISO dates.

Pure functions, no state. `date_mentions` finds every date-like string (with its offsets) so that
`extract.metadata` can decide which one is the meeting date from the words around it.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

RULES_VERSION = "dates.rules.v1"

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "febr": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8,
    "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
    # English months, so that English documents and mixed headers still parse
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = r"(?:(?:maan|dins|woens|donder|vrij|zater|zon)dag(?:avond|middag|ochtend|morgen)?)"
# OCR often glues words together ("24september2020"), so the spaces are optional.
_TEXT_DATE = re.compile(
    rf"(?<![\w-])(?:(?P<wd>{_WEEKDAY_RE})\s*,?\s*)?(?P<d>[0-3]?\d)\s*(?:e\s+)?"
    rf"(?P<m>{_MONTH_RE})\.?(?:\s*(?P<y>(?:19|20)\d\d))?(?![a-z])",
    re.IGNORECASE)
# English order, also in `date` output: "September 15, 2023", "Fri Sep 15 13:16:05 CEST 2023"
_MONTH_FIRST = re.compile(
    rf"(?<![\w-])(?P<m>{_MONTH_RE})\.?\s+(?P<d>[0-3]?\d)(?:,|\s+\d\d:\d\d(?::\d\d)?(?:\s+[A-Z]{{3,5}})?)?"
    rf"\s+(?P<y>(?:19|20)\d\d)(?!\d)", re.IGNORECASE)
_NUM_DATE = re.compile(r"(?<![\w./-])(?P<d>[0-3]?\d) ?[-/.] ?(?P<m>[01]?\d) ?[-/.] ?(?P<y>(?:19|20)\d\d)(?![\w/-])")
_ISO_DATE = re.compile(r"(?<![\w-])(?P<y>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\w-])")


@dataclass(frozen=True)
class DateMention:
    iso: str | None  # None when the year is missing (`month_day` is then set)
    start: int
    end: int
    text: str
    weekday: bool = False
    month_day: tuple[int, int] | None = None


def iso_of(year: int, month: int, day: int) -> str | None:
    """ISO date string, or None when the parts are not a real calendar date."""
    try:
        return _dt.date(year, month, day).isoformat()
    except (ValueError, TypeError, OverflowError):
        return None


def date_mentions(text: str) -> list[DateMention]:
    """All dates in `text` in order of appearance; year-less "28 september" has iso None."""
    found: list[DateMention] = []
    for m in _TEXT_DATE.finditer(text):
        day, month = int(m["d"]), MONTHS[m["m"].lower()]
        if m["y"]:
            iso = iso_of(int(m["y"]), month, day)
            if iso:
                found.append(DateMention(iso, m.start(), m.end(), m.group(0), bool(m["wd"])))
        elif 1 <= day <= 31:
            found.append(DateMention(None, m.start(), m.end(), m.group(0), bool(m["wd"]), (month, day)))
    for m in _MONTH_FIRST.finditer(text):
        iso = iso_of(int(m["y"]), MONTHS[m["m"].lower()], int(m["d"]))
        if iso:
            found.append(DateMention(iso, m.start(), m.end(), m.group(0)))
    for rx in (_NUM_DATE, _ISO_DATE):
        for m in rx.finditer(text):
            iso = iso_of(int(m["y"]), int(m["m"]), int(m["d"]))
            if iso:
                found.append(DateMention(iso, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda x: (x.start, -x.end))
    kept: list[DateMention] = []
    for m in found:  # overlapping readings of the same characters: keep the first, longest
        if not kept or m.start >= kept[-1].end:
            kept.append(m)
    return kept


def parse_date(text: str) -> str | None:
    """The first complete date in `text` as ISO yyyy-mm-dd, else None. Never raises."""
    for m in date_mentions(text):
        if m.iso:
            return m.iso
    return None


_FILE_PATTERNS = (
    re.compile(r"(?<!\d)((?:19|20)\d\d)[-_ .]?([01]?\d)[-_ .]([0-3]?\d)(?!\d)"),  # 2024_4_25, 2020-09-21
    re.compile(r"(?<!\d)((?:19|20)\d\d)([01]\d)([0-3]\d)(?!\d)"),  # 20240606
)


def date_in_filename(name: str) -> str | None:
    """A date written in a file name (2025_09_02, 20240606, 26_april_2018), else None."""
    stem = name.rsplit("/", 1)[-1]
    for rx in _FILE_PATTERNS:
        for m in rx.finditer(stem):
            iso = iso_of(int(m[1]), int(m[2]), int(m[3]))
            if iso:
                return iso
    return parse_date(re.sub(r"[_]+", " ", stem))


def date_in_pdf_metadata(pairs: tuple[tuple[str, str], ...]) -> str | None:
    """CreationDate (else ModDate) of PDF metadata ("D:20230919140604+02'00'") as ISO."""
    meta = {k.lstrip("/").lower(): v for k, v in pairs}
    for key in ("creationdate", "moddate"):
        m = re.match(r"(?:D:)?((?:19|20)\d\d)(\d\d)(\d\d)", str(meta.get(key, "")).strip())
        if m:
            iso = iso_of(int(m[1]), int(m[2]), int(m[3]))
            if iso:
                return iso
    return None


# --- choosing the meeting date -------------------------------------------------------------
# Words just before a date that make it the meeting date, or something else (weights are small
# integers so that a reader can follow a decision by hand; `docs/metadata.md` lists them).
_BEFORE_GOOD = (
    # the layout may put a label and its value in separate blocks ("Vergaderdatum en tijd\n\n9 juli")
    (re.compile(r"vergader\s*datum[^\d\n]{0,14}\s*$"), 6),
    (re.compile(r"(?:^|\n)\s*(?:datum|date|datum vergadering|datum bijeenkomst)\s*[:：]?\s*$"), 3),
    (re.compile(r"(?:gehouden|georganiseerd|plaatsgevonden|vond)\s+(?:op|plaats op)\s*$"), 4),
    (re.compile(r"\bd\.d\.\s*$"), 2),
)
_BEFORE_BAD = (
    # minutes/decisions of an earlier meeting: "notulen van de vergadering van 10 november 2011"
    (re.compile(r"(?:notulen|verslag|besluitenlijst|actielijst|vergadering|bijeenkomst|overleg)"
                r"(?:\s+\w+){0,3}\s+(?:van|d\.d\.)\s*$"), -4),
    (re.compile(r"vorige[^\n]{0,60}$"), -3),
    (re.compile(r"(?:volgende|eerstvolgende|nieuwe)\s+(?:vergadering|bijeenkomst|overleg|keer|avond)[^\n]{0,30}$"), -5),
    (re.compile(r"(?:uiterlijk|voor|vóór|per|vanaf|tot|t/m|na|sinds|deadline|gereed|klaar)\s*[:]?\s*$"), -3),
    (re.compile(r"(?:versie|version|concept|gewijzigd|publicatie|gepubliceerd|vastgesteld|geactualiseerd"
                r"|bijgewerkt|afgedrukt|printed|brief van|kenmerk|ingediend)[^\n]{0,20}$"), -4),
    (re.compile(r"(?:^|\n)\s*[a-z]+(?: [a-z]+)?,\s*$"), -4),  # letter date "Den Haag, 3 april 2009"
)
_AFTER_BAD = re.compile(r"^[^\n]{0,40}\b(?:goedgekeurd|vastgesteld|ongewijzigd)")


def _score(text: str, m: DateMention, title_span: tuple[int, int] | None) -> int:
    before = text[max(0, m.start - 80):m.start]
    low = before.lower()  # all patterns are lower case
    score = 2 if m.weekday else 0
    for rx, w in _BEFORE_GOOD:
        if rx.search(low):
            score += w
            break
    for i, (rx, w) in enumerate(_BEFORE_BAD):
        if rx.search(low):
            # a weekday marks the meeting itself ("van donderdag 2 april"); earlier ones rarely get one
            score += -1 if i == 0 and m.weekday else w
    if _AFTER_BAD.search(text[m.end:m.end + 60].lower()):
        score -= 2
    if title_span and title_span[0] <= m.start < title_span[1]:
        score += 4
    if m.start < 400:
        score += 1
    if m.iso is None:
        score -= 1
    return score


def _year_hint(mentions: list[DateMention], fallback: str | None) -> int | None:
    years = [int(m.iso[:4]) for m in mentions if m.iso]
    if fallback:
        return int(fallback[:4])
    return max(set(years), key=years.count) if years else None


def choose_meeting_date(text: str, *, title_span: tuple[int, int] | None = None,
                        running_headers: tuple[str, ...] = (), filename: str = "",
                        pdf_metadata: tuple[tuple[str, str], ...] = ()) -> tuple[str | None, str | None]:
    """(ISO date, source): the best-supported date in the text, else the file name's, else the PDF's."""
    from_name = date_in_filename(filename) if filename else None
    mentions = date_mentions(text)
    year = _year_hint(mentions, from_name)
    best: tuple[int, int, str] | None = None
    for m in mentions:
        iso = m.iso or (iso_of(year, *m.month_day) if year and m.month_day else None)
        if not iso:
            continue
        s = _score(text, m, title_span)
        if best is None or s > best[0]:
            best = (s, m.start, iso)
    if best and best[0] >= 0:
        return best[2], "text"
    # running footers like "Verslag bewonersavond 3 maart 2022" name the meeting; "versie 2 12-3-2024" not
    for line in running_headers:
        if re.search(r"verslag|notulen|vergadering|bijeenkomst|overleg|avond", line, re.I):
            iso = parse_date(line)
            if iso:
                return iso, "text"
    if from_name:
        return from_name, "filename"
    if best:
        return best[2], "text"
    iso = date_in_pdf_metadata(pdf_metadata)
    # the text names the meeting's day and month but no year anywhere ("Breakout sessies 26 april"): a file
    # saved on another day does not date it
    stated = [m.month_day for m in mentions if m.iso is None and m.month_day and _score(text, m, title_span) >= 0]
    if iso and stated and all((int(iso[5:7]), int(iso[8:10])) != tuple(md) for md in stated):
        return None, None
    return (iso, "pdf_metadata") if iso else (None, None)
