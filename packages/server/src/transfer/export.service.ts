import { registryContracts, type EntityKey } from '@innocluster/contracts';
import type { Db } from '../db/database.ts';
import { ValidationError } from '../errors.ts';
import { allRows } from '../registry/crud.repository.ts';
import { tableOf } from '../registry/registry-tables.ts';
import { exportColumnsOf, fieldSpecsOf } from './transfer-fields.ts';
import {
  contentTypes,
  exportFormats,
  writeCsv,
  writeXlsx,
  type ExportFormat,
} from './transfer-files.ts';

export interface ExportOptions {
  /** Start a CSV with a byte-order mark, so that spreadsheet programs read Korean names as UTF-8. */
  bom?: boolean;
}

export interface ExportResult {
  entity: EntityKey;
  format: ExportFormat;
  /** A file name to offer, e.g. `complexes.csv`. */
  fileName: string;
  contentType: string;
  content: Buffer;
  rows: number;
}

export function isExportFormat(format: string): format is ExportFormat {
  return (exportFormats as readonly string[]).includes(format);
}

/**
 * Writes every row of one registry entity, in id order, with every column of its row schema
 * (camelCase headers; nulls as empty cells in CSV and XLSX). CSV and XLSX exports re-import
 * into a database that holds the rows they refer to.
 */
export class ExportService {
  constructor(private readonly db: Db) {}

  async export(entity: string, format: string, options: ExportOptions = {}): Promise<ExportResult> {
    const contract = registryContracts.find((c) => c.key === entity);
    if (!contract) {
      const keys = registryContracts.map((c) => c.key).join(', ');
      throw new ValidationError(`Unknown entity "${entity}": use one of ${keys}`, [
        { field: 'entity', message: `one of ${keys}` },
      ]);
    }
    if (!isExportFormat(format)) {
      throw new ValidationError(
        `Unknown export format "${format}": use one of ${exportFormats.join(', ')}`,
        [{ field: 'format', message: `one of ${exportFormats.join(', ')}` }],
      );
    }
    const columns = exportColumnsOf(contract);
    const rows = (await allRows(this.db, tableOf[contract.key])).map((row) =>
      Object.fromEntries(columns.map((c) => [c, row[c] ?? null])),
    );
    let content: Buffer;
    if (format === 'csv')
      content = Buffer.from(writeCsv(columns, rows, { bom: options.bom === true }), 'utf8');
    else if (format === 'json') content = Buffer.from(`${JSON.stringify(rows, null, 2)}\n`, 'utf8');
    else {
      const dateColumns = new Set(
        fieldSpecsOf(contract)
          .filter((s) => s.kind === 'date')
          .map((s) => s.name),
      );
      content = await writeXlsx(contract.key, columns, rows, dateColumns);
    }
    return {
      entity: contract.key,
      format,
      fileName: `${contract.key}.${format}`,
      contentType: contentTypes[format],
      content,
      rows: rows.length,
    };
  }
}
