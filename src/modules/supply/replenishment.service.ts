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

async function linesAt(database: Database, location: LocationRow, asOf: string, settings: ReplenishmentSettings): Promise<ReplenishmentLine[]> {
  const [moves, balances, onOrder] = await Promise.all([movesSince(database.db, location.id, addDays(asOf, -WINDOW_DAYS)), balancesByProduct(database.db, location.id), onOrderByProduct(database.db, location.id)]);
  const byProduct = new Map<string, ReplenishmentMove[]>();
  for (const m of moves) byProduct.set(m.product_id, [...(byProduct.get(m.product_id) ?? []), m]);
  // Every product the facility holds or has held (a product out of stock is the point), moved lately, or has on order.
  const ids = [...new Set([...byProduct.keys(), ...balances.keys(), ...[...onOrder].filter(([, q]) => q > 0).map(([id]) => id)])];
  const lines: ReplenishmentLine[] = [];
  for (const p of await productBriefs(database.db, ids)) {
    const days = ledgerDays(byProduct.get(p.id) ?? [], location.id);
    // The balance at the end of asOf: today's balance less whatever moved after asOf.
    const onHand = (balances.get(p.id) ?? 0) - days.filter((d) => d.day > asOf).reduce((s, d) => s + d.delta, 0);
    const ordered = onOrder.get(p.id) ?? 0;
    const f = replenishmentOf({ asOf, onHand, onOrder: ordered, days: days.filter((d) => d.day <= asOf), ...settings });
    lines.push({
      productId: p.id, productName: p.name, productKind: p.kind, unit: p.unit, onHand, onOrder: ordered, consumed: f.consumed, stockOutDays: f.stockOutDays,
      averageMonthlyConsumption: f.averageMonthlyConsumption, monthsOfStock: f.monthsOfStock, suggestedQuantity: f.suggestedQuantity, belowMinimum: f.belowMinimum,
    });
  }
  return lines;
}

/** Replenishment of every product at a facility the caller sees (404 for one it does not, as for one that does not exist). */
export async function facilityReplenishment(database: Database, principal: Principal | null, facilityId: string, asOf: string | undefined, settings: ReplenishmentSettings): Promise<Replenishment> {
  const day = asOf ?? today();
  const facility = await facilityRowById(database.db, facilityId);
  if (facility === undefined || !seesPlace(placeView(principal), { facility_id: facility.id, area_path: facility.area_path })) throw notFound('facility', facilityId);
  const location = await locationOfFacility(database.db, facilityId);
  const items = location === undefined ? [] : await linesAt(database, location, day, settings);
  return { facilityId, locationId: location?.id ?? null, asOf: day, window: { from: addDays(day, -WINDOW_DAYS), to: addDays(day, -1) }, maxMonths: settings.maxMonths, minMonths: settings.minMonths, items };
}

/**
 * Products under the minimum months of stock at every facility the caller sees. One facility at a time: a
 * worklist for a coordinator's areas or a reporter's facilities; across all 30,000 facilities it is slow
 * (three queries per facility) and belongs in a scheduled job.
 */
export async function monthsOfStockAlerts(database: Database, principal: Principal | null, settings: ReplenishmentSettings): Promise<MonthsOfStockAlerts> {
  const view = placeView(principal);
  const asOf = today();
  const items: MonthsOfStockAlerts['items'] = [];
  let after: string | undefined;
  for (;;) {
    const page = await listLocations(database.db, view, { kind: 'facility' }, after, 500);
    for (const location of page.slice(0, 500)) {
      if (location.facility_id === null) continue;
      for (const line of await linesAt(database, location, asOf, settings)) if (line.belowMinimum) items.push({ ...line, facilityId: location.facility_id, locationName: location.name });
    }
    if (page.length <= 500) break;
    after = page[499]?.id;
  }
  return { minMonths: settings.minMonths, items };
}
