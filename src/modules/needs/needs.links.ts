import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import { actorOf, type CallContext } from '../../context.js';
import type { DB } from '../../db/tables.js';
import { formatPlain, isDecimal, parseDecimal } from '../../engine/fx/decimal.js';
import { AppError, invalid, notFound, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { raiseNotification } from '../events/events.js';
import { appendAudit, type AuditEntry } from '../audit/audit.service.js';
import { rollUpOf, takesLinks } from './needs.life.js';
import type { NeedLinkSourceKind, NeedLinkStage } from './needs.tables.js';
import { deleteNeedLink, insertNeedLink, insertTransition, linkQuantitiesOf, lockNeed, needLinkExists, setNeedRollUp, type NeedLinkRow, type NeedRow } from './needs.repository.js';
import { convertQuantity, unitCode, type CountedIn } from './needs.units.js';

/**
 * What meets a need. A link says that a source (a project transaction, or a
 * supply receipt) covers some quantity of the need, in the need's own unit, at
 * one stage: pledged, committed, delivered, or rejected at receipt. The need's
 * rolled-up quantities and its status are recomputed from all its links in the
 * same transaction as each link made or removed, so they always equal the sums
 * of the links.
 */

export interface NeedLinkInput {
  needId: string;
  /** Positive decimal string, in `unit` (the need's unit when not given). */
  quantity: string;
  sourceKind: NeedLinkSourceKind;
  sourceId: string;
  stage: NeedLinkStage;
  /** The unit the caller counted in; converted to the need's unit, or refused naming both. */
  unit?: string | undefined;
  /** For a catalogue product counted in packs: items per pack and what the pack holds. */
  packSize?: number | undefined;
  content?: string | undefined;
}

/** Why a link to this need may not be made (empty when it may), and the quantity in the need's unit. Paths name the input fields. */
export function needLinkProblems(need: NeedRow | undefined, input: Pick<NeedLinkInput, 'needId' | 'quantity' | 'unit' | 'packSize' | 'content'>): { errors: FieldError[]; quantity: string } {
  const errors: FieldError[] = [];
  const good = isDecimal(input.quantity) && parseDecimal(input.quantity) > 0n;
  if (!good) errors.push({ path: '/quantity', message: `"${input.quantity}" is not a positive decimal number (use a dot, no exponent)` });
  if (need === undefined) return { errors: [{ path: '/needId', message: `no need with id "${input.needId}"` }, ...errors], quantity: input.quantity };
  if (need.status === 'submitted') errors.push({ path: '/needId', message: 'the need is not approved yet; a coordinator approves it first' });
  else if (!takesLinks(need.status)) errors.push({ path: '/needId', message: `the need is ${need.status.replace('_', ' ')}; it takes nothing more` });
  let quantity = input.quantity;
  if (input.unit !== undefined && good) {
    const converted = convertQuantity(input.quantity, { unit: input.unit, packSize: input.packSize, content: input.content }, need.unit);
    if (converted.ok) quantity = converted.quantity;
    else errors.push({ path: '/unit', message: converted.message });
    if (converted.ok && parseDecimal(converted.quantity) === 0n) errors.push({ path: '/quantity', message: `${input.quantity} ${input.unit} is less than a millionth of a ${need.unit}` });
  }
  return { errors, quantity };
}

/** Recomputes the need's roll-up from its links after `change`, and appends the change and the roll-up to the audit log (and to the need's history when the status moves). */
export async function rollUp(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, need: NeedRow, change: AuditEntry, cause?: Record<string, unknown>): Promise<NeedRow> {
  const at = nowIso();
  const after = rollUpOf(need, await linkQuantitiesOf(trx, need.id));
  const patch = { ...after, updated_at: at, version: need.version + 1 };
  await setNeedRollUp(trx, need.id, patch);
  if (after.status === 'met' && need.status !== 'met') await raiseNotification(trx, ctx, { kind: 'need_met', needId: need.id });
  if (after.status !== need.status) {
    await insertTransition(trx, { id: newId(), need_id: need.id, at, actor: actorOf(ctx), action: 'progress', from_status: need.status, to_status: after.status, reason: null, change: JSON.stringify(cause ?? { [change.entity]: change.entityId, action: change.action }) });
  }
  await appendAudit(trx, kind, ctx, [
    change,
    {
      action: 'roll_up', entity: 'need', entityId: need.id,
      change: { before: { quantity_pledged: need.quantity_pledged, quantity_committed: need.quantity_committed, quantity_delivered: need.quantity_delivered, quantity_rejected: need.quantity_rejected, status: need.status }, after },
    },
  ]);
  return { ...need, ...patch };
}

/**
 * Adds a link inside the caller's transaction: locks the need, validates and converts, inserts,
 * recomputes the roll-up and appends both to the audit log. Throws (so the
 * caller's transaction rolls back) on any problem.
 */
export async function addNeedLink(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, input: NeedLinkInput): Promise<{ link: NeedLinkRow; need: NeedRow }> {
  const need = await lockNeed(trx, kind, input.needId);
  const { errors, quantity } = needLinkProblems(need, input);
  if (errors.length > 0 || need === undefined) throw invalid(errors);
  if (await needLinkExists(trx, need.id, input.sourceKind, input.sourceId)) throw new AppError('conflict', `This ${input.sourceKind} is already linked to the need; one link per source.`);
  const converted = quantity !== input.quantity || (input.unit !== undefined && unitCode(input.unit) !== need.unit);
  const link: NeedLinkRow = {
    id: newId(), need_id: need.id, source_kind: input.sourceKind, source_id: input.sourceId, stage: input.stage, quantity: formatPlain(parseDecimal(quantity)),
    source_quantity: converted ? input.quantity : null, source_unit: converted && input.unit !== undefined ? (unitCode(input.unit) ?? input.unit) : null, created_by: ctx.principal?.userId ?? null, created_at: nowIso(),
  };
  await insertNeedLink(trx, link);
  const cause = { link: link.id, stage: link.stage, quantity: link.quantity, source: link.source_kind };
  return { link, need: await rollUp(trx, kind, ctx, need, { action: 'create', entity: 'need_link', entityId: link.id, change: link }, cause) };
}

/**
 * Removes a link made by mistake (a correction is a removal and a new link), inside the caller's transaction, and
 * rolls the need up again: a met need whose delivery is unlinked becomes partially met or approved. The link itself
 * stays in the audit log with the reason.
 */
export async function removeNeedLink(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, need: NeedRow, link: NeedLinkRow, reason: string): Promise<NeedRow> {
  const locked = await lockNeed(trx, kind, need.id);
  if (locked === undefined) throw notFound('need', need.id);
  await deleteNeedLink(trx, link.id);
  return rollUp(trx, kind, ctx, locked, { action: 'delete', entity: 'need_link', entityId: link.id, change: { link, reason } }, { removed: link.id, stage: link.stage, quantity: link.quantity, reason });
}

export interface NeedReceipt {
  needId: string;
  /** The receipt line that delivered (and refused) it. */
  sourceId: string;
  /** Quantities accepted and refused, counted as `countedIn` says: the product's unit, pack size and form, or kW for generators. */
  accepted: number;
  rejected: number;
  countedIn: CountedIn;
}

/**
 * For other modules (supply): records what a receipt line brought for a need, inside the caller's
 * transaction (`trx`, `kind` as for appendAudit), so the receipt and the need's roll-up commit or roll back
 * together. Accepted units are delivered; refused units are a `rejected` link, which reopens that part of
 * the need (they no longer count as on their way). Quantities are converted to the need's unit (packs of
 * 10 meet a need in vials); a unit that cannot be converted refuses the receipt naming both units.
 */
export async function recordNeedReceipt(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, input: NeedReceipt): Promise<NeedRow | undefined> {
  let need: NeedRow | undefined;
  const base = { needId: input.needId, sourceId: input.sourceId, unit: input.countedIn.unit, packSize: input.countedIn.packSize, content: input.countedIn.content };
  if (input.accepted > 0) need = (await addNeedLink(trx, kind, ctx, { ...base, quantity: String(input.accepted), sourceKind: 'receipt', stage: 'delivered' })).need;
  // A rejection after the need is met changes nothing: nothing is missing any more.
  if (input.rejected > 0 && (need === undefined || takesLinks(need.status))) need = (await addNeedLink(trx, kind, ctx, { ...base, quantity: String(input.rejected), sourceKind: 'rejection', stage: 'rejected' })).need;
  return need;
}
