import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CallContext, Principal, PrincipalMembership } from '../../context.js';
import { callerReaderOf, type Database } from '../../db/database.js';
import type { PageRequest } from '../../db/pagination.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { missingFacilityIds } from '../facilities/facilities.service.js';
import { resolveArea } from '../geography/geography.service.js';
import { organizationExists } from '../organizations/organizations.service.js';
import { hashPassword } from './access.passwords.js';
import {
  deleteMembership,
  findLiveToken,
  findToken,
  findUser,
  findUserByEmail,
  insertMemberships,
  insertToken,
  insertUser,
  listTokens,
  listUsers,
  membershipsOf,
  revokeToken,
  updateUser,
  type MembershipRow,
  type UserRow,
} from './access.repository.js';
import { ROLES, type MembershipCreate, type Role, type UserCreate, type UserUpdate } from './access.schema.js';
import { hasRole } from '../../scope.js';
import { withTransaction } from '../../db/transaction.js';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const TOKEN_PREFIX = 'cb_';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** A membership row as the principal carries it: role, organisation and scope (null columns mean "all"). */
export function principalMembership(row: MembershipRow): PrincipalMembership {
  const areaPaths = row.scope_areas === null ? [] : (JSON.parse(row.scope_areas) as string[]);
  const facilityIds = row.scope_facilities === null ? [] : (JSON.parse(row.scope_facilities) as string[]);
  return { role: row.role as Role, organizationId: row.organization_id, scope: { all: row.scope_areas === null && row.scope_facilities === null, areaPaths, facilityIds } };
}

export async function principalForUser(db: Kysely<DB>, user: UserRow, session: { id: string; csrf: string } | null): Promise<Principal | null> {
  if (user.disabled_at !== null) return null;
  const memberships = (await membershipsOf(db, [user.id])).map(principalMembership);
  return { userId: user.id, email: user.email, memberships, sessionId: session?.id ?? null, csrfToken: session?.csrf ?? null };
}

/** Validates a membership and turns its area codes into stored path prefixes. */
async function membershipRow(db: Kysely<DB>, userId: string, m: MembershipCreate, path: string, at: string): Promise<MembershipRow> {
  if (m.organizationId !== undefined && m.organizationId !== null && !(await organizationExists(db, m.organizationId))) {
    throw invalid([{ path: `${path}/organizationId`, message: `no organisation with id "${m.organizationId}"` }]);
  }
  const paths: string[] = [];
  for (const [i, code] of (m.scopeAreas ?? []).entries()) paths.push((await resolveArea(db, code, `${path}/scopeAreas/${i}`)).path);
  const missing = await missingFacilityIds(db, m.scopeFacilities ?? []);
  if (missing.length > 0) throw invalid(missing.map((id) => ({ path: `${path}/scopeFacilities`, message: `no facility with id "${id}"` })));
  return {
    id: newId(),
    user_id: userId,
    organization_id: m.organizationId ?? null,
    role: m.role,
    scope_areas: m.scopeAreas === undefined || m.scopeAreas === null ? null : JSON.stringify(paths),
    scope_facilities: m.scopeFacilities === undefined || m.scopeFacilities === null ? null : JSON.stringify(m.scopeFacilities),
    created_at: at,
  };
}

export async function createUser(database: Database, ctx: CallContext, input: UserCreate): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  const errors = [];
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.push({ path: '/email', message: 'must be an email address' });
  input.memberships.forEach((m, i) => {
    if (!(ROLES as readonly string[]).includes(m.role)) errors.push({ path: `/memberships/${i}/role`, message: `must be one of ${ROLES.join(', ')}` });
  });
  if (errors.length > 0) throw invalid(errors);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  return withTransaction(database, async (trx) => {
    if ((await findUserByEmail(trx, email)) !== undefined) throw invalid([{ path: '/email', message: `a user with email ${email} already exists` }]);
    const at = nowIso();
    const user: UserRow = { id: newId(), email, name: input.name, language: input.language ?? 'uk', password_hash: passwordHash, disabled_at: null, created_at: at, updated_at: at, version: 1 };
    const rows: MembershipRow[] = [];
    for (const [i, m] of input.memberships.entries()) rows.push(await membershipRow(trx, user.id, m, `/memberships/${i}`, at));
    await insertUser(trx, user);
    await insertMemberships(trx, rows);
    await appendAudit(trx, database.kind, ctx, [
      { action: 'create', entity: 'user', entityId: user.id, change: { email, name: input.name, memberships: rows.map((r) => ({ role: r.role, organizationId: r.organization_id, scopeAreas: r.scope_areas, scopeFacilities: r.scope_facilities })) } },
    ]);
    return user;
  });
}

export async function getUser(database: Database, id: string): Promise<UserRow> {
  const user = await findUser(database.db, id);
  if (user === undefined) throw notFound('user', id);
  return user;
}

export async function updateUserRecord(database: Database, ctx: CallContext, id: string, input: UserUpdate): Promise<UserRow> {
  return withTransaction(database, async (trx) => {
    const before = await findUser(trx, id);
    if (before === undefined) throw notFound('user', id);
    if (before.version !== input.version) throw new AppError('version_conflict', `The user is at version ${before.version}, not ${input.version}.`, { currentVersion: before.version });
    const patch: Partial<UserRow> = { updated_at: nowIso(), version: before.version + 1 };
    if (input.name !== undefined) patch.name = input.name;
    if (input.language !== undefined) patch.language = input.language;
    if (input.disabled !== undefined) patch.disabled_at = input.disabled ? (before.disabled_at ?? nowIso()) : null;
    if (!(await updateUser(trx, id, input.version, patch))) throw new AppError('version_conflict', 'The user was changed by someone else; reload.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'update', entity: 'user', entityId: id, change: { name: input.name, language: input.language, disabled: input.disabled } }]);
    return { ...before, ...patch };
  });
}

export async function addMembership(database: Database, ctx: CallContext, userId: string, input: MembershipCreate): Promise<MembershipRow> {
  return withTransaction(database, async (trx) => {
    if ((await findUser(trx, userId)) === undefined) throw notFound('user', userId);
    const row = await membershipRow(trx, userId, input, '', nowIso());
    await insertMemberships(trx, [row]);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'membership', entityId: row.id, change: { userId, role: row.role, scopeAreas: row.scope_areas, scopeFacilities: row.scope_facilities } }]);
    return row;
  });
}

export async function removeMembership(database: Database, ctx: CallContext, userId: string, membershipId: string): Promise<void> {
  await withTransaction(database, async (trx) => {
    const removed = await deleteMembership(trx, userId, membershipId);
    if (removed === undefined) throw notFound('membership', membershipId);
    await appendAudit(trx, database.kind, ctx, [{ action: 'delete', entity: 'membership', entityId: membershipId, change: { userId, role: removed.role } }]);
  });
}

/** Users in email order (emails are unique), matching `search` in their email or name: a page's rows and one more. */
export async function listUserRows(database: Database, search: string | undefined, page: PageRequest): Promise<UserRow[]> {
  // A cursor is the last email shown; String() only names what an email keyset put there.
  return listUsers(database.db, search?.toLowerCase(), page.after === undefined ? undefined : String(page.after.value), page.limit);
}

/** The memberships of each of `users`, in one query. */
export async function membershipsByUser(database: Database, userIds: readonly string[]): Promise<Map<string, MembershipRow[]>> {
  const byUser = new Map<string, MembershipRow[]>();
  for (const m of await membershipsOf(database.db, userIds)) byUser.set(m.user_id, [...(byUser.get(m.user_id) ?? []), m]);
  return byUser;
}

export async function membershipsOfUser(database: Database, userId: string): Promise<MembershipRow[]> {
  return membershipsOf(database.db, [userId]);
}

/** Issues an API token; the secret is returned once and only its hash is stored. */
export async function createToken(database: Database, ctx: CallContext, input: { email: string; name?: string; expiresDays?: number }) {
  if (input.expiresDays !== undefined && (!Number.isInteger(input.expiresDays) || input.expiresDays < 1 || input.expiresDays > 3650)) {
    throw invalid([{ path: '/expiresDays', message: 'must be a whole number of days from 1 to 3650' }]);
  }
  return withTransaction(database, async (trx) => {
    const user = await findUserByEmail(trx, normaliseEmail(input.email));
    if (user === undefined) throw new AppError('not_found', `No user with email ${input.email}.`);
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const row = {
      id: newId(),
      user_id: user.id,
      name: input.name ?? 'token',
      token_hash: sha256(token),
      created_at: nowIso(),
      expires_at: input.expiresDays === undefined ? null : new Date(Date.now() + input.expiresDays * 86_400_000).toISOString(),
      revoked_at: null,
    };
    await insertToken(trx, row);
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'api_token', entityId: row.id, change: { userId: user.id, name: row.name, expiresAt: row.expires_at } }]);
    return { ...row, token };
  });
}

/** Tokens a caller may see: their own, or everyone's for an admin. */
export async function tokensVisibleTo(database: Database, principal: Principal) {
  return listTokens(database.db, hasRole(principal, ['admin']) ? undefined : principal.userId);
}

export async function revokeTokenRecord(database: Database, ctx: CallContext, principal: Principal, id: string): Promise<void> {
  await withTransaction(database, async (trx) => {
    const token = await findToken(trx, id);
    // Someone else's token is "not found" to a non-admin: its existence is not theirs to learn.
    if (token === undefined || (token.user_id !== principal.userId && !hasRole(principal, ['admin']))) throw notFound('token', id);
    if (token.revoked_at !== null) return;
    await revokeToken(trx, id, nowIso());
    await appendAudit(trx, database.kind, ctx, [{ action: 'revoke', entity: 'api_token', entityId: id, change: { userId: token.user_id } }]);
  });
}

/** Resolves a bearer secret to its principal, or null when unknown, revoked, expired or the user is disabled. */
export async function authenticateToken(database: Database, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const db = callerReaderOf(database);
  const row = await findLiveToken(db, sha256(token), nowIso());
  if (row === undefined) return null;
  const user = await findUser(db, row.user_id);
  return user === undefined ? null : principalForUser(db, user, null);
}
