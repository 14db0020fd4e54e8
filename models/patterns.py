"""A list of rule regexes (models/data/*.rules.*.json) searched as one: one scan per sentence, not one per rule.

Joined as `(?:p1)|(?:p2)|...`, a search stops at the earliest position where any rule matches and takes
the first rule (in list order) that matches there, with that rule's own match: the same match as searching
each rule and keeping the earliest, first listed on a tie. Most sentences match no rule, so this is what
the concern and commitment rules cost. Rules are joined by how they begin (at the start of the text `^`,
at a word boundary, anything else): in one alternation with the word-boundary rules, a rule of another kind
makes the regex engine try every rule at every position (~10x slower).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_GROUP_REFS = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # these would point at other groups once joined


@dataclass(frozen=True)
class Patterns:
    each: tuple[re.Pattern, ...]
    joined: tuple[re.Pattern, ...] | None  # one alternation per way of beginning; None when the rules
    # cannot be joined (then they are searched one by one)

    @staticmethod
    def of(patterns) -> "Patterns":
        each = tuple(patterns)
        if not each or any(p.flags != re.UNICODE or _GROUP_REFS.search(p.pattern) for p in each):
            return Patterns(each, None)  # inline flags must lead a pattern; group numbers change when joined
        parts: dict[str, list[re.Pattern]] = {}
        for p in each:
            parts.setdefault(next((s for s in ("^", r"\b") if p.pattern.startswith(s)), ""), []).append(p)
        try:
            return Patterns(each, tuple(re.compile("|".join(f"(?:{p.pattern})" for p in ps)) for ps in parts.values()))
        except re.error:  # e.g. one group name in two rules
            return Patterns(each, None)

    def first(self, text: str) -> re.Match | None:
        """The earliest match of any rule (the first listed on a tie)."""
        if self.joined is not None:
            hits = [m for p in self.joined if (m := p.search(text))]
            if not hits:
                return None
            best = min(hits, key=lambda m: m.start())
            if sum(m.start() == best.start() for m in hits) == 1:
                return best
            # two alternations match at one position: the rule listed first decides, found one by one below
        hits = [m for p in self.each if (m := p.search(text))]
        return min(hits, key=lambda m: m.start()) if hits else None

    def any(self, text: str) -> bool:
        if self.joined is not None:
            return any(p.search(text) for p in self.joined)
        return any(p.search(text) for p in self.each)

    def __iter__(self):
        return iter(self.each)

    def __len__(self) -> int:
        return len(self.each)
