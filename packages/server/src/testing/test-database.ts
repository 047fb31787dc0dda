import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type OpenDatabase } from '../db/database.ts';

/**
 * The PGlite snapshot the global setup made for this run (test-snapshot.global-setup.ts), if
 * any: a test started outside that setup (or a snapshot gone missing) starts from scratch.
 */
function readSnapshot(name: 'migrated' | 'demo'): Blob | undefined {
  const dir = process.env.INNOCLUSTER_TEST_SNAPSHOT_DIR;
  const file = dir ? join(dir, `${name}.tar`) : undefined;
  return file && existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * database on the PostgreSQL server named by INNOCLUSTER_TEST_DATABASE_URL (dropped on close),
 * so the same tests run on both. `fromDemoSnapshot` (PGlite only) starts from the run's
 * snapshot with the demo already loaded; the caller then must not load the demo again.
 * Migrations run in every case, so a snapshot behind the code would be brought up to date.
 */
export async function createTestDatabase(
  options: { fromDemoSnapshot?: boolean } = {},
): Promise<OpenDatabase & { demoLoaded: boolean }> {
  const serverUrl = process.env.INNOCLUSTER_TEST_DATABASE_URL;
  if (!serverUrl) {
    const demo = options.fromDemoSnapshot ? readSnapshot('demo') : undefined;
    const snapshot = demo ?? readSnapshot('migrated');
    const database = await openDatabase({
      kind: 'pglite',
      dataDir: null,
      ...(snapshot ? { snapshot } : {}),
    });
    return { ...database, demoLoaded: demo !== undefined };
  }
  const name = `innocluster_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  return {
    ...database,
    demoLoaded: false,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
