import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
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

const push = <T>(existing: T | T[] | undefined, hook: T): T[] => [...(existing === undefined ? [] : [existing].flat() as T[]), hook];

/**
 * Keeps anonymous callers from flooding the public routes (public indicators and
 * incidents, facility summary, donor totals, areas, organisations and the open
 * data exports): each address gets `perMinute` requests a minute across them all
 * (then 429 with Retry-After), and answers come from a PublicCache while the data
 * has not changed. Signed-in callers are neither limited nor cached here: they
 * are known, and their answers may depend on who they are. Register it after
 * installAccess (the limit needs to know whether the caller signed in) and
 * before the routes.
 */
export async function installPublicRouteGuards(app: FastifyInstance, { perMinute, cache: cacheOptions }: PublicRouteOptions): Promise<PublicCache> {
  const cache = new PublicCache(cacheOptions);
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
    if (!isOpenDataRoute(route)) return;
    if (limit !== undefined) route.onRequest = push(route.onRequest, limit);
    route.preHandler = push(route.preHandler, cache.preHandler);
    route.onSend = push(route.onSend, cache.onSend);
  });
  return cache;
}
