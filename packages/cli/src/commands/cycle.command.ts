import {
  agreementCreate,
  outcomeCreate,
  proposalDecisionCreate,
  screeningCreate,
  type DisbursementStepRequest,
  type ReportStepRequest,
} from '@innocluster/contracts';
import { AppError, createServices, type RequestContext, type Services } from '@innocluster/server';
import type { Command } from 'commander';
import type { z } from 'zod';
import { cliContext } from './cli-context.ts';
import { readJson } from './cli-input.ts';
import { withDatabase } from './database.command.ts';

/** Options every `<entity> step` command takes. */
export interface StepOptions {
  reason?: string;
  on?: string;
  paidOn?: string;
  amount?: string;
  hours?: string;
  as?: string;
  json?: boolean;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a positive whole-number id argument, naming the argument when it is not one. */
export function idArgument(text: string, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number (got ${text})`);
  return n;
}

function dayOption(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isoDay.test(value)) throw new Error(`--${name} must be a date YYYY-MM-DD (got ${value})`);
  return value;
}

/**
 * The request of one workflow step from the command line: `--on` (or, for payments,
 * `--paid-on`) back-dates the step, `--amount` is the sum actually paid in KRW, `--hours` the
 * paperwork time of a report in hours. Options that the entity does not take are refused.
 */
export function stepRequestOf(
  entity: 'intake' | 'delivery' | 'disbursement' | 'report',
  action: string,
  o: StepOptions,
): DisbursementStepRequest & ReportStepRequest {
  if (o.paidOn !== undefined && entity !== 'disbursement')
    throw new Error('--paid-on applies to disbursements only');
  if (o.amount !== undefined && entity !== 'disbursement')
    throw new Error('--amount applies to disbursements only');
  if (o.hours !== undefined && entity !== 'report')
    throw new Error('--hours applies to reports only');
  if (o.paidOn !== undefined && o.on !== undefined)
    throw new Error('give either --on or --paid-on, not both');
  const onDate = dayOption(o.on, 'on') ?? dayOption(o.paidOn, 'paid-on');
  const request: DisbursementStepRequest & ReportStepRequest = { action: action.trim() };
  if (request.action === '') throw new Error('the action must not be empty');
  if (o.reason !== undefined) request.reason = o.reason;
  if (onDate !== undefined) request.onDate = onDate;
  if (o.amount !== undefined) {
    const amount = Number(o.amount);
    if (!Number.isInteger(amount) || amount <= 0)
      throw new Error(`--amount must be a positive whole number of KRW (got ${o.amount})`);
    request.paidAmountKrw = amount;
  }
  if (o.hours !== undefined) {
    const hours = Number(o.hours);
    if (!Number.isFinite(hours) || hours < 0)
      throw new Error(`--hours must be a number of hours, 0 or more (got ${o.hours})`);
    request.paperworkHours = hours;
  }
  return request;
}

/** Allowed steps as a refused transition carries them (WorkflowTransitionError.allowed). */
interface AllowedStep {
  action: string;
  to: string;
  roles: readonly string[];
  reasonRequired: boolean;
}

/**
 * The text of a refused or invalid step: the 409 message, then the steps open from the
 * record's state (with the roles that may take them), or the field errors of a 400.
 */
export function errorText(error: AppError): string {
  const allowed = (error as AppError & { allowed?: readonly AllowedStep[] }).allowed;
  const lines = [`${error.title}: ${error.message}`];
  if (allowed) {
    if (allowed.length === 0) lines.push('No step is open from this state.');
    else lines.push('Allowed steps:');
    for (const a of allowed)
      lines.push(
        `  ${a.action} -> ${a.to} (${a.roles.join(', ')})${a.reasonRequired ? ', needs --reason' : ''}`,
      );
  } else {
    for (const e of error.errors) lines.push(`  ${e.field}: ${e.message}`);
  }
  return lines.join('\n');
}

/** Runs `work` with the services as the acting user; an API error becomes its text. */
async function withServices<T>(
  as: string | undefined,
  work: (s: Services, ctx: RequestContext) => Promise<T>,
): Promise<T> {
  return withDatabase(async ({ db }) => {
    const ctx = await cliContext(db, as);
    try {
      return await work(createServices(db), ctx);
    } catch (error) {
      if (error instanceof AppError) throw new Error(errorText(error), { cause: error });
      throw error;
    }
  });
}

/** Prints the changed record as JSON, or one line naming it and its new state. */
function report(label: string, row: { id: number; status?: string }, json?: boolean): void {
  if (json) console.log(JSON.stringify(row, null, 2));
  else console.log(`${label} ${row.id}: ${row.status ?? 'saved'}.`);
}

const asOption = ['--as <email>', 'the acting user (or INNOCLUSTER_AS)'] as const;

type Stepper = (
  s: Services,
  ctx: RequestContext,
  id: number,
  o: StepOptions,
  action: string,
) => Promise<{ id: number; status?: string }>;

/** Adds `<group> step <id> <action>` to a command group (made when the group does not exist). */
function addStep(
  program: Command,
  group: string,
  label: string,
  options: (c: Command) => Command,
  step: Stepper,
): void {
  const parent =
    program.commands.find((c) => c.name() === group) ??
    program.command(group).description(`${label}s`);
  options(
    parent
      .command('step <id> <action>')
      .description(
        `One workflow step of a ${label.toLowerCase()}; refused steps print the allowed ones`,
      )
      .option('--reason <text>', 'why (required by some steps)')
      .option('--on <date>', 'the day the step happened, when not today (YYYY-MM-DD)'),
  )
    .option(...asOption)
    .option('--json', 'print the changed record as JSON')
    .action(async (idText: string, action: string, o: StepOptions) => {
      const id = idArgument(idText, 'id');
      await withServices(o.as, async (s, ctx) =>
        report(label, await step(s, ctx, id, o, action), o.json),
      );
    });
}

/**
 * The write steps of the bottom-up project cycle on the command line, over the services the
 * API uses (same permissions, same 409 answers, audited with channel "cli"): workflow steps of
 * demands, calls, proposals, agreements, disbursements, reports and projects; screening and
 * decisions; agreements and outcomes from JSON files.
 */
export function registerCycleCommands(program: Command): void {
  const none = (c: Command) => c;
  addStep(program, 'demands', 'Demand', none, (s, ctx, id, o, a) =>
    s.demands.transition(ctx, id, stepRequestOf('intake', a, o)),
  );
  addStep(program, 'calls', 'Call', none, (s, ctx, id, o, a) =>
    s.calls.transition(ctx, id, stepRequestOf('intake', a, o)),
  );
  addStep(program, 'proposals', 'Proposal', none, (s, ctx, id, o, a) =>
    s.proposals.transition(ctx, id, stepRequestOf('intake', a, o)),
  );
  addStep(program, 'agreements', 'Agreement', none, (s, ctx, id, o, a) =>
    s.delivery.agreementStep(ctx, id, stepRequestOf('delivery', a, o)),
  );
  addStep(
    program,
    'disbursements',
    'Disbursement',
    (c) =>
      c
        .option('--paid-on <date>', 'pay: the day the money went out (YYYY-MM-DD)')
        .option('--amount <krw>', 'pay: the amount actually paid in KRW (default: the instalment)'),
    (s, ctx, id, o, a) => s.delivery.disbursementStep(ctx, id, stepRequestOf('disbursement', a, o)),
  );
  addStep(
    program,
    'reports',
    'Report',
    (c) => c.option('--hours <n>', 'submit/resubmit: hours spent writing the report'),
    (s, ctx, id, o, a) => s.delivery.reportStep(ctx, id, stepRequestOf('report', a, o)),
  );
  addStep(program, 'projects', 'Project', none, (s, ctx, id, o, a) =>
    s.delivery.projectStep(ctx, id, stepRequestOf('delivery', a, o)),
  );

  const agreements = program.commands.find((c) => c.name() === 'agreements')!;
  agreements
    .command('create <projectId>')
    .description('Draft the agreement of a selected project (budget lines and schedule)')
    .requiredOption('--from-json <file>', 'the agreement: approvedBudget, schedule, terms')
    .option(...asOption)
    .option('--json', 'print the agreement as JSON')
    .action(async (projectId: string, o: { fromJson: string; as?: string; json?: boolean }) => {
      const id = idArgument(projectId, 'projectId');
      const body = await readJson(o.fromJson, agreementCreate);
      await withServices(o.as, async (s, ctx) =>
        report('Agreement', await s.delivery.createAgreement(ctx, id, body), o.json),
      );
    });

  const outcomes = program.command('outcomes').description('Outcomes of projects');
  outcomes
    .command('add <projectId>')
    .description('Record an outcome (patent, sale, hire, ...) of a project')
    .requiredOption('--from-json <file>', 'the outcome: kind, title, occurredOn, ...')
    .option(...asOption)
    .option('--json', 'print the outcome as JSON')
    .action(async (projectId: string, o: { fromJson: string; as?: string; json?: boolean }) => {
      const id = idArgument(projectId, 'projectId');
      const body = await readJson(o.fromJson, outcomeCreate);
      await withServices(o.as, async (s, ctx) =>
        report('Outcome', await s.delivery.createOutcome(ctx, id, body), o.json),
      );
    });

  const review =
    program.commands.find((c) => c.name() === 'review') ??
    program.command('review').description('Evaluation of proposals');
  review
    .command('screen <proposalId>')
    .description('Record the preliminary screening of a proposal')
    .requiredOption('--outcome <outcome>', 'pass, fail or fast_track')
    .option('--reason <text>', 'why (required to fail or fast-track)')
    .option(...asOption)
    .option('--json', 'print the screening as JSON')
    .action(
      async (
        proposal: string,
        o: { outcome: string; reason?: string; as?: string; json?: boolean },
      ) => {
        const id = idArgument(proposal, 'proposalId');
        const body = parseOptions(screeningCreate, { outcome: o.outcome, reason: o.reason ?? '' });
        await withServices(o.as, async (s, ctx) => {
          const row = await s.review.screening.screen(ctx, id, body);
          if (o.json) console.log(JSON.stringify(row, null, 2));
          else
            console.log(
              `Proposal ${id} screened: ${row.passed ? 'passed' : 'failed'} (proposal now ${row.proposalStatus}).`,
            );
        });
      },
    );
  review
    .command('decide <proposalId>')
    .description('Decide on a proposal and notify the applicant')
    .requiredOption('--decision <decision>', 'select, revise or reject')
    .requiredOption('--reason <text>', 'the reason the applicant reads')
    .option('--grant <krw>', 'select: the approved grant in KRW (default: the public amount asked)')
    .option(...asOption)
    .option('--json', 'print the decision as JSON')
    .action(
      async (
        proposal: string,
        o: { decision: string; reason: string; grant?: string; as?: string; json?: boolean },
      ) => {
        const id = idArgument(proposal, 'proposalId');
        const body = parseOptions(proposalDecisionCreate, {
          decision: o.decision,
          reason: o.reason,
          ...(o.grant !== undefined ? { approvedGrantKrw: Number(o.grant) } : {}),
        });
        await withServices(o.as, async (s, ctx) => {
          const row = await s.review.committee.decide(ctx, id, body);
          if (o.json) console.log(JSON.stringify(row, null, 2));
          else console.log(`Proposal ${id}: ${row.decision} recorded.`);
        });
      },
    );
}

/** Parses options with a contract; each problem names its option (`--grant` for the grant). */
function parseOptions<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const flag: Record<string, string> = { approvedGrantKrw: 'grant' };
    throw new Error(
      parsed.error.issues
        .map((i) => {
          const field = String(i.path[0] ?? '');
          return `--${flag[field] ?? field}: ${i.message}`;
        })
        .join('\n'),
    );
  }
  return parsed.data;
}
