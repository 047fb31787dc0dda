import type { EntityKey, Page, RegistryContract } from '@innocluster/contracts';
import { registryContracts } from '@innocluster/contracts';
import { decide, readFilter, type Action, type Target } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { AppError, NotFoundError, ValidationError, translateDbError } from '../errors.ts';
import { datasetsHoldingCellsOf, refreshTotals } from '../mapping/mapping-totals.ts';
import { deleteRow, findRow, insertRows, listRows, updateRow } from './crud.repository.ts';
import { listConditions, targetOf } from './registry-scope.ts';
import { tableOf } from './registry-tables.ts';

export { systemContext, type RequestContext } from '../auth/principal.ts';

type Row = Record<string, unknown>;

export function contractOf(key: EntityKey): RegistryContract {
  const contract = registryContracts.find((c) => c.key === key);
  if (!contract) throw new Error(`Unknown entity ${key}`);
  return contract;
}

const listKeys = new Set(['page', 'pageSize', 'sort', 'q']);

/** 401 for nobody signed in, 403 for a user whose grants do not reach. */
export function denied(ctx: RequestContext, action: Action, label: string): AppError {
  const verb = action === 'read' ? 'see' : action;
  return ctx.principal.userId === null && ctx.via !== 'system'
    ? new AppError(401, 'Sign-in required', `Sign in to ${verb} this ${label}.`)
    : new AppError(403, 'Forbidden', `Your role does not allow you to ${verb} this ${label}.`);
}

/**
 * Create, read, update, delete and list for every registry entity. Input is already parsed by
 * the entity's zod contract; this layer checks the permission table for the row, owns the
 * transaction, writes the audit trail in it, and turns constraint violations into field errors.
 */
export class RegistryService {
  constructor(private readonly db: Db) {}

  private assignedIds(ctx: RequestContext, key: EntityKey): number[] {
    return ctx.principal.assigned[key] ?? [];
  }

  private async target(db: Db, ctx: RequestContext, key: EntityKey, row: Row): Promise<Target> {
    const parent =
      key === 'body-seats' && typeof row.bodyId === 'number'
        ? await findRow(db, 'body', row.bodyId)
        : undefined;
    return targetOf(key, row, this.assignedIds(ctx, key), parent);
  }

  private async check(
    db: Db,
    ctx: RequestContext,
    key: EntityKey,
    action: Action,
    row: Row,
  ): Promise<void> {
    if (!decide(ctx.principal.grants, key, action, await this.target(db, ctx, key, row))) {
      throw denied(ctx, action, contractOf(key).label);
    }
  }

  async list(
    key: EntityKey,
    query: Record<string, unknown>,
    ctx: RequestContext,
  ): Promise<Page<Row>> {
    const contract = contractOf(key);
    const filter = readFilter(ctx.principal.grants, key);
    if (!filter) throw denied(ctx, 'read', `list of ${key}`);
    const page = Number(query.page ?? 1);
    const pageSize = Number(query.pageSize ?? 50);
    const sortText = typeof query.sort === 'string' ? query.sort : 'id';
    const descending = sortText.startsWith('-');
    const sortField = descending ? sortText.slice(1) : sortText;
    if (!contract.sortable.includes(sortField)) {
      throw new ValidationError(`Cannot sort ${key} by ${sortField}`, [
        {
          field: 'querystring.sort',
          message: `one of ${contract.sortable.join(', ')} (prefix - for descending)`,
        },
      ]);
    }
    const filters: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(query)) {
      if (listKeys.has(field) || value === undefined) continue;
      if (field in contract.filters) filters[field] = value;
    }
    const q = typeof query.q === 'string' ? query.q : undefined;
    const { rows, total } = await listRows(this.db, {
      table: tableOf[key],
      filters,
      ...(q ? { search: { text: q, fields: contract.searchable } } : {}),
      scope: listConditions(key, filter, this.assignedIds(ctx, key)),
      sort: { field: sortField, descending },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows, total, page, pageSize };
  }

  /**
   * The row, if the user may see it. A row the user may not see answers 404 like a missing one,
   * so ids cannot be probed (anonymous callers get 401).
   */
  private async visibleRow(db: Db, ctx: RequestContext, key: EntityKey, id: number): Promise<Row> {
    const row = await findRow(db, tableOf[key], id);
    if (row && decide(ctx.principal.grants, key, 'read', await this.target(db, ctx, key, row))) {
      return row;
    }
    throw row && ctx.principal.userId === null
      ? denied(ctx, 'read', contractOf(key).label)
      : new NotFoundError(contractOf(key).label, id);
  }

  async get(key: EntityKey, id: number, ctx: RequestContext): Promise<Row> {
    return this.visibleRow(this.db, ctx, key, id);
  }

  /** Inserts a row, checked against the user's grants and recorded in the audit trail. */
  async create(key: EntityKey, values: Row, ctx: RequestContext): Promise<Row> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        await this.check(tx, ctx, key, 'create', values);
        const [row] = await insertRows(tx, tableOf[key], [values]);
        if (!row) throw new Error('insert returned no row');
        await insertAuditEvents(tx, [auditEntry(ctx, 'create', key, row.id as number, null, row)]);
        return row;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async update(key: EntityKey, id: number, values: Row, ctx: RequestContext): Promise<Row> {
    const changes = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    try {
      return await this.db.transaction().execute(async (tx) => {
        const before = await this.visibleRow(tx, ctx, key, id);
        await this.check(tx, ctx, key, 'update', before);
        // A change may not move a row out of the user's reach either.
        await this.check(tx, ctx, key, 'update', { ...before, ...changes });
        if (Object.keys(changes).length === 0) return before;
        const after = await updateRow(tx, tableOf[key], id, changes);
        if (!after) throw new NotFoundError(contractOf(key).label, id);
        await insertAuditEvents(tx, [auditEntry(ctx, 'update', key, id, before, after)]);
        return after;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async remove(key: EntityKey, id: number, ctx: RequestContext): Promise<void> {
    try {
      await this.db.transaction().execute(async (tx) => {
        const before = await this.visibleRow(tx, ctx, key, id);
        await this.check(tx, ctx, key, 'delete', before);
        // A region's or an industry's cells go with it (ON DELETE CASCADE); the totals and sums
        // kept from the cells of their datasets are recomputed in the same transaction.
        const cellsOf = key === 'regions' ? 'region' : key === 'industries' ? 'industry' : null;
        const datasets = cellsOf ? await datasetsHoldingCellsOf(tx, cellsOf, id) : [];
        await deleteRow(tx, tableOf[key], id);
        for (const datasetId of datasets) await refreshTotals(tx, datasetId, null);
        await insertAuditEvents(tx, [auditEntry(ctx, 'delete', key, id, before, null)]);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }
}
