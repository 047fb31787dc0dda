-- Cluster mapping: every cell carries the value and filled flag of its series (dataset, measure,
-- region, industry) in the first year of its dataset and measure, kept up to date at every write
-- of cells like the totals of 0014 (packages/server/src/mapping/mapping-totals.ts
-- refreshFirstValues). Change and CAGR from that year, the default base year, then read the row
-- itself instead of looking up the base-year cell of every row in the stored grid (which stays for
-- any other base year). first_value is NULL where the series has no cell in that year.
ALTER TABLE stat_value
  ADD COLUMN first_value double precision,
  ADD COLUMN first_filled boolean NOT NULL DEFAULT false;

-- Backfill; rows with no first-year cell keep NULL and false. Statistics first, so that the
-- join of the cells to their first-year cells is hashed (without them, as on PGlite, which never
-- analyzes by itself, it is planned as a nested loop over every cell of a measure per base cell).
ANALYZE stat_value;
UPDATE stat_value sv SET first_value = f.value, first_filled = f.filled
FROM (SELECT dataset_id, measure, min(year) AS year FROM stat_value GROUP BY 1, 2) m
JOIN stat_value f ON f.dataset_id = m.dataset_id AND f.measure = m.measure AND f.year = m.year
WHERE sv.dataset_id = f.dataset_id AND sv.measure = f.measure
  AND sv.region_id = f.region_id AND sv.industry_id = f.industry_id;
