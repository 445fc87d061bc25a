import type { Kysely, Selectable } from 'kysely';
import type { DB, MembershipsTable, UsersTable } from '../../db/tables.js';
import type { NotificationConditionsTable, NotificationOutboxTable, NotificationSettingsTable, NotificationSubscriptionsTable, NotificationsTable } from './notifications.tables.js';

export type OutboxRow = Selectable<NotificationOutboxTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type Recipient = Pick<UsersTable, 'id' | 'email' | 'name' | 'language'>;

/** Events not yet turned into notifications whose (re)try is due, oldest first. */
export async function dueOutboxEvents(db: Kysely<DB>, now: string, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('notification_outbox')
    .selectAll()
    .where('processed_at', 'is', null)
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Claims an event inside the transaction that writes its notifications: false when another worker took it first. */
export async function claimOutboxEvent(db: Kysely<DB>, id: string, at: string): Promise<boolean> {
  const r = await db.updateTable('notification_outbox').set({ processed_at: at }).where('id', '=', id).where('processed_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markOutboxRetry(db: Kysely<DB>, id: string, patch: Pick<NotificationOutboxTable, 'attempts' | 'next_attempt_at' | 'last_error' | 'processed_at'>): Promise<void> {
  await db.updateTable('notification_outbox').set(patch).where('id', '=', id).execute();
}

/** Users who may be told things: not disabled, holding a membership in one of these roles (all their memberships). */
export async function activeUsersInRoles(db: Kysely<DB>, roles: readonly string[]): Promise<{ users: Recipient[]; memberships: MembershipsTable[] }> {
  const users = await db
    .selectFrom('users')
    .select(['users.id', 'users.email', 'users.name', 'users.language'])
    .where('users.disabled_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('memberships').select('memberships.id').whereRef('memberships.user_id', '=', 'users.id').where('memberships.role', 'in', roles)))
    .execute();
  if (users.length === 0) return { users, memberships: [] };
  const memberships: MembershipsTable[] = [];
  for (let i = 0; i < users.length; i += 500) {
    memberships.push(...(await db.selectFrom('memberships').selectAll().where('user_id', 'in', users.slice(i, i + 500).map((u) => u.id)).execute()));
  }
  return { users, memberships };
}

export async function activeUser(db: Kysely<DB>, id: string): Promise<{ user: Recipient; memberships: MembershipsTable[] } | undefined> {
  const user = await db.selectFrom('users').select(['id', 'email', 'name', 'language']).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
  if (user === undefined) return undefined;
  return { user, memberships: await db.selectFrom('memberships').selectAll().where('user_id', '=', id).execute() };
}

/** The active user a report names as its reporter (reports keep the reporter's email, as the audit log does). */
export async function activeUserIdByEmail(db: Kysely<DB>, email: string): Promise<string | undefined> {
  return (await db.selectFrom('users').select('id').where('email', '=', email).where('disabled_at', 'is', null).executeTakeFirst())?.id;
}

export async function subscriptionsOf(db: Kysely<DB>, userIds: readonly string[]): Promise<NotificationSubscriptionsTable[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('notification_subscriptions').selectAll().where('user_id', 'in', userIds).execute();
}

export async function settingsOf(db: Kysely<DB>, userIds: readonly string[]): Promise<NotificationSettingsTable[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('notification_settings').selectAll().where('user_id', 'in', userIds).execute();
}

export async function insertNotifications(db: Kysely<DB>, rows: readonly NotificationsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('notifications').values(rows.slice(i, i + 200)).execute();
}

/** The user's in-app notifications, newest first (keyset on created_at, id). */
export async function listNotificationsOf(db: Kysely<DB>, userId: string, unreadOnly: boolean, after: { createdAt: string; id: string } | undefined, limit: number): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId).where('in_app', '=', 1);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  if (after !== undefined) q = q.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
}

export async function unreadCountOf(db: Kysely<DB>, userId: string): Promise<number> {
  const r = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('in_app', '=', 1).where('read_at', 'is', null).executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function findNotificationOf(db: Kysely<DB>, userId: string, id: string): Promise<NotificationRow | undefined> {
  return db.selectFrom('notifications').selectAll().where('id', '=', id).where('user_id', '=', userId).where('in_app', '=', 1).executeTakeFirst();
}

export async function markRead(db: Kysely<DB>, userId: string, ids: readonly string[] | 'all', at: string): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('in_app', '=', 1).where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function replaceSubscription(db: Kysely<DB>, row: NotificationSubscriptionsTable): Promise<void> {
  await db.deleteFrom('notification_subscriptions').where('user_id', '=', row.user_id).where('kind', '=', row.kind).execute();
  await db.insertInto('notification_subscriptions').values(row).execute();
}

export async function replaceSettings(db: Kysely<DB>, row: NotificationSettingsTable): Promise<void> {
  await db.deleteFrom('notification_settings').where('user_id', '=', row.user_id).execute();
  await db.insertInto('notification_settings').values(row).execute();
}

/** Emails to send one by one whose (re)try is due, with the recipient's address and language. */
export async function dueEmails(db: Kysely<DB>, now: string, limit: number) {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .selectAll('notifications')
    .select(['users.email as user_email', 'users.name as user_name', 'users.language as user_language'])
    .where('notifications.email_state', '=', 'pending')
    .where((eb) => eb.or([eb('notifications.email_next_at', 'is', null), eb('notifications.email_next_at', '<=', now)]))
    .orderBy('notifications.created_at')
    .limit(limit)
    .execute();
}
export type DueEmail = Awaited<ReturnType<typeof dueEmails>>[number];

/** Digest notifications waiting (and not backing off after a failure), for users whose last digest is older than `since` (or who never had one). */
export async function dueDigests(db: Kysely<DB>, since: string, now: string): Promise<DueEmail[]> {
  return db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .leftJoin('notification_settings as s', 's.user_id', 'notifications.user_id')
    .selectAll('notifications')
    .select(['users.email as user_email', 'users.name as user_name', 'users.language as user_language'])
    .where('notifications.email_state', '=', 'digest')
    .where((eb) => eb.or([eb('notifications.email_next_at', 'is', null), eb('notifications.email_next_at', '<=', now)]))
    .where((eb) => eb.or([eb('s.last_digest_at', 'is', null), eb('s.last_digest_at', '<=', since)]))
    .orderBy('notifications.user_id')
    .orderBy('notifications.created_at')
    .limit(5000)
    .execute();
}

export async function setEmailState(db: Kysely<DB>, ids: readonly string[], patch: Partial<Pick<NotificationsTable, 'email_state' | 'email_attempts' | 'email_next_at' | 'email_error'>>): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('notifications').set(patch).where('id', 'in', ids).execute();
}

export async function markDigestSent(db: Kysely<DB>, userId: string, at: string): Promise<void> {
  const r = await db.updateTable('notification_settings').set({ last_digest_at: at }).where('user_id', '=', userId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) await db.insertInto('notification_settings').values({ user_id: userId, email_digest: 1, last_digest_at: at, updated_at: at }).execute();
}

export async function conditionsWithPrefix(db: Kysely<DB>, prefix: string): Promise<NotificationConditionsTable[]> {
  return db.selectFrom('notification_conditions').selectAll().where('key', 'like', `${prefix}%`).execute();
}

export async function insertCondition(db: Kysely<DB>, row: NotificationConditionsTable): Promise<void> {
  await db.insertInto('notification_conditions').values(row).execute();
}

export async function deleteConditions(db: Kysely<DB>, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 500) await db.deleteFrom('notification_conditions').where('key', 'in', keys.slice(i, i + 500)).execute();
}
