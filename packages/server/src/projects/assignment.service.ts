import type { AssignmentPlan, CallAssignments, ReviewAssignmentRow } from '@innocluster/contracts';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { runTsWorker } from '../network/network-worker-host.ts';
import { planAssignment, type PlanInput, type PlanOutcome } from './assignment-plan.ts';
import {
  conflictsBetween,
  describeConflicts,
  loadConflictRegistry,
  planEvaluator,
  planProposal,
} from './conflict.service.ts';
import { listEvaluators, type EvaluatorRecord } from './evaluator.repository.ts';
import { checkOfficer, collaborationYears, loadCall, today } from './review-access.ts';
import {
  deleteAssignments,
  grantProposalAccess,
  insertAssignments,
  listAssignments,
  listReviewProposals,
  revokeProposalAccess,
  type AssignmentRecord,
  type ReviewCallRecord,
} from './review.repository.ts';

const workerEntry = new URL('./assignment.worker.ts', import.meta.url);

/**
 * Calls with more proposals than this are planned in a worker thread: `npm run
 * bench:assignment` (2,000 proposals x 200 evaluators) takes about 0.9 s on a loaded 2-vCPU
 * machine, too long to block the event loop that serves every other request.
 */
export const offThreadProposals = 200;

const asRow = ({ evaluatorUserId: _u, ...a }: AssignmentRecord): ReviewAssignmentRow => a;

/** Assignments that stay when the optimiser runs again: chosen by hand, or with a review begun. */
const isKept = (a: AssignmentRecord) =>
  a.method === 'manual' || a.reviewStatus !== 'none' || a.status === 'submitted';

/**
 * Reviewer assignment for a call: the optimal plan by the domain's min-cost flow (reviews per
 * proposal from the call, each evaluator's min/max load, cost 1 − expertise match, conflicted
 * pairs never used), stored as review_assignment rows (method auto) with `assignment` access
 * rows for the evaluators' accounts; manual additions and removals; and a preview that saves
 * nothing.
 */
export class AssignmentService {
  constructor(private readonly db: Db) {}

  private loads(
    evaluators: EvaluatorRecord[],
    assignments: { evaluatorId: number; status?: string }[],
  ) {
    return evaluators.map((e) => ({
      evaluatorId: e.id,
      name: e.name,
      load: assignments.filter(
        (a) => a.evaluatorId === e.id && a.status !== 'declined' && a.status !== 'withdrawn',
      ).length,
      minLoad: e.minLoad,
      maxLoad: e.maxLoad,
    }));
  }

  async list(ctx: RequestContext, callId: number): Promise<CallAssignments> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'read', call, 'assignments');
    const assignments = await listAssignments(this.db, { callId });
    const assignedIds = new Set(assignments.map((a) => a.evaluatorId));
    const evaluators = (await listEvaluators(this.db)).filter(
      (e) => e.active || assignedIds.has(e.id),
    );
    return {
      callId,
      reviewsPerProposal: call.reviewsPerProposal,
      assignments: assignments.map(asRow),
      loads: this.loads(evaluators, assignments),
    };
  }

  private async plan(
    db: Db,
    call: ReviewCallRecord,
  ): Promise<{
    input: PlanInput;
    outcome: PlanOutcome;
    existing: AssignmentRecord[];
    evaluators: EvaluatorRecord[];
    offThread: boolean;
    elapsedMs: number;
  }> {
    const proposals = await listReviewProposals(db, { callId: call.id, statuses: ['in_review'] });
    const existing = await listAssignments(db, { callId: call.id });
    const inRun = new Set(proposals.map((p) => p.id));
    const kept = existing.filter((a) => inRun.has(a.proposalId) && isKept(a));
    const keptByEvaluator = new Map<number, number>();
    for (const a of kept)
      if (a.status !== 'declined' && a.status !== 'withdrawn')
        keptByEvaluator.set(a.evaluatorId, (keptByEvaluator.get(a.evaluatorId) ?? 0) + 1);
    // Inactive evaluators take nothing new but keep what they already have.
    const evaluators = (await listEvaluators(db)).filter(
      (e) => e.active || keptByEvaluator.has(e.id),
    );
    const asOf = today();
    const planEvaluators = evaluators.map((e) => {
      const p = planEvaluator(e, asOf);
      return e.active ? p : { ...p, minLoad: 0, maxLoad: keptByEvaluator.get(e.id) ?? 0 };
    });
    const planProposals = proposals.map(planProposal);
    const registry = await loadConflictRegistry(db, planEvaluators, planProposals, asOf);
    const input: PlanInput = {
      evaluators: planEvaluators,
      proposals: planProposals,
      registry,
      asOf,
      collaborationYears,
      reviewsPerProposal: call.reviewsPerProposal,
      fixed: kept
        .filter((a) => a.status !== 'declined' && a.status !== 'withdrawn')
        .map((a) => ({ proposalId: a.proposalId, evaluatorId: a.evaluatorId })),
      forbidden: kept
        .filter((a) => a.status === 'declined' || a.status === 'withdrawn')
        .map((a) => ({ proposalId: a.proposalId, evaluatorId: a.evaluatorId })),
    };
    const offThread = proposals.length > offThreadProposals;
    const started = performance.now();
    const outcome = offThread
      ? await runTsWorker<PlanOutcome>(workerEntry, input)
      : planAssignment(input);
    return {
      input,
      outcome,
      existing,
      evaluators,
      offThread,
      elapsedMs: performance.now() - started,
    };
  }

  /**
   * Runs the optimiser over the call's proposals in review. With `preview` nothing is stored.
   * Otherwise automatic assignments without a review begun are replaced by the plan (kept
   * assignments stay and count in the loads) in one transaction, with the evaluators' access.
   * No assignment possible: 409 naming why (shortages, load bounds) in terms of the call.
   */
  async auto(ctx: RequestContext, callId: number, preview: boolean): Promise<AssignmentPlan> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, preview ? 'read' : 'create', call, 'assignments');
    const run = async (db: Db): Promise<AssignmentPlan> => {
      const { input, outcome, existing, evaluators, offThread, elapsedMs } = await this.plan(
        db,
        call,
      );
      if (!outcome.ok) {
        throw new ConflictError(
          `No assignment of ${input.proposals.length} proposals x ${call.reviewsPerProposal} reviews to ${input.evaluators.length} evaluators is possible: ${outcome.messages.join('; ')}`,
          outcome.messages.map((message) => ({ field: 'assignment', message })),
        );
      }
      const names = new Map(evaluators.map((e) => [e.id, e]));
      const titles = new Map(input.proposals.map((p) => [p.id, p.title]));
      if (!preview) {
        const inRun = new Set(input.proposals.map((p) => p.id));
        const planned = new Set(outcome.pairs.map((p) => `${p.proposalId}:${p.evaluatorId}`));
        const removed = existing.filter(
          (a) =>
            inRun.has(a.proposalId) &&
            !planned.has(`${a.proposalId}:${a.evaluatorId}`) &&
            a.reviewStatus !== 'submitted' &&
            a.status !== 'declined' &&
            a.status !== 'withdrawn',
        );
        const present = new Set(existing.map((a) => `${a.proposalId}:${a.evaluatorId}`));
        await deleteAssignments(
          db,
          removed.map((a) => a.id),
        );
        await revokeProposalAccess(
          db,
          removed
            .filter((a) => a.evaluatorUserId !== null)
            .map((a) => ({ userId: a.evaluatorUserId as number, proposalId: a.proposalId })),
        );
        // Pairs already stored (kept, or planned again) stay as they are.
        const fresh = outcome.pairs.filter((p) => !present.has(`${p.proposalId}:${p.evaluatorId}`));
        const inserted = await insertAssignments(
          db,
          fresh.map((p) => ({
            callId,
            proposalId: p.proposalId,
            evaluatorId: p.evaluatorId,
            method: 'auto' as const,
            cost: p.cost,
            createdBy: ctx.principal.userId,
          })),
        );
        await grantProposalAccess(
          db,
          outcome.pairs
            .map((p) => ({
              userId: names.get(p.evaluatorId)?.userId ?? null,
              proposalId: p.proposalId,
            }))
            .filter((p): p is { userId: number; proposalId: number } => p.userId !== null),
        );
        await insertAuditEvents(db, [
          ...removed.map((a) =>
            auditEntry(ctx, 'delete', 'review-assignments', a.id, asRow(a), null),
          ),
          ...inserted.map((a) =>
            auditEntry(ctx, 'create', 'review-assignments', a.id, null, {
              ...a,
              callId,
              method: 'auto',
            }),
          ),
        ]);
      }
      const pairLoads = outcome.loads;
      return {
        callId,
        saved: !preview,
        proposals: input.proposals.length,
        evaluators: input.evaluators.length,
        reviewsPerProposal: call.reviewsPerProposal,
        totalCost: outcome.totalCost,
        conflictedPairs: new Set(outcome.conflicts.map((c) => `${c.proposalId}:${c.evaluatorId}`))
          .size,
        pairs: outcome.pairs.map((p) => ({
          ...p,
          proposalTitle: titles.get(p.proposalId) ?? String(p.proposalId),
          evaluatorName: names.get(p.evaluatorId)?.name ?? String(p.evaluatorId),
        })),
        loads: input.evaluators.map((e) => ({
          evaluatorId: e.id,
          name: e.name,
          load: pairLoads.find((l) => l.evaluatorId === e.id)?.load ?? 0,
          minLoad: e.minLoad,
          maxLoad: e.maxLoad,
        })),
        computedOffThread: offThread,
        elapsedMs,
      };
    };
    return preview ? run(this.db) : this.db.transaction().execute(run);
  }

  /**
   * An officer's override: assigns one evaluator to one proposal of the call (method manual).
   * Refused with 409 when the pair is conflicted (naming the conflicts), already assigned, or
   * the evaluator is at their maximum load for the call.
   */
  async addManual(
    ctx: RequestContext,
    callId: number,
    body: { proposalId: number; evaluatorId: number },
  ): Promise<ReviewAssignmentRow> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'create', call, 'assignment');
    return this.db.transaction().execute(async (tx) => {
      const [proposal] = await listReviewProposals(tx, { ids: [body.proposalId] });
      if (!proposal || proposal.callId !== callId)
        throw new ValidationError(`No proposal ${body.proposalId} in call ${callId}`, [
          {
            field: 'body.proposalId',
            message: `no proposal with id ${body.proposalId} in this call`,
          },
        ]);
      const [evaluator] = await listEvaluators(tx, { ids: [body.evaluatorId] });
      if (!evaluator)
        throw new ValidationError(`No evaluator with id ${body.evaluatorId}`, [
          { field: 'body.evaluatorId', message: `no evaluator with id ${body.evaluatorId}` },
        ]);
      const conflicts = await conflictsBetween(tx, [evaluator], [proposal]);
      if (conflicts.length > 0)
        throw new ConflictError(
          `${evaluator.name} cannot review proposal ${proposal.id} "${proposal.title}": conflict of interest: ${describeConflicts(conflicts)}`,
          conflicts.map((c) => ({ field: 'body.evaluatorId', message: `${c.type}: ${c.reason}` })),
        );
      const existing = await listAssignments(tx, { callId });
      if (existing.some((a) => a.proposalId === proposal.id && a.evaluatorId === evaluator.id))
        throw new ConflictError(`${evaluator.name} is already assigned to proposal ${proposal.id}`);
      const load = existing.filter(
        (a) =>
          a.evaluatorId === evaluator.id && a.status !== 'declined' && a.status !== 'withdrawn',
      ).length;
      if (load >= evaluator.maxLoad)
        throw new ConflictError(
          `${evaluator.name} already has ${load} proposals in this call, their maximum load (${evaluator.maxLoad}); raise it first`,
          [{ field: 'body.evaluatorId', message: `at maximum load ${evaluator.maxLoad}` }],
        );
      const [inserted] = await insertAssignments(tx, [
        {
          callId,
          proposalId: proposal.id,
          evaluatorId: evaluator.id,
          method: 'manual',
          cost: null,
          createdBy: ctx.principal.userId,
        },
      ]);
      if (!inserted) throw new Error('insert returned no row');
      if (evaluator.userId !== null)
        await grantProposalAccess(tx, [{ userId: evaluator.userId, proposalId: proposal.id }]);
      const [row] = await listAssignments(tx, { ids: [inserted.id] });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'review-assignments', inserted.id, null, asRow(row!)),
      ]);
      return asRow(row!);
    });
  }

  /** Removes an assignment whose review was not submitted, and the evaluator's access. */
  async remove(ctx: RequestContext, callId: number, assignmentId: number): Promise<void> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'delete', call, 'assignment');
    await this.db.transaction().execute(async (tx) => {
      const [row] = await listAssignments(tx, { ids: [assignmentId] });
      if (!row || row.callId !== callId) throw new NotFoundError('review assignment', assignmentId);
      if (row.reviewStatus === 'submitted')
        throw new ConflictError(
          `The review of ${row.evaluatorName} for proposal ${row.proposalId} is submitted; it cannot be unassigned`,
        );
      await deleteAssignments(tx, [row.id]);
      if (row.evaluatorUserId !== null)
        await revokeProposalAccess(tx, [
          { userId: row.evaluatorUserId, proposalId: row.proposalId },
        ]);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'delete', 'review-assignments', row.id, asRow(row), null),
      ]);
    });
  }
}
