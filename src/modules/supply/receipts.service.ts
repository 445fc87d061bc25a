import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, invalid, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { recordNeedReceipt } from '../needs/needs.links.js';
import { getNeed, takesDeliveries } from '../needs/needs.service.js';
import type { AssetIntake } from './asset-intake.js';
import { checkDonationRules, type RuleSettings } from './donation-rules.js';
import { applyMoves, type MoveInput } from './ledger.service.js';
import { findLocation } from './locations.repository.js';
import { insertLots, lotsByIdentity, type LotRow } from './lots.repository.js';
import { lineOfScan, parseScan } from './scans.service.js';
import { addLineQuantities, insertReceipt, updateShipment, type LineWithProduct, type ReceiptLineRow, type ShipmentRow } from './shipments.repository.js';
import type { ReceiptCreate, ReceiptEntry } from './shipments.schema.js';
import { loadShipment, RECEIVABLE, ruleLineOf, withOverrides, type ShipmentState } from './shipments.service.js';
import { assertMayStock } from './supply.scope.js';
import { withTransaction } from '../../db/transaction.js';

/** One receipt entry resolved against the notice: the line, the lot as received, serials for equipment. */
interface Resolved {
  index: number;
  line: LineWithProduct;
  quantity: number;
  rejected: number;
  rejectReason: string | null;
  lotCode: string | null;
  expiry: string | null;
  serials: string[];
}

const tracksLots = (kind: string) => kind === 'medicine' || kind === 'consumable';

function resolveEntry(entry: ReceiptEntry, index: number, lines: readonly LineWithProduct[], problems: FieldError[]): Resolved | undefined {
  const path = `/entries/${index}`;
  const scan = entry.scan === undefined ? null : parseScan(entry.scan, `${path}/scan`);
  let line: LineWithProduct | undefined;
  if (entry.lineId !== undefined) {
    line = lines.find((l) => l.id === entry.lineId);
    if (line === undefined) problems.push({ path: `${path}/lineId`, message: `no line with id "${entry.lineId}" in this shipment` });
  } else if (scan !== null) {
    if (scan.gtin === null) problems.push({ path: `${path}/scan`, message: 'the scan has no GTIN (AI 01), so it names no line' });
    else {
      const byGtin = lines.filter((l) => l.product_gtin === scan.gtin);
      line = byGtin.length === 0 ? undefined : lineOfScan(byGtin, (byGtin[0] as LineWithProduct).product_id, scan);
      if (line === undefined) problems.push({ path: `${path}/scan`, message: `no line of this shipment is for GTIN ${scan.gtin}` });
    }
  } else problems.push({ path, message: 'give lineId or scan' });
  if (line === undefined) return undefined;
  if (scan !== null && scan.gtin !== null && scan.gtin !== line.product_gtin) problems.push({ path: `${path}/scan`, message: `the scanned GTIN ${scan.gtin} is not line ${line.line_no}'s product (${line.product_gtin ?? 'no GTIN'})` });
  const rejected = entry.rejectedQuantity ?? 0;
  if (entry.quantity + rejected === 0) problems.push({ path: `${path}/quantity`, message: 'receive or reject at least one unit' });
  if (rejected > 0 && entry.rejectReason === undefined) problems.push({ path: `${path}/rejectReason`, message: 'say why units were rejected' });
  const lotCode = entry.lotCode ?? scan?.lot ?? line.lot_code;
  // A different lot than announced is a split receipt: its expiry comes from the entry or the scan, not the notice.
  const expiry = entry.expiry ?? scan?.expiry ?? (lotCode === line.lot_code ? line.expiry : null);
  if (tracksLots(line.product_kind) && entry.quantity > 0) {
    if (lotCode === null) problems.push({ path: `${path}/lotCode`, message: `line ${line.line_no} (${line.product_name}): the lot is needed to receive it` });
    if (line.product_kind === 'medicine' && expiry === null) problems.push({ path: `${path}/expiry`, message: `line ${line.line_no} (${line.product_name}): the expiry date is needed to receive it` });
  }
  let serials: string[] = [];
  if (!tracksLots(line.product_kind) && entry.quantity > 0) {
    serials = entry.serials ?? (scan !== null && scan.serial !== null ? [scan.serial] : []);
    if (serials.length !== entry.quantity) problems.push({ path: `${path}/serials`, message: `line ${line.line_no} (${line.product_name}) is equipment: give one serial per unit received (${serials.length} for ${entry.quantity})` });
  }
  return { index, line, quantity: entry.quantity, rejected, rejectReason: entry.rejectReason ?? null, lotCode, expiry, serials };
}

/** The lots this receipt adds stock to: existing ones (same product, lot code and donor) or new ones. */
function lotsFor(resolved: readonly Resolved[], shipment: ShipmentRow, known: Map<string, LotRow>, at: string, problems: FieldError[]): { lotOf: Map<number, LotRow>; created: LotRow[] } {
  const lotOf = new Map<number, LotRow>();
  const created: LotRow[] = [];
  for (const r of resolved) {
    if (!tracksLots(r.line.product_kind) || r.quantity === 0 || r.lotCode === null) continue;
    const key = `${r.line.product_id}|${r.lotCode}|${shipment.donor_org_id}`;
    let lot = known.get(key);
    if (lot === undefined) {
      lot = { id: newId(), product_id: r.line.product_id, lot_code: r.lotCode, expiry: r.expiry, gtin: r.line.product_gtin, donor_org_id: shipment.donor_org_id, shipment_id: shipment.id, status: 'available', status_reason: null, created_at: at, updated_at: at, version: 1 };
      known.set(key, lot);
      created.push(lot);
    } else if (r.expiry !== null && lot.expiry !== null && lot.expiry !== r.expiry) {
      problems.push({ path: `/entries/${r.index}/expiry`, message: `lot ${r.lotCode} is already known with expiry ${lot.expiry}, not ${r.expiry}` });
    }
    lotOf.set(r.index, lot);
  }
  return { lotOf, created };
}

/**
 * Receives part or all of a shipment, line by line: accepted units become stock (lots carry the donor),
 * rejected units are recorded with their reason, equipment becomes assets, and needs linked to a line
 * are credited with what arrived. The donation rules are checked against what actually arrived (today,
 * the lots' real expiries); a finding that is not overridden refuses the receipt. All in one transaction.
 * `receiptId` is the phone's UUID for a receipt confirmed offline (synced idempotently by it).
 */
export async function receiveShipment(database: Database, ctx: CallContext, id: string, input: ReceiptCreate, settings: RuleSettings, intake: AssetIntake, receiptId = newId()): Promise<{ receiptId: string; state: ShipmentState; lotIds: string[]; assetIds: string[]; moves: number }> {
  const state = await loadShipment(database, ctx.principal, id);
  const { shipment, lines } = state;
  const location = await findLocation(database.db, shipment.to_location_id);
  if (location === undefined) throw new Error(`shipment ${id} names a missing location`);
  // Proof of delivery is the receiving facility's own work: its reporters confirm what arrived.
  assertMayStock(ctx.principal, location, 'facility');
  if (!RECEIVABLE.includes(shipment.status)) throw new AppError('conflict', `A shipment that is ${shipment.status} cannot be received${shipment.status === 'planned' ? '; mark it in_transit first' : ''}.`);
  if (shipment.version !== input.version) throw new AppError('version_conflict', `The shipment is at version ${shipment.version}, not ${input.version}; reload.`, { currentVersion: shipment.version });

  const problems: FieldError[] = [];
  const resolved = input.entries.map((e, i) => resolveEntry(e, i, lines, problems)).filter((r): r is Resolved => r !== undefined);
  const perLine = new Map<string, number>();
  for (const r of resolved) perLine.set(r.line.id, (perLine.get(r.line.id) ?? 0) + r.quantity + r.rejected);
  for (const line of lines) {
    const now = perLine.get(line.id) ?? 0;
    const outstanding = line.quantity - line.received_quantity - line.rejected_quantity;
    if (now > outstanding) problems.push({ path: '/entries', message: `line ${line.line_no} (${line.product_name}): ${now} units received or rejected, but only ${outstanding} of ${line.quantity} are outstanding` });
  }
  // A generator is already an asset (registered on arrival in its warehouse): receiving it installs that unit at its facility.
  const isGenerator = (r: Resolved) => r.line.product_kind === 'generator';
  const generatorSerials = resolved.filter(isGenerator).flatMap((r) => r.serials);
  problems.push(...(await intake.generatorArrivalProblems(database.db, location.facility_id, generatorSerials, '/entries')));
  const serialsByProduct = new Map<string, string[]>();
  for (const r of resolved.filter((x) => !isGenerator(x))) if (r.serials.length > 0) serialsByProduct.set(r.line.product_id, [...(serialsByProduct.get(r.line.product_id) ?? []), ...r.serials]);
  for (const [productId, serials] of serialsByProduct) {
    const taken = await intake.takenSerials(database.db, productId, serials);
    if (taken.length > 0) problems.push({ path: '/entries', message: `serial(s) already registered for this product: ${taken.slice(0, 10).join(', ')}` });
    if (new Set(serials).size !== serials.length) problems.push({ path: '/entries', message: 'a serial is given twice in this receipt' });
  }
  const at = nowIso();
  const known = await lotsByIdentity(database.db, resolved.filter((r) => r.lotCode !== null).map((r) => ({ productId: r.line.product_id, lotCode: r.lotCode as string, donorOrgId: shipment.donor_org_id })));
  const { lotOf, created } = lotsFor(resolved, shipment, known, at, problems);
  if (problems.length > 0) throw invalid(problems);

  // The rules against what arrived: today's date, the lots' real expiries, the lines actually received.
  const needFacts = new Map<string, { approved: boolean; open: boolean } | undefined>();
  for (const r of resolved) {
    if (r.line.need_id === null || needFacts.has(r.line.need_id)) continue;
    const need = await getNeed(database, ctx.principal, r.line.need_id).catch(() => undefined);
    needFacts.set(r.line.need_id, need === undefined ? undefined : { approved: need.approved_at !== null, open: takesDeliveries(need) });
  }
  const received = resolved.filter((r) => r.quantity > 0);
  const drafts = checkDonationRules(
    {
      arrival: at.slice(0, 10),
      noticeReceivedAt: shipment.notice_received_at,
      recipientAgreedOn: shipment.recipient_agreed_on,
      lines: received.map((r) => ruleLineOf({ ...r.line, lot_code: r.lotCode, expiry: r.expiry }, needFacts)),
      cartons: state.cartons.map((c) => ({ cartonNo: c.carton_no, weightKg: c.weight_kg })),
    },
    settings,
  );
  const blocking = withOverrides(drafts, state.overrides).filter((f) => !f.overridden);
  if (blocking.length > 0) {
    throw new AppError('conflict', `Receipt refused by the donation rules (a coordinator may override a rule with a reason): ${blocking.map((f) => `[${f.rule}] ${f.message}`).join(' ')}`, {
      errors: blocking.map((f) => ({ path: `/rules/${f.rule}`, message: f.message })),
    });
  }

  const receiptLines: ReceiptLineRow[] = resolved.map((r) => ({ id: newId(), receipt_id: receiptId, shipment_line_id: r.line.id, lot_id: lotOf.get(r.index)?.id ?? null, quantity: r.quantity, rejected_quantity: r.rejected, reject_reason: r.rejectReason }));
  const moves: MoveInput[] = resolved.flatMap((r) => {
    const lot = lotOf.get(r.index);
    return lot === undefined ? [] : [{ kind: 'receipt' as const, lotId: lot.id, productId: lot.product_id, from: null, to: location.id, quantity: r.quantity, shipmentId: shipment.id }];
  });
  const equipment = resolved.filter((r) => !isGenerator(r)).flatMap((r) => r.serials.map((serial) => ({ serial, productId: r.line.product_id })));
  const equipmentAt = { facilityId: location.facility_id, areaPath: location.area_path, locationId: location.id, donorOrgId: shipment.donor_org_id, shipmentId: shipment.id, reason: `received at ${location.name} on ${at.slice(0, 10)}; awaiting installation` };
  const outstandingAfter = lines.reduce((s, l) => s + l.quantity - l.received_quantity - l.rejected_quantity, 0) - [...perLine.values()].reduce((s, n) => s + n, 0);
  const patch: Partial<ShipmentRow> = { status: outstandingAfter === 0 ? 'received' : 'partially_received', updated_at: at, version: shipment.version + 1, ...(outstandingAfter === 0 ? { received_at: at } : {}) };

  const assetIds = await withTransaction(database, async (trx) => {
    if (!(await updateShipment(trx, id, input.version, patch))) throw new AppError('version_conflict', 'The shipment was changed by someone else; reload.');
    await insertLots(trx, created);
    await insertReceipt(trx, { id: receiptId, shipment_id: id, received_at: at, received_by: ctx.principal?.email ?? 'system', note: input.note ?? null }, receiptLines);
    for (const [lineId, n] of perLine) {
      const rejected = resolved.filter((r) => r.line.id === lineId).reduce((s, r) => s + r.rejected, 0);
      await addLineQuantities(trx, lineId, n - rejected, rejected);
    }
    await applyMoves(trx, ctx, moves, at);
    const ids = await intake.registerReceived(trx, database, ctx, equipment, equipmentAt, at);
    await intake.installArrivedGenerators(trx, database, ctx, generatorSerials, location.id, at);
    for (const [i, r] of resolved.entries()) {
      const fact = r.line.need_id === null ? undefined : needFacts.get(r.line.need_id);
      // A need already met, closed or cancelled takes no more credit; the stock is still received. Rejected units reopen that part of the need.
      if (r.line.need_id !== null && fact?.approved === true && fact.open) {
        // A generator counts for its need in kW (its usable rating), not as one piece.
        const credit = isGenerator(r)
          ? { ...(await intake.generatorKwForNeed(trx, JSON.parse(r.line.serials ?? '[]') as string[], r.serials, r.rejected)), countedIn: { unit: 'kW' } }
          : { accepted: r.quantity, rejected: r.rejected, countedIn: { unit: r.line.product_unit, packSize: r.line.product_pack_size, content: r.line.product_form ?? undefined } };
        await recordNeedReceipt(trx, database.kind, ctx, { needId: r.line.need_id, sourceId: (receiptLines[i] as ReceiptLineRow).id, ...credit });
      }
    }
    await appendAudit(trx, database.kind, ctx, [
      { action: 'receive', entity: 'shipment', entityId: id, change: { receiptId, status: patch.status, lines: receiptLines.map((l) => ({ line: l.shipment_line_id, lot: l.lot_id, quantity: l.quantity, rejected: l.rejected_quantity, reason: l.reject_reason })), lotsCreated: created.map((l) => l.id), assets: ids } },
    ]);
    return ids;
  });
  return { receiptId, state: await loadShipment(database, ctx.principal, id), lotIds: [...new Set([...lotOf.values()].map((l) => l.id))], assetIds, moves: moves.length };
}
