import fastifyCompress from '@fastify/compress';
import type { FastifyInstance, onSendAsyncHookHandler } from 'fastify';

/** Answers smaller than this go as they are: compressing them saves less than the header costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Brotli or gzip for API answers, whichever the client accepts (JSON, GeoJSON, CSV, XML; not event streams):
 * a national GeoJSON shrinks about tenfold, which is what decides a map's load on a bad link. Only /api routes:
 * the web app's files are compressed once at build (web/build/precompress.ts). Brotli at quality 4 (the plugin's
 * default): most of the gain for a fraction of quality 11's CPU, spent on every answer.
 *
 * Register after installPublicRouteGuards: each route's onSend hooks run in the order the onRoute hooks added
 * them, so the public cache keeps the uncompressed body (one entry serves every encoding) and a cached answer is
 * compressed on its way out like a fresh one.
 */
export async function installCompression(app: FastifyInstance): Promise<void> {
  // Runs before the plugin's own onRoute hook, which honours `compress: false`.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) route.compress = false;
  });
  await app.register(fastifyCompress, { threshold: COMPRESSION_THRESHOLD_BYTES, encodings: ['br', 'gzip'] });
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/')) route.onSend = [...(route.onSend === undefined ? [] : [route.onSend].flat()), weakenEtagWhenEncoded];
  });
}

/**
 * An ETag names one representation; once compressed on the fly the bytes differ from the uncompressed ones, so
 * the tag becomes weak (RFC 9110 §8.8.3), as nginx does. If-None-Match compares weakly (public-cache matchesEtag),
 * so a client's revalidation still gets its 304 whichever encoding it holds.
 */
const weakenEtagWhenEncoded: onSendAsyncHookHandler<unknown> = async (_request, reply, payload) => {
  const etag = reply.getHeader('etag');
  if (typeof etag === 'string' && !etag.startsWith('W/') && reply.hasHeader('content-encoding')) void reply.header('etag', `W/${etag}`);
  return payload;
};
