-- Programmes' matching settings move to the engine's own shape (src/matching/settings.ts):
-- objective max_total -> total; flat rules such as { "jobLevel": true, "jobLevelGap": 3 } become
-- { "jobLevel": { "enabled": true, "gap": 3 } }; amounts are clamped to the engine's bounds, and
-- keys the engine does not know are dropped.
UPDATE "programmes" SET "matching_settings" = (
  SELECT jsonb_strip_nulls(jsonb_build_object(
    'objective', CASE m.s ->> 'objective'
      WHEN 'max_total' THEN 'total' WHEN 'total' THEN 'total'
      WHEN 'fairest' THEN 'fairest' WHEN 'stable' THEN 'stable' END,
    'weights', (
      SELECT jsonb_object_agg(w.key, least(10, greatest(0, (w.value #>> '{}')::numeric)))
      FROM jsonb_each(CASE WHEN jsonb_typeof(m.s -> 'weights') = 'object' THEN m.s -> 'weights' ELSE '{}' END) w
      WHERE w.key IN ('topics', 'goals', 'department', 'generation', 'availability', 'preference')
        AND jsonb_typeof(w.value) = 'number'
    ),
    'rules', nullif(jsonb_strip_nulls(jsonb_build_object(
      'reportingLine', nullif(jsonb_strip_nulls(jsonb_build_object(
        'enabled', m.on_reporting_line,
        'depth', m.depth
      )), '{}'),
      'jobLevel', nullif(jsonb_strip_nulls(jsonb_build_object(
        'enabled', m.on_job_level,
        'gap', m.gap
      )), '{}'),
      'language', nullif(jsonb_strip_nulls(jsonb_build_object('enabled', m.on_language)), '{}'),
      'overlap', nullif(jsonb_strip_nulls(jsonb_build_object(
        'enabled', m.on_overlap,
        'minHours', m.min_hours
      )), '{}'),
      'pastPairs', nullif(jsonb_strip_nulls(jsonb_build_object('enabled', m.on_past_pairs)), '{}'),
      'differentDepartment', nullif(jsonb_strip_nulls(jsonb_build_object('enabled', m.on_different_department)), '{}'),
      'minScore', m.min_score
    )), '{}')
  ))
  FROM (
    SELECT
      r.s,
      -- A rule was stored as true/false, or as a number meaning "on, with this amount".
      CASE jsonb_typeof(r.rules -> 'reportingLine') WHEN 'boolean' THEN (r.rules ->> 'reportingLine')::boolean WHEN 'number' THEN true END AS on_reporting_line,
      CASE jsonb_typeof(r.rules -> 'jobLevel') WHEN 'boolean' THEN (r.rules ->> 'jobLevel')::boolean WHEN 'number' THEN true END AS on_job_level,
      CASE jsonb_typeof(r.rules -> 'language') WHEN 'boolean' THEN (r.rules ->> 'language')::boolean WHEN 'number' THEN true END AS on_language,
      CASE jsonb_typeof(r.rules -> 'overlap') WHEN 'boolean' THEN (r.rules ->> 'overlap')::boolean WHEN 'number' THEN true END AS on_overlap,
      CASE jsonb_typeof(r.rules -> 'pastPairs') WHEN 'boolean' THEN (r.rules ->> 'pastPairs')::boolean WHEN 'number' THEN true END AS on_past_pairs,
      CASE jsonb_typeof(r.rules -> 'differentDepartment') WHEN 'boolean' THEN (r.rules ->> 'differentDepartment')::boolean WHEN 'number' THEN true END AS on_different_department,
      -- Amounts (a missing amount stays missing: greatest() and least() would ignore a null).
      (SELECT least(10, greatest(1, round(x))) FROM (SELECT coalesce(r.n_depth, r.n_line) AS x) a WHERE x IS NOT NULL) AS depth,
      (SELECT least(20, greatest(0, x)) FROM (SELECT coalesce(r.n_gap, r.n_level) AS x) a WHERE x IS NOT NULL) AS gap,
      (SELECT least(168, greatest(0, x)) FROM (SELECT coalesce(r.n_hours, r.n_overlap) AS x) a WHERE x IS NOT NULL) AS min_hours,
      (SELECT least(1, greatest(0, x)) FROM (SELECT r.n_min_score AS x) a WHERE x IS NOT NULL) AS min_score
    FROM (
      SELECT "programmes"."matching_settings" AS s,
        CASE WHEN jsonb_typeof("programmes"."matching_settings" -> 'rules') = 'object'
          THEN "programmes"."matching_settings" -> 'rules' ELSE '{}' END AS rules
    ) q,
    LATERAL (
      SELECT q.s, q.rules,
        CASE jsonb_typeof(q.rules -> 'reportingLine') WHEN 'number' THEN (q.rules ->> 'reportingLine')::numeric END AS n_line,
        CASE jsonb_typeof(q.rules -> 'reportingLineDepth') WHEN 'number' THEN (q.rules ->> 'reportingLineDepth')::numeric END AS n_depth,
        CASE jsonb_typeof(q.rules -> 'jobLevel') WHEN 'number' THEN (q.rules ->> 'jobLevel')::numeric END AS n_level,
        CASE jsonb_typeof(q.rules -> 'jobLevelGap') WHEN 'number' THEN (q.rules ->> 'jobLevelGap')::numeric END AS n_gap,
        CASE jsonb_typeof(q.rules -> 'overlap') WHEN 'number' THEN (q.rules ->> 'overlap')::numeric END AS n_overlap,
        CASE jsonb_typeof(q.rules -> 'overlapMinHours') WHEN 'number' THEN (q.rules ->> 'overlapMinHours')::numeric END AS n_hours,
        CASE jsonb_typeof(q.rules -> 'minScore') WHEN 'number' THEN (q.rules ->> 'minScore')::numeric END AS n_min_score
    ) r
  ) m
);
