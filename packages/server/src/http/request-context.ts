import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../registry/registry.service.ts';

/**
 * Where a request came from, for the audit trail: the web app sends `X-Innocluster-Client: web`;
 * anything else through HTTP counts as the API.
 */
export function contextOf(req: FastifyRequest): RequestContext {
  const client = req.headers['x-innocluster-client'];
  return { via: client === 'web' ? 'web' : 'api', userId: null, address: req.ip };
}
