import {
  idParams,
  networkGraphQuery,
  networkGraphResponse,
  networkIndicatorsQuery,
  networkIndicatorsResponse,
  networkJobParams,
  networkJobSchema,
  networkMeasureNames,
  networkMeasuresBody,
  networkMeasuresQuery,
  partnerSuggestionsQuery,
  partnerSuggestionsResponse,
  problemSchema,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { NetworkService } from './network.service.ts';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

/**
 * Network analytics under /api/v1/networks: the graph of a scope and window for the explorer,
 * measures computed as background jobs, and (per organisation) partner suggestions.
 */
export function registerNetworkRoutes(app: FastifyInstance, networks: NetworkService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['network analytics'];
  const base = '/api/v1/networks';

  r.get(`${base}/graph`, {
    schema: {
      tags,
      summary:
        'The organisation network of a scope and time window, as compact node and edge tuples',
      querystring: networkGraphQuery,
      response: { 200: networkGraphResponse, ...errors },
    },
    handler: async (req) => networks.graph(req.ctx, req.query),
  });

  r.post(`${base}/measures`, {
    schema: {
      tags,
      summary:
        'Start computing network measures (network, node, hubs; per year with yearly: true) as a job; poll GET /networks/jobs/:id',
      body: networkMeasuresBody,
      response: { 202: networkJobSchema, ...errors },
    },
    handler: async (req, reply) =>
      reply.code(202).send(await networks.startMeasures(req.ctx, req.body)),
  });

  r.get(`${base}/measures`, {
    schema: {
      tags,
      summary: 'The same as POST /networks/measures with the fields in the query string',
      querystring: networkMeasuresQuery,
      response: { 202: networkJobSchema, ...errors },
    },
    handler: async (req, reply) => {
      const q = req.query;
      const job = await networks.startMeasures(req.ctx, {
        ...q,
        measures: q.measures ?? [...networkMeasureNames],
      });
      return reply.code(202).send(job);
    },
  });

  r.get(`${base}/indicators`, {
    schema: {
      tags,
      summary:
        'Programme indicators: activities per year and growth, members per mini-cluster, new members and dropouts, share active in the last 12 months',
      querystring: networkIndicatorsQuery,
      response: { 200: networkIndicatorsResponse, ...errors },
    },
    handler: async (req) => networks.indicators(req.ctx, req.query),
  });

  r.get('/api/v1/organisations/:id/partner-suggestions', {
    schema: {
      tags,
      summary:
        'Suggested partners of an organisation with reasons: complementary industry, a structural hole to bridge, another kind or region',
      params: idParams,
      querystring: partnerSuggestionsQuery,
      response: { 200: partnerSuggestionsResponse, ...errors },
    },
    handler: async (req) => networks.partnerSuggestions(req.ctx, req.params.id, req.query),
  });

  r.get(`${base}/jobs/:id`, {
    schema: {
      tags,
      summary: 'A measures job: status, progress 0..1, and its result once done',
      params: networkJobParams,
      response: { 200: networkJobSchema, ...errors },
    },
    handler: async (req) => networks.getJob(req.ctx, req.params.id),
  });
}
