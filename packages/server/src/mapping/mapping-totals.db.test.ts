import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../auth/principal.ts';
import type { OpenDatabase } from '../db/database.ts';
import { RegistryService } from '../registry/registry.service.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { storedTotals } from './mapping-totals.ts';
import {
  computeMeasures,
  measuresShape,
  measuresSql,
  type ComputeQuery,
  type MeasureRow,
} from './mapping.repository.ts';
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

/** Every industry measure of a dataset's employment from 2019, at level 2 unless `over` says. */
function industryQuery(datasetId: number, over: Partial<ComputeQuery> = {}): ComputeQuery {
  return {
    datasetId,
    measure: 'employment',
    regionKind: 'user',
    unit: 'industry',
    clusterIds: [],
    years: null,
    baseYear: 2019,
    denominator: 'all',
    universe: 'sum',
    industryLevel: 2,
    ...over,
  };
}

/**
 * Every cell's stored first-year value and flag against the cells as they are now: the cell of
 * the same series in the first year of its dataset and measure, or null and false.
 */
async function expectFirstValuesMatchCells(datasetId: number) {
  const cells = await database.db
    .selectFrom('statValue')
    .select([
      'measure',
      'year',
      'regionId',
      'industryId',
      'value',
      'filled',
      'firstValue',
      'firstFilled',
    ])
    .where('datasetId', '=', datasetId)
    .execute();
  const firstYear = new Map<string, number>();
  for (const c of cells)
    firstYear.set(c.measure, Math.min(firstYear.get(c.measure) ?? Infinity, c.year));
  for (const c of cells) {
    const base = cells.find(
      (b) =>
        b.measure === c.measure &&
        b.year === firstYear.get(c.measure) &&
        b.regionId === c.regionId &&
        b.industryId === c.industryId,
    );
    expect({ cell: c, first: c.firstValue, flag: c.firstFilled }).toEqual({
      cell: c,
      first: base?.value ?? null,
      flag: base?.filled ?? false,
    });
  }
  return cells;
}

/**
 * The measures as the service computes them (stored first-year values, the region-kind test
 * only when needed) against the query written for no known shape (the base-year grid lookups and
 * the region-kind test on every row): the same rows.
 */
async function expectBothQueriesAgree(q: ComputeQuery) {
  const byKey = (rows: MeasureRow[]) =>
    [...rows].sort((a, b) => a.year - b.year || a.regionId - b.regionId || a.unitId - b.unitId);
  const service = byKey(await computeMeasures(database.db, q));
  const general = byKey(
    (await measuresSql(q, { firstYear: null, otherRegionKinds: true }).execute(database.db)).rows,
  );
  expect(service.length).toBeGreaterThan(0);
  expect(service).toEqual(general);
  return service;
}

describe('first-year values kept at import', () => {
  it('follow appended years, a rewritten first year and an earlier year, and match the grid', async () => {
    const ds = await mapping.createDataset(systemContext, {
      name: 'First values',
      universe: 'sum',
      fillRule: 'parent_share',
      synthetic: false,
    });
    const q = (over: Partial<ComputeQuery> = {}) => industryQuery(ds.id, over);
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv([
        'T1,TP,2019,employment,100,',
        'T1,TA,2019,employment,,true',
        'T1,TB,2019,employment,70,',
        'T2,TA,2019,employment,5,',
        'T3,TA,2019,employment,1000,',
        'T1,TA,2020,employment,40,',
        'T1,TB,2020,employment,77,',
        'T2,TA,2020,employment,10,',
        'T2,TB,2020,employment,2.5,',
        'T1,TA,2020,establishments,3,',
        'T1,TA,2021,establishments,6,',
      ]),
    });
    let cells = await expectFirstValuesMatchCells(ds.id);
    const cell = (measure: string, year: number, r: string, i: string) =>
      cells.find(
        (c) =>
          c.measure === measure &&
          c.year === year &&
          c.regionId === region[r]!.id &&
          c.industryId === industry[i]!.id,
      )!;
    // Hand-checked: T1 TA's base is the filled 2019 cell (100 - 70 = 30); T2 TB has no 2019
    // cell; establishments start in 2020.
    expect(cell('employment', 2020, 'T1', 'TA')).toMatchObject({
      firstValue: 30,
      firstFilled: true,
    });
    expect(cell('employment', 2020, 'T2', 'TB')).toMatchObject({
      firstValue: null,
      firstFilled: false,
    });
    expect(cell('establishments', 2021, 'T1', 'TA')).toMatchObject({ firstValue: 3 });
    expect(await measuresShape(database.db, q())).toEqual({
      firstYear: 2019,
      otherRegionKinds: true,
    });
    let rows = await expectBothQueriesAgree(q());
    const t1a2020 = rows.find(
      (r) => r.regionId === region.T1!.id && r.unitId === industry.TA!.id && r.year === 2020,
    )!;
    expect(t1a2020).toMatchObject({ baseValue: 30, change: 10, restsOnFilled: true });
    expect(t1a2020.cagr).toBeCloseTo(40 / 30 - 1, 12);
    await expectBothQueriesAgree(q({ regionKind: 'province' }));
    await expectBothQueriesAgree(q({ measure: 'establishments', baseYear: 2020 }));

    // A later year appended: its rows get the 2019 base, the others stay.
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv(['T1,TA,2021,employment,45,', 'T2,TB,2021,employment,3,']),
    });
    cells = await expectFirstValuesMatchCells(ds.id);
    expect(cell('employment', 2021, 'T1', 'TA')).toMatchObject({ firstValue: 30 });
    await expectBothQueriesAgree(q());

    // A first-year cell rewritten (the filled one now reported): every year of its series follows.
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv(['T1,TA,2019,employment,20,']),
    });
    cells = await expectFirstValuesMatchCells(ds.id);
    expect(cell('employment', 2021, 'T1', 'TA')).toMatchObject({
      firstValue: 20,
      firstFilled: false,
    });
    rows = await expectBothQueriesAgree(q());
    expect(
      rows.find(
        (r) => r.regionId === region.T1!.id && r.unitId === industry.TA!.id && r.year === 2021,
      ),
    ).toMatchObject({ change: 25, restsOnFilled: false });

    // An earlier year: 2018 becomes the base of every row, and only T2 TB has a cell then.
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv(['T2,TB,2018,employment,2,']),
    });
    cells = await expectFirstValuesMatchCells(ds.id);
    expect(cell('employment', 2021, 'T2', 'TB')).toMatchObject({ firstValue: 2 });
    expect(cell('employment', 2021, 'T1', 'TA')).toMatchObject({ firstValue: null });
    await expectBothQueriesAgree(q({ baseYear: 2018 }));
    // 2019 is no longer the first year: the query reads the 2019 grid, and agrees.
    await expectBothQueriesAgree(q({ baseYear: 2019 }));
    expect((await measuresShape(database.db, q())).firstYear).toBe(2018);
  });

  it('leaves the region-kind test out when every cell lies in a region of the kind', async () => {
    const ds = await mapping.createDataset(systemContext, {
      name: 'One kind',
      universe: 'sum',
      fillRule: 'zero',
      synthetic: false,
    });
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv([
        'T1,TA,2019,employment,4,',
        'T2,TA,2019,employment,6,',
        'T1,TB,2019,employment,6,',
        'T1,TA,2020,employment,8,',
        'T2,TB,2020,employment,,true',
      ]),
    });
    const q = industryQuery(ds.id, { industryLevel: null });
    expect(await measuresShape(database.db, q)).toEqual({
      firstYear: 2019,
      otherRegionKinds: false,
    });
    const rows = await expectBothQueriesAgree(q);
    // 2019: T1 TA = 4 of T1's 10, TA in all regions 10 of 16: LQ (4 / 10) / (10 / 16) = 0.64.
    const t1a = rows.find(
      (r) => r.regionId === region.T1!.id && r.unitId === industry.TA!.id && r.year === 2019,
    )!;
    expect(t1a.lq).toBeCloseTo(0.64, 12);
    // A query for another kind finds no rows either way.
    expect(await measuresShape(database.db, { ...q, regionKind: 'province' })).toEqual({
      firstYear: 2019,
      otherRegionKinds: true,
    });
    expect(await computeMeasures(database.db, { ...q, regionKind: 'province' })).toEqual([]);
  });
});

describe('totals after a region or an industry is deleted', () => {
  it('are recomputed from the cells left, first year included', async () => {
    const db = database.db;
    const registry = new RegistryService(db);
    const t4 = await db
      .insertInto('region')
      .values({ code: 'T4', kind: 'user', name: 'Totals region T4' })
      .returning('id')
      .executeTakeFirstOrThrow();
    region.T4 = { id: t4.id, kind: 'user' };
    const tc = await db
      .insertInto('industry')
      .values({
        classificationId: (await db
          .selectFrom('industry')
          .select('classificationId')
          .where('id', '=', industry.TA!.id)
          .executeTakeFirstOrThrow())!.classificationId,
        code: 'TC',
        name: 'TC',
        level: 2,
        parentId: industry.TP!.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    industry.TC = { id: tc.id, level: 2 };
    const ds = await mapping.createDataset(systemContext, {
      name: 'Deletions',
      universe: 'sum',
      fillRule: 'zero',
      synthetic: false,
    });
    // Only T4 has cells in 2018: deleting it makes 2019 the first year.
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv([
        'T4,TA,2018,employment,9,',
        'T4,TA,2019,employment,11,',
        'T1,TA,2019,employment,10,',
        'T1,TC,2019,employment,30,',
        'T2,TC,2019,employment,20,',
        'T1,TA,2020,employment,12,',
        'T1,TC,2020,employment,33,',
        'T2,TA,2020,employment,4,',
      ]),
    });
    await expectTotalsMatchCells(ds.id);
    await expectFirstValuesMatchCells(ds.id);

    await registry.remove('industries', tc.id, systemContext);
    const afterIndustry = await expectTotalsMatchCells(ds.id);
    // T1 in 2019 is TA 10 alone now (TC's 30 went with it).
    expect(
      afterIndustry.region.find(
        (r) => r.regionId === region.T1!.id && r.year === 2019 && r.level === 2,
      )?.value,
    ).toBe(10);

    await registry.remove('regions', t4.id, systemContext);
    const afterRegion = await expectTotalsMatchCells(ds.id);
    expect([...new Set(afterRegion.universe.map((u) => u.year))]).toEqual([2019, 2020]);
    const cells = await expectFirstValuesMatchCells(ds.id);
    // T1 TA 2020 is now based on 2019 (10), not on T1's missing 2018 cell.
    expect(
      cells.find(
        (c) => c.regionId === region.T1!.id && c.industryId === industry.TA!.id && c.year === 2020,
      ),
    ).toMatchObject({ firstValue: 10 });
    const q = industryQuery(ds.id, { industryLevel: null });
    expect((await measuresShape(db, q)).firstYear).toBe(2019);
    await expectBothQueriesAgree(q);
  });
});

describe('first-year values at import', () => {
  it('are written with the rows: a row is updated only when its series changes base', async () => {
    // Every UPDATE of a cell counted by a trigger of the test's own database (statistics views
    // would lag on a server, where other connections write).
    await sql`CREATE TABLE test_value_updates (n integer NOT NULL)`.execute(database.db);
    await sql`INSERT INTO test_value_updates VALUES (0)`.execute(database.db);
    await sql`CREATE FUNCTION test_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE test_value_updates SET n = n + 1; RETURN NEW; END $$`.execute(database.db);
    await sql`CREATE TRIGGER test_count_update BEFORE UPDATE ON stat_value
      FOR EACH ROW EXECUTE FUNCTION test_count_update()`.execute(database.db);
    const updates = async () =>
      (await sql<{ n: number }>`SELECT n FROM test_value_updates`.execute(database.db)).rows[0]!.n;
    const ds = await mapping.createDataset(systemContext, {
      name: 'Written once',
      universe: 'sum',
      fillRule: 'zero',
      synthetic: false,
    });
    let before = await updates();
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv([
        'T1,TA,2019,employment,5,',
        'T1,TA,2020,employment,6,',
        'T1,TA,2021,employment,7,',
        'T2,TA,2019,employment,1,',
        'T2,TA,2020,employment,2,',
      ]),
    });
    expect((await updates()) - before).toBe(0);
    before = await updates();
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv(['T1,TA,2022,employment,8,']),
    });
    expect((await updates()) - before).toBe(0);
    await expectFirstValuesMatchCells(ds.id);
    // A first-year cell replaced: the cell itself (the upsert) and its series' three later rows.
    before = await updates();
    await mapping.importStatistics(systemContext, ds.id, {
      file: csv(['T1,TA,2019,employment,50,']),
    });
    expect((await updates()) - before).toBe(4);
    await expectFirstValuesMatchCells(ds.id);
    await sql`DROP TRIGGER test_count_update ON stat_value`.execute(database.db);
  });
});
