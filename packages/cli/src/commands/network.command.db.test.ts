import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let work: string;
let harness: CliHarness;
const cli = (...args: string[]) => harness.cli(...args);

beforeAll(async () => {
  harness = await createCliHarness('activities');
  work = harness.work;
}, 120_000);

afterAll(async () => {
  await harness?.close();
});

/** Counts rows with the CLI's database closed, as an embedded directory admits one process. */
async function countRows(
  ...tables: ('activity' | 'activityAttendee' | 'attendanceImport')[]
): Promise<number[]> {
  return harness.withDb(async (database) => {
    const counts: number[] = [];
    for (const table of tables)
      counts.push((await database.db.selectFrom(table).select('id').execute()).length);
    return counts;
  });
}

// Each test starts the CLI two or three times: a process start costs seconds on a busy machine.
describe('innocluster activities', { timeout: 300_000 }, () => {
  it('imports a sheet, commits exact matches at once and reports the counts', async () => {
    const organisations = join(work, 'organisations.csv');
    await writeFile(
      organisations,
      'name,kind\nHanil Precision,company\nDaewoo Machinery,company\n',
    );
    expect((await cli('import', 'organisations', organisations)).code).toBe(0);
    const sheet = join(work, 'forum.csv');
    await writeFile(
      sheet,
      'activity,date,kind,organisation\nSpring forum,2024-04-10,forum,"(주) Hanil Precision"\nSpring forum,2024-04-10,forum,Busan Port Authority\n',
    );
    const run = await cli('activities', 'import', sheet, '--auto-accept-exact');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 rows, 1 activities; 1 exact, 0 fuzzy, 1 unmatched');
    expect(run.stdout).toContain('row 3: "Busan Port Authority" -> no match');
    expect(run.stdout).toMatch(
      /Committed import \d+: 1 activities, 2 attendees \(1 exact, 0 fuzzy, 0 chosen, 1 unmatched\)/,
    );
    expect(await countRows('activity', 'activityAttendee')).toEqual([1, 2]);
  });

  it('holds fuzzy matches for review and commits the decisions file', async () => {
    const sheet = join(work, 'seminar.csv');
    await writeFile(
      sheet,
      'activity,date,kind,organisation\nSeminar,2024-05-02,seminar,Daewoo Machinary\n',
    );
    const held = await cli('activities', 'import', sheet, '--auto-accept-exact');
    expect(held.code).toBe(0);
    expect(held.stdout).toMatch(/row 2: "Daewoo Machinary" -> Daewoo Machinery \[\d+\] 0\.9\d/);
    const id = /stays in review\. Commit with: innocluster activities commit (\d+)/.exec(
      held.stdout,
    )?.[1];
    expect(id).toBeDefined();
    expect(await countRows('activity')).toEqual([1]);
    const decisions = join(work, 'decisions.csv');
    await writeFile(decisions, 'row,action,organisation_id\n2,accept,\n');
    const committed = await cli('activities', 'commit', id!, '--decisions', decisions);
    expect(committed.stderr).toBe('');
    expect(committed.stdout).toMatch(/1 activities, 1 attendees \(0 exact, 1 fuzzy/);
    expect(await countRows('activity', 'activityAttendee')).toEqual([2, 3]);
  });

  it('names the bad rows of a sheet and writes nothing', async () => {
    const sheet = join(work, 'bad.csv');
    await writeFile(
      sheet,
      'activity,date,kind,organisation\nForum,2024-13-01,forum,Hanil Precision\n',
    );
    const run = await cli('activities', 'import', sheet);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('bad.csv row 2, column heldOn: "2024-13-01" is not a date');
    expect(await countRows('attendanceImport')).toEqual([2]);
  });
});
