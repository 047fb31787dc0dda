import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { demoDatasetName } from './mapping-demo.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

interface DatasetBody {
  id: number;
  name: string;
  source: string | null;
  licence: string | null;
  universe: string;
  fillRule: string;
  synthetic: boolean;
  values: number;
}

interface Problem {
  title: string;
  detail: string;
  errors: { field: string; message: string }[];
}

const get = (url: string, headers: Record<string, string> = t.admin) =>
  t.app.inject({ method: 'GET', url, headers });

const patch = (id: number, payload: unknown, headers: Record<string, string> = t.admin) =>
  t.app.inject({
    method: 'PATCH',
    url: `/api/v1/mapping/datasets/${id}`,
    headers,
    payload: payload as Record<string, unknown>,
  });

async function createDataset(payload: Record<string, unknown>): Promise<DatasetBody> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/mapping/datasets',
    headers: t.admin,
    payload,
  });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function importRows(id: number, rows: unknown[], kind = 'regional'): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/mapping/datasets/${id}/import`,
    headers: t.admin,
    payload: { rows, kind },
  });
  expect(res.statusCode).toBe(200);
}

async function demoDataset(): Promise<DatasetBody> {
  const list = (await get('/api/v1/mapping/datasets')).json() as DatasetBody[];
  return list.find((d) => d.name === demoDatasetName)!;
}

describe('PATCH /api/v1/mapping/datasets/:id', () => {
  it('renames a dataset and fixes its source, shown by GET; other fields stay', async () => {
    const ds = await createDataset({ name: 'Census 2020 (typo)', licence: 'KOGL type 1' });
    const res = await patch(ds.id, { name: 'Census 2020', source: 'Statistics Korea' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: ds.id,
      name: 'Census 2020',
      source: 'Statistics Korea',
      licence: 'KOGL type 1',
      universe: 'sum',
      fillRule: 'zero',
    });
    const names = ((await get('/api/v1/mapping/datasets')).json() as DatasetBody[]).map(
      (d) => d.name,
    );
    expect(names).toContain('Census 2020');
    expect(names).not.toContain('Census 2020 (typo)');
    expect((await get(`/api/v1/mapping/datasets/${ds.id}`)).json()).toMatchObject({
      name: 'Census 2020',
      source: 'Statistics Korea',
    });
    const cleared = await patch(ds.id, { licence: null });
    expect((cleared.json() as DatasetBody).licence).toBeNull();
  });

  it('is in the OpenAPI document with its body schema and problem answers', async () => {
    const doc = (await get('/api/openapi.json')).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody: { content: { 'application/json': { schema: { properties: object } } } };
            responses: Record<string, unknown>;
          }
        >
      >;
    };
    const op = doc.paths['/api/v1/mapping/datasets/{id}']!.patch!;
    expect(
      Object.keys(op.requestBody.content['application/json'].schema.properties).sort(),
    ).toEqual(['description', 'fillRule', 'licence', 'name', 'source', 'synthetic', 'universe']);
    expect(Object.keys(op.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
  });

  it('answers 404 for an unknown id', async () => {
    const res = await patch(987654, { name: 'Nobody' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((res.json() as Problem).detail).toBe('No dataset with id 987654');
  });

  it('answers 400 naming the field for a blank name or an unknown universe', async () => {
    const ds = await createDataset({ name: 'Blank test' });
    const blank = await patch(ds.id, { name: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.headers['content-type']).toContain('application/problem+json');
    expect((blank.json() as Problem).errors.map((e) => e.field)).toEqual(['body.name']);
    const universe = await patch(ds.id, { universe: 'world' });
    expect(universe.statusCode).toBe(400);
    expect((universe.json() as Problem).errors.map((e) => e.field)).toEqual(['body.universe']);
    expect((await get(`/api/v1/mapping/datasets/${ds.id}`)).json()).toMatchObject({
      name: 'Blank test',
      universe: 'sum',
    });
  });

  it('answers 409 on the name field when another dataset has the name', async () => {
    const ds = await createDataset({ name: 'Clash test' });
    const res = await patch(ds.id, { name: demoDatasetName });
    expect(res.statusCode).toBe(409);
    expect((res.json() as Problem).errors.map((e) => e.field)).toEqual(['body.name']);
  });

  it('refuses members, who may read the mapping but not change it', async () => {
    const ds = await createDataset({ name: 'Read only for members' });
    const organisation = await t.database.db
      .selectFrom('organisation')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const member = await t.userWith('member', { organisationId: organisation.id });
    const headers = { authorization: member.authorization };
    expect((await get(`/api/v1/mapping/datasets/${ds.id}`, headers)).statusCode).toBe(200);
    const res = await patch(ds.id, { name: 'Changed by a member' }, headers);
    expect(res.statusCode).toBe(403);
    expect((await get(`/api/v1/mapping/datasets/${ds.id}`)).json()).toMatchObject({
      name: 'Read only for members',
    });
  });

  it('records the change in the audit trail with before and after', async () => {
    const ds = await createDataset({ name: 'Audited', source: 'KOSIS' });
    await patch(ds.id, { name: 'Audited (renamed)' });
    const audit = (await get(`/api/v1/audit?entity=mapping-datasets&entityId=${ds.id}`)).json() as {
      total: number;
      items: {
        action: string;
        via: string;
        before: { name: string; source: string } | null;
        after: { name: string; source: string };
      }[];
    };
    expect(audit.total).toBe(2);
    expect(audit.items[0]).toMatchObject({
      action: 'update',
      via: 'api',
      before: { name: 'Audited', source: 'KOSIS' },
      after: { name: 'Audited (renamed)', source: 'KOSIS' },
    });
  });

  it('refuses a new fill rule while suppressed cells are stored, allows it without', async () => {
    const demo = await demoDataset();
    expect(demo.fillRule).toBe('parent_share');
    const refused = await patch(demo.id, { fillRule: 'zero', name: 'Renamed too' });
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as Problem).errors[0]!.field).toBe('body.fillRule');
    // All or nothing: the name given with the refused rule did not change either.
    expect((await get(`/api/v1/mapping/datasets/${demo.id}`)).json()).toMatchObject({
      name: demoDatasetName,
      fillRule: 'parent_share',
    });

    const plain = await createDataset({ name: 'No suppressed cells' });
    await importRows(plain.id, [
      { region: 'KR-11', industry: '26', year: 2020, measure: 'employment', value: 10 },
    ]);
    const allowed = await patch(plain.id, { fillRule: 'band_midpoint' });
    expect(allowed.statusCode).toBe(200);
    expect((allowed.json() as DatasetBody).fillRule).toBe('band_midpoint');
  });

  it('applies a new universe to the measures at once', async () => {
    const ds = await createDataset({ name: 'Universe switch' });
    const cell = (region: string, industry: string, value: number) => ({
      region,
      industry,
      year: 2020,
      measure: 'employment',
      value,
    });
    await importRows(ds.id, [
      cell('KR-11', '26', 100),
      cell('KR-11', '29', 300),
      cell('KR-26', '26', 100),
    ]);
    await importRows(ds.id, [cell('KR', '26', 1000), cell('KR', '29', 3000)], 'national');
    const lqOfSeoul26 = async () => {
      const res = await get(
        `/api/v1/mapping/measures?dataset=${ds.id}&unit=industry&year=2020&region=KR-11`,
      );
      expect(res.statusCode).toBe(200);
      const rows = (res.json() as { rows: { unitCode: string; lq: number; nationTotal: number }[] })
        .rows;
      return rows.find((r) => r.unitCode === '26')!;
    };
    // Sum of regions: Seoul's share 100/400, the nation's 200/500 -> LQ 0.625.
    expect(await lqOfSeoul26()).toMatchObject({ nationTotal: 500 });
    expect((await lqOfSeoul26()).lq).toBeCloseTo(0.625, 12);
    expect((await patch(ds.id, { universe: 'national' })).statusCode).toBe(200);
    // National totals: the nation's share 1000/4000 -> LQ 0.25 / 0.25 = 1.
    expect(await lqOfSeoul26()).toMatchObject({ nationTotal: 4000 });
    expect((await lqOfSeoul26()).lq).toBeCloseTo(1, 12);
  });

  it('copies the synthetic flag to the stored values', async () => {
    const ds = await createDataset({ name: 'Flag test' });
    await importRows(ds.id, [
      { region: 'KR-11', industry: '26', year: 2020, measure: 'employment', value: 5 },
    ]);
    const res = await patch(ds.id, { synthetic: true });
    expect((res.json() as DatasetBody).synthetic).toBe(true);
    const flags = await sql<{ synthetic: boolean }>`
      SELECT synthetic FROM stat_value WHERE dataset_id = ${ds.id}`.execute(t.database.db);
    expect(flags.rows).toEqual([{ synthetic: true }]);
  });
});
