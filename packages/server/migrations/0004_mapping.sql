-- Cluster mapping: regional statistics (region x industry x year x measure), optional national
-- totals, and versioned cluster definitions grouping registry industries.

CREATE TABLE stat_dataset (
  id          serial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  source      text,
  licence     text,
  -- The reference universe of LQs and national shares: the sum of the imported regions of the
  -- requested kind, or the separately imported national totals (stat_national_total).
  universe    text NOT NULL DEFAULT 'sum' CHECK (universe IN ('sum', 'national')),
  -- How suppressed cells are filled on import (see mapping/mapping-fill.ts).
  fill_rule   text NOT NULL DEFAULT 'zero' CHECK (fill_rule IN ('zero', 'band_midpoint', 'parent_share')),
  description text,
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stat_value (
  dataset_id   integer NOT NULL REFERENCES stat_dataset(id) ON DELETE CASCADE,
  measure      text NOT NULL CHECK (measure IN ('employment', 'establishments', 'payroll', 'production', 'exports', 'value_added', 'rd_spending', 'patents')),
  year         integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  region_id    integer NOT NULL REFERENCES region(id) ON DELETE CASCADE,
  industry_id  integer NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
  value        double precision NOT NULL,
  suppressed   boolean NOT NULL DEFAULT false,
  -- True when value is not the source's but was filled by fill_rule for a suppressed cell.
  filled       boolean NOT NULL DEFAULT false,
  fill_rule    text,
  synthetic    boolean NOT NULL DEFAULT false,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  -- The key leads with what every computation filters on: dataset, measure, year.
  PRIMARY KEY (dataset_id, measure, year, region_id, industry_id),
  CHECK (filled = false OR suppressed = true)
);
CREATE INDEX stat_value_region ON stat_value (region_id);
CREATE INDEX stat_value_industry ON stat_value (industry_id, dataset_id);

CREATE TABLE stat_national_total (
  dataset_id   integer NOT NULL REFERENCES stat_dataset(id) ON DELETE CASCADE,
  measure      text NOT NULL,
  year         integer NOT NULL,
  industry_id  integer NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
  value        double precision NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (dataset_id, measure, year, industry_id)
);
CREATE INDEX stat_national_total_industry ON stat_national_total (industry_id);

-- One cluster (e.g. "Automotive") as a named, versioned group of industries. An update writes
-- a new version; the previous versions stay, so earlier results can be reproduced.
CREATE TABLE cluster_definition (
  id           serial PRIMARY KEY,
  name         text NOT NULL,
  version      integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  kind         text NOT NULL CHECK (kind IN ('traded', 'local')),
  description  text,
  source       text,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, version)
);

CREATE TABLE cluster_industry (
  cluster_id   integer NOT NULL REFERENCES cluster_definition(id) ON DELETE CASCADE,
  industry_id  integer NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (cluster_id, industry_id)
);
CREATE INDEX cluster_industry_industry ON cluster_industry (industry_id);
