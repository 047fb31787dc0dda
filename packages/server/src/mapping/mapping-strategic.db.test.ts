import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db/database.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import {
  industryLineages,
  listStrategicIndustries,
  replaceStrategicIndustries,
  strategicPairs,
} from './mapping-strategic.repository.ts';

let database: OpenDatabase;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  for (const code of ['S1', 'S2']) {
    ids[code] = (
      await db
        .insertInto('region')
        .values({ code, kind: 'province', name: `Province ${code}` })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  const cls = await db
    .insertInto('industryClassification')
    .values({ code: 'ST', vintage: '1', name: 'Strategic test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  // A tree: section A > division A1 > class A11.
  let parentId: number | null = null;
  for (const [code, level] of [
    ['A', 1],
    ['A1', 2],
    ['A11', 3],
  ] as const) {
    const row: { id: number } = await db
      .insertInto('industry')
      .values({ classificationId: cls.id, code, name: code, level, parentId })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[code] = row.id;
    parentId = row.id;
  }
  ids.programme = (
    await db
      .insertInto('programme')
      .values({ code: 'ST-P', name: 'Strategic test programme', ministry: 'Test' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});

afterAll(async () => {
  await database?.close();
});

const row = (industryId: number) => ({ industryId, source: null, note: null, synthetic: false });

describe('strategic_industry', () => {
  it('replaces one scope without touching the others', async () => {
    const db = database.db;
    await replaceStrategicIndustries(db, { regionId: null, programmeId: null }, [row(ids.A!)]);
    await replaceStrategicIndustries(db, { regionId: ids.S1!, programmeId: null }, [row(ids.A1!)]);
    await replaceStrategicIndustries(db, { regionId: ids.S1!, programmeId: ids.programme! }, [
      row(ids.A11!),
    ]);
    await replaceStrategicIndustries(db, { regionId: ids.S1!, programmeId: null }, [row(ids.A11!)]);
    const all = await listStrategicIndustries(db);
    expect(all.map((r) => [r.regionCode, r.programmeCode, r.industryCode])).toEqual([
      [null, null, 'A'],
      ['S1', null, 'A11'],
      ['S1', 'ST-P', 'A11'],
    ]);
    // Without the programme its own row does not apply; with it, both rows of S1 fold into one.
    expect((await strategicPairs(db, null)).length).toBe(2);
    expect((await strategicPairs(db, ids.programme!)).length).toBe(2);
  });

  it('refuses a second row for one scope and industry, also when the region is national', async () => {
    const insert = (regionId: number | null) =>
      sql`INSERT INTO strategic_industry (region_id, industry_id) VALUES (${regionId}::int, ${ids.A!})`.execute(
        database.db,
      );
    await expect(insert(null)).rejects.toThrow(/strategic_industry_scope|duplicate/);
    await insert(ids.S2!);
    await expect(insert(ids.S2!)).rejects.toThrow(/strategic_industry_scope|duplicate/);
  });

  it('walks an industry’s ancestors nearest first', async () => {
    const lines = await industryLineages(database.db, [ids.A11!, ids.A!]);
    expect(lines.get(ids.A11!)).toEqual([ids.A11, ids.A1, ids.A]);
    expect(lines.get(ids.A!)).toEqual([ids.A]);
  });

  it('goes with its region and industry', async () => {
    const db = database.db;
    await sql`DELETE FROM region WHERE id = ${ids.S2!}`.execute(db);
    expect((await listStrategicIndustries(db)).some((r) => r.regionCode === 'S2')).toBe(false);
    await sql`DELETE FROM industry WHERE id = ${ids.A11!}`.execute(db);
    expect((await listStrategicIndustries(db)).map((r) => r.industryCode)).toEqual(['A']);
  });
});
