import {
  idParams,
  intakeTransitionRequest,
  problemSchema,
  proposalCheckRequest,
  proposalCheckResult,
  proposalCreate,
  proposalDetail,
  proposalDiffQuery,
  proposalListQuery,
  proposalPage,
  proposalSubmitRequest,
  proposalUpdate,
  proposalVersionDiff,
  proposalVersionRow,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ProposalService } from './proposal.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};
const tags = ['Proposals'];

/** Proposals under /api/v1/proposals: content, live rule checks, submission, versions, workflow. */
export function registerProposalRoutes(app: FastifyInstance, proposals: ProposalService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/proposals';
  r.get(base, {
    schema: {
      tags,
      summary: 'List proposals',
      description:
        'Only proposals within the caller’s scope (a member sees its organisation’s, as lead or partner). Each row carries the requested grant (KRW), the rule-check violation count and the fast-track flag.',
      querystring: proposalListQuery,
      response: { 200: proposalPage, ...problems },
    },
    handler: async (req) => proposals.list(req.ctx, req.query),
  });
  r.post(`${base}/check`, {
    schema: {
      tags,
      summary: 'Check a draft against its instrument’s rules without saving it',
      description:
        'Returns the violations with their exact messages (e.g. "public share 82% exceeds the 75% limit for SMEs"), the budget totals, the firm size whose limit applies and whether the grant is below the fast-track threshold.',
      body: proposalCheckRequest,
      response: { 200: proposalCheckResult, ...problems },
    },
    handler: async (req) => proposals.check(req.ctx, req.body),
  });
  r.get(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Get a proposal with parties, budget, milestones, rule check, versions and timeline',
      params: idParams,
      response: { 200: proposalDetail, ...problems },
    },
    handler: async (req) => proposals.get(req.ctx, req.params.id),
  });
  r.post(base, {
    schema: {
      tags,
      summary: 'Start a proposal (draft) for an open call',
      body: proposalCreate,
      response: { 201: proposalDetail, ...problems },
    },
    handler: async (req, reply) => reply.code(201).send(await proposals.create(req.ctx, req.body)),
  });
  r.patch(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Change a draft or a proposal sent back for revision',
      params: idParams,
      body: proposalUpdate,
      response: { 200: proposalDetail, ...problems },
    },
    handler: async (req) => proposals.update(req.ctx, req.params.id, req.body),
  });
  r.delete(`${base}/:id`, {
    schema: {
      tags,
      summary: 'Delete a never-submitted draft',
      params: idParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await proposals.remove(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
  r.post(`${base}/:id/submit`, {
    schema: {
      tags,
      summary: 'Submit (or resubmit after a revision request), freezing a new version',
      description:
        '422 names every broken rule as a field error with its exact message; 409 when the state does not allow it.',
      params: idParams,
      body: proposalSubmitRequest,
      response: { 200: proposalDetail, ...problems },
    },
    handler: async (req) => proposals.submit(req.ctx, req.params.id, req.body.note),
  });
  r.post(`${base}/:id/transitions`, {
    schema: {
      tags,
      summary: 'Take a step of the proposal workflow',
      description:
        'Actions of the proposal table: submit, withdraw, resubmit, start_screening, pass_screening, fail_screening, fast_track_select, send_to_committee, select, request_revision, reject, expire. 409 lists the allowed steps; submit and resubmit answer 422 when rules are broken.',
      params: idParams,
      body: intakeTransitionRequest.extend({
        note: z.string().trim().max(2000).nullable().optional(),
      }),
      response: { 200: proposalDetail, ...problems },
    },
    handler: async (req) => proposals.transition(req.ctx, req.params.id, req.body),
  });
  r.get(`${base}/:id/versions`, {
    schema: {
      tags,
      summary: 'The frozen versions of a proposal, oldest first',
      params: idParams,
      response: { 200: z.array(proposalVersionRow), ...problems },
    },
    handler: async (req) => proposals.versions(req.ctx, req.params.id),
  });
  r.get(`${base}/:id/versions/diff`, {
    schema: {
      tags,
      summary: 'What changed between two versions (dotted paths with before and after)',
      params: idParams,
      querystring: proposalDiffQuery,
      response: { 200: proposalVersionDiff, ...problems },
    },
    handler: async (req) => proposals.diff(req.ctx, req.params.id, req.query.from, req.query.to),
  });
}
