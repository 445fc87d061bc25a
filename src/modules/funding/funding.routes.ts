import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';

export function fundingRoutes(_database: Database): FastifyPluginAsyncTypebox {
  return async () => {
    // Routes are added here with the capability.
  };
}
