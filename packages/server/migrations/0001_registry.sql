-- The programme registry: programmes, regions, industries, complexes, mini-clusters,
-- organisations, memberships, task forces and councils, budgets.
-- Every table that can hold generated demo rows carries `synthetic` so the API and UI can flag them.

CREATE TABLE programme (
  id           serial PRIMARY KEY,
  code         text NOT NULL UNIQUE,
  name         text NOT NULL,
  name_ko      text,
  ministry     text NOT NULL,
  agency       text,
  start_date   date,
  end_date     date,
  description  text,
  source       text,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE TABLE programme_phase (
  id            serial PRIMARY KEY,
  programme_id  integer NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  name          text NOT NULL,
  start_date    date NOT NULL,
  end_date      date,
  description   text,
  source        text,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, name),
  CHECK (end_date IS NULL OR end_date >= start_date)
);

-- kind: province (si-do), grouping (e.g. the 5+2 economic areas), user (a functional region).
CREATE TABLE region (
  id           serial PRIMARY KEY,
  code         text NOT NULL UNIQUE,
  kind         text NOT NULL CHECK (kind IN ('province', 'grouping', 'user')),
  name         text NOT NULL,
  name_ko      text,
  kostat_code  text UNIQUE,
  iso_code     text UNIQUE,
  grouping_scheme text,
  description  text,
  source       text,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE industry_classification (
  id           serial PRIMARY KEY,
  code         text NOT NULL,
  vintage      text NOT NULL,
  name         text NOT NULL,
  source       text,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (code, vintage)
);

CREATE TABLE industry (
  id                 serial PRIMARY KEY,
  classification_id  integer NOT NULL REFERENCES industry_classification(id) ON DELETE CASCADE,
  code               text NOT NULL,
  name               text NOT NULL,
  name_ko            text,
  parent_id          integer REFERENCES industry(id) ON DELETE RESTRICT,
  level              integer NOT NULL DEFAULT 1 CHECK (level >= 1),
  synthetic          boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (classification_id, code)
);

CREATE TABLE complex (
  id           serial PRIMARY KEY,
  name         text NOT NULL UNIQUE,
  name_ko      text,
  kind         text CHECK (kind IN ('national', 'general', 'urban_high_tech', 'agro_industrial')),
  province_id  integer NOT NULL REFERENCES region(id) ON DELETE RESTRICT,
  latitude     double precision CHECK (latitude BETWEEN -90 AND 90),
  longitude    double precision CHECK (longitude BETWEEN -180 AND 180),
  area_km2     numeric(12, 3) CHECK (area_km2 > 0),
  is_hub       boolean NOT NULL DEFAULT false,
  hub_id       integer REFERENCES complex(id) ON DELETE SET NULL,
  source       text,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (hub_id IS NULL OR hub_id <> id),
  CHECK (NOT (is_hub AND hub_id IS NOT NULL))
);

-- A user region is a set of provinces or complexes; a grouping is a set of provinces.
CREATE TABLE region_member (
  id                 serial PRIMARY KEY,
  region_id          integer NOT NULL REFERENCES region(id) ON DELETE CASCADE,
  member_region_id   integer REFERENCES region(id) ON DELETE CASCADE,
  member_complex_id  integer REFERENCES complex(id) ON DELETE CASCADE,
  synthetic          boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((member_region_id IS NULL) <> (member_complex_id IS NULL)),
  CHECK (member_region_id IS NULL OR member_region_id <> region_id),
  UNIQUE (region_id, member_region_id),
  UNIQUE (region_id, member_complex_id)
);

CREATE TABLE participation (
  id                 serial PRIMARY KEY,
  programme_id       integer NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  complex_id         integer NOT NULL REFERENCES complex(id) ON DELETE CASCADE,
  joined             date NOT NULL,
  left_on            date,
  focus              text,
  focus_industry_id  integer REFERENCES industry(id) ON DELETE SET NULL,
  source             text,
  synthetic          boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, complex_id, joined),
  CHECK (left_on IS NULL OR left_on >= joined)
);

CREATE TABLE mini_cluster (
  id           serial PRIMARY KEY,
  complex_id   integer NOT NULL REFERENCES complex(id) ON DELETE CASCADE,
  name         text NOT NULL,
  field        text NOT NULL,
  industry_id  integer REFERENCES industry(id) ON DELETE SET NULL,
  started      date,
  ended        date,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (complex_id, name),
  CHECK (ended IS NULL OR started IS NULL OR ended >= started)
);

CREATE TABLE organisation (
  id           serial PRIMARY KEY,
  name         text NOT NULL,
  name_ko      text,
  kind         text NOT NULL CHECK (kind IN ('company', 'university', 'research_institute', 'support_institution', 'local_government')),
  size_class   text CHECK (size_class IN ('sme', 'mid_sized', 'large')),
  province_id  integer REFERENCES region(id) ON DELETE SET NULL,
  complex_id   integer REFERENCES complex(id) ON DELETE SET NULL,
  industry_id  integer REFERENCES industry(id) ON DELETE SET NULL,
  employees    integer CHECK (employees >= 0),
  registration_no text UNIQUE,
  website      text,
  synthetic    boolean NOT NULL DEFAULT false,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (size_class IS NULL OR kind = 'company')
);
CREATE INDEX organisation_complex_kind ON organisation (complex_id, kind);
CREATE INDEX organisation_name_lower ON organisation (lower(name));

CREATE TABLE membership (
  id               serial PRIMARY KEY,
  organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  mini_cluster_id  integer NOT NULL REFERENCES mini_cluster(id) ON DELETE CASCADE,
  role             text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'lead', 'coordinator', 'advisor')),
  joined           date NOT NULL,
  left_on          date,
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (organisation_id, mini_cluster_id, joined),
  CHECK (left_on IS NULL OR left_on >= joined)
);
CREATE INDEX membership_mini_cluster ON membership (mini_cluster_id);

CREATE TABLE person (
  id               serial PRIMARY KEY,
  name             text NOT NULL,
  email            text UNIQUE,
  organisation_id  integer REFERENCES organisation(id) ON DELETE SET NULL,
  title            text,
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Task forces (one per complex), regional innovation councils, advisory bodies.
CREATE TABLE body (
  id            serial PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('task_force', 'council', 'advisory_body', 'committee')),
  name          text NOT NULL,
  programme_id  integer REFERENCES programme(id) ON DELETE CASCADE,
  complex_id    integer REFERENCES complex(id) ON DELETE CASCADE,
  region_id     integer REFERENCES region(id) ON DELETE CASCADE,
  established   date,
  dissolved     date,
  synthetic     boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (kind, name)
);

CREATE TABLE body_seat (
  id          serial PRIMARY KEY,
  body_id     integer NOT NULL REFERENCES body(id) ON DELETE CASCADE,
  person_id   integer NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  role        text NOT NULL,
  team        text,
  started     date,
  ended       date,
  synthetic   boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (body_id, person_id, role)
);

-- Budget need and allotment by year, in KRW 100 million (the unit of OECD 2007 Table 14.3).
CREATE TABLE budget_year (
  id                   serial PRIMARY KEY,
  programme_id         integer NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  year                 integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  need_krw100m         numeric(14, 1),
  allotted_krw100m     numeric(14, 1),
  allotted_is_estimate boolean NOT NULL DEFAULT false,
  source               text,
  synthetic            boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, year)
);

-- Budget items of one year, in KRW million (the unit of OECD 2007 Table 14.4).
CREATE TABLE budget_item (
  id                 serial PRIMARY KEY,
  programme_id       integer NOT NULL REFERENCES programme(id) ON DELETE CASCADE,
  year               integer NOT NULL CHECK (year BETWEEN 1900 AND 2200),
  item_group         text NOT NULL,
  item               text NOT NULL,
  amount_krw_million numeric(14, 1) NOT NULL CHECK (amount_krw_million >= 0),
  source             text,
  synthetic          boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  UNIQUE (programme_id, year, item_group, item)
);

-- Published reference figures (e.g. Table 14.6) kept beside the generated rows so the UI can
-- show that the generated organisations reproduce them.
CREATE TABLE reference_count (
  id            serial PRIMARY KEY,
  dataset       text NOT NULL,
  complex_id    integer NOT NULL REFERENCES complex(id) ON DELETE CASCADE,
  category      text NOT NULL,
  value         integer NOT NULL CHECK (value >= 0),
  as_of         date NOT NULL,
  source        text NOT NULL,
  UNIQUE (dataset, complex_id, category)
);
