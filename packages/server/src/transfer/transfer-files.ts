import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { ValidationError } from '../errors.ts';

/** One cell as read from a file: CSV gives text, XLSX also numbers, booleans and dates. */
export type Cell = string | number | boolean | Date | null;

/** A data row with the number a spreadsheet shows for it (the header is row 1). */
export interface TableRow {
  row: number;
  cells: Cell[];
}

export interface Table {
  header: string[];
  headerRow: number;
  rows: TableRow[];
}

export type ImportFormat = 'csv' | 'xlsx';
export type ExportFormat = 'csv' | 'xlsx' | 'json';

export const exportFormats: readonly ExportFormat[] = ['csv', 'xlsx', 'json'];

export const contentTypes: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
};

/** The import format a file name's extension names, or undefined. */
export function importFormatOf(fileName: string): ImportFormat | undefined {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'xlsx' ? extension : undefined;
}

/**
 * Picks the CSV delimiter from the header line: spreadsheets in many locales save with
 * semicolons, and tab-separated text is what a copy from a spreadsheet gives.
 */
function delimiterOf(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/**
 * CSV text as UTF-8, or, when the bytes are not UTF-8, as EUC-KR (code page 949): what
 * spreadsheet programs in Korean save "CSV" as by default.
 */
export function decodeCsv(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('euc-kr').decode(content);
  }
}

function readCsv(content: Buffer): Table {
  const text = decodeCsv(content);
  const records = parse(text, {
    delimiter: delimiterOf(text),
    relax_column_count: true,
    skip_empty_lines: false,
  }) as string[][];
  const [header = [], ...data] = records;
  // Every record is a spreadsheet row, blank ones included, so record i is row i + 1.
  return { header, headerRow: 1, rows: data.map((cells, i) => ({ row: i + 2, cells })) };
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    return typeof text === 'string' ? text : cellOf(text as ExcelJS.CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value)
    return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('error' in value) return value.error;
  return null;
}

async function readXlsx(content: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  // exceljs declares its own Buffer interface; Node's Buffer is what it reads.
  await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return { header: [], headerRow: 1, rows: [] };
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= row.cellCount; column++)
      cells.push(cellOf(row.getCell(column).value));
    // Styled but empty cells at the end of a row hold no data.
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    // Rows before the header that hold only formatting are not the header.
    if (cells.length > 0 || rows.length > 0) rows.push({ row: row.number, cells });
  });
  const [first, ...data] = rows;
  if (!first) return { header: [], headerRow: 1, rows: [] };
  return {
    header: first.cells.map((c) =>
      c === null ? '' : String(c instanceof Date ? c.toISOString() : c),
    ),
    headerRow: first.row,
    rows: data,
  };
}

/** Reads the first sheet (XLSX) or the whole file (CSV): a header row, then data rows. */
export async function readTable(content: Buffer, format: ImportFormat): Promise<Table> {
  return format === 'csv' ? readCsv(content) : readXlsx(content);
}

/** CSV text: a header row of column names, nulls as empty cells, booleans as true/false. */
/** A cell's text as read from an uploaded table: trimmed, dates as ISO, empty for none. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString();
  return String(cell).trim();
}

/** A number from a cell's text (thousands separators allowed): null when empty, NaN when bad. */
export function cellNumber(text: string): number | null {
  if (text === '') return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : Number.NaN;
}

/**
 * An uploaded CSV or XLSX file read as a table, with a finder of its columns: `column(...names)`
 * is the index of the first header that is one of `names` once lower-cased with spaces and
 * hyphens as `_` (so "Region code" finds `region_code`), or −1. A name other than .csv or .xlsx
 * is refused as a field error on `fileName`.
 */
export async function readUploadedTable(file: {
  fileName: string;
  content: Buffer;
}): Promise<{ table: Table; column: (...names: string[]) => number }> {
  const format = importFormatOf(file.fileName);
  if (!format) {
    throw new ValidationError(`${file.fileName}: use a .csv or .xlsx file`, [
      { field: 'fileName', message: 'must end in .csv or .xlsx' },
    ]);
  }
  const table = await readTable(file.content, format);
  const header = table.header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  );
  return { table, column: (...names) => header.findIndex((h) => names.includes(h)) };
}

export function writeCsv(
  columns: string[],
  rows: Record<string, unknown>[],
  options: { bom?: boolean } = {},
): string {
  const text = stringify(
    rows.map((row) => columns.map((c) => csvCellOf(row[c]))),
    { header: true, columns, eof: true },
  );
  return options.bom ? `\uFEFF${text}` : text;
}

/** Text that a spreadsheet program would run as a formula when it opens a CSV file. */
export const formulaLike = /^[=+\-@]/;

function csvCellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  // An apostrophe keeps a name such as "=HYPERLINK(...)" text (CSV injection); import drops it.
  if (typeof value === 'string' && formulaLike.test(value)) return `'${value}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * An XLSX workbook of one sheet: a bold, frozen header row, numbers and booleans as such,
 * `dateColumns` as spreadsheet dates shown as YYYY-MM-DD, nulls as empty cells.
 */
export async function writeXlsx(
  sheetName: string,
  columns: string[],
  rows: Record<string, unknown>[],
  dateColumns: ReadonlySet<string>,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({
    header: c,
    key: c,
    width: Math.min(40, Math.max(10, c.length + 2)),
    ...(dateColumns.has(c) ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const value = row[c];
        if (value === null || value === undefined) return null;
        if (dateColumns.has(c) && typeof value === 'string') return new Date(`${value}T00:00:00Z`);
        if (typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
        return value as ExcelJS.CellValue;
      }),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
