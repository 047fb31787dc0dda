import {
  assignmentCreateBody,
  assignmentSchema,
  grantCreateBody,
  grantSchema,
  idParams,
  loginBody,
  meSchema,
  passwordChangeBody,
  problemSchema,
  tokenCreateBody,
  tokenCreated,
  tokenSchema,
  userCreateBody,
  userPage,
  userUpdateBody,
  userWithPassword,
} from '@innocluster/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { csrfCookie, sessionCookie } from '../http/auth-hook.ts';
import { serializeCookie } from '../http/cookies.ts';
import type { AuthService } from './auth.service.ts';

const problems = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const usersQuery = z.object({
  q: z.string().trim().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** Sign-in, the current user, API tokens, users and grants, assignments. */
export function registerAuthRoutes(
  app: FastifyInstance,
  auth: AuthService,
  options: { secureCookies: boolean },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['accounts'];

  r.post('/api/v1/auth/login', {
    schema: {
      tags,
      summary: 'Sign in; sets the HTTP-only session cookie and returns the CSRF token',
      body: loginBody,
      response: { 200: meSchema, 401: problemSchema, 423: problemSchema, 429: problemSchema },
    },
    handler: async (req, reply) => {
      const session = await auth.login(req.body.email, req.body.password, req.ip);
      reply.header('set-cookie', [
        serializeCookie(sessionCookie, session.token, {
          maxAgeSeconds: session.maxAgeSeconds,
          httpOnly: true,
          secure: options.secureCookies,
        }),
        serializeCookie(csrfCookie, session.csrfToken, {
          maxAgeSeconds: session.maxAgeSeconds,
          httpOnly: false,
          secure: options.secureCookies,
        }),
      ]);
      const principal = await auth.principalOf(session.user.id);
      return auth.me(principal!, session.csrfToken);
    },
  });

  r.post('/api/v1/auth/logout', {
    schema: { tags, summary: 'Sign out: ends the session', response: { 204: z.null() } },
    handler: async (req, reply) => {
      if (req.sessionToken) await auth.logout(req.sessionToken);
      reply.header('set-cookie', [
        serializeCookie(sessionCookie, '', {
          maxAgeSeconds: 0,
          httpOnly: true,
          secure: options.secureCookies,
        }),
        serializeCookie(csrfCookie, '', {
          maxAgeSeconds: 0,
          httpOnly: false,
          secure: options.secureCookies,
        }),
      ]);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/auth/me', {
    schema: {
      tags,
      summary: 'The signed-in user, grants and what the user may do (anonymous: user null)',
      response: { 200: meSchema },
    },
    handler: async (req) => auth.me(req.ctx.principal, req.csrfToken),
  });

  r.post('/api/v1/auth/password', {
    schema: {
      tags,
      summary: 'Change your own password',
      body: passwordChangeBody,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await auth.changePassword(req.ctx, req.body.currentPassword, req.body.newPassword);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/auth/tokens', {
    schema: {
      tags,
      summary: 'Your API tokens',
      response: { 200: z.array(tokenSchema), ...problems },
    },
    handler: async (req) => auth.listTokens(req.ctx),
  });
  r.post('/api/v1/auth/tokens', {
    schema: {
      tags,
      summary: 'Create an API token; the secret is shown once',
      body: tokenCreateBody,
      response: { 201: tokenCreated, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await auth.createToken(req.ctx, req.body.name, req.body.expiresInDays)),
  });
  r.delete('/api/v1/auth/tokens/:id', {
    schema: {
      tags,
      summary: 'Revoke an API token (effective at once)',
      params: idParams,
      response: { 200: tokenSchema, ...problems },
    },
    handler: async (req) => auth.revokeToken(req.ctx, req.params.id),
  });

  r.get('/api/v1/users', {
    schema: {
      tags,
      summary: 'Users and their grants (administrators)',
      querystring: usersQuery,
      response: { 200: userPage, ...problems },
    },
    handler: async (req) =>
      auth.listUsers(req.ctx, req.query.q, req.query.page, req.query.pageSize),
  });
  r.post('/api/v1/users', {
    schema: {
      tags,
      summary: 'Create a user (administrators); without a password a one-time password is returned',
      body: userCreateBody,
      response: { 201: userWithPassword, ...problems },
    },
    handler: async (req, reply) => reply.code(201).send(await auth.createUser(req.ctx, req.body)),
  });
  r.patch('/api/v1/users/:id', {
    schema: {
      tags,
      summary: 'Rename, deactivate, unlock or reset the password of a user (administrators)',
      params: idParams,
      body: userUpdateBody,
      response: { 200: userWithPassword, ...problems },
    },
    handler: async (req) => auth.updateUser(req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/users/:id/grants', {
    schema: {
      tags,
      summary: 'Grant a role over a scope (administrators)',
      params: idParams,
      body: grantCreateBody,
      response: { 201: grantSchema, ...problems },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await auth.addGrant(req.ctx, req.params.id, req.body)),
  });
  r.delete('/api/v1/users/:id/grants/:grantId', {
    schema: {
      tags,
      summary: 'Remove a grant (administrators)',
      params: idParams.extend({ grantId: z.coerce.number().int().positive() }),
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await auth.removeGrant(req.ctx, req.params.id, req.params.grantId);
      return reply.code(204).send(null);
    },
  });

  r.get('/api/v1/assignments', {
    schema: {
      tags,
      summary: 'Records assigned to users (e.g. to evaluators)',
      response: { 200: z.array(assignmentSchema), ...problems },
    },
    handler: async (req) => auth.listAssignments(req.ctx),
  });
  r.post('/api/v1/assignments', {
    schema: {
      tags,
      summary: 'Assign a record to a user',
      body: assignmentCreateBody,
      response: { 201: assignmentSchema, ...problems },
    },
    handler: async (req, reply) => reply.code(201).send(await auth.assign(req.ctx, req.body)),
  });
  r.delete('/api/v1/assignments/:id', {
    schema: {
      tags,
      summary: 'Remove an assignment',
      params: idParams,
      response: { 204: z.null(), ...problems },
    },
    handler: async (req, reply) => {
      await auth.unassign(req.ctx, req.params.id);
      return reply.code(204).send(null);
    },
  });
}
