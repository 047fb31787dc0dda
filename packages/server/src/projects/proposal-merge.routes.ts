import {
  idParams,
  problemSchema,
  proposalMergeCreate,
  proposalMergeDecision,
  proposalMergeListQuery,
  proposalMergeRow,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProposalMergeService } from './proposal-merge.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const tags = ['Proposals'];

/** Merge requests under /api/v1/proposal-merges: they go ahead only with every lead's consent. */
export function registerProposalMergeRoutes(
  app: FastifyInstance,
  merges: ProposalMergeService,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/proposal-merges';
  r.get(base, {
    schema: {
      tags,
      summary: 'List merge requests (those naming a proposal the caller can see)',
      querystring: proposalMergeListQuery,
      response: { 200: z.array(proposalMergeRow), ...problems },
    },
    handler: async (req) => merges.list(req.ctx, req.query),
  });
  r.get(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Get a merge request with each lead’s decision',
      params: idParams,
      response: { 200: proposalMergeRow, ...problems },
    },
    handler: async (req) => merges.get(req.ctx, req.params.id),
  });
  r.post(base, {
    schema: {
      tags,
      summary: 'Ask to merge two or more proposals of one call',
      description:
        'Creates a pending request with one consent per proposal, decided by a member of its lead organisation.',
      body: proposalMergeCreate,
      response: { 201: proposalMergeRow, ...problems },
    },
    handler: async (req, reply) => reply.code(201).send(await merges.request(req.ctx, req.body)),
  });
  r.post(`${base}/:id/decisions`, {
    schema: {
      tags,
      summary: 'A lead consents to or refuses a merge',
      description:
        'One refusal ends the request as refused; the last consent creates the merged draft (union of partners, budget lines and milestones) and withdraws the sources with mergedIntoId.',
      params: idParams,
      body: proposalMergeDecision,
      response: { 200: proposalMergeRow, ...problems },
    },
    handler: async (req) => merges.decide(req.ctx, req.params.id, req.body),
  });
  r.post(`${base}/:id/cancel`, {
    schema: {
      tags,
      summary: 'Cancel a pending merge request',
      params: idParams,
      response: { 200: proposalMergeRow, ...problems },
    },
    handler: async (req) => merges.cancel(req.ctx, req.params.id),
  });
}
