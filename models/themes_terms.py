"""Taxonomy terms and how they are found in text (used by models/themes.py).

Single words are looked up per token in dictionaries (exact, prefix `x*`, suffix `*x`, infix `*x*`),
so a 300-page report costs one pass over its words, not one regex scan per term; phrases are regexes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WEAK_WEIGHT = 0.5


@dataclass(frozen=True)
class Term:
    text: str
    pattern: re.Pattern
    weight: float


def term_pattern(term: str) -> re.Pattern:
    """`*` = any letters; a space also accepts a hyphen; whole words only."""
    parts = [re.escape(p).replace(r"\*", r"\w*") for p in term.lower().split()]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)")


@dataclass(frozen=True)
class TermIndex:
    """Single words looked up per token (exact, prefix `x*`, suffix `*x`, infix `*x*`); phrases by regex.
    Much faster than one regex per term on long reports, and the same matches."""
    exact: dict
    prefix: dict
    suffix: dict
    infix: tuple
    phrases: tuple  # (pattern, key, weight)

    @staticmethod
    def of(themes) -> "TermIndex":
        exact, prefix, suffix, infix, phrases = {}, {}, {}, [], []
        for theme in themes:
            for t in theme.terms:
                word, hit = t.text.lower(), (theme.key, t.weight)
                core = word.strip("*")
                if " " in word or "*" in core or not re.fullmatch(r"[\w'\-]+", core):
                    phrases.append((t.pattern, theme.key, t.weight))
                elif word.startswith("*") and word.endswith("*"):
                    infix.append((core, theme.key, t.weight))
                elif word.endswith("*"):
                    prefix.setdefault(core, []).append(hit)
                elif word.startswith("*"):
                    suffix.setdefault(core, []).append(hit)
                else:
                    exact.setdefault(core, []).append(hit)
        return TermIndex(exact, prefix, suffix, tuple(infix), tuple(phrases))

    def word_hits(self, word: str) -> list[tuple[str, float]]:
        out = list(self.exact.get(word, ()))
        for n in range(1, len(word) + 1):
            out += self.prefix.get(word[:n], ())
            out += self.suffix.get(word[-n:], ())
        out += [(k, w) for core, k, w in self.infix if core in word]
        return out


def evidence_in(text: str, taxonomy, offset: int = 0) -> dict[str, list[tuple[int, int, float]]]:
    """Theme key -> sorted (start, end, weight) of its term hits; overlapping hits of one theme count once
    (the heavier wins: "huur omhoog" is one strong hit, not also a weak "huur")."""
    low, index = text.lower(), taxonomy.index
    raw: dict[str, list[tuple[int, int, float]]] = {}
    cache: dict[str, list] = {}
    for m in re.finditer(r"[\w'’]+(?:-[\w'’]+)*", low):
        word = m.group()
        hits = cache.get(word)
        if hits is None:
            parts = set(word.split("-")) if "-" in word else ()
            hits = cache[word] = index.word_hits(word) + [h for part in parts for h in index.word_hits(part)]
        for key, w in hits:
            raw.setdefault(key, []).append((m.start() + offset, m.end() + offset, w))
    for pattern, key, w in index.phrases:
        for m in pattern.finditer(low):
            raw.setdefault(key, []).append((m.start() + offset, m.end() + offset, w))
    found = {}
    for key, hits in raw.items():
        kept: list[tuple[int, int, float]] = []
        for h in sorted(hits):
            if kept and h[0] < kept[-1][1]:
                if h[2] > kept[-1][2]:
                    kept[-1] = h
            else:
                kept.append(h)
        found[key] = kept
    return found
