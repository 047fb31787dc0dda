import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database, FundingCallTable, OrganisationTable, ProjectTable } from '../db/schema.ts';

type Db = Kysely<Database>;

/**
 * SQL of project delivery: projects, agreements, disbursements, reports, outcomes,
 * evaluations, workflow events and the rows the burden figures are computed from. Nothing here
 * decides or validates; the services do.
 */

export interface ProjectRecord {
  id: number;
  proposalId: number;
  callId: number;
  callTitle: string;
  programmeId: number;
  instrumentId: number;
  instrumentName: string;
  instrumentRules: unknown;
  complexId: number | null;
  complexName: string | null;
  miniClusterId: number | null;
  leadOrganisationId: number;
  leadOrganisationName: string;
  title: string;
  startOn: string;
  endOn: string;
  approvedGrantKrw: number;
  status: string;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
  agreementId: number | null;
  agreementStatus: string | null;
  paidKrw: number;
  firstPaidOn: string | null;
}

/** Rows a scoped reader may see: any match among programmes, complexes, mini-clusters, organisations. */
export interface ProjectScope {
  programmeIds: number[];
  complexIds: number[];
  miniClusterIds: number[];
  organisationIds: number[];
}

export interface ProjectFilters {
  programmeId?: number | undefined;
  callId?: number | undefined;
  complexId?: number | undefined;
  instrumentId?: number | undefined;
  status?: string | undefined;
  year?: number | undefined;
  synthetic?: boolean | undefined;
  q?: string | undefined;
  ids?: number[] | undefined;
}

function projectSelect(db: Db) {
  return db
    .selectFrom('project as p')
    .innerJoin('fundingCall as c', 'c.id', 'p.callId')
    .innerJoin('callInstrument as i', 'i.id', 'p.instrumentId')
    .innerJoin('organisation as o', 'o.id', 'p.leadOrganisationId')
    .leftJoin('complex as cx', 'cx.id', 'p.complexId')
    .leftJoin('agreement as a', 'a.projectId', 'p.id')
    .select([
      'p.id',
      'p.proposalId',
      'p.callId',
      'c.title as callTitle',
      'c.programmeId',
      'p.instrumentId',
      'i.name as instrumentName',
      'i.rules as instrumentRules',
      'p.complexId',
      'cx.name as complexName',
      'p.miniClusterId',
      'p.leadOrganisationId',
      'o.name as leadOrganisationName',
      'p.title',
      'p.startOn',
      'p.endOn',
      'p.approvedGrantKrw',
      'p.status',
      'p.synthetic',
      'p.createdAt',
      'p.updatedAt',
      'a.id as agreementId',
      'a.status as agreementStatus',
      sql<number>`coalesce((SELECT sum(d.paid_amount_krw) FROM disbursement d WHERE d.project_id = p.id AND d.status = 'paid'), 0)::bigint`.as(
        'paidKrw',
      ),
      sql<
        string | null
      >`(SELECT min(d.paid_on) FROM disbursement d WHERE d.project_id = p.id AND d.status = 'paid' AND d.paid_amount_krw > 0)`.as(
        'firstPaidOn',
      ),
    ]);
}

function whereFilters(filters: ProjectFilters, scope: ProjectScope | 'all') {
  return (
    eb: ExpressionBuilder<
      Database & { p: ProjectTable; c: FundingCallTable; o: OrganisationTable },
      'p' | 'c' | 'o'
    >,
  ) => {
    const conditions: Expression<SqlBool>[] = [];
    if (filters.programmeId !== undefined)
      conditions.push(eb('c.programmeId', '=', filters.programmeId));
    if (filters.callId !== undefined) conditions.push(eb('p.callId', '=', filters.callId));
    if (filters.complexId !== undefined) conditions.push(eb('p.complexId', '=', filters.complexId));
    if (filters.instrumentId !== undefined)
      conditions.push(eb('p.instrumentId', '=', filters.instrumentId));
    if (filters.status !== undefined) conditions.push(eb('p.status', '=', filters.status));
    if (filters.year !== undefined)
      conditions.push(sql<SqlBool>`extract(year FROM p.start_on) = ${filters.year}`);
    if (filters.synthetic !== undefined) conditions.push(eb('p.synthetic', '=', filters.synthetic));
    if (filters.ids !== undefined)
      conditions.push(filters.ids.length ? eb('p.id', 'in', filters.ids) : sql<SqlBool>`false`);
    if (filters.q !== undefined) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      conditions.push(eb.or([eb('p.title', 'ilike', pattern), eb('o.name', 'ilike', pattern)]));
    }
    if (scope !== 'all') {
      const any: Expression<SqlBool>[] = [];
      if (scope.programmeIds.length) any.push(eb('c.programmeId', 'in', scope.programmeIds));
      if (scope.complexIds.length) any.push(eb('p.complexId', 'in', scope.complexIds));
      if (scope.miniClusterIds.length) any.push(eb('p.miniClusterId', 'in', scope.miniClusterIds));
      if (scope.organisationIds.length) {
        any.push(eb('p.leadOrganisationId', 'in', scope.organisationIds));
        any.push(
          sql<SqlBool>`EXISTS (SELECT 1 FROM proposal_party pp WHERE pp.proposal_id = p.proposal_id AND pp.organisation_id IN (${sql.join(scope.organisationIds)}))`,
        );
      }
      conditions.push(any.length ? eb.or(any) : sql<SqlBool>`false`);
    }
    return eb.and(conditions);
  };
}

const sortColumns = {
  id: 'p.id',
  startOn: 'p.startOn',
  title: 'p.title',
  approvedGrantKrw: 'p.approvedGrantKrw',
  status: 'p.status',
} as const;
export type ProjectSortField = keyof typeof sortColumns;
export const projectSortFields = Object.keys(sortColumns) as ProjectSortField[];

/** A page of projects matching the filters within the scope. */
export async function listProjects(
  db: Db,
  filters: ProjectFilters,
  scope: ProjectScope | 'all',
  page: { page: number; pageSize: number; sort: ProjectSortField; descending: boolean },
): Promise<{ rows: ProjectRecord[]; total: number }> {
  const where = whereFilters(filters, scope);
  const rows = (await projectSelect(db)
    .where(where)
    .orderBy(sortColumns[page.sort], page.descending ? 'desc' : 'asc')
    .orderBy('p.id')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute()) as ProjectRecord[];
  const count = await db
    .selectFrom('project as p')
    .innerJoin('fundingCall as c', 'c.id', 'p.callId')
    .innerJoin('organisation as o', 'o.id', 'p.leadOrganisationId')
    .select(sql<number>`count(*)::int`.as('n'))
    .where(where)
    .executeTakeFirst();
  return { rows, total: count?.n ?? 0 };
}

/** Every project matching the filters within the scope (burden, aging, CLI). */
export async function allProjects(
  db: Db,
  filters: ProjectFilters,
  scope: ProjectScope | 'all',
): Promise<ProjectRecord[]> {
  return (await projectSelect(db)
    .where(whereFilters(filters, scope))
    .orderBy('p.id')
    .execute()) as ProjectRecord[];
}

export async function findProject(db: Db, id: number): Promise<ProjectRecord | undefined> {
  return (await projectSelect(db).where('p.id', '=', id).executeTakeFirst()) as
    ProjectRecord | undefined;
}

/** Partner organisations of the project's proposal (the lead is on the project). */
export async function projectPartnerIds(db: Db, proposalId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('proposalParty')
    .select('organisationId')
    .where('proposalId', '=', proposalId)
    .execute();
  return rows.map((r) => r.organisationId);
}

export async function setProjectStatus(db: Db, id: number, status: string): Promise<void> {
  await db
    .updateTable('project')
    .set({ status, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .execute();
}

export interface AgreementRecord {
  id: number;
  projectId: number;
  status: string;
  approvedBudget: unknown;
  totalGrantKrw: number;
  terms: string | null;
  offeredOn: string | null;
  signedOn: string | null;
  amendmentCount: number;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export async function findAgreement(db: Db, id: number): Promise<AgreementRecord | undefined> {
  return db.selectFrom('agreement').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAgreementOfProject(
  db: Db,
  projectId: number,
): Promise<AgreementRecord | undefined> {
  return db
    .selectFrom('agreement')
    .selectAll()
    .where('projectId', '=', projectId)
    .executeTakeFirst();
}

export async function insertAgreement(
  db: Db,
  values: {
    projectId: number;
    approvedBudget: unknown;
    totalGrantKrw: number;
    terms: string | null;
    synthetic: boolean;
  },
): Promise<AgreementRecord> {
  return db
    .insertInto('agreement')
    .values({ ...values, approvedBudget: JSON.stringify(values.approvedBudget) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateAgreement(
  db: Db,
  id: number,
  changes: {
    status?: string;
    approvedBudget?: unknown;
    totalGrantKrw?: number;
    terms?: string | null;
    offeredOn?: string | null;
    signedOn?: string | null;
    amendmentCount?: number;
  },
): Promise<AgreementRecord> {
  const { approvedBudget, ...rest } = changes;
  return db
    .updateTable('agreement')
    .set({
      ...rest,
      ...(approvedBudget !== undefined ? { approvedBudget: JSON.stringify(approvedBudget) } : {}),
      updatedAt: sql<string>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface DisbursementRecord {
  id: number;
  agreementId: number;
  projectId: number;
  seq: number;
  scheduledOn: string;
  amountKrw: number;
  status: string;
  requestedOn: string | null;
  paidOn: string | null;
  paidAmountKrw: number | null;
  note: string | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export async function listDisbursements(
  db: Db,
  where: { agreementId?: number; projectIds?: number[] },
): Promise<DisbursementRecord[]> {
  let q = db.selectFrom('disbursement').selectAll();
  if (where.agreementId !== undefined) q = q.where('agreementId', '=', where.agreementId);
  if (where.projectIds !== undefined) {
    if (where.projectIds.length === 0) return [];
    q = q.where('projectId', 'in', where.projectIds);
  }
  return q.orderBy('projectId').orderBy('seq').execute();
}

export async function findDisbursement(
  db: Db,
  id: number,
): Promise<DisbursementRecord | undefined> {
  return db.selectFrom('disbursement').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Replaces the instalments that are still only scheduled with a new list numbered after the
 * instalments kept (requested, approved, held, paid or cancelled ones stay as they are).
 */
export async function replaceScheduledInstalments(
  db: Db,
  agreement: { id: number; projectId: number; synthetic: boolean },
  instalments: readonly { scheduledOn: string; amountKrw: number }[],
): Promise<void> {
  await db
    .deleteFrom('disbursement')
    .where('agreementId', '=', agreement.id)
    .where('status', '=', 'scheduled')
    .execute();
  const last = await db
    .selectFrom('disbursement')
    .select(sql<number>`coalesce(max(seq), 0)::int`.as('seq'))
    .where('agreementId', '=', agreement.id)
    .executeTakeFirst();
  const start = last?.seq ?? 0;
  if (instalments.length === 0) return;
  await db
    .insertInto('disbursement')
    .values(
      instalments.map((i, k) => ({
        agreementId: agreement.id,
        projectId: agreement.projectId,
        seq: start + k + 1,
        scheduledOn: i.scheduledOn,
        amountKrw: i.amountKrw,
        synthetic: agreement.synthetic,
      })),
    )
    .execute();
}

export async function updateDisbursement(
  db: Db,
  id: number,
  changes: {
    status?: string;
    requestedOn?: string | null;
    paidOn?: string | null;
    paidAmountKrw?: number | null;
    note?: string | null;
  },
): Promise<DisbursementRecord> {
  return db
    .updateTable('disbursement')
    .set({ ...changes, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface ReportRecord {
  id: number;
  projectId: number;
  kind: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  status: string;
  content: unknown;
  submittedOn: string | null;
  acceptedOn: string | null;
  amendmentRounds: number;
  paperworkHours: number | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export async function listReports(db: Db, projectIds: number[]): Promise<ReportRecord[]> {
  if (projectIds.length === 0) return [];
  return db
    .selectFrom('projectReport')
    .selectAll()
    .where('projectId', 'in', projectIds)
    .orderBy('projectId')
    .orderBy('dueOn')
    .orderBy('id')
    .execute();
}

export async function findReport(db: Db, id: number): Promise<ReportRecord | undefined> {
  return db.selectFrom('projectReport').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReports(
  db: Db,
  rows: readonly {
    projectId: number;
    kind: string;
    periodStart: string;
    periodEnd: string;
    dueOn: string;
    synthetic: boolean;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('projectReport')
    .values(rows.map((r) => ({ ...r, content: '{}' })))
    .execute();
}

export async function updateReport(
  db: Db,
  id: number,
  changes: {
    status?: string;
    content?: unknown;
    submittedOn?: string | null;
    acceptedOn?: string | null;
    amendmentRounds?: number;
    paperworkHours?: number | null;
  },
): Promise<ReportRecord> {
  const { content, ...rest } = changes;
  return db
    .updateTable('projectReport')
    .set({
      ...rest,
      ...(content !== undefined ? { content: JSON.stringify(content) } : {}),
      updatedAt: sql<string>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface OutcomeRecord {
  id: number;
  projectId: number;
  kind: string;
  title: string;
  quantity: number | null;
  valueKrw: number | null;
  occurredOn: string;
  evidence: string | null;
  reportId: number | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export async function listOutcomes(
  db: Db,
  projectId: number,
  period?: { from: string; to: string },
): Promise<OutcomeRecord[]> {
  let q = db.selectFrom('projectOutcome').selectAll().where('projectId', '=', projectId);
  if (period) q = q.where('occurredOn', '>=', period.from).where('occurredOn', '<=', period.to);
  return q.orderBy('occurredOn').orderBy('id').execute();
}

export async function findOutcome(db: Db, id: number): Promise<OutcomeRecord | undefined> {
  return db.selectFrom('projectOutcome').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOutcome(
  db: Db,
  values: Omit<OutcomeRecord, 'id' | 'createdAt' | 'updatedAt'>,
): Promise<OutcomeRecord> {
  return db.insertInto('projectOutcome').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateOutcome(
  db: Db,
  id: number,
  changes: Partial<Omit<OutcomeRecord, 'id' | 'projectId' | 'createdAt' | 'updatedAt'>>,
): Promise<OutcomeRecord> {
  return db
    .updateTable('projectOutcome')
    .set({ ...changes, updatedAt: sql<string>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteOutcome(db: Db, id: number): Promise<void> {
  await db.deleteFrom('projectOutcome').where('id', '=', id).execute();
}

export interface EvaluationRecord {
  id: number;
  projectId: number;
  kind: string;
  evaluatedOn: string;
  score: number | null;
  grade: string | null;
  findings: string | null;
  recommendation: string | null;
  createdBy: number | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export async function listEvaluations(db: Db, projectId: number): Promise<EvaluationRecord[]> {
  return db
    .selectFrom('projectEvaluation')
    .selectAll()
    .where('projectId', '=', projectId)
    .orderBy('evaluatedOn')
    .orderBy('id')
    .execute();
}

export async function insertEvaluation(
  db: Db,
  values: Omit<EvaluationRecord, 'id' | 'createdAt' | 'updatedAt'>,
): Promise<EvaluationRecord> {
  return db.insertInto('projectEvaluation').values(values).returningAll().executeTakeFirstOrThrow();
}

export interface ChainRecord {
  proposalId: number;
  proposalTitle: string;
  submittedAt: string | null;
  demandId: number | null;
  demandTitle: string | null;
  raisedOn: string | null;
  activityId: number | null;
  activityTitle: string | null;
  activityKind: string | null;
  heldOn: string | null;
  decision: string | null;
  decisionReason: string | null;
  decidedAt: string | null;
}

/** The proposal of a project, the demand it answered, the activity that surfaced it, the decision. */
export async function findChain(db: Db, proposalId: number): Promise<ChainRecord | undefined> {
  return db
    .selectFrom('proposal as pr')
    .leftJoin('demand as d', 'd.id', 'pr.demandId')
    .leftJoin('activity as ac', 'ac.id', 'd.activityId')
    .select([
      'pr.id as proposalId',
      'pr.title as proposalTitle',
      'pr.submittedAt',
      'd.id as demandId',
      'd.title as demandTitle',
      'd.raisedOn',
      'ac.id as activityId',
      'ac.title as activityTitle',
      'ac.kind as activityKind',
      'ac.heldOn',
      sql<
        string | null
      >`(SELECT pd.decision FROM proposal_decision pd WHERE pd.proposal_id = pr.id ORDER BY pd.decided_at DESC, pd.id DESC LIMIT 1)`.as(
        'decision',
      ),
      sql<
        string | null
      >`(SELECT pd.reason FROM proposal_decision pd WHERE pd.proposal_id = pr.id ORDER BY pd.decided_at DESC, pd.id DESC LIMIT 1)`.as(
        'decisionReason',
      ),
      sql<
        string | null
      >`(SELECT pd.decided_at FROM proposal_decision pd WHERE pd.proposal_id = pr.id ORDER BY pd.decided_at DESC, pd.id DESC LIMIT 1)`.as(
        'decidedAt',
      ),
    ])
    .where('pr.id', '=', proposalId)
    .executeTakeFirst();
}

export interface EventRecord {
  entity: string;
  entityId: number;
  fromState: string | null;
  action: string;
  toState: string;
  reason: string | null;
  at: string;
  onDate: string | null;
}

/** Workflow events of the named records, oldest first. */
export async function listEvents(
  db: Db,
  wanted: readonly { entity: string; ids: readonly number[] }[],
): Promise<EventRecord[]> {
  const parts = wanted.filter((w) => w.ids.length > 0);
  if (parts.length === 0) return [];
  return db
    .selectFrom('workflowEvent')
    .select(['entity', 'entityId', 'fromState', 'action', 'toState', 'reason', 'at', 'onDate'])
    .where((eb) =>
      eb.or(
        parts.map((w) => eb.and([eb('entity', '=', w.entity), eb('entityId', 'in', [...w.ids])])),
      ),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/**
 * Activities held in a period that belong to the project: linked to its mini-cluster, or
 * hosted or attended by its lead or a partner organisation.
 */
export async function projectActivities(
  db: Db,
  project: { miniClusterId: number | null; organisationIds: number[] },
  period: { from: string; to: string },
): Promise<{ id: number; title: string; kind: string; heldOn: string }[]> {
  const orgs = project.organisationIds;
  return db
    .selectFrom('activity as a')
    .select(['a.id', 'a.title', 'a.kind', 'a.heldOn'])
    .where('a.heldOn', '>=', period.from)
    .where('a.heldOn', '<=', period.to)
    .where((eb) => {
      const any: Expression<SqlBool>[] = [];
      if (project.miniClusterId !== null)
        any.push(
          sql<SqlBool>`EXISTS (SELECT 1 FROM activity_mini_cluster m WHERE m.activity_id = a.id AND m.mini_cluster_id = ${project.miniClusterId})`,
        );
      if (orgs.length) {
        any.push(eb('a.hostOrganisationId', 'in', orgs));
        any.push(
          sql<SqlBool>`EXISTS (SELECT 1 FROM activity_attendee t WHERE t.activity_id = a.id AND t.organisation_id IN (${sql.join(orgs)}))`,
        );
      }
      return any.length ? eb.or(any) : sql<SqlBool>`false`;
    })
    .orderBy('a.heldOn')
    .orderBy('a.id')
    .execute();
}

/** Amendments proposed to each project's agreement, by project id. */
export async function agreementAmendmentCounts(
  db: Db,
  projectIds: readonly number[],
): Promise<Map<number, number>> {
  if (projectIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('agreement')
    .select(['projectId', 'amendmentCount'])
    .where('projectId', 'in', [...projectIds])
    .execute();
  return new Map(rows.map((r) => [r.projectId, r.amendmentCount]));
}
