#!/usr/bin/env bash
# Runs the database and API test tiers on a PostgreSQL server instead of embedded PGlite.
# Each test file gets its own fresh database on that server (see
# packages/server/src/testing/test-database.ts), so the URL must name a role that may
# CREATE DATABASE. Extra arguments go to vitest (e.g. a file filter).
set -euo pipefail

cd "$(dirname "$0")/.."

export INNOCLUSTER_TEST_DATABASE_URL="${INNOCLUSTER_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
# Print the URL without its password, if it has one.
shown_url="$(printf '%s' "$INNOCLUSTER_TEST_DATABASE_URL" | sed -E 's#(://[^:@/]+):[^@/]*@#\1:***@#')"

# Ask the server for a trivial answer before starting vitest, so that a server that is down
# gives one clear line instead of a failure in every test file.
if ! probe_error="$(node --input-type=module -e "
import pg from 'pg';
const client = new pg.Client({ connectionString: process.env.INNOCLUSTER_TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
try {
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
} catch (error) {
  console.error(error.message || String(error));
  process.exit(1);
}
" 2>&1)"; then
  echo "test:pg: the PostgreSQL server at ${shown_url} does not answer: ${probe_error}" >&2
  echo "Start PostgreSQL, or set INNOCLUSTER_TEST_DATABASE_URL to a server where this role may CREATE DATABASE." >&2
  exit 2
fi

echo "test:pg: running the db and api tiers on ${shown_url}"
exec npx vitest run --project db --project api "$@"
