import type {
  BudgetLineRow,
  IntakeTransitionRequest,
  Page,
  ProposalCheckRequest,
  ProposalCheckResult,
  ProposalContent,
  ProposalCreate,
  ProposalDetail,
  ProposalListQuery,
  ProposalPartyRow,
  ProposalRow,
  ProposalUpdate,
  ProposalVersionDiff,
  ProposalVersionRow,
  RuleViolationRow,
} from '@innocluster/contracts';
import {
  applicableFirmSize,
  budgetTotals,
  checkProposal,
  decide,
  isFastTrack,
  proposalWorkflow,
  readFilter,
  type CostCategory,
  type FirmSize,
  type Funder,
  type OrganisationKind,
  type ProposalForRules,
  type RuleViolation,
  type Target,
} from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import {
  AppError,
  ConflictError,
  NotFoundError,
  ValidationError,
  translateDbError,
  type FieldError,
} from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import { findCall } from './call.repository.ts';
import { instrumentRulesOf } from './call.service.ts';
import { findDemand, findMiniCluster } from './demand.repository.ts';
import { DemandService } from './demand.service.ts';
import { listWorkflowEvents } from './proposal-intake.common.ts';
import {
  assignedProposalIds,
  budgetsOf,
  deleteProposal,
  findProposal,
  insertProposal,
  insertVersion,
  instrumentsByIds,
  listProposalIds,
  listVersions,
  milestonesOf,
  organisationFacts,
  partiesOf,
  proposalSortable,
  proposalsByIds,
  replaceBudget,
  replaceMilestones,
  replaceParties,
  updateProposal,
  type BudgetLineValues,
  type OrganisationFacts,
  type PartyValues,
  type ProposalRecord,
} from './proposal.repository.ts';
import { nextState, recordTransition, rolesOver, stepsFor } from './workflow-step.ts';

/** States in which the applicant may change a proposal's content. */
export const editableProposalStates = ['draft', 'revise_requested'];

/** Where each rule's violation is shown in the form (and named in a refused submission). */
export const violationField: Record<string, string> = {
  budget_empty: 'budget',
  max_grant: 'budget',
  min_total: 'budget',
  public_share: 'budget',
  min_firm_share: 'budget',
  cost_category_cap: 'budget',
  lead_kind: 'leadOrganisationId',
  partner_kind: 'partners',
};

/**
 * A submission refused because the proposal breaks its instrument's rules: 422 with every
 * violation's exact message as a field error (RFC 9110 §15.5.21: well-formed but unprocessable).
 */
export class RuleViolationError extends AppError {
  constructor(readonly violations: readonly RuleViolation[]) {
    super(
      422,
      'Proposal breaks the call’s rules',
      violations.map((v) => v.message).join('; '),
      violations.map((v) => ({ field: violationField[v.code] ?? 'body', message: v.message })),
    );
  }
}

const party = (o: OrganisationFacts, role: string): ProposalPartyRow => ({
  organisationId: o.id,
  name: o.name,
  kind: o.kind as OrganisationKind,
  sizeClass: (o.sizeClass ?? null) as FirmSize | null,
  role,
});

const forRules = (
  lead: ProposalPartyRow,
  partners: readonly ProposalPartyRow[],
  budget: readonly { category: string; funder: string; amountKrw: number }[],
): ProposalForRules => ({
  lead: { name: lead.name, kind: lead.kind, size: lead.sizeClass },
  partners: partners.map((p) => ({ name: p.name, kind: p.kind, size: p.sizeClass })),
  budget: budget.map((b) => ({
    category: b.category as CostCategory,
    funder: b.funder as Funder,
    amountKrw: b.amountKrw,
  })),
});

/** The rule check of a proposal's parties and budget against an instrument. */
export function checkAgainst(
  instrument: { code: string; name: string; rules: unknown },
  lead: ProposalPartyRow,
  partners: readonly ProposalPartyRow[],
  budget: readonly { category: string; funder: string; amountKrw: number }[],
): ProposalCheckResult {
  const rules = instrumentRulesOf(instrument);
  const proposal = forRules(lead, partners, budget);
  const { total, byFunder } = budgetTotals(proposal.budget);
  return {
    violations: checkProposal(rules, proposal).map((v) => ({ ...v })),
    totals: {
      totalKrw: total,
      publicKrw: byFunder.public,
      firmKrw: byFunder.firm,
      otherKrw: byFunder.other,
      publicShare: total > 0 ? byFunder.public / total : null,
      firmShare: total > 0 ? byFunder.firm / total : null,
    },
    firmSize: applicableFirmSize(rules, proposal),
    isFastTrack: isFastTrack(rules, proposal),
  };
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, []);
    value.forEach((v, i) => flatten(v, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value ?? null);
}

/** The changed leaves between two frozen contents, as dotted paths, in path order. */
export function diffContents(
  before: unknown,
  after: unknown,
): { path: string; before: unknown; after: unknown }[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(before, '', a);
  flatten(after, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths
    .filter((p) => JSON.stringify(a.get(p) ?? null) !== JSON.stringify(b.get(p) ?? null))
    .map((p) => ({ path: p, before: a.get(p) ?? null, after: b.get(p) ?? null }));
}

/**
 * Proposals answering a call: lead and partners, budget lines by category and funder, plan,
 * milestones and dates, checked against the instrument's rules with the domain's exact
 * messages; submission freezes a version; the proposal workflow with every step audited.
 */
/** Proposal steps that only the review routes take, with the route that takes each. */
const reviewOwnedSteps: Readonly<Record<string, string>> = {
  start_screening: 'POST /api/v1/proposals/:id/screenings',
  pass_screening: 'POST /api/v1/proposals/:id/screenings',
  fail_screening: 'POST /api/v1/proposals/:id/screenings',
  fast_track_select: 'POST /api/v1/proposals/:id/screenings',
  send_to_committee: 'POST /api/v1/calls/:callId/send-to-committee',
  select: 'POST /api/v1/proposals/:id/decisions',
  request_revision: 'POST /api/v1/proposals/:id/decisions',
  reject: 'POST /api/v1/proposals/:id/decisions',
};

export class ProposalService {
  constructor(private readonly db: Db) {}

  /** What a proposal belongs to: for reading (lead and partners) or changing (lead only). */
  private async target(
    db: Db,
    ctx: RequestContext,
    p: ProposalRecord,
    forUpdate: boolean,
  ): Promise<Target> {
    const partners = forUpdate ? [] : ((await partiesOf(db, [p.id])).get(p.id) ?? []);
    const assigned =
      (ctx.principal.assigned['proposals'] ?? []).includes(p.id) ||
      (ctx.principal.grants.some((g) => g.role === 'evaluator') &&
        (await assignedProposalIds(db, ctx.principal.userId)).includes(p.id));
    return {
      programmeIds: [p.programmeId],
      complexIds: p.complexId === null ? [] : [p.complexId],
      miniClusterIds: p.miniClusterId === null ? [] : [p.miniClusterId],
      organisationIds: [p.leadOrganisationId, ...partners.map((x) => x.organisationId)],
      assigned,
    };
  }

  /** The proposal if the caller may read it; 404 otherwise. */
  async visible(db: Db, ctx: RequestContext, id: number): Promise<ProposalRecord> {
    const row = await findProposal(db, id);
    if (
      row &&
      decide(ctx.principal.grants, 'proposals', 'read', await this.target(db, ctx, row, false))
    )
      return row;
    if (row && ctx.principal.userId === null) throw denied(ctx, 'read', 'proposal');
    throw new NotFoundError('proposal', id);
  }

  /** Roles the caller holds over the proposal for changes (lead organisation's scope). */
  async rolesFor(db: Db, ctx: RequestContext, p: ProposalRecord) {
    return rolesOver(ctx, 'proposals', await this.target(db, ctx, p, true));
  }

  async list(ctx: RequestContext, query: ProposalListQuery): Promise<Page<ProposalRow>> {
    const filter = readFilter(ctx.principal.grants, 'proposals');
    if (!filter) throw denied(ctx, 'read', 'list of proposals');
    const sortField = (query.sort ?? '-id').replace(/^-/, '');
    if (!proposalSortable.includes(sortField))
      throw new ValidationError(`Cannot sort proposals by ${sortField}`, [
        {
          field: 'querystring.sort',
          message: `one of ${proposalSortable.join(', ')} (prefix - for descending)`,
        },
      ]);
    const scope = filter.all
      ? ('all' as const)
      : {
          programmeIds: filter.scoped.flatMap((g) => g.programmeIds),
          complexIds: filter.scoped.flatMap((g) => g.complexIds),
          miniClusterIds: filter.scoped.flatMap((g) => g.miniClusterIds),
          organisationIds: filter.scoped.flatMap((g) => g.organisationIds),
          assignedIds: filter.assigned
            ? [
                ...(ctx.principal.assigned['proposals'] ?? []),
                ...(await assignedProposalIds(this.db, ctx.principal.userId)),
              ]
            : [],
        };
    const { ids, total } = await listProposalIds(this.db, query, scope);
    const records = await proposalsByIds(this.db, ids);
    return {
      items: await this.rows(this.db, records),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** List rows with the requested grant and the rule check of the current content. */
  private async rows(db: Db, records: readonly ProposalRecord[]): Promise<ProposalRow[]> {
    const ids = records.map((r) => r.id);
    const [parties, budgets, instruments] = await Promise.all([
      partiesOf(db, ids),
      budgetsOf(db, ids),
      instrumentsByIds(
        db,
        records.map((r) => r.instrumentId),
      ),
    ]);
    const orgs = await organisationFacts(db, [
      ...records.map((r) => r.leadOrganisationId),
      ...[...parties.values()].flat().map((p) => p.organisationId),
    ]);
    return records.map((r) => {
      const lead = party(orgs.get(r.leadOrganisationId)!, 'lead');
      const partners = (parties.get(r.id) ?? []).map((p) =>
        party(orgs.get(p.organisationId)!, p.role),
      );
      const check = checkAgainst(
        instruments.get(r.instrumentId)!,
        lead,
        partners,
        budgets.get(r.id) ?? [],
      );
      return this.row(r, check);
    });
  }

  private row(r: ProposalRecord, check: ProposalCheckResult): ProposalRow {
    return {
      id: r.id,
      synthetic: r.synthetic,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      callId: r.callId,
      callCode: r.callCode,
      programmeId: r.programmeId,
      instrumentId: r.instrumentId,
      instrumentCode: r.instrumentCode,
      demandId: r.demandId,
      complexId: r.complexId,
      miniClusterId: r.miniClusterId,
      miniClusterName: r.miniClusterName,
      leadOrganisationId: r.leadOrganisationId,
      leadOrganisationName: r.leadOrganisationName,
      title: r.title,
      status: r.status,
      version: r.version,
      submittedAt: r.submittedAt,
      mergedIntoId: r.mergedIntoId,
      startOn: r.startOn,
      endOn: r.endOn,
      requestedGrantKrw: check.totals.publicKrw,
      totalKrw: check.totals.totalKrw,
      violationCount: check.violations.length,
      isFastTrack: check.isFastTrack,
    };
  }

  /** The current content of a proposal as a submission would freeze it, with its check. */
  private async content(
    db: Db,
    p: ProposalRecord,
  ): Promise<{ content: ProposalContent; check: ProposalCheckResult }> {
    const partyRows = (await partiesOf(db, [p.id])).get(p.id) ?? [];
    const budget = ((await budgetsOf(db, [p.id])).get(p.id) ?? []).map(
      ({ proposalId: _, ...line }) => line as BudgetLineRow,
    );
    const orgs = await organisationFacts(db, [
      p.leadOrganisationId,
      ...partyRows.map((x) => x.organisationId),
    ]);
    const lead = party(orgs.get(p.leadOrganisationId)!, 'lead');
    const partners = partyRows.map((x) => party(orgs.get(x.organisationId)!, x.role));
    const instrument = (await instrumentsByIds(db, [p.instrumentId])).get(p.instrumentId)!;
    const check = checkAgainst(instrument, lead, partners, budget);
    return {
      check,
      content: {
        title: p.title,
        abstract: p.abstract,
        plan: p.plan,
        startOn: p.startOn,
        endOn: p.endOn,
        demandId: p.demandId,
        instrumentId: p.instrumentId,
        instrumentCode: p.instrumentCode,
        lead,
        partners,
        budget,
        milestones: await milestonesOf(db, p.id),
        totals: check.totals,
      },
    };
  }

  async get(ctx: RequestContext, id: number): Promise<ProposalDetail> {
    return this.detail(this.db, ctx, await this.visible(this.db, ctx, id));
  }

  private async detail(db: Db, ctx: RequestContext, p: ProposalRecord): Promise<ProposalDetail> {
    const { content, check } = await this.content(db, p);
    const roles = await this.rolesFor(db, ctx, p);
    const versions = await listVersions(db, p.id);
    return {
      ...this.row(p, check),
      abstract: p.abstract,
      plan: p.plan,
      lead: content.lead,
      partners: content.partners,
      budget: content.budget,
      milestones: content.milestones,
      check,
      versions: versions.map((v) => ({
        version: v.version,
        createdAt: v.createdAt,
        violationCount: (v.violations as unknown[]).length,
      })),
      allowed: stepsFor(proposalWorkflow, p.status, roles),
      events: await listWorkflowEvents(db, 'proposal', p.id),
      editable:
        editableProposalStates.includes(p.status) &&
        decide(ctx.principal.grants, 'proposals', 'update', await this.target(db, ctx, p, true)),
    };
  }

  /** Field errors for parties that do not exist, repeat, or repeat the lead. */
  private partyErrors(
    orgs: Map<number, OrganisationFacts>,
    leadId: number,
    partners: readonly PartyValues[],
    budget: readonly BudgetLineValues[],
  ): FieldError[] {
    const errors: FieldError[] = [];
    if (!orgs.has(leadId))
      errors.push({
        field: 'body.leadOrganisationId',
        message: `no organisation with id ${leadId}`,
      });
    const seen = new Set<number>();
    partners.forEach((p, i) => {
      const at = `body.partners.${i}.organisationId`;
      if (!orgs.has(p.organisationId))
        errors.push({ field: at, message: `no organisation with id ${p.organisationId}` });
      else if (p.organisationId === leadId)
        errors.push({ field: at, message: 'the lead is not also a partner' });
      else if (seen.has(p.organisationId))
        errors.push({ field: at, message: `organisation ${p.organisationId} is named twice` });
      seen.add(p.organisationId);
    });
    const involved = new Set([leadId, ...partners.map((p) => p.organisationId)]);
    budget.forEach((b, i) => {
      if (b.organisationId !== null && !involved.has(b.organisationId))
        errors.push({
          field: `body.budget.${i}.organisationId`,
          message: `organisation ${b.organisationId} is neither the lead nor a partner`,
        });
    });
    return errors;
  }

  /** Checks a draft against its instrument without saving it (the form's live check). */
  async check(ctx: RequestContext, body: ProposalCheckRequest): Promise<ProposalCheckResult> {
    if (!readFilter(ctx.principal.grants, 'calls')) throw denied(ctx, 'read', 'call');
    const instrument = (await instrumentsByIds(this.db, [body.instrumentId])).get(
      body.instrumentId,
    );
    const call = instrument ? await findCall(this.db, instrument.callId) : undefined;
    if (
      !instrument ||
      !call ||
      !decide(ctx.principal.grants, 'calls', 'read', { programmeIds: [call.programmeId] })
    )
      throw new ValidationError('Unknown instrument', [
        { field: 'body.instrumentId', message: `no instrument with id ${body.instrumentId}` },
      ]);
    const orgs = await organisationFacts(this.db, [
      body.leadOrganisationId,
      ...body.partners.map((p) => p.organisationId),
    ]);
    const errors = this.partyErrors(orgs, body.leadOrganisationId, body.partners, body.budget);
    if (errors.length) throw new ValidationError('Invalid parties', errors);
    return checkAgainst(
      instrument,
      party(orgs.get(body.leadOrganisationId)!, 'lead'),
      body.partners.map((p) => party(orgs.get(p.organisationId)!, p.role)),
      body.budget,
    );
  }

  /** Validates references and fills the complex; returns the columns to store. */
  private async resolve(
    db: Db,
    v: {
      callId: number;
      instrumentId: number;
      demandId: number | null;
      miniClusterId: number | null;
      leadOrganisationId: number;
      startOn: string | null;
      endOn: string | null;
      partners: readonly PartyValues[];
      budget: readonly BudgetLineValues[];
    },
  ) {
    const errors: FieldError[] = [];
    const call = await findCall(db, v.callId);
    if (!call)
      throw new ValidationError('Unknown call', [
        { field: 'body.callId', message: `no call with id ${v.callId}` },
      ]);
    const instrument = (await instrumentsByIds(db, [v.instrumentId])).get(v.instrumentId);
    if (!instrument || instrument.callId !== v.callId)
      errors.push({
        field: 'body.instrumentId',
        message: `no instrument with id ${v.instrumentId} in call ${v.callId}`,
      });
    if (v.demandId !== null && !(await findDemand(db, v.demandId)))
      errors.push({ field: 'body.demandId', message: `no demand with id ${v.demandId}` });
    let complexId: number | null = null;
    if (v.miniClusterId !== null) {
      const mini = await findMiniCluster(db, v.miniClusterId);
      if (!mini)
        errors.push({
          field: 'body.miniClusterId',
          message: `no mini-cluster with id ${v.miniClusterId}`,
        });
      else complexId = mini.complexId;
    }
    if (v.startOn !== null && v.endOn !== null && v.endOn < v.startOn)
      errors.push({ field: 'body.endOn', message: `must not be before startOn (${v.startOn})` });
    const orgs = await organisationFacts(db, [
      v.leadOrganisationId,
      ...v.partners.map((p) => p.organisationId),
    ]);
    errors.push(...this.partyErrors(orgs, v.leadOrganisationId, v.partners, v.budget));
    if (errors.length) throw new ValidationError('Invalid proposal', errors);
    complexId ??= orgs.get(v.leadOrganisationId)?.complexId ?? null;
    return { call, complexId };
  }

  async create(ctx: RequestContext, body: ProposalCreate): Promise<ProposalDetail> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const { call, complexId } = await this.resolve(tx, body);
        const target: Target = {
          programmeIds: [call.programmeId],
          complexIds: complexId === null ? [] : [complexId],
          miniClusterIds: body.miniClusterId === null ? [] : [body.miniClusterId],
          organisationIds: [body.leadOrganisationId],
        };
        if (!decide(ctx.principal.grants, 'proposals', 'create', target))
          throw denied(ctx, 'create', 'proposal');
        if (call.status !== 'open')
          throw new ConflictError(
            `call ${call.code} is ${call.status}; proposals are accepted while it is open`,
            [{ field: 'body.callId', message: `call is ${call.status}` }],
          );
        const id = await insertProposal(tx, {
          callId: body.callId,
          instrumentId: body.instrumentId,
          demandId: body.demandId,
          complexId,
          miniClusterId: body.miniClusterId,
          leadOrganisationId: body.leadOrganisationId,
          title: body.title,
          abstract: body.abstract,
          plan: body.plan,
          startOn: body.startOn,
          endOn: body.endOn,
          status: proposalWorkflow.initial,
          createdBy: ctx.principal.userId,
          synthetic: body.synthetic,
        });
        await replaceParties(tx, id, body.partners);
        await replaceBudget(tx, id, body.budget);
        await replaceMilestones(tx, id, body.milestones);
        const created = (await findProposal(tx, id))!;
        await insertAuditEvents(tx, [
          auditEntry(
            ctx,
            'create',
            'proposal',
            id,
            null,
            (await this.content(tx, created)).content,
          ),
        ]);
        await recordTransition(tx, ctx, {
          entity: 'proposal',
          entityId: id,
          from: null,
          to: proposalWorkflow.initial,
          request: { action: 'create' },
          synthetic: body.synthetic,
        });
        return this.detail(tx, ctx, created);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async update(ctx: RequestContext, id: number, body: ProposalUpdate): Promise<ProposalDetail> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const before = await this.visible(tx, ctx, id);
        if (
          !decide(
            ctx.principal.grants,
            'proposals',
            'update',
            await this.target(tx, ctx, before, true),
          )
        )
          throw denied(ctx, 'update', 'proposal');
        if (!editableProposalStates.includes(before.status))
          throw new ConflictError(
            `proposal ${id} is ${before.status}; only drafts and proposals sent back for revision can be changed`,
            [{ field: 'status', message: before.status }],
          );
        const partners = body.partners ?? (await partiesOf(tx, [id])).get(id) ?? [];
        const budget = body.budget ?? (await budgetsOf(tx, [id])).get(id) ?? [];
        const merged = {
          callId: before.callId,
          instrumentId: body.instrumentId ?? before.instrumentId,
          demandId: body.demandId !== undefined ? body.demandId : before.demandId,
          miniClusterId:
            body.miniClusterId !== undefined ? body.miniClusterId : before.miniClusterId,
          leadOrganisationId: body.leadOrganisationId ?? before.leadOrganisationId,
          startOn: body.startOn !== undefined ? body.startOn : before.startOn,
          endOn: body.endOn !== undefined ? body.endOn : before.endOn,
          partners,
          budget,
        };
        const { complexId } = await this.resolve(tx, merged);
        // A change may not hand the proposal to a lead outside the caller's reach.
        if (
          !decide(ctx.principal.grants, 'proposals', 'update', {
            programmeIds: [before.programmeId],
            complexIds: complexId === null ? [] : [complexId],
            miniClusterIds: merged.miniClusterId === null ? [] : [merged.miniClusterId],
            organisationIds: [merged.leadOrganisationId],
          })
        )
          throw denied(ctx, 'update', 'proposal');
        const beforeContent = (await this.content(tx, before)).content;
        await updateProposal(tx, id, {
          instrumentId: merged.instrumentId,
          demandId: merged.demandId,
          miniClusterId: merged.miniClusterId,
          complexId,
          leadOrganisationId: merged.leadOrganisationId,
          startOn: merged.startOn,
          endOn: merged.endOn,
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.abstract !== undefined ? { abstract: body.abstract } : {}),
          ...(body.plan !== undefined ? { plan: body.plan } : {}),
        });
        if (body.partners) await replaceParties(tx, id, body.partners);
        if (body.budget) await replaceBudget(tx, id, body.budget);
        if (body.milestones) await replaceMilestones(tx, id, body.milestones);
        const after = (await findProposal(tx, id))!;
        await insertAuditEvents(tx, [
          auditEntry(
            ctx,
            'update',
            'proposal',
            id,
            beforeContent,
            (await this.content(tx, after)).content,
          ),
        ]);
        return this.detail(tx, ctx, after);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  /** Deletes a draft never submitted (a submitted one is withdrawn instead). */
  async remove(ctx: RequestContext, id: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const before = await this.visible(tx, ctx, id);
      if (
        !decide(
          ctx.principal.grants,
          'proposals',
          'delete',
          await this.target(tx, ctx, before, true),
        )
      )
        throw denied(ctx, 'delete', 'proposal');
      if (before.status !== 'draft' || before.version > 0)
        throw new ConflictError(
          `proposal ${id} is ${before.status} (version ${before.version}); only a never-submitted draft can be deleted; withdraw it instead`,
        );
      const content = (await this.content(tx, before)).content;
      await deleteProposal(tx, id);
      await insertAuditEvents(tx, [auditEntry(ctx, 'delete', 'proposal', id, content, null)]);
    });
  }

  /**
   * One step of the proposal workflow: the applicant's own steps (submit, resubmit, withdraw)
   * and an officer's expiry of a revision request. Screening and committee steps are refused
   * here (409 naming the route to use) because they must leave a screening or decision record
   * and pass the call's budget check (review services). Submitting (and resubmitting after a revision request)
   * checks the rules first, refusing with 422 naming every violation, then freezes the content
   * as a new version; a fast-track selection needs a grant below the instrument's threshold.
   */
  async transition(
    ctx: RequestContext,
    id: number,
    request: IntakeTransitionRequest & { note?: string | null },
  ): Promise<ProposalDetail> {
    return this.db.transaction().execute(async (tx) => {
      const before = await this.visible(tx, ctx, id);
      const roles = await this.rolesFor(tx, ctx, before);
      if (roles.length === 0) throw denied(ctx, 'update', 'proposal');
      const to = nextState(proposalWorkflow, before.status, request, roles);
      const owner = reviewOwnedSteps[request.action];
      if (owner)
        throw new ConflictError(
          `proposal ${id}: '${request.action}' is taken through ${owner.replace(':id', String(id))}, which records the screening or decision, its reason for the applicant and the budget check`,
          [{ field: 'body.action', message: `use ${owner}` }],
        );
      const freezing = request.action === 'submit' || request.action === 'resubmit';
      const changes: Parameters<typeof updateProposal>[2] = { status: to };
      if (request.action === 'submit' && before.callStatus !== 'open')
        throw new ConflictError(
          `call ${before.callCode} is ${before.callStatus}; proposals can be submitted only while it is open`,
          [{ field: 'body.action', message: `call is ${before.callStatus}` }],
        );
      const { content, check } = await this.content(tx, before);
      if (request.action === 'fast_track_select' && !check.isFastTrack)
        throw new ConflictError(
          `proposal ${id} asks for a public grant of KRW ${check.totals.publicKrw.toLocaleString('en-US')}, not below the instrument's fast-track threshold; it goes to review and the committee`,
          [{ field: 'body.action', message: 'not a fast-track proposal' }],
        );
      if (freezing) {
        if (check.violations.length)
          throw new RuleViolationError(check.violations as RuleViolation[]);
        const version = before.version + 1;
        await insertVersion(tx, {
          proposalId: id,
          version,
          content,
          violations: check.violations,
          note: request.note ?? null,
          createdBy: ctx.principal.userId,
        });
        changes.version = version;
        changes.submittedAt = new Date().toISOString();
        if (before.demandId !== null) await DemandService.linkProposal(tx, ctx, before.demandId);
      }
      await updateProposal(tx, id, changes);
      await recordTransition(tx, ctx, {
        entity: 'proposal',
        entityId: id,
        from: before.status,
        to,
        request,
      });
      return this.detail(tx, ctx, (await findProposal(tx, id))!);
    });
  }

  /** Submits a draft, or resubmits a proposal sent back for revision. */
  async submit(
    ctx: RequestContext,
    id: number,
    note: string | null = null,
  ): Promise<ProposalDetail> {
    const p = await this.visible(this.db, ctx, id);
    const action = p.status === 'revise_requested' ? 'resubmit' : 'submit';
    return this.transition(ctx, id, { action, note });
  }

  async versions(ctx: RequestContext, id: number): Promise<ProposalVersionRow[]> {
    await this.visible(this.db, ctx, id);
    return (await listVersions(this.db, id)).map((v) => ({
      ...v,
      content: v.content as ProposalContent,
      violations: v.violations as RuleViolationRow[],
    }));
  }

  /** The changes from one frozen version to another (dotted paths, before and after). */
  async diff(
    ctx: RequestContext,
    id: number,
    from: number,
    to: number,
  ): Promise<ProposalVersionDiff> {
    const versions = await this.versions(ctx, id);
    const a = versions.find((v) => v.version === from);
    const b = versions.find((v) => v.version === to);
    const errors: FieldError[] = [];
    if (!a)
      errors.push({ field: 'querystring.from', message: `proposal ${id} has no version ${from}` });
    if (!b)
      errors.push({ field: 'querystring.to', message: `proposal ${id} has no version ${to}` });
    if (!a || !b) throw new ValidationError('Unknown version', errors);
    return { from, to, changes: diffContents(a.content, b.content) };
  }
}
