import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * A small dataset whose measures can be checked by hand: provinces A = KR-11, B = KR-26,
 * C = KR-27 and KSIC divisions X = 26, Y = 29, Z = 30, employment in 2019 and 2020.
 *
 *            2019 X   Y   Z  |  2020 X   Y   Z
 *   A            200 200 100 |      300 200 100
 *   B            100 100 300 |      100 100 400
 *   C            100  50  50 |      200  50  50
 *   nation       400 350 450 (1200)  600 350 550 (1500)
 */
const table: Record<number, Record<string, Record<string, number>>> = {
  2019: {
    'KR-11': { '26': 200, '29': 200, '30': 100 },
    'KR-26': { '26': 100, '29': 100, '30': 300 },
    'KR-27': { '26': 100, '29': 50, '30': 50 },
  },
  2020: {
    'KR-11': { '26': 300, '29': 200, '30': 100 },
    'KR-26': { '26': 100, '29': 100, '30': 400 },
    'KR-27': { '26': 200, '29': 50, '30': 50 },
  },
};

let t: TestApp;
let id: number;

beforeAll(async () => {
  t = await createTestApp();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mapping/datasets',
    headers: t.admin,
    payload: { name: 'Hand-checked' },
  });
  id = (created.json() as { id: number }).id;
  const rows = Object.entries(table).flatMap(([year, regions]) =>
    Object.entries(regions).flatMap(([region, industries]) =>
      Object.entries(industries).map(([industry, value]) => ({
        region,
        industry,
        year: Number(year),
        measure: 'employment',
        value,
      })),
    ),
  );
  const imported = await t.app.inject({
    method: 'POST',
    url: `/api/v1/mapping/datasets/${id}/import`,
    headers: t.admin,
    payload: { rows },
  });
  expect(imported.statusCode).toBe(200);
});

afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = t.admin) =>
  t.app.inject({ method: 'GET', url, headers });

describe('shift-share', () => {
  it('splits region C’s change into national growth, industry mix and regional shift', async () => {
    const res = await get(
      `/api/v1/mapping/shift-share?dataset=${id}&region=KR-27&unit=industry&year=2020&baseYear=2019`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      nationalGrowthRate: number;
      units: Record<string, number | string | null>[];
      total: {
        nationalGrowth: number;
        industryMix: number;
        regionalShift: number;
        totalChange: number;
      };
    };
    // G = 1500 / 1200 - 1 = 0.25.
    expect(body.nationalGrowthRate).toBeCloseTo(0.25, 12);
    const by = Object.fromEntries(body.units.map((u) => [u.unitCode, u]));
    // X: 100 -> 200, g = 600/400 - 1 = 0.5: 100·0.25 = 25, 100·(0.5 - 0.25) = 25, 100 - 50 = 50.
    expect(by['26']).toMatchObject({ baseValue: 100, value: 200, totalChange: 100 });
    expect(by['26']!.nationalGrowth).toBeCloseTo(25, 10);
    expect(by['26']!.industryMix).toBeCloseTo(25, 10);
    expect(by['26']!.regionalShift).toBeCloseTo(50, 10);
    // Y: 50 -> 50, g = 0: 12.5, 50·(0 - 0.25) = -12.5, 0.
    expect(by['29']!.nationalGrowth).toBeCloseTo(12.5, 10);
    expect(by['29']!.industryMix).toBeCloseTo(-12.5, 10);
    expect(by['29']!.regionalShift).toBeCloseTo(0, 10);
    // Z: 50 -> 50, g = 550/450 - 1 = 2/9: 12.5, 50·(2/9 - 1/4) = -25/18, -12.5 + 25/18.
    expect(by['30']!.industryMix).toBeCloseTo(50 * (2 / 9 - 1 / 4), 10);
    expect(by['30']!.regionalShift).toBeCloseTo(-12.5 - 50 * (2 / 9 - 1 / 4), 10);
    expect(body.total.totalChange).toBe(100);
    expect(body.total.nationalGrowth).toBeCloseTo(50, 10);
    expect(
      body.total.nationalGrowth + body.total.industryMix + body.total.regionalShift,
    ).toBeCloseTo(100, 10);
  });

  it('refuses a base year after the year and a year the dataset lacks', async () => {
    const late = await get(
      `/api/v1/mapping/shift-share?dataset=${id}&region=KR-27&year=2019&baseYear=2020`,
    );
    expect(late.statusCode).toBe(400);
    const missing = await get(`/api/v1/mapping/shift-share?dataset=${id}&region=KR-27&year=2005`);
    expect(missing.statusCode).toBe(400);
    const noRegion = await get(`/api/v1/mapping/shift-share?dataset=${id}&region=XX-99`);
    expect(noRegion.statusCode).toBe(404);
  });
});

describe('shift-share of clusters', () => {
  it('decomposes a demo province’s clusters with parts summing to each change', async () => {
    const list = await get('/api/v1/mapping/datasets');
    const demo = (list.json() as { id: number; synthetic: boolean }[]).find((d) => d.synthetic)!;
    const res = await get(`/api/v1/mapping/shift-share?dataset=${demo.id}&region=KR-47`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      year: number;
      baseYear: number;
      regionKind: string;
      units: {
        nationalGrowth: number;
        industryMix: number;
        regionalShift: number;
        totalChange: number;
        value: number;
        baseValue: number;
      }[];
    };
    expect([body.baseYear, body.year, body.regionKind]).toEqual([2011, 2020, 'province']);
    expect(body.units).toHaveLength(2);
    for (const u of body.units) {
      expect(u.totalChange).toBeCloseTo(u.value - u.baseValue, 8);
      expect(u.nationalGrowth + u.industryMix + u.regionalShift).toBeCloseTo(u.totalChange, 8);
    }
  });
});

describe('specialisation', () => {
  it('gives Krugman, Hoover and Herfindahl per region and Hoover localisation per industry', async () => {
    const res = await get(`/api/v1/mapping/specialisation?dataset=${id}&year=2020`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      regions: Record<string, number | string | null>[];
      units: Record<string, number | string | null>[];
    };
    const a = body.regions.find((r) => r.regionCode === 'KR-11')!;
    // A's shares 1/2, 1/3, 1/6 against the nation's 0.4, 7/30, 11/30: |diffs| 0.1, 0.1, 0.2.
    expect(a.total).toBe(600);
    expect(a.krugman).toBeCloseTo(0.4, 12);
    expect(a.hoover).toBeCloseTo(0.2, 12);
    // H = 1/4 + 1/9 + 1/36 = 7/18; normalised (7/18 - 1/3) / (2/3) = 1/12.
    expect(a.herfindahl).toBeCloseTo(7 / 18, 12);
    expect(a.herfindahlNormalised).toBeCloseTo(1 / 12, 12);
    const x = body.units.find((u) => u.unitCode === '26')!;
    // X's spread 1/2, 1/6, 1/3 against all employment's 0.4, 0.4, 0.2: ½(0.1 + 7/30 + 2/15).
    expect(x.hooverLocalisation).toBeCloseTo(7 / 30, 12);
    expect(x.ellisonGlaeser).toBeNull();
    expect(x.ellisonGlaeserNote).toMatch(/plant/);
  });
});

describe('relatedness', () => {
  it('computes proximity from co-located LQ ≥ 1 across regions', async () => {
    const res = await get(`/api/v1/mapping/relatedness?dataset=${id}&unit=industry&year=2020`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      units: { unitCode: string; specialisedRegions: number }[];
      matrix: number[][];
    };
    // LQs: A X 1.25, Y 1.43, Z 0.45; B X 0.42, Y 0.71, Z 1.82; C X 1.67, Y 0.71, Z 0.45.
    // X is specialised in A and C, Y in A, Z in B: φ(X, Y) = 1 / max(2, 1) = 0.5.
    expect(body.units.map((u) => [u.unitCode, u.specialisedRegions])).toEqual([
      ['26', 2],
      ['29', 1],
      ['30', 1],
    ]);
    expect(body.matrix).toEqual([
      [1, 0.5, 0],
      [0.5, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('relates the demo clusters, and refuses visitors', async () => {
    const list = await get('/api/v1/mapping/datasets');
    const demo = (list.json() as { id: number; synthetic: boolean }[]).find((d) => d.synthetic)!;
    const res = await get(`/api/v1/mapping/relatedness?dataset=${demo.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { units: unknown[]; matrix: number[][] };
    expect(body.matrix).toHaveLength(body.units.length);
    for (let a = 0; a < body.matrix.length; a++)
      for (let b = 0; b < body.matrix.length; b++)
        expect(body.matrix[a]![b]).toBe(body.matrix[b]![a]);
    expect((await get(`/api/v1/mapping/relatedness?dataset=${demo.id}`, {})).statusCode).toBe(401);
  });
});

describe('selection from the data', () => {
  it('computes concentration and influence of registry complexes and ranks them', async () => {
    const db = t.database.db;
    const province = async (code: string) =>
      (await sql<{ id: number }>`SELECT id FROM region WHERE code = ${code}`.execute(db)).rows[0]!
        .id;
    const industry = async (code: string) =>
      (
        await sql<{ id: number }>`
          SELECT i.id FROM industry i JOIN industry_classification c ON c.id = i.classification_id
          WHERE c.code = 'KSIC' AND i.code = ${code}`.execute(db)
      ).rows[0]!.id;
    const complex = async (name: string, provinceCode: string) =>
      (
        await sql<{ id: number }>`
          INSERT INTO complex (name, province_id) VALUES (${name}, ${await province(provinceCode)})
          RETURNING id`.execute(db)
      ).rows[0]!.id;
    const org = async (complexId: number, kind: string, code: string | null, employees: number) =>
      sql`INSERT INTO organisation (name, kind, complex_id, industry_id, employees)
          VALUES (${`org ${complexId} ${code} ${employees}`}, ${kind}, ${complexId},
                  ${code === null ? null : await industry(code)}, ${employees})`.execute(db);
    // T1 in KR-11: 26 has 60 + 20, 29 has 20 -> 100 employees, concentration 0.8, 3 companies;
    // influence 100 / 600 (KR-11's 2020 employment). T2 in KR-26: 26 has 90, 30 has 60 ->
    // concentration 0.6, influence 150 / 600, 2 companies.
    const t1 = await complex('Test complex 1', 'KR-11');
    await org(t1, 'company', '26', 60);
    await org(t1, 'company', '26', 20);
    await org(t1, 'company', '29', 20);
    await org(t1, 'university', null, 0);
    const t2 = await complex('Test complex 2', 'KR-26');
    await org(t2, 'company', '26', 90);
    await org(t2, 'company', '30', 60);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mapping/selection/from-data',
      headers: t.admin,
      payload: {
        dataset: id,
        year: 2020,
        complexes: [t1, t2],
        values: { [t1]: { competitiveness: 5 }, [t2]: { competitiveness: 3 } },
        criteria: [
          { key: 'concentration', weight: 1 },
          { key: 'influence', weight: 1 },
          { key: 'competitiveness', weight: 2 },
        ],
        eligibility: [{ key: 'companies', min: 2 }],
        draws: 0,
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      results: { id: string; rank: number; score: number }[];
      candidates: {
        id: string;
        mainIndustry: string;
        values: Record<string, number>;
        sources: Record<string, string>;
      }[];
    };
    const c1 = body.candidates.find((c) => c.id === String(t1))!;
    const c2 = body.candidates.find((c) => c.id === String(t2))!;
    expect(c1.mainIndustry).toBe('26');
    expect(c1.values).toMatchObject({ companies: 3, employees: 100, competitiveness: 5 });
    expect(c1.values.concentration).toBeCloseTo(0.8, 12);
    expect(c1.values.influence).toBeCloseTo(1 / 6, 12);
    expect(c2.values.concentration).toBeCloseTo(0.6, 12);
    expect(c2.values.influence).toBeCloseTo(0.25, 12);
    expect(c1.sources).toMatchObject({ concentration: 'data', competitiveness: 'entered' });
    // Min-max: T1 gets 1 on concentration and competitiveness, T2 1 on influence:
    // T1 = (1 + 0 + 2) / 4 = 0.75, T2 = (0 + 1 + 0) / 4 = 0.25.
    expect(body.results.map((r) => [r.id, r.rank, r.score])).toEqual([
      [String(t1), 1, 0.75],
      [String(t2), 2, 0.25],
    ]);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mapping/selection/from-data',
      headers: t.admin,
      payload: { dataset: id, complexes: [999999], criteria: [{ key: 'influence', weight: 1 }] },
    });
    expect(unknown.statusCode).toBe(400);
  });
});
