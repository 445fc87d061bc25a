import type { Database } from '../../db/database.js';
import type { ReplenishmentSettings } from '../supply/replenishment.service.js';
import { checkLowStock, checkOverdueActionItems } from './notifications.checks.js';
import { processOutbox } from './notifications.drain.js';
import { sendDueEmails, type EmailSettings } from './notifications.email.js';
import { deliverDueWebhooks } from './webhooks.delivery.js';

export interface NotificationSettings {
  readonly email: EmailSettings;
  readonly replenishment: ReplenishmentSettings;
}

export interface DrainSummary {
  events: number;
  notifications: number;
  emailsSent: number;
  emailsFailed: number;
  webhooksDelivered: number;
  webhooksFailed: number;
}

/**
 * One pass of the worker: outbox events become notifications and webhook deliveries, then the due emails and
 * deliveries are sent. Tests call it directly (with their own clock) to drain deterministically.
 */
export async function drainNotifications(database: Database, settings: NotificationSettings, now: Date = new Date()): Promise<DrainSummary> {
  const outbox = await processOutbox(database, { emailOn: settings.email.smtpUrl !== undefined, now });
  const email = await sendDueEmails(database, settings.email, now);
  const hooks = await deliverDueWebhooks(database, now);
  return { events: outbox.events, notifications: outbox.notifications, emailsSent: email.sent, emailsFailed: email.failed, webhooksDelivered: hooks.delivered, webhooksFailed: hooks.failed };
}

/** The periodic checks (overdue action items, low stock): they raise outbox events, which the next drain sends. */
export async function runNotificationChecks(database: Database, settings: NotificationSettings, now: Date = new Date()): Promise<{ overdue: number; lowStock: number }> {
  return { overdue: await checkOverdueActionItems(database, now), lowStock: await checkLowStock(database, settings.replenishment, now) };
}

export interface WorkerOptions {
  /** Pause between drains. */
  readonly intervalMs?: number;
  /** Pause between periodic checks (low stock reads every facility's ledger: not every few seconds). */
  readonly checkEveryMs?: number;
  readonly onError?: (e: unknown) => void;
}

/**
 * Runs the worker inside the server process until stopped: a drain every `intervalMs`, the checks every
 * `checkEveryMs`. One pass at a time; `stop` waits for the pass in progress, so the database can close after.
 */
export function startNotificationWorker(database: Database, settings: NotificationSettings, { intervalMs = 2000, checkEveryMs = 3_600_000, onError = () => undefined }: WorkerOptions = {}): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  // The first check a minute after start, not at once: a server restarted in a loop does not hammer the ledger.
  let lastCheck = Date.now() - checkEveryMs + Math.min(checkEveryMs, 60_000);
  const pass = async () => {
    try {
      if (Date.now() - lastCheck >= checkEveryMs) {
        lastCheck = Date.now();
        await runNotificationChecks(database, settings);
      }
      await drainNotifications(database, settings);
    } catch (e) {
      onError(e);
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = pass().finally(schedule);
    }, intervalMs);
    // The worker never keeps a process alive on its own (a CLI command, a test run).
    timer.unref();
  };
  schedule();
  return {
    stop: async () => {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running;
    },
  };
}
