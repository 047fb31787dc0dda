import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let app: FastifyInstance;
let admin: { authorization: string };

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  admin = t.admin;
});
afterAll(async () => {
  await t?.close();
});

const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;

describe('registry API', () => {
  it('lists the 12 hub complexes', async () => {
    const res = await app.inject({
      headers: admin,
      url: '/api/v1/complexes?pageSize=100&sort=name',
    });
    expect(res.statusCode).toBe(200);
    const page = json<{ items: { name: string; isHub: boolean }[]; total: number }>(res.body);
    expect(page.total).toBe(12);
    expect(page.items.map((c) => c.name)).toEqual([
      'Banwol-Sihwa',
      'Changwon',
      'Daebul',
      'Gumi',
      'Gunsan',
      'Gwangju',
      'Namdong',
      'Noksan',
      'Ochang',
      'Seongseo',
      'Ulsan',
      'Wonju',
    ]);
    expect(page.items.every((c) => c.isHub)).toBe(true);
  });

  it('paginates, sorts descending, filters and searches', async () => {
    const res = await app.inject({
      headers: admin,
      url: '/api/v1/organisations?kind=university&q=gumi&sort=-name&page=2&pageSize=10',
    });
    const page = json<{
      items: { name: string; kind: string; synthetic: boolean }[];
      total: number;
      page: number;
    }>(res.body);
    expect(page.total).toBe(134);
    expect(page.page).toBe(2);
    expect(page.items).toHaveLength(10);
    expect(page.items[0]!.name).toBe('Demo Gumi University 124');
    expect(page.items.every((o) => o.kind === 'university' && o.synthetic)).toBe(true);
  });

  it('treats LIKE wildcards in a search as text', async () => {
    const res = await app.inject({ headers: admin, url: '/api/v1/organisations?q=%25' });
    expect(json<{ total: number }>(res.body).total).toBe(0);
  });

  it('creates, reads, updates and deletes an organisation', async () => {
    const created = await app.inject({
      headers: admin,
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'Hanbit Precision', kind: 'company', sizeClass: 'sme', employees: 42 },
    });
    expect(created.statusCode).toBe(201);
    const org = json<{ id: number; synthetic: boolean; sizeClass: string }>(created.body);
    expect(org.synthetic).toBe(false);
    const patched = await app.inject({
      headers: admin,
      method: 'PATCH',
      url: `/api/v1/organisations/${org.id}`,
      payload: { employees: 50 },
    });
    // Fields the change does not name keep their values (no defaults on update).
    expect(json<{ employees: number; name: string }>(patched.body)).toMatchObject({
      employees: 50,
      name: 'Hanbit Precision',
      sizeClass: 'sme',
    });
    expect(
      (
        await app.inject({
          headers: admin,
          method: 'DELETE',
          url: `/api/v1/organisations/${org.id}`,
        })
      ).statusCode,
    ).toBe(204);
    const gone = await app.inject({ headers: admin, url: `/api/v1/organisations/${org.id}` });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('names the field of every invalid value as problem+json', async () => {
    const res = await app.inject({
      headers: admin,
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: '', kind: 'bank' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = json<{ errors: { field: string }[] }>(res.body);
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['body.kind', 'body.name']);
  });

  it('names a dangling reference, a duplicate and a broken rule', async () => {
    const dangling = await app.inject({
      headers: admin,
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'X', kind: 'company', provinceId: 9999 },
    });
    expect(dangling.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(dangling.body).errors[0]!.field).toBe(
      'body.provinceId',
    );

    const duplicate = await app.inject({
      headers: admin,
      method: 'POST',
      url: '/api/v1/complexes',
      payload: { name: 'Gumi', provinceId: 1 },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(json<{ errors: { field: string }[] }>(duplicate.body).errors[0]!.field).toBe(
      'body.name',
    );

    const rule = await app.inject({
      headers: admin,
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'Y', kind: 'university', sizeClass: 'large' },
    });
    expect(rule.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(rule.body).errors[0]!.field).toBe(
      'body.sizeClass',
    );
  });

  it('refuses to delete a row others still reference', async () => {
    const regions = json<{ items: { id: number }[] }>(
      (await app.inject({ headers: admin, url: '/api/v1/regions?q=Gyeongsangbuk' })).body,
    );
    const res = await app.inject({
      headers: admin,
      method: 'DELETE',
      url: `/api/v1/regions/${regions.items[0]!.id}`,
    });
    expect(res.statusCode).toBe(409);
  });

  it('rejects an unknown sort field naming the parameter', async () => {
    const res = await app.inject({ headers: admin, url: '/api/v1/complexes?sort=password' });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(res.body).errors[0]!.field).toBe(
      'querystring.sort',
    );
  });

  it('publishes an OpenAPI 3.1 document covering every entity', async () => {
    const doc = json<{ openapi: string; paths: Record<string, unknown> }>(
      (await app.inject({ headers: admin, url: '/api/openapi.json' })).body,
    );
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/api/v1/programmes',
      '/api/v1/organisations/{id}',
      '/api/v1/body-seats',
      '/api/v1/aggregates/participants',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });
});
