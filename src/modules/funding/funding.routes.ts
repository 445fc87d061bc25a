import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { fxRoutes } from './fx.routes.js';
import { donorRoutes } from './donors.routes.js';
import { projectRoutes } from './projects.routes.js';
import { transactionRoutes } from './transactions.routes.js';

export interface FundingOptions {
  /** config.iatiCodelistsDir (CAREBRIDGE_IATI_CODELISTS); the default matches config.ts's. */
  iatiCodelistsDir?: string;
  importLimitBytes?: number;
}

/** Funding routes (issue 5); each part of the capability adds its own file. */
export function fundingRoutes(database: Database, options: FundingOptions = {}): FastifyPluginAsyncTypebox {
  const { iatiCodelistsDir = path.resolve('../shared/data/iati-2.03/codelists'), importLimitBytes = 64 * 1_048_576 } = options;
  return async (app) => {
    await app.register(fxRoutes(database, importLimitBytes));
    await app.register(projectRoutes(database, iatiCodelistsDir, importLimitBytes));
    await app.register(donorRoutes(database));
    await app.register(transactionRoutes(database));
  };
}
