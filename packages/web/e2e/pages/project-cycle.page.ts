import type { Page } from 'playwright-core';

/** One pair row of the overlap panel, as the page shows it. */
export interface OverlapRowView {
  proposalId: number;
  otherId: number;
  similarity: number;
}

/** The overlap pages: `/overlaps` (calls) and `/calls/:id/overlaps` (one call's check). */
export class OverlapChecksPage {
  constructor(readonly page: Page) {}

  async openIndex(): Promise<void> {
    await this.page.goto('/overlaps');
    await this.page.getByTestId('overlap-call-row').first().waitFor();
  }

  /** Follows the index's link to a call's check. */
  async openFromIndex(callCode: string): Promise<void> {
    await this.page
      .locator(`[data-testid="overlap-call-row"][data-code="${callCode}"]`)
      .getByTestId('overlap-call-link')
      .click();
    await this.page.getByTestId('call-overlaps-page').waitFor();
    await this.summary.waitFor();
  }

  async openCall(callId: number): Promise<void> {
    await this.page.goto(`/calls/${callId}/overlaps`);
    await this.summary.waitFor();
  }

  get summary() {
    return this.page.getByTestId('overlap-summary');
  }

  /** The threshold the shown result was computed with. */
  async shownThreshold(): Promise<number> {
    return Number(await this.summary.getAttribute('data-threshold'));
  }

  /** Sets the threshold and waits for the result computed with it. */
  async setThreshold(value: number): Promise<void> {
    await this.page.getByTestId('overlap-threshold').fill(String(value));
    await this.page.locator(`[data-testid="overlap-summary"][data-threshold="${value}"]`).waitFor();
  }

  async rows(): Promise<OverlapRowView[]> {
    return this.page.locator('[data-testid="overlap-row"]').evaluateAll((els) =>
      els.map((e) => ({
        proposalId: Number(e.getAttribute('data-proposal')),
        otherId: Number(e.getAttribute('data-other')),
        similarity: Number(e.getAttribute('data-similarity')),
      })),
    );
  }

  async methodText(): Promise<string> {
    return (await this.page.getByTestId('overlap-method').textContent()) ?? '';
  }
}

/**
 * The intake steps of the project cycle as a user takes them: raising a demand on the demands
 * page (`/intake/demands`) and submitting a proposal on its page (`/intake/proposals/:id`).
 */
export class ProjectCycleIntakePage {
  constructor(readonly page: Page) {}

  /** Raises a demand through the form; returns its id (the page opens it in the URL). */
  async raiseDemand(demand: { title: string; area: string }): Promise<number> {
    await this.page.goto('/intake/demands');
    await this.page.getByTestId('demand-new').click();
    await this.page.getByTestId('demand-form').waitFor();
    await this.page.getByTestId('demand-area').selectOption(demand.area);
    await this.page.getByTestId('demand-title').fill(demand.title);
    await this.page.getByTestId('demand-save').click();
    await this.page.waitForURL(/[?&]demand=\d+/);
    await this.page.getByTestId('demand-detail').waitFor();
    return Number(new URL(this.page.url()).searchParams.get('demand'));
  }

  /** Submits a proposal from its page (as an applicant) and waits for the new state. */
  async submitProposal(proposalId: number): Promise<void> {
    await this.page.goto(`/intake/proposals/${proposalId}`);
    await this.page.getByTestId('proposal-submit').click();
    await this.page.locator('[data-testid="proposal-title"] .intake-state-submitted').waitFor();
  }

  /** Screens a submitted proposal on its page (officer) and waits for the state to change. */
  async passScreening(proposalId: number): Promise<void> {
    await this.page.goto(`/intake/proposals/${proposalId}`);
    const form = this.page.getByTestId('screening-form');
    await form.getByTestId('screening-outcome').selectOption('pass');
    await form.locator('button[type="submit"]').click();
    await this.page.locator('[data-testid="proposal-title"] .intake-state-in_review').waitFor();
  }

  /** The proposal's state as its page shows it. */
  async proposalState(proposalId: number): Promise<string> {
    await this.page.goto(`/intake/proposals/${proposalId}`);
    const badge = this.page.locator('[data-testid="proposal-title"] [data-testid="state-badge"]');
    await badge.waitFor();
    const cls = (await badge.getAttribute('class')) ?? '';
    return /intake-state-([a-z_]+)/.exec(cls)?.[1] ?? '';
  }
}

/**
 * The review steps: the officer's assignment page, the evaluator's scoring page and the
 * committee page (`/review/...`).
 */
export class ProjectCycleReviewPage {
  constructor(readonly page: Page) {}

  /** Runs the optimal assignment of a call and waits for the assignment table. */
  async assign(callId: number): Promise<void> {
    await this.page.goto(`/review/calls/${callId}/assignments`);
    await this.page.getByTestId('run-assignment').click();
    await this.page.getByTestId('assignment-table').waitFor();
  }

  /** Scores a proposal from the evaluator's queue and submits the review. */
  async scoreAndSubmit(proposalId: number, scores: Record<string, number>): Promise<void> {
    await this.page.goto('/review');
    await this.page.getByTestId(`queue-item-${proposalId}`).locator('a').first().click();
    await this.page.getByTestId('scoring-form').waitFor();
    for (const [code, value] of Object.entries(scores))
      await this.page.getByTestId(`score-${code}`).fill(String(value));
    await this.page.getByTestId('submit-review').click();
    await this.page.getByTestId('review-submitted').waitFor();
  }

  async openCommittee(callId: number): Promise<void> {
    await this.page.goto(`/review/calls/${callId}/committee`);
    await this.page.getByTestId('committee-page').waitFor();
  }

  /** Sends the call's reviewed proposals to the committee and opens a meeting if none is open. */
  async prepareCommittee(callId: number): Promise<void> {
    await this.openCommittee(callId);
    const send = this.page.getByTestId('send-to-committee');
    await send.click();
    await send.waitFor({ state: 'detached' });
    const create = this.page.getByTestId('create-meeting');
    if ((await create.count()) > 0) {
      await create.click();
      await create.waitFor({ state: 'detached' });
    }
  }

  /** Decides a proposal with a reason (select, revise or reject). */
  async decide(
    proposalId: number,
    decision: 'select' | 'revise' | 'reject',
    reason: string,
  ): Promise<void> {
    await this.page.getByTestId(`decide-${decision}-${proposalId}`).click();
    await this.page.getByTestId('decision-dialog').waitFor();
    await this.page.getByTestId('decision-reason').fill(reason);
    await this.page.getByTestId('decision-confirm').click();
    await this.page.getByTestId('decision-dialog').waitFor({ state: 'detached' });
    await this.page.getByTestId(`decide-${decision}-${proposalId}`).waitFor({ state: 'detached' });
  }
}
