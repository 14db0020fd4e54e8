"""What happened to a file, and to a run: the one shape each, shared by the reader sandbox, the
ingest, the Prefect shell, the command line and the benchmark."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """What became of one file."""
    LOADED = "loaded"  # read and tagged (then loaded into the warehouse)
    QUARANTINED = "quarantined"  # could not be read; `reason` says why
    FAILED = "failed"  # read, but the warehouse could not store it


class Reason(StrEnum):
    """Why a file was quarantined or failed."""
    EMPTY = "empty"
    NOT_A_PDF = "not_a_pdf"
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    TOO_LARGE = "too_large"
    TOO_MANY_PAGES = "too_many_pages"
    TIMEOUT = "timeout"
    NO_TEXT_OCR_FAILED = "no_text_ocr_failed"
    CRASHED = "crashed"
    UNREADABLE = "unreadable"  # the file cannot be opened or read (permissions, I/O error)
    LOAD_FAILED = "load_failed"


QUARANTINE_REASONS = tuple(r.value for r in Reason if r is not Reason.LOAD_FAILED)


@dataclass(frozen=True)
class FileOutcome:
    """One file after reading: LOADED with `doc` and `ann`, or QUARANTINED with a reason and a one-line detail."""
    path: str
    sha256: str
    status: Status
    reason: Reason | None = None
    detail: str = ""
    seconds: float = 0.0
    doc: Any = None  # extract.document.Document
    ann: Any = None  # models.annotations.Annotations

    @property
    def pages(self) -> int:
        return len(self.doc.pages) if self.doc is not None else 0


@dataclass
class RunSummary:
    """One ingestion run, filled in as the run goes. `quarantined` and `failed` hold (path, reason,
    detail), `flagged` (path, flags), `late` the promises this run found newly overdue or forgotten."""
    run_id: str = ""
    folder: str = ""
    warehouse: str = ""
    files: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    missing: int = 0
    pages: int = 0
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)
    failed: list[tuple[str, str, str]] = field(default_factory=list)
    flagged: list[tuple[str, str]] = field(default_factory=list)
    late: list[tuple] = field(default_factory=list)  # promises that became overdue or forgotten: (series, what, status, deadline, by)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): not report files
    returned: int = 0  # of `unchanged`: files that came back with their missing document's content
    warnings: list[str] = field(default_factory=list)  # the folder looks unmounted or half readable
    refused: str = ""  # why nothing was marked missing (needs attention), or empty
    duration_s: float = 0.0

    @property
    def needs_attention(self) -> bool:
        return bool(self.quarantined or self.failed or self.refused)

    @property
    def changed_anything(self) -> bool:
        return bool(self.new or self.changed or self.missing or self.returned)

    def skipped_counts(self) -> dict[str, int]:
        """{reason: files} of the skipped entries."""
        counts: dict[str, int] = {}
        for _, reason in self.skipped:
            counts[reason] = counts.get(reason, 0) + 1
        return dict(sorted(counts.items()))

    def as_dict(self) -> dict[str, Any]:
        """Plain data (JSON output, the Prefect state's result)."""
        d = asdict(self)
        for key in ("quarantined", "failed", "flagged", "skipped"):
            d[key] = [tuple(str(v) for v in t) for t in d[key]]
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RunSummary":
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})
