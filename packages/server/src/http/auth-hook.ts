import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../auth/auth.service.ts';
import { anonymous, type RequestContext } from '../auth/principal.ts';
import { parseCookies } from './cookies.ts';
import { sendProblem } from './problem.ts';

export const sessionCookie = 'ic_session';
export const csrfCookie = 'ic_csrf';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    sessionToken: string | null;
    csrfToken: string | null;
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Identifies the caller of every API request: a bearer API token (via "api") or the session
 * cookie (via "web"), else anonymous. Changes made with the session cookie must carry the
 * session's CSRF token in X-CSRF-Token; token requests need none (no ambient credential).
 */
export function installAuthHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req, reply) => {
    req.ctx = { via: 'api', principal: anonymous, address: req.ip };
    if (!req.url.startsWith('/api/')) return;
    const authorization = req.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const principal = match?.[1] ? await auth.authenticateToken(match[1]) : null;
      if (!principal) {
        return sendProblem(reply, req, {
          status: 401,
          title: 'Invalid token',
          detail: 'The API token is unknown, expired or revoked.',
        });
      }
      if (principal.mustChangePassword && !req.url.startsWith('/api/v1/auth/')) {
        return sendProblem(reply, req, {
          status: 403,
          title: 'Password change required',
          detail: 'Choose your own password before using the API.',
        });
      }
      req.ctx = { via: 'api', principal, address: req.ip };
      return;
    }
    const token = parseCookies(req.headers.cookie)[sessionCookie];
    if (!token) return;
    const session = await auth.authenticateSession(token);
    if (!session) return;
    if (
      !safeMethods.has(req.method) &&
      !isLogin(req) &&
      req.headers['x-csrf-token'] !== session.csrfToken
    ) {
      return sendProblem(reply, req, {
        status: 403,
        title: 'CSRF check failed',
        detail:
          'Changes made with the session cookie need the X-CSRF-Token header of that session.',
      });
    }
    if (session.principal.mustChangePassword && !req.url.startsWith('/api/v1/auth/')) {
      return sendProblem(reply, req, {
        status: 403,
        title: 'Password change required',
        detail:
          'Choose your own password (POST /api/v1/auth/password) before using the one-time password for anything else.',
      });
    }
    req.ctx = { via: 'web', principal: session.principal, address: req.ip };
    req.sessionToken = token;
    req.csrfToken = session.csrfToken;
  });
}

function isLogin(req: FastifyRequest): boolean {
  return req.url.split('?')[0] === '/api/v1/auth/login';
}

/** Security headers on every response; the docs page keeps the looser policy Swagger UI needs. */
export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (!req.url.startsWith('/api/docs')) {
      reply.header(
        'Content-Security-Policy',
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      );
    }
    if (req.url.startsWith('/api/') && !reply.getHeader('cache-control'))
      reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
