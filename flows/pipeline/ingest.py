"""Ingesting a folder: the central use case, without Prefect. The Prefect flow
(flows.orchestration.flow), the command line, the benchmark and the tests all call `ingest_folder`.

Steps: scan and hash -> plan (warehouse.runs.plan_files: unchanged content is skipped without
parsing) -> read the rest (`read`: sandboxed readers by default) -> load each result into the working
copy in path order, several documents per transaction -> missing files -> archive-wide topics and
concern clusters -> run row. Publishing the working copy is the caller's (it holds the writer).
Results are loaded in path order whatever order the readers finish in, so a run with any `read`
loads exactly what a serial run loads.
"""
from __future__ import annotations

import logging
import os
import time
from typing import Callable, Iterable, Iterator

from flows.pipeline.isolate import Limits, Work, run_isolated
from flows.pipeline.outcomes import FileOutcome, RunSummary, Status
from flows.pipeline.progress import Progress
from flows.pipeline.report import Reader, preload
from flows.pipeline.settings import Settings

# read(items, work, limits) -> outcomes, in any order; run_isolated or a distributed stand-in
Read = Callable[[list[tuple[str, str]], Work, Limits], Iterable[FileOutcome]]

LOAD_BATCH = 8  # documents per load transaction (one insert per table for all of them) ...
LOAD_BATCH_PAGES = 100  # ... or fewer, when they have this many pages (a batch waits in memory)


def scan_folder(folder: str, all_files: bool = False) -> list[tuple[str, str, int]]:
    """(absolute path, sha256, size) of every report file under `folder`, sorted by path."""
    from extract.pdf import sha256_of

    out = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            if (all_files or name.lower().endswith(".pdf")) and os.path.isfile(path) and not name.startswith("."):
                out.append((path, sha256_of(path), os.path.getsize(path)))
    return sorted(out)


def read_isolated(items: list[tuple[str, str]], work: Work, limits: Limits) -> Iterator[FileOutcome]:
    """The default `read`: load the models once here (forked readers share them), then run_isolated."""
    if isinstance(work, Reader):
        preload(work.settings)
    yield from run_isolated(items, work, limits)


class _Loader:
    """Loads outcomes into the working copy in path order, LOAD_BATCH documents per transaction."""

    def __init__(self, conn, run_id: str, todo, settings: Settings, summary: RunSummary):
        self.conn, self.run_id, self.settings, self.summary = conn, run_id, settings, summary
        self.sizes = {p: size for p, _, size in todo}
        self.order = [p for p, _, _ in todo]
        self.pending: dict[str, FileOutcome] = {}
        self.batch: list[FileOutcome] = []

    def add(self, outcome: FileOutcome) -> None:
        self.pending[outcome.path] = outcome
        while self.order and self.order[0] in self.pending:  # load in path order: identical on any runner
            o = self.pending.pop(self.order.pop(0))
            self.summary.pages += o.pages
            if o.status == Status.QUARANTINED:
                self.flush()
                self.quarantine(o)
                continue
            self.batch.append(o)
            if len(self.batch) >= LOAD_BATCH or sum(b.pages for b in self.batch) >= LOAD_BATCH_PAGES:
                self.flush()

    def quarantine(self, o: FileOutcome) -> None:
        from warehouse.load import quarantine_file

        reason = str(o.reason)
        quarantine_file(self.conn, self.run_id, o.path, o.sha256, reason, o.detail, o.seconds)
        self.summary.quarantined.append((o.path, reason, o.detail))

    def flush(self) -> None:
        """Load the documents of the batch (several per transaction) and empty it; one that cannot be
        stored is recorded as failed."""
        from warehouse.load import LoadItem, load_documents, record_file

        batch, s = self.batch, self.summary
        if not batch:
            return
        items = [LoadItem(o.doc, o.ann, self.sizes[o.path], o.seconds) for o in batch]
        for outcome, change in zip(batch, load_documents(self.conn, items, self.run_id, self.settings.warehouse)):
            if isinstance(change, Exception):
                detail = " ".join(f"{type(change).__name__}: {change}".split())[:200]
                record_file(self.conn, self.run_id, outcome.path, str(Status.FAILED), sha256=outcome.sha256,
                            reason="load_failed", detail=detail)
                s.failed.append((outcome.path, "load_failed", detail))
                continue
            key = {"restored": "changed", "duplicate": "unchanged"}.get(change, change)
            setattr(s, key, getattr(s, key) + 1)
            if outcome.doc.flags:
                s.flagged.append((outcome.path, ",".join(outcome.doc.flags)))
        batch.clear()


def archive_extras(conn, settings: Settings) -> tuple:
    """Archive-wide results, recomputed when the set of active documents changed: topics, series,
    commitment threads and concern groups. Returns the promises that became overdue or forgotten."""
    from models.topics import discover_topics
    from warehouse.load import load_archive_extras, texts_by_year
    from warehouse.series_store import rebuild_series

    rebuilt = rebuild_series(conn, settings.warehouse.series_overrides or None)
    load_archive_extras(conn, discover_topics(texts_by_year(conn)), rebuilt.clusters)
    return rebuilt.newly_late


def ingest_folder(folder: str, writer, settings: Settings, read: Read = read_isolated,
                  logger: logging.Logger | None = None,
                  extras: Callable[[object, Settings], tuple] = archive_extras) -> RunSummary:
    """Ingest every report file under `folder` into the open working copy of `writer`
    (warehouse.publish.Writer); returns the run's summary. `read(items, work, limits)` reads the
    files (run_isolated by default; the Prefect flow passes a Dask one, tests their own).
    Progress goes to a live bar on a terminal, to `logger` otherwise."""
    from warehouse.load import finish_run, mark_missing, quarantine_file, record_files, start_run
    from warehouse.meta import clear_derived_stale, derived_stale, mark_derived_stale
    from warehouse.runs import plan_files

    started = time.monotonic()
    logger = logger or logging.getLogger("verslagen.ingest")
    folder = os.path.abspath(folder)
    files = scan_folder(folder, settings.run.all_files)
    conn = writer.conn
    run_id = start_run(conn, folder, settings.as_dict())
    summary = RunSummary(run_id=run_id, folder=folder, warehouse=settings.warehouse.path, files=len(files))
    stale = derived_stale(conn)  # a run killed before its topics and clusters were rebuilt
    mark_derived_stale(conn)  # until the extras are rebuilt: a kill from here on leaves them marked stale
    plan = plan_files(conn, files)
    record_files(conn, run_id, plan.known)
    summary.unchanged += len(plan.known)
    for path, sha, reason, detail in plan.quarantined:  # still quarantined, unchanged: keep the reason, refresh last_seen
        quarantine_file(conn, run_id, path, sha, reason, detail)
        summary.quarantined.append((path, reason, detail or ""))
    logger.info("%d files: %d to process, %d unchanged", len(files), len(plan.todo), summary.unchanged)
    loader = _Loader(conn, run_id, plan.todo, settings, summary)
    items = [(p, s) for p, s, _ in plan.todo]
    progress = Progress(len(items), logger)
    try:
        if items:  # a nightly run with nothing new loads no models
            for outcome in read(items, Reader(settings), Limits.of(settings.run)):
                progress.advance(outcome)
                loader.add(outcome)
        loader.flush()
    finally:
        progress.close()
    summary.missing = len(mark_missing(conn, run_id, [p for p, _, _ in files], folder))
    if summary.changed_anything or stale:
        summary.late = list(extras(conn, settings))  # load_archive_extras clears the marker as it rebuilds them
    else:
        clear_derived_stale(conn)
    finish_run(conn, run_id, "needs_attention" if summary.needs_attention else "finished", settings.warehouse,
               rebuild_index=False)  # publishing rebuilds it, when sentences changed
    summary.duration_s = round(time.monotonic() - started, 2)
    return summary
