import type { Problem } from '@innocluster/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { AppError, WorkflowTransitionError } from '../errors.ts';

/** Sends an RFC 9457 problem document. */
export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  problem: Omit<Problem, 'type' | 'instance'> & { type?: string },
) {
  const body: Problem = { type: problem.type ?? 'about:blank', instance: req.url, ...problem };
  return reply.code(problem.status).type('application/problem+json').send(JSON.stringify(body));
}

/** Every error leaves the API as application/problem+json naming the offending fields. */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors = error.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return { field: path ? `${where}.${path}` : where, message: v.message ?? 'invalid' };
      });
      return sendProblem(reply, req, {
        status: 400,
        title: 'Invalid request',
        detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      });
    }
    if (error instanceof AppError) {
      return sendProblem(reply, req, {
        status: error.status,
        title: error.title,
        detail: error.message,
        ...(error.errors.length ? { errors: error.errors } : {}),
        ...(error instanceof WorkflowTransitionError
          ? {
              state: error.state,
              allowed: error.allowed.map((a) => ({ ...a, roles: [...a.roles] })),
            }
          : {}),
      });
    }
    if (isResponseSerializationError(error)) {
      req.log.error({ issues: error.cause.issues }, 'response did not match its schema');
      return sendProblem(reply, req, {
        status: 500,
        title: 'Internal error',
        detail: 'The server produced an invalid response.',
      });
    }
    const status =
      typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) req.log.error(error);
    return sendProblem(reply, req, {
      status,
      title: status >= 500 ? 'Internal error' : 'Bad request',
      detail:
        status >= 500 ? 'Something went wrong on the server; it has been logged.' : error.message,
    });
  });
}
