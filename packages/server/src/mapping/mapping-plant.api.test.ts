import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { demoDatasetName, demoPlantYear } from './mapping-demo.ts';

/**
 * A dataset whose Ellison–Glaeser γ can be checked by hand: provinces A = KR-11 and B = KR-26,
 * KSIC divisions X = 26 and Y = 29, employment in 2020:
 *
 *              X     Y   | all (x_r)
 *   A         60    40   | 100  (0.25)
 *   B         40   260   | 300  (0.75)
 *
 * Plants of 2020: X has P1 = 30 and P2 = 30 in A, P3 = 40 in B; Y has one plant Q1 = 260 in B.
 *
 * X: s = (60/100, 40/100) = (0.6, 0.4), x = (0.25, 0.75).
 *    G = (0.6 − 0.25)² + (0.4 − 0.75)² = 0.1225 + 0.1225 = 0.245
 *    H = 0.3² + 0.3² + 0.4² = 0.09 + 0.09 + 0.16 = 0.34
 *    Σx² = 0.0625 + 0.5625 = 0.625, so 1 − Σx² = 0.375
 *    γ = (0.245 − 0.375·0.34) / (0.375·(1 − 0.34)) = 0.1175 / 0.2475 = 47/99 ≈ 0.4747
 * Y: one plant, H = 1: γ is undefined (null); G = (0 − 0.25)² + (1 − 0.75)² = 0.125.
 * Cluster K = {X, Y}: plants 30, 30, 40, 260 (360 in all), s = (60/360, 300/360) = (1/6, 5/6).
 *    G = (1/6 − 1/4)² + (5/6 − 3/4)² = 2·(1/12)² = 1/72
 *    H = (900 + 900 + 1600 + 67600) / 360² = 71000/129600 = 355/648
 *    γ = (1/72 − (3/8)(355/648)) / ((3/8)(293/648)) = (−993/5184) / (879/5184) = −331/293
 */
const stats = [
  ['KR-11', '26', 60],
  ['KR-11', '29', 40],
  ['KR-26', '26', 40],
  ['KR-26', '29', 260],
] as const;

let t: TestApp;
let id: number;
let clusterId: number;

interface Problem {
  detail?: string;
  errors: { field: string; message: string }[];
}

interface SpecUnit {
  unitCode: string;
  ellisonGlaeser: number | null;
  ellisonGlaeserNote: string | null;
  egRawConcentration: number | null;
  egPlantHerfindahl: number | null;
  egPlants: number | null;
}

const get = (url: string, headers: Record<string, string> = t.admin) =>
  t.app.inject({ method: 'GET', url, headers });

const upload = (
  fileName: string,
  content: Buffer | string,
  headers: Record<string, string> = t.admin,
  dataset = id,
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/mapping/datasets/${dataset}/plants`,
    headers,
    payload: { fileName, contentBase64: Buffer.from(content).toString('base64') },
  });

const spec = async (query: string) => {
  const res = await get(`/api/v1/mapping/specialisation?dataset=${id}&year=2020&${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { units: SpecUnit[]; notes: string[] };
};

beforeAll(async () => {
  t = await createTestApp();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mapping/datasets',
    headers: t.admin,
    payload: { name: 'Plants by hand' },
  });
  id = (created.json() as { id: number }).id;
  const imported = await t.app.inject({
    method: 'POST',
    url: `/api/v1/mapping/datasets/${id}/import`,
    headers: t.admin,
    payload: {
      rows: stats.map(([region, industry, value]) => ({
        region,
        industry,
        year: 2020,
        measure: 'employment',
        value,
      })),
    },
  });
  expect(imported.statusCode).toBe(200);
  const cluster = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mapping/clusters',
    headers: t.admin,
    payload: { name: 'Plants K', industryCodes: ['26', '29'] },
  });
  expect(cluster.statusCode).toBe(201);
  clusterId = (cluster.json() as { id: number }).id;
});

afterAll(async () => {
  await t?.close();
});

describe('plant import', () => {
  it('leaves γ null with a note saying plants can be imported while the dataset has none', async () => {
    const body = await spec('unit=industry');
    const x = body.units.find((u) => u.unitCode === '26')!;
    expect(x.ellisonGlaeser).toBeNull();
    expect(x.egPlants).toBeNull();
    expect(x.ellisonGlaeserNote).toMatch(/no plant-level data for 2020.*[Ii]mport plants/);
  });

  it('names every bad row by row and column and imports nothing', async () => {
    const csv = [
      'plant,region,industry,year,employment',
      'P1,KR-11,26,2020,30', // row 2: good
      'P9,KR-99,26,2020,5', // row 3: unknown region
      'P8,KR-11,ZZ,2020,5', // row 4: unknown industry
      'P7,KR-11,26,20x0,5', // row 5: bad year
      'P6,KR-11,26,2020,-5', // row 6: negative employment
      'P5,KR-11,26,2020,', // row 7: missing employment
      'P1,KR-26,26,2020,12', // row 8: P1 again in 2020
    ].join('\n');
    const res = await upload('plants.csv', csv);
    expect(res.statusCode).toBe(400);
    const problem = res.json() as Problem;
    expect(problem.errors.map((e) => e.field)).toEqual([
      'row 3: region',
      'row 4: industry',
      'row 5: year',
      'row 6: employment',
      'row 7: employment',
      'row 8: plant',
    ]);
    expect(problem.errors[0]!.message).toBe('"KR-99" is not a region code');
    expect(problem.errors[3]!.message).toBe('"-5" must not be negative');
    expect(problem.errors[4]!.message).toBe('is required');
    expect(problem.errors[5]!.message).toMatch(/repeats row 2/);
    const summary = await get(`/api/v1/mapping/datasets/${id}/plants`);
    expect(summary.json()).toEqual({ datasetId: id, years: [], plants: 0, employment: 0 });
  });

  it('names a missing column and refuses other file types', async () => {
    const res = await upload('plants.csv', 'plant,region,industry,year\nP1,KR-11,26,2020\n');
    expect(res.statusCode).toBe(400);
    expect((res.json() as Problem).errors.map((e) => e.field)).toEqual(['row 1: employment']);
    expect((await upload('plants.txt', 'x')).statusCode).toBe(400);
  });

  it('is refused to a reader without the create permission', async () => {
    const analyst = await t.userWith('analyst', { programmeId: 1 });
    const res = await upload('plants.csv', 'plant,region,industry,year,employment\n', {
      authorization: analyst.authorization,
    });
    expect(res.statusCode).toBe(403);
  });

  it('imports an XLSX file, then replaces a plant by its key with a CSV', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('plants');
    sheet.addRow(['plant', 'region', 'industry', 'year', 'employment']);
    sheet.addRow(['P1', 'KR-11', '26', 2020, 30]);
    sheet.addRow(['P2', 'KR-11', '26', 2020, 30]);
    sheet.addRow(['P3', 'KR-26', '26', 2020, 99]);
    sheet.addRow(['Q1', 'KR-26', '29', 2020, 260]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const first = await upload('plants.xlsx', xlsx);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ datasetId: id, inserted: 4, replaced: 0, years: [2020] });
    // P3 was 99 by mistake: the same key replaces the row.
    const fix = await upload(
      'fix.csv',
      'plant,region,industry,year,employment\nP3,KR-26,26,2020,40\n',
    );
    expect(fix.statusCode).toBe(200);
    expect(fix.json()).toEqual({ datasetId: id, inserted: 1, replaced: 1, years: [2020] });
    const summary = await get(`/api/v1/mapping/datasets/${id}/plants?year=2020`);
    expect(summary.statusCode).toBe(200);
    expect(summary.json()).toEqual({
      datasetId: id,
      years: [{ year: 2020, plants: 4, employment: 360, synthetic: 0 }],
      plants: 4,
      employment: 360,
    });
    const audit = await get(`/api/v1/audit?entity=mapping-datasets&entityId=${id}`);
    // Creation, the statistics import and the two plant imports.
    expect((audit.json() as { total: number }).total).toBe(4);
  });
});

describe('Ellison–Glaeser from plants', () => {
  it('computes γ, G and H of an industry by hand, and no γ for a one-plant industry', async () => {
    const body = await spec('unit=industry');
    const x = body.units.find((u) => u.unitCode === '26')!;
    expect(x.egPlants).toBe(3);
    expect(x.egRawConcentration).toBeCloseTo(0.245, 12);
    expect(x.egPlantHerfindahl).toBeCloseTo(0.34, 12);
    expect(x.ellisonGlaeser).toBeCloseTo(47 / 99, 12);
    const y = body.units.find((u) => u.unitCode === '29')!;
    expect(y.egPlants).toBe(1);
    expect(y.ellisonGlaeser).toBeNull();
    expect(y.egPlantHerfindahl).toBe(1);
    expect(y.egRawConcentration).toBeCloseTo(0.125, 12);
    expect(y.ellisonGlaeserNote).toMatch(/One plant/);
    expect(body.notes.join(' ')).toMatch(/from the 4 plants of 2020 imported into the dataset/);
  });

  it('computes γ of a cluster from the plants of its industries', async () => {
    const body = await spec(`unit=cluster&cluster=${clusterId}`);
    expect(body.units).toHaveLength(1);
    const k = body.units[0]!;
    expect(k.egPlants).toBe(4);
    expect(k.egRawConcentration).toBeCloseTo(1 / 72, 12);
    expect(k.egPlantHerfindahl).toBeCloseTo(355 / 648, 12);
    expect(k.ellisonGlaeser).toBeCloseTo(-331 / 293, 12);
  });
});

describe('demo plants', () => {
  it('are synthetic and sum, per province and division, to the demo’s employment cells', async () => {
    const datasets = (await get('/api/v1/mapping/datasets')).json() as {
      id: number;
      name: string;
    }[];
    const demo = datasets.find((d) => d.name === demoDatasetName)!.id;
    const summary = (await get(`/api/v1/mapping/datasets/${demo}/plants`)).json() as {
      years: { year: number; plants: number; synthetic: number }[];
    };
    expect(summary.years).toHaveLength(1);
    expect(summary.years[0]!.year).toBe(demoPlantYear);
    expect(summary.years[0]!.synthetic).toBe(summary.years[0]!.plants);
    const rows = await t.database.db
      .selectFrom('statPlant as p')
      .leftJoin('statValue as v', (j) =>
        j
          .onRef('v.datasetId', '=', 'p.datasetId')
          .onRef('v.year', '=', 'p.year')
          .onRef('v.regionId', '=', 'p.regionId')
          .onRef('v.industryId', '=', 'p.industryId')
          .on('v.measure', '=', 'employment'),
      )
      .select(['p.regionId', 'p.industryId', 'p.employment', 'v.value'])
      .where('p.datasetId', '=', demo)
      .execute();
    const sums = new Map<string, { plants: number; cell: number | null }>();
    for (const r of rows) {
      const key = `${r.regionId}|${r.industryId}`;
      const s = sums.get(key) ?? { plants: 0, cell: r.value };
      s.plants += r.employment;
      sums.set(key, s);
    }
    expect(sums.size).toBeGreaterThan(0);
    for (const s of sums.values()) expect(s.plants).toBeCloseTo(s.cell!, 6);
    const eg = (
      await get(
        `/api/v1/mapping/specialisation?dataset=${demo}&year=${demoPlantYear}&unit=industry`,
      )
    ).json() as { units: SpecUnit[] };
    expect(eg.units.every((u) => u.ellisonGlaeser !== null && (u.egPlants ?? 0) > 1)).toBe(true);
  });
});
