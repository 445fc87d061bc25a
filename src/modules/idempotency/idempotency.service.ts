import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { findKey, storeKey } from './idempotency.repository.js';

export interface Replay {
  status: number;
  body: string;
}

export const bodyHash = (method: string, url: string, body: unknown): string =>
  createHash('sha256').update(`${method} ${url}\n${JSON.stringify(body ?? null)}`).digest('hex');

/**
 * DESIGN §7: the same key with the same request returns the first answer; the
 * same key with a different request is a conflict. Keys are per caller, so one
 * caller's key never answers another's request.
 */
export async function replayFor(database: Database, scope: string, key: string, hash: string): Promise<Replay | undefined> {
  const row = await findKey(database.db, scope, key);
  if (row === undefined) return undefined;
  if (row.body_hash !== hash) throw new AppError('idempotency_conflict', `Idempotency-Key "${key}" was already used with a different request.`);
  return { status: row.status, body: row.response };
}

export async function remember(database: Database, scope: string, key: string, hash: string, answer: Replay): Promise<void> {
  await storeKey(database.db, { scope, key, body_hash: hash, status: answer.status, response: answer.body, created_at: nowIso() });
}
