import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import type { AuditCheckpointsTable, AuditEventsTable, DB } from '../../db/tables.js';

export type AuditRow = AuditEventsTable;

/**
 * Takes the chain's head for this transaction. On PostgreSQL an advisory
 * transaction lock serialises writers so two transactions cannot both link
 * to the same previous event; SQLite already has a single writer.
 */
export async function lockHead(db: Kysely<DB>, kind: DatabaseKind): Promise<{ seq: number; hash: string } | undefined> {
  if (kind === 'postgres') await sql`select pg_advisory_xact_lock(424242)`.execute(db);
  return readAuditHead(db);
}

/** The newest event's seq and hash, read without a lock (one primary-key probe). */
export async function readAuditHead(db: Kysely<DB>): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : { seq: Number(row.seq), hash: row.hash };
}

export async function insertEvents(db: Kysely<DB>, rows: readonly AuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('audit_events').values(rows.slice(i, i + 500)).execute();
}

/** Events in chain order, a page at a time, so verification runs in constant memory. */
export async function eventsAfter(db: Kysely<DB>, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}


/** Stores signed checkpoints; one already stored at the same seq (the periodic one) is kept. */
export async function insertCheckpoints(db: Kysely<DB>, rows: readonly AuditCheckpointsTable[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('audit_checkpoints').values(rows).onConflict((oc) => oc.column('seq').doNothing()).execute();
}

/** Every stored checkpoint in chain order (one per N events: a few thousand at national scale). */
export async function listCheckpoints(db: Kysely<DB>): Promise<AuditCheckpointsTable[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

/**
 * The people behind a page of events, in one query: users by the email the log records as actor, or by id (a
 * sign-in is logged before there is a principal, so it names its user in the change), each with their roles.
 */
export async function actorsOf(db: Kysely<DB>, emails: readonly string[], userIds: readonly string[]): Promise<{ id: string; email: string; name: string; role: string | null }[]> {
  if (emails.length === 0 && userIds.length === 0) return [];
  return db
    .selectFrom('users')
    .leftJoin('memberships', 'memberships.user_id', 'users.id')
    .select(['users.id', 'users.email', 'users.name', 'memberships.role'])
    .where((eb) => eb.or([...(emails.length === 0 ? [] : [eb('users.email', 'in', [...emails])]), ...(userIds.length === 0 ? [] : [eb('users.id', 'in', [...userIds])])]))
    .execute();
}

/** Newest first, filtered, a page at a time (keyset on seq). */
export async function listEvents(db: Kysely<DB>, filter: { entity?: string; entityId?: string; actor?: string; action?: string; from?: string; to?: string; beforeSeq?: number }, limit: number): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_events').selectAll();
  if (filter.entity !== undefined) q = q.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) q = q.where('entity_id', '=', filter.entityId);
  if (filter.actor !== undefined) q = q.where('actor', '=', filter.actor);
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.from !== undefined) q = q.where('at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('at', '<', filter.to);
  if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
  const rows = await q.orderBy('seq', 'desc').limit(limit + 1).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
