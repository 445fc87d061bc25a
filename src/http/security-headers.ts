import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

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
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // Set below, per request: sending it over plain HTTP would be ignored at best,
    // and a server reached directly (no proxy) never speaks TLS itself.
    strictTransportSecurity: false,
  });
  if (!behindProxy) return;
  app.addHook('onRequest', async (request, reply) => {
    // request.protocol honours X-Forwarded-Proto only from a trusted proxy.
    if (request.protocol === 'https') void reply.header('strict-transport-security', `max-age=${hstsMaxAgeSeconds}; includeSubDomains`);
  });
}

/**
 * The API docs' policy: the same, except that Swagger UI's bundle injects a
 * <style> element at run time, so styles (never scripts) may be inline there.
 * Pass as @fastify/swagger-ui's transformStaticCSP; it applies to its routes only.
 */
export const docsContentSecurityPolicy = (policy: string): string => policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");
