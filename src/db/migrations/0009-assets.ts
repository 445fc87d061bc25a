import type { Kysely, Migration } from 'kysely';
import type { DatabaseKind } from '../../config.js';
import { newId } from '../../ids.js';
import { DEFAULT_FUEL_CURVE } from '../../engine/fuel/fuel-model.js';
import { nearestOblast } from '../../modules/geography/oblasts.js';

// Migrations see the schema as it was when they were written, not today's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- schema-level code predates the typed tables
type AnyDb = Kysely<any>;

/** A row of `generator_assets` as 0004 made it. */
interface OldGenerator {
  id: string;
  serial: string;
  product_name: string;
  rating_kva: number;
  rating_kw: number;
  standby: number;
  fuel_type: string;
  tank_litres: number;
  status: string;
  warehouse_name: string | null;
  lat: number | null;
  lon: number | null;
  facility_id: string | null;
  donor_org_id: string | null;
  installed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

const BATCH = 400;

/** A unit's warehouse: its free-text name (or its point, unnamed) and point. */
const placeOf = (g: OldGenerator): { name: string; lat: number; lon: number } | undefined =>
  g.lat === null || g.lon === null ? undefined : { name: g.warehouse_name ?? `Warehouse at ${g.lat}, ${g.lon}`, lat: g.lat, lon: g.lon };
const placeKey = (p: { name: string; lat: number; lon: number }): string => `${p.name}|${p.lat}|${p.lon}`;

/** Catalogue products of kind generator for these model names: existing ones by name, the rest created. */
async function generatorProducts(db: AnyDb, names: readonly string[], at: string): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const r of (await db.selectFrom('products').select(['id', 'name']).where('kind', '=', 'generator').execute()) as { id: string; name: string }[]) if (!ids.has(r.name)) ids.set(r.name, r.id);
  const created = names.filter((n) => !ids.has(n)).map((name) => ({
    id: newId(), kind: 'generator', name, inn: null, atc_code: null, form: null, strength: null, unit: 'unit', pack_size: 1, gtin: null, essential: 0,
    search_text: name.toLocaleLowerCase('uk'), created_at: at, updated_at: at, version: 1,
  }));
  for (let i = 0; i < created.length; i += BATCH) await db.insertInto('products').values(created.slice(i, i + BATCH)).execute();
  for (const p of created) ids.set(p.name, p.id);
  return ids;
}

/**
 * Warehouse locations for the free-text warehouses (name and point) units waited in, one per name and point,
 * each placed in the oblast whose centre is nearest its point (no location had a point before this migration,
 * so none can be matched to one).
 */
async function warehouseLocations(db: AnyDb, places: readonly { name: string; lat: number; lon: number }[], at: string): Promise<Map<string, { id: string; area_path: string }>> {
  const out = new Map<string, { id: string; area_path: string }>();
  const paths = new Map(((await db.selectFrom('areas').select(['katottg', 'path']).where('level', '=', 1).execute()) as { katottg: string; path: string }[]).map((a) => [a.katottg, a.path]));
  for (const p of places) {
    if (out.has(placeKey(p))) continue;
    const oblast = nearestOblast(p.lat, p.lon);
    const row = { id: newId(), kind: 'warehouse', name: p.name, facility_id: null, area_katottg: oblast.katottg, area_path: paths.get(oblast.katottg) ?? `${oblast.katottg}/`, operator_org_id: null, lat: p.lat, lon: p.lon, created_at: at, updated_at: at, version: 1 };
    await db.insertInto('locations').values(row).execute();
    out.set(placeKey(p), row);
  }
  return out;
}

/**
 * One asset model for equipment and generators (DESIGN §4 "Assets"). Generator sets move from energy's
 * `generator_assets` into `assets` (same ids, so energy plans naming them stay valid) with their power data in
 * `generator_specs`; their model becomes a catalogue product of kind generator, and the warehouse they wait
 * in a warehouse location, which now holds its point (lat/lon) for the allocation problem. The installation
 * timestamp becomes the asset's installation date. Rows created here have no audit events: the migration is
 * their record, as for every row a migration writes.
 */
export function assets(kind: DatabaseKind): Migration {
  const float = kind === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('locations').addColumn('lat', float).execute();
      await db.schema.alterTable('locations').addColumn('lon', float).execute();
      await db.schema
        .createTable('generator_specs')
        .addColumn('asset_id', 'text', (c) => c.primaryKey().references('assets.id'))
        .addColumn('rating_kva', float, (c) => c.notNull())
        .addColumn('rating_kw', float, (c) => c.notNull())
        .addColumn('standby', 'integer', (c) => c.notNull())
        .addColumn('fuel_type', 'text', (c) => c.notNull())
        .addColumn('tank_litres', float, (c) => c.notNull())
        .addColumn('fuel_f0', float, (c) => c.notNull().defaultTo(DEFAULT_FUEL_CURVE.f0))
        .addColumn('fuel_f1', float, (c) => c.notNull().defaultTo(DEFAULT_FUEL_CURVE.f1))
        .execute();
      await db.schema.createIndex('assets_status').on('assets').columns(['status', 'id']).execute();

      const old = (await db.selectFrom('generator_assets').selectAll().orderBy('id').execute()) as OldGenerator[];
      if (old.length > 0) {
        const at = new Date().toISOString();
        const products = await generatorProducts(db, [...new Set(old.map((g) => g.product_name))], at);
        const places = old.flatMap((g) => { const p = placeOf(g); return p === undefined ? [] : [p]; });
        const warehouses = await warehouseLocations(db, places, at);
        const facilityIds = [...new Set(old.flatMap((g) => (g.facility_id === null ? [] : [g.facility_id])))];
        const facilityPath = new Map<string, string>();
        for (let i = 0; i < facilityIds.length; i += BATCH) {
          for (const f of (await db.selectFrom('facilities').select(['id', 'area_path']).where('id', 'in', facilityIds.slice(i, i + BATCH)).execute()) as { id: string; area_path: string }[]) facilityPath.set(f.id, f.area_path);
        }
        const assetRows = old.map((g) => {
          const place = placeOf(g);
          const warehouse = place === undefined ? undefined : warehouses.get(placeKey(place));
          return {
            id: g.id, serial: g.serial, product_id: products.get(g.product_name) as string, facility_id: g.facility_id,
            area_path: g.facility_id !== null ? (facilityPath.get(g.facility_id) ?? null) : (warehouse?.area_path ?? null),
            location_id: warehouse?.id ?? null, donor_org_id: g.donor_org_id, shipment_id: null, status: g.status, status_reason: null,
            installed_on: g.installed_at === null ? null : g.installed_at.slice(0, 10), warranty_until: null, maintenance_interval_days: null, last_maintained_on: null, next_maintenance_due: null,
            created_at: g.created_at, updated_at: g.updated_at, version: g.version,
          };
        });
        const specRows = old.map((g) => ({ asset_id: g.id, rating_kva: g.rating_kva, rating_kw: g.rating_kw, standby: g.standby, fuel_type: g.fuel_type, tank_litres: g.tank_litres, fuel_f0: DEFAULT_FUEL_CURVE.f0, fuel_f1: DEFAULT_FUEL_CURVE.f1 }));
        for (let i = 0; i < old.length; i += BATCH) {
          await db.insertInto('assets').values(assetRows.slice(i, i + BATCH)).execute();
          await db.insertInto('generator_specs').values(specRows.slice(i, i + BATCH)).execute();
        }
      }
      await db.schema.dropTable('generator_assets').execute();
    },
  };
}
