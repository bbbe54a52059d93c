// The Fastify app: plugins, OpenAPI, error mapping, and each domain's routes under /api.
import { constants as zlib } from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import { contactRoutes } from '../contacts/contacts-routes.js';
import type { Database } from '../db/client.js';
import { longWriteShowsLife } from '../db/long-write.js';
import { readiness } from '../db/readiness.js';
import { engagementRoutes } from '../engagement/engagement-routes.js';
import { rateLimited } from '../errors.js';
import { apiTokenRoutes } from '../identity/api-tokens-routes.js';
import { identityRoutes } from '../identity/identity-routes.js';
import { oidcRoutes } from '../identity/oidc-routes.js';
import { postgresRateLimitStore } from '../identity/rate-limit-store.js';
import { insightsRoutes } from '../insights/insights-routes.js';
import { matchRoutes } from '../matches/matches-routes.js';
import { notificationRoutes, oneClickUnsubscribeRoute } from '../notifications/notifications-routes.js';
import { registerMetrics } from '../operations/metrics.js';
import { organisationRoutes } from '../organisations/organisations-routes.js';
import { peopleRoutes } from '../people/people-routes.js';
import { circlePlanRoutes } from '../programmes/circle-plans-routes.js';
import { programmeRoutes } from '../programmes/programmes-routes.js';
import { relationshipRoutes } from '../relationships/relationships-routes.js';
import { scimRoutes } from '../scim/scim-routes.js';
import { scimTokenRoutes } from '../scim/scim-tokens-routes.js';
import { registerAuth } from './auth-plugin.js';
import { registerBodyGuard } from './body-guard.js';
import { registerErrorHandling } from './errors-handler.js';
import { prettyLogger, registerShortRequestLog } from './logging.js';
import { registerResponseContract } from './response-contract.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerWebApp, webAppBuilt, webDist } from './web-static.js';
import { registerWriteGuard } from './write-guard.js';

const readinessSchema = z.object({
  status: z.enum(['ready', 'migrating']),
  migrated: z.boolean(),
  applied: z.string().nullable(),
  expected: z.string(),
});

export interface AppOptions {
  database: Database;
  config: Config;
  logger?: boolean | { level: string; stream?: { write(line: string): void } };
  /** Short pretty lines for a terminal instead of JSON (see logging.ts). */
  prettyLogs?: boolean;
  /** Serve the built web app from web/dist (when it exists). */
  serveWeb?: boolean;
  /** Where the built web app is (tests serve a small one of their own). */
  webRoot?: string;
}

export async function buildApp({
  database,
  config,
  logger = false,
  prettyLogs = false,
  serveWeb = false,
  webRoot = webDist,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: prettyLogs && logger ? prettyLogger(logger === true ? 'info' : logger.level) : logger,
    ...(prettyLogs ? { logController: new LogController({ disableRequestLogging: true }) } : {}),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  registerResponseContract(app);
  const spa = serveWeb && webAppBuilt(webRoot);
  registerErrorHandling(app, { spa });
  if (prettyLogs) registerShortRequestLog(app);

  await registerSecurityHeaders(app, { secure: config.COOKIE_SECURE });
  // Answers over 1 kB go out as brotli or gzip (the web app's files precompressed at build,
  // served as they are). Compressed uploads are not taken: a small body must not grow past
  // the body limit once inside.
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    globalDecompression: false,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  registerWriteGuard(app, { allowedOrigins: config.TWOWAY_ALLOWED_ORIGINS });
  registerBodyGuard(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Twoway API',
        description:
          'Mentoring programmes (conventional, reverse, mutual): people, topics, programmes, enrolment. Sign in with POST /api/auth/sign-in; the session cookie authenticates every other call.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'twoway_session' },
          apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (POST /api/api-tokens)' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // With every answer's schema the document is about 600 kB: the reference opens with its
  // sections folded, so that the list of sections shows at once and each opens on demand.
  if (config.TWOWAY_API_DOCS)
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'none' } });
  registerAuth(app, database.db);
  app.decorate('metricsRegistry', registerMetrics(app, database, config));

  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Liveness and the database in use',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      // On the embedded database a long write (a large import) holds the one connection; a
      // statement it completes shows the database answers, without queueing behind the write.
      if (!(database.kind === 'pglite' && (await longWriteShowsLife(database.db))))
        await database.db.execute('select 1');
      return { status: 'ok' as const, database: database.kind };
    },
  );
  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Ready to serve: the database answers and holds every migration of this build',
        response: {
          200: readinessSchema,
          // Migrations still running, or the database not reachable at all (the error mapper's 503).
          503: z.union([
            readinessSchema,
            z.object({ error: z.object({ code: z.literal('unavailable'), message: z.string() }) }),
          ]),
        },
      },
    },
    async (_request, reply) => {
      const state = await readiness(database.db);
      const body = { status: state.migrated ? ('ready' as const) : ('migrating' as const), ...state };
      return reply.code(state.migrated ? 200 : 503).send(body);
    },
  );
  if (config.TWOWAY_API_DOCS)
    app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  const db = database.db;
  await app.register(
    async (api) => {
      // Per-address limits on the routes that opt in (`config.rateLimit`), counted in PostgreSQL.
      await api.register(rateLimit, {
        global: false,
        max: config.AUTH_RATE_LIMIT_PER_MINUTE,
        timeWindow: 60_000,
        store: postgresRateLimitStore(db),
        errorResponseBuilder: (_request, context) =>
          rateLimited(`Too many requests from this address; try again in ${context.after}.`),
      });
      await api.register(identityRoutes, { db, config });
      await api.register(apiTokenRoutes, { db });
      await api.register(oidcRoutes, { db, config });
      await api.register(organisationRoutes, { db, config });
      await api.register(peopleRoutes, { db, config });
      await api.register(programmeRoutes, { db });
      await api.register(circlePlanRoutes, { db });
      await api.register(matchRoutes, { db });
      await api.register(relationshipRoutes, { db });
      await api.register(insightsRoutes, { db });
      await api.register(contactRoutes, { db });
      await api.register(notificationRoutes, { db });
      await api.register(scimTokenRoutes, { db });
      await api.register(engagementRoutes, { db });
    },
    { prefix: '/api' },
  );
  await app.register(oneClickUnsubscribeRoute, { db });
  await app.register(scimRoutes, { prefix: '/scim/v2', db, config });
  if (spa) await registerWebApp(app, webRoot);
  return app;
}
