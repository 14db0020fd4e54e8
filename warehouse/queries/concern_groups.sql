-- Tenant concerns grouped into issues, recurring ones first (recurring = raised at two or more meetings, models.concern_groups.is_recurring): label, first and last meeting, meetings, years, places, who raised it, quotes with report and page. Parameters: $recurring (TRUE = only recurring, or NULL), $since (year or NULL), $category (theme key or NULL).
SELECT group_id, label, recurring, n_meetings AS meetings, n_years AS years, first_date, last_date, places,
       raised_by, categories, closed_by, quotes
FROM v_concern_groups
WHERE ($recurring IS NULL OR recurring = $recurring)
  AND ($since IS NULL OR year(last_date) >= $since)
  AND ($category IS NULL OR list_contains(categories, $category))
ORDER BY recurring DESC, n_meetings DESC, first_date, CAST(substr(group_id, 2) AS INTEGER);
