import type { AssignmentPlan, CallConflicts, CallRanking } from '@innocluster/contracts';
import { createServices, type RequestContext, type Services } from '@innocluster/server';
import type { Command } from 'commander';
import { cliContext } from './cli-context.ts';
import { withDatabase } from './database.command.ts';

type ReviewServices = Services['review'];

async function withReview<T>(
  as: string | undefined,
  work: (review: ReviewServices, ctx: RequestContext) => Promise<T>,
): Promise<T> {
  return withDatabase(async ({ db }) => work(createServices(db).review, await cliContext(db, as)));
}

function callIdOf(text: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0)
    throw new Error(`callId must be a positive integer (got ${text})`);
  return id;
}

const krw = (n: number) => `KRW ${n.toLocaleString('en-US')}`;

/** The plan as text: one line per evaluator (load within bounds), then one per pair. */
export function formatPlan(plan: AssignmentPlan): string {
  const lines = [
    `${plan.saved ? 'Saved' : 'Preview (nothing saved)'}: ${plan.proposals} proposals x ${plan.reviewsPerProposal} reviews, ${plan.evaluators} evaluators, ${plan.conflictedPairs} conflicted pairs excluded`,
    `total cost ${plan.totalCost.toFixed(4)} (sum of 1 - cosine similarity of expertise and proposal words)${plan.computedOffThread ? ', computed in a worker thread' : ''}`,
    '',
    'evaluator\tload\tmin\tmax',
    ...plan.loads.map((l) => `${l.name}\t${l.load}\t${l.minLoad}\t${l.maxLoad}`),
    '',
    'proposal\tevaluator\tcost\tkept',
    ...plan.pairs.map(
      (p) =>
        `${p.proposalId} ${p.proposalTitle}\t${p.evaluatorName}\t${p.cost.toFixed(4)}\t${p.kept ? 'yes' : ''}`,
    ),
  ];
  return lines.join('\n');
}

export function formatConflicts(list: CallConflicts): string {
  if (list.conflicts.length === 0)
    return `No conflicts of interest in call ${list.callId} (as of ${list.asOf}).`;
  return [
    `proposal\tevaluator\ttype\treason (as of ${list.asOf}; collaborations within ${list.collaborationYears} years)`,
    ...list.conflicts.map(
      (c) => `${c.proposalId} ${c.proposalTitle}\t${c.evaluatorName}\t${c.type}\t${c.reason}`,
    ),
  ].join('\n');
}

/** The ranking as text with the budget line and the cut-off marked. */
export function formatRanking(r: CallRanking): string {
  const lines = [
    `${r.callTitle}: budget ${krw(r.budgetKrw)}, approved ${krw(r.committedKrw)}, remaining ${krw(r.remainingKrw)}; scores 0-100, normalisation ${r.normalisation}`,
    'rank\tproposal\traw mean\tnormalised mean\treviews\trequested\tcumulative\tsuggested\tstatus',
  ];
  let cut = false;
  for (const row of r.rows) {
    if (!cut && row.rank !== null && !row.aboveCutoff && row.status !== 'rejected') {
      lines.push(`--- budget line ${krw(r.budgetKrw)} ---`);
      cut = true;
    }
    lines.push(
      [
        row.rank ?? '-',
        `${row.proposalId} ${row.title}`,
        row.rawMean?.toFixed(2) ?? '-',
        row.normalisedMean?.toFixed(2) ?? '-',
        `${row.reviews}/${row.reviewsExpected}`,
        krw(row.requestedKrw),
        krw(row.cumulativeKrw),
        row.suggested ? 'yes' : '',
        row.status,
      ].join('\t'),
    );
  }
  return lines.join('\n');
}

/** `innocluster review assign|conflicts|ranking`: the review of a call from the command line. */
export function registerReviewCommands(program: Command): void {
  const review = program
    .command('review')
    .description('Review of a call: assignment, conflicts, ranking');
  review
    .command('assign <callId>')
    .description(
      'Assign reviewers to the call’s proposals in review optimally (min-cost flow within load bounds, never a conflicted pair)',
    )
    .option('--preview', 'show the plan and its total cost without saving it', false)
    .option('--format <format>', 'text or json', 'text')
    .option('--as <email>', 'the user this acts as (or INNOCLUSTER_AS)')
    .action(async (callId: string, o: { preview: boolean; format: string; as?: string }) => {
      const plan = await withReview(o.as, (s, ctx) =>
        s.assignments.auto(ctx, callIdOf(callId), o.preview),
      );
      console.log(o.format === 'json' ? JSON.stringify(plan, null, 2) : formatPlan(plan));
    });
  review
    .command('conflicts <callId>')
    .description('List conflicts of interest between the evaluator pool and the call’s proposals')
    .option('--format <format>', 'text or json', 'text')
    .option('--as <email>', 'the user this acts as (or INNOCLUSTER_AS)')
    .action(async (callId: string, o: { format: string; as?: string }) => {
      const list = await withReview(o.as, (s, ctx) => s.conflicts.forCall(ctx, callIdOf(callId)));
      console.log(o.format === 'json' ? JSON.stringify(list, null, 2) : formatConflicts(list));
    });
  review
    .command('ranking <callId>')
    .description('Rank the call’s proposals by normalised mean score with the budget line')
    .option('--normalisation <method>', 'mean-centre, z-score or none', 'mean-centre')
    .option('--format <format>', 'text or json', 'text')
    .option('--as <email>', 'the user this acts as (or INNOCLUSTER_AS)')
    .action(async (callId: string, o: { normalisation: string; format: string; as?: string }) => {
      if (!['mean-centre', 'z-score', 'none'].includes(o.normalisation))
        throw new Error('--normalisation must be mean-centre, z-score or none');
      const ranking = await withReview(o.as, (s, ctx) =>
        s.committee.ranking(ctx, callIdOf(callId), o.normalisation as 'mean-centre'),
      );
      console.log(o.format === 'json' ? JSON.stringify(ranking, null, 2) : formatRanking(ranking));
    });
}
