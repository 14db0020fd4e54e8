-- Sentences about one theme over time ($theme, e.g. --param theme=onderhoud), with report and page.
SELECT meeting_date AS date, title, page, speaker, text
FROM v_sentences
WHERE list_contains(themes, $theme)
ORDER BY meeting_date NULLS LAST, doc_id, idx;
