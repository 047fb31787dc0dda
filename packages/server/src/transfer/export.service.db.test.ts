import { complexContract } from '@innocluster/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { DemoService } from '../demo/demo.service.ts';
import { allRows } from '../registry/crud.repository.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { ExportService } from './export.service.ts';
import { ImportService } from './import.service.ts';
import { systemContext } from '../auth/principal.ts';

let source: OpenDatabase;
let target: OpenDatabase;

beforeAll(async () => {
  [source, target] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await new DemoService(source.db).load();
});

afterAll(async () => {
  await Promise.all([source?.close(), target?.close()]);
});

/** A row without what the database assigns, for comparing rows across databases. */
function content(row: Record<string, unknown>): Record<string, unknown> {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = row;
  return rest;
}

async function contents(database: OpenDatabase, table: keyof Database) {
  return (await allRows(database.db, table)).map(content);
}

async function exportOf(entity: string, format: string) {
  return new ExportService(source.db).export(entity, format);
}

async function reimport(entity: string, fileName: string, file: Buffer) {
  return new ImportService(target.db).import({
    context: systemContext,
    entity,
    fileName,
    content: file,
  });
}

describe('ExportService', () => {
  it('writes every column in id order with camelCase headers and nulls as empty cells', async () => {
    const result = await exportOf('complexes', 'csv');
    expect(result).toMatchObject({
      entity: 'complexes',
      fileName: 'complexes.csv',
      contentType: 'text/csv; charset=utf-8',
      rows: 12,
    });
    const records = parse(result.content) as string[][];
    expect(records[0]).toEqual([
      'id',
      ...Object.keys(complexContract.fields),
      'synthetic',
      'createdAt',
      'updatedAt',
    ]);
    const ids = records.slice(1).map((r) => Number(r[0]));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const gumi = records.find((r) => r[1] === 'Gumi')!;
    const column = (name: string) => records[0]!.indexOf(name);
    // The demo has no areas for the complexes: a null is an empty cell.
    expect([
      gumi[column('areaKm2')],
      gumi[column('hubId')],
      gumi[column('synthetic')],
      gumi[column('isHub')],
    ]).toEqual(['', '', 'false', 'true']);
  });

  it('round-trips complexes through CSV, then XLSX, into a database holding only the regions', async () => {
    const regions = await exportOf('regions', 'csv');
    expect((await reimport('regions', 'regions.csv', regions.content)).imported).toBe(regions.rows);
    // Both databases numbered the regions alike, so provinceId means the same region in both.
    expect((await allRows(target.db, 'region')).map((r) => [r.id, r.code])).toEqual(
      (await allRows(source.db, 'region')).map((r) => [r.id, r.code]),
    );

    const expected = await contents(source, 'complex');
    expect(expected).toHaveLength(12);
    const csv = await exportOf('complexes', 'csv');
    expect((await reimport('complexes', 'complexes.csv', csv.content)).imported).toBe(12);
    expect(await contents(target, 'complex')).toEqual(expected);

    await target.db.deleteFrom('complex').execute();
    const xlsx = await exportOf('complexes', 'xlsx');
    expect(xlsx.fileName).toBe('complexes.xlsx');
    expect((await reimport('complexes', 'complexes.xlsx', xlsx.content)).imported).toBe(12);
    expect(await contents(target, 'complex')).toEqual(expected);
  });

  it('writes XLSX dates as spreadsheet dates that re-import as the same days', async () => {
    const xlsx = await exportOf('programmes', 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.content as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('programmes');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const startDate = sheet.getRow(2).getCell(header.indexOf('startDate') + 1).value;
    expect(startDate).toEqual(new Date('2005-04-01T00:00:00Z'));
    await reimport('programmes', 'programmes.xlsx', xlsx.content);
    expect(await contents(target, 'programme')).toEqual(await contents(source, 'programme'));
  });

  it('writes JSON that parses to the stored rows, ids and timestamps included', async () => {
    const json = await exportOf('organisations', 'json');
    expect(json.contentType).toBe('application/json; charset=utf-8');
    const rows = JSON.parse(json.content.toString('utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(json.rows);
    expect(rows.length).toBeGreaterThan(2000);
    expect(rows).toEqual(await allRows(source.db, 'organisation'));
  });

  it('refuses unknown entities and formats', async () => {
    await expect(exportOf('widgets', 'csv')).rejects.toThrow('Unknown entity "widgets"');
    await expect(exportOf('complexes', 'pdf')).rejects.toThrow('Unknown export format "pdf"');
  });
});
