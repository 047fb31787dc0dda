import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formulaLike, importFormatOf, readTable, writeCsv, writeXlsx } from './transfer-files.ts';

describe('importFormatOf', () => {
  it('takes the format from the extension, in any case', () => {
    expect(['a.csv', 'dir.v2/A.XLSX', 'a.json', 'csv', 'a.xls'].map(importFormatOf)).toEqual([
      'csv',
      'xlsx',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('readTable (CSV)', () => {
  it('numbers rows as a spreadsheet does: quoted line breaks stay in one row, blank lines count', async () => {
    const csv = '\uFEFFname,note\r\n"Ulsan","two\nlines"\r\n\r\nGumi,"say ""hi"""\r\n';
    const table = await readTable(Buffer.from(csv), 'csv');
    expect(table.header).toEqual(['name', 'note']);
    expect(table.rows).toEqual([
      { row: 2, cells: ['Ulsan', 'two\nlines'] },
      { row: 3, cells: [''] },
      { row: 4, cells: ['Gumi', 'say "hi"'] },
    ]);
  });

  it('reads UTF-8 with or without BOM, and EUC-KR (Korean code page 949) files', async () => {
    const utf8 = await readTable(Buffer.from('\uFEFFname,nameKo\nGumi,구미\n'), 'csv');
    expect(utf8.header[0]).toBe('name');
    expect(utf8.rows[0]!.cells).toEqual(['Gumi', '구미']);
    // "name,nameKo\nGumi,구미\n" as Python's str.encode('cp949') writes it.
    const eucKr = Buffer.from('6e616d652c6e616d654b6f0a47756d692cb1b8b9cc0a', 'hex');
    expect((await readTable(eucKr, 'csv')).rows[0]!.cells).toEqual(['Gumi', '구미']);
  });

  it('detects semicolon and tab delimiters from the header', async () => {
    expect((await readTable(Buffer.from('a;b\n1,5;2\n'), 'csv')).rows[0]!.cells).toEqual([
      '1,5',
      '2',
    ]);
    expect((await readTable(Buffer.from('a\tb\n1\t2\n'), 'csv')).rows[0]!.cells).toEqual([
      '1',
      '2',
    ]);
    expect((await readTable(Buffer.from('name\nA\n'), 'csv')).header).toEqual(['name']);
  });

  it('gives back what writeCsv wrote, for any text (formula-like text behind an apostrophe)', async () => {
    const plain = fc.string({ unit: 'grapheme', maxLength: 20 });
    const text = fc.oneof(
      plain,
      plain.map((s) => `=${s}`),
    );
    const written = (v: string) => (formulaLike.test(v) ? `'${v}` : v);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 5 }),
        async (pairs) => {
          const rows = pairs.map(([a, b]) => ({ a, b }));
          const table = await readTable(
            Buffer.from(writeCsv(['a', 'b'], rows, { bom: true })),
            'csv',
          );
          expect(table.header).toEqual(['a', 'b']);
          expect(
            table.rows.map((r) => (r.cells.length === 1 && r.cells[0] === '' ? ['', ''] : r.cells)),
          ).toEqual(pairs.map((pair) => pair.map(written)));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('writeCsv', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    const rows = [
      { name: '=HYPERLINK("http://x")' },
      { name: '-ve' },
      { name: 'a=b' },
      { name: -3 },
    ];
    expect(writeCsv(['name'], rows)).toBe('name\n"\'=HYPERLINK(""http://x"")"\n\'-ve\na=b\n-3\n');
  });

  it('writes nulls as empty cells, booleans and numbers as text', () => {
    expect(
      writeCsv(
        ['id', 'name', 'isHub', 'areaKm2'],
        [{ id: 1, name: 'Gumi, North', isHub: true, areaKm2: null }],
      ),
    ).toBe('id,name,isHub,areaKm2\n1,"Gumi, North",true,\n');
  });
});

describe('readTable (XLSX)', () => {
  it('reads rich text, hyperlinks and formula results as their values', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet');
    sheet.addRow(['name', 'website', 'employees']);
    sheet.addRow([
      { richText: [{ text: 'Demo ' }, { text: 'Co', font: { bold: true } }] },
      { text: 'https://demo.example.kr', hyperlink: 'https://demo.example.kr' },
      { formula: '2*21', result: 42 },
    ]);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx');
    expect(table).toEqual({
      header: ['name', 'website', 'employees'],
      headerRow: 1,
      rows: [{ row: 2, cells: ['Demo Co', 'https://demo.example.kr', 42] }],
    });
  });

  it('reads back what writeXlsx wrote: typed cells, dates as dates, nulls as empty', async () => {
    const rows = [
      { id: 1, name: 'Gumi', isHub: true, startDate: '2005-04-01', areaKm2: 24.5 },
      { id: 2, name: 'Ulsan', isHub: false, startDate: null, areaKm2: null },
    ];
    const content = await writeXlsx(
      'complexes',
      ['id', 'name', 'isHub', 'startDate', 'areaKm2'],
      rows,
      new Set(['startDate']),
    );
    const table = await readTable(content, 'xlsx');
    expect(table.header).toEqual(['id', 'name', 'isHub', 'startDate', 'areaKm2']);
    expect(table.rows).toEqual([
      { row: 2, cells: [1, 'Gumi', true, new Date('2005-04-01T00:00:00Z'), 24.5] },
      { row: 3, cells: [2, 'Ulsan', false] },
    ]);
  });

  it('gives an empty table for a workbook without rows', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Empty');
    expect(await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), 'xlsx')).toEqual({
      header: [],
      headerRow: 1,
      rows: [],
    });
  });
});
