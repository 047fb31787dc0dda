import type { CollaborationListQuery } from '@innocluster/contracts';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface CollaborationRecord {
  id: number;
  kind: string;
  sourceOrganisationId: number;
  targetOrganisationId: number;
  startedOn: string;
  endedOn: string | null;
  valueKrw: number | null;
  projectId: number | null;
  description: string | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CollaborationValues {
  kind?: string;
  sourceOrganisationId?: number;
  targetOrganisationId?: number;
  startedOn?: string;
  endedOn?: string | null;
  valueKrw?: number | null;
  projectId?: number | null;
  description?: string | null;
  synthetic?: boolean;
}

type NewCollaboration = CollaborationValues & {
  kind: string;
  sourceOrganisationId: number;
  targetOrganisationId: number;
  startedOn: string;
};

const sortColumns = {
  id: 'c.id',
  startedOn: 'c.startedOn',
  kind: 'c.kind',
  valueKrw: 'c.valueKrw',
} as const;

/**
 * A page of collaborations. `scope` restricts to ties with a party among the organisations or
 * in the complexes given (OR-ed), or 'all'.
 */
export async function listCollaborations(
  db: Db,
  query: CollaborationListQuery,
  scope: { organisationIds: number[]; complexIds: number[] } | 'all',
): Promise<{ rows: CollaborationRecord[]; total: number }> {
  const partyIn = (column: 'organisationId' | 'complexId', ids: number[]) =>
    sql<SqlBool>`EXISTS (SELECT 1 FROM organisation o WHERE o.id IN (c.source_organisation_id, c.target_organisation_id) AND ${sql.ref(
      column === 'organisationId' ? 'o.id' : 'o.complex_id',
    )} IN (${sql.join(ids)}))`;
  const base = db.selectFrom('collaboration as c').where((eb) => {
    const conditions: Expression<SqlBool>[] = [];
    if (query.kind !== undefined) conditions.push(eb('c.kind', '=', query.kind));
    if (query.organisationId !== undefined)
      conditions.push(
        eb.or([
          eb('c.sourceOrganisationId', '=', query.organisationId),
          eb('c.targetOrganisationId', '=', query.organisationId),
        ]),
      );
    if (query.complexId !== undefined) conditions.push(partyIn('complexId', [query.complexId]));
    if (query.from !== undefined) {
      const from = query.from;
      conditions.push(eb.or([eb('c.endedOn', 'is', null), eb('c.endedOn', '>=', from)]));
    }
    if (query.to !== undefined) conditions.push(eb('c.startedOn', '<=', query.to));
    if (query.synthetic !== undefined) conditions.push(eb('c.synthetic', '=', query.synthetic));
    if (query.q !== undefined) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      conditions.push(eb('c.description', 'ilike', pattern));
    }
    if (scope !== 'all') {
      const allowed: Expression<SqlBool>[] = [];
      if (scope.organisationIds.length)
        allowed.push(partyIn('organisationId', scope.organisationIds));
      if (scope.complexIds.length) allowed.push(partyIn('complexId', scope.complexIds));
      conditions.push(allowed.length ? eb.or(allowed) : eb.lit(false));
    }
    return eb.and(conditions);
  });
  const sortText = query.sort ?? '-startedOn';
  const descending = sortText.startsWith('-');
  const field = (descending ? sortText.slice(1) : sortText) as keyof typeof sortColumns;
  const [rows, count] = await Promise.all([
    base
      .selectAll('c')
      .orderBy(sortColumns[field], descending ? 'desc' : 'asc')
      .orderBy('c.id', 'asc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as CollaborationRecord[], total: count.total };
}

export async function findCollaboration(
  db: Db,
  id: number,
): Promise<CollaborationRecord | undefined> {
  return (await db
    .selectFrom('collaboration')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()) as CollaborationRecord | undefined;
}

export async function insertCollaborations(
  db: Db,
  values: NewCollaboration[],
): Promise<CollaborationRecord[]> {
  const out: CollaborationRecord[] = [];
  for (let i = 0; i < values.length; i += 2000) {
    const rows = await db
      .insertInto('collaboration')
      .values(values.slice(i, i + 2000))
      .returningAll()
      .execute();
    out.push(...(rows as CollaborationRecord[]));
  }
  return out;
}

export async function updateCollaboration(
  db: Db,
  id: number,
  values: CollaborationValues,
): Promise<CollaborationRecord | undefined> {
  return (await db
    .updateTable('collaboration')
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()) as CollaborationRecord | undefined;
}

export async function deleteCollaboration(db: Db, id: number): Promise<void> {
  await db.deleteFrom('collaboration').where('id', '=', id).execute();
}

/** The complexes of the parties, for the scope check. */
export async function complexesOfOrganisations(
  db: Db,
  ids: readonly number[],
): Promise<Map<number, number | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisation')
    .select(['id', 'complexId'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r.complexId]));
}
