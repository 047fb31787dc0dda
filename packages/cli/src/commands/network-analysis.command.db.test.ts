import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let work: string;
let harness: CliHarness;
const cli = (...args: string[]) => harness.cli(...args);
let programmeId = 0;

/**
 * Three organisations of "Complex one" at one seminar in 2020 and two of them at another in
 * 2021: Newman weights 1/(3-1) = 0.5 for each pair of the first, 1 for X–Y at the second, so
 * X–Y weighs 1.5, X–Z and Y–Z 0.5; the triangle's density is 1.
 */
beforeAll(async () => {
  harness = await createCliHarness('network');
  work = harness.work;
  await harness.withDb(async (database) => {
    const db = database.db;
    const one = async (q: ReturnType<typeof sql<{ id: number }>>) =>
      (await q.execute(db)).rows[0]!.id;
    const province = await one(
      sql`INSERT INTO region (code, kind, name) VALUES ('T1', 'province', 'Test province') RETURNING id`,
    );
    const complex = await one(
      sql`INSERT INTO complex (name, province_id) VALUES ('Complex one', ${province}) RETURNING id`,
    );
    programmeId = await one(
      sql`INSERT INTO programme (code, name, ministry) VALUES ('TP', 'Test programme', 'MOTIE') RETURNING id`,
    );
    await sql`INSERT INTO participation (programme_id, complex_id, joined) VALUES (${programmeId}, ${complex}, '2019-01-01')`.execute(
      db,
    );
    const org: Record<string, number> = {};
    for (const [name, kind] of [
      ['X', 'company'],
      ['Y', 'university'],
      ['Z', 'company'],
    ] as const) {
      org[name] = await one(
        sql`INSERT INTO organisation (name, kind, complex_id) VALUES (${name}, ${kind}, ${complex}) RETURNING id`,
      );
    }
    for (const [day, names] of [
      ['2020-04-01', ['X', 'Y', 'Z']],
      ['2021-04-01', ['X', 'Y']],
    ] as const) {
      const activity = await one(
        sql`INSERT INTO activity (complex_id, kind, title, held_on) VALUES (${complex}, 'seminar', 'Seminar', ${day}) RETURNING id`,
      );
      for (const name of names) {
        await sql`INSERT INTO activity_attendee (activity_id, organisation_id) VALUES (${activity}, ${org[name]})`.execute(
          db,
        );
      }
    }
  });
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

const rowsOf = (text: string) => text.trim().split('\n');

describe('innocluster network', () => {
  it('prints node measures of a complex named by its name as CSV', async () => {
    const run = await cli(
      'network',
      'measures',
      '--scope',
      'complex:Complex one',
      '--measures',
      'degree,strength,betweenness',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [header, ...rows] = rowsOf(run.stdout);
    const columns = header!.split(',');
    const pick = (row: string, column: string) => row.split(',')[columns.indexOf(column)];
    expect(rows.map((r) => [pick(r, 'name'), pick(r, 'degree'), pick(r, 'strength')])).toEqual([
      ['X', '2', '2'],
      ['Y', '2', '2'],
      ['Z', '2', '1'],
    ]);
    expect(rows.map((r) => Number(pick(r, 'betweenness')))).toEqual([0, 0, 0]);
  }, 300_000);

  it('prints the network-level table and a yearly series', async () => {
    const run = await cli('network', 'measures', '--table', 'yearly', '--measures', 'degree');
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = rowsOf(run.stdout);
    const columns = header!.split(',');
    const pick = (row: string, column: string) => row.split(',')[columns.indexOf(column)];
    // 2020: the triangle (density 1); 2021: only X–Y among three organisations (1/3).
    expect(rows.map((r) => [pick(r, 'year'), Number(pick(r, 'density')).toFixed(4)])).toEqual([
      ['2020', '1.0000'],
      ['2021', '0.3333'],
    ]);
  }, 300_000);

  it('exports GraphML and CSV', async () => {
    const graphml = await cli('network', 'export-graph', '--format', 'graphml');
    expect(graphml.code, graphml.stderr).toBe(0);
    expect(graphml.stdout).toContain('<graphml');
    expect(graphml.stdout.match(/<edge /g)).toHaveLength(3);
    expect(graphml.stdout).toContain('<data key="weight">1.5</data>');
    const base = join(work, 'graph');
    const csv = await cli('network', 'export-graph', '--format', 'csv', '-o', base);
    expect(csv.code, csv.stderr).toBe(0);
    const edges = rowsOf(await readFile(`${base}-edges.csv`, 'utf8'));
    expect(edges[0]).toBe('source,target,sourceName,targetName,weight,types');
    expect(edges.slice(1).map((e) => e.split(',').slice(2).join(','))).toEqual([
      'X,Y,1.5,co_attendance',
      'X,Z,0.5,co_attendance',
      'Y,Z,0.5,co_attendance',
    ]);
    expect(rowsOf(await readFile(`${base}-nodes.csv`, 'utf8'))).toHaveLength(4);
  }, 300_000);

  it('prints programme indicators and names bad options', async () => {
    const run = await cli(
      'network',
      'indicators',
      '--programme',
      String(programmeId),
      '--from',
      '2020-01-01',
      '--to',
      '2021-12-31',
    );
    expect(run.code, run.stderr).toBe(0);
    const [header, ...rows] = rowsOf(run.stdout);
    expect(header!.startsWith('year,activities,')).toBe(true);
    expect(rows.map((r) => r.split(',').slice(0, 2).join(','))).toEqual(['2020,1', '2021,1']);
    expect(run.stderr).toContain('Activities 2020–2021: 1 → 1 (0.0 %)');
    const bad = await cli('network', 'measures', '--ties', 'gossip');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--ties: gossip');
    const missing = await cli('network', 'measures', '--scope', 'complex:Nowhere');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Nowhere');
  }, 300_000);
});
