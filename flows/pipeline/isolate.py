"""Read files in forked reader processes with an address-space limit and a wall-clock timeout per file.

Why forks and not threads or a multiprocessing pool: pdfium/pdfminer bombs can exhaust memory,
loop for minutes or abort the whole process (SIGABRT cannot be caught). A reader with RLIMIT_AS
dies alone; the parent survives any reader's death and knows which file it was reading.
A reader reads file after file (the parent keeps one path queued behind the one being read, so a
reader never waits while the parent loads), writes each pickled result to its own unnamed temporary
file and tells the parent through a pipe where the result is. Readers are forked from the calling
(main) thread only and replaced after FILES_PER_READER files; a file that exceeds the memory limit or
dies in a reader that had read other files is read again by a fresh reader, so a file's outcome
never depends on the files read before it.
`preload()` imports the heavy modules and loads spaCy once in the parent, so each fork is cheap
(copy-on-write). Each reader leads its own process group, so a timeout also kills the tesseract
processes OCR may have started.
"""
from __future__ import annotations

import os
import pickle
import resource
import selectors
import signal
import tempfile
import time
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

QUARANTINE_REASONS = ("empty", "not_a_pdf", "corrupt", "encrypted", "too_large", "too_many_pages", "timeout",
                      "no_text_ocr_failed", "crashed")
_NLP: dict[str, Any] = {}  # spaCy pipeline per model name, loaded once per (parent) process
_WARMED: list = []  # tag settings whose caches preload() has filled in this process


@dataclass(frozen=True)
class Outcome:
    """What became of one file: `loaded` (doc + ann set) or `quarantined` (reason + one-line detail)."""
    path: str
    sha256: str
    status: str  # loaded | quarantined
    reason: str | None = None
    detail: str = ""
    seconds: float = 0.0
    doc: Any = None  # extract.document.Document
    ann: Any = None  # models.annotations.Annotations

    @property
    def pages(self) -> int:
        return len(self.doc.pages) if self.doc is not None else 0


def nlp_for(tag_settings):
    from models.nlp import load_nlp

    key = tag_settings.spacy_model
    if key not in _NLP:
        _NLP[key] = load_nlp(tag_settings)
    return _NLP[key]


def preload(settings) -> None:
    """Import extraction and tagging, load spaCy and fill the taggers' caches (compiled rules, name
    lists, lexicons) by tagging a tiny example, so forked children share all of it instead of each
    rebuilding it (that cost a child about half again its work). Then freeze the garbage collector's
    view of these objects: a child's collections would otherwise touch, and so copy, every page."""
    import gc

    import extract.pdf  # noqa: F401 - pdfplumber, pdfminer, pikepdf
    from extract.document import EXAMPLE_FILLED_DOCUMENT
    from models.pipeline import annotate

    if settings.tag in _WARMED:
        return
    annotate(EXAMPLE_FILLED_DOCUMENT, settings.tag, nlp=nlp_for(settings.tag))
    _WARMED.append(settings.tag)
    gc.freeze()


def _one_line(text: str, limit: int = 200) -> str:
    return " ".join(str(text).split())[:limit]


def _work(path: str, settings) -> tuple:
    from extract.pdf import document_from_pdf
    from extract.probe import ExtractError
    from models.pipeline import annotate

    try:
        doc = document_from_pdf(path, settings.extract)
        return ("loaded", doc, annotate(doc, settings.tag, nlp=nlp_for(settings.tag)))
    except ExtractError as e:
        reason = e.reason if e.reason in QUARANTINE_REASONS else "corrupt"
        return ("quarantined", reason, _one_line(str(e).replace(path, os.path.basename(path))))
    except MemoryError:
        return ("quarantined", "too_large", f"exceeded the memory limit of {settings.run.memory_mb} MB")
    except RecursionError:
        return ("quarantined", "corrupt", "structure nested too deeply (RecursionError)")
    except Exception as e:  # noqa: BLE001 - any other failure quarantines this one file
        return ("quarantined", "crashed", _one_line(f"{type(e).__name__}: {e}"))


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


def _reader(settings, cmd_fd: int, event_fd: int, out_fd: int, inherited: Iterable[int]) -> None:
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
        limit = _address_space() + settings.run.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        offset = 0
        while True:
            head = _read_exact(cmd_fd, 4)
            size = int.from_bytes(head, "big") if head else 0
            if not size:
                break
            path = os.fsdecode(_read_exact(cmd_fd, size))
            os.write(event_fd, b"S\n")
            started = time.monotonic()
            try:
                result = _work(path, settings)
                data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                result = ("quarantined", "too_large", f"exceeded the memory limit of {settings.run.memory_mb} MB")
                data = pickle.dumps(result)
            view, at = memoryview(data), offset
            while view:
                n = os.pwrite(out_fd, view, at)
                view, at = view[n:], at + n
            os.write(event_fd, f"D {offset} {len(data)} {time.monotonic() - started:.3f}\n".encode())
            offset += len(data)
            if result[:2] == ("quarantined", "too_large"):
                break  # a heap that hit the limit once is no place for the next file
    except BaseException:  # noqa: BLE001 - the parent reports a file without a result as crashed
        code = 3
    finally:
        os._exit(code)


class _Reader:
    """A forked reader process and the parent's view of it: the files sent to it, in order (the first
    one is being read once the reader said so), and its event stream."""

    def __init__(self, settings, others: Iterable["_Reader"] = ()):
        self.results = tempfile.TemporaryFile(prefix="verslagen-")
        cmd_r, cmd_w = os.pipe()
        event_r, event_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(cmd_w)
            os.close(event_r)
            inherited = [fd for o in others for fd in (o.cmd, o.events, o.results.fileno()) if not o.closed or fd != o.cmd]
            _reader(settings, cmd_r, event_w, self.results.fileno(), inherited)
        os.close(cmd_r)
        os.close(event_w)
        self.pid, self.cmd, self.events = pid, cmd_w, event_r
        self.sent: list[tuple[str, str, bool]] = []  # (path, sha256, retried) not finished, in order
        self.started_at: float | None = None  # monotonic time the first of `sent` started
        self.finished = 0  # files this reader has finished
        self.assigned = 0  # files sent to it in all
        self.closed = False  # told to exit after what it has
        self.buffer = b""

    @property
    def idle(self) -> bool:
        return not self.sent

    def send(self, item: tuple[str, str, bool]) -> bool:
        path = os.fsencode(item[0])
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

    def result(self, offset: int, length: int, seconds: float) -> Outcome:
        path, sha, _ = self.sent.pop(0)
        self.finished += 1
        self.started_at = None
        base = dict(path=path, sha256=sha, seconds=round(seconds, 3))
        try:
            kind, a, b = pickle.loads(os.pread(self.results.fileno(), length, offset))
        except Exception as e:  # noqa: BLE001 - an unreadable result is a crash of that file
            return Outcome(status="quarantined", reason="crashed", detail=_one_line(f"unreadable result: {e}"), **base)
        if kind == "loaded":
            return Outcome(status="loaded", doc=a, ann=b, **base)
        return Outcome(status="quarantined", reason=a, detail=b, **base)


def run_many(items: Iterable[tuple[str, str]], settings, workers: int | None = None) -> Iterator[Outcome]:
    """Outcomes for (path, sha256) items as they complete, read by up to `workers` reader processes.

    Each reader is forked from this (main) thread and reads file after file: the parent sends it the
    next path as soon as it starts one, so it never waits while the parent loads. A reader is replaced
    after FILES_PER_READER files. A file that runs past the timeout gets its reader killed (the files
    queued behind it go to another reader); a file whose reader dies, or that exceeds the memory limit,
    after that reader had read other files is read once more by a fresh reader, so its outcome never
    depends on what was read before it."""
    workers = max(1, workers or settings.run.workers)
    todo: list[tuple[str, str, bool]] = [(p, s, False) for p, s in items]
    todo.reverse()  # pop() takes the next file
    readers: dict[int, _Reader] = {}
    sel = selectors.DefaultSelector()
    timeout = settings.run.timeout_s

    def next_for(r: _Reader) -> tuple[str, str, bool] | None:
        """The next item for reader r: a file read again only goes to a reader that has read nothing."""
        retry = todo[-1][2]
        return todo.pop() if not retry or r.assigned == 0 else None

    def feed(r: _Reader) -> None:
        """Keep one file queued behind the one r is reading."""
        while not r.closed and len(r.sent) < 2 and todo:
            if r.assigned >= FILES_PER_READER:
                r.close()
                return
            item = next_for(r)
            if item is None:
                if r.idle:
                    r.close()  # only a retry is left: this reader makes way for a fresh one
                return
            if not r.send(item):
                todo.append(item)
                r.close()
                return
        if not todo and r.idle:
            r.close()

    def start() -> None:
        r = _Reader(settings, readers.values())
        readers[r.events] = r
        sel.register(r.events, selectors.EVENT_READ, r)
        feed(r)

    def requeue(r: _Reader) -> None:
        todo.extend(reversed(r.sent))
        r.sent = []

    def drop(r: _Reader) -> int:
        """Forget reader r and wait for its process; its exit status."""
        sel.unregister(r.events)
        del readers[r.events]
        return r.reap()

    def read_again(item: tuple[str, str, bool], read_before: int) -> bool:
        """A file that failed in a reader that had read `read_before` other files goes back to be read
        once more by a fresh reader (True); a file failing on its own, or for the second time, stays failed."""
        path, sha, retried = item
        if read_before and not retried:
            todo.append((path, sha, True))
            return True
        return False

    def lost(r: _Reader, reason: str, detail: str) -> Outcome | None:
        """The file r was reading when it died or was stopped; None when it is read again instead."""
        item = r.sent.pop(0)
        seconds = time.monotonic() - (r.started_at or time.monotonic())
        if reason != "timeout" and read_again(item, r.finished):
            return None
        return Outcome(path=item[0], sha256=item[1], status="quarantined", reason=reason, detail=detail,
                       seconds=round(seconds, 3))

    def end(r: _Reader, done: list[Outcome]) -> None:
        status = drop(r)
        if r.sent and (r.started_at is not None or status):  # it died reading a file (or before it began)
            if os.WIFSIGNALED(status):
                sig = signal.Signals(os.WTERMSIG(status)).name
                detail = f"reader process killed by {sig} (often: out of memory under the {settings.run.memory_mb} MB limit)"
            else:
                detail = f"reader process exited with code {os.WEXITSTATUS(status)} without a result"
            o = lost(r, "crashed", detail)
            if o is not None:
                done.append(o)
        requeue(r)

    try:
        while todo or readers:
            while todo and len(readers) < workers:
                start()
            now = time.monotonic()
            deadlines = [r.started_at + timeout for r in readers.values() if r.started_at is not None]
            wait = max(0.0, min(deadlines) - now) if deadlines else 1.0
            done: list[Outcome] = []
            for key, _ in sel.select(timeout=min(wait, 1.0)):
                r = key.data
                chunk = os.read(r.events, 4096)
                r.buffer += chunk
                while b"\n" in r.buffer:
                    line, r.buffer = r.buffer.split(b"\n", 1)
                    if line == b"S":
                        r.started_at = time.monotonic()
                        feed(r)
                    elif line.startswith(b"D "):
                        _, off, length, secs = line.split()
                        item = r.sent[0]
                        o = r.result(int(off), int(length), float(secs))
                        if not (o.reason in ("too_large", "crashed") and read_again(item, r.finished - 1)):
                            done.append(o)
                        feed(r)
                if not chunk:
                    end(r, done)
            now = time.monotonic()
            for r in [r for r in readers.values() if r.started_at is not None and now >= r.started_at + timeout]:
                r.kill()
                done.append(lost(r, "timeout", f"no result within {timeout:g} s; stopped"))
                requeue(r)
                drop(r)
            while todo and len(readers) < workers:  # new readers start before the caller loads these
                start()
            yield from done
    finally:  # the consumer stopped early or the parent is being interrupted: leave no reader behind
        for r in readers.values():
            r.kill()
            r.reap()
        sel.close()


def run_one(path: str, sha256: str, settings) -> Outcome:
    """One file in one sandboxed reader process."""
    return next(run_many([(path, sha256)], settings, workers=1))
