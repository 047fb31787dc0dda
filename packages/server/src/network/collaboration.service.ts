import type {
  CollaborationCreate,
  CollaborationListQuery,
  CollaborationRow,
  CollaborationUpdate,
  Page,
} from '@innocluster/contracts';
import { decide, readFilter, type Action, type Target } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError, ValidationError, translateDbError, type FieldError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import {
  complexesOfOrganisations,
  deleteCollaboration,
  findCollaboration,
  insertCollaborations,
  listCollaborations,
  updateCollaboration,
  type CollaborationRecord,
} from './collaboration.repository.ts';

const asRow = (r: CollaborationRecord) => r as unknown as CollaborationRow;

/**
 * Typed ties between organisations (joint R&D, technology transfer, consulting, co-patents,
 * co-publications, supply, shared equipment, projects). A tie belongs to both parties: a user
 * whose scope holds either organisation (or its complex) may record or change it.
 */
export class CollaborationService {
  constructor(private readonly db: Db) {}

  private async target(
    db: Db,
    c: { sourceOrganisationId: number; targetOrganisationId: number },
    at = 'body',
  ): Promise<Target> {
    const parties = [c.sourceOrganisationId, c.targetOrganisationId];
    const complexes = await complexesOfOrganisations(db, parties);
    const errors: FieldError[] = [];
    if (!complexes.has(c.sourceOrganisationId))
      errors.push({
        field: `${at}.sourceOrganisationId`,
        message: `no organisation with id ${c.sourceOrganisationId}`,
      });
    if (!complexes.has(c.targetOrganisationId))
      errors.push({
        field: `${at}.targetOrganisationId`,
        message: `no organisation with id ${c.targetOrganisationId}`,
      });
    if (errors.length) throw new ValidationError('Unknown organisations', errors);
    return {
      organisationIds: parties,
      complexIds: [...complexes.values()].filter((v): v is number => v !== null),
    };
  }

  private async check(
    db: Db,
    ctx: RequestContext,
    action: Action,
    c: { sourceOrganisationId: number; targetOrganisationId: number },
  ): Promise<void> {
    if (!decide(ctx.principal.grants, 'collaborations', action, await this.target(db, c)))
      throw denied(ctx, action, 'collaboration');
  }

  async list(ctx: RequestContext, query: CollaborationListQuery): Promise<Page<CollaborationRow>> {
    const filter = readFilter(ctx.principal.grants, 'collaborations');
    if (!filter) throw denied(ctx, 'read', 'list of collaborations');
    const sortField = (query.sort ?? '-startedOn').replace(/^-/, '');
    if (!['id', 'startedOn', 'kind', 'valueKrw'].includes(sortField))
      throw new ValidationError(`Cannot sort collaborations by ${sortField}`, [
        {
          field: 'querystring.sort',
          message: 'one of id, startedOn, kind, valueKrw (prefix - for descending)',
        },
      ]);
    const scope = filter.all
      ? ('all' as const)
      : {
          organisationIds: filter.scoped.flatMap((g) => g.organisationIds),
          complexIds: filter.scoped.flatMap((g) => g.complexIds),
        };
    const { rows, total } = await listCollaborations(this.db, query, scope);
    return { items: rows.map(asRow), total, page: query.page, pageSize: query.pageSize };
  }

  private async visible(db: Db, ctx: RequestContext, id: number): Promise<CollaborationRecord> {
    const row = await findCollaboration(db, id);
    if (row && decide(ctx.principal.grants, 'collaborations', 'read', await this.target(db, row)))
      return row;
    if (row && ctx.principal.userId === null) throw denied(ctx, 'read', 'collaboration');
    throw new NotFoundError('collaboration', id);
  }

  async get(ctx: RequestContext, id: number): Promise<CollaborationRow> {
    return asRow(await this.visible(this.db, ctx, id));
  }

  async create(ctx: RequestContext, body: CollaborationCreate): Promise<CollaborationRow> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        await this.check(tx, ctx, 'create', body);
        const [row] = await insertCollaborations(tx, [body]);
        if (!row) throw new Error('insert returned no row');
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'create', 'collaborations', row.id, null, row),
        ]);
        return asRow(row);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async update(
    ctx: RequestContext,
    id: number,
    body: CollaborationUpdate,
  ): Promise<CollaborationRow> {
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    try {
      return await this.db.transaction().execute(async (tx) => {
        const before = await this.visible(tx, ctx, id);
        await this.check(tx, ctx, 'update', before);
        const merged = { ...before, ...changes } as CollaborationRecord;
        if (merged.sourceOrganisationId === merged.targetOrganisationId)
          throw new ValidationError('source and target must be different organisations', [
            { field: 'body.targetOrganisationId', message: 'must differ from the source' },
          ]);
        if (merged.endedOn !== null && merged.endedOn < merged.startedOn)
          throw new ValidationError('endedOn must not be before startedOn', [
            { field: 'body.endedOn', message: 'must not be before startedOn' },
          ]);
        // A change may not move a tie out of the user's reach either.
        await this.check(tx, ctx, 'update', merged);
        if (Object.keys(changes).length === 0) return asRow(before);
        const after = await updateCollaboration(tx, id, changes);
        if (!after) throw new NotFoundError('collaboration', id);
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'update', 'collaborations', id, before, after),
        ]);
        return asRow(after);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const before = await this.visible(tx, ctx, id);
      await this.check(tx, ctx, 'delete', before);
      await deleteCollaboration(tx, id);
      await insertAuditEvents(tx, [auditEntry(ctx, 'delete', 'collaborations', id, before, null)]);
    });
  }
}
