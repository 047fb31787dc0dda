import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../auth/principal.ts';
import type { OpenDatabase } from '../db/database.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { storedTotals } from './mapping-totals.ts';
import { MappingService } from './mapping.service.ts';

let database: OpenDatabase;
let mapping: MappingService;
const region: Record<string, { id: number; kind: string }> = {};
const industry: Record<string, { id: number; level: number }> = {};

const csv = (lines: string[]) => ({
  fileName: 'stats.csv',
  content: Buffer.from(['region,industry,year,measure,value,suppressed', ...lines].join('\n')),
});

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  mapping = new MappingService(db);
  for (const [code, kind] of [
    ['T1', 'user'],
    ['T2', 'user'],
    ['T3', 'province'],
  ] as const) {
    const r = await db
      .insertInto('region')
      .values({ code, kind, name: `Totals region ${code}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    region[code] = { id: r.id, kind };
  }
  const cls = await db
    .insertInto('industryClassification')
    .values({ code: 'TT', vintage: '1', name: 'Totals test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const parent = await db
    .insertInto('industry')
    .values({ classificationId: cls.id, code: 'TP', name: 'Parent', level: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  industry.TP = { id: parent.id, level: 1 };
  for (const code of ['TA', 'TB']) {
    const i = await db
      .insertInto('industry')
      .values({ classificationId: cls.id, code, name: code, level: 2, parentId: parent.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    industry[code] = { id: i.id, level: 2 };
  }
});

afterAll(async () => {
  await database?.close();
});

type Totals = Awaited<ReturnType<typeof storedTotals>>;

/** The totals recomputed in TypeScript from the dataset's cells as they are now. */
async function recomputed(datasetId: number): Promise<Totals> {
  const cells = await database.db
    .selectFrom('statValue')
    .select(['measure', 'year', 'regionId', 'industryId', 'value'])
    .where('datasetId', '=', datasetId)
    .execute();
  const kindOf = new Map(Object.values(region).map((r) => [r.id, r.kind]));
  const levelOf = new Map(Object.values(industry).map((i) => [i.id, i.level]));
  const add = <K>(m: Map<string, { key: K; value: number }>, id: string, key: K, v: number) => {
    const e = m.get(id);
    if (e) e.value += v;
    else m.set(id, { key, value: v });
  };
  const r = new Map<string, { key: Omit<Totals['region'][number], 'value'>; value: number }>();
  const i = new Map<string, { key: Omit<Totals['industry'][number], 'value'>; value: number }>();
  const u = new Map<string, { key: Omit<Totals['universe'][number], 'value'>; value: number }>();
  for (const c of cells) {
    const level = levelOf.get(c.industryId)!;
    const regionKind = kindOf.get(c.regionId)!;
    const { measure, year } = c;
    add(
      r,
      `${measure}|${year}|${c.regionId}|${level}`,
      { measure, year, regionId: c.regionId, level },
      c.value,
    );
    add(
      i,
      `${measure}|${year}|${regionKind}|${c.industryId}`,
      { measure, year, regionKind, industryId: c.industryId },
      c.value,
    );
    add(
      u,
      `${measure}|${year}|${regionKind}|${level}`,
      { measure, year, regionKind, level },
      c.value,
    );
  }
  const sorted = <T extends Record<string, unknown>>(m: Map<string, { key: T; value: number }>) =>
    [...m.values()]
      .map((e) => ({ ...e.key, value: e.value }))
      .sort((a, b) => {
        for (const k of Object.keys(a)) {
          const x = a[k] as string | number;
          const y = b[k as keyof typeof b] as string | number;
          if (x < y) return -1;
          if (x > y) return 1;
        }
        return 0;
      });
  return { region: sorted(r), industry: sorted(i), universe: sorted(u) } as Totals;
}

async function expectTotalsMatchCells(datasetId: number): Promise<Totals> {
  const stored = await storedTotals(database.db, datasetId);
  const expected = await recomputed(datasetId);
  for (const table of ['region', 'industry', 'universe'] as const) {
    expect(stored[table].map(({ value: _v, ...key }) => key)).toEqual(
      expected[table].map(({ value: _v, ...key }) => key),
    );
    stored[table].forEach((row, k) => expect(row.value).toBeCloseTo(expected[table][k]!.value, 9));
  }
  return stored;
}

describe('totals kept at import', () => {
  it('equal a recomputation from the cells after import, re-import and delete', async () => {
    const ds = await mapping.createDataset(systemContext, {
      name: 'Totals',
      universe: 'sum',
      fillRule: 'parent_share',
      synthetic: false,
    });
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv([
        'T1,TP,2019,employment,100,',
        'T1,TA,2019,employment,,true',
        'T1,TB,2019,employment,70,',
        'T2,TA,2019,employment,5,',
        'T2,TB,2019,employment,15,',
        'T3,TA,2019,employment,1000,',
        'T1,TA,2020,employment,40,',
        'T2,TB,2020,employment,2.5,',
        'T1,TA,2020,establishments,3,',
      ]),
    });
    const first = await expectTotalsMatchCells(ds.id);
    // Hand-computed: T1 2019 at level 2 is the filled TA (100 - 70 = 30) plus TB 70.
    expect(
      first.region.find((r) => r.regionId === region.T1!.id && r.year === 2019 && r.level === 2)
        ?.value,
    ).toBe(100);
    // TA in 2019 over the user regions: 30 + 5 (T3 is a province).
    expect(
      first.industry.find(
        (r) =>
          r.industryId === industry.TA!.id &&
          r.year === 2019 &&
          r.regionKind === 'user' &&
          r.measure === 'employment',
      )?.value,
    ).toBe(35);
    // The user universe of 2019 at level 2: 30 + 70 + 5 + 15.
    expect(
      first.universe.find(
        (r) =>
          r.year === 2019 && r.regionKind === 'user' && r.level === 2 && r.measure === 'employment',
      )?.value,
    ).toBe(120);

    // A second import replaces one cell and adds another; the rest stay.
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv(['T2,TA,2019,employment,25,', 'T3,TB,2020,employment,7,']),
    });
    const second = await expectTotalsMatchCells(ds.id);
    expect(
      second.industry.find(
        (r) =>
          r.industryId === industry.TA!.id &&
          r.year === 2019 &&
          r.regionKind === 'user' &&
          r.measure === 'employment',
      )?.value,
    ).toBe(55);
    expect(second.region.length).toBe(first.region.length + 1);

    // National totals are a table apart and change none of these.
    await mapping.importStatistics(
      systemContext,
      ds.id,
      { file: csv(['T1,TA,2019,employment,999,']) },
      'national',
    );
    expect(await storedTotals(database.db, ds.id)).toEqual(second);

    await mapping.deleteDataset(systemContext, ds.id);
    expect(await storedTotals(database.db, ds.id)).toEqual({
      region: [],
      industry: [],
      universe: [],
    });

    // Imported again under a new dataset, the totals are those of the new cells only.
    const again = await mapping.createDataset(systemContext, {
      name: 'Totals',
      universe: 'sum',
      fillRule: 'zero',
      synthetic: false,
    });
    await mapping.importStatistics(systemContext, again.id, {
      file: csv(['T1,TA,2021,employment,8,', 'T2,TA,2021,employment,,true']),
    });
    const third = await expectTotalsMatchCells(again.id);
    expect(third.universe).toEqual([
      { measure: 'employment', year: 2021, regionKind: 'user', level: 2, value: 8 },
    ]);
  });
});
