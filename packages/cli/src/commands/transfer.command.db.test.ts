import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let work: string;
/** The environment of the CLI runs (the test takes INNOCLUSTER_AS away for a while). */
let databaseEnv: Record<string, string>;
let harness: CliHarness;
const cli = (...args: string[]) => harness.cli(...args);

beforeAll(async () => {
  harness = await createCliHarness('transfer');
  work = harness.work;
  databaseEnv = harness.env;
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** Counts rows with the CLI's database closed, as an embedded directory admits one process. */
async function countRows(...tables: ('region' | 'organisation')[]): Promise<number[]> {
  return harness.withDb(async (database) => {
    const counts: number[] = [];
    for (const table of tables)
      counts.push((await database.db.selectFrom(table).select('id').execute()).length);
    return counts;
  });
}

describe('innocluster import and export', () => {
  it('refuses to import without naming the acting user', async () => {
    const file = join(work, 'nobody.csv');
    await writeFile(file, 'code,kind,name\nU-1,user,Someone\n');
    const env = { ...databaseEnv };
    delete databaseEnv.INNOCLUSTER_AS;
    const run = await cli('import', 'regions', file);
    Object.assign(databaseEnv, env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--as <email>/);
  });

  it('imports a good file and reports how many rows it imported', async () => {
    const file = join(work, 'regions.csv');
    await writeFile(
      file,
      'code,kind,name,kostat_code\nKR-11,province,Seoul,11\nKR-26,province,Busan,21\n',
    );
    const run = await cli('import', 'regions', file);
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({
      code: 0,
      stdout: 'Imported 2 rows from regions.csv into regions\n',
    });
    // The audit trail holds each imported row, made through the CLI by the named user.
    await harness.withDb(async (database) => {
      const events = await database.db
        .selectFrom('auditEvent')
        .select(['via', 'userEmail', 'entity', 'action'])
        .where('entity', '=', 'regions')
        .execute();
      expect(events).toEqual([
        { via: 'cli', userEmail: 'admin@cli.test', entity: 'regions', action: 'create' },
        { via: 'cli', userEmail: 'admin@cli.test', entity: 'regions', action: 'create' },
      ]);
    });
  });

  it('fails with exit code 1 and a report of every bad row, writing nothing', async () => {
    const file = join(work, 'organisations.csv');
    const lines = ['name,kind,provinceId,employees'];
    // Long enough for progress lines (from 1,000 rows), which go to stderr before the report.
    for (let i = 0; i < 1200; i++) lines.push(`Demo Org ${i},company,1,${i}`);
    lines[5] = 'Demo Org 4,bank,1,4';
    lines[12] = 'Demo Org 11,company,9999,11';
    lines[20] = 'Demo Org 19,company,1,lots';
    await writeFile(file, `${lines.join('\n')}\n`);
    const run = await cli('import', 'organisations', file);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const stderr = run.stderr.trimEnd().split('\n');
    const progress = stderr.filter((line) => /^(Validating|Inserting): /.test(line));
    expect(progress).toContain('Validating: 1,200 of 1,200 rows');
    expect(progress).toContain('Inserting: 1,197 of 1,197 rows');
    expect(stderr.slice(progress.length)).toEqual([
      'organisations.csv row 6, column kind: "bank" is not one of company, university, research_institute, support_institution, local_government',
      'organisations.csv row 13, column provinceId: "9999" is not the id of an existing region',
      'organisations.csv row 21, column employees: "lots" is not a whole number',
      'innocluster: organisations.csv: 3 problems in 3 rows; nothing was imported',
    ]);
    expect(await countRows('organisation', 'region')).toEqual([0, 2]);
  });

  it('exports JSON to stdout that parses, and refuses XLSX to a terminal stream', async () => {
    // The refusal opens no database, so both can run at once.
    const [run, xlsx] = await Promise.all([
      cli('export', 'regions', '--format', 'json'),
      cli('export', 'regions', '--format', 'xlsx'),
    ]);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as {
      code: string;
      kostatCode: string | null;
      synthetic: boolean;
    }[];
    expect(rows.map((r) => [r.code, r.kostatCode, r.synthetic])).toEqual([
      ['KR-11', '11', false],
      ['KR-26', '21', false],
    ]);
    expect(xlsx.code).toBe(1);
    expect(xlsx.stderr).toContain('give --output <file>');
  });
});
