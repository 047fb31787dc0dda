import type {
  DemandBackingRow,
  DemandCommentRow,
  DemandListQuery,
  DemandRow,
} from '@innocluster/contracts';
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../db/database.ts';

/** What a demand list may show besides everything: rows in these scopes (OR-ed). */
export interface IntakeScope {
  programmeIds: number[];
  complexIds: number[];
  miniClusterIds: number[];
  organisationIds: number[];
}

export interface DemandValues {
  programmeId?: number | null;
  complexId?: number | null;
  miniClusterId?: number | null;
  activityId?: number | null;
  title?: string;
  description?: string | null;
  supportArea?: string;
  field?: string | null;
  raisedOn?: string;
  status?: string;
  createdBy?: number | null;
  synthetic?: boolean;
}

const sortColumns = {
  id: 'd.id',
  raisedOn: 'd.raisedOn',
  title: 'd.title',
  status: 'd.status',
  supportArea: 'd.supportArea',
} as const;
export const demandSortable = Object.keys(sortColumns);

const escapeLike = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** A page of demand ids matching the filters, with the total. */
export async function listDemandIds(
  db: Db,
  query: DemandListQuery,
  scope: IntakeScope | 'all',
): Promise<{ ids: number[]; total: number }> {
  const base = db.selectFrom('demand as d').where((eb) => {
    const c: Expression<SqlBool>[] = [];
    if (query.programmeId !== undefined) c.push(eb('d.programmeId', '=', query.programmeId));
    if (query.complexId !== undefined) c.push(eb('d.complexId', '=', query.complexId));
    if (query.miniClusterId !== undefined) c.push(eb('d.miniClusterId', '=', query.miniClusterId));
    if (query.activityId !== undefined) c.push(eb('d.activityId', '=', query.activityId));
    if (query.supportArea !== undefined) c.push(eb('d.supportArea', '=', query.supportArea));
    if (query.status !== undefined) c.push(eb('d.status', '=', query.status));
    if (query.ideas === true) c.push(eb('d.status', '=', 'open_idea'));
    if (query.synthetic !== undefined) c.push(eb('d.synthetic', '=', query.synthetic));
    if (query.organisationId !== undefined) {
      const org = query.organisationId;
      c.push(
        sql<SqlBool>`(EXISTS (SELECT 1 FROM demand_organisation x WHERE x.demand_id = d.id AND x.organisation_id = ${org}) OR EXISTS (SELECT 1 FROM demand_backing b WHERE b.demand_id = d.id AND b.organisation_id = ${org}))`,
      );
    }
    if (query.q !== undefined) {
      const p = escapeLike(query.q);
      c.push(
        eb.or([
          eb('d.title', 'ilike', p),
          eb('d.description', 'ilike', p),
          eb('d.field', 'ilike', p),
        ]),
      );
    }
    if (scope !== 'all') {
      const allowed: Expression<SqlBool>[] = [];
      if (scope.programmeIds.length) allowed.push(eb('d.programmeId', 'in', scope.programmeIds));
      if (scope.complexIds.length) allowed.push(eb('d.complexId', 'in', scope.complexIds));
      if (scope.miniClusterIds.length)
        allowed.push(eb('d.miniClusterId', 'in', scope.miniClusterIds));
      if (scope.organisationIds.length)
        allowed.push(
          sql<SqlBool>`EXISTS (SELECT 1 FROM demand_organisation x WHERE x.demand_id = d.id AND x.organisation_id IN (${sql.join(scope.organisationIds)}))`,
        );
      c.push(allowed.length ? eb.or(allowed) : eb.lit(false));
    }
    return eb.and(c);
  });
  const sortText = query.sort ?? '-raisedOn';
  const descending = sortText.startsWith('-');
  const field = (descending ? sortText.slice(1) : sortText) as keyof typeof sortColumns;
  const [rows, count] = await Promise.all([
    base
      .select('d.id')
      .orderBy(sortColumns[field], descending ? 'desc' : 'asc')
      .orderBy('d.id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { ids: rows.map((r) => r.id), total: count.total };
}

/** Demands by id with names and counts, in the order of `ids`. */
export async function demandsByIds(db: Db, ids: readonly number[]): Promise<DemandRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('demand as d')
    .leftJoin('miniCluster as m', 'm.id', 'd.miniClusterId')
    .leftJoin('activity as a', 'a.id', 'd.activityId')
    .selectAll('d')
    .select([
      'm.name as miniClusterName',
      'a.title as activityTitle',
      sql<number>`(SELECT count(*)::int FROM demand_comment c WHERE c.demand_id = d.id)`.as(
        'commentCount',
      ),
      sql<number>`(SELECT count(*)::int FROM demand_backing b WHERE b.demand_id = d.id)`.as(
        'backingCount',
      ),
      sql<number>`(SELECT count(*)::int FROM proposal p WHERE p.demand_id = d.id)`.as(
        'proposalCount',
      ),
    ])
    .where('d.id', 'in', [...ids])
    .execute();
  const orgs = await db
    .selectFrom('demandOrganisation as x')
    .innerJoin('organisation as o', 'o.id', 'x.organisationId')
    .select(['x.demandId', 'o.id', 'o.name'])
    .where('x.demandId', 'in', [...ids])
    .orderBy('o.name')
    .execute();
  const byDemand = new Map<number, { id: number; name: string }[]>();
  for (const o of orgs) {
    const list = byDemand.get(o.demandId) ?? [];
    list.push({ id: o.id, name: o.name });
    byDemand.set(o.demandId, list);
  }
  const byId = new Map(
    rows.map((r) => [
      r.id,
      { ...r, organisations: byDemand.get(r.id) ?? [] } as unknown as DemandRow,
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((r): r is DemandRow => r !== undefined);
}

export async function findDemand(db: Db, id: number) {
  const row = await db.selectFrom('demand').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const orgs = await db
    .selectFrom('demandOrganisation')
    .select('organisationId')
    .where('demandId', '=', id)
    .execute();
  return { ...row, organisationIds: orgs.map((o) => o.organisationId) };
}
export type DemandRecord = NonNullable<Awaited<ReturnType<typeof findDemand>>>;

export async function insertDemand(
  db: Db,
  values: DemandValues & { title: string; supportArea: string; raisedOn: string },
): Promise<number> {
  const row = await db
    .insertInto('demand')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateDemand(db: Db, id: number, values: DemandValues): Promise<void> {
  await db
    .updateTable('demand')
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function setDemandOrganisations(
  db: Db,
  demandId: number,
  organisationIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('demandOrganisation').where('demandId', '=', demandId).execute();
  if (organisationIds.length)
    await db
      .insertInto('demandOrganisation')
      .values([...new Set(organisationIds)].map((organisationId) => ({ demandId, organisationId })))
      .execute();
}

export async function listDemandComments(db: Db, demandId: number): Promise<DemandCommentRow[]> {
  return db
    .selectFrom('demandComment as c')
    .leftJoin('appUser as u', 'u.id', 'c.userId')
    .select([
      'c.id',
      'c.demandId',
      'c.userId',
      'u.name as userName',
      'c.body',
      'c.synthetic',
      'c.createdAt',
    ])
    .where('c.demandId', '=', demandId)
    .orderBy('c.createdAt')
    .orderBy('c.id')
    .execute();
}

export async function insertDemandComment(
  db: Db,
  values: { demandId: number; userId: number | null; body: string; synthetic?: boolean },
): Promise<number> {
  return (
    await db.insertInto('demandComment').values(values).returning('id').executeTakeFirstOrThrow()
  ).id;
}

export async function listDemandBackings(db: Db, demandId: number): Promise<DemandBackingRow[]> {
  return db
    .selectFrom('demandBacking as b')
    .innerJoin('organisation as o', 'o.id', 'b.organisationId')
    .select([
      'b.demandId',
      'b.organisationId',
      'o.name as organisationName',
      'b.userId',
      'b.note',
      'b.synthetic',
      'b.createdAt',
    ])
    .where('b.demandId', '=', demandId)
    .orderBy('b.createdAt')
    .execute();
}

/** Inserts a backing; false when the organisation already backs the demand. */
export async function insertDemandBacking(
  db: Db,
  values: {
    demandId: number;
    organisationId: number;
    userId: number | null;
    note: string | null;
    synthetic?: boolean;
  },
): Promise<boolean> {
  const rows = await db
    .insertInto('demandBacking')
    .values(values)
    .onConflict((oc) => oc.columns(['demandId', 'organisationId']).doNothing())
    .returning('demandId')
    .execute();
  return rows.length > 0;
}

export async function deleteDemandBacking(
  db: Db,
  demandId: number,
  organisationId: number,
): Promise<boolean> {
  const rows = await db
    .deleteFrom('demandBacking')
    .where('demandId', '=', demandId)
    .where('organisationId', '=', organisationId)
    .returning('demandId')
    .execute();
  return rows.length > 0;
}

/** Proposals answering a demand, with what the proposal read permission needs to know. */
export async function proposalsOfDemand(db: Db, demandId: number) {
  return db
    .selectFrom('proposal as p')
    .innerJoin('fundingCall as c', 'c.id', 'p.callId')
    .select([
      'p.id',
      'p.title',
      'p.status',
      'c.programmeId',
      'p.complexId',
      'p.miniClusterId',
      'p.leadOrganisationId',
      sql<
        number[]
      >`coalesce((SELECT array_agg(x.organisation_id) FROM proposal_party x WHERE x.proposal_id = p.id), '{}')`.as(
        'partnerIds',
      ),
    ])
    .where('p.demandId', '=', demandId)
    .orderBy('p.id')
    .execute();
}

/** The activity a demand was raised at: its date, programme, complex and mini-clusters. */
export async function findActivityForDemand(db: Db, id: number) {
  const row = await db
    .selectFrom('activity')
    .select(['id', 'programmeId', 'complexId', 'heldOn'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const minis = await db
    .selectFrom('activityMiniCluster')
    .select('miniClusterId')
    .where('activityId', '=', id)
    .execute();
  return { ...row, miniClusterIds: minis.map((m) => m.miniClusterId) };
}

export async function findMiniCluster(db: Db, id: number) {
  return db
    .selectFrom('miniCluster')
    .select(['id', 'complexId', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The programmes a complex takes part in. */
export async function programmesOfComplex(db: Db, complexId: number): Promise<number[]> {
  return (
    await db
      .selectFrom('participation')
      .select('programmeId')
      .distinct()
      .where('complexId', '=', complexId)
      .execute()
  ).map((r) => r.programmeId);
}

export async function existingOrganisations(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('organisation')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}
