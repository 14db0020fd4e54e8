"""Read files in forked reader processes with an address-space limit and a wall-clock timeout per file.

Why forks and not threads or a multiprocessing pool: pdfium/pdfminer bombs can exhaust memory,
loop for minutes or abort the whole process (SIGABRT cannot be caught). A reader with RLIMIT_AS
dies alone; the parent survives any reader's death and knows which file it was reading.
A reader reads file after file (the parent keeps one path queued behind the one being read, so a
reader never waits while the parent loads), writes each pickled result to its own unnamed temporary
file and tells the parent through a pipe where the result is. Readers are forked from the calling
(main) thread only and replaced after FILES_PER_READER files. One memory budget covers the whole tree:
the parent's own resident memory is counted and each reader gets an equal share of the rest (RLIMIT_AS
on top of the address space it starts with); a file that exceeds its share, or dies, is read again
alone with the whole budget, so a file's outcome depends neither on the files read before it nor on
those read beside it.
The reading itself is the caller's `work(path, sha256) -> FileOutcome` (for reports:
flows.pipeline.report.Reader; `preload()` there loads spaCy once in the parent, so each fork is
cheap). Each reader leads its own process group, so a timeout also kills the tesseract processes
OCR may have started.
"""
from __future__ import annotations

import os
import pickle
import resource
import selectors
import signal
import tempfile
import time
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator

from flows.pipeline.outcomes import FileOutcome, Reason, Status

Work = Callable[[str, str], FileOutcome]  # (path, sha256) -> outcome, run in the reader process


MIN_SHARE_MB = 256  # a reader never gets less than this, even when the parent leaves less of the budget
# A reader comes to own privately some of the pages it inherited (reference counts written on shared
# objects copy their pages); RLIMIT_AS does not see those, so each reader's share leaves room for this
# fraction of the parent's resident memory.
COPY_ON_WRITE = 0.25


@dataclass(frozen=True)
class Limits:
    """What the readers may use: `workers` readers in parallel, `timeout_s` wall-clock seconds per file,
    `budget_mb` of memory for the whole process tree (the parent's own resident memory counted): each
    reader gets an equal share of what the parent leaves, as address space on top of what it starts with."""
    workers: int = 2
    timeout_s: float = 120.0
    budget_mb: int = 1536

    @classmethod
    def of(cls, run_settings, workers: int | None = None) -> "Limits":
        return cls(workers or run_settings.workers, run_settings.timeout_s, run_settings.memory_budget_mb)

    def share_mb(self, readers: int, parent_mb: float) -> int:
        """Address space one of `readers` readers may add when the parent itself holds `parent_mb`: the
        budget less the parent and each reader's copied pages (COPY_ON_WRITE), split equally."""
        readers = max(1, readers)
        free = self.budget_mb - parent_mb * (1 + COPY_ON_WRITE * readers)
        return max(MIN_SHARE_MB, int(free // readers))


def resident_mb(pid: int | str = "self") -> float:
    """Resident memory (RSS) of a process in MB (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize() / 2 ** 20
    except (OSError, ValueError, IndexError):
        return 0.0


def _too_large(share_mb: int, budget_mb: int) -> str:
    return f"exceeded its memory share of {share_mb} MB (budget {budget_mb} MB for all processes)"


def _quarantined(path: str, sha: str, reason: str, detail: str, seconds: float = 0.0) -> FileOutcome:
    return FileOutcome(path, sha, Status.QUARANTINED, Reason(reason), detail, round(seconds, 3))


def _one_line(text: str, limit: int = 200) -> str:
    return " ".join(str(text).split())[:limit]


def _address_space() -> int:
    """Bytes of address space this process already has: the limit is on top of what the fork inherited
    (a parent holding DuckDB, spaCy and Prefect threads can itself be above 2 GB of virtual memory)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


FILES_PER_READER = 32  # a reader process is replaced after this many files (bounds what one process accumulates)


def _read_exact(fd: int, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = os.read(fd, n - len(data))
        if not chunk:
            return b""
        data += chunk
    return data


def _reader(work: Work, limits: Limits, share_mb: int, cmd_fd: int, event_fd: int, out_fd: int, inherited: Iterable[int]) -> None:
    """Runs in the forked reader process; never returns. Reads length-prefixed paths from `cmd_fd`
    (an empty frame or a closed pipe: exit), tells the parent `S` when it starts a file and
    `D offset length seconds` when that file's pickled result is in `out_fd`."""
    code = 0
    try:
        for fd in inherited:  # the other readers' pipes: only the parent may hold them
            try:
                os.close(fd)
            except OSError:
                pass
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        limit = _address_space() + share_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        offset = 0
        while True:
            head = _read_exact(cmd_fd, 4)
            size = int.from_bytes(head, "big") if head else 0
            if not size:
                break
            path, sha = os.fsdecode(_read_exact(cmd_fd, size)).split("\0", 1)
            os.write(event_fd, b"S\n")
            started = time.monotonic()
            try:
                result = work(path, sha)
                data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                result = _quarantined(path, sha, "too_large", _too_large(share_mb, limits.budget_mb))
                data = pickle.dumps(result)
            view, at = memoryview(data), offset
            while view:
                n = os.pwrite(out_fd, view, at)
                view, at = view[n:], at + n
            os.write(event_fd, f"D {offset} {len(data)} {time.monotonic() - started:.3f}\n".encode())
            offset += len(data)
            if result.reason == Reason.TOO_LARGE:
                break  # a heap that hit the limit once is no place for the next file
    except BaseException:  # noqa: BLE001 - the parent reports a file without a result as crashed
        code = 3
    finally:
        os._exit(code)


class _Reader:
    """A forked reader process and the parent's view of it: the files sent to it, in order (the first
    one is being read once the reader said so), and its event stream."""

    def __init__(self, work: Work, limits: Limits, share_mb: int, others: Iterable["_Reader"] = (), alone: bool = False):
        self.share_mb, self.alone = share_mb, alone  # its memory; alone: the only reader, for one file read again
        self.results = tempfile.TemporaryFile(prefix="verslagen-")
        cmd_r, cmd_w = os.pipe()
        event_r, event_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(cmd_w)
            os.close(event_r)
            inherited = [fd for o in others for fd in (o.cmd, o.events, o.results.fileno()) if not o.closed or fd != o.cmd]
            _reader(work, limits, share_mb, cmd_r, event_w, self.results.fileno(), inherited)
        os.close(cmd_r)
        os.close(event_w)
        self.pid, self.cmd, self.events = pid, cmd_w, event_r
        self.sent: list[tuple[str, str, bool]] = []  # (path, sha256, alone) not finished, in order
        self.started_at: float | None = None  # monotonic time the first of `sent` started
        self.finished = 0  # files this reader has finished
        self.assigned = 0  # files sent to it in all
        self.closed = False  # told to exit after what it has
        self.buffer = b""

    @property
    def idle(self) -> bool:
        return not self.sent

    def send(self, item: tuple[str, str, bool]) -> bool:
        path = os.fsencode(item[0] + "\0" + item[1])
        try:
            os.write(self.cmd, len(path).to_bytes(4, "big") + path)
        except OSError:  # the reader is gone; its end of stream will report what it had
            return False
        self.sent.append(item)
        self.assigned += 1
        return True

    def close(self) -> None:
        """No more files: the reader exits after the ones it has."""
        if not self.closed:
            self.closed = True
            try:
                os.write(self.cmd, bytes(4))  # an empty frame
            except OSError:
                pass
            os.close(self.cmd)

    def kill(self) -> None:
        for target in (lambda s: os.killpg(self.pid, s), lambda s: os.kill(self.pid, s)):
            try:
                target(signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def reap(self) -> int:
        self.close()
        try:
            os.close(self.events)
        except OSError:
            pass
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            status = 0
        self.results.close()
        return status

    def result(self, offset: int, length: int, seconds: float) -> FileOutcome:
        path, sha, _ = self.sent.pop(0)
        self.finished += 1
        self.started_at = None
        try:
            outcome = pickle.loads(os.pread(self.results.fileno(), length, offset))
        except Exception as e:  # noqa: BLE001 - an unreadable result is a crash of that file
            return _quarantined(path, sha, "crashed", _one_line(f"unreadable result: {e}"), seconds)
        return replace(outcome, seconds=round(seconds, 3))


class _Scheduler:
    """Hands (path, sha256) items to up to `limits.workers` reader processes and collects their outcomes.

    Each reader is forked from this (main) thread and reads file after file: the scheduler sends it the
    next path as soon as it starts one, so it never waits while the caller loads. A reader is replaced
    after FILES_PER_READER files. Each reader gets its share of the memory budget (what the parent leaves,
    split among `workers`). A file that runs past the timeout gets its reader killed (the files queued
    behind it go to another reader). A file that exceeds its share or whose reader dies is read once more
    ALONE: by a fresh reader, with no other reader running, that gets the whole budget; only then is it
    quarantined. So a file's outcome depends neither on the files read before it nor on those read at
    the same time."""

    def __init__(self, items: Iterable[tuple[str, str]], work: Work, limits: Limits):
        self.work, self.limits = work, limits
        self.todo: list[tuple[str, str, bool]] = [(p, s, False) for p, s in items]
        self.todo.reverse()  # pop() takes the next file
        self.readers: dict[int, _Reader] = {}
        self.sel = selectors.DefaultSelector()

    def next_for(self, r: _Reader) -> tuple[str, str, bool] | None:
        """The next item for reader r: a file read again alone only goes to a fresh reader started alone."""
        if self.todo[-1][2]:
            return self.todo.pop() if r.alone and r.assigned == 0 else None
        return None if r.alone else self.todo.pop()

    def feed(self, r: _Reader) -> None:
        """Keep one file queued behind the one r is reading."""
        while not r.closed and len(r.sent) < 2 and self.todo:
            if r.assigned >= (1 if r.alone else FILES_PER_READER):
                r.close()
                return
            item = self.next_for(r)
            if item is None:
                if r.idle:
                    r.close()  # only a file to be read alone is left: this reader makes way
                return
            if not r.send(item):
                self.todo.append(item)
                r.close()
                return
        if (not self.todo or r.alone) and r.idle:
            r.close()

    def start(self, alone: bool = False) -> None:
        share = self.limits.share_mb(1 if alone else self.limits.workers, resident_mb())
        r = _Reader(self.work, self.limits, share, self.readers.values(), alone=alone)
        self.readers[r.events] = r
        self.sel.register(r.events, selectors.EVENT_READ, r)
        self.feed(r)

    def fill(self) -> None:
        while self.todo:
            if self.todo[-1][2]:  # a file to be read alone: once every other reader has finished
                if not self.readers:
                    self.start(alone=True)
                return
            if len(self.readers) >= self.limits.workers:
                return
            self.start()

    def requeue(self, r: _Reader) -> None:
        self.todo.extend(reversed(r.sent))
        r.sent = []

    def drop(self, r: _Reader) -> int:
        """Forget reader r and wait for its process; its exit status."""
        self.sel.unregister(r.events)
        del self.readers[r.events]
        return r.reap()

    def read_alone(self, item: tuple[str, str, bool]) -> bool:
        """A file that failed for memory (or killed its reader) in a shared reader goes back to be read
        alone with the whole budget (True); one that failed alone stays failed."""
        path, sha, alone = item
        if not alone:
            self.todo.append((path, sha, True))
            return True
        return False

    def lost(self, r: _Reader, reason: str, detail: str) -> FileOutcome | None:
        """The file r was reading when it died or was stopped; None when it is read again instead."""
        item = r.sent.pop(0)
        seconds = time.monotonic() - (r.started_at or time.monotonic())
        if reason != "timeout" and self.read_alone(item):
            return None
        return _quarantined(item[0], item[1], reason, detail, seconds)

    def end(self, r: _Reader, done: list[FileOutcome]) -> None:
        status = self.drop(r)
        if r.sent and (r.started_at is not None or status):  # it died reading a file (or before it began)
            if os.WIFSIGNALED(status):
                sig = signal.Signals(os.WTERMSIG(status)).name
                detail = (f"reader process killed by {sig} (often: out of memory; it had {r.share_mb} MB of "
                          f"the {self.limits.budget_mb} MB budget)")
            else:
                detail = f"reader process exited with code {os.WEXITSTATUS(status)} without a result"
            o = self.lost(r, "crashed", detail)
            if o is not None:
                done.append(o)
        self.requeue(r)

    def events(self, r: _Reader, done: list[FileOutcome]) -> None:
        chunk = os.read(r.events, 4096)
        r.buffer += chunk
        while b"\n" in r.buffer:
            line, r.buffer = r.buffer.split(b"\n", 1)
            if line == b"S":
                r.started_at = time.monotonic()
                self.feed(r)
            elif line.startswith(b"D "):
                _, off, length, secs = line.split()
                item = r.sent[0]
                o = r.result(int(off), int(length), float(secs))
                if not (o.reason in (Reason.TOO_LARGE, Reason.CRASHED) and self.read_alone(item)):
                    done.append(o)
                self.feed(r)
        if not chunk:
            self.end(r, done)

    def stop_overdue(self, done: list[FileOutcome]) -> None:
        now, timeout = time.monotonic(), self.limits.timeout_s
        for r in [r for r in self.readers.values() if r.started_at is not None and now >= r.started_at + timeout]:
            r.kill()
            done.append(self.lost(r, "timeout", f"no result within {timeout:g} s; stopped"))
            self.requeue(r)
            self.drop(r)

    def run(self) -> Iterator[FileOutcome]:
        try:
            while self.todo or self.readers:
                self.fill()
                now = time.monotonic()
                deadlines = [r.started_at + self.limits.timeout_s for r in self.readers.values()
                             if r.started_at is not None]
                wait = max(0.0, min(deadlines) - now) if deadlines else 1.0
                done: list[FileOutcome] = []
                for key, _ in self.sel.select(timeout=min(wait, 1.0)):
                    self.events(key.data, done)
                self.stop_overdue(done)
                self.fill()  # new readers start before the caller loads these
                yield from done
        finally:  # the consumer stopped early or the parent is being interrupted: leave no reader behind
            for r in self.readers.values():
                r.kill()
                r.reap()
            self.sel.close()


def run_isolated(items: Iterable[tuple[str, str]], work: Work, limits: Limits) -> Iterator[FileOutcome]:
    """Outcomes of `work(path, sha256)` for (path, sha256) items as they complete, each file read in a
    forked reader process under `limits` (see _Scheduler)."""
    return _Scheduler(items, work, limits).run()


def run_one(path: str, sha256: str, work: Work, limits: Limits) -> FileOutcome:
    """One file in one sandboxed reader process."""
    return next(run_isolated([(path, sha256)], work, replace(limits, workers=1)))
