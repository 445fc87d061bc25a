import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Recorded achievements (issue 17 item 5): progress toward a target no module measures ("1000 specialists
 * trained"), one row per piece of evidence. Each names the agreement's document that proves it and who recorded
 * it; rows are never edited, so the progress shown can always be traced to its evidence.
 */
export function followThrough(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('agreement_achievements')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
        .addColumn('area', 'text', (c) => c.notNull())
        .addColumn('unit', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('achieved_on', 'text', (c) => c.notNull())
        .addColumn('document_id', 'text', (c) => c.notNull().references('agreement_documents.id'))
        .addColumn('note', 'text')
        .addColumn('recorded_by', 'text', (c) => c.notNull())
        .addColumn('recorded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('agreement_achievements_agreement').on('agreement_achievements').columns(['agreement_id', 'achieved_on', 'id']).execute();
    },
  };
}
