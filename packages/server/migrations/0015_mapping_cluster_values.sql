-- Cluster mapping: the cells summed to every cluster definition (every version), per region and
-- year and by the level of the industries summed, kept up to date like the totals of 0014 (see
-- packages/server/src/mapping/mapping-totals.ts): every write of stat_value recomputes the rows
-- of the (dataset, measure, year) it touched, and saving a cluster definition computes its rows
-- over every dataset, so that the cluster measures read these rows instead of joining every
-- cell to its clusters on each request. An industry in several clusters counts in each.
CREATE TABLE stat_cluster_value (
  dataset_id  integer NOT NULL REFERENCES stat_dataset(id) ON DELETE CASCADE,
  measure     text NOT NULL,
  year        integer NOT NULL,
  region_id   integer NOT NULL REFERENCES region(id) ON DELETE CASCADE,
  cluster_id  integer NOT NULL REFERENCES cluster_definition(id) ON DELETE CASCADE,
  level       integer NOT NULL,
  value       double precision NOT NULL,
  -- Whether any summed cell was filled in for a suppressed one.
  filled      boolean NOT NULL,
  PRIMARY KEY (dataset_id, measure, year, region_id, cluster_id, level)
);

CREATE INDEX stat_cluster_value_cluster ON stat_cluster_value (cluster_id);

-- Backfill (the same statement as refreshClusterValues in mapping-totals.ts, over every cell).
INSERT INTO stat_cluster_value (dataset_id, measure, year, region_id, cluster_id, level, value, filled)
SELECT sv.dataset_id, sv.measure, sv.year, sv.region_id, ci.cluster_id, i.level, sum(sv.value),
  bool_or(sv.filled)
FROM stat_value sv
JOIN cluster_industry ci ON ci.industry_id = sv.industry_id
JOIN industry i ON i.id = sv.industry_id
GROUP BY 1, 2, 3, 4, 5, 6;

ANALYZE stat_cluster_value;
