/**
 * A first benchmark (`npm run bench`), never part of a test suite. Each measurement is set
 * against a baseline measured in the same run on the same machine, so the ratio means
 * something where the absolute times do not:
 *
 * 1. Demo load: `DemoService.load()` into a fresh in-memory PGlite (multi-row inserts of the
 *    whole demo programme), against inserting the same number of rows one statement at a time.
 * 2. Organisation list: a registry list page with a text search (`q`, ILIKE over name, Korean
 *    name and registration number) against the same page without one.
 *
 * Each figure is the median of a few repetitions; the whole run takes well under a minute.
 */
import {
  DemoService,
  openDatabase,
  RegistryService,
  systemContext,
  type Db,
} from '@innocluster/server';
import { sql } from 'kysely';

const demoTables = [
  'programme',
  'programme_phase',
  'region',
  'region_member',
  'industry_classification',
  'industry',
  'complex',
  'participation',
  'reference_count',
  'budget_year',
  'budget_item',
  'mini_cluster',
  'organisation',
  'membership',
  'person',
  'body',
  'body_seat',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function countRows(db: Db): Promise<number> {
  let total = 0;
  for (const table of demoTables) {
    const result = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db);
    total += result.rows[0]!.n;
  }
  return total;
}

async function withFreshDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const ratio = (measured: number, baseline: number) => `${(measured / baseline).toFixed(3)}x`;

async function emptyDemoTables(db: Db): Promise<void> {
  await sql`TRUNCATE ${sql.join(demoTables.map((t) => sql.table(t)))} RESTART IDENTITY CASCADE`.execute(
    db,
  );
  await sql`DELETE FROM app_setting`.execute(db);
}

/** Loads the demo `repetitions` times into one database, emptying it (untimed) in between. */
async function benchDemoLoad(db: Db, repetitions: number): Promise<void> {
  const loads: number[] = [];
  let rows = 0;
  for (let i = 0; i < repetitions; i++) {
    if (i > 0) await emptyDemoTables(db);
    loads.push(await time(() => new DemoService(db).load()));
    rows = await countRows(db);
  }
  // The demo stays loaded for the list benchmark; the baseline writes to a database of its own.
  const singles: number[] = [];
  await withFreshDatabase(async (baselineDb) => {
    for (let i = 0; i < repetitions; i++) {
      if (i > 0) await emptyDemoTables(baselineDb);
      singles.push(
        await time(() =>
          baselineDb.transaction().execute(async (tx) => {
            for (let n = 0; n < rows; n++) {
              await tx
                .insertInto('organisation')
                .values({
                  name: `Bench organisation ${n}`,
                  kind: 'company',
                  employees: n % 300,
                  synthetic: true,
                })
                .execute();
            }
          }),
        ),
      );
    }
  });
  const load = median(loads);
  const single = median(singles);
  console.log(`demo load into in-memory PGlite: ${rows} rows, median of ${repetitions}`);
  console.log(
    `  DemoService.load()                  ${fmt(load).padStart(12)}  (${Math.round((rows / load) * 1000)} rows/s)`,
  );
  console.log(
    `  baseline: ${rows} single-row INSERTs  ${fmt(single).padStart(12)}  (${Math.round((rows / single) * 1000)} rows/s)`,
  );
  console.log(
    `  ratio load / baseline: ${ratio(load, single)}  (below 1: the demo load beats row-by-row inserts)`,
  );
}

/** Expects the demo loaded in `db`. */
async function benchListSearch(db: Db, repetitions: number): Promise<void> {
  const registry = new RegistryService(db);
  const plainQuery = { kind: 'company', sort: 'name', pageSize: 50 };
  const searchQuery = { ...plainQuery, q: 'gumi' };
  // Warm up both paths (query planning, JIT of the WebAssembly engine).
  for (let i = 0; i < 3; i++) {
    await registry.list('organisations', plainQuery, systemContext);
    await registry.list('organisations', searchQuery, systemContext);
  }
  const calls = 20;
  const plain: number[] = [];
  const search: number[] = [];
  // Interleaved, so that drift over the run affects both alike.
  for (let i = 0; i < repetitions; i++) {
    plain.push(
      (await time(async () => {
        for (let c = 0; c < calls; c++)
          await registry.list('organisations', plainQuery, systemContext);
      })) / calls,
    );
    search.push(
      (await time(async () => {
        for (let c = 0; c < calls; c++)
          await registry.list('organisations', searchQuery, systemContext);
      })) / calls,
    );
  }
  const found = await registry.list('organisations', searchQuery, systemContext);
  const p = median(plain);
  const s = median(search);
  console.log(
    `organisation list page (50 of the demo's companies, sorted by name; search finds ${found.total})`,
  );
  console.log(`  with q=gumi            ${fmt(s).padStart(10)} per page`);
  console.log(`  baseline: without q    ${fmt(p).padStart(10)} per page`);
  console.log(`  ratio search / baseline: ${ratio(s, p)}`);
}

const started = performance.now();
console.log(`innocluster bench, node ${process.version}, ${new Date().toISOString()}\n`);
await withFreshDatabase(async (db) => {
  await benchDemoLoad(db, 3);
  console.log();
  await benchListSearch(db, 7);
});
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(1)} s`);
