import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../db/database.ts';
import { allRows, insertRows } from '../registry/crud.repository.ts';
import { createTestDatabase } from '../testing/test-database.ts';
import { systemContext } from '../auth/principal.ts';
import {
  describeIssue,
  ImportError,
  ImportService,
  type ImportIssue,
  type ImportProgress,
} from './import.service.ts';

let database: OpenDatabase;
let service: ImportService;
let provinceId: number;
let complexId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  service = new ImportService(database.db);
  const [province] = await insertRows(database.db, 'region', [
    { code: 'KR-11', kind: 'province', name: 'Seoul' },
  ]);
  provinceId = province!.id as number;
  const [complex] = await insertRows(database.db, 'complex', [{ name: 'Gumi', provinceId }]);
  complexId = complex!.id as number;
});

afterAll(async () => {
  await database?.close();
});

beforeEach(async () => {
  await database.db.deleteFrom('organisation').execute();
  await database.db.deleteFrom('programme').execute();
});

const orgHeader = [
  'name',
  'kind',
  'sizeClass',
  'provinceId',
  'complexId',
  'employees',
  'registrationNo',
  'website',
  'synthetic',
];

/** A CSV of n valid organisations; `change` may edit the cells of data row i (0-based). */
function organisationsCsv(
  n: number,
  change: (i: number, cells: Record<string, string>) => void = () => {},
): Buffer {
  const lines = [orgHeader.join(',')];
  for (let i = 0; i < n; i++) {
    const cells: Record<string, string> = {
      name: `Demo Org ${i}`,
      kind: i % 3 === 0 ? 'university' : 'company',
      sizeClass: i % 3 === 0 ? '' : 'sme',
      provinceId: String(provinceId),
      complexId: i % 2 === 0 ? String(complexId) : '',
      employees: String(i),
      registrationNo: `REG-${i}`,
      website: i % 5 === 0 ? `https://org${i}.example.kr` : '',
      synthetic: i % 2 === 0 ? 'yes' : 'false',
    };
    change(i, cells);
    lines.push(orgHeader.map((h) => cells[h] ?? '').join(','));
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

/** Data row i of a file is spreadsheet row i + 2 (the header is row 1). */
const rowOf = (i: number) => i + 2;

async function organisationCount(): Promise<number> {
  return (await allRows(database.db, 'organisation')).length;
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const brief = (issues: ImportIssue[]) => issues.map((i) => [i.row, i.column, i.value]);

describe('ImportService', () => {
  it('writes nothing when one row of 1,000 is bad, and names that row and field', async () => {
    const content = organisationsCsv(1000, (i, cells) => {
      if (rowOf(i) === 517) cells.kind = 'bank';
    });
    const error = await importError(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'organisations.csv',
        content,
      }),
    );
    expect(error.issues).toEqual([
      {
        row: 517,
        column: 'kind',
        value: 'bank',
        message:
          'is not one of company, university, research_institute, support_institution, local_government',
      },
    ]);
    expect(describeIssue('organisations.csv', error.issues[0]!)).toBe(
      'organisations.csv row 517, column kind: "bank" is not one of company, university, research_institute, support_institution, local_government',
    );
    expect(error.errors).toEqual([
      { field: 'row 517: kind', message: expect.stringContaining('"bank" is not one of company') },
    ]);
    expect(error.status).toBe(400);
    expect(await organisationCount()).toBe(0);
  });

  it('imports 1,000 good rows, counts them and reports progress', async () => {
    const progress: ImportProgress[] = [];
    const result = await service.import({
      context: systemContext,
      entity: 'organisations',
      fileName: 'organisations.csv',
      content: organisationsCsv(1000),
      onProgress: (p) => progress.push(p),
    });
    expect(result.imported).toBe(1000);
    expect(result.ids).toHaveLength(1000);
    expect(await organisationCount()).toBe(1000);
    const rows = await allRows(database.db, 'organisation');
    const third = rows.find((r) => r.name === 'Demo Org 3');
    expect(third).toMatchObject({
      kind: 'university',
      sizeClass: null,
      complexId: null,
      employees: 3,
      registrationNo: 'REG-3',
      synthetic: false,
    });
    const tenth = rows.find((r) => r.name === 'Demo Org 10');
    expect(tenth).toMatchObject({
      kind: 'company',
      sizeClass: 'sme',
      complexId,
      provinceId,
      website: 'https://org10.example.kr',
      synthetic: true,
    });
    expect(progress.filter((p) => p.phase === 'validating').at(-1)).toEqual({
      phase: 'validating',
      done: 1000,
      total: 1000,
    });
    expect(progress.filter((p) => p.phase === 'inserting').map((p) => p.done)).toEqual([500, 1000]);
  });

  it('reports every bad row at once: unreadable, invalid, missing, database checks and in-file duplicates', async () => {
    const content = organisationsCsv(60, (i, cells) => {
      if (i === 1) cells.employees = 'many';
      if (i === 8) cells.website = 'not a url';
      if (i === 18) cells.name = '';
      if (i === 28) cells.employees = '-3';
      if (i === 38) cells.registrationNo = 'REG-3';
      // A size class on a university passes the schema; the database's CHECK refuses it.
      if (i === 48) Object.assign(cells, { kind: 'university', sizeClass: 'large' });
      if (i === 58) cells.synthetic = 'maybe';
    });
    const error = await importError(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'orgs.csv',
        content,
      }),
    );
    expect(brief(error.issues)).toEqual([
      [3, 'employees', 'many'],
      [10, 'website', 'not a url'],
      [20, 'name', ''],
      [30, 'employees', '-3'],
      [40, 'registrationNo', 'REG-3'],
      [50, 'sizeClass', 'large'],
      [60, 'synthetic', 'maybe'],
    ]);
    const lines = error.issues.map((i) => describeIssue('orgs.csv', i));
    expect(lines[0]).toBe('orgs.csv row 3, column employees: "many" is not a whole number');
    expect(lines[2]).toBe('orgs.csv row 20, column name: is required');
    expect(lines[4]).toBe(
      'orgs.csv row 40, column registrationNo: "REG-3" is also in row 5; it must be unique',
    );
    expect(lines[5]).toBe(
      'orgs.csv row 50, column sizeClass: "large": a size class applies to companies only',
    );
    expect(error.message).toBe('orgs.csv: 7 problems in 7 rows; nothing was imported');
    expect(await organisationCount()).toBe(0);
  });

  it('reports a dangling reference with its row', async () => {
    const content = organisationsCsv(20, (i, cells) => {
      if (i === 5) cells.provinceId = '9999';
      if (i === 6) cells.complexId = '8888';
      // A row with another problem is still checked, so the report names both.
      if (i === 9) Object.assign(cells, { provinceId: '7777', employees: 'n/a' });
    });
    const error = await importError(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'orgs.csv',
        content,
      }),
    );
    expect(error.issues).toEqual([
      {
        row: 7,
        column: 'provinceId',
        value: '9999',
        message: 'is not the id of an existing region',
      },
      {
        row: 8,
        column: 'complexId',
        value: '8888',
        message: 'is not the id of an existing industrial complex',
      },
      {
        row: 11,
        column: 'provinceId',
        value: '7777',
        message: 'is not the id of an existing region',
      },
      { row: 11, column: 'employees', value: 'n/a', message: 'is not a whole number' },
    ]);
    expect(await organisationCount()).toBe(0);
  });

  it('reports a collision with rows already in the database, with the row number, and rolls back', async () => {
    await service.import({
      context: systemContext,
      entity: 'organisations',
      fileName: 'first.csv',
      content: organisationsCsv(3),
    });
    const content = organisationsCsv(700, (i, cells) => {
      cells.name = `Second ${i}`;
      cells.registrationNo = i === 650 ? 'REG-1' : `SECOND-${i}`;
    });
    const error = await importError(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'second.csv',
        content,
      }),
    );
    expect(error.issues).toEqual([
      {
        row: 652,
        column: 'registrationNo',
        value: 'REG-1',
        message: 'is already used by another organisation',
      },
    ]);
    expect(await organisationCount()).toBe(3);
  });

  it('reports every row of a file imported twice, without writing any', async () => {
    const content = organisationsCsv(1000);
    await service.import({
      context: systemContext,
      entity: 'organisations',
      fileName: 'o.csv',
      content,
    });
    const error = await importError(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'o.csv',
        content,
      }),
    );
    expect(error.issues).toHaveLength(1000);
    expect(error.issues[999]).toEqual({
      row: 1001,
      column: 'registrationNo',
      value: 'REG-999',
      message: 'is already used by another organisation',
    });
    expect(await organisationCount()).toBe(1000);
  });

  it('checks composite unique keys within the file and against the database', async () => {
    const [programme] = await insertRows(database.db, 'programme', [
      { code: 'ICCP', name: 'ICCP', ministry: 'MOCIE' },
    ]);
    const programmeId = programme!.id as number;
    await insertRows(database.db, 'programmePhase', [
      { programmeId, name: 'Formation', startDate: '2005-01-01' },
    ]);
    const csv = [
      'programmeId,name,startDate',
      `${programmeId},Formation,2005-01-01`,
      `${programmeId},Growth,2009-01-01`,
      `${programmeId}, Growth ,2009-06-01`,
    ].join('\n');
    const error = await importError(
      service.import({
        context: systemContext,
        entity: 'programme-phases',
        fileName: 'p.csv',
        content: Buffer.from(csv),
      }),
    );
    expect(error.issues).toEqual([
      {
        row: 2,
        column: 'name',
        value: 'Formation',
        message: 'is already used by another programme phase with the same programmeId',
      },
      {
        row: 4,
        column: 'name',
        value: ' Growth ',
        message: 'is also in row 3 with the same programmeId; it must be unique',
      },
    ]);
  });

  it('reads snake_case and differently cased headers, ignores id and timestamps, trims cells', async () => {
    const csv = [
      'ID,Name,KIND,size_class,province_id,employees,created_at,updatedAt',
      `17,  Hanyang Demo Co  ,Company,SME,${provinceId},12,2020-01-01T00:00:00Z,`,
      '',
      `18,Demo University,university,,${provinceId},,,`,
    ].join('\r\n');
    const result = await service.import({
      context: systemContext,
      entity: 'organisations',
      fileName: 'mixed.CSV',
      content: Buffer.from(`\uFEFF${csv}`),
    });
    expect(result.imported).toBe(2);
    const rows = await allRows(database.db, 'organisation');
    expect(rows.map((r) => [r.name, r.kind, r.sizeClass, r.employees])).toEqual([
      ['Hanyang Demo Co', 'company', 'sme', 12],
      ['Demo University', 'university', null, null],
    ]);
    expect(rows.map((r) => r.id)).not.toContain(17);
  });

  it('names unknown, repeated and missing columns before reading any row', async () => {
    const csv = 'name,kind,colour,Name\nA,company,red,B\n';
    const error = await importError(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'o.csv',
        content: Buffer.from(csv),
      }),
    );
    expect(brief(error.issues)).toEqual([
      [1, 'colour', 'colour'],
      [1, 'Name', 'Name'],
    ]);
    expect(error.issues[0]!.message).toMatch(
      /^is not a column of organisations; the columns are name, nameKo, kind/,
    );
    const missing = await importError(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'o.csv',
        content: Buffer.from('name\nA\n'),
      }),
    );
    expect(missing.issues).toEqual([
      { row: 1, column: 'kind', value: '', message: 'is a required column and is missing' },
    ]);
  });

  it('reads semicolon-separated CSV and reports a value in a column without header', async () => {
    const csv = `name;kind;provinceId\nA;company;${provinceId}\nB;company;${provinceId};extra\n`;
    const error = await importError(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'o.csv',
        content: Buffer.from(csv),
      }),
    );
    expect(error.issues).toEqual([
      { row: 3, column: 'column 4', value: 'extra', message: 'has a value but no header' },
    ]);
  });

  it('refuses unknown entities and file types', async () => {
    await expect(
      service.import({
        context: systemContext,
        entity: 'widgets',
        fileName: 'w.csv',
        content: Buffer.from(''),
      }),
    ).rejects.toThrow('Unknown entity "widgets"');
    await expect(
      service.import({
        context: systemContext,
        entity: 'organisations',
        fileName: 'o.txt',
        content: Buffer.from(''),
      }),
    ).rejects.toThrow(/must end in \.csv or \.xlsx/);
  });

  it('imports the first sheet of an XLSX workbook, with date, number and boolean cells', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Programmes');
    workbook.addWorksheet('Notes').addRow(['ignored']);
    sheet.addRow(['code', 'name', 'ministry', 'start_date', 'endDate', 'synthetic']);
    sheet.addRow([
      'RIS',
      'Regional Innovation System',
      'MOTIE',
      new Date(Date.UTC(2004, 2, 1)),
      '2008-12-31',
      false,
    ]);
    sheet.addRow(['TP', 'Techno-park', 'MOTIE', new Date(Date.UTC(1997, 11, 31)), null, true]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await service.import({
      context: systemContext,
      entity: 'programmes',
      fileName: 'programmes.xlsx',
      content,
    });
    expect(result.imported).toBe(2);
    const rows = await allRows(database.db, 'programme');
    expect(rows.map((r) => [r.code, r.startDate, r.endDate, r.synthetic])).toEqual([
      ['RIS', '2004-03-01', '2008-12-31', false],
      ['TP', '1997-12-31', null, true],
    ]);
  });

  it('numbers XLSX rows as the spreadsheet does, skipped blank rows included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Programmes');
    sheet.getRow(1).values = ['code', 'name', 'ministry', 'startDate'];
    sheet.getRow(2).values = ['A', 'Programme A', 'MOTIE', '2004-03-01'];
    sheet.getRow(5).values = ['B', 'Programme B', 'MOTIE', 'soon'];
    sheet.getRow(6).values = ['bad code!', 'Programme C', 'MOTIE', 20040301];
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const error = await importError(
      service.import({ context: systemContext, entity: 'programmes', fileName: 'p.xlsx', content }),
    );
    expect(brief(error.issues)).toEqual([
      [5, 'startDate', 'soon'],
      [6, 'code', 'bad code!'],
      [6, 'startDate', '20040301'],
    ]);
    expect(describeIssue('p.xlsx', error.issues[0]!)).toBe(
      'p.xlsx row 5, column startDate: "soon" is not a date (YYYY-MM-DD)',
    );
    expect(describeIssue('p.xlsx', error.issues[1]!)).toBe(
      'p.xlsx row 6, column code: "bad code!" is not valid: letters, digits, - and _ only',
    );
    expect(await allRows(database.db, 'programme')).toEqual([]);
  });

  it('links hubs named by the id column of the same file (an export re-imported elsewhere)', async () => {
    const csv = [
      'id,name,provinceId,isHub,hubId',
      `40,Demo Spoke,${provinceId},false,41`,
      `41,Demo Hub,${provinceId},true,`,
      `42,Demo Other Spoke,${provinceId},false,${complexId}`,
    ].join('\n');
    await service.import({
      context: systemContext,
      entity: 'complexes',
      fileName: 'c.csv',
      content: Buffer.from(csv),
    });
    const rows = await allRows(database.db, 'complex');
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('Demo Spoke')!.hubId).toBe(byName.get('Demo Hub')!.id);
    expect(byName.get('Demo Other Spoke')!.hubId).toBe(complexId);
    await database.db.deleteFrom('complex').where('name', 'like', 'Demo %').execute();
  });
});
