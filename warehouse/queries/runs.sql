-- The last 20 ingestion runs with their file counts and duration.
SELECT run_id, started_at, status, folder, n_files, n_new, n_changed, n_unchanged, n_missing, n_quarantined,
       n_failed, round(duration_s, 1) AS seconds
FROM ingestion_runs
ORDER BY started_at DESC, run_id
LIMIT 20;
