-- Loaded reports: date, type, title, pages, sentences, concerns and flags (current versions only).
SELECT meeting_date AS date, meeting_type AS type, title, pages, sentences, concerns,
       array_to_string(flags, ',') AS flags, file_name, left(doc_id, 12) AS doc
FROM v_documents
ORDER BY meeting_date NULLS LAST, file_name, doc_id;
