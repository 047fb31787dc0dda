import type {
  DemandBackingCreate,
  DemandCommentCreate,
  DemandCreate,
  DemandDetail,
  DemandListQuery,
  DemandRow,
  DemandUpdate,
  IntakeTransitionRequest,
  Page,
} from '@innocluster/contracts';
import {
  decide,
  demandWorkflow,
  readFilter,
  scopesFor,
  type Action,
  type Target,
} from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  translateDbError,
  type FieldError,
} from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import {
  deleteDemandBacking,
  demandSortable,
  demandsByIds,
  existingOrganisations,
  findActivityForDemand,
  findDemand,
  findMiniCluster,
  insertDemand,
  insertDemandBacking,
  insertDemandComment,
  listDemandBackings,
  listDemandComments,
  listDemandIds,
  programmesOfComplex,
  proposalsOfDemand,
  setDemandOrganisations,
  updateDemand,
  type DemandRecord,
} from './demand.repository.ts';
import { listWorkflowEvents } from './proposal-intake.common.ts';
import { nextState, recordTransition, rolesOver, stepsFor } from './workflow-step.ts';

/** What a demand belongs to, for the permission table. */
export function demandTarget(d: {
  programmeId: number | null;
  complexId: number | null;
  miniClusterId: number | null;
  organisationIds: readonly number[];
}): Target {
  return {
    programmeIds: d.programmeId === null ? [] : [d.programmeId],
    complexIds: d.complexId === null ? [] : [d.complexId],
    miniClusterIds: d.miniClusterId === null ? [] : [d.miniClusterId],
    organisationIds: [...d.organisationIds],
  };
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Demands and ideas raised in mini-cluster meetings (DOMAIN.md, "identifying issues" and
 * "sharing ideas"): recorded against the activity where they came up, moved through the
 * demand workflow, and kept in an idea store where organisations comment and back them.
 */
export class DemandService {
  constructor(private readonly db: Db) {}

  async list(ctx: RequestContext, query: DemandListQuery): Promise<Page<DemandRow>> {
    const filter = readFilter(ctx.principal.grants, 'demands');
    if (!filter) throw denied(ctx, 'read', 'list of demands');
    const sortField = (query.sort ?? '-raisedOn').replace(/^-/, '');
    if (!demandSortable.includes(sortField))
      throw new ValidationError(`Cannot sort demands by ${sortField}`, [
        {
          field: 'querystring.sort',
          message: `one of ${demandSortable.join(', ')} (prefix - for descending)`,
        },
      ]);
    const scope = filter.all
      ? ('all' as const)
      : {
          programmeIds: filter.scoped.flatMap((g) => g.programmeIds),
          complexIds: filter.scoped.flatMap((g) => g.complexIds),
          miniClusterIds: filter.scoped.flatMap((g) => g.miniClusterIds),
          organisationIds: filter.scoped.flatMap((g) => g.organisationIds),
        };
    const { ids, total } = await listDemandIds(this.db, query, scope);
    return {
      items: await demandsByIds(this.db, ids),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  private async visible(db: Db, ctx: RequestContext, id: number): Promise<DemandRecord> {
    const row = await findDemand(db, id);
    if (row && decide(ctx.principal.grants, 'demands', 'read', demandTarget(row))) return row;
    if (row && ctx.principal.userId === null) throw denied(ctx, 'read', 'demand');
    throw new NotFoundError('demand', id);
  }

  async get(ctx: RequestContext, id: number): Promise<DemandDetail> {
    return this.detail(this.db, ctx, await this.visible(this.db, ctx, id));
  }

  private async detail(db: Db, ctx: RequestContext, d: DemandRecord): Promise<DemandDetail> {
    const [row] = await demandsByIds(db, [d.id]);
    if (!row) throw new NotFoundError('demand', d.id);
    const roles = rolesOver(ctx, 'demands', demandTarget(d));
    return {
      ...row,
      comments: await listDemandComments(db, d.id),
      backings: await listDemandBackings(db, d.id),
      // Only the answering proposals the caller may read (a firm does not see a rival's).
      proposals: (await proposalsOfDemand(db, d.id))
        .filter((p) =>
          decide(ctx.principal.grants, 'proposals', 'read', {
            programmeIds: [p.programmeId],
            complexIds: p.complexId === null ? [] : [p.complexId],
            miniClusterIds: p.miniClusterId === null ? [] : [p.miniClusterId],
            organisationIds: [p.leadOrganisationId, ...p.partnerIds],
            assigned: (ctx.principal.assigned['proposals'] ?? []).includes(p.id),
          }),
        )
        .map(({ id, title, status }) => ({ id, title, status })),
      allowed: stepsFor(demandWorkflow, d.status, roles),
      events: await listWorkflowEvents(db, 'demand', d.id),
    };
  }

  /**
   * Fills what the activity and mini-cluster imply (complex, programme, date) and checks that
   * they agree; every disagreement is a field error.
   */
  private async resolve(
    db: Db,
    values: {
      programmeId: number | null;
      complexId: number | null;
      miniClusterId: number | null;
      activityId: number | null;
      raisedOn?: string | undefined;
      organisationIds: readonly number[];
    },
  ) {
    const errors: FieldError[] = [];
    let { programmeId, complexId, miniClusterId } = values;
    let raisedOn = values.raisedOn;
    if (values.activityId !== null) {
      const activity = await findActivityForDemand(db, values.activityId);
      if (!activity)
        errors.push({
          field: 'body.activityId',
          message: `no activity with id ${values.activityId}`,
        });
      else {
        programmeId ??= activity.programmeId;
        complexId ??= activity.complexId;
        raisedOn ??= activity.heldOn;
        if (miniClusterId === null && activity.miniClusterIds.length === 1)
          miniClusterId = activity.miniClusterIds[0] ?? null;
      }
    }
    if (miniClusterId !== null) {
      const mini = await findMiniCluster(db, miniClusterId);
      if (!mini)
        errors.push({
          field: 'body.miniClusterId',
          message: `no mini-cluster with id ${miniClusterId}`,
        });
      else if (complexId !== null && mini.complexId !== complexId)
        errors.push({
          field: 'body.miniClusterId',
          message: `mini-cluster ${miniClusterId} belongs to complex ${mini.complexId}, not ${complexId}`,
        });
      else complexId = mini.complexId;
    }
    if (programmeId === null && complexId !== null) {
      const programmes = await programmesOfComplex(db, complexId);
      if (programmes.length === 1) programmeId = programmes[0] ?? null;
    }
    const found = await existingOrganisations(db, values.organisationIds);
    values.organisationIds.forEach((id, i) => {
      if (!found.has(id))
        errors.push({
          field: `body.organisationIds.${i}`,
          message: `no organisation with id ${id}`,
        });
    });
    if (errors.length) throw new ValidationError('Invalid demand', errors);
    return {
      programmeId,
      complexId,
      miniClusterId,
      activityId: values.activityId,
      raisedOn: raisedOn ?? today(),
      organisationIds: [...new Set(values.organisationIds)],
    };
  }

  private check(ctx: RequestContext, action: Action, target: Parameters<typeof demandTarget>[0]) {
    if (!decide(ctx.principal.grants, 'demands', action, demandTarget(target)))
      throw denied(ctx, action, 'demand');
  }

  async create(ctx: RequestContext, body: DemandCreate): Promise<DemandDetail> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const resolved = await this.resolve(tx, body);
        this.check(ctx, 'create', resolved);
        const { organisationIds, ...columns } = resolved;
        const id = await insertDemand(tx, {
          ...columns,
          title: body.title,
          description: body.description,
          supportArea: body.supportArea,
          field: body.field,
          status: demandWorkflow.initial,
          createdBy: ctx.principal.userId,
          synthetic: body.synthetic,
        });
        await setDemandOrganisations(tx, id, organisationIds);
        const created = (await findDemand(tx, id))!;
        await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'demand', id, null, created)]);
        await recordTransition(tx, ctx, {
          entity: 'demand',
          entityId: id,
          from: null,
          to: demandWorkflow.initial,
          request: { action: 'raise', onDate: resolved.raisedOn },
          synthetic: body.synthetic,
        });
        return this.detail(tx, ctx, created);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async update(ctx: RequestContext, id: number, body: DemandUpdate): Promise<DemandDetail> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const before = await this.visible(tx, ctx, id);
        this.check(ctx, 'update', before);
        const resolved = await this.resolve(tx, {
          programmeId: body.programmeId !== undefined ? body.programmeId : before.programmeId,
          complexId: body.complexId !== undefined ? body.complexId : before.complexId,
          miniClusterId:
            body.miniClusterId !== undefined ? body.miniClusterId : before.miniClusterId,
          activityId: body.activityId !== undefined ? body.activityId : before.activityId,
          raisedOn: body.raisedOn ?? before.raisedOn,
          organisationIds: body.organisationIds ?? before.organisationIds,
        });
        // A change may not move the demand out of the user's reach.
        this.check(ctx, 'update', resolved);
        const { organisationIds, ...columns } = resolved;
        await updateDemand(tx, id, {
          ...columns,
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.supportArea !== undefined ? { supportArea: body.supportArea } : {}),
          ...(body.field !== undefined ? { field: body.field } : {}),
        });
        await setDemandOrganisations(tx, id, organisationIds);
        const after = (await findDemand(tx, id))!;
        await insertAuditEvents(tx, [auditEntry(ctx, 'update', 'demand', id, before, after)]);
        return this.detail(tx, ctx, after);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  /** One step of the demand workflow; 409 listing the allowed steps when it is not open. */
  async transition(
    ctx: RequestContext,
    id: number,
    request: IntakeTransitionRequest,
  ): Promise<DemandDetail> {
    return this.db.transaction().execute(async (tx) => {
      const before = await this.visible(tx, ctx, id);
      const roles = rolesOver(ctx, 'demands', demandTarget(before));
      if (roles.length === 0) throw denied(ctx, 'update', 'demand');
      const to = nextState(demandWorkflow, before.status, request, roles);
      await updateDemand(tx, id, { status: to });
      await recordTransition(tx, ctx, {
        entity: 'demand',
        entityId: id,
        from: before.status,
        to,
        request,
      });
      return this.detail(tx, ctx, (await findDemand(tx, id))!);
    });
  }

  /** Anyone who may raise demands somewhere may comment on a visible one. */
  async comment(ctx: RequestContext, id: number, body: DemandCommentCreate): Promise<DemandDetail> {
    return this.db.transaction().execute(async (tx) => {
      const demand = await this.visible(tx, ctx, id);
      if (
        ctx.principal.userId === null ||
        scopesFor(ctx.principal.grants, 'demands', 'create').length === 0
      )
        throw denied(ctx, 'create', 'comment');
      const commentId = await insertDemandComment(tx, {
        demandId: id,
        userId: ctx.principal.userId,
        body: body.body,
      });
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'demand_comment', commentId, null, {
          demandId: id,
          body: body.body,
        }),
      ]);
      return this.detail(tx, ctx, demand);
    });
  }

  /**
   * An organisation backs an idea, once: the caller's grants must reach that organisation (a
   * member backs for its own firm). Ideas in a final state can no longer be backed.
   */
  async back(ctx: RequestContext, id: number, body: DemandBackingCreate): Promise<DemandDetail> {
    return this.db.transaction().execute(async (tx) => {
      const demand = await this.visible(tx, ctx, id);
      if (!(await existingOrganisations(tx, [body.organisationId])).has(body.organisationId))
        throw new ValidationError('Unknown organisation', [
          {
            field: 'body.organisationId',
            message: `no organisation with id ${body.organisationId}`,
          },
        ]);
      if (
        !decide(ctx.principal.grants, 'demands', 'create', {
          organisationIds: [body.organisationId],
        })
      )
        throw denied(ctx, 'create', 'backing for this organisation');
      if (demandWorkflow.terminal.includes(demand.status))
        throw new ConflictError(`demand ${id} is ${demand.status}; it can no longer be backed`, [
          { field: 'status', message: demand.status },
        ]);
      const added = await insertDemandBacking(tx, {
        demandId: id,
        organisationId: body.organisationId,
        userId: ctx.principal.userId,
        note: body.note,
      });
      if (!added)
        throw new ConflictError(
          `organisation ${body.organisationId} already backs demand ${id}; an organisation backs an idea once`,
          [{ field: 'body.organisationId', message: 'already backs this demand' }],
        );
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'create', 'demand_backing', `${id}:${body.organisationId}`, null, {
          demandId: id,
          ...body,
        }),
      ]);
      return this.detail(tx, ctx, demand);
    });
  }

  async unback(ctx: RequestContext, id: number, organisationId: number): Promise<DemandDetail> {
    return this.db.transaction().execute(async (tx) => {
      const demand = await this.visible(tx, ctx, id);
      if (!decide(ctx.principal.grants, 'demands', 'create', { organisationIds: [organisationId] }))
        throw denied(ctx, 'delete', 'backing for this organisation');
      if (!(await deleteDemandBacking(tx, id, organisationId)))
        throw new NotFoundError('backing of demand by organisation', organisationId);
      await insertAuditEvents(tx, [
        auditEntry(
          ctx,
          'delete',
          'demand_backing',
          `${id}:${organisationId}`,
          { demandId: id, organisationId },
          null,
        ),
      ]);
      return this.detail(tx, ctx, demand);
    });
  }

  /**
   * Marks a demand answered when a proposal answering it is submitted (the proposal service
   * calls this in its transaction). A demand already final is left as it is.
   */
  static async linkProposal(tx: Db, ctx: RequestContext, demandId: number): Promise<void> {
    const demand = await findDemand(tx, demandId);
    if (!demand) return;
    const step = demandWorkflow.transitions.find(
      (t) => t.from === demand.status && t.action === 'link_proposal',
    );
    if (!step) return;
    await updateDemand(tx, demandId, { status: step.to });
    await recordTransition(tx, ctx, {
      entity: 'demand',
      entityId: demandId,
      from: demand.status,
      to: step.to,
      request: { action: 'link_proposal', reason: 'a proposal answering it was submitted' },
    });
  }
}
