import type { DemandDetail, DemandRow, Page } from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { callBody, seedIntakeRegistry, type IntakeFixture } from './proposal-intake.fixture.ts';

let t: TestApp;
let app: FastifyInstance;
let f: IntakeFixture;
type Auth = { authorization: string };
let memberA: Auth;
let memberB: Auth;
let coordinator: Auth;
let analyst: Auth;

async function req<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: Auth,
  payload?: unknown,
): Promise<{ status: number; body: T; raw: string }> {
  const res = await app.inject({
    method,
    url,
    headers,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: JSON.parse(res.body || 'null') as T, raw: res.body };
}

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  app = t.app;
  f = await seedIntakeRegistry(t.database.db);
  memberA = await t.userWith('member', { organisationId: f.orgs.a });
  memberB = await t.userWith('member', { organisationId: f.orgs.b });
  coordinator = await t.userWith('coordinator', { miniClusterId: f.miniCluster });
  analyst = await t.userWith('analyst', { programmeId: f.programmeId });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('demands and the idea store', () => {
  let d: DemandDetail;

  it('records a demand raised at an activity, taking its complex, mini-cluster and date', async () => {
    const foreign = await req('POST', '/api/v1/demands', memberA, {
      activityId: f.activity,
      title: 'Not ours',
      supportArea: 'rd',
      organisationIds: [f.orgs.b],
    });
    expect(foreign.status).toBe(403);
    const res = await req<DemandDetail>('POST', '/api/v1/demands', memberA, {
      activityId: f.activity,
      title: 'Burrs on micro-drilled holes',
      description: 'Deburring by hand costs two hours per batch',
      supportArea: 'rd',
      field: 'machining',
      organisationIds: [f.orgs.a],
    });
    expect(res.status, res.raw).toBe(201);
    d = res.body;
    expect(d).toMatchObject({
      programmeId: f.programmeId,
      complexId: f.north,
      miniClusterId: f.miniCluster,
      miniClusterName: 'Precision parts',
      activityTitle: 'Precision parts forum',
      raisedOn: '2026-03-12',
      status: 'raised',
      organisations: [{ id: f.orgs.a, name: 'Alpha Precision' }],
    });
    expect(d.events.map((e) => `${e.action}:${e.toState}`)).toEqual(['raise:raised']);
    const bad = await req<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/v1/demands',
      memberA,
      { title: 'x', supportArea: 'rd', activityId: 999_999, organisationIds: [f.orgs.a] },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { field: 'body.activityId', message: 'no activity with id 999999' },
    ]);
  });

  it('moves through the demand workflow; refusals are 409 with the allowed steps', async () => {
    const step = (auth: Auth, action: string, reason?: string) =>
      req<DemandDetail & { state: string; allowed: { action: string }[] }>(
        'POST',
        `/api/v1/demands/${d.id}/transitions`,
        auth,
        { action, ...(reason ? { reason } : {}) },
      );
    const memberDiscusses = await step(memberA, 'discuss');
    expect(memberDiscusses.status).toBe(409);
    expect(memberDiscusses.body.state).toBe('raised');
    expect(memberDiscusses.body.allowed.map((s) => s.action)).toEqual(['discuss', 'drop']);
    expect((await step(coordinator, 'publish_idea')).status).toBe(409);
    expect((await step(coordinator, 'discuss')).status).toBe(200);
    const dropped = await step(coordinator, 'drop');
    expect(dropped.status).toBe(409);
    expect(dropped.raw).toContain("demand: 'drop' from 'discussed' requires a reason");
    const published = await step(coordinator, 'publish_idea');
    expect(published.status, published.raw).toBe(200);
    expect(published.body.status).toBe('open_idea');
    expect(published.body.events.map((e) => e.action)).toEqual([
      'raise',
      'discuss',
      'publish_idea',
    ]);
    expect((await step(analyst, 'drop', 'no')).status).toBe(403);
  });

  it('lists the idea store with filters', async () => {
    await req('POST', '/api/v1/demands', memberB, {
      miniClusterId: f.miniCluster,
      title: 'Hiring CNC operators',
      supportArea: 'labour',
      raisedOn: '2026-02-01',
      organisationIds: [f.orgs.b],
    });
    const ideas = await req<Page<DemandRow>>('GET', '/api/v1/demands?ideas=true', analyst);
    expect(ideas.body.items.map((i) => i.title)).toEqual(['Burrs on micro-drilled holes']);
    const labour = await req<Page<DemandRow>>(
      'GET',
      `/api/v1/demands?supportArea=labour&miniClusterId=${f.miniCluster}`,
      memberA,
    );
    expect(labour.body.items.map((i) => i.title)).toEqual(['Hiring CNC operators']);
    const all = await req<Page<DemandRow>>('GET', '/api/v1/demands', memberA);
    expect(all.body.total).toBe(2);
  });

  it('takes comments and one backing per organisation', async () => {
    const comment = await req<DemandDetail>('POST', `/api/v1/demands/${d.id}/comments`, memberB, {
      body: 'We have the same problem on 0.3 mm holes',
    });
    expect(comment.status, comment.raw).toBe(201);
    expect(comment.body.comments.map((c) => c.body)).toEqual([
      'We have the same problem on 0.3 mm holes',
    ]);
    expect(
      (await req('POST', `/api/v1/demands/${d.id}/comments`, analyst, { body: 'hi' })).status,
    ).toBe(403);
    const back = await req<DemandDetail>('POST', `/api/v1/demands/${d.id}/backings`, memberB, {
      organisationId: f.orgs.b,
      note: 'Would co-fund',
    });
    expect(back.status, back.raw).toBe(201);
    expect(back.body.backingCount).toBe(1);
    expect(back.body.backings).toMatchObject([
      { organisationId: f.orgs.b, organisationName: 'Beta Tools', note: 'Would co-fund' },
    ]);
    const twice = await req('POST', `/api/v1/demands/${d.id}/backings`, memberB, {
      organisationId: f.orgs.b,
    });
    expect(twice.status).toBe(409);
    expect(twice.raw).toContain('an organisation backs an idea once');
    const forOther = await req('POST', `/api/v1/demands/${d.id}/backings`, memberB, {
      organisationId: f.orgs.a,
    });
    expect(forOther.status).toBe(403);
    const withdrawn = await req<DemandDetail>(
      'DELETE',
      `/api/v1/demands/${d.id}/backings/${f.orgs.b}`,
      memberB,
    );
    expect(withdrawn.body.backingCount).toBe(0);
  });

  it('shows answering proposals only to who may read them; a submitted one answers the idea', async () => {
    const officer = await t.userWith('programme_officer', { programmeId: f.programmeId });
    const call = await req<{ id: number; instruments: { id: number }[] }>(
      'POST',
      '/api/v1/calls',
      officer,
      callBody(f.programmeId),
    );
    await req('POST', `/api/v1/calls/${call.body.id}/transitions`, officer, { action: 'open' });
    const proposal = await req<{ id: number }>('POST', '/api/v1/proposals', memberA, {
      callId: call.body.id,
      instrumentId: call.body.instruments[0]!.id,
      demandId: d.id,
      leadOrganisationId: f.orgs.a,
      title: 'Burr-free micro drilling',
      budget: [
        { category: 'equipment', funder: 'public', amountKrw: 60_000_000 },
        { category: 'materials', funder: 'firm', amountKrw: 40_000_000 },
      ],
    });
    expect(proposal.status, proposal.raw).toBe(201);
    const forB = await req<DemandDetail>('GET', `/api/v1/demands/${d.id}`, memberB);
    expect(forB.body.proposalCount).toBe(1);
    expect(forB.body.proposals).toEqual([]);
    const submitted = await req(
      'POST',
      `/api/v1/proposals/${proposal.body.id}/submit`,
      memberA,
      {},
    );
    expect(submitted.status, submitted.raw).toBe(200);
    const forA = await req<DemandDetail>('GET', `/api/v1/demands/${d.id}`, memberA);
    expect(forA.body.proposals).toEqual([
      { id: proposal.body.id, title: 'Burr-free micro drilling', status: 'submitted' },
    ]);
    expect(forA.body.status).toBe('answered');
    expect(forA.body.events.at(-1)).toMatchObject({
      fromState: 'open_idea',
      action: 'link_proposal',
      toState: 'answered',
    });
  });
});
