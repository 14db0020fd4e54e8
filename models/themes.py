"""Theme tagging with a versioned, user-editable taxonomy (models/data/taxonomy.v1.json).

A taxonomy term is a Dutch word or phrase matched case-insensitively on whole words; `*` stands
for any letters, which is how compounds hit: `*overlast*` matches "burenoverlast" and
"geluidsoverlast", `schimmel*` matches "schimmelplekken". No trained model is needed.
A section's themes are what it is *about*: evidence is weighed (heading words count
`heading_weight` times, weak terms half) and only themes close to the strongest one are kept.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from extract.document import Document, Sentence, Span
from models.annotations import ThemeTag
from models.themes_terms import WEAK_WEIGHT, Term, TermIndex, evidence_in, term_pattern

REFERENCE_KEYS = (
    "betaalbaarheid", "woningtekort", "nieuwbouw", "toewijzing", "doorstroming", "gemengde_wijken",
    "leefbaarheid", "overlast", "veiligheid", "kwetsbare_groepen", "zorg_en_welzijn", "ouderen",
    "onderhoud", "duurzaamheid", "servicekosten", "participatie", "gemeenschap", "communicatie",
    "verkoop_liberalisatie", "corporatie", "mobiliteit")


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
    min_score: float = 1.5  # a section theme needs at least this much evidence ...
    relative: float = 0.1  # ... and this share of the strongest theme's evidence
    sentence_min: float = 1.0  # a sentence theme needs one strong term or two weak ones
    salience_weight: float = 2.0  # evidence in a sentence where someone complains, worries or asks ...
    salience_cues: tuple[str, ...] = ()  # ... (these words) says more about what a section is about
    index: TermIndex | None = None  # built by taxonomy_from_dict


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
    extra = {k: data[k] for k in ("heading_weight", "min_score", "relative", "sentence_min", "salience_weight")
             if k in data}
    extra["salience_cues"] = tuple(w.lower() for w in data.get("salience_cues", ()))
    return Taxonomy(data.get("name", name), tuple(themes), index=TermIndex.of(themes), **extra)


@functools.lru_cache(maxsize=8)  # compiled once per process: a taxonomy has thousands of term patterns
def load_taxonomy(name_or_path: str) -> Taxonomy:
    """"taxonomy.v1" -> the shipped models/data/taxonomy.v1.json; an existing file (or a path) -> that file."""
    path = Path(name_or_path)
    if path.is_file() or "/" in name_or_path:
        return taxonomy_from_dict(json.loads(path.read_text(encoding="utf-8")), path.stem)
    name = name_or_path.removesuffix(".json")
    shipped = resources.files("models").joinpath("data", f"{name}.json")
    if not shipped.is_file():
        raise FileNotFoundError(f"no taxonomy {name_or_path!r}: neither a file nor a shipped name like 'taxonomy.v1'")
    return taxonomy_from_dict(json.loads(shipped.read_text(encoding="utf-8")), name)


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(ranges, (pos, float("inf")))
    return bool(i) and ranges[i - 1][0] <= pos < ranges[i - 1][1]


def _heading_ranges(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    return [(b.start, b.end) for b in doc.blocks
            if b.kind in ("heading", "title") and start <= b.start < end]


def section_themes(doc: Document, start: int, end: int, taxonomy: Taxonomy) -> tuple[ThemeTag, ...]:
    """The themes the section doc.text[start:end] is about, strongest first, with evidence spans."""
    headings = _heading_ranges(doc, start, end)
    cue = re.compile(r"\b(?:" + "|".join(map(re.escape, taxonomy.salience_cues)) + ")") if taxonomy.salience_cues else None
    salient = sorted((x.start, x.end) for x in doc.sentences
                     if cue and start <= x.start < end and cue.search(x.text.lower()))
    hits = evidence_in(doc.text[start:end], taxonomy, start)
    scores = {}
    for key, spans in hits.items():
        scores[key] = sum(w * (taxonomy.heading_weight if _inside(headings, s) else
                               taxonomy.salience_weight if _inside(salient, s) else 1.0) for s, _, w in spans)
    if not scores:
        return ()
    top = max(scores.values())
    keep = [k for k, v in scores.items() if v >= taxonomy.min_score and v >= taxonomy.relative * top]
    keep.sort(key=lambda k: (-scores[k], k))
    starts = [b.start for b in doc.blocks]
    page = lambda pos: doc.blocks[max(0, bisect.bisect_right(starts, pos) - 1)].page if doc.blocks else 1
    return tuple(ThemeTag(k, round(scores[k] / top, 3), tuple(
        Span(doc.doc_id, page(s), s, e, doc.text[s:e]) for s, e, _ in hits[k])) for k in keep)


def text_themes(text: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Themes with enough evidence in a short text (a sentence), strongest first; weak words only if nothing else."""
    scores = {k: sum(w for _, _, w in v) for k, v in evidence_in(text, taxonomy).items()}
    keep = [k for k, v in scores.items() if v >= taxonomy.sentence_min]
    if not keep and scores:  # only weak words ("de huur stijgt"): better than borrowing a neighbour's theme
        keep = [k for k, v in scores.items() if v == max(scores.values())]
    return tuple(sorted(keep, key=lambda k: (-scores[k], k)))


def sentence_themes(doc: Document, sentence: Sentence, taxonomy: Taxonomy) -> tuple[str, ...]:
    return text_themes(doc.text[sentence.start:sentence.end], taxonomy)
