import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import type { WebhookDeliveriesTable, WebhooksTable } from './notifications.tables.js';

export type WebhookRow = WebhooksTable;
export type DeliveryRow = WebhookDeliveriesTable;

export async function insertWebhook(db: Kysely<DB>, row: WebhooksTable): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function findWebhook(db: Kysely<DB>, id: string): Promise<WebhooksTable | undefined> {
  return db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listWebhooks(db: Kysely<DB>, afterId: string | undefined, limit: number): Promise<WebhooksTable[]> {
  let q = db.selectFrom('webhooks').selectAll();
  if (afterId !== undefined) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit + 1).execute();
}

export async function activeWebhooks(db: Kysely<DB>): Promise<WebhooksTable[]> {
  return db.selectFrom('webhooks').selectAll().where('active', '=', 1).execute();
}

export async function updateWebhook(db: Kysely<DB>, id: string, version: number, patch: Partial<WebhooksTable>): Promise<boolean> {
  const r = await db.updateTable('webhooks').set(patch).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes a webhook with its delivery log (the audit log keeps that it existed and who removed it). */
export async function deleteWebhook(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
}

export async function insertDeliveries(db: Kysely<DB>, rows: readonly WebhookDeliveriesTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('webhook_deliveries').values(rows).execute();
}

/** Deliveries whose (re)try is due, to webhooks still active, with what signing needs. */
export async function dueDeliveries(db: Kysely<DB>, now: string, limit: number) {
  return db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .selectAll('d')
    .select(['w.url', 'w.secret'])
    .where('d.status', '=', 'pending')
    .where('w.active', '=', 1)
    .where((eb) => eb.or([eb('d.next_attempt_at', 'is', null), eb('d.next_attempt_at', '<=', now)]))
    .orderBy('d.created_at')
    .limit(limit)
    .execute();
}

export async function updateDelivery(db: Kysely<DB>, id: string, patch: Partial<WebhookDeliveriesTable>): Promise<void> {
  await db.updateTable('webhook_deliveries').set(patch).where('id', '=', id).execute();
}

/** A webhook's delivery log, newest first (keyset on created_at, id). */
export async function deliveriesOf(db: Kysely<DB>, webhookId: string, after: { createdAt: string; id: string } | undefined, limit: number): Promise<WebhookDeliveriesTable[]> {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (after !== undefined) q = q.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}
