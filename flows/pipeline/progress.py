"""Progress of an ingestion: a live bar on a terminal (rich), plain log lines otherwise (cron, Prefect UI)."""
from __future__ import annotations

import logging
import sys
import time

from flows.pipeline.names import display_name


class Progress:
    """`advance(outcome)` once per processed file; `close()` at the end."""

    def __init__(self, total: int, logger: logging.Logger | None = None, live: bool | None = None):
        self.total, self.done, self.pages = total, 0, 0
        self.logger = logger or logging.getLogger("verslagen.ingest")
        self.started = time.monotonic()
        self.live = sys.stderr.isatty() if live is None else live
        self._bar = None
        if self.live and total:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeRemainingColumn

            self._bar = Bar(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
                            TextColumn("{task.fields[pages]} pages"), TextColumn("left"), TimeRemainingColumn(),
                            transient=True)
            self._task = self._bar.add_task("ingest", total=total, pages=0)
            self._bar.start()

    def advance(self, outcome) -> None:
        self.done += 1
        self.pages += outcome.pages
        if self._bar is not None:
            self._bar.update(self._task, advance=1, pages=self.pages)
            return
        what = outcome.status
        if outcome.status == "quarantined":
            what = f"quarantined ({outcome.reason})"
        elif outcome.doc is not None and outcome.doc.flags:
            what = f"loaded_flagged ({','.join(outcome.doc.flags)})"
        self.logger.info("[%d/%d] %s: %s, %d pages, %.1f s%s", self.done, self.total, display_name(outcome.path, whole=True), what,
                         outcome.pages, outcome.seconds, self._left())

    def _left(self) -> str:
        if not self.done or self.done >= self.total:
            return ""
        rate = (time.monotonic() - self.started) / self.done
        return f", about {rate * (self.total - self.done):.0f} s left"

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
