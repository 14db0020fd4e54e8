"""A temporary Prefect API server for one CLI run, started before the models load."""
from __future__ import annotations

import os
import signal
import time

PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int):
    """preexec_fn of the server: the kernel sends it SIGTERM when this CLI dies, even by SIGKILL (the
    signal follows the thread that started it: start the server from the main thread)."""
    def set_signal() -> None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the CLI died before the signal was armed
            os._exit(1)
    return set_signal


class TemporaryApi:
    """A temporary Prefect API server for one CLI run, started early.

    Without PREFECT_API_URL the first flow call starts a temporary server itself and waits seconds
    for it, after importing Prefect's whole server package (about 2.5 s of CPU) into this process.
    This starts the same server command (as Prefect's ephemeral mode does) before this process has
    even imported Prefect (1.5-2 s) and before the models load, so the server boots on the other core
    meanwhile; `settings()` points the flow at it and `stop()` ends it. The server reads the same
    environment and profile as this process would. It runs in its own session, so a Ctrl-C at the
    terminal reaches only this process, which then still reports to the server before ending it; a
    parent-death signal and a kill of its process group at exit leave no server behind a killed CLI.
    `scheduler=True` (for `serve`) runs the server's background services too (an ephemeral server
    has no scheduler: a served schedule would never fire).
    """

    def __init__(self, scheduler: bool = False) -> None:
        import importlib.util
        import socket
        import subprocess
        import sys

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/api"
        app_dir = os.path.dirname(importlib.util.find_spec("prefect").submodule_search_locations[0])
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_FINAL": "1"}
        if not scheduler:
            env["PREFECT__SERVER_EPHEMERAL"] = "1"
        if "prefect.settings" in sys.modules:  # settings changed in this process (tests) go along
            from prefect.settings import get_current_settings

            env.update(get_current_settings().to_environment_variables(exclude_unset=True))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", app_dir, "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(self.port),
             "--log-level", "error", "--lifespan", "on"], env=env,
            start_new_session=True, preexec_fn=_die_with_parent(os.getpid()))
        import atexit

        atexit.register(self._kill_group)

    def ready(self) -> bool:
        """Wait until the server answers (False if it died or did not answer in time)."""
        import urllib.request

        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS

        deadline = time.monotonic() + PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        return True
            except OSError:
                pass
            time.sleep(0.1)
        return False

    def settings(self):
        """Point Prefect at this server; no "View at http://..." links (this server has no UI and is
        gone when the command ends)."""
        from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

        return temporary_settings(updates={PREFECT_API_URL: self.url, PREFECT_UI_URL: ""})

    def stop(self) -> None:
        """Send the logs and events still queued, then end the server."""
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        for worker in (APILogWorker, EventsWorker):
            try:
                worker.drain_all(timeout=10)
            except Exception:  # noqa: BLE001 - losing the last log lines must not fail the run
                pass
        self._kill_group()

    def _kill_group(self) -> None:
        """End the server and anything it started (its own process group); once (at stop or at exit)."""
        if getattr(self, "_ended", False):
            return
        self._ended = True
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 30)):
            if self.process.poll() is not None:
                break
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(timeout=wait)
            except Exception:  # noqa: BLE001 - subprocess.TimeoutExpired: it does not stop, so end it
                continue
        try:  # children left in the group after the server itself ended
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def start_api_early() -> TemporaryApi | None:
    """A TemporaryApi when no PREFECT_API_URL is set (else the flow reports to that server).

    When Prefect is not imported yet and the environment names no API, the server starts first and
    the check runs afterwards (a profile may still name one: then the early server is stopped)."""
    import sys

    early = "prefect" not in sys.modules and not os.environ.get("PREFECT_API_URL")
    api = TemporaryApi() if early else None
    from prefect.settings import PREFECT_API_URL

    if PREFECT_API_URL.value():
        if api is not None:
            api.stop()
        return None
    return api or TemporaryApi()
