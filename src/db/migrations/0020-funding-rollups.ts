import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import { rebuildRollups } from '../../modules/funding/rollups.service.js';
import type { DB } from '../tables.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/**
 * Funding totals kept, not recomputed (issue 14 item 2, docs/funding.md § Totals kept): each transaction's
 * conversion into every currency of presentation, and the donor, project, area and rate roll-ups that every
 * write keeps current. The backfill converts the transactions already stored. Also the indexes the hot funding
 * reads and the rate import's reconversion need on PostgreSQL (checked with EXPLAIN, docs/operations.md).
 */
export function fundingRollups(kind: DatabaseKind): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('transaction_amounts')
        .addColumn('transaction_id', 'text', (c) => c.notNull().references('transactions.id'))
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('amount', 'text')
        .addColumn('from_rate_date', 'text')
        .addColumn('to_rate_date', 'text')
        .addColumn('missing_currency', 'text')
        .addPrimaryKeyConstraint('transaction_amounts_pk', ['transaction_id', 'currency'])
        .execute();
      // Refusals name the transactions whose rate is missing: few rows, found without reading the rest.
      await db.schema.createIndex('transaction_amounts_missing').on('transaction_amounts').columns(['currency', 'missing_currency']).where('missing_currency', 'is not', null).execute();
      await db.schema
        .createTable('funding_rollups')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('sub', 'text', (c) => c.notNull())
        .addColumn('pledged', 'text', (c) => c.notNull())
        .addColumn('committed', 'text', (c) => c.notNull())
        .addColumn('disbursed', 'text', (c) => c.notNull())
        .addColumn('spent', 'text', (c) => c.notNull())
        .addColumn('received', 'text', (c) => c.notNull())
        .addColumn('transactions', 'integer', (c) => c.notNull())
        .addColumn('missing', 'integer', (c) => c.notNull())
        .addColumn('projects', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('funding_rollups_pk', ['kind', 'currency', 'key', 'sub'])
        .execute();
      // A rate import reconverts the transactions valued from its date until the next stored rate.
      await db.schema.createIndex('transactions_value_date').on('transactions').columns(['value_date']).execute();
      await db.schema.createIndex('transactions_currency_value_date').on('transactions').columns(['currency', 'value_date']).execute();
      await db.schema.createIndex('project_links_project_area').on('project_links').columns(['project_id', 'area']).execute();
      await rebuildRollups(db as Kysely<DB>, kind);
    },
  };
}
