-- Networking records (issue 5): activities with their mini-clusters and attendees, typed
-- collaborations between organisations, and attendance-sheet imports held for review.
-- Generated demo rows carry `synthetic` like the registry tables.

-- An uploaded attendance sheet: parsed rows with proposed registry matches wait here (status
-- 'review') until a reviewer commits or discards them; nothing reaches the activity tables before.
CREATE TABLE attendance_import (
  id            serial PRIMARY KEY,
  file_name     text NOT NULL,
  status        text NOT NULL DEFAULT 'review' CHECK (status IN ('review', 'committed', 'discarded')),
  created_by    integer REFERENCES app_user(id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  committed_at  timestamptz,
  -- One element per sheet row: the row number, the values read and the proposed match with its score.
  rows          jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Counts written on commit (activities, attendees, matches by kind).
  summary       jsonb
);

CREATE TABLE activity (
  id                    serial PRIMARY KEY,
  programme_id          integer REFERENCES programme(id) ON DELETE CASCADE,
  complex_id            integer REFERENCES complex(id) ON DELETE SET NULL,
  kind                  text NOT NULL CHECK (kind IN ('forum', 'seminar', 'workshop', 'meeting', 'consultation', 'matchmaking', 'exhibition')),
  title                 text NOT NULL CHECK (length(title) > 0),
  topic                 text,
  held_on               date NOT NULL,
  host_organisation_id  integer REFERENCES organisation(id) ON DELETE SET NULL,
  import_id             integer REFERENCES attendance_import(id) ON DELETE SET NULL,
  synthetic             boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_held_on ON activity (held_on);
CREATE INDEX activity_complex_held_on ON activity (complex_id, held_on);
CREATE INDEX activity_programme ON activity (programme_id);
CREATE INDEX activity_host ON activity (host_organisation_id);

CREATE TABLE activity_mini_cluster (
  activity_id      integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  mini_cluster_id  integer NOT NULL REFERENCES mini_cluster(id) ON DELETE CASCADE,
  PRIMARY KEY (activity_id, mini_cluster_id)
);
CREATE INDEX activity_mini_cluster_mc ON activity_mini_cluster (mini_cluster_id);

-- One row per organisation (person_id NULL) or per person who attended. A name that matched
-- nothing in the registry is kept as written with match = 'none' and no organisation.
CREATE TABLE activity_attendee (
  id               serial PRIMARY KEY,
  activity_id      integer NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
  organisation_id  integer REFERENCES organisation(id) ON DELETE CASCADE,
  person_id        integer REFERENCES person(id) ON DELETE SET NULL,
  name_as_written  text,
  match            text NOT NULL DEFAULT 'manual' CHECK (match IN ('exact', 'fuzzy', 'manual', 'none')),
  match_score      double precision CHECK (match_score IS NULL OR (match_score >= 0 AND match_score <= 1)),
  synthetic        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (organisation_id IS NOT NULL OR person_id IS NOT NULL OR name_as_written IS NOT NULL),
  CHECK (match <> 'none' OR organisation_id IS NULL)
);
-- An organisation attends an activity once; a person attends once; an unmatched name once.
CREATE UNIQUE INDEX activity_attendee_org ON activity_attendee (activity_id, organisation_id)
  WHERE person_id IS NULL AND organisation_id IS NOT NULL;
CREATE UNIQUE INDEX activity_attendee_person ON activity_attendee (activity_id, person_id)
  WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX activity_attendee_unmatched ON activity_attendee (activity_id, lower(name_as_written))
  WHERE person_id IS NULL AND organisation_id IS NULL;
CREATE INDEX activity_attendee_organisation ON activity_attendee (organisation_id, activity_id);

CREATE TABLE collaboration (
  id                      serial PRIMARY KEY,
  kind                    text NOT NULL CHECK (kind IN ('joint_rd', 'technology_transfer', 'consulting', 'co_patent', 'co_publication', 'supply', 'shared_equipment', 'project')),
  source_organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  target_organisation_id  integer NOT NULL REFERENCES organisation(id) ON DELETE CASCADE,
  started_on              date NOT NULL,
  ended_on                date,
  value_krw               double precision CHECK (value_krw IS NULL OR value_krw >= 0),
  -- A project of the project issue once that table exists (no foreign key yet).
  project_id              integer,
  description             text,
  synthetic               boolean NOT NULL DEFAULT false,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (source_organisation_id <> target_organisation_id),
  CHECK (ended_on IS NULL OR ended_on >= started_on)
);
CREATE INDEX collaboration_source ON collaboration (source_organisation_id, started_on);
CREATE INDEX collaboration_target ON collaboration (target_organisation_id, started_on);
CREATE INDEX collaboration_started_on ON collaboration (started_on);
