import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import { AppError, notFound } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { raiseNotification } from '../events/events.js';
import { listLots, lotMovesForTrace, setLotStatus, traceLocations, type LotListRow } from './lots.repository.js';
import { noFigures, traceFigures } from './recall-trace.js';
import type { Lot, LotListFilters, LotStatusChange, RecallTrace } from './stock.schema.js';
import { supplyView } from './supply.scope.js';
import { withTransaction } from '../../db/transaction.js';

export const presentLot = (r: LotListRow): Lot => ({
  id: r.id,
  productId: r.product_id,
  productName: r.product_name,
  lotCode: r.lot_code,
  expiry: r.expiry,
  gtin: r.gtin,
  donorOrgId: r.donor_org_id,
  donorName: r.donor_name,
  donorNameUk: r.donor_name_uk,
  donorNameJa: r.donor_name_ja,
  shipmentId: r.shipment_id,
  status: r.status as Lot['status'],
  statusReason: r.status_reason,
  onHand: Number(r.on_hand ?? 0),
  version: r.version,
});

export async function listLotRows(database: Database, principal: Principal | null, query: LotListFilters, page: PageRequest): Promise<LotListRow[]> {
  return listLots(database.db, supplyView(principal), query, page.after?.id, page.limit);
}

/** A lot the caller may see (others are "not found", so their existence does not leak). */
export async function getLot(database: Database, principal: Principal | null, id: string): Promise<LotListRow> {
  const [row] = await listLots(database.db, supplyView(principal), { id }, undefined, 1);
  if (row === undefined) throw notFound('lot', id);
  return row;
}

/** Quarantine, release or mark damaged. A recalled lot stays recalled: releasing it would undo a safety decision. */
export async function changeLotStatus(database: Database, ctx: CallContext, id: string, input: LotStatusChange): Promise<LotListRow> {
  const before = await getLot(database, ctx.principal, id);
  if (before.status === 'recalled') throw new AppError('conflict', `Lot ${before.lot_code} is recalled; a recalled lot cannot change status.`);
  if (before.version !== input.version) throw new AppError('version_conflict', `The lot is at version ${before.version}, not ${input.version}; reload.`, { currentVersion: before.version });
  const patch = { status: input.status, status_reason: input.reason, updated_at: nowIso(), version: input.version + 1 };
  await withTransaction(database, async (trx) => {
    if (!(await setLotStatus(trx, id, input.version, patch))) throw new AppError('version_conflict', 'The lot was changed by someone else; reload.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'status', entity: 'lot', entityId: id, change: { from: before.status, ...patch } }]);
  });
  return { ...before, ...patch };
}

async function traceOf(database: Database, lot: LotListRow): Promise<RecallTrace> {
  const figures = traceFigures(await lotMovesForTrace(database.db, lot.id));
  const rows = await traceLocations(database.db, lot.id, [...figures.keys()]);
  return {
    lot: presentLot(lot),
    locations: rows.map((r) => ({ locationId: r.location_id, name: r.name, kind: r.kind, facilityId: r.facility_id, onHand: r.on_hand, ...(figures.get(r.location_id) ?? noFigures()) })),
  };
}

/** Where a lot is and has been. The full trace is for roles that see all stock; others see it filtered by the lot's visibility. */
export async function traceLot(database: Database, principal: Principal | null, id: string): Promise<RecallTrace> {
  return traceOf(database, await getLot(database, principal, id));
}

/**
 * Recalls a lot: from now on it is blocked everywhere (FEFO never proposes it, dispatch and transfer refuse it),
 * and the answer lists every location that holds it or ever received it, so each can be told at once.
 */
export async function recallLot(database: Database, ctx: CallContext, id: string, reason: string): Promise<RecallTrace> {
  const before = await getLot(database, ctx.principal, id);
  if (before.status === 'recalled') return traceOf(database, before);
  const patch = { status: 'recalled', status_reason: reason, updated_at: nowIso(), version: before.version + 1 };
  await withTransaction(database, async (trx) => {
    await setLotStatus(trx, id, null, patch);
    await appendAudit(trx, database.kind, ctx, [{ action: 'recall', entity: 'lot', entityId: id, change: { from: before.status, ...patch } }]);
    await raiseNotification(trx, ctx, { kind: 'lot_recalled', lotId: id, reason });
  });
  return traceOf(database, { ...before, ...patch });
}

/** Lot statuses that block dispatch and transfers; consumption and write-offs stay possible (to clear stock). */
export const BLOCKED_STATUSES: readonly string[] = ['recalled', 'quarantined', 'expired', 'damaged'];

export function assertLotUsable(lot: { lot_code: string; status: string; expiry: string | null }, today: string): void {
  if (BLOCKED_STATUSES.includes(lot.status)) throw new AppError('conflict', `Lot ${lot.lot_code} is ${lot.status}; it cannot be dispatched or transferred.`);
  if (lot.expiry !== null && lot.expiry < today) throw new AppError('conflict', `Lot ${lot.lot_code} expired on ${lot.expiry}; it cannot be dispatched or transferred (write it off instead).`);
}

