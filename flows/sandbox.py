"""Process one file in a forked child with an address-space limit and a wall-clock timeout.

Why a fork and not a thread or a multiprocessing pool: pdfium/pdfminer bombs can exhaust memory,
loop for minutes or abort the whole process (SIGABRT cannot be caught). A child with RLIMIT_AS
dies alone; the parent reads its pickled result and survives any child death.
The child writes its result to an unnamed temporary file, not into the pipe: a finished child never
waits for the parent (which may be busy loading the previous result); the pipe only tells the parent
the child has exited. Children are forked from the calling (main) thread only, and the next children
start before a result is handed to the caller, so both cores keep working while the caller loads.
`preload()` imports the heavy modules and loads spaCy once in the parent, so each fork is cheap
(copy-on-write). Each child leads its own process group, so a timeout also kills the tesseract
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


def _child(path: str, settings, out_fd: int) -> None:
    """Runs in the forked child; never returns."""
    code = 0
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        limit = _address_space() + settings.run.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            data = pickle.dumps(_work(path, settings), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("quarantined", "too_large", f"exceeded the memory limit of {settings.run.memory_mb} MB"))
        view = memoryview(data)
        while view:
            view = view[os.write(out_fd, view):]
    except BaseException:  # noqa: BLE001 - the parent reports a child without a result as crashed
        code = 3
    finally:
        os._exit(code)


class _Running:
    def __init__(self, path: str, sha: str, settings):
        self.path, self.sha = path, sha
        self.started = time.monotonic()
        self.deadline = self.started + settings.run.timeout_s
        self.result = tempfile.TemporaryFile(prefix="verslagen-")
        rfd, wfd = os.pipe()  # closed by the child's exit: the parent's "done" signal
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            _child(path, settings, self.result.fileno())
        os.close(wfd)
        self.pid, self.rfd = pid, rfd

    def kill(self) -> None:
        for target in (lambda s: os.killpg(self.pid, s), lambda s: os.kill(self.pid, s)):
            try:
                target(signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass

    def finish(self, timed_out: bool, settings) -> Outcome:
        os.close(self.rfd)
        _, status = os.waitpid(self.pid, 0)
        seconds = time.monotonic() - self.started
        with self.result:
            self.result.seek(0)
            data = self.result.read()
        base = dict(path=self.path, sha256=self.sha, seconds=round(seconds, 3))
        if timed_out:
            return Outcome(status="quarantined", reason="timeout",
                           detail=f"no result within {settings.run.timeout_s:g} s; stopped", **base)
        try:
            kind, a, b = pickle.loads(data)
        except Exception:  # noqa: BLE001 - no (complete) result: the child died
            if os.WIFSIGNALED(status):
                sig = signal.Signals(os.WTERMSIG(status)).name
                detail = f"reader process killed by {sig} (often: out of memory under the {settings.run.memory_mb} MB limit)"
            else:
                detail = f"reader process exited with code {os.WEXITSTATUS(status)} without a result"
            return Outcome(status="quarantined", reason="crashed", detail=detail, **base)
        if kind == "loaded":
            return Outcome(status="loaded", doc=a, ann=b, **base)
        return Outcome(status="quarantined", reason=a, detail=b, **base)


def run_many(items: Iterable[tuple[str, str]], settings, workers: int | None = None) -> Iterator[Outcome]:
    """Outcomes for (path, sha256) items as they complete, with up to `workers` children at a time."""
    workers = max(1, workers or settings.run.workers)
    todo = list(items)
    todo.reverse()
    running: dict[int, _Running] = {}
    sel = selectors.DefaultSelector()

    def start() -> None:
        path, sha = todo.pop()
        r = _Running(path, sha, settings)
        running[r.rfd] = r
        sel.register(r.rfd, selectors.EVENT_READ, r)

    try:
        while todo or running:
            while todo and len(running) < workers:
                start()
            now = time.monotonic()
            wait = max(0.0, min(r.deadline for r in running.values()) - now)
            done = []
            for key, _ in sel.select(timeout=min(wait, 1.0)):
                r = key.data
                if os.read(r.rfd, 4096):
                    continue  # nothing is written to the pipe; tolerate it anyway
                sel.unregister(r.rfd)
                del running[r.rfd]
                done.append(r.finish(False, settings))
            now = time.monotonic()
            for r in [r for r in running.values() if now >= r.deadline]:
                r.kill()
                sel.unregister(r.rfd)
                del running[r.rfd]
                done.append(r.finish(True, settings))
            while todo and len(running) < workers:  # the next children run while the caller loads these
                start()
            yield from done
    finally:  # the consumer stopped early or the parent is being interrupted: leave no child behind
        for r in running.values():
            r.kill()
            r.result.close()
            try:
                os.close(r.rfd)
                os.waitpid(r.pid, 0)
            except OSError:
                pass
        sel.close()


def run_one(path: str, sha256: str, settings) -> Outcome:
    """One file in one sandboxed child (what a Dask worker runs per file)."""
    return next(run_many([(path, sha256)], settings, workers=1))
