"""Grouping written names into people: one `Person` per speaker, with every form it is written in.

Full and titled names are merged when `names.same_person` says so (>= MERGE); single words
("Bram", "Diepeveen", "Thijhuis") then join the one person they can name; names listed only as
absent are dropped.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from extract.document import Document
from models.names import NameLists, normalise, same_person, similarity, split_name, strip_title
from models.speakers_cues import Cue
from models.speakers_find import NameMention

MERGE = 0.88  # same_person score at which two written names are one person


@dataclass
class Person:
    name: str
    forms: list[str] = field(default_factory=list)  # each written form once, in the order first seen
    mentions: list[NameMention] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    titled: bool = False
    _parts: dict = field(default_factory=dict)

    def parts(self, form: str) -> tuple[str, str, str]:
        if form not in self._parts:
            self._parts[form] = split_name(form)
        return self._parts[form]

    def add(self, m: NameMention) -> None:
        """A mention of this person; its form is kept once (every person's forms are scored per name seen)."""
        self.mentions.append(m)
        if m.text not in self.forms:
            self.forms.append(m.text)

    def score(self, written: str) -> float:
        # a full name is compared with full names only: "Marja Hoekstra" is not "Ruud Hoekstra" alias "Hoekstra"
        forms = self.forms
        if self.parts(written)[0]:
            forms = [f for f in self.forms if self.parts(f)[0]] or self.forms
        return max(same_person(f, written) for f in forms)


def group_people(doc: Document, found: list[NameMention], lists: NameLists, nlp, rules: dict) -> list[Person]:
    people: list[Person] = []
    for m in found:
        if m.form == "single":
            continue
        best, score = _best_match(people, m.text)
        if best and score >= MERGE:
            best.add(m)
            best.titled |= m.title is not None
            if m.form == "full" and len(split_name(best.name)[0]) == 0:
                best.name = m.text  # a full name beats the titled surname seen first
        else:
            people.append(Person(m.text, [m.text], [m], titled=m.title is not None))
    _add_attendees(doc, people)
    resolved: dict[str, Person | None] = {}  # per word: the same word names the same person
    for m in found:
        if m.form != "single":
            continue
        word = normalise(m.text)
        shared = sum(1 for q in people if q.parts(q.name)[2] == word) > 1
        if m.text in resolved and not shared:
            p = resolved[m.text]
        else:
            n = len(people)
            p = _resolve_single(m.text, people, nlp, doc.text, m.end, rules, lists)
            if len(people) == n and p is None and not lists.is_surname(m.text):
                resolved[m.text] = None
            elif len(people) == n:
                resolved[m.text] = p
            else:
                resolved.clear()
                resolved[m.text] = p
        if p is not None:
            p.add(m)
    people = [p for p in people if not all(_listed_absent(doc, m) for m in p.mentions)]
    return [p for p in people if not all(_listed_absent(doc, m) for m in p.mentions)]


def _best_match(people: list[Person], written: str) -> tuple[Person | None, float]:
    """The person scoring highest for a written name (the first on a tie) and that score; each scored once."""
    best, top = None, 0.0
    for p in people:
        score = p.score(written)
        if best is None or score > top:
            best, top = p, score
    return best, top


def with_lexicon(lists: NameLists, doc: Document, nlp, rules: dict) -> NameLists:
    """Words known as ordinary Dutch (lemma table, this text in lower case, role words) are no unlisted first names."""
    roles = tuple(w for _, ws in rules["role_kinds"] for w in ws)
    return replace(lists, common_words=_common_words(lists.common_words, roles, nlp),
                   text_words=lists.text_words | frozenset(re.findall(r"\b[a-zà-ÿ]+\b", doc.text)))


@functools.lru_cache(maxsize=4)  # the same for every report: a union of large sets, built once, not per report
def _common_words(common: frozenset, roles: tuple[str, ...], nlp) -> frozenset:
    extra = {"volgens", "namens", "aldus", "tijdens", "daarna", "vervolgens", "ook"}
    return common | frozenset(roles) | extra | _lemma_words(nlp)


@functools.lru_cache(maxsize=4)  # one pipeline per process; its lemma table is large and never changes
def _lemma_words(nlp) -> frozenset:
    if nlp is None or "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    try:
        return frozenset(nlp.get_pipe("lemmatizer").lookups.get_table("lemma_lookup").values())
    except (KeyError, ValueError):
        return frozenset()


def _resolve_single(word: str, people: list[Person], nlp, text: str, end: int, rules: dict, lists) -> Person | None:
    w = normalise(word)
    first = [p for p in people if p.parts(p.name)[0] == w]
    if len(first) == 1:
        return first[0]
    # same_person(single word, form) spelled out on cached name parts: this runs for every capitalised word
    wsur = split_name(w)[2]
    scored = sorted(((_surname_score(wsur, p), p) for p in people), key=lambda t: -t[0])
    if scored and scored[0][0] >= SINGLE and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return scored[0][1]
    if not (scored and scored[0][0] >= SINGLE) and len(w) >= 5 and not lists.is_common(w):
        near = [p for p in people if any(_one_edit(w, p.parts(f)[2]) for f in p.forms)]
        if len(near) == 1:
            return near[0]  # "Smeetz" for "Smeets", "Kroese" for "Kroeze": one letter off, one person
    if scored and scored[0][0] >= SINGLE:  # two people share the surname: the one mentioned last before here
        tied = [p for score, p in scored if score == scored[0][0]]
        last = lambda p: max([m.end for m in p.mentions if m.end <= end - len(word)] + [-1])
        best = max(tied, key=last)
        return best if last(best) >= 0 else None
    # an unknown surname that speaks ("Terpstra antwoordt", "volgens Terpstra") is a person too
    before = text[max(0, end - len(word) - 9):end - len(word)].casefold()
    if nlp is None or not (lists.is_surname(word) or lists.is_first_name(word)):
        return None
    nxt = nlp(text[end:end + 25].strip())
    verb = nxt[0].lemma_.casefold() if len(nxt) else ""
    if lists.is_first_name(word):
        # a first name alone is a person only as the subject of a saying verb at a sentence start ("Bram vertelt")
        starts = re.search(r"(?:^|[.!?:]\s+|\n)$", text[max(0, end - len(word) - 3):end - len(word)])
        speaks = starts and verb in _SAYING
    else:
        speaks = verb in rules["speech_verbs"] or "volgens" in before
    if speaks:
        p = Person(word, [word], [])
        people.append(p)
        return p
    return None


SINGLE = 0.9  # similarity at which a single word is a known person's surname


@functools.lru_cache(maxsize=65536)
def _one_edit(a: str, b: str) -> bool:
    """a and b (5+ letters) differ by one substituted, inserted or deleted letter."""
    if a == b or min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _surname_score(surname: str, p: Person) -> float:
    """Best similarity of `surname` to the surnames in p's forms when that is SINGLE or more, else some score
    below SINGLE: only scores of SINGLE and up decide anything."""
    return max([_surname_similarity(surname, p.parts(f)[2]) for f in p.forms] + [0.0])


# Called for every capitalised word against every person's surnames: memoised.
@functools.lru_cache(maxsize=65536)
def _surname_similarity(a: str, b: str) -> float:
    """similarity(a, b), or 0.0 when their lengths alone keep it below SINGLE (difflib's ratio is at most
    2 * min(len) / (len + len)), so difflib is skipped for most pairs."""
    if not a or not b or 2.0 * min(len(a), len(b)) / (len(a) + len(b)) < SINGLE:
        return 0.0
    return similarity(a, b)


_SAYING = {"zeggen", "vertellen", "antwoorden", "vragen", "melden", "leggen", "vinden", "klagen", "stellen", "merken",
           "reageren", "benadrukken", "bedanken", "openen", "sluiten", "lichten", "toelichten", "beamen", "erkennen",
           "vertelt", "zegt", "vraagt", "antwoordt", "meldt", "legt", "vindt", "klaagt", "stelt", "merkt"}


_ABSENT = re.compile(r"\b(?:afwezig|afgemeld|verhinderd|met kennisgeving|absent)\b", re.I)
_PRESENT = re.compile(r"(?<!af)\baanwezig\b", re.I)


def _listed_absent(doc: Document, m: NameMention) -> bool:
    """A name in an 'Afwezig: ...' list did not speak (unless it also occurs elsewhere)."""
    block = block_at(doc, m.start)
    before = doc.text[block.start if block else max(0, m.start - 300):m.start]
    absent = [x.end() for x in _ABSENT.finditer(before)]
    present = [x.end() for x in _PRESENT.finditer(before)]
    return bool(absent) and max(absent) > max(present, default=-1) \
        and not re.search(r"[a-z]{3,}[.!?]\s+[A-Z]", before[max(absent):])


def _add_attendees(doc: Document, people: list[Person]) -> None:
    for a in doc.meeting.attendees:
        if a.status != "present" or not a.name:
            continue
        cue = Cue(2.6, a.role, a.organisation)  # our own reading of the text comes first
        best, score = _best_match(people, a.name)
        if best and score >= MERGE:
            best.cues.append(cue)
        else:
            people.append(Person(strip_title(a.name), [a.name], [], [cue]))


def block_at(doc: Document, offset: int):
    return next((b for b in doc.blocks if b.start <= offset < b.end), None)
