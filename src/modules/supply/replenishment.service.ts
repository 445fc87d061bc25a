import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { notFound } from '../../errors.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { listLocations, locationOfFacility, type LocationRow } from './locations.repository.js';
import { replenishmentOf, WINDOW_DAYS, type LedgerDay } from './replenishment.js';
import { balancesByProduct, movesSince, onOrderByProduct, productBriefs, type ReplenishmentMove } from './replenishment.repository.js';
import type { MonthsOfStockAlerts, Replenishment, ReplenishmentLine } from './replenishment.schema.js';
import { addDays } from '../../dates.js';
import { today } from './stock.service.js';
import { seesPlace, supplyView, type SupplyView } from './supply.scope.js';

/** config.maxMonthsOfStock and config.minMonthsOfStock (CAREBRIDGE_MAX_/MIN_MONTHS_OF_STOCK). */
export interface ReplenishmentSettings {
  maxMonths: number;
  minMonths: number;
}

/**
 * Who sees a facility's replenishment: those who see its stock as a place (Ministry, warehouse and analyst roles;
 * its reporters). A donor officer sees the lots it donated, not a facility's whole stock, so not this.
 */
const placeView = (principal: Principal | null): SupplyView => ({ ...supplyView(principal), donorOrgIds: [] });

/** The ledger of one product at the location, day by day: net change and units consumed (reversals taken back). */
function ledgerDays(moves: readonly ReplenishmentMove[], locationId: string): LedgerDay[] {
  return moves.map((m) => {
    const delta = (m.to_id === locationId ? m.quantity : 0) - (m.from_id === locationId ? m.quantity : 0);
    let consumed = 0;
    if (m.kind === 'consumption') consumed = m.reversal ? (m.to_id === locationId ? -m.quantity : 0) : m.from_id === locationId ? m.quantity : 0;
    return { day: m.day, delta, consumed };
  });
}

/**
 * The replenishment lines of each of these locations, keyed by location id: three queries for the locations
 * together and one for the products' names, however many locations there are.
 */
async function linesAt(database: Database, locations: readonly LocationRow[], asOf: string, settings: ReplenishmentSettings): Promise<Map<string, ReplenishmentLine[]>> {
  const locationIds = locations.map((l) => l.id);
  const [moves, balances, onOrder] = await Promise.all([movesSince(database.db, locationIds, addDays(asOf, -WINDOW_DAYS)), balancesByProduct(database.db, locationIds), onOrderByProduct(database.db, locationIds)]);
  // A move between two of these locations belongs to both ledgers.
  const movesOf = new Map<string, Map<string, ReplenishmentMove[]>>();
  const held = new Set(locationIds);
  for (const m of moves) {
    for (const at of new Set([m.from_id, m.to_id])) {
      if (at === null || !held.has(at)) continue;
      const byProduct = movesOf.get(at) ?? new Map<string, ReplenishmentMove[]>();
      byProduct.set(m.product_id, [...(byProduct.get(m.product_id) ?? []), m]);
      movesOf.set(at, byProduct);
    }
  }
  // Every product a location holds or has held (a product out of stock is the point), moved lately, or has on order.
  const productsOf = new Map(locationIds.map((id) => {
    const ordered = [...(onOrder.get(id) ?? new Map<string, number>())].filter(([, q]) => q > 0).map(([p]) => p);
    return [id, new Set([...(movesOf.get(id)?.keys() ?? []), ...(balances.get(id)?.keys() ?? []), ...ordered])];
  }));
  const briefs = await productBriefs(database.db, [...new Set([...productsOf.values()].flatMap((ids) => [...ids]))]);
  const lines = new Map<string, ReplenishmentLine[]>();
  for (const location of locations) {
    const mine = productsOf.get(location.id) ?? new Set<string>();
    const out: ReplenishmentLine[] = [];
    // productBriefs is ordered by name, so each location's lines are too.
    for (const p of briefs) {
      if (!mine.has(p.id)) continue;
      const days = ledgerDays(movesOf.get(location.id)?.get(p.id) ?? [], location.id);
      // The balance at the end of asOf: today's balance less whatever moved after asOf.
      const onHand = (balances.get(location.id)?.get(p.id) ?? 0) - days.filter((d) => d.day > asOf).reduce((s, d) => s + d.delta, 0);
      const ordered = onOrder.get(location.id)?.get(p.id) ?? 0;
      const f = replenishmentOf({ asOf, onHand, onOrder: ordered, days: days.filter((d) => d.day <= asOf), ...settings });
      out.push({
        productId: p.id, productName: p.name, productKind: p.kind, unit: p.unit, onHand, onOrder: ordered, consumed: f.consumed, stockOutDays: f.stockOutDays,
        averageMonthlyConsumption: f.averageMonthlyConsumption, monthsOfStock: f.monthsOfStock, suggestedQuantity: f.suggestedQuantity, belowMinimum: f.belowMinimum,
      });
    }
    lines.set(location.id, out);
  }
  return lines;
}

/** Replenishment of every product at a facility the caller sees (404 for one it does not, as for one that does not exist). */
export async function facilityReplenishment(database: Database, principal: Principal | null, facilityId: string, asOf: string | undefined, settings: ReplenishmentSettings): Promise<Replenishment> {
  const day = asOf ?? today();
  const facility = await facilityRowById(database.db, facilityId);
  if (facility === undefined || !seesPlace(placeView(principal), { facility_id: facility.id, area_path: facility.area_path })) throw notFound('facility', facilityId);
  const location = await locationOfFacility(database.db, facilityId);
  const items = location === undefined ? [] : ((await linesAt(database, [location], day, settings)).get(location.id) ?? []);
  return { facilityId, locationId: location?.id ?? null, asOf: day, window: { from: addDays(day, -WINDOW_DAYS), to: addDays(day, -1) }, maxMonths: settings.maxMonths, minMonths: settings.minMonths, items };
}

/**
 * Products under the minimum months of stock at every facility the caller sees: a worklist for a coordinator's areas
 * or a reporter's facilities, and the notification worker's low-stock check. Four queries per 500 facilities (it was
 * three per facility: 90,000 at national scale).
 */
export async function monthsOfStockAlerts(database: Database, principal: Principal | null, settings: ReplenishmentSettings): Promise<MonthsOfStockAlerts> {
  const view = placeView(principal);
  const asOf = today();
  const items: MonthsOfStockAlerts['items'] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listLocations(database.db, view, { kind: 'facility' }, after, 500);
    const facilities = page.slice(0, 500).filter((l): l is LocationRow & { facility_id: string } => l.facility_id !== null);
    const lines = await linesAt(database, facilities, asOf, settings);
    for (const location of facilities) {
      for (const line of lines.get(location.id) ?? []) if (line.belowMinimum) items.push({ ...line, facilityId: location.facility_id, locationName: location.name });
    }
    if (page.length <= 500) break;
    after = page[499]?.id;
  }
  return { minMonths: settings.minMonths, items };
}
