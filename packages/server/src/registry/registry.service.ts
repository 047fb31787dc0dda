import type { EntityKey, Page, RegistryContract } from '@innocluster/contracts';
import { registryContracts } from '@innocluster/contracts';
import type { Db } from '../db/database.ts';
import { NotFoundError, ValidationError, translateDbError } from '../errors.ts';
import { deleteRow, findRow, insertRows, listRows, updateRow } from './crud.repository.ts';
import { tableOf } from './registry-tables.ts';

type Row = Record<string, unknown>;

/** Who made a change and through what; recorded by the audit trail. */
export interface RequestContext {
  via: 'web' | 'api' | 'cli' | 'system';
  userId?: number | null;
  address?: string | null;
}

export const systemContext: RequestContext = { via: 'system' };

export function contractOf(key: EntityKey): RegistryContract {
  const contract = registryContracts.find((c) => c.key === key);
  if (!contract) throw new Error(`Unknown entity ${key}`);
  return contract;
}

const listKeys = new Set(['page', 'pageSize', 'sort', 'q']);

/**
 * Create, read, update, delete and list for every registry entity. Input is already parsed by
 * the entity's zod contract; this layer owns transactions and turns constraint violations into
 * errors that name the field.
 */
export class RegistryService {
  constructor(private readonly db: Db) {}

  async list(key: EntityKey, query: Record<string, unknown>): Promise<Page<Row>> {
    const contract = contractOf(key);
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
      sort: { field: sortField, descending },
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: rows, total, page, pageSize };
  }

  async get(key: EntityKey, id: number): Promise<Row> {
    const row = await findRow(this.db, tableOf[key], id);
    if (!row) throw new NotFoundError(contractOf(key).label, id);
    return row;
  }

  async create(key: EntityKey, values: Row, _ctx: RequestContext = systemContext): Promise<Row> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const [row] = await insertRows(tx, tableOf[key], [values]);
        if (!row) throw new Error('insert returned no row');
        return row;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async update(
    key: EntityKey,
    id: number,
    values: Row,
    _ctx: RequestContext = systemContext,
  ): Promise<Row> {
    const changes = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
    try {
      return await this.db.transaction().execute(async (tx) => {
        const row =
          Object.keys(changes).length === 0
            ? await findRow(tx, tableOf[key], id)
            : await updateRow(tx, tableOf[key], id, changes);
        if (!row) throw new NotFoundError(contractOf(key).label, id);
        return row;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async remove(key: EntityKey, id: number, _ctx: RequestContext = systemContext): Promise<void> {
    try {
      await this.db.transaction().execute(async (tx) => {
        const row = await deleteRow(tx, tableOf[key], id);
        if (!row) throw new NotFoundError(contractOf(key).label, id);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }
}
