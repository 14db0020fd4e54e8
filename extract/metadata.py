"""Meeting metadata from a Document (placeholder; improved below)."""
from __future__ import annotations

from extract.document import Document, Meeting


def meeting_of(doc: Document) -> Meeting:
    return Meeting()
