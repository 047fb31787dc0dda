import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

// The totals derived from stat_value (migrations/0014_mapping_totals.sql), the cells summed to
// clusters (0015_mapping_cluster_values.sql) and every cell's first-year value (0016). Not a repository of its own: part of every write of
// cells, so each function that writes stat_value (mapping.repository.ts upsertValues,
// mapping-extra.repository.ts convertValues) calls refreshTotals on the same transaction before
// returning, and insertCluster calls refreshClusterValues.

/** One (measure, year) of a dataset whose cells changed. */
export interface TotalsKey {
  measure: string;
  year: number;
}

/**
 * Recomputes the stored totals (migrations/0014_mapping_totals.sql) of a dataset from its cells:
 * region x year (by industry level), industry x year (by region kind) and the universe per year
 * (by region kind and industry level), and the cells' first-year values (refreshFirstValues). `keys` limits the work to the (measure, year) pairs a
 * write touched; null recomputes the whole dataset. Recomputing rather than adding the
 * differences keeps the totals equal to a fresh sum of the cells however often cells are
 * replaced (no drift from floating-point subtraction), at the cost of one aggregate over the
 * touched cells, which the write has just read anyway. Call it inside the writing transaction.
 */
export async function refreshTotals(
  db: Db,
  datasetId: number,
  keys: TotalsKey[] | null,
): Promise<void> {
  let touched: (alias: string) => RawBuilder<unknown>;
  if (keys === null) {
    touched = () => sql`true`;
  } else {
    const unique = [...new Map(keys.map((k) => [`${k.measure}|${k.year}`, k])).values()];
    if (unique.length === 0) return;
    const measures = unique.map((k) => k.measure);
    const years = unique.map((k) => k.year);
    touched = (alias: string) =>
      sql`(${sql.ref(`${alias}.measure`)}, ${sql.ref(`${alias}.year`)}) IN (
        SELECT * FROM unnest(${measures}::text[], ${years}::int[]))`;
  }
  for (const table of [
    'stat_region_total',
    'stat_industry_total',
    'stat_universe_total',
    'stat_year_grid',
    'stat_cluster_value',
  ]) {
    await sql`DELETE FROM ${sql.table(table)} t WHERE t.dataset_id = ${datasetId} AND ${touched('t')}`.execute(
      db,
    );
  }
  await sql`
    INSERT INTO stat_region_total (dataset_id, measure, year, region_id, level, value)
    SELECT sv.dataset_id, sv.measure, sv.year, sv.region_id, i.level, sum(sv.value)
    FROM stat_value sv JOIN industry i ON i.id = sv.industry_id
    WHERE sv.dataset_id = ${datasetId} AND ${touched('sv')}
    GROUP BY 1, 2, 3, 4, 5`.execute(db);
  await sql`
    INSERT INTO stat_industry_total (dataset_id, measure, year, region_kind, industry_id, value)
    SELECT sv.dataset_id, sv.measure, sv.year, r.kind, sv.industry_id, sum(sv.value)
    FROM stat_value sv JOIN region r ON r.id = sv.region_id
    WHERE sv.dataset_id = ${datasetId} AND ${touched('sv')}
    GROUP BY 1, 2, 3, 4, 5`.execute(db);
  await sql`
    INSERT INTO stat_universe_total (dataset_id, measure, year, region_kind, level, value)
    SELECT t.dataset_id, t.measure, t.year, r.kind, t.level, sum(t.value)
    FROM stat_region_total t JOIN region r ON r.id = t.region_id
    WHERE t.dataset_id = ${datasetId} AND ${touched('t')}
    GROUP BY 1, 2, 3, 4, 5`.execute(db);
  await sql`${yearGridSql(sql`${datasetId}`, touched)}`.execute(db);
  await refreshFirstValues(db, datasetId, keys);
  await sql`${clusterValuesSql(sql`sv.dataset_id = ${datasetId} AND ${touched('sv')}`)}`.execute(
    db,
  );
  // Fresh statistics: the measures query joins these small tables, and a planner that takes
  // them for empty (never analyzed, as always on PGlite, which has no autovacuum) chooses merge
  // joins on the year alone. ANALYZE of tables this size samples every row in milliseconds.
  await sql`ANALYZE stat_region_total, stat_industry_total, stat_universe_total, stat_cluster_value`.execute(
    db,
  );
}

/**
 * The datasets with cells in a region or an industry (through the stat_value indexes on
 * region_id and on (industry_id, dataset_id)): those whose kept totals a deletion of that region
 * or industry changes.
 */
export async function datasetsHoldingCellsOf(
  db: Db,
  of: 'region' | 'industry',
  id: number,
): Promise<number[]> {
  const r = await sql<{ datasetId: number }>`
    SELECT DISTINCT dataset_id FROM stat_value
    WHERE ${sql.ref(of === 'region' ? 'region_id' : 'industry_id')} = ${id}
    ORDER BY 1`.execute(db);
  return r.rows.map((x) => x.datasetId);
}

/** The first year of a dataset's cells of a measure (the primary key's prefix), or null. */
export async function firstYearOf(
  db: Db,
  datasetId: number,
  measure: string,
): Promise<number | null> {
  const r = await sql<{ year: number | null }>`
    SELECT min(year) AS year FROM stat_value
    WHERE dataset_id = ${datasetId} AND measure = ${measure}`.execute(db);
  return r.rows[0]?.year ?? null;
}

/**
 * Brings every cell's first_value and first_filled (migrations/0016_mapping_first_values.sql) up
 * to date from the stored year grids (call it after they are refreshed): the value and filled flag of the cell of the same series (region, industry) in the
 * first year of the dataset's cells of that measure, or NULL and false when the series has no
 * cell in that year. `keys` are the (measure, year) pairs a write touched (null: all). A write
 * that reaches the first year (cells of that year replaced, or cells of an earlier year added)
 * changes the base of every row of its measure; any other write only its own rows. It assumes
 * what the writers do: cells are added or replaced, never removed, except a whole series or
 * dataset at a time (by cascade), which leaves no other row's first year changed. Only rows whose
 * stored pair differs are written.
 */
export async function refreshFirstValues(
  db: Db,
  datasetId: number,
  keys: TotalsKey[] | null,
): Promise<void> {
  const yearsOf = new Map<string, number[] | null>();
  if (keys === null) {
    const measures = await sql<{ measure: string }>`
      SELECT DISTINCT measure FROM stat_value WHERE dataset_id = ${datasetId}`.execute(db);
    for (const m of measures.rows) yearsOf.set(m.measure, null);
  } else {
    for (const k of keys) {
      const years = yearsOf.get(k.measure) ?? [];
      years.push(k.year);
      yearsOf.set(k.measure, years);
    }
  }
  for (const [measure, years] of yearsOf) {
    const firstYear = await firstYearOf(db, datasetId, measure);
    if (firstYear === null) continue;
    const scope =
      years === null || Math.min(...years) <= firstYear
        ? sql`true`
        : sql`sv.year IN (${sql.join([...new Set(years)])})`;
    // The first year's cells come from its stored grid (stat_year_grid, refreshed just before)
    // by subscript: a join of the cells to themselves would be planned, on tables without
    // statistics (PGlite), as a nested loop over the whole measure per base cell. array_cat
    // detoasts each array once (see industryMeasuresSql); outside the grid a subscript is NULL.
    const at = (column: 'v' | 'f') =>
      sql`(SELECT ${sql.ref(column)} FROM g)[sv.region_id - (SELECT r0 FROM g) + 1][sv.industry_id - (SELECT i0 FROM g) + 1]`;
    const value = sql`nullif(${at('v')}, 'NaN')`;
    const filled = sql`coalesce(${at('f')}, false)`;
    await sql`
      WITH g AS MATERIALIZED (
        SELECT array_cat(value, '{}') AS v, array_cat(filled, '{}') AS f, r0, i0
        FROM stat_year_grid
        WHERE dataset_id = ${datasetId} AND measure = ${measure} AND year = ${firstYear})
      UPDATE stat_value sv SET first_value = ${value}, first_filled = ${filled}
      WHERE sv.dataset_id = ${datasetId} AND sv.measure = ${measure} AND ${scope}
        AND (sv.first_value IS DISTINCT FROM ${value} OR sv.first_filled <> ${filled})`.execute(db);
  }
}

/**
 * Computes the stored cluster values (migrations/0015_mapping_cluster_values.sql) of one cluster
 * definition over every dataset: call it in the transaction that saved the definition and its
 * industries (mapping.repository.ts insertCluster). Reads only the cells of the cluster's
 * industries (through the stat_value (industry_id, dataset_id) index).
 */
export async function refreshClusterValues(db: Db, clusterId: number): Promise<void> {
  await sql`DELETE FROM stat_cluster_value WHERE cluster_id = ${clusterId}`.execute(db);
  await sql`${clusterValuesSql(sql`sv.industry_id IN (SELECT industry_id FROM cluster_industry WHERE cluster_id = ${clusterId})`, clusterId)}`.execute(
    db,
  );
}

/**
 * The cells matching `where` (alias sv) summed to every cluster holding their industry (or to
 * `clusterId` only), per region, year and industry level; the same statement as the backfill of
 * migrations/0015_mapping_cluster_values.sql.
 */
function clusterValuesSql(where: RawBuilder<unknown>, clusterId?: number): RawBuilder<unknown> {
  return sql`
    INSERT INTO stat_cluster_value (dataset_id, measure, year, region_id, cluster_id, level, value, filled)
    SELECT sv.dataset_id, sv.measure, sv.year, sv.region_id, ci.cluster_id, i.level, sum(sv.value),
      bool_or(sv.filled)
    FROM stat_value sv
    JOIN cluster_industry ci ON ci.industry_id = sv.industry_id
    JOIN industry i ON i.id = sv.industry_id
    WHERE ${where} ${clusterId === undefined ? sql`` : sql`AND ci.cluster_id = ${clusterId}`}
    GROUP BY 1, 2, 3, 4, 5, 6`;
}

/**
 * The cells of each (dataset, measure, year) as two-dimensional arrays [region][industry] over
 * the id ranges of that year's cells (NaN and false where there is no cell): what the measures
 * query reads for the base year of change and CAGR, by subscript, instead of joining every cell
 * to its base-year cell. Built by grouping the cells with one placeholder per grid point rather
 * than by a join to the grid, whose plan would depend on statistics PGlite never gathers.
 * Shared with the migration's backfill (0014_mapping_totals.sql has the same statement).
 */
function yearGridSql(
  datasetId: RawBuilder<unknown>,
  touched: (alias: string) => RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`
    WITH k AS (
      SELECT sv.dataset_id, sv.measure, sv.year, min(sv.region_id) AS r0, max(sv.region_id) AS r1,
        min(sv.industry_id) AS i0, max(sv.industry_id) AS i1
      FROM stat_value sv WHERE sv.dataset_id = ${datasetId} AND ${touched('sv')} GROUP BY 1, 2, 3),
    cell AS (
      SELECT k.dataset_id, k.measure, k.year, x.r, x.i, max(x.v) AS v, bool_or(x.f) AS f
      FROM k CROSS JOIN LATERAL (
        SELECT g.r, h.i, NULL::float8 AS v, false AS f
        FROM generate_series(k.r0, k.r1) g(r) CROSS JOIN generate_series(k.i0, k.i1) h(i)
        UNION ALL
        SELECT sv.region_id, sv.industry_id, sv.value, sv.filled FROM stat_value sv
        WHERE sv.dataset_id = k.dataset_id AND sv.measure = k.measure AND sv.year = k.year) x
      GROUP BY 1, 2, 3, 4, 5),
    line AS (
      SELECT dataset_id, measure, year, r, array_agg(coalesce(v, 'NaN') ORDER BY i) AS v,
        array_agg(f ORDER BY i) AS f
      FROM cell GROUP BY 1, 2, 3, 4)
    INSERT INTO stat_year_grid (dataset_id, measure, year, r0, i0, value, filled)
    SELECT k.dataset_id, k.measure, k.year, k.r0, k.i0, array_agg(l.v ORDER BY l.r), array_agg(l.f ORDER BY l.r)
    FROM k JOIN line l ON l.dataset_id = k.dataset_id AND l.measure = k.measure AND l.year = k.year
    GROUP BY 1, 2, 3, 4, 5`;
}

/** The stored totals of a dataset, in key order (for tests and checks). */
export async function storedTotals(
  db: Db,
  datasetId: number,
): Promise<{
  region: { measure: string; year: number; regionId: number; level: number; value: number }[];
  industry: {
    measure: string;
    year: number;
    regionKind: string;
    industryId: number;
    value: number;
  }[];
  universe: { measure: string; year: number; regionKind: string; level: number; value: number }[];
}> {
  const region = await sql<{
    measure: string;
    year: number;
    regionId: number;
    level: number;
    value: number;
  }>`SELECT measure, year, region_id, level, value FROM stat_region_total
     WHERE dataset_id = ${datasetId} ORDER BY measure, year, region_id, level`.execute(db);
  const industry = await sql<{
    measure: string;
    year: number;
    regionKind: string;
    industryId: number;
    value: number;
  }>`SELECT measure, year, region_kind, industry_id, value FROM stat_industry_total
     WHERE dataset_id = ${datasetId} ORDER BY measure, year, region_kind, industry_id`.execute(db);
  const universe = await sql<{
    measure: string;
    year: number;
    regionKind: string;
    level: number;
    value: number;
  }>`SELECT measure, year, region_kind, level, value FROM stat_universe_total
     WHERE dataset_id = ${datasetId} ORDER BY measure, year, region_kind, level`.execute(db);
  return { region: region.rows, industry: industry.rows, universe: universe.rows };
}
