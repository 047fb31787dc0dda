import type {
  RelatednessResponse,
  ShiftShareResponse,
  SpecialisationResponse,
} from '@innocluster/contracts';
import ExcelJS from 'exceljs';
import { writeCsv } from '../transfer/transfer-files.ts';

/** One table of an export: a sheet of an XLSX workbook or one CSV file. */
export interface ExportTable {
  /** Sheet name, also the suffix of the CSV file (kebab-case, at most 31 characters). */
  name: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

/** Shift-share rows of one or more regions, one per unit, with the region's totals row last. */
export function shiftShareTable(results: ShiftShareResponse[]): ExportTable {
  const rows: Record<string, unknown>[] = [];
  for (const r of results) {
    const common = {
      regionCode: r.region.code,
      regionName: r.region.name,
      measure: r.measure,
      baseYear: r.baseYear,
      year: r.year,
      nationalGrowthRate: r.nationalGrowthRate,
    };
    for (const u of r.units) {
      rows.push({
        ...common,
        unitCode: u.unitCode,
        unitName: u.unitName,
        baseValue: u.baseValue,
        value: u.value,
        industryGrowthRate: u.industryGrowthRate,
        nationalGrowth: u.nationalGrowth,
        industryMix: u.industryMix,
        regionalShift: u.regionalShift,
        totalChange: u.totalChange,
        restsOnFilled: u.restsOnFilled,
      });
    }
    rows.push({ ...common, unitCode: 'TOTAL', unitName: '', ...r.total });
  }
  return {
    name: 'shift-share',
    columns: [
      'regionCode',
      'regionName',
      'unitCode',
      'unitName',
      'measure',
      'baseYear',
      'year',
      'baseValue',
      'value',
      'nationalGrowthRate',
      'industryGrowthRate',
      'nationalGrowth',
      'industryMix',
      'regionalShift',
      'totalChange',
      'restsOnFilled',
    ],
    rows,
  };
}

/** Krugman, Hoover and Herfindahl per region; Hoover localisation per unit. */
export function specialisationTables(r: SpecialisationResponse): {
  regions: ExportTable;
  units: ExportTable;
} {
  const common = { measure: r.measure, year: r.year, unit: r.unit };
  return {
    regions: {
      name: 'specialisation-regions',
      columns: [
        'regionCode',
        'regionName',
        'measure',
        'year',
        'unit',
        'total',
        'krugman',
        'hoover',
        'herfindahl',
        'herfindahlNormalised',
        'restsOnFilled',
      ],
      rows: r.regions.map((x) => ({ ...common, ...x })),
    },
    units: {
      name: 'specialisation-units',
      columns: [
        'unitCode',
        'unitName',
        'measure',
        'year',
        'unit',
        'hooverLocalisation',
        'ellisonGlaeser',
        'egRawConcentration',
        'egPlantHerfindahl',
        'egPlants',
      ],
      rows: r.units.map((x) => ({ ...common, ...x })),
    },
  };
}

/** The proximity matrix: one row per unit, one column per unit code. */
export function relatednessTable(r: RelatednessResponse): ExportTable {
  const codes = r.units.map((u) => u.unitCode);
  return {
    name: 'relatedness',
    columns: ['unitCode', 'unitName', 'specialisedRegions', ...codes],
    rows: r.units.map((u, i) => {
      const row: Record<string, unknown> = {
        unitCode: u.unitCode,
        unitName: u.unitName,
        specialisedRegions: u.specialisedRegions,
      };
      codes.forEach((code, j) => {
        row[code] = r.matrix[i]?.[j] ?? null;
      });
      return row;
    }),
  };
}

/** A table as CSV text (with a byte-order mark for spreadsheet programs when `bom`). */
export function tableCsv(table: ExportTable, bom = false): string {
  return writeCsv(table.columns, table.rows, { bom });
}

/**
 * An XLSX workbook with one sheet per table: bold frozen header, numbers as numbers, nulls as
 * empty cells. A last sheet "notes" holds the method texts, so the numbers keep their definitions.
 */
export async function writeWorkbook(tables: ExportTable[], notes: string[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const add = (name: string, columns: string[], rows: Record<string, unknown>[]) => {
    const sheet = workbook.addWorksheet(name.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = columns.map((c) => ({
      header: c,
      key: c,
      width: Math.min(40, Math.max(10, c.length + 2)),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) {
      sheet.addRow(
        columns.map((c) => {
          const value = row[c];
          if (value === null || value === undefined) return null;
          if (typeof value === 'object') return JSON.stringify(value);
          return value as ExcelJS.CellValue;
        }),
      );
    }
  };
  for (const t of tables) add(t.name, t.columns, t.rows);
  if (notes.length > 0)
    add(
      'notes',
      ['note'],
      notes.map((note) => ({ note })),
    );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
