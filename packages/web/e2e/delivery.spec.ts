import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The server package exports no test fixtures; the delivery fixture is shared by path.
import { seedSelectedProject } from '../../server/src/projects/delivery.fixture.ts';
import { DeliveryPage } from './pages/delivery.page.ts';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

/**
 * Agreement -> two payments -> report -> outcome -> burden dashboard, from a selected project
 * of the member's organisation seeded as the review step leaves it. The officer (admin) drafts,
 * offers and pays; the member signs and submits; the figures are checked by hand:
 * start 2024-03-01, first payment 2024-07-29 = 150 days.
 */
describe('project delivery', () => {
  let harness: Harness;
  let officer: Page;
  let member: Page;
  let projectId: number;

  beforeAll(async () => {
    harness = await startHarness();
    const db = harness.server.database.db;
    const lead = await db
      .selectFrom('organisation')
      .select('complexId')
      .where('id', '=', harness.users.member.organisationId)
      .executeTakeFirstOrThrow();
    const seeded = await seedSelectedProject(db, {
      complexId: lead.complexId,
      leadOrganisationId: harness.users.member.organisationId,
      title: 'E2E low-power sensor module',
      startOn: '2024-03-01',
      endOn: '2026-02-28',
      approvedGrantKrw: 100_000_000,
      demand: {
        title: 'E2E: sensors drain batteries',
        raisedOn: '2024-01-10',
        activity: { title: 'E2E electronics forum', heldOn: '2024-01-10' },
      },
    });
    projectId = seeded.projectId;
    officer = await harness.newPage();
    member = await harness.newPage({ as: harness.users.member });
    mkdirSync(screenshotDir, { recursive: true });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('refuses a schedule that does not add up, then drafts and offers the agreement', async () => {
    const d = new DeliveryPage(officer);
    await d.openProject(projectId);
    await officer.getByTestId('instalment-amount-0').fill('90000000');
    const balance = officer.getByTestId('schedule-balance');
    expect(await balance.getAttribute('data-difference')).toBe('-10000000');
    await officer.getByTestId('agreement-save').click();
    await officer.getByTestId('agreement-error').waitFor();
    expect(await officer.getByTestId('agreement-error').textContent()).toContain(
      'short by KRW 10,000,000',
    );
    await d.createAgreement(projectId, {
      budget: [
        { category: 'personnel', funder: 'public', amount: 60_000_000 },
        { category: 'equipment', funder: 'public', amount: 40_000_000 },
      ],
      schedule: [
        { date: '2024-04-01', amount: 40_000_000 },
        { date: '2025-03-01', amount: 60_000_000 },
      ],
      offer: true,
      offerDate: '2024-03-05',
    });
    expect(await d.agreementStatus()).toBe('offered');
  });

  it('is signed by the member, then the officer records two payments', async () => {
    const m = new DeliveryPage(member);
    await m.signAgreement(projectId, '2024-03-10');
    expect(await m.agreementStatus()).toBe('signed');
    const d = new DeliveryPage(officer);
    await d.openProject(projectId);
    expect(await officer.locator('[data-testid^="report-row-"]').count()).toBe(2);
    await d.recordDisbursement(1, { paidOn: '2024-07-29', requestedOn: '2024-07-01' });
    await d.recordDisbursement(2, { paidOn: '2025-03-05' });
    expect(
      await officer.getByTestId('project-days-to-first-money').getAttribute('data-value'),
    ).toBe('150');
    expect(await officer.getByTestId('project-paid').getAttribute('data-value')).toBe('100000000');
  });

  it('takes an outcome and a pre-filled report through one amendment round to acceptance, then continues at the gate', async () => {
    const m = new DeliveryPage(member);
    await m.openProject(projectId);
    await m.addOutcome({
      kind: 'patent_application',
      title: 'Duty-cycled wake-up',
      date: '2024-09-01',
      quantity: 1,
    });
    expect(await member.locator('[data-testid^="outcome-chain-"]').first().textContent()).toBe(
      'E2E electronics forum → E2E: sensors drain batteries → E2E low-power sensor module',
    );
    await m.submitReport(0, { narrative: 'Prototype on bench', hours: 5 });
    // What the system already held for the period was in the report without typing it.
    expect(await member.getByTestId('report-paid-to-date').getAttribute('data-value')).toBe(
      '40000000',
    );
    expect(await member.getByTestId('report-outcomes').textContent()).toContain(
      'Duty-cycled wake-up',
    );
    const d = new DeliveryPage(officer);
    await d.openProject(projectId);
    await d.requestAmendment(0, 'Add the bench test data');
    await m.openProject(projectId);
    await m.submitReport(0, { narrative: 'Prototype on bench; test data attached', hours: 2 });
    await d.openProject(projectId);
    await d.acceptReport(0);
    expect(await officer.getByTestId('report-rounds').textContent()).toBe('1');
    const stages = await d.timelineStages();
    for (const stage of [
      'demand',
      'proposal',
      'decision',
      'agreement',
      'disbursement',
      'report',
      'outcome',
    ])
      expect(stages).toContain(stage);
    await d.gateDecision(projectId, 'start_interim_review');
    await d.gateDecision(projectId, 'continue', 'Interim review: prototype on time');
    expect(await d.projectStatus()).toBe('continued');
    expect(await officer.getByTestId('timeline-gate').last().textContent()).toContain(
      'Interim review: prototype on time',
    );
    await officer.screenshot({ path: join(screenshotDir, 'delivery-project.png'), fullPage: true });
  });

  it('shows the burden figures with units and definitions', async () => {
    const d = new DeliveryPage(officer);
    await d.openBurdenDashboard('year=2024&asOf=2025-06-30');
    expect(await d.readDaysToFirstMoney(projectId)).toBe(150);
    expect(await officer.getByTestId(`burden-rounds-${projectId}`).textContent()).toBe('1');
    expect(await d.readMetric('amendmentRounds')).toBeGreaterThanOrEqual(1);
    // Instalment 1 was paid 119 days late and instalment 2 four days late.
    expect(await d.readMetric('lateInstalments')).toBeGreaterThanOrEqual(2);
    await officer.getByTestId('burden-histogram').waitFor();
    expect(await officer.getByTestId('burden-definitions').textContent()).toContain(
      "Calendar days from the project's official start",
    );
    await officer.screenshot({ path: join(screenshotDir, 'delivery-burden.png'), fullPage: true });
    await d.openAging('asOf=2025-06-30');
    expect(await officer.locator('[data-testid^="aging-late-"]').count()).toBeGreaterThanOrEqual(2);
    await officer.screenshot({ path: join(screenshotDir, 'delivery-aging.png'), fullPage: true });
    await d.openProjects();
    await officer.getByTestId(`project-row-${projectId}`).waitFor();
    expect(await officer.getByTestId(`project-days-${projectId}`).textContent()).toBe('150 days');
    await officer.screenshot({ path: join(screenshotDir, 'delivery-projects.png') });
  });
});
