"""Reading series, commitment threads and concern groups back out of the warehouse: rows for the CLI
(the saved queries warehouse/queries/{series,commitment_threads,concern_groups}.sql), the JSON formats
of ../shared/corpus/README.md ("Series gold", "Concern groups"), and the per-series overview the HTML
report shows."""
from __future__ import annotations

from importlib import resources

from warehouse.query import Result, run_query


def _sql(name: str) -> str:
    return resources.files("warehouse").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")


def _iso(d) -> str | None:
    return d.isoformat()[:10] if d is not None else None


def series_rows(conn) -> Result:
    return run_query(conn, _sql("series"))


def commitment_rows(conn, series: str | None = None, status: str | None = None) -> Result:
    return run_query(conn, _sql("commitment_threads"), {"series": series, "status": status})


def concern_group_rows(conn, recurring: bool | None = None, since: int | None = None,
                       category: str | None = None) -> Result:
    return run_query(conn, _sql("concern_groups"), {"recurring": recurring, "since": since, "category": category})


def commitments_json(conn, series: str | None = None, status: str | None = None) -> list[dict]:
    """One object per series in the series gold format (score_series.py reads the list)."""
    wanted = {r[1] for r in commitment_rows(conn, series, status).rows}
    out = []
    for slug, name in conn.execute("SELECT slug, name FROM series ORDER BY n_meetings DESC, slug").fetchall():
        docs = conn.execute("SELECT d.file_name, m.meeting_date FROM series_meetings m JOIN documents d "
                            "ON d.doc_id = m.doc_id WHERE m.slug = ? ORDER BY m.position", [slug]).fetchall()
        threads = []
        for tid, what, by, ref, deadline, dtext, st, forgotten in conn.execute(
                "SELECT thread_id, what, made_by, ref, deadline, deadline_text, status, forgotten "
                "FROM commitment_threads WHERE slug = ? ORDER BY first_date, thread_id", [slug]).fetchall():
            if tid not in wanted:
                continue
            mentions = conn.execute(
                "SELECT file_name, quote, event, page, char_start, char_end, meeting_date FROM v_commitment_mentions "
                "WHERE thread_id = ? ORDER BY position", [tid]).fetchall()
            threads.append({"id": tid, "what": what, "by": by, "ref": ref, "deadline": _iso(deadline),
                            "deadline_text": dtext, "status": st, "forgotten": forgotten,
                            "mentions": [{"file": f, "quote": q, "event": e, "page": p, "char_start": a, "char_end": b,
                                          "date": _iso(d)} for f, q, e, p, a, b, d in mentions]})
        if threads or not (series or status):
            out.append({"series": slug, "organisation": name,
                        "documents": [{"file": f, "date": _iso(d)} for f, d in docs], "threads": threads})
    return out


def concern_groups_json(conn, recurring: bool | None = None) -> dict:
    """The concern-groups format (score_groups.py reads it)."""
    docs = [f for (f,) in conn.execute("SELECT file_name FROM documents WHERE status = 'active' "
                                       "ORDER BY meeting_date, file_name").fetchall()]
    groups = []
    for gid, label, rec, n, years, first, last, places, cats in conn.execute(
            "SELECT group_id, label, recurring, n_meetings, years, first_date, last_date, places, categories "
            "FROM concern_groups "
            "WHERE ? IS NULL OR recurring = ? ORDER BY recurring DESC, n_meetings DESC, first_date, group_id",
            [recurring, recurring]).fetchall():
        members = conn.execute(
            "SELECT d.file_name, c.quote, c.page, c.raised_by FROM concern_group_members m "
            "JOIN concerns c ON c.concern_id = m.concern_id JOIN documents d ON d.doc_id = c.doc_id "
            "WHERE m.group_id = ? ORDER BY m.position", [gid]).fetchall()
        groups.append({"id": gid, "label": label, "recurring": rec, "n_meetings": n, "years": list(years or []),
                       "first": _iso(first), "last": _iso(last), "places": list(places or []),
                       "categories": list(cats or []), "members": [{"file": f, "quote": q, "page": p, "raised_by": r} for f, q, p, r in members]})
    return {"documents": docs, "groups": groups}


def series_overview(conn) -> list[dict]:
    """Per series: its reports, gaps, and the overdue and forgotten threads with each thread's timeline
    (for the HTML report)."""
    out = []
    for slug, name, n, first, last in conn.execute(
            "SELECT slug, name, n_meetings, first_date, last_date FROM series WHERE n_meetings > 1 "
            "ORDER BY n_meetings DESC, slug").fetchall():
        late = []
        for tid, what, by, deadline, dtext, status, forgotten in conn.execute(
                "SELECT thread_id, what, made_by, deadline, deadline_text, status, forgotten FROM commitment_threads "
                "WHERE slug = ? AND (status = 'overdue' OR forgotten) ORDER BY deadline NULLS LAST, first_date",
                [slug]).fetchall():
            timeline = conn.execute("SELECT meeting_date, event, quote, file_name, page FROM v_commitment_mentions "
                                    "WHERE thread_id = ? ORDER BY position", [tid]).fetchall()
            late.append({"what": what, "by": by, "deadline": _iso(deadline), "deadline_text": dtext,
                         "status": status, "forgotten": forgotten,
                         "timeline": [{"date": _iso(d), "event": e, "quote": q, "file": f, "page": p}
                                      for d, e, q, f, p in timeline]})
        counts = dict(conn.execute("SELECT status, count(*) FROM commitment_threads WHERE slug = ? GROUP BY status",
                                   [slug]).fetchall())
        gaps = [{"kind": k, "after": _iso(a), "before": _iso(b), "expected": _iso(e), "evidence": ev}
                for k, a, b, e, ev in conn.execute("SELECT kind, after_date, before_date, expected_date, evidence "
                                                   "FROM series_gaps WHERE slug = ? ORDER BY after_date", [slug]).fetchall()]
        out.append({"series": slug, "name": name, "meetings": n, "first": _iso(first), "last": _iso(last),
                    "counts": counts, "late": late, "gaps": gaps})
    return out
