import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { newId } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { addNeedLink } from '../needs/needs.links.js';
import { ensureFacilityLocation } from './locations.service.js';
import { productsByKindAndName, type ProductRow } from './products.repository.js';
import { newProductRow, storeNewProducts } from './products.service.js';
import { insertShipment, type ShipmentLineRow, type ShipmentRow } from './shipments.repository.js';

/**
 * Supply's side of generator sets: their catalogue products (kind generator, one per model name) and the
 * shipments that carry them from a warehouse to the facility an executed energy plan sends them to.
 */

/** The catalogue products of these generator models, created (and audited) in the caller's transaction where missing. */
export async function ensureGeneratorProducts(trx: Kysely<DB>, database: Database, ctx: CallContext, models: readonly string[], at: string): Promise<Map<string, ProductRow>> {
  const known = await productsByKindAndName(trx, 'generator', [...new Set(models)]);
  const created = [...new Set(models)].filter((m) => !known.has(m)).map((name) => newProductRow({ kind: 'generator', name, unit: 'unit', packSize: 1, essential: false }, at));
  if (created.length > 0) await storeNewProducts(trx, database, ctx, created);
  for (const p of created) known.set(p.name, p);
  return known;
}

export interface DispatchedUnit {
  serial: string;
  productId: string;
  /** Who supplied the unit: its donor, else the organisation sending it. */
  senderOrgId: string;
  warehouseName: string;
  facilityId: string;
  /** The approved generator need the plan sends it for (its line is linked to it), or null. */
  needId: string | null;
  usableKw: number;
}

/** Days a unit is expected on the road from a warehouse to its facility, for the shipment's expected arrival. */
const ROAD_DAYS = 3;

/**
 * The shipments of an executed generator plan, written in the plan's transaction: one per facility,
 * warehouse and sender, already in transit, one line per generator model and need served with the units'
 * serials, linked to that need (receiving the units credits it in kW).
 * The approved plan is the recipient's agreement and the advance notice, so the donation rules find
 * nothing to hold; receiving it at the facility (serials scanned or typed) installs the units.
 * Returns the shipment of each serial.
 */
export async function dispatchGenerators(trx: Kysely<DB>, database: Database, ctx: CallContext, planId: string, at: string, units: readonly DispatchedUnit[]): Promise<Map<string, string>> {
  const shipmentOf = new Map<string, string>();
  const groups = new Map<string, DispatchedUnit[]>();
  for (const u of units) {
    const key = `${u.facilityId}|${u.warehouseName}|${u.senderOrgId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [u]);
    else group.push(u);
  }
  const arrival = new Date(Date.parse(at) + ROAD_DAYS * 86_400_000).toISOString().slice(0, 10);
  for (const group of groups.values()) {
    const first = group[0] as DispatchedUnit;
    const location = await ensureFacilityLocation(trx, database, ctx, first.facilityId);
    const shipment: ShipmentRow = {
      id: newId(), donor_reference: `energy plan ${planId}`, donor_org_id: first.senderOrgId, origin: first.warehouseName, to_location_id: location.id,
      status: 'in_transit', status_reason: `dispatched by energy plan ${planId}`, notice_received_at: at, expected_arrival: arrival, recipient_agreed_on: at.slice(0, 10),
      received_at: null, created_by: ctx.principal?.userId ?? 'system', created_at: at, updated_at: at, version: 1,
    };
    const byLine = new Map<string, DispatchedUnit[]>();
    for (const u of group) {
      const key = `${u.productId}|${u.needId ?? ''}`;
      byLine.set(key, [...(byLine.get(key) ?? []), u]);
      shipmentOf.set(u.serial, shipment.id);
    }
    const lines: ShipmentLineRow[] = [...byLine.values()].map((us, i) => ({
      id: newId(), shipment_id: shipment.id, line_no: i + 1, product_id: (us[0] as DispatchedUnit).productId, quantity: us.length,
      lot_code: null, expiry: null, need_id: (us[0] as DispatchedUnit).needId, serials: JSON.stringify(us.map((u) => u.serial)), received_quantity: 0, rejected_quantity: 0,
    }));
    await insertShipment(trx, shipment, lines, []);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'shipment', entityId: shipment.id, change: { ...shipment, lines: lines.length, plan: planId } }]);
    // The units on their way are committed to their need in kW, so its gap and the next plan count them.
    for (const [i, us] of [...byLine.values()].entries()) {
      const line = lines[i] as ShipmentLineRow;
      const kw = Math.round(us.reduce((sum, u) => sum + u.usableKw, 0) * 10) / 10;
      if (line.need_id !== null && kw > 0) await addNeedLink(trx, database.kind, ctx, { needId: line.need_id, quantity: String(kw), unit: 'kW', sourceKind: 'shipment_line', sourceId: line.id, stage: 'committed' });
    }
  }
  return shipmentOf;
}
