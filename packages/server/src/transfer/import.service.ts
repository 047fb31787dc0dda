import { registryContracts, type EntityKey, type RegistryContract } from '@innocluster/contracts';
import type { Db } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { AppError, ConflictError, ValidationError, translateDbError } from '../errors.ts';
import { tableOf } from '../registry/registry-tables.ts';
import { decide } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import { findRow } from '../registry/crud.repository.ts';
import { targetOf } from '../registry/registry-scope.ts';
import {
  coerceCell,
  displayCell,
  fieldSpecsOf,
  ignoredColumns,
  isEmptyCell,
  normaliseHeader,
  uniqueKeys,
  type FieldSpec,
} from './transfer-fields.ts';
import { importFormatOf, readTable, type Cell, type Table } from './transfer-files.ts';
import {
  createSavepoint,
  existingIds,
  existingKeys,
  insertReturningIds,
  releaseSavepoint,
  rollbackToSavepoint,
  setColumn,
} from './transfer.repository.ts';

/** One problem in an import file: the spreadsheet row (header = 1), the column, the cell. */
export interface ImportIssue {
  row: number;
  column: string;
  value: string;
  message: string;
}

export interface ImportProgress {
  phase: 'validating' | 'inserting';
  done: number;
  total: number;
}

export interface ImportInput {
  /** The entity key, e.g. `organisations`. */
  entity: string;
  /** The file's name; its extension (.csv or .xlsx) selects the format. */
  fileName: string;
  content: Buffer;
  /** Who imports: each row is checked against their grants and recorded in the audit trail. */
  context: RequestContext;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportResult {
  entity: EntityKey;
  fileName: string;
  imported: number;
  /** The new rows' ids, in file order. */
  ids: number[];
}

/** Rows per INSERT statement: large enough to be fast, small enough for any parameter limit. */
const chunkSize = 500;
/** How often validation reports progress, in rows. */
const progressEvery = 500;

/** The text of one issue, e.g. `orgs.csv row 517, column kind: "bank" is not one of ...`. */
export function describeIssue(fileName: string, issue: ImportIssue): string {
  const where = `${fileName} row ${issue.row}${issue.column ? `, column ${issue.column}` : ''}`;
  return `${where}: ${issueText(issue)}`;
}

function issueText(issue: ImportIssue): string {
  if (issue.value === '') return issue.message;
  const value = issue.value.length > 80 ? `${issue.value.slice(0, 77)}...` : issue.value;
  return /^(is|are|has|must) /.test(issue.message)
    ? `"${value}" ${issue.message}`
    : `"${value}": ${issue.message}`;
}

/**
 * An import that wrote nothing because of the listed issues. `errors` carries them as
 * `row 517: kind` fields for the API's problem response; `issues` keeps them structured.
 */
export class ImportError extends ValidationError {
  constructor(
    readonly fileName: string,
    readonly issues: ImportIssue[],
  ) {
    const rows = new Set(issues.map((i) => i.row)).size;
    super(
      `${fileName}: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'} in ${rows} ${rows === 1 ? 'row' : 'rows'}; nothing was imported`,
      issues.map((i) => ({
        field: i.column ? `row ${i.row}: ${i.column}` : `row ${i.row}`,
        message: issueText(i),
      })),
    );
    this.name = 'ImportError';
  }
}

interface Column {
  index: number;
  spec: FieldSpec;
}

interface Candidate {
  row: number;
  cells: Map<string, Cell>;
  values: Record<string, unknown>;
  /** Self-references to another row of this file, resolved after insert. */
  links: { field: string; target: Candidate }[];
  failed: boolean;
  id?: number;
}

function entityContract(entity: string): RegistryContract {
  const contract = registryContracts.find((c) => c.key === entity);
  if (!contract) {
    const keys = registryContracts.map((c) => c.key).join(', ');
    throw new ValidationError(`Unknown entity "${entity}": use one of ${keys}`, [
      { field: 'entity', message: `one of ${keys}` },
    ]);
  }
  return contract;
}

function labelOf(key: EntityKey): string {
  return registryContracts.find((c) => c.key === key)?.label ?? key;
}

/**
 * Imports a CSV or XLSX file into one registry entity, all or nothing: every row is coerced,
 * validated by the entity's create schema, checked for dangling references and for unique
 * keys repeated in the file or already in the database, then inserted in one transaction.
 * Any problem, including a constraint the database enforces, leaves the database unchanged
 * and is reported with its row. Ids in the file are not imported (the database assigns new ones); an `id` column only
 * serves to link rows of the same file (complexes.hubId, industries.parentId) to each other.
 */
export class ImportService {
  constructor(private readonly db: Db) {}

  async import(input: ImportInput): Promise<ImportResult> {
    const contract = entityContract(input.entity);
    const format = importFormatOf(input.fileName);
    if (!format) {
      throw new ValidationError(
        `Cannot import ${input.fileName}: the file name must end in .csv or .xlsx`,
        [{ field: 'file', message: 'a .csv or .xlsx file' }],
      );
    }
    let table: Table;
    try {
      table = await readTable(input.content, format);
    } catch (error) {
      throw new ValidationError(
        `Cannot read ${input.fileName} as ${format.toUpperCase()}: ${(error as Error).message}`,
        [{ field: 'file', message: `not a readable ${format.toUpperCase()} file` }],
      );
    }
    const issues: ImportIssue[] = [];
    const { columns, idColumn, blankColumns } = this.mapHeader(contract, table, issues);
    if (issues.length > 0) throw new ImportError(input.fileName, issues);

    const report = input.onProgress ?? (() => {});
    const candidates = this.validateRows(
      contract,
      table,
      columns,
      idColumn,
      blankColumns,
      issues,
      report,
    );
    await this.checkReferences(contract, candidates, issues);
    await this.checkUniqueKeys(contract, candidates, issues);
    await this.checkPermissions(contract, candidates, input.context, issues);

    const valid = candidates.filter((c) => !c.failed);
    const tableName = tableOf[contract.key];
    try {
      return await this.db.transaction().execute(async (tx) => {
        for (let start = 0; start < valid.length; start += chunkSize) {
          await this.insertChunk(
            tx,
            tableName,
            contract,
            valid.slice(start, start + chunkSize),
            issues,
          );
          report({
            phase: 'inserting',
            done: Math.min(start + chunkSize, valid.length),
            total: valid.length,
          });
        }
        await this.resolveLinks(tx, tableName, valid, issues);
        // Throwing inside the transaction rolls back every row inserted above.
        if (issues.length > 0) throw new ImportError(input.fileName, sortIssues(issues, columns));
        await insertAuditEvents(
          tx,
          valid.map((c) =>
            auditEntry(input.context, 'create', contract.key, c.id ?? 0, null, {
              id: c.id,
              ...c.values,
            }),
          ),
        );
        return {
          entity: contract.key,
          fileName: input.fileName,
          imported: valid.length,
          ids: valid.map((c) => c.id ?? 0),
        };
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw translateDbError(error);
    }
  }

  /** The same permission table as the API: a row the importer may not create is a problem of that row. */
  private async checkPermissions(
    contract: RegistryContract,
    candidates: Candidate[],
    ctx: RequestContext,
    issues: ImportIssue[],
  ) {
    const assigned = ctx.principal.assigned[contract.key] ?? [];
    const parents = new Map<number, Record<string, unknown> | undefined>();
    for (const c of candidates) {
      if (c.failed) continue;
      let parent: Record<string, unknown> | undefined;
      const bodyId = c.values.bodyId;
      if (contract.key === 'body-seats' && typeof bodyId === 'number') {
        if (!parents.has(bodyId)) parents.set(bodyId, await findRow(this.db, 'body', bodyId));
        parent = parents.get(bodyId);
      }
      if (
        !decide(
          ctx.principal.grants,
          contract.key,
          'create',
          targetOf(contract.key, c.values, assigned, parent),
        )
      ) {
        c.failed = true;
        issues.push({
          row: c.row,
          column: '',
          value: '',
          message: `your role grants do not allow creating this ${contract.label}`,
        });
      }
    }
  }

  private mapHeader(contract: RegistryContract, table: Table, issues: ImportIssue[]) {
    const specs = fieldSpecsOf(contract);
    const byHeader = new Map(specs.map((s) => [normaliseHeader(s.name), s]));
    const ignored = new Set(ignoredColumns.map(normaliseHeader));
    const columns: Column[] = [];
    const blankColumns: number[] = [];
    let idColumn: number | undefined;
    const at = (column: string, value: string, message: string) =>
      issues.push({ row: table.headerRow, column, value, message });
    if (table.header.every((h) => h.trim() === '')) {
      at(
        '',
        '',
        `the file is empty: the first row must name the columns (${specs.map((s) => s.name).join(', ')})`,
      );
      return { columns, idColumn, blankColumns };
    }
    table.header.forEach((raw, index) => {
      const name = raw.trim();
      const key = normaliseHeader(name);
      if (key === '') return void blankColumns.push(index);
      if (key === 'id') idColumn = index;
      if (ignored.has(key)) return;
      const spec = byHeader.get(key);
      if (!spec) {
        return at(
          name,
          name,
          `is not a column of ${contract.key}; the columns are ${specs.map((s) => s.name).join(', ')}`,
        );
      }
      if (columns.some((c) => c.spec === spec))
        return at(name, name, `is a second column for ${spec.name}`);
      columns.push({ index, spec });
    });
    for (const spec of specs) {
      if (!spec.optional && !columns.some((c) => c.spec === spec))
        at(spec.name, '', 'is a required column and is missing');
    }
    return { columns, idColumn, blankColumns };
  }

  private validateRows(
    contract: RegistryContract,
    table: Table,
    columns: Column[],
    idColumn: number | undefined,
    blankColumns: number[],
    issues: ImportIssue[],
    report: (progress: ImportProgress) => void,
  ): Candidate[] {
    const candidates: Candidate[] = [];
    const fileIds = new Map<number, Candidate>();
    const dateFields = new Set(
      columns.filter((c) => c.spec.kind === 'date').map((c) => c.spec.name),
    );
    const selfReferences = columns
      .filter((c) => c.spec.references === contract.key)
      .map((c) => c.spec.name);
    const pendingLinks: { candidate: Candidate; field: string; fileId: number }[] = [];
    const total = table.rows.length;
    table.rows.forEach(({ row, cells: rowCells }, i) => {
      if ((i + 1) % progressEvery === 0 || i + 1 === total)
        report({ phase: 'validating', done: i + 1, total });
      if (rowCells.every(isEmptyCell)) return;
      const at = (column: string, cell: Cell, message: string) =>
        issues.push({ row, column, value: displayCell(cell), message });
      const candidate: Candidate = { row, cells: new Map(), values: {}, links: [], failed: false };
      const before = issues.length;
      rowCells.forEach((cell, index) => {
        if ((index >= table.header.length || blankColumns.includes(index)) && !isEmptyCell(cell)) {
          at(`column ${index + 1}`, cell, 'has a value but no header');
        }
      });
      const unreadable = new Set<string>();
      for (const { index, spec } of columns) {
        const cell = rowCells[index] ?? null;
        candidate.cells.set(spec.name, cell);
        if (isEmptyCell(cell)) continue;
        const coerced = coerceCell(spec, cell);
        if (coerced.ok) candidate.values[spec.name] = coerced.value;
        else {
          unreadable.add(spec.name);
          at(spec.name, cell, coerced.message);
        }
      }
      const parsed = contract.create.safeParse(candidate.values);
      if (parsed.success) candidate.values = parsed.data as Record<string, unknown>;
      else {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          if (unreadable.has(field)) continue;
          const cell = candidate.cells.get(field) ?? null;
          at(
            field,
            cell,
            isEmptyCell(cell) ? 'is required' : zodMessage(issue, dateFields.has(field)),
          );
        }
      }
      candidate.failed = issues.length > before;
      if (idColumn !== undefined) {
        const fileId = Number(displayCell(rowCells[idColumn] ?? null).trim());
        if (Number.isInteger(fileId) && fileId > 0 && !fileIds.has(fileId))
          fileIds.set(fileId, candidate);
      }
      if (!candidate.failed) {
        for (const field of selfReferences) {
          const value = candidate.values[field];
          if (typeof value === 'number') pendingLinks.push({ candidate, field, fileId: value });
        }
      }
      candidates.push(candidate);
    });
    // A self-reference to an id of this file's id column links to that row, not to the database.
    for (const { candidate, field, fileId } of pendingLinks) {
      const target = fileIds.get(fileId);
      if (!target) continue;
      candidate.links.push({ field, target });
      candidate.values[field] = null;
    }
    return candidates;
  }

  /** One query per referenced table for all the ids the file names. */
  private async checkReferences(
    contract: RegistryContract,
    candidates: Candidate[],
    issues: ImportIssue[],
  ): Promise<void> {
    const references = fieldSpecsOf(contract).filter((s) => s.references);
    const idsByTarget = new Map<EntityKey, Set<number>>();
    // Rows that failed already are checked too, so that one report names all their problems.
    const isId = (value: unknown): value is number =>
      typeof value === 'number' && Number.isInteger(value) && value > 0;
    for (const candidate of candidates) {
      for (const spec of references) {
        const value = candidate.values[spec.name];
        if (!isId(value)) continue;
        const ids = idsByTarget.get(spec.references!) ?? new Set<number>();
        ids.add(value);
        idsByTarget.set(spec.references!, ids);
      }
    }
    const found = new Map<EntityKey, Set<number>>();
    for (const [target, ids] of idsByTarget)
      found.set(target, await existingIds(this.db, tableOf[target], [...ids]));
    for (const candidate of candidates) {
      for (const spec of references) {
        const value = candidate.values[spec.name];
        if (!isId(value) || found.get(spec.references!)?.has(value)) continue;
        issues.push({
          row: candidate.row,
          column: spec.name,
          value: displayCell(candidate.cells.get(spec.name) ?? null),
          message: `is not the id of an existing ${labelOf(spec.references!)}`,
        });
        candidate.failed = true;
      }
    }
  }

  /**
   * Unique keys that two rows of the file share, or that a row shares with a row already in
   * the database (one query per key), all named before anything is written.
   */
  private async checkUniqueKeys(
    contract: RegistryContract,
    candidates: Candidate[],
    issues: ImportIssue[],
  ): Promise<void> {
    const specs = new Map(fieldSpecsOf(contract).map((s) => [s.name, s]));
    for (const key of uniqueKeys[contract.key]) {
      const column = key.find((f) => !specs.get(f)?.references) ?? key[key.length - 1]!;
      const others = key.filter((f) => f !== column);
      const withSame = others.length ? ` with the same ${others.join(', ')}` : '';
      const flag = (candidate: Candidate, message: string) => {
        const value = displayCell(candidate.cells.get(column) ?? null);
        issues.push({ row: candidate.row, column, value, message });
        candidate.failed = true;
      };
      // Rows that failed validation are checked too, with the values they could be read as.
      const firstRowOf = new Map<string, number>();
      const unique: { candidate: Candidate; tuple: string; values: unknown[] }[] = [];
      for (const candidate of candidates) {
        const values = key.map((f) => candidate.values[f]);
        // NULLs never collide (PostgreSQL's default NULLS DISTINCT).
        if (values.some((v) => v === null || v === undefined)) continue;
        const tuple = JSON.stringify(values);
        const first = firstRowOf.get(tuple);
        if (first === undefined) {
          firstRowOf.set(tuple, candidate.row);
          unique.push({ candidate, tuple, values });
        } else flag(candidate, `is also in row ${first}${withSame}; it must be unique`);
      }
      if (unique.length === 0) continue;
      const taken = await existingKeys(
        this.db,
        tableOf[contract.key],
        key,
        unique.map((u) => u.values),
      );
      for (const { candidate, tuple } of unique) {
        if (taken.has(tuple))
          flag(candidate, `is already used by another ${contract.label}${withSame}`);
      }
    }
  }

  /**
   * Inserts a chunk; when the database refuses it, retries it in halves under savepoints to
   * find exactly the rows it refuses, keeping the rest of the transaction alive so that every
   * bad row is reported.
   */
  private async insertChunk(
    tx: Db,
    table: keyof Database,
    contract: RegistryContract,
    chunk: Candidate[],
    issues: ImportIssue[],
  ): Promise<void> {
    if (chunk.length === 0) return;
    const savepoint = 'innocluster_import';
    await createSavepoint(tx, savepoint);
    try {
      const ids = await insertReturningIds(
        tx,
        table,
        chunk.map((c) => c.values),
      );
      chunk.forEach((c, i) => (c.id = ids[i]));
      await releaseSavepoint(tx, savepoint);
      return;
    } catch (error) {
      await rollbackToSavepoint(tx, savepoint);
      await releaseSavepoint(tx, savepoint);
      if (chunk.length === 1) return this.recordDbError(error, contract, chunk[0]!, issues);
    }
    const half = Math.ceil(chunk.length / 2);
    await this.insertChunk(tx, table, contract, chunk.slice(0, half), issues);
    await this.insertChunk(tx, table, contract, chunk.slice(half), issues);
  }

  private recordDbError(
    error: unknown,
    contract: RegistryContract,
    candidate: Candidate,
    issues: ImportIssue[],
    field?: string,
  ): void {
    const translated = translateDbError(error, '');
    if (!(translated instanceof AppError)) throw error;
    candidate.failed = true;
    if (translated.errors.length === 0) {
      issues.push({
        row: candidate.row,
        column: field ?? '',
        value: '',
        message: translated.message,
      });
      return;
    }
    for (const fieldError of translated.errors) {
      const column = fieldError.field;
      const message =
        translated instanceof ConflictError
          ? `is already used by another ${contract.label}`
          : fieldError.message;
      issues.push({
        row: candidate.row,
        column,
        value: displayCell(candidate.cells.get(column) ?? null),
        message,
      });
    }
  }

  private async resolveLinks(
    tx: Db,
    table: keyof Database,
    rows: Candidate[],
    issues: ImportIssue[],
  ): Promise<void> {
    const savepoint = 'innocluster_import_link';
    for (const candidate of rows) {
      if (candidate.id === undefined) continue;
      for (const { field, target } of candidate.links) {
        const cell = candidate.cells.get(field) ?? null;
        if (target.id === undefined) {
          issues.push({
            row: candidate.row,
            column: field,
            value: displayCell(cell),
            message: `refers to row ${target.row} of this file, which cannot be imported`,
          });
          continue;
        }
        await createSavepoint(tx, savepoint);
        try {
          await setColumn(tx, table, candidate.id, field, target.id);
          await releaseSavepoint(tx, savepoint);
        } catch (error) {
          await rollbackToSavepoint(tx, savepoint);
          await releaseSavepoint(tx, savepoint);
          const translated = translateDbError(error, '');
          if (!(translated instanceof AppError)) throw error;
          const message = translated.errors[0]?.message ?? translated.message;
          issues.push({ row: candidate.row, column: field, value: displayCell(cell), message });
        }
      }
    }
  }
}

function zodMessage(
  issue: { code: string; message: string; values?: unknown[] },
  isDate: boolean,
): string {
  if (issue.code === 'invalid_value' && issue.values)
    return `is not one of ${issue.values.join(', ')}`;
  if (issue.code === 'invalid_format' && isDate) return 'is not a date (YYYY-MM-DD)';
  return `is not valid: ${issue.message}`;
}

function sortIssues(issues: ImportIssue[], columns: Column[]): ImportIssue[] {
  const order = new Map(columns.map((c, i) => [c.spec.name, i]));
  return [...issues].sort(
    (a, b) => a.row - b.row || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1),
  );
}
