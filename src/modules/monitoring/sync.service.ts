import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { actorOf, type CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { AppError } from '../../errors.js';
import { nowIso } from '../../ids.js';
import { sendToInbox } from './sync.inbox-store.js';
import { bodyProblems, storeRecord, type SyncSettings } from './sync.kinds.js';
import { findSyncRecord, insertSyncRecord } from './sync.repository.js';
import type { SyncBatch, SyncResult } from './sync.schema.js';
import { raiseSyncRefusals } from '../events/events.js';
import { withTransaction } from '../../db/transaction.js';

/** JSON with keys sorted at every level: the same record hashes the same whatever order the phone wrote it in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
const hashOf = (kind: string, body: unknown): string => createHash('sha256').update(canonical({ kind, body })).digest('hex');

type SyncRecord = SyncBatch['records'][number];
const result = (clientId: string, status: number, id: string | null, detail: string | null = null, errors: SyncResult['errors'] = []): SyncResult => ({ clientId, status, id, detail, errors });

/** Replays the first answer for the same body; a different body goes to the review inbox (in this transaction) as a 409. */
async function replayOrConflict(trx: Transaction<DB>, database: Database, ctx: CallContext, record: SyncRecord, hash: string): Promise<SyncResult | undefined> {
  const known = await findSyncRecord(trx, record.clientId);
  if (known === undefined) return undefined;
  if (known.body_hash === hash && known.kind === record.kind) {
    return result(record.clientId, known.status, known.result_id, known.status === 202 ? 'already received' : 'already received; it was sent to the review inbox');
  }
  await sendToInbox(trx, database, ctx, record, { code: 'client_id_reused', params: { record: record.kind } });
  return result(record.clientId, 409, known.result_id, 'a different body was already received under this client id; sent to the review inbox');
}

/** One record in its own transaction: replayed, refused, stored, or sent to the inbox, with its answer recorded for replays. */
async function syncRecord(database: Database, ctx: CallContext, record: SyncRecord, hash: string, settings: SyncSettings): Promise<SyncResult> {
  return withTransaction(database, async (trx, joined) => {
    const earlier = await replayOrConflict(trx, database, ctx, record, hash);
    if (earlier !== undefined) return earlier;
    // Validation may fill defaults, so it works on a copy; the hash is of what was sent.
    const body = structuredClone(record.body);
    const errors = bodyProblems(record.kind, body);
    if (errors.length > 0) return result(record.clientId, 400, null, 'the record is not valid', errors);
    const outcome = await storeRecord(trx, joined, ctx, record.kind, body, record.clientId, settings);
    await insertSyncRecord(trx, { client_id: record.clientId, kind: record.kind, body_hash: hash, result_id: outcome.id, status: outcome.status, actor: actorOf(ctx), received_at: nowIso() });
    return result(record.clientId, outcome.status, outcome.id, outcome.detail);
  });
}

/**
 * Takes a batch of offline records. Each record runs in its own transaction, so a bad one is refused
 * alone (reported by its client id) while the good ones are stored; the client id becomes the record's
 * id (and the key of its recorded answer), so a record can never be stored twice, even by two batches
 * racing on PostgreSQL.
 */
export async function syncBatch(database: Database, ctx: CallContext, batch: SyncBatch, settings: SyncSettings): Promise<SyncResult[]> {
  const results: SyncResult[] = [];
  for (const record of batch.records) {
    const hash = hashOf(record.kind, record.body);
    try {
      results.push(await syncRecord(database, ctx, record, hash, settings));
    } catch (e) {
      // A record that lost a race for a version (a facility edit, a unit's condition, a receipt on the same
      // shipment): run it again, against the version that won (an edit or condition then goes to the inbox).
      if (e instanceof AppError && e.code === 'version_conflict') {
        results.push(await syncRecord(database, ctx, record, hash, settings).catch((again: unknown) => refusal(record, again)));
        continue;
      }
      if (e instanceof AppError) {
        results.push(refusal(record, e));
        continue;
      }
      // A concurrent batch stored the same client id first: answer as a repeat would.
      const again = await withTransaction(database, (trx) => replayOrConflict(trx, database, ctx, record, hash));
      if (again === undefined) throw e;
      results.push(again);
    }
  }
  await raiseSyncRefusals(database, ctx, batch.records, results);
  return results;
}

/**
 * A record the server refuses. 409 in a sync answer means "kept in the review inbox", so a refusal for the
 * state of things (not enough stock, a shipment already received, a donation rule) answers 422: the phone
 * keeps it as failed, with the reason, for the user to correct or delete.
 */
function refusal(record: SyncRecord, e: unknown): SyncResult {
  if (!(e instanceof AppError)) throw e;
  return result(record.clientId, e.status === 409 ? 422 : e.status, null, e.detail, e.extra.errors ?? []);
}
