import {
  callCreate,
  demandCreate,
  proposalCheckRequest,
  type CallRow,
  type DemandRow,
  type ProposalCheckResult,
  type ProposalRow,
} from '@innocluster/contracts';
import { AppError, createServices, type Db } from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { intOption, readJson } from './cli-input.ts';
import { withDatabase } from './database.command.ts';

const krw = (n: number) => `KRW ${Math.round(n).toLocaleString('en-US')}`;
const pct = (share: number | null) => (share === null ? '-' : `${(share * 100).toFixed(1)}%`);

/** Runs a command body, printing an API-style error's field errors line by line. */
async function run<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.errors.length) {
      const lines = error.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n');
      throw new Error(`${error.title}: ${error.message}\n${lines}`, { cause: error });
    }
    throw error;
  }
}

function withServices<T>(
  as: string | undefined,
  use: (
    s: ReturnType<typeof createServices>,
    ctx: Awaited<ReturnType<typeof cliContext>>,
    db: Db,
  ) => Promise<T>,
): Promise<T> {
  return withDatabase(async ({ db }) => {
    const ctx = await cliContext(db, as);
    return run(() => use(createServices(db), ctx, db));
  });
}

function printDemands(rows: DemandRow[]): void {
  for (const d of rows)
    console.log(
      `${d.id}\t${d.raisedOn}\t${d.status}\t${d.supportArea}\t${d.miniClusterName ?? '-'}\t${d.title}\t(${d.organisations.map((o) => o.name).join(', ') || 'no organisation'}; ${d.backingCount} backing, ${d.commentCount} comments)`,
    );
}

function printCalls(rows: CallRow[]): void {
  for (const c of rows)
    console.log(
      `${c.id}\t${c.code}\t${c.status}\t${c.opensOn}..${c.closesOn}\t${krw(c.budgetKrw)}\t${c.title}\t(instruments: ${c.instruments.map((i) => `${i.code} [${i.id}]`).join(', ')}; ${c.proposalCount} proposals)`,
    );
}

function printProposals(rows: ProposalRow[]): void {
  for (const p of rows)
    console.log(
      `${p.id}\t${p.callCode}\t${p.status}\tv${p.version}\t${p.leadOrganisationName}\tgrant ${krw(p.requestedGrantKrw)} of ${krw(p.totalKrw)}\t${p.violationCount === 0 ? 'rules ok' : `${p.violationCount} rule violations`}${p.isFastTrack ? '\tfast track' : ''}\t${p.title}`,
    );
}

function printCheck(check: ProposalCheckResult): void {
  const t = check.totals;
  console.log(
    `total ${krw(t.totalKrw)}: public ${krw(t.publicKrw)} (${pct(t.publicShare)}), firm ${krw(t.firmKrw)} (${pct(t.firmShare)}), other ${krw(t.otherKrw)}; firm size ${check.firmSize ?? '-'}${check.isFastTrack ? '; fast track' : ''}`,
  );
  if (check.violations.length === 0) console.log('No rule is broken.');
  for (const v of check.violations) console.log(`  ${v.code}: ${v.message}`);
}

/**
 * `innocluster demands|calls|proposals`: project intake over the same services, permission
 * table and audit trail as the API (channel "cli").
 */
export function registerIntakeCommands(program: Command): void {
  const demands = program.command('demands').description('Demands and ideas raised in meetings');
  demands
    .command('list')
    .description('List demands (latest first)')
    .option('--status <state>', 'only this state (e.g. open_idea)')
    .option('--ideas', 'only the idea store (state open_idea)')
    .option('--mini-cluster <id>', 'only this mini-cluster')
    .option('--support-area <area>', 'management, rd, funding, labour or marketing')
    .option('--as <email>', 'the user whose read permission applies (or INNOCLUSTER_AS)')
    .action(
      async (o: {
        status?: string;
        ideas?: boolean;
        miniCluster?: string;
        supportArea?: string;
        as?: string;
      }) =>
        withServices(o.as, async (s, ctx) => {
          const page = await s.demands.list(ctx, {
            page: 1,
            pageSize: 1000,
            ...(o.status ? { status: o.status as never } : {}),
            ...(o.ideas ? { ideas: true } : {}),
            ...(o.supportArea ? { supportArea: o.supportArea as never } : {}),
            ...(o.miniCluster ? { miniClusterId: intOption(o.miniCluster, 'mini-cluster') } : {}),
          });
          printDemands(page.items);
          console.log(`${page.total} demands`);
        }),
    );
  demands
    .command('create')
    .description('Record a demand raised at an activity')
    .requiredOption('--title <text>', 'what the firm needs')
    .requiredOption('--support-area <area>', 'management, rd, funding, labour or marketing')
    .option('--activity <id>', 'the meeting where it came up (gives complex, mini-cluster, date)')
    .option('--mini-cluster <id>', 'the mini-cluster')
    .option('--organisation <id...>', 'the raising organisations')
    .option('--field <text>', 'the technical field')
    .option('--description <text>', 'details')
    .option('--raised-on <date>', 'YYYY-MM-DD (default: the activity date, else today)')
    .option('--as <email>', 'the user recording it (or INNOCLUSTER_AS)')
    .action(
      async (o: {
        title: string;
        supportArea: string;
        activity?: string;
        miniCluster?: string;
        organisation?: string[];
        field?: string;
        description?: string;
        raisedOn?: string;
        as?: string;
      }) => {
        const parsed = demandCreate.safeParse({
          title: o.title,
          supportArea: o.supportArea,
          activityId: intOption(o.activity, 'activity') ?? null,
          miniClusterId: intOption(o.miniCluster, 'mini-cluster') ?? null,
          organisationIds: (o.organisation ?? []).map((v) => intOption(v, 'organisation')),
          field: o.field ?? null,
          description: o.description ?? null,
          ...(o.raisedOn ? { raisedOn: o.raisedOn } : {}),
        });
        if (!parsed.success)
          throw new Error(
            parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'),
          );
        await withServices(o.as, async (s, ctx) => {
          const d = await s.demands.create(ctx, parsed.data);
          console.log(`Demand ${d.id} recorded (${d.status}, raised ${d.raisedOn}).`);
        });
      },
    );

  const calls = program.command('calls').description('Calls for proposals and their instruments');
  calls
    .command('list')
    .description('List calls (latest opening first)')
    .option('--programme <id>', 'only this programme')
    .option('--status <state>', 'only this state')
    .option('--as <email>', 'the user whose read permission applies (or INNOCLUSTER_AS)')
    .action(async (o: { programme?: string; status?: string; as?: string }) =>
      withServices(o.as, async (s, ctx) => {
        const page = await s.calls.list(ctx, {
          page: 1,
          pageSize: 1000,
          ...(o.programme ? { programmeId: intOption(o.programme, 'programme') } : {}),
          ...(o.status ? { status: o.status as never } : {}),
        });
        printCalls(page.items);
        console.log(`${page.total} calls`);
      }),
    );
  calls
    .command('create')
    .description(
      'Create a call (draft) from a JSON file: programmeId, code, title, budgetKrw, opensOn, closesOn, rubric [{code, name, weight, maxScore}], instruments [{code, name, budgetKrw, rules}]',
    )
    .requiredOption('--from-json <file>', 'the call as JSON (the API’s POST /calls body)')
    .option('--open', 'open it for proposals at once')
    .option('--as <email>', 'the programme officer creating it (or INNOCLUSTER_AS)')
    .action(async (o: { fromJson: string; open?: boolean; as?: string }) => {
      const body = await readJson(o.fromJson, callCreate);
      await withServices(o.as, async (s, ctx) => {
        let call = await s.calls.create(ctx, body);
        if (o.open) call = await s.calls.transition(ctx, call.id, { action: 'open' });
        console.log(`Call ${call.id} (${call.code}) created: ${call.status}.`);
        printCalls([call]);
      });
    });

  const proposals = program.command('proposals').description('Proposals answering calls');
  proposals
    .command('list')
    .description('List proposals within your scope, with requested grant and rule-check status')
    .option('--call <id>', 'only this call')
    .option('--status <state>', 'only this state')
    .option('--mini-cluster <id>', 'only this mini-cluster')
    .option('--as <email>', 'the user whose read permission applies (or INNOCLUSTER_AS)')
    .action(async (o: { call?: string; status?: string; miniCluster?: string; as?: string }) =>
      withServices(o.as, async (s, ctx) => {
        const page = await s.proposals.list(ctx, {
          page: 1,
          pageSize: 1000,
          ...(o.call ? { callId: intOption(o.call, 'call') } : {}),
          ...(o.status ? { status: o.status as never } : {}),
          ...(o.miniCluster ? { miniClusterId: intOption(o.miniCluster, 'mini-cluster') } : {}),
        });
        printProposals(page.items);
        console.log(`${page.total} proposals`);
      }),
    );
  proposals
    .command('check')
    .description(
      'Check a proposal against its instrument’s rules: a stored one by id, or a draft from JSON (instrumentId, leadOrganisationId, partners, budget) without saving it',
    )
    .argument('[id]', 'a stored proposal')
    .option('--from-json <file>', 'a draft to check')
    .option('--as <email>', 'the user (or INNOCLUSTER_AS)')
    .action(async (id: string | undefined, o: { fromJson?: string; as?: string }) => {
      if ((id === undefined) === (o.fromJson === undefined))
        throw new Error('give either a proposal id or --from-json <file>');
      const draft = o.fromJson ? await readJson(o.fromJson, proposalCheckRequest) : undefined;
      await withServices(o.as, async (s, ctx) => {
        const check = draft
          ? await s.proposals.check(ctx, draft)
          : (await s.proposals.get(ctx, intOption(id, 'id')!)).check;
        printCheck(check);
        if (check.violations.length) process.exitCode = 2;
      });
    });
  proposals
    .command('submit')
    .description(
      'Submit a draft (or resubmit after a revision request), freezing a new version; refused with every broken rule named',
    )
    .argument('<id>', 'the proposal')
    .option('--note <text>', 'kept with the version')
    .option('--as <email>', 'a member of the lead organisation (or INNOCLUSTER_AS)')
    .action(async (id: string, o: { note?: string; as?: string }) =>
      withServices(o.as, async (s, ctx) => {
        const p = await s.proposals.submit(ctx, intOption(id, 'id')!, o.note ?? null);
        console.log(`Proposal ${p.id} ${p.status}: version ${p.version} frozen.`);
      }),
    );
}
