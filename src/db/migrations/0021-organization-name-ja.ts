import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * An organisation's Japanese name (issue 13 item 4): Japanese readers saw every partner, the Government of Japan
 * and JICA included, in English. Optional (null for the organisations stored before, and for any without a
 * standard Japanese name); a Japanese reader sees the English name then.
 */
export function organizationNameJa(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('organizations').addColumn('name_ja', 'text').execute();
    },
  };
}
