import { createSeededRandom } from '@innocluster/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../auth/principal.ts';
import type { OpenDatabase } from '../db/database.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { ImportError } from '../transfer/import.service.ts';
import { computeMeasures, type ComputeQuery } from './mapping.repository.ts';
import { MappingService } from './mapping.service.ts';

let database: OpenDatabase;
let mapping: MappingService;
const region: Record<string, number> = {};
const industry: Record<string, number> = {};

const csv = (lines: string[]) => ({
  fileName: 'stats.csv',
  content: Buffer.from(lines.join('\n')),
});

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  mapping = new MappingService(db);
  for (const code of ['R1', 'R2', 'R3']) {
    const r = await db
      .insertInto('region')
      .values({ code, kind: 'user', name: `Region ${code}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    region[code] = r.id;
  }
  const cls = await db
    .insertInto('industryClassification')
    .values({ code: 'X', vintage: '1', name: 'Test' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const parent = await db
    .insertInto('industry')
    .values({ classificationId: cls.id, code: 'P', name: 'Parent', level: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  industry.P = parent.id;
  for (const code of ['A', 'B', 'C']) {
    const i = await db
      .insertInto('industry')
      .values({ classificationId: cls.id, code, name: code, level: 2, parentId: parent.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    industry[code] = i.id;
  }
});

afterAll(async () => {
  await database?.close();
});

describe('hand-computed measures', () => {
  let datasetId: number;
  let k1: number;
  let k2: number;

  beforeAll(async () => {
    const ds = await mapping.createDataset(systemContext, {
      name: 'Hand',
      universe: 'sum',
      fillRule: 'parent_share',
      synthetic: false,
    });
    datasetId = ds.id;
    // R1 2020: A suppressed; the parent P = 100 and B + C = 80 leave A = 20.
    await mapping.importStatistics(systemContext, datasetId, {
      file: csv([
        'region,industry,year,measure,value,suppressed',
        'R1,A,2019,employment,10,',
        'R1,B,2019,employment,30,',
        'R1,C,2019,employment,60,',
        'R2,A,2019,employment,40,',
        'R2,B,2019,employment,10,',
        'R2,C,2019,employment,50,',
        'R1,P,2020,employment,100,',
        'R1,A,2020,employment,,true',
        'R1,B,2020,employment,30,',
        'R1,C,2020,employment,50,',
        'R2,A,2020,employment,40,',
        'R2,B,2020,employment,20,',
        'R2,C,2020,employment,40,',
      ]),
    });
    k1 = (
      await mapping.createCluster(systemContext, {
        name: 'K1',
        kind: 'traded',
        industryIds: [industry.A!, industry.B!],
        industryCodes: [],
      })
    ).id;
    k2 = (
      await mapping.createCluster(systemContext, {
        name: 'K2',
        kind: 'local',
        industryIds: [],
        industryCodes: ['C'],
      })
    ).id;
  });

  const query = (over: Partial<ComputeQuery>): ComputeQuery => ({
    datasetId,
    measure: 'employment',
    regionKind: 'user',
    unit: 'industry',
    clusterIds: [],
    years: [2020],
    baseYear: 2019,
    denominator: 'all',
    universe: 'sum',
    industryLevel: 2,
    ...over,
  });

  it('fills the suppressed cell from the parent and flags what rests on it', async () => {
    const rows = await computeMeasures(database.db, query({}));
    const a1 = rows.find(
      (r) => r.regionId === region.R1 && r.unitId === industry.A && r.year === 2020,
    )!;
    expect(a1.value).toBe(20);
    expect(a1.restsOnFilled).toBe(true);
    // LQ = (20 / 100) / (60 / 200) = 2/3; CAGR = 20 / 10 - 1 = 1.
    expect(a1.lq).toBeCloseTo(2 / 3, 12);
    expect(a1.shareOfRegion).toBeCloseTo(0.2, 12);
    expect(a1.shareOfNation).toBeCloseTo(20 / 60, 12);
    expect(a1.cagr).toBeCloseTo(1, 12);
    expect(a1.change).toBe(10);
    const b2 = rows.find(
      (r) => r.regionId === region.R2 && r.unitId === industry.B && r.year === 2020,
    )!;
    expect(b2.restsOnFilled).toBe(false);
    expect(b2.lq).toBeCloseTo(0.2 / (50 / 200), 12);
  });

  it('aggregates clusters, with the traded/local denominator option', async () => {
    const all = await computeMeasures(
      database.db,
      query({ unit: 'cluster', clusterIds: [k1, k2] }),
    );
    const k1r1 = all.find((r) => r.regionId === region.R1 && r.unitId === k1 && r.year === 2020)!;
    // (50 / 100) / (110 / 200) = 0.90909...
    expect(k1r1.value).toBe(50);
    expect(k1r1.lq).toBeCloseTo(0.5 / 0.55, 12);
    expect(k1r1.restsOnFilled).toBe(true);
    const byKind = await computeMeasures(
      database.db,
      query({ unit: 'cluster', clusterIds: [k1, k2], denominator: 'kind' }),
    );
    const k1r2 = byKind.find(
      (r) => r.regionId === region.R2 && r.unitId === k1 && r.year === 2020,
    )!;
    // Traded industries are A and B: R2 60 of 60 traded; nation 110 of 110: LQ 1.
    expect(k1r2.lq).toBeCloseTo(1, 12);
    const k2r1 = byKind.find(
      (r) => r.regionId === region.R1 && r.unitId === k2 && r.year === 2020,
    )!;
    expect(k2r1.lq).toBeCloseTo(1, 12);
  });

  it('uses imported national totals as the reference universe', async () => {
    await mapping.importStatistics(
      systemContext,
      datasetId,
      {
        rows: [
          { region: '', industry: 'A', year: 2020, measure: 'employment', value: 300 },
          { region: '', industry: 'B', year: 2020, measure: 'employment', value: 200 },
          { region: '', industry: 'C', year: 2020, measure: 'employment', value: 500 },
        ],
      },
      'national',
    );
    const rows = await computeMeasures(
      database.db,
      query({ universe: 'national', baseYear: null }),
    );
    const a1 = rows.find((r) => r.regionId === region.R1 && r.unitId === industry.A)!;
    // (20 / 100) / (300 / 1000) = 2/3; share of nation 20 / 300.
    expect(a1.nationTotal).toBe(1000);
    expect(a1.lq).toBeCloseTo(2 / 3, 12);
    expect(a1.shareOfNation).toBeCloseTo(20 / 300, 12);
  });

  it('keeps cluster sums up to date and counts an industry of two traded clusters once', async () => {
    // K3 (traded) shares B with K1: the traded industries are now A, B and C.
    const k3 = (
      await mapping.createCluster(systemContext, {
        name: 'K3',
        kind: 'traded',
        industryIds: [industry.B!, industry.C!],
        industryCodes: [],
      })
    ).id;
    try {
      const lqOf = async (regionCode: string) => {
        const rows = await computeMeasures(
          database.db,
          query({ unit: 'cluster', clusterIds: [k3], denominator: 'kind' }),
        );
        return rows.find(
          (r) => r.regionId === region[regionCode] && r.unitId === k3 && r.year === 2020,
        )!;
      };
      // 2020, level 2: R1 A 20 (filled), B 30, C 50; R2 A 40, B 20, C 40. K3 in R1 = 80 of a
      // traded total 100 (not 130, the sum of K1 and K3); nation K3 = 140 of 200 traded.
      let k3r1 = await lqOf('R1');
      expect(k3r1.value).toBe(80);
      expect(k3r1.lq).toBeCloseTo(0.8 / 0.7, 12);
      expect(k3r1.restsOnFilled).toBe(false);
      // A cell re-imported after the cluster was saved: R1 B 35 gives 85 of 105; nation 145 of 205.
      await mapping.importStatistics(systemContext, datasetId, {
        file: csv(['region,industry,year,measure,value', 'R1,B,2020,employment,35']),
      });
      k3r1 = await lqOf('R1');
      expect(k3r1.value).toBe(85);
      expect(k3r1.lq).toBeCloseTo(85 / 105 / (145 / 205), 12);
      // The stored sums equal the cells summed again for every cluster, region, year and level.
      const stored = await database.db
        .selectFrom('statClusterValue')
        .select(['measure', 'year', 'regionId', 'clusterId', 'level', 'value', 'filled'])
        .where('datasetId', '=', datasetId)
        .execute();
      const cells = await database.db
        .selectFrom('statValue')
        .innerJoin('clusterIndustry', 'clusterIndustry.industryId', 'statValue.industryId')
        .innerJoin('industry', 'industry.id', 'statValue.industryId')
        .select([
          'statValue.measure',
          'statValue.year',
          'statValue.regionId',
          'clusterIndustry.clusterId',
          'industry.level',
          'statValue.value',
          'statValue.filled',
        ])
        .where('statValue.datasetId', '=', datasetId)
        .execute();
      const expected = new Map<string, { value: number; filled: boolean }>();
      for (const c of cells) {
        const key = [c.measure, c.year, c.regionId, c.clusterId, c.level].join('|');
        const e = expected.get(key) ?? { value: 0, filled: false };
        expected.set(key, { value: e.value + c.value, filled: e.filled || c.filled });
      }
      expect(stored.length).toBe(expected.size);
      for (const row of stored) {
        const e = expected.get(
          [row.measure, row.year, row.regionId, row.clusterId, row.level].join('|'),
        )!;
        expect(row.value).toBeCloseTo(e.value, 9);
        expect(row.filled).toBe(e.filled);
      }
    } finally {
      await mapping.deleteCluster(systemContext, k3);
      await mapping.importStatistics(systemContext, datasetId, {
        file: csv(['region,industry,year,measure,value', 'R1,B,2020,employment,30']),
      });
    }
  });

  it('rejects a bad file whole, naming every bad row and column', async () => {
    const attempt = mapping.importStatistics(systemContext, datasetId, {
      file: csv([
        'region,industry,year,measure,value',
        'R1,A,2018,employment,5',
        'RX,A,2018,employment,5',
        'R1,ZZ,20x8,jobs,-3',
        'R2,A,2018,employment,',
      ]),
    });
    await expect(attempt).rejects.toBeInstanceOf(ImportError);
    const error = (await attempt.catch((e: unknown) => e)) as ImportError;
    expect(error.issues.map((i) => `${i.row}:${i.column}`)).toEqual([
      '3:region',
      '4:industry',
      '4:year',
      '4:measure',
      '4:value',
      '5:value',
    ]);
    const rows = await computeMeasures(database.db, query({ years: [2018], baseYear: null }));
    expect(rows).toEqual([]);
  });
});

describe('a second method', () => {
  it('SQL agrees with a direct computation on random data', async () => {
    const ds = await mapping.createDataset(systemContext, {
      name: 'Random',
      universe: 'sum',
      fillRule: 'zero',
      synthetic: true,
    });
    const random = createSeededRandom(7);
    const regions = ['R1', 'R2', 'R3'];
    const inds = ['A', 'B', 'C'];
    const cells: { region: string; industry: string; year: number; value: number }[] = [];
    for (const year of [2015, 2018])
      for (const r of regions)
        for (const i of inds)
          cells.push({ region: r, industry: i, year, value: Math.round(random() * 1000) + 1 });
    await mapping.importStatistics(systemContext, ds.id, {
      rows: cells.map((c) => ({ ...c, measure: 'employment' })),
    });
    const rows = await computeMeasures(database.db, {
      datasetId: ds.id,
      measure: 'employment',
      regionKind: 'user',
      unit: 'industry',
      clusterIds: [],
      years: [2018],
      baseYear: 2015,
      denominator: 'all',
      universe: 'sum',
      industryLevel: null,
    });
    const at = (r: string, i: string, y: number) =>
      cells.find((c) => c.region === r && c.industry === i && c.year === y)!.value;
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const r of regions)
      for (const i of inds) {
        const v = at(r, i, 2018);
        const regionTotal = sum(inds.map((j) => at(r, j, 2018)));
        const nation = sum(regions.map((s) => at(s, i, 2018)));
        const nationTotal = sum(cells.filter((c) => c.year === 2018).map((c) => c.value));
        const got = rows.find(
          (x) => x.regionId === region[r] && x.unitId === industry[i] && x.year === 2018,
        )!;
        expect(got.lq).toBeCloseTo(v / regionTotal / (nation / nationTotal), 10);
        expect(got.shareOfRegion).toBeCloseTo(v / regionTotal, 10);
        expect(got.shareOfNation).toBeCloseTo(v / nation, 10);
        expect(got.cagr).toBeCloseTo(Math.pow(v / at(r, i, 2015), 1 / 3) - 1, 10);
      }
  });
});
