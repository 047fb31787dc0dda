import {
  activityCreate,
  activityDetail,
  activityListQuery,
  activityPage,
  activityUpdate,
  attendeeAddRequest,
  attendeeAddResponse,
  idParams,
  problemSchema,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ActivityService } from './activity.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const tags = ['Activities'];

/** Networking activities and their attendees under /api/v1/activities. */
export function registerActivityRoutes(app: FastifyInstance, activities: ActivityService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/activities';
  r.get(base, {
    schema: {
      tags,
      summary: 'List activities',
      description:
        'Paginated, newest first by default; sort by id, heldOn, title, kind or complexId; filter by programme, complex, mini-cluster, kind, date range (from, to) and organisation (host or attendee); q searches title and topic.',
      querystring: activityListQuery,
      response: { 200: activityPage, ...problems },
    },
    handler: async (req) => activities.list(req.ctx, req.query),
  });
  r.get(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Get an activity with its attendees',
      params: idParams,
      response: { 200: activityDetail, ...problems },
    },
    handler: async (req) => activities.get(req.ctx, req.params.id),
  });
  r.post(base, {
    schema: {
      tags,
      summary: 'Record an activity',
      description:
        'With its mini-clusters and, optionally, attendees (organisation ids, person ids, names matched exactly). Mini-clusters of one complex set the complex when none is given.',
      body: activityCreate,
      response: { 201: activityDetail, ...problems },
    },
    handler: async (req, reply) => reply.code(201).send(await activities.create(req.ctx, req.body)),
  });
  r.patch(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Change an activity',
      params: idParams,
      body: activityUpdate,
      response: { 200: activityDetail, ...problems },
    },
    handler: async (req) => activities.update(req.ctx, req.params.id, req.body),
  });
  r.delete(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Delete an activity and its attendees',
      params: idParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await activities.remove(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
  r.post(`${base}/:id/attendees`, {
    schema: {
      tags,
      summary: 'Add attendees (quick entry)',
      description:
        'Organisation ids, person ids and names as written. Names match registry organisations exactly (case, spaces and legal forms such as (주) or Co., Ltd. ignored); others are kept as written, unmatched. Attendees already recorded are skipped.',
      params: idParams,
      body: attendeeAddRequest,
      response: { 200: attendeeAddResponse, ...problems },
    },
    handler: async (req) => activities.addAttendees(req.ctx, req.params.id, req.body),
  });
  r.delete(`${base}/:id/attendees/:attendeeId`, {
    schema: {
      tags,
      summary: 'Remove an attendee',
      params: idParams.extend({ attendeeId: z.coerce.number().int().positive() }),
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await activities.removeAttendee(req.ctx, req.params.id, req.params.attendeeId);
      return reply.code(204).send(null);
    },
  });
}
