import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';
import { firstYearOf, refreshClusterValues, refreshTotals } from './mapping-totals.ts';

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

/**
 * Changes a dataset's metadata (only the fields given) and returns the row, or undefined when
 * there is no such dataset. A change of `synthetic` is copied to the dataset's stored values,
 * which carry the flag of their dataset.
 */
export async function updateDataset(
  db: Db,
  id: number,
  changes: Partial<Omit<DatasetRow, 'id' | 'createdAt' | 'updatedAt'>>,
): Promise<DatasetRow | undefined> {
  const row = (await db
    .updateTable('statDataset')
    .set({ ...changes, updatedAt: sql`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()) as DatasetRow | undefined;
  if (row && changes.synthetic !== undefined) {
    await db
      .updateTable('statValue')
      .set({ synthetic: changes.synthetic })
      .where('datasetId', '=', id)
      .where('synthetic', '<>', changes.synthetic)
      .execute();
  }
  return row;
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

/**
 * The rows with the first-year value and flag of their series (migration 0016) as they will be
 * once the rows are written: the first year is the earlier of the stored cells' and the rows'
 * for each dataset and measure, and its cells are the stored ones overlaid with the rows'. Rows
 * written with their pair already right are left alone by refreshFirstValues, so an import
 * writes each row once (an UPDATE after the INSERT would write every row twice and leave half
 * the table's pages dead until a VACUUM, which PGlite never runs by itself).
 */
async function withFirstValues(
  db: Db,
  rows: ValueInsert[],
): Promise<(ValueInsert & { firstValue: number | null; firstFilled: boolean })[]> {
  const groups = new Map<string, ValueInsert[]>();
  for (const r of rows) {
    const key = `${r.datasetId}|${r.measure}`;
    const group = groups.get(key) ?? [];
    group.push(r);
    groups.set(key, group);
  }
  const base = new Map<string, { value: number; filled: boolean }>();
  for (const [key, group] of groups) {
    const { datasetId, measure } = group[0]!;
    const storedYear = await firstYearOf(db, datasetId, measure);
    // A loop, not Math.min(...years): an import may hold millions of rows.
    let year = storedYear ?? Infinity;
    for (const r of group) if (r.year < year) year = r.year;
    if (storedYear === year) {
      const cells = await sql<{
        regionId: number;
        industryId: number;
        value: number;
        filled: boolean;
      }>`
        SELECT region_id, industry_id, value, filled FROM stat_value
        WHERE dataset_id = ${datasetId} AND measure = ${measure} AND year = ${year}`.execute(db);
      for (const c of cells.rows)
        base.set(`${key}|${c.regionId}|${c.industryId}`, { value: c.value, filled: c.filled });
    }
    for (const r of group)
      if (r.year === year)
        base.set(`${key}|${r.regionId}|${r.industryId}`, { value: r.value, filled: r.filled });
  }
  return rows.map((r) => {
    const b = base.get(`${r.datasetId}|${r.measure}|${r.regionId}|${r.industryId}`);
    return { ...r, firstValue: b?.value ?? null, firstFilled: b?.filled ?? false };
  });
}

/**
 * Inserts or replaces values by their key (dataset, measure, year, region, industry), and
 * recomputes the stored totals of the (dataset, measure, year) written (mapping-totals.ts): run
 * it inside a transaction, so that cells and totals change together.
 */
export async function upsertValues(db: Db, rows: ValueInsert[]): Promise<void> {
  const based = await withFirstValues(db, rows);
  for (let i = 0; i < based.length; i += 2000) {
    await db
      .insertInto('statValue')
      .values(based.slice(i, i + 2000))
      .onConflict((oc) =>
        oc.columns(['datasetId', 'measure', 'year', 'regionId', 'industryId']).doUpdateSet({
          value: (eb) => eb.ref('excluded.value'),
          suppressed: (eb) => eb.ref('excluded.suppressed'),
          filled: (eb) => eb.ref('excluded.filled'),
          fillRule: (eb) => eb.ref('excluded.fillRule'),
          firstValue: (eb) => eb.ref('excluded.firstValue'),
          firstFilled: (eb) => eb.ref('excluded.firstFilled'),
          updatedAt: sql`now()`,
        }),
      )
      .execute();
  }
  const byDataset = new Map<number, { measure: string; year: number }[]>();
  for (const r of rows) {
    const keys = byDataset.get(r.datasetId) ?? [];
    keys.push({ measure: r.measure, year: r.year });
    byDataset.set(r.datasetId, keys);
  }
  for (const [datasetId, keys] of byDataset) await refreshTotals(db, datasetId, keys);
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
    await refreshClusterValues(db, row.id);
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
 * PostgreSQL connections run it with JIT off (see openDatabase).
 */
export function measuresSql(q: ComputeQuery, shape: MeasuresShape): RawBuilder<MeasureRow> {
  const m = measuresQuery(q, shape);
  return sql<MeasureRow>`WITH ${m.with} ${m.select}`;
}

/**
 * What the measures query of a dataset and measure is written for (measuresShape): the first
 * year of the cells, whose values every cell carries (first_value, migration 0016), and whether
 * any cell lies in a region of another kind than the query's.
 */
export interface MeasuresShape {
  firstYear: number | null;
  otherRegionKinds: boolean;
}

/**
 * Reads the shape of the cells a measures query reads (two index lookups on small tables). Read
 * it in the same repeatable-read transaction as the query, so that both see the same cells.
 */
export async function measuresShape(db: Db, q: ComputeQuery): Promise<MeasuresShape> {
  const r = await sql<{ otherRegionKinds: boolean }>`
    SELECT EXISTS (SELECT 1 FROM stat_region_total t JOIN region r ON r.id = t.region_id
                   WHERE t.dataset_id = ${q.datasetId} AND t.measure = ${q.measure}
                     AND r.kind <> ${q.regionKind}) AS other_region_kinds`.execute(db);
  return {
    firstYear: await firstYearOf(db, q.datasetId, q.measure),
    otherRegionKinds: r.rows[0]?.otherRegionKinds ?? true,
  };
}

/**
 * The measures query in its two parts: the CTEs (`with`, without the keyword) and the final
 * SELECT. A caller that aggregates the rows inside the server (bench/mapping.ts) writes
 * `WITH ${with} SELECT ... FROM (${select}) m`: the CTEs must stay at the top level, since a
 * subquery of its own WITH clause is planned apart and its scalar subqueries then keep the
 * scan of the cells out of parallel mode.
 */
export function measuresQuery(
  q: ComputeQuery,
  shape: MeasuresShape,
): {
  with: RawBuilder<unknown>;
  select: RawBuilder<unknown>;
} {
  return q.unit === 'industry' ? industryMeasuresSql(q, shape) : clusterMeasuresSql(q);
}

/** The years a query reads: the requested ones and the base year; null for all years. */
function yearsRead(q: ComputeQuery): number[] | null {
  return q.years === null
    ? null
    : [...new Set([...q.years, ...(q.baseYear === null ? [] : [q.baseYear])])];
}

/**
 * Every measure per region x industry x year (bench/mapping.ts times it over 5 million cells).
 *
 * The totals are small (region x year, industry x year, year, and the base year's region x
 * industry cells), so they are computed first into dense float8 arrays on a grid of
 * id x year, and every cell then finds its totals by array subscript: one parallel scan of the
 * cells with no join. Joins to the totals (the obvious shape) cannot run in parallel workers,
 * as the totals are aggregates themselves, and the planner misestimates them into sorts and
 * nested loops. The arrays come from a MATERIALIZED CTE through scalar subqueries in the
 * top-level query: there they are InitPlans, evaluated once and handed to the workers ("Params
 * Evaluated" on the Gather); inside a FROM subquery they would keep the scan out of parallel
 * mode. The same statement runs unchanged on PGlite (one process, no parallel workers).
 *
 * Array elements are NaN where there is no total (a region of another kind, a missing
 * national value): stored values are finite (the import rejects others), and NaN rather than
 * NULL keeps the arrays free of a null bitmap, so that a subscript is a constant-time offset.
 * The grids span the id ranges of the region kind and of the industries (of the level): their
 * size is (region ids x industry ids) floats for the base year, a few MB for a national
 * classification. With the first year of the cells as base year (the default), no grid is read:
 * each row carries its base cell (first_value, first_filled; migration 0016). Each subscript
 * costs about a tenth of a plain aggregate over the cells (PostgreSQL evaluates an expression
 * again in every output column that repeats it), so the query is written for the shape of the
 * cells (measuresShape): stored base values when they serve, and no region-kind test when every
 * cell lies in a region of the query's kind.
 */
function industryMeasuresSql(
  q: ComputeQuery,
  shape: MeasuresShape,
): {
  with: RawBuilder<unknown>;
  select: RawBuilder<unknown>;
} {
  const years = yearsRead(q);
  const national = q.universe === 'national';
  const base = q.baseYear;
  const inLevel = (alias: string) =>
    q.industryLevel === null
      ? sql`true`
      : sql`${sql.ref(`${alias}.industry_id`)} IN (SELECT id FROM industry WHERE level = ${q.industryLevel})`;
  const cellsOf = (alias: string) => sql`${sql.ref(`${alias}.dataset_id`)} = ${q.datasetId}
    AND ${sql.ref(`${alias}.measure`)} = ${q.measure}
    AND ${years === null ? sql`true` : sql`${sql.ref(`${alias}.year`)} IN (${sql.join(years)})`}
    AND ${inLevel(alias)}`;
  const levelOfIndustry = q.industryLevel === null ? sql`true` : sql`level = ${q.industryLevel}`;
  const yearBound = (fn: 'min' | 'max') =>
    years === null
      ? sql`(SELECT ${sql.raw(fn)}(year) FROM stat_universe_total WHERE dataset_id = ${q.datasetId} AND measure = ${q.measure})`
      : sql`${fn === 'min' ? Math.min(...years) : Math.max(...years)}::int`;
  const regionGrid = sql`generate_series(d.r0, d.r0 + d.nr - 1)`;
  // The grids' arrays are built by grouping the totals together with one placeholder row per
  // grid point (a missing total stays NaN), not by joining the totals to the grid: the totals
  // tables may have no statistics yet (PGlite never analyzes by itself), and a join planned on
  // a one-row estimate turns into a merge join on the year alone, quadratic in the industries.
  const inGrid = (column: string, origin: string, size: string) =>
    sql`${sql.ref(column)} BETWEEN ${sql.ref(`d.${origin}`)} AND ${sql.ref(`d.${origin}`)} + ${sql.ref(`d.${size}`)} - 1`;
  const industryGrid = sql`generate_series(d.i0, d.i0 + d.ni - 1)`;
  const yearGrid = sql`generate_series(d.y0, d.y0 + d.ny - 1)`;
  const nationalOf = (alias: string) => sql`${sql.ref(`${alias}.dataset_id`)} = ${q.datasetId}
    AND ${sql.ref(`${alias}.measure`)} = ${q.measure}`;

  const totalsOf = (alias: string) => sql`${sql.ref(`${alias}.dataset_id`)} = ${q.datasetId}
    AND ${sql.ref(`${alias}.measure`)} = ${q.measure}
    AND ${years === null ? sql`true` : sql`${sql.ref(`${alias}.year`)} IN (${sql.join(years)})`}`;
  const atLevel = (alias: string) =>
    q.industryLevel === null ? sql`true` : sql`${sql.ref(`${alias}.level`)} = ${q.industryLevel}`;

  // The totals come from the tables kept at import (mapping-totals.ts), not from the cells.
  const nu = national
    ? sql`SELECT n.industry_id, n.year, n.value AS total FROM stat_national_total n WHERE ${nationalOf('n')}`
    : sql`SELECT t.industry_id, t.year, t.value AS total FROM stat_industry_total t
          WHERE ${totalsOf('t')} AND t.region_kind = ${q.regionKind} AND ${inLevel('t')}`;
  const nt = national
    ? sql`SELECT y.y, (SELECT sum(n.value) FROM stat_national_total n
            WHERE ${nationalOf('n')} AND n.year = y.y AND ${inLevel('n')}) AS total
          FROM d CROSS JOIN ${yearGrid} y(y)`
    : sql`SELECT y.y, t.total FROM d CROSS JOIN ${yearGrid} y(y)
          LEFT JOIN (SELECT t.year, sum(t.value) AS total FROM stat_universe_total t
                     WHERE ${totalsOf('t')} AND t.region_kind = ${q.regionKind} AND ${atLevel('t')}
                     GROUP BY 1) t ON t.year = y.y`;

  // Element lookups: the grids' arrays are indexed by id and year themselves (withBounds).
  const rt = sql`(SELECT rt FROM a)[u.region_id][u.year]`;
  const nuAt = sql`nullif((SELECT nu FROM a)[u.industry_id][u.year], 'NaN')`;
  const nsAt = sql`nullif((SELECT ns FROM a)[u.industry_id][u.year], 'NaN')`;
  const ntAt = sql`(SELECT nt FROM a)[u.year]`;
  // Two-dimensional (region, industry): a subscript outside the grid gives NULL, not a neighbour.
  const bvAt = sql`nullif((SELECT bv FROM a)[u.region_id - (SELECT br FROM a)][u.industry_id - (SELECT bi FROM a)], 'NaN')`;
  const bfAt = sql`coalesce((SELECT bf FROM a)[u.region_id - (SELECT br FROM a)][u.industry_id - (SELECT bi FROM a)], false)`;
  // From the first year of the cells (the default base year) every row carries its base cell
  // (migration 0016), and the three grid lookups per row become column reads.
  const stored = base !== null && base === shape.firstYear;
  const bv = stored ? sql`u.first_value` : bvAt;
  const bf = stored ? sql`u.first_filled` : bfAt;
  // A row in a region of another kind finds no region total (NaN); when the dataset has none,
  // the test is left out.
  const ofKind = shape.otherRegionKinds ? sql`AND ${rt} <> 'NaN'` : sql``;

  // A grid (the rows p, value of `from`, p = (id − id0) × ny + year − y0) as a two-dimensional
  // array with bounds [id][year], so that a cell's element is grid[u.id][u.year] with no index
  // arithmetic (each integer operation is a function call per row). PostgreSQL has no function
  // that sets an array's bounds, but concatenation keeps those of its first operand: a leading
  // NaN row and column, at id0 − 1 and y0 − 1 and never read, carry them (binary, exact).
  const withBounds = (
    from: RawBuilder<unknown>,
    value: RawBuilder<unknown>,
    origin: 'r0' | 'i0',
  ) => {
    const id0 = sql.ref(`d.${origin}`);
    return sql`CASE WHEN ${id0} IS NOT NULL AND d.y0 IS NOT NULL
      THEN array_fill('NaN'::float8, ARRAY[1, d.ny + 1], ARRAY[${id0} - 1, d.y0 - 1])
        || (SELECT array_agg(x.line ORDER BY x.k) FROM (
              SELECT g.p / d.ny AS k,
                array_fill('NaN'::float8, ARRAY[1], ARRAY[d.y0 - 1]) || array_agg(g.${value} ORDER BY g.p) AS line
              FROM ${from} g GROUP BY 1) x) END`;
  };
  const ctes = sql`
    d AS MATERIALIZED (
      SELECT y0, y1 - y0 + 1 AS ny, r0, r1 - r0 + 1 AS nr, i0, i1 - i0 + 1 AS ni
      FROM (SELECT ${yearBound('min')} AS y0, ${yearBound('max')} AS y1,
              (SELECT min(id) FROM region WHERE kind = ${q.regionKind}) AS r0,
              (SELECT max(id) FROM region WHERE kind = ${q.regionKind}) AS r1,
              (SELECT min(id) FROM industry WHERE ${levelOfIndustry}) AS i0,
              (SELECT max(id) FROM industry WHERE ${levelOfIndustry}) AS i1) x
    ),
    rt AS MATERIALIZED (
      SELECT x.p, CASE WHEN bool_or(x.ok) THEN coalesce(sum(x.v), 'NaN') ELSE 'NaN' END AS total
      FROM (
        SELECT (g.r - d.r0) * d.ny + y.y - d.y0 AS p, rg.id IS NOT NULL AS ok, NULL::float8 AS v
        FROM d CROSS JOIN ${regionGrid} g(r) CROSS JOIN ${yearGrid} y(y)
        LEFT JOIN region rg ON rg.id = g.r AND rg.kind = ${q.regionKind}
        UNION ALL
        SELECT (t.region_id - d.r0) * d.ny + t.year - d.y0, false, t.value
        FROM d CROSS JOIN stat_region_total t
        WHERE ${totalsOf('t')} AND ${atLevel('t')} AND ${inGrid('t.region_id', 'r0', 'nr')}
          AND ${inGrid('t.year', 'y0', 'ny')}) x
      GROUP BY x.p
    ),
    nt AS MATERIALIZED (${nt}),
    nu AS MATERIALIZED (
      SELECT x.p, coalesce(sum(x.v), 'NaN') AS total,
        coalesce(sum(x.v) / nullif(min(nt.total), 0), 'NaN') AS share
      FROM (
        SELECT (g.i - d.i0) * d.ny + y.y - d.y0 AS p, y.y, NULL::float8 AS v
        FROM d CROSS JOIN ${industryGrid} g(i) CROSS JOIN ${yearGrid} y(y)
        UNION ALL
        SELECT (t.industry_id - d.i0) * d.ny + t.year - d.y0, t.year, t.total
        FROM d CROSS JOIN (${nu}) t
        WHERE ${inGrid('t.industry_id', 'i0', 'ni')} AND ${inGrid('t.year', 'y0', 'ny')}) x
      LEFT JOIN nt ON nt.y = x.y
      GROUP BY x.p
    ),
    b AS MATERIALIZED (
      -- The base year's cells as kept at import (stat_year_grid, mapping-totals.ts). array_cat
      -- with an empty array detoasts the stored array once, here: a parameter holding the
      -- TOAST pointer would be fetched and decompressed again by every subscript.
      SELECT array_cat(g.value, '{}') AS bv, array_cat(g.filled, '{}') AS bf,
        g.r0 - 1 AS br, g.i0 - 1 AS bi
      FROM (SELECT 1) one LEFT JOIN stat_year_grid g ON g.dataset_id = ${q.datasetId}
        AND g.measure = ${q.measure} AND g.year = ${stored ? -1 : (base ?? -1)}
    ),
    a AS MATERIALIZED (
      SELECT ${withBounds(sql`rt`, sql`total`, 'r0')} AS rt,
        ${withBounds(sql`nu`, sql`total`, 'i0')} AS nu,
        ${withBounds(sql`nu`, sql`share`, 'i0')} AS ns,
        CASE WHEN d.y0 IS NOT NULL THEN array_fill('NaN'::float8, ARRAY[1], ARRAY[d.y0 - 1])
          || (SELECT array_agg(coalesce(total, 'NaN') ORDER BY y) FROM nt) END AS nt,
        b.bv, b.bf, b.br, b.bi
      FROM d CROSS JOIN b
    )`;
  const select = sql`
    SELECT u.region_id, u.industry_id AS unit_id, u.year, u.value,
      ${rt} AS region_total, ${nuAt} AS nation_value, nullif(${ntAt}, 'NaN') AS nation_total,
      (u.value / nullif(${rt}, 0)) / nullif(${nsAt}, 0) AS lq,
      u.value / nullif(${rt}, 0) AS share_of_region,
      u.value / nullif(${nuAt}, 0) AS share_of_nation,
      ${base === null ? sql`NULL::int` : sql`${base}::int`} AS base_year,
      ${base === null ? sql`NULL::float8` : bv} AS base_value,
      ${base === null ? sql`NULL::float8` : sql`u.value - ${bv}`} AS change,
      ${
        base === null
          ? sql`NULL::float8`
          : // greatest() skips NULL: a missing or non-positive base value gives no CAGR.
            sql`CASE WHEN u.year <> ${base} AND u.value >= 0
               THEN power(u.value / nullif(greatest(${bv}, 0), 0), 1.0::float8 / (u.year - ${base})) - 1 END`
      } AS cagr,
      ${base === null ? sql`u.filled` : sql`(u.filled OR ${bf})`} AS rests_on_filled
    FROM stat_value u
    WHERE ${cellsOf('u')} ${ofKind} ${national ? sql`AND ${ntAt} <> 'NaN'` : sql``}`;
  return { with: ctes, select };
}

/**
 * Every measure per region x cluster x year, from the cells summed to clusters at import and
 * when a definition is saved (stat_cluster_value, mapping-totals.ts) rather than from the cells:
 * a region x cluster x year row per (cluster, industry level) instead of one per cell.
 *
 * The traded and local totals of a region (the US Cluster Mapping Project's denominators) count
 * each industry of the latest clusters of that kind once. The stored rows count an industry once
 * per cluster holding it, so the total is the sum over the latest clusters of the kind less
 * (m − 1) times the cells of each industry in m > 1 of them: exact, and it reads cells only for
 * industries in several clusters of one kind (none in a partition such as the US project's).
 */
function clusterMeasuresSql(q: ComputeQuery): {
  with: RawBuilder<unknown>;
  select: RawBuilder<unknown>;
} {
  const years = yearsRead(q);
  const inLevel = (alias: string) =>
    q.industryLevel === null
      ? sql`true`
      : sql`${sql.ref(`${alias}.industry_id`)} IN (SELECT id FROM industry WHERE level = ${q.industryLevel})`;
  const inYears = (alias: string) =>
    years === null ? sql`true` : sql`${sql.ref(`${alias}.year`)} IN (${sql.join(years)})`;
  const cellsOf = sql`sv.dataset_id = ${q.datasetId} AND sv.measure = ${q.measure}
    AND sv.region_id IN (SELECT id FROM region WHERE kind = ${q.regionKind})
    AND ${inYears('sv')} AND ${inLevel('sv')}`;
  const clusterValuesOf = sql`cv.dataset_id = ${q.datasetId} AND cv.measure = ${q.measure}
    AND cv.region_id IN (SELECT id FROM region WHERE kind = ${q.regionKind})
    AND ${inYears('cv')}
    AND ${q.industryLevel === null ? sql`true` : sql`cv.level = ${q.industryLevel}`}`;
  // The latest version of every cluster ((name, version) is unique). DISTINCT ON rather than a
  // correlated max(version), which the planner estimates as a single row.
  const latestClusters = sql`
    SELECT DISTINCT ON (cd.name) cd.id, cd.kind FROM cluster_definition cd
    ORDER BY cd.name, cd.version DESC`;
  const chosen =
    q.clusterIds.length > 0
      ? sql`SELECT id, kind FROM cluster_definition WHERE id IN (${sql.join(q.clusterIds)})`
      : latestClusters;
  const national = q.universe === 'national';
  const totalsOf = (alias: string) => sql`${sql.ref(`${alias}.dataset_id`)} = ${q.datasetId}
    AND ${sql.ref(`${alias}.measure`)} = ${q.measure} AND ${inYears(alias)}`;
  const atLevel = (alias: string) =>
    q.industryLevel === null ? sql`true` : sql`${sql.ref(`${alias}.level`)} = ${q.industryLevel}`;
  const byKind = q.denominator === 'kind';
  const nationalCells = sql`
    SELECT n.industry_id, n.year, n.value FROM stat_national_total n
    WHERE n.dataset_id = ${q.datasetId} AND n.measure = ${q.measure}
      AND ${inYears('n')} AND ${inLevel('n')}`;

  // grp and kinds are small and NOT MATERIALIZED: a scan of a CTE cannot run in a parallel
  // worker, so the aggregates joining them would lose their parallel plan.
  const ctes = sql`
    grp AS NOT MATERIALIZED (SELECT ci.cluster_id AS unit_id, ci.industry_id
            FROM cluster_industry ci WHERE ci.cluster_id IN (SELECT id FROM (${chosen}) k)),
    kinds AS NOT MATERIALIZED (
      SELECT ci.industry_id, bool_or(k.kind = 'traded') AS traded, bool_or(k.kind = 'local') AS local
      FROM cluster_industry ci JOIN (${latestClusters}) k ON k.id = ci.cluster_id GROUP BY 1),
    rug AS MATERIALIZED (
      SELECT cv.region_id, cv.cluster_id AS unit_id, cv.year, sum(cv.value) AS value,
        bool_or(cv.filled) AS filled
      FROM stat_cluster_value cv
      WHERE ${clusterValuesOf} AND cv.cluster_id IN (SELECT id FROM (${chosen}) k)
      GROUP BY 1, 2, 3),
    ru AS (SELECT rug.*, k.kind,
             max(rug.value) FILTER (WHERE rug.year = ${q.baseYear ?? -1}) OVER w AS base_value,
             bool_or(rug.filled) FILTER (WHERE rug.year = ${q.baseYear ?? -1}) OVER w AS base_filled
           FROM rug LEFT JOIN (${chosen}) k ON k.id = rug.unit_id
           WINDOW w AS (PARTITION BY rug.region_id, rug.unit_id)),
    rt AS MATERIALIZED (
      SELECT t.region_id, t.year, sum(t.value) AS total FROM stat_region_total t
      WHERE ${totalsOf('t')} AND ${atLevel('t')}
        AND t.region_id IN (SELECT id FROM region WHERE kind = ${q.regionKind})
      GROUP BY 1, 2),
    rkt AS MATERIALIZED (${
      byKind
        ? sql`SELECT x.region_id, x.year,
              sum(x.value) FILTER (WHERE x.kind = 'traded') AS traded,
              sum(x.value) FILTER (WHERE x.kind = 'local') AS local
            FROM (
              SELECT cv.region_id, cv.year, k.kind, cv.value
              FROM stat_cluster_value cv JOIN (${latestClusters}) k ON k.id = cv.cluster_id
              WHERE ${clusterValuesOf}
              UNION ALL
              SELECT c.region_id, c.year, m.kind, -m.extra * c.value
              FROM (SELECT ci.industry_id, k.kind, count(*) - 1 AS extra
                    FROM cluster_industry ci JOIN (${latestClusters}) k ON k.id = ci.cluster_id
                    GROUP BY 1, 2 HAVING count(*) > 1) m
              CROSS JOIN LATERAL (
                SELECT sv.region_id, sv.year, sv.value FROM stat_value sv
                WHERE sv.industry_id = m.industry_id AND ${cellsOf}) c) x
            GROUP BY 1, 2`
        : sql`SELECT NULL::int AS region_id, NULL::int AS year, NULL::float8 AS traded,
              NULL::float8 AS local WHERE false`
    }),
    rk AS (SELECT region_id, year, 'traded' AS kind, traded AS total FROM rkt
           UNION ALL SELECT region_id, year, 'local', local FROM rkt),
    -- The universe: the imported national totals, or the totals of the regions kept at import.
    ind AS NOT MATERIALIZED (${
      national
        ? nationalCells
        : sql`SELECT t.industry_id, t.year, t.value FROM stat_industry_total t
              WHERE ${totalsOf('t')} AND t.region_kind = ${q.regionKind} AND ${inLevel('t')}`
    }),
    nu AS (SELECT g.unit_id, n.year, sum(n.value) AS total FROM ind n
           JOIN grp g ON g.industry_id = n.industry_id GROUP BY 1, 2),
    nt AS (${
      national
        ? sql`SELECT year, sum(value) AS total FROM ind GROUP BY year`
        : sql`SELECT t.year, sum(t.value) AS total FROM stat_universe_total t
              WHERE ${totalsOf('t')} AND t.region_kind = ${q.regionKind} AND ${atLevel('t')}
              GROUP BY 1`
    }),
    nk AS (
      SELECT n.year, k.kind, sum(n.value) AS total FROM ind n
      JOIN (SELECT industry_id, 'traded' AS kind FROM kinds WHERE traded
            UNION ALL SELECT industry_id, 'local' FROM kinds WHERE local) k
        ON k.industry_id = n.industry_id GROUP BY 1, 2)`;
  return {
    with: ctes,
    select: finalSelect(sql`ru`, 'unit_id', q.baseYear, q.denominator === 'kind', national),
  };
}

function finalSelect(
  source: RawBuilder<unknown>,
  unitColumn: string,
  baseYear: number | null,
  byKind: boolean,
  national: boolean,
): RawBuilder<unknown> {
  // Every row has its region total, and its universe total unless that comes from imported
  // national totals lacking the year (then the row is left out). LEFT JOINs where a row always
  // matches keep the planner's row estimate whole, so that it hashes the small sides instead
  // of sorting for merge joins.
  const rden = byKind ? sql`rk.total` : sql`rt.total`;
  const nden = byKind ? sql`nk.total` : sql`nt.total`;
  return sql`
    SELECT u.region_id, u.${sql.raw(unitColumn)} AS unit_id, u.year, u.value,
      rt.total AS region_total, nu.total AS nation_value, nt.total AS nation_total,
      (u.value / nullif(${rden}, 0)) / nullif(nu.total / nullif(${nden}, 0), 0) AS lq,
      u.value / nullif(rt.total, 0) AS share_of_region,
      u.value / nullif(nu.total, 0) AS share_of_nation,
      ${baseYear === null ? sql`NULL::int` : sql`${baseYear}::int`} AS base_year,
      u.base_value,
      u.value - u.base_value AS change,
      CASE WHEN u.base_value > 0 AND u.value >= 0 AND u.year <> ${baseYear ?? -1}
           THEN power(u.value / u.base_value, 1.0::float8 / (u.year - ${baseYear ?? -1})) - 1 END AS cagr,
      (u.filled OR coalesce(u.base_filled, false)) AS rests_on_filled
    FROM ${source} u
    LEFT JOIN rt ON rt.region_id = u.region_id AND rt.year = u.year
    ${national ? sql`JOIN` : sql`LEFT JOIN`} nt ON nt.year = u.year
    LEFT JOIN nu ON nu.unit_id = u.${sql.raw(unitColumn)} AND nu.year = u.year
    ${byKind ? sql`LEFT JOIN rk ON rk.region_id = u.region_id AND rk.year = u.year AND rk.kind = u.kind LEFT JOIN nk ON nk.year = u.year AND nk.kind = u.kind` : sql``}`;
}

/** The cluster measures read no cells directly, so their query needs no shape. */
const NO_SHAPE: MeasuresShape = { firstYear: null, otherRegionKinds: true };

/**
 * Every measure of a query (measuresSql), written for the shape of its cells (measuresShape):
 * call it in a repeatable-read transaction, so that the shape holds for the query.
 */
export async function computeMeasures(db: Db, q: ComputeQuery): Promise<MeasureRow[]> {
  const shape = q.unit === 'industry' ? await measuresShape(db, q) : NO_SHAPE;
  return (await measuresSql(q, shape).execute(db)).rows;
}
