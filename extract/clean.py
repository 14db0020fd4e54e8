"""Sanitise extracted text before it enters a Document (and later the warehouse).

PDF text layers carry NUL, lone surrogates, BOMs, zero-width and bidi controls, soft hyphens,
ligature glyphs and U+FFFD; DuckDB refuses surrogates and NUL, and ligatures break word matching.
"""
from __future__ import annotations

import re
import unicodedata

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st", "\u0132": "IJ", "\u0133": "ij"}
# C0/C1 controls (tab and newline become spaces separately), surrogates, zero-width and bidi
# controls, BOM, soft hyphen, replacement and non-characters.
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u200b-\u200f\u202a-\u202e"
                   "\u2060-\u2064\u2066-\u2069\ufeff\ufffc-\uffff]")
_SPACES = re.compile(r"[\t\n\r\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_LIG = re.compile("[" + "".join(LIGATURES) + "]")


def clean_text(text: str) -> str:
    """Text without control characters, lone surrogates or ligatures, in NFC; spaces stay single chars."""
    if not text:
        return ""
    text = _DROP.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _LIG.sub(lambda m: LIGATURES[m.group()], text)
    return unicodedata.normalize("NFC", text)


def clean_metadata_value(value: object, limit: int = 1000) -> str:
    """A PDF metadata value as a short clean string (values may be bytes, huge or deeply nested)."""
    if isinstance(value, bytes):
        for enc in ("utf-16", "utf-8", "latin-1"):
            try:
                value = value.decode(enc)
                break
            except (UnicodeDecodeError, ValueError):
                continue
    if not isinstance(value, str):
        value = type(value).__name__ if isinstance(value, (dict, list, tuple)) else str(value)[:limit]
    return " ".join(clean_text(value[:limit]).split())
