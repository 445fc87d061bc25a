import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../db/database.js';
import type { AssetIntake } from './asset-intake.js';
import { ruleSettings } from './donation-rules.js';
import { productRoutes } from './products.routes.js';
import { replenishmentRoutes } from './replenishment.routes.js';
import { shipmentRoutes } from './shipments.routes.js';
import { stockRoutes } from './stock.routes.js';

export interface SupplyOptions {
  /** config.minShelfLifeMonths (CAREBRIDGE_MIN_SHELF_LIFE_MONTHS). */
  minShelfLifeMonths?: number;
  importLimitBytes?: number;
  /** config.maxMonthsOfStock and minMonthsOfStock (CAREBRIDGE_MAX_/MIN_MONTHS_OF_STOCK); the defaults match config.ts's. */
  maxMonthsOfStock?: number;
  minMonthsOfStock?: number;
}

/** Every route of medicines and equipment (issue 6) but assets (src/modules/assets); docs/supply.md lists them. */
/** `intake` is assets' side of receiving (src/modules/assets/assets.intake.ts), passed in: assets builds on supply. */
export function supplyRoutes(database: Database, intake: AssetIntake, options: SupplyOptions = {}): FastifyPluginAsyncTypebox {
  const { importLimitBytes = 64 * 1_048_576 } = options;
  const settings = ruleSettings(options.minShelfLifeMonths);
  return async (app) => {
    await app.register(productRoutes(database, importLimitBytes));
    await app.register(shipmentRoutes(database, settings, intake));
    await app.register(stockRoutes(database));
    await app.register(replenishmentRoutes(database, { maxMonths: options.maxMonthsOfStock ?? 3, minMonths: options.minMonthsOfStock ?? 1 }));
  };
}
