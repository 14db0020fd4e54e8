-- Themes per year (from the base tables: v_sentences gathers every sentence's themes, 4x slower): meetings, sentences and share of that year's sentences, with a trend mark
-- (rising, falling or steady against the year before). Parameters may be NULL: $theme, $org, $kind.
WITH s AS (
    SELECT d.year, t.doc_id, t.theme
    FROM (SELECT DISTINCT doc_id, sentence, theme FROM sentence_themes) t
    JOIN documents d ON d.doc_id = t.doc_id AND d.status = 'active'
    WHERE d.year IS NOT NULL AND ($org IS NULL OR d.organisation ILIKE '%' || $org || '%')
      AND ($theme IS NULL OR t.theme = $theme)
      AND ($kind IS NULL OR EXISTS (SELECT 1 FROM v_sentences v
                                    WHERE v.doc_id = t.doc_id AND v.idx = t.sentence AND v.speaker_kind = $kind))),
y AS (SELECT d.year, count(*) AS n FROM sentences x JOIN documents d ON d.doc_id = x.doc_id AND d.status = 'active'
      WHERE d.year IS NOT NULL GROUP BY d.year),
t AS (SELECT s.year, s.theme, count(DISTINCT s.doc_id) AS meetings, count(*) AS sentences,
             round(count(*) / any_value(y.n), 4) AS share
      FROM s JOIN y USING (year) GROUP BY s.year, s.theme)
SELECT year, theme, meetings, sentences, share,
       CASE WHEN lag(share) OVER w IS NULL THEN ''
            WHEN share > 1.25 * lag(share) OVER w THEN 'rising'
            WHEN share < 0.8 * lag(share) OVER w THEN 'falling' ELSE 'steady' END AS trend
FROM t WINDOW w AS (PARTITION BY theme ORDER BY year) ORDER BY year, sentences DESC, theme;
