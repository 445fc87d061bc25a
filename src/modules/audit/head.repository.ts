import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';

/** The newest event's seq and hash, read without a lock (one primary-key probe). */
export async function readAuditHead(db: Kysely<DB>): Promise<{ seq: number; hash: string } | undefined> {
  const row = await db.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : { seq: Number(row.seq), hash: row.hash };
}
