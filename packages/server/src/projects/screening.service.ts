import type { ScreeningCreate, ScreeningRow } from '@innocluster/contracts';
import { proposalWorkflow } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { CommitteeService } from './committee.service.ts';
import { checkOfficer, loadCall, proposalTarget } from './review-access.ts';
import {
  insertDecision,
  insertScreening,
  instrumentRules,
  listDecisions,
  listReviewProposals,
  listScreenings,
  setProposalStatus,
} from './review.repository.ts';
import { nextState, recordTransition, rolesOver } from './workflow-step.ts';

const outcomeActions = {
  pass: 'pass_screening',
  fail: 'fail_screening',
  fast_track: 'fast_track_select',
} as const;

const formatKrw = (n: number) => `KRW ${n.toLocaleString('en-US')}`;

/**
 * Preliminary screening of a submitted (or resubmitted) proposal: the officer records the
 * checks and an outcome. Pass sends it to review; fail rejects it with a reason sent to the
 * applicant; fast track selects a proposal whose public request is below the instrument's
 * fast-track threshold without the committee (DOMAIN.md: small tasks went by a fast track),
 * creating its project. All through the proposal workflow table, in one transaction.
 */
export class ScreeningService {
  private readonly committee: CommitteeService;

  constructor(private readonly db: Db) {
    this.committee = new CommitteeService(db);
  }

  async list(ctx: RequestContext, proposalId: number): Promise<ScreeningRow[]> {
    const [proposal] = await listReviewProposals(this.db, { ids: [proposalId] });
    if (!proposal) throw new NotFoundError('proposal', proposalId);
    checkOfficer(ctx, 'read', await loadCall(this.db, proposal.callId), 'screening');
    // The latest screening carries the screening decision (fail or fast track), if any.
    const decision =
      (await listDecisions(this.db, [proposalId])).find(
        (d) => d.decision === 'fast_track_select' || d.decision === 'fail_screening',
      ) ?? null;
    const rows = await listScreenings(this.db, proposalId);
    return rows.map((s, i) => ({
      ...s,
      checks: s.checks as ScreeningRow['checks'],
      proposalStatus: proposal.status,
      decision: i === rows.length - 1 ? decision : null,
    }));
  }

  async screen(
    ctx: RequestContext,
    proposalId: number,
    body: ScreeningCreate,
  ): Promise<ScreeningRow> {
    return this.db.transaction().execute(async (tx) => {
      const [proposal] = await listReviewProposals(tx, { ids: [proposalId] });
      if (!proposal) throw new NotFoundError('proposal', proposalId);
      const call = await loadCall(tx, proposal.callId);
      checkOfficer(ctx, 'update', call, 'screening');
      const roles = rolesOver(ctx, 'proposals', proposalTarget(ctx, proposal, call.programmeId));
      const reason = body.reason.trim();
      const failed = body.checks.filter((c) => !c.passed);
      if (body.outcome !== 'fail' && failed.length > 0)
        throw new ValidationError(
          `A proposal that fails a check cannot ${body.outcome === 'pass' ? 'pass' : 'be fast-tracked'} (failed: ${failed.map((c) => c.code).join(', ')})`,
          failed.map((c) => ({
            field: `body.checks.${body.checks.indexOf(c)}.passed`,
            message: `${c.label} failed`,
          })),
        );
      if (body.outcome !== 'pass' && reason === '')
        throw new ValidationError('A reason is required; the applicant reads it', [
          {
            field: 'body.reason',
            message: `is required to ${body.outcome === 'fail' ? 'fail' : 'fast-track'} a proposal`,
          },
        ]);
      let from = proposal.status;
      // Screening begins with its first record: submitted or resubmitted -> screening.
      if (from === 'submitted' || from === 'resubmitted') {
        const start = { action: 'start_screening' };
        const to = nextState(proposalWorkflow, from, start, roles);
        await setProposalStatus(tx, proposal.id, to);
        await recordTransition(tx, ctx, {
          entity: 'proposal',
          entityId: proposal.id,
          from,
          to,
          request: start,
        });
        from = to;
      }
      const request = { action: outcomeActions[body.outcome], reason: reason || null };
      const to = nextState(proposalWorkflow, from, request, roles);
      let decision = null;
      if (body.outcome === 'fast_track') {
        const rules = (await instrumentRules(tx, proposal.instrumentId)) as {
          fastTrackBelowKrw?: number | null;
        } | null;
        const threshold = rules?.fastTrackBelowKrw ?? null;
        if (threshold === null || !(proposal.requestedKrw < threshold))
          throw new ConflictError(
            threshold === null
              ? 'This instrument has no fast track; pass the proposal to review instead'
              : `The public request ${formatKrw(proposal.requestedKrw)} is not below the instrument's fast-track threshold ${formatKrw(threshold)}; pass the proposal to review instead`,
          );
        await this.committee.checkBudget(tx, call, proposal.requestedKrw);
      }
      const screeningId = await insertScreening(tx, {
        proposalId: proposal.id,
        version: proposal.version,
        passed: body.outcome !== 'fail',
        checks: body.checks,
        notes: body.notes,
        screenedBy: ctx.principal.userId,
      });
      await setProposalStatus(tx, proposal.id, to);
      await recordTransition(tx, ctx, {
        entity: 'proposal',
        entityId: proposal.id,
        from,
        to,
        request,
      });
      if (body.outcome !== 'pass') {
        const id = await insertDecision(tx, {
          proposalId: proposal.id,
          meetingId: null,
          decision: body.outcome === 'fail' ? 'fail_screening' : 'fast_track_select',
          reason,
          rank: null,
          approvedGrantKrw: body.outcome === 'fast_track' ? proposal.requestedKrw : null,
          decidedBy: ctx.principal.userId,
          notify: true,
        });
        if (body.outcome === 'fast_track')
          await this.committee.createProject(tx, ctx, proposal, proposal.requestedKrw);
        decision = (await listDecisions(tx, [proposal.id])).find((d) => d.id === id) ?? null;
      }
      const row = (await listScreenings(tx, proposal.id)).find((s) => s.id === screeningId)!;
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'proposal-screenings', screeningId, null, row),
      ]);
      return {
        ...row,
        checks: row.checks as ScreeningRow['checks'],
        proposalStatus: to,
        decision,
      };
    });
  }
}
