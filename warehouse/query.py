"""Read-only SQL for users: one SELECT with named parameters ($name), saved queries, output formats.

Two guards: the statement type must be SELECT (or EXPLAIN), and the connection is read-only
(the published file); a write that slips past the first is refused by DuckDB and reported plainly.
"""
from __future__ import annotations

import importlib.resources
import re
from dataclasses import dataclass
from typing import Any, Sequence

import duckdb

ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class QueryRefused(ValueError):
    """The statement would write, is not a single statement, or lacks parameters."""


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
        kind = st.type.name.replace("_", " ")
        raise QueryRefused(f"refused: {kind} statements change data; the query command only reads "
                           "(use SELECT ... ; the warehouse is changed by `verslagen ingest`)")
    return st


def run_query(conn: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any] | None = None) -> Result:
    st = checked(sql)
    params = dict(params or {})
    missing = sorted(set(st.named_parameters) - set(params))
    if missing:
        raise QueryRefused("missing parameter(s): " + ", ".join(f"--param {m}=VALUE" for m in missing))
    used = {k: v for k, v in params.items() if k in st.named_parameters}
    try:
        cur = conn.execute(sql, used) if used else conn.execute(sql)
    except duckdb.InvalidInputException as e:
        if "read-only" in str(e):
            raise QueryRefused("refused: the warehouse is opened read-only and this statement would write") from e
        raise
    return Result(tuple(d[0] for d in cur.description), cur.fetchall())


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
