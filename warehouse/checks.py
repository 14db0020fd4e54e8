"""Cheap checks before a warehouse is opened, so that a wrong path fails with one clear reason
(and before a writer copies anything or takes its lock)."""
from __future__ import annotations

import os

MAGIC = b"DUCK"  # a DuckDB file has this at byte 8 (after the header checksum)


class WarehouseInvalid(ValueError):
    """The warehouse path holds a file that is not a DuckDB database."""


class WarehouseNotWritable(PermissionError):
    """The warehouse's folder cannot be written (read-only file system or no permission): no retry helps."""


def is_duckdb_file(path: str) -> bool:
    with open(path, "rb") as f:
        head = f.read(12)
    return len(head) == 12 and head[8:12] == MAGIC


def check_warehouse_file(path: str) -> None:
    """WarehouseInvalid when `path` exists but is not a DuckDB file (an empty file is not one either)."""
    if path == ":memory:" or not os.path.exists(path):
        return
    if os.path.isdir(path):
        raise WarehouseInvalid(f"{path} is a folder, not a warehouse file: give --warehouse FILE.duckdb")
    if not is_duckdb_file(path):
        raise WarehouseInvalid(f"{path} is not a DuckDB warehouse: give the path of the warehouse file, "
                               "or a new name to create one")


def check_writable(path: str) -> None:
    """WarehouseNotWritable when a writer could not create files beside `path` (it needs <path>.lock,
    <path>.ingest and the published file in that folder)."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise WarehouseNotWritable(f"the folder {folder} of warehouse {path} does not exist: create it first")
    if not os.access(folder, os.W_OK):
        raise WarehouseNotWritable(f"cannot write in {folder} (read-only or no permission): the ingest needs to "
                                   f"create {os.path.basename(path)}.lock and .ingest there; choose another --warehouse")
    try:  # os.access does not see a read-only mount for root
        probe = os.path.join(folder, f".{os.path.basename(path)}.probe-{os.getpid()}")
        with open(probe, "w"):
            pass
        os.remove(probe)
    except OSError as e:
        raise WarehouseNotWritable(f"cannot write in {folder} ({e.strerror.lower()}): the ingest needs to create "
                                   f"{os.path.basename(path)}.lock and .ingest there; choose another --warehouse") from None


def check_writer_can_start(path: str, lock_timeout: float = 0.0) -> None:
    """Before an ingest starts anything: the warehouse is a DuckDB file (or absent), its folder is writable
    and no other writer keeps it busy for longer than `lock_timeout` seconds."""
    check_warehouse_file(path)
    check_writable(path)
    check_not_busy(path, lock_timeout)


def check_not_busy(path: str, timeout: float) -> None:
    """WarehouseBusy when another writer holds <path>.lock for longer than `timeout` seconds (the lock is
    released again at once: the writer takes it for itself)."""
    import fcntl
    import time

    from warehouse.publish import WarehouseBusy

    lock_path = path + ".lock"
    if not os.path.exists(lock_path):
        return
    fd = os.open(lock_path, os.O_RDONLY)
    try:
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                fcntl.flock(fd, fcntl.LOCK_UN)
                return
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise WarehouseBusy(f"warehouse {path} is busy: another ingestion holds {lock_path} (waited "
                                        f"{timeout:g} s); try again when it has finished") from None
                time.sleep(0.05)
    finally:
        os.close(fd)
