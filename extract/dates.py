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
_NUM_DATE = re.compile(r"(?<![\w./-])(?P<d>[0-3]?\d)[-/.](?P<m>[01]?\d)[-/.](?P<y>(?:19|20)\d\d)(?![\w/-])")
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
    for rx in (_NUM_DATE, _ISO_DATE):
        for m in rx.finditer(text):
            iso = iso_of(int(m["y"]), int(m["m"]), int(m["d"]))
            if iso:
                found.append(DateMention(iso, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda x: x.start)
    return found


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
