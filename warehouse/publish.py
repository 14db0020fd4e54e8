"""Read while write: one writer works on a private copy and publishes it atomically.

- The writer holds an exclusive `flock` on `<warehouse>.lock`; a second writer waits up to a timeout
  and then gets WarehouseBusy. The kernel drops the lock when the process dies, even on SIGKILL.
- It works in `<warehouse>.ingest`: a copy of the published file, or the one a crashed writer left
  (consistent, since every document is one transaction and DuckDB replays only committed ones) when
  it opens and started from the published generation (warehouse/meta.py); otherwise (corrupt, or a
  backup was restored since) it is discarded and copied afresh. Leftovers of dead writers
  (`<warehouse>.publish-PID.tmp`, `<warehouse>.ingest.copying`) are removed when a writer opens.
- publish() stamps a new generation, checkpoints and closes the working copy, copies it beside the
  warehouse, fsyncs and os.replace()s `<warehouse>`. Readers open `<warehouse>` read-only: they see the
  old or the new file, never a half state and never a lock error (nobody opens the published file for
  writing). A warehouse path that is a symlink is followed: the link's target is replaced, not the link.
- A run that a reused working copy holds but the published file does not (killed before its publish)
  is recorded as `interrupted`, whatever status it had reached.
"""
from __future__ import annotations

import fcntl
import glob
import os
import re
import shutil
import time
from pathlib import Path

import duckdb

from warehouse.db import connect, migrate
from warehouse.meta import GENERATION, INGEST_BASE, meta_value, new_generation, published_generation, set_meta
from warehouse.settings import WarehouseSettings


class WarehouseBusy(RuntimeError):
    """Another writer holds the warehouse lock."""


def _fsync_file(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: str) -> None:
    _fsync_file(os.path.dirname(os.path.abspath(path)) or ".")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != 0


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


class Writer:
    """`with Writer(path) as w: load_document(w.conn, ...); w.publish()`."""

    def __init__(self, path: str, timeout: float | None = None, settings: WarehouseSettings | None = None):
        self.settings = settings or WarehouseSettings(path=path)
        # a symlinked warehouse: lock, work and publish beside the target, so os.replace swaps the target
        self.path = os.path.realpath(path) if os.path.islink(path) else str(path)
        self.timeout = self.settings.lock_timeout_s if timeout is None else timeout
        self.lock_path = self.path + ".lock"
        self.work_path = self.path + ".ingest"
        self._conn: duckdb.DuckDBPyConnection | None = None
        self.reused = False  # the working copy of a crashed writer was picked up
        self.discarded: str | None = None  # why a stale working copy was thrown away
        self._lock_fd: int | None = None
        self._published = False

    def __enter__(self) -> "Writer":
        self.open()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(discard_working_copy=exc_type is None and self._published)

    @property
    def conn(self) -> duckdb.DuckDBPyConnection:
        """The working copy's connection (reopened after a publish: changes from here on are unpublished)."""
        if self._conn is None:
            if self._lock_fd is None:
                raise RuntimeError("writer is not open")
            self._conn = connect(self.work_path)
            self._published = False
        return self._conn

    def open(self) -> None:
        self._lock()
        try:
            self._remove_leftovers()
            self._prepare_working_copy()
            self._conn = connect(self.work_path)
            migrate(self._conn)
            if not self.reused:
                set_meta(self._conn, INGEST_BASE, meta_value(self._conn, GENERATION) or "")
            self._mark_interrupted()
        except BaseException:
            self._unlock()
            raise

    def _lock(self) -> None:
        Path(self.lock_path).parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, self.timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise WarehouseBusy(f"warehouse {self.path} is busy: another ingestion holds {self.lock_path} "
                                        f"(waited {self.timeout:g} s); try again when it has finished") from None
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._lock_fd = fd

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _remove_leftovers(self) -> None:
        """Files of writers that died (we hold the lock: no other writer is at work)."""
        _remove(self.work_path + ".copying")
        stem = glob.escape(self.path)
        for tmp in glob.glob(stem + ".publish-*.tmp") + glob.glob(stem + ".pseudonymised-*.duckdb.*.tmp*"):
            m = re.search(r"[.-](\d+)\.tmp(\.wal)?$", tmp)  # a reader building the pseudonymised copy died
            if m and not _alive(int(m.group(1))):
                _remove(tmp)

    def _stale_reason(self) -> str | None:
        """Why the working copy left by a crashed writer must not be reused (None: reuse it)."""
        published = published_generation(self.path) if os.path.exists(self.path) else ""
        try:
            conn = connect(self.work_path)
            try:
                base = meta_value(conn, INGEST_BASE)
            finally:
                conn.close()
        except (duckdb.Error, OSError) as e:
            return f"does not open ({type(e).__name__})"
        if base is None or base != published:
            return f"started from generation {base or '?'}, published is {published or '?'}"
        return None

    def _mark_interrupted(self) -> None:
        """Runs left by a crashed writer (we hold the lock, so none is really running): 'running' ones,
        and in a reused working copy those never published (killed after finishing, before publishing)."""
        conn = self._conn
        published: list[str] = []
        if self.reused and os.path.exists(self.path):
            pub = duckdb.connect(self.path, read_only=True)
            try:
                published = [r for (r,) in pub.execute("SELECT run_id FROM ingestion_runs").fetchall()]
            except duckdb.CatalogException:
                pass
            finally:
                pub.close()
        conn.execute("UPDATE ingestion_runs SET status = 'interrupted' WHERE status = 'running' "
                     "OR (? AND status <> 'interrupted' AND NOT list_contains(?, run_id))",
                     [self.reused, published])

    def _prepare_working_copy(self) -> None:
        if os.path.exists(self.work_path):
            self.discarded = self._stale_reason()
            if self.discarded is None:
                self.reused = True
                return
            _remove(self.work_path)
        _remove(self.work_path + ".wal")
        if os.path.exists(self.path):
            tmp = self.work_path + ".copying"
            shutil.copyfile(self.path, tmp)
            os.replace(tmp, self.work_path)

    def publish(self, rebuild_index: bool = True) -> None:
        """Checkpoint the working copy and atomically make it the published warehouse. The full-text
        index is rebuilt unless the caller knows no sentence changed (a working copy left by a crashed
        run is always reindexed)."""
        from warehouse.fts import has_terms_index, rebuild_fts

        conn = self.conn
        if rebuild_index or self.reused or not has_terms_index(conn):  # a warehouse from before the terms index
            rebuild_fts(conn, self.settings)
        generation = new_generation()
        set_meta(conn, GENERATION, generation)
        set_meta(conn, INGEST_BASE, generation)  # a working copy kept after this publish is not stale
        conn.execute("CHECKPOINT")
        conn.close()
        self._conn = None
        tmp = f"{self.path}.publish-{os.getpid()}.tmp"
        try:
            shutil.copyfile(self.work_path, tmp)
            _fsync_file(tmp)
            _remove(self.path + ".wal")  # a stale WAL must never be replayed onto the new file
            os.replace(tmp, self.path)
            _fsync_dir(self.path)
        finally:
            _remove(tmp)
        self._published = True

    def close(self, discard_working_copy: bool = False) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if discard_working_copy:
            _remove(self.work_path)
            _remove(self.work_path + ".wal")
        self._unlock()


def publish(writer: Writer) -> None:
    writer.publish()


def open_reader(path: str, pseudonymise: bool = False, settings: WarehouseSettings | None = None
                ) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published warehouse, or to its pseudonymised copy (built on first use
    per generation), WarehouseMissing if there is none."""
    if pseudonymise:
        from warehouse.pseudonymised import open_pseudonymised

        return open_pseudonymised(path, settings)
    return connect(path, read_only=True)
