"""Concern clusters across meetings: the same complaint raised again ("schimmel in de badkamers")
should be one thread in the warehouse. TF-IDF over character n-grams (robust to Dutch compounds and
inflection), cosine similarity, and a link only between concerns sharing a category; union-find makes
the clusters. Deterministic: a cluster is named after its earliest concern.
"""
from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

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
        sim = cosine_similarity(vec.fit_transform([r[1] for r in rows]))
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                if sim[i, j] >= threshold and set(rows[i][2]) & set(rows[j][2]):
                    a, b = find(i), find(j)
                    if a != b:
                        parent[max(a, b)] = min(a, b)  # the earlier concern stays the root
    return {r[0]: rows[find(i)][0] for i, r in enumerate(rows)}
