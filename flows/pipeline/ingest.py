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
import stat
import time
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from flows.pipeline.isolate import Limits, Work, run_isolated
from flows.pipeline.names import display_name, stored_path
from flows.pipeline.outcomes import FileOutcome, RunSummary, Status
from flows.pipeline.progress import Progress
from flows.pipeline.report import Reader, preload
from flows.pipeline.settings import Settings

# read(items, work, limits) -> outcomes, in any order; run_isolated or a distributed stand-in
Read = Callable[[list[tuple[str, str]], Work, Limits], Iterable[FileOutcome]]

LOAD_BATCH = 8  # documents per load transaction (one insert per table for all of them) ...
LOAD_BATCH_PAGES = 100  # ... or fewer, when they have this many pages (a batch waits in memory)


@dataclass
class Scan:
    """What a scan of the folder found: `files` (path, sha256, size) to plan, sorted by path (paths as
    the file system gives them: bytes that are not UTF-8 as surrogates); `unreadable` (path, detail)
    files that cannot be opened; `skipped` (path, reason) entries that are not report files; `folder_errors`
    (path, detail) subfolders that cannot be listed (their reports must not be marked missing)."""
    files: list[tuple[str, str, int]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    folder_errors: list[tuple[str, str]] = field(default_factory=list)


SKIP_REASONS = {
    "hidden": "name starts with a dot",
    "dangling_link": "symbolic link to nothing",
    "special_file": "FIFO, device or socket",
    "symlinked_folder": "symbolic link to a folder (not followed)",
    "not_pdf_name": "not a *.pdf name (all_files is off)",
}


def _oserror(e: OSError) -> str:
    return f"{e.strerror or type(e).__name__} ({type(e).__name__})"


def scan_folder(folder: str, all_files: bool = False) -> Scan:
    """Every entry under `folder`, sorted by path: report files hashed, the rest skipped with a reason
    (SKIP_REASONS), files and subfolders that cannot be read reported as such. Never raises for an entry."""
    from extract.pdf import sha256_of

    scan = Scan()

    def folder_error(e: OSError) -> None:
        scan.folder_errors.append((os.fsdecode(e.filename) if e.filename is not None else folder, _oserror(e)))

    for root, dirs, names in os.walk(folder, onerror=folder_error):
        keep = []
        for d in sorted(dirs):
            path = os.path.join(root, d)
            if d.startswith("."):
                scan.skipped.append((path, "hidden"))
            elif os.path.islink(path):
                scan.skipped.append((path, "symlinked_folder"))
            else:
                keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except FileNotFoundError:
                scan.skipped.append((path, "dangling_link" if os.path.islink(path) else "special_file"))
                continue
            except OSError as e:
                scan.unreadable.append((path, _oserror(e)))
                continue
            if name.startswith("."):
                scan.skipped.append((path, "hidden"))
            elif not stat.S_ISREG(st.st_mode):
                scan.skipped.append((path, "special_file"))
            elif not (all_files or name.lower().endswith(".pdf")):
                scan.skipped.append((path, "not_pdf_name"))
            else:
                try:
                    scan.files.append((path, sha256_of(path), st.st_size))
                except OSError as e:
                    scan.unreadable.append((path, _oserror(e)))
    scan.files.sort()
    return scan


def read_isolated(items: list[tuple[str, str]], work: Work, limits: Limits) -> Iterator[FileOutcome]:
    """The default `read`: load the models once here (forked readers share them), then run_isolated."""
    if isinstance(work, Reader):
        preload(work.settings)
    yield from run_isolated(items, work, limits)


class _Loader:
    """Loads outcomes into the working copy in path order, LOAD_BATCH documents per transaction."""

    def __init__(self, conn, run_id: str, todo, settings: Settings, summary: RunSummary):
        self.conn, self.run_id, self.settings, self.summary = conn, run_id, settings, summary
        self.sizes = {p: size for p, _, size in todo}  # by the file system's path
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

        reason, path = str(o.reason), stored_path(o.path)
        quarantine_file(self.conn, self.run_id, path, o.sha256, reason, o.detail, o.seconds)
        self.summary.quarantined.append((path, reason, o.detail))

    def flush(self) -> None:
        """Load the documents of the batch (several per transaction) and empty it; one that cannot be
        stored is recorded as failed."""
        from warehouse.load import LoadItem, load_documents, record_file

        batch, s = self.batch, self.summary
        if not batch:
            return
        items = [LoadItem(replace(o.doc, path=stored_path(o.doc.path)), o.ann, self.sizes[o.path], o.seconds)
                 for o in batch]
        for outcome, change in zip(batch, load_documents(self.conn, items, self.run_id, self.settings.warehouse)):
            if isinstance(change, Exception):
                detail = " ".join(f"{type(change).__name__}: {change}".split())[:200]
                path = stored_path(outcome.path)
                record_file(self.conn, self.run_id, path, str(Status.FAILED), sha256=outcome.sha256,
                            reason="load_failed", detail=detail)
                s.failed.append((path, "load_failed", detail))
                continue
            key = {"restored": "changed", "duplicate": "unchanged"}.get(change, change)
            setattr(s, key, getattr(s, key) + 1)
            if outcome.doc.flags:
                s.flagged.append((stored_path(outcome.path), ",".join(outcome.doc.flags)))
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


# The settings a quarantine reason depends on: when one of them changed since the file was quarantined,
# the file is read again (warehouse.runs.plan_files compares them with the quarantining run's settings).
RETRY_WHEN_CHANGED = {
    "timeout": ("timeout_s",),
    "too_large": ("memory_budget_mb", "extract.max_file_mb"),
    "crashed": ("memory_budget_mb", "timeout_s"),
    "too_many_pages": ("extract.max_pages",),
}


def quarantine_limits(settings: Settings) -> dict[str, dict[str, object]]:
    values = settings.as_dict()
    return {reason: {name: values[name] for name in names} for reason, names in RETRY_WHEN_CHANGED.items()}


def missing_guard(conn, folder: str, scan: Scan, seen: list[str], settings: Settings) -> tuple[list[str], bool]:
    """(problems, refuse): a folder that looks unmounted or half readable must not turn reports into
    `missing`: it is empty, a subfolder cannot be read, or more than `missing_share_max` of the known
    reports vanished at once. Refuse (needs attention, nothing marked missing) unless `allow_missing`."""
    from warehouse.runs import vanished

    known, gone = vanished(conn, seen, folder)
    problems = []
    if not scan.files and not scan.unreadable:
        problems.append("the folder has no report files (is it mounted?)")
    for path, detail in scan.folder_errors:
        problems.append(f"cannot read folder {display_name(path, whole=True)}: {detail}")
    share = settings.run.missing_share_max
    if known and len(gone) / known > share:
        problems.append(f"{len(gone)} of {known} known reports vanished at once (more than {share:.0%})")
    return problems, bool(problems and gone and not settings.run.allow_missing)


def ingest_folder(folder: str, writer, settings: Settings, read: Read = read_isolated,
                  logger: logging.Logger | None = None,
                  extras: Callable[[object, Settings], tuple] = archive_extras) -> RunSummary:
    """Ingest every report file under `folder` into the open working copy of `writer`
    (warehouse.publish.Writer); returns the run's summary. `read(items, work, limits)` reads the
    files (run_isolated by default; the Prefect flow passes a Dask one, tests their own).
    Progress goes to a live bar on a terminal, to `logger` otherwise. Paths are stored and shown through
    flows.pipeline.names (bytes that are not UTF-8 escaped); the files are read by their real names."""
    from warehouse.load import finish_run, mark_missing, quarantine_file, record_files, start_run
    from warehouse.meta import clear_derived_stale, derived_stale, mark_derived_stale
    from warehouse.runs import FileRecord, plan_files, reactivate

    started = time.monotonic()
    logger = logger or logging.getLogger("verslagen.ingest")
    folder = os.path.abspath(folder)
    scan = scan_folder(folder, settings.run.all_files)
    real = {stored_path(p): p for p, _, _ in scan.files}  # stored path -> the name to open
    files = [(stored_path(p), sha, size) for p, sha, size in scan.files]
    conn = writer.conn
    run_id = start_run(conn, stored_path(folder), settings.as_dict())
    summary = RunSummary(run_id=run_id, folder=stored_path(folder), warehouse=settings.warehouse.path,
                         files=len(files) + len(scan.unreadable),
                         skipped=[(stored_path(p), r) for p, r in scan.skipped])
    stale = derived_stale(conn)  # a run killed before its topics and clusters were rebuilt
    mark_derived_stale(conn)  # until the extras are rebuilt: a kill from here on leaves them marked stale
    plan = plan_files(conn, files, quarantine_limits(settings), settings.run.retry_quarantined)
    record_files(conn, run_id, plan.known + [FileRecord(p, "skipped", reason=r, detail=SKIP_REASONS[r])
                                             for p, r in summary.skipped])
    reactivate(conn, run_id, plan.returned)
    summary.unchanged += len(plan.known) + len(plan.returned)
    summary.returned = len(plan.returned)
    for path, sha, reason, detail in plan.quarantined:  # still quarantined, unchanged: keep the reason, refresh last_seen
        quarantine_file(conn, run_id, path, sha, reason, detail)
        summary.quarantined.append((path, reason, detail or ""))
    for path, detail in scan.unreadable:
        quarantine_file(conn, run_id, stored_path(path), None, "unreadable", detail)
        summary.quarantined.append((stored_path(path), "unreadable", detail))
    logger.info("%d files: %d to process, %d unchanged, %d skipped", summary.files, len(plan.todo),
                summary.unchanged, len(scan.skipped))
    loader = _Loader(conn, run_id, [(real[p], s, size) for p, s, size in plan.todo], settings, summary)
    items = [(real[p], s) for p, s, _ in plan.todo]
    progress = Progress(len(items), logger)
    try:
        if items:  # a nightly run with nothing new loads no models
            for outcome in read(items, Reader(settings), Limits.of(settings.run)):
                progress.advance(outcome)
                loader.add(outcome)
        loader.flush()
    finally:
        progress.close()
    seen = [p for p, _, _ in files] + [stored_path(p) for p, _ in scan.unreadable]
    summary.warnings, refuse = missing_guard(conn, folder, scan, seen, settings)
    if refuse:
        summary.refused = ("; ".join(summary.warnings) + ": nothing was marked missing "
                           "(run again with --allow-missing if the reports really are gone)")
        logger.warning("%s", summary.refused)
    else:
        summary.missing = len(mark_missing(conn, run_id, seen, stored_path(folder)))
    if summary.changed_anything or stale:
        summary.late = list(extras(conn, settings))  # load_archive_extras clears the marker as it rebuilds them
    else:
        clear_derived_stale(conn)
    finish_run(conn, run_id, "needs_attention" if summary.needs_attention else "finished", settings.warehouse,
               rebuild_index=False)  # publishing rebuilds it, when sentences changed
    summary.duration_s = round(time.monotonic() - started, 2)
    return summary
