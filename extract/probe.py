"""Cheap checks before parsing: is this a readable, unlocked, reasonably sized PDF?

`probe_file` reads the first bytes for the file kind and opens the file with pikepdf (qpdf) to
count pages by walking the page tree (never trusting /Count) and to see the encryption; a file
only qpdf can rebuild is `repaired` (extraction then reads a rebuilt copy and flags it).
"""
from __future__ import annotations

import os
import re
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
    repaired: bool = False  # the file structure was damaged; qpdf rebuilt it (flag `repaired`)
    rebuilt: bool = False  # pdfminer cannot read the file itself: extraction reads qpdf's rewritten copy


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


def _pdf_check(path: str) -> tuple[int, bool, str | None, bool, bool]:
    """(pages, encrypted, reason, damaged, pdfminer_fails) as qpdf and pdfminer see the file."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)
            encrypted = pdf.is_encrypted
            damaged = any("damaged" in w or "reconstruct" in w for w in pdf.get_warnings())
            if _cmap_bomb(pdf):
                return pages, encrypted, "too_large", False, False
    except pikepdf.PasswordError:
        return 0, True, "encrypted", False, False
    except pikepdf.PdfError as e:
        msg = str(e).lower()
        if "security handler" in msg or "encrypt" in msg:
            return 0, True, "encrypted", False, False
        pages, encrypted, damaged = 0, False, False
    except (RecursionError, MemoryError, RuntimeError, ValueError):
        pages, encrypted, damaged = 0, False, False
    miner_pages = _pdfminer_pages(path)
    if pages == 0:  # qpdf gave up (a page-tree loop, absurd nesting): pdfminer walks the tree with a guard
        return miner_pages, encrypted, None if miner_pages else "corrupt", False, False
    return pages, encrypted, None, damaged, miner_pages == 0


_BFRANGE = re.compile(rb"<([0-9A-Fa-f]{1,8})>\s*<([0-9A-Fa-f]{1,8})>\s*(?:<[0-9A-Fa-f]*>|\[[^\]]*\])")
_SECTION = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
MAX_CMAP_RANGE = 1 << 17  # pdfminer expands every bfrange into a dict entry per code


def _cmap_bomb(pdf, max_pages: int = 50) -> bool:
    """A ToUnicode CMap whose bfrange spans billions of codes (pdfminer would expand it in memory)."""
    seen = set()
    for page in pdf.pages[:max_pages]:
        fonts = page.obj.get("/Resources", {}).get("/Font", {}) if hasattr(page, "obj") else {}
        for _, font in fonts.items():
            cmap = font.get("/ToUnicode")
            if cmap is None or cmap.objgen in seen:
                continue
            seen.add(cmap.objgen)
            try:
                data = cmap.read_bytes()[:1_000_000]
            except Exception:  # noqa: BLE001 - an unreadable CMap is pdfminer's problem, not a bomb
                continue
            for section in _SECTION.findall(data):
                if any(int(hi, 16) - int(lo, 16) > MAX_CMAP_RANGE for lo, hi in _BFRANGE.findall(section)):
                    return True
    return False


def _pdfminer_pages(path: str) -> int:
    """Pages pdfplumber (pdfminer) finds in the file as it is, 0 when it cannot open it."""
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            return len(pdf.pages)
    except Exception:  # noqa: BLE001 - any failure means: qpdf's copy or quarantine
        return 0


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
    pages, encrypted, reason, damaged, rebuild = _pdf_check(path)
    if reason is None and pages > settings.max_pages:
        reason = "too_many_pages"
    return Probe(size, kind, pages, encrypted, reason, repaired=rebuild and damaged, rebuilt=rebuild)


def repaired_copy(path: str):
    """(path of a qpdf-rebuilt copy, cleanup function)."""
    import pikepdf

    fd, tmp = tempfile.mkstemp(suffix=".pdf")
    os.close(fd)
    with pikepdf.open(path) as pdf:
        pdf.save(tmp)
    return tmp, lambda: os.path.exists(tmp) and os.remove(tmp)
