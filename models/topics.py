"""Discovered topics across the archive: NMF over TF-IDF of sentences, with top terms per topic and year.

Unlike the taxonomy (what we *expect* reports to be about), this finds what they *are* about,
so new subjects show up without anyone editing a rule. Deterministic for a given seed.
"""
from __future__ import annotations

import re

import numpy as np
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.lang.nl.stop_words import STOP_WORDS

# Meeting-report boilerplate that would otherwise top every topic.
REPORT_WORDS = {"vergadering", "verslag", "voorzitter", "vraagt", "zegt", "antwoordt", "aanwezig", "uur",
                "mevrouw", "meneer", "dhr", "mevr", "heer", "punt", "vraag", "vragen", "wel", "gaat", "komt",
                "volgens", "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                "september", "oktober", "november", "december"}
STOPWORDS = sorted(set(STOP_WORDS) | REPORT_WORDS)


def _without_names(text: str) -> str:
    """Drop capitalised words inside a sentence: names of people and places would top every topic."""
    return re.sub(r"(?<=[\w,;:] )[A-Z][\w'\-]*", " ", text)


def _vectorizer(min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(lowercase=True, preprocessor=lambda t: _without_names(t).lower(), stop_words=STOPWORDS, token_pattern=r"(?u)\b[^\W\d_]{3,}\b",
                           min_df=min_df, max_df=0.5, sublinear_tf=True)


def discover_topics(texts_by_year: dict[int, list[str]], n_topics: int = 8, seed: int = 0,
                    n_terms: int = 8) -> list[tuple[int, int, tuple[str, ...], float]]:
    """(topic_id, year, top_terms, weight) for every topic and year; weight = the topic's share that year."""
    years = sorted(texts_by_year)
    texts = [t for y in years for t in texts_by_year[y] if t and re.search(r"[^\W\d_]{3,}", t)]
    labels = [y for y in years for t in texts_by_year[y] if t and re.search(r"[^\W\d_]{3,}", t)]
    if len(texts) < 2:
        return []
    try:
        x = _vectorizer(2 if len(texts) >= 50 else 1).fit(texts)
    except ValueError:  # only stopwords
        return []
    vec = x
    m = vec.transform(texts)
    k = max(1, min(n_topics, m.shape[0] - 1, m.shape[1] - 1))
    model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
    w = model.fit_transform(m)
    terms = np.array(vec.get_feature_names_out())
    labels = np.array(labels)
    out = []
    for year in years:
        rows = labels == year
        if not rows.any():
            continue
        share = w[rows].sum(axis=0)
        share = share / share.sum() if share.sum() else share
        used = np.asarray(m[rows].sum(axis=0)).ravel()  # the year's own vocabulary
        for t in range(k):
            score = model.components_[t] * used
            top = [terms[i] for i in np.argsort(-score, kind="stable")[:n_terms] if score[i] > 0]
            out.append((t, int(year), tuple(top), round(float(share[t]), 4)))
    return sorted(out, key=lambda r: (r[0], r[1]))
