"""Prefect flow `ingest`: folder of report PDFs -> the published DuckDB warehouse.

Steps: scan and hash (unchanged content is skipped without parsing) -> sandboxed extract + annotate
in parallel -> load each result into the working copy (one transaction per document) -> missing
files -> archive-wide topics, series, commitment threads and concern groups -> run row -> atomic publish -> artifact.
Tasks are thin calls into the stage packages. Results are loaded in path order whatever order the
children finish in, so a run on Dask loads exactly what a serial run loads.
A run with quarantined or failed files ends Failed(name="NeedsAttention"): the Prefect UI colours
runs by state TYPE, so a Completed state with another name would still look green.
"""
from __future__ import annotations

import os
import time
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed

from flows import sandbox
from flows.progress import Progress
from extract.pdf import sha256_of
from flows.settings import Settings, to_settings


@task(name="scan-folder", cache_policy=NO_CACHE)
def scan_folder(folder: str, all_files: bool = False) -> list[tuple[str, str, int]]:
    """(absolute path, sha256, size) of every report file under `folder`, sorted by path."""
    out = []
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(root, name)
            if (all_files or name.lower().endswith(".pdf")) and os.path.isfile(path) and not name.startswith("."):
                out.append((path, sha256_of(path), os.path.getsize(path)))
    return sorted(out)


@task(name="open-warehouse", cache_policy=NO_CACHE)
def open_writer(settings: Settings):
    from warehouse.publish import Writer

    writer = Writer(settings.warehouse.path, settings=settings.warehouse)
    writer.open()
    return writer


DASK_FILES_PER_TASK = 8  # a Prefect task on a Dask worker costs about what reading a small report costs


@task(name="process-files", cache_policy=NO_CACHE)
def process_files(items: list[tuple[str, str]], settings: Settings) -> list[sandbox.Outcome]:
    """Consecutive files in one sandboxed reader on a Dask worker (the models load once per worker)."""
    sandbox.preload(settings)
    return list(sandbox.run_many(items, settings, workers=1))


@task(name="archive-topics-and-clusters", cache_policy=NO_CACHE)
def archive_extras(conn, series_overrides: str = "") -> tuple:
    """Topics, series, commitment threads and concern groups; returns the promises that became late."""
    from models.topics import discover_topics
    from warehouse.load import load_archive_extras, texts_by_year
    from warehouse.series_store import rebuild_series

    rebuilt = rebuild_series(conn, series_overrides or None)
    load_archive_extras(conn, discover_topics(texts_by_year(conn)), rebuilt.clusters)
    return rebuilt.newly_late


@task(name="publish-warehouse", cache_policy=NO_CACHE)
def publish(writer, rebuild_index: bool = True) -> None:
    writer.publish(rebuild_index)


def _known(conn) -> tuple[dict[str, str], dict[str, str], set[tuple[str, str]]]:
    """(active path -> sha, active sha -> path, quarantined (path, sha)) in the working copy."""
    active = conn.execute("SELECT path, doc_id FROM documents WHERE status = 'active'").fetchall()
    quarantined = conn.execute("SELECT path, sha256 FROM quarantine").fetchall()
    return dict(active), {d: p for p, d in active}, set(quarantined)


def _skip_unchanged(conn, run_id, files, summary) -> list[tuple[str, str, int]]:
    """Record files whose content is already in the warehouse; return the ones to process."""
    from warehouse.load import quarantine_file, record_files

    by_path, by_sha, quarantined = _known(conn)
    todo, known = [], []
    for path, sha, size in files:
        if by_path.get(path) == sha:
            known.append(dict(path=path, outcome="loaded", change="unchanged", sha256=sha, doc_id=sha))
        elif sha in by_sha and by_sha[sha] != path and os.path.exists(by_sha[sha]):
            known.append(dict(path=path, outcome="loaded", change="duplicate", sha256=sha, doc_id=sha,
                              detail=f"same content as {by_sha[sha]}"))
        elif (path, sha) not in quarantined:
            todo.append((path, sha, size))
    record_files(conn, run_id, known)
    summary["unchanged"] += len(known)
    for path, sha, size in files:  # still quarantined, unchanged: keep the reason, refresh last_seen
        if (path, sha) in quarantined:
            reason, detail = conn.execute("SELECT reason, detail FROM quarantine WHERE path = ?", [path]).fetchone()
            quarantine_file(conn, run_id, path, sha, reason, detail)
            summary["quarantined"].append((path, reason, detail or ""))
    return todo


def _outcomes(todo, settings: Settings, distributed: bool):
    items = [(p, s) for p, s, _ in todo]
    if not items:  # a nightly run with nothing new loads no models
        return
    if distributed:  # chunks of consecutive files: the outcomes still arrive in path order
        n = DASK_FILES_PER_TASK
        futures = [process_files.submit(items[i:i + n], settings) for i in range(0, len(items), n)]
        for fut in futures:
            yield from fut.result()
        return
    sandbox.preload(settings)
    yield from sandbox.run_many(items, settings)


LOAD_BATCH = 8  # documents per load transaction (one insert per table for all of them) ...
LOAD_BATCH_PAGES = 100  # ... or fewer, when they have this many pages (a batch waits in memory)


def _quarantine(conn, run_id, outcome, summary) -> None:
    from warehouse.load import quarantine_file

    quarantine_file(conn, run_id, outcome.path, outcome.sha256, outcome.reason, outcome.detail, outcome.seconds)
    summary["quarantined"].append((outcome.path, outcome.reason, outcome.detail))


def _load(conn, run_id, batch: list, sizes: dict, settings: Settings, summary) -> None:
    """Load the documents of `batch` (several per transaction) and empty it; one that cannot be stored
    is recorded as failed."""
    from warehouse.load import LoadItem, load_documents, record_file

    if not batch:
        return
    items = [LoadItem(o.doc, o.ann, sizes[o.path], o.seconds) for o in batch]
    for outcome, change in zip(batch, load_documents(conn, items, run_id, settings.warehouse)):
        if isinstance(change, Exception):
            detail = " ".join(f"{type(change).__name__}: {change}".split())[:200]
            record_file(conn, run_id, outcome.path, "failed", sha256=outcome.sha256, reason="load_failed",
                        detail=detail)
            summary["failed"].append((outcome.path, "load_failed", detail))
            continue
        key = {"restored": "changed", "duplicate": "unchanged"}.get(change, change)
        summary[key] += 1
        if outcome.doc.flags:
            summary["flagged"].append((outcome.path, ",".join(outcome.doc.flags)))
    batch.clear()


def _markdown(summary: dict) -> str:
    rows = [("new", summary["new"]), ("changed", summary["changed"]), ("unchanged", summary["unchanged"]),
            ("missing", summary["missing"]), ("quarantined", len(summary["quarantined"])),
            ("failed", len(summary["failed"])), ("duration (s)", summary["duration_s"])]
    lines = ["# Ingestion run " + summary["run_id"], "", "| | files |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    bad = summary["quarantined"] + summary["failed"]
    if bad:
        lines += ["", "| quarantined file | reason | detail |", "|---|---|---|"]
        lines += [f"| {os.path.basename(p)} | {r} | {d.replace('|', '/')} |" for p, r, d in bad]
    return "\n".join(lines) + "\n"


@flow(name="ingest", log_prints=True)
def ingest(folder: str, warehouse: str | None = None, settings: Any = None, distributed: bool = False):
    """Ingest every report PDF under `folder` into `warehouse`; returns a summary dict in the final state."""
    from warehouse.load import finish_run, mark_missing, start_run

    started = time.monotonic()
    settings = to_settings(settings)
    folder = os.path.abspath(folder)
    if warehouse:
        from dataclasses import replace
        settings = replace(settings, warehouse=replace(settings.warehouse, path=warehouse))
    logger = get_run_logger()
    if not os.path.isdir(folder):
        return Failed(message=f"folder not found: {folder}")
    files = scan_folder(folder, settings.run.all_files)
    delays = [2 ** i for i in range(settings.run.retries)]
    writer = open_writer.with_options(retries=settings.run.retries, retry_delay_seconds=delays)(settings)
    try:
        conn = writer.conn
        run_id = start_run(conn, folder, settings.as_dict())
        summary: dict[str, Any] = dict(run_id=run_id, folder=folder, warehouse=settings.warehouse.path, files=len(files),
                                       new=0, changed=0, unchanged=0, missing=0, pages=0,
                                       quarantined=[], failed=[], flagged=[])
        todo = _skip_unchanged(conn, run_id, files, summary)
        logger.info("%d files: %d to process, %d unchanged", len(files), len(todo), summary["unchanged"])
        sizes = {p: size for p, _, size in todo}
        order = [p for p, _, _ in todo]
        pending: dict[str, sandbox.Outcome] = {}
        batch: list[sandbox.Outcome] = []
        progress = Progress(len(todo), logger)
        try:
            for outcome in _outcomes(todo, settings, distributed):
                progress.advance(outcome)
                pending[outcome.path] = outcome
                while order and order[0] in pending:  # load in path order: identical on any runner
                    o = pending.pop(order.pop(0))
                    summary["pages"] += o.pages
                    if o.status == "quarantined":
                        _load(conn, run_id, batch, sizes, settings, summary)
                        _quarantine(conn, run_id, o, summary)
                        continue
                    batch.append(o)
                    if len(batch) >= LOAD_BATCH or sum(b.pages for b in batch) >= LOAD_BATCH_PAGES:
                        _load(conn, run_id, batch, sizes, settings, summary)
            _load(conn, run_id, batch, sizes, settings, summary)
        finally:
            progress.close()
        summary["missing"] = len(mark_missing(conn, run_id, [p for p, _, _ in files], folder))
        changed = bool(summary["new"] or summary["changed"] or summary["missing"])
        late = archive_extras(conn, settings.warehouse.series_overrides) if changed else ()
        attention = bool(summary["quarantined"] or summary["failed"])
        finish_run(conn, run_id, "needs_attention" if attention else "finished", settings.warehouse,
                   rebuild_index=False)  # publish rebuilds it, when sentences changed
        publish.with_options(retries=settings.run.retries, retry_delay_seconds=delays)(writer, changed)
        writer.close(discard_working_copy=True)
    except BaseException:
        writer.close()
        raise
    summary["duration_s"] = round(time.monotonic() - started, 2)
    create_markdown_artifact(markdown=_markdown(summary), key="ingestion-summary",
                             description=f"ingestion run {run_id}")
    if late:
        from warehouse.series_store import late_markdown

        create_markdown_artifact(markdown=late_markdown(late), key="promises-late",
                                 description=f"promises that became overdue or forgotten in run {run_id}")
    if attention:
        n = len(summary["quarantined"]) + len(summary["failed"])
        return Failed(name="NeedsAttention", message=f"{n} file(s) quarantined or failed; see the artifact",
                      data=summary)
    return Completed(message="all files loaded", data=summary)


def summary_of(state) -> dict | None:
    """The summary dict of a finished `ingest` state (None if the flow crashed before making one)."""
    try:
        data = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001
        return None
    return data if isinstance(data, dict) else None
