"""Series: the run of reports of one body meeting the same partner (the periodiek overleg of a
huurdersvereniging with its corporation, a bestuurlijk overleg, a technisch overleg).

Detected from meeting metadata: two reports belong together when their participants overlap and
their names agree (organisation, title, running headers and the file name's words without dates and
version numbers), and the meeting types do not contradict each other. Single linkage over those
pairs (union-find); two reports of the same date never join. A small override file lets a user who
knows better put files into a named series (`series_of(..., overrides=...)`).
Gaps: meetings the text refers to ("het verslag van 12 maart wordt vastgesteld") that are not
loaded, and breaks in a regular cadence. Pure functions; no I/O except `load_overrides`.
"""
from __future__ import annotations

import fnmatch
import json
import re
import statistics
import tomllib
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from models.deadlines import DAY_MONTH, MONTHS, NUMERIC


@dataclass(frozen=True)
class MeetingInfo:
    """What series detection reads of one report (built from a Document or from warehouse rows)."""
    doc_id: str
    file_name: str
    date: str | None  # ISO
    type: str | None = None
    title: str | None = None
    organisation: str | None = None
    participants: tuple[str, ...] = ()  # names listed present or absent
    headers: tuple[str, ...] = ()  # running headers/footers
    referred: tuple[tuple[str, str], ...] = ()  # (ISO date, the words) of earlier meetings the text refers to
    announced: str | None = None  # the next meeting's date as the report announces it


@dataclass(frozen=True)
class Series:
    slug: str
    name: str
    meetings: tuple[MeetingInfo, ...]  # in date order
    source: str = "detected"  # detected | override


@dataclass(frozen=True)
class Gap:
    slug: str
    kind: str  # referred (a meeting the text names is not loaded) | cadence (a break in the rhythm)
    after: str | None  # date of the loaded meeting before the gap
    before: str | None  # date of the loaded meeting after the gap
    expected: str | None  # date of the missing meeting when the text gives it
    evidence: str  # the words, or the intervals


_STOP = {"verslag", "notulen", "concept", "van", "de", "het", "en", "met", "v1", "v", "definitief", "pdf",
         "bijlage", "overleg", "pagina", "page", "blad", "van", "uur", "der", "den", "te", "in", "op", "voor", "vergadering"}
_WORD = re.compile(r"[a-zà-ÿ]{2,}")


def _words(m: MeetingInfo) -> set[str]:
    stem = re.sub(r"\.pdf$", "", m.file_name.lower())
    stem = re.sub(r"[\d]+", " ", stem.replace("_", " ").replace("-", " "))
    text = " ".join([stem, m.title or "", m.organisation or "", *m.headers]).lower()
    return {w for w in _WORD.findall(text) if w not in _STOP and w not in MONTHS}


def _people(m: MeetingInfo) -> set[str]:
    return {re.sub(r"\s+", " ", p.lower()).strip() for p in m.participants if len(p) > 3}


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def affinity(a: MeetingInfo, b: MeetingInfo, weight: dict[str, float] | None = None) -> float:
    """How much two reports look like meetings of one series (0..1): name words weighted by how rare
    they are in the archive ("Digikoppeling" says more than "Logius" or "verslag"), and shared people."""
    if a.date and a.date == b.date:
        return 0.0
    if a.type and b.type and a.type != b.type and "overleg" not in (a.type, b.type):
        return 0.0
    wa, wb = _words(a), _words(b)
    w = weight or {}
    union = sum(w.get(x, 1.0) for x in wa | wb)
    words = sum(w.get(x, 1.0) for x in wa & wb) / union if union else 0.0
    return 0.6 * words + 0.4 * _jaccard(_people(a), _people(b))


def word_weights(meetings: list[MeetingInfo]) -> dict[str, float]:
    """Inverse document frequency of the name words over the archive's reports."""
    import math

    df: dict[str, int] = {}
    for m in meetings:
        for x in _words(m):
            df[x] = df.get(x, 0) + 1
    n = len(meetings)
    return {x: math.log((1 + n) / (1 + c)) + 0.1 for x, c in df.items()}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "series"


def _name_of(ms: list[MeetingInfo]) -> str:
    common = set.intersection(*(_words(m) for m in ms)) if len(ms) > 1 else _words(ms[0])
    first = ms[0].file_name.lower()
    ordered = sorted(common, key=lambda w: (first.find(w) if w in first else 10_000, w))
    return " ".join(ordered[:6]) or (ms[0].title or ms[0].file_name)


def load_overrides(path: str | None) -> dict[str, list[str]]:
    """The override file: TOML `[series] slug = ["file pattern", ...]` or the same as JSON.
    Patterns are shell patterns on file names (`logius_API_*`)."""
    if not path:
        return {}
    with open(path, "rb") as fh:
        data = tomllib.load(fh) if not path.endswith(".json") else json.load(fh)
    table = data.get("series", data)
    return {str(k): [str(p) for p in (v if isinstance(v, list) else [v])] for k, v in table.items()}


def series_of(meetings: list[MeetingInfo], overrides: dict[str, list[str]] | None = None,
              threshold: float = 0.33) -> list[Series]:
    """Reports grouped into series, each in date order; a report no other joins is a series of one."""
    overrides = overrides or {}
    forced: dict[str, list[MeetingInfo]] = {}
    rest = []
    for m in meetings:
        slug = next((s for s, pats in overrides.items()
                     if any(fnmatch.fnmatch(m.file_name.lower(), p.lower()) for p in pats)), None)
        (forced.setdefault(slug, []) if slug else rest).append(m)
    parent = list(range(len(rest)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    weight = word_weights(rest)
    for i, j in combinations(range(len(rest)), 2):
        if affinity(rest[i], rest[j], weight) >= threshold:
            parent[find(j)] = find(i)
    groups: dict[int, list[MeetingInfo]] = {}
    for i, m in enumerate(rest):
        groups.setdefault(find(i), []).append(m)
    out = [Series(slug, slug, tuple(_ordered(ms)), "override") for slug, ms in forced.items()]
    taken = {s.slug for s in out}
    for ms in groups.values():
        ms = _ordered(ms)
        name = _name_of(ms)
        slug = _slug(name)
        while slug in taken:
            slug += "-2"
        taken.add(slug)
        out.append(Series(slug, name, tuple(ms)))
    return sorted(out, key=lambda s: (-len(s.meetings), s.slug))


def _ordered(ms: list[MeetingInfo]) -> list[MeetingInfo]:
    return sorted(ms, key=lambda m: (m.date or "9999", m.file_name))


# ---------------------------------------------------------------- what the text says about other meetings

_REFERRED = re.compile(r"\b(verslag|notulen|besluitenlijst)\s+(?:van\s+)?(?:de\s+)?(?:vorige\s+(?:keer|vergadering|overleg)\s*)?"
                       r"(?:van\s+|d\.\s?d\.?\s*|dd\s+)?(?:\w+dag\s+)?", re.IGNORECASE)
_ANNOUNCED = re.compile(r"\b(volgende?|eerstvolgende)\s+(overleg|vergadering|bijeenkomst|meeting|TO)\b", re.IGNORECASE)


def _date_at(text: str, start: int, meeting: date) -> tuple[str, str] | None:
    low = text.lower()
    window = low[start:start + 40]
    m = DAY_MONTH.match(window) or NUMERIC.match(window)
    if not m:
        m = DAY_MONTH.search(window) or NUMERIC.search(window)
        if not m or m.start() > 25:
            return None
    try:
        if m.re is NUMERIC:
            d = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        else:
            y = int(m.group(3)) if m.group(3) else None
            month, day = MONTHS[m.group(2)], int(m.group(1))
            d = date(y, month, day) if y else date(meeting.year, month, day)
    except ValueError:
        return None
    return d.isoformat(), text[start + m.start():start + m.end()]


def referred_meetings(sentences: list[str], meeting_date: str | None) -> tuple[tuple[str, str], ...]:
    """Earlier meetings a report names: "Het verslag van 8 november 2022 wordt vastgesteld",
    "De notulen van de vorige keer 4-2-2025 stilzwijgend vastgesteld" -> ((ISO date, words), ...)."""
    if not meeting_date:
        return ()
    meeting = date.fromisoformat(meeting_date[:10])
    out = []
    for s in sentences:
        for m in _REFERRED.finditer(s):
            found = _date_at(s, m.end(), meeting)
            if found:
                iso, words = found
                if iso > meeting_date[:10] and not re.search(r"\d{4}", words):
                    iso = date.fromisoformat(iso).replace(year=meeting.year - 1).isoformat()
                if iso < meeting_date[:10]:
                    out.append((iso, " ".join(s.split())[:200]))
    return tuple(dict.fromkeys(out))


def announced_meeting(sentences: list[str], meeting_date: str | None) -> str | None:
    """The next meeting's date as a report announces it ("Het volgende overleg is op 28 september 2023")."""
    if not meeting_date:
        return None
    meeting = date.fromisoformat(meeting_date[:10])
    for s in reversed(sentences):
        m = _ANNOUNCED.search(s)
        if not m:
            continue
        found = _date_at(s, m.end(), meeting)
        if found:
            iso = found[0]
            if iso <= meeting_date[:10] and not re.search(r"\d{4}", found[1]):
                iso = date.fromisoformat(iso).replace(year=meeting.year + 1).isoformat()
            if iso > meeting_date[:10]:
                return iso
    return None


def gaps_in(series: Series, tolerance_days: int = 7, cadence_factor: float = 1.75) -> list[Gap]:
    """Missing reports of one series: referred to but not loaded, and breaks in a regular cadence."""
    ms = [m for m in series.meetings if m.date]
    dates = [date.fromisoformat(m.date[:10]) for m in ms]
    out: list[Gap] = []

    def loaded(d: date) -> bool:
        return any(abs((d - x).days) <= tolerance_days for x in dates)

    def around(d: date) -> tuple[str | None, str | None]:
        before = [x for x in dates if x < d]
        after = [x for x in dates if x > d]
        return (max(before).isoformat() if before else None, min(after).isoformat() if after else None)

    seen = set()
    for m in ms:
        wanted = list(m.referred) + ([(m.announced, "announced as the next meeting")] if m.announced else [])
        for iso, words in wanted:
            d = date.fromisoformat(iso)
            if d > dates[-1] or loaded(d) or iso in seen:
                continue  # a future meeting, or it is loaded
            seen.add(iso)
            a, b = around(d)
            out.append(Gap(series.slug, "referred", a, b, iso, f"{m.file_name}: {words}"))
    if len(dates) >= 3:
        steps = [(b - a).days for a, b in zip(dates, dates[1:])]
        usual = statistics.median(steps)
        for (a, b), step in zip(zip(dates, dates[1:]), steps):
            if usual > 0 and step > cadence_factor * usual and not any(a < date.fromisoformat(g.expected) < b
                                                                       for g in out if g.expected):
                out.append(Gap(series.slug, "cadence", a.isoformat(), b.isoformat(), None,
                               f"{step} days between meetings, usually {usual:.0f}"))
    return sorted(out, key=lambda g: (g.after or "", g.kind))
