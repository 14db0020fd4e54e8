"""Concern clusters across meetings: the same complaint raised again ("schimmel in de badkamers")
should be one thread in the warehouse. TF-IDF over character n-grams (robust to Dutch compounds and
inflection), cosine similarity, and a link only between concerns sharing a category; union-find makes
the clusters. Deterministic: a cluster is named after its earliest concern.
"""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

_BLOCK = 1000
ConcernRow = tuple[str, str, tuple[str, ...], str | None]  # (concern_id, quote, categories, meeting_date)


def cluster_concerns(concerns: list[ConcernRow], threshold: float = 0.35) -> dict[str, str]:
    """concern_id -> cluster_id (the id of the cluster's earliest concern by meeting date, then id)."""
    rows = sorted(concerns, key=lambda c: (c[3] or "", c[0]))
    if not rows:
        return {}
    parent = list(range(len(rows)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if len(rows) > 1:
        vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True, sublinear_tf=True)
        x = vec.fit_transform([r[1] for r in rows])  # rows are L2-normalised: x @ x.T is the cosine
        cats = [set(r[2]) for r in rows]
        for lo in range(0, len(rows), _BLOCK):  # blocks keep memory flat on a large archive
            sim = (x[lo:lo + _BLOCK] @ x.T).toarray()
            for i, j in zip(*np.nonzero(sim >= threshold)):
                i = int(i) + lo
                if j > i and cats[i] & cats[j]:
                    a, b = find(i), find(int(j))
                    if a != b:
                        parent[max(a, b)] = min(a, b)  # the earlier concern stays the root
    return {r[0]: rows[find(i)][0] for i, r in enumerate(rows)}
