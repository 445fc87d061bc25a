import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/tables.js';
import { readAuditHead } from './audit.repository.js';

/**
 * A token that changes whenever any data changes: every write appends to the
 * audit log in its own transaction (DESIGN §2), so the log's head moves with
 * every commit, whichever process made it (the server or a CLI import). The
 * head's hash, not only its seq, so a restored or rebuilt database that
 * reaches the same seq with other events still gets a new token.
 */
export async function dataVersion(database: Database): Promise<string> {
  return dataVersionOf(database.db);
}

/** The same token, read on a given connection (a replica, or a reader of the caller's choosing). */
export async function dataVersionOf(db: Kysely<DB>): Promise<string> {
  const head = await readAuditHead(db);
  return head === undefined ? '0' : `${head.seq}:${head.hash}`;
}
