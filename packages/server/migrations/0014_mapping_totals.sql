-- Cluster mapping: the totals every measure divides by, kept up to date at import (see
-- packages/server/src/mapping/mapping-totals.repository.ts), so that recomputing the measures is
-- one pass over the cells reading these small tables instead of aggregating the cells again on
-- every request. They are derived data: every write of stat_value recomputes the totals of the
-- (dataset, measure, year) it touched, in the same transaction; deleting a dataset, a region or
-- an industry cascades here as it does to stat_value.

-- The sum of a region's cells per year, by the level of the industries summed (a dataset may hold
-- parents beside their children; the measures count one level, or all of them).
CREATE TABLE stat_region_total (
  dataset_id  integer NOT NULL REFERENCES stat_dataset(id) ON DELETE CASCADE,
  measure     text NOT NULL,
  year        integer NOT NULL,
  region_id   integer NOT NULL REFERENCES region(id) ON DELETE CASCADE,
  level       integer NOT NULL,
  value       double precision NOT NULL,
  PRIMARY KEY (dataset_id, measure, year, region_id, level)
);

-- The sum of an industry's cells per year over the regions of one kind (the 'sum' universe of
-- LQs and national shares).
CREATE TABLE stat_industry_total (
  dataset_id   integer NOT NULL REFERENCES stat_dataset(id) ON DELETE CASCADE,
  measure      text NOT NULL,
  year         integer NOT NULL,
  region_kind  text NOT NULL,
  industry_id  integer NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
  value        double precision NOT NULL,
  PRIMARY KEY (dataset_id, measure, year, region_kind, industry_id)
);

-- The universe's total per year: the sum of the cells of the regions of one kind, by industry
-- level.
CREATE TABLE stat_universe_total (
  dataset_id   integer NOT NULL REFERENCES stat_dataset(id) ON DELETE CASCADE,
  measure      text NOT NULL,
  year         integer NOT NULL,
  region_kind  text NOT NULL,
  level        integer NOT NULL,
  value        double precision NOT NULL,
  PRIMARY KEY (dataset_id, measure, year, region_kind, level)
);

-- Backfill for the datasets imported before this migration (the same statements as
-- refreshTotals in mapping-totals.repository.ts, over every cell).
INSERT INTO stat_region_total (dataset_id, measure, year, region_id, level, value)
SELECT sv.dataset_id, sv.measure, sv.year, sv.region_id, i.level, sum(sv.value)
FROM stat_value sv JOIN industry i ON i.id = sv.industry_id
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO stat_industry_total (dataset_id, measure, year, region_kind, industry_id, value)
SELECT sv.dataset_id, sv.measure, sv.year, r.kind, sv.industry_id, sum(sv.value)
FROM stat_value sv JOIN region r ON r.id = sv.region_id
GROUP BY 1, 2, 3, 4, 5;

INSERT INTO stat_universe_total (dataset_id, measure, year, region_kind, level, value)
SELECT t.dataset_id, t.measure, t.year, r.kind, t.level, sum(t.value)
FROM stat_region_total t JOIN region r ON r.id = t.region_id
GROUP BY 1, 2, 3, 4, 5;

-- The cells of each (dataset, measure, year) as two-dimensional arrays [region - r0 + 1]
-- [industry - i0 + 1] over the id ranges of that year's cells, NaN (value) and false (filled)
-- where there is no cell: the measures query reads the base year of change and CAGR from here by
-- subscript instead of building the base year's grid from the cells on every request.
CREATE TABLE stat_year_grid (
  dataset_id  integer NOT NULL REFERENCES stat_dataset(id) ON DELETE CASCADE,
  measure     text NOT NULL,
  year        integer NOT NULL,
  r0          integer NOT NULL,
  i0          integer NOT NULL,
  value       double precision[] NOT NULL,
  filled      boolean[] NOT NULL,
  PRIMARY KEY (dataset_id, measure, year)
);

WITH k AS (
  SELECT sv.dataset_id, sv.measure, sv.year, min(sv.region_id) AS r0, max(sv.region_id) AS r1,
    min(sv.industry_id) AS i0, max(sv.industry_id) AS i1
  FROM stat_value sv GROUP BY 1, 2, 3),
cell AS (
  SELECT k.dataset_id, k.measure, k.year, x.r, x.i, max(x.v) AS v, bool_or(x.f) AS f
  FROM k CROSS JOIN LATERAL (
    SELECT g.r, h.i, NULL::float8 AS v, false AS f
    FROM generate_series(k.r0, k.r1) g(r) CROSS JOIN generate_series(k.i0, k.i1) h(i)
    UNION ALL
    SELECT sv.region_id, sv.industry_id, sv.value, sv.filled FROM stat_value sv
    WHERE sv.dataset_id = k.dataset_id AND sv.measure = k.measure AND sv.year = k.year) x
  GROUP BY 1, 2, 3, 4, 5),
line AS (
  SELECT dataset_id, measure, year, r, array_agg(coalesce(v, 'NaN') ORDER BY i) AS v,
    array_agg(f ORDER BY i) AS f
  FROM cell GROUP BY 1, 2, 3, 4)
INSERT INTO stat_year_grid (dataset_id, measure, year, r0, i0, value, filled)
SELECT k.dataset_id, k.measure, k.year, k.r0, k.i0, array_agg(l.v ORDER BY l.r), array_agg(l.f ORDER BY l.r)
FROM k JOIN line l ON l.dataset_id = k.dataset_id AND l.measure = k.measure AND l.year = k.year
GROUP BY 1, 2, 3, 4, 5;

-- Statistics for the planner (PGlite has no autovacuum; refreshTotals analyzes after each write).
ANALYZE stat_region_total, stat_industry_total, stat_universe_total;
