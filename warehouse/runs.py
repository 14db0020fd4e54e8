"""Run bookkeeping: ingestion runs, per-file outcomes, quarantine, missing files, archive-wide extras."""
from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import duckdb

from warehouse.db import transaction
from warehouse.rows import clean, insert_rows


def without_secrets(settings: dict | None) -> dict:
    """A run's settings as stored: the pseudonym salt would undo every pseudonym."""
    return {k: ("(set)" if "salt" in k and v else v) for k, v in (settings or {}).items()}


def start_run(conn: duckdb.DuckDBPyConnection, folder: str, settings: dict | None = None,
              run_id: str | None = None) -> str:
    run_id = run_id or uuid.uuid4().hex[:12]
    conn.execute("INSERT INTO ingestion_runs (run_id, started_at, folder, status, settings) "
                 "VALUES (?, now()::TIMESTAMP, ?, 'running', ?)",
                 clean([run_id, folder, json.dumps(without_secrets(settings), default=str, sort_keys=True)]))
    return run_id


@dataclass(frozen=True)
class FileRecord:
    """One file's outcome in a run, as run_files stores it: loaded, loaded_flagged, quarantined, missing
    or failed, with the change (new, changed, unchanged, duplicate, restored) when it was loaded."""
    path: str
    outcome: str
    change: str | None = None
    sha256: str | None = None
    doc_id: str | None = None
    reason: str | None = None
    detail: str | None = None
    seconds: float | None = None


@dataclass(frozen=True)
class Plan:
    """What a run does with the files it found: `todo` (path, sha256, size) to read and load; `known`
    files whose content is already loaded (run_files rows: change unchanged or duplicate); `returned`
    files that came back with the content of their missing document (unchanged: made active again
    without reading); `quarantined` (path, sha256, reason, detail) files still quarantined with the same
    content and the same limits, not read again."""
    todo: list[tuple[str, str, int | None]] = field(default_factory=list)
    known: list[FileRecord] = field(default_factory=list)
    returned: list[FileRecord] = field(default_factory=list)
    quarantined: list[tuple[str, str, str, str | None]] = field(default_factory=list)


def _same_limits(run_settings: str | None, wanted: Mapping[str, object]) -> bool:
    """Whether the run that quarantined a file used these values of the settings that matter for its reason."""
    try:
        then = json.loads(run_settings or "{}")
    except ValueError:
        return False
    return all(name in then and then[name] == value for name, value in wanted.items())


def plan_files(conn: duckdb.DuckDBPyConnection, files: Iterable[tuple[str, str, int | None]],
               limits: Mapping[str, Mapping[str, object]] | None = None, retry_quarantined: bool = False) -> Plan:
    """THE skip rule, for (path, sha256, size) files: content already active at that path is unchanged;
    content of a missing document at that same path returns unchanged (made active, not read);
    content active at another path whose file still exists is a duplicate; a file quarantined with the
    same content stays quarantined unless the settings its reason depends on (`limits`:
    {reason: {setting: value}}, compared with the settings stored with the run that quarantined it)
    changed, or `retry_quarantined`; everything else is read (new, changed, restored or moved content)."""
    active = conn.execute("SELECT path, doc_id FROM documents WHERE status = 'active'").fetchall()
    by_path, by_sha = dict(active), {d: p for p, d in active}
    gone = dict(conn.execute("SELECT path, doc_id FROM documents WHERE status = 'missing'").fetchall())
    reasons = {(p, s): (r, d, settings) for p, s, r, d, settings in conn.execute(
        "SELECT q.path, q.sha256, q.reason, q.detail, r.settings FROM quarantine q "
        "LEFT JOIN ingestion_runs r ON r.run_id = q.run_id").fetchall()}
    limits = limits or {}
    plan = Plan()
    for path, sha, size in files:
        if by_path.get(path) == sha:
            plan.known.append(FileRecord(path, "loaded", "unchanged", sha, sha))
        elif gone.get(path) == sha and path not in by_path and sha not in by_sha:
            plan.returned.append(FileRecord(path, "loaded", "unchanged", sha, sha, detail="returned unchanged"))
        elif sha in by_sha and by_sha[sha] != path and os.path.exists(by_sha[sha]):
            plan.known.append(FileRecord(path, "loaded", "duplicate", sha, sha, detail=f"same content as {by_sha[sha]}"))
        elif (path, sha) in reasons and not retry_quarantined and (
                reasons[(path, sha)][0] not in limits
                or _same_limits(reasons[(path, sha)][2], limits[reasons[(path, sha)][0]])):
            plan.quarantined.append((path, sha, *reasons[(path, sha)][:2]))
        else:
            plan.todo.append((path, sha, size))
    return plan


def reactivate(conn, run_id: str | None, returned: list[FileRecord]) -> None:
    """Documents whose file came back with the same content are active again (no reading, no new version)."""
    if not returned:
        return
    with transaction(conn):
        conn.execute("UPDATE documents SET status = 'active', status_changed_at = now()::TIMESTAMP "
                     "WHERE status = 'missing' AND list_contains(?, doc_id)", [[f.doc_id for f in returned]])
        conn.execute("DELETE FROM quarantine WHERE list_contains(?, path)", [[f.path for f in returned]])
        record_files(conn, run_id, returned)


def vanished(conn, seen_paths: Iterable[str], folder: str) -> tuple[int, list[str]]:
    """(active documents under `folder`, the paths of those not among `seen_paths`): what mark_missing would do."""
    seen = sorted({clean(p) for p in seen_paths})
    prefix = folder.rstrip("/") + "/"
    known = conn.execute("SELECT count(*) FROM documents WHERE status = 'active' AND starts_with(path, ?)",
                         [prefix]).fetchone()[0]
    gone = [p for p, in conn.execute("SELECT path FROM documents WHERE status = 'active' AND starts_with(path, ?) "
                                     "AND NOT list_contains(?, path) ORDER BY path", [prefix, seen]).fetchall()]
    return known, gone


def record_file(conn, run_id: str | None, path: str, outcome: str, change: str | None = None,
                sha256: str | None = None, doc_id: str | None = None, reason: str | None = None,
                detail: str | None = None, seconds: float | None = None) -> None:
    """One file's outcome in a run: loaded, loaded_flagged, quarantined, missing, failed or skipped (not a
    report file: the reason says why)."""
    record_files(conn, run_id, [FileRecord(path, outcome, change, sha256, doc_id, reason, detail, seconds)])


def record_files(conn, run_id: str | None, files: list[FileRecord]) -> None:
    """Many files' outcomes in few statements: a
    nightly run records every unchanged file, and one statement a file cost 4 ms each."""
    keys = ("path", "sha256", "doc_id", "outcome", "change", "reason", "detail", "seconds")
    one = "(?, ?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP)"
    columns = ", ".join(("run_id",) + keys + ("logged_at",))
    for i in range(0, len(files), 500):
        chunk = files[i:i + 500]
        conn.execute(f"INSERT INTO run_files ({columns}) VALUES " + ", ".join([one] * len(chunk)),
                     clean([v for f in chunk for v in (run_id, *(getattr(f, k) for k in keys))]))


def quarantine_file(conn, run_id: str | None, path: str, sha256: str | None, reason: str,
                    detail: str | None = None, seconds: float | None = None) -> None:
    """Quarantine a file (one transaction): keeps first_seen for the same content, updates last_seen."""
    path = clean(path)
    with transaction(conn):
        conn.execute("DELETE FROM quarantine WHERE path = ? AND sha256 IS DISTINCT FROM ?", [path, sha256])
        updated = conn.execute("UPDATE quarantine SET reason = ?, detail = ?, last_seen = now()::TIMESTAMP, run_id = ? "
                               "WHERE path = ? RETURNING path", clean([reason, detail, run_id, path])).fetchall()
        if not updated:
            conn.execute("INSERT INTO quarantine (path, sha256, reason, detail, first_seen, last_seen, run_id) "
                         "VALUES (?, ?, ?, ?, now()::TIMESTAMP, now()::TIMESTAMP, ?)",
                         clean([path, sha256, reason, detail, run_id]))
        record_file(conn, run_id, path, "quarantined", sha256=sha256, reason=reason, detail=detail, seconds=seconds)


def mark_missing(conn, run_id: str | None, seen_paths: Iterable[str], folder: str | None = None) -> list[str]:
    """Active documents whose file was not seen in this run (under `folder`, if given) become `missing`.

    Their rows stay (history); quarantine rows of vanished files go. Returns the missing paths.
    """
    seen = sorted({clean(p) for p in seen_paths})
    prefix = None if folder is None else folder.rstrip("/") + "/"
    with transaction(conn):
        gone = conn.execute("SELECT doc_id, path FROM documents WHERE status = 'active' AND NOT list_contains(?, path) "
                            "AND (?::VARCHAR IS NULL OR starts_with(path, ?)) ORDER BY path",
                            [seen, prefix, prefix]).fetchall()
        moved = dict(conn.execute("SELECT doc_id, min(path) FROM run_files WHERE run_id = ? AND change = 'duplicate' "
                                  "GROUP BY doc_id", [run_id]).fetchall())
        for doc_id, path in gone:
            if doc_id in moved:  # the same content is still there under another name
                conn.execute("UPDATE documents SET path = ?, file_name = ? WHERE doc_id = ?",
                             [moved[doc_id], moved[doc_id].rsplit("/", 1)[-1], doc_id])
                continue
            conn.execute("UPDATE documents SET status = 'missing', status_changed_at = now()::TIMESTAMP WHERE doc_id = ?",
                         [doc_id])
            record_file(conn, run_id, path, "missing", sha256=doc_id, doc_id=doc_id, detail="file no longer in the folder")
        conn.execute("DELETE FROM quarantine WHERE NOT list_contains(?, path) AND (?::VARCHAR IS NULL OR starts_with(path, ?))",
                     [seen, prefix, prefix])
    return [p for d, p in gone if d not in moved]


_COUNTS = """
UPDATE ingestion_runs SET finished_at = now()::TIMESTAMP, status = ?,
  duration_s = epoch(now()::TIMESTAMP - started_at),
  n_files = (SELECT count(DISTINCT path) FROM run_files f WHERE f.run_id = ? AND outcome NOT IN ('missing', 'skipped')),
  n_new = (SELECT count(*) FROM run_files f WHERE f.run_id = ? AND change = 'new'),
  n_changed = (SELECT count(*) FROM run_files f WHERE f.run_id = ? AND change IN ('changed', 'restored')),
  n_unchanged = (SELECT count(*) FROM run_files f WHERE f.run_id = ? AND change IN ('unchanged', 'duplicate')),
  n_missing = (SELECT count(*) FROM run_files f WHERE f.run_id = ? AND outcome = 'missing'),
  n_quarantined = (SELECT count(*) FROM run_files f WHERE f.run_id = ? AND outcome = 'quarantined'),
  n_failed = (SELECT count(*) FROM run_files f WHERE f.run_id = ? AND outcome = 'failed')
WHERE run_id = ?
"""


def finish_run(conn, run_id: str, status: str = "finished", settings=None, rebuild_index: bool = True) -> dict:
    """Close a run: counts from its per-file outcomes, then rebuild the full-text index (unless the caller
    publishes through a Writer, which rebuilds it). Returns the run row."""
    from warehouse.fts import rebuild_fts

    conn.execute(_COUNTS, [status] + [run_id] * 8)
    if rebuild_index:
        rebuild_fts(conn, settings)
    cur = conn.execute("SELECT * FROM ingestion_runs WHERE run_id = ?", [run_id])
    cols = [d[0] for d in cur.description]
    row = cur.fetchone()
    return dict(zip(cols, row)) if row else {}


def concern_rows(conn) -> list[tuple[str, str, tuple[str, ...], str | None]]:
    """Active concerns: (concern_id, quote, categories, meeting_date)."""
    rows = conn.execute("SELECT c.concern_id, c.quote, c.categories, strftime(d.meeting_date, '%Y-%m-%d') "
                        "FROM concerns c JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'active' "
                        "ORDER BY c.concern_id").fetchall()
    return [(cid, q, tuple(cats or ()), date) for cid, q, cats, date in rows]


def texts_by_year(conn) -> dict[int, list[str]]:
    """Sentence texts of active documents per meeting year (input of models.topics.discover_topics)."""
    out: dict[int, list[str]] = {}
    for year, text in conn.execute("SELECT d.year, s.text FROM sentences s JOIN documents d ON d.doc_id = s.doc_id "
                                   "WHERE d.status = 'active' AND d.year IS NOT NULL ORDER BY d.year, s.doc_id, s.idx").fetchall():
        out.setdefault(year, []).append(text)
    return out


def load_archive_extras(conn, topics: Iterable[tuple], clusters: dict[str, str]) -> None:
    """Replace the archive-wide results: discovered topics (topic, year, terms, weight) and concern clusters;
    clears the derived_stale marker in the same transaction."""
    from warehouse.meta import clear_derived_stale

    with transaction(conn):
        conn.execute("DELETE FROM discovered_topics")
        insert_rows(conn, "discovered_topics", [(t, y, list(terms), w, None) for t, y, terms, w in topics])
        conn.execute("UPDATE discovered_topics SET computed_at = now()::TIMESTAMP")
        conn.execute("DELETE FROM concern_clusters")
        insert_rows(conn, "concern_clusters", [(c, k, None) for c, k in sorted(clusters.items())])
        conn.execute("UPDATE concern_clusters SET computed_at = now()::TIMESTAMP")
        clear_derived_stale(conn)
