-- Cluster mapping: plant-level employment (one row per plant, or establishment, of a dataset and
-- year), the input of the Ellison-Glaeser agglomeration index (Ellison & Glaeser 1997), whose
-- plant Herfindahl H needs each plant's size. The region and industry are registry rows, as in
-- stat_value; a new import of a plant replaces its row (key: dataset, year, plant code).
CREATE TABLE stat_plant (
  dataset_id   integer NOT NULL REFERENCES stat_dataset(id) ON DELETE CASCADE,
  year         integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  -- The plant's code or id in the source (e.g. a business register number).
  plant        text NOT NULL CHECK (plant <> ''),
  region_id    integer NOT NULL REFERENCES region(id) ON DELETE CASCADE,
  industry_id  integer NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
  employment   double precision NOT NULL CHECK (employment >= 0),
  synthetic    boolean NOT NULL DEFAULT false,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, year, plant)
);
CREATE INDEX stat_plant_industry ON stat_plant (dataset_id, year, industry_id);
CREATE INDEX stat_plant_region ON stat_plant (region_id);
