import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';

/** Every route of partnerships (issue 8). */
export function partnershipsRoutes(_database: Database): FastifyPluginAsyncTypebox {
  return async () => {};
}
