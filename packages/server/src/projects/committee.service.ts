import type {
  ApplicantDecisions,
  CallRanking,
  CommitteeMeetingRow,
  ProposalDecisionCreate,
  ProposalDecisionRow,
  RankingRow,
} from '@innocluster/contracts';
import {
  decide,
  proposalWorkflow,
  rankProposalScores,
  selectByRankWithinBudget,
  summariseProposalScores,
  type ReviewNormalisation,
} from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import { nextState, recordTransition, rolesOver } from './workflow-step.ts';
import { checkOfficer, loadCall, proposalTarget } from './review-access.ts';
import {
  committedGrants,
  insertDecision,
  insertInspection,
  insertMeeting,
  insertNote,
  insertProject,
  latestInspections,
  listAssignments,
  listDecisions,
  listInspections,
  listMeetings,
  listReviewProposals,
  listReviews,
  notifyDecisions,
  setProposalStatus,
  updateMeeting,
  type DecisionRecord,
  type ReviewCallRecord,
  type ReviewProposalRecord,
} from './review.repository.ts';

/** States of proposals that appear in a call's ranking (reviewed, in committee or decided). */
const rankedStates = [
  'in_review',
  'committee',
  'selected',
  'rejected',
  'revise_requested',
  'resubmitted',
];

const decisionActions = {
  select: 'select',
  revise: 'request_revision',
  reject: 'reject',
} as const;

const formatKrw = (n: number) => `KRW ${n.toLocaleString('en-US')}`;

/**
 * Ranks a call's reviewed proposals by the mean of their reviews normalised per reviewer
 * (domain `summariseProposalScores`; 'mean-centre' keeps the 0–100 scale) with standard
 * competition ranks, and draws the budget line: requested amounts summed down the ranking
 * against the call budget (the cut-off is where the sum first exceeds it), and the domain's
 * selection by rank within the budget still free (`selectByRankWithinBudget`: fund each
 * undecided proposal in rank order that still fits, skip one that does not).
 */
export function buildRanking(
  call: ReviewCallRecord,
  proposals: ReviewProposalRecord[],
  submitted: { reviewerId: string; proposalId: string; score: number }[],
  expected: Map<number, number>,
  decisions: DecisionRecord[],
  committedKrw: number,
  normalisation: ReviewNormalisation,
  inspections: {
    proposalId: number;
    inspectedOn: string;
    recommendation: string | null;
    findings: string;
  }[] = [],
): CallRanking {
  const inspectionOf = new Map(
    inspections.map((i) => [
      i.proposalId,
      {
        inspectedOn: i.inspectedOn,
        recommendation: i.recommendation as NonNullable<RankingRow['inspection']>['recommendation'],
        findings: i.findings,
      },
    ]),
  );
  const summaries = new Map(
    summariseProposalScores(submitted, normalisation).map((s) => [Number(s.proposalId), s]),
  );
  const ranked = rankProposalScores(
    proposals
      .filter((p) => summaries.has(p.id))
      .map((p) => ({ id: String(p.id), score: summaries.get(p.id)!.normalisedMean })),
  );
  const rankOf = new Map(ranked.map((r) => [Number(r.id), r.rank]));
  const order = [
    ...ranked.map((r) => proposals.find((p) => p.id === Number(r.id))!),
    ...proposals.filter((p) => !summaries.has(p.id)),
  ];
  const remaining = call.budgetKrw - committedKrw;
  const undecided = order.filter((p) => rankOf.has(p.id) && p.status === 'committee');
  const suggestion = selectByRankWithinBudget(
    undecided.map((p) => ({
      id: String(p.id),
      score: summaries.get(p.id)!.normalisedMean,
      amountKrw: p.requestedKrw,
    })),
    Math.max(0, remaining),
  );
  const suggested = new Set(suggestion.selected.map(Number));
  const latest = new Map<number, DecisionRecord>();
  for (const d of decisions) latest.set(d.proposalId, d);
  let cumulative = 0;
  const rows: RankingRow[] = order.map((p) => {
    const s = summaries.get(p.id);
    const counts = p.status !== 'rejected' && p.status !== 'withdrawn';
    if (counts) cumulative += p.requestedKrw;
    return {
      rank: rankOf.get(p.id) ?? null,
      proposalId: p.id,
      title: p.title,
      leadOrganisationName: p.leadOrganisationName,
      status: p.status,
      reviews: s?.reviews ?? 0,
      reviewsExpected: expected.get(p.id) ?? 0,
      rawMean: s?.rawMean ?? null,
      normalisedMean: s?.normalisedMean ?? null,
      requestedKrw: p.requestedKrw,
      cumulativeKrw: cumulative,
      aboveCutoff: counts && cumulative <= call.budgetKrw,
      suggested: suggested.has(p.id),
      decision: latest.get(p.id) ?? null,
      inspection: inspectionOf.get(p.id) ?? null,
    };
  });
  return {
    callId: call.id,
    callTitle: call.title,
    budgetKrw: call.budgetKrw,
    committedKrw,
    remainingKrw: remaining,
    suggestedKrw: suggestion.totalAmountKrw,
    normalisation,
    rows,
  };
}

/**
 * The committee stage: the ranking with its budget line, meetings with discussion notes per
 * proposal, field inspections, sending reviewed proposals to the committee, and decisions
 * (select, request revision, reject) with reasons, sent to the applicants. Selecting creates
 * the project in the same transaction and never takes the call past its budget.
 */
export class CommitteeService {
  constructor(private readonly db: Db) {}

  private async rankingOf(
    db: Db,
    call: ReviewCallRecord,
    normalisation: ReviewNormalisation,
  ): Promise<CallRanking> {
    const proposals = await listReviewProposals(db, { callId: call.id, statuses: rankedStates });
    const assignments = await listAssignments(db, { callId: call.id });
    const reviews = await listReviews(
      db,
      assignments.map((a) => a.id),
    );
    const byAssignment = new Map(reviews.map((r) => [r.assignmentId, r]));
    const expected = new Map<number, number>();
    const submitted: { reviewerId: string; proposalId: string; score: number }[] = [];
    for (const a of assignments) {
      if (a.status !== 'declined' && a.status !== 'withdrawn')
        expected.set(a.proposalId, (expected.get(a.proposalId) ?? 0) + 1);
      const r = byAssignment.get(a.id);
      if (r?.status === 'submitted' && r.total !== null)
        submitted.push({
          reviewerId: String(a.evaluatorId),
          proposalId: String(a.proposalId),
          score: r.total,
        });
    }
    const decisions = await listDecisions(
      db,
      proposals.map((p) => p.id),
    );
    return buildRanking(
      call,
      proposals,
      submitted,
      expected,
      decisions,
      await committedGrants(db, call.id),
      normalisation,
      await latestInspections(
        db,
        proposals.map((p) => p.id),
      ),
    );
  }

  async ranking(
    ctx: RequestContext,
    callId: number,
    normalisation: ReviewNormalisation,
  ): Promise<CallRanking> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'read', call, 'ranking');
    return this.rankingOf(this.db, call, normalisation);
  }

  /** Moves the call's proposals in review (all, or those named) to the committee. */
  async sendToCommittee(
    ctx: RequestContext,
    callId: number,
    proposalIds?: number[],
  ): Promise<{ moved: number[] }> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'update', call, 'proposals');
    return this.db.transaction().execute(async (tx) => {
      const proposals = await listReviewProposals(
        tx,
        proposalIds ? { ids: proposalIds } : { callId, statuses: ['in_review'] },
      );
      const moved: number[] = [];
      for (const p of proposals) {
        if (p.callId !== callId)
          throw new ValidationError(`Proposal ${p.id} is not in call ${callId}`, [
            { field: 'body.proposalIds', message: `proposal ${p.id} is in another call` },
          ]);
        const request = { action: 'send_to_committee' };
        const to = nextState(
          proposalWorkflow,
          p.status,
          request,
          rolesOver(ctx, 'proposals', proposalTarget(ctx, p, call.programmeId)),
        );
        await setProposalStatus(tx, p.id, to);
        await recordTransition(tx, ctx, {
          entity: 'proposal',
          entityId: p.id,
          from: p.status,
          to,
          request,
        });
        moved.push(p.id);
      }
      return { moved };
    });
  }

  /**
   * Decides one proposal in committee: select (with the approved grant, by default the public
   * amount requested), request a revision, or reject; a reason is always required and is what
   * the applicant reads. Illegal from the proposal's state: 409 listing the allowed steps.
   * Selecting past the call budget: 409 with the amounts.
   */
  async decide(
    ctx: RequestContext,
    proposalId: number,
    body: ProposalDecisionCreate,
  ): Promise<ProposalDecisionRow> {
    return this.db.transaction().execute(async (tx) => {
      const [proposal] = await listReviewProposals(tx, { ids: [proposalId] });
      if (!proposal) throw new NotFoundError('proposal', proposalId);
      const call = await loadCall(tx, proposal.callId);
      checkOfficer(ctx, 'update', call, 'decision');
      const reason = body.reason.trim();
      if (reason === '')
        throw new ValidationError('A decision sent to the applicant needs a reason', [
          { field: 'body.reason', message: 'is required: the applicant reads it' },
        ]);
      const request = { action: decisionActions[body.decision], reason };
      const to = nextState(
        proposalWorkflow,
        proposal.status,
        request,
        rolesOver(ctx, 'proposals', proposalTarget(ctx, proposal, call.programmeId)),
      );
      if (body.meetingId !== null) {
        const [meeting] = await listMeetings(tx, { id: body.meetingId });
        if (!meeting || meeting.callId !== call.id)
          throw new ValidationError(`No committee meeting ${body.meetingId} for this call`, [
            {
              field: 'body.meetingId',
              message: `no meeting with id ${body.meetingId} in call ${call.id}`,
            },
          ]);
      }
      const ranking = await this.rankingOf(tx, call, 'mean-centre');
      const rank = ranking.rows.find((r) => r.proposalId === proposal.id)?.rank ?? null;
      let grant: number | null = null;
      if (body.decision === 'select') {
        grant = body.approvedGrantKrw ?? proposal.requestedKrw;
        await this.checkBudget(tx, call, grant);
        if (proposal.startOn === null || proposal.endOn === null)
          throw new ValidationError(
            `Proposal ${proposal.id} has no ${proposal.startOn === null ? 'start' : 'end'} date; the project needs both`,
            [
              {
                field: proposal.startOn === null ? 'proposal.startOn' : 'proposal.endOn',
                message: 'is required to create the project',
              },
            ],
          );
      }
      await setProposalStatus(tx, proposal.id, to);
      await recordTransition(tx, ctx, {
        entity: 'proposal',
        entityId: proposal.id,
        from: proposal.status,
        to,
        request,
      });
      const decisionId = await insertDecision(tx, {
        proposalId: proposal.id,
        meetingId: body.meetingId,
        decision: body.decision,
        reason,
        rank,
        approvedGrantKrw: grant,
        decidedBy: ctx.principal.userId,
        notify: body.notify,
      });
      if (body.decision === 'select') await this.createProject(tx, ctx, proposal, grant as number);
      const row = (await listDecisions(tx, [proposal.id])).find((d) => d.id === decisionId)!;
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'proposal-decisions', row.id, null, row),
      ]);
      return row;
    });
  }

  /** Refuses a grant that would take the call's approved grants past its budget. */
  async checkBudget(db: Db, call: ReviewCallRecord, grant: number): Promise<void> {
    const committed = await committedGrants(db, call.id);
    if (committed + grant > call.budgetKrw)
      throw new ConflictError(
        `Selecting this proposal would exceed the call budget: ${formatKrw(committed)} already approved + ${formatKrw(grant)} = ${formatKrw(committed + grant)} > ${formatKrw(call.budgetKrw)}`,
        [
          {
            field: 'body.approvedGrantKrw',
            message: `at most ${formatKrw(Math.max(0, call.budgetKrw - committed))} remains`,
          },
        ],
      );
  }

  /** The project of a selected proposal (status active), in the caller's transaction. */
  async createProject(
    tx: Db,
    ctx: RequestContext,
    proposal: ReviewProposalRecord,
    grant: number,
  ): Promise<number> {
    if (proposal.startOn === null || proposal.endOn === null)
      throw new ValidationError(
        `Proposal ${proposal.id} needs start and end dates to become a project`,
        [{ field: 'proposal.startOn', message: 'start and end dates are required' }],
      );
    const projectId = await insertProject(tx, {
      proposalId: proposal.id,
      callId: proposal.callId,
      instrumentId: proposal.instrumentId,
      complexId: proposal.complexId,
      miniClusterId: proposal.miniClusterId,
      leadOrganisationId: proposal.leadOrganisationId,
      title: proposal.title,
      startOn: proposal.startOn,
      endOn: proposal.endOn,
      approvedGrantKrw: grant,
      synthetic: proposal.synthetic,
    });
    await recordTransition(tx, ctx, {
      entity: 'project',
      entityId: projectId,
      from: null,
      to: 'active',
      request: { action: 'create' },
    });
    return projectId;
  }

  /** Sends the call's decisions not yet sent to the applicants (sets notifiedAt). */
  async notify(ctx: RequestContext, callId: number): Promise<{ notified: number[] }> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'update', call, 'decisions');
    return this.db.transaction().execute(async (tx) => {
      const notified = await notifyDecisions(tx, callId);
      await insertAuditEvents(
        tx,
        notified.map((id) =>
          auditEntry(ctx, 'update', 'proposal-decisions', id, null, { notified: true }),
        ),
      );
      return { notified };
    });
  }

  /**
   * Decisions as the applicant sees them: only those sent, with reasons and the reviewers'
   * comments to the applicant, never who reviewed or their scores. Officers also see unsent ones.
   */
  async forApplicant(ctx: RequestContext, proposalId: number): Promise<ApplicantDecisions> {
    const [proposal] = await listReviewProposals(this.db, { ids: [proposalId] });
    if (!proposal) throw new NotFoundError('proposal', proposalId);
    const call = await loadCall(this.db, proposal.callId);
    const target = proposalTarget(ctx, proposal, call.programmeId);
    if (!decide(ctx.principal.grants, 'proposals', 'read', target)) {
      if (ctx.principal.userId === null) throw denied(ctx, 'read', 'proposal');
      throw new NotFoundError('proposal', proposalId);
    }
    const officer = decide(ctx.principal.grants, 'reviews', 'read', {
      programmeIds: [call.programmeId],
    });
    const decisions = (await listDecisions(this.db, [proposalId])).filter(
      (d) => officer || d.notifiedAt !== null,
    );
    let reviewerComments: string[] = [];
    if (decisions.length > 0) {
      const assignments = await listAssignments(this.db, { proposalIds: [proposalId] });
      reviewerComments = (
        await listReviews(
          this.db,
          assignments.map((a) => a.id),
        )
      )
        .filter((r) => r.status === 'submitted' && r.commentToApplicant)
        .map((r) => r.commentToApplicant as string)
        // Sorted so the order does not reveal which reviewer wrote what.
        .sort((a, b) => a.localeCompare(b));
    }
    return {
      proposalId,
      status: proposal.status,
      decisions: decisions.map(({ meetingId: _m, rank: _r, ...d }) => d),
      reviewerComments,
    };
  }

  async meetings(ctx: RequestContext, callId: number): Promise<CommitteeMeetingRow[]> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'read', call, 'committee meetings');
    return listMeetings(this.db, { callId });
  }

  private async meeting(
    db: Db,
    ctx: RequestContext,
    id: number,
    action: 'read' | 'update' | 'create',
  ) {
    const [meeting] = await listMeetings(db, { id });
    if (!meeting) throw new NotFoundError('committee meeting', id);
    const call = await loadCall(db, meeting.callId);
    checkOfficer(ctx, action, call, 'committee meeting');
    return meeting;
  }

  async getMeeting(ctx: RequestContext, id: number): Promise<CommitteeMeetingRow> {
    return this.meeting(this.db, ctx, id, 'read');
  }

  async createMeeting(
    ctx: RequestContext,
    callId: number,
    body: { heldOn: string; title: string; members: string | null },
  ): Promise<CommitteeMeetingRow> {
    const call = await loadCall(this.db, callId);
    checkOfficer(ctx, 'create', call, 'committee meeting');
    return this.db.transaction().execute(async (tx) => {
      const id = await insertMeeting(tx, { callId, ...body });
      const [row] = await listMeetings(tx, { id });
      await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'committee-meetings', id, null, row)]);
      return row!;
    });
  }

  async updateMeeting(
    ctx: RequestContext,
    id: number,
    body: { status?: string; minutes?: string | null; members?: string | null },
  ): Promise<CommitteeMeetingRow> {
    return this.db.transaction().execute(async (tx) => {
      const before = await this.meeting(tx, ctx, id, 'update');
      await updateMeeting(tx, id, body);
      const [after] = await listMeetings(tx, { id });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'update', 'committee-meetings', id, before, after),
      ]);
      return after!;
    });
  }

  async addNote(
    ctx: RequestContext,
    meetingId: number,
    body: { proposalId: number; body: string },
  ): Promise<CommitteeMeetingRow> {
    return this.db.transaction().execute(async (tx) => {
      const meeting = await this.meeting(tx, ctx, meetingId, 'update');
      const [proposal] = await listReviewProposals(tx, { ids: [body.proposalId] });
      if (!proposal || proposal.callId !== meeting.callId)
        throw new ValidationError(`No proposal ${body.proposalId} in this meeting's call`, [
          {
            field: 'body.proposalId',
            message: `no proposal with id ${body.proposalId} in call ${meeting.callId}`,
          },
        ]);
      const id = await insertNote(tx, {
        meetingId,
        proposalId: body.proposalId,
        userId: ctx.principal.userId,
        body: body.body,
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'committee-notes', id, null, { meetingId, ...body }),
      ]);
      const [after] = await listMeetings(tx, { id: meetingId });
      return after!;
    });
  }

  private async officerProposal(
    db: Db,
    ctx: RequestContext,
    proposalId: number,
    action: 'read' | 'create',
  ) {
    const [proposal] = await listReviewProposals(db, { ids: [proposalId] });
    if (!proposal) throw new NotFoundError('proposal', proposalId);
    const call = await loadCall(db, proposal.callId);
    checkOfficer(ctx, action, call, 'field inspection');
    return proposal;
  }

  async inspections(ctx: RequestContext, proposalId: number) {
    await this.officerProposal(this.db, ctx, proposalId, 'read');
    return listInspections(this.db, proposalId);
  }

  async addInspection(
    ctx: RequestContext,
    proposalId: number,
    body: {
      inspectedOn: string;
      inspectors: string;
      findings: string;
      recommendation: string | null;
    },
  ) {
    return this.db.transaction().execute(async (tx) => {
      await this.officerProposal(tx, ctx, proposalId, 'create');
      const id = await insertInspection(tx, {
        proposalId,
        ...body,
        createdBy: ctx.principal.userId,
      });
      const row = (await listInspections(tx, proposalId)).find((i) => i.id === id)!;
      await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'field-inspections', id, null, row)]);
      return row;
    });
  }
}
