"""Read-only SQL for users: one SELECT with named parameters ($name), saved queries, output formats.

Three guards. The statement must be one SELECT (or EXPLAIN [ANALYZE] of one: EXPLAIN ANALYZE runs
its statement). The connection is read-only (the published file, or its pseudonymised copy). And after
the FTS extension is loaded it is locked down with DuckDB's own settings (`lock_down`): no external
access (no files read or written, no ATTACH, LOAD or INSTALL), a memory limit and thread count, and
the configuration locked, so the database refuses what the statement check misses.
Rows stream (fetchmany batches) with a row cap and a time limit (Connection.interrupt from a timer).
"""
from __future__ import annotations

import importlib.resources
import re
import threading
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

import duckdb

from warehouse.settings import WarehouseSettings

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
_LEADING_COMMENTS = re.compile(r"^\s*(?:(?:--[^\n]*(?:\n|$)|/\*.*?\*/)\s*)*", re.DOTALL)
_EXPLAIN = re.compile(r"^EXPLAIN\s*(?:ANALYZE\b|ANALYSE\b|\([^()]*\))?", re.IGNORECASE)
FETCH_ROWS = 1000


class QueryRefused(ValueError):
    """The statement would write, is not a single statement, or lacks parameters."""


class QueryStopped(RuntimeError):
    """The query ran out of time or memory (a one-line message for the user)."""


@dataclass(frozen=True)
class Result:
    columns: tuple[str, ...]
    rows: list[tuple]


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    sql: str
    parameters: tuple[str, ...]


def lock_down(conn: duckdb.DuckDBPyConnection, settings: WarehouseSettings | None = None) -> duckdb.DuckDBPyConnection:
    """Lock a reader's connection (after the FTS extension is loaded): nothing outside the database,
    the query's memory and threads, and no way to change either back."""
    settings = settings or WarehouseSettings()
    conn.execute("SET enable_external_access = false")
    conn.execute("SET memory_limit = ?", [settings.query_memory_limit])
    conn.execute("SET threads = ?", [settings.query_threads])
    conn.execute("SET lock_configuration = true")
    return conn


def open_query_connection(path: str, settings: WarehouseSettings | None = None,
                          pseudonymise: bool | None = None) -> duckdb.DuckDBPyConnection:
    """The SQL door's connection: the published warehouse (or its pseudonymised copy), locked down."""
    from warehouse.publish import open_reader

    settings = settings or WarehouseSettings(path=path)
    pseudonymise = settings.pseudonymise if pseudonymise is None else pseudonymise
    return lock_down(open_reader(path, pseudonymise=pseudonymise, settings=settings), settings)


def checked(sql: str) -> duckdb.Statement:
    """The single read-only statement of `sql`, or QueryRefused with the reason."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise QueryRefused(f"not valid SQL: {e}") from e
    if len(statements) != 1:
        raise QueryRefused(f"give exactly one statement (got {len(statements)})")
    st = statements[0]
    if st.type not in ALLOWED:
        raise QueryRefused(_refusal(st.type))
    if st.type == duckdb.StatementType.EXPLAIN:
        _check_explained(st.query)
    return st


def _refusal(kind: duckdb.StatementType) -> str:
    return (f"refused: {kind.name.replace('_', ' ')} statements change data or settings; the query command only "
            "reads (use SELECT ... ; the warehouse is changed by `verslagen ingest`)")


def _check_explained(query: str) -> None:
    """EXPLAIN [ANALYZE] runs or plans its statement: it must itself be a SELECT."""
    text = _LEADING_COMMENTS.sub("", query, count=1)
    m = _EXPLAIN.match(text)
    inner = text[m.end():] if m else ""
    try:
        statements = duckdb.extract_statements(inner) if inner.strip() else []
    except duckdb.Error:
        statements = []
    if len(statements) != 1:
        raise QueryRefused("refused: EXPLAIN is allowed only as EXPLAIN [ANALYZE] SELECT ...")
    if statements[0].type != duckdb.StatementType.SELECT:
        kind = statements[0].type.name.replace("_", " ")
        raise QueryRefused(f"refused: EXPLAIN [ANALYZE] runs or plans its statement and only a SELECT is allowed "
                           f"(this is {kind}); the query command only reads")


def _bound(st: duckdb.Statement, params: dict[str, Any] | None) -> dict[str, Any]:
    params = dict(params or {})
    missing = sorted(set(st.named_parameters) - set(params))
    if missing:
        raise QueryRefused("missing parameter(s): " + ", ".join(f"--param {m}=VALUE" for m in missing))
    return {k: v for k, v in params.items() if k in st.named_parameters}


def _execute(conn: duckdb.DuckDBPyConnection, sql: str, used: dict[str, Any]):
    try:
        return conn.execute(sql, used) if used else conn.execute(sql)
    except duckdb.InvalidInputException as e:
        if "read-only" in str(e):
            raise QueryRefused("refused: the warehouse is opened read-only and this statement would write") from e
        raise
    except duckdb.PermissionException as e:
        raise QueryRefused(f"refused: the query command reads only the warehouse ({str(e).splitlines()[0]})") from e


def run_query(conn: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None) -> Result:
    """All rows of one read-only statement (library callers; the CLI streams with `stream_query`)."""
    st = checked(sql)
    cur = _execute(conn, sql, _bound(st, params))
    return Result(tuple(d[0] for d in cur.description), cur.fetchall())


@dataclass
class QueryStream:
    """Columns at once, rows in batches; `truncated` tells (after the last batch) that the cap cut rows."""
    columns: tuple[str, ...]
    batches: Iterator[list[tuple]]
    limit: int
    truncated: bool = False
    rows: int = 0
    _timer: threading.Timer | None = field(default=None, repr=False)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()


def stream_query(conn: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None,
                 limit: int = 10_000, timeout_s: float | None = None, fetch: int = FETCH_ROWS) -> QueryStream:
    """Stream the rows of one read-only statement: at most `limit` (0 = all), interrupted after `timeout_s`.
    Running out of time or memory raises QueryStopped (also while iterating the batches)."""
    st = checked(sql)
    used = _bound(st, params)
    timer = None
    if timeout_s:
        timer = threading.Timer(timeout_s, conn.interrupt)
        timer.daemon = True
        timer.start()
    try:
        cur = _stopped(lambda: _execute(conn, sql, used), timeout_s)
    except BaseException:
        if timer is not None:
            timer.cancel()
        raise
    stream = QueryStream(tuple(d[0] for d in cur.description), iter(()), limit, _timer=timer)
    stream.batches = _batches(cur, stream, fetch, timeout_s)
    return stream


def _batches(cur, stream: QueryStream, fetch: int, timeout_s: float | None) -> Iterator[list[tuple]]:
    try:
        while True:
            want = fetch if not stream.limit else min(fetch, stream.limit - stream.rows)
            if want <= 0:
                # one more row tells whether the cap cut anything
                stream.truncated = bool(_stopped(lambda: cur.fetchmany(1), timeout_s))
                return
            rows = _stopped(lambda: cur.fetchmany(want), timeout_s)
            if not rows:
                return
            stream.rows += len(rows)
            yield rows
    finally:
        stream.close()


def _stopped(step, timeout_s: float | None):
    """Run one step of a query; running out of time or memory becomes QueryStopped."""
    try:
        return step()
    except duckdb.InterruptException as e:
        after = f" after {timeout_s:g} s (setting warehouse.query_timeout_s)" if timeout_s else ""
        raise QueryStopped(f"stopped{after}; narrow the query or raise the limit") from e
    except (duckdb.OutOfMemoryException, MemoryError) as e:
        first = (str(e).splitlines() or [type(e).__name__])[0]
        raise QueryStopped(f"out of memory ({first}); narrow the query or raise warehouse.query_memory_limit") from e


def saved_queries() -> dict[str, SavedQuery]:
    """Named queries shipped in warehouse/queries/*.sql; the first comment lines describe them."""
    out = {}
    for f in importlib.resources.files("warehouse").joinpath("queries").iterdir():
        if f.name.endswith(".sql"):
            sql = f.read_text(encoding="utf-8")
            name = f.name[:-4]
            desc = " ".join(line[2:].strip() for line in sql.splitlines() if line.startswith("--")).strip()
            params = tuple(sorted(set(re.findall(r"\$([A-Za-z_]\w*)", _without_comments(sql)))))
            out[name] = SavedQuery(name, desc, sql, params)
    return dict(sorted(out.items()))


def _without_comments(sql: str) -> str:
    return "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))


def write_parquet(conn: duckdb.DuckDBPyConnection, result: Result, path: str) -> None:
    """Rows (possibly rewritten in Python, e.g. pseudonymised) to a Parquet file."""
    import pandas as pd

    frame = pd.DataFrame(result.rows, columns=list(_unique(result.columns)))
    mem = duckdb.connect(":memory:")
    try:
        mem.register("result_rows", frame)
        mem.execute(f"COPY result_rows TO '{_quote(path)}' (FORMAT parquet)")
    finally:
        mem.close()


def _unique(columns: Sequence[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for c in columns:
        seen[c] = seen.get(c, 0) + 1
        out.append(c if seen[c] == 1 else f"{c}_{seen[c]}")
    return out


def _quote(path: str) -> str:
    return path.replace("'", "''")
