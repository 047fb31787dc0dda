import {
  instrumentRules,
  type CallCreate,
  type CallDetail,
  type CallListQuery,
  type CallRow,
  type CallUpdate,
  type InstrumentRulesData,
  type IntakeTransitionRequest,
  type Page,
} from '@innocluster/contracts';
import { callWorkflow, decide, readFilter, type InstrumentRules } from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import {
  AppError,
  ConflictError,
  NotFoundError,
  ValidationError,
  translateDbError,
} from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import {
  callSortable,
  callsByIds,
  findCall,
  insertCall,
  listCallIds,
  replaceInstruments,
  updateCall,
  type CallRecord,
} from './call.repository.ts';
import { listWorkflowEvents } from './proposal-intake.common.ts';
import { nextState, recordTransition, rolesOver, stepsFor } from './workflow-step.ts';

/** The domain's InstrumentRules of a stored instrument (rules as data plus code and name). */
export function instrumentRulesOf(instrument: {
  code: string;
  name: string;
  rules: unknown;
}): InstrumentRules {
  // Rules written around the API (SQL, imports) are checked here, so a malformed instrument
  // is named instead of failing somewhere inside the rule check.
  const parsed = instrumentRules.safeParse(instrument.rules);
  if (!parsed.success)
    throw new AppError(
      500,
      'Invalid instrument rules',
      `instrument ${instrument.code} has invalid rules: ${parsed.error.issues
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}`,
    );
  const rules: InstrumentRulesData = parsed.data;
  return { code: instrument.code, name: instrument.name, ...rules };
}

/** States in which a call's terms (dates, budget, rubric, instruments) may still change. */
const editableStates = ['draft', 'open'];

const callTarget = (c: { programmeId: number }) => ({ programmeIds: [c.programmeId] });

/**
 * Calls for proposals of a programme: budget, dates, reviews per proposal, a rubric of
 * weighted criteria, and instruments whose funding rules are data (DOMAIN.md: rules "an
 * officer must be able to configure per call, not constants").
 */
export class CallService {
  constructor(private readonly db: Db) {}

  async list(ctx: RequestContext, query: CallListQuery): Promise<Page<CallRow>> {
    const filter = readFilter(ctx.principal.grants, 'calls');
    if (!filter) throw denied(ctx, 'read', 'list of calls');
    const sortField = (query.sort ?? '-opensOn').replace(/^-/, '');
    if (!callSortable.includes(sortField))
      throw new ValidationError(`Cannot sort calls by ${sortField}`, [
        {
          field: 'querystring.sort',
          message: `one of ${callSortable.join(', ')} (prefix - for descending)`,
        },
      ]);
    const programmes = filter.all ? ('all' as const) : filter.scoped.flatMap((g) => g.programmeIds);
    const { ids, total } = await listCallIds(this.db, query, programmes);
    return {
      items: await callsByIds(this.db, ids),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** The call if the caller may read it; 404 otherwise (ids cannot be probed). */
  async visible(db: Db, ctx: RequestContext, id: number): Promise<CallRecord> {
    const row = await findCall(db, id);
    if (row && decide(ctx.principal.grants, 'calls', 'read', callTarget(row))) return row;
    if (row && ctx.principal.userId === null) throw denied(ctx, 'read', 'call');
    throw new NotFoundError('call', id);
  }

  async get(ctx: RequestContext, id: number): Promise<CallDetail> {
    return this.detail(this.db, ctx, await this.visible(this.db, ctx, id));
  }

  private async detail(db: Db, ctx: RequestContext, call: CallRecord): Promise<CallDetail> {
    const [row] = await callsByIds(db, [call.id]);
    if (!row) throw new NotFoundError('call', call.id);
    return {
      ...row,
      allowed: stepsFor(callWorkflow, call.status, rolesOver(ctx, 'calls', callTarget(call))),
      events: await listWorkflowEvents(db, 'call', call.id),
    };
  }

  private checkDates(v: { opensOn: string; closesOn: string; decisionBy: string | null }) {
    if (v.closesOn < v.opensOn)
      throw new ValidationError('closesOn must not be before opensOn', [
        { field: 'body.closesOn', message: `must not be before opensOn (${v.opensOn})` },
      ]);
    if (v.decisionBy !== null && v.decisionBy < v.closesOn)
      throw new ValidationError('decisionBy must not be before closesOn', [
        { field: 'body.decisionBy', message: `must not be before closesOn (${v.closesOn})` },
      ]);
  }

  async create(ctx: RequestContext, body: CallCreate): Promise<CallDetail> {
    if (!decide(ctx.principal.grants, 'calls', 'create', callTarget(body)))
      throw denied(ctx, 'create', 'call');
    this.checkDates(body);
    try {
      return await this.db.transaction().execute(async (tx) => {
        const { instruments, ...values } = body;
        const id = await insertCall(tx, { ...values, status: callWorkflow.initial });
        await replaceInstruments(
          tx,
          id,
          instruments.map((i) => ({ ...i, synthetic: body.synthetic })),
        );
        const [created] = await callsByIds(tx, [id]);
        await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'call', id, null, created)]);
        await recordTransition(tx, ctx, {
          entity: 'call',
          entityId: id,
          from: null,
          to: callWorkflow.initial,
          request: { action: 'create' },
          synthetic: body.synthetic,
        });
        return this.detail(tx, ctx, (await findCall(tx, id))!);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async update(ctx: RequestContext, id: number, body: CallUpdate): Promise<CallDetail> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const before = await this.visible(tx, ctx, id);
        if (!decide(ctx.principal.grants, 'calls', 'update', callTarget(before)))
          throw denied(ctx, 'update', 'call');
        if (!editableStates.includes(before.status))
          throw new ConflictError(
            `call ${id} is ${before.status}; its terms can change only while draft or open`,
            [{ field: 'status', message: before.status }],
          );
        this.checkDates({
          opensOn: body.opensOn ?? before.opensOn,
          closesOn: body.closesOn ?? before.closesOn,
          decisionBy: body.decisionBy !== undefined ? body.decisionBy : before.decisionBy,
        });
        const [beforeRow] = await callsByIds(tx, [id]);
        const { instruments, ...values } = body;
        await updateCall(tx, id, values);
        if (instruments) await replaceInstruments(tx, id, instruments);
        const [afterRow] = await callsByIds(tx, [id]);
        await insertAuditEvents(tx, [auditEntry(ctx, 'update', 'call', id, beforeRow, afterRow)]);
        return this.detail(tx, ctx, (await findCall(tx, id))!);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  /** One step of the call workflow (open, close, start_review, decide, archive, cancel). */
  async transition(
    ctx: RequestContext,
    id: number,
    request: IntakeTransitionRequest,
  ): Promise<CallDetail> {
    return this.db.transaction().execute(async (tx) => {
      const before = await this.visible(tx, ctx, id);
      const roles = rolesOver(ctx, 'calls', callTarget(before));
      if (roles.length === 0) throw denied(ctx, 'update', 'call');
      const to = nextState(callWorkflow, before.status, request, roles);
      await updateCall(tx, id, { status: to });
      await recordTransition(tx, ctx, {
        entity: 'call',
        entityId: id,
        from: before.status,
        to,
        request,
      });
      return this.detail(tx, ctx, (await findCall(tx, id))!);
    });
  }
}
