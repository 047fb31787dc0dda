import type { Page } from 'playwright-core';

/** One instalment of a schedule as the editor takes it. */
export interface InstalmentSpec {
  date: string;
  amount: number;
}

/** One approved budget line as the editor takes it. */
export interface BudgetLineSpec {
  category: string;
  funder: 'public' | 'firm' | 'other';
  amount: number;
}

/** An outcome as the outcomes form takes it. */
export interface OutcomeSpec {
  kind: string;
  title: string;
  date: string;
  quantity?: number;
  valueKrw?: number;
}

/**
 * The project delivery pages: a project's page (`/projects/:id`: agreement and schedule editor,
 * payments, reports, outcomes, gates), the payments aging view and the burden dashboard.
 * Steps are taken with the workflow buttons the page shows (`<entity>-<id>-<action>`).
 */
export class DeliveryPage {
  constructor(readonly page: Page) {}

  async openProject(projectId: number): Promise<void> {
    await this.page.goto(`/projects/${projectId}`);
    await this.page.getByTestId('project-title').waitFor();
  }

  async openProjects(): Promise<void> {
    await this.page.goto('/projects');
    await this.page.getByTestId('subnav-projects').waitFor();
  }

  /** The agreement's workflow state, or null before there is one. */
  async agreementStatus(): Promise<string | null> {
    const badge = this.page.getByTestId('agreement-status');
    if ((await badge.count()) === 0) return null;
    return badge.getAttribute('data-state');
  }

  private async agreementId(): Promise<number> {
    const steps = this.page.locator('[data-testid^="agreement-"][data-testid$="-steps"]').first();
    await steps.waitFor();
    const id = /^agreement-(\d+)-steps$/.exec((await steps.getAttribute('data-testid')) ?? '')?.[1];
    if (!id) throw new Error('no agreement on the page');
    return Number(id);
  }

  /**
   * Fills the agreement editor (budget lines, when given, else the one line it proposes; and the
   * schedule) and saves it; resolves when the agreement exists as a draft. With `offer`, offers it.
   */
  async createAgreement(
    projectId: number,
    options: {
      schedule: InstalmentSpec[];
      budget?: BudgetLineSpec[];
      offer?: boolean;
      /** The day of the offer, when not today. */
      offerDate?: string;
    },
  ): Promise<void> {
    await this.openProject(projectId);
    const editor = this.page.getByTestId('agreement-editor');
    await editor.waitFor();
    if (options.budget) {
      for (let k = 0; k < options.budget.length; k++) {
        if (k > 0) await this.page.getByTestId('budget-add').click();
        const line = options.budget[k]!;
        await this.page.getByTestId(`budget-category-${k}`).selectOption(line.category);
        await this.page.getByTestId(`budget-funder-${k}`).selectOption(line.funder);
        await this.page.getByTestId(`budget-amount-${k}`).fill(String(line.amount));
      }
    }
    for (let k = 0; k < options.schedule.length; k++) {
      if (k > 0) await this.page.getByTestId('instalment-add').click();
      const inst = options.schedule[k]!;
      await this.page.getByTestId(`instalment-date-${k}`).fill(inst.date);
      await this.page.getByTestId(`instalment-amount-${k}`).fill(String(inst.amount));
    }
    await this.page.getByTestId('agreement-save').click();
    await this.page.locator('[data-testid="agreement-status"][data-state="draft"]').waitFor();
    if (options.offer)
      await this.agreementStep('offer', options.offerDate ? { date: options.offerDate } : {});
  }

  /** Takes an agreement step (offer, sign, propose_amendment, …) and waits for the new state. */
  async agreementStep(
    action: string,
    options: { date?: string; reason?: string } = {},
  ): Promise<void> {
    const id = await this.agreementId();
    const before = await this.agreementStatus();
    await this.takeStep(`agreement-${id}`, action, options);
    await this.page.waitForFunction(
      (was) =>
        document.querySelector('[data-testid="agreement-status"]')?.getAttribute('data-state') !==
        was,
      before,
    );
  }

  /** The signing, as the lead organisation's member does it. */
  async signAgreement(projectId: number, date?: string): Promise<void> {
    await this.openProject(projectId);
    await this.agreementStep('sign', date ? { date } : {});
  }

  private async takeStep(
    prefix: string,
    action: string,
    options: { date?: string; reason?: string; amount?: number; hours?: number },
  ): Promise<void> {
    if (options.date) await this.page.getByTestId(`${prefix}-date`).fill(options.date);
    if (options.reason) await this.page.getByTestId(`${prefix}-reason`).fill(options.reason);
    if (options.amount !== undefined)
      await this.page.getByTestId(`${prefix}-amount`).fill(String(options.amount));
    if (options.hours !== undefined)
      await this.page.getByTestId(`${prefix}-hours`).fill(String(options.hours));
    await this.page.getByTestId(`${prefix}-${action}`).click();
  }

  private instalment(seq: number) {
    return this.page.getByTestId(`instalment-${seq}`);
  }

  /** The state of instalment `seq` of the schedule. */
  async instalmentStatus(seq: number): Promise<string | null> {
    return this.instalment(seq).getAttribute('data-status');
  }

  /**
   * Records the payment of instalment `seq`: requests and approves it when needed, then pays it
   * on `paidOn` (the amount defaults to the instalment). Resolves when the row shows it paid.
   */
  async recordDisbursement(
    seq: number,
    options: { paidOn: string; amount?: number; requestedOn?: string },
  ): Promise<void> {
    const row = this.instalment(seq);
    await row.waitFor();
    const id = Number(await row.getAttribute('data-id'));
    const prefix = `disbursement-${id}`;
    const waitFor = (status: string) =>
      this.page.locator(`[data-testid="instalment-${seq}"][data-status="${status}"]`).waitFor();
    if ((await this.instalmentStatus(seq)) === 'scheduled') {
      await this.takeStep(
        prefix,
        'request',
        options.requestedOn ? { date: options.requestedOn } : {},
      );
      await waitFor('requested');
    }
    if ((await this.instalmentStatus(seq)) === 'requested') {
      await this.takeStep(prefix, 'approve', {});
      await waitFor('approved');
    }
    if ((await this.instalmentStatus(seq)) === 'held') {
      await this.takeStep(prefix, 'release', {});
      await waitFor('approved');
    }
    await this.takeStep(prefix, 'pay', {
      date: options.paidOn,
      ...(options.amount !== undefined ? { amount: options.amount } : {}),
    });
    await waitFor('paid');
  }

  private async openReport(index: number): Promise<number> {
    const row = this.page.getByTestId(`report-row-${index}`);
    await row.waitFor();
    const id = Number(await row.getAttribute('data-id'));
    if ((await this.page.getByTestId(`report-panel-${id}`).count()) === 0)
      await this.page.getByTestId(`report-open-${index}`).click();
    await this.page.getByTestId('report-prefill').waitFor();
    return id;
  }

  /** The state of the `index`-th report (0 = first due). */
  async reportStatus(index: number): Promise<string | null> {
    return this.page.getByTestId(`report-row-${index}`).getAttribute('data-status');
  }

  private async reportStep(
    index: number,
    action: string,
    options: { date?: string; reason?: string; hours?: number },
    expect: string,
  ): Promise<void> {
    const id = await this.openReport(index);
    await this.takeStep(`report-${id}`, action, options);
    await this.page
      .locator(`[data-testid="report-row-${index}"][data-status="${expect}"]`)
      .waitFor();
  }

  /**
   * Submits (or resubmits) the `index`-th report: the pre-filled content plus the narrative,
   * with the hours spent when given.
   */
  async submitReport(
    index: number,
    options: { narrative: string; hours?: number; date?: string } = { narrative: '' },
  ): Promise<void> {
    await this.openReport(index);
    await this.page.getByTestId('report-narrative').fill(options.narrative);
    const action =
      (await this.reportStatus(index)) === 'amendment_requested' ? 'resubmit' : 'submit';
    await this.reportStep(
      index,
      action,
      {
        ...(options.date ? { date: options.date } : {}),
        ...(options.hours !== undefined ? { hours: options.hours } : {}),
      },
      'submitted',
    );
  }

  /** Sends the `index`-th report back for amendment with a reason (one amendment round). */
  async requestAmendment(index: number, reason: string): Promise<void> {
    await this.reportStep(index, 'request_amendment', { reason }, 'amendment_requested');
  }

  /** Accepts the `index`-th report. */
  async acceptReport(index: number, date?: string): Promise<void> {
    await this.reportStep(index, 'accept', date ? { date } : {}, 'accepted');
  }

  /** Records an outcome and waits for it in the outcomes table. */
  async addOutcome(outcome: OutcomeSpec): Promise<void> {
    const before = await this.page.locator('[data-testid^="outcome-chain-"]').count();
    await this.page.getByTestId('outcome-kind').selectOption(outcome.kind);
    await this.page.getByTestId('outcome-title').fill(outcome.title);
    await this.page.getByTestId('outcome-date').fill(outcome.date);
    if (outcome.quantity !== undefined)
      await this.page.getByTestId('outcome-quantity').fill(String(outcome.quantity));
    if (outcome.valueKrw !== undefined)
      await this.page.getByTestId('outcome-value').fill(String(outcome.valueKrw));
    await this.page.getByTestId('outcome-add').click();
    await this.page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid^="outcome-chain-"]').length > n,
      before,
    );
  }

  /** A gate step of the project (start_interim_review, continue, terminate, …) with a reason. */
  async gateDecision(projectId: number, action: string, reason?: string): Promise<void> {
    const before = await this.page.getByTestId('project-status').getAttribute('data-state');
    await this.takeStep(`project-${projectId}`, action, reason ? { reason } : {});
    await this.page.waitForFunction(
      (was) =>
        document.querySelector('[data-testid="project-status"]')?.getAttribute('data-state') !==
        was,
      before,
    );
  }

  /** The project's workflow state (active, interim_review, continued, terminated, closed). */
  async projectStatus(): Promise<string | null> {
    return this.page.getByTestId('project-status').getAttribute('data-state');
  }

  /** The timeline's stages in order. */
  async timelineStages(): Promise<string[]> {
    return this.page
      .locator('[data-testid="project-timeline"] li[data-stage]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-stage') ?? ''));
  }

  /** Opens the burden dashboard with filters (e.g. `year=2024&asOf=2025-06-30`). */
  async openBurdenDashboard(query = ''): Promise<void> {
    await this.page.goto(`/projects/burden${query ? `?${query}` : ''}`);
    await this.page.getByTestId('burden').waitFor();
  }

  /**
   * Days to first money on the burden dashboard: of one project (its row), or the median over
   * all projects shown. Null when nothing has been paid.
   */
  async readDaysToFirstMoney(projectId?: number): Promise<number | null> {
    const cell =
      projectId === undefined
        ? this.page.getByTestId('burden-metric-medianDaysToFirstMoney')
        : this.page.getByTestId(`burden-days-${projectId}`);
    const value = await cell.getAttribute('data-value');
    return value === null || value === '' ? null : Number(value);
  }

  /** A burden figure by its key (e.g. amendmentRounds, lateInstalments); null when undefined. */
  async readMetric(key: string): Promise<number | null> {
    const value = await this.page.getByTestId(`burden-metric-${key}`).getAttribute('data-value');
    return value === null || value === '' ? null : Number(value);
  }

  /** Opens the payments aging view. */
  async openAging(query = ''): Promise<void> {
    await this.page.goto(`/projects/aging${query ? `?${query}` : ''}`);
    await this.page.getByTestId('aging-definition').waitFor();
  }
}
