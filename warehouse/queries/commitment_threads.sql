-- Promises followed across meetings: one line per thread with who, what, since when, deadline, status (open, done, dropped, overdue; forgotten = not mentioned in the last two meetings) and the last mention with report and page. Parameters: $series (slug or NULL), $status (open|done|dropped|overdue|forgotten or NULL).
SELECT series, thread_id, made_by AS who, what, first_date AS since, deadline, deadline_text,
       CASE WHEN forgotten THEN status || ', forgotten' ELSE status END AS status,
       last_date, last_file, last_page, last_event, n_mentions
FROM v_commitment_threads
WHERE ($series IS NULL OR series = $series OR series_name ILIKE '%' || $series || '%')
  AND ($status IS NULL OR status = $status OR ($status = 'forgotten' AND forgotten))
ORDER BY series, status = 'done' OR status = 'dropped', first_date, thread_id;
