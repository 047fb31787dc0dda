import type { AuditEvent, Page } from '@innocluster/contracts';
import { decide } from '@innocluster/domain';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { RequestContext } from '../auth/principal.ts';
import {
  allAuditEvents,
  auditColumns,
  listAuditEvents,
  type AuditEntry,
  type AuditFilter,
} from './audit.repository.ts';

/** Builds the audit entry for one change made in a request context. */
export function auditEntry(
  ctx: RequestContext,
  action: AuditEntry['action'],
  entity: string,
  entityId: number | string,
  before: unknown,
  after: unknown,
): AuditEntry {
  return {
    userId: ctx.principal.userId,
    userEmail: ctx.principal.email,
    via: ctx.via,
    address: ctx.address ?? null,
    action,
    entity,
    entityId: String(entityId),
    before: before ?? null,
    after: after ?? null,
  };
}

/** Search and export of the append-only audit trail. There is no way to change it. */
export class AuditService {
  constructor(private readonly db: Db) {}

  private check(ctx: RequestContext) {
    if (!decide(ctx.principal.grants, 'audit', 'read')) {
      throw new AppError(
        ctx.principal.userId === null ? 401 : 403,
        ctx.principal.userId === null ? 'Sign-in required' : 'Forbidden',
        'Reading the audit trail needs an administrator, programme officer or analyst grant.',
      );
    }
  }

  async search(
    ctx: RequestContext,
    filter: AuditFilter,
    page: number,
    pageSize: number,
  ): Promise<Page<AuditEvent>> {
    this.check(ctx);
    const { rows, total } = await listAuditEvents(this.db, filter, pageSize, (page - 1) * pageSize);
    return { items: rows as AuditEvent[], total, page, pageSize };
  }

  async export(ctx: RequestContext, filter: AuditFilter, format: 'csv' | 'json'): Promise<string> {
    this.check(ctx);
    const rows = await allAuditEvents(this.db, filter);
    if (format === 'json') return JSON.stringify(rows, null, 2);
    return stringify(
      rows.map((r) => ({
        ...r,
        before: r.before === null ? '' : JSON.stringify(r.before),
        after: r.after === null ? '' : JSON.stringify(r.after),
      })),
      {
        header: true,
        columns: [...auditColumns],
      },
    );
  }
}
