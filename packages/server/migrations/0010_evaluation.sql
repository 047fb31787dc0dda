-- The evaluation of complexes (issue 7): versioned indicator frameworks (two tracks after
-- the Korean programme: management/implementation, evaluated by ITEP, and accomplishments,
-- assessed by KIET), values entered or imported per complex and year, composite index runs
-- with every method choice recorded, Monte Carlo uncertainty runs (background jobs), and
-- allocation scenarios. Definitions and results are jsonb documents whose shapes are the
-- contracts of packages/contracts/src/evaluation.ts. Generated demo rows carry `synthetic`.

-- A framework version: tracks and indicators as one document; a change is a new version.
CREATE TABLE evaluation_framework (
  id          serial PRIMARY KEY,
  code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9._-]*$'),
  version     integer NOT NULL CHECK (version >= 1),
  name        text NOT NULL CHECK (length(name) > 0),
  definition  jsonb NOT NULL,
  created_by  integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, version)
);

-- An entered (or imported) value of an indicator for a complex and year. Keyed by the
-- framework code, not the version, so a new version keeps the values of unchanged indicators.
CREATE TABLE indicator_value (
  id              serial PRIMARY KEY,
  framework_code  text NOT NULL,
  indicator_code  text NOT NULL,
  complex_id      integer NOT NULL REFERENCES complex(id) ON DELETE CASCADE,
  year            integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  value           double precision NOT NULL CHECK (value = value AND value <> 'Infinity'::float8 AND value <> '-Infinity'::float8),
  source          text,
  entered_by      integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic       boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (framework_code, indicator_code, complex_id, year)
);
CREATE INDEX indicator_value_complex ON indicator_value (complex_id, year);
CREATE INDEX indicator_value_framework_year ON indicator_value (framework_code, year);

-- A composite index run: the framework version, the year (and earlier years read for
-- carry-forward), every method choice with the weights used, and the scores, ranks and
-- contributions as computed. `seed` is kept for runs whose method draws random numbers.
CREATE TABLE index_run (
  id            serial PRIMARY KEY,
  name          text,
  framework_id  integer NOT NULL REFERENCES evaluation_framework(id) ON DELETE RESTRICT,
  year          integer NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  years         integer[] NOT NULL,
  method        jsonb NOT NULL,
  result        jsonb NOT NULL,
  seed          bigint,
  created_by    integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX index_run_framework ON index_run (framework_id, year);

-- A Monte Carlo uncertainty and sensitivity analysis of an index run, computed as a job.
CREATE TABLE uncertainty_run (
  id            serial PRIMARY KEY,
  index_run_id  integer NOT NULL REFERENCES index_run(id) ON DELETE CASCADE,
  request       jsonb NOT NULL,
  seed          bigint NOT NULL CHECK (seed >= 0),
  draws         integer NOT NULL CHECK (draws >= 1),
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress      double precision NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  stage         text,
  result        jsonb,
  error         text,
  created_by    integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX uncertainty_run_index_run ON uncertainty_run (index_run_id);

-- A named allocation rule over an index run's scores, saved with its outcome (whole KRW).
CREATE TABLE allocation_scenario (
  id            serial PRIMARY KEY,
  name          text NOT NULL CHECK (length(name) > 0),
  description   text,
  index_run_id  integer NOT NULL REFERENCES index_run(id) ON DELETE CASCADE,
  rule          jsonb NOT NULL,
  outcome       jsonb NOT NULL,
  created_by    integer REFERENCES app_user(id) ON DELETE SET NULL,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX allocation_scenario_index_run ON allocation_scenario (index_run_id);
