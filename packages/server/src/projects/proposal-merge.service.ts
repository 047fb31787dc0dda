import type {
  ProposalMergeCreate,
  ProposalMergeDecision,
  ProposalMergeListQuery,
  ProposalMergeRow,
} from '@innocluster/contracts';
import { decide, proposalWorkflow } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import {
  decideConsent,
  insertConsents,
  insertMerge,
  listMergeIds,
  mergesByIds,
  pendingMergesOf,
  updateMerge,
} from './proposal-merge.repository.ts';
import {
  budgetsOf,
  findProposal,
  insertProposal,
  milestonesOf,
  partiesOf,
  proposalsByIds,
  replaceBudget,
  replaceMilestones,
  replaceParties,
  updateProposal,
  type PartyValues,
  type ProposalRecord,
} from './proposal.repository.ts';
import type { ProposalService } from './proposal.service.ts';
import { recordTransition } from './workflow-step.ts';

/**
 * Merging proposals into one, only with the consent of every lead (DOMAIN.md, "What went
 * wrong": three proposals were merged into one team with one team's budget, without their
 * consent). A request names two or more proposals of one call; each lead consents or refuses;
 * one refusal ends it; when all have consented, a merged draft is created with the union of
 * partners, budget lines and milestones, and the sources are withdrawn, pointing to it.
 */
export class ProposalMergeService {
  constructor(
    private readonly db: Db,
    private readonly proposals: ProposalService,
  ) {}

  private async visibleMerge(db: Db, ctx: RequestContext, id: number): Promise<ProposalMergeRow> {
    const [merge] = await mergesByIds(db, [id]);
    if (merge) {
      for (const k of merge.consents) {
        try {
          await this.proposals.visible(db, ctx, k.proposalId);
          return merge;
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 404) throw error;
        }
      }
    }
    throw new NotFoundError('proposal merge', id);
  }

  async list(ctx: RequestContext, query: ProposalMergeListQuery): Promise<ProposalMergeRow[]> {
    const merges = await mergesByIds(this.db, await listMergeIds(this.db, query));
    const out: ProposalMergeRow[] = [];
    for (const m of merges) {
      try {
        out.push(await this.visibleMerge(this.db, ctx, m.id));
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return out;
  }

  async get(ctx: RequestContext, id: number): Promise<ProposalMergeRow> {
    return this.visibleMerge(this.db, ctx, id);
  }

  /** Opens a merge request: the requester must be allowed to change at least one of them. */
  async request(ctx: RequestContext, body: ProposalMergeCreate): Promise<ProposalMergeRow> {
    return this.db.transaction().execute(async (tx) => {
      const sources: ProposalRecord[] = [];
      for (const id of body.proposalIds) sources.push(await this.proposals.visible(tx, ctx, id));
      let mayChangeOne = false;
      for (const p of sources)
        if ((await this.proposals.rolesFor(tx, ctx, p)).length > 0) mayChangeOne = true;
      if (!mayChangeOne) throw denied(ctx, 'update', 'proposal');
      const callId = sources[0]!.callId;
      const errors = sources
        .map((p, i) => ({ p, i }))
        .filter(({ p }) => p.callId !== callId)
        .map(({ p, i }) => ({
          field: `body.proposalIds.${i}`,
          message: `proposal ${p.id} belongs to call ${p.callCode}, not ${sources[0]!.callCode}`,
        }));
      if (errors.length) throw new ValidationError('Proposals of different calls', errors);
      const closed = sources.filter((p) => proposalWorkflow.terminal.includes(p.status));
      if (closed.length)
        throw new ConflictError(
          `proposals ${closed.map((p) => `${p.id} (${p.status})`).join(', ')} are final and cannot be merged`,
          closed.map((p) => ({
            field: `body.proposalIds.${body.proposalIds.indexOf(p.id)}`,
            message: `proposal is ${p.status}`,
          })),
        );
      const pending = await pendingMergesOf(tx, body.proposalIds);
      if (pending.length)
        throw new ConflictError(
          `proposal ${pending[0]!.proposalId} is already in pending merge ${pending[0]!.id}`,
          pending.map((k) => ({
            field: `body.proposalIds.${body.proposalIds.indexOf(k.proposalId)}`,
            message: `in pending merge ${k.id}`,
          })),
        );
      const leads = sources.map((p) => p.leadOrganisationId);
      const lead = body.leadOrganisationId ?? leads[0]!;
      if (!leads.includes(lead))
        throw new ValidationError('The merged lead must be one of the leads', [
          {
            field: 'body.leadOrganisationId',
            message: `organisation ${lead} leads none of the proposals (${leads.join(', ')})`,
          },
        ]);
      const id = await insertMerge(tx, {
        callId,
        title: body.title,
        reason: body.reason,
        requestedBy: ctx.principal.userId,
        leadOrganisationId: lead,
      });
      await insertConsents(
        tx,
        sources.map((p) => ({
          mergeId: id,
          proposalId: p.id,
          organisationId: p.leadOrganisationId,
        })),
      );
      const [row] = await mergesByIds(tx, [id]);
      await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'proposal_merge', id, null, row)]);
      return row!;
    });
  }

  /**
   * A lead's decision. Only a member of the lead organisation decides for it: neither an
   * officer nor a coordinator may consent on a firm's behalf.
   */
  async decide(
    ctx: RequestContext,
    id: number,
    body: ProposalMergeDecision,
  ): Promise<ProposalMergeRow> {
    return this.db.transaction().execute(async (tx) => {
      const merge = await this.visibleMerge(tx, ctx, id);
      const consent = merge.consents.find((k) => k.proposalId === body.proposalId);
      if (!consent)
        throw new ValidationError(`Proposal ${body.proposalId} is not part of merge ${id}`, [
          {
            field: 'body.proposalId',
            message: `not one of ${merge.consents.map((k) => k.proposalId).join(', ')}`,
          },
        ]);
      const isLeadMember = ctx.principal.grants.some(
        (g) => g.role === 'member' && g.organisationIds.includes(consent.organisationId),
      );
      if (!isLeadMember)
        throw new AppError(
          ctx.principal.userId === null ? 401 : 403,
          'Forbidden',
          `Only a member of ${consent.organisationName}, the lead of proposal ${consent.proposalId}, may consent to or refuse this merge.`,
        );
      if (merge.status !== 'pending')
        throw new ConflictError(`merge ${id} is ${merge.status}; no more decisions are taken`);
      if (consent.decision !== 'pending')
        throw new ConflictError(
          `${consent.organisationName} already decided (${consent.decision}) on merge ${id}`,
          [{ field: 'body.proposalId', message: `already ${consent.decision}` }],
        );
      await decideConsent(tx, id, body.proposalId, {
        decision: body.decision,
        reason: body.reason,
        decidedBy: ctx.principal.userId,
      });
      await insertAuditEvents(tx, [
        auditEntry(
          ctx,
          'update',
          'proposal_merge_consent',
          `${id}:${body.proposalId}`,
          { decision: 'pending' },
          body,
        ),
      ]);
      if (body.decision === 'refuse') {
        await updateMerge(tx, id, { status: 'refused' });
        await insertAuditEvents(tx, [
          auditEntry(
            ctx,
            'update',
            'proposal_merge',
            id,
            { status: 'pending' },
            { status: 'refused' },
          ),
        ]);
      } else if (
        merge.consents.every((k) => k.proposalId === body.proposalId || k.decision === 'consent')
      ) {
        await this.carryOut(tx, ctx, merge);
      }
      const [row] = await mergesByIds(tx, [id]);
      return row!;
    });
  }

  /** The merge itself, once everyone consented: one new draft, the sources withdrawn. */
  private async carryOut(tx: Db, ctx: RequestContext, merge: ProposalMergeRow): Promise<void> {
    const ids = merge.consents.map((k) => k.proposalId);
    const sources = await proposalsByIds(tx, ids);
    const closed = sources.filter((p) => proposalWorkflow.terminal.includes(p.status));
    if (closed.length)
      throw new ConflictError(
        `proposals ${closed.map((p) => `${p.id} (${p.status})`).join(', ')} became final; merge ${merge.id} cannot go ahead`,
      );
    const leadOrg = merge.leadOrganisationId ?? sources[0]!.leadOrganisationId;
    const main = sources.find((p) => p.leadOrganisationId === leadOrg) ?? sources[0]!;
    const parties = await partiesOf(tx, ids);
    const budgets = await budgetsOf(tx, ids);
    const partners = new Map<number, PartyValues>();
    for (const p of sources) {
      if (p.leadOrganisationId !== leadOrg && !partners.has(p.leadOrganisationId))
        partners.set(p.leadOrganisationId, {
          organisationId: p.leadOrganisationId,
          role: 'partner',
        });
      for (const x of parties.get(p.id) ?? [])
        if (x.organisationId !== leadOrg && !partners.has(x.organisationId))
          partners.set(x.organisationId, { organisationId: x.organisationId, role: x.role });
    }
    const milestones = [];
    for (const p of sources) milestones.push(...(await milestonesOf(tx, p.id)));
    milestones.sort((a, b) => (a.dueOn ?? '9999').localeCompare(b.dueOn ?? '9999'));
    const dates = (pick: (p: ProposalRecord) => string | null) =>
      sources
        .map(pick)
        .filter((d): d is string => d !== null)
        .sort();
    const starts = dates((p) => p.startOn);
    const ends = dates((p) => p.endOn);
    const section = (pick: (p: ProposalRecord) => string | null) => {
      const parts = sources
        .filter((p) => pick(p))
        .map((p) => `## ${p.title} (proposal ${p.id})\n\n${pick(p)}`);
      return parts.length ? parts.join('\n\n') : null;
    };
    const resultId = await insertProposal(tx, {
      callId: main.callId,
      instrumentId: main.instrumentId,
      demandId: main.demandId,
      complexId: main.complexId,
      miniClusterId: main.miniClusterId,
      leadOrganisationId: leadOrg,
      title: merge.title,
      abstract: section((p) => p.abstract),
      plan: section((p) => p.plan),
      startOn: starts[0] ?? null,
      endOn: ends[ends.length - 1] ?? null,
      status: proposalWorkflow.initial,
      createdBy: ctx.principal.userId,
      synthetic: sources.every((p) => p.synthetic),
    });
    await replaceParties(tx, resultId, [...partners.values()]);
    await replaceBudget(
      tx,
      resultId,
      sources.flatMap((p) => (budgets.get(p.id) ?? []).map(({ proposalId: _, ...line }) => line)),
    );
    await replaceMilestones(tx, resultId, milestones);
    await insertAuditEvents(tx, [
      auditEntry(ctx, 'create', 'proposal', resultId, null, { mergeId: merge.id, sources: ids }),
    ]);
    await recordTransition(tx, ctx, {
      entity: 'proposal',
      entityId: resultId,
      from: null,
      to: proposalWorkflow.initial,
      request: { action: 'merge', reason: `merge ${merge.id} of proposals ${ids.join(', ')}` },
    });
    for (const p of sources) {
      await updateProposal(tx, p.id, { status: 'withdrawn', mergedIntoId: resultId });
      await recordTransition(tx, ctx, {
        entity: 'proposal',
        entityId: p.id,
        from: p.status,
        to: 'withdrawn',
        request: {
          action: 'merge',
          reason: `merged into proposal ${resultId} with the consent of every lead (merge ${merge.id})`,
        },
      });
    }
    await updateMerge(tx, merge.id, { status: 'merged', resultProposalId: resultId });
    await insertAuditEvents(tx, [
      auditEntry(
        ctx,
        'update',
        'proposal_merge',
        merge.id,
        { status: 'pending' },
        { status: 'merged', resultProposalId: resultId },
      ),
    ]);
    const check = await findProposal(tx, resultId);
    if (!check) throw new Error('merged proposal was not created');
  }

  /** Withdraws a pending request: its requester or an officer over every proposal in it. */
  async cancel(ctx: RequestContext, id: number): Promise<ProposalMergeRow> {
    return this.db.transaction().execute(async (tx) => {
      const merge = await this.visibleMerge(tx, ctx, id);
      const sources = await proposalsByIds(
        tx,
        merge.consents.map((k) => k.proposalId),
      );
      const officer = sources.every((p) =>
        decide(ctx.principal.grants, 'proposals', 'update', { programmeIds: [p.programmeId] }),
      );
      if (merge.requestedBy !== ctx.principal.userId && !officer)
        throw denied(ctx, 'update', 'merge request');
      if (merge.status !== 'pending')
        throw new ConflictError(
          `merge ${id} is ${merge.status}; only a pending merge can be cancelled`,
        );
      await updateMerge(tx, id, { status: 'cancelled' });
      await insertAuditEvents(tx, [
        auditEntry(
          ctx,
          'update',
          'proposal_merge',
          id,
          { status: 'pending' },
          { status: 'cancelled' },
        ),
      ]);
      const [row] = await mergesByIds(tx, [id]);
      return row!;
    });
  }
}
