import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface DatasetRow {
  id: number;
  name: string;
  source: string | null;
  licence: string | null;
  universe: string;
  fillRule: string;
  description: string | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ValueInsert {
  datasetId: number;
  measure: string;
  year: number;
  regionId: number;
  industryId: number;
  value: number;
  suppressed: boolean;
  filled: boolean;
  fillRule: string | null;
  synthetic: boolean;
}

export interface ClusterRow {
  id: number;
  name: string;
  version: number;
  kind: string;
  description: string | null;
  source: string | null;
  synthetic: boolean;
  createdAt: string;
  updatedAt: string;
  industryIds: number[];
}

/** One region x unit (cluster or industry) x year, as computed in SQL. */
export interface MeasureRow {
  regionId: number;
  unitId: number;
  year: number;
  value: number;
  regionTotal: number | null;
  nationValue: number | null;
  nationTotal: number | null;
  lq: number | null;
  shareOfRegion: number | null;
  shareOfNation: number | null;
  baseYear: number | null;
  baseValue: number | null;
  change: number | null;
  cagr: number | null;
  restsOnFilled: boolean;
}

export interface ComputeQuery {
  datasetId: number;
  measure: string;
  regionKind: string;
  /** 'cluster': aggregate industries through cluster definitions; 'industry': raw industries. */
  unit: 'cluster' | 'industry';
  /** Cluster ids (unit 'cluster'); the latest version of every cluster when empty. */
  clusterIds: number[];
  /** Years to compute; all years of the dataset when null. */
  years: number[] | null;
  /** Base year of CAGR and change; null: no growth columns. */
  baseYear: number | null;
  /** 'all': LQ over all industries; 'kind': over industries of clusters of the same kind (traded/local). */
  denominator: 'all' | 'kind';
  universe: 'sum' | 'national';
  /** Only industries at this level count (null: every level; set it when parents are stored too). */
  industryLevel: number | null;
}

export async function listDatasets(db: Db): Promise<DatasetRow[]> {
  return (await db
    .selectFrom('statDataset')
    .selectAll()
    .orderBy('id')
    .execute()) as unknown as DatasetRow[];
}

export async function findDataset(db: Db, id: number): Promise<DatasetRow | undefined> {
  return (await db
    .selectFrom('statDataset')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()) as DatasetRow | undefined;
}

export async function findDatasetByName(db: Db, name: string): Promise<DatasetRow | undefined> {
  return (await db
    .selectFrom('statDataset')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst()) as DatasetRow | undefined;
}

export async function insertDataset(
  db: Db,
  values: Omit<DatasetRow, 'id' | 'createdAt' | 'updatedAt'>,
): Promise<DatasetRow> {
  return (await db
    .insertInto('statDataset')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow()) as unknown as DatasetRow;
}

export async function deleteDataset(db: Db, id: number): Promise<void> {
  await db.deleteFrom('statDataset').where('id', '=', id).execute();
}

export async function datasetCounts(
  db: Db,
  datasetId: number,
): Promise<{ values: number; suppressed: number; filled: number; years: number[] }> {
  const r = await sql<{ values: number; suppressed: number; filled: number; years: number[] }>`
    SELECT count(*)::int AS values, count(*) FILTER (WHERE suppressed)::int AS suppressed,
           count(*) FILTER (WHERE filled)::int AS filled,
           coalesce(array_agg(DISTINCT year ORDER BY year), '{}') AS years
    FROM stat_value WHERE dataset_id = ${datasetId}`.execute(db);
  const row = r.rows[0];
  return row ?? { values: 0, suppressed: 0, filled: 0, years: [] };
}

export async function codeMaps(db: Db): Promise<{
  regions: Map<string, { id: number; kind: string }>;
  industries: Map<string, { id: number; parentId: number | null; level: number }>;
}> {
  const regions = await db.selectFrom('region').select(['id', 'code', 'kind']).execute();
  const industries = await db
    .selectFrom('industry')
    .select(['id', 'code', 'parentId', 'level'])
    .execute();
  return {
    regions: new Map(regions.map((r) => [r.code, { id: r.id, kind: r.kind }])),
    industries: new Map(
      industries.map((i) => [i.code, { id: i.id, parentId: i.parentId, level: i.level }]),
    ),
  };
}

/** Inserts or replaces values by their key (dataset, measure, year, region, industry). */
export async function upsertValues(db: Db, rows: ValueInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('statValue')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) =>
        oc.columns(['datasetId', 'measure', 'year', 'regionId', 'industryId']).doUpdateSet({
          value: (eb) => eb.ref('excluded.value'),
          suppressed: (eb) => eb.ref('excluded.suppressed'),
          filled: (eb) => eb.ref('excluded.filled'),
          fillRule: (eb) => eb.ref('excluded.fillRule'),
          updatedAt: sql`now()`,
        }),
      )
      .execute();
  }
}

export async function upsertNationalTotals(
  db: Db,
  rows: { datasetId: number; measure: string; year: number; industryId: number; value: number }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('statNationalTotal')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) =>
        oc
          .columns(['datasetId', 'measure', 'year', 'industryId'])
          .doUpdateSet({ value: (eb) => eb.ref('excluded.value'), updatedAt: sql`now()` }),
      )
      .execute();
  }
}

export async function listClusters(db: Db, latestOnly: boolean): Promise<ClusterRow[]> {
  const r = await sql<ClusterRow>`
    SELECT cd.*, coalesce(array_agg(ci.industry_id ORDER BY ci.industry_id)
             FILTER (WHERE ci.industry_id IS NOT NULL), '{}') AS industry_ids
    FROM cluster_definition cd LEFT JOIN cluster_industry ci ON ci.cluster_id = cd.id
    WHERE ${latestOnly ? sql`cd.version = (SELECT max(version) FROM cluster_definition x WHERE x.name = cd.name)` : sql`true`}
    GROUP BY cd.id ORDER BY cd.name, cd.version`.execute(db);
  return r.rows;
}

export async function findCluster(db: Db, id: number): Promise<ClusterRow | undefined> {
  return (await listClusters(db, false)).find((c) => c.id === id);
}

export async function insertCluster(
  db: Db,
  values: {
    name: string;
    version: number;
    kind: string;
    description: string | null;
    source: string | null;
    synthetic: boolean;
  },
  industryIds: number[],
): Promise<number> {
  const row = await db
    .insertInto('clusterDefinition')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (industryIds.length > 0) {
    await db
      .insertInto('clusterIndustry')
      .values([...new Set(industryIds)].map((industryId) => ({ clusterId: row.id, industryId })))
      .execute();
  }
  return row.id;
}

export async function deleteCluster(db: Db, id: number): Promise<void> {
  await db.deleteFrom('clusterDefinition').where('id', '=', id).execute();
}

/** The distinct levels of the industries a dataset holds values for. */
export async function datasetIndustryLevels(db: Db, datasetId: number): Promise<number[]> {
  const r = await sql<{ level: number }>`
    SELECT DISTINCT i.level FROM industry i
    WHERE EXISTS (SELECT 1 FROM stat_value sv WHERE sv.industry_id = i.id AND sv.dataset_id = ${datasetId})
    ORDER BY 1`.execute(db);
  return r.rows.map((x) => x.level);
}

export async function regionsOf(
  db: Db,
  ids: number[],
): Promise<{ id: number; code: string; name: string; kind: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('region')
    .select(['id', 'code', 'name', 'kind'])
    .where('id', 'in', ids)
    .execute();
}

export async function industriesOf(
  db: Db,
  ids: number[],
): Promise<{ id: number; code: string; name: string }[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('industry').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}

export async function findRegionByCodeOrId(
  db: Db,
  key: string,
): Promise<{ id: number; code: string; name: string; kind: string } | undefined> {
  const q = db.selectFrom('region').select(['id', 'code', 'name', 'kind']);
  return /^\d+$/.test(key)
    ? q.where('id', '=', Number(key)).executeTakeFirst()
    : q.where('code', '=', key).executeTakeFirst();
}

/**
 * The measures query, one statement: per region x unit x year the value, the region's total,
 * the unit's and the reference universe's totals, LQ (with the traded/local denominator option
 * of the US Cluster Mapping Project), the shares, and change and CAGR from the base year.
 *
 * For raw industries the region and national totals come from one scan with GROUPING SETS and
 * the cells are joined to them in a second scan: no per-cell aggregation, no sort.
 */
export function measuresSql(q: ComputeQuery): RawBuilder<MeasureRow> {
  const years =
    q.years === null
      ? sql`true`
      : sql`sv.year IN (${sql.join([...new Set([...q.years, ...(q.baseYear === null ? [] : [q.baseYear])])])})`;
  const level = q.industryLevel === null ? sql`true` : sql`i.level = ${q.industryLevel}`;
  const levelJoin =
    q.industryLevel === null ? sql`` : sql`JOIN industry i ON i.id = sv.industry_id`;
  const cells = sql`
    SELECT sv.region_id, sv.industry_id, sv.year, sv.value, sv.filled
    FROM stat_value sv JOIN region r ON r.id = sv.region_id ${levelJoin}
    WHERE sv.dataset_id = ${q.datasetId} AND sv.measure = ${q.measure} AND r.kind = ${q.regionKind}
      AND ${years} AND ${level}`;
  const latestClusters = sql`
    SELECT cd.id, cd.kind FROM cluster_definition cd
    WHERE cd.version = (SELECT max(version) FROM cluster_definition x WHERE x.name = cd.name)`;
  const chosen =
    q.clusterIds.length > 0
      ? sql`SELECT id, kind FROM cluster_definition WHERE id IN (${sql.join(q.clusterIds)})`
      : latestClusters;
  const national = q.universe === 'national';
  const nationalCells = sql`
    SELECT n.industry_id, n.year, n.value FROM stat_national_total n
    ${q.industryLevel === null ? sql`` : sql`JOIN industry i ON i.id = n.industry_id`}
    WHERE n.dataset_id = ${q.datasetId} AND n.measure = ${q.measure}
      AND ${q.years === null ? sql`true` : sql`n.year IN (${sql.join([...new Set([...q.years, ...(q.baseYear === null ? [] : [q.baseYear])])])})`}
      AND ${level}`;

  if (q.unit === 'industry') {
    return sql<MeasureRow>`
      WITH tot AS MATERIALIZED (
        SELECT region_id, industry_id, year, sum(value) AS total
        FROM (${cells}) c GROUP BY GROUPING SETS ((region_id, year), (industry_id, year))
      ),
      rt AS (SELECT region_id, year, total FROM tot WHERE region_id IS NOT NULL),
      nu AS (${
        national
          ? sql`SELECT industry_id AS unit_id, year, value AS total FROM (${nationalCells}) n`
          : sql`SELECT industry_id AS unit_id, year, total FROM tot WHERE industry_id IS NOT NULL`
      }),
      nt AS (${
        national
          ? sql`SELECT year, sum(value) AS total FROM (${nationalCells}) n GROUP BY year`
          : sql`SELECT year, sum(total) AS total FROM rt GROUP BY year`
      }),
      base AS (${
        q.baseYear === null
          ? sql`SELECT NULL::int AS region_id, NULL::int AS unit_id, NULL::float8 AS value, false AS filled WHERE false`
          : sql`SELECT region_id, industry_id AS unit_id, value, filled FROM (${cells}) b WHERE b.year = ${q.baseYear}`
      })
      ${finalSelect(sql`(${cells})`, 'industry_id', q.baseYear, false)}`;
  }

  return sql<MeasureRow>`
    WITH c AS MATERIALIZED (${cells}),
    grp AS (SELECT ci.cluster_id AS unit_id, ci.industry_id, k.kind
            FROM cluster_industry ci JOIN (${chosen}) k ON k.id = ci.cluster_id),
    kinds AS (SELECT DISTINCT ci.industry_id, k.kind
              FROM cluster_industry ci JOIN (${latestClusters}) k ON k.id = ci.cluster_id),
    ru AS (SELECT c.region_id, g.unit_id, g.kind, c.year, sum(c.value) AS value, bool_or(c.filled) AS filled
           FROM c JOIN grp g ON g.industry_id = c.industry_id GROUP BY 1, 2, 3, 4),
    rt AS (SELECT region_id, year, sum(value) AS total FROM c GROUP BY 1, 2),
    rk AS (SELECT c.region_id, c.year, k.kind, sum(c.value) AS total
           FROM c JOIN kinds k ON k.industry_id = c.industry_id GROUP BY 1, 2, 3),
    nu AS (${
      national
        ? sql`SELECT g.unit_id, n.year, sum(n.value) AS total FROM (${nationalCells}) n JOIN grp g ON g.industry_id = n.industry_id GROUP BY 1, 2`
        : sql`SELECT unit_id, year, sum(value) AS total FROM ru GROUP BY 1, 2`
    }),
    nt AS (${
      national
        ? sql`SELECT year, sum(value) AS total FROM (${nationalCells}) n GROUP BY year`
        : sql`SELECT year, sum(total) AS total FROM rt GROUP BY year`
    }),
    nk AS (${
      national
        ? sql`SELECT n.year, k.kind, sum(n.value) AS total FROM (${nationalCells}) n JOIN kinds k ON k.industry_id = n.industry_id GROUP BY 1, 2`
        : sql`SELECT year, kind, sum(total) AS total FROM rk GROUP BY 1, 2`
    }),
    base AS (SELECT region_id, unit_id, value, filled FROM ru WHERE year = ${q.baseYear ?? -1})
    ${finalSelect(sql`ru`, 'unit_id', q.baseYear, q.denominator === 'kind')}`;
}

function finalSelect(
  source: RawBuilder<unknown>,
  unitColumn: string,
  baseYear: number | null,
  byKind: boolean,
): RawBuilder<unknown> {
  const rden = byKind ? sql`rk.total` : sql`rt.total`;
  const nden = byKind ? sql`nk.total` : sql`nt.total`;
  return sql`
    SELECT u.region_id, u.${sql.raw(unitColumn)} AS unit_id, u.year, u.value,
      rt.total AS region_total, nu.total AS nation_value, nt.total AS nation_total,
      (u.value / nullif(${rden}, 0)) / nullif(nu.total / nullif(${nden}, 0), 0) AS lq,
      u.value / nullif(rt.total, 0) AS share_of_region,
      u.value / nullif(nu.total, 0) AS share_of_nation,
      ${baseYear === null ? sql`NULL::int` : sql`${baseYear}::int`} AS base_year,
      b.value AS base_value,
      u.value - b.value AS change,
      CASE WHEN b.value > 0 AND u.value >= 0 AND u.year <> ${baseYear ?? -1}
           THEN power(u.value / b.value, 1.0 / (u.year - ${baseYear ?? -1})) - 1 END AS cagr,
      (u.filled OR coalesce(b.filled, false)) AS rests_on_filled
    FROM ${source} u
    JOIN rt ON rt.region_id = u.region_id AND rt.year = u.year
    JOIN nt ON nt.year = u.year
    LEFT JOIN nu ON nu.unit_id = u.${sql.raw(unitColumn)} AND nu.year = u.year
    ${byKind ? sql`LEFT JOIN rk ON rk.region_id = u.region_id AND rk.year = u.year AND rk.kind = u.kind LEFT JOIN nk ON nk.year = u.year AND nk.kind = u.kind` : sql``}
    LEFT JOIN base b ON b.region_id = u.region_id AND b.unit_id = u.${sql.raw(unitColumn)}`;
}

export async function computeMeasures(db: Db, q: ComputeQuery): Promise<MeasureRow[]> {
  const r = await measuresSql(q).execute(db);
  return r.rows;
}
