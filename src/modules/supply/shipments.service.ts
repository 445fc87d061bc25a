import type { CallContext, Principal } from '../../context.js';
import { systemContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { raiseNotification } from '../events/events.js';
import { getNeed, takesDeliveries } from '../needs/needs.service.js';
import { organizationExists } from '../organizations/organizations.service.js';
import { destinationFindings } from './destination-access.js';
import { checkDonationRules, type RuleFindingDraft, type RuleLine, type RuleSettings } from './donation-rules.js';
import { findLocation } from './locations.repository.js';
import { productsByIds } from './products.repository.js';
import { cartonsOf, findShipment, insertOverride, insertShipment, linesOf, listShipments, overridesOf, receiptsOf, updateShipment, type CartonRow, type LineWithProduct, type OverrideRow, type ShipmentLineRow, type ShipmentListRow, type ShipmentRow } from './shipments.repository.js';
import type { OverrideCreate, RuleFinding, Shipment, ShipmentCreate, ShipmentListFilters, ShipmentStatus, ShipmentStatusChange, ShipmentSummary } from './shipments.schema.js';
import { assertMayStock, supplyView } from './supply.scope.js';
import { withTransaction } from '../../db/transaction.js';

/** The manual transitions; receipts move a shipment to partially_received and received themselves. */
const TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  planned: ['in_transit', 'cancelled'],
  in_transit: ['cancelled'],
  partially_received: ['received'],
  received: [],
  cancelled: [],
};
export const RECEIVABLE: readonly string[] = ['in_transit', 'partially_received'];

export const presentSummary = (r: ShipmentListRow): ShipmentSummary => ({
  id: r.id,
  donorOrgId: r.donor_org_id,
  donorName: r.donor_name,
  donorNameUk: r.donor_name_uk,
  donorNameJa: r.donor_name_ja,
  donorReference: r.donor_reference,
  origin: r.origin,
  toLocationId: r.to_location_id,
  toLocationName: r.to_location_name,
  status: r.status as ShipmentStatus,
  statusReason: r.status_reason,
  noticeReceivedAt: r.notice_received_at,
  expectedArrival: r.expected_arrival,
  recipientAgreedOn: r.recipient_agreed_on,
  receivedAt: r.received_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

/** Whether each linked need is approved and still open: facts for the rules, read with system rights (nothing of the need is shown). */
async function needFacts(database: Database, needIds: readonly (string | null)[]): Promise<Map<string, { approved: boolean; open: boolean } | undefined>> {
  const out = new Map<string, { approved: boolean; open: boolean } | undefined>();
  for (const id of new Set(needIds)) {
    if (id === null) continue;
    const need = await getNeed(database, systemContext().principal, id).catch(() => undefined);
    out.set(id, need === undefined ? undefined : { approved: need.approved_at !== null, open: takesDeliveries(need) });
  }
  return out;
}

export function ruleLineOf(line: Pick<LineWithProduct, 'line_no' | 'product_name' | 'product_kind' | 'product_essential' | 'lot_code' | 'expiry' | 'need_id'>, needs: Map<string, { approved: boolean; open: boolean } | undefined>): RuleLine {
  return {
    lineNo: line.line_no,
    productName: line.product_name,
    productKind: line.product_kind,
    essential: line.product_essential === 1,
    lotCode: line.lot_code,
    expiry: line.expiry,
    need: line.need_id === null ? null : (needs.get(line.need_id) ?? { approved: false, open: false }),
  };
}

export const withOverrides = (drafts: readonly RuleFindingDraft[], overrides: readonly Pick<OverrideRow, 'rule'>[]): RuleFinding[] => {
  const overridden = new Set(overrides.map((o) => o.rule));
  return drafts.map((d) => ({ ...d, overridden: overridden.has(d.rule) }));
};

export interface ShipmentState {
  shipment: ShipmentListRow;
  lines: LineWithProduct[];
  cartons: CartonRow[];
  overrides: OverrideRow[];
}

export async function loadShipment(database: Database, principal: Principal | null, id: string): Promise<ShipmentState> {
  const shipment = await findShipment(database.db, supplyView(principal), id);
  if (shipment === undefined) throw notFound('shipment', id);
  const [lines, cartons, overrides] = await Promise.all([linesOf(database.db, id), cartonsOf(database.db, id), overridesOf(database.db, id)]);
  return { shipment, lines, cartons, overrides };
}

/** The findings as of the notice: expected arrival, the announced lots and expiries. */
export async function noticeFindings(database: Database, state: ShipmentState, settings: RuleSettings): Promise<RuleFinding[]> {
  const needs = await needFacts(database, state.lines.map((l) => l.need_id));
  const drafts = checkDonationRules(
    { arrival: state.shipment.expected_arrival, noticeReceivedAt: state.shipment.notice_received_at, recipientAgreedOn: state.shipment.recipient_agreed_on, lines: state.lines.map((l) => ruleLineOf(l, needs)), cartons: state.cartons.map((c) => ({ cartonNo: c.carton_no, weightKg: c.weight_kg })) },
    settings,
  );
  // Shown as it is even if its destination has been occupied since: sending it further is what is refused.
  const to = await findLocation(database.db, state.shipment.to_location_id);
  const destination = to === undefined ? [] : await destinationFindings(database.db, to, nowIso(), false);
  return withOverrides([...drafts, ...destination], state.overrides);
}

export async function presentShipment(database: Database, state: ShipmentState, settings: RuleSettings): Promise<Shipment> {
  const receipts = await receiptsOf(database.db, state.shipment.id);
  return {
    ...presentSummary(state.shipment),
    lines: state.lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      productId: l.product_id,
      productName: l.product_name,
      productKind: l.product_kind,
      gtin: l.product_gtin,
      quantity: l.quantity,
      lotCode: l.lot_code,
      expiry: l.expiry,
      needId: l.need_id,
      serials: l.serials === null ? null : (JSON.parse(l.serials) as string[]),
      receivedQuantity: l.received_quantity,
      rejectedQuantity: l.rejected_quantity,
      outstandingQuantity: l.quantity - l.received_quantity - l.rejected_quantity,
    })),
    cartons: state.cartons.map((c) => ({ cartonNo: c.carton_no, weightKg: c.weight_kg, contents: JSON.parse(c.contents) as { lineNo: number; quantity: number }[] })),
    findings: await noticeFindings(database, state, settings),
    overrides: state.overrides.map((o) => ({ rule: o.rule as RuleFinding['rule'], reason: o.reason, overriddenBy: o.overridden_by, at: o.at })),
    receipts: receipts.map((r) => ({ id: r.id, receivedAt: r.received_at, receivedBy: r.received_by, note: r.note, lines: Number(r.lines), quantity: Number(r.quantity ?? 0), rejectedQuantity: Number(r.rejected ?? 0) })),
  };
}

/** Checks a notice against the catalogue, needs and its own packing list; every problem is reported at once. */
async function noticeProblems(database: Database, input: ShipmentCreate): Promise<{ problems: FieldError[]; products: Awaited<ReturnType<typeof productsByIds>> }> {
  const problems: FieldError[] = [];
  if (!(await organizationExists(database.db, input.donorOrgId))) problems.push({ path: '/donorOrgId', message: `no organisation with id "${input.donorOrgId}"` });
  const products = await productsByIds(database.db, input.lines.map((l) => l.productId));
  const needs = await needFacts(database, input.lines.map((l) => l.needId ?? null));
  input.lines.forEach((line, i) => {
    const product = products.get(line.productId);
    if (product === undefined) problems.push({ path: `/lines/${i}/productId`, message: `no product with id "${line.productId}"` });
    else if (product.kind === 'generator') problems.push({ path: `/lines/${i}/productId`, message: 'generators are shipped and tracked through energy plans, not supply shipments' });
    else if (product.kind === 'medicine' && (line.expiry ?? null) === null) problems.push({ path: `/lines/${i}/expiry`, message: 'a medicine line needs its expiry date' });
    if (line.serials !== undefined && line.serials !== null && line.serials.length !== line.quantity) problems.push({ path: `/lines/${i}/serials`, message: `${line.serials.length} serials for ${line.quantity} units; give one serial per unit` });
    if (line.needId !== undefined && line.needId !== null && needs.get(line.needId) === undefined) problems.push({ path: `/lines/${i}/needId`, message: `no need with id "${line.needId}"` });
  });
  const cartons = input.cartons ?? [];
  const packed = new Map<number, number>();
  const seen = new Set<number>();
  cartons.forEach((c, i) => {
    if (seen.has(c.cartonNo)) problems.push({ path: `/cartons/${i}/cartonNo`, message: `carton ${c.cartonNo} is listed twice` });
    seen.add(c.cartonNo);
    c.contents.forEach((item, j) => {
      if (item.lineNo > input.lines.length) problems.push({ path: `/cartons/${i}/contents/${j}/lineNo`, message: `there is no line ${item.lineNo} (the notice has ${input.lines.length})` });
      packed.set(item.lineNo, (packed.get(item.lineNo) ?? 0) + item.quantity);
    });
  });
  if (cartons.length > 0) {
    input.lines.forEach((line, i) => {
      const n = packed.get(i + 1) ?? 0;
      if (n !== line.quantity) problems.push({ path: `/lines/${i}/quantity`, message: `the packing list puts ${n} units of line ${i + 1} in cartons, the line announces ${line.quantity}` });
    });
  }
  return { problems, products };
}

/** Registers an advance notice. Rule findings do not refuse it: they are shown, and block receipt until overridden. */
export async function createShipment(database: Database, ctx: CallContext, input: ShipmentCreate): Promise<ShipmentState> {
  const to = await findLocation(database.db, input.toLocationId);
  if (to === undefined) throw invalid([{ path: '/toLocationId', message: `no location with id "${input.toLocationId}"` }]);
  assertMayStock(ctx.principal, to);
  await destinationFindings(database.db, to, nowIso());
  const { problems } = await noticeProblems(database, input);
  if (problems.length > 0) throw invalid(problems);
  const at = nowIso();
  const shipment: ShipmentRow = {
    id: newId(),
    donor_reference: input.donorReference,
    donor_org_id: input.donorOrgId,
    origin: input.origin,
    to_location_id: to.id,
    status: 'planned',
    status_reason: null,
    notice_received_at: input.noticeReceivedAt === undefined ? at : input.noticeReceivedAt,
    expected_arrival: input.expectedArrival,
    recipient_agreed_on: input.recipientAgreedOn ?? null,
    received_at: null,
    created_by: ctx.principal?.userId ?? 'system',
    created_at: at,
    updated_at: at,
    version: 1,
  };
  const lines: ShipmentLineRow[] = input.lines.map((l, i) => ({
    id: newId(),
    shipment_id: shipment.id,
    line_no: i + 1,
    product_id: l.productId,
    quantity: l.quantity,
    lot_code: l.lotCode ?? null,
    expiry: l.expiry ?? null,
    need_id: l.needId ?? null,
    serials: l.serials === undefined || l.serials === null ? null : JSON.stringify(l.serials),
    received_quantity: 0,
    rejected_quantity: 0,
  }));
  const cartons: CartonRow[] = (input.cartons ?? []).map((c) => ({ id: newId(), shipment_id: shipment.id, carton_no: c.cartonNo, weight_kg: c.weightKg, contents: JSON.stringify(c.contents) }));
  await withTransaction(database, async (trx) => {
    await insertShipment(trx, shipment, lines, cartons);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'shipment', entityId: shipment.id, change: { ...shipment, lines: lines.length, cartons: cartons.length } }]);
  });
  return loadShipment(database, systemContext().principal, shipment.id);
}

/** Newest first (ids are UUIDv7): `page.after` is the last shipment shown, the next are older. */
export async function listShipmentRows(database: Database, principal: Principal | null, query: ShipmentListFilters, page: PageRequest): Promise<ShipmentListRow[]> {
  return listShipments(database.db, supplyView(principal), query, page.after?.id, page.limit);
}

async function writableShipment(database: Database, ctx: CallContext, id: string): Promise<ShipmentState> {
  const state = await loadShipment(database, ctx.principal, id);
  const to = await findLocation(database.db, state.shipment.to_location_id);
  if (to !== undefined) assertMayStock(ctx.principal, to);
  return state;
}

export async function changeShipmentStatus(database: Database, ctx: CallContext, id: string, input: ShipmentStatusChange): Promise<ShipmentState> {
  const state = await writableShipment(database, ctx, id);
  const from = state.shipment.status as ShipmentStatus;
  if (!TRANSITIONS[from].includes(input.status)) {
    const allowed = TRANSITIONS[from];
    throw new AppError('conflict', `A shipment that is ${from} cannot become ${input.status}${allowed.length === 0 ? ' (it is closed)' : `; it can become: ${allowed.join(', ')}`}.`);
  }
  if (input.status === 'in_transit') {
    const to = await findLocation(database.db, state.shipment.to_location_id);
    if (to !== undefined) await destinationFindings(database.db, to, nowIso());
  }
  if (input.status !== 'in_transit' && input.reason === undefined) throw invalid([{ path: '/reason', message: `say why the shipment is ${input.status === 'cancelled' ? 'cancelled' : 'closed with units outstanding'}` }]);
  if (state.shipment.version !== input.version) throw new AppError('version_conflict', `The shipment is at version ${state.shipment.version}, not ${input.version}; reload.`, { currentVersion: state.shipment.version });
  const at = nowIso();
  const patch: Partial<ShipmentRow> = { status: input.status, status_reason: input.reason ?? null, updated_at: at, version: input.version + 1, ...(input.status === 'received' ? { received_at: at } : {}) };
  await withTransaction(database, async (trx) => {
    if (!(await updateShipment(trx, id, input.version, patch))) throw new AppError('version_conflict', 'The shipment was changed by someone else; reload.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'status', entity: 'shipment', entityId: id, change: { from, ...patch } }]);
    if (input.status === 'in_transit') await raiseNotification(trx, ctx, { kind: 'shipment_dispatched', shipmentId: id });
  });
  return { ...state, shipment: { ...state.shipment, ...patch } };
}

/** A coordinator (or admin; the route admits only those) accepts a shipment despite a rule, with a reason kept in the audit log. */
export async function overrideRule(database: Database, ctx: CallContext, id: string, input: OverrideCreate): Promise<ShipmentState> {
  const state = await writableShipment(database, ctx, id);
  if (state.shipment.status === 'received' || state.shipment.status === 'cancelled') throw new AppError('conflict', `The shipment is ${state.shipment.status}; there is nothing left to override.`);
  if (state.overrides.some((o) => o.rule === input.rule)) throw new AppError('conflict', `The ${input.rule} rule is already overridden for this shipment.`);
  const row: OverrideRow = { id: newId(), shipment_id: id, rule: input.rule, reason: input.reason, overridden_by: ctx.principal?.email ?? 'system', at: nowIso() };
  await withTransaction(database, async (trx) => {
    await insertOverride(trx, row);
    await appendAudit(trx, database.kind, ctx, [{ action: 'override_rule', entity: 'shipment', entityId: id, change: { rule: row.rule, reason: row.reason } }]);
  });
  return { ...state, overrides: [...state.overrides, row] };
}
