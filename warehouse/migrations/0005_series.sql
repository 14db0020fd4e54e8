-- Across meetings (issue 16): series of reports, their gaps, commitment threads with every mention,
-- and concern groups. Rebuilt at the end of each ingest from the active reports (warehouse/series_store.py).
CREATE TABLE series (slug VARCHAR, name VARCHAR, source VARCHAR, n_meetings INTEGER, first_date DATE, last_date DATE,
    computed_at TIMESTAMP);
COMMENT ON TABLE series IS 'Series: the reports of one body meeting the same partner (detected from meeting metadata or set in the series override file).';
COMMENT ON COLUMN series.slug IS 'Series id (a slug of its name).';
COMMENT ON COLUMN series.name IS 'Readable name: the words its reports share (organisation, title, file names).';
COMMENT ON COLUMN series.source IS 'detected (from metadata) or override (the series override file).';
COMMENT ON COLUMN series.n_meetings IS 'Number of loaded reports in the series.';
COMMENT ON COLUMN series.first_date IS 'Date of its first loaded meeting.';
COMMENT ON COLUMN series.last_date IS 'Date of its latest loaded meeting (status of promises is as of this date).';
COMMENT ON COLUMN series.computed_at IS 'When it was computed (UTC).';

CREATE TABLE series_meetings (slug VARCHAR, doc_id VARCHAR, position INTEGER, meeting_date DATE, announced_next DATE);
COMMENT ON TABLE series_meetings IS 'The reports of each series in meeting order.';
COMMENT ON COLUMN series_meetings.slug IS 'Series (series.slug).';
COMMENT ON COLUMN series_meetings.doc_id IS 'Report (documents.doc_id).';
COMMENT ON COLUMN series_meetings.position IS 'Position in the series, 1 = first meeting.';
COMMENT ON COLUMN series_meetings.meeting_date IS 'Meeting date.';
COMMENT ON COLUMN series_meetings.announced_next IS 'The next meeting''s date as the report announces it, if it does.';

CREATE TABLE series_gaps (slug VARCHAR, kind VARCHAR, after_date DATE, before_date DATE, expected_date DATE, evidence VARCHAR);
COMMENT ON TABLE series_gaps IS 'Missing reports of a series: a meeting the text refers to that is not loaded, or a break in the cadence.';
COMMENT ON COLUMN series_gaps.slug IS 'Series (series.slug).';
COMMENT ON COLUMN series_gaps.kind IS 'referred (named in a report, not loaded) or cadence (a longer interval than usual).';
COMMENT ON COLUMN series_gaps.after_date IS 'Date of the loaded meeting before the gap.';
COMMENT ON COLUMN series_gaps.before_date IS 'Date of the loaded meeting after the gap.';
COMMENT ON COLUMN series_gaps.expected_date IS 'Date of the missing meeting when the text gives it.';
COMMENT ON COLUMN series_gaps.evidence IS 'The words that name it (report: sentence) or the intervals.';

CREATE TABLE commitment_threads (thread_id VARCHAR, slug VARCHAR, what VARCHAR, made_by VARCHAR, ref VARCHAR,
    deadline DATE, deadline_text VARCHAR, status VARCHAR, forgotten BOOLEAN, first_date DATE, last_date DATE,
    n_mentions INTEGER, computed_at TIMESTAMP);
COMMENT ON TABLE commitment_threads IS 'Promises (toezeggingen, actiepunten) followed through the meetings of their series, with status as of the latest report.';
COMMENT ON COLUMN commitment_threads.thread_id IS 'Stable id: a hash of the report and offset of its first mention.';
COMMENT ON COLUMN commitment_threads.slug IS 'Series (series.slug).';
COMMENT ON COLUMN commitment_threads.what IS 'What was promised (the action-list wording where there is one).';
COMMENT ON COLUMN commitment_threads.made_by IS 'Who promised (person or organisation), if known.';
COMMENT ON COLUMN commitment_threads.ref IS 'Action number as first printed, if any.';
COMMENT ON COLUMN commitment_threads.deadline IS 'The latest deadline stated, resolved against the meeting date.';
COMMENT ON COLUMN commitment_threads.deadline_text IS 'The words the deadline was read from ("voor 1 mei", "volgend overleg").';
COMMENT ON COLUMN commitment_threads.status IS 'open, done, dropped or overdue (deadline before the series'' latest meeting, not done or dropped).';
COMMENT ON COLUMN commitment_threads.forgotten IS 'Open or overdue and not mentioned in the last two meetings of its series.';
COMMENT ON COLUMN commitment_threads.first_date IS 'Meeting of the first mention.';
COMMENT ON COLUMN commitment_threads.last_date IS 'Meeting of the last mention.';
COMMENT ON COLUMN commitment_threads.n_mentions IS 'Number of mentions.';
COMMENT ON COLUMN commitment_threads.computed_at IS 'When it was computed (UTC).';

CREATE TABLE commitment_mentions (thread_id VARCHAR, position INTEGER, doc_id VARCHAR, sentence INTEGER, page INTEGER,
    char_start INTEGER, char_end INTEGER, quote VARCHAR, event VARCHAR, deadline DATE, deadline_text VARCHAR, ref VARCHAR);
COMMENT ON TABLE commitment_mentions IS 'Every sentence or action-list item that makes, restates or reports on a promise, with provenance.';
COMMENT ON COLUMN commitment_mentions.thread_id IS 'Thread (commitment_threads.thread_id).';
COMMENT ON COLUMN commitment_mentions.position IS 'Position in the thread, 1 = the promise.';
COMMENT ON COLUMN commitment_mentions.doc_id IS 'Report (documents.doc_id).';
COMMENT ON COLUMN commitment_mentions.sentence IS 'Sentence index in the report (sentences.idx).';
COMMENT ON COLUMN commitment_mentions.page IS 'Page, 1-based.';
COMMENT ON COLUMN commitment_mentions.char_start IS 'Start offset in the report text.';
COMMENT ON COLUMN commitment_mentions.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN commitment_mentions.quote IS 'The words of the mention.';
COMMENT ON COLUMN commitment_mentions.event IS 'promised, repeated, progress, postponed, done or dropped.';
COMMENT ON COLUMN commitment_mentions.deadline IS 'Deadline this mention states, resolved against its meeting date.';
COMMENT ON COLUMN commitment_mentions.deadline_text IS 'The words of that deadline.';
COMMENT ON COLUMN commitment_mentions.ref IS 'Action number printed with this mention.';

CREATE TABLE concern_groups (group_id VARCHAR, label VARCHAR, recurring BOOLEAN, n_meetings INTEGER, years INTEGER[],
    first_date DATE, last_date DATE, places VARCHAR[], categories VARCHAR[], closed_by VARCHAR, computed_at TIMESTAMP);
COMMENT ON TABLE concern_groups IS 'Tenant concerns grouped into issues (same object and problem), within and across the reports of a series.';
COMMENT ON COLUMN concern_groups.group_id IS 'Group id (recurring groups first).';
COMMENT ON COLUMN concern_groups.label IS 'Readable Dutch label: the problem words and the places.';
COMMENT ON COLUMN concern_groups.recurring IS 'Raised at two or more meetings (models.concern_groups.is_recurring: the one definition).';
COMMENT ON COLUMN concern_groups.n_meetings IS 'Number of meetings that raised it.';
COMMENT ON COLUMN concern_groups.years IS 'Meeting years that raised it.';
COMMENT ON COLUMN concern_groups.first_date IS 'First meeting that raised it.';
COMMENT ON COLUMN concern_groups.last_date IS 'Latest meeting that raised it.';
COMMENT ON COLUMN concern_groups.places IS 'Places and objects named (complexes, streets, neighbourhoods).';
COMMENT ON COLUMN concern_groups.categories IS 'Theme keys of its concerns.';
COMMENT ON COLUMN concern_groups.closed_by IS 'A later sentence reporting the problem solved, if any.';
COMMENT ON COLUMN concern_groups.computed_at IS 'When it was computed (UTC).';

CREATE TABLE concern_group_members (group_id VARCHAR, concern_id VARCHAR, position INTEGER);
COMMENT ON TABLE concern_group_members IS 'The concerns of each group in meeting order.';
COMMENT ON COLUMN concern_group_members.group_id IS 'Group (concern_groups.group_id).';
COMMENT ON COLUMN concern_group_members.concern_id IS 'Concern (concerns.concern_id).';
COMMENT ON COLUMN concern_group_members.position IS 'Position in the group, 1 = first raised.';

CREATE OR REPLACE VIEW v_commitment_threads AS
SELECT t.thread_id, t.slug AS series, s.name AS series_name, t.what, t.made_by, t.ref, t.deadline, t.deadline_text,
       t.status, t.forgotten, t.first_date, t.last_date, t.n_mentions,
       d.file_name AS last_file, m.page AS last_page, m.quote AS last_quote, m.event AS last_event
FROM commitment_threads t
JOIN series s ON s.slug = t.slug
JOIN commitment_mentions m ON m.thread_id = t.thread_id AND m.position = t.n_mentions
JOIN documents d ON d.doc_id = m.doc_id;
COMMENT ON VIEW v_commitment_threads IS 'One line per promise: who, what, since when, deadline, status as of the series'' latest report, last mention with report and page.';
COMMENT ON COLUMN v_commitment_threads.thread_id IS 'Thread id.';
COMMENT ON COLUMN v_commitment_threads.series IS 'Series slug.';
COMMENT ON COLUMN v_commitment_threads.series_name IS 'Series name.';
COMMENT ON COLUMN v_commitment_threads.what IS 'What was promised.';
COMMENT ON COLUMN v_commitment_threads.made_by IS 'Who promised.';
COMMENT ON COLUMN v_commitment_threads.ref IS 'Action number as first printed.';
COMMENT ON COLUMN v_commitment_threads.deadline IS 'Latest stated deadline as a date.';
COMMENT ON COLUMN v_commitment_threads.deadline_text IS 'The words of that deadline.';
COMMENT ON COLUMN v_commitment_threads.status IS 'open, done, dropped or overdue.';
COMMENT ON COLUMN v_commitment_threads.forgotten IS 'Open or overdue, not mentioned in the last two meetings.';
COMMENT ON COLUMN v_commitment_threads.first_date IS 'Meeting of the promise.';
COMMENT ON COLUMN v_commitment_threads.last_date IS 'Meeting of the last mention.';
COMMENT ON COLUMN v_commitment_threads.n_mentions IS 'Number of mentions.';
COMMENT ON COLUMN v_commitment_threads.last_file IS 'Report of the last mention.';
COMMENT ON COLUMN v_commitment_threads.last_page IS 'Page of the last mention.';
COMMENT ON COLUMN v_commitment_threads.last_quote IS 'Words of the last mention.';
COMMENT ON COLUMN v_commitment_threads.last_event IS 'Event of the last mention.';

CREATE OR REPLACE VIEW v_commitment_mentions AS
SELECT m.thread_id, t.slug AS series, m.position, d.file_name, d.meeting_date, m.page, m.char_start, m.char_end,
       m.quote, m.event, m.deadline, m.deadline_text, m.ref, m.doc_id, m.sentence,
       (SELECT {'x0': min(b.bbox.x0), 'top': min(b.bbox.top), 'x1': max(b.bbox.x1), 'bottom': max(b.bbox.bottom)}
        FROM blocks b WHERE b.doc_id = m.doc_id AND b.page = m.page
          AND b.char_start < m.char_end AND b.char_end > m.char_start) AS bbox
FROM commitment_mentions m
JOIN commitment_threads t ON t.thread_id = m.thread_id
JOIN documents d ON d.doc_id = m.doc_id;
COMMENT ON VIEW v_commitment_mentions IS 'The timeline of each promise: every mention with its report, date, page, box and character offsets.';
COMMENT ON COLUMN v_commitment_mentions.thread_id IS 'Thread id.';
COMMENT ON COLUMN v_commitment_mentions.series IS 'Series slug.';
COMMENT ON COLUMN v_commitment_mentions.position IS 'Position in the thread.';
COMMENT ON COLUMN v_commitment_mentions.file_name IS 'Report file name.';
COMMENT ON COLUMN v_commitment_mentions.meeting_date IS 'Meeting date.';
COMMENT ON COLUMN v_commitment_mentions.page IS 'Page, 1-based.';
COMMENT ON COLUMN v_commitment_mentions.char_start IS 'Start offset in the report text.';
COMMENT ON COLUMN v_commitment_mentions.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN v_commitment_mentions.quote IS 'The words of the mention.';
COMMENT ON COLUMN v_commitment_mentions.event IS 'promised, repeated, progress, postponed, done or dropped.';
COMMENT ON COLUMN v_commitment_mentions.deadline IS 'Deadline stated here, as a date.';
COMMENT ON COLUMN v_commitment_mentions.deadline_text IS 'Words of that deadline.';
COMMENT ON COLUMN v_commitment_mentions.ref IS 'Action number printed here.';
COMMENT ON COLUMN v_commitment_mentions.doc_id IS 'Report id (documents.doc_id).';
COMMENT ON COLUMN v_commitment_mentions.sentence IS 'Sentence index (sentences.idx).';
COMMENT ON COLUMN v_commitment_mentions.bbox IS 'Bounding box on the page (PDF points): the union of the layout blocks its characters fall in.';

CREATE OR REPLACE VIEW v_concern_groups AS
SELECT g.group_id, g.label, g.recurring, g.n_meetings, len(g.years) AS n_years, g.years, g.first_date, g.last_date,
       g.places, g.categories, g.closed_by,
       list_distinct(list(coalesce(p.name, c.raised_by) ORDER BY m.position)) AS raised_by,
       list({'quote': c.quote, 'file': d.file_name, 'page': c.page} ORDER BY m.position) AS quotes
FROM concern_groups g
JOIN concern_group_members m ON m.group_id = g.group_id
JOIN concerns c ON c.concern_id = m.concern_id
JOIN documents d ON d.doc_id = c.doc_id
LEFT JOIN persons p ON p.person_id = c.person_id
GROUP BY ALL;
COMMENT ON VIEW v_concern_groups IS 'Concern groups with who raised them and every quote with report and page; recurring = raised at two or more meetings.';
COMMENT ON COLUMN v_concern_groups.group_id IS 'Group id.';
COMMENT ON COLUMN v_concern_groups.label IS 'Readable Dutch label.';
COMMENT ON COLUMN v_concern_groups.recurring IS 'Raised at two or more meetings.';
COMMENT ON COLUMN v_concern_groups.n_meetings IS 'Number of meetings.';
COMMENT ON COLUMN v_concern_groups.n_years IS 'Number of years.';
COMMENT ON COLUMN v_concern_groups.years IS 'The years.';
COMMENT ON COLUMN v_concern_groups.first_date IS 'First meeting.';
COMMENT ON COLUMN v_concern_groups.last_date IS 'Latest meeting.';
COMMENT ON COLUMN v_concern_groups.places IS 'Places and objects named.';
COMMENT ON COLUMN v_concern_groups.categories IS 'Theme keys.';
COMMENT ON COLUMN v_concern_groups.closed_by IS 'Sentence reporting it solved, if any.';
COMMENT ON COLUMN v_concern_groups.raised_by IS 'Who raised it.';
COMMENT ON COLUMN v_concern_groups.quotes IS 'Every quote with report and page, in meeting order.';
