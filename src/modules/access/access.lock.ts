import type { CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import { AppError, notFound } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { appendAudit } from '../audit/audit.service.js';
import { findUser, findUserByEmail, updateUser, type UserRow } from './access.repository.js';
import { normaliseEmail } from './access.service.js';
import { endAccess, type EndedAccess } from './access.sessions.js';
import { withTransaction } from '../../db/transaction.js';

/** A user named by id (API) or by email (command line). */
export type UserTarget = { id: string } | { email: string };

async function findTarget(db: Database['db'], target: UserTarget): Promise<UserRow> {
  const user = 'id' in target ? await findUser(db, target.id) : await findUserByEmail(db, normaliseEmail(target.email));
  if (user === undefined) throw 'id' in target ? notFound('user', target.id) : new AppError('not_found', `No user with email ${target.email}.`);
  return user;
}

/**
 * Locks an account in one action: every session and API token of the user
 * ends and the account is disabled, so neither a stolen password nor a token
 * works until an administrator unlocks it. An administrator cannot lock
 * themself out (someone must be left to unlock).
 */
export async function lockUser(database: Database, ctx: CallContext, target: UserTarget): Promise<{ user: UserRow } & EndedAccess> {
  return withTransaction(database, async (trx) => {
    const user = await findTarget(trx, target);
    if (ctx.principal !== null && ctx.principal.userId === user.id) throw new AppError('conflict', 'You cannot lock your own account; ask another administrator.');
    const at = nowIso();
    const patch = { disabled_at: user.disabled_at ?? at, updated_at: at, version: user.version + 1 };
    if (!(await updateUser(trx, user.id, user.version, patch))) throw new AppError('version_conflict', 'The user was changed meanwhile; try again.');
    const ended = await endAccess(trx, user.id, null, at);
    await appendAudit(trx, database.kind, ctx, [{ action: 'lock', entity: 'user', entityId: user.id, change: { ...ended } }]);
    return { user: { ...user, ...patch }, ...ended };
  });
}

/** Lets a locked user sign in again. Sessions and tokens ended by the lock stay ended. */
export async function unlockUser(database: Database, ctx: CallContext, target: UserTarget): Promise<UserRow> {
  return withTransaction(database, async (trx) => {
    const user = await findTarget(trx, target);
    const at = nowIso();
    const patch = { disabled_at: null, updated_at: at, version: user.version + 1 };
    if (!(await updateUser(trx, user.id, user.version, patch))) throw new AppError('version_conflict', 'The user was changed meanwhile; try again.');
    await appendAudit(trx, database.kind, ctx, [{ action: 'unlock', entity: 'user', entityId: user.id, change: {} }]);
    return { ...user, ...patch };
  });
}
