"""The per-file sandbox: results come back through a pipe; the parent survives timeouts and memory blow-ups.
The scheduling tests pass their own `work` (run_isolated is generic); the others read real PDFs."""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from flows.pipeline import isolate
from flows.pipeline.isolate import Limits, run_isolated, run_one
from flows.pipeline.outcomes import FileOutcome, Reason, Status
from flows.pipeline.report import Reader, preload
from flows.pipeline.settings import build_settings

PDFS = Path(__file__).resolve().parent / "pdfs"


def _sha(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_good_and_bad_files_in_parallel(tmp_path):
    good = str(PDFS / "two_columns.pdf")
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    text = tmp_path / "tekst.pdf"
    text.write_text("Dit is geen PDF maar platte tekst.\n")
    s = build_settings({"workers": 2}, env={})
    items = [(good, _sha(good)), (str(empty), "e"), (str(text), "t")]
    got = {Path(o.path).name: o for o in run_isolated(items, Reader(s), Limits.of(s.run))}
    assert got["two_columns.pdf"].status == "loaded" and got["two_columns.pdf"].doc.doc_id == _sha(good)
    assert got["two_columns.pdf"].ann.doc_id == _sha(good) and got["two_columns.pdf"].pages >= 1
    assert (got["leeg.pdf"].reason, got["tekst.pdf"].reason) == ("empty", "not_a_pdf")
    assert all(o.detail and "\n" not in o.detail for o in (got["leeg.pdf"], got["tekst.pdf"]))


def test_timeout_kills_the_child(tmp_path):
    good = str(PDFS / "two_columns.pdf")
    s = build_settings({"timeout_s": 0.01}, env={})
    o = run_one(good, _sha(good), Reader(s), Limits.of(s.run))
    assert (o.status, o.reason) == ("quarantined", "timeout") and o.seconds < 5


def _children_of_this_process() -> list[int]:
    pids = []
    for tid in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{tid}/children") as fh:
            pids += [int(p) for p in fh.read().split()]
    return pids


def test_a_consumer_that_stops_early_leaves_no_child_running(tmp_path):
    def work(path, sha):  # stands in for a file that takes minutes to read
        if path.endswith("traag.pdf"):
            time.sleep(60)
        return FileOutcome(path, sha, Status.QUARANTINED, Reason.EMPTY, "the file is empty")

    items = [(str(tmp_path / name), name) for name in ("traag.pdf", "a.pdf", "b.pdf", "c.pdf")]
    outcomes = run_isolated(items, work, Limits(workers=2, timeout_s=120))
    assert next(outcomes).status == "quarantined"
    started = time.monotonic()
    outcomes.close()
    assert time.monotonic() - started < 5
    assert _children_of_this_process() == []


def _flate_bomb(path) -> None:
    """One page whose content stream inflates to 1 GB of zeros (about 1 MB on disk)."""
    import zlib

    import pikepdf

    comp = zlib.compressobj(9)
    block = b"\0" * (64 << 20)
    data = b"".join(comp.compress(block) for _ in range(16)) + comp.flush()
    pdf = pikepdf.new()
    pdf.add_blank_page()
    stream = pikepdf.Stream(pdf, b"")
    stream.write(data, filter=pikepdf.Name.FlateDecode)
    pdf.pages[0].Contents = stream
    pdf.save(path)


def test_parent_survives_a_file_that_exceeds_the_memory_limit(tmp_path):
    bomb = tmp_path / "bom.pdf"
    _flate_bomb(bomb)
    s = build_settings({"memory_budget_mb": 512, "timeout_s": 60}, env={})
    preload(s)  # as the ingest does: the heavy modules are mapped before the fork
    o = run_one(str(bomb), _sha(bomb), Reader(s), Limits.of(s.run))
    assert o.status == "quarantined" and o.reason in ("too_large", "crashed"), o
    good = str(PDFS / "two_columns.pdf")
    assert run_one(good, _sha(good), Reader(s), Limits.of(s.run)).status == "loaded"  # a 256 MB share is plenty for a normal report


_CALLS: list[str] = []  # files the current (forked) reader has read


def _fake_work(path, sha):
    """Stands in for reading a report: the outcome's detail says which process read the file and
    what it had read before. `traag` takes a minute, `dood` kills its reader, `zwaar` only fails in
    a reader that has read something before."""
    name = Path(path).name
    before = list(_CALLS)
    _CALLS.append(name)
    if name == "traag.pdf":
        time.sleep(60)
    if name == "dood.pdf":
        os.kill(os.getpid(), 9)
    if name == "zwaar.pdf" and before:
        raise MemoryError
    return FileOutcome(path, sha, Status.QUARANTINED, Reason.EMPTY, f"{os.getpid()} after {','.join(before) or '-'}")


def _items(tmp_path, names):
    return [(str(tmp_path / n), n) for n in names]


def test_a_reader_reads_file_after_file_and_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setattr(isolate, "FILES_PER_READER", 2)
    got = {Path(o.path).name: o.detail.split() for o in run_isolated(_items(tmp_path, "abcde"), _fake_work, Limits(1))}
    assert sorted(got) == list("abcde")
    readers = {pid for pid, _, _ in got.values()}
    assert len(readers) == 3 and os.getpid() not in {int(p) for p in readers}
    assert got["b"][2] == "a" and got["c"][2] == "-"  # b shared a reader with a; c began a fresh one


def test_a_file_that_fails_after_others_is_read_again_by_a_fresh_reader(tmp_path):
    items = _items(tmp_path, ["a", "zwaar.pdf", "b", "dood.pdf", "c"])
    got = {Path(o.path).name: o for o in run_isolated(items, _fake_work, Limits(1))}
    assert sorted(got) == ["a", "b", "c", "dood.pdf", "zwaar.pdf"]
    assert (got["zwaar.pdf"].status, got["zwaar.pdf"].detail.split()[-1]) == ("quarantined", "-")  # alone, it is fine
    assert got["zwaar.pdf"].reason == "empty"
    assert (got["dood.pdf"].reason, "SIGKILL" in got["dood.pdf"].detail) == ("crashed", True)  # twice: really broken
    assert all(got[n].reason == "empty" for n in "abc")


def test_a_timeout_hands_the_files_queued_behind_it_to_another_reader(tmp_path):
    started = time.monotonic()
    got = {Path(o.path).name: o for o in run_isolated(_items(tmp_path, ["a", "traag.pdf", "b", "c"]), _fake_work,
                                                      Limits(workers=1, timeout_s=1))}
    assert time.monotonic() - started < 20
    assert got["traag.pdf"].reason == "timeout" and 1 <= got["traag.pdf"].seconds < 5
    assert all(got[n].reason == "empty" for n in "abc")
    assert _children_of_this_process() == []


def _hungry_work(path, sha):
    """Stands in for a file that needs `<N>mb` of memory (address space: nothing is touched) and says
    what it was given: its RLIMIT_AS above what it started with, in MB."""
    import resource

    name = Path(path).name
    need = int(name.split("mb")[0].rsplit("-", 1)[-1]) if "mb" in name else 0
    limit = resource.getrlimit(resource.RLIMIT_AS)[0]
    given = (limit - isolate._address_space()) >> 20
    buf = bytearray(need << 20)  # MemoryError beyond the reader's share
    del buf
    return FileOutcome(path, sha, Status.LOADED, detail=f"{given}")


def test_one_budget_split_among_readers_and_a_file_over_its_share_is_read_alone(tmp_path):
    parent = isolate.resident_mb()
    budget = int(parent) + 1200  # two readers get ~600 MB each; one reader alone ~1200 MB
    names = ["a", "b-900mb", "c", "d-3000mb", "e"]
    outcome = {}
    for workers in (2, 1):
        got = {Path(o.path).name: o for o in run_isolated(_items(tmp_path, names), _hungry_work,
                                                          Limits(workers=workers, timeout_s=60, budget_mb=budget))}
        outcome[workers] = {n: (o.status, o.reason) for n, o in got.items()}
        assert outcome[workers]["b-900mb"] == ("loaded", None)  # over its share of two, fine alone
        assert outcome[workers]["d-3000mb"] == ("quarantined", "too_large")  # over the whole budget
        assert "of 1" in got["d-3000mb"].detail or "budget" in got["d-3000mb"].detail
        limits = Limits(workers, budget_mb=budget)
        alone, shared = limits.share_mb(1, parent), limits.share_mb(2, parent)
        assert 900 < alone and shared < 900  # what this test is about
        assert abs(int(got["b-900mb"].detail) - alone) < 60  # it had the whole budget less the parent
        if workers == 2:
            assert abs(int(got["a"].detail) - shared) < 60  # a share: half of what the parent leaves
    assert outcome[1] == outcome[2]  # the same outcomes whatever is read beside a file
    assert _children_of_this_process() == []


def test_memory_mb_is_retired_for_memory_budget_mb():
    import pytest

    from flows.pipeline.settings import SettingsError

    assert build_settings({}, env={}).run.memory_budget_mb == 1536
    with pytest.raises(SettingsError, match="memory_budget_mb"):
        build_settings({"memory_mb": 2048}, env={})
    with pytest.raises(SettingsError, match="memory_budget_mb"):
        build_settings({}, env={"VERSLAGEN_MEMORY_MB": "2048"})


def _cli(args, **env_values):
    import resource
    import subprocess
    import sys

    env = {**os.environ, "VERSLAGEN_EXTRACT_OCR": "false", "PYTHONPATH": str(Path(__file__).resolve().parents[1]),
           **env_values}

    def safety_net():  # an unsandboxed read of a bomb would take gigabytes: cap the whole command at 4 GB
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))

    return subprocess.run([sys.executable, "-m", "flows.cli", *args], env=env, capture_output=True, text=True,
                          timeout=300, preexec_fn=safety_net)


def test_commands_that_open_a_pdf_read_it_in_the_sandbox_with_the_same_limits(tmp_path):
    """annotate and debug-page read in a sandboxed reader: the ingest's timeout and memory budget hold
    for them too (they used to read in the command's own process, without any limit)."""
    good = str(PDFS / "two_columns.pdf")
    assert _cli(["annotate", good]).returncode == 0
    p = _cli(["annotate", good], VERSLAGEN_TIMEOUT_S="0.01")
    assert (p.returncode, "timeout" in p.stderr) == (1, True), p.stderr
    out = tmp_path / "page.png"
    p = _cli(["debug-page", good, "--out", str(out)], VERSLAGEN_TIMEOUT_S="0.01")
    assert (p.returncode, "timeout" in p.stderr, out.exists()) == (1, True, False), p.stderr
    bomb = tmp_path / "bom.pdf"
    _flate_bomb(bomb)
    p = _cli(["annotate", str(bomb)], VERSLAGEN_MEMORY_BUDGET_MB="600")
    assert p.returncode == 1 and ("too_large" in p.stderr or "crashed" in p.stderr), p.stderr


def test_evaluate_reads_in_the_sandbox(tmp_path):
    import json
    import shutil

    from flows.pipeline.evaluate import evaluate_dir

    shutil.copy(PDFS / "two_columns.pdf", tmp_path / "a.pdf")
    (tmp_path / "a.gold.json").write_text(json.dumps({"speakers": [], "themes": [], "concerns": [],
                                                      "commitments": []}))
    result = evaluate_dir(tmp_path, build_settings({"timeout_s": 0.01, "extract.ocr": False}, env={}))
    assert result["documents"] == {} and result["unread"]["a"].startswith("timeout")
