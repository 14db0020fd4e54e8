"""Loading documents and their annotations: one transaction per batch, idempotent, history kept.

- same content (doc_id = sha256 of the bytes) already active at that path: nothing changes ("unchanged");
- new content at a path that had another version: the old version's rows stay, its status becomes
  `replaced` (`replaced_by` = the new doc_id) and the views show only the new one ("changed");
- an older version that comes back is made active again ("restored"); the same content at a second
  path is not loaded twice ("duplicate").
Run bookkeeping (runs, quarantine, missing files) lives in warehouse/runs.py and is re-exported here.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass

import duckdb

from extract.document import Document
from warehouse.db import transaction
from warehouse.load_tags import insert_tags
from warehouse.rows import RowBatch, bbox, clean
from warehouse.runs import (concern_rows, finish_run, load_archive_extras, mark_missing, plan_files, quarantine_file,
                            record_file, record_files, start_run, texts_by_year)
from warehouse.settings import WarehouseSettings

__all__ = ["load_document", "load_documents", "LoadItem", "start_run", "record_file", "record_files",
           "quarantine_file", "mark_missing", "finish_run", "load_archive_extras", "concern_rows", "texts_by_year"]


def load_document(conn: duckdb.DuckDBPyConnection, doc: Document, ann, run_id: str | None,
                  settings: WarehouseSettings | None = None, size_bytes: int | None = None,
                  seconds: float | None = None) -> str:
    """Load one document version in ONE transaction; returns new|changed|unchanged|restored|duplicate."""
    change = load_documents(conn, [LoadItem(doc, ann, size_bytes, seconds)], run_id, settings)[0]
    if isinstance(change, Exception):
        raise change
    return change


@dataclass(frozen=True)
class LoadItem:
    """One document to load: its extraction, its annotations (or None), file size and reading time."""
    doc: Document
    ann: object = None
    size_bytes: int | None = None
    seconds: float | None = None


def load_documents(conn: duckdb.DuckDBPyConnection, items: list[LoadItem], run_id: str | None,
                   settings: WarehouseSettings | None = None) -> list[str | Exception]:
    """Load several documents in ONE transaction, each table's rows in one statement (a few times
    faster than one document at a time). If that fails, each document is loaded in its own
    transaction, so a document that cannot be stored costs only itself. Returns, per item, its
    change (new|changed|unchanged|restored|duplicate) or the exception that kept it out."""
    settings = settings or WarehouseSettings()
    try:
        return _transaction(conn, items, run_id, settings)
    except Exception as e:  # noqa: BLE001 - handed back per document; several: find out which one it was
        if len(items) == 1:
            return [e]
        return [change for item in items for change in load_documents(conn, [item], run_id, settings)]


def _transaction(conn, items: list[LoadItem], run_id, settings) -> list[str | Exception]:
    with transaction(conn):
        rows, changes = RowBatch(), []
        for item in items:
            t0 = time.monotonic()
            doc = item.doc
            change = _load(conn, doc, item.ann, run_id, settings, item.size_bytes, rows)
            outcome = "loaded_flagged" if doc.flags else "loaded"
            seconds = item.seconds if item.seconds is not None else time.monotonic() - t0
            record_file(conn, run_id, doc.path, outcome, change=change, sha256=doc.doc_id, doc_id=doc.doc_id,
                        reason=",".join(doc.flags) or None, seconds=seconds)
            conn.execute("DELETE FROM quarantine WHERE path = ?", [clean(doc.path)])
            changes.append(change)
        rows.flush(conn)
    return changes


def _load(conn, doc: Document, ann, run_id, settings, size_bytes, rows: RowBatch) -> str:
    path = clean(doc.path)
    known = plan_files(conn, [(path, doc.doc_id, size_bytes)]).known  # the one skip rule
    if known:
        return known[0].change
    row = conn.execute("SELECT status, path FROM documents WHERE doc_id = ?", [doc.doc_id]).fetchone()
    if row and row[0] == "active":
        conn.execute("UPDATE documents SET path = ?, file_name = ? WHERE doc_id = ?",  # the file moved
                     [path, os.path.basename(path), doc.doc_id])
        return "unchanged"
    previous = conn.execute("SELECT doc_id FROM documents WHERE path = ? AND status IN ('active', 'missing') "
                            "AND doc_id <> ?", [path, doc.doc_id]).fetchall()
    for (old,) in previous:
        conn.execute("UPDATE documents SET status = 'replaced', replaced_by = ?, status_changed_at = now()::TIMESTAMP "
                     "WHERE doc_id = ?", [doc.doc_id, old])
    if row:  # an older version came back
        conn.execute("UPDATE documents SET status = 'active', replaced_by = NULL, path = ?, "
                     "status_changed_at = now()::TIMESTAMP WHERE doc_id = ?", [path, doc.doc_id])
        return "restored"
    if size_bytes is None:
        size_bytes = os.path.getsize(doc.path) if os.path.isfile(doc.path) else len(clean(doc.text).encode())
    _insert_document(conn, doc, ann, run_id, size_bytes)
    _insert_structure(doc, rows)
    insert_tags(conn, doc, ann, settings, rows)
    return "changed" if previous else "new"


_DOCUMENT_COLUMNS = ", ".join((
    "doc_id", "path", "file_name", "size_bytes", "pages", "meeting_date", "year", "date_source", "meeting_type",
    "title", "organisation", "place", "participants", "present_count", "language", "flags", "running_headers",
    "extractor_version", "tagger_versions", "n_chars", "run_id", "ingested_at", "status", "replaced_by",
    "status_changed_at"))


def _insert_document(conn, doc: Document, ann, run_id, size_bytes) -> None:
    m = doc.meeting
    versions = dict(ann.versions) if ann is not None else {}
    date = m.date if m.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", m.date) else None
    conn.execute(
        f"INSERT INTO documents ({_DOCUMENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?::DATE, year(?::DATE), ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, ?, ?, MAP(?::VARCHAR[], ?::VARCHAR[]), ?, ?, now()::TIMESTAMP, 'active', NULL, now()::TIMESTAMP)",
        clean([doc.doc_id, doc.path, os.path.basename(doc.path), size_bytes, len(doc.pages), date, date,
               m.date_source, m.type, m.title, m.organisation, m.place, m.participants, m.present_count,
               doc.language, list(doc.flags), list(doc.running_headers), doc.extractor_version,
               list(versions), list(versions.values()), len(doc.text), run_id]))


def _insert_structure(doc: Document, rows: RowBatch) -> None:
    d = doc.doc_id
    rows.add("pages", [(d, p.number, p.width, p.height, p.n_chars, p.ocr, p.skipped) for p in doc.pages])
    rows.add("blocks", [(d, i, b.kind, b.level, b.page, bbox(b.bbox), b.start, b.end, b.text, b.ocr,
                                  b.footnote, list(b.footnote_refs)) for i, b in enumerate(doc.blocks)])
