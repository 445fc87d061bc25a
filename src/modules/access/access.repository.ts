import type { Kysely } from 'kysely';
import type { ApiTokensTable, DB, MembershipsTable, SessionsTable, UsersTable } from '../../db/tables.js';

export type UserRow = UsersTable;
export type MembershipRow = MembershipsTable;

export async function insertUser(db: Kysely<DB>, row: UsersTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUser(db: Kysely<DB>, id: string, expectedVersion: number, patch: Partial<UsersTable>): Promise<boolean> {
  const r = await db.updateTable('users').set(patch).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUser(db: Kysely<DB>, id: string): Promise<UsersTable | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listUsers(db: Kysely<DB>, search: string | undefined, afterEmail: string | undefined, limit: number): Promise<UsersTable[]> {
  let q = db.selectFrom('users').selectAll();
  if (search !== undefined) q = q.where((eb) => eb.or([eb('email', 'like', `%${search}%`), eb('name', 'like', `%${search}%`)]));
  if (afterEmail !== undefined) q = q.where('email', '>', afterEmail);
  return q.orderBy('email').limit(limit + 1).execute();
}

export async function insertMemberships(db: Kysely<DB>, rows: readonly MembershipsTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('memberships').values(rows).execute();
}

export async function deleteMembership(db: Kysely<DB>, userId: string, membershipId: string): Promise<MembershipsTable | undefined> {
  const row = await db.selectFrom('memberships').selectAll().where('id', '=', membershipId).where('user_id', '=', userId).executeTakeFirst();
  if (row !== undefined) await db.deleteFrom('memberships').where('id', '=', membershipId).execute();
  return row;
}

/** Memberships of many users in one query (no N+1 when listing users). */
export async function membershipsOf(db: Kysely<DB>, userIds: readonly string[]): Promise<MembershipsTable[]> {
  if (userIds.length === 0) return [];
  return db.selectFrom('memberships').selectAll().where('user_id', 'in', userIds).orderBy('created_at').execute();
}

export async function insertSession(db: Kysely<DB>, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findLiveSession(db: Kysely<DB>, secretHash: string, now: string): Promise<SessionsTable | undefined> {
  return db.selectFrom('sessions').selectAll().where('secret_hash', '=', secretHash).where('revoked_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
}

export async function revokeSessions(db: Kysely<DB>, userId: string, exceptSessionId: string | null, at: string): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptSessionId !== null) q = q.where('id', '!=', exceptSessionId);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function revokeSession(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: at }).where('id', '=', id).execute();
}

export async function insertToken(db: Kysely<DB>, row: ApiTokensTable): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function findLiveToken(db: Kysely<DB>, tokenHash: string, now: string): Promise<ApiTokensTable | undefined> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .executeTakeFirst();
}

export async function listTokens(db: Kysely<DB>, userId: string | undefined): Promise<ApiTokensTable[]> {
  let q = db.selectFrom('api_tokens').selectAll();
  if (userId !== undefined) q = q.where('user_id', '=', userId);
  return q.orderBy('created_at', 'desc').limit(500).execute();
}

export async function findToken(db: Kysely<DB>, id: string): Promise<ApiTokensTable | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Revokes every live token of a user; returns how many. */
export async function revokeTokensOfUser(db: Kysely<DB>, userId: string, at: string): Promise<number> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function revokeToken(db: Kysely<DB>, id: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}
