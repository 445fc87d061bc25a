import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { invalid, type FieldError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { balancesAt, type StockMoveRow } from './ledger.repository.js';
import { applyMoves, type MoveInput } from './ledger.service.js';
import { findLot, lotsByProductAndCode, type LotRow } from './lots.repository.js';
import { parseScan, productOfScan } from './scans.service.js';
import type { CountCreate } from './stock.schema.js';
import { writableLocation } from './stock.service.js';
import { withTransaction } from '../../db/transaction.js';

/** The lot a count entry names: by id, or by a GS1 scan (GTIN + lot; among donors' lots of that code, the one stocked here). */
async function lotOfEntry(database: Database, locationId: string, entry: CountCreate['entries'][number], path: string, problems: FieldError[]): Promise<LotRow | undefined> {
  if ((entry.lotId === undefined) === (entry.scan === undefined)) {
    problems.push({ path, message: 'give either lotId or scan' });
    return undefined;
  }
  if (entry.lotId !== undefined) {
    const lot = await findLot(database.db, entry.lotId);
    if (lot === undefined) problems.push({ path: `${path}/lotId`, message: `no lot with id "${entry.lotId}"` });
    return lot;
  }
  const data = parseScan(entry.scan as string, `${path}/scan`);
  const product = await productOfScan(database, data, `${path}/scan`);
  if (data.lot === null) {
    problems.push({ path: `${path}/scan`, message: 'the scan has no lot (AI 10); a count is per lot' });
    return undefined;
  }
  const lots = await lotsByProductAndCode(database.db, product.id, data.lot);
  const held = await balancesAt(database.db, locationId, lots.map((l) => l.id));
  const here = lots.filter((l) => (held.get(l.id) ?? 0) > 0);
  const lot = here.length === 1 ? here[0] : lots.length === 1 ? lots[0] : undefined;
  if (lot === undefined) problems.push({ path: `${path}/scan`, message: lots.length === 0 ? `lot ${data.lot} of ${product.name} is not in stock anywhere; receive it first` : `lot ${data.lot} of ${product.name} came from several donors; count it by lotId` });
  return lot;
}

/**
 * A physical count at one location: each lot found is compared with its balance, and each difference becomes
 * a count-adjustment move (in when more was found, out when less). All entries are checked before any is stored.
 */
export async function recordCount(database: Database, ctx: CallContext, input: CountCreate): Promise<{ adjustments: StockMoveRow[]; unchanged: number }> {
  // Counting is a facility's own work: its reporters count their stock (never a warehouse's).
  const location = await writableLocation(database, ctx.principal, input.locationId, '/locationId', 'facility');
  const problems: FieldError[] = [];
  const counted = new Map<string, { lot: LotRow; quantity: number }>();
  for (const [i, entry] of input.entries.entries()) {
    const lot = await lotOfEntry(database, location.id, entry, `/entries/${i}`, problems);
    if (lot === undefined) continue;
    if (counted.has(lot.id)) problems.push({ path: `/entries/${i}`, message: `lot ${lot.lot_code} is counted twice` });
    counted.set(lot.id, { lot, quantity: entry.countedQuantity });
  }
  if (problems.length > 0) throw invalid(problems);
  return withTransaction(database, async (trx) => {
    const balances = await balancesAt(trx, location.id, [...counted.keys()]);
    const moves: MoveInput[] = [];
    for (const { lot, quantity } of counted.values()) {
      const diff = quantity - (balances.get(lot.id) ?? 0);
      if (diff !== 0) moves.push({ kind: 'count_adjustment', lotId: lot.id, productId: lot.product_id, from: diff < 0 ? location.id : null, to: diff > 0 ? location.id : null, quantity: Math.abs(diff), reason: input.reason ?? 'physical count' });
    }
    const adjustments = moves.length === 0 ? [] : await applyMoves(trx, ctx, moves, nowIso());
    await appendAudit(trx, database.kind, ctx, [{ action: 'count', entity: 'location', entityId: location.id, change: { counted: counted.size, adjustments: adjustments.map((a) => a.id) } }]);
    return { adjustments, unchanged: counted.size - adjustments.length };
  });
}
