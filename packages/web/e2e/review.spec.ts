import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CallRanking } from '@innocluster/contracts';
import { AuthService, type RequestContext } from '@innocluster/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  seedPerson,
  seedReviewCall,
  seedReviewRegistry,
} from '../../server/src/projects/review-fixture.ts';
import {
  screenshotDir,
  signIn,
  startHarness,
  testPassword,
  type Harness,
  type TestUser,
} from './support/e2e-harness.ts';

/**
 * The review end to end: an officer (the administrator) runs the optimal assignment of a
 * call, an evaluator signs in and scores blind, and the officer ranks the proposals in
 * committee and selects within the budget (the second selection would exceed it and is
 * refused). The call and its two proposals are inserted directly, independent of the demo.
 */
describe('review: assignment, blind scoring, committee selection within budget', () => {
  let harness: Harness;
  let officerPage: Page;
  let evaluator: TestUser;
  let callId: number;
  let gear: number;
  let sensor: number;

  beforeAll(async () => {
    harness = await startHarness();
    mkdirSync(screenshotDir, { recursive: true });
    const db = harness.server.database.db;
    const reg = await seedReviewRegistry(db, [
      { key: 'gearCo', name: 'E2E Gear Co', kind: 'company', industry: 'C29' },
      { key: 'sensorCo', name: 'E2E Sensor Co', kind: 'company', industry: 'C26' },
    ]);
    // Budget KRW 250 million: the gear proposal (100M) fits, the sensor one (200M) then does not.
    const seeded = await seedReviewCall(
      db,
      reg,
      {
        code: 'E2E-REVIEW',
        budgetKrw: 250_000_000,
        reviewsPerProposal: 1,
        rubric: [
          { code: 'merit', name: 'Technical merit', weight: 2, maxScore: 10 },
          { code: 'feasibility', name: 'Feasibility', weight: 1, maxScore: 5 },
        ],
      },
      [
        {
          title: 'Precision gear machining',
          lead: reg.org.gearCo!,
          publicKrw: 100_000_000,
          status: 'in_review',
        },
        {
          title: 'Sensor calibration line',
          lead: reg.org.sensorCo!,
          publicKrw: 200_000_000,
          status: 'in_review',
        },
      ],
    );
    callId = seeded.callId;
    [gear, sensor] = seeded.proposals as [number, number];
    const auth = new AuthService(db);
    const admin = await auth.findActiveUser(harness.users.admin.email);
    const ctx: RequestContext = { via: 'system', principal: (await auth.principalOf(admin!.id))! };
    const created = await auth.createUser(ctx, {
      email: 'e2e-evaluator@innocluster.local',
      name: 'Test Evaluator',
      password: testPassword,
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
    evaluator = {
      id: created.user.id,
      email: 'e2e-evaluator@innocluster.local',
      name: 'Test Evaluator',
      password: testPassword,
    };
    // Only this evaluator in the pool, so the plan is known: it must take both proposals.
    await db.updateTable('evaluator').set({ active: false }).execute();
    await db
      .insertInto('evaluator')
      .values({
        personId: await seedPerson(db, 'Test Evaluator'),
        userId: evaluator.id,
        expertise: ['gear', 'sensor'],
        minLoad: 0,
        maxLoad: 5,
      })
      .execute();
    officerPage = await harness.newPage();
  }, 240_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('the officer runs the auto-assignment and sees the load per evaluator', async () => {
    const page = officerPage;
    await page.goto('/review');
    await page.getByTestId(`assignments-link-${callId}`).click();
    await page.getByTestId('assignment-page').waitFor();
    await page.getByTestId('run-assignment').click();
    await page.getByTestId('assignment-result').waitFor();
    const rows = page.locator('[data-testid="assignment-table"] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(
      await page
        .locator('[data-testid="load-table"] tbody tr', { hasText: 'Test Evaluator' })
        .innerText(),
    ).toMatch(/Test Evaluator\s+2\s+0\s+5/);
    expect(
      await page.locator('[data-testid="assignment-matrix"] td[data-cell="assigned"]').count(),
    ).toBe(2);
    expect(
      await page.locator('[data-testid="assignment-matrix"] td[data-cell="both"]').count(),
    ).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'review-assignment.png'), fullPage: true });
  });

  it('the evaluator scores both proposals blind', async () => {
    const page = await harness.newPage({ as: null });
    await signIn(page, evaluator);
    await page.getByTestId('nav-review').click();
    await page.getByTestId('review-queue').waitFor();
    expect(await page.getByTestId('review-calls').count()).toBe(0);
    const scores: Record<number, [number, number]> = { [gear]: [9, 5], [sensor]: [6, 4] };
    for (const id of [gear, sensor]) {
      await page.goto('/review');
      await page.locator(`[data-testid="queue-item-${id}"] a`).click();
      await page.getByTestId('scoring-form').waitFor();
      const [merit, feasibility] = scores[id]!;
      await page.getByTestId('score-merit').fill(String(merit));
      await page.getByTestId('score-feasibility').fill(String(feasibility));
      await page.getByTestId('comment-applicant').fill('Well argued');
      // (2·9/10 + 5/5)/3 × 100 = 93.3; (2·6/10 + 4/5)/3 × 100 = 66.7
      await expect
        .poll(() => page.getByTestId('score-total').innerText())
        .toContain(id === gear ? '93.3' : '66.7');
      if (id === gear)
        await page.screenshot({ path: join(screenshotDir, 'review-scoring.png'), fullPage: true });
      await page.getByTestId('submit-review').click();
      await page.getByTestId('review-submitted').waitFor();
    }
  });

  it('the officer ranks in committee and selects within the budget', async () => {
    const page = officerPage;
    await page.goto(`/review/calls/${callId}/committee`);
    await page.getByTestId('committee-page').waitFor();
    await page.getByTestId('send-to-committee').click();
    await page.getByTestId(`decide-select-${gear}`).waitFor();
    const order = await page
      .locator('[data-testid="ranking-table"] tbody tr[data-testid^="ranking-row-"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(order).toEqual([`ranking-row-${gear}`, `ranking-row-${sensor}`]);
    // The budget line falls between them: 100M + 200M = 300M > 250M.
    const cells = await page
      .locator('[data-testid="ranking-table"] > tbody > tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(cells).toEqual([`ranking-row-${gear}`, 'budget-line', `ranking-row-${sensor}`]);
    expect(await page.getByTestId(`ranking-row-${gear}`).getAttribute('data-suggested')).toBe(
      'true',
    );
    // A field inspection recorded from the committee page shows on the proposal's row.
    await page.getByTestId(`inspect-${gear}`).click();
    await page.getByLabel('Inspectors').fill('Officer Han');
    await page.getByLabel('Findings').fill('Workshop ready');
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByTestId(`inspection-${gear}`).innerText()).toMatch(/proceed$/);
    // Officers see who reviewed, with raw and normalised totals (one review: 93.3 both).
    await page.locator(`[data-testid="reviews-${gear}"] summary`).click();
    expect(await page.getByTestId(`reviews-${gear}`).innerText()).toMatch(
      /Test Evaluator\s+93\.3\s+93\.3/,
    );
    await page.screenshot({ path: join(screenshotDir, 'review-committee.png'), fullPage: true });

    await page.getByTestId(`decide-select-${gear}`).click();
    await page.getByTestId('decision-reason').fill('First in the ranking and within the budget');
    await page.getByTestId('decision-confirm').click();
    await expect.poll(() => page.getByTestId(`status-${gear}`).innerText()).toContain('selected');
    await expect.poll(() => page.getByTestId('committed').innerText()).toContain('100,000,000');

    await page.getByTestId(`decide-select-${sensor}`).click();
    await page.getByTestId('decision-reason').fill('Also good');
    await page.getByTestId('decision-confirm').click();
    await page
      .locator('[data-testid="decision-dialog"] [role="alert"]', {
        hasText: 'exceed the call budget',
      })
      .waitFor();

    const ranking = (await (
      await page.request.get(`/api/v1/calls/${callId}/ranking`)
    ).json()) as CallRanking;
    expect(ranking.committedKrw).toBe(100_000_000);
    expect(ranking.committedKrw).toBeLessThanOrEqual(ranking.budgetKrw);
  });

  it('the officer records a business relation on the pool page; a self-relation is refused on its field', async () => {
    const page = officerPage;
    await page.goto('/review/pool');
    const form = page.getByTestId('business-relation-form');
    await form.waitFor();
    await page.getByTestId('relation-from-search').fill('E2E Gear');
    await page.getByTestId('relation-from').selectOption({ label: 'E2E Gear Co' });
    await page.getByTestId('relation-to-search').fill('E2E Gear');
    await page.getByTestId('relation-to').selectOption({ label: 'E2E Gear Co' });
    await page.getByTestId('relation-save').click();
    await expect
      .poll(() => page.getByTestId('relation-to-error').innerText())
      .toContain('cannot be related to itself');
    await page.getByTestId('relation-to-search').fill('E2E Sensor');
    await page.getByTestId('relation-to').selectOption({ label: 'E2E Sensor Co' });
    await page.getByTestId('relation-kind').selectOption('supplier');
    await page.getByTestId('relation-save').click();
    await expect
      .poll(() => page.getByTestId('business-relation-list').innerText())
      .toMatch(/E2E Gear Co\s+is a supplier of\s+E2E Sensor Co/);
    // A declaration for an evaluator names a proposal or an organisation; then it is listed.
    await page.getByTestId('declaration-evaluator').selectOption({ label: 'Test Evaluator' });
    await page.getByTestId('declaration-reason').fill('Former employee of the firm');
    await page.getByTestId('declaration-save').click();
    await expect
      .poll(() => page.getByTestId('declaration-proposal-error').innerText())
      .toContain('name a proposal or an organisation');
    await page.getByTestId('declaration-organisation-search').fill('E2E Sensor');
    await page.getByTestId('declaration-organisation').selectOption({ label: 'E2E Sensor Co' });
    await page.getByTestId('declaration-save').click();
    await expect
      .poll(() => page.getByTestId('declaration-list').innerText())
      .toMatch(/Test Evaluator\s+Declared\s+–\s+E2E Sensor Co\s+Former employee of the firm/);
    await page.screenshot({ path: join(screenshotDir, 'review-pool.png'), fullPage: true });
  });
});
