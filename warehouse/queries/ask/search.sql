-- Dutch-stemmed BM25 search over sentences with report, date, page and speaker.
-- $q: the words; $year, $theme: NULL or a filter; $limit: at most this many. Needs the full-text index.
-- The base table is scored first: the view's joins then run for the hits only.
WITH hits AS (SELECT sentence_id, fts_main_sentences.match_bm25(sentence_id, $q) AS score FROM sentences)
SELECT round(h.score, 3) AS score, v.meeting_date, v.file_name, v.page, v.speaker, v.text
FROM hits h JOIN v_sentences v USING (sentence_id)
WHERE h.score IS NOT NULL AND ($year IS NULL OR v.year = $year)
  AND ($theme IS NULL OR list_contains(v.themes, $theme))
ORDER BY h.score DESC, sentence_id LIMIT $limit;
