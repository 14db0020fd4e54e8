-- Files that could not be loaded, with the reason and when they were seen.
SELECT path, reason, detail, first_seen, last_seen, left(sha256, 12) AS sha256
FROM quarantine
ORDER BY reason, path, sha256;
