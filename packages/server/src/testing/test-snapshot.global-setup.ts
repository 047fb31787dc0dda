import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { DemoService } from '../demo/demo.service.ts';

/** The environment variable naming the directory of the PGlite snapshots of one test run. */
export const snapshotDirVariable = 'INNOCLUSTER_TEST_SNAPSHOT_DIR';

let createdDir: string | undefined;

/**
 * Vitest global setup of the db and api tiers: on PGlite, starting an embedded server costs
 * an initdb (seconds, far more on a loaded machine) and the migrations; loading a data
 * directory does not. So one migrated database, and one with the demo loaded, are made once
 * per run and every test file starts from a copy (see createTestDatabase). On PostgreSQL each
 * file still gets a fresh, migrated database of its own.
 */
export async function setup(): Promise<void> {
  if (process.env.INNOCLUSTER_TEST_DATABASE_URL || process.env[snapshotDirVariable]) return;
  const dir = mkdtempSync(join(tmpdir(), 'innocluster-snapshot-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    const dump = database.dumpDataDir!;
    writeFileSync(join(dir, 'migrated.tar'), Buffer.from(await (await dump()).arrayBuffer()));
    await new DemoService(database.db).load();
    writeFileSync(join(dir, 'demo.tar'), Buffer.from(await (await dump()).arrayBuffer()));
  } finally {
    await database.close();
  }
  process.env[snapshotDirVariable] = dir;
  createdDir = dir;
}

/** Removes the snapshots this process made (a second tier's setup made none). */
export function teardown(): void {
  if (!createdDir) return;
  rmSync(createdDir, { recursive: true, force: true });
  delete process.env[snapshotDirVariable];
  createdDir = undefined;
}
