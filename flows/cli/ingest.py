"""`verslagen ingest DIR`: run the Prefect flow `ingest` once and print a summary.

Exit 0 when every file loaded, 1 when something needs attention (quarantined or failed files,
a busy warehouse), 2 for a usage error (bad setting), 130 after Ctrl-C (SIGINT) and 143 after
SIGTERM (the readers are stopped and nothing is published).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time


def add_parsers(sub) -> None:
    from flows.cli import add_warehouse_arg
    from flows.pipeline.settings import settings_help_text

    p = sub.add_parser(
        "ingest", help="Ingest a folder of report PDFs into the warehouse (Prefect flow; skips unchanged files)",
        description="Scan DIR recursively for *.pdf/*.PDF, skip files whose content is already loaded, extract and "
                    "tag the rest in sandboxed processes, load them and publish the warehouse atomically. "
                    "Exit 0 when all files loaded, 1 when something needs attention.",
        epilog="settings (set with --set NAME=VALUE, a --config TOML file or the environment variable):\n"
               + settings_help_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", metavar="DIR", help="folder with the report PDFs (searched recursively)")
    add_warehouse_arg(p)
    p.set_defaults(warehouse=None)
    p.add_argument("--workers", type=int, default=None, metavar="N", help="files processed in parallel (default: 2)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS", help="wall-clock limit per file (default: 120)")
    p.add_argument("--all-files", action="store_true", default=None, help="ingest every file, not only *.pdf names")
    p.add_argument("--allow-missing", action="store_true", default=None,
                   help="mark vanished reports missing even when the folder looks unmounted (empty, unreadable "
                        "subfolder, more than missing_share_max vanished)")
    p.add_argument("--retry-quarantined", action="store_true", default=None,
                   help="read every quarantined file again, even when nothing changed")
    p.add_argument("--config", metavar="FILE.toml", help="settings file (see the settings below)")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="any setting, e.g. extract.max_pages=500")
    dask = p.add_mutually_exclusive_group()
    dask.add_argument("--dask-address", metavar="ADDR", help="run the per-file tasks on this Dask scheduler (tcp://host:8786)")
    dask.add_argument("--dask-local", action="store_true", help="run the per-file tasks on a local Dask cluster")
    p.add_argument("--format", choices=("table", "json"), default="table", help="summary format (default: table)")
    p.set_defaults(run=run)


def settings_from_args(args):
    from flows.pipeline.settings import build_settings

    values = dict(kv.split("=", 1) if "=" in kv else (kv, None) for kv in args.set)
    explicit = {"workers": args.workers, "timeout_s": args.timeout, "all_files": args.all_files,
                "allow_missing": getattr(args, "allow_missing", None),
                "retry_quarantined": getattr(args, "retry_quarantined", None),
                "warehouse.path": args.warehouse, "folder": args.folder}
    values.update({k: v for k, v in explicit.items() if v is not None})
    return build_settings(values, toml_path=args.config)


def print_summary(summary, fmt: str = "table", out=None, command_s: float | None = None,
                  prefect_start_s: float | None = None) -> None:
    """Print a pipeline RunSummary as a table or JSON (file names through names.display_name).
    `command_s`: the whole command's time (the flow's own is summary.duration_s); `prefect_start_s`:
    when the temporary Prefect API answered, counted from the command's start (None with PREFECT_API_URL)."""
    from flows.pipeline.names import display_name

    out = out or sys.stdout
    if fmt == "json":
        data = summary.as_dict()
        if command_s is not None:
            data.update(command_s=round(command_s, 2), prefect_start_s=_round(prefect_start_s))
        json.dump(data, out, ensure_ascii=False, indent=1, default=str)
        out.write("\n")
        return
    s = summary
    if command_s is None:
        timing = f"{s.duration_s} s"
    else:
        parts = [f"flow {s.duration_s:.1f} s"] + ([f"Prefect start {prefect_start_s:.1f} s"]
                                                   if prefect_start_s is not None else [])
        timing = f"{command_s:.1f} s ({', '.join(parts)})"
    out.write(f"run {s.run_id}: {s.files} files in {timing} -> {s.warehouse}\n")
    out.write(f"  new {s.new}, changed {s.changed}, unchanged {s.unchanged}, "
              f"missing {s.missing}, quarantined {len(s.quarantined)}, failed {len(s.failed)}, "
              f"pages read {s.pages}\n")
    if s.skipped:
        counts = ", ".join(f"{reason} {n}" for reason, n in s.skipped_counts().items())
        out.write(f"  skipped {len(s.skipped)} (not report files): {counts}\n")
    for path, flags in s.flagged:
        out.write(f"  flagged      {display_name(path)}: {flags}\n")
    for path, reason, detail in s.quarantined + s.failed:
        out.write(f"  quarantined  {display_name(path)}: {reason} - {display_name(detail, whole=True)}\n")
    for path, reason in s.skipped:
        if reason != "not_pdf_name":
            out.write(f"  skipped      {display_name(path)}: {reason}\n")
    if s.refused:
        out.write(f"  REFUSED      {s.refused}\n")
    else:
        for warning in s.warnings:
            out.write(f"  warning      {warning}\n")


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _published(path: str):
    """What identifies the published warehouse file (None when there is none)."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def run(args) -> int:
    from flows.pipeline.settings import SettingsError

    try:
        settings = settings_from_args(args)
    except SettingsError as e:
        print(f"verslagen ingest: {e}", file=sys.stderr)
        return 2
    if not os.path.isdir(args.folder):
        print(f"verslagen ingest: folder not found: {args.folder}", file=sys.stderr)
        return 2
    from warehouse.checks import check_writer_can_start

    check_writer_can_start(settings.warehouse.path, settings.warehouse.lock_timeout_s)  # one clear line, before any copy or lock
    from flows.cli import STARTED
    from flows.orchestration.run import Interrupted, run_ingest
    from warehouse.publish import WarehouseBusy

    before = _published(settings.warehouse.path)

    def stopped(e: BaseException) -> int:
        """One line for a run that was stopped; its exit code."""
        what = "nothing published" if _published(settings.warehouse.path) == before else "the warehouse was published"
        if isinstance(e, Interrupted):
            print(f"verslagen ingest: interrupted, {what} ({e})", file=sys.stderr)
            return e.exit_code
        print(f"verslagen ingest: {e}; {what}", file=sys.stderr)
        return 1

    try:
        done = run_ingest(args.folder, settings, args.dask_address, args.dask_local, report=stopped)
    except WarehouseBusy as e:
        print(f"verslagen ingest: {e}", file=sys.stderr)
        return 1
    except Interrupted as e:
        return stopped(e)
    state, summary = done.state, done.summary
    if summary is None:
        print(f"verslagen ingest: the run did not finish: {state.name}: {state.message}", file=sys.stderr)
        return 1
    prefect_start = None if done.api_ready_at is None else done.api_ready_at - STARTED
    print_summary(summary, args.format, command_s=time.monotonic() - STARTED, prefect_start_s=prefect_start)
    return 0 if state.is_completed() else 1
