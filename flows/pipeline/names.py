"""File names that are safe to store and to show.

A file name on Linux is bytes: it need not be UTF-8 and may hold newlines, tabs or terminal escape
sequences. Python hands such a name over as a str with lone surrogates (os.fsdecode, surrogateescape);
the scan reads the file with that exact str, and everything that stores or shows the name goes
through one of these two functions:
- `stored_path(path)`: what the warehouse keeps (valid UTF-8): bytes that are not UTF-8 become
  `\\xNN`; the same file gives the same stored path every night;
- `display_name(path)`: what logs, tables and artifacts show: the stored path's base name (or the whole
  path) with control and format characters escaped (`\\n`, `\\t`, `\\x1b`, `\\u202e`).
"""
from __future__ import annotations

import os
import unicodedata

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def stored_path(path: str) -> str:
    """The path as valid UTF-8 text: undecodable bytes (surrogates of os.fsdecode) become `\\xNN`."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def _escape(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch] if ch != "\\" else ch  # a backslash stays (stored paths use \xNN already)
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return ch


def display_name(path: str, whole: bool = False) -> str:
    """One line of printable text for a file: its base name (or the whole path with `whole`), with bytes
    that are not UTF-8 as `\\xNN` and control characters escaped, so that no name can break a log line,
    a table row or a terminal."""
    text = stored_path(str(path))
    if not whole:
        text = text.rsplit("/", 1)[-1]
    return "".join(_escape(ch) for ch in text)
