-- Accounts, role grants, sessions, API tokens, assignments and the append-only audit trail.

ALTER TABLE programme ADD COLUMN publish_aggregates boolean NOT NULL DEFAULT false;

CREATE TABLE app_user (
  id                    serial PRIMARY KEY,
  email                 text NOT NULL,
  name                  text NOT NULL,
  password_hash         text NOT NULL,
  is_active             boolean NOT NULL DEFAULT true,
  must_change_password  boolean NOT NULL DEFAULT false,
  failed_logins         integer NOT NULL DEFAULT 0,
  locked_until          timestamptz,
  last_login_at         timestamptz,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email ON app_user (lower(email));

-- One role over one scope; a user may hold several.
CREATE TABLE role_grant (
  id               serial PRIMARY KEY,
  user_id          integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role             text NOT NULL CHECK (role IN ('admin', 'programme_officer', 'task_force', 'coordinator', 'member', 'evaluator', 'analyst')),
  programme_id     integer REFERENCES programme(id) ON DELETE CASCADE,
  complex_id       integer REFERENCES complex(id) ON DELETE CASCADE,
  mini_cluster_id  integer REFERENCES mini_cluster(id) ON DELETE CASCADE,
  organisation_id  integer REFERENCES organisation(id) ON DELETE CASCADE,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (
    (role IN ('admin', 'evaluator') AND programme_id IS NULL AND complex_id IS NULL AND mini_cluster_id IS NULL AND organisation_id IS NULL)
    OR (role IN ('programme_officer', 'analyst') AND programme_id IS NOT NULL AND complex_id IS NULL AND mini_cluster_id IS NULL AND organisation_id IS NULL)
    OR (role = 'task_force' AND complex_id IS NOT NULL AND programme_id IS NULL AND mini_cluster_id IS NULL AND organisation_id IS NULL)
    OR (role = 'coordinator' AND mini_cluster_id IS NOT NULL AND programme_id IS NULL AND complex_id IS NULL AND organisation_id IS NULL)
    OR (role = 'member' AND organisation_id IS NOT NULL AND programme_id IS NULL AND complex_id IS NULL AND mini_cluster_id IS NULL)
  )
);
CREATE INDEX role_grant_user ON role_grant (user_id);

-- Records an evaluator (or anyone) may see because they were assigned to them.
CREATE TABLE assignment (
  id          serial PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  entity      text NOT NULL,
  entity_id   integer NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, entity, entity_id)
);

CREATE TABLE user_session (
  id            serial PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE,
  csrf_token    text NOT NULL,
  user_id       integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  address       text
);

CREATE TABLE api_token (
  id            serial PRIMARY KEY,
  user_id       integer NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  name          text NOT NULL,
  token_hash    text NOT NULL UNIQUE,
  prefix        text NOT NULL,
  expires_at    timestamptz,
  revoked_at    timestamptz,
  last_used_at  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE login_attempt (
  id        serial PRIMARY KEY,
  email     text NOT NULL,
  address   text,
  success   boolean NOT NULL,
  at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempt_recent ON login_attempt (at);

-- The audit trail: who changed what, when, from where, with the values before and after.
-- No foreign keys: the record must outlive the rows and users it mentions.
CREATE TABLE audit_event (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT clock_timestamp(),
  user_id      integer,
  user_email   text,
  via          text NOT NULL CHECK (via IN ('web', 'api', 'cli', 'system')),
  address      text,
  action       text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
  entity       text NOT NULL,
  entity_id    text NOT NULL,
  before       jsonb,
  after        jsonb
);
CREATE INDEX audit_event_entity ON audit_event (entity, entity_id);
CREATE INDEX audit_event_user ON audit_event (user_id);
CREATE INDEX audit_event_at ON audit_event (at);

-- Append-only, enforced by the database itself so no code path can rewrite history.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
