import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export async function findProgramme(db: Db, programmeId?: number) {
  let q = db.selectFrom('programme').selectAll().orderBy('id').limit(1);
  if (programmeId !== undefined) q = q.where('id', '=', programmeId);
  return q.executeTakeFirst();
}

export async function listPhases(db: Db, programmeId: number) {
  return db
    .selectFrom('programmePhase')
    .select(['name', 'startDate', 'endDate'])
    .where('programmeId', '=', programmeId)
    .orderBy('startDate')
    .execute();
}

/** Complexes with their province, first participation in the programme, and sizes. */
export async function listComplexSummaries(db: Db, programmeId: number | null, complexId?: number) {
  let q = db
    .selectFrom('complex as c')
    .innerJoin('region as r', 'r.id', 'c.provinceId')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('participation')
          .select([
            'complexId',
            sql<string>`min(joined)::text`.as('joined'),
            sql<string | null>`min(focus)`.as('focus'),
          ])
          .where(sql<boolean>`${programmeId}::int IS NULL OR programme_id = ${programmeId}`)
          .groupBy('complexId')
          .as('p'),
      (join) => join.onRef('p.complexId', '=', 'c.id'),
    )
    .select([
      'c.id',
      'c.name',
      'c.nameKo',
      'c.kind',
      'c.provinceId',
      'r.name as provinceName',
      'r.isoCode as provinceIso',
      'c.latitude',
      'c.longitude',
      'c.isHub',
      'c.areaKm2',
      'c.hubId',
      'c.source',
      'c.synthetic',
      'p.joined',
      'p.focus',
      sql<number>`(SELECT count(*)::int FROM organisation o WHERE o.complex_id = c.id)`.as(
        'organisations',
      ),
      sql<number>`(SELECT count(*)::int FROM mini_cluster m WHERE m.complex_id = c.id)`.as(
        'miniClusters',
      ),
    ])
    .orderBy(sql`p.joined NULLS LAST`)
    .orderBy('c.id');
  if (complexId !== undefined) q = q.where('c.id', '=', complexId);
  return q.execute();
}

export async function countRegistry(db: Db) {
  const row = await sql<{
    complexes: number;
    miniClusters: number;
    organisations: number;
    syntheticOrganisations: number;
  }>`
    SELECT (SELECT count(*)::int FROM complex) AS complexes,
           (SELECT count(*)::int FROM mini_cluster) AS mini_clusters,
           (SELECT count(*)::int FROM organisation) AS organisations,
           (SELECT count(*)::int FROM organisation WHERE synthetic) AS synthetic_organisations`.execute(
    db,
  );
  return (
    row.rows[0] ?? { complexes: 0, miniClusters: 0, organisations: 0, syntheticOrganisations: 0 }
  );
}

/** Organisations per complex by kind, counted in the database. */
export async function countOrganisationsByComplexAndKind(db: Db) {
  return db
    .selectFrom('complex as c')
    .innerJoin('region as r', 'r.id', 'c.provinceId')
    .leftJoin('organisation as o', 'o.complexId', 'c.id')
    .select([
      'c.id as complexId',
      'c.name as complexName',
      'r.name as provinceName',
      'o.kind',
      sql<number>`count(o.id)::int`.as('count'),
      sql<number>`count(o.id) FILTER (WHERE o.synthetic)::int`.as('synthetic'),
    ])
    .groupBy(['c.id', 'c.name', 'r.name', 'o.kind'])
    .orderBy('c.id')
    .execute();
}

export async function listReferenceCounts(db: Db, dataset: string) {
  return db.selectFrom('referenceCount').selectAll().where('dataset', '=', dataset).execute();
}

export async function listBudgetYears(db: Db, programmeId: number | null) {
  let q = db
    .selectFrom('budgetYear')
    .select(['year', 'needKrw100m', 'allottedKrw100m', 'allottedIsEstimate', 'source'])
    .orderBy('year');
  if (programmeId !== null) q = q.where('programmeId', '=', programmeId);
  return q.execute();
}

export async function listBudgetItems(db: Db, programmeId: number | null) {
  let q = db
    .selectFrom('budgetItem')
    .select(['year', 'itemGroup', 'item', 'amountKrwMillion', 'source'])
    .orderBy('year')
    .orderBy('id');
  if (programmeId !== null) q = q.where('programmeId', '=', programmeId);
  return q.execute();
}

export async function countOrganisationsByKind(db: Db, complexId: number) {
  return db
    .selectFrom('organisation')
    .select(['kind', sql<number>`count(*)::int`.as('count')])
    .where('complexId', '=', complexId)
    .groupBy('kind')
    .orderBy('kind')
    .execute();
}

export async function listMiniClustersWithMembers(db: Db, complexId: number) {
  return db
    .selectFrom('miniCluster as m')
    .select([
      'm.id',
      'm.name',
      'm.field',
      'm.started',
      'm.ended',
      'm.synthetic',
      sql<number>`(SELECT count(DISTINCT organisation_id)::int FROM membership s WHERE s.mini_cluster_id = m.id AND s.left_on IS NULL)`.as(
        'members',
      ),
    ])
    .where('m.complexId', '=', complexId)
    .orderBy('m.name')
    .execute();
}

export async function listTaskForceSeats(db: Db, complexId: number) {
  return db
    .selectFrom('bodySeat as s')
    .innerJoin('body as b', 'b.id', 's.bodyId')
    .innerJoin('person as p', 'p.id', 's.personId')
    .select([
      'b.id as bodyId',
      'b.name as bodyName',
      'p.id as personId',
      'p.name as personName',
      's.role',
      's.team',
      's.synthetic',
    ])
    .where('b.complexId', '=', complexId)
    .where('b.kind', '=', 'task_force')
    .orderBy('s.id')
    .execute();
}
