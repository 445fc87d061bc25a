import type { Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { listNeedPage } from '../needs/needs.service.js';
import { belowMinimum, expiringStock, warehouseStock } from './alerts.repository.js';
import { addDays, daysBetween } from '../../dates.js';
import type { ExpiryAlerts, LowStockAlerts, NeedsWaiting } from './stock.schema.js';
import { supplyView } from './supply.scope.js';
import { today } from './stock.service.js';

const bandOf = (daysLeft: number): '30' | '60' | '90' => (daysLeft <= 30 ? '30' : daysLeft <= 60 ? '60' : '90');

/** Lots with stock expiring within `days` (30, 60 or 90) from today, grouped by location, soonest first. */
export async function expiryAlerts(database: Database, principal: Principal | null, days: number, locationId?: string): Promise<ExpiryAlerts> {
  const asOf = today();
  const rows = await expiringStock(database.db, supplyView(principal), asOf, addDays(asOf, days), locationId);
  const byLocation = new Map<string, ExpiryAlerts['locations'][number]>();
  for (const r of rows) {
    const entry = byLocation.get(r.location_id) ?? { locationId: r.location_id, name: r.location_name, lots: [] };
    const daysLeft = daysBetween(asOf, r.expiry as string);
    entry.lots.push({ lotId: r.lot_id, lotCode: r.lot_code, productId: r.product_id, productName: r.product_name, expiry: r.expiry as string, daysLeft, band: bandOf(daysLeft), quantity: r.quantity });
    byLocation.set(r.location_id, entry);
  }
  return { asOf, days, locations: [...byLocation.values()] };
}

export async function lowStockAlerts(database: Database, principal: Principal | null): Promise<LowStockAlerts> {
  const rows = await belowMinimum(database.db, supplyView(principal), today());
  return { items: rows.map((r) => ({ locationId: r.location_id, locationName: r.location_name, productId: r.product_id, productName: r.product_name, minimum: r.minimum, onHand: Number(r.on_hand) })) };
}

/** Needs are at most this many pages of 500 deep in the scan: the alert is a worklist, not a report. */
const MAX_NEED_PAGES = 20;

/**
 * Approved needs still open whose product is in a warehouse. Needs name what they want in words (no product
 * id), so a need matches a product whose INN or name appears in its specification (case-insensitive).
 */
export async function needsWaiting(database: Database, principal: Principal | null): Promise<NeedsWaiting> {
  const stock = await warehouseStock(database.db, today());
  if (stock.length === 0) return { items: [] };
  const products = new Map<string, { name: string; keys: string[]; warehouses: { locationId: string; name: string; available: number }[] }>();
  for (const s of stock) {
    const p = products.get(s.product_id) ?? { name: s.product_name, keys: [s.inn, s.product_name].filter((k): k is string => k !== null && k.length >= 4).map((k) => k.toLocaleLowerCase('uk')), warehouses: [] };
    p.warehouses.push({ locationId: s.location_id, name: s.location_name, available: Number(s.available) });
    products.set(s.product_id, p);
  }
  const items: NeedsWaiting['items'] = [];
  for (const status of ['approved', 'partially_met'] as const) {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_NEED_PAGES; page++) {
      const result = await listNeedPage(database, principal, { status, limit: 500, ...(cursor === undefined ? {} : { cursor }) });
      for (const need of result.rows) {
        if (need.approved_at === null || !['medicine', 'consumable', 'equipment'].includes(need.category)) continue;
        const spec = need.specification.toLocaleLowerCase('uk');
        for (const [productId, p] of products) {
          if (p.keys.some((k) => spec.includes(k))) items.push({ needId: need.id, facilityId: need.facility_id, productId, productName: p.name, needed: need.quantity, warehouses: p.warehouses });
        }
      }
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
  }
  return { items };
}
