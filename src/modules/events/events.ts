import type { Kysely } from 'kysely';
import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { withTransaction } from '../../db/transaction.js';
import { newId, nowIso } from '../../ids.js';
import { insertOutboxEvent } from './events.repository.js';

/*
 * The notification events every module raises, kept below all of them: notifications reads those modules to
 * find each event's recipients, so the raising side cannot live in notifications without a cycle.
 */

/**
 * What happened, as the service that caused it knows it: ids (and for a refusal, the reason), never texts.
 * Recipients and what each may be told are worked out when the outbox is drained, from the state then.
 */
export type NotificationEvent =
  | { kind: 'lot_recalled'; lotId: string; reason: string }
  | { kind: 'shipment_dispatched'; shipmentId: string }
  | { kind: 'need_approved' | 'need_met'; needId: string }
  | { kind: 'need_rejected'; needId: string; reason: string }
  | { kind: 'report_returned'; reportKind: 'status' | 'incident'; reportId: string; comment: string }
  | { kind: 'action_item_overdue'; actionItemId: string; meetingId: string; ownerOrgId: string; dueOn: string; text: string }
  /**
   * Refused at once (the sender's id), or dismissed later from the review inbox (the sender as the inbox keeps them:
   * email). `reason` is a coordinator's note as written, or the server's English; a reason the inbox kept by code
   * (monitoring/sync-reasons.schema.ts, SYNC_REASON_CODES) comes with it and its values, so the sender is told in their language.
   */
  | ({ kind: 'sync_refused'; recordKind: string; reason: string; reasonCode?: string; reasonParams?: Record<string, string | number> } & ({ userId: string } | { senderEmail: string }))
  | { kind: 'plan_approved'; planId: string }
  | { kind: 'stock_low'; facilityId: string; productId: string; productName: string; monthsOfStock: number | null }
  | { kind: 'incident_new'; incidentId: string; occurredAt: string; facilityId: string | null; areaKatottg: string; areaPath: string };

/**
 * Records an event in the caller's transaction (the notification outbox): it is drained only if the write that
 * caused it commits, and it survives a crash between the commit and the sending. Call it inside the transaction.
 */
export async function raiseNotification(trx: Kysely<DB>, ctx: CallContext | null, event: NotificationEvent): Promise<void> {
  const userId = ctx?.principal?.userId;
  await insertOutboxEvent(trx, {
    id: newId(),
    kind: event.kind,
    payload: JSON.stringify(event),
    // 'system' is the CLI's and start-up tasks' pseudo-user, never a recipient.
    actor_user_id: userId === undefined || userId === 'system' ? null : userId,
    created_at: nowIso(),
    processed_at: null,
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
  });
}

/**
 * Records sent from a phone that the server refused (a 4xx answer other than 409, which means "kept for review"):
 * the refusal writes nothing else, so its events are written in a transaction of their own.
 */
export async function raiseSyncRefusals(database: Database, ctx: CallContext, records: readonly { clientId: string; kind: string }[], results: readonly { clientId: string; status: number; detail: string | null }[]): Promise<void> {
  const userId = ctx.principal?.userId;
  if (userId === undefined || userId === 'system') return;
  const kindOf = new Map(records.map((r) => [r.clientId, r.kind]));
  const refused = results.filter((r) => r.status >= 400 && r.status < 500 && r.status !== 409);
  if (refused.length === 0) return;
  await withTransaction(database, async (trx) => {
    for (const r of refused) await raiseNotification(trx, ctx, { kind: 'sync_refused', userId, recordKind: kindOf.get(r.clientId) ?? 'need', reason: r.detail ?? '' });
  });
}
