import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServices, systemContext } from '@innocluster/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir, startHarness, type Harness } from './support/e2e-harness.ts';

/**
 * Project intake as a member firm sees it: record a demand raised at a meeting, answer it with a
 * proposal whose budget breaks the call's maximum grant (the exact message shows live beside the
 * budget), fix it, submit it, and find it on the call's pipeline board.
 */
describe('project intake: demand, proposal with live rule checks, pipeline board', () => {
  let harness: Harness;
  let page: Page;
  let callId = 0;
  let activityId = 0;

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    const db = harness.server.database.db;
    const programme = await db
      .selectFrom('programme')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    activityId = (
      await db.selectFrom('activity').select('id').orderBy('id').executeTakeFirstOrThrow()
    ).id;
    // The call is the officers' part: made through the service, with a maximum grant that the
    // member's first budget breaks whatever the firm's size (no share limits).
    const calls = createServices(db).calls;
    const call = await calls.create(systemContext, {
      programmeId: programme.id,
      code: 'E2E-INTAKE',
      title: 'Field problems 2026',
      description: null,
      budgetKrw: 500_000_000,
      opensOn: '2026-01-01',
      closesOn: '2026-12-31',
      decisionBy: null,
      reviewsPerProposal: 3,
      rubric: [{ code: 'impact', name: 'Impact', weight: 1, maxScore: 10 }],
      instruments: [
        {
          code: 'field_rd',
          name: 'Field R&D',
          budgetKrw: null,
          rules: {
            maxGrantKrw: 50_000_000,
            minTotalKrw: null,
            publicShareLimits: {},
            minFirmShare: null,
            costCategoryCaps: {},
            eligibleLeadKinds: [
              'company',
              'university',
              'research_institute',
              'support_institution',
              'local_government',
            ],
            eligiblePartnerKinds: ['company', 'university'],
            fastTrackBelowKrw: null,
            reportingSchedule: { kind: 'annual' },
          },
        },
      ],
      synthetic: false,
    });
    callId = (await calls.transition(systemContext, call.id, { action: 'open' })).id;
    page = await harness.newPage({ as: harness.users.member });
    page.setDefaultTimeout(60_000);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('records a demand from an activity, answers it with a proposal and submits it once it keeps the rules', async () => {
    await page.goto(`/intake/demands?activity=${activityId}`);
    const form = page.getByTestId('demand-form');
    await form.waitFor();
    await expect
      .poll(() => page.getByTestId('demand-activity').inputValue())
      .toBe(String(activityId));
    await page.getByTestId('demand-title').fill('Burrs on micro-drilled holes');
    await page.getByTestId('demand-area').selectOption('rd');
    await expect
      .poll(() => page.getByTestId('demand-organisation').inputValue())
      .toBe(String(harness.users.member.organisationId));
    await page.getByTestId('demand-save').click();
    const detail = page.getByTestId('demand-detail');
    await detail.getByText('Burrs on micro-drilled holes').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'intake-demand.png') });

    // The raising member edits it on the detail (the create form, filled, saves by PATCH).
    await detail.getByTestId('demand-edit').click();
    await expect
      .poll(() => page.getByTestId('demand-title').inputValue())
      .toBe('Burrs on micro-drilled holes');
    await page.getByTestId('demand-title').fill('Burrs on micro-drilled holes in steel');
    await page.screenshot({ path: join(screenshotDir, 'intake-demand-edit.png') });
    await page.getByTestId('demand-save').click();
    await detail.getByText('Burrs on micro-drilled holes in steel').waitFor();

    await detail.getByTestId('demand-answer').click();
    await page.waitForURL(/\/intake\/proposals\/new\?demandId=\d+/);
    await page.getByTestId('proposal-call').locator(`option[value="${callId}"]`).waitFor({
      state: 'attached',
    });
    await page.getByTestId('proposal-call').selectOption(String(callId));
    await expect
      .poll(() => page.getByTestId('proposal-title-input').inputValue())
      .toBe('Burrs on micro-drilled holes in steel');
    await page.getByTestId('budget-0-amount').fill('60,000,000');
    await page.getByTestId('budget-1-amount').fill('20,000,000');
    const violation = page.getByTestId('rule-violation');
    await violation
      .filter({ hasText: 'public grant KRW 60,000,000 exceeds the maximum of KRW 50,000,000' })
      .waitFor();
    await page.screenshot({ path: join(screenshotDir, 'intake-proposal-violation.png') });

    await page.getByTestId('proposal-save').click();
    await page.waitForURL(/\/intake\/proposals\/\d+$/);
    await page.getByTestId('state-badge').filter({ hasText: 'Draft' }).first().waitFor();
    await page.getByTestId('budget-0-amount').fill('40,000,000');
    await page.getByTestId('rule-ok').waitFor();
    await page.getByTestId('proposal-submit').click();
    await page.getByTestId('proposal-title').getByText('Submitted').waitFor();
    await page.getByTestId('proposal-versions').getByText('v1').waitFor();
    await page.screenshot({
      path: join(screenshotDir, 'intake-proposal-submitted.png'),
      fullPage: true,
    });

    await page.goto(`/intake/calls/${callId}/pipeline`);
    const column = page.getByTestId('pipeline-submitted');
    const card = column.getByTestId('pipeline-card').filter({
      hasText: 'Burrs on micro-drilled holes',
    });
    await card.waitFor();
    expect(await card.textContent()).toContain('KRW 40,000,000');
    await card.getByTestId('card-rules-ok').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'intake-pipeline.png'), fullPage: true });
    // The board in Korean: the state columns carry their Korean names.
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('pipeline-submitted').getByText('제출됨').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'intake-pipeline-ko.png') });
    await page.getByTestId('lang-switch').click();
  });

  it('lets an officer create a call with an instrument and rubric in the form and open it', async () => {
    const admin = await harness.newPage({ as: harness.users.admin });
    admin.setDefaultTimeout(60_000);
    await admin.goto('/intake/calls');
    await admin.getByTestId('call-new').click();
    const programme = admin.getByTestId('call-programme');
    await programme.locator('option').nth(1).waitFor({ state: 'attached' });
    await programme.selectOption({ index: 1 });
    await admin.getByTestId('call-code').fill('E2E-FORM');
    await admin.getByTestId('call-title').fill('Small fixes 2026');
    await admin.getByTestId('call-budgetKrw').fill('300,000,000');
    await admin.getByTestId('call-opensOn').fill('2026-04-01');
    await admin.getByTestId('call-closesOn').fill('2026-03-01');
    await admin.getByTestId('instrument-0-maxGrant').fill('10,000,000');
    await admin.getByTestId('instrument-0-sme').fill('75');
    await admin.getByTestId('call-save').click();
    // The server names the wrong field; the form keeps what was typed.
    await admin
      .getByTestId('call-form-error-item')
      .filter({ hasText: 'body.closesOn: must not be before opensOn (2026-04-01)' })
      .waitFor();
    await admin.getByTestId('call-closesOn').fill('2026-06-30');
    await admin.getByTestId('call-save').click();
    const detail = admin.getByTestId('call-detail');
    await detail.getByText('E2E-FORM · Small fixes 2026').waitFor();
    expect(await detail.textContent()).toContain('Maximum grant: KRW 10,000,000');
    expect(await detail.textContent()).toContain('sme 75.0%');
    await detail.getByTestId('step-open').click();
    await detail.getByTestId('state-badge').filter({ hasText: 'Open' }).waitFor();
    await admin.screenshot({ path: join(screenshotDir, 'intake-call.png'), fullPage: true });
  });
});
