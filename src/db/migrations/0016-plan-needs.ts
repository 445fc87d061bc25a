import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Allocation plans meet needs (issue 17 item 3): a draft plan can be discarded, keeping its record with who set
 * it aside, when and why. The needs a plan serves live in its JSON (problem snapshot and assignments), and the
 * shipment lines it creates already carry `need_id`, so nothing else changes in the schema.
 */
export function planNeeds(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('energy_plans').addColumn('discarded_by', 'text').execute();
      await db.schema.alterTable('energy_plans').addColumn('discarded_at', 'text').execute();
      await db.schema.alterTable('energy_plans').addColumn('discard_reason', 'text').execute();
    },
  };
}
