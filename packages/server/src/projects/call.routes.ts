import {
  callCreate,
  callDetail,
  callListQuery,
  callPage,
  callUpdate,
  idParams,
  intakeTransitionRequest,
  problemSchema,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { CallService } from './call.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const tags = ['Calls'];

/** Calls for proposals under /api/v1/calls: instruments with rules as data, rubric, workflow. */
export function registerCallRoutes(app: FastifyInstance, calls: CallService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/calls';
  r.get(base, {
    schema: {
      tags,
      summary: 'List calls for proposals',
      description: 'Latest opening first; filter by programme and status. Money in KRW.',
      querystring: callListQuery,
      response: { 200: callPage, ...problems },
    },
    handler: async (req) => calls.list(req.ctx, req.query),
  });
  r.get(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Get a call with instruments, rubric, allowed steps and timeline',
      params: idParams,
      response: { 200: callDetail, ...problems },
    },
    handler: async (req) => calls.get(req.ctx, req.params.id),
  });
  r.post(base, {
    schema: {
      tags,
      summary: 'Create a call (draft) with its instruments and rubric',
      description:
        'Rubric criteria need weight > 0 and maxScore > 0; instrument rules are InstrumentRules without code and name (shares 0 to 1, amounts in KRW).',
      body: callCreate,
      response: { 201: callDetail, ...problems },
    },
    handler: async (req, reply) => reply.code(201).send(await calls.create(req.ctx, req.body)),
  });
  r.patch(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Change a call while draft or open',
      params: idParams,
      body: callUpdate,
      response: { 200: callDetail, ...problems },
    },
    handler: async (req) => calls.update(req.ctx, req.params.id, req.body),
  });
  r.post(`${base}/:id/transitions`, {
    schema: {
      tags,
      summary: 'Take a step of the call workflow',
      description:
        'Actions: open, close, start_review, decide, archive, cancel (needs a reason). 409 lists the allowed steps.',
      params: idParams,
      body: intakeTransitionRequest,
      response: { 200: callDetail, ...problems },
    },
    handler: async (req) => calls.transition(req.ctx, req.params.id, req.body),
  });
}
