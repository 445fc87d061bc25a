import { createHash, randomBytes } from 'node:crypto';
import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findLiveToken, findUserByEmail, insertToken, insertUser } from './access.repository.js';
import { ROLES, type Role } from './access.schema.js';

const TOKEN_PREFIX = 'cb_';
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export interface NewUser {
  email: string;
  name: string;
  role: string;
  organizationId?: string | null;
}

/** Creates a user; the email is the sign-in name and must be unique. */
export async function createUser(database: Database, ctx: CallContext, input: NewUser): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  const errors = [];
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) errors.push({ path: '/email', message: 'must be an email address' });
  if (!(ROLES as readonly string[]).includes(input.role)) errors.push({ path: '/role', message: `must be one of ${ROLES.join(', ')}` });
  if (errors.length > 0) throw invalid(errors);
  return database.db.transaction().execute(async (trx) => {
    if ((await findUserByEmail(trx, email)) !== undefined) throw new AppError('conflict', `A user with email ${email} already exists.`);
    const id = newId();
    const at = nowIso();
    await insertUser(trx, { id, email, name: input.name, role: input.role, organization_id: input.organizationId ?? null, created_at: at, updated_at: at, version: 1 });
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'user', entityId: id, change: { email, role: input.role } }]);
    return { id };
  });
}

/** Issues an API token; the secret is returned once and only its hash is stored. */
export async function createToken(
  database: Database,
  ctx: CallContext,
  input: { email: string; name?: string; expiresDays?: number },
): Promise<{ id: string; token: string; expiresAt: string | null }> {
  if (input.expiresDays !== undefined && (!Number.isInteger(input.expiresDays) || input.expiresDays < 1 || input.expiresDays > 3650)) {
    throw invalid([{ path: '/expiresDays', message: 'must be a whole number of days from 1 to 3650' }]);
  }
  return database.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, input.email.trim().toLowerCase());
    if (user === undefined) throw new AppError('not_found', `No user with email ${input.email}.`);
    const id = newId();
    const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const expiresAt = input.expiresDays === undefined ? null : new Date(Date.now() + input.expiresDays * 86_400_000).toISOString();
    await insertToken(trx, { id, user_id: user.id, name: input.name ?? 'token', token_hash: sha256(token), created_at: nowIso(), expires_at: expiresAt, revoked_at: null });
    await appendAudit(trx, database.kind, ctx, [{ action: 'create', entity: 'api_token', entityId: id, change: { userId: user.id, name: input.name ?? 'token', expiresAt } }]);
    return { id, token, expiresAt };
  });
}

/** Resolves a bearer secret to its principal, or null when unknown, revoked or expired. */
export async function authenticateToken(database: Database, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await findLiveToken(database.db, sha256(token), nowIso());
  if (row === undefined) return null;
  return { userId: row.userId, email: row.email, role: row.role as Role, organizationId: row.organizationId };
}
