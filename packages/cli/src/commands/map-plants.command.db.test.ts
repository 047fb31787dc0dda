import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MappingService, systemContext, type OpenDatabase } from '@innocluster/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let work: string;
let harness: CliHarness;
const cli = (...args: string[]) => harness.cli(...args);
const withDb = <T>(use: (database: OpenDatabase) => Promise<T>) => harness.withDb(use);

/**
 * Two provinces and one industry T1, employment of 2020 (the regions' totals include T2):
 *
 *         T1   T2  | all  x_r
 *   P1    60   40  | 100  0.25
 *   P2    40  260  | 300  0.75
 *
 * Plants of T1: A = 30 and B = 30 in P1, C = 40 in P2: s = (0.6, 0.4).
 * G = 0.35² + 0.35² = 0.245; H = 0.3² + 0.3² + 0.4² = 0.34; 1 − Σx² = 1 − 0.625 = 0.375;
 * γ = (0.245 − 0.375·0.34) / (0.375·0.66) = 0.1175 / 0.2475 = 47/99.
 */
beforeAll(async () => {
  harness = await createCliHarness('map-plants');
  work = harness.work;
  await withDb(async ({ db }) => {
    for (const code of ['P1', 'P2'])
      await db
        .insertInto('region')
        .values({ code, kind: 'province', name: `Province ${code}` })
        .execute();
    const cls = await db
      .insertInto('industryClassification')
      .values({ code: 'T', vintage: '1', name: 'Test classification' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const code of ['T1', 'T2'])
      await db
        .insertInto('industry')
        .values({ classificationId: cls.id, code, name: `Industry ${code}`, level: 1 })
        .execute();
  });
  const file = join(work, 'stats.csv');
  await writeFile(
    file,
    [
      'region,industry,year,measure,value',
      'P1,T1,2020,employment,60',
      'P1,T2,2020,employment,40',
      'P2,T1,2020,employment,40',
      'P2,T2,2020,employment,260',
      '',
    ].join('\n'),
  );
  const imported = await cli('map', 'import', 'Hand', file);
  if (imported.code !== 0) throw new Error(`map import failed: ${imported.stderr}`);
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

describe('innocluster map import-plants', { timeout: 240_000 }, () => {
  it('names the bad rows and fields and imports nothing', async () => {
    const file = join(work, 'bad.csv');
    await writeFile(
      file,
      'plant,region,industry,year,employment\nA,P1,T1,2020,30\nB,P9,T1,2020,30\nC,P2,T1,2020,-4\nA,P1,T1,2020,1\n',
    );
    const run = await cli('map', 'import-plants', 'Hand', file);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('bad.csv row 3, column region: "P9" is not a region code');
    expect(run.stderr).toContain('bad.csv row 4, column employment: "-4" must not be negative');
    expect(run.stderr).toContain(
      'bad.csv row 5, column plant: "A": repeats row 2 (same plant and year)',
    );
    const stored = await withDb(({ db }) =>
      db
        .selectFrom('statPlant')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst(),
    );
    expect(Number(stored?.n)).toBe(0);
  });

  it('imports plants and the specialisation gives the hand-computed γ', async () => {
    const file = join(work, 'plants.csv');
    await writeFile(
      file,
      'plant,region,industry,year,employment\nA,P1,T1,2020,30\nB,P1,T1,2020,30\nC,P2,T1,2020,40\n',
    );
    const run = await cli('map', 'import-plants', 'Hand', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Imported 3 plants from plants.csv into "Hand" (0 replaced');
    const spec = await cli(
      'map',
      'specialisation',
      '--dataset',
      'Hand',
      '--unit',
      'industry',
      '--format',
      'json',
    );
    expect(spec.code).toBe(0);
    const out = JSON.parse(spec.stdout) as {
      units: {
        unitCode: string;
        ellisonGlaeser: number | null;
        egRawConcentration: number | null;
        egPlantHerfindahl: number | null;
        egPlants: number | null;
      }[];
    };
    const t1 = out.units.find((u) => u.unitCode === 'T1')!;
    expect(t1.egPlants).toBe(3);
    expect(t1.egRawConcentration).toBeCloseTo(0.245, 12);
    expect(t1.egPlantHerfindahl).toBeCloseTo(0.34, 12);
    expect(t1.ellisonGlaeser).toBeCloseTo(47 / 99, 12);
    // T2 has no plants although the dataset has some: γ null, 0 plants.
    const t2 = out.units.find((u) => u.unitCode === 'T2')!;
    expect(t2.ellisonGlaeser).toBeNull();
    expect(t2.egPlants).toBe(0);
    const summary = await withDb(async ({ db }) => {
      const mapping = new MappingService(db);
      const dataset = (await mapping.resolveDataset(systemContext, 'Hand'))!;
      return mapping.plants.summary(systemContext, dataset.id);
    });
    expect(summary.years).toEqual([{ year: 2020, plants: 3, employment: 100, synthetic: 0 }]);
  });
});
