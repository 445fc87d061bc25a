import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { incidentRoutes } from './incidents.routes.js';
import { indicatorRoutes } from './indicators.routes.js';
import { qualityRoutes } from './quality.routes.js';
import { reviewRoutes } from './review.routes.js';
import { statusRoutes } from './status.routes.js';
import { ruleSettings } from '../supply/donation-rules.js';
import { syncRoutes } from './sync.routes.js';

/**
 * Every monitoring route: status reports (and their import), incidents, indicators, data quality, review and sync.
 * `minShelfLifeMonths` (config) is the donation rule a delivery confirmed offline is checked against.
 */
export function monitoringRoutes(database: Database, importLimitBytes: number, minShelfLifeMonths?: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(statusRoutes(database, importLimitBytes));
    await app.register(incidentRoutes(database));
    await app.register(indicatorRoutes(database));
    await app.register(qualityRoutes(database));
    await app.register(reviewRoutes(database));
    await app.register(syncRoutes(database, { rules: ruleSettings(minShelfLifeMonths) }));
  };
}
