/**
 * Cluster-mapping benchmark (`npm run bench:mapping`), never part of a test suite.
 *
 * On a PostgreSQL server (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) it
 * creates a database of its own, loads 250 regions x 1,000 industries x 20 years of one measure
 * (5 million stat_value rows, INSERT ... SELECT generate_series, each with its first-year value)
 * and the totals an import keeps (mapping-totals.ts refreshTotals, timed apart), then times:
 *
 * - the baseline: one plain `SELECT region_id, year, sum(value) ... GROUP BY region_id, year`;
 * - the full recompute: the service's measures query (mapping.repository.ts `measuresShape` and
 *   `measuresQuery`, as `computeMeasures` runs them) for
 *   every region x industry x year: value, region total, national value and total, LQ, shares
 *   of region and nation, change and CAGR from the first year, rests-on-filled; its 5 million
 *   result rows are consumed inside the server (count and sums) so the figure is the query's,
 *   not the network's;
 * - the same for 50 clusters of 20 industries with the traded/local LQ denominator.
 *
 * The measures run as the service runs them, with JIT off (openDatabase's connections). Each
 * figure is the median of three runs. It prints rows per second, the ratio to the baseline, this
 * process's peak resident memory and, when the server is local, that of the server process
 * that ran the queries; then drops its database.
 */
import {
  openDatabase,
  measuresQuery,
  measuresShape,
  refreshTotals,
  type ComputeQuery,
} from '@innocluster/server';
import { readFile } from 'node:fs/promises';
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';

// BENCH_REGIONS, BENCH_INDUSTRIES and BENCH_YEARS shrink the table for a quick trial run; the
// README's figures are from the default size.
const sizeOf = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v < 2) throw new Error(`${name} must be an integer of at least 2`);
  return v;
};
const regions = sizeOf('BENCH_REGIONS', 250);
const industries = sizeOf('BENCH_INDUSTRIES', 1000);
const years = sizeOf('BENCH_YEARS', 20);
const firstYear = 2001;
const rows = regions * industries * years;

const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
// BENCH_REUSE=<database> reuses a database a run with BENCH_KEEP=1 left behind (for tuning).
const reuse = process.env.BENCH_REUSE;
const name = reuse ?? `innocluster_bench_mapping_${process.pid}`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

if (!reuse) await admin(`CREATE DATABASE ${name}`);
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ kind: 'postgres', url: url.toString() });
const db = database.db;
try {
  const version = await sql<{ v: string }>`SELECT version() AS v`.execute(db);
  console.log(`PostgreSQL: ${version.rows[0]!.v}`);
  let totalsMs: number | null = null;
  const load = await time(async () => {
    if (reuse) return;
    await sql`INSERT INTO region (code, kind, name)
      SELECT 'B' || g, 'user', 'Bench region ' || g FROM generate_series(1, ${sql.lit(regions)}) g`.execute(
      db,
    );
    await sql`INSERT INTO industry_classification (code, vintage, name) VALUES ('BENCH', '1', 'Bench')`.execute(
      db,
    );
    await sql`INSERT INTO industry (classification_id, code, name, level)
      SELECT (SELECT id FROM industry_classification WHERE code = 'BENCH'), 'I' || g, 'Bench industry ' || g, 1
      FROM generate_series(1, ${sql.lit(industries)}) g`.execute(db);
    await sql`INSERT INTO stat_dataset (name, synthetic) VALUES ('Bench', true)`.execute(db);
    // Bulk load as one would: foreign keys and secondary indexes come back after the rows.
    await sql`ALTER TABLE stat_value DROP CONSTRAINT stat_value_dataset_id_fkey,
      DROP CONSTRAINT stat_value_region_id_fkey, DROP CONSTRAINT stat_value_industry_id_fkey`.execute(
      db,
    );
    await sql`DROP INDEX stat_value_region, stat_value_industry`.execute(db);
    // Deterministic pseudo-random values; one cell in a thousand suppressed and filled. Each row
    // also gets its series' first-year value and flag as the import leaves them (migration 0016),
    // from the same formulas at the first year: refreshFirstValues (inside refreshTotals below)
    // then finds every row right and writes nothing, where setting them after the insert would
    // leave half the table's pages dead and every later scan, the baseline's too, slower.
    const valueAt = (y: RawBuilder<unknown>) =>
      sql`1 + ((r.id::bigint * 7919 + i.id * 104729 + ${y}::bigint * 1299709) % 1000) * (1 + (${y} - ${sql.lit(firstYear)}) * 0.01)`;
    const filledAt = (y: RawBuilder<unknown>) => sql`(r.id + i.id + ${y}) % 1000 = 0`;
    const first = sql.lit(firstYear);
    await sql`INSERT INTO stat_value (dataset_id, measure, year, region_id, industry_id, value, suppressed, filled, fill_rule, synthetic, first_value, first_filled)
      SELECT d.id, 'employment', y, r.id, i.id, ${valueAt(sql`y`)}, ${filledAt(sql`y`)}, ${filledAt(sql`y`)},
             CASE WHEN ${filledAt(sql`y`)} THEN 'zero' END, true, ${valueAt(first)}, ${filledAt(first)}
      FROM stat_dataset d, generate_series(${sql.lit(firstYear)}, ${sql.lit(firstYear + years - 1)}) y,
           region r, industry i
      WHERE d.name = 'Bench'`.execute(db);
    await sql`ALTER TABLE stat_value
      ADD CONSTRAINT stat_value_dataset_id_fkey FOREIGN KEY (dataset_id) REFERENCES stat_dataset(id) ON DELETE CASCADE,
      ADD CONSTRAINT stat_value_region_id_fkey FOREIGN KEY (region_id) REFERENCES region(id) ON DELETE CASCADE,
      ADD CONSTRAINT stat_value_industry_id_fkey FOREIGN KEY (industry_id) REFERENCES industry(id) ON DELETE CASCADE`.execute(
      db,
    );
    await sql`CREATE INDEX stat_value_region ON stat_value (region_id)`.execute(db);
    await sql`CREATE INDEX stat_value_industry ON stat_value (industry_id, dataset_id)`.execute(db);
    // 50 clusters of 20 industries, alternately traded and local.
    await sql`INSERT INTO cluster_definition (name, kind, synthetic)
      SELECT 'Bench cluster ' || g, CASE WHEN g % 2 = 0 THEN 'traded' ELSE 'local' END, true
      FROM generate_series(1, 50) g`.execute(db);
    await sql`INSERT INTO cluster_industry (cluster_id, industry_id)
      SELECT c.id, i.id FROM cluster_definition c JOIN industry i
        ON (i.id - 1) / 20 = c.id - (SELECT min(id) FROM cluster_definition)`.execute(db);
    // The totals the import keeps (mapping-totals.ts), as an import of these cells would leave them.
    const bench = await sql<{
      id: number;
    }>`SELECT id FROM stat_dataset WHERE name = 'Bench'`.execute(db);
    totalsMs = await time(() => refreshTotals(db, bench.rows[0]!.id, null));
    await sql`VACUUM ANALYZE stat_value`.execute(db);
    await sql`ANALYZE`.execute(db);
  });
  const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM stat_value`.execute(db);
  console.log(
    reuse
      ? `Reused database ${name} with ${count.rows[0]!.n.toLocaleString('en')} rows`
      : `Loaded ${count.rows[0]!.n.toLocaleString('en')} rows in ${(load / 1000).toFixed(1)} s (${Math.round(rows / (load / 1000)).toLocaleString('en')} rows/s), of which ${((totalsMs ?? 0) / 1000).toFixed(1)} s computing the stored totals`,
  );
  const datasetId = (await sql<{ id: number }>`SELECT id FROM stat_dataset`.execute(db)).rows[0]!
    .id;

  const baselineRuns: number[] = [];
  for (let i = 0; i < 3; i++) {
    baselineRuns.push(
      await time(() =>
        sql`SELECT region_id, year, sum(value) FROM stat_value GROUP BY region_id, year`.execute(
          db,
        ),
      ),
    );
  }
  const baseline = median(baselineRuns);

  const query = (over: Partial<ComputeQuery>): ComputeQuery => ({
    datasetId,
    measure: 'employment',
    regionKind: 'user',
    unit: 'industry',
    clusterIds: [],
    years: null,
    baseYear: firstYear,
    denominator: 'all',
    universe: 'sum',
    industryLevel: null,
    ...over,
  });
  // As the service runs it (computeMeasures): on the app's connections (JIT off), the CTEs at
  // the top level (see measuresQuery); on one pinned connection, to read its server process.
  // The server process's peak resident memory (VmHWM, which counts the shared buffers it
  // touched), when the server runs on this machine; its parallel workers are not included.
  const server: { peak: number | null } = { peak: null };
  const consume = (q: ComputeQuery) =>
    db.connection().execute(async (trx) => {
      // As computeMeasures: the shape of the cells first (two index lookups), then the query.
      const m = measuresQuery(q, await measuresShape(trx, q));
      const pid = (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!
        .pid;
      const result = await sql<{ n: number }>`WITH ${m.with}
        SELECT count(*)::int AS n, sum(lq) AS lq, sum(share_of_region) AS sr,
          sum(share_of_nation) AS sn, sum(cagr) AS cagr, sum(change) AS change,
          count(*) FILTER (WHERE rests_on_filled)::int AS filled
        FROM (${m.select}) m`.execute(trx);
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (hwm) server.peak = Math.max(server.peak ?? 0, Number(hwm[1]) / 1024);
      return result;
    });

  const report = async (label: string, q: ComputeQuery) => {
    const runs: number[] = [];
    let out = 0;
    for (let i = 0; i < 3; i++) {
      runs.push(
        await time(async () => {
          out = (await consume(q)).rows[0]!.n;
        }),
      );
    }
    const ms = median(runs);
    console.log(
      `${label}: ${out.toLocaleString('en')} result rows in ${(ms / 1000).toFixed(2)} s, ${Math.round(rows / (ms / 1000)).toLocaleString('en')} input rows/s, ${(ms / baseline).toFixed(2)}x the plain aggregate`,
    );
    return ms;
  };

  console.log(
    `Baseline (plain GROUP BY region, year over ${rows.toLocaleString('en')} rows): ${(baseline / 1000).toFixed(2)} s, ${Math.round(rows / (baseline / 1000)).toLocaleString('en')} rows/s`,
  );
  await report('Every measure, every region x industry x year', query({}));
  await report(
    `Every measure, every region x cluster x year (${Math.min(50, Math.ceil(industries / 20))} clusters, traded/local LQ)`,
    query({ unit: 'cluster', denominator: 'kind' }),
  );
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(`Peak resident memory of this process: ${peak.toFixed(0)} MB`);
  if (server.peak !== null)
    console.log(
      `Peak resident memory of the PostgreSQL server process of the queries: ${server.peak.toFixed(0)} MB`,
    );
} finally {
  await database.close();
  if (process.env.BENCH_KEEP) console.log(`Kept database ${name}`);
  else if (!reuse) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
