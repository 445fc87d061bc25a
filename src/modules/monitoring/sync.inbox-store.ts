import type { Kysely } from 'kysely';
import { actorOf, type CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { newId, nowIso } from '../../ids.js';
import { covers, type Scope } from '../../scope.js';
import { appendAudit } from '../audit/audit.service.js';
import { facilityRowById } from '../facilities/facilities.service.js';
import { areasByCode } from '../geography/geography.service.js';
import type { SyncInboxTable } from './monitoring.tables.js';
import { insertInbox } from './sync.repository.js';
import type { SyncKind } from './sync.schema.js';
import { syncReasonText, type SyncReasonCode } from './sync-reasons.schema.js';

/** Why a record is kept for review: a code and its values, so its sender can be told in their own language. */
export interface SyncReason {
  readonly code: SyncReasonCode;
  readonly params: Readonly<Record<string, string | number>>;
}

/** The reason in English, as reviewers and the phone's 409 answer read it. */
export const reasonInEnglish = (reason: SyncReason): string => syncReasonText('en', reason.code, reason.params);

/** Where a record belongs (its facility, else its area), so the inbox can be scoped to the coordinators of that place. */
async function placeOf(trx: Kysely<DB>, body: Record<string, unknown>): Promise<{ facility_id: string | null; area_path: string | null }> {
  const facility = typeof body.facilityId === 'string' ? await facilityRowById(trx, body.facilityId) : undefined;
  if (facility !== undefined) return { facility_id: facility.id, area_path: facility.area_path };
  const code = body.areaKatottg;
  const area = typeof code === 'string' ? (await areasByCode(trx, [code])).get(code) : undefined;
  return { facility_id: null, area_path: area?.path ?? null };
}

/**
 * Keeps a record for review (in the caller's transaction, audited) and returns the entry's id. `place` is where
 * the record belongs when its body does not name a facility or area (a unit's condition names the unit).
 */
export async function sendToInbox(
  trx: Kysely<DB>,
  database: Database,
  ctx: CallContext,
  record: { clientId: string; kind: SyncKind; body: Record<string, unknown> },
  reason: SyncReason,
  place?: { facility_id: string | null; area_path: string | null },
): Promise<string> {
  const entry: SyncInboxTable = {
    id: newId(),
    client_id: record.clientId,
    kind: record.kind,
    body: JSON.stringify(record.body),
    ...(place ?? (await placeOf(trx, record.body))),
    reason: reasonInEnglish(reason),
    reason_code: reason.code,
    reason_params: JSON.stringify(reason.params),
    actor: actorOf(ctx),
    received_at: nowIso(),
    resolution: null,
    resolved_at: null,
    resolved_by: null,
    resolution_note: null,
    resolution_result_id: null,
  };
  await insertInbox(trx, entry);
  await appendAudit(trx, database.kind, ctx, [{ action: 'sync_conflict', entity: 'sync_inbox', entityId: entry.id, change: { clientId: record.clientId, kind: record.kind, reason: entry.reason } }]);
  return entry.id;
}

/** Whether a reviewer with this scope sees the entry (the same rule the inbox list applies in SQL). */
export const inboxCovers = (scope: Scope, entry: SyncInboxTable): boolean =>
  scope.all || (entry.facility_id !== null && scope.facilityIds.includes(entry.facility_id)) || (entry.area_path !== null && covers({ ...scope, facilityIds: [] }, { id: '', area_path: entry.area_path }));
