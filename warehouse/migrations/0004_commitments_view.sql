-- Promises and action items of the current reports, for SQL users and the report.
CREATE OR REPLACE VIEW v_commitments AS
SELECT c.doc_id, d.file_name, d.title, d.meeting_type, d.meeting_date, d.year, c.idx, c.page, c.char_start, c.char_end,
       c.quote, c.made_by, c.person_id, p.name AS person, c.deadline
FROM commitments c
JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'active'
LEFT JOIN persons p ON p.person_id = c.person_id;
COMMENT ON VIEW v_commitments IS 'Promises and action items (toezeggingen, actiepunten) of the current reports, with who promised and the deadline.';
COMMENT ON COLUMN v_commitments.doc_id IS 'Report (v_documents.doc_id).';
COMMENT ON COLUMN v_commitments.file_name IS 'File name of the report.';
COMMENT ON COLUMN v_commitments.title IS 'Meeting title.';
COMMENT ON COLUMN v_commitments.meeting_type IS 'Meeting type.';
COMMENT ON COLUMN v_commitments.meeting_date IS 'Date of the meeting.';
COMMENT ON COLUMN v_commitments.year IS 'Year of the meeting.';
COMMENT ON COLUMN v_commitments.idx IS 'Position in the report, 0-based.';
COMMENT ON COLUMN v_commitments.page IS 'Page, 1-based.';
COMMENT ON COLUMN v_commitments.char_start IS 'Start offset in the report text.';
COMMENT ON COLUMN v_commitments.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN v_commitments.quote IS 'The promise as written.';
COMMENT ON COLUMN v_commitments.made_by IS 'Who promised (a person or organisation), if known.';
COMMENT ON COLUMN v_commitments.person_id IS 'The person who promised when known.';
COMMENT ON COLUMN v_commitments.person IS 'Canonical name of that person.';
COMMENT ON COLUMN v_commitments.deadline IS 'Deadline as stated.';
