"""Dutch word forms for search: what a PDF viewer's find would match and a stemmer misses.

For each word: its lookup lemma (spaCy's Dutch lookup table of spacy-lookups-data: 'trappenhuizen' ->
'trappenhuis'), simple plural rules when the table does not know it ('-en', '-s', doubled consonants,
'-zen' -> '-s', '-ven' -> '-f', open syllables 'straten' -> 'straat') and the parts of a compound
('trappenhuis' -> 'trap', 'huis'; 'huurverhoging' -> 'huur', 'verhoging') found against a vocabulary.
"""
from __future__ import annotations

import functools
import gzip
import json
import re
import unicodedata
from pathlib import Path

TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
VOWELS = set("aeiou")
MIN_COMPOUND = 8  # shorter words are not split
MIN_HEAD, MIN_MODIFIER = 4, 3
SURE_HEAD = 7  # a known head this long splits off an unknown modifier too ('huur' + 'verhoging')
LINKS = ("en", "s", "e")  # tussenklanken: trapp-en-huis, stad-s-hart, ...


@functools.lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """Dutch lookup lemmas (inflected form -> lemma); empty when spacy-lookups-data is missing."""
    try:
        import spacy_lookups_data
    except ImportError:
        return {}
    path = Path(spacy_lookups_data.__file__).parent / "data" / "nl_lemma_lookup.json.gz"
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


@functools.lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    table = lemma_table()
    return frozenset(table) | frozenset(table.values())


def plain(word: str) -> str:
    """Lowercase without accents ('financiën' -> 'financien')."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(c) != "Mn")


def singulars(word: str) -> set[str]:
    """Candidate singulars of a Dutch plural by rule (several candidates; the index holds them all)."""
    out: set[str] = set()
    w = word
    if len(w) > 4 and w.endswith(("'s", "’s")):
        out.add(w[:-2])
    elif len(w) > 4 and w.endswith("s") and not w.endswith("ss") and w[-2] not in "s":
        out.add(w[:-1])  # bewoners, flats, portieken-s
    if len(w) > 4 and w.endswith("en"):
        base = w[:-2]
        out.add(base)
        if len(base) > 2 and base[-1] == base[-2] and base[-1] not in VOWELS:
            out.add(base[:-1])  # bakken -> bak, trappen -> trap
        if base.endswith("z"):
            out.add(base[:-1] + "s")  # huizen -> huis
        if base.endswith("v"):
            out.add(base[:-1] + "f")  # brieven -> brief
        if len(base) > 2 and base[-1] not in VOWELS and base[-2] in VOWELS and (len(base) < 3 or base[-3] not in VOWELS):
            out.add(base[:-1] + base[-2] + base[-1])  # straten -> straat, buren -> buur
    return {s for s in out if len(s) >= 3}


def forms(word: str) -> set[str]:
    """The word, its lemma and candidate singulars (all plain lowercase)."""
    w = plain(word)
    out = {w}
    table = lemma_table()
    lemma = table.get(w) or table.get(word.lower())
    if lemma:
        out.add(plain(lemma))
    known = known_words()
    if lemma or w in known:  # a known word: only singulars that are words too ('huizen' -> 'huis')
        out |= {s for s in singulars(w) if s in known}
    else:
        out |= singulars(w)
    return out


def base_form(word: str) -> str:
    w = plain(word)
    lemma = lemma_table().get(w)
    return plain(lemma) if lemma else w


def compound_parts(word: str, vocabulary: frozenset[str] | set[str]) -> set[str]:
    """Modifier and head of a compound whose head is the longest known word at its end ('' parts skipped)."""
    w = plain(word)
    if len(w) < MIN_COMPOUND:
        return set()
    for cut in range(MIN_MODIFIER, len(w) - MIN_HEAD + 1):  # longest head first
        head, modifier = w[cut:], w[:cut]
        if head not in vocabulary:
            continue
        candidates = [modifier] + [modifier[: -len(link)] for link in LINKS if modifier.endswith(link)]
        sure = len(head) >= SURE_HEAD and head in vocabulary
        for m in candidates:
            if len(m) >= MIN_MODIFIER and (m in vocabulary or sure):
                parts = {head, m} | forms(m) | forms(head)
                return {p for p in parts if len(p) >= MIN_MODIFIER and p in vocabulary} | {base_form(head), m}
    return set()


def text_terms(text: str, vocabulary: frozenset[str] | set[str] | None = None) -> str:
    """The search terms of a text: every word's forms and compound parts, space separated."""
    vocabulary = known_words() if vocabulary is None else vocabulary
    out: list[str] = []
    for token in TOKEN.findall(text):
        fs = forms(token)
        out.extend(sorted(fs))
        out.extend(sorted(compound_parts(base_form(token), vocabulary) - fs))
    return " ".join(out)


def query_terms(words: str) -> list[str]:
    """Per query word, its forms (not its compound parts: 'trappenhuis' must not find every 'huis')."""
    return [" ".join(sorted(forms(w))) for w in TOKEN.findall(words)]
