import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { newId } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { ensureFacilityLocation } from './locations.service.js';
import { productsByKindAndName } from './products.repository.js';
import { newProductRow, storeNewProducts } from './products.service.js';
import { insertShipment, type ShipmentLineRow, type ShipmentRow } from './shipments.repository.js';

export interface DispatchedUnit {
  serial: string;
  productName: string;
  /** Who supplied the unit: its donor, else the organisation sending it. */
  senderOrgId: string;
  warehouseName: string;
  facilityId: string;
}

/** Days a unit is expected on the road from a warehouse to its facility, for the shipment's expected arrival. */
const ROAD_DAYS = 3;

/**
 * The shipments of an executed generator plan, written in the plan's transaction: one per facility,
 * warehouse and sender, already in transit, one line per generator model with the units' serials.
 * The approved plan is the recipient's agreement and the advance notice, so the donation rules find
 * nothing to hold; receiving it at the facility (serials scanned or typed) installs the units.
 */
export async function dispatchGenerators(trx: Kysely<DB>, database: Database, ctx: CallContext, planId: string, at: string, units: readonly DispatchedUnit[]): Promise<string[]> {
  if (units.length === 0) return [];
  const models = [...new Set(units.map((u) => u.productName))];
  const known = await productsByKindAndName(trx, 'generator', models);
  const created = models.filter((m) => !known.has(m)).map((name) => newProductRow({ kind: 'generator', name, unit: 'unit', packSize: 1, essential: false }, at));
  if (created.length > 0) await storeNewProducts(trx, database, ctx, created);
  for (const p of created) known.set(p.name, p);

  const groups = new Map<string, DispatchedUnit[]>();
  for (const u of units) {
    const key = `${u.facilityId}|${u.warehouseName}|${u.senderOrgId}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [u]);
    else group.push(u);
  }
  const arrival = new Date(Date.parse(at) + ROAD_DAYS * 86_400_000).toISOString().slice(0, 10);
  const ids: string[] = [];
  for (const group of groups.values()) {
    const first = group[0] as DispatchedUnit;
    const location = await ensureFacilityLocation(trx, database, ctx, first.facilityId);
    const shipment: ShipmentRow = {
      id: newId(), donor_reference: `energy plan ${planId}`, donor_org_id: first.senderOrgId, origin: first.warehouseName, to_location_id: location.id,
      status: 'in_transit', status_reason: `dispatched by energy plan ${planId}`, notice_received_at: at, expected_arrival: arrival, recipient_agreed_on: at.slice(0, 10),
      received_at: null, created_by: ctx.principal?.userId ?? 'system', created_at: at, updated_at: at, version: 1,
    };
    const byModel = new Map<string, string[]>();
    for (const u of group) {
      const serials = byModel.get(u.productName);
      if (serials === undefined) byModel.set(u.productName, [u.serial]);
      else serials.push(u.serial);
    }
    const lines: ShipmentLineRow[] = [...byModel].map(([model, serials], i) => ({
      id: newId(), shipment_id: shipment.id, line_no: i + 1, product_id: (known.get(model) as { id: string }).id, quantity: serials.length,
      lot_code: null, expiry: null, need_id: null, serials: JSON.stringify(serials), received_quantity: 0, rejected_quantity: 0,
    }));
    await insertShipment(trx, shipment, lines, []);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'shipment', entityId: shipment.id, change: { ...shipment, lines: lines.length, plan: planId } }]);
    ids.push(shipment.id);
  }
  return ids;
}
