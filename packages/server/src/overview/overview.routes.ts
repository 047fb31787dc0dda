import {
  budgetAggregateQuery,
  budgetAggregateSchema,
  complexDetailSchema,
  idParams,
  overviewSchema,
  participantAggregateSchema,
  problemSchema,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OverviewService } from './overview.service.ts';

const tags = ['overview'];

/** Aggregates for the programme overview and the complex page. */
export function registerOverviewRoutes(app: FastifyInstance, overview: OverviewService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/overview', {
    schema: {
      tags,
      summary: 'The programme, its phases and complexes, with registry counts',
      querystring: budgetAggregateQuery,
      response: { 200: overviewSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
    },
    handler: async (req) => overview.overview(req.ctx, req.query.programmeId),
  });
  r.get('/api/v1/aggregates/participants', {
    schema: {
      tags,
      summary: 'Participating organisations by complex and type',
      description:
        'Counts organisations (not people) in the registry by complex and Table 14.6 type, beside the published figures where the demo holds them.',
      response: { 200: participantAggregateSchema, 401: problemSchema, 403: problemSchema },
    },
    handler: async (req) => overview.participants(req.ctx),
  });
  r.get('/api/v1/aggregates/budget', {
    schema: {
      tags,
      summary: 'Budget need and allotment by year (KRW 100 million) and items (KRW million)',
      querystring: budgetAggregateQuery,
      response: { 200: budgetAggregateSchema, 401: problemSchema, 403: problemSchema },
    },
    handler: async (req) => overview.budget(req.ctx, req.query.programmeId),
  });
  r.get('/api/v1/complexes/:id/detail', {
    schema: {
      tags,
      summary: 'A complex with its mini-clusters, members by kind and task force',
      params: idParams,
      response: {
        200: complexDetailSchema,
        401: problemSchema,
        403: problemSchema,
        404: problemSchema,
      },
    },
    handler: async (req) => overview.complexDetail(req.ctx, req.params.id),
  });
}
