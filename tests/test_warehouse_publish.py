"""Read while write with real processes: one writer under a lock, readers that never see a half state,
and a SIGKILLed writer whose working copy the next run picks up."""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from warehouse.load import load_document
from warehouse.publish import Writer, WarehouseBusy, open_reader
from warehouse_fixtures import make_doc

ROOT = Path(__file__).resolve().parents[1]
ENV = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}

WRITER = """
import sys
from warehouse.load import load_document, start_run, finish_run
from warehouse.publish import Writer
from warehouse_fixtures import make_doc
path, rounds = sys.argv[1], int(sys.argv[2])
with Writer(path, timeout=30) as w:
    for i in range(rounds):
        for j in (0, 1):  # two documents per publish: a reader must never see an odd count
            doc = make_doc(f"archief/{i}-{j}.pdf", "2022-01-01", [f"Zin {k} van verslag {i}-{j} over woningen." for k in range(40)])
            load_document(w.conn, doc, None, "r")
        w.publish()
        print("published", 2 * (i + 1), flush=True)
"""

READER = """
import sys, time
from warehouse.publish import open_reader
path, stop = sys.argv[1], sys.argv[2]
import os
seen, errors = [], 0
while not os.path.exists(stop):
    try:
        c = open_reader(path)
        n = c.execute("SELECT count(*) FROM v_documents").fetchone()[0]
        s = c.execute("SELECT count(*) FROM v_sentences").fetchone()[0]
        c.close()
        seen.append((n, s))
    except Exception as e:
        errors += 1
        print("ERROR", type(e).__name__, e, flush=True)
print("SEEN", sorted(set(seen)), len(seen), flush=True)
"""


def _python(code: str, *args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT, env=ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def _seed(path: str) -> None:
    with Writer(path, timeout=5) as w:
        w.publish()


def test_second_writer_waits_then_gets_a_clear_error(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with Writer(path, timeout=1):
        t0 = time.monotonic()
        with pytest.raises(WarehouseBusy, match="busy"):
            Writer(path, timeout=0.3).open()
        assert time.monotonic() - t0 >= 0.3
    with Writer(path, timeout=0.3) as w:  # free again
        assert w.conn.execute("SELECT 1").fetchone() == (1,)


@pytest.mark.slow
def test_a_writer_in_another_process_blocks_and_releases(tmp_path):
    path = str(tmp_path / "w.duckdb")
    holder = _python("import sys, time\nfrom warehouse.publish import Writer\n"
                     "w = Writer(sys.argv[1], timeout=5); w.open(); print('locked', flush=True); time.sleep(30)", path)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(WarehouseBusy):
            Writer(path, timeout=0.2).open()
    finally:
        holder.kill()
        holder.wait()
    with Writer(path, timeout=5) as w:  # the kernel released the dead process's lock
        w.publish()


@pytest.mark.slow
def test_readers_only_ever_see_published_states(tmp_path):
    path, stop = str(tmp_path / "w.duckdb"), str(tmp_path / "stop")
    _seed(path)
    reader = _python(READER, path, stop)
    writer = _python(WRITER, path, "6")
    w_out, w_err = writer.communicate(timeout=120)
    Path(stop).touch()
    r_out, r_err = reader.communicate(timeout=60)
    assert writer.returncode == 0, w_err
    assert reader.returncode == 0, r_err
    assert "ERROR" not in r_out, r_out
    seen = eval(r_out.split("SEEN ", 1)[1].rsplit(" ", 1)[0])
    assert seen and all(n % 2 == 0 and s == 40 * n for n, s in seen), seen
    assert len(seen) >= 2, seen  # the reader really ran while the writer published
    assert w_out.splitlines()[-1] == "published 12"
    c = open_reader(path)
    assert c.execute("SELECT count(*) FROM v_documents").fetchone()[0] == 12
    assert not os.path.exists(path + ".ingest")  # a clean run leaves no working copy


KILLED = """
import sys
from warehouse.load import load_document, start_run
from warehouse.publish import Writer
from warehouse_fixtures import make_doc
w = Writer(sys.argv[1], timeout=5)
w.open()
run = start_run(w.conn, "archief")
i = 0
while True:
    doc = make_doc(f"archief/{i}.pdf", "2022-01-01", [f"Zin {k} van verslag {i}." for k in range(300)])
    load_document(w.conn, doc, None, run)
    i += 1
    if i == 3:
        print("loading", flush=True)
"""


@pytest.mark.slow
def test_sigkill_mid_load_then_a_clean_next_run(tmp_path):
    path = str(tmp_path / "w.duckdb")
    _seed(path)
    proc = _python(KILLED, path)
    assert proc.stdout.readline().strip() == "loading"
    time.sleep(0.3)  # somewhere inside a document's transaction, most likely
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert os.path.exists(path + ".ingest")
    assert open_reader(path).execute("SELECT count(*) FROM documents").fetchone()[0] == 0  # nothing published
    with Writer(path, timeout=5) as w:
        assert w.reused
        load_document(w.conn, make_doc("archief/na.pdf", "2023-01-01", ["Na de crash."]), None, "r2")
        w.publish()
    c = open_reader(path)
    n = c.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert n >= 4  # the committed documents of the killed run survived, plus the new one
    # every document is complete: all or nothing per transaction
    partial = c.execute("SELECT count(*) FROM documents d WHERE d.path <> 'archief/na.pdf' AND "
                        "(SELECT count(*) FROM sentences s WHERE s.doc_id = d.doc_id) <> 300").fetchone()[0]
    assert partial == 0
    assert c.execute("SELECT list(status) FROM ingestion_runs").fetchone()[0] == ["interrupted"]


def test_publish_replaces_the_file_atomically_for_an_open_reader(tmp_path):
    path = str(tmp_path / "w.duckdb")
    _seed(path)
    before = open_reader(path)
    with Writer(path, timeout=1) as w:
        load_document(w.conn, make_doc("archief/a.pdf", "2022-01-01", ["Een zin."]), None, "r")
        w.publish()
        load_document(w.conn, make_doc("archief/b.pdf", "2022-01-01", ["Nog een zin."]), None, "r")
    # the open reader keeps its file; once closed, a new reader sees the published state only
    # (DuckDB shares one database instance per path within a process: readers open per request)
    assert before.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    before.close()
    assert open_reader(path).execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert os.path.exists(path + ".ingest")  # unpublished work is kept for the next run, not discarded
