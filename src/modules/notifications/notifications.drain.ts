import type { Database } from '../../db/database.js';
import { newId } from '../../ids.js';
import { claimOutboxEvent, dueOutboxEvents, insertNotifications, markOutboxRetry, settingsOf, subscriptionsOf, type OutboxRow } from './notifications.repository.js';
import type { NotificationEvent } from '../events/events.js';
import type { Resolved } from './notifications.recipients.js';
import type { NotificationsTable } from './notifications.tables.js';
import { errorLine, MAX_ATTEMPTS, retryAt } from './notifications.backoff.js';
import { dispatchRecipients, recallRecipients, stockLowRecipients } from './recipients.supply.js';
import { incidentRecipients, needRecipients, overdueRecipients, planRecipients, syncRecipients } from './recipients.people.js';
import { reportRecipients } from './recipients.reports.js';
import { activeWebhooks, insertDeliveries } from './webhooks.repository.js';
import { withTransaction } from '../../db/transaction.js';

/** Who an event reaches and what each is told; every kind's rule is in docs/notifications.md. */
async function recipientsOf(database: Database, e: NotificationEvent): Promise<Resolved[]> {
  switch (e.kind) {
    case 'lot_recalled':
      return recallRecipients(database, e);
    case 'shipment_dispatched':
      return dispatchRecipients(database, e);
    case 'need_approved':
    case 'need_rejected':
    case 'need_met':
      return needRecipients(database, e);
    case 'report_returned':
      return reportRecipients(database, e);
    case 'action_item_overdue':
      return overdueRecipients(database, e);
    case 'sync_refused':
      return syncRecipients(database, e);
    case 'plan_approved':
      return planRecipients(database, e);
    case 'stock_low':
      return stockLowRecipients(database, e);
    case 'incident_new':
      return incidentRecipients(database, e);
  }
}

/** What the webhook receives: the event's ids, never per-user texts (webhooks are registered by admins). */
const webhookBody = (event: OutboxRow, e: NotificationEvent): string => {
  const { kind, ...data } = e;
  return JSON.stringify({ id: event.id, kind, occurredAt: event.created_at, data });
};

async function processEvent(database: Database, event: OutboxRow, emailOn: boolean, now: Date): Promise<number> {
  const e = JSON.parse(event.payload) as NotificationEvent;
  // The one who caused the event knows it already; a refused record is the exception: it is about the sender.
  const resolved = (await recipientsOf(database, e)).filter((r) => e.kind === 'sync_refused' || r.userId !== event.actor_user_id);
  const ids = [...new Set(resolved.map((r) => r.userId))];
  const subs = new Map((await subscriptionsOf(database.db, ids)).filter((s) => s.kind === e.kind).map((s) => [s.user_id, s]));
  const digest = new Set((await settingsOf(database.db, ids)).filter((s) => s.email_digest === 1).map((s) => s.user_id));
  const at = now.toISOString();
  const seen = new Set<string>();
  const rows: NotificationsTable[] = [];
  for (const r of resolved) {
    if (seen.has(r.userId)) continue;
    seen.add(r.userId);
    const sub = subs.get(r.userId);
    const inApp = sub === undefined || sub.in_app === 1;
    const email = emailOn && (sub === undefined || sub.email === 1);
    if (!inApp && !email) continue;
    rows.push({
      id: newId(), user_id: r.userId, event_id: event.id, kind: e.kind, params: JSON.stringify(r.params), link: r.link, created_at: at, read_at: null,
      in_app: inApp ? 1 : 0, email_state: !email ? 'none' : digest.has(r.userId) ? 'digest' : 'pending', email_attempts: 0, email_next_at: null, email_error: null,
    });
  }
  const hooks = (await activeWebhooks(database.db)).filter((w) => (JSON.parse(w.kinds) as string[]).includes(e.kind));
  const body = webhookBody(event, e);
  let written = 0;
  await withTransaction(database, async (trx) => {
    // Claimed in the transaction that writes the results: two workers never both turn one event into notifications.
    if (!(await claimOutboxEvent(trx, event.id, at))) return;
    await insertNotifications(trx, rows);
    await insertDeliveries(trx, hooks.map((w) => ({ id: newId(), webhook_id: w.id, event_id: event.id, kind: e.kind, body, status: 'pending', attempts: 0, next_attempt_at: at, last_error: null, last_status_code: null, created_at: at, delivered_at: null })));
    written = rows.length;
  });
  return written;
}

/**
 * Turns due outbox events into notifications and webhook deliveries. An event whose recipients cannot be worked
 * out (a read failed) is retried with back-off and set aside after the last attempt, its error kept.
 */
export async function processOutbox(database: Database, options: { emailOn: boolean; now: Date; limit?: number }): Promise<{ events: number; notifications: number }> {
  const due = await dueOutboxEvents(database.db, options.now.toISOString(), options.limit ?? 100);
  let notifications = 0;
  for (const event of due) {
    try {
      notifications += await processEvent(database, event, options.emailOn, options.now);
    } catch (e) {
      const attempts = event.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS.event;
      await markOutboxRetry(database.db, event.id, { attempts, next_attempt_at: giveUp ? null : retryAt(options.now, attempts), last_error: errorLine(e), processed_at: giveUp ? options.now.toISOString() : null });
    }
  }
  return { events: due.length, notifications };
}
