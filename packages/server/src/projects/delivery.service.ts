import type {
  AgreementCreate,
  AgreementRow,
  AgreementUpdate,
  DeliveryStepRequest,
  DisbursementRow,
  DisbursementStepRequest,
  OutcomeCreate,
  OutcomeRow,
  OutcomeUpdate,
  Page,
  ProjectChain,
  ProjectDetail,
  ProjectEvaluationCreate,
  ProjectEvaluationRow,
  ProjectListQuery,
  ProjectRow,
  ProjectTimelineEvent,
  ReportDetail,
  ReportPrefill,
  ReportRow,
  ReportStepRequest,
  ReportUpdate,
} from '@innocluster/contracts';
import {
  agreementWorkflow,
  dayNumber,
  daysToFirstDisbursement,
  decide,
  disbursementWorkflow,
  formatKrw,
  isoOfDay,
  projectWorkflow,
  readFilter,
  reportDueDates,
  reportWorkflow,
  type Action,
  type ReportingSchedule,
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
import {
  deleteOutcome,
  findAgreement,
  findAgreementOfProject,
  findChain,
  findDisbursement,
  findOutcome,
  findProject,
  findReport,
  insertAgreement,
  insertEvaluation,
  insertOutcome,
  insertReports,
  listDisbursements,
  listEvaluations,
  listEvents,
  listOutcomes,
  listProjects,
  listReports,
  projectActivities,
  projectPartnerIds,
  projectSortFields,
  replaceScheduledInstalments,
  setProjectStatus,
  updateAgreement,
  updateDisbursement,
  updateOutcome,
  updateReport,
  type AgreementRecord,
  type DisbursementRecord,
  type EvaluationRecord,
  type OutcomeRecord,
  type ProjectRecord,
  type ProjectScope,
  type ProjectSortField,
  type ReportRecord,
} from './delivery.repository.ts';
import { nextState, recordTransition, rolesOver, stepsFor } from './workflow-step.ts';

/** Today as 'YYYY-MM-DD' (UTC). */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The instrument's reporting schedule from its rules (annual when the rules say nothing). */
export function reportingScheduleOf(rules: unknown): ReportingSchedule {
  const s = (rules as { reportingSchedule?: ReportingSchedule } | null)?.reportingSchedule;
  if (s && (s.kind === 'annual' || s.kind === 'final_only')) return s;
  if (s && s.kind === 'every_months' && Number.isInteger(s.months) && s.months > 0) return s;
  return { kind: 'annual' };
}

function scheduleInWords(s: ReportingSchedule): string {
  if (s.kind === 'annual') return 'annual: a report every 12 months, then a final report';
  if (s.kind === 'every_months') return `a report every ${s.months} months, then a final report`;
  return 'a final report only';
}

/**
 * The reports an instrument's schedule asks of a project: one per due date of
 * `reportDueDates` (domain instrument-rules.ts), each covering the days since the previous one
 * (or the start) up to its due date; the last is the final report.
 */
export function plannedReports(
  schedule: ReportingSchedule,
  startOn: string,
  endOn: string,
): { kind: string; periodStart: string; periodEnd: string; dueOn: string }[] {
  const dates = reportDueDates(schedule, startOn, endOn);
  let from = startOn;
  return dates.map((due, k) => {
    const row = {
      kind: k === dates.length - 1 ? 'final' : schedule.kind === 'annual' ? 'annual' : 'periodic',
      periodStart: from,
      periodEnd: due,
      dueOn: due,
    };
    from = isoOfDay(dayNumber(due) + 1);
    return row;
  });
}

/**
 * Checks an agreement's money: the instalments must add up to the grant, the public budget
 * lines too, and every instalment must fall within the project (from 90 days before the start,
 * for advance payments, to its end). Errors name the row and field.
 */
export function checkAgreementMoney(
  totalGrantKrw: number,
  approvedBudget: readonly { funder: string; amountKrw: number }[] | undefined,
  schedule: readonly { scheduledOn: string; amountKrw: number }[] | undefined,
  project: { startOn: string; endOn: string },
  kept: { amountKrw: number } = { amountKrw: 0 },
): FieldError[] {
  const errors: FieldError[] = [];
  if (schedule !== undefined) {
    const sum = schedule.reduce((a, i) => a + i.amountKrw, 0) + kept.amountKrw;
    if (sum !== totalGrantKrw) {
      const diff = sum - totalGrantKrw;
      errors.push({
        field: 'body.schedule',
        message: `instalments${kept.amountKrw ? ` (with ${formatKrw(kept.amountKrw)} already in payment)` : ''} add up to ${formatKrw(sum)} but the approved grant is ${formatKrw(totalGrantKrw)} (${diff > 0 ? 'over' : 'short'} by ${formatKrw(Math.abs(diff))})`,
      });
    }
    const earliest = dayNumber(project.startOn) - 90;
    schedule.forEach((i, k) => {
      const d = dayNumber(i.scheduledOn);
      if (d < earliest || d > dayNumber(project.endOn))
        errors.push({
          field: `body.schedule.${k}.scheduledOn`,
          message: `instalment ${k + 1} on ${i.scheduledOn} is outside the project (${project.startOn} to ${project.endOn}, advances up to 90 days before the start)`,
        });
    });
    for (let k = 1; k < schedule.length; k++) {
      if (
        (schedule[k] as { scheduledOn: string }).scheduledOn <
        (schedule[k - 1] as { scheduledOn: string }).scheduledOn
      )
        errors.push({
          field: `body.schedule.${k}.scheduledOn`,
          message: `instalment ${k + 1} is dated before instalment ${k}; list instalments in date order`,
        });
    }
  }
  if (approvedBudget !== undefined) {
    const publicSum = approvedBudget
      .filter((l) => l.funder === 'public')
      .reduce((a, l) => a + l.amountKrw, 0);
    if (publicSum !== totalGrantKrw)
      errors.push({
        field: 'body.approvedBudget',
        message: `public budget lines add up to ${formatKrw(publicSum)} but the approved grant is ${formatKrw(totalGrantKrw)}`,
      });
  }
  return errors;
}

const daysLateOf = (d: DisbursementRecord, today: string): number | null => {
  if (d.status === 'cancelled') return null;
  const end = d.status === 'paid' && d.paidOn ? d.paidOn : today;
  const late = dayNumber(end) - dayNumber(d.scheduledOn);
  return late > 0 ? late : null;
};

const disbursementRow = (d: DisbursementRecord, today: string): DisbursementRow =>
  ({
    ...d,
    daysLate: daysLateOf(d, today),
    allowed: stepsFor(disbursementWorkflow, d.status),
  }) as DisbursementRow;

const reportRow = (r: ReportRecord): ReportRow =>
  ({
    ...r,
    content: (r.content ?? {}) as Record<string, unknown>,
    allowed: stepsFor(reportWorkflow, r.status),
  }) as ReportRow;

const evaluationRow = (e: EvaluationRecord): ProjectEvaluationRow => {
  const { createdBy: _createdBy, ...rest } = e;
  return rest as ProjectEvaluationRow;
};

function projectRowOf(p: ProjectRecord): ProjectRow {
  const { instrumentRules: _rules, ...rest } = p;
  return {
    ...rest,
    paidKrw: Number(p.paidKrw),
    daysToFirstMoney:
      p.firstPaidOn === null
        ? null
        : daysToFirstDisbursement(p.startOn, [{ paidDate: p.firstPaidOn, amountKrw: 1 }]),
  } as ProjectRow;
}

const stageOrder = [
  'demand',
  'proposal',
  'decision',
  'agreement',
  'disbursement',
  'report',
  'outcome',
  'evaluation',
  'gate',
];

/**
 * Funded projects from agreement to gate decision: agreements with their schedule, the
 * disbursement, report and project workflows (409 with the allowed steps on an illegal one,
 * each step audited and written to workflow_event), outcomes and evaluations. Every change
 * runs in one transaction; scope follows the project's programme, complex, mini-cluster and
 * organisations (lead and partners).
 */
export class DeliveryService {
  constructor(private readonly db: Db) {}

  private async target(db: Db, p: ProjectRecord): Promise<Target> {
    return {
      programmeIds: [p.programmeId],
      complexIds: p.complexId === null ? [] : [p.complexId],
      miniClusterIds: p.miniClusterId === null ? [] : [p.miniClusterId],
      organisationIds: [p.leadOrganisationId, ...(await projectPartnerIds(db, p.proposalId))],
    };
  }

  /** The project if the caller may read it (404 otherwise), checked for `action` too. */
  private async project(
    db: Db,
    ctx: RequestContext,
    id: number,
    action: Action = 'read',
  ): Promise<{ project: ProjectRecord; target: Target }> {
    const project = await findProject(db, id);
    if (!project) throw new NotFoundError('project', id);
    const target = await this.target(db, project);
    if (!decide(ctx.principal.grants, 'projects', 'read', target)) {
      if (ctx.principal.userId === null && ctx.via !== 'system')
        throw denied(ctx, 'read', 'project');
      throw new NotFoundError('project', id);
    }
    if (action !== 'read' && !decide(ctx.principal.grants, 'projects', action, target))
      throw denied(ctx, action, 'project');
    return { project, target };
  }

  /**
   * Agreements, their schedules and evaluations are the programme's side of the cycle: only a
   * role the workflows call officers (admin, programme officer) over the project may write them.
   */
  private requireOfficer(ctx: RequestContext, target: Target, what: string): void {
    const roles = rolesOver(ctx, 'projects', target);
    if (!roles.some((r) => r === 'admin' || r === 'programme_officer'))
      throw new AppError(
        403,
        'Forbidden',
        `Only a programme officer (or an administrator) may ${what}; your roles over this project: ${roles.join(', ') || 'none'}.`,
      );
  }

  /** Scope of the projects list for the caller, or null when denied. */
  scopeFor(ctx: RequestContext): ProjectScope | 'all' | null {
    const filter = readFilter(ctx.principal.grants, 'projects');
    if (!filter) return null;
    if (filter.all) return 'all';
    return {
      programmeIds: filter.scoped.flatMap((g) => [...g.programmeIds]),
      complexIds: filter.scoped.flatMap((g) => [...g.complexIds]),
      miniClusterIds: filter.scoped.flatMap((g) => [...g.miniClusterIds]),
      organisationIds: filter.scoped.flatMap((g) => [...g.organisationIds]),
    };
  }

  async list(ctx: RequestContext, query: ProjectListQuery): Promise<Page<ProjectRow>> {
    const scope = this.scopeFor(ctx);
    if (scope === null) throw denied(ctx, 'read', 'list of projects');
    const sort = (query.sort ?? '-startOn').replace(/^-/, '');
    if (!projectSortFields.includes(sort as ProjectSortField))
      throw new ValidationError(`Cannot sort projects by ${sort}`, [
        {
          field: 'querystring.sort',
          message: `one of ${projectSortFields.join(', ')} (prefix - for descending)`,
        },
      ]);
    const { rows, total } = await listProjects(this.db, query, scope, {
      page: query.page,
      pageSize: query.pageSize,
      sort: sort as ProjectSortField,
      descending: (query.sort ?? '-startOn').startsWith('-'),
    });
    return {
      items: rows.map(projectRowOf),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private chainOf(c: Awaited<ReturnType<typeof findChain>>, proposalId: number): ProjectChain {
    return {
      activity:
        c?.activityId != null
          ? {
              id: c.activityId,
              title: c.activityTitle ?? '',
              kind: c.activityKind ?? '',
              heldOn: c.heldOn ?? '',
            }
          : null,
      demand:
        c?.demandId != null
          ? { id: c.demandId, title: c.demandTitle ?? '', raisedOn: c.raisedOn ?? '' }
          : null,
      proposal: {
        id: proposalId,
        title: c?.proposalTitle ?? '',
        submittedAt: c?.submittedAt ?? null,
      },
      decision:
        c?.decision != null
          ? { decision: c.decision, reason: c.decisionReason ?? '', decidedAt: c.decidedAt ?? '' }
          : null,
    };
  }

  private agreementRow(a: AgreementRecord, schedule: DisbursementRecord[]): AgreementRow {
    const today = todayIso();
    return {
      ...a,
      approvedBudget: (a.approvedBudget ?? []) as AgreementRow['approvedBudget'],
      schedule: schedule.map((d) => disbursementRow(d, today)),
      allowed: stepsFor(agreementWorkflow, a.status),
    } as AgreementRow;
  }

  /** The project with its chain, agreement and schedule, reports, outcomes, evaluations, timeline. */
  async get(ctx: RequestContext, id: number): Promise<ProjectDetail> {
    const { project } = await this.project(this.db, ctx, id);
    return this.detail(this.db, project);
  }

  private async detail(db: Db, project: ProjectRecord): Promise<ProjectDetail> {
    const chain = this.chainOf(await findChain(db, project.proposalId), project.proposalId);
    const agreement = await findAgreementOfProject(db, project.id);
    const schedule = agreement ? await listDisbursements(db, { agreementId: agreement.id }) : [];
    const reports = await listReports(db, [project.id]);
    const outcomes = await listOutcomes(db, project.id);
    const evaluations = await listEvaluations(db, project.id);
    const events = await listEvents(db, [
      { entity: 'proposal', ids: [project.proposalId] },
      { entity: 'agreement', ids: agreement ? [agreement.id] : [] },
      { entity: 'disbursement', ids: schedule.map((d) => d.id) },
      { entity: 'report', ids: reports.map((r) => r.id) },
      { entity: 'project', ids: [project.id] },
    ]);
    const timeline: ProjectTimelineEvent[] = [];
    if (chain.activity)
      timeline.push({
        stage: 'demand',
        on: chain.activity.heldOn,
        label: `Meeting: ${chain.activity.title}`,
        entity: 'activity',
        entityId: chain.activity.id,
        action: chain.activity.kind,
        reason: null,
      });
    if (chain.demand)
      timeline.push({
        stage: 'demand',
        on: chain.demand.raisedOn,
        label: `Demand raised: ${chain.demand.title}`,
        entity: 'demand',
        entityId: chain.demand.id,
        action: 'raise',
        reason: null,
      });
    if (chain.proposal.submittedAt)
      timeline.push({
        stage: 'proposal',
        on: chain.proposal.submittedAt.slice(0, 10),
        label: `Proposal submitted: ${chain.proposal.title}`,
        entity: 'proposal',
        entityId: chain.proposal.id,
        action: 'submit',
        reason: null,
      });
    if (chain.decision)
      timeline.push({
        stage: 'decision',
        on: chain.decision.decidedAt.slice(0, 10),
        label: `Decision: ${chain.decision.decision}`,
        entity: 'proposal',
        entityId: chain.proposal.id,
        action: chain.decision.decision,
        reason: chain.decision.reason,
      });
    const disbursementSeq = new Map(schedule.map((d) => [d.id, d]));
    const reportById = new Map(reports.map((r) => [r.id, r]));
    for (const e of events) {
      const on = e.onDate ?? e.at.slice(0, 10);
      // The submission and decision come from the proposal's own columns above; creating a
      // draft agreement is office work, not a step the team sees.
      if (e.entity === 'proposal' || e.action === 'create') continue;
      let stage: ProjectTimelineEvent['stage'] = 'gate';
      let label = `Project: ${e.action} → ${e.toState}`;
      if (e.entity === 'agreement') {
        stage = 'agreement';
        label = `Agreement: ${e.action} → ${e.toState}`;
      } else if (e.entity === 'disbursement') {
        stage = 'disbursement';
        const d = disbursementSeq.get(e.entityId);
        label =
          e.action === 'pay' && d
            ? `Instalment ${d.seq} paid: ${formatKrw(d.paidAmountKrw ?? d.amountKrw)}`
            : `Instalment ${d?.seq ?? e.entityId}: ${e.action} → ${e.toState}`;
      } else if (e.entity === 'report') {
        stage = 'report';
        const r = reportById.get(e.entityId);
        label = `Report ${r ? `${r.kind} ${r.periodStart} – ${r.periodEnd}` : e.entityId}: ${e.action} → ${e.toState}`;
      }
      timeline.push({
        stage,
        on,
        label,
        entity: e.entity,
        entityId: e.entityId,
        action: e.action,
        reason: e.reason,
      });
    }
    for (const o of outcomes)
      timeline.push({
        stage: 'outcome',
        on: o.occurredOn,
        label: `Outcome (${o.kind.replace(/_/g, ' ')}): ${o.title}`,
        entity: 'outcome',
        entityId: o.id,
        action: null,
        reason: null,
      });
    for (const ev of evaluations)
      timeline.push({
        stage: 'evaluation',
        on: ev.evaluatedOn,
        label: `${ev.kind === 'interim' ? 'Interim' : 'Final'} evaluation${ev.score !== null ? `: ${ev.score} points` : ''}${ev.recommendation ? ` (recommends ${ev.recommendation})` : ''}`,
        entity: 'evaluation',
        entityId: ev.id,
        action: ev.recommendation,
        reason: ev.findings,
      });
    // Stable: by date, then by the order of the cycle, then as recorded.
    const order = timeline.map((e, k) => ({ e, k }));
    order.sort(
      (a, b) =>
        (a.e.on < b.e.on ? -1 : a.e.on > b.e.on ? 1 : 0) ||
        stageOrder.indexOf(a.e.stage) - stageOrder.indexOf(b.e.stage) ||
        a.k - b.k,
    );
    const outcomeChain = chain;
    return {
      ...projectRowOf(project),
      chain,
      agreement: agreement ? this.agreementRow(agreement, schedule) : null,
      reports: reports.map(reportRow),
      outcomes: outcomes.map((o) => ({ ...o, chain: outcomeChain }) as OutcomeRow),
      evaluations: evaluations.map(evaluationRow),
      timeline: order.map((x) => x.e),
      allowed: stepsFor(projectWorkflow, project.status),
      reportingSchedule: scheduleInWords(reportingScheduleOf(project.instrumentRules)),
    };
  }

  private async run<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(work);
    } catch (error) {
      throw translateDbError(error);
    }
  }

  /** Creates the draft agreement of a project with its budget lines and schedule. */
  async createAgreement(
    ctx: RequestContext,
    projectId: number,
    body: AgreementCreate,
  ): Promise<AgreementRow> {
    return this.run(async (tx) => {
      const { project, target } = await this.project(tx, ctx, projectId, 'create');
      this.requireOfficer(ctx, target, 'draft an agreement');
      if (await findAgreementOfProject(tx, projectId))
        throw new ConflictError(`Project ${projectId} already has an agreement`, [
          { field: 'params.id', message: 'already has an agreement; change it instead' },
        ]);
      const total = body.totalGrantKrw ?? project.approvedGrantKrw;
      const errors = checkAgreementMoney(total, body.approvedBudget, body.schedule, project);
      if (errors.length) throw new ValidationError(errors.map((e) => e.message).join('; '), errors);
      const agreement = await insertAgreement(tx, {
        projectId,
        approvedBudget: body.approvedBudget,
        totalGrantKrw: total,
        terms: body.terms,
        synthetic: body.synthetic,
      });
      await replaceScheduledInstalments(tx, agreement, body.schedule);
      await recordTransition(tx, ctx, {
        entity: 'agreement',
        entityId: agreement.id,
        from: null,
        to: 'draft',
        request: { action: 'create' },
        synthetic: body.synthetic,
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'agreements', agreement.id, null, {
          ...agreement,
          schedule: body.schedule,
        }),
      ]);
      return this.agreementRow(
        agreement,
        await listDisbursements(tx, { agreementId: agreement.id }),
      );
    });
  }

  async getAgreement(ctx: RequestContext, id: number): Promise<AgreementRow> {
    const agreement = await findAgreement(this.db, id);
    if (!agreement) throw new NotFoundError('agreement', id);
    await this.project(this.db, ctx, agreement.projectId);
    return this.agreementRow(agreement, await listDisbursements(this.db, { agreementId: id }));
  }

  /**
   * Changes budget lines, terms or the schedule of a draft agreement, or of a signed one under
   * a proposed amendment (then only instalments not yet in payment are replaced).
   */
  async updateAgreement(
    ctx: RequestContext,
    id: number,
    body: AgreementUpdate,
  ): Promise<AgreementRow> {
    return this.run(async (tx) => {
      const before = await findAgreement(tx, id);
      if (!before) throw new NotFoundError('agreement', id);
      const { project, target } = await this.project(tx, ctx, before.projectId, 'update');
      this.requireOfficer(ctx, target, 'change an agreement');
      if (before.status !== 'draft' && before.status !== 'amendment_proposed')
        throw new ConflictError(
          `Agreement ${id} is ${before.status}; it can be changed only as a draft or under a proposed amendment (propose_amendment first)`,
          [{ field: 'body', message: `agreement is ${before.status}` }],
        );
      const existing = await listDisbursements(tx, { agreementId: id });
      const kept = existing.filter((d) => d.status !== 'scheduled' && d.status !== 'cancelled');
      const total = body.totalGrantKrw ?? before.totalGrantKrw;
      const schedule =
        body.schedule ??
        (body.totalGrantKrw !== undefined
          ? existing
              .filter((d) => d.status === 'scheduled')
              .map((d) => ({ scheduledOn: d.scheduledOn, amountKrw: d.amountKrw }))
          : undefined);
      const budget =
        body.approvedBudget ??
        (body.totalGrantKrw !== undefined
          ? (before.approvedBudget as { funder: string; amountKrw: number }[])
          : undefined);
      const errors = checkAgreementMoney(total, budget, schedule, project, {
        amountKrw: kept.reduce((a, d) => a + d.amountKrw, 0),
      });
      if (errors.length) throw new ValidationError(errors.map((e) => e.message).join('; '), errors);
      const after = await updateAgreement(tx, id, {
        ...(body.approvedBudget !== undefined ? { approvedBudget: body.approvedBudget } : {}),
        ...(body.totalGrantKrw !== undefined ? { totalGrantKrw: body.totalGrantKrw } : {}),
        ...(body.terms !== undefined ? { terms: body.terms } : {}),
      });
      if (body.schedule !== undefined) await replaceScheduledInstalments(tx, after, body.schedule);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'update', 'agreements', id, before, { ...after, schedule: body.schedule }),
      ]);
      return this.agreementRow(after, await listDisbursements(tx, { agreementId: id }));
    });
  }

  /**
   * A step of the agreement workflow. Offering dates the offer; signing dates the signature
   * and creates the reports the instrument's schedule asks for; each proposed amendment is
   * counted (the burden dashboard shows it).
   */
  async agreementStep(
    ctx: RequestContext,
    id: number,
    request: DeliveryStepRequest,
  ): Promise<AgreementRow> {
    return this.run(async (tx) => {
      const before = await findAgreement(tx, id);
      if (!before) throw new NotFoundError('agreement', id);
      const { project, target } = await this.project(tx, ctx, before.projectId);
      const to = nextState(
        agreementWorkflow,
        before.status,
        request,
        rolesOver(ctx, 'projects', target),
      );
      const on = request.onDate ?? todayIso();
      const changes: Parameters<typeof updateAgreement>[2] = { status: to };
      if (request.action === 'offer') changes.offeredOn = on;
      if (request.action === 'sign') changes.signedOn = on;
      if (request.action === 'propose_amendment')
        changes.amendmentCount = before.amendmentCount + 1;
      if (request.action === 'offer' || request.action === 'sign') {
        const schedule = await listDisbursements(tx, { agreementId: id });
        const errors = checkAgreementMoney(
          before.totalGrantKrw,
          undefined,
          schedule.filter((d) => d.status !== 'cancelled'),
          { startOn: '0001-01-01', endOn: '9999-12-31' },
        );
        if (errors.length)
          throw new ConflictError(
            `Agreement ${id} cannot be ${request.action === 'offer' ? 'offered' : 'signed'}: ${errors[0]?.message}`,
            errors,
          );
      }
      const after = await updateAgreement(tx, id, changes);
      await recordTransition(tx, ctx, {
        entity: 'agreement',
        entityId: id,
        from: before.status,
        to,
        request,
      });
      if (request.action === 'sign' && (await listReports(tx, [project.id])).length === 0) {
        const planned = plannedReports(
          reportingScheduleOf(project.instrumentRules),
          project.startOn,
          project.endOn,
        );
        await insertReports(
          tx,
          planned.map((r) => ({ ...r, projectId: project.id, synthetic: before.synthetic })),
        );
      }
      return this.agreementRow(after, await listDisbursements(tx, { agreementId: id }));
    });
  }

  /**
   * A step of one instalment: request, approve, pay (with the day and the amount actually
   * paid), hold and release with a reason, cancel. Money moves only under a signed agreement.
   */
  async disbursementStep(
    ctx: RequestContext,
    id: number,
    request: DisbursementStepRequest,
  ): Promise<DisbursementRow> {
    return this.run(async (tx) => {
      const before = await findDisbursement(tx, id);
      if (!before) throw new NotFoundError('disbursement', id);
      const { target } = await this.project(tx, ctx, before.projectId);
      const to = nextState(
        disbursementWorkflow,
        before.status,
        request,
        rolesOver(ctx, 'projects', target),
      );
      const agreement = await findAgreement(tx, before.agreementId);
      if (
        to !== 'cancelled' &&
        agreement &&
        agreement.status !== 'signed' &&
        agreement.status !== 'amendment_proposed'
      )
        throw new ConflictError(
          `Instalment ${before.seq} cannot be ${request.action === 'pay' ? 'paid' : `moved to ${to}`}: the agreement is ${agreement.status}, not signed`,
          [{ field: 'body.action', message: `agreement is ${agreement.status}` }],
        );
      const on = request.onDate ?? todayIso();
      const changes: Parameters<typeof updateDisbursement>[2] = { status: to };
      if (request.action === 'request') changes.requestedOn = on;
      if (request.action === 'pay') {
        changes.paidOn = on;
        changes.paidAmountKrw = request.paidAmountKrw ?? before.amountKrw;
      } else if (request.paidAmountKrw !== undefined) {
        throw new ValidationError('paidAmountKrw is given only with the pay action', [
          { field: 'body.paidAmountKrw', message: 'only with action pay' },
        ]);
      }
      if (request.reason && (request.action === 'hold' || request.action === 'return'))
        changes.note = request.reason;
      const after = await updateDisbursement(tx, id, changes);
      await recordTransition(tx, ctx, {
        entity: 'disbursement',
        entityId: id,
        from: before.status,
        to,
        request,
      });
      return disbursementRow(after, todayIso());
    });
  }

  /**
   * What the system already holds for a report's period: activities of the project (its
   * mini-cluster's, or hosted or attended by its organisations), outcomes recorded, payments
   * made and the share of the grant paid, so the team writes only the narrative.
   */
  async prefill(db: Db, project: ProjectRecord, report: ReportRecord): Promise<ReportPrefill> {
    const period = { from: report.periodStart, to: report.periodEnd };
    const organisationIds = [
      project.leadOrganisationId,
      ...(await projectPartnerIds(db, project.proposalId)),
    ];
    const activities = await projectActivities(
      db,
      { miniClusterId: project.miniClusterId, organisationIds },
      period,
    );
    const outcomes = await listOutcomes(db, project.id, period);
    const paid = (await listDisbursements(db, { projectIds: [project.id] })).filter(
      (d) => d.status === 'paid' && d.paidOn !== null,
    );
    const inPeriod = paid.filter(
      (d) => (d.paidOn as string) >= period.from && (d.paidOn as string) <= period.to,
    );
    const toDate = paid.filter((d) => (d.paidOn as string) <= period.to);
    const sum = (ds: DisbursementRecord[]) => ds.reduce((a, d) => a + (d.paidAmountKrw ?? 0), 0);
    const paidToDate = sum(toDate);
    return {
      period: { start: report.periodStart, end: report.periodEnd },
      activities,
      outcomes: outcomes.map((o) => ({
        id: o.id,
        kind: o.kind as OutcomeRecord['kind'] as ReportPrefill['outcomes'][number]['kind'],
        title: o.title,
        quantity: o.quantity,
        valueKrw: o.valueKrw,
        occurredOn: o.occurredOn,
      })),
      disbursements: inPeriod.map((d) => ({
        seq: d.seq,
        paidOn: d.paidOn as string,
        amountKrw: d.paidAmountKrw ?? 0,
      })),
      budget: {
        approvedGrantKrw: project.approvedGrantKrw,
        paidInPeriodKrw: sum(inPeriod),
        paidToDateKrw: paidToDate,
        spentShare: project.approvedGrantKrw > 0 ? paidToDate / project.approvedGrantKrw : null,
      },
      narrative: '',
    };
  }

  async getReport(ctx: RequestContext, id: number): Promise<ReportDetail> {
    const report = await findReport(this.db, id);
    if (!report) throw new NotFoundError('report', id);
    const { project } = await this.project(this.db, ctx, report.projectId);
    return { ...reportRow(report), prefill: await this.prefill(this.db, project, report) };
  }

  /** Saves a draft of a report's content or hours while it is due or being amended. */
  async updateReport(ctx: RequestContext, id: number, body: ReportUpdate): Promise<ReportRow> {
    return this.run(async (tx) => {
      const before = await findReport(tx, id);
      if (!before) throw new NotFoundError('report', id);
      await this.project(tx, ctx, before.projectId, 'update');
      if (before.status !== 'due' && before.status !== 'amendment_requested')
        throw new ConflictError(
          `Report ${id} is ${before.status}; only a due report or one under amendment can be edited`,
          [{ field: 'body', message: `report is ${before.status}` }],
        );
      const after = await updateReport(tx, id, {
        ...(body.content !== undefined ? { content: body.content } : {}),
        ...(body.paperworkHours !== undefined ? { paperworkHours: body.paperworkHours } : {}),
      });
      await insertAuditEvents(tx, [auditEntry(ctx, 'update', 'reports', id, before, after)]);
      return reportRow(after);
    });
  }

  /**
   * A step of the report workflow. Submitting stores the content sent (or, when none is sent
   * and no draft was saved, the pre-filled content); each amendment request adds one amendment
   * round; hours spent are added up over the rounds when given.
   */
  async reportStep(
    ctx: RequestContext,
    id: number,
    request: ReportStepRequest,
  ): Promise<ReportRow> {
    return this.run(async (tx) => {
      const before = await findReport(tx, id);
      if (!before) throw new NotFoundError('report', id);
      const { project, target } = await this.project(tx, ctx, before.projectId);
      const to = nextState(
        reportWorkflow,
        before.status,
        request,
        rolesOver(ctx, 'projects', target),
      );
      const on = request.onDate ?? todayIso();
      const changes: Parameters<typeof updateReport>[2] = { status: to };
      const submitting = request.action === 'submit' || request.action === 'resubmit';
      if (submitting) {
        const draft = before.content as Record<string, unknown> | null;
        changes.content =
          request.content ??
          (draft && Object.keys(draft).length > 0
            ? draft
            : await this.prefill(tx, project, before));
        changes.submittedOn = on;
      } else if (request.content !== undefined) {
        throw new ValidationError('content is sent only with submit or resubmit', [
          { field: 'body.content', message: 'only with submit or resubmit' },
        ]);
      }
      if (request.paperworkHours !== undefined && request.paperworkHours !== null)
        changes.paperworkHours = (before.paperworkHours ?? 0) + request.paperworkHours;
      if (request.action === 'request_amendment')
        changes.amendmentRounds = before.amendmentRounds + 1;
      if (request.action === 'accept') changes.acceptedOn = on;
      const after = await updateReport(tx, id, changes);
      await recordTransition(tx, ctx, {
        entity: 'report',
        entityId: id,
        from: before.status,
        to,
        request,
      });
      return reportRow(after);
    });
  }

  private async withChain(db: Db, project: ProjectRecord, o: OutcomeRecord): Promise<OutcomeRow> {
    const chain = this.chainOf(await findChain(db, project.proposalId), project.proposalId);
    return { ...o, chain } as OutcomeRow;
  }

  private async checkReportOf(db: Db, projectId: number, reportId: number | null | undefined) {
    if (reportId === null || reportId === undefined) return;
    const report = await findReport(db, reportId);
    if (!report || report.projectId !== projectId)
      throw new ValidationError(`Report ${reportId} is not a report of project ${projectId}`, [
        { field: 'body.reportId', message: `no report ${reportId} in project ${projectId}` },
      ]);
  }

  async createOutcome(
    ctx: RequestContext,
    projectId: number,
    body: OutcomeCreate,
  ): Promise<OutcomeRow> {
    return this.run(async (tx) => {
      const { project } = await this.project(tx, ctx, projectId, 'update');
      await this.checkReportOf(tx, projectId, body.reportId);
      const row = await insertOutcome(tx, { ...body, projectId });
      await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'outcomes', row.id, null, row)]);
      return this.withChain(tx, project, row);
    });
  }

  async updateOutcome(ctx: RequestContext, id: number, body: OutcomeUpdate): Promise<OutcomeRow> {
    return this.run(async (tx) => {
      const before = await findOutcome(tx, id);
      if (!before) throw new NotFoundError('outcome', id);
      const { project } = await this.project(tx, ctx, before.projectId, 'update');
      await this.checkReportOf(tx, before.projectId, body.reportId);
      const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      const after = Object.keys(changes).length ? await updateOutcome(tx, id, changes) : before;
      await insertAuditEvents(tx, [auditEntry(ctx, 'update', 'outcomes', id, before, after)]);
      return this.withChain(tx, project, after);
    });
  }

  async removeOutcome(ctx: RequestContext, id: number): Promise<void> {
    await this.run(async (tx) => {
      const before = await findOutcome(tx, id);
      if (!before) throw new NotFoundError('outcome', id);
      await this.project(tx, ctx, before.projectId, 'update');
      await deleteOutcome(tx, id);
      await insertAuditEvents(tx, [auditEntry(ctx, 'delete', 'outcomes', id, before, null)]);
    });
  }

  /** Records an interim or final evaluation; the gate decision itself is a project step. */
  async createEvaluation(
    ctx: RequestContext,
    projectId: number,
    body: ProjectEvaluationCreate,
  ): Promise<ProjectEvaluationRow> {
    return this.run(async (tx) => {
      const { target } = await this.project(tx, ctx, projectId, 'update');
      this.requireOfficer(ctx, target, 'record an evaluation');
      const row = await insertEvaluation(tx, {
        ...body,
        projectId,
        createdBy: ctx.principal.userId,
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'project-evaluations', row.id, null, row),
      ]);
      return evaluationRow(row);
    });
  }

  /** A gate step of the project workflow (interim review, continue or terminate with reasons, close). */
  async projectStep(
    ctx: RequestContext,
    id: number,
    request: DeliveryStepRequest,
  ): Promise<ProjectDetail> {
    return this.run(async (tx) => {
      const { project, target } = await this.project(tx, ctx, id);
      const to = nextState(
        projectWorkflow,
        project.status,
        request,
        rolesOver(ctx, 'projects', target),
      );
      await setProjectStatus(tx, id, to);
      await recordTransition(tx, ctx, {
        entity: 'project',
        entityId: id,
        from: project.status,
        to,
        request,
      });
      const after = await findProject(tx, id);
      return this.detail(tx, after as ProjectRecord);
    });
  }
}
