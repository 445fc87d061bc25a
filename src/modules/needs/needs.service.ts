import { actorOf, type CallContext, type Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { byId, type Page, type PageRequest, readPage } from '../../db/pagination.js';
import { parseDecimal } from '../../engine/fx/decimal.js';
import { isRealDate } from '../../dates.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { covers, editScope, registryScope, scopeFor } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { getFacility } from '../facilities/facilities.service.js';
import { isKnownCurrency } from '../funding/fx.service.js';
import { writableTransaction } from '../funding/transactions.service.js';
import { accessWarning } from '../geography/access-warning.js';
import type { AccessWarning } from '../geography/access-warning.schema.js';
import { accessOn, assertReachable } from '../geography/area-status.service.js';
import { resolveArea } from '../geography/geography.service.js';
import { isOpen, statusAfter, takesLinks } from './needs.life.js';
import { addNeedLink, removeNeedLink } from './needs.links.js';
import { findNeed, findNeedLink, insertNeed, insertTransition, listNeedLinks, listNeeds, transitionsOf, updateNeedAt, type NeedFilter, type NeedLinkRow, type NeedRow, type NeedTransitionRow } from './needs.repository.js';
import type { NeedCreate, NeedEstimate, NeedLinkCreate, NeedListFilters, NeedUpdate } from './needs.schema.js';
import type { NeedLinkStage } from './needs.tables.js';
import { unitCode, unknownUnitMessage } from './needs.units.js';
import { withTransaction } from '../../db/transaction.js';

type Where = { id: string; area_path: string };

/** A need with the warning its facility's area calls for on the day (active hostilities), when it calls for one. */
export type WarnedNeed = NeedRow & { readonly warning?: AccessWarning };

/** Coordinators in scope and admins decide about a need; the facility's reporters only raise it. */
export const coordinates = (principal: Principal | null, facility: Where): boolean => covers(editScope(principal), facility);
const reportsFor = (principal: Principal | null, facility: Where): boolean => covers(scopeFor(principal, ['facility_reporter']), facility);
const whereOf = (need: NeedRow): Where => ({ id: need.facility_id, area_path: need.area_path });

/** Whether supply may credit a receipt to the need: approved and neither met nor ended. */
export const takesDeliveries = (need: Pick<NeedRow, 'status'>): boolean => takesLinks(need.status);

function estimateProblems(estimate: NeedEstimate | null | undefined, path: string): FieldError[] {
  if (estimate === undefined || estimate === null) return [];
  const errors: FieldError[] = [];
  if (!isKnownCurrency(estimate.currency)) errors.push({ path: `${path}/currency`, message: `"${estimate.currency}" is not an ISO 4217 currency code` });
  if (estimate.date !== undefined && !isRealDate(estimate.date)) errors.push({ path: `${path}/date`, message: `"${estimate.date}" is not a date` });
  return errors;
}

const estimateColumns = (estimate: NeedEstimate | null | undefined, at: string) =>
  estimate === undefined || estimate === null ? { unit_price: null, price_currency: null, price_date: null } : { unit_price: estimate.unitPrice, price_currency: estimate.currency, price_date: estimate.date ?? at.slice(0, 10) };

export const transition = (ctx: CallContext, need: NeedRow, at: string, action: string, to: string, reason: string | null, change: unknown): NeedTransitionRow => ({
  id: newId(), need_id: need.id, at, actor: actorOf(ctx), action, from_status: action === 'submit' ? null : need.status, to_status: to, reason, change: change === null ? null : JSON.stringify(change),
});

/**
 * Raises a need (status submitted) for a facility the caller coordinates, or reports for: a coordinator in
 * scope then approves or rejects it. The unit is read against the controlled list ("vials" is "vial"). A
 * facility in a temporarily occupied area is refused; one under active hostilities is raised with a warning.
 * A need raised offline keeps the phone's UUID as its id (sync).
 */
export async function createNeed(database: Database, ctx: CallContext, input: NeedCreate, id: string = newId()): Promise<WarnedNeed> {
  const facility = await getFacility(database, ctx.principal, input.facilityId);
  if (!coordinates(ctx.principal, facility) && !reportsFor(ctx.principal, facility)) throw new AppError('forbidden', 'This facility is outside the areas you coordinate and the facilities you report for.');
  const unit = unitCode(input.unit);
  const errors: FieldError[] = [...(unit === undefined ? [{ path: '/unit', message: unknownUnitMessage(input.unit) }] : []), ...estimateProblems(input.estimate, '/estimate')];
  if (parseDecimal(input.quantity) === 0n) errors.push({ path: '/quantity', message: 'the quantity must be more than 0' });
  if (errors.length > 0 || unit === undefined) throw invalid(errors);
  const at = nowIso();
  // The Ministry cannot deliver into a temporarily occupied area (409 naming it; geography decides); under active hostilities it warns.
  const warning = await accessWarning(database.db, await assertReachable(database.db, { area_path: facility.area_path, name: facility.name_en }, at.slice(0, 10)));
  const row: NeedRow = {
    id, facility_id: facility.id, area_path: facility.area_path, category: input.category, specification: input.specification, quantity: input.quantity, unit,
    priority: input.priority, needed_by: input.neededBy ?? null, status: 'submitted',
    quantity_pledged: '0', quantity_committed: '0', quantity_delivered: '0', quantity_rejected: '0', quantity_closed: '0',
    ...estimateColumns(input.estimate, at), raised_by: ctx.principal?.userId ?? null, approved_by: null, approved_at: null, created_at: at, updated_at: at, version: 1,
  };
  await withTransaction(database, async (trx) => {
    await insertNeed(trx, row);
    await insertTransition(trx, transition(ctx, row, at, 'submit', 'submitted', null, null));
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'need', entityId: row.id, change: row }]);
  });
  return warning === undefined ? row : { ...row, warning };
}

/** A need the caller may read; outside their scope it is "not found", so its existence does not leak. */
export async function getNeed(database: Database, principal: Principal | null, id: string): Promise<NeedRow> {
  const row = await findNeed(database.db, id);
  if (row === undefined || !covers(registryScope(principal), whereOf(row))) throw notFound('need', id);
  return row;
}

/** An open need with today's warning for its area, if any: the need page keeps saying what raising it said. */
export async function getNeedWarned(database: Database, principal: Principal | null, id: string): Promise<WarnedNeed> {
  const row = await getNeed(database, principal, id);
  const warning = isOpen(row.status) ? await accessWarning(database.db, (await accessOn(database.db, nowIso())).of(row.area_path)) : undefined;
  return warning === undefined ? row : { ...row, warning };
}

export const staleVersion = (current: number, sent: number): AppError => new AppError('version_conflict', `The need is at version ${current}, not ${sent}; reload.`, { currentVersion: current });

/**
 * Refuses a change the caller may not make: coordinators in scope (and admins) change any open need; a reporter
 * changes only a need it raised, while it waits for a decision.
 */
export function assertMayChange(principal: Principal | null, need: NeedRow): void {
  if (coordinates(principal, whereOf(need))) return;
  if (reportsFor(principal, whereOf(need)) && principal !== null && need.raised_by === principal.userId) {
    if (need.status === 'submitted') return;
    throw new AppError('forbidden', 'A coordinator has decided about this need; only a coordinator may change it now.');
  }
  throw new AppError('forbidden', 'Only a coordinator of this facility’s area, or the reporter who raised the need while it waits for a decision, may change it.');
}

const FIELDS = { quantity: 'quantity', priority: 'priority', neededBy: 'needed_by', specification: 'specification' } as const;

/**
 * Edits an open need at the version it was read at (a stale one gets 409 with the current version). The
 * quantity never goes below what has been delivered; the status follows (lowered to the delivered quantity,
 * the need is met). The history keeps each field before and after.
 */
export async function updateNeed(database: Database, ctx: CallContext, id: string, input: NeedUpdate): Promise<NeedRow> {
  const before = await getNeed(database, ctx.principal, id);
  assertMayChange(ctx.principal, before);
  if (!isOpen(before.status)) throw new AppError('conflict', `A need that is ${before.status.replace('_', ' ')} can no longer be edited.`);
  if (before.version !== input.version) throw staleVersion(before.version, input.version);
  const errors = estimateProblems(input.estimate, '/estimate');
  if (input.quantity !== undefined) {
    const q = parseDecimal(input.quantity);
    if (q === 0n) errors.push({ path: '/quantity', message: 'the quantity must be more than 0; cancel the need instead' });
    else if (q < parseDecimal(before.quantity_delivered)) errors.push({ path: '/quantity', message: `${before.quantity_delivered} ${before.unit} have been delivered already; the quantity cannot be less` });
  }
  if (errors.length > 0) throw invalid(errors);
  const at = nowIso();
  const patch: Partial<NeedRow> = {};
  const change: Record<string, [unknown, unknown]> = {};
  for (const [field, column] of Object.entries(FIELDS) as [keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]][]) {
    const value = input[field];
    if (value !== undefined && value !== before[column]) {
      Object.assign(patch, { [column]: value });
      change[field] = [before[column], value];
    }
  }
  if (input.estimate !== undefined) {
    const next = estimateColumns(input.estimate, at);
    if (next.unit_price !== before.unit_price || next.price_currency !== before.price_currency || next.price_date !== before.price_date) {
      Object.assign(patch, next);
      change.estimate = [before.unit_price === null ? null : { unitPrice: before.unit_price, currency: before.price_currency, date: before.price_date }, input.estimate === null ? null : { unitPrice: next.unit_price, currency: next.price_currency, date: next.price_date }];
    }
  }
  if (Object.keys(change).length === 0) throw invalid([{ path: '', message: 'nothing would change: give a new quantity, priority, neededBy, specification or estimate' }]);
  const sums = { pledged: parseDecimal(before.quantity_pledged), committed: parseDecimal(before.quantity_committed), delivered: parseDecimal(before.quantity_delivered), rejected: parseDecimal(before.quantity_rejected) } satisfies Record<NeedLinkStage, bigint>;
  const status = statusAfter(before.status, patch.quantity ?? before.quantity, sums);
  Object.assign(patch, { status, updated_at: at, version: before.version + 1 });
  await withTransaction(database, async (trx) => {
    if (!(await updateNeedAt(trx, id, input.version, patch))) throw staleVersion((await findNeed(trx, id))?.version ?? before.version, input.version);
    await insertTransition(trx, transition(ctx, before, at, 'edit', status, input.reason ?? null, change));
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'need', entityId: id, change: { ...change, ...(status === before.status ? {} : { status: [before.status, status] }), reason: input.reason ?? null } }]);
  });
  return { ...before, ...patch };
}

export async function needHistory(database: Database, principal: Principal | null, id: string): Promise<NeedTransitionRow[]> {
  await getNeed(database, principal, id);
  return transitionsOf(database.db, id);
}

/** One page of needs in id order (one row more, so the list knows if more follow). */
export async function listNeedRows(database: Database, principal: Principal | null, query: NeedListFilters, page: PageRequest): Promise<NeedRow[]> {
  const filter: NeedFilter = {};
  if (query.category !== undefined) filter.category = query.category;
  if (query.status !== undefined) filter.status = query.status;
  if (query.priority !== undefined) filter.priority = query.priority;
  if (query.area !== undefined) filter.areaPath = (await resolveArea(database.db, query.area)).path;
  if (query.facilityId !== undefined) filter.facilityId = query.facilityId;
  return listNeeds(database.db, registryScope(principal), filter, page.after?.id, page.limit);
}

/** A page of needs for code without HTTP (supply's alerts, demo data). */
export async function listNeedPage(database: Database, principal: Principal | null, query: NeedListFilters & { limit?: number; cursor?: string }): Promise<Page<NeedRow>> {
  return readPage(query, byId<NeedRow>(), (page) => listNeedRows(database, principal, query, page));
}

/** The stage a transaction of each IATI type meets a need at; incoming funds (1) reach the project, not a need. */
const STAGE_OF_TYPE: Record<string, NeedLinkStage | undefined> = { '12': 'pledged', '2': 'committed', '11': 'committed', '3': 'delivered', '4': 'delivered' };

/**
 * Links a project transaction to a need with the quantity it covers (in the need's unit, or in `unit`,
 * converted); its IATI type gives the stage. The caller must be allowed to write the transaction's project
 * and to read the need.
 */
export async function linkTransactionToNeed(database: Database, ctx: CallContext, needId: string, input: NeedLinkCreate): Promise<{ link: NeedLinkRow; need: NeedRow }> {
  await getNeed(database, ctx.principal, needId);
  const transaction = await writableTransaction(database, ctx.principal, input.transactionId);
  if (transaction === undefined) throw invalid([{ path: '/transactionId', message: `no transaction with id "${input.transactionId}"` }]);
  const stage = STAGE_OF_TYPE[transaction.type];
  if (stage === undefined) throw invalid([{ path: '/transactionId', message: `a transaction of IATI type ${transaction.type} (incoming funds) meets no need; link the pledge, commitment, disbursement or expenditure` }]);
  return withTransaction(database, (trx) => addNeedLink(trx, database.kind, ctx, { needId, quantity: input.quantity, unit: input.unit, sourceKind: 'transaction', sourceId: transaction.id, stage }));
}

/**
 * Removes a transaction's link to a need (a mistake; a correction is a removal and a new link). Whoever may write the
 * transaction's project may remove it. A receipt's link belongs to supply: the receipt is reversed there instead.
 */
export async function unlinkFromNeed(database: Database, ctx: CallContext, needId: string, linkId: string, reason: string): Promise<NeedRow> {
  const need = await getNeed(database, ctx.principal, needId);
  const link = await findNeedLink(database.db, needId, linkId);
  if (link === undefined) throw notFound('link of this need', linkId);
  if (link.source_kind !== 'transaction') throw new AppError('conflict', link.source_kind === 'shipment_line' ? 'This link records a shipment on its way; it ends when the shipment is received.' : 'This link records a supply receipt; reverse the receipt in supply instead.');
  await writableTransaction(database, ctx.principal, link.source_id);
  return withTransaction(database, (trx) => removeNeedLink(trx, database.kind, ctx, need, link, reason));
}

/** One page of a need's links in id order, once the caller may read the need. */
export async function listNeedLinkRows(database: Database, principal: Principal | null, needId: string, page: PageRequest): Promise<NeedLinkRow[]> {
  await getNeed(database, principal, needId);
  return listNeedLinks(database.db, needId, page.after?.id, page.limit);
}
