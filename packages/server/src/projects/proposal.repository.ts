import type { ProposalListQuery, RuleViolationRow } from '@innocluster/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';

export interface ProposalValues {
  callId?: number;
  instrumentId?: number;
  demandId?: number | null;
  complexId?: number | null;
  miniClusterId?: number | null;
  leadOrganisationId?: number;
  title?: string;
  abstract?: string | null;
  plan?: string | null;
  startOn?: string | null;
  endOn?: string | null;
  status?: string;
  version?: number;
  submittedAt?: string | null;
  mergedIntoId?: number | null;
  createdBy?: number | null;
  synthetic?: boolean;
}

export interface PartyValues {
  organisationId: number;
  role: string;
}
export interface BudgetLineValues {
  category: string;
  funder: string;
  organisationId: number | null;
  amountKrw: number;
  note: string | null;
}
export interface MilestoneValues {
  title: string;
  dueOn: string | null;
  deliverable: string | null;
}

const sortColumns = {
  id: 'p.id',
  title: 'p.title',
  status: 'p.status',
  submittedAt: 'p.submittedAt',
  createdAt: 'p.createdAt',
} as const;
export const proposalSortable = Object.keys(sortColumns);

/** Proposals with their call's programme and code and the instrument's code. */
function proposalQuery(db: Db) {
  return db
    .selectFrom('proposal as p')
    .innerJoin('fundingCall as c', 'c.id', 'p.callId')
    .innerJoin('callInstrument as i', 'i.id', 'p.instrumentId')
    .innerJoin('organisation as lo', 'lo.id', 'p.leadOrganisationId')
    .leftJoin('miniCluster as m', 'm.id', 'p.miniClusterId')
    .selectAll('p')
    .select([
      'c.programmeId',
      'c.code as callCode',
      'c.status as callStatus',
      'i.code as instrumentCode',
      'lo.name as leadOrganisationName',
      'm.name as miniClusterName',
    ]);
}

export async function findProposal(db: Db, id: number) {
  return proposalQuery(db).where('p.id', '=', id).executeTakeFirst();
}
export type ProposalRecord = NonNullable<Awaited<ReturnType<typeof findProposal>>>;

export async function proposalsByIds(db: Db, ids: readonly number[]): Promise<ProposalRecord[]> {
  if (ids.length === 0) return [];
  const rows = await proposalQuery(db)
    .where('p.id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is ProposalRecord => r !== undefined);
}

/** The list filter: everything, or rows in these scopes, or assigned to the user (OR-ed). */
export type ProposalScope =
  | 'all'
  | {
      programmeIds: number[];
      complexIds: number[];
      miniClusterIds: number[];
      organisationIds: number[];
      assignedIds: number[];
    };

/** A page of proposal ids matching the filters, with the total. */
export async function listProposalIds(
  db: Db,
  query: ProposalListQuery,
  scope: ProposalScope,
): Promise<{ ids: number[]; total: number }> {
  const base = db
    .selectFrom('proposal as p')
    .innerJoin('fundingCall as c', 'c.id', 'p.callId')
    .where((eb) => {
      const c: Expression<SqlBool>[] = [];
      if (query.callId !== undefined) c.push(eb('p.callId', '=', query.callId));
      if (query.instrumentId !== undefined) c.push(eb('p.instrumentId', '=', query.instrumentId));
      if (query.programmeId !== undefined) c.push(eb('c.programmeId', '=', query.programmeId));
      if (query.complexId !== undefined) c.push(eb('p.complexId', '=', query.complexId));
      if (query.miniClusterId !== undefined)
        c.push(eb('p.miniClusterId', '=', query.miniClusterId));
      if (query.demandId !== undefined) c.push(eb('p.demandId', '=', query.demandId));
      if (query.status !== undefined) c.push(eb('p.status', '=', query.status));
      if (query.synthetic !== undefined) c.push(eb('p.synthetic', '=', query.synthetic));
      if (query.organisationId !== undefined) {
        const org = query.organisationId;
        c.push(
          sql<SqlBool>`(p.lead_organisation_id = ${org} OR EXISTS (SELECT 1 FROM proposal_party x WHERE x.proposal_id = p.id AND x.organisation_id = ${org}))`,
        );
      }
      if (query.q !== undefined) {
        const p = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
        c.push(eb.or([eb('p.title', 'ilike', p), eb('p.abstract', 'ilike', p)]));
      }
      if (scope !== 'all') {
        const allowed: Expression<SqlBool>[] = [];
        if (scope.programmeIds.length) allowed.push(eb('c.programmeId', 'in', scope.programmeIds));
        if (scope.complexIds.length) allowed.push(eb('p.complexId', 'in', scope.complexIds));
        if (scope.miniClusterIds.length)
          allowed.push(eb('p.miniClusterId', 'in', scope.miniClusterIds));
        if (scope.organisationIds.length) {
          const orgs = sql.join(scope.organisationIds);
          allowed.push(
            sql<SqlBool>`(p.lead_organisation_id IN (${orgs}) OR EXISTS (SELECT 1 FROM proposal_party x WHERE x.proposal_id = p.id AND x.organisation_id IN (${orgs})))`,
          );
        }
        if (scope.assignedIds.length) allowed.push(eb('p.id', 'in', scope.assignedIds));
        c.push(allowed.length ? eb.or(allowed) : eb.lit(false));
      }
      return eb.and(c);
    });
  const sortText = query.sort ?? '-id';
  const descending = sortText.startsWith('-');
  const field = (descending ? sortText.slice(1) : sortText) as keyof typeof sortColumns;
  const [rows, count] = await Promise.all([
    base
      .select('p.id')
      .orderBy(sortColumns[field], descending ? 'desc' : 'asc')
      .orderBy('p.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: count.total };
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(r);
    out.set(key(r), list);
  }
  return out;
}

export async function partiesOf(db: Db, proposalIds: readonly number[]) {
  if (proposalIds.length === 0) return new Map<number, (PartyValues & { proposalId: number })[]>();
  const rows = await db
    .selectFrom('proposalParty')
    .select(['proposalId', 'organisationId', 'role'])
    .where('proposalId', 'in', [...proposalIds])
    .orderBy('proposalId')
    .orderBy('organisationId')
    .execute();
  return groupBy(rows, (r) => r.proposalId);
}

export async function budgetsOf(db: Db, proposalIds: readonly number[]) {
  if (proposalIds.length === 0)
    return new Map<number, (BudgetLineValues & { proposalId: number })[]>();
  const rows = await db
    .selectFrom('proposalBudgetLine')
    .select(['proposalId', 'category', 'funder', 'organisationId', 'amountKrw', 'note'])
    .where('proposalId', 'in', [...proposalIds])
    .orderBy('id')
    .execute();
  return groupBy(rows, (r) => r.proposalId);
}

export async function milestonesOf(db: Db, proposalId: number) {
  return db
    .selectFrom('proposalMilestone')
    .select(['seq', 'title', 'dueOn', 'deliverable'])
    .where('proposalId', '=', proposalId)
    .orderBy('seq')
    .execute();
}

export interface OrganisationFacts {
  id: number;
  name: string;
  kind: string;
  sizeClass: string | null;
  complexId: number | null;
}

export async function organisationFacts(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, OrganisationFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'name', 'kind', 'sizeClass', 'complexId'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function instrumentsByIds(db: Db, ids: readonly number[]) {
  if (ids.length === 0)
    return new Map<
      number,
      { id: number; callId: number; code: string; name: string; rules: unknown }
    >();
  const rows = await db
    .selectFrom('callInstrument')
    .select(['id', 'callId', 'code', 'name', 'rules'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Proposals an evaluator user is assigned to review (review_assignment, not withdrawn). */
export async function assignedProposalIds(db: Db, userId: number | null): Promise<number[]> {
  if (userId === null) return [];
  const rows = await db
    .selectFrom('reviewAssignment as a')
    .innerJoin('evaluator as e', 'e.id', 'a.evaluatorId')
    .select('a.proposalId')
    .where('e.userId', '=', userId)
    .where('a.status', '<>', 'withdrawn')
    .execute();
  return rows.map((r) => r.proposalId);
}

export async function insertProposal(
  db: Db,
  values: ProposalValues & {
    callId: number;
    instrumentId: number;
    leadOrganisationId: number;
    title: string;
  },
): Promise<number> {
  return (await db.insertInto('proposal').values(values).returning('id').executeTakeFirstOrThrow())
    .id;
}

export async function updateProposal(db: Db, id: number, values: ProposalValues): Promise<void> {
  await db
    .updateTable('proposal')
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteProposal(db: Db, id: number): Promise<void> {
  await db.deleteFrom('proposal').where('id', '=', id).execute();
}

export async function replaceParties(
  db: Db,
  proposalId: number,
  parties: readonly PartyValues[],
): Promise<void> {
  await db.deleteFrom('proposalParty').where('proposalId', '=', proposalId).execute();
  if (parties.length)
    await db
      .insertInto('proposalParty')
      .values(parties.map((p) => ({ ...p, proposalId })))
      .execute();
}

export async function replaceBudget(
  db: Db,
  proposalId: number,
  lines: readonly BudgetLineValues[],
): Promise<void> {
  await db.deleteFrom('proposalBudgetLine').where('proposalId', '=', proposalId).execute();
  if (lines.length)
    await db
      .insertInto('proposalBudgetLine')
      .values(lines.map((l) => ({ ...l, proposalId })))
      .execute();
}

export async function replaceMilestones(
  db: Db,
  proposalId: number,
  milestones: readonly MilestoneValues[],
): Promise<void> {
  await db.deleteFrom('proposalMilestone').where('proposalId', '=', proposalId).execute();
  if (milestones.length)
    await db
      .insertInto('proposalMilestone')
      .values(milestones.map((m, i) => ({ ...m, seq: i + 1, proposalId })))
      .execute();
}

export async function insertVersion(
  db: Db,
  values: {
    proposalId: number;
    version: number;
    content: unknown;
    violations: readonly RuleViolationRow[];
    note: string | null;
    createdBy: number | null;
  },
): Promise<void> {
  await db
    .insertInto('proposalVersion')
    .values({
      ...values,
      content: JSON.stringify(values.content),
      violations: JSON.stringify(values.violations),
    })
    .execute();
}

export async function listVersions(db: Db, proposalId: number) {
  return db
    .selectFrom('proposalVersion')
    .select(['version', 'content', 'violations', 'note', 'createdBy', 'createdAt'])
    .where('proposalId', '=', proposalId)
    .orderBy('version')
    .execute();
}
