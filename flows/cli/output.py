"""Printing rows as a table, CSV or JSON (every command that prints rows takes --format).

- table: fits the terminal ($COLUMNS, else the terminal's width; not cut when written to a pipe or file
  without $COLUMNS): the widest column wraps, others are cut with "…"; `--wide` cuts nothing.
- csv: plain cells: lists joined with "; ", booleans true/false, dates ISO, no Python reprs.
- json: keeps structure: lists stay lists, structs (e.g. concern examples {quote, file, page}) stay objects.
"""
from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
import os
import re
import shutil
import sys
import textwrap
from typing import Any, Sequence

ELLIPSIS = "…"
_config = {"wide": False}


def configure(wide: bool = False) -> None:
    """Set once by flows.cli from `--wide`."""
    _config["wide"] = bool(wide)


def json_value(v: Any) -> Any:
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (list, tuple)):
        return [json_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): json_value(x) for k, x in v.items()}
    return v


def cell_text(v: Any) -> str:
    """One value as the text of a CSV or table cell."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dt.date, dt.datetime, dt.time)):
        return v.isoformat()
    if isinstance(v, decimal.Decimal):
        return format(v.normalize(), "f") if v == v.to_integral() else str(v)
    if isinstance(v, float):
        return f"{v:g}" if abs(v) < 1e15 else repr(v)
    if isinstance(v, dict):
        if {"quote", "file", "page"} <= set(v):
            return f"{v['quote']} ({v['file']}, p. {v['page']})"
        return ", ".join(f"{k}: {cell_text(x)}" for k, x in v.items())
    if isinstance(v, (list, tuple)):
        return "; ".join(cell_text(x) for x in v)
    return " ".join(str(v).split()) if "\n" in str(v) else str(v)


def terminal_width(out=None) -> int | None:
    """$COLUMNS, else the terminal's width when writing to one; None (no limit) for pipes and files."""
    cols = os.environ.get("COLUMNS", "")
    if cols.isdigit() and int(cols) > 0:
        return int(cols)
    out = out or sys.stdout
    try:
        if out.isatty():
            return shutil.get_terminal_size((100, 24)).columns
    except (AttributeError, ValueError, OSError):
        pass
    return None


def fit_widths(natural: list[int], headers: list[int], total: int | None, wrap: int = -1, gap: int = 2) -> list[int]:
    """Column widths whose sum (with gaps) fits `total`. Every column first gets a compact width (`headers`:
    the widest of its values and its header's longest word, at most 12), the wrapping column a third of
    the room (at least 20); what is left goes to the narrowest columns first. Too wide still: other columns
    shrink to 10, then the wrapping one to 20, then the others to 4."""
    n = len(natural)
    if total is None or n == 0 or sum(natural) + gap * (n - 1) <= total:
        return list(natural)
    room = total - gap * (n - 1)
    others = [i for i in range(n) if i != wrap]
    widths = list(natural)
    for i in others:
        widths[i] = min(natural[i], headers[i], 12)
    if 0 <= wrap < n:
        widths[wrap] = min(natural[wrap], max(20, room // 3, room - sum(widths[i] for i in others)))
    extra = room - sum(widths)
    for i in sorted(others, key=lambda i: natural[i]):  # narrow columns whole first
        if extra <= 0:
            break
        add = min(natural[i] - widths[i], extra)
        widths[i] += add
        extra -= add
    if 0 <= wrap < n and extra > 0:
        widths[wrap] = min(natural[wrap], widths[wrap] + extra)
    # still too wide: others down to 10, then the wrapping column down to 20, then others down to 4
    for floor, cols in ((10, others), (20, [wrap] if 0 <= wrap < n else []), (4, others),
                        (4, list(range(n)))):
        while sum(widths) > room:
            trimmable = [i for i in cols if widths[i] > floor]
            if not trimmable:
                break
            widths[max(trimmable, key=lambda i: widths[i])] -= 1
    return widths


def header_lines(name: str, width: int) -> list[str]:
    """A column name over several lines, broken after '_' ('first_' 'meeting'); a part too long is cut."""
    lines: list[str] = []
    for part in re.split(r"(?<=_)", name):
        if lines and len(lines[-1]) + len(part) <= width:
            lines[-1] += part
        else:
            lines.append(cut(part, width))
    return lines or [""]


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + ELLIPSIS


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float, decimal.Decimal)) and not isinstance(v, bool)


def format_table(columns: Sequence[str], rows: Sequence[Sequence[Any]], width: int | None = None,
                 wide: bool = False) -> str:
    cells = [[cell_text(v) for v in r] for r in rows]
    numeric = [bool(rows) and all(_is_number(r[i]) or r[i] is None for r in rows) for i in range(len(columns))]
    natural = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    compact = [max([len(p) for p in re.split(r"(?<=_)", c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    wrap = max(range(len(columns)), key=lambda i: natural[i]) if columns else -1  # the widest column wraps
    widths = natural if wide else fit_widths(natural, compact, width, wrap)
    lines = []

    def emit(values: list[str], is_header: bool = False) -> None:
        parts = []
        for i, (v, w) in enumerate(zip(values, widths)):
            if len(v) > w and is_header:
                parts.append(header_lines(v, w))
            elif len(v) > w and i == wrap:
                parts.append(textwrap.wrap(v, w, break_long_words=True, break_on_hyphens=False) or [""])
            else:
                parts.append([cut(v, w)])
        for k in range(max(len(p) for p in parts)):
            row = []
            for i, (p, w) in enumerate(zip(parts, widths)):
                text = p[k] if k < len(p) else ""
                row.append(text.rjust(w) if numeric[i] and not is_header else text.ljust(w))
            lines.append("  ".join(row).rstrip())

    emit(list(columns), True)
    lines.append("  ".join("-" * w for w in widths))
    for r in cells:
        emit(r)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table", out=None,
               wide: bool | None = None) -> None:
    out = out or sys.stdout
    if fmt == "json":
        json.dump([{c: json_value(v) for c, v in zip(columns, r)} for r in rows], out, ensure_ascii=False, indent=1,
                  default=str)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out)
        w.writerow(columns)
        w.writerows([[cell_text(v) for v in r] for r in rows])
    else:
        wide = _config["wide"] if wide is None else wide
        out.write(format_table(columns, rows, None if wide else terminal_width(out), wide))


BOLD, RESET = "\033[1m", "\033[0m"


def mark(text: str, spans: Sequence[Sequence[int]], start: str, end: str) -> str:
    out, pos = [], 0
    for s, e in sorted(spans):
        out += [text[pos:s], start, text[s:e], end]
        pos = e
    return "".join(out) + text[pos:]


def print_hits(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: str = "table", out=None) -> None:
    """Search hits. table: one block per hit, the whole sentence wrapped to the terminal with the words found
    in bold (a terminal) or between ** (a pipe), then report, page, speaker and the link; csv: without
    offsets; json: everything, `matches` as [start, end] offsets into `text`."""
    out = out or sys.stdout
    if fmt != "table":
        cols = list(columns) if fmt == "json" else [c for c in columns if c != "matches"]
        idx = [list(columns).index(c) for c in cols]
        print_rows(cols, [[r[i] for i in idx] for r in rows], fmt, out)
        return
    get = lambda r, c: r[list(columns).index(c)]  # noqa: E731
    width = terminal_width(out) or 100
    tty = hasattr(out, "isatty") and out.isatty() and not os.environ.get("NO_COLOR")
    for n, r in enumerate(rows, 1):
        head = (f"{n}. {cell_text(get(r, 'meeting_date')) or 'zonder datum'}  {get(r, 'file_name')}  "
                f"p. {get(r, 'page')}" + (f"  ({get(r, 'speaker')})" if get(r, "speaker") else ""))
        for line in textwrap.wrap(head, max(width, 20), subsequent_indent="   ", break_on_hyphens=False):
            out.write(line + "\n")
        text = mark(get(r, "text") or "", get(r, "matches") or [], *(("\0", "\1") if tty else ("**", "**")))
        for line in textwrap.wrap(text, max(width - 3, 20), break_on_hyphens=False) or [""]:
            out.write("   " + line.replace("\0", BOLD).replace("\1", RESET) + "\n")
        if get(r, "link"):
            out.write("   " + get(r, "link") + "\n")
    out.write(f"({len(rows)} sentence{'s' if len(rows) != 1 else ''} found)\n")
