"""Peak memory of a process tree, sampled from /proc (children included).

Two sums: RSS counts a page shared by a parent and its forked children once per process (an
overstatement: the sandbox children share the parent's models copy-on-write); PSS divides each
shared page among the processes that map it, so its sum is the memory the tree really uses.
"""
from __future__ import annotations

import os
import threading


def _children(pid: int) -> list[int]:
    out = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as f:
                out += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return out


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def _pss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p not in out:
            out.append(p)
            todo += _children(p)
    return out


def tree_rss(pid: int) -> int:
    return sum(_rss(p) for p in _tree(pid))


def tree_pss(pid: int) -> int:
    return sum(_pss(p) for p in _tree(pid))


class PeakMemory:
    """Samples the RSS sum of `pid` and its descendants every `interval` seconds and the PSS sum every
    `pss_interval` seconds until stopped. PSS is sampled less often because reading smaps_rollup walks
    each process's page tables (about 30 ms for an ingest's process tree): at 0.2 s the sampler took
    a seventh of a core from the run it measures. PSS changes slowly (models and pages, not spikes)."""

    def __init__(self, pid: int, interval: float = 0.2, pss_interval: float = 1.0):
        self.pid, self.interval, self.pss_interval, self.peak, self.peak_pss = pid, interval, pss_interval, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        import time

        next_pss = 0.0
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            if time.monotonic() >= next_pss:
                self.peak_pss = max(self.peak_pss, tree_pss(self.pid))
                next_pss = time.monotonic() + self.pss_interval
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
