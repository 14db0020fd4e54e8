-- Stable views for SQL users: active documents only (replaced and missing versions stay in the tables).
-- Later migrations that change tables recreate these views with the same names and columns.

CREATE OR REPLACE VIEW v_documents AS
SELECT d.doc_id, d.path, d.file_name, d.meeting_date, d.year, d.meeting_type, d.title, d.organisation, d.place,
       d.participants, d.language, d.pages,
       (SELECT count(*) FROM sentences s WHERE s.doc_id = d.doc_id) AS sentences,
       (SELECT count(*) FROM concerns c WHERE c.doc_id = d.doc_id) AS concerns,
       (SELECT count(*) FROM doc_speakers p WHERE p.doc_id = d.doc_id) AS speakers,
       d.flags, d.extractor_version, d.tagger_versions, d.ingested_at
FROM documents d WHERE d.status = 'active';
COMMENT ON VIEW v_documents IS 'Loaded reports (current versions), with counts of sentences, concerns and speakers.';

CREATE OR REPLACE VIEW v_sentences AS
SELECT s.sentence_id, s.doc_id, d.file_name, d.title, d.meeting_type, d.meeting_date, d.year,
       s.idx, s.page, s.char_start, s.char_end, s.block, s.text,
       s.speaker_key, coalesce(p.name, ds.name, s.speaker_key) AS speaker, s.person_id,
       coalesce(ds.kind, p.kind, CASE WHEN s.speaker_key IN ('tenant', 'floor') THEN 'tenant' END) AS speaker_kind,
       coalesce(ds.private, p.private, s.speaker_key IN ('tenant', 'floor')) AS speaker_private,
       s.attribution,
       coalesce((SELECT list(DISTINCT t.theme ORDER BY t.theme) FROM sentence_themes t
                 WHERE t.doc_id = s.doc_id AND t.sentence = s.idx), []::VARCHAR[]) AS themes
FROM sentences s
JOIN documents d ON d.doc_id = s.doc_id AND d.status = 'active'
LEFT JOIN doc_speakers ds ON ds.doc_id = s.doc_id AND ds.speaker_key = s.speaker_key
LEFT JOIN persons p ON p.person_id = s.person_id;
COMMENT ON VIEW v_sentences IS 'Every sentence of the current reports with its provenance, speaker, themes and meeting date.';

CREATE OR REPLACE VIEW v_concerns AS
WITH active AS (SELECT c.* FROM concerns c JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'active'),
clustered AS (SELECT a.concern_id, coalesce(k.cluster_id, a.concern_id) AS cluster_id
              FROM active a LEFT JOIN concern_clusters k ON k.concern_id = a.concern_id)
SELECT c.concern_id, c.doc_id, d.file_name, d.title, d.meeting_type, d.meeting_date, d.year,
       c.page, c.char_start, c.char_end, c.quote, c.kind, c.categories, c.raised_by,
       c.person_id, p.name AS person, coalesce(p.private, c.raised_by IN ('tenant', 'floor')) AS private,
       k.cluster_id, count(*) OVER (PARTITION BY k.cluster_id) AS cluster_size, c.score
FROM active c
JOIN documents d ON d.doc_id = c.doc_id
JOIN clustered k ON k.concern_id = c.concern_id
LEFT JOIN persons p ON p.person_id = c.person_id;
COMMENT ON VIEW v_concerns IS 'Tenant concerns of the current reports with report, page, date, who raised it and the cluster of the same concern raised again.';

CREATE OR REPLACE VIEW v_theme_trends AS
WITH per_year AS (
    SELECT d.year, count(DISTINCT d.doc_id) AS year_meetings, count(s.idx) AS year_sentences
    FROM documents d LEFT JOIN sentences s ON s.doc_id = d.doc_id
    WHERE d.status = 'active' AND d.year IS NOT NULL GROUP BY d.year),
tagged AS (
    SELECT d.year, t.theme, count(DISTINCT d.doc_id) AS meetings, count(DISTINCT t.sentence::VARCHAR || '@' || t.doc_id) AS sentences
    FROM sentence_themes t JOIN documents d ON d.doc_id = t.doc_id AND d.status = 'active'
    WHERE d.year IS NOT NULL GROUP BY d.year, t.theme)
SELECT t.year, t.theme, t.meetings, t.sentences,
       round(t.sentences / nullif(y.year_sentences, 0), 4) AS share,
       round(t.meetings / nullif(y.year_meetings, 0), 4) AS meeting_share,
       y.year_meetings, y.year_sentences
FROM tagged t JOIN per_year y USING (year)
ORDER BY t.year, t.theme;
COMMENT ON VIEW v_theme_trends IS 'Per year and theme: meetings and sentences about it, and its share of the year''s sentences.';

CREATE OR REPLACE VIEW v_speaker_activity AS
WITH said AS (
    SELECT s.person_id, count(*) AS sentences FROM sentences s
    JOIN documents d ON d.doc_id = s.doc_id AND d.status = 'active' WHERE s.person_id IS NOT NULL GROUP BY 1),
met AS (
    SELECT ds.person_id, count(DISTINCT ds.doc_id) AS meetings, min(d.meeting_date) AS first_meeting,
           max(d.meeting_date) AS last_meeting, list(DISTINCT ds.role) FILTER (WHERE ds.role IS NOT NULL) AS roles,
           list(DISTINCT ds.organisation) FILTER (WHERE ds.organisation IS NOT NULL) AS organisations
    FROM doc_speakers ds JOIN documents d ON d.doc_id = ds.doc_id AND d.status = 'active' GROUP BY 1),
raised AS (
    SELECT c.person_id, count(*) AS concerns FROM concerns c
    JOIN documents d ON d.doc_id = c.doc_id AND d.status = 'active' WHERE c.person_id IS NOT NULL GROUP BY 1)
SELECT p.person_id, p.name, p.kind, p.private, m.meetings, coalesce(s.sentences, 0) AS sentences,
       coalesce(r.concerns, 0) AS concerns, m.first_meeting, m.last_meeting, m.roles, m.organisations
FROM persons p JOIN met m USING (person_id)
LEFT JOIN said s USING (person_id) LEFT JOIN raised r USING (person_id);
COMMENT ON VIEW v_speaker_activity IS 'Per person: meetings spoken at, sentences attributed, concerns raised, first/last meeting, roles and organisations.';

-- View columns (a later migration that recreates a view repeats its comments).
COMMENT ON COLUMN v_documents.doc_id IS 'sha256 of the file bytes.';
COMMENT ON COLUMN v_documents.path IS 'Path of the file as ingested.';
COMMENT ON COLUMN v_documents.file_name IS 'File name without folders.';
COMMENT ON COLUMN v_documents.meeting_date IS 'Date of the meeting.';
COMMENT ON COLUMN v_documents.year IS 'Year of the meeting.';
COMMENT ON COLUMN v_documents.meeting_type IS 'themabijeenkomst, ledenvergadering, bewonersavond, overleg, ...';
COMMENT ON COLUMN v_documents.title IS 'Meeting title.';
COMMENT ON COLUMN v_documents.organisation IS 'Organisation holding the meeting.';
COMMENT ON COLUMN v_documents.place IS 'Place of the meeting.';
COMMENT ON COLUMN v_documents.participants IS 'Number of participants when stated.';
COMMENT ON COLUMN v_documents.language IS 'Detected language.';
COMMENT ON COLUMN v_documents.pages IS 'Number of pages.';
COMMENT ON COLUMN v_documents.sentences IS 'Number of sentences.';
COMMENT ON COLUMN v_documents.concerns IS 'Number of tenant concerns.';
COMMENT ON COLUMN v_documents.speakers IS 'Number of named speakers.';
COMMENT ON COLUMN v_documents.flags IS 'loaded_flagged reasons (ocr_used, garbled_text, ...).';
COMMENT ON COLUMN v_documents.extractor_version IS 'Versioned name of the extractor.';
COMMENT ON COLUMN v_documents.tagger_versions IS 'Versioned name of every tagger.';
COMMENT ON COLUMN v_documents.ingested_at IS 'When this version was loaded (UTC).';

COMMENT ON COLUMN v_sentences.sentence_id IS 'doc_id:idx, key of the full-text index.';
COMMENT ON COLUMN v_sentences.doc_id IS 'Report (v_documents.doc_id).';
COMMENT ON COLUMN v_sentences.file_name IS 'File name of the report.';
COMMENT ON COLUMN v_sentences.title IS 'Meeting title.';
COMMENT ON COLUMN v_sentences.meeting_type IS 'Meeting type.';
COMMENT ON COLUMN v_sentences.meeting_date IS 'Date of the meeting.';
COMMENT ON COLUMN v_sentences.year IS 'Year of the meeting.';
COMMENT ON COLUMN v_sentences.idx IS 'Position of the sentence in the report, 0-based.';
COMMENT ON COLUMN v_sentences.page IS 'Page, 1-based.';
COMMENT ON COLUMN v_sentences.char_start IS 'Start offset in the report text.';
COMMENT ON COLUMN v_sentences.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN v_sentences.block IS 'Layout block (blocks.idx).';
COMMENT ON COLUMN v_sentences.text IS 'Sentence text.';
COMMENT ON COLUMN v_sentences.speaker_key IS 'Speaker key within the report, or tenant/floor for anonymous voices.';
COMMENT ON COLUMN v_sentences.speaker IS 'Who said it (canonical name, or tenant/floor).';
COMMENT ON COLUMN v_sentences.person_id IS 'The person (persons.person_id) when named.';
COMMENT ON COLUMN v_sentences.speaker_kind IS 'Speaker kind (tenant, chair, politician, ...).';
COMMENT ON COLUMN v_sentences.speaker_private IS 'True when the speaker is a private person (tenant).';
COMMENT ON COLUMN v_sentences.attribution IS 'How the speaker was found: section, reported_speech, anonymous or none.';
COMMENT ON COLUMN v_sentences.themes IS 'Theme keys of the sentence.';

COMMENT ON COLUMN v_concerns.concern_id IS 'doc_id:idx.';
COMMENT ON COLUMN v_concerns.doc_id IS 'Report (v_documents.doc_id).';
COMMENT ON COLUMN v_concerns.file_name IS 'File name of the report.';
COMMENT ON COLUMN v_concerns.title IS 'Meeting title.';
COMMENT ON COLUMN v_concerns.meeting_type IS 'Meeting type.';
COMMENT ON COLUMN v_concerns.meeting_date IS 'Date of the meeting.';
COMMENT ON COLUMN v_concerns.year IS 'Year of the meeting.';
COMMENT ON COLUMN v_concerns.page IS 'Page, 1-based.';
COMMENT ON COLUMN v_concerns.char_start IS 'Start offset in the report text.';
COMMENT ON COLUMN v_concerns.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN v_concerns.quote IS 'The sentence raising the concern.';
COMMENT ON COLUMN v_concerns.kind IS 'complaint, worry, question, disagreement, condition or request.';
COMMENT ON COLUMN v_concerns.categories IS 'Theme keys.';
COMMENT ON COLUMN v_concerns.raised_by IS 'tenant, floor, residents_reported or a speaker name.';
COMMENT ON COLUMN v_concerns.person_id IS 'The person who raised it when named.';
COMMENT ON COLUMN v_concerns.person IS 'Canonical name of that person.';
COMMENT ON COLUMN v_concerns.private IS 'True when raised by a private person or an anonymous tenant.';
COMMENT ON COLUMN v_concerns.cluster_id IS 'Cluster of the same concern raised again (the earliest concern''s id).';
COMMENT ON COLUMN v_concerns.cluster_size IS 'Number of concerns in the cluster.';
COMMENT ON COLUMN v_concerns.score IS 'Tagger confidence 0..1.';

COMMENT ON COLUMN v_theme_trends.year IS 'Meeting year.';
COMMENT ON COLUMN v_theme_trends.theme IS 'Theme key.';
COMMENT ON COLUMN v_theme_trends.meetings IS 'Meetings that year with at least one sentence on the theme.';
COMMENT ON COLUMN v_theme_trends.sentences IS 'Sentences that year on the theme.';
COMMENT ON COLUMN v_theme_trends.share IS 'sentences / all sentences of that year.';
COMMENT ON COLUMN v_theme_trends.meeting_share IS 'meetings / all meetings of that year.';
COMMENT ON COLUMN v_theme_trends.year_meetings IS 'All meetings of that year.';
COMMENT ON COLUMN v_theme_trends.year_sentences IS 'All sentences of that year.';

COMMENT ON COLUMN v_speaker_activity.person_id IS 'The person (persons.person_id).';
COMMENT ON COLUMN v_speaker_activity.name IS 'Canonical name.';
COMMENT ON COLUMN v_speaker_activity.kind IS 'Speaker kind.';
COMMENT ON COLUMN v_speaker_activity.private IS 'A private person (tenant).';
COMMENT ON COLUMN v_speaker_activity.meetings IS 'Meetings where the person is a speaker.';
COMMENT ON COLUMN v_speaker_activity.sentences IS 'Sentences attributed to the person.';
COMMENT ON COLUMN v_speaker_activity.concerns IS 'Concerns raised by the person.';
COMMENT ON COLUMN v_speaker_activity.first_meeting IS 'Date of the first meeting.';
COMMENT ON COLUMN v_speaker_activity.last_meeting IS 'Date of the last meeting.';
COMMENT ON COLUMN v_speaker_activity.roles IS 'Roles over time.';
COMMENT ON COLUMN v_speaker_activity.organisations IS 'Organisations over time.';
