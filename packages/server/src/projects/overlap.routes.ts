import { idParams, overlapQuery, overlapResponse, problemSchema } from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { OverlapService } from './overlap.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Overlaps'];
const description =
  'Similar proposals and projects across programmes and calls that share organisations, shown to officers before selection. ' +
  'Similarity: cosine of TF-IDF vectors of title + abstract over words and in-word character bigrams (0-1); ' +
  'the idf corpus is every submitted proposal of every programme. Default threshold 0.5, shared organisation required (sharedOnly=true). ' +
  'Pairs whose other record the caller may not read are only counted (hiddenPairs).';

/** Overlap checks: GET /api/v1/proposals/:id/overlaps and GET /api/v1/calls/:id/overlaps. */
export function registerOverlapRoutes(app: FastifyInstance, overlaps: OverlapService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/proposals/:id/overlaps', {
    schema: {
      tags,
      summary: 'Overlaps of a proposal',
      description,
      params: idParams,
      querystring: overlapQuery,
      response: { 200: overlapResponse, ...problems },
    },
    handler: async (req) => overlaps.forProposal(req.ctx, req.params.id, req.query),
  });
  r.get('/api/v1/calls/:id/overlaps', {
    schema: {
      tags,
      summary: 'Overlaps of the proposals of a call',
      description,
      params: idParams,
      querystring: overlapQuery,
      response: { 200: overlapResponse, ...problems },
    },
    handler: async (req) => overlaps.forCall(req.ctx, req.params.id, req.query),
  });
}
