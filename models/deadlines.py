"""Deadlines as dates: what a promise's text says ("voor 1 mei", "eind dit jaar", "in het derde
kwartaal", "voor de zomer", "binnen twee weken", "voor het volgende overleg") resolved against the
meeting date, with the words kept beside the date.

Conventions (../shared/corpus/README.md, "Series gold"): a day without a year is the first such day
on or after the meeting; a month is its last day; a year, "dit jaar", "eind 2023" is 31 December;
"voor de zomer" is 1 July; "binnen N weken" counts from the meeting; "het volgende overleg" is the
next meeting of the series when it is known. An explicit date beats a relative phrase in the same
text; among several explicit dates the latest counts. "zo snel mogelijk", "doorlopend", "datum volgt"
and not-before dates ("niet voor 1 maart") are no deadlines. Pure functions, no state.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {"januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
          "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mrt": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
          "okt": 10, "nov": 11, "dec": 12}
_NUMBERS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
            "negen": 9, "tien": 10, "twaalf": 12}
_QUARTERS = {"eerste": 1, "1e": 1, "tweede": 2, "2e": 2, "derde": 3, "3e": 3, "vierde": 4, "4e": 4}
_MONTH = r"(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december)"
_YEAR = r"(?:\s+(\d{4})|\s+'(\d{2}))?"
_PREP = r"(?:vóór|voor|uiterlijk|per|vanaf|op|rond|tot|gereed|klaar|eind|einde|begin)"
_PAST = re.compile(r"\b(heeft|hebben|had|is|zijn|was|waren|werd|werden|sinds|geleden)\s+(\w+\s+){0,2}$")

DAY_MONTH = re.compile(r"\b(\d{1,2})\s+" + _MONTH + _YEAR + r"\b")
NUMERIC = re.compile(r"\b(\d{1,2})-(\d{1,2})-(\d{4})\b")
MONTH_ONLY = re.compile(r"\b(?:(in|eind|einde|eind van|uiterlijk|voor|vóór|begin|medio|pas in|per)\s+)?"
                        + _MONTH + _YEAR + r"\b")
YEAR_END = re.compile(r"\b(?:in|eind|einde|voor eind|uiterlijk eind|nog in|begin)\s+(\d{4})\b|\(\s*[^()]*,\s*(\d{4})\s*\)")
THIS_YEAR = re.compile(r"\b(?:nog dit jaar|eind dit jaar|dit jaar|eind van dit jaar|voor het einde van het jaar)\b")
NEXT_YEAR = re.compile(r"\b(?:volgend jaar|komend jaar)\b")
QUARTER = re.compile(r"\b(?:in|voor|eind)\s+het\s+(eerste|tweede|derde|vierde|1e|2e|3e|4e)\s+kwartaal(?:\s+(?:van\s+)?(\d{4}))?")
SUMMER = re.compile(r"\b(?:voor|vóór)\s+de\s+zomer(?:\s+(?:van\s+)?(\d{4}))?")
AFTER_SUMMER = re.compile(r"\bna\s+de\s+zomer(?:vakantie)?\b")
WITHIN = re.compile(r"\bbinnen\s+(\d+|een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|twaalf)\s+(dag|dagen|week|weken|maand|maanden)\b")
NEXT_MEETING = re.compile(r"\b(?:voor|vóór|in|op|tijdens|bij)\s+(?:het|de|een)\s+(?:volgende?|eerstvolgende?|komende?)\s+"
                          r"(?:overleg|vergadering|bijeenkomst|TO|keer|meeting)\b|\(\s*[^()]*,\s*volgend overleg\s*\)",
                          re.IGNORECASE)
NO_DEADLINE = re.compile(r"\b(zo snel mogelijk|z\.s\.m\.|doorlopend|datum volgt|nog geen (nieuwe )?datum)\b")
NOT_BEFORE = re.compile(r"\b(niet|pas)\s+(vóór|voor|eerder dan)\s+$")


@dataclass(frozen=True)
class Deadline:
    date: str | None  # ISO yyyy-mm-dd, None when the text states no deadline
    text: str | None  # the words it was read from
    relative: bool = False  # read from "het volgende overleg" (the next meeting's date)


NONE = Deadline(None, None)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(full: str | None, short: str | None) -> int | None:
    return int(full) if full else (2000 + int(short) if short else None)


def _on_or_after(meeting: date, month: int, day: int) -> date:
    for y in (meeting.year, meeting.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if d >= meeting:
            return d
    return date(meeting.year + 1, month, min(day, 28))


def _explicit(text: str, low: str, meeting: date) -> list[tuple[date, str]]:
    out = []
    taken: list[tuple[int, int]] = []
    for m in DAY_MONTH.finditer(low):
        before = low[:m.start()]
        if _not_a_deadline(before):
            continue
        y = _year(m.group(3), m.group(4))
        month, day = MONTHS[m.group(2)], int(m.group(1))
        try:
            d = date(y, month, day) if y else _on_or_after(meeting, month, day)
        except ValueError:
            continue
        out.append((d, text[m.start():m.end()]))
        taken.append((m.start(), m.end()))
    for m in NUMERIC.finditer(low):
        before = low[:m.start()]
        if _PAST.search(before[-40:]) or re.search(r"\b(d\.d\.?|sinds|van)\s*$", before[-8:]):
            continue
        try:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            continue
        out.append((d, text[m.start():m.end()]))
        taken.append((m.start(), m.end()))
    for m in MONTH_ONLY.finditer(low):
        if any(a <= m.start(2) < b for a, b in taken):
            continue
        before = low[:m.start()]
        if _PAST.search(before[-40:]) or NOT_BEFORE.search(before[-20:]) or re.search(r"\b(sinds|van)\s+$", before[-8:]):
            continue
        y = _year(m.group(3), m.group(4))
        month = MONTHS[m.group(2)]
        if not m.group(1) and y is None and not _in_parenthesis(low, m.start()):
            continue  # a bare month name ("de oktoberstorm", "in de maand") is no deadline
        if y is None:
            y = meeting.year if month >= meeting.month else meeting.year + 1
        out.append((_month_end(y, month), text[m.start():m.end()]))
    for m in YEAR_END.finditer(low):
        y = int(m.group(1) or m.group(2))
        if abs(y - meeting.year) <= 5:
            out.append((date(y, 12, 31), text[m.start():m.end()].strip("() ")))
    for m in QUARTER.finditer(low):
        q = _QUARTERS[m.group(1)]
        y = int(m.group(2)) if m.group(2) else meeting.year
        d = _month_end(y, q * 3)
        if not m.group(2) and d < meeting:
            d = _month_end(y + 1, q * 3)
        out.append((d, text[m.start():m.end()]))
    for m in SUMMER.finditer(low):
        y = int(m.group(1)) if m.group(1) else (meeting.year if meeting < date(meeting.year, 7, 1) else meeting.year + 1)
        out.append((date(y, 7, 1), text[m.start():m.end()]))
    return out


def _not_a_deadline(before: str) -> bool:
    """A date told as past ("heeft op 2 februari uitgelegd"), a not-before date, a start ("sinds")."""
    if _PAST.search(before[-40:]) or NOT_BEFORE.search(before[-20:]):
        return True
    if re.search(r"\bop\s+$", before[-4:]) and re.search(r"\b(heeft|hebben|had|is|zijn|was|werd)\b", before):
        return True
    return bool(re.search(r"\b(sinds|na)\s+$", before[-8:]) or
                (re.search(r"\bvan\s+$", before[-5:]) and not re.search(r"\b(overleg|vergadering|bijeenkomst)\s+van\s+$", before)))


def _in_parenthesis(low: str, at: int) -> bool:
    return low.rfind("(", 0, at) > low.rfind(")", 0, at)


def _relative(text: str, low: str, meeting: date) -> list[tuple[date, str]]:
    out = []
    for m in THIS_YEAR.finditer(low):
        out.append((date(meeting.year, 12, 31), text[m.start():m.end()]))
    for m in NEXT_YEAR.finditer(low):
        out.append((date(meeting.year + 1, 12, 31), text[m.start():m.end()]))
    for m in WITHIN.finditer(low):
        n = int(m.group(1)) if m.group(1).isdigit() else _NUMBERS[m.group(1)]
        unit = m.group(2)
        if unit.startswith("dag"):
            d = meeting + timedelta(days=n)
        elif unit.startswith("we"):
            d = meeting + timedelta(days=7 * n)
        else:
            month = meeting.month - 1 + n
            y, month = meeting.year + month // 12, month % 12 + 1
            d = date(y, month, min(meeting.day, calendar.monthrange(y, month)[1]))
        out.append((d, text[m.start():m.end()]))
    return out


def deadline_in(text: str, meeting_date: str | None, next_meeting: str | None = None) -> Deadline:
    """The deadline `text` states, resolved against `meeting_date` (ISO); `next_meeting` is the date of
    the series' next meeting (or the one the report announces), for "voor het volgende overleg"."""
    if not text or not meeting_date:
        return NONE
    try:
        meeting = date.fromisoformat(meeting_date[:10])
    except ValueError:
        return NONE
    text = re.sub(r"\s+", " ", text.replace("\u00ad", ""))
    low = text.lower()
    found = _explicit(text, low, meeting) or _relative(text, low, meeting)
    if found:
        d, words = max(found, key=lambda x: x[0])
        return Deadline(d.isoformat(), words)
    m = NEXT_MEETING.search(text)
    if m and next_meeting:
        return Deadline(next_meeting[:10], m.group(0).strip("() "), relative=True)
    if m:
        return Deadline(None, m.group(0).strip("() "), relative=True)
    return NONE


def states_no_deadline(text: str) -> bool:
    """"zo snel mogelijk", "datum volgt": the text says there is no date (a postponement keeps the old one)."""
    return bool(NO_DEADLINE.search(text.lower()))
