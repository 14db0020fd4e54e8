"""Cheap checks before parsing: is this a readable, unlocked, reasonably sized PDF?

`probe_file` reads the first bytes for the file kind and opens the file with pikepdf (qpdf) to
count pages by walking the page tree (never trusting /Count) and to see the encryption; a file
only qpdf can rebuild is `repaired` (extraction then reads a rebuilt copy and flags it).
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass

MAGIC = ((b"\x89PNG", "png"), (b"PK\x03\x04", "zip"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"),
         (b"II*\x00", "tiff"), (b"MM\x00*", "tiff"), (b"\xd0\xcf\x11\xe0", "ole"))


class ExtractError(ValueError):
    """A file that cannot be extracted; `reason` is the quarantine reason (encrypted, corrupt, ...)."""

    def __init__(self, reason: str, message: str = ""):
        super().__init__(message or reason)
        self.reason = reason


@dataclass(frozen=True)
class Probe:
    size: int
    kind: str  # pdf, png, zip, jpeg, html, text, empty, unknown
    pages: int
    encrypted: bool
    reason: str | None  # quarantine reason, None when the file can be extracted
    repaired: bool = False  # only a rebuilt copy is readable


def kind_of(head: bytes) -> str:
    if not head:
        return "empty"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    lower = head[:512].lstrip().lower()
    if lower.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head")):
        return "html"
    try:
        head.decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        return "unknown"


def _pdf_check(path: str) -> tuple[int, bool, str | None, bool]:
    """(pages, encrypted, reason, repaired) as qpdf sees the file."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
            encrypted = pdf.is_encrypted
    except pikepdf.PasswordError:
        return 0, True, "encrypted", False
    except pikepdf.PdfError as e:
        msg = str(e).lower()
        if "security handler" in msg or "encrypt" in msg:
            return 0, True, "encrypted", False
        return 0, False, "corrupt", False
    except (RecursionError, MemoryError, RuntimeError, ValueError):
        return 0, False, "corrupt", False
    return pages, encrypted, None, not _pdfminer_opens(path)


def _pdfminer_opens(path: str) -> bool:
    """pdfplumber (pdfminer) can open the file as it is, without qpdf's rebuilding."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            pdf.pages[:1]
        return True
    except Exception:  # noqa: BLE001 - any failure means: read the repaired copy instead
        return False


def probe_file(path: str, settings) -> Probe:
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        head = f.read(4096)
    kind = kind_of(head)
    if size == 0:
        return Probe(0, "empty", 0, False, "empty")
    if kind != "pdf":
        return Probe(size, kind, 0, False, "not_a_pdf")
    if size > settings.max_file_mb * 1024 * 1024:
        return Probe(size, kind, 0, False, "too_large")
    pages, encrypted, reason, repaired = _pdf_check(path)
    if reason is None and pages == 0:
        reason = "corrupt"
    if reason is None and pages > settings.max_pages:
        reason = "too_many_pages"
    return Probe(size, kind, pages, encrypted, reason, repaired)


def repaired_copy(path: str):
    """(path of a qpdf-rebuilt copy, cleanup function)."""
    import pikepdf

    fd, tmp = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    with pikepdf.open(path) as pdf:
        pdf.save(tmp)
    return tmp, lambda: os.path.exists(tmp) and os.remove(tmp)
