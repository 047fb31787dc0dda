import { idParams, problemSchema, registryContracts } from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RegistryService } from './registry.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Create, read, update, delete and list routes for every registry entity, from its contract. */
export function registerRegistryRoutes(app: FastifyInstance, registry: RegistryService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const contract of registryContracts) {
    const base = `/api/v1/${contract.key}`;
    const tags = [contract.label];
    const searchNote = contract.searchable.length
      ? ` Text search q looks in ${contract.searchable.join(', ')}.`
      : '';
    r.get(base, {
      schema: {
        tags,
        summary: `List ${contract.key}`,
        description: `Paginated; sort by ${contract.sortable.join(', ')}; filter by ${Object.keys(contract.filters).join(', ') || 'nothing'}.${searchNote}`,
        querystring: contract.listQuery,
        response: { 200: contract.page, ...problems },
      },
      handler: async (req) =>
        registry.list(contract.key, req.query as Record<string, unknown>, req.ctx) as never,
    });
    r.get(`${base}/:id`, {
      schema: {
        tags,
        summary: `Get one ${contract.label}`,
        params: idParams,
        response: { 200: contract.row, ...problems },
      },
      handler: async (req) => registry.get(contract.key, req.params.id, req.ctx) as never,
    });
    r.post(base, {
      schema: {
        tags,
        summary: `Create a ${contract.label}`,
        body: contract.create,
        response: { 201: contract.row, ...problems },
      },
      handler: async (req, reply) => {
        const row = await registry.create(
          contract.key,
          req.body as Record<string, unknown>,
          req.ctx,
        );
        return reply.code(201).send(row as never);
      },
    });
    r.patch(`${base}/:id`, {
      schema: {
        tags,
        summary: `Change a ${contract.label}`,
        params: idParams,
        body: contract.update,
        response: { 200: contract.row, ...problems },
      },
      handler: async (req) =>
        registry.update(
          contract.key,
          req.params.id,
          req.body as Record<string, unknown>,
          req.ctx,
        ) as never,
    });
    r.delete(`${base}/:id`, {
      schema: {
        tags,
        summary: `Delete a ${contract.label}`,
        params: idParams,
        response: { 204: z.null(), ...problems },
      },
      handler: async (req, reply) => {
        await registry.remove(contract.key, req.params.id, req.ctx);
        return reply.code(204).send(null);
      },
    });
  }
}
