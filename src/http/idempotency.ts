import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { bodyHash, remember, replayFor } from '../modules/idempotency/idempotency.service.js';

const HEADER = 'idempotency-key';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { scope: string; key: string; hash: string } | null;
  }
}

/** Honours Idempotency-Key on writes: replays a stored success, refuses a reused key with another body. */
export function installIdempotency(app: FastifyInstance, database: Database): void {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[HEADER];
    if (typeof key !== 'string' || !WRITES.has(request.method) || !request.url.startsWith('/api/')) return;
    if (key.length < 8 || key.length > 200) throw new AppError('validation_failed', 'Idempotency-Key must be 8 to 200 characters (a UUID is ideal).', { errors: [{ path: '/headers/idempotency-key', message: 'must be 8 to 200 characters' }] });
    // Streamed bodies (file imports) are not replayable from memory; the key then only guards against reuse by URL.
    const body = typeof (request.body as { pipe?: unknown } | undefined)?.pipe === 'function' ? null : request.body;
    const scope = request.principal?.userId ?? `anon:${request.ip}`;
    const hash = bodyHash(request.method, request.url, body);
    const replay = await replayFor(database, scope, key, hash);
    if (replay !== undefined) return reply.code(replay.status).header('idempotent-replay', 'true').type('application/json').send(replay.body);
    request.idempotency = { scope, key, hash };
    return undefined;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.idempotency;
    if (id !== null && reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
      await remember(database, id.scope, id.key, id.hash, { status: reply.statusCode, body: payload });
    }
    return payload;
  });
}
