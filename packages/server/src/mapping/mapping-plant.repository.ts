import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** One plant's row as written by an import or the demo. */
export interface PlantInsert {
  datasetId: number;
  year: number;
  plant: string;
  regionId: number;
  industryId: number;
  employment: number;
  synthetic: boolean;
}

/** A plant as the Ellison–Glaeser computation reads it. */
export interface PlantRow {
  plant: string;
  regionId: number;
  regionKind: string;
  industryId: number;
  employment: number;
  synthetic: boolean;
}

/** Plants per year of a dataset. */
export interface PlantYearSummary {
  year: number;
  plants: number;
  employment: number;
  synthetic: number;
}

/**
 * Writes plants, a new row replacing the stored one of the same dataset, year and plant code
 * (the table's key). Chunked so that no statement exceeds a parameter limit.
 */
export async function upsertPlants(db: Db, rows: PlantInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('statPlant')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) =>
        oc.columns(['datasetId', 'year', 'plant']).doUpdateSet({
          regionId: (eb) => eb.ref('excluded.regionId'),
          industryId: (eb) => eb.ref('excluded.industryId'),
          employment: (eb) => eb.ref('excluded.employment'),
          synthetic: (eb) => eb.ref('excluded.synthetic'),
          updatedAt: sql`now()`,
        }),
      )
      .execute();
  }
}

/** Count and total employment of the plants per year (one year, or every year). */
export async function plantSummary(
  db: Db,
  datasetId: number,
  year?: number,
): Promise<PlantYearSummary[]> {
  let q = db
    .selectFrom('statPlant')
    .select([
      'year',
      sql<number>`count(*)::int`.as('plants'),
      sql<number>`coalesce(sum(employment), 0)::float8`.as('employment'),
      sql<number>`(count(*) FILTER (WHERE synthetic))::int`.as('synthetic'),
    ])
    .where('datasetId', '=', datasetId)
    .groupBy('year')
    .orderBy('year');
  if (year !== undefined) q = q.where('year', '=', year);
  return q.execute();
}

/** The plants of a dataset and year, with their region's kind. */
export async function plantsOfYear(db: Db, datasetId: number, year: number): Promise<PlantRow[]> {
  return db
    .selectFrom('statPlant as p')
    .innerJoin('region as r', 'r.id', 'p.regionId')
    .select([
      'p.plant',
      'p.regionId',
      'r.kind as regionKind',
      'p.industryId',
      'p.employment',
      'p.synthetic',
    ])
    .where('p.datasetId', '=', datasetId)
    .where('p.year', '=', year)
    .orderBy('p.plant')
    .execute();
}

/** Every industry's parent, to roll a plant's industry up to the unit's level. */
export async function industryParents(db: Db): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom('industry').select(['id', 'parentId']).execute();
  return new Map(rows.map((r) => [r.id, r.parentId]));
}
