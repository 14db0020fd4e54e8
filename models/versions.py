"""Versioned names of the rule and data files, derived from their content.

A tagger's version is stored with every document (documents.tagger_versions) so that a result can be
traced to the rules that made it. A hand-kept name ("concerns.rules.v1") can stay the same while the
file changes; the stored version is therefore the name plus the first 8 hex digits of the sha256 of the
file: "concerns.rules.v1+1a2b3c4d". A rule change cannot keep an old version name.
"""
from __future__ import annotations

import functools
import hashlib
from importlib import resources
from pathlib import Path


def rule_file(name_or_path: str):
    """The file behind a versioned name (models/data/<name>.json) or a path; None when there is none."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    shipped = resources.files("models").joinpath("data", f"{name_or_path.removesuffix('.json')}.json")
    return shipped if shipped.is_file() else None


@functools.lru_cache(maxsize=64)
def _digest(name_or_path: str) -> str | None:
    f = rule_file(name_or_path)
    return hashlib.sha256(f.read_bytes()).hexdigest()[:8] if f is not None else None


def rule_version(name: str, source: str | None = None) -> str:
    """`name` + "+" + 8 hex digits of the content of its rule file (`source`: another name or path of
    that file, e.g. a user's taxonomy). A name without a file stays as it is."""
    digest = _digest(source or name)
    return f"{name}+{digest}" if digest else name
