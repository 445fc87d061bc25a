import type { Database } from '../../db/database.js';
import { errorLine, MAX_ATTEMPTS, retryAt } from './notifications.backoff.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhooks.signing.js';
import { dueDeliveries, updateDelivery } from './webhooks.repository.js';

/** A receiver gets this long to answer; a slow one is retried later rather than holding the worker. */
const TIMEOUT_MS = 10_000;

/**
 * Posts the due deliveries, each signed at the moment it is sent. A 2xx answer delivers it; anything else (an
 * error status, a refused connection, a timeout, a redirect, which is never followed) counts as an attempt,
 * kept in the log with its status and error, and is retried with back-off until the last attempt fails it.
 */
export async function deliverDueWebhooks(database: Database, now: Date): Promise<{ delivered: number; failed: number }> {
  let delivered = 0;
  let failed = 0;
  for (const d of await dueDeliveries(database.db, now.toISOString(), 100)) {
    const timestamp = Math.floor(now.getTime() / 1000);
    const attempts = d.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { 'content-type': 'application/json', 'user-agent': 'Carebridge-Webhooks/1', [EVENT_HEADER]: d.kind, [DELIVERY_HEADER]: d.id, [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: signWebhook(d.secret, timestamp, d.body) },
        body: d.body,
      });
      status = res.status;
      await res.body?.cancel();
      if (res.status < 200 || res.status >= 300) error = `the receiver answered HTTP ${res.status}`;
    } catch (e) {
      error = errorLine(e);
    }
    if (error === null) {
      delivered += 1;
      await updateDelivery(database.db, d.id, { status: 'delivered', attempts, last_status_code: status, last_error: null, next_attempt_at: null, delivered_at: now.toISOString() });
      continue;
    }
    failed += 1;
    const giveUp = attempts >= MAX_ATTEMPTS.webhook;
    await updateDelivery(database.db, d.id, { status: giveUp ? 'failed' : 'pending', attempts, last_status_code: status, last_error: error, next_attempt_at: giveUp ? null : retryAt(now, attempts) });
  }
  return { delivered, failed };
}
