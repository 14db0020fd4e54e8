"""Tagger settings: which versioned rule sets and taxonomy to use."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TagSettings:
    taxonomy: str = field(default="taxonomy.v1", metadata={"help": "Versioned theme taxonomy (models/data/<name>.json), or a path to your own JSON file."})
    spacy_model: str = field(default="auto", metadata={"help": "spaCy pipeline: 'auto' uses nl_core_news_* when installed, else a blank Dutch pipeline; or a model name."})
    sentence_model: str = field(default="sentences.v1", metadata={"help": "Learned sentence model beside the concern and commitment rules (models/data/<name>.json, trained by `python -m models.train`), or 'none' for the rules alone."})
