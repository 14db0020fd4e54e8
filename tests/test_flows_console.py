"""What an operator meets at the console, for real: `verslagen ingest` and `serve` in subprocesses WITHOUT
PREFECT_API_URL (each starts its temporary Prefect server), stopped by Ctrl-C / SIGTERM.

Every process a test starts (the CLI, its readers, its temporary API server) is recorded while it runs and
killed with SIGKILL at teardown, whatever happened.
"""
from __future__ import annotations

import asyncio
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "tests" / "pdfs"
VERSLAGEN = [sys.executable, "-m", "flows.cli"]

pytestmark = pytest.mark.slow


@pytest.fixture
def env(tmp_path):
    """No PREFECT_API_URL: the commands start their temporary Prefect server (in a PREFECT_HOME of their own)."""
    env = dict(os.environ, PREFECT_HOME=str(tmp_path / "prefect_home"), DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="INFO",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="90", PYTHONPATH=str(ROOT))
    for key in ("PREFECT_API_URL", "PREFECT_UI_URL", "VERSLAGEN_WORKERS"):
        env.pop(key, None)
    return env


def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(entry))
    return kids


def descendants(pid: int) -> set[int]:
    kids, out, todo = _children(), set(), [pid]
    while todo:
        for child in kids.get(todo.pop(), []):
            if child not in out:
                out.add(child)
                todo.append(child)
    return out


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


class Processes:
    """The CLI started in its own session and every descendant seen; `kill_all()` ends them for sure."""

    def __init__(self):
        self.procs: list[subprocess.Popen] = []
        self.seen: set[int] = set()

    def start(self, args, env, **kw) -> subprocess.Popen:
        proc = subprocess.Popen(VERSLAGEN + args, env=env, cwd=ROOT, start_new_session=True, **kw)
        self.procs.append(proc)
        return proc

    def note(self) -> set[int]:
        for proc in self.procs:
            self.seen |= descendants(proc.pid)
        return set(self.seen)

    def kill_all(self) -> None:
        self.note()
        for proc in self.procs:
            for target in (lambda: os.killpg(proc.pid, signal.SIGKILL), lambda: proc.kill()):
                try:
                    target()
                except (ProcessLookupError, PermissionError):
                    pass
        for pid in self.seen:
            for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
                try:
                    target()
                except (ProcessLookupError, PermissionError):
                    pass
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass


@pytest.fixture
def processes():
    p = Processes()
    try:
        yield p
    finally:
        p.kill_all()


def many_files(tmp_path, n=24) -> Path:
    folder = tmp_path / "veel"
    folder.mkdir()
    names = ["two_columns", "hyphenation", "headings_footnote", "picture_box"]
    for i in range(n):
        data = (PDFS / f"{names[i % 4]}.pdf").read_bytes()
        (folder / f"v{i:02d}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())  # distinct content per file
    return folder


def published_warehouse(path: Path) -> str:
    """An empty published warehouse (made without Prefect); its sha256."""
    from warehouse.publish import Writer

    with Writer(str(path)) as w:
        w.publish()
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ignore_sigint():
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what a shell does for `verslagen ingest ... &`


@pytest.mark.parametrize("how", ["ctrl-c at the terminal", "kill -INT from outside a terminal", "SIGTERM",
                                 "SIGTERM to the control group"])
def test_interrupted_ingest_stops_within_seconds_and_publishes_nothing(env, tmp_path, processes, how):
    folder = many_files(tmp_path)
    wh = tmp_path / "w.duckdb"
    before = published_warehouse(wh)
    proc = processes.start(["ingest", str(folder), "--warehouse", str(wh), "--workers", "1"], env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           preexec_fn=_ignore_sigint if "outside" in how else None)
    lines = []
    for line in proc.stderr:
        lines.append(line)
        if "[2/24]" in line:  # reading and loading, 22 files to go
            break
    assert any("[2/24]" in line for line in lines), "".join(lines)
    started = processes.note()
    assert any("uvicorn" in _cmdline(pid) for pid in started), "no temporary API server"  # the case of the issue
    t0 = time.monotonic()
    if how == "ctrl-c at the terminal":
        os.killpg(proc.pid, signal.SIGINT)  # the terminal sends it to the whole foreground process group
    elif how == "SIGTERM to the control group":  # systemd's default KillMode: the temporary API gets it too
        for pid in [proc.pid] + [p for p in started if "uvicorn" in _cmdline(p)]:
            os.kill(pid, signal.SIGTERM)
    else:
        proc.send_signal(signal.SIGINT if "INT" in how else signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    seconds = time.monotonic() - t0
    err = "".join(lines) + err
    assert proc.returncode == (143 if "SIGTERM" in how else 130), err
    assert seconds < 10, (seconds, err)
    assert "Traceback" not in err and "Retrying" not in err and "retry" not in err.lower(), err
    last = err.strip().splitlines()[-1]
    assert re.fullmatch(r"verslagen ingest: interrupted, nothing published \((SIGINT|SIGTERM)\)", last), err
    assert out == ""
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [(pid, _cmdline(pid)) for pid in started if alive(pid)]
    assert not left, left  # no reader, no temporary API server
    assert hashlib.sha256(wh.read_bytes()).hexdigest() == before  # the published warehouse is untouched
    assert not list(tmp_path.glob("w.duckdb.publish-*"))
    from warehouse.publish import Writer

    w = Writer(str(wh), timeout=5)  # the lock was released; the next run continues from the working copy
    w.open()
    try:
        assert w.reused
        assert w.conn.execute("SELECT status FROM ingestion_runs").fetchall() == [("interrupted",)]
        assert w.conn.execute("SELECT count(*) FROM documents").fetchone()[0] < 24
    finally:
        w.close()


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def test_command_line_run_has_no_links_to_the_temporary_server_and_reports_the_whole_time(env, tmp_path, processes):
    folder = tmp_path / "drie"
    folder.mkdir()
    for name in ("two_columns", "hyphenation", "headings_footnote"):
        shutil.copy(PDFS / f"{name}.pdf", folder / f"{name}.pdf")
    wh = tmp_path / "w.duckdb"
    t0 = time.monotonic()
    proc = processes.start(["ingest", str(folder), "--warehouse", str(wh)], env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate(timeout=240)
    wall = time.monotonic() - t0
    assert proc.returncode == 0, out + err
    assert "Beginning flow run" in err and "View at" not in err and "http://" not in err + out
    m = re.search(r"3 files in (\d+\.\d) s \(flow (\d+\.\d) s, Prefect start (\d+\.\d) s\)", out)
    assert m, out
    command, flow, prefect = map(float, m.groups())
    assert flow < command and prefect < command
    assert wall - 2.5 < command <= wall + 0.1  # the whole command (Python's exit after the summary is not in it)
    assert flow + prefect > command * 0.5  # the time goes to the flow and to the API's start, and both are shown
    assert duckdb.connect(str(wh), read_only=True).execute("SELECT count(*) FROM documents").fetchone() == (3,)


def test_serve_without_api_says_so_prints_the_next_run_and_its_schedule_fires(env, tmp_path, processes):
    from flows.orchestration.serve import next_run

    folder = tmp_path / "leeg"
    folder.mkdir()
    err_path, out_path = tmp_path / "serve.err", tmp_path / "serve.out"
    with open(err_path, "w") as err_fh, open(out_path, "w") as out_fh:
        proc = processes.start(["serve", "--folder", str(folder), "--warehouse", str(tmp_path / "w.duckdb")], env,
                               stdout=out_fh, stderr=err_fh)
    deadline = time.monotonic() + 120
    while "next run due" not in out_path.read_text():
        assert proc.poll() is None and time.monotonic() < deadline, err_path.read_text()
        time.sleep(0.5)
    err = err_path.read_text()
    notes = [line for line in err.splitlines() if line.startswith("verslagen serve: no PREFECT_API_URL")]
    assert len(notes) == 1, err
    assert "stops with this command" in notes[0] and "prefect server start" in notes[0] and "PREFECT_API_URL=" in notes[0]
    url = re.search(r"\((http://127\.0\.0\.1:\d+/api)\)", notes[0]).group(1)
    due = next_run()
    assert f"next run due {due:%Y-%m-%d %H:%M} {due.tzname()} (Europe/Amsterdam), in " in out_path.read_text()
    scheduled = asyncio.run(_scheduled_runs(url, deadline=time.monotonic() + 90))
    assert min(scheduled) == due  # the temporary server's scheduler made the run that was announced
    processes.note()
    proc.send_signal(signal.SIGTERM)  # as a service manager stops it
    proc.wait(timeout=60)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in processes.seen) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [_cmdline(pid) for pid in processes.seen if alive(pid)]  # the temporary server stopped with it


async def _scheduled_runs(url: str, deadline: float) -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: url}):
        async with get_client() as client:
            while True:
                runs = await client.read_flow_runs(
                    deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=["nightly-ingest"])))
                times = [r.expected_start_time for r in runs if r.state and r.state.is_scheduled()]
                if times:
                    return times
                assert time.monotonic() < deadline, "the temporary server scheduled no run"
                await asyncio.sleep(1)
