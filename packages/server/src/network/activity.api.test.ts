import type { ActivityDetail, ActivityRow, AttendeeAddResponse } from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
let app: FastifyInstance;
let db: Db;
let admin: { authorization: string };
const ids = { gumi: 0, changwon: 0, gumiMc: 0, gumiMc2: 0, changwonMc: 0, programme: 0 };
const orgs = { gumi1: 0, gumi2: 0, changwon1: 0, changwon2: 0 };

const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  db = t.database.db;
  admin = t.admin;
  const complexes = await db.selectFrom('complex').select(['id', 'name']).execute();
  ids.gumi = complexes.find((c) => c.name === 'Gumi')!.id;
  ids.changwon = complexes.find((c) => c.name === 'Changwon')!.id;
  const clusters = await db
    .selectFrom('miniCluster')
    .select(['id', 'complexId'])
    .orderBy('id')
    .execute();
  [ids.gumiMc, ids.gumiMc2] = clusters.filter((m) => m.complexId === ids.gumi).map((m) => m.id) as [
    number,
    number,
  ];
  ids.changwonMc = clusters.find((m) => m.complexId === ids.changwon)!.id;
  ids.programme = (await db.selectFrom('programme').select('id').executeTakeFirstOrThrow()).id;
  const byName = async (name: string) =>
    (
      await db
        .selectFrom('organisation')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;
  orgs.gumi1 = await byName('Demo Gumi Company 001');
  orgs.gumi2 = await byName('Demo Gumi University 001');
  orgs.changwon1 = await byName('Demo Changwon Company 001');
  orgs.changwon2 = await byName('Demo Changwon Company 002');
}, 300_000);

afterAll(async () => {
  await t?.close();
});

async function auditCount(entity: string, entityId: number | string): Promise<number> {
  const row = await db
    .selectFrom('auditEvent')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('entity', '=', entity)
    .where('entityId', '=', String(entityId))
    .executeTakeFirstOrThrow();
  return row.n;
}

describe('activities API', () => {
  let created: ActivityDetail;

  it('records an activity with mini-clusters and attendees, taking the complex from them', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: admin,
      payload: {
        kind: 'seminar',
        title: 'Sensor packaging seminar',
        topic: 'MEMS sensors',
        heldOn: '2024-03-14',
        programmeId: ids.programme,
        hostOrganisationId: orgs.gumi2,
        miniClusterIds: [ids.gumiMc],
        attendees: {
          organisationIds: [orgs.gumi1],
          names: ['(주) DEMO GUMI UNIVERSITY 001', 'Unknown Trading Co., Ltd.'],
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    created = json<ActivityDetail>(res.body);
    expect(created).toMatchObject({
      complexId: ids.gumi,
      miniClusterIds: [ids.gumiMc],
      attendeeCount: 3,
      synthetic: false,
    });
    expect(created.attendees.map((a) => [a.organisationName ?? a.nameAsWritten, a.match])).toEqual([
      ['Demo Gumi Company 001', 'manual'],
      ['Demo Gumi University 001', 'exact'],
      ['Unknown Trading Co., Ltd.', 'none'],
    ]);
    expect(await auditCount('activities', created.id)).toBe(1);
    expect(await auditCount('activity-attendees', created.attendees[0]!.id)).toBe(1);
  });

  it('refuses mini-clusters of another complex, naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: admin,
      payload: {
        kind: 'forum',
        title: 'Mixed',
        heldOn: '2024-01-01',
        complexId: ids.gumi,
        miniClusterIds: [ids.changwonMc],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(res.body).errors[0]!.field).toBe(
      'body.miniClusterIds.0',
    );
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${created.id}`,
      headers: admin,
      payload: { miniClusterIds: [ids.changwonMc] },
    });
    expect(patch.statusCode).toBe(400);
    const cleared = await app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${created.id}`,
      headers: admin,
      payload: { miniClusterIds: [] },
    });
    // Without mini-clusters the activity stays in its complex.
    expect(json<ActivityDetail>(cleared.body)).toMatchObject({
      complexId: ids.gumi,
      miniClusterIds: [],
    });
  });

  it('adds attendees in quick entry, skipping those already there, and removes one', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/activities/${created.id}/attendees`,
      headers: admin,
      payload: { organisationIds: [orgs.gumi1, orgs.changwon1], names: ['demo gumi company 001'] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = json<AttendeeAddResponse>(res.body);
    // gumi1 is already there, by id and by its exact name: only changwon1 is new.
    expect(body.added.map((a) => a.organisationId)).toEqual([orgs.changwon1]);
    expect(body.alreadyPresent).toBe(2);
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/activities/${created.id}/attendees/${body.added[0]!.id}`,
      headers: admin,
    });
    expect(removed.statusCode).toBe(204);
    const detail = json<ActivityDetail>(
      (await app.inject({ url: `/api/v1/activities/${created.id}`, headers: admin })).body,
    );
    expect(detail.attendeeCount).toBe(3);
    expect(await auditCount('activity-attendees', body.added[0]!.id)).toBe(2);
  });

  it('updates and audits the change', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${created.id}`,
      headers: admin,
      payload: {
        title: 'Sensor packaging seminar (2nd)',
        miniClusterIds: [ids.gumiMc, ids.gumiMc2],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<ActivityDetail>(res.body)).toMatchObject({
      title: 'Sensor packaging seminar (2nd)',
      miniClusterIds: [ids.gumiMc, ids.gumiMc2].sort((a, b) => a - b),
      complexId: ids.gumi,
    });
    const event = await db
      .selectFrom('auditEvent')
      .select(['before', 'after'])
      .where('entity', '=', 'activities')
      .where('entityId', '=', String(created.id))
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect((event.before as { title: string }).title).toBe('Sensor packaging seminar');
    expect((event.after as { title: string }).title).toBe('Sensor packaging seminar (2nd)');
  });

  it('lists with filters, sort and pagination matching a count in SQL', async () => {
    const url = `/api/v1/activities?complexId=${ids.gumi}&kind=seminar&from=2008-01-01&to=2008-12-31&sort=heldOn&pageSize=5`;
    const res = await app.inject({ url, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    const page = json<{ items: ActivityRow[]; total: number }>(res.body);
    const expected = await sql<{ n: number }>`SELECT count(*)::int AS n FROM activity
      WHERE complex_id = ${ids.gumi} AND kind = 'seminar' AND held_on BETWEEN '2008-01-01' AND '2008-12-31'`.execute(
      db,
    );
    expect(page.total).toBe(expected.rows[0]!.n);
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.length).toBe(Math.min(5, page.total));
    const dates = page.items.map((a) => a.heldOn);
    expect(dates).toEqual([...dates].sort());
    expect(page.items.every((a) => a.kind === 'seminar' && a.complexId === ids.gumi)).toBe(true);

    const byMc = json<{ items: ActivityRow[]; total: number }>(
      (
        await app.inject({
          url: `/api/v1/activities?miniClusterId=${ids.gumiMc2}&pageSize=1000`,
          headers: admin,
        })
      ).body,
    );
    expect(byMc.items.every((a) => a.miniClusterIds.includes(ids.gumiMc2))).toBe(true);
    expect(byMc.items.some((a) => a.id === created.id)).toBe(true);

    const byOrg = json<{ items: ActivityRow[]; total: number }>(
      (
        await app.inject({
          url: `/api/v1/activities?organisationId=${orgs.gumi1}&pageSize=1`,
          headers: admin,
        })
      ).body,
    );
    const attended = await sql<{ n: number }>`SELECT count(DISTINCT a.id)::int AS n FROM activity a
      WHERE a.host_organisation_id = ${orgs.gumi1}
         OR EXISTS (SELECT 1 FROM activity_attendee aa WHERE aa.activity_id = a.id AND aa.organisation_id = ${orgs.gumi1})`.execute(
      db,
    );
    expect(byOrg.total).toBe(attended.rows[0]!.n);

    const badSort = await app.inject({ url: '/api/v1/activities?sort=venue', headers: admin });
    expect(badSort.statusCode).toBe(400);
  });

  it('deletes with its attendees and answers 404 afterwards', async () => {
    const res = await app.inject({
      method: 'DELETE',
      url: `/api/v1/activities/${created.id}`,
      headers: admin,
    });
    expect(res.statusCode).toBe(204);
    expect(
      (await app.inject({ url: `/api/v1/activities/${created.id}`, headers: admin })).statusCode,
    ).toBe(404);
    const left = await db
      .selectFrom('activityAttendee')
      .select('id')
      .where('activityId', '=', created.id)
      .execute();
    expect(left).toEqual([]);
    expect(await auditCount('activities', created.id)).toBe(4);
  });
});

describe('activity permissions', () => {
  const payload = (complexId: number, miniClusterIds: number[] = []) => ({
    kind: 'meeting',
    title: 'Scoped meeting',
    heldOn: '2024-05-02',
    complexId,
    miniClusterIds,
  });

  it('lets a task force write in its complex only', async () => {
    const tf = await t.userWith('task_force', { complexId: ids.gumi });
    const inside = await app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: { authorization: tf.authorization },
      payload: payload(ids.gumi),
    });
    expect(inside.statusCode, inside.body).toBe(201);
    const outside = await app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: { authorization: tf.authorization },
      payload: payload(ids.changwon),
    });
    expect(outside.statusCode).toBe(403);
    // Moving its own activity to another complex is refused too.
    const id = json<ActivityDetail>(inside.body).id;
    const move = await app.inject({
      method: 'PATCH',
      url: `/api/v1/activities/${id}`,
      headers: { authorization: tf.authorization },
      payload: { complexId: ids.changwon },
    });
    expect(move.statusCode).toBe(403);
  });

  it('lets a coordinator write for its mini-cluster, not another', async () => {
    const coordinator = await t.userWith('coordinator', { miniClusterId: ids.gumiMc });
    const headers = { authorization: coordinator.authorization };
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers,
      payload: payload(ids.gumi, [ids.gumiMc]),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const other = await app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers,
      payload: payload(ids.gumi, [ids.gumiMc2]),
    });
    expect(other.statusCode).toBe(403);
  });

  it('lets members and evaluators read but not write; nobody signed in gets 401', async () => {
    const member = await t.userWith('member', { organisationId: orgs.gumi1 });
    const evaluator = await t.userWith('evaluator');
    for (const who of [member, evaluator]) {
      const headers = { authorization: who.authorization };
      expect((await app.inject({ url: '/api/v1/activities', headers })).statusCode).toBe(200);
      const write = await app.inject({
        method: 'POST',
        url: '/api/v1/activities',
        headers,
        payload: payload(ids.gumi),
      });
      expect(write.statusCode).toBe(403);
    }
    expect((await app.inject({ url: '/api/v1/activities' })).statusCode).toBe(401);
    expect(
      (await app.inject({ url: '/api/v1/activities/999999', headers: admin })).statusCode,
    ).toBe(404);
  });

  it('lets a task force add attendees to activities of its complex only', async () => {
    const tf = await t.userWith('task_force', { complexId: ids.changwon });
    const [gumiActivity] = await db
      .selectFrom('activity')
      .select('id')
      .where('complexId', '=', ids.gumi)
      .limit(1)
      .execute();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/activities/${gumiActivity!.id}/attendees`,
      headers: { authorization: tf.authorization },
      payload: { organisationIds: [orgs.changwon1] },
    });
    expect(res.statusCode).toBe(403);
  });
});
