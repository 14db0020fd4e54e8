-- Series of meetings (one body meeting the same partner) with their reports in meeting order and the gaps found (a report referred to but not loaded, a break in the cadence).
SELECT s.slug AS series, s.name, s.source, s.n_meetings AS meetings, s.first_date, s.last_date,
       (SELECT list(d.file_name || ' (' || coalesce(strftime(m.meeting_date, '%Y-%m-%d'), '?') || ')' ORDER BY m.position)
        FROM series_meetings m JOIN documents d ON d.doc_id = m.doc_id WHERE m.slug = s.slug) AS reports,
       (SELECT list(g.kind || ': ' || coalesce(strftime(g.expected_date, '%Y-%m-%d'), 'between ' || g.after_date || ' and ' || g.before_date)
                    || ' — ' || g.evidence ORDER BY g.after_date)
        FROM series_gaps g WHERE g.slug = s.slug) AS gaps
FROM series s
ORDER BY s.n_meetings DESC, s.slug;
