-- Small key-value settings the application keeps about itself, e.g. what the demo loaded.
CREATE TABLE app_setting (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
