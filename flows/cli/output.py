"""Printing rows as a table, CSV or JSON (every command that prints rows takes --format)."""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import sys
from typing import Any, Sequence


def _plain(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    return v


def print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table", out=None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        json.dump([{c: _plain(v) for c, v in zip(columns, r)} for r in rows], out, ensure_ascii=False, indent=1,
                  default=str)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        w.writerows([[_plain(v) for v in r] for r in rows])
    else:
        cells = [[("" if v is None else str(_plain(v))).replace("\n", " ") for v in r] for r in rows]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
        line = lambda vals: "  ".join(v[:w].ljust(w) for v, w in zip(vals, widths)).rstrip()
        out.write(line(list(columns)) + "\n")
        out.write(line(["-" * w for w in widths]) + "\n")
        for r in cells:
            out.write(line(r) + "\n")
        out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
