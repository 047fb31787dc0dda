import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

/** One declared strategic industry with the codes and names of what it refers to. */
export interface StrategicIndustryRow {
  id: number;
  regionId: number | null;
  regionCode: string | null;
  regionName: string | null;
  programmeId: number | null;
  programmeCode: string | null;
  industryId: number;
  industryCode: string;
  industryName: string;
  classificationCode: string;
  source: string | null;
  note: string | null;
  synthetic: boolean;
  updatedAt: string;
}

/** The strategic industries, optionally of one scope (region or nation, programme or any). */
export async function listStrategicIndustries(
  db: Db,
  scope?: { regionId: number | null; programmeId: number | null },
): Promise<StrategicIndustryRow[]> {
  const where =
    scope === undefined
      ? sql`true`
      : sql`s.region_id IS NOT DISTINCT FROM ${scope.regionId}::int
            AND s.programme_id IS NOT DISTINCT FROM ${scope.programmeId}::int`;
  const r = await sql<StrategicIndustryRow>`
    SELECT s.id, s.region_id, r.code AS region_code, r.name AS region_name, s.programme_id,
      p.code AS programme_code, s.industry_id, i.code AS industry_code, i.name AS industry_name,
      c.code AS classification_code, s.source, s.note, s.synthetic, s.updated_at::text AS updated_at
    FROM strategic_industry s
    JOIN industry i ON i.id = s.industry_id
    JOIN industry_classification c ON c.id = i.classification_id
    LEFT JOIN region r ON r.id = s.region_id
    LEFT JOIN programme p ON p.id = s.programme_id
    WHERE ${where}
    ORDER BY r.code NULLS FIRST, p.code NULLS FIRST, c.code, i.code`.execute(db);
  return r.rows;
}

/** Replaces the strategic industries of one scope. */
export async function replaceStrategicIndustries(
  db: Db,
  scope: { regionId: number | null; programmeId: number | null },
  rows: { industryId: number; source: string | null; note: string | null; synthetic: boolean }[],
): Promise<void> {
  await sql`
    DELETE FROM strategic_industry
    WHERE region_id IS NOT DISTINCT FROM ${scope.regionId}::int
      AND programme_id IS NOT DISTINCT FROM ${scope.programmeId}::int`.execute(db);
  if (rows.length === 0) return;
  const values = rows.map(
    (x) =>
      sql`(${scope.regionId}::int, ${scope.programmeId}::int, ${x.industryId}, ${x.source}, ${x.note}, ${x.synthetic})`,
  );
  await sql`
    INSERT INTO strategic_industry (region_id, programme_id, industry_id, source, note, synthetic)
    VALUES ${sql.join(values)}`.execute(db);
}

/** A region's id by id or code. */
export async function findRegionId(db: Db, key: string): Promise<number | undefined> {
  const r = await sql<{ id: number }>`
    SELECT id FROM region WHERE code = ${key} OR (${/^\d+$/.test(key)} AND id::text = ${key})
    ORDER BY (code = ${key}) DESC LIMIT 1`.execute(db);
  return r.rows[0]?.id;
}

export async function programmeExists(db: Db, id: number): Promise<boolean> {
  const r = await sql<{ id: number }>`SELECT id FROM programme WHERE id = ${id}`.execute(db);
  return r.rows.length > 0;
}

/** Industry ids by code within the classification of the given code (any vintage). */
export async function industryIdsByCode(
  db: Db,
  classificationCode: string,
): Promise<Map<string, number>> {
  const r = await sql<{ id: number; code: string }>`
    SELECT i.id, i.code FROM industry i JOIN industry_classification c ON c.id = i.classification_id
    WHERE c.code = ${classificationCode} ORDER BY c.vintage`.execute(db);
  return new Map(r.rows.map((x) => [x.code, x.id]));
}

/**
 * The strategic (region, industry) pairs that apply to a selection: the rows for any programme,
 * plus those of `programmeId` when given. regionId null = national.
 */
export async function strategicPairs(
  db: Db,
  programmeId: number | null,
): Promise<{ regionId: number | null; industryId: number }[]> {
  const r = await sql<{ regionId: number | null; industryId: number }>`
    SELECT DISTINCT region_id, industry_id FROM strategic_industry
    WHERE programme_id IS NULL OR programme_id = ${programmeId}::int`.execute(db);
  return r.rows;
}

/** Each industry with its ancestors, nearest first (the industry itself at index 0). */
export async function industryLineages(db: Db, ids: number[]): Promise<Map<number, number[]>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ startId: number; id: number; depth: number }>`
    WITH RECURSIVE up AS (
      SELECT i.id AS start_id, i.id, i.parent_id, 0 AS depth FROM industry i
      WHERE i.id IN (${sql.join(ids)})
      UNION ALL
      SELECT up.start_id, p.id, p.parent_id, up.depth + 1 FROM up JOIN industry p ON p.id = up.parent_id
      WHERE up.depth < 20)
    SELECT start_id, id, depth FROM up ORDER BY start_id, depth`.execute(db);
  const out = new Map<number, number[]>();
  for (const x of r.rows) {
    const line = out.get(x.startId) ?? [];
    line.push(x.id);
    out.set(x.startId, line);
  }
  return out;
}

/** A dataset's values of some measures in one year, per region and industry. */
export async function cellValues(
  db: Db,
  datasetId: number,
  year: number,
  measures: string[],
): Promise<{ measure: string; regionId: number; industryId: number; value: number }[]> {
  const r = await sql<{ measure: string; regionId: number; industryId: number; value: number }>`
    SELECT measure, region_id, industry_id, value FROM stat_value
    WHERE dataset_id = ${datasetId} AND year = ${year} AND measure IN (${sql.join(measures)})`.execute(
    db,
  );
  return r.rows;
}

/** The measures a dataset holds in one year. */
export async function measuresOfYear(db: Db, datasetId: number, year: number): Promise<string[]> {
  const r = await sql<{ measure: string }>`
    SELECT DISTINCT measure FROM stat_value WHERE dataset_id = ${datasetId} AND year = ${year}`.execute(
    db,
  );
  return r.rows.map((x) => x.measure);
}

/**
 * The synthetic demo declaration: KSIC divisions per province and nationally, written by
 * innocluster for the demo (loosely after the complexes' focus industries), not an official list.
 */
export const demoStrategicIndustries: Record<string, string[]> = {
  national: ['26', '30'],
  'KR-26': ['29'],
  'KR-27': ['29'],
  'KR-28': ['29'],
  'KR-29': ['27'],
  'KR-31': ['30', '31'],
  'KR-41': ['26'],
  'KR-42': ['27'],
  'KR-43': ['26'],
  'KR-45': ['30'],
  'KR-46': ['31'],
  'KR-47': ['26'],
  'KR-48': ['29', '31'],
};

const demoSource = 'innocluster demo declaration (synthetic, not an official list)';

/**
 * Loads the demo strategic industries (flagged synthetic) for the provinces and KSIC divisions
 * the registry holds; rows are removed with their region or industry on a demo reset.
 */
export async function loadDemoStrategicIndustries(db: Db): Promise<number> {
  const codes = await industryIdsByCode(db, 'KSIC');
  let count = 0;
  for (const [region, industries] of Object.entries(demoStrategicIndustries)) {
    const regionId = region === 'national' ? null : await findRegionId(db, region);
    if (regionId === undefined) continue;
    const rows = industries
      .map((code) => codes.get(code))
      .filter((id): id is number => id !== undefined)
      .map((industryId) => ({ industryId, source: demoSource, note: null, synthetic: true }));
    await replaceStrategicIndustries(db, { regionId, programmeId: null }, rows);
    count += rows.length;
  }
  return count;
}
