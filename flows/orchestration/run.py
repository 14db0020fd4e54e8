"""One ingestion run from the command line: the Prefect API started early, the flow, its summary;
Ctrl-C (SIGINT) and SIGTERM stop it cleanly."""
from __future__ import annotations

import contextlib
import signal
import threading
import time
from dataclasses import dataclass
from typing import Callable

from flows.pipeline.outcomes import RunSummary
from flows.pipeline.settings import Settings

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(Exception):
    """The run was stopped by SIGINT (Ctrl-C) or SIGTERM. Readers are killed, the writer lock is
    released, the working copy stays (the next run continues from it) and nothing is published unless
    the signal came after publishing."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """130 for SIGINT, 143 for SIGTERM (128 + the signal number, as shells report it)."""
        return 128 + self.signum


class ApiLost(RuntimeError):
    """The temporary Prefect server ended by itself while the run was going on."""


@dataclass(frozen=True)
class CommandRun:
    """What `run_ingest` returns: the final Prefect state, its summary (None when the run did not finish)
    and when the temporary Prefect API answered (time.monotonic(); None with PREFECT_API_URL)."""
    state: object
    summary: RunSummary | None
    api_ready_at: float | None = None


@contextlib.contextmanager
def stop_on_signals():
    """SIGINT and SIGTERM raise KeyboardInterrupt in the main thread, once; signals that follow during
    the cleanup (a second Ctrl-C) are ignored so the cleanup finishes. Installed explicitly: a shell
    starts `verslagen ingest ... &` with SIGINT ignored, and SIGTERM would otherwise end the process
    without any cleanup (readers and the temporary API server left behind). Yields the list of the
    signals received."""
    received: list[int] = []

    def handler(signum, frame):
        if received:
            return
        received.append(signum)
        raise KeyboardInterrupt

    old = {s: signal.signal(s, handler) for s in STOP_SIGNALS}
    try:
        yield received
    finally:
        for s, h in old.items():
            signal.signal(s, h)


def _watch(api) -> dict:
    """Wait for the temporary API in a thread; the dict gets `ready` and `at` (monotonic) when it answered."""
    out: dict = {}

    def wait() -> None:
        out["ready"] = api.ready()
        out["at"] = time.monotonic()

    out["thread"] = threading.Thread(target=wait, name="prefect-api-ready", daemon=True)
    out["thread"].start()
    return out


def _kill_children() -> None:
    """SIGKILL every child process of this one and its process group (readers lead their own)."""
    import os

    me = str(os.getpid())
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = fh.read().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        if ppid == me:
            for kill in (os.killpg, os.kill):
                try:
                    kill(int(entry), signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass


def _guard(api, done: threading.Event, report: Callable[[BaseException], int]) -> None:
    """If the temporary API server ends under the running command (a service manager that sends SIGTERM
    to the whole control group, an out-of-memory kill), Prefect would retry its calls to it for more than
    a minute: give the main thread's cleanup a second, then kill the readers, report and exit."""
    import os
    import sys

    while not done.wait(0.2):
        code = api.process.poll()
        if code is None:
            continue
        if done.wait(1.0):
            return
        _kill_children()
        if code <= 0:  # uvicorn: -15 after SIGTERM, 0 after SIGINT
            exc: BaseException = Interrupted(-code if code < 0 else signal.SIGINT)
        else:
            exc = ApiLost(f"the temporary Prefect server ended during the run (exit code {code})")
        exit_code = report(exc)
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(exit_code)


def run_ingest(folder: str, settings: Settings, dask_address: str | None = None, dask_local: bool = False,
               report: Callable[[BaseException], int] | None = None) -> CommandRun:
    """Run the `ingest` flow once. Without PREFECT_API_URL a temporary API server starts first, so it
    boots while this process imports Prefect and the models. Raises warehouse.publish.WarehouseBusy
    when another run holds the warehouse, Interrupted on SIGINT/SIGTERM (after killing the readers and
    stopping the temporary server). When the temporary server itself ends during the run, `report(exc)`
    (Interrupted or ApiLost; it prints and returns the exit code) is called and the process exits."""
    done = threading.Event()
    with stop_on_signals() as received:
        api = None
        try:
            from flows.orchestration.prefect_api import start_api_early

            api = start_api_early()
            watch = _watch(api) if api is not None else None
            if api is not None and report is not None:
                threading.Thread(target=_guard, args=(api, done, report), name="prefect-api-guard", daemon=True).start()
            from flows.orchestration.flow import dask_runner, ingest, summary_of

            runner = dask_runner(dask_address, dask_local)
            if runner is None and api is not None:
                from flows.pipeline.report import preload

                preload(settings)  # models load while the API server boots (else: when there is work)
            flow = ingest.with_options(task_runner=runner) if runner else ingest
            if watch is not None:
                watch["thread"].join()
            ready = watch is not None and watch.get("ready")
            with (api.settings() if ready else contextlib.nullcontext()):
                state = flow(folder, settings.warehouse.path, settings, distributed=runner is not None,
                             return_state=True)
            return CommandRun(state, summary_of(state), watch.get("at") if ready else None)
        except BaseException as e:
            signum = _stop_signal(e, received)
            if signum is None:
                raise
            received.append(signum)  # from here on further signals are ignored: the cleanup runs to its end
            raise Interrupted(signum) from None
        finally:
            done.set()
            if api is not None:
                api.stop()


def _stop_signal(exc: BaseException, received: list[int]) -> int | None:
    """The signal that `exc` stands for: our KeyboardInterrupt, or Prefect's TerminationSignal (the flow
    engine turns SIGTERM into it while a flow runs); None for any other exception."""
    if isinstance(exc, KeyboardInterrupt):
        return received[0] if received else signal.SIGINT
    if type(exc).__name__ == "TerminationSignal":
        return getattr(exc, "signal", signal.SIGTERM)
    return None
