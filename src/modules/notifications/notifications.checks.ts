import type { Database } from '../../db/database.js';
import { overduePage } from '../partnerships/meetings.service.js';
import { monthsOfStockAlerts, type ReplenishmentSettings } from '../supply/replenishment.service.js';
import { raiseNotification, type NotificationEvent } from '../events/events.js';
import { conditionsWithPrefix, deleteConditions, insertCondition } from './notifications.repository.js';
import { SYSTEM } from './notifications.recipients.js';
import { withTransaction } from '../../db/transaction.js';

/**
 * Conditions that no single write causes (a due date passing, consumption eating into stock) are found by a
 * periodic check. Each is remembered while it holds, so it is told once when it appears, and again only if it
 * clears and comes back. The event and the remembered condition are written in one transaction.
 */
async function reconcile(database: Database, prefix: string, current: Map<string, NotificationEvent>, now: Date): Promise<number> {
  const known = new Set((await conditionsWithPrefix(database.db, prefix)).map((c) => c.key));
  const cleared = [...known].filter((k) => !current.has(k));
  let raised = 0;
  for (const [key, event] of current) {
    if (known.has(key)) continue;
    await withTransaction(database, async (trx) => {
      await insertCondition(trx, { key, since: now.toISOString() });
      await raiseNotification(trx, null, event);
    });
    raised += 1;
  }
  await deleteConditions(database.db, cleared);
  return raised;
}

/** Open or in-progress action items past their due date, each once per due date (a new date is a new promise). */
export async function checkOverdueActionItems(database: Database, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const current = new Map<string, NotificationEvent>();
  let cursor: string | undefined;
  do {
    const page = await overduePage(database, SYSTEM, { limit: 500, ...(cursor === undefined ? {} : { cursor }) }, today);
    for (const r of page.rows) {
      if (r.owner_org_id === null) continue;
      current.set(`overdue:${r.id}:${r.due_on}`, { kind: 'action_item_overdue', actionItemId: r.id, meetingId: r.meeting_id, ownerOrgId: r.owner_org_id, dueOn: r.due_on, text: r.text });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return reconcile(database, 'overdue:', current, now);
}

/** Products under the minimum months of stock at a facility (the replenishment rule, CAREBRIDGE_MIN_MONTHS_OF_STOCK). */
export async function checkLowStock(database: Database, settings: ReplenishmentSettings, now: Date): Promise<number> {
  const alerts = await monthsOfStockAlerts(database, SYSTEM, settings);
  const current = new Map<string, NotificationEvent>();
  for (const a of alerts.items) {
    current.set(`stock_low:${a.facilityId}:${a.productId}`, { kind: 'stock_low', facilityId: a.facilityId, productId: a.productId, productName: a.productName, monthsOfStock: a.monthsOfStock });
  }
  return reconcile(database, 'stock_low:', current, now);
}
