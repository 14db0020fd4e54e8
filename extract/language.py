"""Language detection by stopword profile (placeholder; improved below)."""
from __future__ import annotations

import re

_STOP = {
    "nl": {"de", "het", "een", "en", "van", "is", "niet", "dat", "op", "te", "zijn", "voor", "met", "wordt", "ook", "bij", "er", "naar"},
    "en": {"the", "and", "of", "to", "is", "that", "for", "with", "are", "on", "this", "be", "by", "was", "it", "not"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "mit", "für", "auf", "ein", "eine", "sich", "dem", "den", "zu"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "pour", "dans", "que", "qui", "pas", "du", "sur", "au"},
}


def language_of(text: str) -> str:
    words = re.findall(r"[a-zäöüßéèêàç]+", text.lower())
    scores = {lang: sum(w in stop for w in words) for lang, stop in _STOP.items()}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 3 else "und"
