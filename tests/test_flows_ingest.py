"""The ingestion flow for real: a Prefect server on 127.0.0.1, `verslagen ingest` / `serve` in subprocesses.

One server for the module (it costs ~15 s to start); every subprocess talks to it via PREFECT_API_URL.
Hostile files are made here; the good PDFs are the layout fixtures in tests/pdfs/.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
PDFS = ROOT / "tests" / "pdfs"
VERSLAGEN = [sys.executable, "-m", "flows.cli"]

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect_home")
    port = _free_port()
    env = dict(os.environ, PREFECT_HOME=str(home), DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false",
               PREFECT_API_URL=f"http://127.0.0.1:{port}/api", PREFECT_LOGGING_LEVEL="INFO",
               PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS="60", PYTHONPATH=str(ROOT))
    env.pop("VERSLAGEN_WORKERS", None)
    server = subprocess.Popen([sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("prefect server did not start")
                time.sleep(0.5)
        yield env
    finally:
        _kill_group(server)


def ingest(env, folder, warehouse, *extra, timeout=240) -> subprocess.CompletedProcess:
    return subprocess.run(VERSLAGEN + ["ingest", str(folder), "--warehouse", str(warehouse), *extra],
                          env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def rows(warehouse, sql):
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def good_folder(tmp_path) -> Path:
    folder = tmp_path / "verslagen"
    folder.mkdir()
    shutil.copy(PDFS / "two_columns.pdf", folder / "verslag ALV 😀 maart.pdf")
    shutil.copy(PDFS / "hyphenation.pdf", folder / "NOTULEN_2024.PDF")
    sub = folder / "2023"
    sub.mkdir()
    shutil.copy(PDFS / "headings_footnote.pdf", sub / "headings.pdf")
    return folder


def test_hostile_files_quarantined_with_reasons_and_rerun_is_cheap(env, tmp_path):
    import pikepdf

    folder = good_folder(tmp_path)
    (folder / "leeg.pdf").write_bytes(b"")
    (folder / "foto.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    data = (PDFS / "picture_box.pdf").read_bytes()
    (folder / "afgebroken.pdf").write_bytes(data[: len(data) // 10])
    with pikepdf.open(PDFS / "picture_box.pdf") as pdf:
        pdf.save(folder / "geheim.pdf", encryption=pikepdf.Encryption(user="geheim", owner="eigenaar"))
    (folder / ("x" * 200)).mkdir()
    shutil.copy(PDFS / "picture_box.pdf", folder / ("x" * 200) / ("lang " * 47 + ".pdf"))
    wh = tmp_path / "w.duckdb"
    r = ingest(env, folder, wh, "--workers", "2")
    assert r.returncode == 1, r.stdout + r.stderr  # quarantined files need attention
    got = dict(rows(wh, "SELECT regexp_extract(path, '[^/]+$'), reason FROM quarantine"))
    assert got == {"leeg.pdf": "empty", "foto.pdf": "not_a_pdf", "afgebroken.pdf": "corrupt", "geheim.pdf": "encrypted"}
    names = {n for (n,) in rows(wh, "SELECT file_name FROM documents WHERE status = 'active'")}
    assert names == {"verslag ALV 😀 maart.pdf", "NOTULEN_2024.PDF", "headings.pdf", "lang " * 47 + ".pdf"}
    assert "geheim.pdf: encrypted" in r.stdout and "new 4" in r.stdout
    assert "View at http://127.0.0.1:" in r.stderr  # a real server keeps its links (the UI outlives the run)
    assert re.search(r"files in \d+\.\d s \(flow \d+\.\d s\) ->", r.stdout), r.stdout  # no temporary API to start
    first = rows(wh, "SELECT duration_s FROM ingestion_runs")[0][0]

    os.remove(folder / "NOTULEN_2024.PDF")
    shutil.copy(folder / "2023" / "headings.pdf", folder / "kopie.pdf")  # the same content under a second name
    r2 = ingest(env, folder, wh)
    assert r2.returncode == 1 and "new 0, changed 0, unchanged 4, missing 1" in r2.stdout, r2.stdout + r2.stderr
    assert rows(wh, "SELECT count(*) FROM run_files WHERE outcome = 'missing'") == [(1,)]
    last = "(SELECT run_id FROM ingestion_runs ORDER BY started_at DESC LIMIT 1)"
    recorded = rows(wh, f"SELECT regexp_extract(path, '[^/]+$'), change, doc_id = sha256 FROM run_files "
                        f"WHERE run_id = {last} AND outcome = 'loaded' ORDER BY 1")
    assert recorded == [("headings.pdf", "unchanged", True), ("kopie.pdf", "duplicate", True),
                        ("lang " * 47 + ".pdf", "unchanged", True), ("verslag ALV 😀 maart.pdf", "unchanged", True)]
    second = rows(wh, "SELECT duration_s FROM ingestion_runs ORDER BY started_at DESC LIMIT 1")[0][0]
    assert second < first


def test_sigkill_while_loading_leaves_a_consistent_warehouse(env, tmp_path):
    folder = tmp_path / "veel"
    folder.mkdir()
    for i, name in enumerate(["two_columns", "hyphenation", "headings_footnote", "picture_box"] * 2):
        data = (PDFS / f"{name}.pdf").read_bytes()
        (folder / f"v{i}.pdf").write_bytes(data + f"\n% copy {i}\n".encode())  # distinct content per file
    wh = tmp_path / "w.duckdb"
    proc = subprocess.Popen(VERSLAGEN + ["ingest", str(folder), "--warehouse", str(wh), "--workers", "1"], env=env,
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        for line in proc.stderr:
            if "[2/8]" in line:  # two documents loaded or loading, six to go
                break
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        _kill_group(proc)
    assert not wh.exists() or rows(wh, "SELECT count(*) FROM documents") == [(0,)]  # nothing half published
    assert Path(str(wh) + ".ingest").exists()
    r = ingest(env, folder, wh)
    assert r.returncode == 0, r.stdout + r.stderr
    assert rows(wh, "SELECT count(*), count(DISTINCT doc_id), count(DISTINCT path) FROM documents") == [(8, 8, 8)]
    assert rows(wh, "SELECT count(*) FROM sentences s JOIN documents d USING (doc_id)")[0][0] > 0
    assert not Path(str(wh) + ".ingest").exists()


def test_second_run_at_once_stops_or_waits(env, tmp_path):
    from warehouse.publish import Writer

    folder = good_folder(tmp_path)
    wh = tmp_path / "w.duckdb"
    holder = Writer(str(wh), timeout=5)  # what a running ingestion holds: the writer lock and the working copy
    holder.open()
    try:
        busy = ingest(env, folder, wh, "--set", "warehouse.lock_timeout_s=0.5", "--set", "retries=0")
        assert busy.returncode == 1 and "busy" in busy.stderr, busy.stdout + busy.stderr
        waiting = subprocess.Popen(VERSLAGEN + ["ingest", str(folder), "--warehouse", str(wh)], env=env, cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        time.sleep(8)  # the second run is now waiting for the lock (default: 30 s)
        assert waiting.poll() is None
    finally:
        holder.close()
    try:
        out, _ = waiting.communicate(timeout=240)
    finally:
        _kill_group(waiting)
    assert waiting.returncode == 0, out
    assert rows(wh, "SELECT count(*), count(DISTINCT doc_id) FROM documents") == [(3, 3)]
    assert rows(wh, "SELECT count(*) FROM ingestion_runs WHERE status = 'finished'") == [(1,)]


def _content(wh):
    return (rows(wh, "SELECT doc_id, regexp_extract(path, '[^/]+$'), title, meeting_date, flags FROM documents ORDER BY 1"),
            rows(wh, "SELECT doc_id, idx, text FROM sentences ORDER BY 1, 2"),
            rows(wh, "SELECT regexp_extract(path, '[^/]+$'), reason FROM quarantine ORDER BY 1"))


def test_dask_local_cluster_loads_what_a_serial_run_loads(env, tmp_path):
    folder = good_folder(tmp_path)
    (folder / "leeg.pdf").write_bytes(b"")
    serial, dask = tmp_path / "serial.duckdb", tmp_path / "dask.duckdb"
    r1 = ingest(env, folder, serial, "--workers", "1")
    r2 = ingest(env, folder, dask, "--dask-local")
    assert (r1.returncode, r2.returncode) == (1, 1), r2.stdout + r2.stderr
    assert _content(serial) == _content(dask)
    assert len(_content(dask)[0]) == 3


def test_serve_registers_nightly_schedule_and_a_needs_attention_night_logs_no_traceback(env, tmp_path):
    import asyncio

    folder = good_folder(tmp_path)
    (folder / "leeg.pdf").write_bytes(b"")  # one file for quarantine: the night needs attention
    wh = tmp_path / "nightly.duckdb"
    log = tmp_path / "serve.log"
    with open(log, "w") as fh:
        served = subprocess.Popen(VERSLAGEN + ["serve", "--folder", str(folder), "--warehouse", str(wh)], env=env,
                                  cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    old = {k: os.environ.get(k) for k in ("PREFECT_API_URL", "PREFECT_HOME")}
    os.environ.update(PREFECT_API_URL=env["PREFECT_API_URL"], PREFECT_HOME=env["PREFECT_HOME"])
    try:
        state, artifact = asyncio.run(_check_deployment_and_run())
        assert (state.type.value, state.name) == ("FAILED", "NeedsAttention"), state  # red in the UI
        assert "| quarantined | 1 |" in artifact and "leeg.pdf | empty" in artifact
        assert rows(wh, "SELECT count(*) FROM documents WHERE status = 'active'") == [(3,)]
        deadline = time.monotonic() + 30
        while "Finished in state NeedsAttention" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        text = log.read_text()
        assert "Finished in state NeedsAttention" in text, text
        assert "Traceback" not in text and "TypeError" not in text and "unexpected exception" not in text, text
        assert "next run due " in text and "no PREFECT_API_URL" not in text, text
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        _kill_group(served)


async def _check_deployment_and_run():
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: os.environ["PREFECT_API_URL"]}):
        async with get_client() as client:
            deadline = time.monotonic() + 90
            while True:
                try:
                    dep = await client.read_deployment_by_name("ingest/nightly-ingest")
                    break
                except Exception:  # noqa: BLE001 - not registered yet
                    if time.monotonic() > deadline:
                        raise
                    await asyncio_sleep(1)
            sched = dep.schedules[0].schedule
            assert (sched.cron, sched.timezone) == ("0 2 * * *", "Europe/Amsterdam")
            run = await client.create_flow_run_from_deployment(dep.id)
            deadline = time.monotonic() + 180
            while True:
                run = await client.read_flow_run(run.id)
                if run.state and run.state.is_final():
                    artifacts = await client.read_artifacts()
                    found = [a.data for a in artifacts if a.key == "ingestion-summary" and a.flow_run_id == run.id]
                    return run.state, (found[0] if found else "")
                assert time.monotonic() < deadline, run.state
                await asyncio_sleep(1)


async def asyncio_sleep(s):
    import asyncio

    await asyncio.sleep(s)


def test_odd_names_and_an_unmounted_folder_through_the_command(env, tmp_path):
    """A name that is not UTF-8 loads and the artifact is written (it used to fail every night after
    publishing); an emptied folder (an unmounted share) ends NeedsAttention with nothing marked missing,
    unless --allow-missing; the files that come back are unchanged."""
    folder = tmp_path / "share"
    folder.mkdir()
    shutil.copy(PDFS / "two_columns.pdf", os.path.join(os.fsencode(folder), b"verslag-\xe9t\xe9.pdf"))  # Latin-1
    shutil.copy(PDFS / "hyphenation.pdf", folder / "b.pdf")
    warehouse = tmp_path / "w.duckdb"
    first = ingest(env, folder, warehouse)
    assert first.returncode == 0, first.stdout + first.stderr
    assert "new 2" in first.stdout and "Traceback" not in first.stderr
    second = ingest(env, folder, warehouse)
    assert second.returncode == 0 and "unchanged 2" in second.stdout, second.stdout + second.stderr
    away = tmp_path / "away"
    folder.rename(away)
    folder.mkdir()
    refused = ingest(env, folder, warehouse)
    assert refused.returncode == 1 and "REFUSED" in refused.stdout and "missing 0" in refused.stdout, refused.stdout
    assert "NeedsAttention" in refused.stderr
    assert rows(warehouse, "SELECT count(*) FROM documents WHERE status = 'active'") == [(2,)]
    allowed = ingest(env, folder, warehouse, "--allow-missing")
    assert allowed.returncode == 0 and "missing 2" in allowed.stdout, allowed.stdout + allowed.stderr
    folder.rmdir()
    away.rename(folder)
    back = ingest(env, folder, warehouse)
    assert back.returncode == 0 and "new 0, changed 0, unchanged 2" in back.stdout, back.stdout
    names = [p for p, in rows(warehouse, "SELECT path FROM documents WHERE status = 'active' ORDER BY path")]
    assert names[1].endswith("verslag-\\xe9t\\xe9.pdf")
