import {
  collaborationCreate,
  collaborationListQuery,
  collaborationPage,
  collaborationRow,
  collaborationUpdate,
  idParams,
  problemSchema,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CollaborationService } from './collaboration.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const tags = ['Collaborations'];

/** Typed ties between organisations under /api/v1/collaborations. */
export function registerCollaborationRoutes(
  app: FastifyInstance,
  collaborations: CollaborationService,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/collaborations';
  r.get(base, {
    schema: {
      tags,
      summary: 'List collaborations',
      description:
        'Paginated, latest first by default; sort by id, startedOn, kind or valueKrw; filter by kind, organisation (either party), complex (either party’s), running window (from, to); q searches the description. valueKrw is in KRW.',
      querystring: collaborationListQuery,
      response: { 200: collaborationPage, ...problems },
    },
    handler: async (req) => collaborations.list(req.ctx, req.query),
  });
  r.get(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Get a collaboration',
      params: idParams,
      response: { 200: collaborationRow, ...problems },
    },
    handler: async (req) => collaborations.get(req.ctx, req.params.id),
  });
  r.post(base, {
    schema: {
      tags,
      summary: 'Record a collaboration',
      body: collaborationCreate,
      response: { 201: collaborationRow, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await collaborations.create(req.ctx, req.body)),
  });
  r.patch(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Change a collaboration',
      params: idParams,
      body: collaborationUpdate,
      response: { 200: collaborationRow, ...problems },
    },
    handler: async (req) => collaborations.update(req.ctx, req.params.id, req.body),
  });
  r.delete(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Delete a collaboration',
      params: idParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await collaborations.remove(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
}
