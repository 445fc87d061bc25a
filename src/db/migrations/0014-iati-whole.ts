import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * IATI activities taken whole (issue 18): a project keeps what its IATI file
 * had beyond our model (JSON: the verbatim fragments and attributes with their
 * position), and a transaction its own date apart from the value date. Both
 * are null for what was entered here (a transaction's date is then its value date).
 */
export function iatiWhole(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('projects').addColumn('iati_source', 'text').execute();
      await db.schema.alterTable('transactions').addColumn('transaction_date', 'text').execute();
    },
  };
}
