import type {
  CallDetail,
  ProposalCheckResult,
  ProposalDetail,
  ProposalMergeRow,
  ProposalVersionDiff,
  ProposalVersionRow,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { callBody, seedIntakeRegistry, type IntakeFixture } from './proposal-intake.fixture.ts';

let t: TestApp;
let app: FastifyInstance;
let db: Db;
let f: IntakeFixture;
type Auth = { authorization: string };
let officer: Auth;
let memberA: Auth;
let memberB: Auth;
let memberC: Auth;
let call: CallDetail;
let instrumentId = 0;

const json = <T = Record<string, unknown>>(body: string) => JSON.parse(body) as T;

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
  return {
    status: res.statusCode,
    body: res.body ? json<T>(res.body) : (null as T),
    raw: res.body,
  };
}

/** Public 82M + firm 18M of 100M: public share 82% and firm share 18%. */
const tooPublic = [
  { category: 'personnel', funder: 'public', amountKrw: 40_000_000 },
  { category: 'equipment', funder: 'public', amountKrw: 42_000_000 },
  { category: 'materials', funder: 'firm', amountKrw: 18_000_000 },
];
/** Public 70M + firm 30M: within the 75% SME limit and above the 20% firm minimum. */
const withinRules = [
  { category: 'personnel', funder: 'public', amountKrw: 40_000_000 },
  { category: 'equipment', funder: 'public', amountKrw: 30_000_000 },
  { category: 'materials', funder: 'firm', amountKrw: 30_000_000 },
];

beforeAll(async () => {
  t = await createTestApp({ demo: false });
  app = t.app;
  db = t.database.db;
  f = await seedIntakeRegistry(db);
  officer = await t.userWith('programme_officer', { programmeId: f.programmeId });
  memberA = await t.userWith('member', { organisationId: f.orgs.a });
  memberB = await t.userWith('member', { organisationId: f.orgs.b });
  memberC = await t.userWith('member', { organisationId: f.orgs.c });
  const created = await req<CallDetail>('POST', '/api/v1/calls', officer, callBody(f.programmeId));
  expect(created.status, created.raw).toBe(201);
  const opened = await req<CallDetail>(
    'POST',
    `/api/v1/calls/${created.body.id}/transitions`,
    officer,
    { action: 'open' },
  );
  expect(opened.status, opened.raw).toBe(200);
  call = opened.body;
  instrumentId = call.instruments[0]!.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('calls', () => {
  it('refuses a rubric weight of 0 and a share above 1, naming the fields', async () => {
    const body = callBody(f.programmeId, 'BAD-1');
    body.rubric[0]!.weight = 0;
    const bad = await req<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/v1/calls',
      officer,
      body,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual({
      field: 'body.rubric.0.weight',
      message: 'weight must be greater than 0',
    });
    const rules = {
      ...callBody(f.programmeId).instruments[0]!.rules,
      publicShareLimits: { sme: 1.5 },
    };
    const badShare = await req<{ errors: { field: string }[] }>('POST', '/api/v1/calls', officer, {
      ...callBody(f.programmeId, 'BAD-2'),
      instruments: [{ code: 'x', name: 'X', budgetKrw: null, rules }],
    });
    expect(badShare.status).toBe(400);
    expect(badShare.body.errors.map((e) => e.field)).toContain(
      'body.instruments.0.rules.publicShareLimits.sme',
    );
  });

  it('answers an illegal call step with 409, the state and the allowed steps', async () => {
    const res = await req<{ state: string; allowed: { action: string; to: string }[] }>(
      'POST',
      `/api/v1/calls/${call.id}/transitions`,
      officer,
      { action: 'archive' },
    );
    expect(res.status).toBe(409);
    expect(res.body.state).toBe('open');
    expect(res.body.allowed.map((s) => `${s.action}->${s.to}`)).toEqual([
      'close->closed',
      'cancel->cancelled',
    ]);
    const noReason = await req('POST', `/api/v1/calls/${call.id}/transitions`, officer, {
      action: 'cancel',
    });
    expect(noReason.status).toBe(409);
    expect(noReason.raw).toContain("call: 'cancel' from 'open' requires a reason");
    const member = await req('POST', `/api/v1/calls/${call.id}/transitions`, memberA, {
      action: 'close',
    });
    expect(member.status).toBe(403);
  });
});

describe('rule checks', () => {
  it('returns the domain’s exact messages for a draft without saving it', async () => {
    const res = await req<ProposalCheckResult>('POST', '/api/v1/proposals/check', memberA, {
      instrumentId,
      leadOrganisationId: f.orgs.a,
      budget: tooPublic,
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.violations.map((v) => v.message)).toEqual([
      'public share 82% exceeds the 75% limit for SMEs',
      'firm share 18% is below the minimum of 20%',
    ]);
    expect(res.body.totals).toEqual({
      totalKrw: 100_000_000,
      publicKrw: 82_000_000,
      firmKrw: 18_000_000,
      otherKrw: 0,
      publicShare: 0.82,
      firmShare: 0.18,
    });
    expect(res.body.firmSize).toBe('sme');
    expect(res.body.isFastTrack).toBe(false);
    const large = await req<ProposalCheckResult>('POST', '/api/v1/proposals/check', memberA, {
      instrumentId,
      leadOrganisationId: f.orgs.a,
      partners: [{ organisationId: f.orgs.c }],
      budget: withinRules,
    });
    expect(large.body.violations.map((v) => v.message)).toEqual([
      'public share 70% exceeds the 33% limit for large firms',
    ]);
    const university = await req<ProposalCheckResult>('POST', '/api/v1/proposals/check', memberA, {
      instrumentId,
      leadOrganisationId: f.orgs.u,
      budget: withinRules,
    });
    expect(university.body.violations.map((v) => v.message)).toEqual([
      'lead North University is a university, which may not lead; eligible: company',
    ]);
    const unknown = await req<{ errors: { field: string; message: string }[] }>(
      'POST',
      '/api/v1/proposals/check',
      memberA,
      { instrumentId, leadOrganisationId: f.orgs.a, partners: [{ organisationId: 999_999 }] },
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([
      { field: 'body.partners.0.organisationId', message: 'no organisation with id 999999' },
    ]);
  });
});

describe('proposals', () => {
  let p: ProposalDetail;

  it('creates a draft within the member’s organisation only and scopes reading to it', async () => {
    const outside = await req('POST', '/api/v1/proposals', memberB, {
      callId: call.id,
      instrumentId,
      leadOrganisationId: f.orgs.a,
      title: 'Not mine',
    });
    expect(outside.status).toBe(403);
    const created = await req<ProposalDetail>('POST', '/api/v1/proposals', memberA, {
      callId: call.id,
      instrumentId,
      miniClusterId: f.miniCluster,
      leadOrganisationId: f.orgs.a,
      title: 'Burr-free micro drilling',
      plan: 'Trial on three lines',
      startOn: '2026-07-01',
      endOn: '2027-06-30',
      partners: [{ organisationId: f.orgs.u, role: 'partner' }],
      budget: tooPublic,
      milestones: [{ title: 'Prototype', dueOn: '2026-12-31' }],
    });
    expect(created.status, created.raw).toBe(201);
    p = created.body;
    expect(p.status).toBe('draft');
    expect(p.version).toBe(0);
    expect(p.complexId).toBe(f.north);
    expect(p.requestedGrantKrw).toBe(82_000_000);
    expect(p.violationCount).toBe(2);
    expect(p.allowed.filter((s) => s.mine).map((s) => s.action)).toEqual(['submit', 'withdraw']);

    const listB = await req<{ items: { id: number }[] }>('GET', '/api/v1/proposals', memberB);
    expect(listB.body.items.map((i) => i.id)).not.toContain(p.id);
    expect((await req('GET', `/api/v1/proposals/${p.id}`, memberB)).status).toBe(404);
    const listA = await req<{ items: { id: number }[] }>('GET', '/api/v1/proposals', memberA);
    expect(listA.body.items.map((i) => i.id)).toContain(p.id);
    const listOfficer = await req<{ items: { id: number }[] }>(
      'GET',
      `/api/v1/proposals?callId=${call.id}`,
      officer,
    );
    expect(listOfficer.body.items.map((i) => i.id)).toContain(p.id);
    expect((await req('PATCH', `/api/v1/proposals/${p.id}`, memberB, { title: 'x' })).status).toBe(
      404,
    );
    // A partner reads the proposal but only the lead's members change it.
    const memberU = await t.userWith('member', { organisationId: f.orgs.u });
    expect((await req('GET', `/api/v1/proposals/${p.id}`, memberU)).status).toBe(200);
    expect((await req('PATCH', `/api/v1/proposals/${p.id}`, memberU, { title: 'x' })).status).toBe(
      403,
    );
    // The mini-cluster's coordinator reads it; the other complex's task force does not.
    const coordinator = await t.userWith('coordinator', { miniClusterId: f.miniCluster });
    const southTaskForce = await t.userWith('task_force', { complexId: f.south });
    const seen = async (auth: Auth) =>
      (await req<{ items: { id: number }[] }>('GET', '/api/v1/proposals', auth)).body.items.map(
        (i) => i.id,
      );
    expect(await seen(coordinator)).toContain(p.id);
    expect(await seen(southTaskForce)).not.toContain(p.id);
  });

  it('refuses submission with the violations as field errors and freezes nothing', async () => {
    const res = await req<{ title: string; errors: { field: string; message: string }[] }>(
      'POST',
      `/api/v1/proposals/${p.id}/submit`,
      memberA,
      {},
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'budget', message: 'public share 82% exceeds the 75% limit for SMEs' },
      { field: 'budget', message: 'firm share 18% is below the minimum of 20%' },
    ]);
    const after = await req<ProposalDetail>('GET', `/api/v1/proposals/${p.id}`, memberA);
    expect(after.body.status).toBe('draft');
    expect(after.body.versions).toEqual([]);
  });

  it('submits once fixed, freezing version 1, recording the step and auditing it', async () => {
    const fixed = await req<ProposalDetail>('PATCH', `/api/v1/proposals/${p.id}`, memberA, {
      budget: withinRules,
    });
    expect(fixed.status, fixed.raw).toBe(200);
    expect(fixed.body.check.violations).toEqual([]);
    const res = await req<ProposalDetail>(
      'POST',
      `/api/v1/proposals/${p.id}/transitions`,
      memberA,
      {
        action: 'submit',
      },
    );
    expect(res.status, res.raw).toBe(200);
    expect(res.body.status).toBe('submitted');
    expect(res.body.version).toBe(1);
    expect(res.body.events.map((e) => `${e.fromState ?? '-'}:${e.action}:${e.toState}`)).toEqual([
      '-:create:draft',
      'draft:submit:submitted',
    ]);
    const versions = await req<ProposalVersionRow[]>(
      'GET',
      `/api/v1/proposals/${p.id}/versions`,
      memberA,
    );
    expect(versions.body).toHaveLength(1);
    expect(versions.body[0]!.content.totals.publicKrw).toBe(70_000_000);
    expect(versions.body[0]!.content.partners.map((x) => x.name)).toEqual(['North University']);
    const audit = await db
      .selectFrom('auditEvent')
      .select(['action', 'entity'])
      .where('entity', '=', 'proposal')
      .where('entityId', '=', String(p.id))
      .execute();
    // The creation step (none -> draft), the PATCH and the submission.
    expect(audit.filter((a) => a.action === 'update')).toHaveLength(3);
    expect((await req('PATCH', `/api/v1/proposals/${p.id}`, memberA, { title: 'x' })).status).toBe(
      409,
    );
  });

  it('answers an illegal proposal step with 409 listing the allowed next steps', async () => {
    const again = await req<{ state: string; allowed: { action: string; to: string }[] }>(
      'POST',
      `/api/v1/proposals/${p.id}/transitions`,
      memberA,
      { action: 'submit' },
    );
    expect(again.status).toBe(409);
    expect(again.body.state).toBe('submitted');
    expect(again.body.allowed.map((s) => `${s.action}->${s.to}`)).toEqual([
      'start_screening->screening',
      'withdraw->withdrawn',
    ]);
    const memberScreens = await req('POST', `/api/v1/proposals/${p.id}/transitions`, memberA, {
      action: 'start_screening',
    });
    expect(memberScreens.status).toBe(409);
    expect(memberScreens.raw).toContain(
      "proposal: role member may not 'start_screening' from 'submitted'",
    );
  });

  it('runs screening and committee steps, a revision as version 2 and a diff', async () => {
    const step = (auth: Auth, action: string, reason?: string) =>
      req<ProposalDetail>('POST', `/api/v1/proposals/${p.id}/transitions`, auth, {
        action,
        ...(reason ? { reason } : {}),
      });
    // Screening and committee steps leave records of their own: the generic route refuses them.
    const direct = await step(officer, 'start_screening');
    expect(direct.status).toBe(409);
    expect(direct.raw).toContain(`POST /api/v1/proposals/${p.id}/screenings`);
    const screened = await req('POST', `/api/v1/proposals/${p.id}/screenings`, officer, {
      outcome: 'pass',
    });
    expect(screened.status, screened.raw).toBe(201);
    const sent = await req('POST', `/api/v1/calls/${call.id}/send-to-committee`, officer, {
      proposalIds: [p.id],
    });
    expect(sent.status, sent.raw).toBe(200);
    const selectDirect = await step(officer, 'select', 'ranked first');
    expect(selectDirect.status).toBe(409);
    expect(selectDirect.raw).toContain(`POST /api/v1/proposals/${p.id}/decisions`);
    const noReason = await req('POST', `/api/v1/proposals/${p.id}/decisions`, officer, {
      decision: 'revise',
    });
    expect(noReason.status).toBeGreaterThanOrEqual(400);
    expect(noReason.status).toBeLessThan(500);
    const revise = await req('POST', `/api/v1/proposals/${p.id}/decisions`, officer, {
      decision: 'revise',
      reason: 'Lower the equipment share',
    });
    expect(revise.status, revise.raw).toBe(201);
    const afterRevise = await req<ProposalDetail>('GET', `/api/v1/proposals/${p.id}`, memberA);
    expect(afterRevise.body.status).toBe('revise_requested');
    const edited = await req('PATCH', `/api/v1/proposals/${p.id}`, memberA, {
      budget: [
        { category: 'personnel', funder: 'public', amountKrw: 40_000_000 },
        { category: 'equipment', funder: 'public', amountKrw: 20_000_000 },
        { category: 'materials', funder: 'firm', amountKrw: 40_000_000 },
      ],
    });
    expect(edited.status, edited.raw).toBe(200);
    const resubmitted = await req<ProposalDetail>(
      'POST',
      `/api/v1/proposals/${p.id}/submit`,
      memberA,
      { note: 'Equipment halved' },
    );
    expect(resubmitted.status, resubmitted.raw).toBe(200);
    expect(resubmitted.body.status).toBe('resubmitted');
    expect(resubmitted.body.version).toBe(2);
    const diff = await req<ProposalVersionDiff>(
      'GET',
      `/api/v1/proposals/${p.id}/versions/diff?from=1&to=2`,
      memberA,
    );
    expect(diff.body.changes).toEqual([
      { path: 'budget.1.amountKrw', before: 30_000_000, after: 20_000_000 },
      { path: 'budget.2.amountKrw', before: 30_000_000, after: 40_000_000 },
      { path: 'totals.firmKrw', before: 30_000_000, after: 40_000_000 },
      { path: 'totals.firmShare', before: 0.3, after: 0.4 },
      { path: 'totals.publicKrw', before: 70_000_000, after: 60_000_000 },
      { path: 'totals.publicShare', before: 0.7, after: 0.6 },
    ]);
  });

  it('flags a grant below the fast-track threshold', async () => {
    const small = await req<ProposalDetail>('POST', '/api/v1/proposals', memberB, {
      callId: call.id,
      instrumentId,
      leadOrganisationId: f.orgs.b,
      title: 'Coolant audit',
      budget: [
        { category: 'subcontracting', funder: 'public', amountKrw: 6_000_000 },
        { category: 'materials', funder: 'firm', amountKrw: 4_000_000 },
      ],
    });
    expect(small.status, small.raw).toBe(201);
    expect(small.body.isFastTrack).toBe(true);
    expect(small.body.check.violations).toEqual([]);
  });
});

describe('merges', () => {
  let p2: ProposalDetail;
  let p3: ProposalDetail;

  const draft = async (auth: Auth, lead: number, title: string, partner?: number) => {
    const res = await req<ProposalDetail>('POST', '/api/v1/proposals', auth, {
      callId: call.id,
      instrumentId,
      leadOrganisationId: lead,
      title,
      partners: partner ? [{ organisationId: partner }] : [],
      budget: [
        { category: 'personnel', funder: 'public', amountKrw: 20_000_000 },
        { category: 'materials', funder: 'firm', amountKrw: 10_000_000 },
      ],
    });
    expect(res.status, res.raw).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    p2 = await draft(memberB, f.orgs.b, 'Tool wear sensing', f.orgs.u);
    p3 = await draft(memberC, f.orgs.c, 'Tool wear analytics');
  });

  it('ends as refused when one lead refuses, and only leads may decide', async () => {
    // A lead cannot see the other firms' proposals: an officer asks for the merge.
    const hidden = await req('POST', '/api/v1/proposal-merges', memberB, {
      title: 'Tool wear',
      proposalIds: [p2.id, p3.id],
    });
    expect(hidden.status).toBe(404);
    const m = await req<ProposalMergeRow>('POST', '/api/v1/proposal-merges', officer, {
      title: 'Tool wear',
      proposalIds: [p2.id, p3.id],
    });
    expect(m.status, m.raw).toBe(201);
    expect(m.body.status).toBe('pending');
    expect(m.body.consents.map((k) => [k.proposalId, k.organisationId, k.decision])).toEqual([
      [p2.id, f.orgs.b, 'pending'],
      [p3.id, f.orgs.c, 'pending'],
    ]);
    const byOfficer = await req('POST', `/api/v1/proposal-merges/${m.body.id}/decisions`, officer, {
      proposalId: p3.id,
      decision: 'consent',
    });
    expect(byOfficer.status).toBe(403);
    const twice = await req('POST', '/api/v1/proposal-merges', officer, {
      title: 'Again',
      proposalIds: [p2.id, p3.id],
    });
    expect(twice.status).toBe(409);
    const consent = await req<ProposalMergeRow>(
      'POST',
      `/api/v1/proposal-merges/${m.body.id}/decisions`,
      memberB,
      { proposalId: p2.id, decision: 'consent' },
    );
    expect(consent.body.status).toBe('pending');
    const refuse = await req<ProposalMergeRow>(
      'POST',
      `/api/v1/proposal-merges/${m.body.id}/decisions`,
      memberC,
      { proposalId: p3.id, decision: 'refuse', reason: 'Different goals' },
    );
    expect(refuse.body.status).toBe('refused');
    expect(refuse.body.resultProposalId).toBeNull();
    const still = await req<ProposalDetail>('GET', `/api/v1/proposals/${p3.id}`, memberC);
    expect(still.body.status).toBe('draft');
  });

  it('merges when every lead consents: union of partners and budget, sources withdrawn', async () => {
    const m = await req<ProposalMergeRow>('POST', '/api/v1/proposal-merges', officer, {
      title: 'Tool wear, sensing and analytics',
      proposalIds: [p2.id, p3.id],
      leadOrganisationId: f.orgs.b,
    });
    expect(m.status, m.raw).toBe(201);
    await req('POST', `/api/v1/proposal-merges/${m.body.id}/decisions`, memberC, {
      proposalId: p3.id,
      decision: 'consent',
    });
    const done = await req<ProposalMergeRow>(
      'POST',
      `/api/v1/proposal-merges/${m.body.id}/decisions`,
      memberB,
      { proposalId: p2.id, decision: 'consent' },
    );
    expect(done.status, done.raw).toBe(200);
    expect(done.body.status).toBe('merged');
    const merged = await req<ProposalDetail>(
      'GET',
      `/api/v1/proposals/${done.body.resultProposalId}`,
      memberB,
    );
    expect(merged.body.status).toBe('draft');
    expect(merged.body.leadOrganisationId).toBe(f.orgs.b);
    expect(merged.body.partners.map((x) => x.organisationId).sort()).toEqual(
      [f.orgs.c, f.orgs.u].sort(),
    );
    expect(merged.body.budget).toHaveLength(4);
    expect(merged.body.requestedGrantKrw).toBe(40_000_000);
    for (const source of [p2, p3]) {
      const s = await req<ProposalDetail>('GET', `/api/v1/proposals/${source.id}`, officer);
      expect(s.body.status).toBe('withdrawn');
      expect(s.body.mergedIntoId).toBe(done.body.resultProposalId);
      expect(s.body.events.at(-1)).toMatchObject({ action: 'merge', toState: 'withdrawn' });
    }
  });
});
