import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MappingService, systemContext, type OpenDatabase } from '@innocluster/server';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../testing/cli-harness.ts';

let work: string;
let harness: CliHarness;
const cli = (...args: string[]) => harness.cli(...args);

const withDb = <T>(use: (database: OpenDatabase) => Promise<T>) => harness.withDb(use);

/**
 * Employment of three provinces in three industries (T1, T2, T3), 2019 and 2020:
 *
 *         2019            2020
 *   P1   10  30  60      20  30  70
 *   P2   40  10  50      40  40  20
 *   P3   50  60  90      50  90  80
 *   sum 100 100 200     110 160 170   (totals 400 and 440)
 */
const table = [
  ['P1', [10, 30, 60], [20, 30, 70]],
  ['P2', [40, 10, 50], [40, 40, 20]],
  ['P3', [50, 60, 90], [50, 90, 80]],
] as const;

let clusterId: number;

beforeAll(async () => {
  harness = await createCliHarness('map');
  work = harness.work;
  await withDb(async ({ db }) => {
    for (const code of ['P1', 'P2', 'P3'])
      await db
        .insertInto('region')
        .values({ code, kind: 'province', name: `Province ${code}` })
        .execute();
    const cls = await db
      .insertInto('industryClassification')
      .values({ code: 'T', vintage: '1', name: 'Test classification' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const code of ['T1', 'T2', 'T3'])
      await db
        .insertInto('industry')
        .values({ classificationId: cls.id, code, name: `Industry ${code}`, level: 1 })
        .execute();
    const cluster = await new MappingService(db).createCluster(systemContext, {
      name: 'K',
      kind: 'traded',
      industryIds: [],
      industryCodes: ['T1', 'T2'],
    });
    clusterId = cluster.id;
  });
  const lines = ['region,industry,year,measure,value'];
  for (const [region, y2019, y2020] of table)
    for (let i = 0; i < 3; i++) {
      lines.push(`${region},T${i + 1},2019,employment,${y2019[i]}`);
      lines.push(`${region},T${i + 1},2020,employment,${y2020[i]}`);
    }
  const file = join(work, 'stats.csv');
  await writeFile(file, `${lines.join('\n')}\n`);
  const imported = await cli('map', 'import', 'Hand', file);
  if (imported.code !== 0) throw new Error(`map import failed: ${imported.stderr}`);
}, 180_000);

afterAll(async () => {
  await harness?.close();
});

interface ShiftShareJson {
  nationalGrowthRate: number;
  units: {
    unitCode: string;
    nationalGrowth: number;
    industryMix: number;
    regionalShift: number;
    totalChange: number;
  }[];
  total: { nationalGrowth: number; industryMix: number; regionalShift: number };
}

// Each test starts the CLI (a Node process with tsx) once or twice; a loaded machine needs time.
describe('innocluster map shift-share, specialisation, relatedness', { timeout: 240_000 }, () => {
  it('prints the shift-share of a region as JSON equal to the service and to the hand-computed parts', async () => {
    const run = await cli(
      'map',
      'shift-share',
      '--dataset',
      'Hand',
      '--region',
      'P1',
      '--unit',
      'industry',
      '--format',
      'json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as ShiftShareJson;
    // G = 440/400 − 1 = 0.1; g = 0.1, 0.6, −0.15. P1's T2: 30·0.1 = 3, 30·0.5 = 15,
    // 30·(0 − 0.6) = −18; T3: 6, 60·(−0.25) = −15, 60·(10/60 + 0.15) = 19.
    expect(out.nationalGrowthRate).toBeCloseTo(0.1, 12);
    const parts = out.units.map((u) => [
      u.unitCode,
      u.nationalGrowth,
      u.industryMix,
      u.regionalShift,
      u.totalChange,
    ]);
    const expected = [
      ['T1', 1, 0, 9, 10],
      ['T2', 3, 15, -18, 0],
      ['T3', 6, -15, 19, 10],
    ] as const;
    expected.forEach((row, i) => {
      expect(parts[i]![0]).toBe(row[0]);
      for (let k = 1; k < 5; k++) expect(parts[i]![k]).toBeCloseTo(row[k] as number, 9);
    });
    expect(out.total.nationalGrowth).toBeCloseTo(10, 9);
    expect(out.total.industryMix).toBeCloseTo(0, 9);
    expect(out.total.regionalShift).toBeCloseTo(10, 9);
    const fromService = await withDb(async ({ db }) => {
      const mapping = new MappingService(db);
      const dataset = (await mapping.resolveDataset(systemContext, 'Hand'))!;
      return mapping.shiftShare(systemContext, {
        dataset: dataset.id,
        measure: 'employment',
        unit: 'industry',
        region: 'P1',
      });
    });
    expect(out).toEqual(JSON.parse(JSON.stringify(fromService)));
  });

  it('writes shift-share as CSV with a totals row', async () => {
    const run = await cli('map', 'shift-share', '--dataset', 'Hand', '--region', 'P1');
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(
      'regionCode,regionName,unitCode,unitName,measure,baseYear,year,baseValue,value,nationalGrowthRate,industryGrowthRate,nationalGrowth,industryMix,regionalShift,totalChange,restsOnFilled',
    );
    // Cluster K = T1 + T2: 40 → 50 in P1, 200 → 270 nationally: 4, 40·0.25 = 10, 40·(0.25 − 0.35) = −4.
    const k = lines[1]!.split(',');
    expect(k.slice(0, 3)).toEqual(['P1', 'Province P1', 'K']);
    expect(k.slice(7, 9).map(Number)).toEqual([40, 50]);
    expect(Number(k[11])).toBeCloseTo(4, 9);
    expect(Number(k[12])).toBeCloseTo(10, 9);
    expect(Number(k[13])).toBeCloseTo(-4, 9);
    expect(lines[2]!.split(',')[2]).toBe('TOTAL');
  });

  it('gives Krugman, Hoover and Herfindahl by hand', async () => {
    const run = await cli('map', 'specialisation', '--dataset', 'Hand', '--format', 'json');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      regions: {
        regionCode: string;
        krugman: number;
        hoover: number;
        herfindahl: number;
        herfindahlNormalised: number;
      }[];
    };
    // P1 2020 shares 22/132, 33/132, 77/132 against the nation's 33/132, 48/132, 51/132:
    // Σ|·| = (11 + 15 + 26)/132 = 13/33; H = (4 + 9 + 49)/144 = 31/72, normalised 7/48.
    const p1 = out.regions.find((r) => r.regionCode === 'P1')!;
    expect(p1.krugman).toBeCloseTo(13 / 33, 12);
    expect(p1.hoover).toBeCloseTo(13 / 66, 12);
    expect(p1.herfindahl).toBeCloseTo(31 / 72, 12);
    expect(p1.herfindahlNormalised).toBeCloseTo(7 / 48, 12);
    const units = await cli('map', 'specialisation', '--dataset', 'Hand', '--table', 'units');
    expect(units.stdout.split('\n')[0]).toBe(
      'unitCode,unitName,measure,year,unit,hooverLocalisation,ellisonGlaeser,egRawConcentration,egPlantHerfindahl,egPlants',
    );
  });

  it('prints the relatedness matrix: T1 and T2 share one of two specialised regions', async () => {
    // LQ ≥ 1 in 2020: T1 in P2 (1.6); T2 in P2 (1.1) and P3 (9/8); T3 in P1 (77/51).
    const run = await cli('map', 'relatedness', '--dataset', 'Hand', '--unit', 'industry');
    expect(run.code).toBe(0);
    const rows = run.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual(['unitCode', 'unitName', 'specialisedRegions', 'T1', 'T2', 'T3']);
    expect(rows.slice(1).map((r) => [r[0], ...r.slice(2).map(Number)])).toEqual([
      ['T1', 1, 1, 0.5, 0],
      ['T2', 2, 0.5, 1, 0],
      ['T3', 1, 0, 0, 1],
    ]);
  });

  it('refuses XLSX to stdout and a bad option, naming it', async () => {
    const [xlsx, bad] = await Promise.all([
      cli('map', 'relatedness', '--dataset', 'Hand', '--format', 'xlsx'),
      cli('map', 'specialisation', '--dataset', 'Hand', '--table', 'cells'),
    ]);
    expect(xlsx.code).toBe(1);
    expect(xlsx.stderr).toContain('give --output <file>');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--table must be regions or units');
  });

  it('exports every measure as a sheet of one XLSX and as one CSV per measure', async () => {
    const xlsxFile = join(work, 'all.xlsx');
    const run = await cli('map', 'export', '--dataset', 'Hand', '-o', xlsxFile);
    expect(run.stderr).toBe(`Wrote ${xlsxFile}\n`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(xlsxFile)) as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'measures',
      'shift-share',
      'specialisation-regions',
      'specialisation-units',
      'relatedness',
      'notes',
    ]);
    const shift = workbook.getWorksheet('shift-share')!;
    const header = (shift.getRow(1).values as unknown[]).slice(1);
    const p1k = (shift.getRow(2).values as unknown[]).slice(1);
    const cell = (name: string) => p1k[header.indexOf(name)];
    expect([cell('regionCode'), cell('unitCode')]).toEqual(['P1', 'K']);
    expect(cell('industryMix') as number).toBeCloseTo(10, 9);
    expect(cell('regionalShift') as number).toBeCloseTo(-4, 9);
    // P1, P2 and P3, each with K and a totals row.
    expect(shift.rowCount).toBe(1 + 3 * 2);

    const csvFile = join(work, 'all.csv');
    const csv = await cli(
      'map',
      'export',
      '--dataset',
      'Hand',
      '--cluster',
      String(clusterId),
      '-o',
      csvFile,
    );
    expect(csv.code).toBe(0);
    for (const name of [
      'shift-share',
      'specialisation-regions',
      'specialisation-units',
      'relatedness',
    ])
      expect(csv.stderr).toContain(`Wrote ${join(work, `all-${name}.csv`)}`);
    const measures = (await readFile(csvFile, 'utf8')).replace(/^\uFEFF/, '').split('\n');
    expect(measures[0]!.startsWith('regionCode,regionName,unitCode')).toBe(true);
    expect(measures.filter((l) => l.includes(',K,')).length).toBe(3);
  });
});

describe('innocluster map dataset-update', () => {
  it('renames a dataset and sets its source, and names a bad option', async () => {
    const created = await withDb(({ db }) =>
      new MappingService(db).createDataset(systemContext, {
        name: 'Typo censsu',
        source: 'KOSIS',
        universe: 'sum',
        fillRule: 'zero',
        synthetic: false,
      }),
    );
    const run = await cli(
      'map',
      'dataset-update',
      'Typo censsu',
      '--name',
      'Typed census',
      '--licence',
      'KOGL type 1',
      '--source',
      '',
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Updated dataset ${created.id} "Typed census"`);
    const after = await withDb(({ db }) =>
      new MappingService(db).getDataset(systemContext, created.id),
    );
    expect(after).toMatchObject({ name: 'Typed census', licence: 'KOGL type 1', source: null });

    const bad = await cli('map', 'dataset-update', String(created.id), '--universe', 'world');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--universe');
    const missing = await cli('map', 'dataset-update', 'No such dataset', '--name', 'X');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('No dataset "No such dataset"');
  });
});
