"""Learned sentence classes (concern / commitment / neither) beside the rules.

The rules of models/concerns.py and models/commitments.py were written from four reports; on reports
of other genres they miss classes of sentences ("Veel leden klagen dat ...", "De opzichter komt voor
1 april langs"). A logistic regression per class (trained by `python -m models.train`, artefact
models/data/sentences.v1.json) scores every sentence from:

- lower-cased word uni- and bigrams and 5-letter word stems ("klaag", "belof"), names of speakers
  replaced by PERSOON, numbers by 0, and the first two words of the sentence;
- the rule hits: concern cue kind, who the rules find as actor, commitment rule, action-list item,
  resolved/answer words, a header line such as "Aanwezig:";
- the section heading's words, the block kind, the sentence's position in the document and paragraph,
  and the kind of the speaker the sentence is attributed to.

The artefact is plain JSON (weights of the features seen at least twice in training), so inference needs
no scikit-learn and reads in milliseconds. The rules stay the explanation of a tag: a sentence the
model adds is tagged with the rule features that fired (`why`).
"""
from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from importlib import resources

from extract.document import Document
from models.annotations import Attribution, Section, Speaker

MODEL = "sentences.v1"
CLASSES = ("concern", "commitment")
HEADER_LINE = re.compile(r"^(datum|tijd|plaats|locatie|aanwezig|afwezig|afgemeld|met kennisgeving afwezig|"
                         r"publieke tribune|notulist|notulen|verslag|voorzitter|agenda|bijlage\w*|"
                         r"kenmerk|onderwerp|van|aan|cc)\s*:", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class SentenceModel:
    name: str
    weights: dict  # class -> {feature: weight}
    bias: dict  # class -> intercept
    thresholds: dict  # class -> {"add": p, "keep": p}
    trained_on: tuple = ()  # [{"file", "sha256"}] as recorded by models.train

    def probability(self, cls: str, feats: dict) -> float:
        w = self.weights[cls]
        z = self.bias[cls] + sum(w.get(f, 0.0) * v for f, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def from_json(data: dict) -> SentenceModel:
    return SentenceModel(data["name"], data["weights"], data["bias"], data["thresholds"],
                         tuple(data.get("trained_on", ())))


@functools.lru_cache(maxsize=4)
def load_model(name: str = MODEL) -> SentenceModel | None:
    """The committed artefact, or None when it has not been trained (the rules then work alone)."""
    path = resources.files("models").joinpath("data", f"{name}.json")
    if not path.is_file():
        return None
    return from_json(json.loads(path.read_text(encoding="utf-8")))


def text_features(text: str, names: re.Pattern | None = None) -> dict:
    """Word, bigram, stem and opening features of one sentence."""
    flat = re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()
    if names is not None:
        flat = names.sub(" PERSOON ", flat)
    words = ["0" if w.isdigit() else ("persoon" if w == "PERSOON" else w.lower()) for w in _WORD.findall(flat)]
    out: dict[str, float] = {}
    for i, w in enumerate(words):
        out["w:" + w] = 1.0
        if len(w) > 5:
            out["s:" + w[:5]] = 1.0
        if i:
            out["b:" + words[i - 1] + "_" + w] = 1.0
    for w in words[:2]:
        out["f:" + w] = 1.0
    if flat.endswith("?"):
        out["r:question_mark"] = 1.0
    if re.match(r"^[\w .\-']{2,40}:\s", flat):
        out["r:label_colon"] = 1.0
    if HEADER_LINE.match(flat):
        out["r:header_line"] = 1.0
    if re.match(r"^\(?\d{1,2}[.)]\s", flat):
        out["r:numbered"] = 1.0
    out["r:len" + str(min(4, len(words) // 8))] = 1.0
    return out


def context_features(*, heading: str | None, block_kind: str, position: float, first_in_block: bool,
                     attributed_kind: str | None, rule: dict) -> dict:
    out = {"k:" + block_kind: 1.0, f"pos:{min(3, int(position * 4))}": 1.0}
    for w in _WORD.findall((heading or "").lower()):
        if not w.isdigit():
            out["h:" + w] = 1.0
    if heading is None:
        out["h:<none>"] = 1.0
    if first_in_block:
        out["r:first_in_block"] = 1.0
    out["a:" + (attributed_kind or "none")] = 1.0
    for k, v in rule.items():
        if v:
            out["r:" + k + ("" if v is True else "=" + str(v))] = 1.0
    return out


def document_features(doc: Document, speakers: tuple[Speaker, ...], attributions: tuple[Attribution, ...],
                      sections: tuple[Section, ...], rule_hits: dict) -> list[dict]:
    """One feature dict per sentence of `doc` (in order). `rule_hits[sentence index]` holds the rule
    features (from models.concerns.rule_features and models.commitments.rule_features)."""
    from models.names import names_pattern

    forms = sorted({f for sp in speakers for f in (sp.name, *sp.aliases, sp.name.split()[-1]) if len(f) >= 3},
                   key=len, reverse=True)
    names = names_pattern(forms) if forms else None
    kinds = {sp.key: sp.kind for sp in speakers}
    said_by = {a.sentence: a.speaker for a in attributions}
    n = max(1, len(doc.text))
    out, last_block = [], None
    for s in doc.sentences:
        block = doc.blocks[s.block] if doc.blocks else None
        section = next((x for x in sections if x.span.start <= s.start < x.span.end), None)
        who = said_by.get(s.index)
        feats = text_features(s.text, names)
        feats.update(context_features(
            heading=section.heading if section else None, block_kind=block.kind if block else "paragraph",
            position=s.start / n, first_in_block=s.block != last_block,
            attributed_kind=kinds.get(who, who if who in ("tenant", "floor") else None),
            rule=rule_hits.get(s.index, {})))
        out.append(feats)
        last_block = s.block
    return out


def explain(feats: dict) -> tuple[str, ...]:
    """The rule features that fired: the readable part of why a sentence was tagged."""
    return tuple(sorted(f[2:] for f in feats if f.startswith("r:") and not f.startswith("r:len")))
