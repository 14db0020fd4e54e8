"""Saved queries from two places, as Datasette's canned queries: the ones shipped in warehouse/queries/
and a user folder (setting `warehouse.queries_dir`, default ~/.config/verslagen/queries) of NAME.sql
files whose first comment lines describe them. A user query with a shipped name replaces it."""
from __future__ import annotations

import os
import re
from pathlib import Path

from warehouse.query import SavedQuery, saved_queries

SHIPPED = "shipped"


def parse_saved(name: str, sql: str) -> SavedQuery:
    desc = " ".join(line.strip()[2:].strip() for line in sql.splitlines() if line.strip().startswith("--")).strip()
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    return SavedQuery(name, desc, sql, tuple(sorted(set(re.findall(r"\$([A-Za-z_]\w*)", body)))))


def user_queries(folder: str | None) -> dict[str, SavedQuery]:
    if not folder:
        return {}
    path = Path(os.path.expanduser(folder))
    if not path.is_dir():
        return {}
    return {f.stem: parse_saved(f.stem, f.read_text(encoding="utf-8")) for f in sorted(path.glob("*.sql"))}


def all_saved_queries(folder: str | None) -> dict[str, tuple[SavedQuery, str]]:
    """name -> (query, where it comes from: 'shipped' or the user folder), sorted by name."""
    out = {name: (q, SHIPPED) for name, q in saved_queries().items()}
    out.update({name: (q, str(Path(os.path.expanduser(folder)))) for name, q in user_queries(folder).items()})
    return dict(sorted(out.items()))
