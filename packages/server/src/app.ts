import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { Db } from './db/database.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { AuditService } from './audit/audit.service.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { AuthService } from './auth/auth.service.ts';
import { installAuthHook, installSecurityHeaders } from './http/auth-hook.ts';
import { registerGeoRoutes } from './http/geo.routes.ts';
import { installProblemHandler, sendProblem } from './http/problem.ts';
import { registerEvaluationRoutes } from './evaluation/evaluation.routes.ts';
import { EvaluationService } from './evaluation/evaluation.service.ts';
import { registerMappingRoutes } from './mapping/mapping.routes.ts';
import { MappingService } from './mapping/mapping.service.ts';
import { registerActivityRoutes } from './network/activity.routes.ts';
import { ActivityService } from './network/activity.service.ts';
import { registerAttendanceImportRoutes } from './network/attendance-import.routes.ts';
import { AttendanceImportService } from './network/attendance-import.service.ts';
import { registerCollaborationRoutes } from './network/collaboration.routes.ts';
import { CollaborationService } from './network/collaboration.service.ts';
import { registerNetworkRoutes } from './network/network.routes.ts';
import { NetworkService } from './network/network.service.ts';
import { OverviewService } from './overview/overview.service.ts';
import { registerOverviewRoutes } from './overview/overview.routes.ts';
import { BurdenService } from './projects/burden.service.ts';
import { registerDeliveryRoutes } from './projects/delivery.routes.ts';
import { DeliveryService } from './projects/delivery.service.ts';
import { registerCallRoutes } from './projects/call.routes.ts';
import { CallService } from './projects/call.service.ts';
import { registerDemandRoutes } from './projects/demand.routes.ts';
import { DemandService } from './projects/demand.service.ts';
import { registerProposalMergeRoutes } from './projects/proposal-merge.routes.ts';
import { ProposalMergeService } from './projects/proposal-merge.service.ts';
import { registerProposalRoutes } from './projects/proposal.routes.ts';
import { ProposalService } from './projects/proposal.service.ts';
import { createReviewServices } from './projects/review-services.ts';
import { registerReviewRoutes, type ReviewServices } from './projects/review.routes.ts';
import { registerOverlapRoutes } from './projects/overlap.routes.ts';
import { OverlapService } from './projects/overlap.service.ts';
import { registerRegistryRoutes } from './registry/registry.routes.ts';
import { RegistryService } from './registry/registry.service.ts';

export interface AppOptions {
  db: Db;
  logger?: boolean;
  /** The built web app to serve at `/`; defaults to packages/web/dist when it exists. */
  webDist?: string | null;
  /** Mark cookies Secure (behind HTTPS). */
  secureCookies?: boolean;
}

export const defaultWebDist = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'web',
  'dist',
);

/** The services the routes use, built once per app. */
export interface Services {
  registry: RegistryService;
  overview: OverviewService;
  auth: AuthService;
  audit: AuditService;
  mapping: MappingService;
  networks: NetworkService;
  activities: ActivityService;
  collaborations: CollaborationService;
  attendanceImports: AttendanceImportService;
  demands: DemandService;
  calls: CallService;
  proposals: ProposalService;
  proposalMerges: ProposalMergeService;
  delivery: DeliveryService;
  burden: BurdenService;
  review: ReviewServices;
  overlaps: OverlapService;
  evaluation: EvaluationService;
}

/** The project-intake services (demands, calls, proposals, merges); merges use proposals. */
function intakeServices(db: Db) {
  const proposals = new ProposalService(db);
  return {
    demands: new DemandService(db),
    calls: new CallService(db),
    proposals,
    proposalMerges: new ProposalMergeService(db, proposals),
  };
}

export function createServices(db: Db): Services {
  return {
    registry: new RegistryService(db),
    overview: new OverviewService(db),
    auth: new AuthService(db),
    audit: new AuditService(db),
    mapping: new MappingService(db),
    networks: new NetworkService(db),
    activities: new ActivityService(db),
    collaborations: new CollaborationService(db),
    attendanceImports: new AttendanceImportService(db),
    ...intakeServices(db),
    delivery: new DeliveryService(db),
    burden: new BurdenService(db),
    review: createReviewServices(db),
    overlaps: new OverlapService(db),
    // Policy hints read the mapping profile and the network graph through their services.
    evaluation: new EvaluationService(db, {
      mapping: new MappingService(db),
      networks: new NetworkService(db),
    }),
  };
}

/**
 * Builds the HTTP application: the REST API under /api/v1, its OpenAPI 3.1 document at
 * /api/openapi.json with a docs page at /api/docs, and the web app.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: true });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  installSecurityHeaders(app);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'innocluster API',
        version: '0.1.0',
        description:
          'Run, map and evaluate innovation-cluster programmes. Sign in with POST /api/v1/auth/login (session cookie; send X-CSRF-Token on changes) or send a personal API token as `Authorization: Bearer ic_...`. Errors are application/problem+json (RFC 9457) with the offending fields in `errors`. Rows flagged `synthetic` are generated demo data.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'ic_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const services = createServices(options.db);
  installAuthHook(app, services.auth);
  app.get('/api/v1/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  registerAuthRoutes(app, services.auth, { secureCookies: options.secureCookies ?? false });
  registerAuditRoutes(app, services.audit);
  registerRegistryRoutes(app, services.registry);
  registerOverviewRoutes(app, services.overview);
  registerGeoRoutes(app);
  registerMappingRoutes(app, services.mapping);
  registerNetworkRoutes(app, services.networks);
  registerAttendanceImportRoutes(app, services.attendanceImports);
  registerActivityRoutes(app, services.activities);
  registerCollaborationRoutes(app, services.collaborations);
  registerDemandRoutes(app, services.demands);
  registerCallRoutes(app, services.calls);
  registerProposalRoutes(app, services.proposals);
  registerProposalMergeRoutes(app, services.proposalMerges);
  registerDeliveryRoutes(app, services.delivery, services.burden);
  registerReviewRoutes(app, services.review);
  registerOverlapRoutes(app, services.overlaps);
  registerEvaluationRoutes(app, services.evaluation);

  const webDist = options.webDist === undefined ? defaultWebDist : options.webDist;
  const indexHtml =
    webDist && existsSync(join(webDist, 'index.html'))
      ? readFileSync(join(webDist, 'index.html'), 'utf8')
      : null;
  if (webDist && indexHtml) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    app.get('/', (_req, reply) => reply.type('text/html').send(indexHtml));
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !indexHtml) {
      return sendProblem(reply, req, {
        status: 404,
        title: 'Not found',
        detail: `No route for ${req.method} ${req.url.split('?')[0]}`,
      });
    }
    // Client-side routes of the single-page app all load the same document.
    return reply.type('text/html').send(indexHtml);
  });
  return app;
}
