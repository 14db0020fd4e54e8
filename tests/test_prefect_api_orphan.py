"""No orphan: SIGKILL of `verslagen ingest` takes its temporary Prefect API server with it (real processes)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _api_server(cli: int) -> int | None:
    for pid in _children(cli):
        try:
            if b"uvicorn" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except OSError:
            pass
    return None


def test_sigkill_of_the_cli_during_an_ingest_leaves_no_api_server(tmp_path):
    folder = tmp_path / "verslagen"
    folder.mkdir()
    for name in ("two_columns", "hyphenation", "headings_footnote", "picture_box"):
        shutil.copy(ROOT / "tests" / "pdfs" / f"{name}.pdf", folder / f"{name}.pdf")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_HOME=str(tmp_path / "prefect"), DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    cli = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", str(folder), "--warehouse",
                            str(tmp_path / "w.duckdb")], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, start_new_session=True)
    server = None
    try:
        deadline = time.monotonic() + 60
        while server is None and time.monotonic() < deadline and cli.poll() is None:
            server = _api_server(cli.pid)
            time.sleep(0.05)
        assert server is not None, "the ingest started no temporary API server"
        time.sleep(1.0)  # mid-ingest: the server is booting or serving, the models load
        assert cli.poll() is None and _alive(server)
        os.kill(cli.pid, signal.SIGKILL)
        cli.wait(timeout=10)
        gone_by = time.monotonic() + 5
        while _alive(server) and time.monotonic() < gone_by:
            time.sleep(0.05)
        assert not _alive(server), "the temporary Prefect API server outlived the killed CLI"
    finally:
        for pid in [p for p in (server,) if p is not None]:
            try:
                os.killpg(pid, signal.SIGKILL)  # the server leads its own group
            except (ProcessLookupError, PermissionError):
                pass
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        try:
            os.killpg(cli.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        cli.wait(timeout=30)
