import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../../db/pagination.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import {
  findNotificationOf, listNotificationsOf, markRead, replaceSettings, replaceSubscription, settingsOf, subscriptionsOf, unreadCountOf, type NotificationRow,
} from './notifications.repository.js';
import { NOTIFICATION_KINDS, type Notification, type NotificationKind, type NotificationListQuery, type NotificationParams, type Subscriptions, type SubscriptionsUpdate } from './notifications.schema.js';
import { withTransaction } from '../../db/transaction.js';

const userOf = (principal: Principal | null): string => {
  if (principal === null || principal.userId === 'system') throw new AppError('unauthenticated', 'Notifications belong to a signed-in user.');
  return principal.userId;
};

export const presentNotification = (r: NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind as NotificationKind,
  params: JSON.parse(r.params) as NotificationParams,
  link: r.link,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** The caller's own notifications, newest first, with how many are unread. */
export async function listMyNotifications(database: Database, principal: Principal | null, query: NotificationListQuery): Promise<{ items: Notification[]; nextCursor: string | null; unreadCount: number }> {
  const userId = userOf(principal);
  const limit = query.limit ?? 50;
  let after: { createdAt: string; id: string } | undefined;
  if (query.cursor !== undefined) {
    const c = decodeCursor(query.cursor, '-created_at');
    after = { createdAt: String(c.value), id: c.id };
  }
  const rows = await listNotificationsOf(database.db, userId, query.unread === true, after, limit);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor({ sort: '-created_at', value: last.created_at, id: last.id }) : null;
  return { items: page.map(presentNotification), nextCursor, unreadCount: await unreadCountOf(database.db, userId) };
}

/**
 * Marks one of the caller's notifications read (someone else's is "not found"). Reading is the user's own
 * state, not a change to shared records, so it is not written to the audit log.
 */
export async function readNotification(database: Database, principal: Principal | null, id: string): Promise<Notification> {
  const userId = userOf(principal);
  const row = await findNotificationOf(database.db, userId, id);
  if (row === undefined) throw notFound('notification', id);
  if (row.read_at !== null) return presentNotification(row);
  const at = nowIso();
  await markRead(database.db, userId, [id], at);
  return presentNotification({ ...row, read_at: at });
}

export async function readAllNotifications(database: Database, principal: Principal | null): Promise<{ marked: number; unreadCount: number }> {
  const userId = userOf(principal);
  const marked = await markRead(database.db, userId, 'all', nowIso());
  return { marked, unreadCount: await unreadCountOf(database.db, userId) };
}

/** Every kind with its channels (on unless the user turned it off) and the digest choice. */
export async function mySubscriptions(database: Database, principal: Principal | null): Promise<Subscriptions> {
  const userId = userOf(principal);
  const stored = new Map((await subscriptionsOf(database.db, [userId])).map((s) => [s.kind, s]));
  const [settings] = await settingsOf(database.db, [userId]);
  return {
    kinds: NOTIFICATION_KINDS.map((kind) => {
      const s = stored.get(kind);
      return { kind, inApp: s === undefined || s.in_app === 1, email: s === undefined || s.email === 1 };
    }),
    emailDigest: settings?.email_digest === 1,
  };
}

/** Changes the caller's subscriptions: the kinds named (each once) and/or the digest choice, in one transaction. */
export async function updateMySubscriptions(database: Database, ctx: CallContext, input: SubscriptionsUpdate): Promise<Subscriptions> {
  const userId = userOf(ctx.principal);
  const kinds = input.kinds ?? [];
  const repeated = kinds.findIndex((k, i) => kinds.findIndex((o) => o.kind === k.kind) !== i);
  if (repeated >= 0) throw invalid([{ path: `/kinds/${repeated}/kind`, message: `"${kinds[repeated]?.kind ?? ''}" is listed twice; name each kind once` }]);
  if (kinds.length === 0 && input.emailDigest === undefined) throw invalid([{ path: '', message: 'nothing would change: give kinds or emailDigest' }]);
  const at = nowIso();
  await withTransaction(database, async (trx) => {
    for (const k of kinds) await replaceSubscription(trx, { user_id: userId, kind: k.kind, in_app: k.inApp ? 1 : 0, email: k.email ? 1 : 0, updated_at: at });
    if (input.emailDigest !== undefined) {
      const [before] = await settingsOf(trx, [userId]);
      await replaceSettings(trx, { user_id: userId, email_digest: input.emailDigest ? 1 : 0, last_digest_at: before?.last_digest_at ?? null, updated_at: at });
    }
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'notification_subscriptions', entityId: userId, change: input }]);
  });
  return mySubscriptions(database, ctx.principal);
}
