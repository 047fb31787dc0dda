import type { CallReviews, OwnReview, ReviewQueueItem, ReviewSave } from '@innocluster/contracts';
import {
  decide,
  normaliseReviewScores,
  weightedRubricScore,
  type ReviewNormalisation,
} from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import { conflictsBetween, describeConflicts } from './conflict.service.ts';
import type { EvaluatorRecord } from './evaluator.repository.ts';
import { checkOfficer, loadCall, ownEvaluator } from './review-access.ts';
import {
  findReviewCall,
  listAssignments,
  listReviewProposals,
  listReviews,
  setAssignmentStatus,
  upsertReview,
  type AssignmentRecord,
  type ReviewCallRecord,
  type ReviewRecord,
} from './review.repository.ts';

/** Proposal states in which reviews may be written; once sent to the committee they are closed. */
const openForReview = new Set(['in_review']);

type Rubric = ReviewCallRecord['rubric'];

/**
 * The review's weighted total on 0–100, Σ wᵢ·(sᵢ / maxᵢ) / Σ wᵢ × 100 (domain
 * `weightedRubricScore`, simple additive weighting), or null while a criterion is unscored.
 * Each score given must be a criterion of the rubric and lie in 0..maxScore.
 */
export function rubricTotal(rubric: Rubric, scores: Record<string, number>): number | null {
  const errors: FieldError[] = [];
  for (const [code, value] of Object.entries(scores)) {
    const criterion = rubric.find((c) => c.code === code);
    if (!criterion)
      errors.push({
        field: `body.scores.${code}`,
        message: `not a criterion of this call's rubric (${rubric.map((c) => c.code).join(', ')})`,
      });
    else if (!(value >= 0 && value <= criterion.maxScore))
      errors.push({
        field: `body.scores.${code}`,
        message: `${value} is outside 0–${criterion.maxScore}`,
      });
  }
  if (errors.length) throw new ValidationError('Scores do not fit the rubric', errors);
  if (rubric.some((c) => scores[c.code] === undefined)) return null;
  return weightedRubricScore(
    rubric.map((c) => ({ key: c.code, weight: c.weight, maxScore: c.maxScore })),
    scores,
  );
}

const ownReview = (r: ReviewRecord | undefined): OwnReview | null =>
  r === undefined
    ? null
    : {
        scores: r.scores,
        total: r.total,
        commentToApplicant: r.commentToApplicant,
        commentToCommittee: r.commentToCommittee,
        status: r.status,
        submittedAt: r.submittedAt,
      };

/**
 * Blind scoring: an evaluator sees their own assignments with the proposal's content and the
 * call's rubric, never another reviewer's identity or scores; they cannot open or score a
 * proposal they have a conflict with. Officers see every review of a call with names, raw
 * totals and totals normalised per reviewer (domain review-scores).
 */
export class ReviewService {
  constructor(private readonly db: Db) {}

  private async item(
    db: Db,
    a: AssignmentRecord,
    calls: Map<number, ReviewCallRecord>,
  ): Promise<ReviewQueueItem> {
    const [proposal] = await listReviewProposals(db, { ids: [a.proposalId] });
    if (!proposal) throw new NotFoundError('proposal', a.proposalId);
    let call = calls.get(a.callId);
    if (!call) {
      call = (await findReviewCall(db, a.callId)) as ReviewCallRecord;
      calls.set(a.callId, call);
    }
    const [review] = await listReviews(db, [a.id]);
    return {
      assignmentId: a.id,
      proposalId: proposal.id,
      callId: call.id,
      callTitle: call.title,
      title: proposal.title,
      abstract: proposal.abstract,
      plan: proposal.plan,
      startOn: proposal.startOn,
      endOn: proposal.endOn,
      leadOrganisationName: proposal.leadOrganisationName,
      partnerNames: proposal.partnerNames,
      requestedGrantKrw: proposal.requestedKrw,
      totalBudgetKrw: proposal.totalKrw,
      rubric: call.rubric,
      review: ownReview(review),
    };
  }

  /** The signed-in evaluator's assignments, without the proposals they have a conflict with. */
  async queue(ctx: RequestContext): Promise<ReviewQueueItem[]> {
    const me = await ownEvaluator(this.db, ctx);
    const assignments = (await listAssignments(this.db, { evaluatorId: me.id })).filter(
      (a) => a.status === 'assigned' || a.status === 'submitted',
    );
    const proposals = await listReviewProposals(this.db, {
      ids: assignments.map((a) => a.proposalId),
    });
    const conflicted = new Set(
      (await conflictsBetween(this.db, [me], proposals)).map((c) => c.proposalId),
    );
    const calls = new Map<number, ReviewCallRecord>();
    const out: ReviewQueueItem[] = [];
    for (const a of assignments) {
      if (!conflicted.has(a.proposalId)) out.push(await this.item(this.db, a, calls));
    }
    return out;
  }

  /**
   * One of the caller's own assignments: 404 for anyone else's (ids cannot be probed), 409
   * when the evaluator has a conflict with the proposal (naming it).
   */
  private async own(
    db: Db,
    ctx: RequestContext,
    assignmentId: number,
  ): Promise<{ me: EvaluatorRecord; assignment: AssignmentRecord }> {
    const me = await ownEvaluator(db, ctx);
    if (!decide(ctx.principal.grants, 'reviews', 'read', { assigned: true }))
      throw denied(ctx, 'read', 'review');
    const [assignment] = await listAssignments(db, { ids: [assignmentId] });
    if (!assignment || assignment.evaluatorId !== me.id)
      throw new NotFoundError('review assignment', assignmentId);
    const proposals = await listReviewProposals(db, { ids: [assignment.proposalId] });
    const conflicts = await conflictsBetween(db, [me], proposals);
    if (conflicts.length > 0)
      throw new ConflictError(
        `You have a conflict of interest with proposal ${assignment.proposalId}: ${describeConflicts(conflicts)}. Tell the programme officer; the proposal will be reassigned.`,
      );
    return { me, assignment };
  }

  async open(ctx: RequestContext, assignmentId: number): Promise<ReviewQueueItem> {
    const { assignment } = await this.own(this.db, ctx, assignmentId);
    return this.item(this.db, assignment, new Map());
  }

  /**
   * Saves the caller's review as a draft or submits it. The total is computed here from the
   * rubric; submitting needs every criterion scored; a submitted review is final.
   */
  async save(
    ctx: RequestContext,
    assignmentId: number,
    body: ReviewSave,
  ): Promise<ReviewQueueItem> {
    return this.db.transaction().execute(async (tx) => {
      const { assignment } = await this.own(tx, ctx, assignmentId);
      if (!decide(ctx.principal.grants, 'reviews', 'update', { assigned: true }))
        throw denied(ctx, 'update', 'review');
      const [before] = await listReviews(tx, [assignment.id]);
      if (before?.status === 'submitted')
        throw new ConflictError('This review is already submitted and can no longer change.');
      const [proposal] = await listReviewProposals(tx, { ids: [assignment.proposalId] });
      if (!proposal || !openForReview.has(proposal.status))
        throw new ConflictError(
          `Reviews of proposal ${assignment.proposalId} are closed (its state is ${proposal?.status ?? 'unknown'}).`,
        );
      const call = await loadCall(tx, assignment.callId);
      if (call.rubric.length === 0)
        throw new ConflictError(`Call ${call.code} has no rubric yet; scores cannot be given.`);
      const total = rubricTotal(call.rubric, body.scores);
      if (body.submit && total === null) {
        const missing = call.rubric.filter((c) => body.scores[c.code] === undefined);
        throw new ValidationError(
          `Score every criterion before submitting (missing: ${missing.map((c) => c.code).join(', ')})`,
          missing.map((c) => ({
            field: `body.scores.${c.code}`,
            message: 'is required to submit',
          })),
        );
      }
      const status = body.submit ? 'submitted' : 'draft';
      await upsertReview(tx, assignment.id, {
        scores: body.scores,
        total,
        commentToApplicant: body.commentToApplicant,
        commentToCommittee: body.commentToCommittee,
        status,
      });
      if (body.submit) await setAssignmentStatus(tx, assignment.id, 'submitted');
      const [after] = await listReviews(tx, [assignment.id]);
      await insertAuditEvents(tx, [
        auditEntry(ctx, before ? 'update' : 'create', 'reviews', after!.id, before ?? null, after),
      ]);
      return this.item(
        tx,
        { ...assignment, status: body.submit ? 'submitted' : assignment.status },
        new Map(),
      );
    });
  }

  /** Every review of a call with reviewer names, for officers; normalised per reviewer. */
  async forCall(
    ctx: RequestContext,
    callId: number,
    normalisation: ReviewNormalisation,
  ): Promise<CallReviews> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'read', call, 'reviews');
    const assignments = await listAssignments(this.db, { callId });
    const reviews = await listReviews(
      this.db,
      assignments.map((a) => a.id),
    );
    const byAssignment = new Map(reviews.map((r) => [r.assignmentId, r]));
    const submitted = assignments.flatMap((a) => {
      const r = byAssignment.get(a.id);
      return r?.status === 'submitted' && r.total !== null
        ? [
            {
              reviewerId: String(a.evaluatorId),
              proposalId: String(a.proposalId),
              score: r.total,
              id: a.id,
            },
          ]
        : [];
    });
    const normalised = new Map(
      normaliseReviewScores(submitted, normalisation).map((n, i) => [
        (submitted[i] as { id: number }).id,
        n.normalised,
      ]),
    );
    const proposals = new Map<number, CallReviews['proposals'][number]>();
    for (const a of assignments) {
      const r = byAssignment.get(a.id);
      const entry = proposals.get(a.proposalId) ?? {
        proposalId: a.proposalId,
        title: a.proposalTitle,
        reviews: [],
      };
      if (r)
        entry.reviews.push({
          assignmentId: a.id,
          evaluatorId: a.evaluatorId,
          evaluatorName: a.evaluatorName,
          status: r.status,
          scores: r.scores,
          total: r.total,
          normalised: normalised.get(a.id) ?? null,
          commentToCommittee: r.commentToCommittee,
          commentToApplicant: r.commentToApplicant,
        });
      proposals.set(a.proposalId, entry);
    }
    return { callId, normalisation, rubric: call.rubric, proposals: [...proposals.values()] };
  }
}
