"""One line per error: what went wrong, with which file, and what to do. `--debug` shows the traceback.

`describe(exc)` turns any exception a command lets through into (message, exit code); flows.cli.main
prints `verslagen COMMAND: message` and returns the code. Exit codes: 1 needs attention, 2 usage error.
"""
from __future__ import annotations

import difflib
import errno
import os
from typing import Iterable

HINT = "(run with --debug for the traceback)"


class UsageError(ValueError):
    """A wrong argument: exit 2, with the valid values in the message."""


def unknown_value(what: str, value: str, valid: Iterable[str]) -> UsageError:
    """UsageError naming the nearest valid value (difflib) and all valid values."""
    valid = sorted(set(valid))
    near = difflib.get_close_matches(value, valid, n=1, cutoff=0.6)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    return UsageError(f"unknown {what} {value!r}{hint}; valid: {', '.join(valid) or 'none'}")


def _os_message(e: OSError) -> str:
    name = e.filename if e.filename is not None else ""
    if e.errno == errno.ENOENT:
        folder = os.path.dirname(os.path.abspath(str(name))) if name else ""
        if folder and not os.path.isdir(folder):
            return f"cannot write {name}: the folder {folder} does not exist; create it or choose another path"
        return f"{name}: no such file; check the path"
    if e.errno == errno.EROFS:
        return f"cannot write {name}: read-only file system; choose a folder you can write to"
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"cannot use {name}: permission denied; choose a file or folder you can write to"
    if e.errno == errno.EISDIR:
        return f"{name} is a folder; give a file name"
    if e.errno == errno.ENOSPC:
        return f"cannot write {name}: the disk is full"
    reason = (e.strerror or str(e)).lower()
    return f"{name}: {reason}" if name else reason


def describe(exc: BaseException) -> tuple[str, int]:
    """(one-line message, exit code) for an exception that reached the command line."""
    from warehouse.checks import WarehouseInvalid, WarehouseNotWritable
    from warehouse.db import WarehouseMissing

    if isinstance(exc, UsageError):
        return str(exc), 2
    if isinstance(exc, (WarehouseMissing, WarehouseInvalid, WarehouseNotWritable)):
        return str(exc), 1
    if type(exc).__name__ == "SettingsError":
        return str(exc), 2
    if type(exc).__name__ == "WarehouseBusy":
        return str(exc), 1
    if isinstance(exc, OSError):
        return _os_message(exc), 1
    text = " ".join(str(exc).split())
    module = type(exc).__module__ or ""
    if module.startswith(("duckdb", "_duckdb")):
        if "not a valid DuckDB database file" in text:
            path = text.split('"')[1] if text.count('"') >= 2 else "the warehouse"
            return f"{path} is not a DuckDB warehouse: give the path of the warehouse file", 1
        if "Could not set lock" in text or "Conflicting lock" in text:
            return f"the warehouse is in use by another program that opened it for writing; close it and try again", 1
        if "Read-only file system" in text or "Permission denied" in text:
            return f"{text[:300]}; choose a folder you can write to", 1
    return f"{type(exc).__name__}: {text[:300]} {HINT}", 1


def is_permanent(exc: object) -> bool:
    """True for failures no retry can fix: read-only or missing folders, no permission, not a DuckDB file."""
    from warehouse.checks import WarehouseInvalid, WarehouseNotWritable

    if isinstance(exc, (WarehouseInvalid, WarehouseNotWritable, PermissionError, IsADirectoryError,
                        FileNotFoundError, NotADirectoryError)):
        return True
    if isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC):
        return True
    text = str(exc)
    return "Read-only file system" in text or "not a valid DuckDB database file" in text


def file_error(path: str, exc: BaseException) -> str:
    """One line about a file a command could not read: the path once, the reason without '[Errno N]'."""
    if isinstance(exc, OSError):
        if exc.filename is None:
            exc.filename = path
        if exc.errno == errno.ENOENT:
            return f"{exc.filename}: no such file; check the name and the folder"
        return _os_message(exc)
    text = " ".join(str(exc).split())
    return text if text.startswith(str(path)) else f"{path}: {text}"
