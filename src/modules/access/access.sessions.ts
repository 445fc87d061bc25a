import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CallContext, Principal } from '../../context.js';
import { callerReaderOf, type Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { dummyPasswordHash, hashPassword, verifyPassword } from './access.passwords.js';
import { findLiveSession, findUser, findUserByEmail, insertSession, revokeSession, revokeSessions, revokeTokensOfUser, updateUser } from './access.repository.js';
import { normaliseEmail, principalForUser, sha256 } from './access.service.js';
import type { SignInThrottle } from './access.throttle.js';
import { withTransaction } from '../../db/transaction.js';

const SESSION_HOURS = 12;
const WRONG = 'The email or the password is wrong.';

export interface SignedIn {
  secret: string;
  principal: Principal;
  expiresAt: string;
  /** The device cookie to (re)set: this device is now known to the account and is only slowed, never refused. */
  device: string;
}

/** A device cookie we issued: 32 random bytes, base64url. Anything else is ignored and replaced. */
const DEVICE_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks a password and opens a session. A wrong email and a wrong password
 * get the same answer after the same work (an unknown email is checked
 * against a dummy hash); repeated failures are throttled per account and
 * source (access.throttle.ts), before the password is even looked at.
 */
export async function signIn(database: Database, throttle: SignInThrottle, input: { email: string; password: string; address: string; device?: string | undefined; requestId: string }): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const source = { address: input.address, device: input.device !== undefined && DEVICE_ID.test(input.device) ? input.device : undefined };
  const wait = throttle.retryAfter(email, source);
  if (wait > 0) throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${wait < 120 ? `${wait} second(s)` : `${Math.ceil(wait / 60)} minute(s)`}.`, { retryAfterSeconds: wait });
  const user = await findUserByEmail(database.db, email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummyPasswordHash()));
  if (user === undefined || user.password_hash === null || !ok || user.disabled_at !== null) {
    throttle.fail(email, source);
    throw new AppError('unauthenticated', WRONG);
  }
  const device = source.device ?? randomBytes(32).toString('base64url');
  throttle.succeed(email, { address: input.address, device });
  const secret = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const at = nowIso();
  const session = { id: newId(), user_id: user.id, secret_hash: sha256(secret), csrf_token: csrf, created_at: at, expires_at: new Date(Date.now() + SESSION_HOURS * 3_600_000).toISOString(), revoked_at: null };
  await withTransaction(database, async (trx) => {
    await insertSession(trx, session);
    await appendAudit(trx, database.kind, { principal: null, requestId: input.requestId }, [{ action: 'sign_in', entity: 'session', entityId: session.id, change: { userId: user.id } }]);
  });
  const principal = await principalForUser(database.db, user, { id: session.id, csrf });
  if (principal === null) throw new AppError('unauthenticated', WRONG);
  return { secret, principal, expiresAt: session.expires_at, device };
}

export async function authenticateSession(database: Database, secret: string): Promise<Principal | null> {
  const db = callerReaderOf(database);
  const session = await findLiveSession(db, sha256(secret), nowIso());
  if (session === undefined) return null;
  const user = await findUser(db, session.user_id);
  return user === undefined ? null : principalForUser(db, user, { id: session.id, csrf: session.csrf_token });
}

export async function signOut(database: Database, ctx: CallContext): Promise<void> {
  const sessionId = ctx.principal?.sessionId;
  if (sessionId === null || sessionId === undefined) throw new AppError('validation_failed', 'Only a browser session can be signed out; revoke a token instead.');
  await withTransaction(database, async (trx) => {
    await revokeSession(trx, sessionId, nowIso());
    await appendAudit(trx, database.kind, ctx, [{ action: 'sign_out', entity: 'session', entityId: sessionId, change: {} }]);
  });
}

/** What ending a user's access ended: every live session (but the caller's own, on a password change) and every API token. */
export interface EndedAccess {
  endedSessions: number;
  endedTokens: number;
}

/**
 * Ends a user's sessions (but `keepSessionId`) and API tokens in the caller's
 * transaction: after a new password or a lock nothing issued before it works.
 * Tokens end too because a script's token may be what leaked.
 */
export async function endAccess(trx: Kysely<DB>, userId: string, keepSessionId: string | null, at: string): Promise<EndedAccess> {
  return { endedSessions: await revokeSessions(trx, userId, keepSessionId, at), endedTokens: await revokeTokensOfUser(trx, userId, at) };
}

/** Changes the caller's password and ends every other session and every API token of theirs. */
export async function changePassword(database: Database, ctx: CallContext, input: { currentPassword: string; newPassword: string }): Promise<EndedAccess> {
  const principal = ctx.principal;
  if (principal === null) throw new AppError('unauthenticated', 'Sign in first.');
  const user = await findUser(database.db, principal.userId);
  if (user === undefined || user.password_hash === null || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw invalid([{ path: '/currentPassword', message: 'is not your current password' }]);
  }
  if (input.newPassword === input.currentPassword) throw invalid([{ path: '/newPassword', message: 'must differ from the current password' }]);
  const hash = await hashPassword(input.newPassword);
  return withTransaction(database, async (trx) => {
    const at = nowIso();
    if (!(await updateUser(trx, user.id, user.version, { password_hash: hash, updated_at: at, version: user.version + 1 }))) throw new AppError('version_conflict', 'Your account changed meanwhile; try again.');
    const ended = await endAccess(trx, user.id, principal.sessionId, at);
    await appendAudit(trx, database.kind, ctx, [{ action: 'change_password', entity: 'user', entityId: user.id, change: { ...ended } }]);
    return ended;
  });
}

/** Sets a password from the command line (--password-stdin); ends the user's sessions and API tokens. */
export async function setPassword(database: Database, ctx: CallContext, email: string, password: string): Promise<EndedAccess> {
  if (password.length < 12) throw invalid([{ path: '/password', message: 'must be at least 12 characters' }]);
  const user = await findUserByEmail(database.db, normaliseEmail(email));
  if (user === undefined) throw new AppError('not_found', `No user with email ${email}.`);
  const hash = await hashPassword(password);
  return withTransaction(database, async (trx) => {
    const at = nowIso();
    if (!(await updateUser(trx, user.id, user.version, { password_hash: hash, updated_at: at, version: user.version + 1 }))) throw new AppError('version_conflict', 'The account changed meanwhile; run the command again.');
    const ended = await endAccess(trx, user.id, null, at);
    await appendAudit(trx, database.kind, ctx, [{ action: 'set_password', entity: 'user', entityId: user.id, change: { ...ended } }]);
    return ended;
  });
}
