import type { CallConflicts } from '@innocluster/contracts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import {
  planConflicts,
  type PlanEvaluator,
  type PlannedConflict,
  type PlanProposal,
  type PlanRegistry,
} from './assignment-plan.ts';
import {
  collaborationsTouching,
  listBusinessRelations,
  listDeclarations,
  listEvaluators,
  organisationFacts,
  type EvaluatorRecord,
} from './evaluator.repository.ts';
import { checkOfficer, collaborationYears, loadCall, today, yearsBefore } from './review-access.ts';
import { listReviewProposals, type ReviewProposalRecord } from './review.repository.ts';

/** Proposal states whose conflicts matter (submitted for review and later). */
export const reviewedStates = [
  'submitted',
  'screening',
  'in_review',
  'committee',
  'revise_requested',
  'resubmitted',
  'selected',
  'rejected',
];

/** The organisations an evaluator counts as theirs on `asOf`: affiliations within the window and their person's organisation. */
export function evaluatorOrganisations(e: EvaluatorRecord, asOf: string): number[] {
  const from = yearsBefore(asOf, collaborationYears);
  const ids = new Set<number>();
  if (e.personOrganisationId !== null) ids.add(e.personOrganisationId);
  for (const a of e.affiliations) {
    if ((a.toOn === null || a.toOn >= from) && (a.fromOn === null || a.fromOn <= asOf))
      ids.add(a.organisationId);
  }
  return [...ids];
}

export function planEvaluator(e: EvaluatorRecord, asOf: string): PlanEvaluator {
  return {
    id: e.id,
    name: e.name,
    organisationIds: evaluatorOrganisations(e, asOf),
    expertise: e.expertise,
    minLoad: e.minLoad,
    maxLoad: e.maxLoad,
  };
}

export function planProposal(p: ReviewProposalRecord): PlanProposal {
  return {
    id: p.id,
    title: p.title,
    organisationIds: [p.leadOrganisationId, ...p.partnerIds],
    text: `${p.title} ${p.abstract ?? ''}`,
  };
}

/**
 * Reads the registry facts the conflict rules need for these evaluators and proposals: the
 * organisations (mini-clusters, industry), business relations in force during the window,
 * collaborations running during the window, and the evaluators' declarations (personal ties
 * and declared conflicts).
 */
export async function loadConflictRegistry(
  db: Db,
  evaluators: PlanEvaluator[],
  proposals: PlanProposal[],
  asOf: string,
): Promise<PlanRegistry> {
  const from = yearsBefore(asOf, collaborationYears);
  const proposalOrgs = [...new Set(proposals.flatMap((p) => p.organisationIds))];
  const allOrgs = [...new Set([...proposalOrgs, ...evaluators.flatMap((e) => e.organisationIds)])];
  const [organisations, relations, collaborations, declarations] = await Promise.all([
    organisationFacts(db, allOrgs),
    listBusinessRelations(db, proposalOrgs),
    collaborationsTouching(db, proposalOrgs, from, asOf),
    listDeclarations(db, { evaluatorIds: evaluators.map((e) => e.id) }),
  ]);
  return {
    organisations,
    businessRelations: relations
      .filter((r) => (r.until === null || r.until >= from) && (r.since === null || r.since <= asOf))
      .map((r) => ({ fromId: r.fromOrganisationId, toId: r.toOrganisationId, kind: r.kind })),
    collaborations: collaborations.map((c) => ({
      organisationIds: [c.sourceOrganisationId, c.targetOrganisationId],
      // The latest day the collaboration ran, so a long one still running is recent.
      date: c.endedOn === null || c.endedOn > asOf ? asOf : c.endedOn,
      kind: c.kind,
    })),
    personalTies: declarations
      .filter((d) => d.kind === 'personal' && d.organisationId !== null && d.proposalId === null)
      .map((d) => ({
        evaluatorId: d.evaluatorId,
        organisationId: d.organisationId as number,
        description: d.reason,
      })),
    declarations: declarations
      .filter((d) => !(d.kind === 'personal' && d.organisationId !== null && d.proposalId === null))
      .map((d) => ({
        evaluatorId: d.evaluatorId,
        proposalId: d.proposalId,
        organisationId: d.organisationId,
        reason: d.reason,
      })),
  };
}

/** Conflicts between the given evaluators and proposals today. */
export async function conflictsBetween(
  db: Db,
  evaluators: EvaluatorRecord[],
  proposals: ReviewProposalRecord[],
  asOf = today(),
): Promise<PlannedConflict[]> {
  if (evaluators.length === 0 || proposals.length === 0) return [];
  const planEvaluators = evaluators.map((e) => planEvaluator(e, asOf));
  const planProposals = proposals.map(planProposal);
  const registry = await loadConflictRegistry(db, planEvaluators, planProposals, asOf);
  return planConflicts({
    evaluators: planEvaluators,
    proposals: planProposals,
    registry,
    asOf,
    collaborationYears,
  });
}

/** A conflict as one line for an error message. */
export function describeConflicts(conflicts: readonly PlannedConflict[]): string {
  return conflicts.map((c) => `${c.type.replace(/_/g, ' ')} (${c.reason})`).join('; ');
}

/** Conflicts of interest per call, for officers. */
export class ConflictService {
  constructor(private readonly db: Db) {}

  /** Every conflict between the pool's active evaluators (and those assigned) and the call's proposals under review. */
  async forCall(ctx: RequestContext, callId: number): Promise<CallConflicts> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'read', call, 'list of conflicts');
    const proposals = await listReviewProposals(this.db, { callId, statuses: reviewedStates });
    const evaluators = await listEvaluators(this.db, { activeOnly: true });
    const asOf = today();
    const conflicts = await conflictsBetween(this.db, evaluators, proposals, asOf);
    const names = new Map(evaluators.map((e) => [e.id, e.name]));
    const titles = new Map(proposals.map((p) => [p.id, p.title]));
    return {
      callId,
      asOf,
      collaborationYears,
      conflicts: conflicts.map((c) => ({
        ...c,
        evaluatorName: names.get(c.evaluatorId) ?? String(c.evaluatorId),
        proposalTitle: titles.get(c.proposalId) ?? String(c.proposalId),
      })),
    };
  }
}
