import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createServices, systemContext } from '@innocluster/server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

/**
 * The hand-checked index of the API test through the command line: complexes A, B, C with
 * I1 (higher) 10/20/30, I2 (higher) 200/100/300, I3 (lower) 5/10/15; min-max, equal weights:
 * A 0.5, B 1/3, C 2/3, so C, A, B.
 */
let harness: CliHarness;
let frameworkId = 0;
const cli = (...args: string[]) => harness.cli(...args);

beforeAll(async () => {
  harness = await createCliHarness('evaluation');
  await harness.withDb(async (database) => {
    const db = database.db;
    const province = (
      await sql<{
        id: number;
      }>`INSERT INTO region (code, kind, name) VALUES ('T1', 'province', 'P') RETURNING id`.execute(
        db,
      )
    ).rows[0]!.id;
    for (const name of ['A', 'B', 'C']) {
      await sql`INSERT INTO complex (name, province_id) VALUES (${name}, ${province})`.execute(db);
    }
    const framework = await createServices(db).evaluation.createFramework(systemContext, {
      code: 'CLI',
      name: 'CLI test',
      tracks: [{ code: 'T', name: 'Track', weight: 1 }],
      indicators: ['I1', 'I2', 'I3'].map((code, k) => ({
        code,
        name: code,
        unit: 'count',
        direction: k === 2 ? ('lower' as const) : ('higher' as const),
        level: 'output' as const,
        track: 'T',
        source: { kind: 'entered' as const },
        weight: 1,
      })),
    });
    frameworkId = framework.id;
  });
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

describe('innocluster evaluation', () => {
  // Each CLI run is a process of its own (seconds each); allocation, uncertainty and reports
  // are tested through the API, which the commands call the same way.
  it('imports values and runs the index', async () => {
    const file = join(harness.work, 'values.csv');
    const rows = { A: [10, 200, 5], B: [20, 100, 10], C: [30, 300, 15] };
    await writeFile(
      file,
      [
        'complex,year,indicator,value',
        ...Object.entries(rows).flatMap(([c, v]) => v.map((x, k) => `${c},2020,I${k + 1},${x}`)),
      ].join('\n'),
    );
    const imported = await cli('evaluation', 'import', file, '--framework', String(frameworkId));
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('9 rows read: 9 values written');

    const index = await cli(
      'evaluation',
      'index',
      '--framework',
      String(frameworkId),
      '--year',
      '2020',
      '--weighting',
      'equal',
    );
    expect(index.code, index.stderr).toBe(0);
    expect(index.stderr).toMatch(/index run \d+/);
    const ranking = index.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(ranking.map((r) => [r[0], r[2]])).toEqual([
      ['1', 'C'],
      ['2', 'A'],
      ['3', 'B'],
    ]);
    expect(Number(ranking[1]![3])).toBeCloseTo(0.5, 12);
  }, 120_000);

  it('names the file row and column of a bad value and writes nothing', async () => {
    const file = join(harness.work, 'bad.csv');
    await writeFile(file, 'complex,year,indicator,value\nA,2021,I1,12\nB,2021,I9,3\n');
    const run = await cli('evaluation', 'import', file, '--framework', String(frameworkId));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('bad.csv: 1 problem in 1 row; nothing was imported');
    expect(run.stderr).toContain('row 3: indicator');
    const written = await harness.withDb(
      async ({ db }) =>
        (
          await sql<{
            n: number;
          }>`SELECT count(*)::int AS n FROM indicator_value WHERE year = 2021`.execute(db)
        ).rows[0]!.n,
    );
    expect(written).toBe(0);
  }, 60_000);
});
