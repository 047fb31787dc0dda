-- Strategic industries declared for a region (province) or for the nation, optionally for one
-- programme: the data behind the selection criterion "consistency with central and regional
-- policy". region_id NULL = a national strategic industry; programme_id NULL = whatever the
-- programme. A row names an industry at any level; its sub-industries count as strategic too.

CREATE TABLE strategic_industry (
  id            serial PRIMARY KEY,
  region_id     integer REFERENCES region(id) ON DELETE CASCADE,
  programme_id  integer REFERENCES programme(id) ON DELETE CASCADE,
  industry_id   integer NOT NULL REFERENCES industry(id) ON DELETE CASCADE,
  source        text,
  note          text,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
-- One row per (region or nation, programme or any, industry): NULLs folded to 0 (no serial is 0).
CREATE UNIQUE INDEX strategic_industry_scope
  ON strategic_industry ((coalesce(region_id, 0)), (coalesce(programme_id, 0)), industry_id);
CREATE INDEX strategic_industry_industry ON strategic_industry (industry_id);
