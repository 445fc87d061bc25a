import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Why a record was kept for review, as a code and its values beside the English text (texts.schema.ts,
 * SYNC_REASON_CODES): a dismissed record's sender is told the reason in their language, not the server's English.
 * Null for entries stored before (their sender is told the English text, as then).
 */
export function syncReasonCodes(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('sync_inbox').addColumn('reason_code', 'text').execute();
      // A JSON object of the code's values (versions, a unit's serial, the record's kind).
      await db.schema.alterTable('sync_inbox').addColumn('reason_params', 'text').execute();
    },
  };
}
