"""Finding written person names in a document: full names, titled names and single words.

A *full* name is a listed first name, optional particles and a capitalised surname
("Fatima el Amrani", "Ries van den Bogaard"); a *titled* name has a title before a surname
("mevr. Tijhuis", "Wethouder Terpstra"); a *single* is one capitalised word (or particle +
word: "Ter Horst") that may later resolve to a known person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from extract.names_nl import LOOSE_PARTICLE_WORDS, TITLE_WORDS
from models.names import NameLists

WORD = re.compile(r"[\w’']+(?:-[\w’']+)*|[^\w\s]")
_SINGLE_PARTICLES = LOOSE_PARTICLE_WORDS
_PERSON_TITLES = TITLE_WORDS
_STREET = re.compile(r"(straat|laan|weg|plein|kade|singel|gracht|dreef|steeg|buurt|wijk|park|flat|centrum)$", re.I)
# Capitalised words that start sentences or name things, never a surname.
_NOT_SURNAME = {"De", "Het", "Een", "En", "Van", "In", "Op", "Ook", "Zij", "Hij", "Dit", "Dat", "Die", "Er", "Wonen",
                "Stichting", "Gemeente", "Huurdersraad", "Portaal", "Rondvraag", "Welkom", "Afsluiting", "Sluiting",
                "Opening", "Aanwezig", "Afwezig", "Notulen", "Verslag", "Bewoners", "Voorzitter", "Wethouder"}


@dataclass(frozen=True)
class NameMention:
    text: str  # as written, without title
    start: int
    end: int
    form: str  # full | titled | single
    title: str | None = None  # normalised title word before it ("mevrouw", "wethouder")


def _cap(w: str) -> bool:
    return w[:1].isupper() and w[1:2].islower() and len(w) > 1


def _surname_ok(w: str, org_words: set[str], lists: NameLists | None = None) -> bool:
    """A capitalised word that can be a surname; one ending like a street or a district ("-wijk", "-park")
    only when the surname list has it ("Marwijk", "Rijswijk") and it follows a first name or a title."""
    return (_cap(w) and w not in _NOT_SURNAME and w.casefold() not in org_words
            and (not _STREET.search(w) or (lists is not None and lists.is_surname(w)))
            and not any(ch.isdigit() for ch in w))


def name_mentions(text: str, lists: NameLists, org_words: set[str]) -> list[NameMention]:
    toks = [(m.group(), m.start(), m.end()) for m in WORD.finditer(text)]
    out: list[NameMention] = []
    i = 0
    while i < len(toks):
        w, s, _ = toks[i]
        title, j = None, i
        low = w.casefold()
        if low in _PERSON_TITLES:
            title = _PERSON_TITLES[low]
            j = i + 1
            if low in ("mevr", "dhr", "mw") and j < len(toks) and toks[j][0] == ".":
                j += 1
            if low == "heer" and i > 0 and toks[i - 1][0].casefold() == "de":
                pass
        found = _name_at(toks, j, lists, org_words, allow_unlisted_first=title is not None)
        if found:
            end_idx, form = found
            if title is None and form == "single":
                i += 1
                continue
            start, end = toks[j][1], toks[end_idx][2]
            out.append(NameMention(text[start:end], start, end, "full" if form == "full" else "titled", title))
            i = end_idx + 1
            continue
        if w.casefold() in ("ter", "ten", "van", "de", "el", "in", "op") and _cap(w):
            k = i + 1  # "Ter Horst", "Van der Wal": a surname with its particles, capitalised
            while k < len(toks) and toks[k][0] in _SINGLE_PARTICLES and k - i < 3:
                k += 1
            if k < len(toks) and _surname_ok(toks[k][0], org_words):
                out.append(NameMention(text[s:toks[k][2]], s, toks[k][2], "single"))
                i = k + 1
                continue
        if _cap(w) and w not in _NOT_SURNAME and w.casefold() not in org_words:
            out.append(NameMention(w, s, toks[i][2], "single"))
        i += 1
    return out


def _name_at(toks, j, lists: NameLists, org_words, allow_unlisted_first=False):
    """Index of the last token of a name starting at token j and its form, or None."""
    if j >= len(toks):
        return None
    w = toks[j][0]
    # after a title two capitalised words are a full name even if the first name is not listed ("mevr. Greet Pauwels")
    titled_pair = allow_unlisted_first and j + 1 < len(toks) and _surname_ok(w, org_words) \
        and _surname_ok(toks[j + 1][0], org_words) and not lists.is_first_name(toks[j + 1][0]) \
        and toks[j + 1][1] == toks[j][2] + 1
    initials = j
    while initials + 1 < len(toks) and re.fullmatch(r"[A-Z]", toks[initials][0]) and toks[initials + 1][0] == ".":
        initials += 2  # "R. Jansen", "J.P. de Vries"
    if initials > j:
        k = initials
        while k < len(toks) - 1 and toks[k][0].casefold() in _SINGLE_PARTICLES:
            k += 1
        sur = toks[k][0] if k < len(toks) else ""
        if sur and _surname_ok(sur, org_words) and (lists.is_surname(sur) or not lists.is_common(sur.casefold())):
            return k, "full"
        return None
    # an unlisted first name before a listed surname ("Truus de Vries-Kok", "Youssef Amrani")
    unlisted = not lists.is_first_name(w) and lists.may_be_first_name(w) and w.casefold() not in org_words
    if _cap(w) and (lists.is_first_name(w) or titled_pair or unlisted):
        k = j + 1
        n_part = 0
        while k < len(toks) - 1 and toks[k][0].casefold() in _SINGLE_PARTICLES and n_part < 3 \
                and toks[k][1] == toks[k - 1][2] + 1:
            k += 1
            n_part += 1
        if k < len(toks) and toks[k][1] == toks[k - 1][2] + 1 and _surname_ok(toks[k][0], org_words, lists) \
                and not (lists.is_first_name(toks[k][0]) and n_part == 0 and not lists.is_surname(toks[k][0])) \
                and (not unlisted or titled_pair or (lists.is_surname(toks[k][0]) and not lists.is_first_name(toks[k][0]))) \
                and (n_part or len(toks[k][0]) > 2 or lists.is_surname(toks[k][0])):
            return k, "full"
    if allow_unlisted_first:  # "mevr. Tijhuis", "mevrouw De Haan", "dhr. van Dijk"
        if toks[j][0] == "van" and toks[j - 1][0].casefold() not in ("mevrouw", "mevr", "dhr", "heer", "meneer", "mw", "."):
            return None  # "minister van Financiën", "wethouder van Wonen": a portfolio, not a name
        k = j
        while k < len(toks) - 1 and toks[k][0].casefold() in _SINGLE_PARTICLES:
            k += 1
        if k < len(toks) and _surname_ok(toks[k][0], org_words):
            return k, "titled"
    return None
