import { Type, type Static } from '@sinclair/typebox';
import { IsoDate, Uuid } from '../../http/common.schema.js';

export const ReplenishmentQuery = Type.Object(
  { facilityId: Uuid, asOf: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD, default today; the window is the 90 full days before it' })) },
  { additionalProperties: false },
);
export type ReplenishmentQuery = Static<typeof ReplenishmentQuery>;

export const ReplenishmentLine = Type.Object({
  productId: Uuid,
  productName: Type.String(),
  productKind: Type.String(),
  unit: Type.String(),
  onHand: Type.Integer({ description: 'At the end of asOf' }),
  onOrder: Type.Integer({ description: 'Still to come on shipments to the facility' }),
  consumed: Type.Integer({ description: 'Given to patients in the window (reversals taken back)' }),
  stockOutDays: Type.Integer(),
  averageMonthlyConsumption: Type.Union([Type.Number(), Type.Null()], { description: 'consumed × 30 / days in stock; null if out of stock all window' }),
  monthsOfStock: Type.Union([Type.Number(), Type.Null()]),
  suggestedQuantity: Type.Integer({ description: 'To bring stock up to the maximum months, counting what is on order' }),
  belowMinimum: Type.Boolean(),
});
export type ReplenishmentLine = Static<typeof ReplenishmentLine>;

export const Replenishment = Type.Object({
  facilityId: Uuid,
  locationId: Type.Union([Uuid, Type.Null()], { description: 'Null when the facility has no stock location yet' }),
  asOf: IsoDate,
  window: Type.Object({ from: IsoDate, to: IsoDate }),
  maxMonths: Type.Integer({ description: 'CAREBRIDGE_MAX_MONTHS_OF_STOCK' }),
  minMonths: Type.Integer({ description: 'CAREBRIDGE_MIN_MONTHS_OF_STOCK' }),
  items: Type.Array(ReplenishmentLine),
});
export type Replenishment = Static<typeof Replenishment>;

export const MonthsOfStockAlerts = Type.Object({
  minMonths: Type.Integer(),
  items: Type.Array(Type.Intersect([ReplenishmentLine, Type.Object({ facilityId: Uuid, locationName: Type.String() })])),
});
export type MonthsOfStockAlerts = Static<typeof MonthsOfStockAlerts>;
