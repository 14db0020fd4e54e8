"""Recurring concerns: tenants' concerns grouped into the issues a council tracks as one line
("schimmel in de flats aan de X-straat", "huurverhoging niet op te brengen").

Two concerns are one issue when they name the same object (a complex, street or neighbourhood; a
landlord) and the same problem. The object is read from the capitalised names and "complex 214" in
the quote; the problem from TF-IDF (scikit-learn) over crude lemmas of the other content words.
Within a report, neighbouring concerns of one section that share the object or the problem are one
issue (the complaint, the question about it, the condition answering it). Across reports they join
only inside one series (the same body meeting the same partner: a landlord's name reused in another
town is another landlord), and only when they share the object and the problem, or, with no object
named, the problem strongly. A later sentence saying the problem is solved closes the group.

RECURRING is the one definition of a recurring concern (the CLI, the warehouse and the report read it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from models.threads import lemmas

RECURRING_MIN_MEETINGS = 2  # a concern group is recurring when raised at this many meetings or more


def is_recurring(n_meetings: int) -> bool:
    """THE definition of "recurring": raised at two or more different meetings."""
    return n_meetings >= RECURRING_MIN_MEETINGS


@dataclass(frozen=True)
class ConcernItem:
    key: str  # stable id (warehouse concern_id, or file#index)
    file_name: str
    doc_id: str
    date: str | None
    series: str | None  # series slug (models.series); None = a report on its own
    sentence: int
    section: int | None
    quote: str
    categories: tuple[str, ...] = ()
    raised_by: str | None = None
    page: int = 0
    organisation: str | None = None


@dataclass(frozen=True)
class ConcernGroup:
    group_id: str
    label: str  # a readable Dutch label
    members: tuple[ConcernItem, ...]  # in meeting and reading order
    places: tuple[str, ...]
    categories: tuple[str, ...]
    n_meetings: int
    years: tuple[int, ...]
    first_date: str | None
    last_date: str | None
    recurring: bool
    closed_by: str | None = None  # the sentence saying the problem is solved, if any


_CAP = re.compile(r"\b([A-Z][a-zà-ÿ]+(?:[- ][A-Z][a-zà-ÿ]+)?|[A-Z]{2,}[a-z]*)\b")
_COMPLEX = re.compile(r"\bcomplex\s+(\d+)\b", re.I)
_NOT_PLACE = set("""De Het Een Er Zij Hij Ze Wij We Ook Volgens Daarnaast Veel Bewoners Bewoner Bewoonster Iemand
Vooral Uit In Op Voor Na Nu Wat Hoe Waarom Wanneer Wie Mevrouw Meneer Inwoners Huurders Leden Deelnemers Niet
Meerdere Verschillende Een Twee Dat Die Dit Deze Mengen Door Belangrijke""".split())
_CONTINUES = re.compile(r"^\s*(zij|hij|ze|daarnaast|bovendien|en|maar|het|dat|dit)\b", re.I)
# words every concern shares: they say nothing about which problem it is
_GENERIC = set("""bewoner bewoners bewoonst huurder huurders leden lid mensen vereniging vindt vinden klaagt klagen
vraagt vragen zorgen bang avonds wonen woning jaar weer nog steeds komen komt maken maakt meer veel waarom
wanneer hoe lang sinds zegt zeggen meldt melden vertelt vertellen ook zeker moeten kunnen""".split())
_AGAIN = re.compile(r"\b(nog steeds|nog altijd|opnieuw|weer|al een (half )?jaar|de (tweede|derde|vierde) (winter|keer)|"
                    r"al maanden|hier al)\b", re.I)
_SOLVED = re.compile(r"\b(geen overlast meer|is (inmiddels )?(verholpen|opgelost)|zijn (inmiddels )?(verholpen|opgelost)|"
                     r"is afgehandeld|geen klachten meer)\b", re.I)


def places_in(quote: str, people: tuple[str, ...] = ()) -> set[str]:
    """Objects a concern names: capitalised names that are no sentence opener or person, "complex 214"."""
    skip = {w for p in people if p for w in p.split()}
    out = {f"complex {m.group(1)}" for m in _COMPLEX.finditer(quote)}
    for m in _CAP.finditer(quote):
        name = m.group(1)
        if name.split()[0] in ("De", "Het") and " " in name:
            name = name.split(" ", 1)[1]  # "De Lindenhof"
        elif m.start() == 0:
            continue  # a sentence opener
        first = name.split()[0].split("-")[0]
        if first in _NOT_PLACE or name in skip or first in skip or len(name) < 4:
            continue
        out.add(name)
    return out


def _problem(quote: str, places: set[str]) -> str:
    text = quote
    for p in places:
        text = text.replace(p, " ")
    generic = _GENERIC | set(lemmas(" ".join(_GENERIC)).split())
    return " ".join(w for w in lemmas(text).split() if w not in generic and w[:6] not in generic)


def groups_of(items: list[ConcernItem], solved: list[ConcernItem] | None = None, people: set[str] | None = None,
              within: float = 0.12, across: float = 0.2) -> list[ConcernGroup]:
    """Concern groups, recurring first, then by first date. `solved`: sentences that report a problem
    solved ("er is geen overlast meer"), used to close the group they belong to."""
    items = sorted(items, key=lambda c: (c.date or "", c.file_name, c.sentence))
    if not items:
        return []
    people = tuple(set(people or ()) | {c.raised_by for c in items if c.raised_by and c.raised_by not in
                                         ("tenant", "floor", "residents_reported")})
    places = [{p for p in places_in(c.quote, people) if p.lower() not in (c.organisation or "").lower()}
              for c in items]  # the series' own partner ("Hanzeborg" in its periodiek overleg) names no object
    names = set(lemmas(" ".join(people)).split())
    texts = [" ".join(w for w in _problem(c.quote, p).split() if w not in names) or "leeg"
             for c, p in zip(items, places)]  # who raised it is no part of the problem
    vec = TfidfVectorizer(token_pattern=r"\S+", sublinear_tf=True)
    x = vec.fit_transform(texts)
    sim = (x @ x.T).toarray()
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    for i in range(len(items)):  # within one report: pairs
        for j in range(i + 1, len(items)):
            if items[i].doc_id == items[j].doc_id and _linked(items[i], items[j], places[i], places[j], sim[i, j], within):
                union(i, j)
    local: dict[int, list[int]] = {}
    for i in range(len(items)):
        local.setdefault(find(i), []).append(i)
    # across reports: each report's group joins at most its best earlier group of the same series, and an
    # earlier group takes at most one group of each later report (no chains through a shared place)
    taken: set[tuple[int, str]] = set()
    for g in sorted(local.values(), key=lambda ix: ix[0]):
        a = items[g[0]]
        if not a.series:
            continue
        pg = set().union(*(places[i] for i in g))
        best, best_score = None, 0.0
        for h in local.values():
            b = items[h[0]]
            if b.series != a.series or b.doc_id == a.doc_id or (b.date or "") >= (a.date or ""):
                continue
            ph = set().union(*(places[i] for i in h))
            s_gh = float(sim[np.ix_(g, h)].max())
            again = any(_AGAIN.search(items[i].quote) for i in g)
            if (h[0], a.doc_id) in taken:
                continue
            if pg and ph:  # the same object and at least one problem word
                score = (1.0 + s_gh + 0.5 * again) if (pg & ph and (s_gh > 0.02 or again)) else 0.0
            elif (pg or ph) and again and s_gh >= across / 2:  # "opnieuw": the problem named before, at its place
                score = 0.5 + s_gh
            elif not pg and not ph:
                same_cat = _main_category(items, g) and _main_category(items, g) == _main_category(items, h)
                score = (0.5 + s_gh) if same_cat and s_gh >= across / 4 else 0.0
            else:
                score = 0.0
            if score > best_score:
                best, best_score = h, score
        if best is not None:
            taken.add((best[0], a.doc_id))
            union(g[0], best[0])
    buckets: dict[int, list[int]] = {}
    for i in range(len(items)):
        buckets.setdefault(find(i), []).append(i)
    out = []
    for n, idx in enumerate(sorted(buckets.values(), key=lambda ix: ix[0]), 1):
        members = tuple(items[i] for i in idx)
        ps = sorted(set().union(*(places[i] for i in idx)))
        files = {m.file_name for m in members}
        years = sorted({int(m.date[:4]) for m in members if m.date})
        cats = sorted({c for m in members for c in m.categories})
        out.append(ConcernGroup(f"g{n}", _label(members, ps, vec, x[idx]), members, tuple(ps), tuple(cats),
                                len(files), tuple(years), members[0].date, members[-1].date,
                                is_recurring(len(files)), _closed(members, ps, solved or [])))
    renum = sorted(out, key=lambda g: (not g.recurring, -g.n_meetings, g.first_date or "", g.group_id))
    return [ConcernGroup(f"g{i}", *[getattr(g, f) for f in ConcernGroup.__dataclass_fields__][1:])
            for i, g in enumerate(renum, 1)]


def _linked(a: ConcernItem, b: ConcernItem, pa: set, pb: set, s: float, within: float) -> bool:
    """Two concerns of one report: neighbours in a section sharing the object or the problem."""
    near = a.section == b.section and abs(a.sentence - b.sentence) <= 3
    if pa and pb and not (pa & pb):
        return False  # two objects named: different issues
    if pa & pb:
        return (near and s > 0) or s >= within  # the same object and at least one problem word
    if near and (s >= within or (abs(a.sentence - b.sentence) == 1 and _CONTINUES.match(b.quote))):
        return True
    if abs(a.sentence - b.sentence) == 1 and a.section == b.section and pa and not pb and a.raised_by == b.raised_by:
        return True  # the same person goes on about the object just named
    return near and s >= 2 * within


def _main_category(items, idx) -> str | None:
    cats = [items[i].categories[0] for i in idx if items[i].categories]
    return max(set(cats), key=cats.count) if cats else None


def _label(members, places, vec, xs) -> str:
    """A readable label: the problem words the members share (else the group's weightiest ones), in the
    order the first concern says them, with the places: "lift defect (Weverij)"."""
    weights = np.asarray(xs.sum(axis=0)).ravel()
    terms = vec.get_feature_names_out()
    shared = np.asarray((xs > 0).sum(axis=0)).ravel()
    ranked = [i for i in weights.argsort()[::-1] if weights[i] > 0 and terms[i] != "leeg"]
    pick = [terms[i] for i in ranked if shared[i] > 1][:3] or [terms[i] for i in ranked][:3]
    words = []
    for w in re.findall(r"[a-zà-ÿ0-9]+", " ".join(m.quote for m in members).lower()):
        if any(lemmas(w) == t for t in pick) and w not in words:
            words.append(w)
    head = " ".join(words[:3]) or members[0].quote[:40]
    return head + (f" ({', '.join(places[:3])})" if places else "")


def _closed(members, places, solved) -> str | None:
    last = members[-1]
    for s in solved:
        if (s.date or "") < (last.date or "") or (s.series != last.series and s.doc_id != last.doc_id):
            continue
        if places and places_in(s.quote) & set(places) and _SOLVED.search(s.quote):
            return s.quote
    return None


def is_solved_statement(text: str) -> bool:
    return bool(_SOLVED.search(text))


def groups_json(groups: list[ConcernGroup], documents: list[str]) -> dict:
    """The concern-groups format of ../shared/corpus/README.md (scorable by score_groups.py)."""
    return {"documents": documents,
            "groups": [{"id": g.group_id, "label": g.label, "recurring": g.recurring, "n_meetings": g.n_meetings,
                        "years": list(g.years), "first": g.first_date, "last": g.last_date, "places": list(g.places),
                        "closed_by": g.closed_by,
                        "members": [{"file": m.file_name, "quote": m.quote, "page": m.page, "date": m.date,
                                     "raised_by": m.raised_by} for m in g.members]} for g in groups]}
