import type { Kysely } from 'kysely';
import { actorOf, type CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { addToBalance, balanceOf, countLedger, insertMoves, ledgerDifferences, namesOf, takeFromBalance, type StockMoveRow } from './ledger.repository.js';
import type { MoveKind, ReconcileResult } from './stock.schema.js';

export interface MoveInput {
  /** The move's id when the client made it (offline, synced by its UUID); otherwise a new one. */
  id?: string | undefined;
  kind: MoveKind;
  lotId: string;
  productId: string;
  from: string | null;
  to: string | null;
  quantity: number;
  reason?: string | null;
  reversesId?: string | null;
  shipmentId?: string | null;
  /** The request field holding this move's quantity: a short-stock refusal names it, so a form can show it there. */
  quantityPath?: string;
}

/** Thrown when a move would take a balance below zero; names the location and lot. */
export async function shortStock(db: Kysely<DB>, locationId: string, lotId: string, wanted: number, path?: string): Promise<AppError> {
  const [have, names] = await Promise.all([balanceOf(db, locationId, lotId), namesOf(db, locationId, lotId)]);
  const detail = `Not enough stock: lot ${names.lotCode} at ${names.locationName} has ${have}, the move needs ${wanted}; a balance may not go below zero.`;
  return new AppError('conflict', detail, path === undefined ? {} : { errors: [{ path, message: detail }] });
}

/**
 * Appends moves to the ledger and applies them to the balances, inside the caller's transaction:
 * the ledger and the balances change together or not at all. Takes run first, each as a
 * conditional update, so a short balance refuses the whole transaction.
 */
export async function applyMoves(trx: Kysely<DB>, ctx: CallContext, inputs: readonly MoveInput[], at: string): Promise<StockMoveRow[]> {
  const rows: StockMoveRow[] = inputs.map((m) => {
    if (!Number.isInteger(m.quantity) || m.quantity <= 0) throw new AppError('validation_failed', `A move's quantity must be a whole number above zero (got ${m.quantity}).`);
    if (m.from === null && m.to === null) throw new Error('A stock move needs a location to take from or put into.');
    return {
      id: m.id ?? newId(),
      kind: m.kind,
      lot_id: m.lotId,
      product_id: m.productId,
      from_location_id: m.from,
      to_location_id: m.to,
      quantity: m.quantity,
      reverses_id: m.reversesId ?? null,
      reason: m.reason ?? null,
      shipment_id: m.shipmentId ?? null,
      actor: actorOf(ctx),
      at,
    };
  });
  for (const [i, r] of rows.entries()) {
    if (r.from_location_id !== null && !(await takeFromBalance(trx, r.from_location_id, r.lot_id, r.quantity, at))) throw await shortStock(trx, r.from_location_id, r.lot_id, r.quantity, inputs[i]?.quantityPath);
  }
  for (const r of rows) if (r.to_location_id !== null) await addToBalance(trx, r.to_location_id, r.lot_id, r.product_id, r.quantity, at);
  await insertMoves(trx, rows);
  return rows;
}

/** Proves the balances equal the ledger: lists every location × lot where they differ (at most 1,000). */
export async function reconcileStock(database: Database): Promise<ReconcileResult> {
  const [differences, counts] = await Promise.all([ledgerDifferences(database.db, 1000), countLedger(database.db)]);
  return {
    ok: differences.length === 0,
    balances: counts.balances,
    moves: counts.moves,
    differences: differences.map((d) => ({ locationId: d.location_id, lotId: d.lot_id, balance: d.balance, ledger: d.ledger })),
  };
}
