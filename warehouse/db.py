"""Connecting to the warehouse and migrating it.

Migrations are forward-only numbered SQL files (`warehouse/migrations/NNNN_name.sql`, package data).
Each one runs in an explicit transaction together with its bookkeeping row in `schema_migrations`,
so a failing migration leaves nothing behind; an applied migration whose file changed is an error
(history must not be rewritten under existing data).
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

_NAME = re.compile(r"^(\d{4})_(\w+)\.sql$")


class MigrationError(RuntimeError):
    """A migration failed or an applied migration's file changed."""


class WarehouseMissing(FileNotFoundError):
    """A reader asked for a warehouse file that does not exist."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def fts_extension_path() -> str:
    """The offline FTS extension shipped inside the duckdb-extension-fts wheel (no download at run time)."""
    import duckdb_extension_fts

    root = Path(duckdb_extension_fts.__file__).parent
    found = sorted(root.rglob("fts.duckdb_extension"))
    if not found:
        raise RuntimeError(f"fts.duckdb_extension not found under {root}")
    return str(found[-1])


# DuckDB's buffer pool would grow to 80 % of RAM on a large archive; beyond this it spills to disk,
# so an ingest stays under its memory target whatever the corpus size
MEMORY_LIMIT = "512MB"


def connect(path: str = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection with the FTS extension loaded. Readers pass read_only=True (the published file)."""
    if read_only and path != ":memory:" and not Path(path).exists():
        raise WarehouseMissing(f"no warehouse at {path}: run `verslagen ingest FOLDER --warehouse {path}` first")
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
              "memory_limit": MEMORY_LIMIT}
    conn = duckdb.connect(path, read_only=read_only and path != ":memory:", config=config)
    try:
        conn.execute("LOAD fts")
    except duckdb.Error:
        try:
            conn.execute(f"INSTALL '{fts_extension_path()}'")
            conn.execute("LOAD fts")
        except duckdb.IOException:  # no writable extension directory: load straight from the wheel
            conn.execute(f"LOAD '{fts_extension_path()}'")
    return conn


def shipped_migrations() -> list[Migration]:
    files = importlib.resources.files("warehouse").joinpath("migrations")
    return migrations_in(files)


def migrations_in(folder) -> list[Migration]:
    """Migrations of a folder (a Path or an importlib Traversable), in version order."""
    found = []
    for entry in folder.iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise MigrationError(f"two migrations share a version number: {versions}")
    return found


_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name VARCHAR, checksum VARCHAR, applied_at TIMESTAMP);
COMMENT ON TABLE schema_migrations IS 'Applied schema migrations (warehouse/migrations/NNNN_name.sql).';
COMMENT ON COLUMN schema_migrations.version IS 'Migration number NNNN.';
COMMENT ON COLUMN schema_migrations.name IS 'Migration name.';
COMMENT ON COLUMN schema_migrations.checksum IS 'sha256 of the migration file when it was applied.';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied (UTC).';
"""


def migrate(conn: duckdb.DuckDBPyConnection, migrations=None) -> list[int]:
    """Apply the migrations not yet applied; returns their versions.

    `migrations` is a folder (Path) or a list of Migration; default: the shipped ones.
    """
    if migrations is None:
        todo = shipped_migrations()
    elif isinstance(migrations, (str, Path)):
        todo = migrations_in(Path(migrations))
    else:
        todo = list(migrations)
    with transaction(conn):
        conn.execute(_BOOKKEEPING)
    applied = {v: c for v, c in conn.execute("SELECT version, checksum FROM schema_migrations").fetchall()}
    done = []
    for m in todo:
        if m.version in applied:
            if applied[m.version] != m.checksum:
                raise MigrationError(f"migration {m.version:04d}_{m.name} was changed after it was applied "
                                     "(write a new migration instead)")
            continue
        try:
            with transaction(conn):
                conn.execute(m.sql)
                conn.execute("INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                             "VALUES (?, ?, ?, now()::TIMESTAMP)", [m.version, m.name, m.checksum])
        except duckdb.Error as e:
            raise MigrationError(f"migration {m.version:04d}_{m.name} failed and was rolled back: {e}") from e
        done.append(m.version)
    return done


@contextlib.contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN; COMMIT when the block ends, ROLLBACK (and re-raise) when it raises anything."""
    conn.execute("BEGIN")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def open_warehouse(path: str = ":memory:") -> duckdb.DuckDBPyConnection:
    """A writable, migrated connection (tests, the ingest working copy)."""
    conn = connect(path)
    migrate(conn)
    return conn
