import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { databaseAnswers } from '../db/health.js';
import { accessRoutes } from '../modules/access/access.routes.js';
import { assetIntake } from '../modules/assets/assets.intake.js';
import { assetRoutes } from '../modules/assets/assets.routes.js';
import { authenticateToken } from '../modules/access/access.service.js';
import { authenticateSession } from '../modules/access/access.sessions.js';
import { SignInThrottle } from '../modules/access/access.throttle.js';
import { configureAuditSigning } from '../modules/audit/audit.checkpoints.js';
import { configureFx } from '../modules/funding/fx.service.js';
import { auditRoutes } from '../modules/audit/audit.routes.js';
import { dataVersion } from '../modules/audit/data-version.service.js';
import { energyRoutes } from '../modules/energy/energy.routes.js';
import { facilityRoutes } from '../modules/facilities/facilities.routes.js';
import { fundingRoutes } from '../modules/funding/funding.routes.js';
import { monitoringRoutes } from '../modules/monitoring/monitoring.routes.js';
import { needRoutes } from '../modules/needs/needs.routes.js';
import { notificationRoutes } from '../modules/notifications/notifications.routes.js';
import { startNotificationWorker } from '../modules/notifications/notifications.worker.js';
import { geographyRoutes } from '../modules/geography/geography.routes.js';
import { jobRoutes } from '../modules/jobs/jobs.routes.js';
import { configureJobs, failInterruptedJobs, stopJobs } from '../modules/jobs/jobs.runner.js';
import { organizationRoutes } from '../modules/organizations/organizations.routes.js';
import { partnershipsRoutes } from '../modules/partnerships/partnerships.routes.js';
import { reportingRoutes } from '../modules/reporting/completeness.routes.js';
import { supplyRoutes } from '../modules/supply/supply.routes.js';
import { installAccess, PUBLIC } from './access-rule.js';
import { installCompression } from './compression.js';
import { apiNotFound, installErrorHandler } from './error-handler.js';
import { installIdempotency } from './idempotency.js';
import { installPublicRouteGuards } from './public-routes.js';
import { docsContentSecurityPolicy, installSecurityHeaders } from './security-headers.js';
import { validatorCompiler } from './validation.js';

export interface AppOptions {
  config: Config;
  database: Database;
  /** Pino logger on (JSON lines) or off (tests). */
  logger?: boolean;
  /** Sign-in throttle; tests pass one with their own clock. */
  signInThrottle?: SignInThrottle;
  /** The notification worker (outbox drain, email, webhooks) runs in the server; tests that drain it themselves turn it off. */
  notificationWorker?: boolean;
}

/** Assembles the HTTP application: API, OpenAPI docs and the built web app. */
export async function buildApp({ config, database, logger = true, signInThrottle = new SignInThrottle(), notificationWorker = true }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel } : false,
    bodyLimit: config.bodyLimitBytes,
    genReqId: () => crypto.randomUUID(),
    trustProxy: config.trustProxy,
    ajv: { customOptions: { allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  configureAuditSigning({ key: config.auditKey, every: config.auditCheckpointEvery });
  configureFx({ maxRateAgeDays: config.fxMaxRateAgeDays });
  installErrorHandler(app);
  await installSecurityHeaders(app, { behindProxy: config.behindProxy });
  await app.register(fastifyCookie);
  installAccess(app, {
    authenticateToken: (token) => authenticateToken(database, token),
    authenticateSession: (secret) => authenticateSession(database, secret),
  });
  installIdempotency(app, database);
  await installPublicRouteGuards(app, { perMinute: config.publicRateLimit, cache: { readVersion: () => dataVersion(database), maxBytes: config.publicCacheBytes } });
  await installCompression(app);

  await app.register(fastifySwagger, {
    openapi: {
      // 3.1: its schemas are JSON Schema 2020-12, as TypeBox writes them (numeric exclusiveMinimum, type null).
      openapi: '3.1.0',
      info: { title: 'Carebridge API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', transformStaticCSP: docsContentSecurityPolicy });

  app.get('/api/health', { config: { access: PUBLIC }, schema: { tags: ['health'] } }, async (_req, reply) => {
    try {
      await databaseAnswers(database);
      return { status: 'ok', database: database.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: database.kind });
    }
  });
  await app.register(geographyRoutes(database, config.importLimitBytes));
  await app.register(organizationRoutes(database));
  await app.register(facilityRoutes(database, config.importLimitBytes));
  await app.register(accessRoutes(database, signInThrottle));
  await app.register(auditRoutes(database, { key: config.auditKey }));
  await app.register(monitoringRoutes(database, config.importLimitBytes, config.minShelfLifeMonths));
  await app.register(energyRoutes(database));
  await app.register(fundingRoutes(database, { iatiCodelistsDir: config.iatiCodelistsDir, importLimitBytes: config.importLimitBytes }));
  await app.register(needRoutes(database));
  await app.register(supplyRoutes(database, assetIntake, { minShelfLifeMonths: config.minShelfLifeMonths, importLimitBytes: config.importLimitBytes, maxMonthsOfStock: config.maxMonthsOfStock, minMonthsOfStock: config.minMonthsOfStock }));
  await app.register(assetRoutes(database));
  await app.register(partnershipsRoutes(database, { documentLimitBytes: config.documentLimitBytes }));
  await app.register(reportingRoutes(database, { period: config.reportingPeriod, deadlineDays: config.reportingDeadlineDays }));
  await app.register(notificationRoutes(database));
  // Jobs a stopped server left running fail with a sentence saying so; at close, this server's own do the same.
  configureJobs(database, { onError: (e, jobId) => app.log.error({ err: e, jobId }, 'job failed') });
  // A database away at start must not keep the server down (health answers 503 meanwhile): the sweep is then skipped.
  await failInterruptedJobs(database).catch((e: unknown) => app.log.warn({ err: e }, 'could not fail the jobs a stopped server left running'));
  await app.register(jobRoutes(database));
  app.addHook('onClose', () => stopJobs(database));
  if (notificationWorker) {
    const worker = startNotificationWorker(
      database,
      { email: { smtpUrl: config.smtpUrl, from: config.smtpFrom, publicUrl: config.publicUrl }, replenishment: { maxMonths: config.maxMonthsOfStock, minMonths: config.minMonthsOfStock } },
      { onError: (e) => app.log.error({ err: e }, 'notification worker pass failed') },
    );
    app.addHook('onClose', () => worker.stop());
  }

  const index = path.join(config.webDir, 'index.html');
  if (fs.existsSync(index)) {
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: false,
      // The build writes .br and .gz beside each text file (web/build/precompress.ts): served as the browser accepts.
      preCompressed: true,
      cacheControl: false,
      // Vite names assets by their content hash, so they never change under their name: cached for a year. The
      // shell and the service worker are asked for again each time, so a new release reaches phones at once.
      setHeaders: (reply, filePath) => void reply.header('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || request.method !== 'GET' || !fs.existsSync(index)) return apiNotFound(request, reply);
    // Client-side routes (e.g. /facilities/123) load the app shell.
    return reply.type('text/html').header('cache-control', 'no-cache').send(fs.createReadStream(index));
  });
  return app;
}
