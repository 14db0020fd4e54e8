"""Dutch person names: name lists, normalisation and `same_person` (within and across reports).

First names and surnames come from the `deduce` package (LGPL-3.0, a declared dependency); its
list files are read from site-packages at run time, never copied into this repository. Without
`deduce` the lists are empty and names are found from capitalisation and context cues alone.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
import importlib.util
from pathlib import Path

from extract.names_nl import HONORIFICS as TITLES, PARTICLES, honorific_pattern  # noqa: F401 (re-exported)

_TITLE_RE = re.compile(r"^(?:" + honorific_pattern() + r")\s+", re.IGNORECASE)
# Capitalised words that are first names in the lists but nearly always ordinary words in reports.
_NOT_FIRST_NAMES = {"Al", "Alle", "Anders", "April", "Ben", "Dan", "Door", "Elke", "Helder", "Juli", "Kent", "Maan",
                    "Man", "Mei", "Min", "Onder", "Per", "Rijk", "Storm", "Van", "Wolf", "Lot", "Beer", "Bloem",
                    "Broer", "Dik", "Zon", "Roos", "Hoop", "Iris", "Vera", "Mira"}


@dataclass(frozen=True)
class NameLists:
    first_names: frozenset[str]
    surnames: frozenset[str]  # casefolded
    common_words: frozenset[str] = frozenset()  # casefolded frequent Dutch words: never an unlisted first name
    text_words: frozenset[str] = frozenset()  # lower-case words of the report at hand: common words too

    def is_common(self, word: str) -> bool:
        """Whether a casefolded word is a common word (kept in two sets: the large one is shared by all reports)."""
        return word in self.common_words or word in self.text_words

    def is_first_name(self, word: str) -> bool:
        return word in self.first_names and word not in _NOT_FIRST_NAMES

    def is_surname(self, word: str) -> bool:
        return word.casefold() in self.surnames or any(p.casefold() in self.surnames for p in word.split("-")[:1]
                                                       if "-" in word)

    def may_be_first_name(self, word: str) -> bool:
        """Not listed, but shaped like a name and not a common word ("Truus", "Youssef")."""
        return word[:1].isupper() and word[1:].islower() and len(word) > 2 and not self.is_common(word.casefold())


def _read_deduce(name: str) -> list[str]:
    # find_spec locates the package without importing it (importing deduce pulls in nltk: seconds)
    spec = importlib.util.find_spec("deduce")
    if spec is None or not spec.submodule_search_locations:
        return []
    try:
        raw = (Path(list(spec.submodule_search_locations)[0]) / "data" / name).read_bytes()
    except OSError:
        return []
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return [w.strip() for w in text.splitlines() if w.strip()]


@functools.lru_cache(maxsize=1)  # read once per process: the lists never change while it runs (~30 ms a read)
def load_name_lists() -> NameLists:
    """Read the first-name and surname lists (once per process; NameLists is immutable)."""
    first = frozenset(w for w in _read_deduce("voornaam.lst") if w[:1].isupper())
    sur = frozenset(w.casefold() for w in _read_deduce("achternaam.lst"))
    common = frozenset(w.casefold() for f in ("top1000.lst", "stopwoord.lst", "woonplaats.lst") for w in _read_deduce(f))
    return NameLists(first, sur, common)


_INITIALS_RE = re.compile(r"(?<=\b\w)\.\s*(?=\w\b\.?)")
_PUNCT_RE = re.compile(r"[^\w\s'-]+")
_SPACES_RE = re.compile(r"\s+")


def names_pattern(names, flags: int = 0) -> re.Pattern | None:
    """All `names` as whole words in one alternation; group i + 1 is names[i] (None for no names).

    A search finds the earliest name in a text and, of names starting there, the first listed: the
    same as one search per name keeping the earliest (first listed on a tie), in one pass per text. The
    leading class of first letters lets the regex engine skip ahead to them (~5x faster)."""
    if not names:
        return None
    heads = rf"(?=[{''.join(sorted({re.escape(n[0]) for n in names}))}])" if all(names) else ""
    return re.compile(heads + r"(?<!\w)(?:" + "|".join(f"({re.escape(n)})" for n in names) + r")(?!\w)", flags)


def strip_title(name: str) -> str:
    prev = None
    while prev != name:
        prev, name = name, _TITLE_RE.sub("", name.strip())
    return name


# Pure functions of short strings, called for every pair of names in a report: memoised.
@functools.lru_cache(maxsize=65536)
def normalise(name: str) -> str:
    """Comparable form: no title, accents, punctuation or case ("Mevr. Tijhuis" -> "tijhuis")."""
    s = unicodedata.normalize("NFKD", strip_title(name or "")).encode("ascii", "ignore").decode()
    s = _INITIALS_RE.sub("", s.casefold())  # "J.P. de Vries" -> "jp de vries"
    s = _PUNCT_RE.sub(" ", s)
    return _SPACES_RE.sub(" ", s).strip()


# Pure functions of short strings, called for every pair of names in a report: memoised.
@functools.lru_cache(maxsize=65536)
def split_name(name: str) -> tuple[str, str, str]:
    """(first name, particles, surname core) of a normalised name; first name is "" when absent.

    "ries van den bogaard" -> ("ries", "van den", "bogaard"); "ter horst" -> ("", "ter", "horst").
    """
    words = normalise(name).split()
    if not words:
        return "", "", ""
    first = ""
    if len(words) > 1 and " ".join(words[:2]) not in PARTICLES and words[0] not in PARTICLES:
        first, words = words[0], words[1:]
    particles = []
    while len(words) > 1:
        two = " ".join(words[:2])
        if two in PARTICLES:
            particles.append(two)
            words = words[2:]
        elif words[0] in PARTICLES:
            particles.append(words[0])
            words = words[1:]
        else:
            break
    if not words:  # a lone "el" or "de": treat as surname
        return first, "", " ".join(particles)
    if not first and len(words) == 1 and not particles:
        return "", "", words[0]  # single word: surname or first name, the caller decides
    return first, " ".join(particles), " ".join(words)


# Pure functions of short strings, called for every pair of names in a report: memoised.
@functools.lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    """difflib ratio; 0.0 for pairs that cannot reach 0.7 (cheap bound first: names are compared often)."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    m = SequenceMatcher(None, a, b)
    return m.ratio() if m.real_quick_ratio() >= 0.7 and m.quick_ratio() >= 0.7 else 0.0


# Pure functions of short strings, called for every pair of names in a report: memoised.
@functools.lru_cache(maxsize=65536)
def same_person(a_name: str, b_name: str) -> float:
    """How likely two written names denote the same person (0..1).

    Tolerates titles, particles ("van de" / "van den"), small misspellings ("Boogaart" /
    "Bogaard", "Thijhuis" / "Tijhuis") and a missing first name; different first names with
    the same surname are different people.
    """
    na, nb = normalise(a_name), normalise(b_name)
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    fa, _, sa = split_name(na)
    fb, _, sb = split_name(nb)
    sur = similarity(sa, sb)
    if fa and fb:
        first = similarity(fa, fb)
        if min(len(fa), len(fb)) <= 2:  # initials: "r" or "jp" against "ruud"
            first = 1.0 if fa[0] == fb[0] else 0.0
        if first < 0.8:
            return round(min(sur, first) * 0.5, 3)
        return round(0.5 * sur + 0.5 * first if sur >= 0.75 else sur * 0.5, 3)
    # one side is a single word: a surname, or a first name ("Bram" for "Bram de Rooij")
    single, full_first, full_sur = (sa, fb, sb) if not fa else (sb, fa, sa)
    if fa or fb:
        if single == full_first:
            return 0.8
        return round(similarity(single, full_sur), 3)
    return round(similarity(sa, sb), 3)
