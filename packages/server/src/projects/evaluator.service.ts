import type {
  BusinessRelationCreate,
  BusinessRelationRow,
  ConflictDeclarationCreate,
  ConflictDeclarationRow,
  EvaluatorCreate,
  EvaluatorRow,
  EvaluatorUpdate,
} from '@innocluster/contracts';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { ConflictError, NotFoundError, ValidationError, translateDbError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import {
  deleteBusinessRelation,
  deleteDeclaration,
  deleteEvaluator,
  findDeclaration,
  insertBusinessRelation,
  insertDeclaration,
  insertEvaluator,
  listBusinessRelations,
  listDeclarations,
  listEvaluators,
  personExists,
  replaceAffiliations,
  updateEvaluator,
} from './evaluator.repository.ts';
import { checkPool, mayManagePool, ownEvaluator } from './review-access.ts';
import { listAssignments } from './review.repository.ts';

const dedupe = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter(Boolean))];

/**
 * The evaluator pool (people with expertise keywords, load bounds and affiliations), the
 * business-relation registry (supplier, customer, shareholder) and conflict declarations.
 * Officers manage the pool; an evaluator sees their own record and declares their conflicts.
 */
export class EvaluatorService {
  constructor(private readonly db: Db) {}

  async list(ctx: RequestContext): Promise<EvaluatorRow[]> {
    checkPool(ctx, 'read', 'evaluator pool');
    return listEvaluators(this.db);
  }

  async get(ctx: RequestContext, id: number): Promise<EvaluatorRow> {
    const [row] = await listEvaluators(this.db, { ids: [id] });
    const own = row !== undefined && row.userId !== null && row.userId === ctx.principal.userId;
    if (row && (own || mayManagePool(ctx, 'read'))) return row;
    if (row && ctx.principal.userId === null) throw denied(ctx, 'read', 'evaluator');
    throw new NotFoundError('evaluator', id);
  }

  async create(ctx: RequestContext, body: EvaluatorCreate): Promise<EvaluatorRow> {
    checkPool(ctx, 'create', 'evaluator');
    try {
      return await this.db.transaction().execute(async (tx) => {
        if (!(await personExists(tx, body.personId)))
          throw new ValidationError(`No person with id ${body.personId}`, [
            { field: 'body.personId', message: `no person with id ${body.personId}` },
          ]);
        const id = await insertEvaluator(tx, {
          personId: body.personId,
          userId: body.userId,
          expertise: dedupe(body.expertise),
          minLoad: body.minLoad,
          maxLoad: body.maxLoad,
          active: body.active,
        });
        await replaceAffiliations(tx, id, body.affiliations);
        const [row] = await listEvaluators(tx, { ids: [id] });
        await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'evaluators', id, null, row)]);
        return row as EvaluatorRow;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async update(ctx: RequestContext, id: number, body: EvaluatorUpdate): Promise<EvaluatorRow> {
    checkPool(ctx, 'update', 'evaluator');
    try {
      return await this.db.transaction().execute(async (tx) => {
        const [before] = await listEvaluators(tx, { ids: [id] });
        if (!before) throw new NotFoundError('evaluator', id);
        const minLoad = body.minLoad ?? before.minLoad;
        const maxLoad = body.maxLoad ?? before.maxLoad;
        if (maxLoad < minLoad)
          throw new ValidationError('maxLoad must not be below minLoad', [
            { field: 'body.maxLoad', message: `must be at least minLoad (${minLoad})` },
          ]);
        await updateEvaluator(tx, id, {
          ...(body.userId !== undefined ? { userId: body.userId } : {}),
          ...(body.expertise !== undefined ? { expertise: dedupe(body.expertise) } : {}),
          minLoad,
          maxLoad,
          ...(body.active !== undefined ? { active: body.active } : {}),
        });
        if (body.affiliations !== undefined) await replaceAffiliations(tx, id, body.affiliations);
        const [after] = await listEvaluators(tx, { ids: [id] });
        await insertAuditEvents(tx, [auditEntry(ctx, 'update', 'evaluators', id, before, after)]);
        return after as EvaluatorRow;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    checkPool(ctx, 'delete', 'evaluator');
    await this.db.transaction().execute(async (tx) => {
      const [before] = await listEvaluators(tx, { ids: [id] });
      if (!before) throw new NotFoundError('evaluator', id);
      const assigned = await listAssignments(tx, { evaluatorId: id });
      if (assigned.length > 0)
        throw new ConflictError(
          `Evaluator ${before.name} has ${assigned.length} review assignments; set them inactive instead of deleting them, so their reviews stay on record.`,
        );
      await deleteEvaluator(tx, id);
      await insertAuditEvents(tx, [auditEntry(ctx, 'delete', 'evaluators', id, before, null)]);
    });
  }

  async listRelations(ctx: RequestContext): Promise<BusinessRelationRow[]> {
    checkPool(ctx, 'read', 'business relations');
    return listBusinessRelations(this.db);
  }

  async createRelation(
    ctx: RequestContext,
    body: BusinessRelationCreate,
  ): Promise<BusinessRelationRow> {
    checkPool(ctx, 'create', 'business relation');
    try {
      return await this.db.transaction().execute(async (tx) => {
        const id = await insertBusinessRelation(tx, body);
        const row = (await listBusinessRelations(tx, [body.fromOrganisationId])).find(
          (r) => r.id === id,
        ) as BusinessRelationRow;
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'create', 'business-relations', id, null, row),
        ]);
        return row;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async removeRelation(ctx: RequestContext, id: number): Promise<void> {
    checkPool(ctx, 'delete', 'business relation');
    await this.db.transaction().execute(async (tx) => {
      const removed = await deleteBusinessRelation(tx, id);
      if (!removed) throw new NotFoundError('business relation', id);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'delete', 'business-relations', id, removed, null),
      ]);
    });
  }

  /** Officers see every declaration; an evaluator sees their own. */
  async listDeclarations(ctx: RequestContext): Promise<ConflictDeclarationRow[]> {
    if (mayManagePool(ctx, 'read')) return listDeclarations(this.db);
    const mine = await ownEvaluator(this.db, ctx);
    return listDeclarations(this.db, { evaluatorIds: [mine.id] });
  }

  /**
   * Records a declared (or personal) conflict. An evaluator declares for themself (the
   * `evaluatorId` of the body, if given, must be their own); an officer names the evaluator.
   */
  async declare(
    ctx: RequestContext,
    body: ConflictDeclarationCreate,
  ): Promise<ConflictDeclarationRow> {
    let evaluatorId: number;
    if (mayManagePool(ctx, 'create')) {
      if (body.evaluatorId === undefined)
        throw new ValidationError('Name the evaluator', [
          { field: 'body.evaluatorId', message: 'required when an officer declares' },
        ]);
      evaluatorId = body.evaluatorId;
    } else {
      const mine = await ownEvaluator(this.db, ctx);
      if (body.evaluatorId !== undefined && body.evaluatorId !== mine.id)
        throw denied(ctx, 'create', 'declaration for another evaluator');
      evaluatorId = mine.id;
    }
    try {
      return await this.db.transaction().execute(async (tx) => {
        const id = await insertDeclaration(tx, {
          evaluatorId,
          proposalId: body.proposalId,
          organisationId: body.organisationId,
          kind: body.kind,
          reason: body.reason,
          declaredBy: ctx.principal.userId,
        });
        const row = (await findDeclaration(tx, id)) as ConflictDeclarationRow;
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'create', 'conflict-declarations', id, null, row),
        ]);
        return row;
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async withdrawDeclaration(ctx: RequestContext, id: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await findDeclaration(tx, id);
      if (!row) throw new NotFoundError('conflict declaration', id);
      if (!mayManagePool(ctx, 'delete')) {
        const mine = await ownEvaluator(tx, ctx);
        if (mine.id !== row.evaluatorId) throw new NotFoundError('conflict declaration', id);
      }
      await deleteDeclaration(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'delete', 'conflict-declarations', id, row, null),
      ]);
    });
  }
}
