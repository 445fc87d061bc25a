import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { decodeCursor, encodeCursor, type PageRequest } from '../../db/pagination.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import type { NotificationKind, Webhook, WebhookCreate, WebhookDelivery, WebhookListQuery, WebhookUpdate } from './notifications.schema.js';
import { deleteWebhook, deliveriesOf, findWebhook, insertWebhook, listWebhooks, updateWebhook, type DeliveryRow, type WebhookRow } from './webhooks.repository.js';
import { newWebhookSecret, webhookUrlProblem } from './webhooks.signing.js';
import { withTransaction } from '../../db/transaction.js';

/** The secret is shown once, when it is made; afterwards only its owner (the receiver) has it. */
export const presentWebhook = (r: WebhookRow, withSecret = false): Webhook => ({
  id: r.id,
  url: r.url,
  kinds: JSON.parse(r.kinds) as NotificationKind[],
  active: r.active === 1,
  ...(withSecret ? { secret: r.secret } : {}),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

export const presentDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  eventId: r.event_id,
  kind: r.kind as NotificationKind,
  status: r.status as WebhookDelivery['status'],
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  lastStatusCode: r.last_status_code,
  createdAt: r.created_at,
  deliveredAt: r.delivered_at,
});

const checkUrl = (url: string): void => {
  const problem = webhookUrlProblem(url);
  if (problem !== undefined) throw invalid([{ path: '/url', message: problem }]);
};

/** What the audit log keeps of a webhook: never its secret. */
const audited = (r: WebhookRow) => ({ url: r.url, kinds: JSON.parse(r.kinds) as unknown, active: r.active === 1 });

export async function createWebhook(database: Database, ctx: CallContext, input: WebhookCreate): Promise<Webhook> {
  checkUrl(input.url);
  const at = nowIso();
  const row: WebhookRow = { id: newId(), url: input.url, kinds: JSON.stringify(input.kinds), secret: newWebhookSecret(), active: input.active === false ? 0 : 1, created_by: ctx.principal?.userId ?? null, created_at: at, updated_at: at, version: 1 };
  await withTransaction(database, async (trx) => {
    await insertWebhook(trx, row);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'webhook', entityId: row.id, change: audited(row) }]);
  });
  return presentWebhook(row, true);
}

export async function getWebhook(database: Database, id: string): Promise<WebhookRow> {
  const row = await findWebhook(database.db, id);
  if (row === undefined) throw notFound('webhook', id);
  return row;
}

/** One page of webhooks in id order (one row more, so the list knows if more follow). */
export async function listWebhookRows(database: Database, page: PageRequest): Promise<WebhookRow[]> {
  return listWebhooks(database.db, page.after?.id, page.limit);
}

/** Changes the URL, kinds or active flag, or makes a new secret (shown in this answer only). */
export async function changeWebhook(database: Database, ctx: CallContext, id: string, input: WebhookUpdate): Promise<Webhook> {
  if (input.url !== undefined) checkUrl(input.url);
  const before = await getWebhook(database, id);
  if (before.version !== input.version) throw new AppError('version_conflict', `The webhook is at version ${before.version}, not ${input.version}; reload.`, { currentVersion: before.version });
  const patch: Partial<WebhookRow> = { updated_at: nowIso(), version: before.version + 1 };
  if (input.url !== undefined) patch.url = input.url;
  if (input.kinds !== undefined) patch.kinds = JSON.stringify(input.kinds);
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  if (input.rotateSecret === true) patch.secret = newWebhookSecret();
  const after = { ...before, ...patch };
  await withTransaction(database, async (trx) => {
    if (!(await updateWebhook(trx, id, input.version, patch))) throw new AppError('version_conflict', 'The webhook was changed by someone else; reload.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'webhook', entityId: id, change: { before: audited(before), after: audited(after), secretRotated: input.rotateSecret === true } }]);
  });
  return presentWebhook(after, input.rotateSecret === true);
}

export async function removeWebhook(database: Database, ctx: CallContext, id: string): Promise<void> {
  const before = await getWebhook(database, id);
  await withTransaction(database, async (trx) => {
    await deleteWebhook(trx, id);
    await appendAudit(trx, database.kind, ctx, [{ action: 'delete', entity: 'webhook', entityId: id, change: audited(before) }]);
  });
}

/** A webhook's delivery log, newest first: each event's status, attempts, next attempt and last error. */
export async function webhookDeliveryPage(database: Database, id: string, query: WebhookListQuery): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  await getWebhook(database, id);
  const limit = query.limit ?? 50;
  let after: { createdAt: string; id: string } | undefined;
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor, '-created_at');
    after = { createdAt: String(c.value), id: c.id };
  }
  const rows = await deliveriesOf(database.db, id, after, limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(presentDelivery), nextCursor: rows.length > limit && last !== undefined ? encodeCursor({ sort: '-created_at', value: last.created_at, id: last.id }) : null };
}
