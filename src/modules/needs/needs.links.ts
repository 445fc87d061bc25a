import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import type { CallContext } from '../../context.js';
import type { DB } from '../../db/tables.js';
import { formatPlain, isDecimal, parseDecimal } from '../../engine/fx/decimal.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit, type AuditEntry } from '../audit/audit.service.js';
import type { NeedLinkSourceKind, NeedLinkStage } from './needs.tables.js';
import { deleteNeedLink, insertNeedLink, linkQuantitiesOf, lockNeed, needLinkExists, setNeedRollUp, type NeedLinkRow, type NeedRow } from './needs.repository.js';

/**
 * What meets a need. A link says that a source (a project transaction, or a
 * supply receipt) covers some quantity of the need, in the need's own unit, at
 * one stage: pledged, committed or delivered. The need's rolled-up quantities
 * and its status are recomputed from all its links in the same transaction as
 * each link made or removed, so they always equal the sums of the links.
 */

/** Spellings of the same unit; any other pair of different units is incompatible (no conversion is guessed). */
const UNIT_ALIASES: Record<string, string> = {
  l: 'l', litre: 'l', litres: 'l', liter: 'l', liters: 'l',
  kg: 'kg', kilogram: 'kg', kilograms: 'kg',
  unit: 'unit', units: 'unit', pcs: 'unit', pc: 'unit', piece: 'unit', pieces: 'unit', each: 'unit', ea: 'unit',
  kw: 'kw', mw: 'mw',
};
export const unitKey = (unit: string): string => {
  const u = unit.trim().toLowerCase();
  return UNIT_ALIASES[u] ?? u;
};

export interface NeedLinkInput {
  needId: string;
  /** Positive decimal string in the need's unit. */
  quantity: string;
  sourceKind: NeedLinkSourceKind;
  sourceId: string;
  stage: NeedLinkStage;
  /** The unit the caller counted in; when given it must be the need's unit (or a spelling of it). */
  unit?: string | undefined;
}

export interface NeedRollUp {
  quantity_pledged: string;
  quantity_committed: string;
  quantity_delivered: string;
  status: string;
}

/**
 * Sums the links per stage and derives the status. Pledges are counted apart and
 * never change the status. A delivery usually fulfils an earlier commitment, so
 * what is covered is the larger of committed and delivered, not their sum:
 * met when delivered reaches the quantity; partially met when anything is
 * committed or delivered; open otherwise. A cancelled need stays cancelled.
 */
export function rollUpOf(need: Pick<NeedRow, 'quantity' | 'status'>, links: readonly Pick<NeedLinkRow, 'stage' | 'quantity'>[]): NeedRollUp {
  const sums: Record<NeedLinkStage, bigint> = { pledged: 0n, committed: 0n, delivered: 0n };
  for (const l of links) sums[l.stage] += parseDecimal(l.quantity);
  const covered = sums.committed > sums.delivered ? sums.committed : sums.delivered;
  const status = need.status === 'cancelled' ? 'cancelled' : sums.delivered >= parseDecimal(need.quantity) ? 'met' : covered > 0n ? 'partially_met' : 'open';
  return { quantity_pledged: formatPlain(sums.pledged), quantity_committed: formatPlain(sums.committed), quantity_delivered: formatPlain(sums.delivered), status };
}

/** Why a link to this need may not be made (empty when it may). Paths name the input fields. */
export function needLinkProblems(need: NeedRow | undefined, input: Pick<NeedLinkInput, 'needId' | 'quantity' | 'unit'>): FieldError[] {
  const errors: FieldError[] = [];
  if (!isDecimal(input.quantity) || parseDecimal(input.quantity) <= 0n) errors.push({ path: '/quantity', message: `"${input.quantity}" is not a positive decimal number (use a dot, no exponent)` });
  if (need === undefined) return [{ path: '/needId', message: `no need with id "${input.needId}"` }, ...errors];
  if (need.approved_at === null) errors.push({ path: '/needId', message: 'the need is not approved yet; a coordinator approves it first' });
  if (need.status === 'cancelled') errors.push({ path: '/needId', message: 'the need is cancelled' });
  if (need.status === 'met') errors.push({ path: '/needId', message: 'the need is already met' });
  if (input.unit !== undefined && unitKey(input.unit) !== unitKey(need.unit)) errors.push({ path: '/unit', message: `"${input.unit}" is not the need's unit "${need.unit}"; convert the quantity to ${need.unit}` });
  return errors;
}

/** Recomputes the need's roll-up from its links after `change`, and appends the change and the roll-up to the audit log. */
async function rollUp(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, need: NeedRow, change: AuditEntry): Promise<NeedRow> {
  const at = nowIso();
  const after = rollUpOf(need, await linkQuantitiesOf(trx, need.id));
  const patch = { ...after, updated_at: at, version: need.version + 1 };
  await setNeedRollUp(trx, need.id, patch);
  await appendAudit(trx, kind, ctx, [
    change,
    { action: 'roll_up', entity: 'need', entityId: need.id, change: { before: { quantity_pledged: need.quantity_pledged, quantity_committed: need.quantity_committed, quantity_delivered: need.quantity_delivered, status: need.status }, after } },
  ]);
  return { ...need, ...patch };
}

/**
 * Adds a link inside the caller's transaction: locks the need, validates, inserts,
 * recomputes the roll-up and appends both to the audit log. Throws (so the
 * caller's transaction rolls back) on any problem.
 */
export async function addNeedLink(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, input: NeedLinkInput): Promise<{ link: NeedLinkRow; need: NeedRow }> {
  const need = await lockNeed(trx, kind, input.needId);
  const errors = needLinkProblems(need, input);
  if (errors.length > 0 || need === undefined) throw invalid(errors);
  if (await needLinkExists(trx, need.id, input.sourceKind, input.sourceId)) throw new AppError('conflict', `This ${input.sourceKind} is already linked to the need; one link per source.`);
  const link: NeedLinkRow = { id: newId(), need_id: need.id, source_kind: input.sourceKind, source_id: input.sourceId, stage: input.stage, quantity: formatPlain(parseDecimal(input.quantity)), created_by: ctx.principal?.userId ?? null, created_at: nowIso() };
  await insertNeedLink(trx, link);
  return { link, need: await rollUp(trx, kind, ctx, need, { action: 'create', entity: 'need_link', entityId: link.id, change: link }) };
}

/**
 * Removes a link made by mistake (a correction is a removal and a new link), inside the caller's transaction, and
 * rolls the need up again: a met need whose delivery is unlinked becomes partially met or open. The link itself
 * stays in the audit log with the reason.
 */
export async function removeNeedLink(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, need: NeedRow, link: NeedLinkRow, reason: string): Promise<NeedRow> {
  const locked = await lockNeed(trx, kind, need.id);
  if (locked === undefined) throw notFound('need', need.id);
  await deleteNeedLink(trx, link.id);
  return rollUp(trx, kind, ctx, locked, { action: 'delete', entity: 'need_link', entityId: link.id, change: { link, reason } });
}

export interface NeedDelivery {
  needId: string;
  /** Positive decimal string, in the need's unit. */
  quantity: string;
  sourceKind: 'receipt';
  /** The receipt (stock move or shipment line) that delivered it. */
  sourceId: string;
  /** The unit counted in; when given it must be the need's unit. */
  unit?: string;
}

/**
 * For other modules (supply): records that a receipt delivered `quantity` of a
 * need, inside the caller's transaction (`trx`, `kind` as for appendAudit), so
 * the receipt and the need's roll-up commit or roll back together. The need
 * must exist, be approved and not be met or cancelled; a bad input throws a
 * validation error naming the field (/needId, /quantity, /unit).
 */
export async function recordNeedDelivery(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, input: NeedDelivery): Promise<NeedRow> {
  return (await addNeedLink(trx, kind, ctx, { ...input, stage: 'delivered' })).need;
}
