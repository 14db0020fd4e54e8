"""Prefect flow `ingest`: a thin shell around flows.pipeline.ingest.ingest_folder.

What Prefect adds: retries (with backoff) of the warehouse steps that fail transiently (opening the
writer, publishing), the per-file reading on Dask (`distributed=True`: consecutive files per task),
the run's markdown artifact and its final state. A run with quarantined or failed files ends
Failed(name="NeedsAttention"): the Prefect UI colours runs by state TYPE, so a Completed state with
another name would still look green.
"""
from __future__ import annotations

import os
import time
from dataclasses import replace
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.states import Completed, Failed

from flows.pipeline.ingest import ingest_folder, read_isolated
from flows.pipeline.isolate import Limits, Work
from flows.pipeline.names import display_name
from flows.pipeline.outcomes import FileOutcome, RunSummary
from flows.pipeline.settings import Settings, to_settings


class NeedsAttention(Exception):
    """The result of a run that ended Failed(name="NeedsAttention"): Prefect resolves a failed state's
    result into an exception, so the summary travels in one (a dict there makes Prefect raise
    TypeError 'Unexpected result for failed state' wherever the result is read)."""

    def __init__(self, message: str, summary: dict):
        super().__init__(message, summary)
        self.summary = summary

    def __str__(self) -> str:
        return self.args[0]


DASK_FILES_PER_TASK = 8  # a Prefect task on a Dask worker costs about what reading a small report costs


@task(name="open-warehouse", cache_policy=NO_CACHE)
def open_writer(settings: Settings):
    from warehouse.publish import Writer

    writer = Writer(settings.warehouse.path, settings=settings.warehouse)
    writer.open()
    return writer


@task(name="process-files", cache_policy=NO_CACHE)
def process_files(items: list[tuple[str, str]], work: Work, limits: Limits) -> list[FileOutcome]:
    """Consecutive files in one sandboxed reader on a Dask worker (the models load once per worker)."""
    return list(read_isolated(items, work, replace(limits, workers=1)))


def read_on_dask(items: list[tuple[str, str]], work: Work, limits: Limits):
    """`read` for ingest_folder: chunks of consecutive files as Prefect tasks (the outcomes still
    arrive in path order)."""
    n = DASK_FILES_PER_TASK
    futures = [process_files.submit(items[i:i + n], work, limits) for i in range(0, len(items), n)]
    for fut in futures:
        yield from fut.result()


def dask_runner(address: str | None = None, local: bool = False):
    """A DaskTaskRunner for the scheduler at `address`, or a local two-worker cluster; None for neither."""
    if not (address or local):
        return None
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True})


@task(name="publish-warehouse", cache_policy=NO_CACHE)
def publish(writer, rebuild_index: bool = True) -> None:
    writer.publish(rebuild_index)


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("`", "'").replace("<", "&lt;")


def _markdown(summary: RunSummary) -> str:
    rows = [("new", summary.new), ("changed", summary.changed), ("unchanged", summary.unchanged),
            ("missing", summary.missing), ("quarantined", len(summary.quarantined)),
            ("failed", len(summary.failed)), ("duration (s)", summary.duration_s)]
    lines = ["# Ingestion run " + summary.run_id, "", "| | files |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in rows]
    bad = summary.quarantined + summary.failed
    if bad:
        lines += ["", "| quarantined file | reason | detail |", "|---|---|---|"]
        lines += [f"| {_cell(display_name(p))} | {r} | {_cell(display_name(d, whole=True))} |" for p, r, d in bad]
    if summary.skipped:
        lines += ["", "skipped (not report files): " + ", ".join(f"{r} {n}" for r, n in summary.skipped_counts().items())]
    if summary.refused:
        lines += ["", "**Refused:** " + _cell(summary.refused)]
    return "\n".join(lines) + "\n"


def _transient(task, task_run, state) -> bool:
    """Retry a warehouse step only when waiting can help (not a read-only folder or a file that is no warehouse)."""
    from flows.pipeline.errors import is_permanent

    return not is_permanent(getattr(state, "data", None))


@flow(name="ingest", log_prints=True)
def ingest(folder: str, warehouse: str | None = None, settings: Any = None, distributed: bool = False):
    """Ingest every report PDF under `folder` into `warehouse`; returns a summary dict in the final state."""
    started = time.monotonic()
    settings = to_settings(settings)
    folder = os.path.abspath(folder)
    if warehouse:
        settings = replace(settings, warehouse=replace(settings.warehouse, path=warehouse))
    if not os.path.isdir(folder):
        return Failed(message=f"folder not found: {folder}")
    delays = [2 ** i for i in range(settings.run.retries)]
    writer = open_writer.with_options(retries=settings.run.retries, retry_delay_seconds=delays,
                                      retry_condition_fn=_transient)(settings)
    try:
        summary = ingest_folder(folder, writer, settings, read=read_on_dask if distributed else read_isolated,
                                logger=get_run_logger())
        publish.with_options(retries=settings.run.retries, retry_delay_seconds=delays,
                             retry_condition_fn=_transient)(writer, summary.changed_anything)
        writer.close(discard_working_copy=True)
    except BaseException:
        writer.close()
        raise
    summary.duration_s = round(time.monotonic() - started, 2)
    create_markdown_artifact(markdown=_markdown(summary), key="ingestion-summary",
                             description=f"ingestion run {summary.run_id}")
    if summary.late:
        from warehouse.series_store import late_markdown

        create_markdown_artifact(markdown=late_markdown(tuple(summary.late)), key="promises-late",
                                 description=f"promises that became overdue or forgotten in run {summary.run_id}")
    if summary.needs_attention:
        n = len(summary.quarantined) + len(summary.failed)
        message = f"{n} file(s) quarantined or failed; see the artifact"
        if summary.refused:
            message = f"{summary.refused}; {message}" if n else summary.refused
        return Failed(name="NeedsAttention", message=message, data=NeedsAttention(message, summary.as_dict()))
    return Completed(message="all files loaded", data=summary.as_dict())


def summary_of(state) -> RunSummary | None:
    """The summary of a finished `ingest` state (None if the flow crashed before making one)."""
    try:
        data = state.result(raise_on_failure=False)
    except Exception:  # noqa: BLE001
        return None
    if isinstance(data, NeedsAttention):
        data = data.summary
    return RunSummary.from_dict(data) if isinstance(data, dict) else None
