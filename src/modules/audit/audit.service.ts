import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import { actorOf, type CallContext } from '../../context.js';
import type { Database } from '../../db/database.js';
import type { Keyset, PageRequest } from '../../db/pagination.js';
import type { AuditCheckpointsTable, DB } from '../../db/tables.js';
import { nowIso } from '../../ids.js';
import { auditSigning, checkpointMac, type AuditCheckpoint } from './audit.checkpoints.js';
import { GENESIS_HASH, hashOf } from './audit.hash.js';
import { actorsOf, insertCheckpoints, insertEvents, listEvents, lockHead, type AuditRow } from './audit.repository.js';
import type { AuditEvent, AuditFilters } from './audit.schema.js';
import { withTransaction } from '../../db/transaction.js';

export { GENESIS_HASH } from './audit.hash.js';
export { verifyAudit, type AuditVerdict, type VerifyOptions } from './audit.verify.js';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  /** Before/after of the changed fields, or the created record. */
  change: unknown;
}

/**
 * Appends events to the hash chain; call inside the write's own transaction. With a key configured, an
 * event whose seq is a multiple of CAREBRIDGE_AUDIT_CHECKPOINT_EVERY gets a signed checkpoint in the same
 * transaction, so no committed event ever misses the checkpoint due to it.
 */
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
  const { key, every } = auditSigning();
  if (key !== undefined) {
    const checkpoints: AuditCheckpointsTable[] = rows.filter((r) => r.seq % every === 0).map((r) => ({ seq: r.seq, hash: r.hash, mac: checkpointMac(key, r.seq, r.hash), at }));
    await insertCheckpoints(trx, checkpoints);
  }
}

/**
 * Seals the chain's current head: with a key, signs it and stores the checkpoint; without one, only
 * reports the head (an unsigned checkpoint in the database would prove nothing). The caller prints it for
 * the operator to keep outside the database. Not itself an audit event: an event would move the head it seals.
 */
export async function takeCheckpoint(database: Database, key: string | undefined): Promise<AuditCheckpoint> {
  return withTransaction(database, async (trx) => {
    // Taking the head's lock keeps a concurrent write from slipping in between reading and signing it.
    const head = await lockHead(trx, database.kind);
    const seq = head?.seq ?? 0;
    const hash = head?.hash ?? GENESIS_HASH;
    const at = nowIso();
    if (key === undefined) return { seq, hash, mac: null, at };
    const checkpoint = { seq, hash, mac: checkpointMac(key, seq, hash), at };
    await insertCheckpoints(trx, [checkpoint]);
    return checkpoint;
  });
}

/** Newest first: the chain's sequence number, highest first (it is unique, so it is its own tie-break). */
export const AUDIT_ORDER: Keyset<AuditRow> = { key: '-seq', valueOf: (r) => r.seq, idOf: (r) => String(r.seq) };

/** Events in AUDIT_ORDER for the admin's audit page: `page.limit + 1` after `page.after`. */
export async function listAuditEvents(db: Kysely<DB>, filters: AuditFilters, page: PageRequest): Promise<AuditRow[]> {
  return listEvents(db, { ...filters, ...(page.after === undefined ? {} : { beforeSeq: Number(page.after.value) }) }, page.limit);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user a sign-in names in its change (it is logged before there is a principal, under the request's id). */
function signedInUser(row: AuditRow): string | undefined {
  if (row.action !== 'sign_in') return undefined;
  const change = JSON.parse(row.change) as { userId?: unknown };
  return typeof change.userId === 'string' ? change.userId : undefined;
}

/**
 * A page of events for the reader: each actor named (the user's name and roles, joined in one query for the
 * page), or said to be the system (demo, notifications) or a request without a user. The chain keeps only the
 * actor string it was hashed with.
 */
export async function presentAuditEvents(db: Kysely<DB>, rows: readonly AuditRow[]): Promise<AuditEvent[]> {
  const emails = [...new Set(rows.map((r) => r.actor).filter((a): a is string => a !== null && a.includes('@')))];
  const userIds = [...new Set(rows.map(signedInUser).filter((id): id is string => id !== undefined))];
  const people = new Map<string, { name: string; roles: Set<string> }>();
  for (const u of await actorsOf(db, emails, userIds)) {
    const person = people.get(u.id) ?? { name: u.name, roles: new Set<string>() };
    if (u.role !== null) person.roles.add(u.role);
    people.set(u.id, person);
    people.set(u.email, person);
  }
  return rows.map((r) => {
    const person = people.get(signedInUser(r) ?? r.actor ?? '');
    const actorKind = person !== undefined || (r.actor ?? '').includes('@') ? 'user' : r.actor === null || UUID.test(r.actor) ? 'anonymous' : 'system';
    return {
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      actorName: person?.name ?? null,
      actorRoles: [...(person?.roles ?? [])].sort(),
      actorKind,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      change: JSON.parse(r.change) as unknown,
      requestId: r.request_id,
      hash: r.hash,
    };
  });
}
