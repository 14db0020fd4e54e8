"""Commitment threads: each promise followed through the meetings of its series.

A *mention* is a sentence or action-list item that makes a promise (what the commitment tagger
found), restates it, or says something about it later (status cue words such as "afgehandeld",
"staat nog open", "vervalt", "schuift door naar", negated ones such as "nog altijd niet uitgevoerd").
Mentions are linked, in meeting order:
  1. by the printed action number ("Actiepunt 3", "- 3. ...", "was actiepunt 3", "2504/03"): review
     items use the previous report's numbering, a new list may renumber (old number beside it);
  2. otherwise by who and what: TF-IDF cosine over crude lemmas of the content words, plus the
     promiser's name, within one meeting too (a toezegging in the text and its action-list item);
  3. a sentence right after a mention in the same section that names the promiser or carries a
     "still not done" cue continues that thread.
A follow-up that links to no thread is no mention (a question about a promise from before the series,
a solved complaint, a payment "ontvangen"); only commitments and action items open new threads.
Events, deadlines (models.deadlines) and the status as of the latest report follow the conventions
of ../shared/corpus/README.md ("Series gold"). Pure: reports in, threads out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from models import thread_cues as cues
from models.thread_units import units_merged
from models.deadlines import Deadline, deadline_in, states_no_deadline
from models.series import MeetingInfo, Series

STATUSES = ("open", "done", "dropped", "overdue")
EVENTS = ("promised", "repeated", "progress", "postponed", "done", "dropped")


@dataclass(frozen=True)
class Unit:
    """One sentence or list item of a report, with provenance."""
    index: int  # sentence index in the report
    page: int
    start: int  # character offsets into the report text
    end: int
    text: str
    kind: str  # list_item | paragraph | box | ...
    heading: str | None  # heading of the section it stands in
    committed: bool = False  # the commitment tagger marked it
    by: str | None = None  # who promised, as the tagger read it
    block: int = -1


@dataclass(frozen=True)
class ReportText:
    meeting: MeetingInfo
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class ThreadMention:
    doc_id: str
    file_name: str
    meeting_date: str | None
    sentence: int
    page: int
    start: int
    end: int
    quote: str
    event: str
    deadline: str | None = None
    deadline_text: str | None = None
    ref: str | None = None  # the action number printed with this mention


@dataclass(frozen=True)
class Thread:
    thread_id: str  # series slug + number, stable for the same input
    series: str
    what: str
    by: str | None
    ref: str | None  # action number as first printed
    deadline: str | None
    deadline_text: str | None
    status: str  # open | done | dropped | overdue (as of the series' latest report)
    forgotten: bool  # open or overdue, not mentioned in the last two meetings of its series
    mentions: tuple[ThreadMention, ...]

    @property
    def first(self) -> ThreadMention:
        return self.mentions[0]

    @property
    def last(self) -> ThreadMention:
        return self.mentions[-1]


# ---------------------------------------------------------------- words

_STOP = set("""de het een en van in op te dat die voor met is zijn wordt worden aan er om ook als bij nog
naar door over tot of uit zo dan niet maar wel al hij zij ze we wij u je deze dit hun haar hem
heeft hebben had was waren zal zullen kan kunnen moet moeten gaat gaan laat komt wil daar hier
actiepunt actiepunten punt nr""".split())
_TOKEN = re.compile(r"[a-zà-ÿ0-9]{3,}")
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.I)


def lemmas(text: str) -> str:
    """Crude Dutch lemmas of the content words: plural and diminutive endings off, long compounds
    cut to their first part's length (intercominstallatie ~ intercom), so TF-IDF can compare them."""
    out = []
    text = _URL.sub(" ", text)  # a web address is no content words ("...issues?q=label%3A...rules")
    for w in _TOKEN.findall(text.lower()):
        if w in _STOP or w.isdigit():
            continue
        for suffix in ("tjes", "jes", "tje", "je", "en", "s"):
            if len(w) > len(suffix) + 4 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        out.append(w[:7])
    return " ".join(out)


def _surnames(by: str | None) -> set[str]:
    if not by:
        return set()
    return {w for w in re.findall(r"[A-Z][a-zà-ÿ\-]{2,}", by) if w.lower() not in _STOP}


# ---------------------------------------------------------------- building threads

@dataclass
class _Draft:
    mentions: list
    by: str | None
    ref: str | None
    what: str
    listed_in: set  # file names whose action list holds it
    text: str  # all mention texts, for similarity


class _Linker:
    """TF-IDF over the lemmas of every unit of the series, fitted once."""

    def __init__(self, reports: list[ReportText]):
        docs = [lemmas(u.text) for r in reports for u in r.units] or ["leeg"]
        self.vec = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True).fit(docs)

    def sims(self, text: str, drafts: list[_Draft], core_words: bool = False) -> np.ndarray:
        """max(cosine to all the thread's text, 0.8 x the share of the thread's core words (its `what`,
        weighted by IDF) that the text contains): a short core ("intercom De Lindenhof") inside a long
        complaint still counts."""
        if not drafts:
            return np.zeros(0)
        m = self.vec.transform([lemmas(text)] + [lemmas(d.text) for d in drafts])
        cos = (m[1:] @ m[0].T).toarray().ravel()
        if not core_words:
            return cos
        core = self.vec.transform([lemmas(d.what) for d in drafts])
        has = (m[0] > 0).astype(float)
        mass = np.asarray(core.sum(axis=1)).ravel()
        cover = np.asarray((core.multiply(has)).sum(axis=1)).ravel() / np.where(mass > 0, mass, 1)
        shared = np.asarray((core > 0).multiply(has).sum(axis=1)).ravel()
        cover = np.where(shared >= 2, cover, 0.0)
        return np.maximum(cos, 0.8 * cover)


def _event(text: str, first: bool, listed_now: bool, deadline: Deadline, current: str | None,
           mark: tuple[str | None, str | None] = (None, None)) -> str:
    """First of done, dropped, postponed, progress, repeated (promised for a thread's first mention).
    A table row's status mark decides for the row: its action text is what was promised, not news."""
    if mark[1] in ("done", "dropped"):
        return mark[1]
    if first:
        return "promised"
    if mark[0]:
        return "repeated"
    c = cues.status_of(text)
    if c in ("done", "dropped"):
        return c
    if listed_now and c is None:
        return "repeated"
    later = deadline.date and current and deadline.date > current and not deadline.relative
    if c == "postponed" or (later and not listed_now):
        return "postponed"
    if c == "progress":
        return "progress"
    return "repeated"


def threads_of(series: Series, reports: list[ReportText], min_sim: float = 0.32) -> list[Thread]:
    """The commitment threads of one series; `reports` are its reports (any order)."""
    order = {m.doc_id: i for i, m in enumerate(series.meetings)}
    reports = sorted((r for r in reports if r.meeting.doc_id in order), key=lambda r: order[r.meeting.doc_id])
    dates = [r.meeting.date for r in reports]
    linker = _Linker(reports)
    drafts: list[_Draft] = []
    prev_numbers: dict[str, _Draft] = {}
    for ri, rep in enumerate(reports):
        nxt = dates[ri + 1] if ri + 1 < len(dates) else rep.meeting.announced
        if rep.meeting.announced and nxt and rep.meeting.announced < nxt and not _same_week(rep.meeting.announced, nxt):
            nxt = rep.meeting.announced  # the next meeting was held but its report is not loaded
        cur_numbers: dict[str, _Draft] = {}
        in_report: list[_Draft] = []
        last: tuple[_Draft, Unit] | None = None
        previous = ""
        units = units_merged(rep.units)
        for ui, u in enumerate(units):
            context, previous = previous, u.text
            if cues.is_legend(u.text):
                continue  # "O=open/G=afgesloten": the key to the marks
            kind = cues.unit_kind(u)  # action (a list item) | review | followup | promise | None
            if kind is None:
                last = _continuation(u, last, drafts)
                continue
            refs = cues.refs_in(u.text, kind)
            target = _by_number(refs, kind, prev_numbers, cur_numbers, drafts, linker, u)
            if target is None:
                other_rows = [d for k, d in cur_numbers.items() if k != refs.own] if kind == "action" and refs.own else []
                later = [r.text for r in units[ui + 1:] if r.kind == u.kind] if kind == "action" else []
                target = _by_content(u, kind, rep, drafts, in_report, linker, min_sim, other_rows, later)
            if cues.before_series(u.text, dates[0]):
                last = None
                continue  # "wat is er terechtgekomen van de toezegging uit 2019?": not a thread of this series
            outcome = target is None and cues.outcome_first(u.text, kind)
            if target is None and kind not in ("promise", "action") and not outcome:
                last = _continuation(u, last, drafts)
                continue  # a follow-up about nothing we track: no mention
            dl = deadline_in(u.text, rep.meeting.date, nxt)
            if target is None:
                if cues.is_question(u.text) and not (kind == "action" and refs.own):  # a numbered row is an action
                    last = None
                    continue  # a question about an old promise is no new promise
                by = cues.listed_by(u.text) if kind == "action" else None
                by = by or (u.by if u.by and cues.is_name(u.by) else None) or cues.subject_of(u.text)
                target = _Draft([], by, refs.own, cues.what_of(u.text), set(),
                                context if cues.anaphoric(u.text) else "")
                drafts.append(target)
            current = _deadline_of(target)
            mark = cues.row_mark(u.text) if kind == "action" and refs.own else (None, None)
            ev = _event(u.text, not target.mentions and not outcome, kind == "action", dl, current, mark)
            _add(target, rep, u, ev, dl, refs.own)
            if kind == "action":
                target.listed_in.add(rep.meeting.file_name)
                if refs.own:
                    cur_numbers[refs.own] = target
            if target not in in_report:
                in_report.append(target)
            last = (target, u)
        if cur_numbers:
            prev_numbers = cur_numbers
    return _finish(series, reports, drafts)


def _same_week(a: str, b: str) -> bool:
    from datetime import date

    return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days) <= 7


def _by_number(refs, kind, prev_numbers, cur_numbers, drafts, linker, u) -> _Draft | None:
    if refs.was and refs.was in prev_numbers:
        return prev_numbers[refs.was]
    for key in refs.cited:
        for table in (prev_numbers, cur_numbers):
            for k in cues.ref_variants(key):
                if k in table:
                    return table[k]
        found = [d for d in drafts if d.ref and d.ref in cues.ref_variants(key)]
        if found:
            return found[-1]
    if refs.own and kind == "action":
        for k in cues.ref_variants(refs.own):
            cand = prev_numbers.get(k) or next((d for d in reversed(drafts) if d.ref and "/" in k and d.ref == k), None)
            # a carried-over item keeps its number; a renumbered list may reuse it for something else
            if cand is not None and ("/" in k or linker.sims(u.text, [cand])[0] >= 0.12):
                return cand
    return None


def _by_content(u: Unit, kind: str, rep: ReportText, drafts, in_report, linker, min_sim,
                other_rows=(), later_rows=()) -> _Draft | None:
    """Who + what: the most similar thread, with the promiser's name and the same meeting as help.
    Two numbered rows of one list are two actions (`other_rows`: threads listed under another number);
    an action-list item takes a toezegging of its own meeting only when no later item of the list
    (`later_rows`) is more like it."""
    closed = ("done", "dropped")
    reopen = kind != "promise" or "opnieuw" in u.text.lower()  # a new promise does not reopen a closed thread
    open_ = [d for d in drafts if (cues.status_of_draft(d) not in closed
             or (reopen and rep.meeting.file_name in {m.file_name for m in d.mentions}))
             and not any(d is o for o in other_rows)]
    if not open_:
        return None
    sims = linker.sims(u.text, open_, core_words=kind == "followup" and cues.status_of(u.text) == "repeated")
    best, best_score = None, 0.0
    names = set(re.findall(r"[A-Z][a-zà-ÿ\-]{2,}", u.text))
    u_by = _surnames(cues.listed_by(u.text) if kind == "action" else u.by)
    for d, s in zip(open_, sims):
        score = float(s)
        if _surnames(d.by) & (names | u_by):
            score += 0.12
            if cues.TAKES_OVER.search(u.text):
                score += 0.2  # a successor who took the dossier over restates the promise
        here = d in in_report
        if kind == "action" and here and rep.meeting.file_name not in d.listed_in:
            if later_rows and max(_cos(linker, d.text, later_rows)) > float(s) + 0.02:
                continue  # a later item of the list is its item
            score += 0.15  # the text's toezegging and its action-list item
            if u_by and _surnames(d.by) & u_by:
                score += 0.15
        if kind == "promise" and here and not cues.status_of(u.text):
            score -= 0.1  # two promises in one meeting are usually two promises
        if score > best_score:
            best, best_score = d, score
    need = min_sim if kind in ("review", "followup", "action") else min_sim + 0.08
    if kind == "followup" and cues.status_of(u.text) == "repeated":
        need -= 0.08  # "nog steeds met een kapotte intercom": a complaint that the promise is not kept
    return best if best_score >= need else None


def _cos(linker: _Linker, text: str, others: list[str]) -> list[float]:
    m = linker.vec.transform([lemmas(text)] + [lemmas(o) for o in others])
    return list((m[1:] @ m[0].T).toarray().ravel())


def _continuation(u: Unit, last, drafts) -> tuple | None:
    """A sentence right after a mention, in its section, that names the promiser or says it is still
    not done, continues the thread ("Stegeman zegt opnieuw toe ...", "Bosman heeft ... uitgelegd")."""
    if last is None:
        return None
    d, prev = last
    if u.heading != prev.heading or u.kind == "list_item" or (prev.kind == "list_item" and u.block != prev.block):
        return None
    if cues.continues(u.text) or (_surnames(d.by) & set(re.findall(r"[A-Z][a-zà-ÿ\-]{2,}", u.text))
                                   and cues.reports_action(u.text)):
        ev = cues.status_of(u.text) or (d.mentions[-1].event if d.mentions[-1].event in ("done", "dropped")
                                         else "repeated")
        m0 = d.mentions[-1]
        d.mentions.append(ThreadMention(m0.doc_id, m0.file_name, m0.meeting_date, u.index, u.page, u.start, u.end,
                                        u.text, ev if ev in EVENTS else "repeated"))
        d.text += " " + u.text
        return (d, u)
    return None


def _add(d: _Draft, rep: ReportText, u: Unit, ev: str, dl: Deadline, ref: str | None) -> None:
    keep = ev in ("promised", "repeated", "postponed") and not states_no_deadline(u.text)
    quote = _quote(u)
    d.mentions.append(ThreadMention(rep.meeting.doc_id, rep.meeting.file_name, rep.meeting.date, u.index, u.page,
                                    u.start, u.start + len(quote), quote, ev, dl.date if keep else None,
                                    dl.text if keep else None, ref))
    d.text += " " + u.text
    if d.by is None:
        d.by = (cues.listed_by(u.text) if u.kind == "list_item" else None) or (
            u.by if u.by and cues.is_name(u.by) else cues.subject_of(u.text))
    if d.ref is None and ref:
        d.ref = ref
    if ev != "promised" and u.kind == "list_item" and len(cues.what_of(u.text)) > 10 and not d.listed_in:
        d.what = cues.what_of(u.text)


QUOTE_MAX = 200  # a long list item or table row is quoted by its opening, as a reader cites it


def _quote(u: Unit) -> str:
    """The unit's text; a list item or table row longer than QUOTE_MAX up to its last sentence end
    (else word end) within QUOTE_MAX characters."""
    if u.kind != "list_item" or len(u.text) <= QUOTE_MAX:
        return u.text
    head = u.text[:QUOTE_MAX]
    ends = [m.end() for m in re.finditer(r"[.!?;:](?=\s)", head) if m.end() >= 40]
    cut = ends[-1] if ends else (head.rfind(" ") if head.rfind(" ") > 40 else QUOTE_MAX)
    return u.text[:cut].rstrip()


def _deadline_of(d: _Draft) -> str | None:
    found = [(m.deadline, m.deadline_text) for m in d.mentions if m.deadline]
    return found[-1][0] if found else None


def _finish(series: Series, reports: list[ReportText], drafts: list[_Draft]) -> list[Thread]:
    last_date = reports[-1].meeting.date if reports else None
    recent = {r.meeting.file_name for r in reports[-2:]}
    out = []
    for i, d in enumerate(drafts, 1):
        ms = tuple(m for m in d.mentions if not cues.bare(m.quote))  # a code alone says nothing about it
        if not ms:
            continue
        found = [(m.deadline, m.deadline_text) for m in ms if m.deadline]
        deadline, words = found[-1] if found else (None, None)
        final = [m.event for m in ms if m.event in ("done", "dropped", "promised", "repeated", "postponed")]
        status = final[-1] if final and final[-1] in ("done", "dropped") else "open"
        if status == "open" and deadline and last_date and deadline < last_date:
            status = "overdue"
        forgotten = status in ("open", "overdue") and len(reports) >= 3 and not ({m.file_name for m in ms} & recent)
        out.append(Thread(f"{series.slug}#{i}", series.slug, d.what, d.by, d.ref, deadline, words, status,
                          forgotten, ms))
    return out


def series_json(series: Series, threads: list[Thread]) -> dict:
    """One series in the series gold format of ../shared/corpus/README.md (scorable by score_series.py)."""
    return {"series": series.slug, "organisation": series.name,
            "documents": [{"file": m.file_name, "date": m.date} for m in series.meetings],
            "threads": [{"id": t.thread_id, "what": t.what, "by": t.by, "ref": t.ref, "deadline": t.deadline,
                         "deadline_text": t.deadline_text, "status": t.status, "forgotten": t.forgotten,
                         "mentions": [{"file": m.file_name, "quote": m.quote, "event": m.event, "page": m.page,
                                       "char_start": m.start, "char_end": m.end} for m in t.mentions]}
                        for t in threads]}
