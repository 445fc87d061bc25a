import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { formatPlain, isDecimal, parseDecimal } from '../../engine/fx/decimal.js';
import { AppError, invalid } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { raiseNotification } from '../events/events.js';
import { accessWarning } from '../geography/access-warning.js';
import { assertReachable } from '../geography/area-status.service.js';
import { DECISIONS, decisionRefusal, restOf, type Decision } from './needs.life.js';
import { findNeed, insertTransition, updateNeedAt, type NeedRow } from './needs.repository.js';
import { assertMayChange, coordinates, getNeed, staleVersion, transition, type WarnedNeed } from './needs.service.js';
import { withTransaction } from '../../db/transaction.js';

export interface DecisionInput {
  version: number;
  reason?: string | undefined;
  /** Closing: the quantity that will not come, when the caller states it. */
  shortQuantity?: string | undefined;
}

/**
 * Takes a decision about a need: approve or reject a submitted one (coordinators in scope, admins), cancel
 * or close short an open one. A reporter may cancel the need it raised while it is submitted; every other
 * decision is a coordinator's. Closing short records the rest not delivered as the quantity that will not
 * come, so the gap stops counting it. The step goes to the need's history and the audit log in one transaction.
 * An approval in an area under active hostilities answers the warning with the need.
 */
export async function decideNeed(database: Database, ctx: CallContext, id: string, decision: Decision, input: DecisionInput): Promise<WarnedNeed> {
  const before = await getNeed(database, ctx.principal, id);
  if (decision === 'cancel') assertMayChange(ctx.principal, before);
  else if (!coordinates(ctx.principal, { id: before.facility_id, area_path: before.area_path })) throw new AppError('forbidden', 'Only a coordinator of this facility’s area decides about its needs.');
  const refusal = decisionRefusal(decision, before.status);
  if (refusal !== undefined) throw new AppError('conflict', refusal);
  if (before.version !== input.version) throw staleVersion(before.version, input.version);
  const rule = DECISIONS[decision];
  if (rule.reason && (input.reason ?? '').trim().length < 3) throw invalid([{ path: '/reason', message: 'say why (at least 3 characters)' }]);
  const at = nowIso();
  // An area occupied since the need was raised cannot be delivered to: approving it is refused (409 naming the area);
  // one under active hostilities is approved with a warning.
  const warning = decision === 'approve' ? await accessWarning(database.db, await assertReachable(database.db, { area_path: before.area_path }, at.slice(0, 10))) : undefined;
  const patch: Partial<NeedRow> = { status: rule.to, updated_at: at, version: before.version + 1 };
  if (decision === 'approve') Object.assign(patch, { approved_by: ctx.principal?.userId ?? null, approved_at: at });
  if (decision === 'close') {
    const rest = restOf(before.quantity, parseDecimal(before.quantity_delivered));
    const stated = input.shortQuantity;
    if (stated !== undefined && (!isDecimal(stated) || parseDecimal(stated) !== rest)) {
      throw invalid([{ path: '/shortQuantity', message: `${formatPlain(rest)} ${before.unit} of ${before.quantity} have not been delivered, and that is what closing short leaves out; to expect part of it still, edit the quantity instead` }]);
    }
    patch.quantity_closed = formatPlain(rest);
  }
  await withTransaction(database, async (trx) => {
    if (!(await updateNeedAt(trx, id, input.version, patch))) throw staleVersion((await findNeed(trx, id))?.version ?? before.version, input.version);
    const change = decision === 'close' ? { shortQuantity: patch.quantity_closed, unit: before.unit } : null;
    await insertTransition(trx, transition(ctx, before, at, decision, rule.to, input.reason ?? null, change));
    await appendAudit(trx, database.kind, ctx, [{ action: decision, entity: 'need', entityId: id, change: { from: before.status, to: rule.to, reason: input.reason ?? null, ...(change ?? {}) } }]);
    if (decision === 'approve') await raiseNotification(trx, ctx, { kind: 'need_approved', needId: id });
    if (decision === 'reject') await raiseNotification(trx, ctx, { kind: 'need_rejected', needId: id, reason: input.reason ?? '' });
  });
  return { ...before, ...patch, ...(warning === undefined ? {} : { warning }) };
}
