import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import { MonthsOfStockAlerts, Replenishment, ReplenishmentQuery } from './replenishment.schema.js';
import { facilityReplenishment, monthsOfStockAlerts, type ReplenishmentSettings } from './replenishment.service.js';
import { errors, READERS } from './supply.access.js';

/** Replenishment at facilities (issue 17 item 8; docs/supply.md): what each facility should order, and who is running low. */
export function replenishmentRoutes(database: Database, settings: ReplenishmentSettings): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['stock'];
    app.get('/api/v1/replenishment', { config: { access: READERS }, schema: { tags, querystring: ReplenishmentQuery, response: { 200: Replenishment, ...errors } } }, async (req) =>
      facilityReplenishment(database, req.principal, req.query.facilityId, req.query.asOf, settings),
    );
    app.get('/api/v1/stock/alerts/months-of-stock', { config: { access: READERS }, schema: { tags, response: { 200: MonthsOfStockAlerts, ...errors } } }, async (req) => monthsOfStockAlerts(database, req.principal, settings));
  };
}
