"""Extraction settings: validated once at the edge (flows/pipeline/settings.py) and passed down."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ExtractSettings:
    max_pages: int = field(default=1000, metadata={"help": "Quarantine a PDF with more pages than this (too_many_pages)."})
    max_file_mb: int = field(default=200, metadata={"help": "Quarantine a file larger than this many MB (too_large)."})
    ocr: bool = field(default=True, metadata={"help": "OCR pages without a text layer with tesseract (Dutch)."})
    ocr_language: str = field(default="nld", metadata={"help": "Tesseract language(s) for OCR, e.g. 'nld' or 'nld+eng'."})
    max_page_points: float = field(default=14400.0, metadata={"help": "Skip (flag too_large) a page wider or taller than this many PDF points."})
