import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';
import { openDatabase, type OpenDatabase } from './database.ts';
import { migrate, readMigrations } from './migrator.ts';

let database: OpenDatabase;
let db: Kysely<unknown>;
const dirs: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db as Kysely<unknown>;
});
afterAll(async () => {
  await database?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A folder of migration files for one test, so the project's own migrations stay untouched. */
function migrationsFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'innocluster-migrations-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function appliedNames(): Promise<string[]> {
  const result = await sql<{
    name: string;
  }>`SELECT name FROM schema_migration ORDER BY name`.execute(db);
  return result.rows.map((r) => r.name);
}

async function tableExists(name: string): Promise<boolean> {
  const result = await sql<{
    found: string | null;
  }>`SELECT to_regclass(${name})::text AS found`.execute(db);
  return result.rows[0]?.found != null;
}

describe('the project migrations', () => {
  it('are all applied once to a new database', async () => {
    const files = readMigrations();
    expect(files.map((f) => f.name).slice(0, 2)).toEqual([
      '0001_registry.sql',
      '0002_app_setting.sql',
    ]);
    expect(await appliedNames()).toEqual(files.map((f) => f.name));
    for (const table of [
      'programme',
      'region',
      'complex',
      'organisation',
      'membership',
      'app_setting',
    ]) {
      expect(await tableExists(table), table).toBe(true);
    }
  });

  it('apply nothing on a second run', async () => {
    expect(await migrate(db)).toEqual([]);
    expect(await migrate(db)).toEqual([]);
    expect(await appliedNames()).toEqual(readMigrations().map((f) => f.name));
  });
});

describe('migrate() with a folder of its own', () => {
  it('applies new files in name order, then nothing', async () => {
    const dir = migrationsFolder({
      '0002_probe_b.sql': 'ALTER TABLE probe_a ADD COLUMN note text;',
      '0001_probe_a.sql':
        'CREATE TABLE probe_a (id serial PRIMARY KEY);\nCREATE INDEX probe_a_id ON probe_a (id);',
      'README.md': 'not a migration',
      '3_bad_name.sql': 'SELECT 1/0;',
    });
    const files = readMigrations(dir);
    expect(files.map((f) => f.name)).toEqual(['0001_probe_a.sql', '0002_probe_b.sql']);
    expect(await migrate(db, files)).toEqual(['0001_probe_a.sql', '0002_probe_b.sql']);
    await sql`INSERT INTO probe_a (note) VALUES ('kept')`.execute(db);
    expect(await migrate(db, readMigrations(dir))).toEqual([]);
    const rows = await sql<{ note: string }>`SELECT note FROM probe_a`.execute(db);
    expect(rows.rows).toEqual([{ note: 'kept' }]);
  });

  it('refuses a migration that was edited after it was applied, and applies nothing of that run', async () => {
    const dir = migrationsFolder({
      '0001_probe_c.sql': 'CREATE TABLE probe_c (id serial PRIMARY KEY);',
      '0002_probe_d.sql': 'CREATE TABLE probe_d (id serial PRIMARY KEY);',
    });
    expect(await migrate(db, readMigrations(dir))).toEqual([
      '0001_probe_c.sql',
      '0002_probe_d.sql',
    ]);
    const before = await appliedNames();

    // Edit an applied file and add a new one that sorts before it: the whole run is refused.
    writeFileSync(
      join(dir, '0002_probe_d.sql'),
      'CREATE TABLE probe_d (id bigserial PRIMARY KEY);',
    );
    writeFileSync(join(dir, '0001_probe_c2.sql'), 'CREATE TABLE probe_c2 (id serial PRIMARY KEY);');
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(
      'Migration 0002_probe_d.sql was changed after it was applied; add a new migration instead.',
    );
    expect(await appliedNames()).toEqual(before);
    expect(await tableExists('probe_c2')).toBe(false);

    // Whitespace counts as an edit too: the checksum is over the exact text.
    writeFileSync(join(dir, '0002_probe_d.sql'), 'CREATE TABLE probe_d (id serial PRIMARY KEY); ');
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(/0002_probe_d\.sql was changed/);
  });

  it('applies nothing of a run in which one migration fails', async () => {
    const dir = migrationsFolder({
      '0001_probe_e.sql': 'CREATE TABLE probe_e (id serial PRIMARY KEY);',
      '0002_probe_f.sql':
        'CREATE TABLE probe_f (id serial PRIMARY KEY);\nSELECT no_such_function();',
    });
    const before = await appliedNames();
    await expect(migrate(db, readMigrations(dir))).rejects.toThrow(/no_such_function/);
    expect(await appliedNames()).toEqual(before);
    expect(await tableExists('probe_e')).toBe(false);
    expect(await tableExists('probe_f')).toBe(false);
  });

  it('applies each migration once when two runs start together', async () => {
    const dir = migrationsFolder({
      '0001_probe_g.sql': 'CREATE TABLE probe_g (id serial PRIMARY KEY);',
      '0002_probe_h.sql': 'CREATE TABLE probe_h (id serial PRIMARY KEY);',
    });
    const [first, second] = await Promise.all([
      migrate(db, readMigrations(dir)),
      migrate(db, readMigrations(dir)),
    ]);
    expect([...first, ...second].sort()).toEqual(['0001_probe_g.sql', '0002_probe_h.sql']);
  });
});

/**
 * Two servers that start at once on a new database, each with its own connections: two pools
 * on one new PostgreSQL database, or (PGlite being one process) two runs on one database.
 */
async function withTwoUnmigratedConnections(
  work: (a: Kysely<unknown>, b: Kysely<unknown>) => Promise<void>,
): Promise<void> {
  const serverUrl = process.env.INNOCLUSTER_TEST_DATABASE_URL;
  if (!serverUrl) {
    const only = await openDatabase({ kind: 'pglite', dataDir: null }, { migrate: false });
    try {
      await work(only.db as Kysely<unknown>, only.db as Kysely<unknown>);
    } finally {
      await only.close();
    }
    return;
  }
  const name = `innocluster_test_race_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const a = await openDatabase({ kind: 'postgres', url: url.toString() }, { migrate: false });
    const b = await openDatabase({ kind: 'postgres', url: url.toString() }, { migrate: false });
    try {
      await work(a.db as Kysely<unknown>, b.db as Kysely<unknown>);
    } finally {
      await a.close();
      await b.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

describe('two servers migrating one new database at once', () => {
  it('apply every migration exactly once', async () => {
    const names = readMigrations().map((f) => f.name);
    // The race this guards against (both creating schema_migration) is timing-dependent, so
    // a few rounds on PostgreSQL.
    const rounds = process.env.INNOCLUSTER_TEST_DATABASE_URL ? 4 : 1;
    for (let round = 0; round < rounds; round++) {
      await withTwoUnmigratedConnections(async (a, b) => {
        const [first, second] = await Promise.all([migrate(a), migrate(b)]);
        expect([...first, ...second].sort()).toEqual(names);
        const recorded = await sql<{
          name: string;
        }>`SELECT name FROM schema_migration ORDER BY name`.execute(a);
        expect(recorded.rows.map((r) => r.name)).toEqual(names);
      });
    }
  });
});
