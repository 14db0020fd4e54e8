-- The warehouse's tables. Every tag carries its provenance: doc_id, page, char_start, char_end
-- (character offsets into the document's text) and bbox where the extractor knows it.
-- Rows of replaced documents stay (status = 'replaced'): history is kept, the v_* views show active documents only.

CREATE TABLE warehouse_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
COMMENT ON TABLE warehouse_meta IS 'Settings the warehouse keeps about itself (the pseudonym salt).';
COMMENT ON COLUMN warehouse_meta.key IS 'Setting name.';
COMMENT ON COLUMN warehouse_meta.value IS 'Setting value.';
INSERT INTO warehouse_meta VALUES ('pseudonym_salt', md5(random()::VARCHAR || now()::VARCHAR));

CREATE TABLE documents (
    doc_id VARCHAR, path VARCHAR, file_name VARCHAR, size_bytes BIGINT, pages INTEGER,
    meeting_date DATE, year INTEGER, date_source VARCHAR, meeting_type VARCHAR, title VARCHAR,
    organisation VARCHAR, place VARCHAR, participants INTEGER, present_count INTEGER, language VARCHAR,
    flags VARCHAR[], running_headers VARCHAR[], extractor_version VARCHAR, tagger_versions MAP(VARCHAR, VARCHAR),
    n_chars INTEGER, run_id VARCHAR, ingested_at TIMESTAMP, status VARCHAR, replaced_by VARCHAR, status_changed_at TIMESTAMP);
COMMENT ON TABLE documents IS 'One row per version of a report file (a version = distinct file content).';
COMMENT ON COLUMN documents.doc_id IS 'sha256 of the file bytes; identifies this version of the report.';
COMMENT ON COLUMN documents.path IS 'Path of the file as ingested.';
COMMENT ON COLUMN documents.file_name IS 'File name without folders.';
COMMENT ON COLUMN documents.size_bytes IS 'File size in bytes (length of the text when loaded without a file).';
COMMENT ON COLUMN documents.pages IS 'Number of pages.';
COMMENT ON COLUMN documents.meeting_date IS 'Date of the meeting the report is about.';
COMMENT ON COLUMN documents.year IS 'Year of meeting_date (NULL when the date is unknown).';
COMMENT ON COLUMN documents.date_source IS 'Where meeting_date came from: text, filename or pdf_metadata.';
COMMENT ON COLUMN documents.meeting_type IS 'themabijeenkomst, ledenvergadering, bewonersavond, overleg, notulen, ...';
COMMENT ON COLUMN documents.title IS 'Meeting title.';
COMMENT ON COLUMN documents.organisation IS 'Organisation holding the meeting.';
COMMENT ON COLUMN documents.place IS 'Place of the meeting.';
COMMENT ON COLUMN documents.participants IS 'Number of participants when the text states it.';
COMMENT ON COLUMN documents.present_count IS 'Number present according to the attendance list.';
COMMENT ON COLUMN documents.language IS 'Detected language code (nl, en, ...).';
COMMENT ON COLUMN documents.flags IS 'loaded_flagged reasons: repaired, garbled_text, hidden_text, too_large, ocr_used, metadata_invalid.';
COMMENT ON COLUMN documents.running_headers IS 'Running header/footer lines dropped from the text.';
COMMENT ON COLUMN documents.extractor_version IS 'Versioned name of the extractor (layout.v1, ...).';
COMMENT ON COLUMN documents.tagger_versions IS 'Versioned name of every tagger: component -> version (themes -> taxonomy.v1, ...).';
COMMENT ON COLUMN documents.n_chars IS 'Length of the extracted text in characters.';
COMMENT ON COLUMN documents.run_id IS 'Ingestion run that loaded this version.';
COMMENT ON COLUMN documents.ingested_at IS 'When this version was loaded (UTC).';
COMMENT ON COLUMN documents.status IS 'active (current version), replaced (an older version of a changed file) or missing (file gone; data kept).';
COMMENT ON COLUMN documents.replaced_by IS 'doc_id of the version that replaced this one.';
COMMENT ON COLUMN documents.status_changed_at IS 'When status last changed (UTC).';

CREATE TABLE pages (doc_id VARCHAR, page INTEGER, width DOUBLE, height DOUBLE, n_chars INTEGER, ocr BOOLEAN, skipped VARCHAR);
COMMENT ON TABLE pages IS 'Pages of each document version.';
COMMENT ON COLUMN pages.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN pages.page IS 'Page number, 1-based.';
COMMENT ON COLUMN pages.width IS 'Page width in PDF points.';
COMMENT ON COLUMN pages.height IS 'Page height in PDF points.';
COMMENT ON COLUMN pages.n_chars IS 'Characters of text read from the page.';
COMMENT ON COLUMN pages.ocr IS 'True when the page text came from OCR.';
COMMENT ON COLUMN pages.skipped IS 'Why the page was not read (too_large, ...), else NULL.';

CREATE TABLE blocks (doc_id VARCHAR, idx INTEGER, kind VARCHAR, level INTEGER, page INTEGER,
    bbox STRUCT(x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE), char_start INTEGER, char_end INTEGER, text VARCHAR,
    ocr BOOLEAN, footnote VARCHAR, footnote_refs VARCHAR[]);
COMMENT ON TABLE blocks IS 'Layout blocks (title, heading, paragraph, list_item, footnote, caption, box) in reading order.';
COMMENT ON COLUMN blocks.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN blocks.idx IS 'Position of the block in reading order, 0-based.';
COMMENT ON COLUMN blocks.kind IS 'title, heading, paragraph, list_item, footnote, caption or box.';
COMMENT ON COLUMN blocks.level IS 'Heading level (1 = top); 0 for other kinds.';
COMMENT ON COLUMN blocks.page IS 'Page where the block starts, 1-based.';
COMMENT ON COLUMN blocks.bbox IS 'Bounding box in PDF points, origin top-left.';
COMMENT ON COLUMN blocks.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN blocks.char_end IS 'End offset (exclusive) in the document text.';
COMMENT ON COLUMN blocks.text IS 'Block text.';
COMMENT ON COLUMN blocks.ocr IS 'True when the text came from OCR.';
COMMENT ON COLUMN blocks.footnote IS 'A footnote''s own marker ("1"); NULL for other blocks.';
COMMENT ON COLUMN blocks.footnote_refs IS 'Footnote markers referenced from this block.';

CREATE TABLE sentences (sentence_id VARCHAR, doc_id VARCHAR, idx INTEGER, block INTEGER, page INTEGER,
    char_start INTEGER, char_end INTEGER, text VARCHAR, speaker_key VARCHAR, person_id VARCHAR, attribution VARCHAR);
COMMENT ON TABLE sentences IS 'Sentences with who said them (speaker attribution); indexed for full-text search.';
COMMENT ON COLUMN sentences.sentence_id IS 'doc_id || '':'' || idx; key of the full-text index (fts_main_sentences).';
COMMENT ON COLUMN sentences.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN sentences.idx IS 'Position of the sentence in the document, 0-based.';
COMMENT ON COLUMN sentences.block IS 'Block the sentence belongs to (blocks.idx).';
COMMENT ON COLUMN sentences.page IS 'Page, 1-based.';
COMMENT ON COLUMN sentences.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN sentences.char_end IS 'End offset (exclusive) in the document text.';
COMMENT ON COLUMN sentences.text IS 'Sentence text.';
COMMENT ON COLUMN sentences.speaker_key IS 'Who said it: a doc_speakers.speaker_key, an anonymous voice (tenant, floor) or NULL.';
COMMENT ON COLUMN sentences.person_id IS 'The person (persons.person_id) when the speaker is a named person.';
COMMENT ON COLUMN sentences.attribution IS 'How the speaker was found: section, reported_speech, anonymous or none.';

CREATE TABLE sentence_themes (doc_id VARCHAR, sentence INTEGER, theme VARCHAR, page INTEGER, char_start INTEGER, char_end INTEGER);
COMMENT ON TABLE sentence_themes IS 'Themes tagged on single sentences (the sentence is the evidence span).';
COMMENT ON COLUMN sentence_themes.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN sentence_themes.sentence IS 'Sentence (sentences.idx).';
COMMENT ON COLUMN sentence_themes.theme IS 'Theme key of the taxonomy (onderhoud, overlast, ...).';
COMMENT ON COLUMN sentence_themes.page IS 'Page of the sentence.';
COMMENT ON COLUMN sentence_themes.char_start IS 'Start offset of the sentence.';
COMMENT ON COLUMN sentence_themes.char_end IS 'End offset of the sentence.';

CREATE TABLE persons (person_id VARCHAR, name VARCHAR, norm_name VARCHAR, kind VARCHAR, private BOOLEAN, created_at TIMESTAMP);
COMMENT ON TABLE persons IS 'People resolved across the whole archive (one row per person, whatever the spelling).';
COMMENT ON COLUMN persons.person_id IS 'Stable id of the person.';
COMMENT ON COLUMN persons.name IS 'Canonical name (the first full spelling seen).';
COMMENT ON COLUMN persons.norm_name IS 'Normalised name: no title, accents, punctuation or case.';
COMMENT ON COLUMN persons.kind IS 'tenant, tenant_representative, politician, civil_servant, housing_corporation, care_organisation, expert, chair or other.';
COMMENT ON COLUMN persons.private IS 'A private person (tenant): pseudonymised with query --pseudonymise and in exports.';
COMMENT ON COLUMN persons.created_at IS 'When the person was first loaded (UTC).';

CREATE TABLE person_aliases (alias VARCHAR, norm_alias VARCHAR, person_id VARCHAR, doc_id VARCHAR);
COMMENT ON TABLE person_aliases IS 'Every spelling of a person seen in the reports (including misspellings).';
COMMENT ON COLUMN person_aliases.alias IS 'The name as written.';
COMMENT ON COLUMN person_aliases.norm_alias IS 'Normalised spelling used to match later reports.';
COMMENT ON COLUMN person_aliases.person_id IS 'The person (persons.person_id).';
COMMENT ON COLUMN person_aliases.doc_id IS 'Document version where this spelling was first seen.';

CREATE TABLE person_roles (person_id VARCHAR, role VARCHAR, organisation VARCHAR, kind VARCHAR, doc_id VARCHAR, meeting_date DATE);
COMMENT ON TABLE person_roles IS 'Roles of people over time: one row per person per report.';
COMMENT ON COLUMN person_roles.person_id IS 'The person (persons.person_id).';
COMMENT ON COLUMN person_roles.role IS 'Role as written (voorzitter, wethouder, ...).';
COMMENT ON COLUMN person_roles.organisation IS 'Organisation the person spoke for.';
COMMENT ON COLUMN person_roles.kind IS 'Speaker kind in this report.';
COMMENT ON COLUMN person_roles.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN person_roles.meeting_date IS 'Date of that meeting.';

CREATE TABLE doc_speakers (doc_id VARCHAR, speaker_key VARCHAR, person_id VARCHAR, name VARCHAR, aliases VARCHAR[],
    role VARCHAR, organisation VARCHAR, kind VARCHAR, private BOOLEAN);
COMMENT ON TABLE doc_speakers IS 'Speakers found in one report, linked to the archive-wide person.';
COMMENT ON COLUMN doc_speakers.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN doc_speakers.speaker_key IS 'Speaker key within the report (sentences.speaker_key).';
COMMENT ON COLUMN doc_speakers.person_id IS 'The person (persons.person_id).';
COMMENT ON COLUMN doc_speakers.name IS 'Name as the report gives it.';
COMMENT ON COLUMN doc_speakers.aliases IS 'Other spellings in the same report.';
COMMENT ON COLUMN doc_speakers.role IS 'Role in this report.';
COMMENT ON COLUMN doc_speakers.organisation IS 'Organisation in this report.';
COMMENT ON COLUMN doc_speakers.kind IS 'Speaker kind (tenant, chair, politician, ...).';
COMMENT ON COLUMN doc_speakers.private IS 'A private person (tenant).';

CREATE TABLE speaker_mentions (doc_id VARCHAR, speaker_key VARCHAR, person_id VARCHAR, page INTEGER,
    char_start INTEGER, char_end INTEGER, text VARCHAR, bbox STRUCT(x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE));
COMMENT ON TABLE speaker_mentions IS 'Where each speaker is named in the text.';
COMMENT ON COLUMN speaker_mentions.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN speaker_mentions.speaker_key IS 'Speaker (doc_speakers.speaker_key).';
COMMENT ON COLUMN speaker_mentions.person_id IS 'The person (persons.person_id).';
COMMENT ON COLUMN speaker_mentions.page IS 'Page, 1-based.';
COMMENT ON COLUMN speaker_mentions.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN speaker_mentions.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN speaker_mentions.text IS 'The name as written there.';
COMMENT ON COLUMN speaker_mentions.bbox IS 'Bounding box when known.';

CREATE TABLE attendees (doc_id VARCHAR, idx INTEGER, name VARCHAR, person_id VARCHAR, organisation VARCHAR, role VARCHAR,
    status VARCHAR, page INTEGER, char_start INTEGER, char_end INTEGER);
COMMENT ON TABLE attendees IS 'People listed as present or absent in a report.';
COMMENT ON COLUMN attendees.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN attendees.idx IS 'Position in the attendance list.';
COMMENT ON COLUMN attendees.name IS 'Name as written.';
COMMENT ON COLUMN attendees.person_id IS 'The person when the name matches a known person.';
COMMENT ON COLUMN attendees.organisation IS 'Organisation as written.';
COMMENT ON COLUMN attendees.role IS 'Role as written.';
COMMENT ON COLUMN attendees.status IS 'present or absent.';
COMMENT ON COLUMN attendees.page IS 'Page, 1-based.';
COMMENT ON COLUMN attendees.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN attendees.char_end IS 'End offset (exclusive).';

CREATE TABLE sections (doc_id VARCHAR, idx INTEGER, heading VARCHAR, page INTEGER, char_start INTEGER, char_end INTEGER, speakers VARCHAR[]);
COMMENT ON TABLE sections IS 'Sections of a report: from a heading (or the start) to the next heading.';
COMMENT ON COLUMN sections.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN sections.idx IS 'Position of the section, 0-based (0 = text before the first heading).';
COMMENT ON COLUMN sections.heading IS 'Heading text (NULL for the opening section).';
COMMENT ON COLUMN sections.page IS 'Page where the section starts.';
COMMENT ON COLUMN sections.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN sections.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN sections.speakers IS 'Speaker keys who speak in the section (doc_speakers.speaker_key).';

CREATE TABLE section_themes (doc_id VARCHAR, section INTEGER, theme VARCHAR, score DOUBLE);
COMMENT ON TABLE section_themes IS 'Themes of each section (see theme_evidence for the words that triggered them).';
COMMENT ON COLUMN section_themes.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN section_themes.section IS 'Section (sections.idx).';
COMMENT ON COLUMN section_themes.theme IS 'Theme key of the taxonomy.';
COMMENT ON COLUMN section_themes.score IS 'Tagger score (higher = stronger).';

CREATE TABLE theme_evidence (doc_id VARCHAR, section INTEGER, theme VARCHAR, page INTEGER, char_start INTEGER, char_end INTEGER,
    text VARCHAR, bbox STRUCT(x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE));
COMMENT ON TABLE theme_evidence IS 'The words that made a section get a theme.';
COMMENT ON COLUMN theme_evidence.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN theme_evidence.section IS 'Section (sections.idx).';
COMMENT ON COLUMN theme_evidence.theme IS 'Theme key.';
COMMENT ON COLUMN theme_evidence.page IS 'Page, 1-based.';
COMMENT ON COLUMN theme_evidence.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN theme_evidence.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN theme_evidence.text IS 'The evidence words.';
COMMENT ON COLUMN theme_evidence.bbox IS 'Bounding box when known.';

CREATE TABLE concerns (concern_id VARCHAR, doc_id VARCHAR, idx INTEGER, sentence INTEGER, quote VARCHAR, kind VARCHAR,
    categories VARCHAR[], raised_by VARCHAR, person_id VARCHAR, score DOUBLE, page INTEGER, char_start INTEGER, char_end INTEGER,
    bbox STRUCT(x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE));
COMMENT ON TABLE concerns IS 'Problems raised by tenants, residents or the floor.';
COMMENT ON COLUMN concerns.concern_id IS 'doc_id || '':'' || idx.';
COMMENT ON COLUMN concerns.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN concerns.idx IS 'Position of the concern in the report, 0-based.';
COMMENT ON COLUMN concerns.sentence IS 'Sentence (sentences.idx).';
COMMENT ON COLUMN concerns.quote IS 'The sentence as extracted.';
COMMENT ON COLUMN concerns.kind IS 'complaint, worry, question, disagreement, condition or request.';
COMMENT ON COLUMN concerns.categories IS 'Theme keys of the concern.';
COMMENT ON COLUMN concerns.raised_by IS 'tenant, floor, residents_reported or the speaker''s name.';
COMMENT ON COLUMN concerns.person_id IS 'The person who raised it when named.';
COMMENT ON COLUMN concerns.score IS 'Tagger confidence 0..1.';
COMMENT ON COLUMN concerns.page IS 'Page, 1-based.';
COMMENT ON COLUMN concerns.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN concerns.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN concerns.bbox IS 'Bounding box when known.';

CREATE TABLE concern_clusters (concern_id VARCHAR, cluster_id VARCHAR, computed_at TIMESTAMP);
COMMENT ON TABLE concern_clusters IS 'The same concern raised again across meetings: one cluster per thread (recomputed after each run).';
COMMENT ON COLUMN concern_clusters.concern_id IS 'Concern (concerns.concern_id).';
COMMENT ON COLUMN concern_clusters.cluster_id IS 'concern_id of the earliest concern of the cluster.';
COMMENT ON COLUMN concern_clusters.computed_at IS 'When the clusters were computed (UTC).';

CREATE TABLE discovered_topics (topic INTEGER, year INTEGER, terms VARCHAR[], weight DOUBLE, computed_at TIMESTAMP);
COMMENT ON TABLE discovered_topics IS 'Topics found in the archive''s sentences (NMF), with their top terms and share per year.';
COMMENT ON COLUMN discovered_topics.topic IS 'Topic number.';
COMMENT ON COLUMN discovered_topics.year IS 'Meeting year.';
COMMENT ON COLUMN discovered_topics.terms IS 'Top terms of the topic in that year.';
COMMENT ON COLUMN discovered_topics.weight IS 'The topic''s share of that year (0..1).';
COMMENT ON COLUMN discovered_topics.computed_at IS 'When the topics were computed (UTC).';

CREATE TABLE commitments (doc_id VARCHAR, idx INTEGER, sentence INTEGER, quote VARCHAR, made_by VARCHAR, person_id VARCHAR,
    deadline VARCHAR, page INTEGER, char_start INTEGER, char_end INTEGER, bbox STRUCT(x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE));
COMMENT ON TABLE commitments IS 'Promises and action items (toezeggingen, actiepunten).';
COMMENT ON COLUMN commitments.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN commitments.idx IS 'Position in the report, 0-based.';
COMMENT ON COLUMN commitments.sentence IS 'Sentence (sentences.idx).';
COMMENT ON COLUMN commitments.quote IS 'The promise as written.';
COMMENT ON COLUMN commitments.made_by IS 'Who promised (a person or organisation), if known.';
COMMENT ON COLUMN commitments.person_id IS 'The person who promised when it is a known person.';
COMMENT ON COLUMN commitments.deadline IS 'Deadline as stated.';
COMMENT ON COLUMN commitments.page IS 'Page, 1-based.';
COMMENT ON COLUMN commitments.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN commitments.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN commitments.bbox IS 'Bounding box when known.';

CREATE TABLE mentions (doc_id VARCHAR, idx INTEGER, label VARCHAR, text VARCHAR, page INTEGER, char_start INTEGER, char_end INTEGER,
    bbox STRUCT(x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE));
COMMENT ON TABLE mentions IS 'Organisations and places named in the text.';
COMMENT ON COLUMN mentions.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN mentions.idx IS 'Position in the report, 0-based.';
COMMENT ON COLUMN mentions.label IS 'organisation or place.';
COMMENT ON COLUMN mentions.text IS 'The name as written.';
COMMENT ON COLUMN mentions.page IS 'Page, 1-based.';
COMMENT ON COLUMN mentions.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN mentions.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN mentions.bbox IS 'Bounding box when known.';

CREATE TABLE facts (doc_id VARCHAR, idx INTEGER, quote VARCHAR, value DOUBLE, unit VARCHAR, fact_year INTEGER, page INTEGER,
    char_start INTEGER, char_end INTEGER, bbox STRUCT(x0 DOUBLE, top DOUBLE, x1 DOUBLE, bottom DOUBLE));
COMMENT ON TABLE facts IS 'Numbers with what they count ("120 woningen", "3,1% huurverhoging").';
COMMENT ON COLUMN facts.doc_id IS 'Document version (documents.doc_id).';
COMMENT ON COLUMN facts.idx IS 'Position in the report, 0-based.';
COMMENT ON COLUMN facts.quote IS 'The words stating the fact.';
COMMENT ON COLUMN facts.value IS 'The number.';
COMMENT ON COLUMN facts.unit IS 'What it counts (woningen, %, euro, ...).';
COMMENT ON COLUMN facts.fact_year IS 'Year the fact is about, if stated.';
COMMENT ON COLUMN facts.page IS 'Page, 1-based.';
COMMENT ON COLUMN facts.char_start IS 'Start offset in the document text.';
COMMENT ON COLUMN facts.char_end IS 'End offset (exclusive).';
COMMENT ON COLUMN facts.bbox IS 'Bounding box when known.';

CREATE TABLE ingestion_runs (run_id VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP, folder VARCHAR, n_files INTEGER,
    n_new INTEGER, n_changed INTEGER, n_unchanged INTEGER, n_missing INTEGER, n_quarantined INTEGER, n_failed INTEGER,
    duration_s DOUBLE, status VARCHAR, settings VARCHAR);
COMMENT ON TABLE ingestion_runs IS 'One row per ingestion run.';
COMMENT ON COLUMN ingestion_runs.run_id IS 'Run id.';
COMMENT ON COLUMN ingestion_runs.started_at IS 'Start (UTC).';
COMMENT ON COLUMN ingestion_runs.finished_at IS 'End (UTC); NULL while running or after a crash.';
COMMENT ON COLUMN ingestion_runs.folder IS 'Folder that was ingested.';
COMMENT ON COLUMN ingestion_runs.n_files IS 'Files seen.';
COMMENT ON COLUMN ingestion_runs.n_new IS 'Files loaded for the first time.';
COMMENT ON COLUMN ingestion_runs.n_changed IS 'Files whose content changed (previous version kept as replaced).';
COMMENT ON COLUMN ingestion_runs.n_unchanged IS 'Files already loaded with the same content.';
COMMENT ON COLUMN ingestion_runs.n_missing IS 'Loaded files that disappeared from the folder (marked missing).';
COMMENT ON COLUMN ingestion_runs.n_quarantined IS 'Files that could not be loaded (see quarantine).';
COMMENT ON COLUMN ingestion_runs.n_failed IS 'Files that failed for another reason.';
COMMENT ON COLUMN ingestion_runs.duration_s IS 'Duration in seconds.';
COMMENT ON COLUMN ingestion_runs.status IS 'running, finished or failed.';
COMMENT ON COLUMN ingestion_runs.settings IS 'The run''s settings as JSON.';

CREATE TABLE run_files (run_id VARCHAR, path VARCHAR, sha256 VARCHAR, doc_id VARCHAR, outcome VARCHAR, change VARCHAR,
    reason VARCHAR, detail VARCHAR, seconds DOUBLE, logged_at TIMESTAMP);
COMMENT ON TABLE run_files IS 'What happened to each file in each run.';
COMMENT ON COLUMN run_files.run_id IS 'Run (ingestion_runs.run_id).';
COMMENT ON COLUMN run_files.path IS 'File path.';
COMMENT ON COLUMN run_files.sha256 IS 'sha256 of the file bytes, when it could be read.';
COMMENT ON COLUMN run_files.doc_id IS 'Document version loaded, if any.';
COMMENT ON COLUMN run_files.outcome IS 'loaded, loaded_flagged, quarantined, missing or failed.';
COMMENT ON COLUMN run_files.change IS 'new, changed, unchanged, restored (an older version came back), duplicate (same content as another path) or NULL.';
COMMENT ON COLUMN run_files.reason IS 'Quarantine reason or flags (empty, not_a_pdf, encrypted, timeout, ocr_used, ...).';
COMMENT ON COLUMN run_files.detail IS 'Human-readable detail.';
COMMENT ON COLUMN run_files.seconds IS 'Time spent on the file.';
COMMENT ON COLUMN run_files.logged_at IS 'When (UTC).';

CREATE TABLE quarantine (path VARCHAR, sha256 VARCHAR, reason VARCHAR, detail VARCHAR, first_seen TIMESTAMP, last_seen TIMESTAMP, run_id VARCHAR);
COMMENT ON TABLE quarantine IS 'Files that could not be loaded, with the reason; a row goes away when the file loads or disappears.';
COMMENT ON COLUMN quarantine.path IS 'File path.';
COMMENT ON COLUMN quarantine.sha256 IS 'sha256 of the file bytes (NULL when unreadable).';
COMMENT ON COLUMN quarantine.reason IS 'empty, not_a_pdf, corrupt, encrypted, too_large, too_many_pages, timeout, no_text_ocr_failed, ...';
COMMENT ON COLUMN quarantine.detail IS 'Human-readable detail.';
COMMENT ON COLUMN quarantine.first_seen IS 'First run that quarantined this file content (UTC).';
COMMENT ON COLUMN quarantine.last_seen IS 'Last run that quarantined it (UTC).';
COMMENT ON COLUMN quarantine.run_id IS 'Last run that quarantined it.';

CREATE TABLE stopwords (sw VARCHAR);
COMMENT ON TABLE stopwords IS 'Dutch stopwords left out of the full-text index.';
COMMENT ON COLUMN stopwords.sw IS 'A stopword (lower case).';
