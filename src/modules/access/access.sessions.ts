import { randomBytes } from 'node:crypto';
import type { CallContext, Principal } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, invalid } from '../../errors.js';
import { newId, nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './access.passwords.js';
import { findLiveSession, findUser, findUserByEmail, insertSession, revokeSession, revokeSessions, updateUser } from './access.repository.js';
import { normaliseEmail, principalForUser, sha256 } from './access.service.js';
import type { SignInThrottle } from './access.throttle.js';

const SESSION_HOURS = 12;
const WRONG = 'The email or the password is wrong.';

export interface SignedIn {
  secret: string;
  principal: Principal;
  expiresAt: string;
}

/**
 * Checks a password and opens a session. A wrong email and a wrong password
 * get the same answer after the same work (an unknown email is checked
 * against a dummy hash); repeated failures are throttled per account and address.
 */
export async function signIn(database: Database, throttle: SignInThrottle, input: { email: string; password: string; address: string; requestId: string }): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const wait = throttle.retryAfter(email, input.address);
  if (wait > 0) throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} minute(s).`, { retryAfterSeconds: wait });
  const user = await findUserByEmail(database.db, email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await DUMMY_HASH_PROMISE));
  if (user === undefined || user.password_hash === null || !ok || user.disabled_at !== null) {
    throttle.fail(email, input.address);
    throw new AppError('unauthenticated', WRONG);
  }
  throttle.succeed(email);
  const secret = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  const at = nowIso();
  const session = { id: newId(), user_id: user.id, secret_hash: sha256(secret), csrf_token: csrf, created_at: at, expires_at: new Date(Date.now() + SESSION_HOURS * 3_600_000).toISOString(), revoked_at: null };
  await database.db.transaction().execute(async (trx) => {
    await insertSession(trx, session);
    await appendAudit(trx, database.kind, { principal: null, requestId: input.requestId }, [{ action: 'sign_in', entity: 'session', entityId: session.id, change: { userId: user.id } }]);
  });
  const principal = await principalForUser(database.db, user, { id: session.id, csrf });
  if (principal === null) throw new AppError('unauthenticated', WRONG);
  return { secret, principal, expiresAt: session.expires_at };
}

export async function authenticateSession(database: Database, secret: string): Promise<Principal | null> {
  const session = await findLiveSession(database.db, sha256(secret), nowIso());
  if (session === undefined) return null;
  const user = await findUser(database.db, session.user_id);
  return user === undefined ? null : principalForUser(database.db, user, { id: session.id, csrf: session.csrf_token });
}

export async function signOut(database: Database, ctx: CallContext): Promise<void> {
  const sessionId = ctx.principal?.sessionId;
  if (sessionId === null || sessionId === undefined) throw new AppError('validation_failed', 'Only a browser session can be signed out; revoke a token instead.');
  await database.db.transaction().execute(async (trx) => {
    await revokeSession(trx, sessionId, nowIso());
    await appendAudit(trx, database.kind, ctx, [{ action: 'sign_out', entity: 'session', entityId: sessionId, change: {} }]);
  });
}

/** Changes the caller's password and ends every other session of theirs. */
export async function changePassword(database: Database, ctx: CallContext, input: { currentPassword: string; newPassword: string }): Promise<{ endedSessions: number }> {
  const principal = ctx.principal;
  if (principal === null) throw new AppError('unauthenticated', 'Sign in first.');
  const user = await findUser(database.db, principal.userId);
  if (user === undefined || user.password_hash === null || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw invalid([{ path: '/currentPassword', message: 'is not your current password' }]);
  }
  if (input.newPassword === input.currentPassword) throw invalid([{ path: '/newPassword', message: 'must differ from the current password' }]);
  const hash = await hashPassword(input.newPassword);
  return database.db.transaction().execute(async (trx) => {
    const at = nowIso();
    if (!(await updateUser(trx, user.id, user.version, { password_hash: hash, updated_at: at, version: user.version + 1 }))) throw new AppError('version_conflict', 'Your account changed meanwhile; try again.');
    const endedSessions = await revokeSessions(trx, user.id, principal.sessionId, at);
    await appendAudit(trx, database.kind, ctx, [{ action: 'change_password', entity: 'user', entityId: user.id, change: { endedSessions } }]);
    return { endedSessions };
  });
}

/** Sets a password from the command line (--password-stdin); ends the user's sessions. */
export async function setPassword(database: Database, ctx: CallContext, email: string, password: string): Promise<void> {
  if (password.length < 12) throw invalid([{ path: '/password', message: 'must be at least 12 characters' }]);
  const user = await findUserByEmail(database.db, normaliseEmail(email));
  if (user === undefined) throw new AppError('not_found', `No user with email ${email}.`);
  const hash = await hashPassword(password);
  await database.db.transaction().execute(async (trx) => {
    const at = nowIso();
    await updateUser(trx, user.id, user.version, { password_hash: hash, updated_at: at, version: user.version + 1 });
    await revokeSessions(trx, user.id, null, at);
    await appendAudit(trx, database.kind, ctx, [{ action: 'set_password', entity: 'user', entityId: user.id, change: {} }]);
  });
}
