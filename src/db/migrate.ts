import { Migrator, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';
import { foundation } from './migrations/0001-foundation.js';
import { access } from './migrations/0002-access.js';
import { monitoring } from './migrations/0003-monitoring.js';
import { energy } from './migrations/0004-energy.js';
import { funding } from './migrations/0005-funding.js';
import { supply } from './migrations/0006-supply.js';
import { partnerships } from './migrations/0007-partnerships.js';
import { monitoringReview } from './migrations/0008-monitoring-review.js';
import { assets } from './migrations/0009-assets.js';
import { areaStatus } from './migrations/0011-area-status.js';
import { needsLife } from './migrations/0012-needs-life.js';
import { auditCheckpoints } from './migrations/0013-audit-checkpoints.js';
import { iatiWhole } from './migrations/0014-iati-whole.js';
import { followThrough } from './migrations/0015-follow-through.js';
import { planNeeds } from './migrations/0016-plan-needs.js';
import { reportingPeriods } from './migrations/0017-reporting-periods.js';
import { reportReview } from './migrations/0018-report-review.js';
import { notifications } from './migrations/0019-notifications.js';
import { fundingRollups } from './migrations/0020-funding-rollups.js';
import { organizationNameJa } from './migrations/0021-organization-name-ja.js';
import { jobs } from './migrations/0022-jobs.js';
import { syncReasonCodes } from './migrations/0023-sync-reason-codes.js';
import { facilityListFilters } from './migrations/0024-facility-list-filters.js';

function migratorFor(database: Database): Migrator {
  const migrations = {
    '0001-foundation': foundation(database.kind),
    '0002-access': access(),
    '0003-monitoring': monitoring(database.kind),
    '0004-energy': energy(database.kind),
    '0005-funding': funding(database.kind),
    '0006-supply': supply(database.kind),
    '0007-partnerships': partnerships(database.kind),
    '0008-monitoring-review': monitoringReview(),
    '0009-assets': assets(database.kind),
    '0011-area-status': areaStatus(),
    '0012-needs-life': needsLife(),
    '0013-audit-checkpoints': auditCheckpoints(),
    '0014-iati-whole': iatiWhole(),
    '0015-follow-through': followThrough(),
    '0016-plan-needs': planNeeds(),
    '0017-reporting-periods': reportingPeriods(),
    '0018-report-review': reportReview(),
    '0019-notifications': notifications(),
    '0020-funding-rollups': fundingRollups(database.kind),
    '0021-organization-name-ja': organizationNameJa(),
    '0022-jobs': jobs(),
    '0023-sync-reason-codes': syncReasonCodes(),
    '0024-facility-list-filters': facilityListFilters(database.kind),
  };
  return new Migrator({ db: database.db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

async function run(migrate: Promise<MigrationResultSet>): Promise<string[]> {
  const { error, results } = await migrate;
  if (error !== undefined) throw error instanceof Error ? error : new Error(`Migration failed: ${JSON.stringify(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up to date; safe to run at every start (PostgreSQL takes a lock, SQLite is single-writer). */
export async function migrateToLatest(database: Database): Promise<string[]> {
  return run(migratorFor(database).migrateToLatest());
}

/** Brings the schema up to one named migration (tests of a migration build the database as it was before it). */
export async function migrateUpTo(database: Database, name: string): Promise<string[]> {
  return run(migratorFor(database).migrateTo(name));
}
