import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Signed checkpoints of the audit chain (issue 12): the head (seq, hash) every N events and on demand,
 * with an HMAC whose key lives outside the database, so cutting the log's tail or recomputing the chain
 * is caught. Append-only, like audit_events.
 */
export function auditCheckpoints(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('audit_checkpoints')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('mac', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
