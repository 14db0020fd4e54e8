-- Concern groups raised at two or more meetings (recurring, as models.concern_groups.is_recurring defines it): label, meetings, years, first and last date, places, categories, who raised it.
SELECT group_id, label, n_meetings AS meetings, n_years AS years, first_date, last_date, places, categories, raised_by
FROM v_concern_groups
WHERE recurring
ORDER BY n_meetings DESC, first_date, group_id;
