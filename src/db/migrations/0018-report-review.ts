import type { Kysely, Migration } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Review of status reports and incidents (issue 15 item 2), beside 0008's review of the sync inbox (which decides
 * what becomes of a conflicting offline record, not whether a stored report is right).
 *
 * One row per reviewed report, keyed by (kind, report_id), in its own table so the report series stays
 * append-only and its hot indexes (indicators "as of") are untouched. A report without a row is `new`: existing
 * reports (millions on a demo database) need no backfill and stay `new`, because nobody has checked them;
 * marking history `validated` would claim a review that never happened and make `validatedOnly` mean nothing.
 */
export function reportReview(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('report_reviews')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('report_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('corrects', 'text')
        .addColumn('corrected_by', 'text')
        .addColumn('comment', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addPrimaryKeyConstraint('report_reviews_pk', ['kind', 'report_id'])
        .execute();
      // The queue for a state other than `new` starts from this index; validatedOnly indicators probe the primary key.
      await db.schema.createIndex('report_reviews_kind_state').on('report_reviews').columns(['kind', 'state', 'report_id']).execute();
      await db.schema.createIndex('report_reviews_corrects').on('report_reviews').column('corrects').execute();
    },
  };
}
