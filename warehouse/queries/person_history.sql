-- Roles and organisations of one person over time ($name: any spelling, e.g. --param name="Jansen").
SELECT r.meeting_date AS date, p.name, r.role, r.organisation, r.kind, d.title
FROM person_roles r
JOIN persons p USING (person_id)
JOIN documents d ON d.doc_id = r.doc_id AND d.status = 'active'
WHERE r.person_id IN (SELECT person_id FROM person_aliases WHERE alias ILIKE '%' || $name || '%')
ORDER BY r.meeting_date NULLS LAST, p.name, r.doc_id, r.role NULLS LAST, r.organisation NULLS LAST;
