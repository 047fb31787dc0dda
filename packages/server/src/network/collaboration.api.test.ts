import type { CollaborationRow } from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let app: FastifyInstance;
let db: Db;
let admin: { authorization: string };
const ids = { north: 0, south: 0, n1: 0, n2: 0, s1: 0, s2: 0 };

const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;

/** A small registry of two complexes with two organisations each, without the demo. */
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  app = t.app;
  db = t.database.db;
  admin = t.admin;
  const [province] = await db
    .insertInto('region')
    .values({ code: 'KR-T1', kind: 'province', name: 'Test province' })
    .returning('id')
    .execute();
  const complexes = await db
    .insertInto('complex')
    .values([
      { name: 'North', provinceId: province!.id },
      { name: 'South', provinceId: province!.id },
    ])
    .returning('id')
    .execute();
  ids.north = complexes[0]!.id;
  ids.south = complexes[1]!.id;
  const organisations = await db
    .insertInto('organisation')
    .values([
      { name: 'North One', kind: 'company', complexId: ids.north },
      { name: 'North Two', kind: 'university', complexId: ids.north },
      { name: 'South One', kind: 'company', complexId: ids.south },
      { name: 'South Two', kind: 'research_institute', complexId: ids.south },
    ])
    .returning('id')
    .execute();
  [ids.n1, ids.n2, ids.s1, ids.s2] = organisations.map((o) => o.id) as [
    number,
    number,
    number,
    number,
  ];
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const tie = (source: number, target: number, extra: Record<string, unknown> = {}) => ({
  kind: 'joint_rd',
  sourceOrganisationId: source,
  targetOrganisationId: target,
  startedOn: '2021-03-01',
  endedOn: '2022-02-28',
  valueKrw: 150_000_000,
  description: 'Sensor module',
  ...extra,
});

describe('collaborations API', () => {
  let created: CollaborationRow;

  it('creates, reads, updates and deletes, auditing each change', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers: admin,
      payload: tie(ids.n1, ids.n2),
    });
    expect(res.statusCode, res.body).toBe(201);
    created = json<CollaborationRow>(res.body);
    expect(created).toMatchObject({ kind: 'joint_rd', valueKrw: 150_000_000, synthetic: false });
    const got = await app.inject({ url: `/api/v1/collaborations/${created.id}`, headers: admin });
    expect(json<CollaborationRow>(got.body)).toEqual(created);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/collaborations/${created.id}`,
      headers: admin,
      payload: { kind: 'technology_transfer', endedOn: null },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(json<CollaborationRow>(patched.body)).toMatchObject({
      kind: 'technology_transfer',
      endedOn: null,
    });
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers: admin,
      payload: tie(ids.s1, ids.s2, { kind: 'supply', startedOn: '2019-01-01', endedOn: null }),
    });
    const secondId = json<CollaborationRow>(second.body).id;
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/v1/collaborations/${secondId}`,
      headers: admin,
    });
    expect(deleted.statusCode).toBe(204);
    const events = await db
      .selectFrom('auditEvent')
      .select(['action', 'entityId'])
      .where('entity', '=', 'collaborations')
      .orderBy('id')
      .execute();
    expect(events).toEqual([
      { action: 'create', entityId: String(created.id) },
      { action: 'update', entityId: String(created.id) },
      { action: 'create', entityId: String(secondId) },
      { action: 'delete', entityId: String(secondId) },
    ]);
  });

  it('names the field of a bad tie', async () => {
    const self = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers: admin,
      payload: tie(ids.n1, ids.n1),
    });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('targetOrganisationId');
    const backwards = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers: admin,
      payload: tie(ids.n1, ids.s1, { startedOn: '2022-01-01', endedOn: '2021-01-01' }),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('endedOn');
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers: admin,
      payload: tie(ids.n1, 999_999),
    });
    expect(missing.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(missing.body).errors[0]!.field).toBe(
      'body.targetOrganisationId',
    );
    const kind = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers: admin,
      payload: tie(ids.n1, ids.s1, { kind: 'friendship' }),
    });
    expect(kind.statusCode).toBe(400);
  });

  it('filters by party, complex, kind and running window', async () => {
    for (const [s, tgt, extra] of [
      [ids.n1, ids.s1, { kind: 'supply', startedOn: '2018-01-01', endedOn: '2018-12-31' }],
      [ids.s1, ids.s2, { kind: 'consulting', startedOn: '2020-06-01', endedOn: null }],
    ] as const) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/collaborations',
        headers: admin,
        payload: tie(s, tgt, extra),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const list = async (query: string) =>
      json<{ items: CollaborationRow[]; total: number }>(
        (await app.inject({ url: `/api/v1/collaborations?${query}`, headers: admin })).body,
      );
    expect((await list(`organisationId=${ids.s1}`)).total).toBe(2);
    expect((await list(`complexId=${ids.north}`)).total).toBe(2);
    expect((await list(`complexId=${ids.south}`)).total).toBe(2);
    expect((await list('kind=consulting')).total).toBe(1);
    // Running at some point in 2019 or later: not the 2018 supply tie.
    const running = await list('from=2019-01-01&sort=startedOn');
    expect(running.items.map((c) => c.kind)).toEqual(['consulting', 'technology_transfer']);
    const total = await sql<{ n: number }>`SELECT count(*)::int AS n FROM collaboration`.execute(
      db,
    );
    expect((await list('pageSize=1')).total).toBe(total.rows[0]!.n);
  });

  it('lets a task force record ties with a party in its complex only', async () => {
    const tf = await t.userWith('task_force', { complexId: ids.north });
    const headers = { authorization: tf.authorization };
    const bridging = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers,
      payload: tie(ids.n2, ids.s2, { kind: 'co_publication', valueKrw: null }),
    });
    expect(bridging.statusCode, bridging.body).toBe(201);
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers,
      payload: tie(ids.s1, ids.s2),
    });
    expect(foreign.statusCode).toBe(403);
    // Nor may it move its own tie out of reach.
    const move = await app.inject({
      method: 'PATCH',
      url: `/api/v1/collaborations/${json<CollaborationRow>(bridging.body).id}`,
      headers,
      payload: { sourceOrganisationId: ids.s1 },
    });
    expect(move.statusCode).toBe(403);
  });

  it('lets members and analysts read, not write; 404 for a missing tie', async () => {
    const member = await t.userWith('member', { organisationId: ids.n1 });
    const headers = { authorization: member.authorization };
    expect((await app.inject({ url: '/api/v1/collaborations', headers })).statusCode).toBe(200);
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/collaborations',
      headers,
      payload: tie(ids.n1, ids.n2),
    });
    expect(write.statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/collaborations/999999', headers })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ url: '/api/v1/collaborations' })).statusCode).toBe(401);
  });
});
