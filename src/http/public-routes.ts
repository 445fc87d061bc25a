import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
import type { Principal } from '../context.js';
import { AppError } from '../errors.js';
import { PublicCache, type PublicCacheOptions } from './public-cache.js';

export interface PublicRouteOptions {
  /** Requests per minute one address may make to the public routes together; 0 turns the limit off. */
  perMinute: number;
  cache: PublicCacheOptions;
}

/** Routes anyone may read: their rule is PUBLIC and they are GETs under /api, except health and the API docs. */
export function isOpenDataRoute(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): boolean {
  const methods = [route.method].flat();
  const rule = route.config?.access;
  return (
    rule !== undefined &&
    'public' in rule &&
    methods.every((m) => m === 'GET' || m === 'HEAD') &&
    route.url.startsWith('/api/') &&
    route.url !== '/api/health' &&
    !route.url.startsWith('/api/docs')
  );
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A signed-in GET whose answer depends only on the data and the caller's memberships (a heavy export a page
     * loads on every visit): kept by the same cache, per set of memberships.
     */
    cachePerViewer?: boolean;
  }
}

/**
 * Who a cached answer is for: the caller's memberships (role, organisation, scope), in a stable order. Every
 * scoping and restriction decision (src/scope.ts) reads them and nothing else of the caller, so two callers with
 * the same memberships are shown the same answer; anything more would split the cache for nothing.
 */
export function viewerKey(principal: Principal): string {
  return principal.memberships.map((m) => JSON.stringify([m.role, m.organizationId, m.scope])).sort().join('\n');
}

const viewerOf = (request: FastifyRequest): string | undefined =>
  request.routeOptions.config.cachePerViewer === true && request.principal !== null ? viewerKey(request.principal) : undefined;

const push = <T>(existing: T | T[] | undefined, hook: T): T[] => [...(existing === undefined ? [] : [existing].flat() as T[]), hook];

/**
 * Keeps anonymous callers from flooding the public routes (public indicators and
 * incidents, facility summary, donor totals, areas, organisations and the open
 * data exports): each address gets `perMinute` requests a minute across them all
 * (then 429 with Retry-After), and answers come from a PublicCache while the data
 * has not changed. Signed-in callers are not limited here: they are known. Their
 * answers may depend on who they are, so they are cached only on routes that say
 * so (config.cachePerViewer), per set of memberships. Register it after
 * installAccess (the limit needs to know whether the caller signed in) and
 * before the routes.
 */
export async function installPublicRouteGuards(app: FastifyInstance, { perMinute, cache: cacheOptions }: PublicRouteOptions): Promise<PublicCache> {
  const cache = new PublicCache({ ...cacheOptions, viewerOf });
  let limit: onRequestAsyncHookHandler | undefined;
  if (perMinute > 0) {
    await app.register(fastifyRateLimit, { global: false });
    limit = app.rateLimit({
      max: perMinute,
      timeWindow: 60_000,
      // Runs as a route-level onRequest hook, after authentication has set the principal.
      allowList: (request) => request.principal !== null,
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', `Too many requests from your address to the public data; try again in ${Math.max(1, Math.ceil(context.ttl / 1000))} seconds.`, { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
    });
  }
  app.addHook('onRoute', (route) => {
    const open = isOpenDataRoute(route);
    if (!open && route.config?.cachePerViewer !== true) return;
    if (open && limit !== undefined) route.onRequest = push(route.onRequest, limit);
    route.preHandler = push(route.preHandler, cache.preHandler);
    route.onSend = push(route.onSend, cache.onSend);
  });
  return cache;
}
