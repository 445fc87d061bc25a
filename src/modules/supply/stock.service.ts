import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { Keyset, PageRequest } from '../../db/pagination.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findMove, reversalOf, type StockMoveRow } from './ledger.repository.js';
import { applyMoves, type MoveInput } from './ledger.service.js';
import { getLocation } from './locations.service.js';
import { findLot, type LotRow } from './lots.repository.js';
import { assertLotUsable } from './lots.service.js';
import { getProduct } from './products.service.js';
import { listBalances, listMoves, pickableLots, productStockByLocation, upsertMinimum, type BalanceListRow } from './stock.repository.js';
import type { Balance, BalanceListFilters, DispatchCreate, MinimumSet, MoveCreate, Picking, ProductStock, StockMove, StockMoveListFilters } from './stock.schema.js';
import { assertMayStock, supplyView, type StockWork } from './supply.scope.js';
import { destinationFindings } from './destination-access.js';
import { withTransaction } from '../../db/transaction.js';

export const today = (): string => nowIso().slice(0, 10);

export const presentMove = (r: StockMoveRow): StockMove => ({
  id: r.id,
  kind: r.kind as StockMove['kind'],
  lotId: r.lot_id,
  productId: r.product_id,
  fromLocationId: r.from_location_id,
  toLocationId: r.to_location_id,
  quantity: r.quantity,
  reversesId: r.reverses_id,
  reason: r.reason,
  shipmentId: r.shipment_id,
  actor: r.actor,
  at: r.at,
});

export const presentBalance = (r: BalanceListRow): Balance => ({
  locationId: r.location_id,
  locationName: r.location_name,
  lotId: r.lot_id,
  lotCode: r.lot_code,
  expiry: r.expiry,
  lotStatus: r.lot_status as Balance['lotStatus'],
  donorOrgId: r.donor_org_id,
  productId: r.product_id,
  productName: r.product_name,
  quantity: r.quantity,
});

/** A location the caller may move stock at (for this kind of work); the path names the request field in errors. */
export async function writableLocation(database: Database, principal: Principal | null, id: string, path: string, work: StockWork = 'manage') {
  const location = await getLocation(database.db, principal, id, path);
  assertMayStock(principal, location, work);
  return location;
}

async function lotOf(database: Database, id: string, path = '/lotId'): Promise<LotRow> {
  const lot = await findLot(database.db, id);
  if (lot === undefined) throw invalid([{ path, message: `no lot with id "${id}"` }]);
  return lot;
}

/** Balances by location, then lot: the cursor holds the last row's location as its value and its lot as its id. */
export const BALANCE_ORDER: Keyset<BalanceListRow> = { key: 'location_lot', valueOf: (r) => r.location_id, idOf: (r) => r.lot_id };

export async function listBalanceRows(database: Database, principal: Principal | null, query: BalanceListFilters, page: PageRequest): Promise<BalanceListRow[]> {
  const after = page.after === undefined ? undefined : { locationId: String(page.after.value), lotId: page.after.id };
  return listBalances(database.db, supplyView(principal), query, after, page.limit);
}

export async function productStock(database: Database, principal: Principal | null, productId: string): Promise<ProductStock> {
  await getProduct(database.db, productId);
  const locations = (await productStockByLocation(database.db, supplyView(principal), productId)).map((r) => ({ locationId: r.location_id, name: r.name, kind: r.kind, quantity: r.quantity }));
  return { productId, total: locations.reduce((s, l) => s + l.quantity, 0), locations };
}

/** First-expiry-first-out: earliest-expiring usable lots first, until the quantity is covered. */
export async function proposePicking(database: Database, principal: Principal | null, query: { locationId: string; productId: string; quantity: number }): Promise<Picking> {
  await getLocation(database.db, principal, query.locationId);
  await getProduct(database.db, query.productId);
  let left = query.quantity;
  const lines: Picking['lines'] = [];
  for (const lot of await pickableLots(database.db, query.locationId, query.productId, today())) {
    if (left === 0) break;
    const take = Math.min(left, lot.quantity);
    lines.push({ lotId: lot.lot_id, lotCode: lot.lot_code, expiry: lot.expiry, available: lot.quantity, quantity: take });
    left -= take;
  }
  return { productId: query.productId, locationId: query.locationId, requested: query.quantity, lines, shortfall: left };
}

/** Dispatches a product to another location: the lots named, or FEFO's proposal when none are named. */
export async function dispatchStock(database: Database, ctx: CallContext, input: DispatchCreate): Promise<StockMoveRow[]> {
  if (input.fromLocationId === input.toLocationId) throw invalid([{ path: '/toLocationId', message: 'must differ from fromLocationId' }]);
  const from = await writableLocation(database, ctx.principal, input.fromLocationId, '/fromLocationId');
  const to = await getLocation(database.db, ctx.principal, input.toLocationId, '/toLocationId');
  await destinationFindings(database.db, to, nowIso());
  await getProduct(database.db, input.productId);
  let picks: { lotId: string; quantity: number }[];
  if (input.lots === undefined) {
    const proposal = await proposePicking(database, ctx.principal, { locationId: from.id, productId: input.productId, quantity: input.quantity });
    if (proposal.shortfall > 0) throw new AppError('conflict', `Only ${input.quantity - proposal.shortfall} usable units of the product are at ${from.name}; ${input.quantity} were asked for.`);
    picks = proposal.lines.map((l) => ({ lotId: l.lotId, quantity: l.quantity }));
  } else {
    const total = input.lots.reduce((s, l) => s + l.quantity, 0);
    if (total !== input.quantity) throw invalid([{ path: '/lots', message: `the lots add up to ${total}, not the quantity ${input.quantity}` }]);
    picks = input.lots;
  }
  const moves: MoveInput[] = [];
  for (const [i, pick] of picks.entries()) {
    const lot = await lotOf(database, pick.lotId, `/lots/${i}/lotId`);
    if (lot.product_id !== input.productId) throw invalid([{ path: `/lots/${i}/lotId`, message: `lot ${lot.lot_code} is of another product` }]);
    assertLotUsable(lot, today());
    moves.push({ kind: 'dispatch', lotId: lot.id, productId: lot.product_id, from: from.id, to: to.id, quantity: pick.quantity, reason: input.reason ?? null });
  }
  return withTransaction(database, async (trx) => {
    const rows = await applyMoves(trx, ctx, moves, nowIso());
    await appendAudit(trx, database.kind, ctx, [{ action: 'dispatch', entity: 'stock', entityId: from.id, change: { to: to.id, productId: input.productId, moves: rows.map((r) => ({ id: r.id, lotId: r.lot_id, quantity: r.quantity })) } }]);
    return rows;
  });
}

/**
 * Transfer, consumption, expiry write-off or damage of one lot at one location. Using or losing stock is a
 * facility's own work (its reporters may record it); moving it elsewhere is not. `id` is the move's id when the
 * client made it (an offline record synced by its UUID).
 */
export async function recordMove(database: Database, ctx: CallContext, input: MoveCreate, id?: string): Promise<StockMoveRow> {
  const from = await writableLocation(database, ctx.principal, input.fromLocationId, '/fromLocationId', input.kind === 'transfer' ? 'manage' : 'facility');
  const lot = await lotOf(database, input.lotId);
  let to: string | null = null;
  if (input.kind === 'transfer') {
    if (input.toLocationId === undefined) throw invalid([{ path: '/toLocationId', message: 'a transfer needs the location it goes to' }]);
    if (input.toLocationId === from.id) throw invalid([{ path: '/toLocationId', message: 'must differ from fromLocationId' }]);
    to = (await getLocation(database.db, ctx.principal, input.toLocationId, '/toLocationId')).id;
  } else if (input.toLocationId !== undefined) throw invalid([{ path: '/toLocationId', message: `a ${input.kind} takes stock out; it has no destination` }]);
  // Blocked or expired stock may still be written off or recorded as damaged, never moved on or used.
  if (input.kind === 'transfer' || input.kind === 'consumption') assertLotUsable(lot, today());
  return withTransaction(database, async (trx) => {
    const [row] = await applyMoves(trx, ctx, [{ id, kind: input.kind, lotId: lot.id, productId: lot.product_id, from: from.id, to, quantity: input.quantity, reason: input.reason ?? null, quantityPath: '/quantity' }], nowIso());
    await appendAudit(trx, database.kind, ctx, [{ action: input.kind, entity: 'stock_move', entityId: (row as StockMoveRow).id, change: row }]);
    return row as StockMoveRow;
  });
}

/** Undoes a move by the opposite move; the original stays in the ledger untouched. */
export async function reverseMove(database: Database, ctx: CallContext, id: string, reason: string): Promise<StockMoveRow> {
  const original = await findMove(database.db, id);
  if (original === undefined) throw notFound('stock move', id);
  if (original.kind === 'reversal') throw new AppError('conflict', 'A reversal cannot itself be reversed; record the correct move instead.');
  for (const locationId of [original.from_location_id, original.to_location_id]) {
    if (locationId !== null) await writableLocation(database, ctx.principal, locationId, '/id');
  }
  return withTransaction(database, async (trx) => {
    if ((await reversalOf(trx, id)) !== undefined) throw new AppError('conflict', `Move ${id} was already reversed.`);
    const [row] = await applyMoves(trx, ctx, [{ kind: 'reversal', lotId: original.lot_id, productId: original.product_id, from: original.to_location_id, to: original.from_location_id, quantity: original.quantity, reason, reversesId: id, shipmentId: original.shipment_id }], nowIso());
    await appendAudit(trx, database.kind, ctx, [{ action: 'reverse', entity: 'stock_move', entityId: id, change: row }]);
    return row as StockMoveRow;
  });
}

export async function setMinimum(database: Database, ctx: CallContext, input: MinimumSet): Promise<void> {
  await writableLocation(database, ctx.principal, input.locationId, '/locationId');
  await getProduct(database.db, input.productId).catch(() => {
    throw invalid([{ path: '/productId', message: `no product with id "${input.productId}"` }]);
  });
  await withTransaction(database, async (trx) => {
    await upsertMinimum(trx, { location_id: input.locationId, product_id: input.productId, minimum: input.minimum, updated_at: nowIso() });
    await appendAudit(trx, database.kind, ctx, [{ action: 'set_minimum', entity: 'location', entityId: input.locationId, change: input }]);
  });
}

/** Newest first (ids are UUIDv7). */
export async function listMoveRows(database: Database, principal: Principal | null, query: StockMoveListFilters, page: PageRequest): Promise<StockMoveRow[]> {
  const filter: { lotId?: string; locationId?: string } = {};
  if (query.lotId !== undefined) filter.lotId = query.lotId;
  if (query.locationId !== undefined) filter.locationId = query.locationId;
  return listMoves(database.db, supplyView(principal), filter, page.after?.id, page.limit);
}
