import type { CallContext } from '../context.js';
import type { Database } from '../db/database.js';
import { newId, nowIso } from '../ids.js';
import { appendAudit } from '../modules/audit/audit.service.js';
import type { FacilityRow } from '../modules/facilities/facilities.tables.js';
import { areasByCode } from '../modules/geography/geography.service.js';
import { OBLASTS } from '../modules/geography/oblasts.js';
import { listOrganizationPage } from '../modules/organizations/organizations.service.js';
import { addDays } from '../dates.js';
import { analyzeLedger, type BalanceRow, type StockMoveRow } from '../modules/supply/ledger.repository.js';
import { insertLocations, locatedFacilityIds, type LocationRow } from '../modules/supply/locations.repository.js';
import { insertLots, type LotRow } from '../modules/supply/lots.repository.js';
import { insertProducts, type ProductRow } from '../modules/supply/products.repository.js';
import { newProductRow } from '../modules/supply/products.service.js';
import { DEMO_MEDICINES, demoGtin } from './demo-supply-catalogue.js';
import { bulkInsert, checkpointAfterBatch, withIndexesDeferred } from '../db/bulk-load.js';
import { silentProgress, type DemoProgress, type DemoStep } from './demo-progress.js';
import type { Random } from './random.js';

export interface BulkLedgerInput {
  warehouses: readonly LocationRow[];
  clinics: readonly LocationRow[];
  products: readonly ProductRow[];
  donorIds: readonly string[];
  lots: number;
  targetMoves: number;
  random: Random;
  actor: string;
  /** Hears the count of moves written after each batch; its total is `ledgerMoves` of the same sizes. */
  step?: DemoStep;
}

/** The moves writeBulkLedger writes exactly: per lot a receipt, its dispatches and their consumptions. */
export function ledgerMoves(size: { lots: number; targetMoves: number }): number {
  const { dispatchesPerLot, consumptionsPerDispatch } = ledgerShape(size);
  return size.lots * (1 + dispatchesPerLot * (1 + consumptionsPerDispatch));
}

function ledgerShape(size: { lots: number; targetMoves: number }): { dispatchesPerLot: number; consumptionsPerDispatch: number } {
  const movesPerLot = Math.max(3, Math.round(size.targetMoves / size.lots));
  const dispatchesPerLot = Math.max(1, Math.round(Math.sqrt(movesPerLot)));
  const consumptionsPerDispatch = Math.max(0, Math.round((movesPerLot - 1 - dispatchesPerLot) / dispatchesPerLot));
  return { dispatchesPerLot, consumptionsPerDispatch };
}

/** Variants of the essential medicines (pack sizes) up to `count` products, for national-scale data. */
export function catalogueVariants(count: number, at: string): ProductRow[] {
  return Array.from({ length: count }, (_, i) => {
    const base = DEMO_MEDICINES[i % DEMO_MEDICINES.length] as (typeof DEMO_MEDICINES)[number];
    const pack = base.packSize * (1 + Math.floor(i / DEMO_MEDICINES.length));
    return newProductRow({ ...base, name: `${base.name} — pack of ${pack} (${i + 1})`, packSize: pack, gtin: demoGtin(100_000 + i) }, at);
  });
}

/**
 * Writes a consistent ledger in bulk, straight through the repositories (no per-move audit: one summary
 * event covers the load). Each lot is received at a warehouse, dispatched to hospitals, and consumed there
 * in small amounts, so no balance ever goes negative and the balances are exactly the ledger's sums
 * (`carebridge stock reconcile` proves it). Moves are generated lot by lot, so memory holds one lot's
 * moves and the balances, never the whole ledger.
 */
export async function writeBulkLedger(database: Database, input: BulkLedgerInput): Promise<{ moves: number; lots: number; balances: number }> {
  const { random } = input;
  const { dispatchesPerLot, consumptionsPerDispatch } = ledgerShape(input);
  const start = Date.now() - 2 * 365 * 86_400_000;
  const balances = new Map<string, BalanceRow>();
  const now = nowIso();
  const today = now.slice(0, 10);
  const lots: LotRow[] = [];
  let pending: StockMoveRow[] = [];
  let written = 0;
  let tick = 0;
  const at = () => new Date(start + (tick++ % 60_000_000) * 1000).toISOString();
  const put = (location: string, lot: LotRow, delta: number) => {
    const key = `${location}|${lot.id}`;
    const b = balances.get(key) ?? { location_id: location, lot_id: lot.id, product_id: lot.product_id, quantity: 0, updated_at: now };
    b.quantity += delta;
    balances.set(key, b);
  };
  const flush = async (force: boolean) => {
    if (pending.length < 50_000 && !(force && pending.length > 0)) return;
    const rows = pending;
    pending = [];
    await database.db.transaction().execute((trx) => bulkInsert(trx, database.kind, 'stock_moves', rows));
    await checkpointAfterBatch(database);
    written += rows.length;
    input.step?.update(written);
  };
  for (let n = 0; n < input.lots; n++) {
    const product = random.pick(input.products);
    lots.push({ id: newId(), product_id: product.id, lot_code: `N${String(n).padStart(7, '0')}`, expiry: addDays(today, random.int(-30, 1100)), gtin: product.gtin, donor_org_id: random.pick(input.donorIds), shipment_id: null, status: 'available', status_reason: null, created_at: now, updated_at: now, version: 1 });
  }
  // Lots first: the moves and balances refer to them.
  await database.db.transaction().execute((trx) => insertLots(trx, lots));
  // The ledger's secondary indexes are built once it is in (bulk-load.ts).
  const rows = await withIndexesDeferred(database, ['stock_moves', 'stock_balances'], async () => {
    for (const lot of lots) {
      const warehouse = random.pick(input.warehouses);
      const dispatches = Array.from({ length: dispatchesPerLot }, () => random.int(consumptionsPerDispatch + 1, consumptionsPerDispatch * 3 + 10));
      const received = dispatches.reduce((s, q) => s + q, 0) + random.int(0, 200);
      const move = (kind: string, from: string | null, to: string | null, quantity: number): StockMoveRow => ({ id: newId(), kind, lot_id: lot.id, product_id: lot.product_id, from_location_id: from, to_location_id: to, quantity, reverses_id: null, reason: null, shipment_id: null, actor: input.actor, at: at() });
      pending.push(move('receipt', null, warehouse.id, received));
      put(warehouse.id, lot, received);
      for (const q of dispatches) {
        const clinic = random.pick(input.clinics);
        pending.push(move('dispatch', warehouse.id, clinic.id, q));
        put(warehouse.id, lot, -q);
        put(clinic.id, lot, q);
        // Consume one unit at a time at most q times: the clinic's balance of this lot never goes below zero.
        for (let c = 0; c < Math.min(consumptionsPerDispatch, q); c++) {
          pending.push(move('consumption', clinic.id, null, 1));
          put(clinic.id, lot, -1);
        }
      }
      await flush(false);
    }
    await flush(true);
    const out = [...balances.values()];
    await database.db.transaction().execute((trx) => bulkInsert(trx, database.kind, 'stock_balances', out));
    await checkpointAfterBatch(database);
    return out;
  });
  await analyzeLedger(database.db);
  return { moves: written, lots: lots.length, balances: rows.length };
}

/** The national-scale supply data: 5,000 products, a warehouse per oblast, every facility a location, about 5 M moves. */
export async function loadNationalLedger(database: Database, ctx: CallContext, random: Random, facilities: readonly FacilityRow[], size: { products: number; lots: number; targetMoves: number }, progress: DemoProgress = silentProgress): Promise<void> {
  const step = progress('supply: national ledger (stock moves)', ledgerMoves(size));
  const at = nowIso();
  const products = catalogueVariants(size.products, at);
  const areas = await areasByCode(database.db, OBLASTS.map((o) => o.katottg));
  const warehouses: LocationRow[] = OBLASTS.flatMap((o) => {
    const area = areas.get(o.katottg);
    return area === undefined ? [] : [{ id: newId(), kind: 'warehouse', name: `Oblast medical warehouse, ${o.nameEn}`, facility_id: null, area_katottg: area.katottg, area_path: area.path, operator_org_id: null, created_at: at, updated_at: at, version: 1 }];
  });
  const located = await locatedFacilityIds(database.db);
  const clinics: LocationRow[] = facilities.filter((f) => !located.has(f.id)).map((f) => ({ id: newId(), kind: 'facility', name: f.name_en, facility_id: f.id, area_katottg: f.area_katottg, area_path: f.area_path, operator_org_id: f.operator_org_id, created_at: at, updated_at: at, version: 1 }));
  await database.db.transaction().execute(async (trx) => {
    await insertProducts(trx, products);
    await insertLocations(trx, [...warehouses, ...clinics]);
  });
  const donorIds = (await listOrganizationPage(database, { limit: 500 })).rows.filter((o) => ['bilateral_agency', 'multilateral', 'ngo', 'donor_government'].includes(o.type)).map((o) => o.id);
  const result = await writeBulkLedger(database, { warehouses, clinics, products, donorIds, lots: size.lots, targetMoves: size.targetMoves, random, actor: ctx.principal?.email ?? 'demo', step });
  await database.db.transaction().execute((trx) => appendAudit(trx, database.kind, ctx, [{ action: 'bulk_load', entity: 'stock', entityId: 'national-demo', change: { products: products.length, warehouses: warehouses.length, facilityLocations: clinics.length, ...result } }]));
  step.done(result.moves);
}
