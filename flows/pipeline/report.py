"""Reading one report: PDF -> (Document, Annotations). The one way every caller reads a report
(the reader sandbox, `verslagen annotate`, `verslagen evaluate`, the benchmark).

`preload()` imports the heavy modules and loads spaCy once in the calling process, so that forked
readers share them (copy-on-write); `read_outcome()` is what a reader runs per file: any failure
becomes a quarantine reason instead of an exception.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import replace
from typing import Any

from flows.pipeline.outcomes import QUARANTINE_REASONS, FileOutcome, Reason, Status

_NLP: dict[str, Any] = {}  # spaCy pipeline per model name, loaded once per (parent) process
_WARMED: list = []  # tag settings whose caches preload() has filled in this process


def nlp_for(tag_settings):
    """The spaCy pipeline for these tag settings, loaded once per process."""
    from models.nlp import load_nlp

    key = tag_settings.spacy_model
    if key not in _NLP:
        _NLP[key] = load_nlp(tag_settings)
    return _NLP[key]


def read_report(path: str, settings, nlp=None, tag: bool = True) -> tuple:
    """(Document, Annotations) for one PDF; `settings` is the composed pipeline Settings; with
    tag=False the Annotations are None (extraction only). Raises extract.probe.ExtractError for a
    file that cannot be read."""
    from extract.pdf import document_from_pdf
    from models.pipeline import annotate

    doc = document_from_pdf(path, settings.extract)
    if not tag:
        return doc, None
    return doc, annotate(doc, settings.tag, nlp=nlp if nlp is not None else nlp_for(settings.tag))


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


def one_line(text: str, limit: int = 200) -> str:
    return " ".join(str(text).split())[:limit]


@contextlib.contextmanager
def _utf8_name(path: str):
    """A name the PDF libraries can take: pikepdf and pdfium need UTF-8 text, so a path with bytes that
    are not UTF-8 (surrogates from os.fsdecode) is read through a symbolic link whose name is its
    escaped form (names.stored_path: dates and words in the name survive)."""
    from flows.pipeline.names import stored_path

    safe = stored_path(path)
    if safe == path:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="verslagen-name-") as tmp:
        link = os.path.join(tmp, os.path.basename(safe))
        os.symlink(os.fsencode(os.path.abspath(path)), link)
        yield link


def read_outcome(path: str, sha256: str, settings, tag: bool = True) -> FileOutcome:
    """Read one file; never raises for a bad file: its outcome is QUARANTINED with the reason."""
    from extract.probe import ExtractError

    def quarantined(reason: str, detail: str) -> FileOutcome:
        return FileOutcome(path, sha256, Status.QUARANTINED, Reason(reason), detail)

    opened = [path]  # the name the libraries were given

    def without_path(text: str) -> str:
        from flows.pipeline.names import display_name

        for name in opened:
            text = text.replace(name, display_name(path))
        return one_line(text)

    try:
        with _utf8_name(path) as name:
            opened.insert(0, name)
            doc, ann = read_report(name, settings, tag=tag)
        if name != path:
            doc = replace(doc, path=path)
        return FileOutcome(path, sha256, Status.LOADED, doc=doc, ann=ann)
    except ExtractError as e:
        reason = e.reason if e.reason in QUARANTINE_REASONS else "corrupt"
        return quarantined(reason, without_path(str(e)))
    except MemoryError:
        return quarantined("too_large", f"exceeded its memory share (budget {settings.run.memory_budget_mb} MB)")
    except OSError as e:  # the file cannot be opened: no permission, an I/O error, gone meanwhile
        if e.filename is not None and os.fsdecode(e.filename) in opened or isinstance(e, PermissionError):
            return quarantined("unreadable", one_line(f"{e.strerror or type(e).__name__} ({type(e).__name__})"))
        return quarantined("crashed", one_line(f"{type(e).__name__}: {e}"))
    except RecursionError:
        return quarantined("corrupt", "structure nested too deeply (RecursionError)")
    except Exception as e:  # noqa: BLE001 - any other failure quarantines this one file
        return quarantined("crashed", one_line(f"{type(e).__name__}: {e}"))


class Reader:
    """The `work` of run_isolated for reports: read_outcome with these settings (a class, not a closure,
    so that it can travel to a Dask worker); tag=False extracts the Document only."""

    def __init__(self, settings, tag: bool = True):
        self.settings = settings
        self.tag = tag

    def __call__(self, path: str, sha256: str) -> FileOutcome:
        return read_outcome(path, sha256, self.settings, self.tag)
