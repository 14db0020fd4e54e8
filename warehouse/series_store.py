"""Across meetings in the warehouse: series, gaps, commitment threads and concern groups, rebuilt from
the active reports at the end of each ingest (like the topics), and read back for the CLI and the report.

`rebuild_series(conn, overrides)` reads the base tables into the models' inputs (models.series,
models.threads, models.concern_groups), replaces the derived tables in one transaction, and returns
what changed: the threads that became overdue or forgotten in this run (for the nightly artifact) and
concern clusters (concern_id -> group) for the older `concern_clusters` table.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from models.concern_groups import ConcernGroup, ConcernItem, groups_of, is_solved_statement
from models.series import MeetingInfo, Series, announced_meeting, gaps_in, load_overrides, referred_meetings, series_of
from models.thread_cues import acts_as_heading
from models.threads import ReportText, Thread, Unit, threads_of
from warehouse.db import transaction
from warehouse.rows import insert_rows


@dataclass(frozen=True)
class Rebuilt:
    series: tuple[Series, ...]
    threads: tuple[Thread, ...]
    groups: tuple[ConcernGroup, ...]
    clusters: dict  # concern_id -> id of the group's first concern (fills concern_clusters)
    newly_late: tuple[tuple[str, str, str, str | None, str | None], ...]  # (series, what, status, deadline, by)


def _iso(d) -> str | None:
    return d.isoformat()[:10] if d is not None else None


def reports_in(conn) -> tuple[list[MeetingInfo], list[ReportText]]:
    """Every active report as the models read it: meeting metadata and its sentences with block kind,
    section heading and the commitment tagger's verdict."""
    docs = conn.execute("SELECT doc_id, file_name, meeting_date, meeting_type, title, organisation, running_headers "
                        "FROM documents WHERE status = 'active' ORDER BY meeting_date, file_name").fetchall()
    people: dict[str, list[str]] = {}
    for doc_id, name in conn.execute("SELECT doc_id, name FROM attendees ORDER BY doc_id, idx").fetchall():
        people.setdefault(doc_id, []).append(name)
    heads: dict[str, list[tuple[int, str]]] = {}
    block_text: dict[tuple[str, int], str] = {}
    for doc_id, idx, text, kind in conn.execute("SELECT doc_id, idx, text, kind FROM blocks WHERE kind IN ('heading', 'title') "
                                                "ORDER BY doc_id, idx").fetchall():
        block_text[(doc_id, idx)] = text
        if kind == "heading" and acts_as_heading(kind, text):
            heads.setdefault(doc_id, []).append((idx, " ".join(text.split())))
    committed = {(d, s): by for d, s, by in conn.execute("SELECT doc_id, sentence, made_by FROM commitments").fetchall()}
    sents: dict[str, list[tuple]] = {}
    for row in conn.execute("SELECT s.doc_id, s.idx, s.page, s.char_start, s.char_end, s.text, b.kind, s.block "
                            "FROM sentences s JOIN blocks b ON b.doc_id = s.doc_id AND b.idx = s.block "
                            "JOIN documents d ON d.doc_id = s.doc_id AND d.status = 'active' "
                            "ORDER BY s.doc_id, s.idx").fetchall():
        sents.setdefault(row[0], []).append(row[1:])
    infos, reports = [], []
    for doc_id, file_name, date, mtype, title, org, headers in docs:
        rows = sents.get(doc_id, [])
        texts = [r[4] for r in rows]
        iso = _iso(date)
        info = MeetingInfo(doc_id, file_name, iso, mtype, title, org, tuple(people.get(doc_id, ())),
                           tuple(headers or ()), referred_meetings(texts, iso), announced_meeting(texts, iso))
        hs = heads.get(doc_id, [])
        units = []
        for idx, page, start, end, text, kind, block in rows:
            if acts_as_heading(kind, block_text.get((doc_id, block), "")):
                continue
            heading = next((h for b, h in reversed(hs) if b < block), None)
            key = (doc_id, idx)
            units.append(Unit(idx, page, start, end, text, "paragraph" if kind in ("heading", "title") else kind, heading, key in committed, committed.get(key), block))
        infos.append(info)
        reports.append(ReportText(info, tuple(units)))
    return infos, reports


def concerns_in(conn, series: list[Series]) -> tuple[list[ConcernItem], list[ConcernItem], set[str]]:
    """(concerns, sentences reporting a problem solved, names of people) of the active reports."""
    slug = {m.doc_id: s.slug for s in series for m in s.meetings}
    sections: dict[str, list[tuple[int, int]]] = {}
    for doc_id, idx, start in conn.execute("SELECT doc_id, idx, char_start FROM sections ORDER BY doc_id, idx").fetchall():
        sections.setdefault(doc_id, []).append((idx, start))

    def section(doc_id, at):
        return max((i for i, s in sections.get(doc_id, []) if s <= at), default=None)

    rows = conn.execute(
        "SELECT c.concern_id, d.file_name, c.doc_id, d.meeting_date, c.sentence, c.char_start, c.quote, c.categories, "
        "coalesce(p.name, c.raised_by), c.page, concat_ws(' ', d.organisation, d.title) "
        "FROM concerns c JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'active' "
        "LEFT JOIN persons p ON p.person_id = c.person_id ORDER BY d.meeting_date, c.doc_id, c.idx").fetchall()
    items = [ConcernItem(cid, f, d, _iso(date), slug.get(d), sent, section(d, start), q, tuple(cats or ()), by, page, org)
             for cid, f, d, date, sent, start, q, cats, by, page, org in rows]
    solved = [ConcernItem(f"{d}#{i}", f, d, _iso(date), slug.get(d), i, section(d, start), t, (), None, page, org)
              for d, f, date, i, start, t, page, org in conn.execute(
                  "SELECT s.doc_id, d.file_name, d.meeting_date, s.idx, s.char_start, s.text, s.page, "
                  "concat_ws(' ', d.organisation, d.title) FROM sentences s JOIN documents d ON d.doc_id = s.doc_id "
                  "AND d.status = 'active' WHERE regexp_matches(lower(s.text), 'opgelost|verholpen|geen overlast meer|"
                  "afgehandeld|geen klachten meer')").fetchall() if is_solved_statement(t)]
    names = {n for (n,) in conn.execute("SELECT DISTINCT name FROM doc_speakers").fetchall() if n}
    names |= {n.split()[-1] for n in names}
    return items, solved, names


def thread_key(t: Thread) -> str:
    """Stable across runs: the report and offset of the promise."""
    return hashlib.sha1(f"{t.first.doc_id}:{t.first.start}".encode()).hexdigest()[:16]


def rebuild_series(conn, overrides_path: str | None = None) -> Rebuilt:
    """Recompute and replace series, gaps, threads and concern groups from the active reports."""
    infos, reports = reports_in(conn)
    series = series_of(infos, load_overrides(overrides_path))
    by_doc = {r.meeting.doc_id: r for r in reports}
    threads: list[Thread] = []
    for s in series:
        threads += threads_of(s, [by_doc[m.doc_id] for m in s.meetings])
    items, solved, names = concerns_in(conn, series)
    groups = groups_of(items, solved, names)
    before = {tid: (status, forgotten) for tid, status, forgotten in
              conn.execute("SELECT thread_id, status, forgotten FROM commitment_threads").fetchall()}
    newly = []
    for t in threads:
        old = before.get(thread_key(t))
        late_now = t.status == "overdue" or t.forgotten
        late_then = old is not None and (old[0] == "overdue" or old[1])
        if late_now and not late_then:
            newly.append((t.series, t.what, "forgotten" if t.forgotten else t.status, t.deadline, t.by))
    with transaction(conn):
        for table in ("series", "series_meetings", "series_gaps", "commitment_threads", "commitment_mentions",
                      "concern_groups", "concern_group_members"):
            conn.execute(f"DELETE FROM {table}")
        insert_rows(conn, "series", [(s.slug, s.name, s.source, len(s.meetings), s.meetings[0].date,
                                      s.meetings[-1].date, None) for s in series])
        insert_rows(conn, "series_meetings", [(s.slug, m.doc_id, i, m.date, m.announced)
                                              for s in series for i, m in enumerate(s.meetings, 1)])
        insert_rows(conn, "series_gaps", [(g.slug, g.kind, g.after, g.before, g.expected, g.evidence)
                                          for s in series for g in gaps_in(s)])
        insert_rows(conn, "commitment_threads", [
            (thread_key(t), t.series, t.what, t.by, t.ref, t.deadline, t.deadline_text, t.status, t.forgotten,
             t.first.meeting_date, t.last.meeting_date, len(t.mentions), None) for t in threads])
        insert_rows(conn, "commitment_mentions", [
            (thread_key(t), i, m.doc_id, m.sentence, m.page, m.start, m.end, m.quote, m.event, m.deadline,
             m.deadline_text, m.ref) for t in threads for i, m in enumerate(t.mentions, 1)])
        insert_rows(conn, "concern_groups", [
            (g.group_id, g.label, g.recurring, g.n_meetings, list(g.years), g.first_date, g.last_date, list(g.places),
             list(g.categories), g.closed_by, None) for g in groups])
        insert_rows(conn, "concern_group_members", [(g.group_id, m.key, i) for g in groups
                                                    for i, m in enumerate(g.members, 1)])
        for table in ("series", "commitment_threads", "concern_groups"):
            conn.execute(f"UPDATE {table} SET computed_at = now()::TIMESTAMP")
    clusters = {m.key: g.members[0].key for g in groups for m in g.members}
    return Rebuilt(tuple(series), tuple(threads), tuple(groups), clusters, tuple(newly))


def late_markdown(newly: tuple) -> str:
    """The nightly artifact: promises that became overdue or forgotten in this run."""
    lines = ["# Promises that became overdue or forgotten", ""]
    if not newly:
        return "\n".join(lines + ["None in this run."]) + "\n"
    lines += ["| series | promise | by | deadline | status |", "|---|---|---|---|---|"]
    lines += [f"| {s} | {w.replace('|', '/')} | {b or ''} | {d or ''} | {st} |" for s, w, st, d, b in newly]
    return "\n".join(lines) + "\n"
