import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeLifeCycleReason, type LifeCycleReason } from '@innocluster/domain';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { demoDatasetName } from './mapping-demo.ts';

let t: TestApp;
let datasetId: number;

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({
    method: 'GET',
    url: '/api/v1/mapping/datasets',
    headers: t.admin,
  });
  datasetId = (res.json() as { id: number; name: string }[]).find(
    (d) => d.name === demoDatasetName,
  )!.id;
});

afterAll(async () => {
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = t.admin) =>
  t.app.inject({ method: 'GET', url, headers });

describe('mapping API on the demo dataset', () => {
  it('lists the synthetic demo dataset with its years and filled cells', async () => {
    const res = await get('/api/v1/mapping/datasets');
    expect(res.statusCode).toBe(200);
    const demo = (res.json() as Record<string, unknown>[]).find((d) => d.id === datasetId)!;
    expect(demo.synthetic).toBe(true);
    expect(demo.years).toEqual([2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020]);
    expect(demo.filled).toBeGreaterThan(0);
    expect(demo.filled).toBe(demo.suppressed);
  });

  it('computes the province x cluster table with shares summing to one', async () => {
    const res = await get(
      `/api/v1/mapping/measures?dataset=${datasetId}&measure=employment&year=2020`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      year: number;
      baseYear: number;
      rows: {
        unitId: number;
        regionCode: string;
        lq: number;
        shareOfNation: number;
        value: number;
        establishments: number;
        strong: boolean;
        stars: { count: number };
        stage: string | null;
        stageReason: string;
      }[];
    };
    expect(body.year).toBe(2020);
    expect(body.baseYear).toBe(2011);
    expect(body.rows).toHaveLength(17 * 2);
    for (const unit of new Set(body.rows.map((r) => r.unitId))) {
      const shares = body.rows.filter((r) => r.unitId === unit).map((r) => r.shareOfNation);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
    expect(body.rows.some((r) => r.strong)).toBe(true);
    expect(body.rows.every((r) => !r.strong || r.lq >= 1)).toBe(true);
    expect(body.rows.every((r) => r.establishments > 0)).toBe(true);
    expect(body.rows.every((r) => r.stageReason.length > 0)).toBe(true);
  });

  it('gives one number per province for the map, and a raw-industry table', async () => {
    const res = await get(`/api/v1/mapping/choropleth?dataset=${datasetId}&value=lq&year=2020`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as { regions: unknown[] }).regions).toHaveLength(17);
    const industries = await get(
      `/api/v1/mapping/measures?dataset=${datasetId}&unit=industry&year=2020`,
    );
    const rows = (industries.json() as { rows: { restsOnFilled: boolean }[] }).rows;
    // Eight divisions (the section C row is a parent and is left out).
    expect(rows).toHaveLength(17 * 8);
    expect(rows.some((r) => r.restsOnFilled)).toBe(true);
  });

  it('gives one life-cycle stage per region, cluster and year in the table and the profile', async () => {
    for (const year of [2016, 2020]) {
      const table = (
        await get(`/api/v1/mapping/measures?dataset=${datasetId}&measure=employment&year=${year}`)
      ).json() as { rows: { regionCode: string; unitId: number; stage: string | null }[] };
      for (const row of table.rows.filter((r) =>
        ['KR-43', 'KR-47', 'KR-11'].includes(r.regionCode),
      )) {
        const profile = (
          await get(
            `/api/v1/mapping/profile?dataset=${datasetId}&region=${row.regionCode}&cluster=${row.unitId}`,
          )
        ).json() as { years: { year: number; stage: string | null }[] };
        expect(profile.years.find((y) => y.year === year)?.stage ?? null).toBe(row.stage);
      }
    }
  });

  it('draws a portfolio and a profile over ten years', async () => {
    const portfolio = await get(`/api/v1/mapping/portfolio?dataset=${datasetId}&region=KR-47`);
    expect(portfolio.statusCode).toBe(200);
    const points = (portfolio.json() as { points: { unitId: number }[] }).points;
    expect(points).toHaveLength(2);
    const profile = await get(
      `/api/v1/mapping/profile?dataset=${datasetId}&region=KR-47&cluster=${points[0]!.unitId}`,
    );
    expect(profile.statusCode).toBe(200);
    const body = profile.json() as { years: { year: number }[]; stageReason: string };
    expect(body.years.map((y) => y.year)).toHaveLength(10);
    expect(body.stageReason).toMatch(/^2020: /);
  });

  it('gives the stage’s reasons as codes with the numbers of the trajectory', async () => {
    const table = (
      await get(`/api/v1/mapping/measures?dataset=${datasetId}&measure=employment&region=KR-47`)
    ).json() as {
      rows: {
        unitId: number;
        lq: number | null;
        stage: string | null;
        stageReason: string;
        stageReasons: { code: string; params: Record<string, number> }[];
      }[];
    };
    expect(table.rows.length).toBeGreaterThan(0);
    for (const row of table.rows) {
      expect(row.stageReasons.length).toBeGreaterThan(0);
      // The English explanation is the codes worded by the domain, one sentence per code.
      expect(row.stageReason).toBe(
        `${row.stage![0]!.toUpperCase()}${row.stage!.slice(1)}: ${row.stageReasons
          .map((r) => describeLifeCycleReason(r as LifeCycleReason))
          .join('; ')}.`,
      );
      const lqReason = row.stageReasons.find(
        (r) => r.code === 'lq_at_least' || r.code === 'lq_below',
      );
      if (lqReason) expect(lqReason.params.lq).toBeCloseTo(row.lq!, 12);
      const profile = (
        await get(`/api/v1/mapping/profile?dataset=${datasetId}&region=KR-47&cluster=${row.unitId}`)
      ).json() as {
        stageYear: number;
        stageReasons: unknown[];
        years: { year: number; value: number }[];
      };
      expect(profile.stageYear).toBe(2020);
      expect(profile.stageReasons).toEqual(row.stageReasons);
      // Employment CAGR over the default five-year window 2015-2020, recomputed from the values.
      const growth = row.stageReasons.find((r) => 'cagr' in r.params);
      if (growth) {
        const at = (y: number) => profile.years.find((p) => p.year === y)!.value;
        expect(growth.params).toMatchObject({ fromYear: 2015, toYear: 2020 });
        expect(growth.params.cagr).toBeCloseTo(Math.pow(at(2020) / at(2015), 1 / 5) - 1, 12);
      }
    }
  });

  it('exports the table as CSV', async () => {
    const res = await get(`/api/v1/mapping/measures/export?dataset=${datasetId}&format=csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toMatch(/^regionCode,regionName,unitCode/);
    expect(lines).toHaveLength(1 + 34);
  });
});

describe('selection', () => {
  it('ranks by the weighted sum of normalised criteria, with rank intervals', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mapping/selection',
      headers: t.admin,
      payload: {
        candidates: [
          {
            id: 'a',
            name: 'A',
            values: { competitiveness: 10, concentration: 0.2, companies: 300 },
          },
          {
            id: 'b',
            name: 'B',
            values: { competitiveness: 0, concentration: 0.8, companies: 150 },
          },
          { id: 'c', name: 'C', values: { competitiveness: 5, concentration: 0.5, companies: 50 } },
        ],
        criteria: [
          { key: 'competitiveness', weight: 3, minWeight: 2, maxWeight: 4 },
          { key: 'concentration', weight: 1, minWeight: 0.5, maxWeight: 1.5 },
        ],
        eligibility: [{ key: 'companies', min: 101 }],
        draws: 200,
        seed: 42,
      },
    });
    expect(res.statusCode).toBe(200);
    const results = (res.json() as { results: Record<string, unknown>[] }).results;
    // A: 3/4 * 1 + 1/4 * 0 = 0.75; B: 0 + 1/4 * 1 = 0.25; C is not eligible (50 companies).
    expect(results.map((r) => [r.id, r.rank, r.score])).toEqual([
      ['a', 1, 0.75],
      ['b', 2, 0.25],
      ['c', null, null],
    ]);
    expect(results[0]).toMatchObject({ rankLow: 1, rankHigh: 1 });
    expect(results[2]!.reasons).toEqual(['companies outside 101..∞']);
  });

  it('normalises by rank or z-score when asked', async () => {
    const candidates = [
      { id: 'a', name: 'A', values: { x: 0, y: 3 } },
      { id: 'b', name: 'B', values: { x: 1, y: 2 } },
      { id: 'c', name: 'C', values: { x: 10, y: 1 } },
    ];
    const criteria = [
      { key: 'x', weight: 1 },
      { key: 'y', weight: 1 },
    ];
    const score = async (normalisation: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/mapping/selection',
        headers: t.admin,
        payload: { candidates, criteria, draws: 0, normalisation },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { results: { id: string; score: number }[] };
      return Object.fromEntries(body.results.map((r) => [r.id, r.score]));
    };
    // Ranks (worst 0, best 1): x gives a 0, b 0.5, c 1; y gives a 1, b 0.5, c 0 -> all 0.5.
    const rank = await score('rank');
    for (const id of ['a', 'b', 'c']) expect(rank[id]).toBeCloseTo(0.5, 12);
    // Min-max: x gives a 0, b 0.1, c 1; y gives a 1, b 0.5, c 0 -> a 0.5, b 0.3, c 0.5.
    const minMax = await score('minMax');
    expect(minMax.b).toBeCloseTo(0.3, 12);
    // z-scores: x mean 11/3, population sd sqrt((121 + 64 + 361) / 27) = sqrt(182/9); y mean 2,
    // so b has z 0 on y; b scores the mean of its two z-scores.
    const zScore = await score('zScore');
    const zx = (1 - 11 / 3) / Math.sqrt(182 / 9);
    expect(zScore.b).toBeCloseTo((zx + 0) / 2, 12);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mapping/selection',
      headers: t.admin,
      payload: { candidates, criteria, normalisation: 'median' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('changes and permissions', () => {
  it('creates a dataset, imports a base64 CSV, and names bad rows', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mapping/datasets',
      headers: t.admin,
      payload: { name: 'Uploaded', fillRule: 'band_midpoint' },
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: number }).id;
    const upload = (text: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/mapping/datasets/${id}/import`,
        headers: t.admin,
        payload: { fileName: 'x.csv', contentBase64: Buffer.from(text).toString('base64') },
      });
    const bad = await upload(
      'region,industry,year,measure,value,suppressed,band_low,band_high\nKR-11,26,2020,employment,,true,,\n',
    );
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { errors: { field: string }[] }).errors[0]!.field).toBe(
      'row 2: band_low',
    );
    const good = await upload(
      'region,industry,year,measure,value,suppressed,band_low,band_high\nKR-11,26,2020,employment,,true,20,99\nKR-11,29,2020,employment,100,,,\n',
    );
    expect(good.statusCode).toBe(200);
    expect(good.json()).toMatchObject({ inserted: 2, suppressed: 1, filled: 1 });
    const audit = await get('/api/v1/audit?entity=mapping-datasets&entityId=' + id);
    expect((audit.json() as { total: number }).total).toBe(2);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/mapping/datasets/${id}`,
      headers: t.admin,
    });
    expect(del.statusCode).toBe(204);
  });

  it('versions a cluster definition on update', async () => {
    const list = await get('/api/v1/mapping/clusters');
    const first = (list.json() as { id: number; name: string; version: number }[])[0]!;
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/mapping/clusters/${first.id}`,
      headers: t.admin,
      payload: { name: first.name, kind: 'traded', industryCodes: ['26'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: first.name, version: first.version + 1 });
    const all = await get('/api/v1/mapping/clusters?all=true');
    expect((all.json() as unknown[]).length).toBe(3);
  });

  it('lets analysts read but not change, and refuses evaluators and visitors', async () => {
    const analyst = await t.userWith('analyst', { programmeId: 1 });
    const evaluator = await t.userWith('evaluator');
    expect(
      (await get('/api/v1/mapping/datasets', { authorization: analyst.authorization })).statusCode,
    ).toBe(200);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mapping/datasets',
      headers: { authorization: analyst.authorization },
      payload: { name: 'Nope' },
    });
    expect(post.statusCode).toBe(403);
    expect(
      (await get('/api/v1/mapping/datasets', { authorization: evaluator.authorization }))
        .statusCode,
    ).toBe(403);
    expect((await get('/api/v1/mapping/datasets', {})).statusCode).toBe(401);
  });
});
