import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { OverlapResponse } from '@innocluster/contracts';
import { AuthService, type RequestContext } from '@innocluster/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryPage } from './pages/delivery.page.ts';
import {
  OverlapChecksPage,
  ProjectCycleIntakePage,
  ProjectCycleReviewPage,
} from './pages/project-cycle.page.ts';
import { screenshotDir, startHarness, testPassword, type Harness } from './support/e2e-harness.ts';

/**
 * Issue 6, "done when": one demand walks through proposal, review, selection, agreement, two
 * disbursements, a report and an outcome, and is then seen on the burden dashboard. Each step
 * is taken on the page of the helper that built it, as the role that takes it (officer,
 * applicant member, evaluator); two steps are taken through the API here: creating the
 * call (setup) and filling in the proposal (its form is exercised by the intake spec).
 */
describe('project cycle: one demand from forum to burden dashboard', () => {
  let harness: Harness;
  let admin: Page;
  let member: Page;
  let evaluatorPage: Page;
  let bearer = '';
  const ids = { call: 0, instrument: 0, demand: 0, proposal: 0, project: 0, evaluatorUser: 0 };
  const evaluator = {
    email: 'e2e-evaluator@innocluster.local',
    name: 'Test Evaluator',
    password: testPassword,
  };
  // The project runs 2026; the first instalment is due at the start and paid 60 days late.
  const startOn = '2026-01-01';
  const endOn = '2026-12-31';
  const grantKrw = 60_000_000;

  /** A request to the running server as the administrator's API token (steps without a page). */
  async function api<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
    const res = await harness.server.app.inject({
      method,
      url,
      headers: { authorization: bearer, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  }

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    const db = harness.server.database.db;
    const auth = new AuthService(db);
    const principal = await auth.principalOf(harness.users.admin.id);
    const ctx: RequestContext = { via: 'system', principal: principal! };
    bearer = `Bearer ${(await auth.createToken(ctx, 'e2e project cycle', 1)).secret}`;
    // An evaluator with an account (the pool's own page is not part of this walk).
    const created = await auth.createUser(ctx, {
      email: evaluator.email,
      name: evaluator.name,
      password: evaluator.password,
      grants: [
        {
          role: 'evaluator',
          programmeId: null,
          complexId: null,
          miniClusterId: null,
          organisationId: null,
        },
      ],
    });
    ids.evaluatorUser = created.user.id;
    admin = await harness.newPage();
    member = await harness.newPage({ as: harness.users.member });
    evaluatorPage = await harness.newPage({ as: { ...evaluator, id: ids.evaluatorUser } });
    for (const p of [admin, member, evaluatorPage]) p.setDefaultTimeout(30_000);
  }, 300_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('sets up an open call and an evaluator (through the API: setup, not the walk)', async () => {
    const programme = await harness.server.database.db
      .selectFrom('programme')
      .select('id')
      .where('code', '=', 'ICCP')
      .executeTakeFirstOrThrow();
    const call = await api<{ id: number; instruments: { id: number }[] }>('POST', '/api/v1/calls', {
      programmeId: programme.id,
      code: 'E2E-2026',
      title: 'End-to-end call 2026',
      budgetKrw: 500_000_000,
      opensOn: '2025-11-01',
      closesOn: '2026-12-31',
      reviewsPerProposal: 1,
      rubric: [
        { code: 'merit', name: 'Technical merit', weight: 60, maxScore: 10 },
        { code: 'impact', name: 'Expected impact', weight: 40, maxScore: 10 },
      ],
      instruments: [
        {
          code: 'joint_rd',
          name: 'Field-customised joint R&D',
          rules: {
            maxGrantKrw: 200_000_000,
            minTotalKrw: 10_000_000,
            publicShareLimits: { sme: 0.75, mid_sized: 0.6, large: 0.33 },
            minFirmShare: 0.2,
            costCategoryCaps: {},
            eligibleLeadKinds: [
              'company',
              'university',
              'research_institute',
              'support_institution',
            ],
            eligiblePartnerKinds: ['company', 'university', 'research_institute'],
            fastTrackBelowKrw: null,
            reportingSchedule: { kind: 'annual' },
          },
        },
      ],
    });
    ids.call = call.id;
    ids.instrument = call.instruments[0]!.id;
    await api('POST', `/api/v1/calls/${ids.call}/transitions`, { action: 'open' });
    const person = await api<{ id: number }>('POST', '/api/v1/people', {
      name: 'Test Evaluator (person)',
    });
    await api('POST', '/api/v1/evaluators', {
      personId: person.id,
      userId: ids.evaluatorUser,
      expertise: ['machinery'],
      maxLoad: 5,
    });
  });

  it('raises a demand on the demands page', async () => {
    const intake = new ProjectCycleIntakePage(admin);
    ids.demand = await intake.raiseDemand({
      title: 'E2E: spindle bearings overheat on the press line',
      area: 'rd',
    });
    expect(ids.demand).toBeGreaterThan(0);
  });

  it('answers it with a proposal (filled in through the API) submitted on its page by the applicant', async () => {
    const firm = Math.round(grantKrw / 3);
    const proposal = await api<{ id: number }>('POST', '/api/v1/proposals', {
      callId: ids.call,
      instrumentId: ids.instrument,
      demandId: ids.demand,
      leadOrganisationId: harness.users.member.organisationId,
      title: 'E2E: cooled spindle bearings for press lines',
      abstract: 'A cooled bearing housing tested on the member firm’s press line.',
      startOn,
      endOn,
      budget: [
        { category: 'materials', funder: 'public', amountKrw: grantKrw },
        { category: 'personnel', funder: 'firm', amountKrw: firm },
      ],
    });
    ids.proposal = proposal.id;
    const intake = new ProjectCycleIntakePage(member);
    await intake.submitProposal(ids.proposal);
    expect(await intake.proposalState(ids.proposal)).toBe('submitted');
  });

  it('passes screening on its page and is assigned on the review page', async () => {
    await new ProjectCycleIntakePage(admin).passScreening(ids.proposal);
    await new ProjectCycleReviewPage(admin).assign(ids.call);
    await admin
      .getByTestId('assignment-table')
      .locator('tr', { hasText: 'E2E: cooled spindle bearings' })
      .first()
      .waitFor();
  });

  it('is scored blind by the evaluator on the scoring page', async () => {
    await new ProjectCycleReviewPage(evaluatorPage).scoreAndSubmit(ids.proposal, {
      merit: 8,
      impact: 7,
    });
    await evaluatorPage.screenshot({
      path: join(screenshotDir, 'project-cycle-scoring.png'),
      fullPage: true,
    });
  });

  it('is selected by the committee with a reason, which makes it a project', async () => {
    const review = new ProjectCycleReviewPage(admin);
    await review.prepareCommittee(ids.call);
    await review.decide(ids.proposal, 'select', 'Strong technical plan answering a real demand.');
    await admin.screenshot({
      path: join(screenshotDir, 'project-cycle-committee.png'),
      fullPage: true,
    });
    const project = await harness.server.database.db
      .selectFrom('project')
      .select(['id', 'approvedGrantKrw'])
      .where('proposalId', '=', ids.proposal)
      .executeTakeFirstOrThrow();
    ids.project = project.id;
    expect(project.approvedGrantKrw).toBe(grantKrw);
  });

  it('gets an agreement offered, signed by the applicant, and two disbursements paid', async () => {
    const officer = new DeliveryPage(admin);
    await officer.createAgreement(ids.project, {
      schedule: [
        { date: startOn, amount: grantKrw / 2 },
        { date: '2026-07-01', amount: grantKrw / 2 },
      ],
      offer: true,
    });
    await new DeliveryPage(member).signAgreement(ids.project, '2025-12-20');
    await officer.openProject(ids.project);
    expect(await officer.agreementStatus()).toBe('signed');
    await officer.recordDisbursement(1, { paidOn: '2026-03-02', requestedOn: '2025-12-28' });
    await officer.recordDisbursement(2, { paidOn: '2026-07-10', requestedOn: '2026-06-25' });
    expect(await officer.instalmentStatus(1)).toBe('paid');
    expect(await officer.instalmentStatus(2)).toBe('paid');
  });

  it('has a report submitted by the applicant and accepted, and an outcome recorded', async () => {
    const applicant = new DeliveryPage(member);
    await applicant.openProject(ids.project);
    await applicant.submitReport(0, {
      narrative: 'Prototype housing tested; 12 °C cooler.',
      hours: 6,
    });
    const officer = new DeliveryPage(admin);
    await officer.openProject(ids.project);
    await officer.acceptReport(0);
    expect(await officer.reportStatus(0)).toBe('accepted');
    await officer.addOutcome({
      kind: 'prototype',
      title: 'Cooled spindle bearing housing',
      date: '2026-09-15',
      quantity: 1,
    });
    await admin.screenshot({
      path: join(screenshotDir, 'project-cycle-project.png'),
      fullPage: true,
    });
  });

  it('shows the project on the burden dashboard: 60 days from start to first money', async () => {
    const officer = new DeliveryPage(admin);
    await officer.openBurdenDashboard(`callId=${ids.call}`);
    // 2026-01-01 (official start) to 2026-03-02 (first payment) = 31 + 28 + 1 = 60 days.
    expect(await officer.readDaysToFirstMoney(ids.project)).toBe(60);
    await admin.screenshot({
      path: join(screenshotDir, 'project-cycle-burden.png'),
      fullPage: true,
    });
  });

  it('shows officers the overlap check of the demo’s call under review, linked from the calls', async () => {
    const overlaps = new OverlapChecksPage(admin);
    await overlaps.openIndex();
    await overlaps.openFromIndex('ICCP-2012');
    expect(await overlaps.shownThreshold()).toBe(0.5);
    expect(await overlaps.methodText()).toContain('TF-IDF');
    // Selection happens on the committee page, one link away.
    expect(await admin.getByTestId('overlap-committee').getAttribute('href')).toMatch(
      /\/review\/calls\/\d+\/committee$/,
    );
    const callId = Number(/\/calls\/(\d+)\/overlaps/.exec(admin.url())?.[1]);
    const res = await admin.request.get(`/api/v1/calls/${callId}/overlaps`);
    const body = (await res.json()) as OverlapResponse;
    const rows = await overlaps.rows();
    expect(rows.length).toBe(body.pairs.length);
    // The demo repeats earlier funded projects in 2012: near-duplicates from the same firms.
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.similarity).toBeGreaterThan(0.8);
    await admin.screenshot({ path: join(screenshotDir, 'overlaps-call.png'), fullPage: true });
    await overlaps.setThreshold(0.3);
    expect((await overlaps.rows()).length).toBeGreaterThanOrEqual(rows.length);

    // One proposal's check: the walked proposal resembles nothing the demo holds.
    await admin.goto(`/proposals/${ids.proposal}/overlaps`);
    await admin.getByTestId('overlap-none').waitFor();

    // In Korean.
    await admin.evaluate(() => window.localStorage.setItem('innocluster.language', 'ko'));
    await overlaps.openCall(callId);
    expect(await admin.getByTestId('call-overlaps-title').textContent()).toBe(
      '공모 중복 점검 ICCP-2012',
    );
    await admin.evaluate(() => window.localStorage.setItem('innocluster.language', 'en'));
  });
});
