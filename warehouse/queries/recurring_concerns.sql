-- Concerns raised at more than one meeting: one row per cluster, with first and last date.
SELECT arg_min(quote, meeting_date) AS first_quote, count(*) AS times, count(DISTINCT doc_id) AS meetings,
       min(meeting_date) AS first_date, max(meeting_date) AS last_date,
       list_sort(list_distinct(flatten(list(categories)))) AS categories, cluster_id
FROM v_concerns
GROUP BY cluster_id
HAVING count(DISTINCT doc_id) > 1
ORDER BY meetings DESC, first_date, cluster_id;
