import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import { actorOf, type CallContext } from '../../context.js';
import type { DB } from '../../db/tables.js';
import { nowIso } from '../../ids.js';
import { eventsAfter, insertEvents, listEvents, lockHead, type AuditRow } from './audit.repository.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  /** Before/after of the changed fields, or the created record. */
  change: unknown;
}

function hashOf(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(JSON.stringify([row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.change, row.request_id]))
    .digest('hex');
}

/** Appends events to the hash chain; call inside the write's own transaction. */
export async function appendAudit(trx: Kysely<DB>, kind: DatabaseKind, ctx: CallContext, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const head = await lockHead(trx, kind);
  let seq = head?.seq ?? 0;
  let prev = head?.hash ?? GENESIS_HASH;
  const at = nowIso();
  const rows: AuditRow[] = [];
  for (const entry of entries) {
    seq += 1;
    const row = {
      seq,
      at,
      actor: actorOf(ctx),
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      change: JSON.stringify(entry.change),
      request_id: ctx.requestId,
    };
    const hash = hashOf(prev, row);
    rows.push({ ...row, prev_hash: prev, hash });
    prev = hash;
  }
  await insertEvents(trx, rows);
}

export type AuditVerdict = { ok: true; count: number } | { ok: false; count: number; brokenSeq: number; reason: string };

/**
 * Walks the whole chain. A changed row fails its own hash, a deleted row leaves
 * a gap in seq, a reordered row no longer links to its predecessor.
 */
export async function verifyAudit(db: Kysely<DB>): Promise<AuditVerdict> {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let count = 0;
  for (;;) {
    const batch = await eventsAfter(db, expectedSeq - 1, 5000);
    if (batch.length === 0) return { ok: true, count };
    for (const row of batch) {
      if (row.seq !== expectedSeq) return { ok: false, count, brokenSeq: expectedSeq, reason: `event ${expectedSeq} is missing (next present is ${row.seq})` };
      if (row.prev_hash !== prev) return { ok: false, count, brokenSeq: row.seq, reason: `event ${row.seq} does not link to event ${row.seq - 1}` };
      const { hash, prev_hash: _prev, ...rest } = row;
      if (hashOf(prev, rest) !== hash) return { ok: false, count, brokenSeq: row.seq, reason: `event ${row.seq} was altered (hash mismatch)` };
      prev = hash;
      expectedSeq += 1;
      count += 1;
    }
  }
}

export type AuditFilter = Parameters<typeof listEvents>[1];

/** Events newest first for the admin's audit page. */
export async function listAuditEvents(db: Kysely<DB>, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
  return listEvents(db, filter, limit);
}
