import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let ksic: number;
let next: number;
let datasetId: number;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ksic = (
    await sql<{ id: number }>`SELECT id FROM industry_classification WHERE code = 'KSIC'`.execute(
      db,
    )
  ).rows[0]!.id;
  // A later vintage with two industries E1 and E2.
  next = (
    await sql<{ id: number }>`
      INSERT INTO industry_classification (code, vintage, name) VALUES ('TESTCLASS', 'v2', 'Test vintage')
      RETURNING id`.execute(db)
  ).rows[0]!.id;
  await sql`INSERT INTO industry (classification_id, code, name) VALUES
    (${next}, 'E1', 'Electronics'), (${next}, 'E2', 'Machinery')`.execute(db);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mapping/datasets',
    headers: t.admin,
    payload: { name: 'Old vintage', fillRule: 'band_midpoint' },
  });
  datasetId = (created.json() as { id: number }).id;
  const row = (
    region: string,
    industry: string,
    value: number | null,
    band?: [number, number],
  ) => ({
    region,
    industry,
    year: 2020,
    measure: 'employment',
    value,
    ...(band ? { suppressed: true, bandLow: band[0], bandHigh: band[1] } : {}),
  });
  const imported = await t.app.inject({
    method: 'POST',
    url: `/api/v1/mapping/datasets/${datasetId}/import`,
    headers: t.admin,
    payload: {
      rows: [
        row('KR-11', '26', 100),
        row('KR-11', '29', 50),
        row('KR-11', '30', 10),
        row('KR-26', '26', 200),
        // Suppressed, filled with the band's midpoint 30.
        row('KR-26', '29', null, [20, 40]),
      ],
    },
  });
  expect(imported.statusCode).toBe(200);
});

afterAll(async () => {
  await t?.close();
});

const send = (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: t.admin, ...(payload ? { payload } : {}) });
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: t.admin });

const links = [
  { from: '26', to: 'E1', weight: 0.6 },
  { from: '26', to: 'E2', weight: 0.4 },
  { from: '29', to: 'E2', weight: 1 },
];

describe('crosswalks', () => {
  it('refuses weights that do not sum to 1, unknown codes and repeated links, naming them', async () => {
    const res = await send('POST', '/api/v1/mapping/crosswalks', {
      name: 'Bad',
      fromClassificationId: ksic,
      toClassificationId: next,
      links: [
        { from: '26', to: 'E1', weight: 0.5 },
        { from: '26', to: 'E2', weight: 0.4 },
        { from: '29', to: 'E9', weight: 1 },
        { from: '29', to: 'E9', weight: 1 },
      ],
    });
    expect(res.statusCode).toBe(400);
    const errors = (res.json() as { errors: { field: string; message: string }[] }).errors;
    expect(errors.map((e) => e.field).sort()).toEqual(
      [
        'body.links[0].weight',
        'body.links[2].to',
        'body.links[2].weight',
        'body.links[3]',
        'body.links[3].to',
      ].sort(),
    );
    expect(errors.find((e) => e.field === 'body.links[0].weight')!.message).toBe(
      'weights of 26 (links 0, 1) sum to 0.9, not 1',
    );
    // The classification by its code and vintage, as the user knows it, not by its id.
    expect(errors.find((e) => e.field === 'body.links[2].to')!.message).toBe(
      'no industry E9 in classification TESTCLASS v2',
    );
  });

  it('creates, reads, replaces and deletes a crosswalk, with audit events', async () => {
    const created = await send('POST', '/api/v1/mapping/crosswalks', {
      name: 'KSIC to test vintage',
      fromClassificationId: ksic,
      toClassificationId: next,
      links,
    });
    expect(created.statusCode).toBe(201);
    const cw = created.json() as { id: number; linkCount: number; links: unknown[] };
    expect(cw.linkCount).toBe(3);
    expect(cw.links).toEqual([
      expect.objectContaining({ fromCode: '26', toCode: 'E1', weight: 0.6 }),
      expect.objectContaining({ fromCode: '26', toCode: 'E2', weight: 0.4 }),
      expect.objectContaining({ fromCode: '29', toCode: 'E2', weight: 1 }),
    ]);
    const list = await get('/api/v1/mapping/crosswalks');
    expect((list.json() as { id: number }[]).map((c) => c.id)).toContain(cw.id);
    const replaced = await send('PUT', `/api/v1/mapping/crosswalks/${cw.id}`, {
      name: 'KSIC to test vintage',
      fromClassificationId: ksic,
      toClassificationId: next,
      links: [{ from: '26', to: 'E1', weight: 1 }],
    });
    expect(replaced.statusCode).toBe(200);
    expect((replaced.json() as { linkCount: number }).linkCount).toBe(1);
    const dup = await send('POST', '/api/v1/mapping/crosswalks', {
      name: 'KSIC to test vintage',
      fromClassificationId: ksic,
      toClassificationId: next,
      links,
    });
    expect(dup.statusCode).toBe(409);
    expect((await send('DELETE', `/api/v1/mapping/crosswalks/${cw.id}`)).statusCode).toBe(204);
    expect((await get(`/api/v1/mapping/crosswalks/${cw.id}`)).statusCode).toBe(404);
    const audit = await get(`/api/v1/audit?entity=mapping-crosswalks&entityId=${cw.id}`);
    expect((audit.json() as { total: number }).total).toBe(3);
  });

  it('refuses a replace that started from an older version, and saves nothing', async () => {
    const created = (
      await send('POST', '/api/v1/mapping/crosswalks', {
        name: 'Concurrent edits',
        fromClassificationId: ksic,
        toClassificationId: next,
        links,
      })
    ).json() as { id: number; updatedAt: string };
    const body = (weight: number) => ({
      name: 'Concurrent edits',
      fromClassificationId: ksic,
      toClassificationId: next,
      links: [
        { from: '26', to: 'E1', weight },
        { from: '26', to: 'E2', weight: 1 - weight },
        { from: '29', to: 'E2', weight: 1 },
      ],
      baseUpdatedAt: created.updatedAt,
    });
    // Two editors loaded the same version; the first save wins.
    const first = await send('PUT', `/api/v1/mapping/crosswalks/${created.id}`, body(0.7));
    expect(first.statusCode).toBe(200);
    const saved = first.json() as { updatedAt: string };
    expect(saved.updatedAt).not.toBe(created.updatedAt);
    const second = await send('PUT', `/api/v1/mapping/crosswalks/${created.id}`, body(0.2));
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect((second.json() as { detail: string }).detail).toContain(created.updatedAt);
    const after = (await get(`/api/v1/mapping/crosswalks/${created.id}`)).json() as {
      links: { fromCode: string; toCode: string; weight: number }[];
    };
    expect(after.links.find((l) => l.toCode === 'E1')!.weight).toBe(0.7);
    // From the version just saved, the second editor's save goes through.
    const retried = await send('PUT', `/api/v1/mapping/crosswalks/${created.id}`, {
      ...body(0.2),
      baseUpdatedAt: saved.updatedAt,
    });
    expect(retried.statusCode).toBe(200);
    await send('DELETE', `/api/v1/mapping/crosswalks/${created.id}`);
  });

  it('lets analysts read crosswalks but not change them', async () => {
    const analyst = await t.userWith('analyst', { programmeId: 1 });
    const headers = { authorization: analyst.authorization };
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/mapping/crosswalks', headers });
    expect(list.statusCode).toBe(200);
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/mapping/crosswalks',
      headers,
      payload: { name: 'No', fromClassificationId: ksic, toClassificationId: next, links },
    });
    expect(post.statusCode).toBe(403);
  });

  it('re-expresses a dataset in the new vintage by the weights', async () => {
    const cw = (
      await send('POST', '/api/v1/mapping/crosswalks', {
        name: 'For conversion',
        fromClassificationId: ksic,
        toClassificationId: next,
        links,
      })
    ).json() as { id: number };
    // Division 30 has no link: refused by default, named.
    const refused = await send('POST', `/api/v1/mapping/datasets/${datasetId}/convert`, {
      crosswalk: cw.id,
      name: 'New vintage',
    });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { errors: { message: string }[] }).errors[0]!.message).toMatch(
      /^industry 30 has no link/,
    );
    const res = await send('POST', `/api/v1/mapping/datasets/${datasetId}/convert`, {
      crosswalk: cw.id,
      name: 'New vintage',
      unmapped: 'drop',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json() as {
      dataset: { id: number; filled: number };
      values: number;
      unmapped: string[];
    };
    expect(body).toMatchObject({ values: 4, unmapped: ['30'] });
    expect(body.dataset.filled).toBe(1);
    const table = await get(
      `/api/v1/mapping/measures?dataset=${body.dataset.id}&unit=industry&year=2020`,
    );
    expect(table.statusCode).toBe(200);
    const rows = (
      table.json() as {
        rows: { regionCode: string; unitCode: string; value: number; restsOnFilled: boolean }[];
      }
    ).rows.map((r) => [r.regionCode, r.unitCode, r.value, r.restsOnFilled]);
    // KR-11: E1 = 0.6·100 = 60, E2 = 0.4·100 + 50 = 90; KR-26: E1 = 120, E2 = 80 + 30 (filled).
    expect(rows).toEqual([
      ['KR-11', 'E1', 60, false],
      ['KR-11', 'E2', 90, false],
      ['KR-26', 'E1', 120, false],
      ['KR-26', 'E2', 110, true],
    ]);
  });
});
