import { actorOf, type CallContext, type Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { byColumn, type PageRequest } from '../../db/pagination.js';
import { AppError, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { editScope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import type { SyncInboxTable } from './monitoring.tables.js';
import { inboxCovers } from './sync.inbox-store.js';
import { applyReviewed, type SyncSettings } from './sync.kinds.js';
import { findInboxEntry, listInbox, markResolved } from './sync.repository.js';
import type { InboxEntry, InboxFilters, InboxResolve, SyncKind } from './sync.schema.js';
import { raiseNotification } from '../events/events.js';
import { withTransaction } from '../../db/transaction.js';

/** The inbox is read newest first; a page resumes after the last entry's receipt time, ties by id. */
export const INBOX_ORDER = byColumn<SyncInboxTable>('-received_at', (r) => r.received_at);

/** One page of the entries the caller may review (`page.limit + 1` rows, for the list kit to cut). */
export async function inboxRows(database: Database, principal: Principal | null, filters: InboxFilters, page: PageRequest): Promise<SyncInboxTable[]> {
  const after = page.after === undefined ? undefined : { value: String(page.after.value), id: page.after.id };
  return listInbox(database.db, editScope(principal), filters.status ?? 'open', page.limit, after);
}

/**
 * A reviewer's decision on an inbox entry, in one transaction with what it writes: "apply" puts the record in
 * (through its own service, so the same validation, scope checks, history and audit apply), "dismiss" only
 * closes the entry. An entry is decided once.
 */
export async function resolveInboxEntry(database: Database, ctx: CallContext, id: string, input: InboxResolve, settings: SyncSettings): Promise<SyncInboxTable> {
  return withTransaction(database, async (trx, joined) => {
    const entry = await findInboxEntry(trx, id);
    if (entry === undefined || !inboxCovers(editScope(ctx.principal), entry)) throw notFound('inbox entry', id);
    if (entry.resolution !== null) throw new AppError('conflict', `This entry was already resolved (${entry.resolution}) by ${entry.resolved_by ?? 'someone'} at ${entry.resolved_at ?? 'an earlier time'}.`);
    const body = JSON.parse(entry.body) as Record<string, unknown>;
    const resultId = input.resolution === 'apply' ? await applyReviewed(trx, joined, ctx, entry.kind as SyncKind, body, newId(), settings) : null;
    const resolved: SyncInboxTable = { ...entry, resolution: input.resolution, resolved_at: nowIso(), resolved_by: actorOf(ctx), resolution_note: input.note ?? null, resolution_result_id: resultId };
    if (!(await markResolved(trx, resolved))) throw new AppError('conflict', 'This entry was resolved by someone else just now.');
    await appendAudit(trx, database.kind, ctx, [
      { action: 'sync_resolve', entity: 'sync_inbox', entityId: entry.id, change: { resolution: input.resolution, note: input.note ?? null, resultId, clientId: entry.client_id, kind: entry.kind, sentBy: entry.actor } },
    ]);
    if (input.resolution === 'dismiss') await raiseNotification(trx, ctx, { kind: 'sync_refused', senderEmail: entry.actor, recordKind: entry.kind, ...dismissalReason(entry, input.note) });
    return resolved;
  });
}

/**
 * What the sender of a dismissed record is told: the coordinator's note as written (a person's words), else why
 * the server kept it, by code when the entry has one, so it is written in the sender's language.
 */
function dismissalReason(entry: SyncInboxTable, note: string | undefined): { reason: string; reasonCode?: string; reasonParams?: Record<string, string | number> } {
  if (note !== undefined || entry.reason_code === null) return { reason: note ?? entry.reason };
  return { reason: entry.reason, reasonCode: entry.reason_code, reasonParams: JSON.parse(entry.reason_params ?? '{}') as Record<string, string | number> };
}

export const presentInboxEntry = (r: SyncInboxTable): InboxEntry => ({
  id: r.id,
  clientId: r.client_id,
  kind: r.kind,
  facilityId: r.facility_id,
  reason: r.reason,
  actor: r.actor,
  receivedAt: r.received_at,
  body: JSON.parse(r.body) as unknown,
  resolution: r.resolution as InboxEntry['resolution'],
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  note: r.resolution_note,
  resultId: r.resolution_result_id,
});
