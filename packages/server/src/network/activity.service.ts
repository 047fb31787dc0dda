import type {
  ActivityCreate,
  ActivityDetail,
  ActivityListQuery,
  ActivityRow,
  ActivityUpdate,
  AttendeeAddRequest,
  AttendeeAddResponse,
  Page,
} from '@innocluster/contracts';
import {
  buildNameIndex,
  decide,
  matchOrganisationName,
  readFilter,
  type Action,
  type Target,
} from '@innocluster/domain';
import { insertAuditEvents } from '../audit/audit.repository.ts';
import { auditEntry } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/principal.ts';
import type { Db } from '../db/database.ts';
import { NotFoundError, ValidationError, translateDbError, type FieldError } from '../errors.ts';
import { denied } from '../registry/registry.service.ts';
import {
  attendeesByIds,
  deleteActivity,
  deleteAttendee,
  findActivity,
  findAttendee,
  insertActivity,
  insertAttendees,
  listActivities,
  listAttendees,
  miniClustersByIds,
  organisationNames,
  organisationsByIds,
  personsByIds,
  setActivityMiniClusters,
  touchActivity,
  updateActivity,
  type ActivityRecord,
  type ActivityScope,
  type AttendeeValues,
} from './activity.repository.ts';

/** What an activity belongs to, for the permission table: its programme, complex and mini-clusters. */
export function activityTarget(a: {
  programmeId?: number | null;
  complexId?: number | null;
  miniClusterIds?: readonly number[];
}): Target {
  return {
    programmeIds: typeof a.programmeId === 'number' ? [a.programmeId] : [],
    complexIds: typeof a.complexId === 'number' ? [a.complexId] : [],
    miniClusterIds: [...(a.miniClusterIds ?? [])],
  };
}

/** Throws 401/403 unless the user's grants allow the action on an activity with these values. */
export function checkActivity(
  ctx: RequestContext,
  action: Action,
  a: Parameters<typeof activityTarget>[0],
): void {
  if (!decide(ctx.principal.grants, 'activities', action, activityTarget(a)))
    throw denied(ctx, action, 'activity');
}

/**
 * Checks that the mini-clusters exist and lie in the activity's complex; an activity given
 * only mini-clusters of one complex takes that complex. Returns the complex.
 */
export async function resolveMiniClusters(
  db: Db,
  complexId: number | null,
  miniClusterIds: readonly number[],
  field = 'body.miniClusterIds',
): Promise<number | null> {
  if (miniClusterIds.length === 0) return complexId;
  const found = await miniClustersByIds(db, miniClusterIds);
  const errors: FieldError[] = [];
  const byId = new Map(found.map((m) => [m.id, m]));
  miniClusterIds.forEach((id, i) => {
    const m = byId.get(id);
    if (!m) errors.push({ field: `${field}.${i}`, message: `no mini-cluster with id ${id}` });
    else if (complexId !== null && m.complexId !== complexId)
      errors.push({
        field: `${field}.${i}`,
        message: `mini-cluster ${id} belongs to complex ${m.complexId}, not ${complexId}`,
      });
  });
  const complexes = new Set(found.map((m) => m.complexId));
  if (complexId === null && complexes.size > 1)
    errors.push({ field, message: 'mini-clusters of several complexes: give complexId' });
  if (errors.length) throw new ValidationError('Invalid mini-clusters', errors);
  return complexId ?? found[0]?.complexId ?? null;
}

const asRow = (r: ActivityRecord) => r as unknown as ActivityRow;

/**
 * Networking activities (forums, seminars, workshops, meetings, consultations, matchmaking,
 * exhibitions) and their attendees. Checks the permission table, owns the transactions and
 * audits every change.
 */
export class ActivityService {
  constructor(private readonly db: Db) {}

  async list(ctx: RequestContext, query: ActivityListQuery): Promise<Page<ActivityRow>> {
    const filter = readFilter(ctx.principal.grants, 'activities');
    if (!filter) throw denied(ctx, 'read', 'list of activities');
    const sortField = (query.sort ?? '-heldOn').replace(/^-/, '');
    if (!['id', 'heldOn', 'title', 'kind', 'complexId'].includes(sortField))
      throw new ValidationError(`Cannot sort activities by ${sortField}`, [
        {
          field: 'querystring.sort',
          message: 'one of id, heldOn, title, kind, complexId (prefix - for descending)',
        },
      ]);
    const scope: ActivityScope | 'all' = filter.all
      ? 'all'
      : {
          programmeIds: filter.scoped.flatMap((g) => g.programmeIds),
          complexIds: filter.scoped.flatMap((g) => g.complexIds),
          miniClusterIds: filter.scoped.flatMap((g) => g.miniClusterIds),
        };
    const { rows, total } = await listActivities(this.db, query, scope);
    return { items: rows.map(asRow), total, page: query.page, pageSize: query.pageSize };
  }

  /** The activity if the user may see it; 404 otherwise, so ids cannot be probed. */
  private async visible(db: Db, ctx: RequestContext, id: number): Promise<ActivityRecord> {
    const row = await findActivity(db, id);
    if (row && decide(ctx.principal.grants, 'activities', 'read', activityTarget(row))) return row;
    if (row && ctx.principal.userId === null) throw denied(ctx, 'read', 'activity');
    throw new NotFoundError('activity', id);
  }

  private async detail(db: Db, id: number): Promise<ActivityDetail> {
    const row = await findActivity(db, id);
    if (!row) throw new NotFoundError('activity', id);
    return { ...asRow(row), attendees: await listAttendees(db, id) };
  }

  async get(ctx: RequestContext, id: number): Promise<ActivityDetail> {
    await this.visible(this.db, ctx, id);
    return this.detail(this.db, id);
  }

  async create(ctx: RequestContext, body: ActivityCreate): Promise<ActivityDetail> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const complexId = await resolveMiniClusters(tx, body.complexId, body.miniClusterIds);
        checkActivity(ctx, 'create', { ...body, complexId });
        const id = await insertActivity(tx, {
          programmeId: body.programmeId,
          complexId,
          kind: body.kind,
          title: body.title,
          topic: body.topic,
          heldOn: body.heldOn,
          hostOrganisationId: body.hostOrganisationId,
          synthetic: body.synthetic,
        });
        await setActivityMiniClusters(tx, id, body.miniClusterIds);
        const created = await this.detail(tx, id);
        await insertAuditEvents(tx, [auditEntry(ctx, 'create', 'activities', id, null, created)]);
        if (body.attendees)
          await this.addAttendeesIn(tx, ctx, id, body.attendees, 'body.attendees');
        return this.detail(tx, id);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async update(ctx: RequestContext, id: number, body: ActivityUpdate): Promise<ActivityDetail> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const before = await this.visible(tx, ctx, id);
        checkActivity(ctx, 'update', before);
        const miniClusterIds = body.miniClusterIds ?? before.miniClusterIds;
        // Mini-clusters from another complex need the complex changed in the same request.
        const complexId = await resolveMiniClusters(
          tx,
          body.complexId !== undefined ? body.complexId : before.complexId,
          miniClusterIds,
        );
        const after = {
          programmeId: body.programmeId !== undefined ? body.programmeId : before.programmeId,
          complexId,
          miniClusterIds,
        };
        // A change may not move an activity out of the user's reach either.
        checkActivity(ctx, 'update', after);
        const { miniClusterIds: changedClusters, ...fields } = body;
        await updateActivity(tx, id, { ...fields, complexId });
        if (changedClusters) await setActivityMiniClusters(tx, id, changedClusters);
        await insertAuditEvents(tx, [
          auditEntry(ctx, 'update', 'activities', id, before, await findActivity(tx, id)),
        ]);
        return this.detail(tx, id);
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  async remove(ctx: RequestContext, id: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const before = await this.visible(tx, ctx, id);
      checkActivity(ctx, 'delete', before);
      const attendees = await listAttendees(tx, id);
      await deleteActivity(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'delete', 'activities', id, { ...before, attendees }, null),
      ]);
    });
  }

  /** Quick entry: adds organisations, people and names as written to an activity. */
  async addAttendees(
    ctx: RequestContext,
    id: number,
    body: AttendeeAddRequest,
  ): Promise<AttendeeAddResponse> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const activity = await this.visible(tx, ctx, id);
        checkActivity(ctx, 'update', activity);
        return this.addAttendeesIn(tx, ctx, id, body, 'body');
      });
    } catch (error) {
      throw translateDbError(error);
    }
  }

  private async addAttendeesIn(
    tx: Db,
    ctx: RequestContext,
    activityId: number,
    body: Pick<AttendeeAddRequest, 'organisationIds' | 'personIds' | 'names'>,
    at: string,
  ): Promise<AttendeeAddResponse> {
    const errors: FieldError[] = [];
    const organisations = new Set(
      (await organisationsByIds(tx, body.organisationIds)).map((o) => o.id),
    );
    body.organisationIds.forEach((orgId, i) => {
      if (!organisations.has(orgId))
        errors.push({
          field: `${at}.organisationIds.${i}`,
          message: `no organisation with id ${orgId}`,
        });
    });
    const people = new Map((await personsByIds(tx, body.personIds)).map((p) => [p.id, p]));
    body.personIds.forEach((personId, i) => {
      if (!people.has(personId))
        errors.push({ field: `${at}.personIds.${i}`, message: `no person with id ${personId}` });
    });
    if (errors.length) throw new ValidationError('Unknown attendees', errors);

    const rows: AttendeeValues[] = [
      ...[...new Set(body.organisationIds)].map((organisationId) => ({
        activityId,
        organisationId,
        personId: null,
        nameAsWritten: null,
        match: 'manual',
        matchScore: null,
      })),
      ...[...new Set(body.personIds)].map((personId) => ({
        activityId,
        organisationId: people.get(personId)?.organisationId ?? null,
        personId,
        nameAsWritten: null,
        match: 'manual',
        matchScore: null,
      })),
    ];
    const unmatched: string[] = [];
    if (body.names.length) {
      const index = buildNameIndex(await organisationNames(tx));
      for (const name of body.names) {
        // Quick entry takes exact matches only; near misses go through an import's review.
        const result = matchOrganisationName(index, name);
        if (result.match === 'exact') {
          rows.push({
            activityId,
            organisationId: result.organisationId,
            personId: null,
            nameAsWritten: name,
            match: 'exact',
            matchScore: 1,
          });
        } else {
          unmatched.push(name);
          rows.push({
            activityId,
            organisationId: null,
            personId: null,
            nameAsWritten: name,
            match: 'none',
            matchScore: null,
          });
        }
      }
    }
    const ids = await insertAttendees(tx, rows);
    const added = await attendeesByIds(tx, ids);
    if (added.length) {
      await touchActivity(tx, activityId);
      await insertAuditEvents(
        tx,
        added.map((a) => auditEntry(ctx, 'create', 'activity-attendees', a.id, null, a)),
      );
    }
    return { added, alreadyPresent: rows.length - ids.length, unmatched };
  }

  async removeAttendee(ctx: RequestContext, id: number, attendeeId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const activity = await this.visible(tx, ctx, id);
      checkActivity(ctx, 'update', activity);
      const attendee = await findAttendee(tx, id, attendeeId);
      if (!attendee) throw new NotFoundError(`attendee of activity ${id}`, attendeeId);
      await deleteAttendee(tx, attendeeId);
      await touchActivity(tx, id);
      await insertAuditEvents(tx, [
        auditEntry(ctx, 'delete', 'activity-attendees', attendeeId, attendee, null),
      ]);
    });
  }
}
