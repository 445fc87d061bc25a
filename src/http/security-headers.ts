import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The Content-Security-Policy of every response. The web app and the API docs
 * load only their own files: no inline script anywhere (script-src 'self', no
 * 'unsafe-inline', attributes like onclick= refused), no framing by any site.
 * MapLibre builds its workers from blob: URLs and its images from blob:/data:;
 * the offline service worker is our own /sw.js. Styles are our own files too;
 * styles that scripts set through the DOM (React's style props, MapLibre) are
 * not governed by style-src, so no 'unsafe-inline' is needed for them.
 * No upgrade-insecure-requests: a laptop serving plain HTTP on a LAN must keep
 * working; behind TLS, HSTS does that job.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  childSrc: ["'self'", 'blob:'],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

export interface SecurityHeaderOptions {
  /** A TLS-terminating proxy is configured (CAREBRIDGE_TRUST_PROXY): HSTS may be sent on requests it marks https. */
  behindProxy: boolean;
  /** Strict-Transport-Security max-age in seconds. */
  hstsMaxAgeSeconds?: number;
}

/**
 * Security headers on every response (pages, API, errors, downloads): CSP,
 * X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer (a URL can name a
 * facility), X-Frame-Options: DENY for browsers without frame-ancestors, and HSTS
 * only on a request that reached us over TLS through the configured proxy.
 * Register it before any route.
 */
export async function installSecurityHeaders(app: FastifyInstance, { behindProxy, hstsMaxAgeSeconds = 31_536_000 }: SecurityHeaderOptions): Promise<void> {
  const { set, removed } = helmetHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // Set below, per request: sending it over plain HTTP would be ignored at best,
    // and a server reached directly (no proxy) never speaks TLS itself.
    strictTransportSecurity: false,
  });
  // The headers do not depend on the request (no nonces, no per-route policy), so Helmet runs once, here:
  // @fastify/helmet built a new Helmet middleware (parsing the policy again) on every request.
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of set) reply.raw.setHeader(name, value);
    for (const name of removed) reply.raw.removeHeader(name);
    done();
  });
  if (!behindProxy) return;
  app.addHook('onRequest', async (request, reply) => {
    // request.protocol honours X-Forwarded-Proto only from a trusted proxy.
    if (request.protocol === 'https') void reply.header('strict-transport-security', `max-age=${hstsMaxAgeSeconds}; includeSubDomains`);
  });
}

/** The headers Helmet sets and removes with these options, found by running its middleware once against a recorder. */
function helmetHeaders(options: HelmetOptions): { set: [string, string][]; removed: string[] } {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => set.push([name, String(value)]),
    removeHeader: (name: string) => removed.push(name),
  };
  // Helmet 8 throws a bad option itself (it no longer passes errors to `next`), so the callback has nothing to do.
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return { set, removed };
}

/**
 * The API docs' policy: the same, except that Swagger UI's bundle injects a
 * <style> element at run time, so styles (never scripts) may be inline there.
 * Pass as @fastify/swagger-ui's transformStaticCSP; it applies to its routes only.
 */
export const docsContentSecurityPolicy = (policy: string): string => policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
