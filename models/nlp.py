"""The spaCy pipeline: a trained Dutch model when one is installed, else blank Dutch + lookup lemmas.

No module-level cache: `load_nlp` costs about two seconds (the lemma table), so callers load it
once per process and pass it down (flows keep it; `pipeline.annotate` accepts it).
"""
from __future__ import annotations

import importlib.util

TRAINED = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")


def load_nlp(settings):
    """spaCy Language for `settings.spacy_model`: "auto", "blank" or an installed model name."""
    import spacy

    choice = getattr(settings, "spacy_model", "auto")
    if choice not in ("auto", "blank"):
        return spacy.load(choice)
    if choice == "auto":
        for name in TRAINED:
            if importlib.util.find_spec(name) is not None:
                return spacy.load(name, exclude=["parser", "ner"])
    return blank_dutch()


def blank_dutch():
    """spacy.blank("nl") with the Dutch lookup lemmatizer of spacy-lookups-data (offline)."""
    import spacy

    nlp = spacy.blank("nl")
    try:
        from spacy.lookups import load_lookups

        lookups = load_lookups("nl", ["lemma_lookup"])
        lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        lemmatizer.initialize(lookups=lookups)
    except (ImportError, ValueError, KeyError):  # no spacy-lookups-data: tokens keep their lowercase form
        if "lemmatizer" in nlp.pipe_names:
            nlp.remove_pipe("lemmatizer")
    return nlp


def nlp_name(nlp) -> str:
    """Name stored with a run's output: the model's name and version, or blank nl + lemmatizer."""
    meta = nlp.meta
    name = f"{meta.get('lang')}_{meta.get('name')}-{meta.get('version')}" if meta.get("name") != "pipeline" \
        else f"blank:{meta.get('lang')}"
    return name + ("+lookup_lemmas" if "lemmatizer" in nlp.pipe_names and meta.get("name") == "pipeline" else "")


def lemma(token) -> str:
    return (token.lemma_ or token.lower_).casefold()
