import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';

/** Every route of medicines and equipment (issue 6). */
export function supplyRoutes(_database: Database): FastifyPluginAsyncTypebox {
  return async () => {};
}
