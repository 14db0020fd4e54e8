"""Taxonomy terms and how they are found in text (used by models/themes.py).

Single words are looked up per token in dictionaries (exact, prefix `x*`, suffix `*x`, infix `*x*`),
so a 300-page report costs one pass over its words, not one regex scan per term; phrases are regexes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

WEAK_WEIGHT = 0.5


@dataclass(frozen=True)
class Term:
    text: str
    pattern: re.Pattern
    weight: float


def term_regex(term: str) -> str:
    """`*` = any letters; a space also accepts a hyphen; whole words only."""
    parts = [re.escape(p).replace(r"\*", r"\w*") for p in term.lower().split()]
    return r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)"


def term_pattern(term: str) -> re.Pattern:
    return re.compile(term_regex(term))


def required_text(term: str) -> str:
    """The longest literal piece every match of term_pattern(term) contains ("huur omhoog" -> "omhoog"):
    a substring test skips the regex on the many sentences that cannot match."""
    return max((piece for part in term.lower().split() for piece in part.split("*")), key=len, default="")


@dataclass(frozen=True)
class TermIndex:
    """Single words looked up per token (exact, prefix `x*`, suffix `*x`, infix `*x*`); phrases by regex.
    Much faster than one regex per term on long reports, and the same matches."""
    exact: dict
    prefix: dict
    suffix: dict
    infix: tuple
    phrases: tuple  # (pattern, key, weight, text every match contains)
    _memo: dict = field(default_factory=dict, compare=False, repr=False)  # word -> hits(word)

    @staticmethod
    def of(themes) -> "TermIndex":
        exact, prefix, suffix, infix, phrases = {}, {}, {}, [], []
        for theme in themes:
            for t in theme.terms:
                word, hit = t.text.lower(), (theme.key, t.weight)
                core = word.strip("*")
                if " " in word or "*" in core or not re.fullmatch(r"[\w'\-]+", core):
                    own = t.pattern.pattern == term_regex(t.text)  # else a hand-made pattern: no shortcut
                    phrases.append((t.pattern, theme.key, t.weight, required_text(t.text) if own else ""))
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

    def hits(self, word: str) -> tuple[tuple[str, float], ...]:
        """word_hits of a word and of its hyphen parts ("huur-verhoging"), memoised for the process:
        reports repeat their words, and looking a word up costs one dict probe per prefix and suffix."""
        found = self._memo.get(word)
        if found is None:
            if len(self._memo) >= 200_000:  # a bound for long-running processes; words repeat, so rarely hit
                self._memo.clear()
            parts = set(word.split("-")) if "-" in word else ()
            found = self._memo[word] = tuple(self.word_hits(word) + [h for part in parts for h in self.word_hits(part)])
        return found


_WORD = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def evidence_in(text: str, taxonomy, offset: int = 0) -> dict[str, list[tuple[int, int, float]]]:
    """Theme key -> sorted (start, end, weight) of its term hits; overlapping hits of one theme count once
    (the heavier wins: "huur omhoog" is one strong hit, not also a weak "huur")."""
    low, index = text.lower(), taxonomy.index
    raw: dict[str, list[tuple[int, int, float]]] = {}
    for m in _WORD.finditer(low):
        for key, w in index.hits(m.group()):
            raw.setdefault(key, []).append((m.start() + offset, m.end() + offset, w))
    for pattern, key, w, needed in index.phrases:
        if needed not in low:
            continue
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
