import type {
  AgreementRow,
  BurdenResponse,
  DisbursementRow,
  OutcomeRow,
  PaymentAgingDto,
  ProjectDetail,
  ReportDetail,
  ReportRow,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { seedSelectedProject, type SeededProject } from './delivery.fixture.ts';

let t: TestApp;
let app: FastifyInstance;
let db: Db;
let admin: { authorization: string };
let member1: { authorization: string };
let member2: { authorization: string };
const ids = { gumi: 0, ulsan: 0, lead1: 0, lead2: 0, other: 0 };
let p1: SeededProject;
let p2: SeededProject;
let p3: SeededProject;

const json = <T>(body: string) => JSON.parse(body) as T;

async function call<T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  headers: { authorization: string },
  payload?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await app.inject({
    method,
    url,
    headers,
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  return { status: res.statusCode, body: res.body ? json<T>(res.body) : (undefined as T) };
}

const step = (
  kind: 'agreements' | 'disbursements' | 'reports' | 'projects',
  id: number,
  who: { authorization: string },
  body: Record<string, unknown>,
) => call<Record<string, unknown>>('POST', `/api/v1/${kind}/${id}/transitions`, who, body);

/** Two complexes, three organisations, three selected projects (see the hand computations below). */
beforeAll(async () => {
  t = await createTestApp({ demo: false });
  app = t.app;
  db = t.database.db;
  admin = t.admin;
  const province = await db
    .insertInto('region')
    .values({ code: 'KR-DL', kind: 'province', name: 'Delivery province' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const complexes = await db
    .insertInto('complex')
    .values([
      { name: 'Gumi', provinceId: province.id },
      { name: 'Ulsan', provinceId: province.id },
    ])
    .returning('id')
    .execute();
  ids.gumi = complexes[0]!.id;
  ids.ulsan = complexes[1]!.id;
  const orgs = await db
    .insertInto('organisation')
    .values([
      { name: 'Gumi Sensors', kind: 'company', complexId: ids.gumi },
      { name: 'Ulsan Axles', kind: 'company', complexId: ids.ulsan },
      { name: 'Elsewhere Ltd', kind: 'company', complexId: ids.ulsan },
    ])
    .returning('id')
    .execute();
  [ids.lead1, ids.lead2, ids.other] = orgs.map((o) => o.id) as [number, number, number];
  p1 = await seedSelectedProject(db, {
    complexId: ids.gumi,
    leadOrganisationId: ids.lead1,
    title: 'Low-power sensor module',
    startOn: '2024-03-01',
    endOn: '2026-02-28',
    approvedGrantKrw: 100_000_000,
    demand: {
      title: 'Sensors drain batteries',
      raisedOn: '2024-01-10',
      activity: { title: 'Gumi electronics forum', heldOn: '2024-01-10' },
    },
  });
  p2 = await seedSelectedProject(db, {
    programmeId: p1.programmeId,
    callId: p1.callId,
    complexId: ids.ulsan,
    leadOrganisationId: ids.lead2,
    title: 'Axle casting defects',
    startOn: '2024-04-01',
    endOn: '2025-03-31',
    approvedGrantKrw: 50_000_000,
    instrument: {
      code: 'quick',
      name: 'Quick fix',
      reportingSchedule: { kind: 'every_months', months: 6 },
    },
  });
  p3 = await seedSelectedProject(db, {
    programmeId: p1.programmeId,
    callId: p1.callId,
    complexId: ids.gumi,
    leadOrganisationId: ids.lead1,
    title: 'Clean-room sharing',
    startOn: '2024-06-01',
    endOn: '2025-05-31',
    approvedGrantKrw: 30_000_000,
  });
  // A workshop in p1's first period attended by its lead; one by another firm; the forum that
  // raised the demand falls before the project starts.
  const workshops = await db
    .insertInto('activity')
    .values([
      { kind: 'workshop', title: 'Sensor power workshop', heldOn: '2024-05-02' },
      { kind: 'seminar', title: 'Unrelated seminar', heldOn: '2024-05-03' },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('activityAttendee')
    .values([
      { activityId: workshops[0]!.id, organisationId: ids.lead1 },
      { activityId: workshops[1]!.id, organisationId: ids.other },
      { activityId: p1.activityId!, organisationId: ids.lead1 },
    ])
    .execute();
  member1 = await t.userWith('member', { organisationId: ids.lead1 });
  member2 = await t.userWith('member', { organisationId: ids.lead2 });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const budget = [
  { category: 'personnel', funder: 'public', amountKrw: 60_000_000 },
  { category: 'equipment', funder: 'public', amountKrw: 40_000_000 },
  { category: 'materials', funder: 'firm', amountKrw: 30_000_000 },
];

let agreement1: AgreementRow;
let agreement2: AgreementRow;

describe('agreements and schedules', () => {
  it('refuses a schedule that does not add up to the approved grant, naming the difference', async () => {
    const res = await call<{ detail: string; errors: { field: string; message: string }[] }>(
      'POST',
      `/api/v1/projects/${p1.projectId}/agreement`,
      admin,
      {
        approvedBudget: budget,
        schedule: [
          { scheduledOn: '2024-04-01', amountKrw: 40_000_000 },
          { scheduledOn: '2025-03-01', amountKrw: 50_000_000 },
        ],
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({
      field: 'body.schedule',
      message:
        'instalments add up to KRW 90,000,000 but the approved grant is KRW 100,000,000 (short by KRW 10,000,000)',
    });
    const lines = await call<{ errors: { field: string }[] }>(
      'POST',
      `/api/v1/projects/${p1.projectId}/agreement`,
      admin,
      {
        approvedBudget: [{ category: 'personnel', funder: 'public', amountKrw: 1 }],
        schedule: [{ scheduledOn: '2030-01-01', amountKrw: 100_000_000 }],
      },
    );
    expect(lines.status).toBe(400);
    expect(lines.body.errors.map((e) => e.field)).toEqual([
      'body.schedule.0.scheduledOn',
      'body.approvedBudget',
    ]);
  });

  it('lets only officers draft an agreement', async () => {
    const res = await call<{ detail: string }>(
      'POST',
      `/api/v1/projects/${p1.projectId}/agreement`,
      member1,
      {
        approvedBudget: budget,
        schedule: [{ scheduledOn: '2024-04-01', amountKrw: 100_000_000 }],
      },
    );
    expect(res.status).toBe(403);
    expect(res.body.detail).toBe(
      'Only a programme officer (or an administrator) may draft an agreement; your roles over this project: member.',
    );
  });

  it('creates a draft agreement with its schedule; a second one is a conflict', async () => {
    const res = await call<AgreementRow>(
      'POST',
      `/api/v1/projects/${p1.projectId}/agreement`,
      admin,
      {
        approvedBudget: budget,
        schedule: [
          { scheduledOn: '2024-04-01', amountKrw: 40_000_000 },
          { scheduledOn: '2025-03-01', amountKrw: 60_000_000 },
        ],
        terms: 'Standard terms',
      },
    );
    expect(res.status).toBe(201);
    agreement1 = res.body;
    expect(agreement1).toMatchObject({ status: 'draft', totalGrantKrw: 100_000_000 });
    expect(agreement1.schedule.map((d) => [d.seq, d.scheduledOn, d.amountKrw, d.status])).toEqual([
      [1, '2024-04-01', 40_000_000, 'scheduled'],
      [2, '2025-03-01', 60_000_000, 'scheduled'],
    ]);
    const again = await call('POST', `/api/v1/projects/${p1.projectId}/agreement`, admin, {
      approvedBudget: budget,
      schedule: [{ scheduledOn: '2024-04-01', amountKrw: 100_000_000 }],
    });
    expect(again.status).toBe(409);
  });

  it('moves no money before signing, and only the applicant signs', async () => {
    const inst = agreement1.schedule[0]!;
    const early = await step('disbursements', inst.id, admin, { action: 'request' });
    expect(early.status).toBe(409);
    expect(String(early.body.detail)).toMatch(/agreement is draft, not signed/);
    expect(
      (await step('agreements', agreement1.id, admin, { action: 'offer', onDate: '2024-03-05' }))
        .status,
    ).toBe(200);
    const byOfficer = await step('agreements', agreement1.id, admin, { action: 'sign' });
    expect(byOfficer.status).toBe(409);
    expect(byOfficer.body.state).toBe('offered');
    expect(byOfficer.body.allowed).toContainEqual({
      action: 'sign',
      to: 'signed',
      roles: ['member', 'coordinator'],
      reasonRequired: false,
    });
    // A member of another organisation does not even see the project.
    expect((await step('agreements', agreement1.id, member2, { action: 'sign' })).status).toBe(404);
    const signed = await step('agreements', agreement1.id, member1, {
      action: 'sign',
      onDate: '2024-03-10',
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body).toMatchObject({
      status: 'signed',
      offeredOn: '2024-03-05',
      signedOn: '2024-03-10',
    });
  });

  it('creates the reports of the instrument schedule on signing (annual, then final)', async () => {
    const detail = await call<ProjectDetail>('GET', `/api/v1/projects/${p1.projectId}`, admin);
    expect(detail.body.reportingSchedule).toBe(
      'annual: a report every 12 months, then a final report',
    );
    expect(
      detail.body.reports.map((r) => [r.kind, r.periodStart, r.periodEnd, r.dueOn, r.status]),
    ).toEqual([
      ['annual', '2024-03-01', '2025-03-01', '2025-03-01', 'due'],
      ['final', '2025-03-02', '2026-02-28', '2026-02-28', 'due'],
    ]);
  });
});

describe('disbursement workflow', () => {
  it('answers 409 with the allowed steps, requires reasons to hold, records paid_on and the amount', async () => {
    const inst = agreement1.schedule[0]!;
    const skip = await step('disbursements', inst.id, admin, { action: 'pay' });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ title: 'Transition not allowed', state: 'scheduled' });
    expect((skip.body.allowed as { action: string }[]).map((a) => a.action)).toEqual([
      'request',
      'cancel',
    ]);
    expect(
      (await step('disbursements', inst.id, member1, { action: 'request', onDate: '2024-07-01' }))
        .status,
    ).toBe(200);
    expect((await step('disbursements', inst.id, member1, { action: 'approve' })).status).toBe(409);
    expect((await step('disbursements', inst.id, admin, { action: 'approve' })).status).toBe(200);
    const noReason = await step('disbursements', inst.id, admin, { action: 'hold', reason: '  ' });
    expect(noReason.status).toBe(409);
    expect(String(noReason.body.detail)).toBe(
      "disbursement: 'hold' from 'approved' requires a reason",
    );
    const held = await step('disbursements', inst.id, admin, {
      action: 'hold',
      reason: 'Bank details missing',
    });
    expect(held.body).toMatchObject({ status: 'held', note: 'Bank details missing' });
    expect((await step('disbursements', inst.id, admin, { action: 'release' })).status).toBe(200);
    const paid = await step('disbursements', inst.id, admin, {
      action: 'pay',
      onDate: '2024-07-29',
    });
    expect(paid.status).toBe(200);
    const row = paid.body as unknown as DisbursementRow;
    // Scheduled 2024-04-01, paid 2024-07-29: 29 + 31 + 30 + 29 = 119 days late.
    expect(row).toMatchObject({
      status: 'paid',
      paidOn: '2024-07-29',
      paidAmountKrw: 40_000_000,
      daysLate: 119,
    });
    const events = await db
      .selectFrom('workflowEvent')
      .select(['action', 'fromState', 'toState', 'reason'])
      .where('entity', '=', 'disbursement')
      .where('entityId', '=', inst.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['request', 'approve', 'hold', 'release', 'pay']);
    expect(events[2]!.reason).toBe('Bank details missing');
  });

  it('counts agreement amendments and keeps instalments in payment when the schedule changes', async () => {
    const created = await call<AgreementRow>(
      'POST',
      `/api/v1/projects/${p2.projectId}/agreement`,
      admin,
      {
        approvedBudget: [{ category: 'materials', funder: 'public', amountKrw: 50_000_000 }],
        schedule: [
          { scheduledOn: '2024-04-15', amountKrw: 20_000_000 },
          { scheduledOn: '2024-10-01', amountKrw: 30_000_000 },
        ],
      },
    );
    expect(created.status).toBe(201);
    agreement2 = created.body;
    await step('agreements', agreement2.id, admin, { action: 'offer', onDate: '2024-04-02' });
    expect(
      (await step('agreements', agreement2.id, member2, { action: 'sign', onDate: '2024-04-05' }))
        .status,
    ).toBe(200);
    const first = agreement2.schedule[0]!;
    await step('disbursements', first.id, admin, { action: 'request', onDate: '2024-04-20' });
    await step('disbursements', first.id, admin, { action: 'approve' });
    await step('disbursements', first.id, admin, { action: 'pay', onDate: '2024-05-01' });
    const locked = await call('PATCH', `/api/v1/agreements/${agreement2.id}`, admin, {
      schedule: [{ scheduledOn: '2024-09-20', amountKrw: 30_000_000 }],
    });
    expect(locked.status).toBe(409);
    expect(
      (await step('agreements', agreement2.id, member2, { action: 'propose_amendment' })).status,
    ).toBe(409);
    const proposed = await step('agreements', agreement2.id, member2, {
      action: 'propose_amendment',
      reason: 'Casting trials earlier',
    });
    expect(proposed.body).toMatchObject({ status: 'amendment_proposed', amendmentCount: 1 });
    const short = await call<{ errors: { message: string }[] }>(
      'PATCH',
      `/api/v1/agreements/${agreement2.id}`,
      admin,
      {
        schedule: [{ scheduledOn: '2024-09-20', amountKrw: 25_000_000 }],
      },
    );
    expect(short.status).toBe(400);
    expect(short.body.errors[0]!.message).toBe(
      'instalments (with KRW 20,000,000 already in payment) add up to KRW 45,000,000 but the approved grant is KRW 50,000,000 (short by KRW 5,000,000)',
    );
    const changed = await call<AgreementRow>(
      'PATCH',
      `/api/v1/agreements/${agreement2.id}`,
      admin,
      {
        schedule: [{ scheduledOn: '2024-09-20', amountKrw: 30_000_000 }],
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.schedule.map((d) => [d.seq, d.scheduledOn, d.status])).toEqual([
      [1, '2024-04-15', 'paid'],
      [2, '2024-09-20', 'scheduled'],
    ]);
    const accepted = await step('agreements', agreement2.id, admin, { action: 'accept_amendment' });
    expect(accepted.body).toMatchObject({ status: 'signed', amendmentCount: 1 });
    const second = changed.body.schedule[1]!;
    await step('disbursements', second.id, admin, { action: 'request', onDate: '2024-09-01' });
    await step('disbursements', second.id, admin, { action: 'approve' });
    const paid = await step('disbursements', second.id, admin, {
      action: 'pay',
      onDate: '2024-09-20',
    });
    expect(paid.body).toMatchObject({ paidOn: '2024-09-20', daysLate: null });
  });
});

describe('reports', () => {
  let outcome: OutcomeRow;

  it('records outcomes with the chain back to the proposal, the demand and the meeting', async () => {
    const res = await call<OutcomeRow>(
      'POST',
      `/api/v1/projects/${p1.projectId}/outcomes`,
      member1,
      {
        kind: 'patent_application',
        title: 'Duty-cycled sensor wake-up',
        quantity: 1,
        occurredOn: '2024-09-01',
      },
    );
    expect(res.status).toBe(201);
    outcome = res.body;
    expect(outcome.chain).toMatchObject({
      activity: { id: p1.activityId, title: 'Gumi electronics forum', heldOn: '2024-01-10' },
      demand: { id: p1.demandId, title: 'Sensors drain batteries', raisedOn: '2024-01-10' },
      proposal: { id: p1.proposalId, title: 'Low-power sensor module' },
      decision: { decision: 'select', reason: 'Ranked within the call budget' },
    });
    expect(
      (await call('POST', `/api/v1/projects/${p1.projectId}/outcomes`, member2, res.body)).status,
    ).toBe(404);
  });

  it('pre-fills a report from the activities, outcomes and payments of its period', async () => {
    const detail = await call<ProjectDetail>('GET', `/api/v1/projects/${p1.projectId}`, admin);
    const report = detail.body.reports[0]!;
    const res = await call<ReportDetail>('GET', `/api/v1/reports/${report.id}`, member1);
    expect(res.status).toBe(200);
    expect(res.body.prefill).toEqual({
      period: { start: '2024-03-01', end: '2025-03-01' },
      activities: [
        {
          id: expect.any(Number),
          title: 'Sensor power workshop',
          kind: 'workshop',
          heldOn: '2024-05-02',
        },
      ],
      outcomes: [
        {
          id: outcome.id,
          kind: 'patent_application',
          title: 'Duty-cycled sensor wake-up',
          quantity: 1,
          valueKrw: null,
          occurredOn: '2024-09-01',
        },
      ],
      disbursements: [{ seq: 1, paidOn: '2024-07-29', amountKrw: 40_000_000 }],
      budget: {
        approvedGrantKrw: 100_000_000,
        paidInPeriodKrw: 40_000_000,
        paidToDateKrw: 40_000_000,
        spentShare: 0.4,
      },
      narrative: '',
    });
  });

  it('counts amendment rounds, adds up paperwork hours and requires reasons', async () => {
    const detail = await call<ProjectDetail>('GET', `/api/v1/projects/${p1.projectId}`, admin);
    const id = detail.body.reports[0]!.id;
    const submitted = await step('reports', id, member1, {
      action: 'submit',
      paperworkHours: 6,
      onDate: '2025-02-20',
    });
    expect(submitted.status).toBe(200);
    const row = submitted.body as unknown as ReportRow;
    expect(row).toMatchObject({
      status: 'submitted',
      submittedOn: '2025-02-20',
      paperworkHours: 6,
    });
    // Nothing sent: the stored content is the pre-fill.
    expect((row.content.activities as unknown[]).length).toBe(1);
    expect((row.content.budget as { paidToDateKrw: number }).paidToDateKrw).toBe(40_000_000);
    const bare = await step('reports', id, admin, { action: 'request_amendment' });
    expect(bare.status).toBe(409);
    expect(bare.body.state).toBe('submitted');
    expect(
      (await step('reports', id, admin, { action: 'request_amendment', reason: 'Add test data' }))
        .body,
    ).toMatchObject({
      status: 'amendment_requested',
      amendmentRounds: 1,
    });
    await step('reports', id, member1, {
      action: 'resubmit',
      paperworkHours: 2,
      content: { ...row.content, narrative: 'Test data added' },
    });
    await step('reports', id, admin, { action: 'request_amendment', reason: 'Sign the annex' });
    await step('reports', id, member1, { action: 'resubmit' });
    expect((await step('reports', id, member1, { action: 'accept' })).status).toBe(409);
    const accepted = await step('reports', id, admin, { action: 'accept', onDate: '2025-03-20' });
    expect(accepted.body).toMatchObject({
      status: 'accepted',
      amendmentRounds: 2,
      paperworkHours: 8,
      acceptedOn: '2025-03-20',
      content: expect.objectContaining({ narrative: 'Test data added' }),
    });
    const after = await step('reports', id, admin, { action: 'waive', reason: 'late' });
    expect(after.status).toBe(409);
    expect(after.body.allowed).toEqual([]);
  });
});

describe('gates', () => {
  it('continues or terminates only from an interim review, with reasons', async () => {
    const early = await step('projects', p1.projectId, admin, {
      action: 'continue',
      reason: 'fine',
    });
    expect(early.status).toBe(409);
    expect((early.body.allowed as { action: string }[]).map((a) => a.action)).toEqual([
      'start_interim_review',
      'complete',
    ]);
    const evaluation = await call('POST', `/api/v1/projects/${p1.projectId}/evaluations`, admin, {
      kind: 'interim',
      evaluatedOn: '2025-03-25',
      score: 82,
      recommendation: 'continue',
      findings: 'On track',
    });
    expect(evaluation.status).toBe(201);
    await step('projects', p1.projectId, admin, {
      action: 'start_interim_review',
      onDate: '2025-03-26',
    });
    const bare = await step('projects', p1.projectId, admin, { action: 'continue' });
    expect(bare.status).toBe(409);
    expect(String(bare.body.detail)).toBe(
      "project: 'continue' from 'interim_review' requires a reason",
    );
    expect(
      (await step('projects', p1.projectId, member1, { action: 'continue', reason: 'x' })).status,
    ).toBe(409);
    const continued = await step('projects', p1.projectId, admin, {
      action: 'continue',
      reason: 'Interim score 82; prototype on time',
      onDate: '2025-03-28',
    });
    expect(continued.status).toBe(200);
    const detail = continued.body as unknown as ProjectDetail;
    expect(detail.status).toBe('continued');
    expect(
      (await step('projects', p1.projectId, admin, { action: 'terminate', reason: 'x' })).status,
    ).toBe(409);
    // The timeline runs from the meeting to the gate, in date order.
    expect(detail.timeline.slice(0, 6).map((e) => [e.stage, e.on])).toEqual([
      ['demand', '2024-01-10'],
      ['demand', '2024-01-10'],
      ['proposal', '2024-01-20'],
      ['decision', '2024-02-15'],
      ['agreement', '2024-03-05'],
      ['agreement', '2024-03-10'],
    ]);
    const dates = detail.timeline.map((e) => e.on);
    expect([...dates].sort()).toEqual(dates);
    const stages = detail.timeline.map((e) => e.stage);
    for (const stage of ['disbursement', 'report', 'outcome', 'evaluation', 'gate'])
      expect(stages).toContain(stage);
    expect(
      detail.timeline.find((e) => e.stage === 'gate' && e.action === 'continue'),
    ).toMatchObject({
      stage: 'gate',
      on: '2025-03-28',
      reason: 'Interim score 82; prototype on time',
    });
  });
});

describe('burden and aging', () => {
  it('computes days to first money, reports, rounds, hours and late payments against hand-computed figures', async () => {
    const res = await call<BurdenResponse>(
      'GET',
      `/api/v1/projects/burden?programmeId=${p1.programmeId}&asOf=2025-06-30`,
      admin,
    );
    expect(res.status).toBe(200);
    const b = res.body;
    // p1 started 2024-03-01, first paid 2024-07-29: 150 days; p2 2024-04-01 -> 2024-05-01: 30;
    // p3 has nothing paid.
    expect(
      b.projects.map((p) => [
        p.projectId,
        p.daysToFirstMoney,
        p.reports,
        p.amendmentRounds,
        p.paperworkHours,
        p.lateInstalments,
        p.maxDaysLate,
      ]),
    ).toEqual([
      [p1.projectId, 150, 1, 2, 8, 2, 121],
      [p2.projectId, 30, 2, 0, null, 1, 16],
      [p3.projectId, null, 0, 0, null, 0, 0],
    ]);
    expect(b.daysToFirstMoney.overall).toEqual({
      group: 'all',
      projects: 3,
      withPayment: 2,
      meanDays: 90,
      medianDays: 90,
      maxDays: 150,
    });
    expect(b.daysToFirstMoney.byInstrument.map((g) => [g.group, g.projects, g.medianDays])).toEqual(
      [
        ['Joint R&D', 2, 150],
        ['Quick fix', 1, 30],
      ],
    );
    expect(b.daysToFirstMoney.byComplex.map((g) => [g.group, g.withPayment, g.meanDays])).toEqual([
      ['Gumi', 1, 150],
      ['Ulsan', 1, 30],
    ]);
    expect(b.daysToFirstMoney.histogram).toEqual([
      { fromDays: 30, toDays: 59, projects: 1 },
      { fromDays: 60, toDays: 89, projects: 0 },
      { fromDays: 90, toDays: 119, projects: 0 },
      { fromDays: 120, toDays: 149, projects: 0 },
      { fromDays: 150, toDays: 179, projects: 1 },
    ]);
    const m = Object.fromEntries(b.metrics.map((x) => [x.key, [x.value, x.unit]]));
    expect(m).toEqual({
      projects: [3, 'projects'],
      medianDaysToFirstMoney: [90, 'days'],
      meanDaysToFirstMoney: [90, 'days'],
      projectsAwaitingMoney: [1, 'projects'],
      reportsPerProject: [1, 'reports per project'],
      amendmentRounds: [2, 'rounds'],
      amendmentRoundsPerProject: [0.67, 'rounds per project'],
      agreementAmendments: [1, 'amendments'],
      paperworkHoursPerReport: [8, 'hours per report'],
      lateInstalments: [3, 'instalments'],
      lateInstalmentShare: [75, '%'],
      outstandingLateKrw: [60_000_000, 'KRW'],
    });
    expect(b.metrics.every((x) => x.definition.length > 20)).toBe(true);
    expect(
      b.byComplex.map((g) => [
        g.group,
        g.projects,
        g.reports,
        g.amendmentRounds,
        g.meanAmendmentRoundsPerProject,
      ]),
    ).toEqual([
      ['Gumi', 2, 1, 2, 1],
      ['Ulsan', 1, 2, 0, 0],
    ]);
    const ulsan = await call<BurdenResponse>(
      'GET',
      `/api/v1/projects/burden?complexId=${ids.ulsan}&asOf=2025-06-30&year=2024`,
      admin,
    );
    expect(ulsan.body.projects.map((p) => p.projectId)).toEqual([p2.projectId]);
    const none = await call<BurdenResponse>(
      'GET',
      `/api/v1/projects/burden?year=2023&asOf=2025-06-30`,
      admin,
    );
    expect(none.body.projects).toEqual([]);
    // A member sees only its own organisation's projects.
    const own = await call<BurdenResponse>(
      'GET',
      `/api/v1/projects/burden?asOf=2025-06-30`,
      member2,
    );
    expect(own.body.projects.map((p) => p.projectId)).toEqual([p2.projectId]);
  });

  it('ages late payments in 30-day bands by project, instrument and complex', async () => {
    const res = await call<PaymentAgingDto>('GET', '/api/v1/payments/aging?asOf=2025-06-30', admin);
    expect(res.status).toBe(200);
    const a = res.body;
    const bands = (g: PaymentAgingDto['total'], kind: 'outstanding' | 'paidLate') =>
      g[kind].map((x) => [x.label, x.instalments, x.amountKrw]);
    // p1 #2 due 2025-03-01 unpaid on 2025-06-30: 121 days; p1 #1 paid 119 days late; p2 #1 16.
    expect(bands(a.total, 'outstanding')).toEqual([
      ['0-30', 0, 0],
      ['31-60', 0, 0],
      ['61-90', 0, 0],
      ['>90', 1, 60_000_000],
    ]);
    expect(bands(a.total, 'paidLate')).toEqual([
      ['0-30', 1, 20_000_000],
      ['31-60', 0, 0],
      ['61-90', 0, 0],
      ['>90', 1, 40_000_000],
    ]);
    expect(a.byProject.map((g) => [g.label, g.lateInstalments, g.outstandingKrw])).toEqual([
      ['Low-power sensor module', 2, 60_000_000],
      ['Axle casting defects', 1, 0],
    ]);
    expect(a.byInstrument.map((g) => g.label)).toEqual(['Joint R&D', 'Quick fix']);
    expect(a.byComplex.map((g) => g.label)).toEqual(['Gumi', 'Ulsan']);
    expect(a.late.map((l) => [l.projectId, l.seq, l.daysLate, l.bucket])).toEqual([
      [p1.projectId, 2, 121, '>90'],
      [p1.projectId, 1, 119, '>90'],
      [p2.projectId, 1, 16, '0-30'],
    ]);
  });

  it('lists projects with days to first money within the caller scope', async () => {
    const all = await call<{
      items: { id: number; daysToFirstMoney: number | null; paidKrw: number }[];
      total: number;
    }>('GET', '/api/v1/projects?sort=id', admin);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((p) => [p.id, p.daysToFirstMoney, p.paidKrw])).toEqual([
      [p1.projectId, 150, 40_000_000],
      [p2.projectId, 30, 50_000_000],
      [p3.projectId, null, 0],
    ]);
    const mine = await call<{ total: number }>('GET', '/api/v1/projects', member1);
    expect(mine.body.total).toBe(2);
    expect((await call('GET', '/api/v1/projects?sort=nope', admin)).status).toBe(400);
  });
});
