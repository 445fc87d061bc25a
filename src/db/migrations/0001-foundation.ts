import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import { OBLASTS } from '../../modules/geography/oblasts.js';

// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** Areas (with the 27 first-level units), organisations, facilities and their history, audit and idempotency. */
export function foundation(kind: DatabaseKind): Migration {
  const float = kind === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('areas')
        .addColumn('katottg', 'text', (c) => c.primaryKey())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('parent_katottg', 'text', (c) => c.references('areas.katottg'))
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('iso3166_2', 'text', (c) => c.unique())
        .addColumn('pcode', 'text', (c) => c.unique())
        .addColumn('name_uk', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text')
        .addColumn('geometry', 'text')
        .execute();
      await db.schema.createIndex('areas_path').on('areas').column('path').execute();
      await db.schema.createIndex('areas_parent').on('areas').column('parent_katottg').execute();
      await db
        .insertInto('areas')
        .values(
          OBLASTS.map((o) => ({
            katottg: o.katottg,
            level: 1,
            parent_katottg: null,
            path: `${o.katottg}/`,
            category: o.category,
            iso3166_2: o.iso3166_2,
            pcode: o.pcode,
            name_uk: o.nameUk,
            name_en: o.nameEn,
            geometry: null,
          })),
        )
        .execute();

      await db.schema
        .createTable('organizations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name_uk', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('country', 'text')
        .addColumn('iati_org_id', 'text', (c) => c.unique())
        .addColumn('parent_id', 'text', (c) => c.references('organizations.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('facilities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('code', 'text', (c) => c.notNull().unique())
        .addColumn('name_uk', 'text', (c) => c.notNull())
        .addColumn('name_en', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('tier', 'text', (c) => c.notNull())
        .addColumn('ownership', 'text', (c) => c.notNull())
        .addColumn('area_katottg', 'text', (c) => c.notNull().references('areas.katottg'))
        .addColumn('area_path', 'text', (c) => c.notNull())
        .addColumn('lat', float, (c) => c.notNull())
        .addColumn('lon', float, (c) => c.notNull())
        .addColumn('beds', 'integer', (c) => c.notNull())
        .addColumn('staff', 'integer', (c) => c.notNull())
        .addColumn('operator_org_id', 'text', (c) => c.references('organizations.id'))
        .addColumn('services', 'text', (c) => c.notNull())
        .addColumn('opened_on', 'text')
        .addColumn('closed_on', 'text')
        .addColumn('closed_reason', 'text')
        .addColumn('search_text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('facilities_area_path').on('facilities').columns(['area_path', 'id']).execute();
      await db.schema.createIndex('facilities_type').on('facilities').columns(['type', 'id']).execute();
      await db.schema.createIndex('facilities_name_en').on('facilities').columns(['name_en', 'id']).execute();
      await db.schema.createIndex('facilities_name_uk').on('facilities').columns(['name_uk', 'id']).execute();
      await db.schema.createIndex('facilities_beds').on('facilities').columns(['beds', 'id']).execute();
      await db.schema.createIndex('facilities_updated').on('facilities').columns(['updated_at', 'id']).execute();

      await db.schema
        .createTable('facility_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('facility_id', 'text', (c) => c.notNull().references('facilities.id'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('facility_history_facility').on('facility_history').columns(['facility_id', 'version']).execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('change', 'text', (c) => c.notNull())
        .addColumn('request_id', 'text')
        .addColumn('prev_hash', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_events_entity').on('audit_events').columns(['entity', 'entity_id']).execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer', (c) => c.notNull())
        .addColumn('response', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
    },
  };
}
