import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';

// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** Generator assets, facility power profiles, outage levels by oblast, allocation plans. */
export function energy(kind: DatabaseKind): Migration {
  const float = kind === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('generator_assets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('serial', 'text', (c) => c.notNull().unique())
        .addColumn('product_name', 'text', (c) => c.notNull())
        .addColumn('rating_kva', float, (c) => c.notNull())
        .addColumn('rating_kw', float, (c) => c.notNull())
        .addColumn('standby', 'integer', (c) => c.notNull())
        .addColumn('fuel_type', 'text', (c) => c.notNull())
        .addColumn('tank_litres', float, (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('warehouse_name', 'text')
        .addColumn('lat', float)
        .addColumn('lon', float)
        .addColumn('facility_id', 'text', (c) => c.references('facilities.id'))
        .addColumn('donor_org_id', 'text', (c) => c.references('organizations.id'))
        .addColumn('installed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('generator_assets_facility').on('generator_assets').columns(['facility_id', 'status']).execute();
      await db.schema.createIndex('generator_assets_status').on('generator_assets').columns(['status', 'id']).execute();

      await db.schema
        .createTable('power_profiles')
        .addColumn('facility_id', 'text', (c) => c.primaryKey().references('facilities.id'))
        .addColumn('critical_load_kw', float, (c) => c.notNull())
        .addColumn('essential_load_kw', float, (c) => c.notNull())
        .addColumn('load_source', 'text', (c) => c.notNull())
        .addColumn('fuel_stock_litres', float, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('area_outages')
        .addColumn('oblast_katottg', 'text', (c) => c.primaryKey().references('areas.katottg'))
        .addColumn('outage_hours_per_day', float, (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('energy_plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('request', 'text', (c) => c.notNull())
        .addColumn('problem', 'text', (c) => c.notNull())
        .addColumn('result', 'text', (c) => c.notNull())
        .addColumn('objective', float, (c) => c.notNull())
        .addColumn('upper_bound', float, (c) => c.notNull())
        .addColumn('seconds', float, (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('executed_by', 'text')
        .addColumn('executed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('energy_plans_created').on('energy_plans').columns(['created_at', 'id']).execute();
    },
  };
}
