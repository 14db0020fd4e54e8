-- People with kinds, roles and organisations over time, meetings attended and concerns raised.
-- $name: part of a name, or NULL for everyone.
SELECT name, kind, list_sort(roles) AS roles, list_sort(organisations) AS organisations, meetings, first_meeting, last_meeting, sentences, concerns
FROM v_speaker_activity WHERE $name IS NULL OR name ILIKE '%' || $name || '%'
ORDER BY meetings DESC, sentences DESC, name, person_id;
