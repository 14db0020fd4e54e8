"""Theme tagging with a versioned, user-editable taxonomy (models/data/taxonomy.v1.json).

A taxonomy term is a Dutch word or phrase matched case-insensitively on whole words; `*` stands
for any letters, which is how compounds hit: `*overlast*` matches "burenoverlast" and
"geluidsoverlast", `schimmel*` matches "schimmelplekken". No trained model is needed.
A section's themes are what it is *about*: evidence is weighed (heading words count
`heading_weight` times, weak terms half) and only themes close to the strongest one are kept.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from extract.document import Document, Sentence, Span
from models.annotations import ThemeTag

REFERENCE_KEYS = (
    "betaalbaarheid", "woningtekort", "nieuwbouw", "toewijzing", "doorstroming", "gemengde_wijken",
    "leefbaarheid", "overlast", "veiligheid", "kwetsbare_groepen", "zorg_en_welzijn", "ouderen",
    "onderhoud", "duurzaamheid", "servicekosten", "participatie", "gemeenschap", "communicatie",
    "verkoop_liberalisatie", "corporatie", "mobiliteit")
WEAK_WEIGHT = 0.5


@dataclass(frozen=True)
class Term:
    text: str
    pattern: re.Pattern
    weight: float


@dataclass(frozen=True)
class Theme:
    key: str  # a reference key; sub-themes are folded into their parent's terms
    label: str
    terms: tuple[Term, ...]


@dataclass(frozen=True)
class Taxonomy:
    name: str  # versioned name stored with every run, e.g. "taxonomy.v1"
    themes: tuple[Theme, ...]
    heading_weight: float = 3.0
    min_score: float = 2.0  # a section theme needs at least this much evidence ...
    relative: float = 0.34  # ... and this share of the strongest theme's evidence
    sentence_min: float = 1.0  # a sentence theme needs one strong term or two weak ones


def term_pattern(term: str) -> re.Pattern:
    """`*` = any letters; a space also accepts a hyphen; whole words only."""
    parts = [re.escape(p).replace(r"\*", r"\w*") for p in term.lower().split()]
    return re.compile(r"(?<!\w)" + r"[\s\-]+".join(parts) + r"(?!\w)")


def _terms(entry: dict) -> list[Term]:
    out = [Term(t, term_pattern(t), 1.0) for t in entry.get("terms", [])]
    out += [Term(t, term_pattern(t), WEAK_WEIGHT) for t in entry.get("weak", [])]
    for sub in (entry.get("sub_themes") or {}).values():
        out += _terms(sub)
    return out


def taxonomy_from_dict(data: dict, name: str) -> Taxonomy:
    themes = []
    for key, entry in data["themes"].items():
        target = entry.get("maps_to", key)
        if target not in REFERENCE_KEYS:
            raise ValueError(f"theme {key!r} maps to {target!r}, not a reference key: {REFERENCE_KEYS}")
        themes.append(Theme(target, entry.get("label", key), tuple(_terms(entry))))
    extra = {k: data[k] for k in ("heading_weight", "min_score", "relative", "sentence_min") if k in data}
    return Taxonomy(data.get("name", name), tuple(themes), **extra)


def load_taxonomy(name_or_path: str) -> Taxonomy:
    """"taxonomy.v1" -> the shipped models/data/taxonomy.v1.json; anything ending in .json -> that file."""
    if name_or_path.endswith(".json") or "/" in name_or_path:
        path = Path(name_or_path)
        return taxonomy_from_dict(json.loads(path.read_text(encoding="utf-8")), path.stem)
    text = resources.files("models").joinpath("data", f"{name_or_path}.json").read_text(encoding="utf-8")
    return taxonomy_from_dict(json.loads(text), name_or_path)


def evidence_in(text: str, taxonomy: Taxonomy, offset: int = 0) -> dict[str, list[tuple[int, int, float]]]:
    """Theme key -> (start, end, weight) of every term hit; overlapping hits of one theme count once."""
    low = text.lower()
    found: dict[str, list[tuple[int, int, float]]] = {}
    for theme in taxonomy.themes:
        hits = found.setdefault(theme.key, [])
        for term in theme.terms:
            for m in term.pattern.finditer(low):
                if not any(s < m.end() + offset and m.start() + offset < e for s, e, _ in hits):
                    hits.append((m.start() + offset, m.end() + offset, term.weight))
    return {k: sorted(v) for k, v in found.items() if v}


def _heading_ranges(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in doc.blocks
            if b.kind in ("heading", "title") and start <= b.start < end]


def section_themes(doc: Document, start: int, end: int, taxonomy: Taxonomy) -> tuple[ThemeTag, ...]:
    """The themes the section doc.text[start:end] is about, strongest first, with evidence spans."""
    headings = _heading_ranges(doc, start, end)
    hits = evidence_in(doc.text[start:end], taxonomy, start)
    scores = {}
    for key, spans in hits.items():
        scores[key] = sum(w * (taxonomy.heading_weight if any(a <= s < b for a, b in headings) else 1.0)
                          for s, _, w in spans)
    if not scores:
        return ()
    top = max(scores.values())
    keep = [k for k, v in scores.items() if v >= taxonomy.min_score and v >= taxonomy.relative * top]
    keep.sort(key=lambda k: (-scores[k], k))
    return tuple(ThemeTag(k, round(scores[k] / top, 3), tuple(
        Span(doc.doc_id, doc.page_of(s), s, e, doc.text[s:e]) for s, e, _ in hits[k])) for k in keep)


def text_themes(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Themes with enough evidence in a short text (a sentence), strongest first."""
    scores = {k: sum(w for _, _, w in v) for k, v in evidence_in(text, taxonomy).items()}
    keep = [k for k, v in scores.items() if v >= taxonomy.sentence_min]
    return tuple(sorted(keep, key=lambda k: (-scores[k], k)))


def sentence_themes(doc: Document, sentence: Sentence, taxonomy: Taxonomy) -> tuple[str, ...]:
    return text_themes(doc.text[sentence.start:sentence.end], taxonomy)
