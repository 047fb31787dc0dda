import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';
import type { OpenDatabase } from './database.ts';

let database: OpenDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('openDatabase()', () => {
  it('returns the same JSON-ready values from both drivers', async () => {
    const result = await sql<{
      big: unknown;
      num: unknown;
      day: unknown;
      at: unknown;
      flag: unknown;
    }>`SELECT 9007199254740991::int8 AS big, 462.5::numeric AS num, DATE '2006-04-21' AS day,
        TIMESTAMPTZ '2005-04-01 09:30:00+09' AS at, true AS flag`.execute(database.db);
    expect(result.rows[0]).toEqual({
      big: 9007199254740991,
      num: 462.5,
      day: '2006-04-21',
      at: '2005-04-01T00:30:00.000Z',
      flag: true,
    });
  });

  it('names columns in camelCase in code and snake_case in SQL', async () => {
    await database.db
      .insertInto('appSetting')
      .values({ key: 'probe', value: JSON.stringify(1) })
      .execute();
    const row = await database.db
      .selectFrom('appSetting')
      .select(['key', 'updatedAt'])
      .where('key', '=', 'probe')
      .executeTakeFirstOrThrow();
    expect(Object.keys(row).sort()).toEqual(['key', 'updatedAt']);
    expect(row.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('rolls a failed transaction back and goes on serving queries', async () => {
    await expect(
      database.db.transaction().execute(async (tx) => {
        await tx
          .insertInto('appSetting')
          .values({ key: 'rolled-back', value: JSON.stringify(1) })
          .execute();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const rows = await database.db
      .selectFrom('appSetting')
      .select('key')
      .where('key', '=', 'rolled-back')
      .execute();
    expect(rows).toEqual([]);
  });

  it.skipIf(!process.env.INNOCLUSTER_TEST_DATABASE_URL)(
    'survives the server dropping its idle connections (PostgreSQL)',
    async () => {
      const db = database.db;
      // Open a few pooled connections, then end all but the current one from the server side,
      // as a server restart or an administrator would.
      await Promise.all([1, 2, 3].map(() => sql`SELECT pg_sleep(0.05)`.execute(db)));
      const ended = await sql<{ n: number }>`SELECT count(pg_terminate_backend(pid))::int AS n
        FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`.execute(
        db,
      );
      expect(ended.rows[0]!.n).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Without an error listener on the pool, the dropped connections' errors would have
      // ended the process; the pool replaces them and queries go on.
      const results = await Promise.all(
        [1, 2, 3, 4].map((n) => sql<{ n: number }>`SELECT ${n}::int AS n`.execute(db)),
      );
      expect(results.map((r) => r.rows[0]!.n)).toEqual([1, 2, 3, 4]);
    },
  );
});
