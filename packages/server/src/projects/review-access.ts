import { decide, scopesFor, type Action, type Target } from '@innocluster/domain';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { AppError, NotFoundError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import { listEvaluators, type EvaluatorRecord } from './evaluator.repository.ts';
import {
  findReviewCall,
  type ReviewCallRecord,
  type ReviewProposalRecord,
} from './review.repository.ts';

/**
 * Who may do what in the review, read from the permission table (resource `reviews`):
 * officers act on the calls of their programme; evaluators act only on their own assignments
 * (scope 'assigned'); the evaluator pool and the business-relation registry are shared by every
 * programme, so managing them needs a grant of `reviews` that is not merely 'assigned'.
 */

/** The call, or 404. */
export async function loadCall(db: Db, id: number): Promise<ReviewCallRecord> {
  const call = await findReviewCall(db, id);
  if (!call) throw new NotFoundError('call', id);
  return call;
}

/** Refuses unless the caller may take `action` on the review of calls of this programme. */
export function checkOfficer(
  ctx: RequestContext,
  action: Action,
  call: { programmeId: number },
  label = 'review',
): void {
  if (!decide(ctx.principal.grants, 'reviews', action, { programmeIds: [call.programmeId] }))
    throw denied(ctx, action, label);
}

/** Whether the caller may manage the shared evaluator pool and registry facts. */
export function mayManagePool(ctx: RequestContext, action: Action): boolean {
  return scopesFor(ctx.principal.grants, 'reviews', action).some((s) => s.scope !== 'assigned');
}

export function checkPool(ctx: RequestContext, action: Action, label: string): void {
  if (!mayManagePool(ctx, action)) throw denied(ctx, action, label);
}

/** The permission target of a proposal: its programme, complex, mini-cluster, parties. */
export function proposalTarget(
  ctx: RequestContext,
  proposal: ReviewProposalRecord,
  programmeId: number,
): Target {
  return {
    programmeIds: [programmeId],
    complexIds: proposal.complexId === null ? [] : [proposal.complexId],
    miniClusterIds: proposal.miniClusterId === null ? [] : [proposal.miniClusterId],
    organisationIds: [proposal.leadOrganisationId, ...proposal.partnerIds],
    assigned: (ctx.principal.assigned.proposals ?? []).includes(proposal.id),
  };
}

/** The evaluator record of the signed-in user, or a 403 saying they are not in the pool. */
export async function ownEvaluator(db: Db, ctx: RequestContext): Promise<EvaluatorRecord> {
  const userId = ctx.principal.userId;
  const mine = userId === null ? undefined : (await listEvaluators(db, { userId }))[0];
  if (!mine) {
    if (userId === null) throw denied(ctx, 'read', 'review queue');
    throw new AppError(
      403,
      'Forbidden',
      'Your account is not linked to an evaluator of the pool; ask a programme officer.',
    );
  }
  return mine;
}

/** Today as 'YYYY-MM-DD' (UTC), the date conflicts are measured against. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The date `years` years before `asOf` ('YYYY-MM-DD'; 29 February becomes the 28th). */
export function yearsBefore(asOf: string, years: number): string {
  const [y, m, d] = asOf.split('-');
  const day = m === '02' && d === '29' ? '28' : d;
  return `${String(Number(y) - years).padStart(4, '0')}-${m}-${day}`;
}

/** Collaborations within this many years count as recent (issue 9). */
export const collaborationYears = 3;
