"""Crash recovery without traps: a stale or corrupt working copy, leftovers of dead writers, runs killed
before their publish, a symlinked warehouse, archive-wide tables left stale by a kill."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from warehouse.load import finish_run, load_document, start_run
from warehouse.meta import derived_stale, mark_derived_stale
from warehouse.publish import Writer, open_reader
from warehouse.runs import load_archive_extras
from warehouse_fixtures import make_doc

ROOT = Path(__file__).resolve().parents[1]


def _docs(n: int, start: int = 0):
    return [make_doc(f"archief/v{i}.pdf", "2023-01-01", [f"Verslag nummer {i} over de lift."]) for i in range(start, start + n)]


def _publish(path: str, n: int, start: int = 0) -> None:
    with Writer(path, timeout=1) as w:
        run = start_run(w.conn, "archief")
        for doc in _docs(n, start):
            load_document(w.conn, doc, None, run)
        finish_run(w.conn, run)
        w.publish()


def _count(path: str) -> int:
    c = open_reader(path)
    try:
        return c.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        c.close()


def _crash_with_unpublished_work(path: str, n: int, start: int) -> None:
    """A writer that loaded documents and died before publishing (its working copy stays)."""
    w = Writer(path, timeout=1)
    w.open()
    run = start_run(w.conn, "archief")
    for doc in _docs(n, start):
        load_document(w.conn, doc, None, run)
    w.close()  # no publish, working copy kept: what a kill leaves
    assert os.path.exists(path + ".ingest")


def test_a_stale_working_copy_does_not_overwrite_a_restored_backup(tmp_path):
    path = str(tmp_path / "w.duckdb")
    _publish(path, 4)
    backup = str(tmp_path / "backup.duckdb")
    shutil.copyfile(path, backup)
    _publish(path, 16, start=4)  # 20 reports now
    _crash_with_unpublished_work(path, 1, start=20)
    shutil.copyfile(backup, path)  # the administrator restores the 4-report backup
    with Writer(path, timeout=1) as w:
        assert not w.reused and "generation" in (w.discarded or "")
        w.publish()
    assert _count(path) == 4


def test_a_working_copy_of_the_published_generation_is_reused(tmp_path):
    path = str(tmp_path / "w.duckdb")
    _publish(path, 2)
    _crash_with_unpublished_work(path, 3, start=2)
    with Writer(path, timeout=1) as w:
        assert w.reused and w.discarded is None
        w.publish()
    assert _count(path) == 5


def test_a_corrupt_working_copy_is_discarded(tmp_path):
    path = str(tmp_path / "w.duckdb")
    _publish(path, 2)
    Path(path + ".ingest").write_bytes(b"\0garbage" * 1000)
    with Writer(path, timeout=1) as w:
        assert not w.reused and "does not open" in w.discarded
        load_document(w.conn, _docs(1, 7)[0], None, "r")
        w.publish()
    assert _count(path) == 3


def test_leftovers_of_dead_writers_are_removed_when_a_writer_opens(tmp_path):
    path = str(tmp_path / "w.duckdb")
    _publish(path, 1)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_tmp = Path(f"{path}.publish-{int(dead.stdout)}.tmp")
    live_tmp = Path(f"{path}.publish-{os.getppid()}.tmp")  # a live process: not ours to remove
    dead_reader = Path(f"{path}.pseudonymised-abc.duckdb.{int(dead.stdout)}.tmp")
    for p in (dead_tmp, live_tmp, dead_reader, Path(path + ".ingest.copying")):
        p.write_bytes(b"x" * 4096)
    with Writer(path, timeout=1) as w:
        w.publish()
    assert not dead_tmp.exists() and not dead_reader.exists() and not Path(path + ".ingest.copying").exists()
    assert live_tmp.exists()


KILLED_AFTER_FINISH = """
import os, signal, sys
from warehouse.load import finish_run, start_run
from warehouse.publish import Writer
w = Writer(sys.argv[1], timeout=5)
w.open()
run = start_run(w.conn, "archief", run_id="killed")
finish_run(w.conn, run, rebuild_index=False)
os.kill(os.getpid(), signal.SIGKILL)  # killed between finishing the run and publishing it
"""


def test_a_run_killed_before_its_publish_is_recorded_as_interrupted(tmp_path):
    path = str(tmp_path / "w.duckdb")
    _publish(path, 1)
    proc = subprocess.run([sys.executable, "-c", KILLED_AFTER_FINISH, path], cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    with Writer(path, timeout=1) as w:
        assert w.reused
        w.publish()
    c = open_reader(path)
    statuses = dict(c.execute("SELECT run_id, status FROM ingestion_runs").fetchall())
    assert statuses["killed"] == "interrupted"
    assert sorted(statuses.values()) == ["finished", "interrupted"]


def test_a_symlinked_warehouse_is_followed(tmp_path):
    target = tmp_path / "data" / "w.duckdb"
    target.parent.mkdir()
    _publish(str(target), 1)
    link = tmp_path / "w.duckdb"
    link.symlink_to(target)
    _publish(str(link), 2, start=1)
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert _count(str(link)) == 3 and _count(str(target)) == 3
    assert not list(tmp_path.glob("w.duckdb.*"))  # lock, working copy: beside the target


def test_derived_stale_marker_until_the_archive_tables_are_rebuilt():
    from warehouse.db import open_warehouse

    c = open_warehouse()
    assert not derived_stale(c)
    mark_derived_stale(c)
    assert derived_stale(c)
    load_archive_extras(c, [(1, 2023, ["lift"], 1.0)], {"c1": "k1"})
    assert not derived_stale(c)


KILLED_BEFORE_TOPICS = """
import os, signal, sys
import models.topics
from flows.cli import main

def killed(*args, **kwargs):  # SIGKILL as the archive-wide step starts: documents loaded, topics and clusters not rebuilt
    os.kill(os.getpid(), signal.SIGKILL)

models.topics.discover_topics = killed
sys.exit(main(["ingest", sys.argv[1], "--warehouse", sys.argv[2], "--workers", "1"]))
"""


@pytest.mark.slow
def test_topics_and_clusters_are_rebuilt_after_a_kill_before_their_step(tmp_path):
    folder = tmp_path / "verslagen"
    folder.mkdir()
    for name in ("two_columns", "hyphenation", "headings_footnote"):
        shutil.copy(ROOT / "tests" / "pdfs" / f"{name}.pdf", folder / f"{name}.pdf")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PREFECT_HOME=str(tmp_path / "prefect"), DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    clean, killed = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    r = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(folder), "--warehouse", str(clean)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    with open(tmp_path / "killed.log", "w") as log:  # not a pipe: an orphan would hold it open
        p = subprocess.run([sys.executable, "-c", KILLED_BEFORE_TOPICS, str(folder), str(killed)], cwd=ROOT, env=env,
                           stdout=log, stderr=subprocess.STDOUT, timeout=300)
    assert p.returncode == -signal.SIGKILL, (tmp_path / "killed.log").read_text()[-2000:]
    r = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", str(folder), "--warehouse", str(killed)],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "unchanged 3" in r.stdout  # nothing changed on disk, yet ...
    sql = "SELECT (SELECT count(*) FROM discovered_topics), (SELECT count(*) FROM concern_clusters)"
    got = [duckdb.connect(str(p), read_only=True).execute(sql).fetchone() for p in (clean, killed)]
    assert got[0][1] > 0 and got[1] == got[0]  # ... the archive-wide tables were rebuilt
