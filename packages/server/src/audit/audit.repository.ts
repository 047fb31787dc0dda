import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database>;

export interface AuditEntry {
  userId: number | null;
  userEmail: string | null;
  via: 'web' | 'api' | 'cli' | 'system';
  address: string | null;
  action: 'create' | 'update' | 'delete';
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

/** Appends entries; the table's triggers forbid any later change. */
export async function insertAuditEvents(db: Db, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await db
      .insertInto('auditEvent')
      .values(
        entries.slice(i, i + 500).map((e) => ({
          ...e,
          before: e.before === null || e.before === undefined ? null : JSON.stringify(e.before),
          after: e.after === null || e.after === undefined ? null : JSON.stringify(e.after),
        })),
      )
      .execute();
  }
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  userId?: number | undefined;
  via?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function filtered(db: Db, f: AuditFilter) {
  let q = db.selectFrom('auditEvent');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entityId', '=', f.entityId);
  if (f.userId !== undefined) q = q.where('userId', '=', f.userId);
  if (f.via) q = q.where('via', '=', f.via);
  if (f.from) q = q.where('at', '>=', sql<string>`${f.from}::date`);
  if (f.to) q = q.where('at', '<', sql<string>`${f.to}::date + 1`);
  return q;
}

/** The audit trail's columns, in the order of listings and exports. */
export const auditColumns = [
  'id',
  'at',
  'userId',
  'userEmail',
  'via',
  'address',
  'action',
  'entity',
  'entityId',
  'before',
  'after',
] as const;

export async function listAuditEvents(db: Db, f: AuditFilter, limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .select(auditColumns)
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    filtered(db, f)
      .select(sql<number>`count(*)::int`.as('total'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: count.total };
}

export async function allAuditEvents(db: Db, f: AuditFilter) {
  return filtered(db, f).select(auditColumns).orderBy('id').execute();
}
