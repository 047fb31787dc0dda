import type { ActivityListQuery, AttendeeRow } from '@innocluster/contracts';
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** An activity as stored, with its mini-clusters and how many attendee rows it has. */
export interface ActivityRecord {
  id: number;
  programmeId: number | null;
  complexId: number | null;
  kind: string;
  title: string;
  topic: string | null;
  heldOn: string;
  hostOrganisationId: number | null;
  importId: number | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
  miniClusterIds: number[];
  attendeeCount: number;
}

/** Rows a reader may list when their grants do not reach everything (OR-ed). */
export interface ActivityScope {
  programmeIds: number[];
  complexIds: number[];
  miniClusterIds: number[];
}

export interface ActivityValues {
  programmeId?: number | null;
  complexId?: number | null;
  kind?: string;
  title?: string;
  topic?: string | null;
  heldOn?: string;
  hostOrganisationId?: number | null;
  importId?: number | null;
  synthetic?: boolean;
}

export interface AttendeeValues {
  activityId: number;
  organisationId: number | null;
  personId: number | null;
  nameAsWritten: string | null;
  match: string;
  matchScore: number | null;
  synthetic?: boolean;
}

function withExtras(db: Db) {
  return db
    .selectFrom('activity')
    .selectAll('activity')
    .select([
      sql<
        number[]
      >`coalesce((SELECT array_agg(amc.mini_cluster_id ORDER BY amc.mini_cluster_id) FROM activity_mini_cluster amc WHERE amc.activity_id = activity.id), '{}')`.as(
        'miniClusterIds',
      ),
      sql<number>`(SELECT count(*)::int FROM activity_attendee aa WHERE aa.activity_id = activity.id)`.as(
        'attendeeCount',
      ),
    ]);
}

const sortColumns = {
  id: 'activity.id',
  heldOn: 'activity.heldOn',
  title: 'activity.title',
  kind: 'activity.kind',
  complexId: 'activity.complexId',
} as const;

/** A page of activities matching the filters, newest first unless sorted otherwise. */
export async function listActivities(
  db: Db,
  query: ActivityListQuery,
  scope: ActivityScope | 'all',
): Promise<{ rows: ActivityRecord[]; total: number }> {
  const base = db.selectFrom('activity').where((eb) => {
    const conditions: Expression<SqlBool>[] = [];
    if (query.programmeId !== undefined)
      conditions.push(eb('activity.programmeId', '=', query.programmeId));
    if (query.complexId !== undefined)
      conditions.push(eb('activity.complexId', '=', query.complexId));
    if (query.kind !== undefined) conditions.push(eb('activity.kind', '=', query.kind));
    if (query.from !== undefined) conditions.push(eb('activity.heldOn', '>=', query.from));
    if (query.to !== undefined) conditions.push(eb('activity.heldOn', '<=', query.to));
    if (query.synthetic !== undefined)
      conditions.push(eb('activity.synthetic', '=', query.synthetic));
    if (query.miniClusterId !== undefined)
      conditions.push(
        eb.exists(
          eb
            .selectFrom('activityMiniCluster as amc')
            .select('amc.activityId')
            .whereRef('amc.activityId', '=', 'activity.id')
            .where('amc.miniClusterId', '=', query.miniClusterId),
        ),
      );
    if (query.organisationId !== undefined) {
      const organisationId = query.organisationId;
      conditions.push(
        eb.or([
          eb('activity.hostOrganisationId', '=', organisationId),
          eb.exists(
            eb
              .selectFrom('activityAttendee as aa')
              .select('aa.activityId')
              .whereRef('aa.activityId', '=', 'activity.id')
              .where('aa.organisationId', '=', organisationId),
          ),
        ]),
      );
    }
    if (query.q !== undefined) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        eb.or([eb('activity.title', 'ilike', pattern), eb('activity.topic', 'ilike', pattern)]),
      );
    }
    if (scope !== 'all') {
      const allowed: Expression<SqlBool>[] = [];
      if (scope.programmeIds.length)
        allowed.push(eb('activity.programmeId', 'in', scope.programmeIds));
      if (scope.complexIds.length) allowed.push(eb('activity.complexId', 'in', scope.complexIds));
      if (scope.miniClusterIds.length)
        allowed.push(
          eb.exists(
            eb
              .selectFrom('activityMiniCluster as amc')
              .select('amc.activityId')
              .whereRef('amc.activityId', '=', 'activity.id')
              .where('amc.miniClusterId', 'in', scope.miniClusterIds),
          ),
        );
      conditions.push(allowed.length ? eb.or(allowed) : eb.lit(false));
    }
    return eb.and(conditions);
  });
  const sortText = query.sort ?? '-heldOn';
  const descending = sortText.startsWith('-');
  const field = (descending ? sortText.slice(1) : sortText) as keyof typeof sortColumns;
  const ids = base
    .select('activity.id')
    .orderBy(sortColumns[field], descending ? 'desc' : 'asc')
    .orderBy('activity.id', 'asc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [page, count] = await Promise.all([
    ids.execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  const order = page.map((r) => r.id);
  const rows = order.length ? await withExtras(db).where('activity.id', 'in', order).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r as ActivityRecord]));
  return {
    rows: order.map((id) => byId.get(id)).filter((r): r is ActivityRecord => !!r),
    total: count.total,
  };
}

export async function findActivity(db: Db, id: number): Promise<ActivityRecord | undefined> {
  return (await withExtras(db).where('activity.id', '=', id).executeTakeFirst()) as
    ActivityRecord | undefined;
}

export async function insertActivity(db: Db, values: ActivityValues): Promise<number> {
  const row = await db
    .insertInto('activity')
    .values(values as ActivityValues & { kind: string; title: string; heldOn: string })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Inserts many activities at once (imports, demo) and returns their ids in order. */
export async function insertActivities(
  db: Db,
  values: (ActivityValues & { kind: string; title: string; heldOn: string })[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < values.length; i += 2000) {
    const rows = await db
      .insertInto('activity')
      .values(values.slice(i, i + 2000))
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function updateActivity(db: Db, id: number, values: ActivityValues): Promise<void> {
  await db
    .updateTable('activity')
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Marks an activity changed when only its attendees or mini-clusters changed. */
export async function touchActivity(db: Db, id: number): Promise<void> {
  await db
    .updateTable('activity')
    .set({ updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function deleteActivity(db: Db, id: number): Promise<void> {
  await db.deleteFrom('activity').where('id', '=', id).execute();
}

export async function setActivityMiniClusters(
  db: Db,
  activityId: number,
  miniClusterIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('activityMiniCluster').where('activityId', '=', activityId).execute();
  await insertActivityMiniClusters(
    db,
    [...new Set(miniClusterIds)].map((miniClusterId) => ({ activityId, miniClusterId })),
  );
}

export async function insertActivityMiniClusters(
  db: Db,
  rows: { activityId: number; miniClusterId: number }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000)
    await db
      .insertInto('activityMiniCluster')
      .values(rows.slice(i, i + 5000))
      .execute();
}

function attendeeQuery(db: Db) {
  return db
    .selectFrom('activityAttendee as aa')
    .leftJoin('organisation as o', 'o.id', 'aa.organisationId')
    .leftJoin('person as p', 'p.id', 'aa.personId')
    .select([
      'aa.id',
      'aa.activityId',
      'aa.organisationId',
      'o.name as organisationName',
      'aa.personId',
      'p.name as personName',
      'aa.nameAsWritten',
      'aa.match',
      'aa.matchScore',
      'aa.synthetic',
      'aa.createdAt',
      'aa.updatedAt',
    ]);
}

export async function listAttendees(db: Db, activityId: number): Promise<AttendeeRow[]> {
  return (await attendeeQuery(db)
    .where('aa.activityId', '=', activityId)
    .orderBy('aa.id')
    .execute()) as AttendeeRow[];
}

export async function findAttendee(
  db: Db,
  activityId: number,
  attendeeId: number,
): Promise<AttendeeRow | undefined> {
  return (await attendeeQuery(db)
    .where('aa.activityId', '=', activityId)
    .where('aa.id', '=', attendeeId)
    .executeTakeFirst()) as AttendeeRow | undefined;
}

/**
 * Inserts attendees, skipping any already recorded for the activity (the partial unique
 * indexes on organisation, person and unmatched name); returns the ids inserted.
 */
export async function insertAttendees(db: Db, rows: AttendeeValues[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 5000) {
    const inserted = await db
      .insertInto('activityAttendee')
      .values(rows.slice(i, i + 5000))
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function attendeesByIds(db: Db, ids: readonly number[]): Promise<AttendeeRow[]> {
  if (ids.length === 0) return [];
  return (await attendeeQuery(db)
    .where('aa.id', 'in', [...ids])
    .orderBy('aa.id')
    .execute()) as AttendeeRow[];
}

export async function deleteAttendee(db: Db, attendeeId: number): Promise<void> {
  await db.deleteFrom('activityAttendee').where('id', '=', attendeeId).execute();
}

/** Where organisations sit, for scope checks and validation. */
export async function organisationsByIds(
  db: Db,
  ids: readonly number[],
): Promise<{ id: number; name: string; complexId: number | null }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'complexId'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function personsByIds(
  db: Db,
  ids: readonly number[],
): Promise<{ id: number; organisationId: number | null }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person')
    .select(['id', 'organisationId'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export async function miniClustersByIds(
  db: Db,
  ids: readonly number[],
): Promise<{ id: number; complexId: number }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('miniCluster')
    .select(['id', 'complexId'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

/** Every organisation's names, for matching names as written on sheets. */
export async function organisationNames(
  db: Db,
): Promise<{ id: number; name: string; nameKo: string | null }[]> {
  return db.selectFrom('organisation').select(['id', 'name', 'nameKo']).orderBy('id').execute();
}

/** Complexes by name (English or Korean), for the complex column of attendance sheets. */
export async function complexNames(
  db: Db,
): Promise<{ id: number; name: string; nameKo: string | null }[]> {
  return db.selectFrom('complex').select(['id', 'name', 'nameKo']).orderBy('id').execute();
}

/**
 * Bulk insert of organisation attendees recorded by hand (the demo): one statement over two
 * arrays, far faster than a multi-row VALUES list with thousands of parameters.
 */
export async function insertOrganisationAttendees(
  db: Db,
  rows: { activityIds: number[]; organisationIds: number[]; synthetic: boolean },
): Promise<void> {
  for (let i = 0; i < rows.activityIds.length; i += 50_000) {
    const activityIds = rows.activityIds.slice(i, i + 50_000);
    const organisationIds = rows.organisationIds.slice(i, i + 50_000);
    await sql`INSERT INTO activity_attendee (activity_id, organisation_id, match, synthetic)
      SELECT a, o, 'manual', ${rows.synthetic}
      FROM unnest(${activityIds}::int[], ${organisationIds}::int[]) AS t(a, o)`.execute(db);
  }
}
