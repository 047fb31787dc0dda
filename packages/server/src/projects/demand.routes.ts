import {
  demandBackingCreate,
  demandCommentCreate,
  demandCreate,
  demandDetail,
  demandListQuery,
  demandPage,
  demandUpdate,
  idParams,
  intakeTransitionRequest,
  problemSchema,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DemandService } from './demand.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const tags = ['Demands'];

/** Demands and ideas under /api/v1/demands: the idea store, comments, backing, workflow. */
export function registerDemandRoutes(app: FastifyInstance, demands: DemandService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/demands';
  r.get(base, {
    schema: {
      tags,
      summary: 'List demands and ideas',
      description:
        'Latest raised first; filter by programme, complex, mini-cluster, activity, organisation (raising or backing), support area, status; ideas=true shows the idea store (state open_idea); q searches title, description and field.',
      querystring: demandListQuery,
      response: { 200: demandPage, ...problems },
    },
    handler: async (req) => demands.list(req.ctx, req.query),
  });
  r.get(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Get a demand with comments, backing, proposals, allowed steps and timeline',
      params: idParams,
      response: { 200: demandDetail, ...problems },
    },
    handler: async (req) => demands.get(req.ctx, req.params.id),
  });
  r.post(base, {
    schema: {
      tags,
      summary: 'Record a demand raised at an activity',
      description:
        'The complex, programme, mini-cluster (when the activity has one) and date default to those of the activity.',
      body: demandCreate,
      response: { 201: demandDetail, ...problems },
    },
    handler: async (req, reply) => reply.code(201).send(await demands.create(req.ctx, req.body)),
  });
  r.patch(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Change a demand',
      params: idParams,
      body: demandUpdate,
      response: { 200: demandDetail, ...problems },
    },
    handler: async (req) => demands.update(req.ctx, req.params.id, req.body),
  });
  r.post(`${base}/:id/transitions`, {
    schema: {
      tags,
      summary: 'Take a step of the demand workflow',
      description:
        'Actions: discuss, publish_idea, link_proposal, resolve_elsewhere, drop (the last two need a reason). 409 lists the allowed steps.',
      params: idParams,
      body: intakeTransitionRequest,
      response: { 200: demandDetail, ...problems },
    },
    handler: async (req) => demands.transition(req.ctx, req.params.id, req.body),
  });
  r.post(`${base}/:id/comments`, {
    schema: {
      tags,
      summary: 'Comment on a demand or idea',
      params: idParams,
      body: demandCommentCreate,
      response: { 201: demandDetail, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await demands.comment(req.ctx, req.params.id, req.body)),
  });
  r.post(`${base}/:id/backings`, {
    schema: {
      tags,
      summary: 'Back an idea for an organisation (once per organisation)',
      params: idParams,
      body: demandBackingCreate,
      response: { 201: demandDetail, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await demands.back(req.ctx, req.params.id, req.body)),
  });
  r.delete(`${base}/:id/backings/:organisationId`, {
    schema: {
      tags,
      summary: 'Withdraw an organisation’s backing',
      params: idParams.extend({ organisationId: z.coerce.number().int().positive() }),
      response: { 200: demandDetail, ...problems },
    },
    handler: async (req) => demands.unback(req.ctx, req.params.id, req.params.organisationId),
  });
}
